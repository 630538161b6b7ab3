use sea_orm::entity::prelude::*;

/// The number of errors and warnings a base's diagnostics found, without
/// those about closed establishments (they change without the base: the
/// dashboard adds them). Written with every change of the base; valid only
/// while `base_version` equals the base's `version`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "base_diagnostics")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub base_id: Uuid,
    pub base_version: i32,
    pub errors: i32,
    pub warnings: i32,
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
