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

use std::collections::HashMap;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

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
}

/// The failures of one account within the window.
#[derive(Debug, Clone, Copy)]
struct Failures {
    count: u32,
    since: Instant,
    /// When the next attempt may run.
    next_turn: Instant,
}

/// In-process limiter. With several `relais` processes, each counts its own
/// attempts (documented in docs/decisions.md).
pub struct LoginLimiter {
    limits: RateLimits,
    addresses: DefaultKeyedRateLimiter<AddressKey>,
    accounts: Mutex<HashMap<String, Failures>>,
    clock: DefaultClock,
}

fn quota(count: u32, window: Duration) -> Quota {
    let count = NonZeroU32::new(count.max(1)).unwrap_or(NonZeroU32::MIN);
    let period = (window / count.get()).max(Duration::from_millis(1));
    Quota::with_period(period)
        .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
        .allow_burst(count)
}

impl LoginLimiter {
    pub fn new(limits: RateLimits) -> Self {
        Self {
            limits,
            addresses: RateLimiter::keyed(quota(limits.per_address, limits.window)),
            accounts: Mutex::new(HashMap::new()),
            clock: DefaultClock::default(),
        }
    }

    /// Counts one attempt from `address` and tells how long the attempt on
    /// `account` must wait first. `Err(seconds)`: refused, retry later.
    pub fn check(&self, account: &str, address: Option<IpAddr>) -> Result<Duration, u64> {
        if let Some(address) = address {
            if self.addresses.len() > MAX_TRACKED_KEYS {
                self.addresses.retain_recent();
            }
            let now = self.clock.now();
            self.addresses
                .check_key(&AddressKey::of(address))
                .map_err(|not_until| not_until.wait_time_from(now).as_secs() + 1)?;
        }
        self.turn(account, Instant::now())
    }

    fn turn(&self, account: &str, now: Instant) -> Result<Duration, u64> {
        let mut accounts = self
            .accounts
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let Some(failures) = accounts.get_mut(account) else {
            return Ok(Duration::ZERO);
        };
        if now.duration_since(failures.since) > self.limits.window {
            accounts.remove(account);
            return Ok(Duration::ZERO);
        }
        if failures.count < self.limits.per_account.max(1) {
            return Ok(Duration::ZERO);
        }
        let turn = failures.next_turn.max(now);
        let wait = turn.duration_since(now);
        if wait > self.limits.max_wait {
            return Err(wait.as_secs() + 1);
        }
        let over = failures.count - self.limits.per_account.max(1);
        let spacing = self
            .limits
            .slowdown
            .saturating_mul(1u32 << over.min(16))
            .min(MAX_SPACING);
        failures.next_turn = turn + spacing;
        Ok(wait)
    }

    /// A wrong password (or a disabled account) for `account`.
    pub fn failed(&self, account: &str) {
        let now = Instant::now();
        let mut accounts = self
            .accounts
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if accounts.len() > MAX_TRACKED_KEYS {
            let window = self.limits.window;
            accounts.retain(|_, f| now.duration_since(f.since) <= window);
        }
        let failures = accounts.entry(account.to_owned()).or_insert(Failures {
            count: 0,
            since: now,
            next_turn: now,
        });
        if now.duration_since(failures.since) > self.limits.window {
            *failures = Failures {
                count: 0,
                since: now,
                next_turn: now,
            };
        }
        failures.count = failures.count.saturating_add(1);
    }

    /// The right password: the account's failures are forgotten.
    pub fn succeeded(&self, account: &str) {
        self.accounts
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .remove(account);
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

    #[test]
    fn successes_do_not_count_and_failures_slow_down_without_locking() {
        let limiter = LoginLimiter::new(limits(2, 100));
        let a: IpAddr = "127.0.0.1".parse().unwrap();
        for _ in 0..10 {
            assert_eq!(limiter.check("x@y.fr", Some(a)), Ok(Duration::ZERO));
            limiter.succeeded("x@y.fr");
        }
        limiter.failed("x@y.fr");
        limiter.failed("x@y.fr");
        let now = Instant::now();
        // Past the limit: turns spaced 2 s, then 4 s…, never a lock-out.
        assert_eq!(limiter.turn("x@y.fr", now), Ok(Duration::ZERO));
        assert_eq!(limiter.turn("x@y.fr", now), Ok(Duration::from_secs(2)));
        assert_eq!(limiter.turn("x@y.fr", now), Ok(Duration::from_secs(4)));
        limiter.failed("x@y.fr");
        // Queued attempts beyond the longest wait are refused at once.
        let mut refused = false;
        for _ in 0..10 {
            if limiter.turn("x@y.fr", now).is_err() {
                refused = true;
            }
        }
        assert!(refused);
        // Another account is not affected; the right password resets.
        assert_eq!(limiter.turn("other@y.fr", now), Ok(Duration::ZERO));
        limiter.succeeded("x@y.fr");
        assert_eq!(limiter.turn("x@y.fr", now), Ok(Duration::ZERO));
    }

    #[test]
    fn the_address_limit_applies_across_accounts() {
        let limiter = LoginLimiter::new(limits(100, 2));
        let a: IpAddr = "10.0.0.1".parse().unwrap();
        assert!(limiter.check("1@y.fr", Some(a)).is_ok());
        assert!(limiter.check("2@y.fr", Some(a)).is_ok());
        assert!(limiter.check("3@y.fr", Some(a)).is_err());
    }

    #[test]
    fn ipv6_addresses_count_per_64() {
        let limiter = LoginLimiter::new(limits(100, 2));
        let first: IpAddr = "2001:db8:1:2::1".parse().unwrap();
        let second: IpAddr = "2001:db8:1:2:ffff::9".parse().unwrap();
        let elsewhere: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert!(limiter.check("1@y.fr", Some(first)).is_ok());
        assert!(limiter.check("2@y.fr", Some(second)).is_ok());
        assert!(limiter.check("3@y.fr", Some(first)).is_err());
        assert!(limiter.check("4@y.fr", Some(elsewhere)).is_ok());
        assert_eq!(
            AddressKey::of("::ffff:10.0.0.1".parse().unwrap()),
            AddressKey::of("10.0.0.1".parse().unwrap())
        );
    }
}
