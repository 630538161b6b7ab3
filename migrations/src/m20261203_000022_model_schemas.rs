//! Issue 14: Index-Education's schema of CAS configuration models
//! (`ModelesConfiguration_CAS.xsd`, not public), as an operator uploads it
//! to check its `modelsFeed` export before sending it (docs/formats/
//! index-education-models.md). One per tenant.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum TenantModelSchemas {
    Table,
    TenantId,
    FileName,
    Content,
    Sha256,
    UploadedBy,
    UploadedAt,
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
                    .table(TenantModelSchemas::Table)
                    .col(
                        ColumnDef::new(TenantModelSchemas::TenantId)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(TenantModelSchemas::FileName)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(TenantModelSchemas::Content)
                            .text()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(TenantModelSchemas::Sha256)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(ColumnDef::new(TenantModelSchemas::UploadedBy).uuid().null())
                    .col(
                        ColumnDef::new(TenantModelSchemas::UploadedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(TenantModelSchemas::Table, TenantModelSchemas::TenantId)
                            .to(Tenants::Table, Tenants::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(TenantModelSchemas::Table).to_owned())
            .await
    }
}
