use sea_orm::entity::prelude::*;

/// One run of the matching engine over a base: its proposals wait for a
/// person to validate them population by population (docs/domain.md §5).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "matching_runs")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub base_id: Uuid,
    /// `IN_PROGRESS`, `COMPLETED` or `CANCELLED`.
    pub status: String,
    /// `KEEP` or `REPLACE`: what validating a step does to existing links.
    pub existing_links: String,
    pub started_by: Option<Uuid>,
    pub started_at: DateTimeUtc,
    pub finished_at: Option<DateTimeUtc>,
    /// The engine's proposals: a JSON list of `relais_store::Proposal`,
    /// by population then ENT identifier.
    #[sea_orm(column_type = "Text")]
    pub proposals: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
