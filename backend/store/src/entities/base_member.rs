use sea_orm::entity::prelude::*;

/// One establishment served by a PRONOTE base (a cité scolaire has several).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "base_members")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub establishment_id: Uuid,
    pub base_id: Uuid,
    pub tenant_id: Uuid,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::establishment::Entity",
        from = "Column::EstablishmentId",
        to = "super::establishment::Column::Id"
    )]
    Establishment,
    #[sea_orm(
        belongs_to = "super::pronote_base::Entity",
        from = "Column::BaseId",
        to = "super::pronote_base::Column::Id"
    )]
    Base,
}

impl ActiveModelBehavior for ActiveModel {}
