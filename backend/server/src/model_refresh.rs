//! The scheduled refresh of model feeds (issue 4): every minute
//! (tokio-cron-scheduler), each feed
//! source whose cron (Europe/Paris) fell due since its last fetch is
//! refreshed — once across all processes sharing the database, thanks to a
//! lease per source and per run.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use chrono_tz::Europe::Paris;
use croner::Cron;
use relais_app::MailLinks;
use relais_app::model_service::refresh_source;
use relais_outbound::guarded_http::GuardedHttpClient;
use relais_store::{Caller, ModelSource, Store};

use crate::metrics::JobMetrics;
use crate::readiness::Readiness;
use tokio_cron_scheduler::{Job, JobScheduler, JobSchedulerError};

/// When the due sources are looked for: every `seconds` (a divisor of 60:
/// `jobs.model_refresh_tick_seconds`), at second 0 by default.
pub fn tick_cron(seconds: u32) -> Result<String, String> {
    match seconds {
        60 => Ok("0 * * * * *".to_owned()),
        1..60 if 60 % seconds == 0 => Ok(format!("*/{seconds} * * * * *")),
        _ => Err(format!(
            "jobs.model_refresh_tick_seconds doit diviser 60 (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 ou 60), pas {seconds}."
        )),
    }
}

/// How long a process keeps a source's lease: longer than a fetch may take.
const LEASE: chrono::Duration = chrono::Duration::minutes(5);

pub struct RefreshModelFeeds {
    pub store: Store,
    pub fetcher: GuardedHttpClient,
    /// The public URL the e-mails of pending updates link to.
    pub links: MailLinks,
    /// The period of a tick: each is taken by one process per source.
    tick_seconds: i64,
    /// This process, in lease rows.
    pub holder: String,
    /// Held by a tick while it runs: a tick never overlaps the previous one,
    /// and shutdown waits for the one in progress.
    running: tokio::sync::Mutex<()>,
    stopping: std::sync::atomic::AtomicBool,
}

impl RefreshModelFeeds {
    pub fn new(store: Store, fetcher: GuardedHttpClient, links: MailLinks) -> Arc<Self> {
        Self::with_tick(store, fetcher, links, 60)
    }

    /// Ticks every `tick_seconds` (checked by [`tick_cron`]).
    pub fn with_tick(
        store: Store,
        fetcher: GuardedHttpClient,
        links: MailLinks,
        tick_seconds: u32,
    ) -> Arc<Self> {
        Arc::new(Self {
            store,
            fetcher,
            links,
            tick_seconds: i64::from(tick_seconds.max(1)),
            holder: format!("relais-{}", uuid::Uuid::now_v7()),
            running: tokio::sync::Mutex::new(()),
            stopping: std::sync::atomic::AtomicBool::new(false),
        })
    }

    /// Shutdown: no new source is refreshed; waits for the source being
    /// refreshed, if any. Its lease stays: it marks that minute's run as
    /// taken, and the next minute's tick on another replica refreshes what
    /// was left (the sources are still due).
    pub async fn finish(&self) {
        self.stopping
            .store(true, std::sync::atomic::Ordering::SeqCst);
        let _idle = self.running.lock().await;
    }

    /// One tick: refreshes the sources that are due. Answers how many this
    /// process refreshed.
    pub async fn tick(&self, now: DateTime<Utc>) -> anyhow::Result<usize> {
        let Ok(_running) = self.running.try_lock() else {
            tracing::warn!("previous model feed refresh still running: tick skipped");
            return Ok(0);
        };
        let caller = Caller::command_line();
        let scoped = self.store.scoped(&caller);
        let mut refreshed = 0;
        for source in scoped.models().feed_sources().await? {
            if self.stopping.load(std::sync::atomic::Ordering::SeqCst) {
                break;
            }
            if !is_due(&source, now) {
                continue;
            }
            let lease = format!(
                "model-feed:{}:{}",
                source.id,
                now.timestamp() / self.tick_seconds
            );
            if !self
                .store
                .leases()
                .acquire(&lease, &self.holder, LEASE)
                .await?
            {
                continue;
            }
            // Another process may have refreshed it since the list was read.
            if !is_due(&scoped.models().source(source.id).await?, now) {
                continue;
            }
            match refresh_source(scoped, &self.links, &self.fetcher, source.id).await {
                Ok(report) => tracing::info!(
                    source = %source.id,
                    new_version = report.new_version,
                    changed = report.changed.len(),
                    bases_with_pending_update = report.bases_with_pending_update,
                    "model feed refreshed"
                ),
                Err(error) => {
                    tracing::warn!(source = %source.id, error = %error.message, "model feed refresh failed")
                }
            }
            refreshed += 1;
        }
        Ok(refreshed)
    }
}

/// Whether the source's cron has an occurrence between its last fetch (or
/// its creation) and `now`, in Europe/Paris.
pub fn is_due(source: &ModelSource, now: DateTime<Utc>) -> bool {
    let Some(pattern) = source.kind.cron() else {
        return false;
    };
    let Ok(cron) = Cron::new(pattern).with_seconds_required().parse() else {
        tracing::warn!(source = %source.id, cron = pattern, "invalid cron expression");
        return false;
    };
    let since = source.last_fetched_at.unwrap_or(source.created_at);
    cron.find_next_occurrence(&since.with_timezone(&Paris), false)
        .is_ok_and(|next| next.with_timezone(&Utc) <= now)
}

/// Runs [`RefreshModelFeeds::tick`] at second 0 of every minute with
/// tokio-cron-scheduler, while the database schema is current. Stop it with
/// `shutdown()`, then [`RefreshModelFeeds::finish`].
pub async fn schedule(
    refresh: Arc<RefreshModelFeeds>,
    readiness: Arc<Readiness>,
    metrics: Option<JobMetrics>,
) -> Result<JobScheduler, JobSchedulerError> {
    let scheduler = JobScheduler::new().await?;
    let cron = tick_cron(refresh.tick_seconds as u32).unwrap_or_else(|_| "0 * * * * *".to_owned());
    scheduler
        .add(Job::new_async(cron.as_str(), move |_job, _scheduler| {
            let refresh = refresh.clone();
            let readiness = readiness.clone();
            let metrics = metrics.clone();
            Box::pin(async move {
                if !readiness.schema_current() || readiness.draining() {
                    return;
                }
                let outcome = refresh.tick(Utc::now()).await;
                if let Some(metrics) = &metrics {
                    metrics.record("refresh_model_feeds", outcome.is_ok());
                }
                if let Err(error) = outcome {
                    tracing::error!(job = "refresh_model_feeds", error = %error, "job failed");
                }
            })
        })?)
        .await?;
    scheduler.start().await?;
    Ok(scheduler)
}
