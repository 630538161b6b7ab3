//! An outbox message as the store hands it out: its status and recipients
//! read once, here, from what is stored (issue 16).

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::OutboxStatus;
use crate::StoreError;
use crate::entities::outbox_message;

/// One outgoing e-mail of the outbox, from its enqueueing to its delivery
/// (or until it is given up on).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxMessage {
    pub id: Uuid,
    /// Empty for platform-wide messages.
    pub tenant_id: Option<Uuid>,
    /// What the message is about (`TICKET_OPENED`, `EXPORT_READY`…).
    pub kind: String,
    /// The stable `Message-ID` header, angle brackets included.
    pub message_id: String,
    pub in_reply_to: Option<String>,
    pub references: Option<String>,
    /// The recipients (`a@b.fr` or `Nom <a@b.fr>`).
    pub to: Vec<String>,
    pub reply_to: Option<String>,
    pub subject: String,
    pub text_body: String,
    pub html_body: Option<String>,
    pub status: OutboxStatus,
    /// Delivery attempts that failed so far.
    pub attempts: i32,
    pub next_attempt_at: DateTime<Utc>,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

impl TryFrom<outbox_message::Model> for OutboxMessage {
    type Error = StoreError;

    /// A status no version of Relais wrote, or recipients that are not a
    /// JSON list of strings, are `Corrupt`: never read as a default.
    fn try_from(row: outbox_message::Model) -> Result<Self, StoreError> {
        let status = OutboxStatus::parse(&row.status)
            .ok_or_else(|| StoreError::corrupt("outbox_messages", "status", row.id, &row.status))?;
        let to = serde_json::from_str(&row.to_addresses).map_err(|_| {
            StoreError::corrupt("outbox_messages", "to_addresses", row.id, &row.to_addresses)
        })?;
        Ok(Self {
            id: row.id,
            tenant_id: row.tenant_id,
            kind: row.kind,
            message_id: row.message_id,
            in_reply_to: row.in_reply_to,
            references: row.references,
            to,
            reply_to: row.reply_to,
            subject: row.subject,
            text_body: row.text_body,
            html_body: row.html_body,
            status,
            attempts: row.attempts,
            next_attempt_at: row.next_attempt_at,
            last_error: row.last_error,
            created_at: row.created_at,
            sent_at: row.sent_at,
        })
    }
}

/// Reads stored rows as messages; the first that does not convert fails
/// them all.
pub(crate) fn messages(rows: Vec<outbox_message::Model>) -> Result<Vec<OutboxMessage>, StoreError> {
    rows.into_iter().map(OutboxMessage::try_from).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::corruption;

    fn row(status: &str, to_addresses: &str) -> outbox_message::Model {
        let now = Utc::now();
        outbox_message::Model {
            id: Uuid::nil(),
            tenant_id: None,
            kind: "NOTIFICATION".into(),
            message_id: "<a@relais.test>".into(),
            in_reply_to: None,
            references: None,
            to_addresses: to_addresses.into(),
            reply_to: None,
            subject: "Essai".into(),
            text_body: "Bonjour".into(),
            html_body: None,
            status: status.into(),
            attempts: 0,
            next_attempt_at: now,
            last_error: None,
            created_at: now,
            sent_at: None,
        }
    }

    #[test]
    fn a_stored_message_reads_with_its_status_and_recipients() {
        let message = OutboxMessage::try_from(row("FAILED", r#"["a@b.fr","c@d.fr"]"#)).unwrap();
        assert_eq!(message.status, OutboxStatus::Failed);
        assert_eq!(message.to, ["a@b.fr", "c@d.fr"]);
    }

    #[test]
    fn a_status_or_recipients_no_version_wrote_are_corrupt_not_a_default() {
        for (stored, column, value) in [
            (row("EN_ROUTE", "[]"), "status", "EN_ROUTE"),
            (row("PENDING", "a@b.fr"), "to_addresses", "a@b.fr"),
        ] {
            let read = corruption(OutboxMessage::try_from(stored));
            assert_eq!(
                (read.table, read.column, read.value.as_str()),
                ("outbox_messages", column, value)
            );
        }
    }
}
