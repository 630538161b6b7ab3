//! Pieces of the few statements the store writes as SQL text (login
//! counters, domain events), for both backends.

use sea_orm::DbBackend;

/// The `n`th bound value: `$n` on PostgreSQL, `?n` on SQLite (where `$n`
/// would be numbered by first appearance).
pub(crate) fn param(backend: DbBackend, n: u8) -> String {
    match backend {
        DbBackend::Sqlite => format!("?{n}"),
        _ => format!("${n}"),
    }
}
