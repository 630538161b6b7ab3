//! The runtime of the expensive documents (issue 13, tenant isolation).
//!
//! Light requests (`me`, pages, one base) run on the process's main
//! runtime; documents that ask for a whole-tenant field
//! (`relais_api::guard::asks_expensive`) run on this one, with fewer
//! threads (`graphql.expensive.threads`, half the cores by default). An
//! export or a 1,000-row page then holds one of these threads while it
//! computes, never a thread a light request of another tenant waits for:
//! the kernel shares the cores between the two runtimes' threads.

use tokio::runtime::{Builder, Handle, Runtime};

/// Owns the runtime; dropping it stops the runtime without waiting (its
/// requests have ended by then: the HTTP server drains first).
pub struct ExpensiveRuntime {
    runtime: Option<Runtime>,
    handle: Handle,
}

impl ExpensiveRuntime {
    pub fn start(threads: usize) -> std::io::Result<Self> {
        let runtime = Builder::new_multi_thread()
            .worker_threads(threads.max(1))
            .thread_name("relais-expensive")
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
        let runtime = ExpensiveRuntime::start(1).unwrap();
        let name = runtime
            .handle()
            .spawn(async { std::thread::current().name().map(str::to_owned) })
            .await
            .unwrap();
        assert_eq!(name.as_deref(), Some("relais-expensive"));
        drop(runtime);
    }
}
