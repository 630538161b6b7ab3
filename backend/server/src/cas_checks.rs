//! Live CAS checks: their limits (configuration `[cas_check]`) and the
//! checker handed to the API (issue 8).

use std::time::Duration;

use relais_outbound::cas_check::CasChecker;
use relais_outbound::guarded_http::FetchPolicy;
use serde::{Deserialize, Serialize};

use crate::error::ServerError;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CasCheckSettings {
    /// Seconds each step may take (one request and its redirects).
    pub timeout_seconds: u64,
    /// Redirects followed per step before giving up.
    pub max_redirects: usize,
    /// Larger answers (login page, validation response) are refused.
    pub max_response_bytes: usize,
    /// Networks (CIDR) a CAS server may be reached at although loopback,
    /// private or link-local, e.g. `["10.20.0.0/16"]` for a CAS on the
    /// operator's internal network, `["127.0.0.0/8"]` in tests. Empty by
    /// default (SSRF protection, as for model feeds).
    pub allowed_networks: Vec<String>,
    /// The PRONOTE.net service the four test accounts log in to when a model
    /// is validated without naming one: the one Index-Education's
    /// specification of CAS models names (its test server, which the
    /// integrator's CAS must allow as `…/pronote/**`, docs/domain.md §3).
    pub model_validation_service_url: String,
}

/// Index-Education's model validation service, as its specification of CAS
/// configuration models names it (`https://modelesconfigurationcas.index-education.france/pronote/**`
/// for the integrator's CAS; the service PRONOTE.net sends ends with `/`).
pub const DEFAULT_MODEL_VALIDATION_SERVICE: &str =
    "https://modelesconfigurationcas.index-education.france/pronote/";

impl Default for CasCheckSettings {
    fn default() -> Self {
        Self {
            timeout_seconds: 10,
            max_redirects: 5,
            max_response_bytes: 2 * 1024 * 1024,
            allowed_networks: Vec::new(),
            model_validation_service_url: DEFAULT_MODEL_VALIDATION_SERVICE.to_owned(),
        }
    }
}

impl CasCheckSettings {
    pub fn checker(&self) -> Result<CasChecker, ServerError> {
        let allowed_networks = crate::model_feeds::parse_networks(
            "cas_check.allowed_networks",
            &self.allowed_networks,
        )?;
        let service =
            relais_domain::web_url::WebUrl::parse("service", &self.model_validation_service_url)
                .map_err(|err| {
                    ServerError::Config(format!("cas_check.model_validation_service_url : {err}"))
                })?;
        Ok(CasChecker::new(FetchPolicy {
            timeout: Duration::from_secs(self.timeout_seconds.max(1)),
            max_bytes: self.max_response_bytes,
            max_redirects: self.max_redirects,
            allowed_networks,
            // CAS checks accept http themselves (the step says it is not
            // advised); the address checks apply all the same.
            allow_http: true,
        })
        .with_model_service(service))
    }
}
