use sea_orm::entity::prelude::*;

/// The validation of one model revision with its four test accounts: the
/// latest run per revision. `results` is the JSON of the per-account results.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "model_validations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub model_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub revision: i32,
    pub tenant_id: Uuid,
    pub validated_at: DateTimeUtc,
    pub validated_by: Option<String>,
    pub passed: bool,
    pub service_url: String,
    #[sea_orm(column_type = "Text")]
    pub results: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
