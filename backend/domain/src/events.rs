//! Domain events: facts other parts of Relais react to. They are recorded
//! in the transaction of the change that makes them true, and every
//! process reads them in order (docs/architecture.md, « Domain events »).

use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum DomainEvent {
    /// A model changed or was withdrawn: `bases` bases that applied it now
    /// have a pending update (their settings are untouched).
    ModelUpdatePending {
        tenant_id: Option<Uuid>,
        source_id: Uuid,
        model_id: Uuid,
        model: String,
        /// `None`: the model was withdrawn from its list.
        to_revision: Option<i32>,
        bases: u64,
    },
    /// A tenant's name or addresses changed: every process forgets its
    /// cached copy.
    TenantChanged { tenant_id: Uuid },
}

impl DomainEvent {
    /// The tenant the event belongs to (`None`: the platform's).
    pub fn tenant_id(&self) -> Option<Uuid> {
        match self {
            DomainEvent::ModelUpdatePending { tenant_id, .. } => *tenant_id,
            DomainEvent::TenantChanged { tenant_id } => Some(*tenant_id),
        }
    }

    /// The event's name, as serialised in its `event` field.
    pub fn kind(&self) -> &'static str {
        match self {
            DomainEvent::ModelUpdatePending { .. } => "MODEL_UPDATE_PENDING",
            DomainEvent::TenantChanged { .. } => "TENANT_CHANGED",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_event_reads_back_as_written_and_names_its_kind() {
        let event = DomainEvent::TenantChanged {
            tenant_id: Uuid::now_v7(),
        };
        let json = serde_json::to_value(&event).unwrap();
        assert_eq!(json["event"], event.kind());
        assert_eq!(serde_json::from_value::<DomainEvent>(json).unwrap(), event);
    }
}
