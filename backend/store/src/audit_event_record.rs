//! One line of the audit log as the store hands it out: its action read
//! once, here, from its stable name (see `base_record.rs` for the rule).

use chrono::{DateTime, Utc};
use relais_domain::TenantId;
use uuid::Uuid;

use crate::entities::audit_event;
use crate::{AuditAction, Result, StoreError};

const TABLE: &str = "audit_events";

/// Who did what, to what, when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEvent {
    pub id: Uuid,
    /// Empty for what concerns no tenant (a platform administrator's act).
    pub tenant_id: Option<TenantId>,
    /// Empty when the command line acted.
    pub actor_user_id: Option<Uuid>,
    pub actor_email: Option<String>,
    pub action: AuditAction,
    /// Upper case, e.g. `PRONOTE_BASE`, `TICKET`.
    pub target_type: String,
    pub target_id: Option<String>,
    /// A short French sentence, without secrets or pupils' personal data.
    pub summary: String,
    pub created_at: DateTime<Utc>,
}

impl TryFrom<audit_event::Model> for AuditEvent {
    type Error = StoreError;

    /// Every entry is written from an [`AuditAction`] and no action was ever
    /// renamed or removed: a name the enum does not know is `Corrupt`.
    fn try_from(row: audit_event::Model) -> Result<Self> {
        let action = AuditAction::from_name(&row.action)
            .ok_or_else(|| StoreError::corrupt(TABLE, "action", row.id, &row.action))?;
        Ok(Self {
            id: row.id,
            tenant_id: row.tenant_id.map(TenantId::from),
            actor_user_id: row.actor_user_id,
            actor_email: row.actor_email,
            action,
            target_type: row.target_type,
            target_id: row.target_id,
            summary: row.summary,
            created_at: row.created_at,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::corruption;

    fn row(action: &str) -> audit_event::Model {
        audit_event::Model {
            id: Uuid::now_v7(),
            tenant_id: Some(Uuid::now_v7()),
            actor_user_id: None,
            actor_email: Some("admin@recia.fr".to_owned()),
            action: action.to_owned(),
            target_type: "TICKET".to_owned(),
            target_id: Some("x".to_owned()),
            summary: "OPEN → CLOSED".to_owned(),
            created_at: Utc::now(),
        }
    }

    #[test]
    fn a_stored_entry_reads_with_its_action_and_tenant() {
        let stored = row("TICKET_STATUS_CHANGED");
        let tenant = stored.tenant_id.unwrap();
        let event = AuditEvent::try_from(stored).unwrap();
        assert_eq!(event.action, AuditAction::TicketStatusChanged);
        assert_eq!(event.tenant_id, Some(TenantId::from(tenant)));
        assert_eq!(event.summary, "OPEN → CLOSED");
    }

    #[test]
    fn every_action_written_reads_back() {
        for action in AuditAction::ALL {
            let event = AuditEvent::try_from(row(action.as_str())).unwrap();
            assert_eq!(event.action, action);
        }
    }

    #[test]
    fn an_action_no_version_wrote_is_corrupt_not_shown_as_stored() {
        let read = corruption(AuditEvent::try_from(row("TICKET_LOST")));
        assert_eq!(
            (read.table, read.column, read.value.as_str()),
            (TABLE, "action", "TICKET_LOST")
        );
    }
}
