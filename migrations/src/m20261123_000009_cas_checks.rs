//! Live CAS checks (issue 8): the latest « Tester l'authentification » of
//! each base, the four test accounts of each model (passwords sealed by the
//! tenant key), and the validation of a model revision with them.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CasChecks {
    Table,
    BaseId,
    TenantId,
    CheckedAt,
    CheckedBy,
    Outcome,
    Protocol,
    WithCredentials,
    SettingsHash,
    Steps,
}

#[derive(DeriveIden)]
enum ModelTestAccounts {
    Table,
    ModelId,
    Profile,
    TenantId,
    Login,
    CasIdentifier,
    PasswordSealed,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ModelValidations {
    Table,
    ModelId,
    Revision,
    TenantId,
    ValidatedAt,
    ValidatedBy,
    Passed,
    ServiceUrl,
    Results,
}

#[derive(DeriveIden)]
enum PronoteBases {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum EntModels {
    Table,
    Id,
}

fn timestamp<T: IntoIden>(name: T) -> ColumnDef {
    ColumnDef::new(name)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

fn cascade_to<T: IntoIden, C: IntoIden>(
    from: (T, C),
    table: impl IntoIden,
    id: impl IntoIden,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from.0, from.1)
        .to(table, id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CasChecks::Table)
                    .col(
                        ColumnDef::new(CasChecks::BaseId)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(CasChecks::TenantId).uuid().not_null())
                    .col(timestamp(CasChecks::CheckedAt))
                    .col(ColumnDef::new(CasChecks::CheckedBy).string_len(254).null())
                    .col(ColumnDef::new(CasChecks::Outcome).string_len(16).not_null())
                    .col(
                        ColumnDef::new(CasChecks::Protocol)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CasChecks::WithCredentials)
                            .boolean()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CasChecks::SettingsHash)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(ColumnDef::new(CasChecks::Steps).text().not_null())
                    .foreign_key(&mut cascade_to(
                        (CasChecks::Table, CasChecks::BaseId),
                        PronoteBases::Table,
                        PronoteBases::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ModelTestAccounts::Table)
                    .col(ColumnDef::new(ModelTestAccounts::ModelId).uuid().not_null())
                    .col(
                        ColumnDef::new(ModelTestAccounts::Profile)
                            .string_len(20)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ModelTestAccounts::TenantId)
                            .uuid()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ModelTestAccounts::Login)
                            .string_len(128)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ModelTestAccounts::CasIdentifier)
                            .string_len(256)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ModelTestAccounts::PasswordSealed)
                            .binary()
                            .not_null(),
                    )
                    .col(timestamp(ModelTestAccounts::UpdatedAt))
                    .primary_key(
                        Index::create()
                            .col(ModelTestAccounts::ModelId)
                            .col(ModelTestAccounts::Profile),
                    )
                    .foreign_key(&mut cascade_to(
                        (ModelTestAccounts::Table, ModelTestAccounts::ModelId),
                        EntModels::Table,
                        EntModels::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ModelValidations::Table)
                    .col(ColumnDef::new(ModelValidations::ModelId).uuid().not_null())
                    .col(
                        ColumnDef::new(ModelValidations::Revision)
                            .integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(ModelValidations::TenantId).uuid().not_null())
                    .col(timestamp(ModelValidations::ValidatedAt))
                    .col(
                        ColumnDef::new(ModelValidations::ValidatedBy)
                            .string_len(254)
                            .null(),
                    )
                    .col(
                        ColumnDef::new(ModelValidations::Passed)
                            .boolean()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ModelValidations::ServiceUrl)
                            .string_len(2048)
                            .not_null(),
                    )
                    .col(ColumnDef::new(ModelValidations::Results).text().not_null())
                    .primary_key(
                        Index::create()
                            .col(ModelValidations::ModelId)
                            .col(ModelValidations::Revision),
                    )
                    .foreign_key(&mut cascade_to(
                        (ModelValidations::Table, ModelValidations::ModelId),
                        EntModels::Table,
                        EntModels::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ModelValidations::Table.into_iden(),
            ModelTestAccounts::Table.into_iden(),
            CasChecks::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
