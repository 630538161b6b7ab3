use std::sync::Arc;

use actix_web::{HttpResponse, web};
use chrono::Utc;
use relais_store::{OutboxStatus, Store};

use crate::metrics::{Metrics, OutboxBacklog};
use crate::readiness::Readiness;
use crate::startup::AppState;

pub async fn metrics(
    metrics: web::Data<Metrics>,
    state: web::Data<AppState>,
    readiness: web::Data<Arc<Readiness>>,
) -> HttpResponse {
    // Without a database (or before the migrations) the rest still renders.
    let backlog = if readiness.schema_current() {
        outbox_backlog(&state.store).await
    } else {
        None
    };
    metrics.observe(&readiness, backlog);
    HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(metrics.render(state.store.statements_executed()))
}

async fn outbox_backlog(store: &Store) -> Option<OutboxBacklog> {
    let outbox = store.outbox();
    let now = Utc::now();
    let read = async {
        Ok::<_, relais_store::StoreError>(OutboxBacklog {
            pending: outbox.count(OutboxStatus::Pending).await?,
            failed: outbox.count(OutboxStatus::Failed).await?,
            due_lag_seconds: outbox
                .oldest_due(now)
                .await?
                .map_or(0, |due| (now - due).num_seconds().max(0)),
        })
    };
    match read.await {
        Ok(backlog) => Some(backlog),
        Err(error) => {
            tracing::warn!(error = %error, "outbox backlog unreadable for the metrics");
            None
        }
    }
}
