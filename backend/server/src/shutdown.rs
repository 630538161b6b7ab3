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

/// The process's stop signals, watched from the moment this is built.
///
/// Built before the HTTP server starts answering: a SIGTERM sent as soon as
/// `/readyz` said 200 must drain, not kill the process with the signal's
/// default action (which is what happened when the handlers were installed
/// only once the scheduler had started).
pub struct StopSignals {
    #[cfg(unix)]
    terminate: Option<tokio::signal::unix::Signal>,
    #[cfg(unix)]
    interrupt: Option<tokio::signal::unix::Signal>,
    watched: bool,
}

impl StopSignals {
    /// Installs the SIGTERM / SIGINT handlers now when `signals` (the
    /// `relais` command); embedded servers such as the tests' leave the
    /// process's signals alone.
    pub fn watch(signals: bool) -> Self {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            let install = |kind: SignalKind, name: &str| {
                if !signals {
                    return None;
                }
                signal(kind)
                    .inspect_err(|error| tracing::warn!(error = %error, "{name} cannot be watched"))
                    .ok()
            };
            Self {
                terminate: install(SignalKind::terminate(), "SIGTERM"),
                interrupt: install(SignalKind::interrupt(), "SIGINT"),
                watched: signals,
            }
        }
        #[cfg(not(unix))]
        {
            Self { watched: signals }
        }
    }

    /// Waits for a reason to stop: the trigger, and the signals watched.
    pub async fn stop_requested(self, trigger: &ShutdownTrigger) -> StopReason {
        if !self.watched {
            trigger.requested().await;
            return StopReason::Requested;
        }
        #[cfg(unix)]
        let (terminated, interrupted) = (received(self.terminate), received(self.interrupt));
        #[cfg(not(unix))]
        let (terminated, interrupted) = (std::future::pending::<()>(), ctrl_c());
        tokio::select! {
            _ = trigger.requested() => StopReason::Requested,
            _ = terminated => StopReason::Terminate,
            _ = interrupted => StopReason::Interrupt,
        }
    }
}

/// Resolves when the signal arrives; never when it could not be watched.
#[cfg(unix)]
async fn received(stream: Option<tokio::signal::unix::Signal>) {
    match stream {
        Some(mut stream) => {
            stream.recv().await;
        }
        None => std::future::pending().await,
    }
}

#[cfg(not(unix))]
async fn ctrl_c() {
    if let Err(error) = tokio::signal::ctrl_c().await {
        tracing::warn!(error = %error, "SIGINT cannot be watched");
        std::future::pending::<()>().await;
    }
}
