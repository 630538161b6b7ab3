use async_graphql::{ID, Object};
use chrono::{DateTime, Utc};
use uuid::Uuid;

/// One line of the audit log.
pub(crate) struct AuditEvent {
    pub row: relais_store::AuditEvent,
    /// The base the entry's object is or belongs to, looked up for the
    /// whole page at once.
    pub base_id: Option<Uuid>,
}

#[Object]
impl AuditEvent {
    async fn id(&self) -> ID {
        ID(self.row.id.to_string())
    }
    async fn tenant_id(&self) -> Option<ID> {
        self.row.tenant_id.map(|id| ID(id.to_string()))
    }
    /// Empty when the command line acted.
    async fn actor_user_id(&self) -> Option<ID> {
        self.row.actor_user_id.map(|id| ID(id.to_string()))
    }
    async fn actor_email(&self) -> Option<&str> {
        self.row.actor_email.as_deref()
    }
    /// Stable action name, e.g. `USER_CREATED`.
    async fn action(&self) -> &str {
        self.row.action.as_str()
    }
    /// The action in French, e.g. « Compte créé ».
    async fn action_label(&self) -> &str {
        super::audit_action::label(self.row.action)
    }
    /// Upper case, e.g. `PRONOTE_BASE`, `ESTABLISHMENT`, `TICKET`, `USER`.
    async fn target_type(&self) -> &str {
        &self.row.target_type
    }
    async fn target_id(&self) -> Option<&str> {
        self.row.target_id.as_deref()
    }
    /// The PRONOTE base the object is (a base), is about (a ticket) or is
    /// served by (an establishment), when there is one: the journal links
    /// the entry there.
    async fn base_id(&self) -> Option<ID> {
        self.base_id.map(|id| ID(id.to_string()))
    }
    /// What happened, in French.
    async fn summary(&self) -> &str {
        &self.row.summary
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.row.created_at
    }
}
