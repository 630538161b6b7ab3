use sea_orm::entity::prelude::*;

/// A user of a PRONOTE base, as read from its identifiers export (file B,
/// docs/domain.md §4). A cité scolaire is one base: its users are listed once
/// (docs/domain.md « Cités scolaires »).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "base_pronote_users")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub base_id: Uuid,
    /// The 16-character PRONOTE identifier.
    pub pronote_id: String,
    pub last_name: String,
    pub first_name: String,
    pub birth_date: Option<Date>,
    /// `relais_domain::directory::PronoteCategory` API name.
    pub category: String,
    /// The CAS identifier PRONOTE already holds for the user, if any.
    pub cas_id: Option<String>,
    /// The UAI of the export that last listed the user: the group UAI for
    /// an export of the whole base, a member's for an export of one
    /// establishment of a cité scolaire.
    pub export_uai: String,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
