//! Errors of the server process and their HTTP status.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use relais_api::ApiError;
use relais_app::AppError;
use relais_store::StoreError;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum ServerError {
    #[error("configuration invalide : {0}")]
    Config(String),
    #[error("base de données : {0}")]
    Store(#[from] StoreError),
    #[error("migrations : {0}")]
    Migration(#[from] sea_orm::DbErr),
    #[error("entrée/sortie : {0}")]
    Io(#[from] std::io::Error),
    #[error("{}", .0.message)]
    App(AppError),
    #[error("service indisponible : {0}")]
    Unavailable(String),
}

impl From<AppError> for ServerError {
    fn from(err: AppError) -> Self {
        ServerError::App(err)
    }
}

impl From<ApiError> for ServerError {
    fn from(ApiError(err): ApiError) -> Self {
        ServerError::App(err)
    }
}

impl ResponseError for ServerError {
    fn status_code(&self) -> StatusCode {
        match self {
            ServerError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let message = match self {
            ServerError::Unavailable(reason) => reason.clone(),
            _ => "Erreur interne".to_owned(),
        };
        HttpResponse::build(self.status_code())
            .json(serde_json::json!({ "status": "error", "message": message }))
    }
}
