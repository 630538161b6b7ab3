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
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::pronote_base::Entity",
        from = "Column::BaseId",
        to = "super::pronote_base::Column::Id"
    )]
    Base,
    #[sea_orm(
        belongs_to = "super::ent_model::Entity",
        from = "Column::ModelId",
        to = "super::ent_model::Column::Id"
    )]
    Model,
}

impl ActiveModelBehavior for ActiveModel {}
