//! An entry of a ticket's timeline as the store hands it out: its kind and
//! the statuses it moved between read once, here, from their stored names
//! (issue 16).

use chrono::{DateTime, Utc};
use relais_domain::helpdesk::{TicketEventKind, TicketStatus};
use uuid::Uuid;

use crate::entities::ticket_event;
use crate::{Result, StoreError};

const TABLE: &str = "ticket_events";

/// A comment, a status change or an assignment (docs/domain.md §7).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketEvent {
    pub id: Uuid,
    pub ticket_id: Uuid,
    pub author_id: Option<Uuid>,
    pub author_email: Option<String>,
    pub kind: TicketEventKind,
    /// A comment's text; an assignment's agent address.
    pub body: Option<String>,
    /// A status change's statuses, before and after.
    pub status_from: Option<TicketStatus>,
    pub status_to: Option<TicketStatus>,
    pub created_at: DateTime<Utc>,
}

impl TryFrom<ticket_event::Model> for TicketEvent {
    type Error = StoreError;

    /// A kind or status no version of Relais wrote is `Corrupt`, never
    /// shown as stored.
    fn try_from(row: ticket_event::Model) -> Result<Self> {
        let id = row.id;
        let kind = TicketEventKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == row.kind)
            .ok_or_else(|| StoreError::corrupt(TABLE, "kind", id, &row.kind))?;
        let status = |column: &'static str, stored: Option<&str>| {
            stored
                .map(|name| {
                    TicketStatus::parse(column, name)
                        .map_err(|_| StoreError::corrupt(TABLE, column, id, name))
                })
                .transpose()
        };
        let status_from = status("status_from", row.status_from.as_deref())?;
        let status_to = status("status_to", row.status_to.as_deref())?;
        Ok(Self {
            id,
            ticket_id: row.ticket_id,
            author_id: row.author_id,
            author_email: row.author_email,
            kind,
            body: row.body,
            status_from,
            status_to,
            created_at: row.created_at,
        })
    }
}

/// Reads stored rows as timeline entries; the first that does not convert
/// fails them all.
pub(crate) fn ticket_events(rows: Vec<ticket_event::Model>) -> Result<Vec<TicketEvent>> {
    rows.into_iter().map(TicketEvent::try_from).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::corruption;

    fn row(kind: &str, from: Option<&str>, to: Option<&str>) -> ticket_event::Model {
        ticket_event::Model {
            id: Uuid::now_v7(),
            ticket_id: Uuid::now_v7(),
            author_id: None,
            author_email: Some("agent@recia.fr".into()),
            kind: kind.into(),
            body: None,
            status_from: from.map(str::to_owned),
            status_to: to.map(str::to_owned),
            created_at: Utc::now(),
        }
    }

    #[test]
    fn a_status_change_reads_with_its_kind_and_statuses() {
        let event =
            TicketEvent::try_from(row("STATUS", Some("OPEN"), Some("WAITING_SCHOOL"))).unwrap();
        assert_eq!(event.kind, TicketEventKind::Status);
        assert_eq!(event.status_from, Some(TicketStatus::Open));
        assert_eq!(event.status_to, Some(TicketStatus::WaitingSchool));
    }

    #[test]
    fn every_kind_written_reads_back() {
        for kind in TicketEventKind::ALL {
            let event = TicketEvent::try_from(row(kind.as_str(), None, None)).unwrap();
            assert_eq!((event.kind, event.status_from), (kind, None));
        }
    }

    #[test]
    fn a_kind_or_status_no_version_wrote_is_corrupt_not_shown_as_stored() {
        for (stored, column, value) in [
            (row("NOTE", None, None), "kind", "NOTE"),
            (
                row("STATUS", Some("PERDU"), Some("OPEN")),
                "status_from",
                "PERDU",
            ),
            (row("STATUS", Some("OPEN"), Some("")), "status_to", ""),
        ] {
            let read = corruption(TicketEvent::try_from(stored));
            assert_eq!(
                (read.table, read.column, read.value.as_str()),
                (TABLE, column, value)
            );
        }
    }
}
