//! Login rate limiting, per client address and per account (issue 13,
//! items 4 and 11).
//!
//! - Per address: every attempt counts (GCRA, governor). IPv6 clients are
//!   counted per /64, the block one subscriber usually holds: one address
//!   per attempt gains nothing.
//! - Per account: only failures count, and past the limit the account is
//!   slowed down, never locked: each further attempt waits for its turn,
//!   turns spaced `login_slowdown_seconds` apart (doubling with each
//!   failure, up to 30 s), for as long as the failures stay within the
//!   window. The right password still works (after the wait) and resets
//!   the count. Attempts that would wait longer than
//!   `login_max_wait_seconds` get `RATE_LIMITED` at once
//!   (docs/decisions.md, « Issue 13 — accounts », for the trade-off).
//!
//! On PostgreSQL the counters live in the database (`login_throttle`, one
//! row per key, changed under a row lock with the database's clock), so N
//! replicas allow what one would (issue 18); on SQLite, one process, they
//! stay in memory. The policy is the same pure functions in both cases.

use std::collections::HashMap;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use relais_store::{Store, ThrottleRow};

use crate::error::AppError;

/// How many login attempts are allowed per window, and how the accounts
/// past their limit are slowed down.
#[derive(Debug, Clone, Copy)]
pub struct RateLimits {
    /// Failed attempts per account before it is slowed down.
    pub per_account: u32,
    /// Attempts per client address (per /64 for IPv6).
    pub per_address: u32,
    pub window: Duration,
    /// The first spacing of attempts on a slowed-down account.
    pub slowdown: Duration,
    /// Longer waits are refused with `RATE_LIMITED`.
    pub max_wait: Duration,
}

/// The longest spacing between two attempts on one account.
const MAX_SPACING: Duration = Duration::from_secs(30);

/// Past this many tracked keys, idle ones are dropped.
const MAX_TRACKED_KEYS: usize = 10_000;

/// The key an address is counted under: IPv4 addresses one by one, IPv6
/// addresses by their /64 (an IPv4-mapped IPv6 address is its IPv4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AddressKey {
    V4(std::net::Ipv4Addr),
    V6Prefix(u64),
}

impl AddressKey {
    pub fn of(address: IpAddr) -> Self {
        match address.to_canonical() {
            IpAddr::V4(v4) => AddressKey::V4(v4),
            IpAddr::V6(v6) => {
                let bits = u128::from(v6);
                AddressKey::V6Prefix(u64::try_from(bits >> 64).unwrap_or(u64::MAX))
            }
        }
    }

    /// The row key of the shared counters.
    fn row_key(self) -> String {
        match self {
            AddressKey::V4(v4) => format!("address:{v4}"),
            AddressKey::V6Prefix(prefix) => format!("address:{prefix:016x}::/64"),
        }
    }
}

/// The failures of one account within the window (milliseconds).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Failures {
    count: u32,
    since: i64,
    /// When the next attempt may run.
    next_turn: i64,
}

fn millis(duration: Duration) -> i64 {
    i64::try_from(duration.as_millis()).unwrap_or(i64::MAX)
}

/// Seconds to announce for a wait of `ms` (at least one).
fn retry_seconds(ms: i64) -> u64 {
    u64::try_from(ms.max(0) / 1000)
        .unwrap_or(u64::MAX)
        .saturating_add(1)
}

/// An attempt on an account with `failures` at `now`: the account's new
/// state (`None`: forgotten) and how long the attempt waits first, or the
/// seconds after which to retry when the wait would pass `max_wait`.
fn account_turn(
    limits: &RateLimits,
    failures: Option<Failures>,
    now: i64,
) -> (Option<Failures>, Result<Duration, u64>) {
    let Some(mut failures) = failures else {
        return (None, Ok(Duration::ZERO));
    };
    if now.saturating_sub(failures.since) > millis(limits.window) {
        return (None, Ok(Duration::ZERO));
    }
    let per_account = limits.per_account.max(1);
    if failures.count < per_account {
        return (Some(failures), Ok(Duration::ZERO));
    }
    let turn = failures.next_turn.max(now);
    let wait = turn - now;
    if wait > millis(limits.max_wait) {
        return (Some(failures), Err(retry_seconds(wait)));
    }
    let over = failures.count - per_account;
    let spacing = limits
        .slowdown
        .saturating_mul(1u32 << over.min(16))
        .min(MAX_SPACING);
    failures.next_turn = turn.saturating_add(millis(spacing));
    (
        Some(failures),
        Ok(Duration::from_millis(u64::try_from(wait).unwrap_or(0))),
    )
}

/// A failure on an account with `failures` at `now`.
fn account_failed(limits: &RateLimits, failures: Option<Failures>, now: i64) -> Failures {
    let mut failures = match failures {
        Some(f) if now.saturating_sub(f.since) <= millis(limits.window) => f,
        _ => Failures {
            count: 0,
            since: now,
            next_turn: now,
        },
    };
    failures.count = failures.count.saturating_add(1);
    failures
}

/// One attempt from an address whose theoretical arrival time is `tat`
/// (GCRA, as governor counts in memory: `per_address` at once, then one
/// per `window / per_address`): the new time, or the seconds to wait.
fn address_admit(limits: &RateLimits, tat: Option<i64>, now: i64) -> (i64, Result<(), u64>) {
    let burst = i64::from(limits.per_address.max(1));
    let period = (millis(limits.window) / burst).max(1);
    let tolerance = period.saturating_mul(burst - 1);
    let tat = tat.unwrap_or(now).max(now);
    if tat - now > tolerance {
        return (tat, Err(retry_seconds(tat - now - tolerance)));
    }
    (tat.saturating_add(period), Ok(()))
}

fn quota(count: u32, window: Duration) -> Quota {
    let count = NonZeroU32::new(count.max(1)).unwrap_or(NonZeroU32::MIN);
    let period = (window / count.get()).max(Duration::from_millis(1));
    Quota::with_period(period)
        .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
        .allow_burst(count)
}

/// The counters of one process (SQLite: Relais runs as one process).
struct Local {
    addresses: DefaultKeyedRateLimiter<AddressKey>,
    accounts: Mutex<HashMap<String, Failures>>,
    clock: DefaultClock,
    epoch: Instant,
}

impl Local {
    fn now(&self) -> i64 {
        millis(self.epoch.elapsed())
    }

    fn accounts(&self) -> std::sync::MutexGuard<'_, HashMap<String, Failures>> {
        self.accounts
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn count_address(&self, key: AddressKey) -> Result<(), u64> {
        if self.addresses.len() > MAX_TRACKED_KEYS {
            self.addresses.retain_recent();
        }
        let now = self.clock.now();
        self.addresses
            .check_key(&key)
            .map_err(|not_until| not_until.wait_time_from(now).as_secs() + 1)
    }

    fn turn(&self, limits: &RateLimits, account: &str) -> Result<Duration, u64> {
        let now = self.now();
        let mut accounts = self.accounts();
        let (next, outcome) = account_turn(limits, accounts.get(account).copied(), now);
        match next {
            Some(next) => {
                if let Some(slot) = accounts.get_mut(account) {
                    *slot = next;
                }
            }
            None => {
                accounts.remove(account);
            }
        }
        outcome
    }
}

/// Where the counters live.
enum Counters {
    Local(Local),
    /// In the database every replica shares.
    Shared(Store),
}

/// One attempt as `check` admitted it: how long it waits first, and what
/// `failed` or `succeeded` of the same attempt need to know.
#[derive(Debug, Clone, Copy)]
pub struct Attempt {
    pub wait: Duration,
    account: Seen,
}

/// The account's shared row as the attempt's `check` left it.
#[derive(Debug, Clone, Copy)]
enum Seen {
    /// Counters in memory, or a row changed under its lock after a race:
    /// read again when needed.
    Unknown,
    Row {
        row: Option<ThrottleRow>,
        /// The database's time then, and this process's instant then: the
        /// database's time later is `db_now` plus the elapsed time.
        db_now: i64,
        at: Instant,
    },
}

impl Seen {
    fn now(db_now: i64, at: Instant) -> i64 {
        db_now.saturating_add(millis(at.elapsed()))
    }
}

/// Login attempts counted per address and per account.
pub struct LoginLimiter {
    limits: RateLimits,
    counters: Counters,
}

impl LoginLimiter {
    /// Counters in this process's memory.
    pub fn new(limits: RateLimits) -> Self {
        Self {
            limits,
            counters: Counters::Local(Local {
                addresses: RateLimiter::keyed(quota(limits.per_address, limits.window)),
                accounts: Mutex::new(HashMap::new()),
                clock: DefaultClock::default(),
                epoch: Instant::now(),
            }),
        }
    }

    /// Counters in `store`'s database, shared by every process using it.
    pub fn shared(limits: RateLimits, store: Store) -> Self {
        Self {
            limits,
            counters: Counters::Shared(store),
        }
    }

    /// Whether the counters are shared through the database.
    pub fn is_shared(&self) -> bool {
        matches!(self.counters, Counters::Shared(_))
    }

    /// Counts one attempt from `address` and tells how long the attempt on
    /// `account` must wait first; `RATE_LIMITED` with the seconds after
    /// which to retry when refused.
    pub async fn check(&self, account: &str, address: Option<IpAddr>) -> Result<Attempt, AppError> {
        match &self.counters {
            Counters::Shared(store) => self.check_shared(store, account, address).await,
            Counters::Local(local) => {
                if let Some(address) = address {
                    local
                        .count_address(AddressKey::of(address))
                        .map_err(AppError::rate_limited)?;
                }
                let wait = local
                    .turn(&self.limits, account)
                    .map_err(AppError::rate_limited)?;
                Ok(Attempt {
                    wait,
                    account: Seen::Unknown,
                })
            }
        }
    }

    /// `check` on the shared counters: both keys read in one statement,
    /// each changed with a compare-and-set (one more statement, none for
    /// an account without failures); only an attempt that raced another
    /// on the same key takes its turn under the row lock.
    async fn check_shared(
        &self,
        store: &Store,
        account: &str,
        address: Option<IpAddr>,
    ) -> Result<Attempt, AppError> {
        let limits = self.limits;
        let throttle = store.login_throttle();
        let account_key = account_key(account);
        let address_key = address.map(|address| AddressKey::of(address).row_key());
        let mut keys = vec![account_key.as_str()];
        keys.extend(address_key.as_deref());
        let (now, rows) = throttle.read(&keys).await?;
        let at = Instant::now();
        let row_of = |key: &str| rows.iter().find(|(k, _)| k == key).map(|(_, row)| *row);
        if let Some(key) = &address_key {
            settle(&throttle, key, now, row_of(key), |now, row| {
                address_step(&limits, now, row)
            })
            .await?
            .1
            .map_err(AppError::rate_limited)?;
        }
        // No failures recorded: no wait (a failure recorded meanwhile by
        // another replica counts from the next attempt).
        let Some(row) = row_of(&account_key) else {
            return Ok(Attempt {
                wait: Duration::ZERO,
                account: Seen::Row {
                    row: None,
                    db_now: now,
                    at,
                },
            });
        };
        let (left, outcome) = settle(&throttle, &account_key, now, Some(row), |now, row| {
            account_step(&limits, now, row)
        })
        .await?;
        Ok(Attempt {
            wait: outcome.map_err(AppError::rate_limited)?,
            account: match left {
                Some(row) => Seen::Row {
                    row,
                    db_now: now,
                    at,
                },
                None => Seen::Unknown,
            },
        })
    }

    /// A wrong password (or a disabled account) for `account`, on the
    /// attempt `check` admitted.
    pub async fn failed(&self, account: &str, attempt: &Attempt) -> Result<(), AppError> {
        let limits = self.limits;
        match &self.counters {
            Counters::Local(local) => {
                let now = local.now();
                let mut accounts = local.accounts();
                if accounts.len() > MAX_TRACKED_KEYS {
                    let window = millis(limits.window);
                    accounts.retain(|_, f| now.saturating_sub(f.since) <= window);
                }
                let failures = account_failed(&limits, accounts.get(account).copied(), now);
                accounts.insert(account.to_owned(), failures);
                Ok(())
            }
            Counters::Shared(store) => {
                let throttle = store.login_throttle();
                let key = account_key(account);
                let (now, row) = match attempt.account {
                    Seen::Row { row, db_now, at } => (Seen::now(db_now, at), row),
                    Seen::Unknown => {
                        let (now, rows) = throttle.read(&[&key]).await?;
                        (now, rows.first().map(|(_, row)| *row))
                    }
                };
                settle(&throttle, &key, now, row, |now, row| {
                    (
                        Some(to_row(account_failed(&limits, row.map(from_row), now))),
                        (),
                    )
                })
                .await?;
                Ok(())
            }
        }
    }

    /// The right password on the attempt `check` admitted: the account's
    /// failures are forgotten (nothing to do when it had none).
    pub async fn succeeded(&self, account: &str, attempt: &Attempt) -> Result<(), AppError> {
        match &self.counters {
            Counters::Local(local) => {
                local.accounts().remove(account);
                Ok(())
            }
            Counters::Shared(_) if matches!(attempt.account, Seen::Row { row: None, .. }) => Ok(()),
            Counters::Shared(store) => {
                Ok(store.login_throttle().forget(&account_key(account)).await?)
            }
        }
    }
}

/// The address's row after one attempt at `now`, and the outcome.
fn address_step(
    limits: &RateLimits,
    now: i64,
    row: Option<ThrottleRow>,
) -> (Option<ThrottleRow>, Result<(), u64>) {
    let (tat, outcome) = address_admit(limits, row.map(|r| r.next_ms), now);
    let row = ThrottleRow {
        count: 0,
        since_ms: now,
        next_ms: tat,
    };
    (Some(row), outcome)
}

/// The account's row after one attempt at `now`, and how long it waits.
fn account_step(
    limits: &RateLimits,
    now: i64,
    row: Option<ThrottleRow>,
) -> (Option<ThrottleRow>, Result<Duration, u64>) {
    let (next, outcome) = account_turn(limits, row.map(from_row), now);
    (next.map(to_row), outcome)
}

/// Applies `step` to `key`'s row as read at `now`: written with a
/// compare-and-set when it changes; if another attempt changed the row
/// since the read, `step` runs again on the row under its lock. Returns
/// the row as left (`None` after a race: not known) and the outcome.
async fn settle<R>(
    throttle: &relais_store::LoginThrottle<'_>,
    key: &str,
    now: i64,
    current: Option<ThrottleRow>,
    step: impl Fn(i64, Option<ThrottleRow>) -> (Option<ThrottleRow>, R),
) -> Result<(Option<Option<ThrottleRow>>, R), AppError> {
    let (next, outcome) = step(now, current);
    if next == current || throttle.swap(key, current, next).await? {
        return Ok((Some(next), outcome));
    }
    Ok((None, throttle.update(key, step).await?))
}

fn account_key(account: &str) -> String {
    format!("account:{account}")
}

fn from_row(row: ThrottleRow) -> Failures {
    Failures {
        count: u32::try_from(row.count).unwrap_or(0),
        since: row.since_ms,
        next_turn: row.next_ms,
    }
}

fn to_row(failures: Failures) -> ThrottleRow {
    ThrottleRow {
        count: i32::try_from(failures.count).unwrap_or(i32::MAX),
        since_ms: failures.since,
        next_ms: failures.next_turn,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(per_account: u32, per_address: u32) -> RateLimits {
        RateLimits {
            per_account,
            per_address,
            window: Duration::from_secs(60),
            slowdown: Duration::from_secs(2),
            max_wait: Duration::from_secs(20),
        }
    }

    /// `account_turn` applied to a map, as the local counters do.
    fn turn(limits: &RateLimits, state: &mut Option<Failures>, now: i64) -> Result<Duration, u64> {
        let (next, outcome) = account_turn(limits, *state, now);
        *state = next;
        outcome
    }

    #[tokio::test]
    async fn successes_do_not_count() {
        let limiter = LoginLimiter::new(limits(2, 100));
        let a: IpAddr = "127.0.0.1".parse().unwrap();
        for _ in 0..10 {
            let attempt = limiter.check("x@y.fr", Some(a)).await.unwrap();
            assert_eq!(attempt.wait, Duration::ZERO);
            limiter.succeeded("x@y.fr", &attempt).await.unwrap();
        }
        for _ in 0..2 {
            let attempt = limiter.check("x@y.fr", Some(a)).await.unwrap();
            limiter.failed("x@y.fr", &attempt).await.unwrap();
        }
        assert_eq!(
            limiter.check("x@y.fr", Some(a)).await.unwrap().wait,
            Duration::ZERO
        );
        // The second attempt past the limit waits its turn (2 s), not refused.
        let wait = limiter.check("x@y.fr", Some(a)).await.unwrap().wait;
        assert!(wait > Duration::from_millis(1500) && wait <= Duration::from_secs(2));
    }

    #[test]
    fn failures_slow_down_without_locking() {
        let limits = limits(2, 100);
        let mut state = None;
        state = Some(account_failed(&limits, state, 0));
        state = Some(account_failed(&limits, state, 0));
        // Past the limit: turns spaced 2 s, then 4 s…, never a lock-out.
        assert_eq!(turn(&limits, &mut state, 0), Ok(Duration::ZERO));
        assert_eq!(turn(&limits, &mut state, 0), Ok(Duration::from_secs(2)));
        assert_eq!(turn(&limits, &mut state, 0), Ok(Duration::from_secs(4)));
        state = Some(account_failed(&limits, state, 0));
        // Queued attempts beyond the longest wait are refused at once.
        let refused = (0..10).any(|_| turn(&limits, &mut state, 0).is_err());
        assert!(refused);
        // Once the window has passed, the account is forgotten.
        assert_eq!(turn(&limits, &mut state, 61_000), Ok(Duration::ZERO));
        assert_eq!(state, None);
    }

    #[test]
    fn the_address_budget_is_a_burst_then_one_per_period() {
        let limits = limits(100, 3);
        let (mut tat, mut now) = (None, 1_000_000);
        for _ in 0..3 {
            let (next, outcome) = address_admit(&limits, tat, now);
            assert_eq!(outcome, Ok(()));
            tat = Some(next);
        }
        let (next, outcome) = address_admit(&limits, tat, now);
        // One attempt per 20 s after the burst (announced rounded up).
        assert_eq!(outcome, Err(21));
        tat = Some(next);
        now += 20_000;
        assert_eq!(address_admit(&limits, tat, now).1, Ok(()));
    }

    #[tokio::test]
    async fn the_address_limit_applies_across_accounts() {
        let limiter = LoginLimiter::new(limits(100, 2));
        let a: IpAddr = "10.0.0.1".parse().unwrap();
        assert!(limiter.check("1@y.fr", Some(a)).await.is_ok());
        assert!(limiter.check("2@y.fr", Some(a)).await.is_ok());
        assert!(limiter.check("3@y.fr", Some(a)).await.is_err());
    }

    #[tokio::test]
    async fn ipv6_addresses_count_per_64() {
        let limiter = LoginLimiter::new(limits(100, 2));
        let first: IpAddr = "2001:db8:1:2::1".parse().unwrap();
        let second: IpAddr = "2001:db8:1:2:ffff::9".parse().unwrap();
        let elsewhere: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert!(limiter.check("1@y.fr", Some(first)).await.is_ok());
        assert!(limiter.check("2@y.fr", Some(second)).await.is_ok());
        assert!(limiter.check("3@y.fr", Some(first)).await.is_err());
        assert!(limiter.check("4@y.fr", Some(elsewhere)).await.is_ok());
        assert_eq!(
            AddressKey::of("::ffff:10.0.0.1".parse().unwrap()),
            AddressKey::of("10.0.0.1".parse().unwrap())
        );
        assert_eq!(
            AddressKey::of(first).row_key(),
            AddressKey::of(second).row_key()
        );
    }
}
