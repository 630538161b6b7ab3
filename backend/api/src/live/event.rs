//! The event a subscriber receives: what changed and where, never the
//! change itself. The console refetches what it shows through the usual
//! queries, which apply their own rules.

use async_graphql::{Enum, ID, SimpleObject};
use relais_domain::events::DomainEvent;

/// What happened.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
pub enum LiveEventKind {
    /// A ticket was opened.
    TicketCreated,
    /// A ticket's status or assignee changed.
    TicketChanged,
    /// A comment was added to a ticket.
    TicketCommented,
    /// A base's values or delegation settings changed.
    BaseSettingsChanged,
    /// A base was published or its publication stopped.
    BasePublicationChanged,
    /// A model changed: bases that applied it have a pending update.
    ModelUpdatePending,
    /// A base took its model's settings.
    ModelUpdateApplied,
    /// A base's pending model update was dismissed.
    ModelUpdateDismissed,
    /// The subscription is live: every later change will be told. Sent
    /// first; after a reconnection, refetch what is shown (changes made
    /// while the socket was down were not told).
    Started,
    /// The subscriber fell behind and events were lost: refetch everything
    /// shown.
    Missed,
}

/// A change made by someone, in any process of the deployment.
#[derive(SimpleObject, Clone, Debug, PartialEq, Eq)]
pub struct LiveEvent {
    pub kind: LiveEventKind,
    pub ticket_id: Option<ID>,
    pub establishment_id: Option<ID>,
    pub base_id: Option<ID>,
    pub model_id: Option<ID>,
}

impl LiveEvent {
    /// The event telling a subscriber it missed some.
    pub fn missed() -> Self {
        Self::of(LiveEventKind::Missed)
    }

    /// The first event of a subscription.
    pub fn started() -> Self {
        Self::of(LiveEventKind::Started)
    }

    fn of(kind: LiveEventKind) -> Self {
        Self {
            kind,
            ticket_id: None,
            establishment_id: None,
            base_id: None,
            model_id: None,
        }
    }

    /// The subscriber's view of `event`; `None` for the events no screen
    /// follows (a tenant's cached copy).
    pub fn from_domain(event: &DomainEvent) -> Option<Self> {
        let id = |uuid: &uuid::Uuid| Some(ID(uuid.to_string()));
        Some(match event {
            DomainEvent::TenantChanged { .. } => return None,
            DomainEvent::TicketCreated {
                ticket_id,
                establishment_id,
                ..
            } => Self {
                ticket_id: id(ticket_id),
                establishment_id: id(establishment_id),
                ..Self::of(LiveEventKind::TicketCreated)
            },
            DomainEvent::TicketChanged {
                ticket_id,
                establishment_id,
                ..
            } => Self {
                ticket_id: id(ticket_id),
                establishment_id: id(establishment_id),
                ..Self::of(LiveEventKind::TicketChanged)
            },
            DomainEvent::TicketCommented {
                ticket_id,
                establishment_id,
                ..
            } => Self {
                ticket_id: id(ticket_id),
                establishment_id: id(establishment_id),
                ..Self::of(LiveEventKind::TicketCommented)
            },
            DomainEvent::BaseSettingsChanged { base_id, .. } => Self {
                base_id: id(base_id),
                ..Self::of(LiveEventKind::BaseSettingsChanged)
            },
            DomainEvent::BasePublicationChanged { base_id, .. } => Self {
                base_id: id(base_id),
                ..Self::of(LiveEventKind::BasePublicationChanged)
            },
            DomainEvent::ModelUpdatePending { model_id, .. } => Self {
                model_id: id(model_id),
                ..Self::of(LiveEventKind::ModelUpdatePending)
            },
            DomainEvent::ModelUpdateApplied {
                base_id, model_id, ..
            } => Self {
                base_id: id(base_id),
                model_id: id(model_id),
                ..Self::of(LiveEventKind::ModelUpdateApplied)
            },
            DomainEvent::ModelUpdateDismissed { base_id, .. } => Self {
                base_id: id(base_id),
                ..Self::of(LiveEventKind::ModelUpdateDismissed)
            },
        })
    }

    /// Whether the event passes a subscription's filters.
    pub fn matches(
        &self,
        kinds: Option<&[LiveEventKind]>,
        base: Option<&ID>,
        ticket: Option<&ID>,
    ) -> bool {
        if matches!(self.kind, LiveEventKind::Started | LiveEventKind::Missed) {
            return true;
        }
        kinds.is_none_or(|kinds| kinds.contains(&self.kind))
            && base.is_none_or(|base| self.base_id.as_ref() == Some(base))
            && ticket.is_none_or(|ticket| self.ticket_id.as_ref() == Some(ticket))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_keep_the_asked_kinds_and_objects_and_always_let_a_loss_through() {
        let base = uuid::Uuid::now_v7();
        let event = LiveEvent::from_domain(&DomainEvent::ModelUpdateDismissed {
            tenant_id: uuid::Uuid::now_v7(),
            base_id: base,
        })
        .unwrap();
        let this_base = ID(base.to_string());
        let other = ID(uuid::Uuid::now_v7().to_string());
        assert!(event.matches(None, None, None));
        assert!(event.matches(
            Some(&[LiveEventKind::ModelUpdateDismissed]),
            Some(&this_base),
            None
        ));
        assert!(!event.matches(Some(&[LiveEventKind::TicketCreated]), None, None));
        assert!(!event.matches(None, Some(&other), None));
        assert!(!event.matches(None, None, Some(&other)));
        assert!(LiveEvent::missed().matches(Some(&[]), Some(&other), None));
        assert!(LiveEvent::started().matches(Some(&[]), None, Some(&other)));
    }

    #[test]
    fn a_tenant_change_is_not_shown() {
        let event = DomainEvent::TenantChanged {
            tenant_id: uuid::Uuid::now_v7(),
        };
        assert_eq!(LiveEvent::from_domain(&event), None);
    }
}
