use sea_orm::entity::prelude::*;

/// An ENT account of the directory, as imported for one establishment
/// (an account of several establishments has one row in each).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ent_accounts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub establishment_id: Uuid,
    /// The opaque ENT identifier (`ID_Partenaire` in file A).
    pub ent_id: String,
    pub last_name: String,
    pub first_name: String,
    pub birth_date: Option<Date>,
    /// `relais_domain::directory::EntProfile` API name.
    pub profile: String,
    pub postal_code: Option<String>,
    pub sex: Option<String>,
    pub civility: Option<String>,
    /// For a guardian: the ENT identifiers of their pupils, `|`-separated.
    #[sea_orm(column_type = "Text", nullable)]
    pub pupil_ids: Option<String>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
