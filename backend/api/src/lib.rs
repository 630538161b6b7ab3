//! The GraphQL API of Relais: one file per domain object under `query/`,
//! `mutation/` and `objects/`, roots merged with `MergedObject`; the
//! request's admission (document guard, cost, expensive permits) and the
//! live events' subscription.
//!
//! Resolvers hold no business rule of their own: they read their
//! arguments, ask the request context for the caller's scoped repositories
//! (`ContextExt::scoped`) or call a use case of `relais-app`, and shape the
//! answer. Every error goes through `ApiError`, the one place that maps
//! errors to `extensions.code`.

pub mod admission;
mod context;
pub mod cost;
mod error;
pub mod error_catalog;
pub mod guard;
pub mod live;
mod loaders;
mod mutation;
mod objects;
mod pacing;
mod pagination;
mod query;
mod schema;
mod upload;

pub use context::{RequestAuth, RequestContext};
pub use error::{ApiError, AppError, ErrorCode};
pub use schema::{AppSchema, Deps, schema_builder, sdl};
