//! A ticket as the store hands it out: its category and status read once,
//! here, from their stored names, and its snapshots from their JSON
//! (issue 16).

use chrono::{DateTime, Utc};
use relais_domain::helpdesk::{TicketCategory, TicketStatus};
use uuid::Uuid;

use crate::StoreError;
use crate::entities::ticket;

/// A helpdesk ticket (docs/domain.md §7), with the base's settings and
/// diagnostics as they were when it was opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ticket {
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub establishment_id: Uuid,
    pub base_id: Option<Uuid>,
    pub category: TicketCategory,
    pub title: String,
    pub description: String,
    pub contact_email: String,
    pub contact_phone: Option<String>,
    pub status: TicketStatus,
    pub assignee_id: Option<Uuid>,
    pub requester_id: Option<Uuid>,
    /// The base's `DelegationSettings` at opening, if a base serves it, as
    /// the JSON they were then (later versions may read them differently).
    pub settings_snapshot: Option<serde_json::Value>,
    /// The list of the findings at opening (`code`, `severity`, `message`).
    pub diagnostics_snapshot: serde_json::Value,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The first comment or status change by the helpdesk.
    pub first_answer_at: Option<DateTime<Utc>>,
}

impl TryFrom<ticket::Model> for Ticket {
    type Error = StoreError;

    /// A category or status no version of Relais wrote, or a snapshot that
    /// is not JSON, is `Corrupt`, never read as a default.
    fn try_from(row: ticket::Model) -> Result<Self, StoreError> {
        let category = TicketCategory::parse("category", &row.category)
            .map_err(|_| StoreError::corrupt("tickets", "category", row.id, &row.category))?;
        let status = TicketStatus::parse("status", &row.status)
            .map_err(|_| StoreError::corrupt("tickets", "status", row.id, &row.status))?;
        let json = |column: &'static str, stored: &str| {
            serde_json::from_str(stored).map_err(|e| {
                StoreError::corrupt("tickets", column, row.id, &format!("JSON illisible ({e})"))
            })
        };
        let settings_snapshot = row
            .settings_snapshot
            .as_deref()
            .map(|stored| json("settings_snapshot", stored))
            .transpose()?;
        let diagnostics_snapshot = json("diagnostics_snapshot", &row.diagnostics_snapshot)?;
        Ok(Self {
            id: row.id,
            tenant_id: row.tenant_id,
            establishment_id: row.establishment_id,
            base_id: row.base_id,
            category,
            title: row.title,
            description: row.description,
            contact_email: row.contact_email,
            contact_phone: row.contact_phone,
            status,
            assignee_id: row.assignee_id,
            requester_id: row.requester_id,
            settings_snapshot,
            diagnostics_snapshot,
            created_at: row.created_at,
            updated_at: row.updated_at,
            first_answer_at: row.first_answer_at,
        })
    }
}

/// Reads stored rows as tickets; the first that does not convert fails
/// them all.
pub(crate) fn tickets(rows: Vec<ticket::Model>) -> Result<Vec<Ticket>, StoreError> {
    rows.into_iter().map(Ticket::try_from).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::corruption;

    fn row(category: &str, status: &str) -> ticket::Model {
        let now = Utc::now();
        ticket::Model {
            id: Uuid::nil(),
            tenant_id: Uuid::nil(),
            establishment_id: Uuid::nil(),
            base_id: None,
            category: category.into(),
            title: "Connexion impossible".into(),
            description: "x".into(),
            contact_email: "a@b.fr".into(),
            contact_phone: None,
            status: status.into(),
            assignee_id: None,
            requester_id: None,
            settings_snapshot: None,
            diagnostics_snapshot: "[]".into(),
            created_at: now,
            updated_at: now,
            first_answer_at: None,
        }
    }

    #[test]
    fn a_stored_ticket_reads_with_its_category_and_status() {
        let ticket = Ticket::try_from(row("EXPORTS", "WAITING_SCHOOL")).unwrap();
        assert_eq!(ticket.category, TicketCategory::Exports);
        assert_eq!(ticket.status, TicketStatus::WaitingSchool);
        assert_eq!(ticket.settings_snapshot, None);
        assert_eq!(ticket.diagnostics_snapshot, serde_json::json!([]));
    }

    #[test]
    fn a_stored_ticket_reads_with_its_snapshots() {
        let mut stored = row("CAS_CONFIGURATION", "OPEN");
        stored.settings_snapshot = Some(r#"{"casUrls":null}"#.into());
        stored.diagnostics_snapshot =
            r#"[{"code":"NO_DELEGATION","severity":"ERROR","message":"x"}]"#.into();
        let ticket = Ticket::try_from(stored).unwrap();
        assert_eq!(
            ticket.settings_snapshot,
            Some(serde_json::json!({ "casUrls": null }))
        );
        assert_eq!(
            ticket
                .diagnostics_snapshot
                .pointer("/0/code")
                .and_then(|code| code.as_str()),
            Some("NO_DELEGATION")
        );
    }

    #[test]
    fn a_snapshot_that_is_not_json_is_corrupt_never_an_empty_one() {
        let mut diagnostics = row("CAS_CONFIGURATION", "OPEN");
        diagnostics.diagnostics_snapshot = "[{\"code\":".into();
        let mut blank = row("CAS_CONFIGURATION", "OPEN");
        blank.diagnostics_snapshot = String::new();
        let mut settings = row("CAS_CONFIGURATION", "OPEN");
        settings.settings_snapshot = Some("{casUrls".into());
        for (stored, column) in [
            (diagnostics, "diagnostics_snapshot"),
            (blank, "diagnostics_snapshot"),
            (settings, "settings_snapshot"),
        ] {
            let read = corruption(Ticket::try_from(stored));
            assert_eq!((read.table, read.column), ("tickets", column));
        }
    }

    #[test]
    fn a_status_or_category_no_version_wrote_is_corrupt_not_a_default() {
        for (stored, column, value) in [
            (row("CAS_CONFIGURATION", "PERDU"), "status", "PERDU"),
            (row("MÉTÉO", "OPEN"), "category", "MÉTÉO"),
        ] {
            let read = corruption(Ticket::try_from(stored));
            assert_eq!(
                (read.table, read.column, read.value.as_str()),
                ("tickets", column, value)
            );
        }
    }
}
