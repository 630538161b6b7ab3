//! The runtime of the expensive documents (issue 13, tenant isolation).
//!
//! Light requests (`me`, pages, one base) run on the process's main
//! runtime; documents that ask for a whole-tenant field
//! (`relais_api::guard::asks_expensive`) run on this one, with fewer
//! threads (`graphql.expensive.threads`, half the cores by default). An
//! export or a 1,000-row page then holds one of these threads while it
//! computes, never a thread a light request of another tenant waits for:
//! the kernel shares the cores between the two runtimes' threads, and
//! this runtime's threads run at a lower priority (`graphql.expensive.nice`)
//! so that a light request's thread gets a busy core first.

use tokio::runtime::{Builder, Handle, Runtime};

/// Owns the runtime; dropping it stops the runtime without waiting (its
/// requests have ended by then: the HTTP server drains first).
pub struct ExpensiveRuntime {
    runtime: Option<Runtime>,
    handle: Handle,
}

impl ExpensiveRuntime {
    pub fn start(threads: usize, nice: i32) -> std::io::Result<Self> {
        let nice = nice.clamp(0, 19);
        let runtime = Builder::new_multi_thread()
            .worker_threads(threads.max(1))
            .thread_name("relais-expensive")
            .on_thread_start(move || lower_priority(nice))
            .enable_all()
            .build()?;
        let handle = runtime.handle().clone();
        Ok(Self {
            runtime: Some(runtime),
            handle,
        })
    }

    pub fn handle(&self) -> &Handle {
        &self.handle
    }
}

/// Raises the calling thread's nice value by `nice`. On Linux the nice
/// value belongs to the thread, so `setpriority(PRIO_PROCESS, 0)` changes
/// this thread only; raising it needs no privilege. A failure costs only
/// the priority: it is logged, never fatal.
fn lower_priority(nice: i32) {
    if nice == 0 {
        return;
    }
    let current = rustix::process::getpriority_process(None).unwrap_or(0);
    if let Err(error) = rustix::process::setpriority_process(None, current.saturating_add(nice)) {
        tracing::warn!(%error, "could not lower the priority of an expensive request thread");
    }
}

impl Drop for ExpensiveRuntime {
    fn drop(&mut self) {
        // `Runtime`'s own drop blocks, which panics inside another runtime.
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn runs_work_on_its_own_threads_and_drops_inside_a_runtime() {
        let runtime = ExpensiveRuntime::start(1, 0).unwrap();
        let name = runtime
            .handle()
            .spawn(async { std::thread::current().name().map(str::to_owned) })
            .await
            .unwrap();
        assert_eq!(name.as_deref(), Some("relais-expensive"));
        drop(runtime);
    }

    #[tokio::test]
    async fn its_threads_run_at_a_lower_priority_than_the_callers() {
        let own = rustix::process::getpriority_process(None).unwrap();
        let runtime = ExpensiveRuntime::start(1, 7).unwrap();
        let theirs = runtime
            .handle()
            .spawn(async { rustix::process::getpriority_process(None).unwrap() })
            .await
            .unwrap();
        // The nice value is per thread: the caller's is unchanged.
        assert_eq!(rustix::process::getpriority_process(None).unwrap(), own);
        assert_eq!(theirs, (own + 7).min(19));
        drop(runtime);
    }
}
