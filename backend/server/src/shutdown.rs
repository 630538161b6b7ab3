//! Graceful shutdown (docs/operations.md, "Graceful shutdown").
//!
//! On SIGTERM: `/readyz` answers 503 at once and responses ask clients to
//! close their connection; requests keep being served for
//! `shutdown.drain_seconds`, the time load balancers take to notice; then the
//! listener closes, requests in flight and job runs get
//! `shutdown.timeout_seconds` to finish, jobs give back their leases, and the
//! process exits. Ctrl-C (SIGINT) skips the drain period.

use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tokio::sync::Notify;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ShutdownSettings {
    /// Seconds between SIGTERM (readiness turned off) and closing the
    /// listener, during which requests are still served.
    pub drain_seconds: u64,
    /// Longest wait, once the listener closed, for requests in flight and
    /// job runs; past it they are cut.
    pub timeout_seconds: u64,
}

impl Default for ShutdownSettings {
    fn default() -> Self {
        Self {
            drain_seconds: 5,
            timeout_seconds: 30,
        }
    }
}

impl ShutdownSettings {
    pub fn drain(&self) -> Duration {
        Duration::from_secs(self.drain_seconds)
    }

    pub fn timeout(&self) -> Duration {
        Duration::from_secs(self.timeout_seconds.max(1))
    }
}

/// Why the process stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StopReason {
    /// SIGTERM: the orchestrator replaces or scales down this replica.
    Terminate,
    /// SIGINT (Ctrl-C in a terminal): no drain period.
    Interrupt,
    /// [`ShutdownTrigger::request`] (tests, embedding).
    Requested,
}

impl StopReason {
    pub fn drains(self) -> bool {
        self != StopReason::Interrupt
    }
}

/// Asks a running application to shut down as SIGTERM would.
#[derive(Debug, Clone, Default)]
pub struct ShutdownTrigger(Arc<Notify>);

impl ShutdownTrigger {
    pub fn request(&self) {
        self.0.notify_one();
    }

    async fn requested(&self) {
        self.0.notified().await;
    }
}

/// Waits for a reason to stop: the trigger, and SIGTERM / SIGINT when
/// `signals` (the `relais` command; embedded servers such as the tests'
/// leave the process's signals alone).
pub async fn stop_requested(trigger: &ShutdownTrigger, signals: bool) -> StopReason {
    if !signals {
        trigger.requested().await;
        return StopReason::Requested;
    }
    tokio::select! {
        _ = trigger.requested() => StopReason::Requested,
        _ = terminate() => StopReason::Terminate,
        interrupted = tokio::signal::ctrl_c() => match interrupted {
            Ok(()) => StopReason::Interrupt,
            Err(error) => {
                tracing::warn!(error = %error, "SIGINT cannot be watched");
                std::future::pending().await
            }
        },
    }
}

#[cfg(unix)]
async fn terminate() {
    use tokio::signal::unix::{SignalKind, signal};
    match signal(SignalKind::terminate()) {
        Ok(mut stream) => {
            stream.recv().await;
        }
        Err(error) => {
            tracing::warn!(error = %error, "SIGTERM cannot be watched");
            std::future::pending::<()>().await;
        }
    }
}

#[cfg(not(unix))]
async fn terminate() {
    std::future::pending::<()>().await;
}
