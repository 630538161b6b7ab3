//! Issue 18: domain events written in the transaction of the change that
//! makes them true, then read in order by every process (PostgreSQL wakes
//! the readers with `NOTIFY relais_events`). Rows are purged after a week.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum DomainEvents {
    Table,
    Id,
    TenantId,
    Kind,
    Payload,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite numbers rows with its INTEGER PRIMARY KEY; PostgreSQL with
        // a 64-bit sequence.
        let mut id = ColumnDef::new(DomainEvents::Id);
        if manager.get_database_backend() == sea_orm_migration::sea_orm::DatabaseBackend::Sqlite {
            id.integer();
        } else {
            id.big_integer();
        }
        manager
            .create_table(
                Table::create()
                    .table(DomainEvents::Table)
                    .col(id.not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(DomainEvents::TenantId).uuid().null())
                    .col(ColumnDef::new(DomainEvents::Kind).string_len(64).not_null())
                    .col(ColumnDef::new(DomainEvents::Payload).text().not_null())
                    .col(
                        ColumnDef::new(DomainEvents::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(DomainEvents::Table).to_owned())
            .await
    }
}
