//! A fresh PostgreSQL database per test, named by UUID, dropped afterwards.

use sea_orm::{ConnectionTrait, Database};

/// The server the tests use; `RELAIS_TEST_POSTGRES_URL` overrides it.
pub fn admin_url() -> String {
    std::env::var("RELAIS_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

/// Whether PostgreSQL tests are skipped: only when `make test` found no
/// server outside CI and said so loudly (`RELAIS_TEST_SKIP_POSTGRES=1`).
pub fn skipped() -> bool {
    std::env::var("RELAIS_TEST_SKIP_POSTGRES").is_ok_and(|v| v == "1")
        && std::env::var("CI").map_or(true, |v| v != "true")
}

/// A database that exists for one test.
pub struct TestDatabase {
    pub name: String,
    pub url: String,
}

impl TestDatabase {
    /// Creates `relais_test_<uuid>`. Fails loudly when the server is
    /// unreachable: skipping is decided before, by `skipped()`.
    pub async fn create() -> Result<Self, String> {
        let admin = admin_url();
        let name = format!("relais_test_{}", uuid::Uuid::new_v4().simple());
        let db = Database::connect(&admin).await.map_err(|err| {
            format!("PostgreSQL injoignable à {admin} ({err}) : lancez `make test`, qui le démarre, ou définissez RELAIS_TEST_POSTGRES_URL")
        })?;
        db.execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
            .await
            .map_err(|err| err.to_string())?;
        let _ = db.close().await;
        let base = admin
            .rsplit_once('/')
            .map(|(base, _)| base.to_owned())
            .unwrap_or(admin);
        Ok(Self {
            url: format!("{base}/{name}"),
            name,
        })
    }
}

impl Drop for TestDatabase {
    /// Drops the database on a thread of its own (Drop cannot await), forcing
    /// out the connections the test left open.
    fn drop(&mut self) {
        let name = self.name.clone();
        let admin = admin_url();
        let dropped = std::thread::spawn(move || {
            let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                return;
            };
            runtime.block_on(async move {
                if let Ok(db) = Database::connect(&admin).await {
                    let _ = db
                        .execute_unprepared(&format!(
                            "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
                        ))
                        .await;
                    let _ = db.close().await;
                }
            });
        });
        let _ = dropped.join();
    }
}
