//! The job runner: periodic work beside the HTTP server, in the same process.
//!
//! Jobs purge expired sessions, housekeep stored files and send the mail
//! outbox; the models-feed refresh runs on tokio-cron-scheduler
//! (`model_refresh`). Work that must happen once across processes takes a
//! lease in `job_leases`.
//!
//! Shutdown (docs/operations.md, "Graceful shutdown"): the runner is told to
//! stop, no job starts a new run, a run in progress is told through
//! [`Stopping`] and may finish its current step; runs still going when the
//! time is up are abandoned, and every job then gives back the leases it
//! holds ([`Job::release`]).

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use chrono::Utc;
use relais_store::Store;
use tokio::sync::watch;
use tokio::task::JoinSet;

use crate::metrics::JobMetrics;
use crate::readiness::Readiness;

/// A unit of periodic work.
#[async_trait]
pub trait Job: Send + Sync {
    fn name(&self) -> &'static str;
    fn every(&self) -> Duration;
    /// One run. Errors are logged; the next tick runs again. A long run
    /// checks `stopping` between its steps and returns early once it is set.
    async fn run(&self, stopping: &Stopping) -> anyhow::Result<()>;
    /// Gives back the leases this process holds for the job, so that another
    /// process may take over at once rather than when they expire. Called
    /// once the runner stopped, whether the last run finished or was
    /// abandoned. Leases that mark a period as done (not work in progress)
    /// are kept: giving them back would let another process run the same
    /// period again.
    async fn release(&self) -> anyhow::Result<()> {
        Ok(())
    }
}

/// Tells a running job that the process is shutting down.
#[derive(Debug, Clone)]
pub struct Stopping(watch::Receiver<bool>);

impl Stopping {
    pub fn new(receiver: watch::Receiver<bool>) -> Self {
        Self(receiver)
    }

    /// A signal that never comes (a run called by hand, tests, benchmarks).
    pub fn never() -> Self {
        Self(watch::channel(false).1)
    }

    pub fn requested(&self) -> bool {
        *self.0.borrow()
    }

    /// Resolves once shutdown is requested (never, if the sender is gone
    /// without asking).
    pub async fn wait(&mut self) {
        if self.0.wait_for(|stop| *stop).await.is_err() {
            std::future::pending::<()>().await;
        }
    }
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

    async fn run(&self, _stopping: &Stopping) -> anyhow::Result<()> {
        let deleted = self
            .store
            .credentials()
            .purge_expired_sessions(Utc::now())
            .await?;
        tracing::info!(deleted, "expired sessions purged");
        // Login counters idle for a day (windows are minutes long).
        let counters = self.store.login_throttle().purge(24 * 3600 * 1000).await?;
        tracing::info!(deleted = counters, "idle login counters purged");
        // Domain events are read within seconds; a week is kept for
        // investigations.
        let events = self.store.purge_events(7).await?;
        tracing::info!(deleted = events, "old domain events purged");
        Ok(())
    }
}

/// What stopping the runner came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobsStopped {
    /// Jobs whose run was still going when the time was up.
    pub abandoned: Vec<&'static str>,
}

/// Runs jobs until told to stop.
pub struct JobRunner {
    jobs: Vec<Arc<dyn Job>>,
    readiness: Option<Arc<Readiness>>,
    metrics: Option<JobMetrics>,
}

impl JobRunner {
    pub fn new(jobs: Vec<Arc<dyn Job>>) -> Self {
        Self {
            jobs,
            readiness: None,
            metrics: None,
        }
    }

    /// Counts runs in `relais_job_runs_total` and
    /// `relais_job_last_success_timestamp_seconds`.
    pub fn with_metrics(mut self, metrics: JobMetrics) -> Self {
        self.metrics = Some(metrics);
        self
    }

    /// Ticks are skipped while the database schema is behind this binary
    /// (`database.run_migrations = false` before `relais migrate` ran).
    pub fn gated_by(mut self, readiness: Arc<Readiness>) -> Self {
        self.readiness = Some(readiness);
        self
    }

    /// Starts every job on its own interval. Stop it with
    /// [`RunningJobs::stop`].
    pub fn start(self) -> RunningJobs {
        let (stop, stopped) = watch::channel(false);
        let mut tasks = JoinSet::new();
        let busy: Vec<Arc<std::sync::atomic::AtomicBool>> = self
            .jobs
            .iter()
            .map(|_| Arc::new(std::sync::atomic::AtomicBool::new(false)))
            .collect();
        for (job, busy) in self.jobs.iter().cloned().zip(busy.iter().cloned()) {
            let mut stopping = Stopping::new(stopped.clone());
            let readiness = self.readiness.clone();
            let metrics = self.metrics.clone();
            tasks.spawn(async move {
                let mut ticker = tokio::time::interval(job.every());
                ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
                loop {
                    tokio::select! {
                        biased;
                        _ = stopping.wait() => break,
                        _ = ticker.tick() => {}
                    }
                    if readiness.as_ref().is_some_and(|r| !r.schema_current()) {
                        continue;
                    }
                    busy.store(true, std::sync::atomic::Ordering::SeqCst);
                    let outcome = job.run(&stopping).await;
                    if let Some(metrics) = &metrics {
                        metrics.record(job.name(), outcome.is_ok());
                    }
                    if let Err(err) = outcome {
                        tracing::error!(job = job.name(), error = %err, "job failed");
                    }
                    busy.store(false, std::sync::atomic::Ordering::SeqCst);
                }
            });
        }
        RunningJobs {
            jobs: self.jobs,
            busy,
            stop,
            tasks,
        }
    }
}

/// The jobs of a started runner.
pub struct RunningJobs {
    jobs: Vec<Arc<dyn Job>>,
    busy: Vec<Arc<std::sync::atomic::AtomicBool>>,
    stop: watch::Sender<bool>,
    tasks: JoinSet<()>,
}

impl RunningJobs {
    /// Asks every job to stop, waits up to `grace` for the runs in progress,
    /// abandons those still going, then lets every job give back its leases.
    pub async fn stop(mut self, grace: Duration) -> JobsStopped {
        let _ = self.stop.send(true);
        let drained = tokio::time::timeout(grace, async {
            while self.tasks.join_next().await.is_some() {}
        })
        .await;
        let mut abandoned = Vec::new();
        if drained.is_err() {
            for (job, busy) in self.jobs.iter().zip(&self.busy) {
                if busy.load(std::sync::atomic::Ordering::SeqCst) {
                    abandoned.push(job.name());
                }
            }
            self.tasks.abort_all();
            while self.tasks.join_next().await.is_some() {}
            tracing::warn!(
                jobs = ?abandoned,
                grace_seconds = grace.as_secs(),
                "jobs still running when the shutdown time was up: abandoned"
            );
        }
        for job in &self.jobs {
            if let Err(err) = job.release().await {
                tracing::warn!(job = job.name(), error = %err, "lease not given back");
            }
        }
        JobsStopped { abandoned }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    /// A job whose run takes `takes` and checks `stopping` every 10 ms when
    /// `cooperative`.
    struct Slow {
        takes: Duration,
        cooperative: bool,
        finished: AtomicUsize,
        released: AtomicUsize,
        started: tokio::sync::Notify,
    }

    impl Slow {
        fn new(takes: Duration, cooperative: bool) -> Arc<Self> {
            Arc::new(Self {
                takes,
                cooperative,
                finished: AtomicUsize::new(0),
                released: AtomicUsize::new(0),
                started: tokio::sync::Notify::new(),
            })
        }
    }

    #[async_trait]
    impl Job for Slow {
        fn name(&self) -> &'static str {
            "slow"
        }
        fn every(&self) -> Duration {
            Duration::from_secs(3600)
        }
        async fn run(&self, stopping: &Stopping) -> anyhow::Result<()> {
            self.started.notify_one();
            let until = tokio::time::Instant::now() + self.takes;
            while tokio::time::Instant::now() < until {
                if self.cooperative && stopping.requested() {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
            self.finished.fetch_add(1, Ordering::SeqCst);
            Ok(())
        }
        async fn release(&self) -> anyhow::Result<()> {
            self.released.fetch_add(1, Ordering::SeqCst);
            Ok(())
        }
    }

    #[tokio::test]
    async fn a_run_in_progress_finishes_before_the_runner_stops() {
        let job = Slow::new(Duration::from_millis(300), false);
        let running = JobRunner::new(vec![job.clone()]).start();
        job.started.notified().await;

        let stopped = running.stop(Duration::from_secs(30)).await;

        assert_eq!(stopped.abandoned, Vec::<&str>::new());
        assert_eq!(job.finished.load(Ordering::SeqCst), 1);
        assert_eq!(job.released.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn a_run_that_outlasts_the_grace_is_abandoned_and_its_lease_given_back() {
        let job = Slow::new(Duration::from_secs(3600), false);
        let running = JobRunner::new(vec![job.clone()]).start();
        job.started.notified().await;

        let stopped = running.stop(Duration::from_millis(200)).await;

        assert_eq!(stopped.abandoned, vec!["slow"]);
        assert_eq!(job.finished.load(Ordering::SeqCst), 0);
        assert_eq!(job.released.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn runs_are_counted_by_outcome() {
        let metrics = crate::metrics::Metrics::new().unwrap();
        let job = Slow::new(Duration::from_millis(1), false);
        let running = JobRunner::new(vec![job.clone()])
            .with_metrics(metrics.jobs())
            .start();
        job.started.notified().await;

        running.stop(Duration::from_secs(30)).await;

        let text = metrics.render(0);
        assert!(
            text.contains(r#"relais_job_runs_total{job="slow",outcome="ok"} 1"#),
            "{text}"
        );
        assert!(text.contains(r#"relais_job_last_success_timestamp_seconds{job="slow"}"#));
    }

    #[tokio::test]
    async fn a_cooperative_run_returns_early_when_told_to_stop() {
        let job = Slow::new(Duration::from_secs(3600), true);
        let running = JobRunner::new(vec![job.clone()]).start();
        job.started.notified().await;

        let stopped = running.stop(Duration::from_secs(30)).await;

        assert!(stopped.abandoned.is_empty());
        assert_eq!(job.finished.load(Ordering::SeqCst), 1);
    }
}
