use actix_web::{HttpResponse, web};
use relais_migration::{Migrator, MigratorTrait};

use crate::error::ServerError;
use crate::startup::AppState;

/// The process is alive.
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .body("ok")
}

/// The database answers and every migration is applied.
pub async fn readyz(state: web::Data<AppState>) -> Result<HttpResponse, ServerError> {
    state
        .store
        .ping()
        .await
        .map_err(|_| ServerError::Unavailable("la base de données ne répond pas".into()))?;
    let pending = Migrator::get_pending_migrations(state.store.connection())
        .await
        .map_err(|_| ServerError::Unavailable("état des migrations illisible".into()))?;
    if !pending.is_empty() {
        return Err(ServerError::Unavailable(format!(
            "{} migration(s) en attente : lancez `relais migrate`",
            pending.len()
        )));
    }
    Ok(HttpResponse::Ok().json(serde_json::json!({ "status": "ready" })))
}
