//! Model feeds: how they are fetched (configuration `[models]`), and the
//! fetcher handed to the API.

use std::time::Duration;

use relais_outbound::guarded_http::{FetchPolicy, GuardedHttpClient};
use serde::{Deserialize, Serialize};

use crate::error::ServerError;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ModelFeedSettings {
    /// Seconds a whole fetch may take.
    pub fetch_timeout_seconds: u64,
    /// Larger feeds are refused.
    pub max_feed_bytes: usize,
    /// Networks (CIDR) feeds may be fetched from although they are loopback,
    /// private or link-local, e.g. `["10.20.0.0/16"]` for an integrator on an
    /// internal network, `["127.0.0.0/8"]` on a test platform. Empty by
    /// default (SSRF protection).
    pub allowed_networks: Vec<String>,
    /// Accept plain `http` feed addresses (test platforms only). Off by
    /// default; no tenant can turn it on for its own sources.
    pub allow_http: bool,
}

impl Default for ModelFeedSettings {
    fn default() -> Self {
        Self {
            fetch_timeout_seconds: 20,
            max_feed_bytes: 20 * 1024 * 1024,
            allowed_networks: Vec::new(),
            allow_http: false,
        }
    }
}

impl ModelFeedSettings {
    /// The settings this run fetches with: `relais serve --demo` (the
    /// platform operator's choice) also reads its own demo feed, over http
    /// on loopback.
    pub fn for_run(&self, demo: bool) -> Self {
        let mut settings = self.clone();
        if demo {
            settings.allow_http = true;
            settings.allowed_networks.push("127.0.0.1/32".to_owned());
        }
        settings
    }

    pub fn fetcher(&self) -> Result<GuardedHttpClient, ServerError> {
        let allowed_networks = parse_networks("models.allowed_networks", &self.allowed_networks)?;
        Ok(GuardedHttpClient::new(FetchPolicy {
            timeout: Duration::from_secs(self.fetch_timeout_seconds.max(1)),
            max_bytes: self.max_feed_bytes,
            allowed_networks,
            allow_http: self.allow_http,
            ..FetchPolicy::default()
        }))
    }
}

/// Reads an `allowed_networks` setting: CIDR networks (`10.0.0.0/8`) that
/// outbound requests may reach despite the address restrictions.
pub(crate) fn parse_networks<Net: std::str::FromStr>(
    setting: &str,
    networks: &[String],
) -> Result<Vec<Net>, ServerError> {
    networks
        .iter()
        .map(|net| {
            net.parse().map_err(|_| {
                ServerError::Config(format!(
                    "{setting} : « {net} » n'est pas un réseau CIDR (ex. 10.0.0.0/8)"
                ))
            })
        })
        .collect()
}
