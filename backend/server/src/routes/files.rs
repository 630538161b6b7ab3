//! `GET /files/{id}/download`: a stored file, decrypted on the fly and
//! streamed, authorised like the API (`Authorization: Bearer`). Every
//! download is audited; nothing is cached on the way.

use actix_web::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use actix_web::{HttpRequest, HttpResponse, web};
use futures_util::StreamExt;
use relais_app::AppError;
use relais_app::auth::RequestAuth;
use relais_app::file_vault::Download;

use super::graphql::authenticate;
use super::status_of;
use crate::startup::AppState;

pub async fn download_file(
    state: web::Data<AppState>,
    http: HttpRequest,
    id: web::Path<String>,
) -> HttpResponse {
    match download(&state, &http, &id).await {
        Ok(response) => response,
        Err(error) => error_response(&error),
    }
}

async fn download(
    state: &AppState,
    http: &HttpRequest,
    id: &str,
) -> Result<HttpResponse, AppError> {
    let caller = match authenticate(state, http).await {
        RequestAuth::Authenticated(caller) => caller,
        RequestAuth::Anonymous => return Err(AppError::not_logged_in()),
        RequestAuth::Rejected(rejection) => return Err((&rejection).into()),
    };
    let Download { row, content } = state
        .vault
        .download(state.store.scoped(&caller), id)
        .await?;
    let body = content.map(|chunk| {
        chunk.map_err(|err| actix_web::error::ErrorInternalServerError(err.to_string()))
    });
    Ok(HttpResponse::Ok()
        .insert_header((
            CONTENT_TYPE,
            if row.kind == relais_store::FileKind::TicketAttachment {
                "application/octet-stream"
            } else {
                "application/xml"
            },
        ))
        .insert_header((
            CONTENT_DISPOSITION,
            format!(
                "attachment; filename=\"{}\"",
                relais_app::file_vault::safe_file_name(&row.file_name)
            ),
        ))
        .insert_header((CACHE_CONTROL, "no-store"))
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .streaming(body))
}

fn error_response(error: &AppError) -> HttpResponse {
    HttpResponse::build(status_of(error.code))
        .insert_header((CACHE_CONTROL, "no-store"))
        .json(serde_json::json!({
            "code": error.code.as_str(),
            "reason": error.reason,
            "message": error.message,
        }))
}
