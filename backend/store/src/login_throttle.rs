//! The state of the login rate limits when several replicas share one
//! database (issue 18): one row per counted key, changed under a row lock
//! with the database's clock, so every replica counts the same attempts.
//! The policy (what a row means, when an attempt waits) is the caller's
//! (`relais_api::auth::limiter`); this module only keeps the rows.

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};

use crate::Result;
use crate::raw_sql::param;
use crate::write_transaction::BeginWrite;

/// One key's counters. Times are milliseconds of the database's clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottleRow {
    pub count: i32,
    pub since_ms: i64,
    pub next_ms: i64,
}

/// A row that does not exist yet reads as this one (never written back).
const ABSENT: i32 = -1;

pub struct LoginThrottle<'a> {
    db: &'a DatabaseConnection,
}

impl<'a> LoginThrottle<'a> {
    pub(crate) fn new(db: &'a DatabaseConnection) -> Self {
        Self { db }
    }

    /// Runs `step` on `key`'s row (`None` when there is none) and the
    /// database's time, with the row locked until what `step` returns is
    /// written (`None` deletes the row): concurrent attempts on one key
    /// from every replica take their turns. Four statements.
    pub async fn update<R>(
        &self,
        key: &str,
        step: impl FnOnce(i64, Option<ThrottleRow>) -> (Option<ThrottleRow>, R),
    ) -> Result<R> {
        let backend = self.db.get_database_backend();
        let txn = self.db.begin_write().await?;
        // Inserting the placeholder, or "updating" the row to itself,
        // takes the row lock and returns the row in one round trip.
        let now = now_ms(backend);
        let read = Statement::from_sql_and_values(
            backend,
            format!(
                "INSERT INTO login_throttle (key, count, since_ms, next_ms) VALUES ({p1}, {ABSENT}, 0, 0) \
                 ON CONFLICT (key) DO UPDATE SET key = excluded.key \
                 RETURNING count, since_ms, next_ms, {now} AS now_ms",
                p1 = param(backend, 1),
            ),
            [key.into()],
        );
        let row = txn
            .query_one_raw(read)
            .await?
            .ok_or_else(|| sea_orm::DbErr::RecordNotFound("login_throttle".into()))?;
        let current = ThrottleRow {
            count: row.try_get("", "count")?,
            since_ms: row.try_get("", "since_ms")?,
            next_ms: row.try_get("", "next_ms")?,
        };
        let now_ms: i64 = row.try_get("", "now_ms")?;
        let (next, outcome) = step(now_ms, (current.count != ABSENT).then_some(current));
        let write = match next {
            Some(next) => Statement::from_sql_and_values(
                backend,
                format!(
                    "UPDATE login_throttle SET count = {}, since_ms = {}, next_ms = {} WHERE key = {}",
                    param(backend, 2),
                    param(backend, 3),
                    param(backend, 4),
                    param(backend, 1),
                ),
                [
                    key.into(),
                    next.count.max(0).into(),
                    next.since_ms.into(),
                    next.next_ms.into(),
                ],
            ),
            None => Statement::from_sql_and_values(
                backend,
                format!(
                    "DELETE FROM login_throttle WHERE key = {}",
                    param(backend, 1)
                ),
                [key.into()],
            ),
        };
        txn.execute_raw(write).await?;
        txn.commit().await?;
        Ok(outcome)
    }

    /// Whether `key` has a row, without locking it (one statement): most
    /// accounts have no failures, and their logins need no more.
    pub async fn exists(&self, key: &str) -> Result<bool> {
        let backend = self.db.get_database_backend();
        let select = Statement::from_sql_and_values(
            backend,
            format!(
                "SELECT 1 AS one FROM login_throttle WHERE key = {}",
                param(backend, 1)
            ),
            [key.into()],
        );
        Ok(self.db.query_one_raw(select).await?.is_some())
    }

    /// Forgets `key` (one statement).
    pub async fn forget(&self, key: &str) -> Result<()> {
        let backend = self.db.get_database_backend();
        let delete = Statement::from_sql_and_values(
            backend,
            format!(
                "DELETE FROM login_throttle WHERE key = {}",
                param(backend, 1)
            ),
            [key.into()],
        );
        self.db.execute_raw(delete).await?;
        Ok(())
    }

    /// Deletes the rows whose times all lie more than `older_than_ms` in
    /// the past (housekeeping); returns how many.
    pub async fn purge(&self, older_than_ms: i64) -> Result<u64> {
        let backend = self.db.get_database_backend();
        let now = now_ms(backend);
        let statement = Statement::from_sql_and_values(
            backend,
            format!(
                "DELETE FROM login_throttle WHERE since_ms < {now} - {p1} AND next_ms < {now} - {p1}",
                p1 = param(backend, 1),
            ),
            [older_than_ms.into()],
        );
        Ok(self.db.execute_raw(statement).await?.rows_affected())
    }
}

/// The database's current time in milliseconds since 1970, as SQL.
fn now_ms(backend: DbBackend) -> &'static str {
    match backend {
        DbBackend::Sqlite => "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)",
        _ => "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)",
    }
}
