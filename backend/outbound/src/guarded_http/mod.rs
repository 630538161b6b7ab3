//! Fetching model feeds registered by URL (issue 4, « A fetch »).
//!
//! A feed address is typed by a person, so the fetch treats it as hostile:
//!
//! - only `https` (plain `http` only when the server's configuration says
//!   so, `models.allow_http`, for test platforms: never a tenant's choice),
//!   and no credentials in the address;
//! - the host is resolved here and every address is checked
//!   ([`is_refused_address`], then the configured allowance); the request is
//!   then made to exactly the checked addresses (the client gets them as DNS
//!   overrides and has a resolver that refuses every other name), so a second
//!   DNS answer cannot slip another address in between the check and the
//!   connection;
//! - redirects are followed here, at most [`FetchPolicy::max_redirects`],
//!   and each target is checked like the first address;
//! - one deadline covers the whole fetch (resolution, redirects, body), and
//!   the body is read chunk by chunk and refused past
//!   [`FetchPolicy::max_bytes`], so memory stays bounded whatever the server
//!   sends.
//!
//! The cloud metadata addresses (169.254.169.254, fd00:ec2::254) are refused
//! even when the allowance would let them through: no feed lives there, and
//! what does live there is credentials.
//!
//! What a tenant is told about a failed fetch (the stored `lastError`, the
//! CAS check steps) is [`FetchError::public_message`]: refused, unreachable,
//! timed out or bad answer, never the resolved address, the status or the
//! transport's words (issue 13, item 6: they made a port scanner).
//!
//! The parts: `error` (what a failed fetch tells), `fetcher` (the fetch,
//! its checks, redirects and bounded body, and the pinned clients of the
//! CAS checks), `addresses` (the refused address ranges).

mod addresses;
mod error;
mod fetcher;

use std::time::Duration;

use ipnet::IpNet;

pub use addresses::is_refused_address;
pub use error::FetchError;
pub use fetcher::{GuardedHttpClient, is_redirect};

/// ASCII only: header values outside ASCII are obs-text (RFC 9110 §5.5),
/// which servers and proxies may refuse or mangle.
const USER_AGENT: &str = concat!(
    "Relais/",
    env!("CARGO_PKG_VERSION"),
    " (CAS configuration models feed)"
);

/// Limits of one fetch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchPolicy {
    /// The whole fetch: resolution, every redirect and the body.
    pub timeout: Duration,
    /// Largest body accepted, in bytes; the body is refused past it.
    pub max_bytes: usize,
    /// Redirects followed before giving up.
    pub max_redirects: usize,
    /// Addresses in these networks are accepted even when
    /// [`is_refused_address`] refuses them (a feed server on the private
    /// network, by configuration). Cloud metadata addresses stay refused.
    pub allowed_networks: Vec<IpNet>,
    /// Accept plain `http` addresses (test platforms only; the platform
    /// operator's configuration, never a tenant's input).
    pub allow_http: bool,
}

impl Default for FetchPolicy {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(20),
            max_bytes: 20 * 1024 * 1024,
            max_redirects: 3,
            allowed_networks: Vec::new(),
            allow_http: false,
        }
    }
}

/// Validators of the copy already held, for a conditional GET.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Conditional {
    /// Sent as `If-None-Match`.
    pub etag: Option<String>,
    /// Sent as `If-Modified-Since`.
    pub last_modified: Option<String>,
}

/// What a successful fetch brought back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchOutcome {
    /// HTTP 304: the copy held is current.
    NotModified,
    /// A 2xx answer, with the validators to send next time.
    Fetched {
        body: Vec<u8>,
        etag: Option<String>,
        last_modified: Option<String>,
    },
}

#[cfg(test)]
mod tests;
