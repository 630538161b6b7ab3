//! The state of accounts as access tokens are checked against it (issue 13,
//! item 10): a short-lived, in-process cache in front of the `users` row.
//!
//! Each access token carries its account's session generation. A request is
//! served only while the account exists, is enabled, and still has that
//! generation. Writes through this process drop the cached entry at once;
//! another process (same database) sees the change once its entry expires,
//! after at most the configured time-to-live (5 s by default).

use std::time::Duration;

use moka::sync::Cache;
use sea_orm::{DatabaseConnection, EntityTrait, QuerySelect};
use uuid::Uuid;

use crate::Result;
use crate::entities::user;

/// Default time another process may keep serving a disabled account.
pub const DEFAULT_TTL: Duration = Duration::from_secs(5);

/// What a request needs to know about its account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountState {
    /// Enabled, with this session generation.
    Active { generation: i64 },
    /// Disabled or deleted.
    Gone,
}

#[derive(Clone)]
pub(crate) struct SessionCache {
    states: Cache<Uuid, AccountState>,
}

impl SessionCache {
    pub(crate) fn new(ttl: Duration) -> Self {
        Self {
            states: Cache::builder()
                .max_capacity(100_000)
                .time_to_live(ttl)
                .build(),
        }
    }

    /// The cached state, or the database's (then cached).
    pub(crate) async fn state(&self, db: &DatabaseConnection, id: Uuid) -> Result<AccountState> {
        if let Some(state) = self.states.get(&id) {
            return Ok(state);
        }
        let row: Option<(bool, i64)> = user::Entity::find_by_id(id)
            .select_only()
            .column(user::Column::Disabled)
            .column(user::Column::SessionGeneration)
            .into_tuple()
            .one(db)
            .await?;
        let state = match row {
            Some((false, generation)) => AccountState::Active { generation },
            _ => AccountState::Gone,
        };
        self.states.insert(id, state);
        Ok(state)
    }

    /// Forgets `id`: the next request reads the database.
    pub(crate) fn invalidate(&self, id: Uuid) {
        self.states.invalidate(&id);
    }
}

impl std::fmt::Debug for SessionCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SessionCache")
    }
}
