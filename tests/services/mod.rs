//! Real services for the tests, started or reached on loopback.
//!
//! - `postgres`: a fresh database per test on the PostgreSQL server at
//!   127.0.0.1:5432 (`scripts/ensure-postgres.sh` makes sure it runs).
//! - `garage`: one Garage (S3) server per test binary, started on first use
//!   on free loopback ports, and a fresh bucket per test.
//! - `maildev`: one MailDev (SMTP with an HTTP API) per test, on free
//!   loopback ports, stoppable and restartable.
//! - `cas`: one django-cas-server per test, on a free loopback port, with
//!   the test accounts and service patterns the test gives.
//!
//! - `relais`: `relais serve` as a process (signals, several replicas).
//!
//! A browser (Chromium) joins here with the issue that needs it.

pub mod cas;
pub mod garage;
pub mod maildev;
pub mod postgres;
pub mod relais;

use std::io::Write;

/// Says that the running test is skipped because `reason` (a service is
/// absent): printed, and appended to the file `RELAIS_TEST_SKIPS` names
/// (one line per test, its name first) so that `scripts/run-tests.sh`
/// counts it skipped, not passed. Under `CI=true` the services never skip:
/// their absence fails the test before this is called.
pub fn skip(reason: &str) {
    let current = std::thread::current();
    let test = current.name().unwrap_or("(unnamed)");
    println!("SKIPPED ({reason}): {test}");
    if let Ok(path) = std::env::var("RELAIS_TEST_SKIPS") {
        let written = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .and_then(|mut file| writeln!(file, "{test}\t{reason}"));
        if let Err(err) = written {
            eprintln!("the skip of {test} could not be recorded in {path}: {err}");
        }
    }
}
