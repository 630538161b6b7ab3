use sea_orm::entity::prelude::*;

/// One of the four test accounts of a model (docs/domain.md §3): the CAS identifier
/// the integrator declared and the password, sealed by the tenant key.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "model_test_accounts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub model_id: Uuid,
    /// `PERSONNEL`, `PROFESSEUR`, `ELEVE` or `PARENT`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub profile: String,
    pub tenant_id: Uuid,
    pub login: String,
    pub cas_identifier: String,
    pub password_sealed: Vec<u8>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
