//! Pacing of one tenant's expensive requests (issue 13, tenant isolation).
//!
//! The admission permits bound how many expensive requests a tenant runs
//! at once, not how much of the machine it keeps busy: one tenant sending
//! exports back to back kept a core and the database busy all the time,
//! and another tenant's pages waited for a core. Each tenant has a ledger
//! of the time its expensive requests ran: a finished request adds its
//! duration, and the ledger drains at `share` × the tenant's slots per
//! second of wall time. Past `burst_ms` in the ledger, the tenant's next
//! expensive request waits for it to drain back to the burst: a sustained
//! flood runs at most `share` of the time. A single long request (an
//! import) is charged at most what one wait of `max_wait` drains, so the
//! request that follows it waits, never longer than that, and is not
//! refused for it.

use std::time::Duration;

use tokio::time::Instant;

/// A tenant's ledger.
#[derive(Debug)]
pub struct Ledger {
    /// Seconds of expensive work not yet drained, as of `at`.
    owed: f64,
    at: Instant,
}

/// The rules every ledger follows.
#[derive(Debug, Clone, Copy)]
pub struct Pacing {
    /// Seconds drained per second of wall time; `None`: no pacing.
    rate: Option<f64>,
    /// Seconds a tenant may owe before waiting.
    burst: f64,
    /// The longest wait pacing imposes.
    max_wait: f64,
}

impl Pacing {
    /// `share` of `slots` requests at once; a share of 1 or more (or not
    /// a number above 0: the configuration refuses those) switches pacing
    /// off.
    pub fn new(share: f64, slots: usize, burst: Duration, max_wait: Duration) -> Self {
        let paced = share.is_finite() && share > 0.0 && share < 1.0;
        Self {
            rate: paced.then(|| share * slots.max(1) as f64),
            burst: burst.as_secs_f64(),
            max_wait: max_wait.as_secs_f64(),
        }
    }

    /// The longest wait pacing imposes (none when it is off).
    pub fn longest_wait(&self) -> Duration {
        match self.rate {
            Some(_) => Duration::from_secs_f64(self.max_wait),
            None => Duration::ZERO,
        }
    }

    /// How long a request of a tenant with this ledger waits before it
    /// starts, as of `now`.
    pub fn wait(&self, ledger: &mut Ledger, now: Instant) -> Duration {
        let Some(rate) = self.rate else {
            return Duration::ZERO;
        };
        self.drain(ledger, rate, now);
        let wait = ((ledger.owed - self.burst) / rate).clamp(0.0, self.max_wait);
        Duration::from_secs_f64(wait)
    }

    /// Adds a finished request's time to the ledger, as of `now`.
    pub fn charge(&self, ledger: &mut Ledger, ran: Duration, now: Instant) {
        let Some(rate) = self.rate else {
            return;
        };
        self.drain(ledger, rate, now);
        let ceiling = self.burst + self.max_wait * rate;
        ledger.owed = (ledger.owed + ran.as_secs_f64()).min(ceiling);
    }

    fn drain(&self, ledger: &mut Ledger, rate: f64, now: Instant) {
        let elapsed = now.saturating_duration_since(ledger.at).as_secs_f64();
        ledger.owed = (ledger.owed - elapsed * rate).max(0.0);
        ledger.at = now;
    }
}

impl Ledger {
    pub fn new(now: Instant) -> Self {
        Self { owed: 0.0, at: now }
    }

    /// True when nothing is owed as of `now` (the ledger can be dropped).
    pub fn settled(&self, pacing: &Pacing, now: Instant) -> bool {
        let drained = pacing.rate.map_or(f64::INFINITY, |rate| {
            now.saturating_duration_since(self.at).as_secs_f64() * rate
        });
        drained >= self.owed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MS: Duration = Duration::from_millis(1);

    fn pacing() -> Pacing {
        Pacing::new(0.5, 1, 1_000 * MS, 2_000 * MS)
    }

    #[test]
    fn a_tenant_within_its_burst_never_waits() {
        let (pacing, start) = (pacing(), Instant::now());
        let mut ledger = Ledger::new(start);
        for i in 0..10 {
            let now = start + i * 100 * MS;
            assert_eq!(pacing.wait(&mut ledger, now), Duration::ZERO);
            pacing.charge(&mut ledger, 100 * MS, now + 100 * MS);
        }
        // 1 s of work in 1 s, half of it drained: 0.5 s owed, within the burst.
        assert_eq!(pacing.wait(&mut ledger, start + 1_000 * MS), Duration::ZERO);
    }

    #[test]
    fn a_sustained_flood_runs_at_most_its_share_of_the_time() {
        let (pacing, start) = (pacing(), Instant::now());
        let mut ledger = Ledger::new(start);
        let (mut now, mut busy) = (start, Duration::ZERO);
        // Requests of 50 ms back to back, each starting once it may.
        while now < start + 60 * 1_000 * MS {
            now += pacing.wait(&mut ledger, now);
            now += 50 * MS;
            busy += 50 * MS;
            pacing.charge(&mut ledger, 50 * MS, now);
        }
        let share = busy.as_secs_f64() / (now - start).as_secs_f64();
        // The burst (1 s) is the only excess over the share, over 60 s.
        assert!((0.49..=0.52).contains(&share), "share {share}");
    }

    #[test]
    fn a_long_request_makes_the_next_one_wait_at_most_max_wait() {
        let (pacing, start) = (pacing(), Instant::now());
        let mut ledger = Ledger::new(start);
        pacing.charge(&mut ledger, 30_000 * MS, start + 30_000 * MS);
        let wait = pacing.wait(&mut ledger, start + 30_000 * MS);
        assert_eq!(wait, 2_000 * MS);
        // Once that wait is over, the next request starts.
        assert_eq!(
            pacing.wait(&mut ledger, start + 32_000 * MS),
            Duration::ZERO
        );
    }

    #[test]
    fn a_share_of_one_or_more_does_not_pace() {
        for share in [1.0, 2.0, 0.0, f64::NAN] {
            let pacing = Pacing::new(share, 1, Duration::ZERO, 2_000 * MS);
            let start = Instant::now();
            let mut ledger = Ledger::new(start);
            pacing.charge(&mut ledger, 10_000 * MS, start);
            assert_eq!(pacing.wait(&mut ledger, start), Duration::ZERO);
        }
    }

    #[test]
    fn a_drained_ledger_is_settled() {
        let (pacing, start) = (pacing(), Instant::now());
        let mut ledger = Ledger::new(start);
        pacing.charge(&mut ledger, 400 * MS, start);
        assert!(!ledger.settled(&pacing, start + 700 * MS));
        assert!(ledger.settled(&pacing, start + 800 * MS));
    }
}
