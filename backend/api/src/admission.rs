//! Admission of expensive requests (issue 13): summaries, exports, imports,
//! matching runs and remote checks read or write a whole tenant's rows, so
//! each caller and each tenant may run only a few of them at once. One
//! tenant flooding such requests queues behind its own limit and leaves the
//! others' requests alone.
//!
//! A resolver that reads or writes a whole tenant calls
//! `ContextExt::expensive` before it starts; the first such field of a
//! request takes one permit of the caller, one of its tenant and one of the
//! process, held until the request ends (its other expensive fields share
//! them). A caller waits at most `queue_ms` for them, then gets
//! `RATE_LIMITED`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use relais_store::Caller;
use serde::{Deserialize, Serialize};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use uuid::Uuid;

use crate::ApiError;
use crate::error::ErrorCode;

/// `[graphql.expensive]` in the configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ExpensiveLimits {
    /// Expensive requests one account runs at once.
    pub per_user: usize,
    /// Expensive requests one tenant (all its accounts) runs at once;
    /// platform administrators count as one tenant of their own (0: as
    /// many as the expensive runtime has threads, at most two).
    pub per_tenant: usize,
    /// Expensive requests the process runs at once.
    pub total: usize,
    /// How long a request waits for its turn before `RATE_LIMITED`.
    pub queue_ms: u64,
    /// Threads of the runtime that runs the documents asking for an
    /// expensive field, apart from the light requests (0: half the cores,
    /// at least one).
    pub threads: usize,
    /// The nice value of that runtime's threads (0 to 19): when the cores
    /// are busy, the kernel gives a light request's thread the core before
    /// an export's, so one tenant's flood of expensive requests does not
    /// slow another tenant's pages down.
    pub nice: i32,
    /// Database connections of the pool those documents use, apart from
    /// the light requests' pool (0: as many as `total`, so that an admitted
    /// request never queues for a connection behind another tenant's).
    pub connections: u32,
}

impl ExpensiveLimits {
    /// The connections of the expensive requests' pool: `connections` or,
    /// when 0, one per request the process admits at once (`total`).
    pub fn pool_connections(&self) -> u32 {
        if self.connections > 0 {
            return self.connections;
        }
        u32::try_from(self.total.max(1)).unwrap_or(u32::MAX)
    }

    /// The expensive requests one tenant runs at once: `per_tenant` or,
    /// when 0, the expensive runtime's threads, at most two. More than
    /// the runtime's threads only share its cores: on two cores a second
    /// export of the same tenant made another tenant's pages wait without
    /// finishing sooner (docs/performance.md, issue 13, third pass).
    pub fn tenant_slots(&self) -> usize {
        if self.per_tenant > 0 {
            return self.per_tenant;
        }
        self.runtime_threads().clamp(1, 2)
    }

    /// The threads of the expensive requests' runtime, `threads` or, when
    /// 0, half the cores the process may use (at least one).
    pub fn runtime_threads(&self) -> usize {
        if self.threads > 0 {
            return self.threads;
        }
        std::thread::available_parallelism().map_or(1, |cores| (cores.get() / 2).max(1))
    }
}

impl Default for ExpensiveLimits {
    fn default() -> Self {
        Self {
            per_user: 2,
            per_tenant: 0,
            total: 8,
            queue_ms: 2_000,
            threads: 0,
            nice: 10,
            connections: 0,
        }
    }
}

/// The semaphores, shared by every request of the process.
pub struct Admission {
    limits: ExpensiveLimits,
    users: Keyed,
    tenants: Keyed,
    total: Arc<Semaphore>,
}

/// What an admitted request holds until it ends.
#[derive(Debug)]
pub struct ExpensivePermit {
    _user: OwnedSemaphorePermit,
    _tenant: OwnedSemaphorePermit,
    _total: OwnedSemaphorePermit,
}

impl Admission {
    pub fn new(limits: ExpensiveLimits) -> Self {
        Self {
            limits,
            users: Keyed::new(limits.per_user),
            tenants: Keyed::new(limits.tenant_slots()),
            total: Arc::new(Semaphore::new(limits.total.max(1))),
        }
    }

    /// Waits for the caller's turn, at most `queue_ms`.
    pub async fn admit(&self, caller: &Caller) -> Result<ExpensivePermit, ApiError> {
        let wait = Duration::from_millis(self.limits.queue_ms);
        let user = self.users.semaphore(caller.user_id.unwrap_or(Uuid::nil()));
        // Platform administrators have no tenant: the nil id is theirs.
        let tenant = self
            .tenants
            .semaphore(caller.tenant_id.unwrap_or(Uuid::nil()));
        let total = self.total.clone();
        let acquire = async move {
            let user = user.acquire_owned().await.ok()?;
            let tenant = tenant.acquire_owned().await.ok()?;
            let total = total.acquire_owned().await.ok()?;
            Some(ExpensivePermit {
                _user: user,
                _tenant: tenant,
                _total: total,
            })
        };
        match tokio::time::timeout(wait, acquire).await {
            Ok(Some(permit)) => Ok(permit),
            _ => Err(busy()),
        }
    }
}

fn busy() -> ApiError {
    ApiError::new(
            ErrorCode::RateLimited,
            "Trop de demandes lourdes (synthèses, exports, imports, rapprochements, tests) sont en cours pour votre compte ou votre opérateur. Attendez qu'elles se terminent, puis réessayez dans quelques secondes.",
        ).retry_after(2).with_reason("TOO_MANY_EXPENSIVE_REQUESTS")
}

/// One semaphore per key, created on first use; idle ones are dropped when
/// the map grows.
struct Keyed {
    permits: usize,
    map: Mutex<HashMap<Uuid, Arc<Semaphore>>>,
}

/// Past this many keys, semaphores nobody holds are dropped.
const PRUNE_ABOVE: usize = 1_024;

impl Keyed {
    fn new(permits: usize) -> Self {
        Self {
            permits: permits.max(1),
            map: Mutex::new(HashMap::new()),
        }
    }

    fn semaphore(&self, key: Uuid) -> Arc<Semaphore> {
        let mut map = match self.map.lock() {
            Ok(map) => map,
            // A panic while holding this lock cannot leave the map invalid.
            Err(poisoned) => poisoned.into_inner(),
        };
        if map.len() > PRUNE_ABOVE {
            map.retain(|_, semaphore| Arc::strong_count(semaphore) > 1);
        }
        map.entry(key)
            .or_insert_with(|| Arc::new(Semaphore::new(self.permits)))
            .clone()
    }
}

/// Per request: the permit its first expensive field took, shared by the
/// others.
#[derive(Debug, Default)]
pub struct ExpensiveSlot(tokio::sync::OnceCell<Option<ExpensivePermit>>);

impl ExpensiveSlot {
    pub(crate) async fn take(
        &self,
        admission: &Admission,
        caller: &Caller,
    ) -> Result<(), ApiError> {
        let admitted = self
            .0
            .get_or_init(|| async { admission.admit(caller).await.ok() })
            .await;
        match admitted {
            Some(_) => Ok(()),
            None => Err(busy()),
        }
    }
}

#[cfg(test)]
mod tests {
    use relais_domain::Role;

    use super::*;

    fn caller(user: Uuid, tenant: Option<Uuid>) -> Caller {
        Caller {
            user_id: Some(user),
            email: None,
            role: Role::Helpdesk,
            tenant_id: tenant,
        }
    }

    fn limits() -> ExpensiveLimits {
        ExpensiveLimits {
            per_user: 1,
            per_tenant: 2,
            total: 3,
            queue_ms: 20,
            ..ExpensiveLimits::default()
        }
    }

    #[test]
    fn a_tenant_runs_at_most_as_many_expensive_requests_as_their_runtime_has_threads() {
        let auto = |threads| ExpensiveLimits {
            per_tenant: 0,
            threads,
            ..ExpensiveLimits::default()
        };
        assert_eq!(auto(1).tenant_slots(), 1);
        assert_eq!(auto(2).tenant_slots(), 2);
        assert_eq!(auto(6).tenant_slots(), 2);
        let set = ExpensiveLimits {
            per_tenant: 3,
            threads: 1,
            ..ExpensiveLimits::default()
        };
        assert_eq!(set.tenant_slots(), 3);
    }

    #[tokio::test]
    async fn a_tenant_past_its_limit_waits_then_is_refused_while_another_goes_on() {
        let admission = Admission::new(limits());
        let (a, b) = (Some(Uuid::now_v7()), Some(Uuid::now_v7()));
        let first = admission.admit(&caller(Uuid::now_v7(), a)).await.unwrap();
        let _second = admission.admit(&caller(Uuid::now_v7(), a)).await.unwrap();
        let third = admission
            .admit(&caller(Uuid::now_v7(), a))
            .await
            .unwrap_err();
        assert_eq!(third.code, ErrorCode::RateLimited);
        assert_eq!(third.reason, Some("TOO_MANY_EXPENSIVE_REQUESTS"));
        // Tenant B is not held up by tenant A.
        let _other = admission.admit(&caller(Uuid::now_v7(), b)).await.unwrap();
        drop(first);
        assert!(admission.admit(&caller(Uuid::now_v7(), a)).await.is_ok());
    }

    #[tokio::test]
    async fn one_account_runs_its_own_limit_and_the_process_its_total() {
        let admission = Admission::new(limits());
        let user = Uuid::now_v7();
        let tenant = Some(Uuid::now_v7());
        let _held = admission.admit(&caller(user, tenant)).await.unwrap();
        assert!(admission.admit(&caller(user, tenant)).await.is_err());
        let _b = admission
            .admit(&caller(Uuid::now_v7(), Some(Uuid::now_v7())))
            .await
            .unwrap();
        let _c = admission
            .admit(&caller(Uuid::now_v7(), Some(Uuid::now_v7())))
            .await
            .unwrap();
        assert!(
            admission
                .admit(&caller(Uuid::now_v7(), Some(Uuid::now_v7())))
                .await
                .is_err()
        );
    }

    #[tokio::test]
    async fn the_fields_of_one_request_share_one_permit() {
        let admission = Admission::new(limits());
        let who = caller(Uuid::now_v7(), Some(Uuid::now_v7()));
        let slot = ExpensiveSlot::default();
        assert!(slot.take(&admission, &who).await.is_ok());
        assert!(slot.take(&admission, &who).await.is_ok());
        // The account's only permit is the request's.
        assert!(admission.admit(&who).await.is_err());
        drop(slot);
        assert!(admission.admit(&who).await.is_ok());
    }
}
