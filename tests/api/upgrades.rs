//! Zero-downtime upgrades (docs/operations.md, "Upgrades"): during a rolling
//! upgrade the previous release runs on the schema the new release's
//! migrations made, so migrations added since the last release
//! (`migrations/released.txt`) may only expand the schema: new tables, new
//! nullable (or defaulted) columns. Dropping, renaming or retyping a table or
//! column, or making an existing column required, waits until no released
//! binary uses it (`migrations/contractions.txt`).
//!
//! Checked on PostgreSQL, the database of replicated deployments: the schema
//! after the released migrations is compared with the schema after all of
//! them.

use std::collections::{BTreeMap, BTreeSet};

use relais_migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, Statement};

/// A column as the previous release sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Column {
    data_type: String,
    nullable: bool,
    has_default: bool,
}

/// table → column → shape.
type Schema = BTreeMap<String, BTreeMap<String, Column>>;

async fn snapshot(db: &DatabaseConnection) -> Schema {
    let rows = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT c.table_name, c.column_name, c.data_type, c.is_nullable, c.column_default \
             FROM information_schema.columns c \
             JOIN information_schema.tables t \
               ON t.table_schema = c.table_schema AND t.table_name = c.table_name \
             WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' \
               AND c.table_name <> 'seaql_migrations'",
        ))
        .await
        .unwrap();
    let mut schema = Schema::new();
    for row in rows {
        let table: String = row.try_get("", "table_name").unwrap();
        let column: String = row.try_get("", "column_name").unwrap();
        let default: Option<String> = row.try_get("", "column_default").unwrap();
        schema.entry(table).or_default().insert(
            column,
            Column {
                data_type: row.try_get("", "data_type").unwrap(),
                nullable: row.try_get::<String>("", "is_nullable").unwrap() == "YES",
                has_default: default.is_some(),
            },
        );
    }
    schema
}

/// What would break the previous release, except the allowed contractions.
fn breaking_changes(old: &Schema, new: &Schema, allowed: &BTreeSet<String>) -> Vec<String> {
    let mut problems = Vec::new();
    for (table, old_columns) in old {
        if allowed.contains(table) {
            continue;
        }
        let Some(new_columns) = new.get(table) else {
            problems.push(format!("table {table} dropped or renamed"));
            continue;
        };
        for (name, before) in old_columns {
            if allowed.contains(&format!("{table}.{name}")) {
                continue;
            }
            match new_columns.get(name) {
                None => problems.push(format!("column {table}.{name} dropped or renamed")),
                Some(after) if after.data_type != before.data_type => problems.push(format!(
                    "column {table}.{name} changed type ({} → {})",
                    before.data_type, after.data_type
                )),
                Some(after) if before.nullable && !after.nullable && !after.has_default => {
                    problems.push(format!("column {table}.{name} made NOT NULL"))
                }
                Some(_) => {}
            }
        }
        for (name, added) in new_columns {
            if !old_columns.contains_key(name) && !added.nullable && !added.has_default {
                problems.push(format!(
                    "column {table}.{name} added NOT NULL without a default: the previous release's inserts fail"
                ));
            }
        }
    }
    problems
}

fn listed(file: &str) -> Vec<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../migrations")
        .join(file);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .map(|line| line.split('#').next().unwrap_or("").trim().to_owned())
        .filter(|line| !line.is_empty())
        .collect()
}

async fn empty_database() -> (
    relais_tests::services::postgres::TestDatabase,
    DatabaseConnection,
) {
    let database = relais_tests::services::postgres::TestDatabase::create()
        .await
        .unwrap();
    let db = Database::connect(&database.url).await.unwrap();
    (database, db)
}

#[test]
fn the_check_names_each_kind_of_breaking_change() {
    let column = |data_type: &str, nullable: bool, has_default: bool| Column {
        data_type: data_type.into(),
        nullable,
        has_default,
    };
    let old: Schema = [
        (
            "tenants".to_owned(),
            [
                ("id".to_owned(), column("uuid", false, false)),
                ("name".to_owned(), column("text", false, false)),
                ("note".to_owned(), column("text", true, false)),
                ("legacy".to_owned(), column("text", true, false)),
            ]
            .into(),
        ),
        ("old_table".to_owned(), BTreeMap::new()),
    ]
    .into();
    let mut new = old.clone();
    new.remove("old_table");
    let tenants = new.get_mut("tenants").unwrap();
    tenants.remove("name");
    tenants.remove("legacy");
    tenants.insert("note".into(), column("text", false, false));
    tenants.insert("id".into(), column("bigint", false, false));
    tenants.insert("required".into(), column("text", false, false));
    tenants.insert("optional".into(), column("text", true, false));
    tenants.insert("defaulted".into(), column("text", false, true));

    let problems = breaking_changes(&old, &new, &["tenants.legacy".to_owned()].into());

    assert_eq!(
        problems,
        [
            "table old_table dropped or renamed",
            "column tenants.id changed type (uuid → bigint)",
            "column tenants.name dropped or renamed",
            "column tenants.note made NOT NULL",
            "column tenants.required added NOT NULL without a default: the previous release's inserts fail",
        ]
    );
}

mod postgres {
    use super::*;

    fn skipped() -> bool {
        let skipped = relais_tests::services::postgres::skipped();
        if skipped {
            relais_tests::services::skip("PostgreSQL absent");
        }
        skipped
    }

    #[tokio::test]
    async fn migrations_since_the_last_release_only_expand_the_schema() {
        if skipped() {
            return;
        }
        // Arrange: the released migrations are the first ones, in order.
        let released = listed("released.txt");
        let all: Vec<String> = Migrator::migrations()
            .iter()
            .map(|m| m.name().to_owned())
            .collect();
        assert!(
            all.starts_with(&released),
            "migrations/released.txt must list the first migrations, in order: {released:?} vs {all:?}"
        );
        let allowed: BTreeSet<String> = listed("contractions.txt").into_iter().collect();
        let (_database, db) = empty_database().await;

        // Act
        Migrator::up(&db, Some(released.len() as u32))
            .await
            .unwrap();
        let before = snapshot(&db).await;
        Migrator::up(&db, None).await.unwrap();
        let after = snapshot(&db).await;

        // Assert
        assert!(!before.is_empty(), "the released schema has tables");
        let problems = breaking_changes(&before, &after, &allowed);
        assert!(
            problems.is_empty(),
            "migrations added since the last release would break it during a rolling upgrade \
             (expand/contract, docs/operations.md):\n{}",
            problems.join("\n")
        );
    }

    #[tokio::test]
    async fn the_check_catches_a_contracting_migration_on_a_real_schema() {
        if skipped() {
            return;
        }
        let (_database, db) = empty_database().await;
        Migrator::up(&db, None).await.unwrap();
        let before = snapshot(&db).await;

        db.execute_unprepared(
            "ALTER TABLE tenants RENAME COLUMN name TO display_name; \
             ALTER TABLE tenants ADD COLUMN region text NOT NULL DEFAULT 'x'; \
             ALTER TABLE tenants ALTER COLUMN region DROP DEFAULT; \
             ALTER TABLE job_leases ADD COLUMN note text",
        )
        .await
        .unwrap();
        let after = snapshot(&db).await;

        let problems = breaking_changes(&before, &after, &BTreeSet::new());
        assert_eq!(
            problems,
            vec![
                "column tenants.name dropped or renamed".to_owned(),
                // The renamed column is, for the previous release, a new
                // required column it never fills.
                "column tenants.display_name added NOT NULL without a default: the previous release's inserts fail".to_owned(),
                "column tenants.region added NOT NULL without a default: the previous release's inserts fail".to_owned(),
            ]
        );
        assert!(breaking_changes(&before, &after, &["tenants".to_owned()].into()).is_empty());
    }
}
