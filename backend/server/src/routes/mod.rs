//! HTTP routes.

mod fiche;
mod graphql;
mod health;
mod metrics;

pub use fiche::fiche;
pub use graphql::{graphiql, graphql};
pub use health::{healthz, readyz};
pub use metrics::metrics;
