//! Test support for Relais: the service harness that the end-to-end tests in
//! `api/` start real services with.

pub mod services;
