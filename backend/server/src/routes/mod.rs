//! HTTP routes.

mod graphql;
mod health;
mod metrics;

pub use graphql::{graphiql, graphql};
pub use health::{healthz, readyz};
pub use metrics::metrics;
