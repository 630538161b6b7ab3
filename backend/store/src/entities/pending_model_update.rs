use sea_orm::entity::prelude::*;

/// A model a base applied changed or was withdrawn: the base's settings are
/// untouched until someone applies or dismisses the update.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "pending_model_updates")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub base_id: Uuid,
    pub model_id: Uuid,
    pub from_revision: i32,
    /// Empty: the model was withdrawn.
    pub to_revision: Option<i32>,
    /// JSON list of the field changes, as shown to the user.
    #[sea_orm(column_type = "Text")]
    pub changes: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::pronote_base::Entity",
        from = "Column::BaseId",
        to = "super::pronote_base::Column::Id"
    )]
    Base,
}

impl ActiveModelBehavior for ActiveModel {}
