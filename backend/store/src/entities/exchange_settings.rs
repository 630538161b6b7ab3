use sea_orm::entity::prelude::*;

/// How a tenant exchanges files with Index-Education (docs/domain.md §4): its partner
/// id and name, Index-Education's public key (file A), its own key pair for
/// the PRONOTE identifier exports (file B; the private key sealed by the
/// tenant key), and retention overrides.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "exchange_settings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    pub partner_id: Option<String>,
    pub partner_name: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub index_education_public_key: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub partner_public_key: Option<String>,
    pub partner_private_key_sealed: Option<Vec<u8>>,
    pub retention_account_matching_days: Option<i32>,
    pub retention_identifiers_export_days: Option<i32>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
