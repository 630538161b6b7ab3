//! The GraphQL API of Relais: one file per domain object under `query/`,
//! `mutation/` and `objects/`, roots merged with `MergedObject`.
//!
//! Resolvers never filter by tenant: they ask the request context for the
//! caller's scoped repositories (`ContextExt::scoped`), and every error goes
//! through `ApiError`, the one place that maps errors to `extensions.code`.

pub mod auth;
mod context;
mod error;
pub mod feed_fetch;
pub mod fiche;
pub mod fiche_page;
mod import;
mod loaders;
pub mod model_service;
mod mutation;
mod objects;
mod pagination;
mod query;
mod schema;

pub use context::{RequestAuth, RequestContext};
pub use error::{ApiError, ErrorCode};
pub use schema::{AppSchema, Deps, schema_builder, sdl};
