//! The job runner: periodic work beside the HTTP server, in the same process.
//!
//! Today it purges expired sessions; the mail outbox plugs in here. The
//! models-feed refresh runs on tokio-cron-scheduler (`model_refresh`).

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use chrono::Utc;
use relais_store::Store;
use tokio::sync::watch;
use tokio::task::JoinSet;

/// A unit of periodic work.
#[async_trait]
pub trait Job: Send + Sync {
    fn name(&self) -> &'static str;
    fn every(&self) -> Duration;
    /// One run. Errors are logged; the next tick runs again.
    async fn run(&self) -> anyhow::Result<()>;
}

/// Deletes refresh tokens that expired or were revoked long ago.
pub struct PurgeExpiredSessions {
    pub store: Store,
    pub every: Duration,
}

#[async_trait]
impl Job for PurgeExpiredSessions {
    fn name(&self) -> &'static str {
        "purge_expired_sessions"
    }

    fn every(&self) -> Duration {
        self.every
    }

    async fn run(&self) -> anyhow::Result<()> {
        let deleted = self
            .store
            .credentials()
            .purge_expired_sessions(Utc::now())
            .await?;
        tracing::info!(deleted, "expired sessions purged");
        Ok(())
    }
}

/// Runs jobs until told to stop.
pub struct JobRunner {
    jobs: Vec<Arc<dyn Job>>,
}

impl JobRunner {
    pub fn new(jobs: Vec<Arc<dyn Job>>) -> Self {
        Self { jobs }
    }

    /// Ticks every job on its own interval until `stop` turns true.
    pub async fn run(self, stop: watch::Receiver<bool>) {
        let mut tasks = JoinSet::new();
        for job in self.jobs {
            let mut stop = stop.clone();
            tasks.spawn(async move {
                let mut ticker = tokio::time::interval(job.every());
                ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
                loop {
                    tokio::select! {
                        _ = ticker.tick() => {
                            if let Err(err) = job.run().await {
                                tracing::error!(job = job.name(), error = %err, "job failed");
                            }
                        }
                        changed = stop.changed() => {
                            if changed.is_err() || *stop.borrow() {
                                break;
                            }
                        }
                    }
                }
            });
        }
        while tasks.join_next().await.is_some() {}
    }
}
