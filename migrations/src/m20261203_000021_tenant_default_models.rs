//! Issue 14: an operator's default CAS configuration model, the one its
//! recommended settings come from when a base names no model
//! (docs/domain.md « Les attributs de chaque ENT »). A table of its own
//! (one row per tenant) rather than a column of `tenants`, so that the
//! foreign keys cascade on both databases.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum TenantDefaultModels {
    Table,
    TenantId,
    ModelId,
    SetBy,
    SetAt,
}

#[derive(DeriveIden)]
enum Tenants {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum EntModels {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(TenantDefaultModels::Table)
                    .col(
                        ColumnDef::new(TenantDefaultModels::TenantId)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(TenantDefaultModels::ModelId)
                            .uuid()
                            .not_null(),
                    )
                    .col(ColumnDef::new(TenantDefaultModels::SetBy).uuid().null())
                    .col(
                        ColumnDef::new(TenantDefaultModels::SetAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(TenantDefaultModels::Table, TenantDefaultModels::TenantId)
                            .to(Tenants::Table, Tenants::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(TenantDefaultModels::Table, TenantDefaultModels::ModelId)
                            .to(EntModels::Table, EntModels::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(TenantDefaultModels::Table).to_owned())
            .await
    }
}
