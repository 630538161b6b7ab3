use sea_orm::entity::prelude::*;

/// A PRONOTE base: the establishments it serves are in `base_members`; its
/// delegation settings are the JSON of `relais_domain::delegation::DelegationSettings`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "pronote_bases")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    /// The UAI exports are keyed by (the main establishment's).
    pub group_uai: String,
    /// `HOSTED` (chez Index-Education) or `SELF_HOSTED`.
    pub hosting: String,
    pub pronote_version: Option<i32>,
    /// `2026-2027`.
    pub school_year: String,
    pub public_url: Option<String>,
    pub server_address: Option<String>,
    /// `PUBLISHED` or `STOPPED`.
    pub publication: String,
    pub ent_credentials_distributed: bool,
    #[sea_orm(column_type = "Text")]
    pub settings: String,
    /// Optimistic concurrency: bumped by every write.
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
