//! Database schema migrations of Relais (sea-orm-migration).
//!
//! One migration per issue-sized change; never edit a migration that has
//! shipped, add a new one.

pub use sea_orm_migration::prelude::*;

mod m20261123_000001_identity;
mod m20261123_000002_establishments;
mod m20261123_000003_pronote_bases;
mod m20261123_000004_models;
mod m20261123_000005_exports;
mod m20261123_000006_outbox;
mod m20261123_000007_tickets;
mod m20261123_000008_matching;
mod m20261123_000009_cas_checks;
mod m20261203_000020_base_pronote_users;
mod m20261203_000021_tenant_default_models;
mod m20261203_000022_model_schemas;
mod m20261203_000023_session_generation;
mod m20261203_000024_password_resets;
mod m20261203_000035_base_diagnostics;
mod m20261203_000040_cas_registry;
mod m20261204_000046_login_throttle;
mod m20261204_000047_domain_events;
mod m20261204_000052_audit_journal;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261123_000001_identity::Migration),
            Box::new(m20261123_000002_establishments::Migration),
            Box::new(m20261123_000003_pronote_bases::Migration),
            Box::new(m20261123_000004_models::Migration),
            Box::new(m20261123_000005_exports::Migration),
            Box::new(m20261123_000006_outbox::Migration),
            Box::new(m20261123_000007_tickets::Migration),
            Box::new(m20261123_000008_matching::Migration),
            Box::new(m20261123_000009_cas_checks::Migration),
            Box::new(m20261203_000020_base_pronote_users::Migration),
            Box::new(m20261203_000021_tenant_default_models::Migration),
            Box::new(m20261203_000022_model_schemas::Migration),
            Box::new(m20261203_000023_session_generation::Migration),
            Box::new(m20261203_000024_password_resets::Migration),
            Box::new(m20261203_000035_base_diagnostics::Migration),
            Box::new(m20261203_000040_cas_registry::Migration),
            Box::new(m20261204_000046_login_throttle::Migration),
            Box::new(m20261204_000047_domain_events::Migration),
            Box::new(m20261204_000052_audit_journal::Migration),
        ]
    }
}
