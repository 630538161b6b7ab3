//! HTTP routes.

mod cas_registry;
mod fiche;
mod files;
mod graphiql;
mod graphql;
mod health;
mod live;
mod metrics;
mod password;
mod session;

pub use cas_registry::{cas_registry_archive, cas_registry_base};
pub use fiche::fiche;
pub use files::download_file;
pub use graphiql::{graphiql, graphiql_asset};
pub use graphql::{graphql, graphql_get};
pub use health::{healthz, readyz};
pub use live::live;
pub use metrics::{MetricsAccess, metrics};
pub use password::{reset_form, reset_submit};
pub use session::{logout as session_logout, refresh as session_refresh, sign_in};

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use actix_web::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use relais_api::ErrorCode;

/// A French HTML page rendered by its askama template
/// (`backend/server/templates/pages/`), never cached. The templates print
/// strings only, so rendering cannot fail in practice; if it ever did, the
/// error is logged and the page says so.
pub(crate) fn html_page(status: StatusCode, page: &impl askama::Template) -> HttpResponse {
    let body = page.render().unwrap_or_else(|err| {
        tracing::error!(error = %err, "page HTML : rendu du modèle impossible");
        String::from(
            "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Relais</title></head>\
             <body><p>Cette page n'a pas pu être affichée. Réessayez ou contactez l'assistance.</p></body></html>",
        )
    });
    HttpResponse::build(status)
        .insert_header((CONTENT_TYPE, "text/html; charset=utf-8"))
        .insert_header((CACHE_CONTROL, "no-store"))
        .body(body)
}

/// The HTTP status of an API error code, for the non-GraphQL routes.
pub(crate) fn status_of(code: ErrorCode) -> StatusCode {
    match code {
        ErrorCode::Unauthenticated => StatusCode::UNAUTHORIZED,
        ErrorCode::Forbidden => StatusCode::FORBIDDEN,
        ErrorCode::NotFound => StatusCode::NOT_FOUND,
        ErrorCode::Validation | ErrorCode::InvalidFile => StatusCode::BAD_REQUEST,
        ErrorCode::Conflict => StatusCode::CONFLICT,
        ErrorCode::RateLimited => StatusCode::TOO_MANY_REQUESTS,
        ErrorCode::Upstream => StatusCode::BAD_GATEWAY,
        ErrorCode::StorageUnavailable | ErrorCode::Timeout => StatusCode::SERVICE_UNAVAILABLE,
        ErrorCode::Internal => StatusCode::INTERNAL_SERVER_ERROR,
    }
}
