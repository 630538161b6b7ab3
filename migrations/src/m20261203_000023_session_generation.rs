//! Issue 13, item 10: a per-account session generation. Every access token
//! carries the generation of its account when it was issued; disabling,
//! deleting or changing the password of an account bumps it, so the tokens
//! already handed out stop working within seconds (docs/decisions.md
//! « Issue 13 — accounts »). A defaulted column: the previous release keeps
//! working on this schema.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    SessionGeneration,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(
                        ColumnDef::new(Users::SessionGeneration)
                            .big_integer()
                            .not_null()
                            .default(0),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .drop_column(Users::SessionGeneration)
                    .to_owned(),
            )
            .await
    }
}
