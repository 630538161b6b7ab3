use sea_orm::entity::prelude::*;

/// One entry of a ticket's timeline: a comment, a status change, an
/// assignment.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ticket_events")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub ticket_id: Uuid,
    pub author_id: Option<Uuid>,
    pub author_email: Option<String>,
    /// `COMMENT`, `STATUS`, `ASSIGNED`.
    pub kind: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub body: Option<String>,
    pub status_from: Option<String>,
    pub status_to: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
