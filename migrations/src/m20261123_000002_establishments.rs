//! Establishments (UAI) of each tenant.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Establishments {
    Table,
    Id,
    TenantId,
    Uai,
    UaiChecksumAcknowledged,
    Name,
    NameSearch,
    Kind,
    Commune,
    PostalCode,
    Academy,
    Status,
    CreatedAt,
    UpdatedAt,
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
                    .table(Establishments::Table)
                    .col(
                        ColumnDef::new(Establishments::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Establishments::TenantId).uuid().not_null())
                    .col(ColumnDef::new(Establishments::Uai).string_len(8).not_null())
                    .col(
                        ColumnDef::new(Establishments::UaiChecksumAcknowledged)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .col(
                        ColumnDef::new(Establishments::Name)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Establishments::NameSearch)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Establishments::Kind)
                            .string_len(32)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Establishments::Commune)
                            .string_len(120)
                            .null(),
                    )
                    .col(
                        ColumnDef::new(Establishments::PostalCode)
                            .string_len(5)
                            .null(),
                    )
                    .col(
                        ColumnDef::new(Establishments::Academy)
                            .string_len(80)
                            .null(),
                    )
                    .col(
                        ColumnDef::new(Establishments::Status)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Establishments::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Establishments::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Establishments::Table, Establishments::TenantId)
                            .to(Tenants::Table, Tenants::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_establishments_tenant_uai")
                    .table(Establishments::Table)
                    .col(Establishments::TenantId)
                    .col(Establishments::Uai)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_establishments_tenant_id")
                    .table(Establishments::Table)
                    .col(Establishments::TenantId)
                    .col(Establishments::Id)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Establishments::Table).to_owned())
            .await
    }
}
