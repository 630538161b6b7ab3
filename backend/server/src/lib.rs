//! The `relais` server: configuration, HTTP application, jobs, object storage
//! and mail plumbing, command line.

pub mod bootstrap;
pub mod cas_checks;
pub mod cli;
pub mod config;
pub mod console;
mod demo_bases;
mod demo_exports;
mod demo_models;
pub mod error;
pub mod events;
pub mod file_storage;
mod graphql_http;
pub mod jobs;
pub mod keys;
pub mod mail;
pub mod metrics;
pub mod model_feeds;
pub mod model_refresh;
pub mod readiness;
mod routes;
pub mod security_headers;
pub mod shutdown;
pub mod startup;

pub mod telemetry;

pub use config::Settings;
pub use startup::{Application, BuildOptions};
