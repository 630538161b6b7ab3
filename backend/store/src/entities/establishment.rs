use sea_orm::entity::prelude::*;

/// An establishment (collège, lycée…) of a tenant, identified by its UAI.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "establishments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub uai: String,
    /// The UAI's check letter is wrong, and an operator confirmed the code.
    pub uai_checksum_acknowledged: bool,
    pub name: String,
    /// `name` folded for search (lower case, no accents).
    pub name_search: String,
    /// One of `relais_domain::EstablishmentKind`'s names.
    pub kind: String,
    pub commune: Option<String>,
    pub postal_code: Option<String>,
    pub academy: Option<String>,
    /// `OPEN` or `CLOSED`.
    pub status: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
