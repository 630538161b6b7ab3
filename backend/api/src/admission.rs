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
//! `RATE_LIMITED`. Holding its tenant's permit, it also waits for its
//! tenant's pacing (`crate::pacing`, at most `queue_ms` more): a tenant
//! that kept expensive requests running past its burst runs its next one
//! once its ledger has drained. The permit's time is charged to that
//! ledger when it drops.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use relais_store::Caller;
use serde::{Deserialize, Serialize};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;
use uuid::Uuid;

use crate::ApiError;
use crate::error::ErrorCode;
use crate::pacing::{Ledger, Pacing};

/// `[graphql.expensive]` in the configuration.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
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
    /// Run that runtime's threads in Linux's idle scheduling class
    /// (`SCHED_IDLE`): a light request's thread waking on a core one of
    /// them runs on takes the core at once. Off (or refused), `nice`
    /// applies instead.
    pub idle: bool,
    /// The nice value of that runtime's threads (0 to 19): when the cores
    /// are busy, the kernel gives a light request's thread the core before
    /// an export's, so one tenant's flood of expensive requests does not
    /// slow another tenant's pages down.
    pub nice: i32,
    /// Database connections of the pool those documents use, apart from
    /// the light requests' pool (0: as many as `total`, so that an admitted
    /// request never queues for a connection behind another tenant's).
    pub connections: u32,
    /// The share of its expensive slots' time one tenant may use over a
    /// sustained period (0 < share ≤ 1; 1: no pacing). Past its burst, a
    /// tenant's next expensive request starts only once its earlier ones'
    /// time has drained at this rate, so a flood of exports leaves the
    /// cores idle part of the time for the other tenants' pages.
    pub share: f64,
    /// The time of expensive requests one tenant may run back to back
    /// before the pacing starts, in milliseconds.
    pub burst_ms: u64,
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
            idle: true,
            nice: 10,
            connections: 0,
            share: 0.5,
            burst_ms: 1_000,
        }
    }
}

/// The semaphores and the tenants' ledgers, shared by every request of
/// the process.
pub struct Admission {
    limits: ExpensiveLimits,
    users: Keyed,
    tenants: Keyed,
    total: Arc<Semaphore>,
    ledgers: Arc<Ledgers>,
}

/// The time each tenant's expensive requests ran, not yet drained
/// (`crate::pacing`).
struct Ledgers {
    pacing: Pacing,
    map: Mutex<HashMap<Uuid, Ledger>>,
}

impl Ledgers {
    fn wait(&self, tenant: Uuid) -> Duration {
        let now = Instant::now();
        let mut map = lock(&self.map);
        if map.len() > PRUNE_ABOVE {
            map.retain(|_, ledger| !ledger.settled(&self.pacing, now));
        }
        let ledger = map.entry(tenant).or_insert_with(|| Ledger::new(now));
        self.pacing.wait(ledger, now)
    }

    fn charge(&self, tenant: Uuid, ran: Duration) {
        let now = Instant::now();
        let mut map = lock(&self.map);
        let ledger = map.entry(tenant).or_insert_with(|| Ledger::new(now));
        self.pacing.charge(ledger, ran, now);
    }
}

/// A panic while holding one of these locks cannot leave the map invalid.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    match mutex.lock() {
        Ok(guard) => guard,
        Err(poisoned) => poisoned.into_inner(),
    }
}

/// What an admitted request holds until it ends; its time is charged to
/// its tenant's ledger then.
pub struct ExpensivePermit {
    _user: OwnedSemaphorePermit,
    _tenant: OwnedSemaphorePermit,
    _total: OwnedSemaphorePermit,
    tenant: Uuid,
    started: Instant,
    ledgers: Arc<Ledgers>,
}

impl std::fmt::Debug for ExpensivePermit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ExpensivePermit")
            .field("tenant", &self.tenant)
            .field("started", &self.started)
            .finish_non_exhaustive()
    }
}

impl Drop for ExpensivePermit {
    fn drop(&mut self) {
        self.ledgers.charge(self.tenant, self.started.elapsed());
    }
}

impl Admission {
    pub fn new(limits: ExpensiveLimits) -> Self {
        Self {
            limits,
            users: Keyed::new(limits.per_user),
            tenants: Keyed::new(limits.tenant_slots()),
            total: Arc::new(Semaphore::new(limits.total.max(1))),
            ledgers: Arc::new(Ledgers {
                pacing: Pacing::new(
                    limits.share,
                    limits.tenant_slots(),
                    Duration::from_millis(limits.burst_ms),
                    Duration::from_millis(limits.queue_ms),
                ),
                map: Mutex::new(HashMap::new()),
            }),
        }
    }

    /// Waits for the caller's turn: its account's and its tenant's
    /// permits, then, holding them (the tenant's other requests queue
    /// behind it, no other tenant's), its tenant's pacing
    /// (`crate::pacing`), then the process's permit. At most `queue_ms`
    /// plus the longest pacing wait (`queue_ms` too), then `RATE_LIMITED`.
    pub async fn admit(&self, caller: &Caller) -> Result<ExpensivePermit, ApiError> {
        let user = self.users.semaphore(caller.user_id.unwrap_or(Uuid::nil()));
        // Platform administrators have no tenant: the nil id is theirs.
        let tenant_id = caller.tenant_id.unwrap_or(Uuid::nil());
        let tenant = self.tenants.semaphore(tenant_id);
        let total = self.total.clone();
        let ledgers = self.ledgers.clone();
        let acquire = async move {
            let user = user.acquire_owned().await.ok()?;
            let tenant = tenant.acquire_owned().await.ok()?;
            let paced = ledgers.wait(tenant_id);
            if !paced.is_zero() {
                tokio::time::sleep(paced).await;
            }
            let total = total.acquire_owned().await.ok()?;
            Some((user, tenant, total))
        };
        let wait = Duration::from_millis(self.limits.queue_ms) + self.ledgers.pacing.longest_wait();
        let Ok(Some((user, tenant, total))) = tokio::time::timeout(wait, acquire).await else {
            return Err(busy());
        };
        Ok(ExpensivePermit {
            _user: user,
            _tenant: tenant,
            _total: total,
            tenant: tenant_id,
            started: Instant::now(),
            ledgers: self.ledgers.clone(),
        })
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
        let mut map = lock(&self.map);
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

    #[tokio::test(start_paused = true)]
    async fn a_tenant_that_kept_the_expensive_runtime_busy_waits_its_turn_and_not_another() {
        let admission = Admission::new(ExpensiveLimits {
            per_user: 4,
            per_tenant: 1,
            queue_ms: 2_000,
            share: 0.5,
            burst_ms: 1_000,
            ..ExpensiveLimits::default()
        });
        let (a, b) = (Some(Uuid::now_v7()), Some(Uuid::now_v7()));
        let user = Uuid::now_v7();
        // Tenant A runs exports of 1 s back to back.
        for _ in 0..3 {
            let permit = admission.admit(&caller(user, a)).await.unwrap();
            tokio::time::advance(Duration::from_secs(1)).await;
            drop(permit);
        }
        // Past its burst (1 s), each waits until its ledger has drained
        // back to it at half a second per second: here 1 s of wait for
        // 1 s run, half the time.
        let started = Instant::now();
        let permit = admission.admit(&caller(user, a)).await.unwrap();
        assert_eq!(started.elapsed(), Duration::from_secs(1));
        drop(permit);
        // Tenant B, idle so far, starts at once.
        let started = Instant::now();
        let _permit = admission.admit(&caller(Uuid::now_v7(), b)).await.unwrap();
        assert_eq!(started.elapsed(), Duration::ZERO);
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
