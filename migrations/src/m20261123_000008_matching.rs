//! Account matching (rapprochement, docs/domain.md §5): the PRONOTE users read from
//! the identifiers export (file B), the links between PRONOTE users and ENT
//! accounts of a base, and the matching runs with one step per population;
//! a run keeps the engine's proposals as one JSON document (written and read
//! whole: one statement instead of one row per account).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PronoteUsers {
    Table,
    Id,
    TenantId,
    EstablishmentId,
    PronoteId,
    LastName,
    FirstName,
    BirthDate,
    Category,
    CasId,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum AccountLinks {
    Table,
    Id,
    TenantId,
    BaseId,
    Population,
    PronoteId,
    EntId,
    Origin,
    Score,
    RunId,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum MatchingRuns {
    Table,
    Id,
    TenantId,
    BaseId,
    Status,
    ExistingLinks,
    StartedBy,
    StartedAt,
    FinishedAt,
    Proposals,
}

#[derive(DeriveIden)]
enum MatchingSteps {
    Table,
    Id,
    RunId,
    Population,
    Status,
    AutoLinks,
    Reviews,
    Duplicates,
    LinksCreated,
    ValidatedBy,
    ValidatedAt,
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

fn cascade<F: IntoIden, T: IntoIden, C: IntoIden>(
    from: (F, C),
    to_table: T,
    to_column: impl IntoIden,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from.0, from.1)
        .to(to_table, to_column)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

async fn unique_index(
    manager: &SchemaManager<'_>,
    name: &str,
    table: impl IntoIden,
    columns: Vec<DynIden>,
) -> Result<(), DbErr> {
    let mut index = Index::create();
    index.name(name).table(table).unique();
    for column in columns {
        index.col(column);
    }
    manager.create_index(index.to_owned()).await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PronoteUsers::Table)
                    .col(
                        ColumnDef::new(PronoteUsers::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(PronoteUsers::TenantId).uuid().not_null())
                    .col(
                        ColumnDef::new(PronoteUsers::EstablishmentId)
                            .uuid()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(PronoteUsers::PronoteId)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(PronoteUsers::LastName)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(PronoteUsers::FirstName)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(ColumnDef::new(PronoteUsers::BirthDate).date().null())
                    .col(
                        ColumnDef::new(PronoteUsers::Category)
                            .string_len(32)
                            .not_null(),
                    )
                    .col(ColumnDef::new(PronoteUsers::CasId).string_len(64).null())
                    .col(timestamp(PronoteUsers::UpdatedAt))
                    .foreign_key(&mut cascade(
                        (PronoteUsers::Table, PronoteUsers::TenantId),
                        Tenants::Table,
                        Tenants::Id,
                    ))
                    .foreign_key(&mut cascade(
                        (PronoteUsers::Table, PronoteUsers::EstablishmentId),
                        Establishments::Table,
                        Establishments::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        unique_index(
            manager,
            "pronote_users_establishment_pronote_id",
            PronoteUsers::Table,
            vec![
                PronoteUsers::EstablishmentId.into_iden(),
                PronoteUsers::PronoteId.into_iden(),
            ],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(AccountLinks::Table)
                    .col(
                        ColumnDef::new(AccountLinks::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(AccountLinks::TenantId).uuid().not_null())
                    .col(ColumnDef::new(AccountLinks::BaseId).uuid().not_null())
                    .col(
                        ColumnDef::new(AccountLinks::Population)
                            .string_len(32)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(AccountLinks::PronoteId)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(AccountLinks::EntId)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(AccountLinks::Origin)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(ColumnDef::new(AccountLinks::Score).double().null())
                    .col(ColumnDef::new(AccountLinks::RunId).uuid().null())
                    .col(ColumnDef::new(AccountLinks::CreatedBy).uuid().null())
                    .col(timestamp(AccountLinks::CreatedAt))
                    .foreign_key(&mut cascade(
                        (AccountLinks::Table, AccountLinks::TenantId),
                        Tenants::Table,
                        Tenants::Id,
                    ))
                    .foreign_key(&mut cascade(
                        (AccountLinks::Table, AccountLinks::BaseId),
                        PronoteBases::Table,
                        PronoteBases::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        // One link per PRONOTE user and per ENT account of a population.
        unique_index(
            manager,
            "account_links_base_pronote_id",
            AccountLinks::Table,
            vec![
                AccountLinks::BaseId.into_iden(),
                AccountLinks::PronoteId.into_iden(),
            ],
        )
        .await?;
        unique_index(
            manager,
            "account_links_base_population_ent_id",
            AccountLinks::Table,
            vec![
                AccountLinks::BaseId.into_iden(),
                AccountLinks::Population.into_iden(),
                AccountLinks::EntId.into_iden(),
            ],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(MatchingRuns::Table)
                    .col(
                        ColumnDef::new(MatchingRuns::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(MatchingRuns::TenantId).uuid().not_null())
                    .col(ColumnDef::new(MatchingRuns::BaseId).uuid().not_null())
                    .col(
                        ColumnDef::new(MatchingRuns::Status)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(MatchingRuns::ExistingLinks)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(ColumnDef::new(MatchingRuns::StartedBy).uuid().null())
                    .col(timestamp(MatchingRuns::StartedAt))
                    .col(
                        ColumnDef::new(MatchingRuns::FinishedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(ColumnDef::new(MatchingRuns::Proposals).text().not_null())
                    .foreign_key(&mut cascade(
                        (MatchingRuns::Table, MatchingRuns::TenantId),
                        Tenants::Table,
                        Tenants::Id,
                    ))
                    .foreign_key(&mut cascade(
                        (MatchingRuns::Table, MatchingRuns::BaseId),
                        PronoteBases::Table,
                        PronoteBases::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("matching_runs_base_started")
                    .table(MatchingRuns::Table)
                    .col(MatchingRuns::BaseId)
                    .col(MatchingRuns::StartedAt)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(MatchingSteps::Table)
                    .col(
                        ColumnDef::new(MatchingSteps::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(MatchingSteps::RunId).uuid().not_null())
                    .col(
                        ColumnDef::new(MatchingSteps::Population)
                            .string_len(32)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(MatchingSteps::Status)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(MatchingSteps::AutoLinks)
                            .integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(MatchingSteps::Reviews).integer().not_null())
                    .col(
                        ColumnDef::new(MatchingSteps::Duplicates)
                            .integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(MatchingSteps::LinksCreated).integer().null())
                    .col(ColumnDef::new(MatchingSteps::ValidatedBy).uuid().null())
                    .col(
                        ColumnDef::new(MatchingSteps::ValidatedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .foreign_key(&mut cascade(
                        (MatchingSteps::Table, MatchingSteps::RunId),
                        MatchingRuns::Table,
                        MatchingRuns::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        unique_index(
            manager,
            "matching_steps_run_population",
            MatchingSteps::Table,
            vec![
                MatchingSteps::RunId.into_iden(),
                MatchingSteps::Population.into_iden(),
            ],
        )
        .await?;

        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            MatchingSteps::Table.into_iden(),
            MatchingRuns::Table.into_iden(),
            AccountLinks::Table.into_iden(),
            PronoteUsers::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
