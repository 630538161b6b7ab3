//! Relais' use cases, between the GraphQL API (and the HTTP routes) and the
//! store: each takes the caller's scope (`relais_store::Scoped`), checks
//! what the domain asks, reads and writes through the store's
//! repositories, queues its e-mails in the outbox and calls other servers
//! through `relais-outbound`. They answer [`AppError`]; `relais-api` turns
//! it into a GraphQL error at its edge, the routes into an HTTP status.
//!
//! Nothing here knows GraphQL: a use case can be called by a resolver, a
//! route (`/fiche`, `/files`), a scheduled job or the command line alike.

pub mod account_mail;
pub mod auth;
pub mod cas_check_service;
pub mod cas_registry_service;
pub mod diagnostics;
mod error;
pub mod exchange_service;
pub mod fiche;
pub mod fiche_page;
pub mod file_vault;
pub mod import;
pub mod mail;
pub mod matching_service;
pub mod model_mail;
pub mod model_schema_service;
pub mod model_service;
pub mod ticket_mail;
pub mod ticket_service;
pub mod xsd_check;

pub use error::{AppError, ErrorCode};
pub use mail::MailLinks;
