//! The GraphQL API of Relais: one file per domain object under `query/`,
//! `mutation/` and `objects/`, roots merged with `MergedObject`.
//!
//! Resolvers never filter by tenant: they ask the request context for the
//! caller's scoped repositories (`ContextExt::scoped`), and every error goes
//! through `ApiError`, the one place that maps errors to `extensions.code`.

pub mod account_mail;
pub mod admission;
pub mod auth;
pub mod cas_check;
mod cas_check_service;
pub mod cas_registry_service;
mod context;
pub mod cost;
mod error;
pub mod error_catalog;
mod exchange_service;
pub mod feed_fetch;
pub mod fiche;
pub mod fiche_page;
pub mod file_vault;
pub mod guard;
mod import;
pub mod live;
mod loaders;
pub mod mail;
mod matching_service;
pub mod model_mail;
mod model_schema_service;
pub mod model_service;
mod mutation;
mod objects;
mod pagination;
mod query;
mod schema;
mod ticket_mail;
mod ticket_service;
mod upload;
pub mod xsd_check;

pub use context::{RequestAuth, RequestContext};
pub use error::{ApiError, ErrorCode};
pub use mail::MailLinks;
pub use schema::{AppSchema, Deps, schema_builder, sdl};
pub use upload::safe_file_name;
