use sea_orm::entity::prelude::*;

/// A PRONOTE user of an establishment, as read from its identifiers export
/// (file B, BRIEF §4).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "pronote_users")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub establishment_id: Uuid,
    /// The 16-character PRONOTE identifier.
    pub pronote_id: String,
    pub last_name: String,
    pub first_name: String,
    pub birth_date: Option<Date>,
    /// `relais_domain::directory::PronoteCategory` API name.
    pub category: String,
    /// The CAS identifier PRONOTE already holds for the user, if any.
    pub cas_id: Option<String>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
