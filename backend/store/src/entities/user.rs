use sea_orm::entity::prelude::*;

/// A person who logs in. `tenant_id` is empty only for platform administrators.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Option<Uuid>,
    #[sea_orm(unique)]
    pub email: String,
    pub display_name: String,
    /// One of `relais_domain::Role`'s names.
    pub role: String,
    /// argon2id PHC string.
    pub password_hash: String,
    pub disabled: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub last_login_at: Option<DateTimeUtc>,
    /// Bumped when the account is disabled or its password changes: access
    /// tokens of an older generation are refused (issue 13, item 10).
    pub session_generation: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
