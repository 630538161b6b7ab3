//! `GET /metrics`: the Prometheus registry. Open outside the production
//! profile; in it, behind `metrics.token` (bearer) or on the separate
//! `metrics.address` listener only (issue 13).

use std::sync::Arc;

use actix_web::http::header::{AUTHORIZATION, CONTENT_TYPE, WWW_AUTHENTICATE};
use actix_web::{HttpRequest, HttpResponse, web};
use secrecy::{ExposeSecret, SecretString};
use sha2::{Digest, Sha256};

use chrono::Utc;
use relais_store::{OutboxStatus, Store};

use crate::metrics::{Metrics, OutboxBacklog};
use crate::readiness::Readiness;
use crate::startup::AppState;

/// Who may read `/metrics` on a listener.
#[derive(Clone)]
pub struct MetricsAccess {
    /// SHA-256 of the bearer token, compared digest to digest.
    token: Option<[u8; 32]>,
    /// Without a token: served to anyone (outside the production profile,
    /// or on the separate listener).
    open_without_token: bool,
}

impl MetricsAccess {
    pub fn new(token: Option<&SecretString>, open_without_token: bool) -> Self {
        Self {
            token: token.map(|token| Sha256::digest(token.expose_secret().as_bytes()).into()),
            open_without_token,
        }
    }

    fn allows(&self, http: &HttpRequest) -> bool {
        let Some(expected) = self.token else {
            return self.open_without_token;
        };
        let presented = http
            .headers()
            .get(AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "))
            .map(|token| -> [u8; 32] { Sha256::digest(token.trim().as_bytes()).into() });
        presented == Some(expected)
    }
}

pub async fn metrics(
    metrics: web::Data<Metrics>,
    state: web::Data<AppState>,
    readiness: web::Data<Arc<Readiness>>,
    access: web::Data<MetricsAccess>,
    http: HttpRequest,
) -> HttpResponse {
    if !access.allows(&http) {
        return HttpResponse::Unauthorized()
            .insert_header((WWW_AUTHENTICATE, "Bearer"))
            .insert_header((CONTENT_TYPE, "text/plain; charset=utf-8"))
            .body("Métriques protégées : présentez le jeton configuré (metrics.token) dans l'en-tête Authorization: Bearer, ou lisez-les sur l'adresse dédiée (metrics.address).");
    }
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
