//! An import kept waiting on a lock: how the attack tests hold an expensive
//! request (its permits, its time) for as long as they need.

use std::time::Duration;

use sea_orm::{
    ConnectionTrait, DatabaseTransaction, SqliteTransactionMode, TransactionOptions,
    TransactionTrait,
};
use serde_json::{Value, json};
use tokio::task::JoinHandle;

use super::probe::post_in_background;
use crate::helpers::{Backend, TestApp};

pub const IMPORT: &str =
    "mutation($i: ImportEstablishmentsInput!) { importEstablishments(input: $i) { created } }";

const HEADER: &str = "Identifiant_de_l_etablissement;Nom_etablissement;Type_etablissement;Code_postal;Nom_commune;Libelle_academie;Etat";

/// The variables of an import of the first `count` of two establishments
/// (a lycée, a collège), committed.
pub fn establishments(count: usize) -> Value {
    use base64::Engine;
    let lines = [
        "0410017W;Lycée de mesure;Lycée;41000;Blois;Orléans-Tours;OUVERT",
        "0410036S;Collège de mesure;Collège;41000;Blois;Orléans-Tours;OUVERT",
    ];
    let mut csv = format!("{HEADER}\n");
    for line in &lines[..count.min(lines.len())] {
        csv.push_str(line);
        csv.push('\n');
    }
    json!({ "i": { "contentBase64": base64::engine::general_purpose::STANDARD.encode(csv), "commit": true } })
}

/// Holds the establishments table for writing from outside the server:
/// `BEGIN IMMEDIATE` on SQLite, `LOCK TABLE … EXCLUSIVE` on PostgreSQL
/// (reads go on, writes wait).
pub async fn lock_establishments(app: &TestApp, backend: Backend) -> sea_orm::DatabaseTransaction {
    let transaction = app
        .store
        .connection()
        .begin_with_options(TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..TransactionOptions::default()
        })
        .await
        .unwrap();
    if backend == Backend::Postgres {
        transaction
            .execute_unprepared("LOCK TABLE establishments IN EXCLUSIVE MODE")
            .await
            .unwrap();
    }
    transaction
}

/// An import started while the establishments table is locked: it holds
/// its expensive permits, waiting on the lock, until [`Self::finish`].
pub struct LockedImport {
    lock: DatabaseTransaction,
    importer: JoinHandle<(Value, Duration)>,
}

impl LockedImport {
    /// Locks the table, then posts an import of `count` establishments
    /// with `token` on a task of its own.
    pub async fn start(app: &TestApp, backend: Backend, token: &str, count: usize) -> Self {
        let lock = lock_establishments(app, backend).await;
        let importer = post_in_background(
            app,
            token,
            json!({ "query": IMPORT, "variables": establishments(count) }),
        );
        Self { lock, importer }
    }

    /// Releases the lock and returns the import's answer.
    pub async fn finish(self) -> Value {
        self.lock.rollback().await.unwrap();
        self.importer.await.unwrap().0
    }
}
