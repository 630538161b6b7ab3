//! Issue 20: a summary of each base's diagnostics (errors and warnings),
//! written with every change of the base so the operator dashboard does not
//! re-parse and re-diagnose 3,000 settings documents per page. Valid only
//! while `base_version` equals the base's `version`; otherwise the
//! dashboard diagnoses the base itself.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum BaseDiagnostics {
    Table,
    BaseId,
    BaseVersion,
    Errors,
    Warnings,
}

#[derive(DeriveIden)]
enum PronoteBases {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(BaseDiagnostics::Table)
                    .col(
                        ColumnDef::new(BaseDiagnostics::BaseId)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(BaseDiagnostics::BaseVersion)
                            .integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(BaseDiagnostics::Errors).integer().not_null())
                    .col(
                        ColumnDef::new(BaseDiagnostics::Warnings)
                            .integer()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(BaseDiagnostics::Table, BaseDiagnostics::BaseId)
                            .to(PronoteBases::Table, PronoteBases::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(BaseDiagnostics::Table).to_owned())
            .await
    }
}
