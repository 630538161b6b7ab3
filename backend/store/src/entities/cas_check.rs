use sea_orm::entity::prelude::*;

/// The latest « Tester l'authentification » of a base (issue 8). `steps` is
/// the JSON of `Vec<relais_domain::cas_check::CheckStep>`; `settings_hash`
/// the SHA-256 of the settings JSON checked, to tell when they changed since.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "cas_checks")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub base_id: Uuid,
    pub tenant_id: Uuid,
    pub checked_at: DateTimeUtc,
    pub checked_by: Option<String>,
    /// `OK`, `WARNING` or `FAILED`.
    pub outcome: String,
    /// `SAML11`, `CAS2` or `CAS3`.
    pub protocol: String,
    pub with_credentials: bool,
    pub settings_hash: String,
    #[sea_orm(column_type = "Text")]
    pub steps: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
