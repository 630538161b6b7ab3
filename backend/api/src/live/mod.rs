//! Live state (issue 17): GraphQL subscriptions fed by the domain events.
//!
//! A WebSocket connection authenticates once, with the access token of its
//! `connection_init` payload (`LiveSession`); each subscription then takes a
//! slot of its connection and of its user (`LiveRegistry`), held until it
//! ends, so a caller cannot open an unbounded number of event streams. Each
//! event is shown only to those who may read its object
//! (`Scoped::sees_event`), and the token is checked again before each
//! event: an expired or revoked session ends the subscription.

mod event;
mod limits;
mod subscription;

pub use event::{LiveEvent, LiveEventKind};
pub use limits::{ConnectionSlots, LiveLimits, LiveRegistry, LiveSlot};
pub use subscription::Subscription;

use relais_store::Caller;

/// What a WebSocket connection proved in its `connection_init`: the caller
/// and the token, checked again before each event it receives.
#[derive(Clone)]
pub struct LiveSession {
    pub caller: Caller,
    pub token: secrecy::SecretString,
}

impl std::fmt::Debug for LiveSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LiveSession")
            .field("caller", &self.caller)
            .finish_non_exhaustive()
    }
}
