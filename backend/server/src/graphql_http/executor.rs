//! The runtime of the expensive documents (issue 13, tenant isolation).
//!
//! Light requests (`me`, pages, one base) run on the process's main
//! runtime; documents that ask for a whole-tenant field
//! (`relais_api::guard::asks_expensive`) run on this one, with fewer
//! threads (`graphql.expensive.threads`, half the cores by default). An
//! export or a 1,000-row page then holds one of these threads while it
//! computes, never a thread a light request of another tenant waits for:
//! the kernel shares the cores between the two runtimes' threads, and
//! this runtime's threads run in Linux's idle scheduling class
//! (`graphql.expensive.idle`, `SCHED_IDLE`) or at a lower priority
//! (`graphql.expensive.nice`) so that a light request's thread gets a busy
//! core first. A nice value only weighs the share of the core: the
//! scheduler still lets the running export finish its time slice (a few
//! milliseconds) before a woken light request runs. A thread of the idle
//! class is preempted as soon as any other thread wakes on its core
//! (docs/performance.md, issue 13, sixth pass). Threads these threads
//! start (SQLite's connection workers) inherit the class.

use tokio::runtime::{Builder, Handle, Runtime};

/// Owns the runtime; dropping it stops the runtime without waiting (its
/// requests have ended by then: the HTTP server drains first).
pub struct ExpensiveRuntime {
    runtime: Option<Runtime>,
    handle: Handle,
}

impl ExpensiveRuntime {
    pub fn start(threads: usize, priority: Priority) -> std::io::Result<Self> {
        let runtime = Builder::new_multi_thread()
            .worker_threads(threads.max(1))
            .thread_name("relais-expensive")
            .on_thread_start(move || priority.apply())
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

/// How the runtime's threads yield the cores to light requests.
#[derive(Debug, Clone, Copy)]
pub struct Priority {
    /// `SCHED_IDLE` (`graphql.expensive.idle`).
    pub idle: bool,
    /// Added to the nice value when the idle class is off or refused.
    pub nice: i32,
}

impl Priority {
    /// The caller's class and nice value, kept.
    pub const UNCHANGED: Self = Self {
        idle: false,
        nice: 0,
    };

    /// Applies to the calling thread. Entering the idle class needs no
    /// privilege on Linux; where it is refused, the nice value is raised
    /// instead. A failure costs only the priority: it is logged, never
    /// fatal.
    fn apply(self) {
        if self.idle {
            use thread_priority::{
                NormalThreadSchedulePolicy, ThreadPriority, ThreadSchedulePolicy,
                set_thread_priority_and_policy, thread_native_id,
            };
            let idle = ThreadSchedulePolicy::Normal(NormalThreadSchedulePolicy::Idle);
            let set = set_thread_priority_and_policy(thread_native_id(), ThreadPriority::Min, idle);
            // The crate then resets the thread's nice value to 0, which an
            // unprivileged process started niced may not do: the class is
            // what counts (the nice value means nothing in it).
            if set.is_ok() || thread_priority::thread_schedule_policy().is_ok_and(|p| p == idle) {
                return;
            }
            tracing::warn!(
                error = ?set.err(),
                "could not move an expensive request thread to the idle scheduling class"
            );
        }
        lower_priority(self.nice.clamp(0, 19));
    }
}

/// Raises the calling thread's nice value by `nice`. On Linux the nice
/// value belongs to the thread, so `setpriority(PRIO_PROCESS, 0)` changes
/// this thread only; raising it needs no privilege.
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
        let runtime = ExpensiveRuntime::start(1, Priority::UNCHANGED).unwrap();
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
        let runtime = ExpensiveRuntime::start(
            1,
            Priority {
                idle: false,
                nice: 7,
            },
        )
        .unwrap();
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

    #[tokio::test]
    async fn its_threads_and_the_threads_they_start_run_in_the_idle_class() {
        use thread_priority::{NormalThreadSchedulePolicy, ThreadSchedulePolicy};
        let idle = ThreadSchedulePolicy::Normal(NormalThreadSchedulePolicy::Idle);
        let runtime = ExpensiveRuntime::start(
            1,
            Priority {
                idle: true,
                nice: 10,
            },
        )
        .unwrap();
        let (theirs, started) = runtime
            .handle()
            .spawn(async {
                let started = std::thread::spawn(thread_priority::thread_schedule_policy)
                    .join()
                    .unwrap();
                (thread_priority::thread_schedule_policy(), started)
            })
            .await
            .unwrap();
        assert_eq!(theirs.unwrap(), idle);
        assert_eq!(started.unwrap(), idle);
        // The caller's class is unchanged.
        assert_ne!(thread_priority::thread_schedule_policy().unwrap(), idle);
        drop(runtime);
    }
}
