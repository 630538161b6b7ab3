//! A short-lived, in-process cache of tenants, as their records.
//!
//! Tenants are a few dozen rows that change rarely, and nearly every request
//! shows its caller's tenant. Writes through this process update the cache at
//! once; other processes forget their copy when they read the change's
//! `TenantChanged` event (at once on PostgreSQL, woken by its notification;
//! within `event_log::CATCH_UP` at worst), and `TTL` bounds the rest. Visibility is still
//! checked by `TenantRepo` before the cache is read.

use std::time::Duration;

use moka::sync::Cache;
use relais_domain::TenantId;

use crate::Tenant;

/// How long another process may show an old tenant name or address.
pub const TTL: Duration = Duration::from_secs(30);

#[derive(Clone)]
pub(crate) struct TenantCache {
    rows: Cache<TenantId, Tenant>,
}

impl TenantCache {
    pub(crate) fn new() -> Self {
        Self {
            rows: Cache::builder()
                .max_capacity(10_000)
                .time_to_live(TTL)
                .build(),
        }
    }

    pub(crate) fn get(&self, id: &TenantId) -> Option<Tenant> {
        self.rows.get(id)
    }

    pub(crate) fn put(&self, tenant: &Tenant) {
        self.rows.insert(tenant.id, tenant.clone());
    }

    /// Drops `id`'s copy (as a domain event names it): the next read goes
    /// to the database.
    pub(crate) fn forget(&self, id: &uuid::Uuid) {
        self.rows.invalidate(&TenantId::from(*id));
    }
}

impl std::fmt::Debug for TenantCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TenantCache")
    }
}
