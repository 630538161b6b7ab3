//! The outbox job: sends the due messages of the outbox through the
//! configured [`Mailer`], one process at a time (a lease).
//!
//! A message is marked sent only after the server accepted it. If the
//! process dies in between, the message is still pending and goes again
//! with the same `Message-ID`: at most one duplicate, recognisable. A failed
//! attempt is retried after `base × 2^(attempts − 1)`, capped; after
//! `max_attempts` failures, or at once when the failure is permanent, the
//! message turns `FAILED` and an error is logged (the finding the console
//! shows).

use std::sync::Arc;
use std::time::{Duration, Instant};

use async_trait::async_trait;
use chrono::Utc;
use futures_util::StreamExt;
use relais_store::OutboxMessage;
use relais_store::Store;

use super::{MailError, MailSettings, Mailer, OutgoingMail};
use crate::jobs::{Job, Stopping};

/// No new batch is claimed past this share (in percent) of the lease
/// (`mail.lease_seconds`, 5 minutes by default: 2 minutes), so that the
/// messages in flight are done before another process may take over.
const CLAIM_SHARE_PERCENT: u64 = 40;
const LEASE_NAME: &str = "mail_outbox";

/// When to try again, and when to give up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    pub max_attempts: u32,
    pub base: Duration,
    pub cap: Duration,
}

impl RetryPolicy {
    pub fn from_settings(settings: &MailSettings) -> Self {
        Self {
            max_attempts: settings.max_attempts.max(1),
            base: Duration::from_secs(settings.retry_base_seconds.max(1)),
            cap: Duration::from_secs(settings.retry_max_seconds.max(1)),
        }
    }

    /// The wait after the `failures`-th failed attempt (1 for the first).
    pub fn delay(&self, failures: u32) -> Duration {
        let factor = 2u32.saturating_pow(failures.saturating_sub(1));
        self.base.saturating_mul(factor).min(self.cap)
    }
}

/// What one run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OutboxRun {
    /// Accepted by the server and marked sent.
    pub sent: usize,
    /// Failed, to be tried again later.
    pub retried: usize,
    /// Given up on (`FAILED`).
    pub failed: usize,
    /// Another process held the outbox: nothing was done.
    pub skipped: bool,
}

pub struct OutboxJob {
    store: Store,
    mailer: Arc<dyn Mailer>,
    policy: RetryPolicy,
    every: Duration,
    batch_size: u64,
    concurrency: usize,
    holder: String,
    /// How long a process keeps the outbox to itself.
    lease: chrono::Duration,
    claim_window: Duration,
}

enum Outcome {
    Sent,
    Retried,
    Failed,
}

impl OutboxJob {
    pub fn new(store: Store, mailer: Arc<dyn Mailer>, settings: &MailSettings) -> Self {
        Self {
            store,
            mailer,
            policy: RetryPolicy::from_settings(settings),
            every: Duration::from_secs(settings.send_interval_seconds.max(1)),
            batch_size: settings.batch_size.clamp(1, 10_000),
            concurrency: settings.concurrency.max(1),
            holder: format!("relais-{}", uuid::Uuid::now_v7()),
            lease: chrono::Duration::seconds(settings.lease_seconds.max(1) as i64),
            claim_window: Duration::from_secs(settings.lease_seconds.max(1))
                * CLAIM_SHARE_PERCENT as u32
                / 100,
        }
    }

    /// Sends every due message (batch after batch, for up to two minutes).
    pub async fn run_once(&self) -> anyhow::Result<OutboxRun> {
        self.run_until(&Stopping::never()).await
    }

    /// Like [`Self::run_once`], stopping between batches once `stopping` is
    /// set (shutdown) or once the lease is lost.
    #[tracing::instrument(name = "mail_outbox", skip_all, err)]
    pub async fn run_until(&self, stopping: &Stopping) -> anyhow::Result<OutboxRun> {
        let leases = self.store.leases();
        if !leases.acquire(LEASE_NAME, &self.holder, self.lease).await? {
            return Ok(OutboxRun {
                skipped: true,
                ..OutboxRun::default()
            });
        }
        let result = self.drain(stopping).await;
        leases.release(LEASE_NAME, &self.holder).await?;
        let run = result?;
        if run.sent + run.retried + run.failed > 0 {
            tracing::info!(
                sent = run.sent,
                retried = run.retried,
                failed = run.failed,
                "mail outbox run"
            );
        }
        Ok(run)
    }

    async fn drain(&self, stopping: &Stopping) -> anyhow::Result<OutboxRun> {
        let started = Instant::now();
        let mut run = OutboxRun::default();
        let leases = self.store.leases();
        let mut batches = 0u32;
        while started.elapsed() < self.claim_window && !stopping.requested() {
            // A process paused past its lease (a frozen VM, a stalled
            // network) must not claim messages another one now sends.
            batches += 1;
            if batches > 1 && !leases.renew(LEASE_NAME, &self.holder, self.lease).await? {
                tracing::warn!("mail outbox lease lost: another process took over");
                break;
            }
            let due = self
                .store
                .outbox()
                .claim_due(Utc::now(), self.batch_size)
                .await?;
            let claimed = due.len() as u64;
            let outcomes: Vec<anyhow::Result<Outcome>> = futures_util::stream::iter(due)
                .map(|row| self.deliver(row))
                .buffer_unordered(self.concurrency)
                .collect()
                .await;
            for outcome in outcomes {
                match outcome? {
                    Outcome::Sent => run.sent += 1,
                    Outcome::Retried => run.retried += 1,
                    Outcome::Failed => run.failed += 1,
                }
            }
            if claimed < self.batch_size {
                break;
            }
        }
        Ok(run)
    }

    async fn deliver(&self, row: OutboxMessage) -> anyhow::Result<Outcome> {
        let queue = self.store.outbox();
        let error = match self.mailer.send(&OutgoingMail::from_outbox(&row)).await {
            Ok(()) => {
                queue.mark_sent(row.id, Utc::now()).await?;
                return Ok(Outcome::Sent);
            }
            Err(error) => error,
        };
        let failures = u32::try_from(row.attempts).unwrap_or(0).saturating_add(1);
        let permanent = matches!(error, MailError::Permanent(_));
        if permanent || failures >= self.policy.max_attempts {
            queue.mark_poisoned(row.id, &error.to_string()).await?;
            tracing::error!(
                message = %row.id,
                message_id = %row.message_id,
                kind = %row.kind,
                tenant = ?row.tenant_id,
                attempts = failures,
                error = %error,
                "outgoing e-mail given up on"
            );
            return Ok(Outcome::Failed);
        }
        let delay = self.policy.delay(failures);
        let next = Utc::now() + chrono::Duration::from_std(delay)?;
        queue
            .mark_failed_attempt(row.id, &error.to_string(), next)
            .await?;
        tracing::warn!(
            message = %row.id,
            kind = %row.kind,
            attempts = failures,
            retry_in_seconds = delay.as_secs(),
            error = %error,
            "outgoing e-mail not sent, will retry"
        );
        Ok(Outcome::Retried)
    }
}

#[async_trait]
impl Job for OutboxJob {
    fn name(&self) -> &'static str {
        "mail_outbox"
    }

    fn every(&self) -> Duration {
        self.every
    }

    async fn run(&self, stopping: &Stopping) -> anyhow::Result<()> {
        self.run_until(stopping).await.map(|_| ())
    }

    /// The outbox lease marks work in progress: given back so that another
    /// process sends at once (a message cut mid-send goes again with its
    /// `Message-ID`).
    async fn release(&self) -> anyhow::Result<()> {
        self.store
            .leases()
            .release(LEASE_NAME, &self.holder)
            .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delay_doubles_from_the_base_up_to_the_cap() {
        let policy = RetryPolicy {
            max_attempts: 8,
            base: Duration::from_secs(30),
            cap: Duration::from_secs(3600),
        };
        let delays: Vec<u64> = (1..=9).map(|n| policy.delay(n).as_secs()).collect();
        assert_eq!(delays, [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
        assert_eq!(policy.delay(200).as_secs(), 3600);
    }
}
