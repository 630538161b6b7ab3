//! Domain events across processes (issue 18). A change records its events
//! in its own transaction (`record`), so an event exists exactly when the
//! change committed, whatever happens to the process afterwards. Every
//! process then reads the new rows in order (`pump`) and hands them to its
//! subscribers (`Store::subscribe`): the writer right after its commit, the
//! others when PostgreSQL's `NOTIFY relais_events` wakes them, and every
//! few seconds in case a notification was lost (a reconnection). On
//! PostgreSQL, writers of events take turns (a transaction-scoped advisory
//! lock), so rows commit in the order of their ids and a reader never
//! skips one that committed late.

use std::time::Duration;

use chrono::Utc;
use relais_domain::events::DomainEvent;
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, Statement, Value,
};
use tokio::sync::{Mutex, broadcast};

use crate::Result;
use crate::raw_sql::param;
use crate::tenant_cache::TenantCache;

/// Domain events kept for slow subscribers before they miss some.
const EVENT_BUFFER: usize = 1024;

/// The PostgreSQL channel that wakes the readers.
const CHANNEL: &str = "relais_events";

/// Event writers' advisory lock (an arbitrary constant: "relais" in ASCII).
const WRITERS_LOCK: i64 = 0x7265_6c61_6973;

/// Rows read per statement.
const BATCH: u64 = 500;

/// How often a process reads new rows without being woken.
pub const CATCH_UP: Duration = Duration::from_secs(5);

/// Opens the statements the relay runs on its own (not on behalf of a
/// request), so that the statement count can leave them out: requests'
/// counts stay exact while the relay reads in the background.
pub(crate) const RELAY_MARK: &str = "/* relais:event-relay */ ";

/// Who reads the new rows: the writer right after its commit (its
/// statements are the request's), or the relay in the background.
#[derive(Clone, Copy)]
pub(crate) enum Reader {
    Request,
    Relay,
}

impl Reader {
    fn mark(self) -> &'static str {
        match self {
            Reader::Request => "",
            Reader::Relay => RELAY_MARK,
        }
    }
}

pub(crate) struct EventLog {
    sender: broadcast::Sender<DomainEvent>,
    /// The id of the last row handed to subscribers; `None` until the
    /// reader starts (it starts after the newest row at that time).
    last: Mutex<Option<i64>>,
    tenants: TenantCache,
}

impl std::fmt::Debug for EventLog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("EventLog")
    }
}

impl EventLog {
    pub(crate) fn new(tenants: TenantCache) -> Self {
        Self {
            sender: broadcast::channel(EVENT_BUFFER).0,
            last: Mutex::new(None),
            tenants,
        }
    }

    pub(crate) fn subscribe(&self) -> broadcast::Receiver<DomainEvent> {
        self.sender.subscribe()
    }

    /// Records `event` in `txn`: it exists if and only if `txn` commits.
    pub(crate) async fn record(txn: &DatabaseTransaction, event: &DomainEvent) -> Result<()> {
        let backend = txn.get_database_backend();
        if backend == DbBackend::Postgres {
            txn.execute_raw(Statement::from_string(
                backend,
                format!("SELECT pg_advisory_xact_lock({WRITERS_LOCK})"),
            ))
            .await?;
        }
        let payload = serde_json::to_string(event).map_err(|e| {
            crate::StoreError::Database(sea_orm::DbErr::Custom(format!("domain event: {e}")))
        })?;
        let (p1, p2, p3, p4) = (
            param(backend, 1),
            param(backend, 2),
            param(backend, 3),
            param(backend, 4),
        );
        txn.execute_raw(Statement::from_sql_and_values(
            backend,
            format!(
                "INSERT INTO domain_events (tenant_id, kind, payload, created_at) VALUES ({p1}, {p2}, {p3}, {p4})"
            ),
            [
                Value::from(event.tenant_id()),
                event.kind().into(),
                payload.into(),
                Utc::now().into(),
            ],
        ))
        .await?;
        if backend == DbBackend::Postgres {
            // Delivered at commit, to every process listening.
            txn.execute_raw(Statement::from_string(backend, format!("NOTIFY {CHANNEL}")))
                .await?;
        }
        Ok(())
    }

    /// After a commit that recorded events: this process's subscribers hear
    /// them now (before the change is answered), the other processes when
    /// PostgreSQL wakes their reader. A failed read is left to the relay's
    /// catch-up: the change itself is committed.
    pub(crate) async fn hand_out_committed(&self, db: &DatabaseConnection) {
        if let Err(error) = self.pump(db, Reader::Request).await {
            tracing::warn!(%error, "domain events could not be read");
        }
    }

    /// Starts reading after the newest row (a process does not replay the
    /// events of before its start).
    pub(crate) async fn start(&self, db: &DatabaseConnection, reader: Reader) -> Result<()> {
        let mut last = self.last.lock().await;
        if last.is_none() {
            let row = db
                .query_one_raw(Statement::from_string(
                    db.get_database_backend(),
                    format!(
                        "{}SELECT COALESCE(MAX(id), 0) AS last FROM domain_events",
                        reader.mark()
                    ),
                ))
                .await?;
            let newest: i64 = match row {
                Some(row) => row.try_get("", "last")?,
                None => 0,
            };
            *last = Some(newest);
        }
        Ok(())
    }

    /// Hands the rows recorded since the last call to the subscribers, in
    /// order; returns how many. Does nothing before `start`.
    pub(crate) async fn pump(&self, db: &DatabaseConnection, reader: Reader) -> Result<usize> {
        let mut last = self.last.lock().await;
        let Some(mut from) = *last else {
            return Ok(0);
        };
        let backend = db.get_database_backend();
        let mut handed = 0;
        loop {
            let rows = db
                .query_all_raw(Statement::from_sql_and_values(
                    backend,
                    format!(
                        "{}SELECT id, payload FROM domain_events WHERE id > {} ORDER BY id LIMIT {BATCH}",
                        reader.mark(),
                        param(backend, 1)
                    ),
                    [from.into()],
                ))
                .await?;
            let read = rows.len();
            for row in rows {
                let id: i64 = row.try_get("", "id")?;
                let payload: String = row.try_get("", "payload")?;
                from = id;
                match serde_json::from_str::<DomainEvent>(&payload) {
                    Ok(event) => {
                        if let DomainEvent::TenantChanged { tenant_id } = &event {
                            self.tenants.forget(tenant_id);
                        }
                        // No subscriber is not an error.
                        let _ = self.sender.send(event);
                        handed += 1;
                    }
                    // A newer release's event: skipped, not fatal.
                    Err(error) => tracing::warn!(id, %error, "unknown domain event skipped"),
                }
            }
            *last = Some(from);
            if (read as u64) < BATCH {
                return Ok(handed);
            }
        }
    }

    /// Deletes the rows older than `days` days; returns how many.
    pub(crate) async fn purge(db: &DatabaseConnection, days: i64) -> Result<u64> {
        let backend = db.get_database_backend();
        let before = Utc::now() - chrono::Duration::days(days);
        Ok(db
            .execute_raw(Statement::from_sql_and_values(
                backend,
                format!(
                    "DELETE FROM domain_events WHERE created_at < {}",
                    param(backend, 1)
                ),
                [before.into()],
            ))
            .await?
            .rows_affected())
    }
}

/// Reads the events of other processes as they come (issue 18): woken by
/// PostgreSQL's notifications (and right after the listener reconnected,
/// to catch up what it missed), and every `CATCH_UP` in any case. Runs
/// until aborted.
pub(crate) async fn relay(store: crate::Store) {
    loop {
        match store.events.start(&store.db, Reader::Relay).await {
            Ok(()) => break,
            Err(error) => {
                // The schema may not be migrated yet (a replica waiting
                // for `relais migrate`).
                tracing::debug!(%error, "domain events not readable yet");
                tokio::time::sleep(CATCH_UP).await;
            }
        }
    }
    let wake = std::sync::Arc::new(tokio::sync::Notify::new());
    // The listener waits on its own task: its `recv` is never cancelled.
    let _listening = listen(&store.db).await.map(|listener| {
        let wake = wake.clone();
        AbortOnDrop(tokio::spawn(forward_notifications(listener, wake)))
    });
    loop {
        tokio::select! {
            () = wake.notified() => {}
            () = tokio::time::sleep(CATCH_UP) => {}
        }
        if let Err(error) = store.events.pump(&store.db, Reader::Relay).await {
            tracing::warn!(%error, "domain events could not be read");
        }
    }
}

/// Wakes the reader at each notification, and after each reconnection.
async fn forward_notifications(
    mut listener: sea_orm::sqlx::postgres::PgListener,
    wake: std::sync::Arc<tokio::sync::Notify>,
) {
    loop {
        match listener.try_recv().await {
            // A notification, or `None`: the connection was lost and is
            // being re-established; either way, read what is new.
            Ok(_) => wake.notify_one(),
            Err(error) => {
                tracing::warn!(%error, "domain events: notification channel lost");
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        }
    }
}

/// Aborts the task when dropped (the relay is aborted as a whole).
struct AbortOnDrop(tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// A listener on `relais_events` (PostgreSQL only). It reconnects by itself
/// after a lost connection; the catch-up read covers what it missed.
async fn listen(db: &DatabaseConnection) -> Option<sea_orm::sqlx::postgres::PgListener> {
    if db.get_database_backend() != DbBackend::Postgres {
        return None;
    }
    let pool = db.get_postgres_connection_pool();
    let mut listener = match sea_orm::sqlx::postgres::PgListener::connect_with(pool).await {
        Ok(listener) => listener,
        Err(error) => {
            tracing::warn!(%error, "domain events: cannot listen, reading every few seconds");
            return None;
        }
    };
    match listener.listen(CHANNEL).await {
        Ok(()) => Some(listener),
        Err(error) => {
            tracing::warn!(%error, "domain events: cannot listen, reading every few seconds");
            None
        }
    }
}
