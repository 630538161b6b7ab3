use sea_orm::entity::prelude::*;

/// The model a base applied, at which revision.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "base_models")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub base_id: Uuid,
    pub model_id: Uuid,
    pub revision: i32,
    pub applied_at: DateTimeUtc,
    pub applied_by: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
