use async_graphql::{ID, Object};
use chrono::{DateTime, Utc};
use relais_store::entities::audit_event;

/// One line of the audit log.
pub(crate) struct AuditEvent(pub audit_event::Model);

#[Object]
impl AuditEvent {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    async fn tenant_id(&self) -> Option<ID> {
        self.0.tenant_id.map(|id| ID(id.to_string()))
    }
    /// Empty when the command line acted.
    async fn actor_user_id(&self) -> Option<ID> {
        self.0.actor_user_id.map(|id| ID(id.to_string()))
    }
    async fn actor_email(&self) -> Option<&str> {
        self.0.actor_email.as_deref()
    }
    /// Stable action name, e.g. `USER_CREATED`.
    async fn action(&self) -> &str {
        &self.0.action
    }
    async fn target_type(&self) -> &str {
        &self.0.target_type
    }
    async fn target_id(&self) -> Option<&str> {
        self.0.target_id.as_deref()
    }
    /// What happened, in French.
    async fn summary(&self) -> &str {
        &self.0.summary
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}
