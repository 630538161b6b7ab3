use sea_orm::entity::prelude::*;

/// One ENT model of a source, identified across catalog versions by its
/// name (case-insensitive). `body` is the JSON of `relais_domain::models::EntModel`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ent_models")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub source_id: Uuid,
    pub tenant_id: Option<Uuid>,
    pub name_key: String,
    pub name: String,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    /// Bumped by every change of the model's values.
    pub revision: i32,
    /// No longer in its list (kept for the bases that applied it).
    pub withdrawn: bool,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
