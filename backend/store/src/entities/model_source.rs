use sea_orm::entity::prelude::*;

/// Where a tenant's models come from: its own list (`OWN`) or a feed
/// fetched by URL (`FEED`). No tenant: published to every tenant.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "model_sources")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Option<Uuid>,
    pub kind: String,
    pub name: String,
    pub url: Option<String>,
    pub cron: Option<String>,
    pub allow_http_for_testing: bool,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// SHA-256 of the canonical feed of the current catalog version.
    pub content_hash: Option<String>,
    pub last_fetched_at: Option<DateTimeUtc>,
    pub last_success_at: Option<DateTimeUtc>,
    /// The last fetch or parse failure, in French; cleared by a success.
    #[sea_orm(column_type = "Text", nullable)]
    pub last_error: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
