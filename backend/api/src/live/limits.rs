//! How many subscriptions a connection and a user hold at once
//! (`[graphql.live]`). Past a limit the new subscription is refused with
//! `RATE_LIMITED` and a French message; the others go on.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::ApiError;
use crate::error::ErrorCode;

/// `[graphql.live]` in the configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LiveLimits {
    /// Subscriptions one WebSocket connection holds at once.
    pub per_connection: usize,
    /// Subscriptions one account holds at once in this process, all its
    /// connections (tabs, browsers) together.
    pub per_user: usize,
    /// Seconds a connection may stay open without its `connection_init`
    /// or any other message before it is closed.
    pub idle_seconds: u64,
    /// Bytes a connection may send per second on average (a document, a
    /// ping…), with a burst of one largest document; past it the
    /// connection is closed.
    pub bytes_per_second: usize,
}

impl Default for LiveLimits {
    fn default() -> Self {
        Self {
            per_connection: 10,
            per_user: 20,
            idle_seconds: 30,
            bytes_per_second: 4 * 1024,
        }
    }
}

/// The subscriptions each user holds in this process.
#[derive(Debug, Default)]
pub struct LiveRegistry {
    limits: LiveLimits,
    per_user: Mutex<HashMap<Uuid, usize>>,
}

/// The subscriptions of one connection (its session data).
#[derive(Debug, Default, Clone)]
pub struct ConnectionSlots(Arc<AtomicUsize>);

/// One subscription's place in its connection and its user's count;
/// given back when the subscription ends.
#[derive(Debug)]
pub struct LiveSlot {
    registry: Arc<LiveRegistry>,
    connection: ConnectionSlots,
    user: Uuid,
}

impl LiveRegistry {
    pub fn new(limits: LiveLimits) -> Self {
        Self {
            limits,
            per_user: Mutex::new(HashMap::new()),
        }
    }

    pub fn limits(&self) -> &LiveLimits {
        &self.limits
    }

    /// Takes a slot of `connection` and of `user`, or says which limit is
    /// reached.
    pub fn acquire(
        self: &Arc<Self>,
        connection: &ConnectionSlots,
        user: Uuid,
    ) -> Result<LiveSlot, ApiError> {
        let taken = connection.0.fetch_add(1, Ordering::SeqCst);
        if taken >= self.limits.per_connection {
            connection.0.fetch_sub(1, Ordering::SeqCst);
            return Err(refusal(
                "TOO_MANY_SUBSCRIPTIONS_PER_CONNECTION",
                format!(
                    "Cette connexion suit déjà {} flux en direct : fermez-en un avant d'en ouvrir un autre.",
                    self.limits.per_connection
                ),
            ));
        }
        let mut users = self.per_user.lock().unwrap_or_else(|e| e.into_inner());
        let count = users.entry(user).or_default();
        if *count >= self.limits.per_user {
            drop(users);
            connection.0.fetch_sub(1, Ordering::SeqCst);
            return Err(refusal(
                "TOO_MANY_SUBSCRIPTIONS_PER_USER",
                format!(
                    "Votre compte suit déjà {} flux en direct (tous onglets confondus) : fermez des onglets de la console, puis réessayez.",
                    self.limits.per_user
                ),
            ));
        }
        *count += 1;
        Ok(LiveSlot {
            registry: self.clone(),
            connection: connection.clone(),
            user,
        })
    }

    /// Subscriptions `user` holds now.
    pub fn held_by(&self, user: Uuid) -> usize {
        let users = self.per_user.lock().unwrap_or_else(|e| e.into_inner());
        users.get(&user).copied().unwrap_or(0)
    }
}

impl Drop for LiveSlot {
    fn drop(&mut self) {
        self.connection.0.fetch_sub(1, Ordering::SeqCst);
        let mut users = self
            .registry
            .per_user
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if let Some(count) = users.get_mut(&self.user) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                users.remove(&self.user);
            }
        }
    }
}

fn refusal(reason: &'static str, message: String) -> ApiError {
    ApiError::new(ErrorCode::RateLimited, message).with_reason(reason)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registry(per_connection: usize, per_user: usize) -> Arc<LiveRegistry> {
        Arc::new(LiveRegistry::new(LiveLimits {
            per_connection,
            per_user,
            ..LiveLimits::default()
        }))
    }

    #[test]
    fn a_connection_holds_its_limit_and_gets_a_slot_back_when_one_ends() {
        let registry = registry(2, 10);
        let connection = ConnectionSlots::default();
        let user = Uuid::now_v7();
        let first = registry.acquire(&connection, user).unwrap();
        let _second = registry.acquire(&connection, user).unwrap();
        let refused = registry.acquire(&connection, user).unwrap_err();
        assert_eq!(
            refused.reason,
            Some("TOO_MANY_SUBSCRIPTIONS_PER_CONNECTION")
        );
        assert_eq!(refused.code, ErrorCode::RateLimited);
        drop(first);
        assert!(registry.acquire(&connection, user).is_ok());
    }

    #[test]
    fn a_user_holds_its_limit_across_connections() {
        let registry = registry(10, 3);
        let user = Uuid::now_v7();
        let held: Vec<LiveSlot> = (0..3)
            .map(|_| registry.acquire(&ConnectionSlots::default(), user).unwrap())
            .collect();
        let refused = registry
            .acquire(&ConnectionSlots::default(), user)
            .unwrap_err();
        assert_eq!(refused.reason, Some("TOO_MANY_SUBSCRIPTIONS_PER_USER"));
        assert!(refused.message.contains("onglets"), "{}", refused.message);
        // Another user is not held up by the first one's count.
        assert!(
            registry
                .acquire(&ConnectionSlots::default(), Uuid::now_v7())
                .is_ok()
        );
        drop(held);
        assert_eq!(registry.held_by(user), 0);
    }
}
