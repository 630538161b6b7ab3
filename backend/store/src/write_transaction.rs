//! Write transactions (issue 13). SQLite starts a plain `BEGIN` as a reader
//! and upgrades it at its first write; when another connection wrote in
//! between, the upgrade fails at once with « database is locked », whatever
//! the busy timeout. `BEGIN IMMEDIATE` takes the write lock first, so
//! concurrent writers wait their turn (up to the busy timeout) instead.
//! PostgreSQL ignores the mode. Every transaction of the store starts here
//! (clippy's `disallowed-methods` forbids `TransactionTrait::begin`).

use sea_orm::{
    DatabaseConnection, DatabaseTransaction, DbErr, SqliteTransactionMode, TransactionOptions,
    TransactionTrait,
};

pub(crate) trait BeginWrite {
    /// `BEGIN IMMEDIATE` on SQLite, `BEGIN` on PostgreSQL.
    async fn begin_write(&self) -> Result<DatabaseTransaction, DbErr>;
}

impl BeginWrite for DatabaseConnection {
    async fn begin_write(&self) -> Result<DatabaseTransaction, DbErr> {
        self.begin_with_options(TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..TransactionOptions::default()
        })
        .await
    }
}
