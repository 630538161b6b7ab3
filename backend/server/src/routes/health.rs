use std::sync::Arc;

use actix_web::{HttpResponse, web};

use crate::error::ServerError;
use crate::readiness::Readiness;
use crate::startup::AppState;

/// The process is alive.
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .body("ok")
}

/// Ready for traffic: not shutting down, the database answers, and every
/// migration this binary knows is applied (migrations of a newer release
/// are fine: expand/contract, docs/operations.md).
pub async fn readyz(
    state: web::Data<AppState>,
    readiness: web::Data<Arc<Readiness>>,
) -> Result<HttpResponse, ServerError> {
    if readiness.draining() {
        return Err(ServerError::Unavailable("arrêt en cours".into()));
    }
    state
        .store
        .ping()
        .await
        .map_err(|_| ServerError::Unavailable("la base de données ne répond pas".into()))?;
    let status = state
        .store
        .schema_status::<relais_migration::Migrator>()
        .await
        .map_err(|_| ServerError::Unavailable("état des migrations illisible".into()))?;
    readiness.set_schema_current(status.is_current());
    if !status.is_current() {
        return Err(ServerError::Unavailable(format!(
            "{} migration(s) en attente : lancez `relais migrate`",
            status.pending.len()
        )));
    }
    Ok(HttpResponse::Ok().json(serde_json::json!({ "status": "ready" })))
}
