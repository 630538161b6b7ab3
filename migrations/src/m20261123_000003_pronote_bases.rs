//! PRONOTE bases, the establishments each serves (cités scolaires), and the
//! delegation settings of each base (docs/domain.md §2, stored as JSON).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PronoteBases {
    Table,
    Id,
    TenantId,
    GroupUai,
    Hosting,
    PronoteVersion,
    SchoolYear,
    PublicUrl,
    ServerAddress,
    Publication,
    EntCredentialsDistributed,
    Settings,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum BaseMembers {
    Table,
    EstablishmentId,
    BaseId,
    TenantId,
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

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PronoteBases::Table)
                    .col(
                        ColumnDef::new(PronoteBases::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(PronoteBases::TenantId).uuid().not_null())
                    .col(
                        ColumnDef::new(PronoteBases::GroupUai)
                            .string_len(8)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(PronoteBases::Hosting)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(PronoteBases::PronoteVersion)
                            .integer()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(PronoteBases::SchoolYear)
                            .string_len(9)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(PronoteBases::PublicUrl)
                            .string_len(2000)
                            .null(),
                    )
                    .col(
                        ColumnDef::new(PronoteBases::ServerAddress)
                            .string_len(255)
                            .null(),
                    )
                    .col(
                        ColumnDef::new(PronoteBases::Publication)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(PronoteBases::EntCredentialsDistributed)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .col(ColumnDef::new(PronoteBases::Settings).text().not_null())
                    .col(ColumnDef::new(PronoteBases::Version).integer().not_null())
                    .col(
                        ColumnDef::new(PronoteBases::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(PronoteBases::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(PronoteBases::Table, PronoteBases::TenantId)
                            .to(Tenants::Table, Tenants::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_pronote_bases_tenant_group_uai")
                    .table(PronoteBases::Table)
                    .col(PronoteBases::TenantId)
                    .col(PronoteBases::GroupUai)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // One row per establishment served by a base: an establishment is on
        // at most one base.
        manager
            .create_table(
                Table::create()
                    .table(BaseMembers::Table)
                    .col(
                        ColumnDef::new(BaseMembers::EstablishmentId)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(BaseMembers::BaseId).uuid().not_null())
                    .col(ColumnDef::new(BaseMembers::TenantId).uuid().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(BaseMembers::Table, BaseMembers::EstablishmentId)
                            .to(Establishments::Table, Establishments::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(BaseMembers::Table, BaseMembers::BaseId)
                            .to(PronoteBases::Table, PronoteBases::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_base_members_base")
                    .table(BaseMembers::Table)
                    .col(BaseMembers::BaseId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(BaseMembers::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(PronoteBases::Table).to_owned())
            .await
    }
}
