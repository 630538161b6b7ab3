//! Issue 14: the PRONOTE users belong to the base, not to an establishment
//! (a cité scolaire is one PRONOTE base, docs/domain.md « Cités
//! scolaires »).
//!
//! `pronote_users` (one list per establishment) becomes
//! `base_pronote_users`: one row per (base, PRONOTE identifier), with the
//! UAI of the export that last listed the user (`export_uai`: the group UAI
//! for a whole-base export, a member's for an export of one establishment
//! of a cité).
//!
//! Existing rows move to the base serving their establishment. A user
//! uploaded twice for a cité (once per member: the duplicates of issue 14)
//! is kept once, its most recently updated row (then the greatest id).
//! Rows of an establishment served by no base cannot be matched and are not
//! kept (the school uploads its export again once its base exists).
//!
//! Expand only: `pronote_users` is kept, unused by this release, for the
//! previous release during a rolling upgrade; a later migration drops it
//! (docs/operations.md « Upgrades »).
//!
//! A new table rather than a renamed one: PostgreSQL keeps the constraint
//! names of a renamed table (`pronote_users_pkey`), which a new table of the
//! old name would collide with. Plain SQL of both databases for the copy
//! (joins and a correlated `NOT EXISTS`).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum BasePronoteUsers {
    Table,
    Id,
    TenantId,
    BaseId,
    PronoteId,
    LastName,
    FirstName,
    BirthDate,
    Category,
    CasId,
    ExportUai,
    UpdatedAt,
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

fn cascade(
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

fn string(name: impl IntoIden, len: u32) -> ColumnDef {
    ColumnDef::new(name).string_len(len).not_null().to_owned()
}

/// One row per base and PRONOTE identifier: the most recently updated row
/// of the members' lists.
const MOVE_TO_BASES: &str = "
INSERT INTO base_pronote_users
    (id, tenant_id, base_id, pronote_id, last_name, first_name, birth_date, category,
     cas_id, export_uai, updated_at)
SELECT p.id, p.tenant_id, m.base_id, p.pronote_id, p.last_name, p.first_name, p.birth_date,
       p.category, p.cas_id, e.uai, p.updated_at
FROM pronote_users p
JOIN base_members m ON m.establishment_id = p.establishment_id
JOIN establishments e ON e.id = p.establishment_id
WHERE NOT EXISTS (
    SELECT 1 FROM pronote_users q
    JOIN base_members n ON n.establishment_id = q.establishment_id
    WHERE n.base_id = m.base_id
      AND q.pronote_id = p.pronote_id
      AND (q.updated_at > p.updated_at OR (q.updated_at = p.updated_at AND q.id > p.id))
)";

/// Back to one list per establishment: each base's users go to its group
/// establishment (the one whose UAI keys the base).
const BACK_TO_ESTABLISHMENTS: &str = "
INSERT INTO pronote_users
    (id, tenant_id, establishment_id, pronote_id, last_name, first_name, birth_date, category,
     cas_id, updated_at)
SELECT u.id, u.tenant_id, e.id, u.pronote_id, u.last_name, u.first_name, u.birth_date,
       u.category, u.cas_id, u.updated_at
FROM base_pronote_users u
JOIN pronote_bases b ON b.id = u.base_id
JOIN establishments e ON e.tenant_id = b.tenant_id AND e.uai = b.group_uai";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(BasePronoteUsers::Table)
                    .col(
                        ColumnDef::new(BasePronoteUsers::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(BasePronoteUsers::TenantId).uuid().not_null())
                    .col(ColumnDef::new(BasePronoteUsers::BaseId).uuid().not_null())
                    .col(string(BasePronoteUsers::PronoteId, 16))
                    .col(string(BasePronoteUsers::LastName, 200))
                    .col(string(BasePronoteUsers::FirstName, 200))
                    .col(ColumnDef::new(BasePronoteUsers::BirthDate).date().null())
                    .col(string(BasePronoteUsers::Category, 32))
                    .col(
                        ColumnDef::new(BasePronoteUsers::CasId)
                            .string_len(64)
                            .null(),
                    )
                    .col(string(BasePronoteUsers::ExportUai, 8))
                    .col(
                        ColumnDef::new(BasePronoteUsers::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(&mut cascade(
                        (BasePronoteUsers::Table, BasePronoteUsers::TenantId),
                        (Tenants::Table, Tenants::Id),
                    ))
                    .foreign_key(&mut cascade(
                        (BasePronoteUsers::Table, BasePronoteUsers::BaseId),
                        (PronoteBases::Table, PronoteBases::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("base_pronote_users_base_pronote_id")
                    .table(BasePronoteUsers::Table)
                    .col(BasePronoteUsers::BaseId)
                    .col(BasePronoteUsers::PronoteId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared(MOVE_TO_BASES)
            .await?;
        // `pronote_users` stays: the previous release reads and writes it
        // during a rolling upgrade (expand/contract, docs/operations.md
        // « Upgrades »). No code of this release uses it; a migration after
        // the next release drops it (listed in migrations/contractions.txt
        // then).
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // `up` kept `pronote_users`; it gets the base lists back, copied to
        // each establishment the base serves.
        manager
            .get_connection()
            .execute_unprepared("DELETE FROM pronote_users")
            .await?;
        manager
            .get_connection()
            .execute_unprepared(BACK_TO_ESTABLISHMENTS)
            .await?;
        manager
            .drop_table(Table::drop().table(BasePronoteUsers::Table).to_owned())
            .await
    }
}
