//! Test support for Relais: the service harness that the end-to-end tests in
//! `api/` start real services with.

// The harness talks to its own loopback services with plain HTTP clients.
#![allow(clippy::disallowed_methods)]

pub mod services;
