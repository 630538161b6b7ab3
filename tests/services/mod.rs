//! Real services for the tests, started or reached on loopback.
//!
//! - `postgres`: a fresh database per test on the PostgreSQL server at
//!   127.0.0.1:5432 (`scripts/ensure-postgres.sh` makes sure it runs).
//!
//! S3 (Garage), SMTP (MailDev), CAS (django-cas-server) and a browser
//! (Chromium) join here with the issues that need them.

pub mod postgres;
