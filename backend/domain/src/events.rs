//! Domain events: facts other parts of Relais react to (the mail outbox will
//! turn them into notifications).

use serde::Serialize;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
}
