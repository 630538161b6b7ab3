//! Real services for the tests, started or reached on loopback.
//!
//! - `postgres`: a fresh database per test on the PostgreSQL server at
//!   127.0.0.1:5432 (`scripts/ensure-postgres.sh` makes sure it runs).
//! - `garage`: one Garage (S3) server per test binary, started on first use
//!   on free loopback ports, and a fresh bucket per test.
//! - `maildev`: one MailDev (SMTP with an HTTP API) per test, on free
//!   loopback ports, stoppable and restartable.
//!
//! CAS (django-cas-server) and a browser (Chromium) join here with the issues that need them.

pub mod garage;
pub mod maildev;
pub mod postgres;
