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
    /// A ticket was opened about `establishment_id`.
    TicketCreated {
        tenant_id: Uuid,
        ticket_id: Uuid,
        establishment_id: Uuid,
    },
    /// A ticket's status or assignee changed.
    TicketChanged {
        tenant_id: Uuid,
        ticket_id: Uuid,
        establishment_id: Uuid,
    },
    /// A comment was added to a ticket's timeline.
    TicketCommented {
        tenant_id: Uuid,
        ticket_id: Uuid,
        establishment_id: Uuid,
    },
    /// A base's own values or delegation settings changed (edit, rentrée).
    BaseSettingsChanged {
        tenant_id: Uuid,
        base_id: Uuid,
        version: i32,
    },
    /// A base was published or its publication stopped.
    BasePublicationChanged {
        tenant_id: Uuid,
        base_id: Uuid,
        version: i32,
        published: bool,
    },
    /// A base took its model's settings (its pending update, if any, is
    /// resolved).
    ModelUpdateApplied {
        tenant_id: Uuid,
        base_id: Uuid,
        model_id: Uuid,
        revision: i32,
    },
    /// A base's pending model update was dismissed: its settings stay.
    ModelUpdateDismissed { tenant_id: Uuid, base_id: Uuid },
}

/// What an event is about, for whoever decides who may hear it: a school
/// administrator hears only of the tickets and bases of the
/// establishments granted to them (docs/domain.md, roles).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventSubject {
    /// A ticket, about an establishment.
    Ticket { ticket_id: Uuid },
    /// One base.
    Base { base_id: Uuid },
    /// The bases that applied a model.
    Model { model_id: Uuid },
    /// The tenant itself.
    Tenant,
}

impl DomainEvent {
    /// The tenant the event belongs to (`None`: the platform's).
    pub fn tenant_id(&self) -> Option<Uuid> {
        match self {
            DomainEvent::ModelUpdatePending { tenant_id, .. } => *tenant_id,
            DomainEvent::TenantChanged { tenant_id }
            | DomainEvent::TicketCreated { tenant_id, .. }
            | DomainEvent::TicketChanged { tenant_id, .. }
            | DomainEvent::TicketCommented { tenant_id, .. }
            | DomainEvent::BaseSettingsChanged { tenant_id, .. }
            | DomainEvent::BasePublicationChanged { tenant_id, .. }
            | DomainEvent::ModelUpdateApplied { tenant_id, .. }
            | DomainEvent::ModelUpdateDismissed { tenant_id, .. } => Some(*tenant_id),
        }
    }

    /// What the event is about.
    pub fn subject(&self) -> EventSubject {
        match self {
            DomainEvent::ModelUpdatePending { model_id, .. } => EventSubject::Model {
                model_id: *model_id,
            },
            DomainEvent::TenantChanged { .. } => EventSubject::Tenant,
            DomainEvent::TicketCreated { ticket_id, .. }
            | DomainEvent::TicketChanged { ticket_id, .. }
            | DomainEvent::TicketCommented { ticket_id, .. } => EventSubject::Ticket {
                ticket_id: *ticket_id,
            },
            DomainEvent::BaseSettingsChanged { base_id, .. }
            | DomainEvent::BasePublicationChanged { base_id, .. }
            | DomainEvent::ModelUpdateApplied { base_id, .. }
            | DomainEvent::ModelUpdateDismissed { base_id, .. } => {
                EventSubject::Base { base_id: *base_id }
            }
        }
    }

    /// The event's name, as serialised in its `event` field.
    pub fn kind(&self) -> &'static str {
        match self {
            DomainEvent::ModelUpdatePending { .. } => "MODEL_UPDATE_PENDING",
            DomainEvent::TenantChanged { .. } => "TENANT_CHANGED",
            DomainEvent::TicketCreated { .. } => "TICKET_CREATED",
            DomainEvent::TicketChanged { .. } => "TICKET_CHANGED",
            DomainEvent::TicketCommented { .. } => "TICKET_COMMENTED",
            DomainEvent::BaseSettingsChanged { .. } => "BASE_SETTINGS_CHANGED",
            DomainEvent::BasePublicationChanged { .. } => "BASE_PUBLICATION_CHANGED",
            DomainEvent::ModelUpdateApplied { .. } => "MODEL_UPDATE_APPLIED",
            DomainEvent::ModelUpdateDismissed { .. } => "MODEL_UPDATE_DISMISSED",
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
        let event = DomainEvent::TicketCommented {
            tenant_id: Uuid::now_v7(),
            ticket_id: Uuid::now_v7(),
            establishment_id: Uuid::now_v7(),
        };
        let json = serde_json::to_value(&event).unwrap();
        assert_eq!(json["event"], event.kind());
        assert_eq!(serde_json::from_value::<DomainEvent>(json).unwrap(), event);
    }

    #[test]
    fn a_ticket_event_is_about_its_ticket_and_a_base_event_about_its_base() {
        let (tenant_id, ticket_id, base_id) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
        let ticket = DomainEvent::TicketChanged {
            tenant_id,
            ticket_id,
            establishment_id: Uuid::now_v7(),
        };
        assert_eq!(ticket.subject(), EventSubject::Ticket { ticket_id });
        assert_eq!(ticket.tenant_id(), Some(tenant_id));
        let base = DomainEvent::ModelUpdateDismissed { tenant_id, base_id };
        assert_eq!(base.subject(), EventSubject::Base { base_id });
    }
}
