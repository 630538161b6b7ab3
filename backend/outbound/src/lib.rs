//! What Relais asks of other servers: the guarded HTTP client that every
//! outbound request goes through (model feeds, CAS checks: the SSRF rules
//! of docs/domain.md are applied there and only there, `clippy.toml`
//! forbids building another client), and the CAS conversation of a live
//! check (a login as a browser would, then the ticket's validation).
//!
//! Nothing here knows about tenants, GraphQL or the database: callers
//! (`relais-app`'s use cases) decide what to fetch and record the outcome.

pub mod cas_check;
pub mod guarded_http;
