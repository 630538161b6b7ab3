//! Where domain events go today: the log (`relais::events`, one JSON line
//! each, in every process: each reads every process's events). The mail
//! outbox (issue 6) subscribes the same way.

use relais_store::Store;
use tokio::sync::broadcast::error::RecvError;

/// Logs every domain event of `store` until the store is dropped.
pub fn log_domain_events(store: &Store) -> tokio::task::JoinHandle<()> {
    let mut events = store.subscribe();
    tokio::spawn(async move {
        loop {
            match events.recv().await {
                Ok(event) => tracing::info!(
                    target: "relais::events",
                    event = %serde_json::to_string(&event).unwrap_or_default(),
                    "domain event"
                ),
                Err(RecvError::Lagged(missed)) => {
                    tracing::warn!(target: "relais::events", missed, "domain events missed")
                }
                Err(RecvError::Closed) => break,
            }
        }
    })
}
