//! Issue 21: the ENT's CAS service registry. Per tenant, the attribute
//! names of the ENT when they differ from those PRONOTE reads, and when the
//! registry was last exported; per base, the entry last exported (kept
//! after the base is deleted, so the next export says to delete its file).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CasRegistryTenants {
    Table,
    TenantId,
    AttributeMapping,
    ExportedAt,
    ExportedBy,
    Services,
}

#[derive(DeriveIden)]
enum CasRegistryEntries {
    Table,
    TenantId,
    BaseId,
    Entry,
}

#[derive(DeriveIden)]
enum Tenants {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CasRegistryTenants::Table)
                    .col(
                        ColumnDef::new(CasRegistryTenants::TenantId)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(CasRegistryTenants::AttributeMapping)
                            .text()
                            .not_null(),
                    )
                    .col(ColumnDef::new(CasRegistryTenants::ExportedAt).timestamp_with_time_zone())
                    .col(ColumnDef::new(CasRegistryTenants::ExportedBy).string())
                    .col(
                        ColumnDef::new(CasRegistryTenants::Services)
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(CasRegistryTenants::Table, CasRegistryTenants::TenantId)
                            .to(Tenants::Table, Tenants::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CasRegistryEntries::Table)
                    .col(
                        ColumnDef::new(CasRegistryEntries::TenantId)
                            .uuid()
                            .not_null(),
                    )
                    .col(ColumnDef::new(CasRegistryEntries::BaseId).uuid().not_null())
                    .col(ColumnDef::new(CasRegistryEntries::Entry).text().not_null())
                    .primary_key(
                        Index::create()
                            .col(CasRegistryEntries::TenantId)
                            .col(CasRegistryEntries::BaseId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(CasRegistryEntries::Table, CasRegistryEntries::TenantId)
                            .to(Tenants::Table, Tenants::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(CasRegistryEntries::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(CasRegistryTenants::Table).to_owned())
            .await
    }
}
