//! Integrators' CAS configuration models (docs/domain.md §3): sources (a tenant's own
//! list, or a feed fetched by URL), catalog versions by content hash, models
//! with their revisions, the model each base applied, and pending updates.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ModelSources {
    Table,
    Id,
    TenantId,
    Kind,
    Name,
    Url,
    Cron,
    AllowHttpForTesting,
    Etag,
    LastModified,
    ContentHash,
    LastFetchedAt,
    LastSuccessAt,
    LastError,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum CatalogVersions {
    Table,
    Id,
    SourceId,
    ContentHash,
    Models,
    Added,
    Changed,
    Withdrawn,
    CreatedAt,
}

#[derive(DeriveIden)]
enum EntModels {
    Table,
    Id,
    SourceId,
    TenantId,
    NameKey,
    Name,
    Body,
    Revision,
    Withdrawn,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ModelRevisions {
    Table,
    ModelId,
    Revision,
    Body,
    CreatedAt,
}

#[derive(DeriveIden)]
enum BaseModels {
    Table,
    BaseId,
    ModelId,
    Revision,
    AppliedAt,
    AppliedBy,
}

#[derive(DeriveIden)]
enum PendingModelUpdates {
    Table,
    BaseId,
    ModelId,
    FromRevision,
    ToRevision,
    Changes,
    CreatedAt,
}

#[derive(DeriveIden)]
enum JobLeases {
    Table,
    Name,
    Holder,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum Tenants {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum PronoteBases {
    Table,
    Id,
}

fn timestamp<T: IntoIden>(name: T) -> ColumnDef {
    ColumnDef::new(name)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ModelSources::Table)
                    .col(
                        ColumnDef::new(ModelSources::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    // Empty: published by a platform administrator to every tenant.
                    .col(ColumnDef::new(ModelSources::TenantId).uuid().null())
                    .col(ColumnDef::new(ModelSources::Kind).string_len(16).not_null())
                    .col(
                        ColumnDef::new(ModelSources::Name)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(ColumnDef::new(ModelSources::Url).string_len(2000).null())
                    .col(ColumnDef::new(ModelSources::Cron).string_len(100).null())
                    .col(
                        ColumnDef::new(ModelSources::AllowHttpForTesting)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .col(ColumnDef::new(ModelSources::Etag).string_len(500).null())
                    .col(
                        ColumnDef::new(ModelSources::LastModified)
                            .string_len(100)
                            .null(),
                    )
                    .col(
                        ColumnDef::new(ModelSources::ContentHash)
                            .string_len(64)
                            .null(),
                    )
                    .col(
                        ColumnDef::new(ModelSources::LastFetchedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(ModelSources::LastSuccessAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(ColumnDef::new(ModelSources::LastError).text().null())
                    .col(timestamp(ModelSources::CreatedAt))
                    .col(timestamp(ModelSources::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ModelSources::Table, ModelSources::TenantId)
                            .to(Tenants::Table, Tenants::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CatalogVersions::Table)
                    .col(
                        ColumnDef::new(CatalogVersions::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(CatalogVersions::SourceId).uuid().not_null())
                    .col(
                        ColumnDef::new(CatalogVersions::ContentHash)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(ColumnDef::new(CatalogVersions::Models).integer().not_null())
                    .col(ColumnDef::new(CatalogVersions::Added).integer().not_null())
                    .col(
                        ColumnDef::new(CatalogVersions::Changed)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CatalogVersions::Withdrawn)
                            .integer()
                            .not_null(),
                    )
                    .col(timestamp(CatalogVersions::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(CatalogVersions::Table, CatalogVersions::SourceId)
                            .to(ModelSources::Table, ModelSources::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(EntModels::Table)
                    .col(
                        ColumnDef::new(EntModels::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(EntModels::SourceId).uuid().not_null())
                    .col(ColumnDef::new(EntModels::TenantId).uuid().null())
                    .col(
                        ColumnDef::new(EntModels::NameKey)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(ColumnDef::new(EntModels::Name).string_len(200).not_null())
                    .col(ColumnDef::new(EntModels::Body).text().not_null())
                    .col(ColumnDef::new(EntModels::Revision).integer().not_null())
                    .col(
                        ColumnDef::new(EntModels::Withdrawn)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .col(timestamp(EntModels::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(EntModels::Table, EntModels::SourceId)
                            .to(ModelSources::Table, ModelSources::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_ent_models_source_name")
                    .table(EntModels::Table)
                    .col(EntModels::SourceId)
                    .col(EntModels::NameKey)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ModelRevisions::Table)
                    .col(ColumnDef::new(ModelRevisions::ModelId).uuid().not_null())
                    .col(
                        ColumnDef::new(ModelRevisions::Revision)
                            .integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(ModelRevisions::Body).text().not_null())
                    .col(timestamp(ModelRevisions::CreatedAt))
                    .primary_key(
                        Index::create()
                            .col(ModelRevisions::ModelId)
                            .col(ModelRevisions::Revision),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ModelRevisions::Table, ModelRevisions::ModelId)
                            .to(EntModels::Table, EntModels::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(BaseModels::Table)
                    .col(
                        ColumnDef::new(BaseModels::BaseId)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(BaseModels::ModelId).uuid().not_null())
                    .col(ColumnDef::new(BaseModels::Revision).integer().not_null())
                    .col(timestamp(BaseModels::AppliedAt))
                    .col(ColumnDef::new(BaseModels::AppliedBy).string_len(320).null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(BaseModels::Table, BaseModels::BaseId)
                            .to(PronoteBases::Table, PronoteBases::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(BaseModels::Table, BaseModels::ModelId)
                            .to(EntModels::Table, EntModels::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_base_models_model")
                    .table(BaseModels::Table)
                    .col(BaseModels::ModelId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PendingModelUpdates::Table)
                    .col(
                        ColumnDef::new(PendingModelUpdates::BaseId)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(PendingModelUpdates::ModelId)
                            .uuid()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(PendingModelUpdates::FromRevision)
                            .integer()
                            .not_null(),
                    )
                    // Empty: the model was withdrawn from its list.
                    .col(
                        ColumnDef::new(PendingModelUpdates::ToRevision)
                            .integer()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(PendingModelUpdates::Changes)
                            .text()
                            .not_null(),
                    )
                    .col(timestamp(PendingModelUpdates::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(PendingModelUpdates::Table, PendingModelUpdates::BaseId)
                            .to(PronoteBases::Table, PronoteBases::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_pending_model_updates_model")
                    .table(PendingModelUpdates::Table)
                    .col(PendingModelUpdates::ModelId)
                    .to_owned(),
            )
            .await?;
        // One row per periodic job: the process holding an unexpired lease
        // runs it; others skip the tick.
        manager
            .create_table(
                Table::create()
                    .table(JobLeases::Table)
                    .col(
                        ColumnDef::new(JobLeases::Name)
                            .string_len(200)
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(JobLeases::Holder).string_len(100).not_null())
                    .col(timestamp(JobLeases::ExpiresAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            JobLeases::Table.into_iden(),
            PendingModelUpdates::Table.into_iden(),
            BaseModels::Table.into_iden(),
            ModelRevisions::Table.into_iden(),
            EntModels::Table.into_iden(),
            CatalogVersions::Table.into_iden(),
            ModelSources::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
