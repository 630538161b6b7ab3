use sea_orm::entity::prelude::*;

/// One outgoing e-mail of the outbox, from its enqueueing to its delivery
/// (or until it is given up on).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outbox_messages")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// Empty for platform-wide messages.
    pub tenant_id: Option<Uuid>,
    /// What the message is about (`TICKET_OPENED`, `EXPORT_READY`…).
    pub kind: String,
    /// The stable `Message-ID` header, angle brackets included.
    #[sea_orm(unique)]
    pub message_id: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub in_reply_to: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub references: Option<String>,
    /// The recipients, a JSON array of strings.
    #[sea_orm(column_type = "Text")]
    pub to_addresses: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub reply_to: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub subject: String,
    #[sea_orm(column_type = "Text")]
    pub text_body: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub html_body: Option<String>,
    /// `PENDING`, `SENT` or `FAILED` (given up on).
    pub status: String,
    /// Delivery attempts that failed so far.
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    #[sea_orm(column_type = "Text", nullable)]
    pub last_error: Option<String>,
    pub created_at: DateTimeUtc,
    pub sent_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
