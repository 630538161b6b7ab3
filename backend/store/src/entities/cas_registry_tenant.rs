use sea_orm::entity::prelude::*;

/// A tenant's CAS service registry settings and last export (issue 21).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "cas_registry_tenants")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    /// JSON object: name PRONOTE reads → the ENT's internal name.
    #[sea_orm(column_type = "Text")]
    pub attribute_mapping: String,
    /// When the registry was last exported; `None` before the first export.
    pub exported_at: Option<DateTimeUtc>,
    /// E-mail of who recorded the export.
    pub exported_by: Option<String>,
    /// Services in the last export.
    pub services: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
