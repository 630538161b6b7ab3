//! Encrypted exports (docs/domain.md §4): per-tenant keys wrapped by the master key,
//! the tenant's exchange settings with Index-Education, the ENT directory
//! accounts that feed the account-matching file, and one metadata row per
//! stored object.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum TenantKeys {
    Table,
    TenantId,
    WrappedKey,
    MasterKeyId,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ExchangeSettings {
    Table,
    TenantId,
    PartnerId,
    PartnerName,
    IndexEducationPublicKey,
    PartnerPublicKey,
    PartnerPrivateKeySealed,
    RetentionAccountMatchingDays,
    RetentionIdentifiersExportDays,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum EntAccounts {
    Table,
    Id,
    TenantId,
    EstablishmentId,
    EntId,
    LastName,
    FirstName,
    BirthDate,
    Profile,
    PostalCode,
    Sex,
    Civility,
    PupilIds,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum StoredFiles {
    Table,
    Id,
    TenantId,
    EstablishmentId,
    BaseId,
    Kind,
    FileName,
    ObjectKey,
    Size,
    Sha256,
    Summary,
    CreatedBy,
    CreatedAt,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum Tenants {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Establishments {
    Table,
    Id,
}

fn timestamp<T: IntoIden>(name: T) -> ColumnDef {
    ColumnDef::new(name)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

fn tenant_fk<T: IntoIden + 'static>(table: T, column: T) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, column)
        .to(Tenants::Table, Tenants::Id)
        .on_delete(ForeignKeyAction::Restrict)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(TenantKeys::Table)
                    .col(
                        ColumnDef::new(TenantKeys::TenantId)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(TenantKeys::WrappedKey).binary().not_null())
                    .col(
                        ColumnDef::new(TenantKeys::MasterKeyId)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(timestamp(TenantKeys::CreatedAt))
                    .col(timestamp(TenantKeys::UpdatedAt))
                    .foreign_key(&mut tenant_fk(TenantKeys::Table, TenantKeys::TenantId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ExchangeSettings::Table)
                    .col(
                        ColumnDef::new(ExchangeSettings::TenantId)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(ExchangeSettings::PartnerId)
                            .string_len(100)
                            .null(),
                    )
                    .col(
                        ColumnDef::new(ExchangeSettings::PartnerName)
                            .string_len(200)
                            .null(),
                    )
                    .col(
                        ColumnDef::new(ExchangeSettings::IndexEducationPublicKey)
                            .text()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(ExchangeSettings::PartnerPublicKey)
                            .text()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(ExchangeSettings::PartnerPrivateKeySealed)
                            .binary()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(ExchangeSettings::RetentionAccountMatchingDays)
                            .integer()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(ExchangeSettings::RetentionIdentifiersExportDays)
                            .integer()
                            .null(),
                    )
                    .col(timestamp(ExchangeSettings::UpdatedAt))
                    .foreign_key(&mut tenant_fk(
                        ExchangeSettings::Table,
                        ExchangeSettings::TenantId,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(EntAccounts::Table)
                    .col(
                        ColumnDef::new(EntAccounts::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(EntAccounts::TenantId).uuid().not_null())
                    .col(
                        ColumnDef::new(EntAccounts::EstablishmentId)
                            .uuid()
                            .not_null(),
                    )
                    .col(ColumnDef::new(EntAccounts::EntId).string_len(64).not_null())
                    .col(
                        ColumnDef::new(EntAccounts::LastName)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(EntAccounts::FirstName)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(ColumnDef::new(EntAccounts::BirthDate).date().null())
                    .col(
                        ColumnDef::new(EntAccounts::Profile)
                            .string_len(32)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(EntAccounts::PostalCode)
                            .string_len(10)
                            .null(),
                    )
                    .col(ColumnDef::new(EntAccounts::Sex).string_len(1).null())
                    .col(ColumnDef::new(EntAccounts::Civility).string_len(8).null())
                    .col(ColumnDef::new(EntAccounts::PupilIds).text().null())
                    .col(timestamp(EntAccounts::UpdatedAt))
                    .foreign_key(&mut tenant_fk(EntAccounts::Table, EntAccounts::TenantId))
                    .foreign_key(
                        ForeignKey::create()
                            .from(EntAccounts::Table, EntAccounts::EstablishmentId)
                            .to(Establishments::Table, Establishments::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ent_accounts_establishment_ent_id")
                    .table(EntAccounts::Table)
                    .col(EntAccounts::EstablishmentId)
                    .col(EntAccounts::EntId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(StoredFiles::Table)
                    .col(
                        ColumnDef::new(StoredFiles::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(StoredFiles::TenantId).uuid().not_null())
                    .col(ColumnDef::new(StoredFiles::EstablishmentId).uuid().null())
                    .col(ColumnDef::new(StoredFiles::BaseId).uuid().null())
                    .col(ColumnDef::new(StoredFiles::Kind).string_len(32).not_null())
                    .col(
                        ColumnDef::new(StoredFiles::FileName)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(StoredFiles::ObjectKey)
                            .string_len(512)
                            .not_null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(StoredFiles::Size).big_integer().not_null())
                    .col(
                        ColumnDef::new(StoredFiles::Sha256)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(ColumnDef::new(StoredFiles::Summary).text().not_null())
                    .col(ColumnDef::new(StoredFiles::CreatedBy).uuid().null())
                    .col(timestamp(StoredFiles::CreatedAt))
                    .col(timestamp(StoredFiles::ExpiresAt))
                    .foreign_key(&mut tenant_fk(StoredFiles::Table, StoredFiles::TenantId))
                    .foreign_key(
                        ForeignKey::create()
                            .from(StoredFiles::Table, StoredFiles::EstablishmentId)
                            .to(Establishments::Table, Establishments::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("stored_files_expiry")
                    .table(StoredFiles::Table)
                    .col(StoredFiles::ExpiresAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("stored_files_tenant_kind")
                    .table(StoredFiles::Table)
                    .col(StoredFiles::TenantId)
                    .col(StoredFiles::Kind)
                    .col(StoredFiles::CreatedAt)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            StoredFiles::Table.into_iden(),
            EntAccounts::Table.into_iden(),
            ExchangeSettings::Table.into_iden(),
            TenantKeys::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
