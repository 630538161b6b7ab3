//! The ENT's CAS service registry (issue 21), downloaded:
//! `GET /cas-registry/archive[?tenant=<id>]` (every format, zipped) and
//! `GET /bases/{id}/cas-registry?format=apereo|keycloak|django|csv` (one
//! base's entry). Authorised like the API (`Authorization: Bearer`), every
//! download audited, nothing cached on the way; errors as JSON with the
//! API's code and French message.

use actix_web::http::header::{
    CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE, HeaderName, HeaderValue,
};
use actix_web::{HttpRequest, HttpResponse, web};
use relais_api::{ApiError, RequestAuth};
use relais_app::cas_registry_service;
use relais_store::Caller;
use uuid::Uuid;

use super::graphql::authenticate;
use super::status_of;
use crate::startup::AppState;

/// The header giving the archive's digest (as in its `LISEZMOI.txt`).
pub const DIGEST_HEADER: &str = "x-relais-registry-digest";

#[derive(Debug, serde::Deserialize)]
pub struct ArchiveQuery {
    tenant: Option<String>,
}

#[derive(Debug, serde::Deserialize)]
pub struct BaseQuery {
    format: Option<String>,
}

async fn caller(state: &AppState, http: &HttpRequest) -> Result<Caller, ApiError> {
    match authenticate(state, http).await {
        RequestAuth::Authenticated(caller) => Ok(caller),
        RequestAuth::Anonymous => Err(ApiError::not_logged_in()),
        RequestAuth::Rejected(rejection) => Err((&rejection).into()),
    }
}

pub async fn cas_registry_archive(
    state: web::Data<AppState>,
    http: HttpRequest,
    query: web::Query<ArchiveQuery>,
) -> HttpResponse {
    let result = async {
        let caller = caller(&state, &http).await?;
        let named = query
            .tenant
            .as_deref()
            .map(Uuid::parse_str)
            .transpose()
            .map_err(|_| {
                ApiError::validation(
                    "tenant",
                    "L'opérateur indiqué (tenant) n'est pas un identifiant valide.",
                )
            })?;
        let scoped = state.store.scoped(&caller);
        let tenant = scoped.cas_registry().tenant(named)?;
        // About a second of CPU for a large tenant: admitted like the
        // GraphQL exports, per account, tenant and process.
        let _permit = state.admission.admit(&caller).await?;
        let (bytes, digest) = cas_registry_service::archive_bytes(&scoped, tenant).await?;
        let mut response = file("registre-cas-pronote.zip", "application/zip", bytes);
        // The digest of LISEZMOI.txt, for the console's « Enregistrer l'export ».
        if let Ok(value) = HeaderValue::from_str(&digest) {
            response
                .headers_mut()
                .insert(HeaderName::from_static(DIGEST_HEADER), value);
        }
        Ok::<_, ApiError>(response)
    }
    .await;
    result.unwrap_or_else(|error| error_response(&error))
}

pub async fn cas_registry_base(
    state: web::Data<AppState>,
    http: HttpRequest,
    id: web::Path<String>,
    query: web::Query<BaseQuery>,
) -> HttpResponse {
    let result = async {
        let caller = caller(&state, &http).await?;
        let id = Uuid::parse_str(&id).map_err(|_| ApiError::not_found())?;
        let scoped = state.store.scoped(&caller);
        let (name, content_type, bytes) = cas_registry_service::base_file(
            &scoped,
            relais_domain::BaseId::from(id),
            query.format.as_deref().unwrap_or("apereo"),
        )
        .await?;
        Ok::<_, ApiError>(file(&name, content_type, bytes))
    }
    .await;
    result.unwrap_or_else(|error| error_response(&error))
}

fn file(name: &str, content_type: &'static str, bytes: Vec<u8>) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, content_type))
        .insert_header((
            CONTENT_DISPOSITION,
            format!(
                "attachment; filename=\"{}\"",
                relais_app::file_vault::safe_file_name(name)
            ),
        ))
        .insert_header((CACHE_CONTROL, "no-store"))
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .body(bytes)
}

fn error_response(error: &ApiError) -> HttpResponse {
    HttpResponse::build(status_of(error.code))
        .insert_header((CACHE_CONTROL, "no-store"))
        .json(serde_json::json!({
            "code": error.code.as_str(),
            "reason": error.reason,
            "field": error.field,
            "message": error.message,
        }))
}
