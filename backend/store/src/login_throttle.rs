//! The state of the login rate limits when several replicas share one
//! database (issue 18): one row per counted key, changed under a row lock
//! with the database's clock, so every replica counts the same attempts.
//! The policy (what a row means, when an attempt waits) is the caller's
//! (`relais_app::auth::limiter`); this module only keeps the rows.

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

    /// The database's time and the rows of `keys` that exist, without
    /// locking them (one statement): what a login reads first.
    pub async fn read(&self, keys: &[&str]) -> Result<(i64, Vec<(String, ThrottleRow)>)> {
        let backend = self.db.get_database_backend();
        let now = now_ms(backend);
        // Two keys at most (an account and an address): the numbers fit.
        let placeholders: Vec<String> = (1..=keys.len())
            .map(|i| param(backend, u8::try_from(i).unwrap_or(u8::MAX)))
            .collect();
        // The first row carries the time; the others are the keys' rows.
        let mut sql =
            format!("SELECT NULL AS key, 0 AS count, 0 AS since_ms, 0 AS next_ms, {now} AS now_ms");
        if !keys.is_empty() {
            sql.push_str(&format!(
                " UNION ALL SELECT key, count, since_ms, next_ms, 0 FROM login_throttle WHERE key IN ({})",
                placeholders.join(", ")
            ));
        }
        let statement = Statement::from_sql_and_values(
            backend,
            sql,
            keys.iter().map(|key| sea_orm::Value::from(*key)),
        );
        let mut now_ms = None;
        let mut rows = Vec::with_capacity(keys.len());
        for row in self.db.query_all_raw(statement).await? {
            match row.try_get::<Option<String>>("", "key")? {
                None => now_ms = Some(row.try_get::<i64>("", "now_ms")?),
                Some(key) => rows.push((
                    key,
                    ThrottleRow {
                        count: row.try_get("", "count")?,
                        since_ms: row.try_get("", "since_ms")?,
                        next_ms: row.try_get("", "next_ms")?,
                    },
                )),
            }
        }
        let now_ms = now_ms.ok_or_else(|| sea_orm::DbErr::RecordNotFound("now".into()))?;
        Ok((now_ms, rows))
    }

    /// Replaces `key`'s row by `next` (`None` deletes it) if it is still
    /// `expected` (`None`: no row), in one statement without a transaction;
    /// `false` when another attempt changed it meanwhile (the caller then
    /// takes its turn with [`Self::update`]).
    pub async fn swap(
        &self,
        key: &str,
        expected: Option<ThrottleRow>,
        next: Option<ThrottleRow>,
    ) -> Result<bool> {
        let backend = self.db.get_database_backend();
        let p = |i| param(backend, i);
        // `$1` is the key; the new row follows it, then the expected one.
        let is = |first: u8| {
            format!(
                "count = {} AND since_ms = {} AND next_ms = {}",
                p(first),
                p(first + 1),
                p(first + 2)
            )
        };
        let (sql, rows) = match (expected, next) {
            (None, None) => return Ok(true),
            (None, Some(next)) => (
                format!(
                    "INSERT INTO login_throttle (key, count, since_ms, next_ms) VALUES ({}, {}, {}, {}) \
                     ON CONFLICT (key) DO NOTHING",
                    p(1),
                    p(2),
                    p(3),
                    p(4)
                ),
                vec![next],
            ),
            (Some(expected), Some(next)) => (
                format!(
                    "UPDATE login_throttle SET count = {}, since_ms = {}, next_ms = {} WHERE key = {} AND {}",
                    p(2),
                    p(3),
                    p(4),
                    p(1),
                    is(5)
                ),
                vec![next, expected],
            ),
            (Some(expected), None) => (
                format!(
                    "DELETE FROM login_throttle WHERE key = {} AND {}",
                    p(1),
                    is(2)
                ),
                vec![expected],
            ),
        };
        let mut values: Vec<sea_orm::Value> = vec![key.into()];
        for row in rows {
            values.extend([
                row.count.max(0).into(),
                row.since_ms.into(),
                row.next_ms.into(),
            ]);
        }
        let statement = Statement::from_sql_and_values(backend, sql, values);
        Ok(self.db.execute_raw(statement).await?.rows_affected() == 1)
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
