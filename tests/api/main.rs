//! End-to-end tests of Relais: one binary, a real server on port 0 and a
//! fresh database per test. Each scenario runs on SQLite and on PostgreSQL
//! (`on_both_databases!`).
#![allow(
    clippy::indexing_slicing,
    reason = "tests: a wrong index fails the test"
)]
// The tests talk to their own loopback servers with plain HTTP clients.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::disallowed_methods
)]

#[macro_use]
mod helpers;

mod attacks;
mod auth;
mod bases;
mod cas_checks;
mod cas_registry;
mod cites;
mod cluster;
mod console;
mod dashboard;
mod db_sockets;
mod demo;
mod ent_models;
mod errors;
mod establishments;
mod exports;
mod fiche;
mod health;
mod journal;
mod key_rotation;
mod leases;
mod live;
mod mail;
mod matching;
mod model_history;
mod models;
mod operations;
mod rentree;
mod replicas;
mod restore;
mod schema;
mod shutdown;
mod storage;
mod tenancy;
mod ticket_queue;
mod tickets;
mod typed;
mod upgrades;
mod use_cases;
mod validation;
