use sea_orm::entity::prelude::*;

/// The metadata of one encrypted object. Written after the object, deleted
/// before it: a crash leaves at worst an orphan object (swept), never a row
/// without its object.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "stored_files")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub establishment_id: Option<Uuid>,
    pub base_id: Option<Uuid>,
    /// `ACCOUNT_MATCHING_FILE` (A), `IDENTIFIERS_EXPORT` (B) or `TICKET_ATTACHMENT`.
    pub kind: String,
    /// The name given on download, e.g. `0410017W.xml`.
    pub file_name: String,
    pub object_key: String,
    /// Plaintext size in bytes.
    pub size: i64,
    /// SHA-256 of the plaintext, hexadecimal.
    pub sha256: String,
    /// JSON: counts per population, never names.
    #[sea_orm(column_type = "Text")]
    pub summary: String,
    pub created_by: Option<Uuid>,
    /// The ticket an attachment belongs to.
    pub ticket_id: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
