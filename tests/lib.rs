//! Test support for Relais: the service harness that the end-to-end tests in
//! `api/` start real services with.
#![allow(
    clippy::indexing_slicing,
    reason = "the test harness (services started for the tests)"
)]
// The harness talks to its own loopback services with plain HTTP clients.
#![allow(clippy::disallowed_methods)]

pub mod services;
