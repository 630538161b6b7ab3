use sea_orm::entity::prelude::*;

/// Index-Education's schema of CAS configuration models, as an operator
/// uploaded it (issue 14).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "tenant_model_schemas")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    pub file_name: String,
    #[sea_orm(column_type = "Text")]
    pub content: String,
    /// SHA-256 of `content`, hexadecimal.
    pub sha256: String,
    pub uploaded_by: Option<Uuid>,
    pub uploaded_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
