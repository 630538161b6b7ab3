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
