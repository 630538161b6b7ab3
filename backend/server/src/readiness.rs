//! Whether this process should receive traffic: the database schema is the
//! one its binary expects, and it is not shutting down.
//!
//! Several replicas share one database (docs/operations.md, "Upgrades"):
//! the migration Job (`relais migrate`) brings the schema forward, and
//! replicas run with `database.run_migrations = false`. A replica whose
//! migrations are not all applied yet stays unready and refuses requests
//! until they are; a replica whose binary is older than the schema (the
//! previous release during a rolling upgrade) keeps serving, which the
//! expand/contract rule makes safe.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::ConnectionType;
use actix_web::middleware::Next;
use actix_web::{HttpResponse, web};
use relais_migration::Migrator;
use relais_store::Store;

/// Shared by the routes, the job runner and the shutdown sequence.
#[derive(Debug, Default)]
pub struct Readiness {
    draining: AtomicBool,
    schema_current: AtomicBool,
}

impl Readiness {
    pub fn new(schema_current: bool) -> Arc<Self> {
        Arc::new(Self {
            draining: AtomicBool::new(false),
            schema_current: AtomicBool::new(schema_current),
        })
    }

    /// Shutdown began: `/readyz` answers 503 from now on.
    pub fn start_draining(&self) {
        self.draining.store(true, Ordering::SeqCst);
    }

    pub fn draining(&self) -> bool {
        self.draining.load(Ordering::SeqCst)
    }

    /// Every migration this binary knows is applied.
    pub fn schema_current(&self) -> bool {
        self.schema_current.load(Ordering::SeqCst)
    }

    pub(crate) fn set_schema_current(&self, current: bool) {
        self.schema_current.store(current, Ordering::SeqCst);
    }
}

/// Where the database schema stands against this binary's migrations.
/// Says once, clearly, why this replica does not serve, then checks the
/// schema every `every` until the migrations are applied.
pub fn watch_schema(
    store: Store,
    readiness: Arc<Readiness>,
    every: Duration,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut told = false;
        loop {
            match store.schema_status::<Migrator>().await {
                Ok(status) if status.is_current() => {
                    readiness.set_schema_current(true);
                    if told {
                        tracing::info!("database migrations applied: this replica now serves");
                    }
                    return;
                }
                Ok(status) => {
                    readiness.set_schema_current(false);
                    if !told {
                        tracing::error!(
                            pending = ?status.pending,
                            "{} database migration(s) pending and database.run_migrations = false: \
                             this replica answers 503 (and /readyz is unready) until `relais migrate` \
                             has run",
                            status.pending.len()
                        );
                        told = true;
                    }
                }
                Err(error) => {
                    tracing::warn!(error = %error, "migration status unreadable; checking again")
                }
            }
            tokio::time::sleep(every).await;
        }
    })
}

/// Paths served whatever the schema: probes and metrics.
const ALWAYS_SERVED: [&str; 3] = ["/healthz", "/readyz", "/metrics"];

/// Refuses requests (503, a French message) while the schema is behind this
/// binary, so that a replica never writes through an old schema even when
/// reached directly (port-forward, a proxy that ignores readiness). While
/// shutting down, every response asks the client to close its connection,
/// so that keep-alive clients move to another replica.
pub async fn serve_gate(
    request: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let readiness = request.app_data::<web::Data<Arc<Readiness>>>().cloned();
    let current = readiness.as_ref().is_none_or(|r| r.schema_current());
    let mut response = if current || ALWAYS_SERVED.contains(&request.path()) {
        next.call(request).await?.map_into_boxed_body()
    } else {
        let refusal = HttpResponse::ServiceUnavailable()
            .insert_header(("Retry-After", "10"))
            .json(serde_json::json!({
                "status": "error",
                "code": "SCHEMA_PENDING",
                "message": "Relais attend la mise à jour de sa base de données : \
                            l'exploitant doit lancer « relais migrate ». Réessayez dans un instant.",
            }));
        request.into_response(refusal)
    };
    if readiness.is_some_and(|r| r.draining()) {
        response
            .response_mut()
            .head_mut()
            .set_connection_type(ConnectionType::Close);
    }
    Ok(response)
}
