use sea_orm::entity::prelude::*;

/// One base's service as the tenant's CAS registry was last exported
/// (issue 21): the JSON of `relais_formats::cas_registry::ServiceEntry`.
/// No foreign key to the base: a deleted base's entry stays until the next
/// export says to delete its file.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "cas_registry_entries")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub base_id: Uuid,
    #[sea_orm(column_type = "Text")]
    pub entry: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
