//! Which migrations the database holds against those a binary knows: the
//! readiness check, `relais serve` and `relais migrate` ask here
//! (docs/operations.md, upgrades). The store runs the migrations too, so
//! that its connection stays its own.

use std::collections::HashSet;

use sea_orm::{ConnectionTrait, Statement};
use sea_orm_migration::{MigratorTrait, SchemaManager};

use crate::{Result, Store};

/// The database's migrations against a binary's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaStatus {
    /// Known to this binary, not applied yet.
    pub pending: Vec<String>,
    /// Applied, unknown to this binary: a newer release migrated the
    /// database (expected during a rolling upgrade).
    pub newer: Vec<String>,
}

impl SchemaStatus {
    pub fn is_current(&self) -> bool {
        self.pending.is_empty()
    }
}

impl Store {
    /// Reads the migrations table of `M` without creating it and without
    /// failing on migrations this binary does not know (sea-orm-migration's
    /// own status check refuses those, which would make every old replica
    /// unready as soon as the new release's migration Job ran).
    pub async fn schema_status<M: MigratorTrait>(&self) -> Result<SchemaStatus> {
        let table = M::migration_table_name().to_string();
        let applied: HashSet<String> = if SchemaManager::new(&self.db).has_table(&table).await? {
            let backend = self.db.get_database_backend();
            self.db
                .query_all_raw(Statement::from_string(
                    backend,
                    format!("SELECT version FROM {table}"),
                ))
                .await?
                .iter()
                .map(|row| row.try_get::<String>("", "version"))
                .collect::<std::result::Result<_, _>>()?
        } else {
            HashSet::new()
        };
        let known: Vec<String> = M::migrations()
            .iter()
            .map(|migration| migration.name().to_owned())
            .collect();
        let pending = known
            .iter()
            .filter(|name| !applied.contains(*name))
            .cloned()
            .collect();
        let known: HashSet<String> = known.into_iter().collect();
        let mut newer: Vec<String> = applied.difference(&known).cloned().collect();
        newer.sort();
        Ok(SchemaStatus { pending, newer })
    }

    /// Applies every pending migration of `M`.
    pub async fn migrate<M: MigratorTrait>(&self) -> Result<()> {
        Ok(M::up(&self.db, None).await?)
    }
}
