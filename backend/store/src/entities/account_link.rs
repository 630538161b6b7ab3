use sea_orm::entity::prelude::*;

/// A PRONOTE user of a base linked to an ENT account (docs/domain.md §5).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "account_links")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub base_id: Uuid,
    /// `PronoteCategory` API name.
    pub population: String,
    pub pronote_id: String,
    pub ent_id: String,
    /// `AUTOMATIC`, `MANUAL` or `EXISTING` (already set in PRONOTE).
    pub origin: String,
    pub score: Option<f64>,
    pub run_id: Option<Uuid>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
