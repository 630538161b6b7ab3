//! Login rate limiting, per account and per client address (GCRA, governor).

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

/// How many login attempts are allowed per window.
#[derive(Debug, Clone, Copy)]
pub struct RateLimits {
    pub per_account: u32,
    pub per_address: u32,
    pub window: Duration,
}

/// Past this many tracked keys, idle ones are dropped.
const MAX_TRACKED_KEYS: usize = 10_000;

/// In-process limiter. With several `relais` processes, each counts its own
/// attempts (documented in docs/decisions.md).
pub struct LoginLimiter {
    accounts: DefaultKeyedRateLimiter<String>,
    addresses: DefaultKeyedRateLimiter<IpAddr>,
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
            accounts: RateLimiter::keyed(quota(limits.per_account, limits.window)),
            addresses: RateLimiter::keyed(quota(limits.per_address, limits.window)),
            clock: DefaultClock::default(),
        }
    }

    /// Counts one attempt. `Err(seconds)` tells how long to wait.
    pub fn check(&self, account: &str, address: Option<IpAddr>) -> Result<(), u64> {
        if self.accounts.len() > MAX_TRACKED_KEYS {
            self.accounts.retain_recent();
        }
        if self.addresses.len() > MAX_TRACKED_KEYS {
            self.addresses.retain_recent();
        }
        let now = self.clock.now();
        let wait = |not_until: governor::NotUntil<_>| not_until.wait_time_from(now).as_secs() + 1;
        if let Some(address) = address {
            self.addresses.check_key(&address).map_err(wait)?;
        }
        self.accounts.check_key(&account.to_owned()).map_err(wait)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_account_limit_applies_whatever_the_address() {
        let limiter = LoginLimiter::new(RateLimits {
            per_account: 2,
            per_address: 100,
            window: Duration::from_secs(60),
        });
        let a: IpAddr = "127.0.0.1".parse().unwrap();
        let b: IpAddr = "127.0.0.2".parse().unwrap();
        assert!(limiter.check("x@y.fr", Some(a)).is_ok());
        assert!(limiter.check("x@y.fr", Some(b)).is_ok());
        let wait = limiter.check("x@y.fr", Some(a)).unwrap_err();
        assert!((1..=31).contains(&wait), "{wait}");
        assert!(limiter.check("other@y.fr", Some(a)).is_ok());
    }

    #[test]
    fn the_address_limit_applies_across_accounts() {
        let limiter = LoginLimiter::new(RateLimits {
            per_account: 100,
            per_address: 2,
            window: Duration::from_secs(60),
        });
        let a: IpAddr = "10.0.0.1".parse().unwrap();
        assert!(limiter.check("1@y.fr", Some(a)).is_ok());
        assert!(limiter.check("2@y.fr", Some(a)).is_ok());
        assert!(limiter.check("3@y.fr", Some(a)).is_err());
    }
}
