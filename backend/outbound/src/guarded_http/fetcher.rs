//! The fetch: addresses resolved and checked, the client pinned to them,
//! redirects followed and re-checked, one deadline, a bounded body.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use reqwest::StatusCode;
use reqwest::header::{
    ETAG, HeaderMap, HeaderName, HeaderValue, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED,
    LOCATION,
};
use url::{Host, Url};

use super::addresses::{is_cloud_metadata, is_refused_address};
use super::{Conditional, FetchError, FetchOutcome, FetchPolicy, USER_AGENT};

/// Fetches feeds under one [`FetchPolicy`].
///
/// No HTTP client is kept: the checked addresses are pinned in the client
/// itself (DNS overrides), so each request gets its own.
#[derive(Debug, Clone)]
pub struct GuardedHttpClient {
    policy: Arc<FetchPolicy>,
}

/// What one fetch may reach. The public API takes `allow_http` from the
/// policy and never sets `allow_any_address` (only the unit tests do, to
/// exercise the rest of the fetch against a local server).
#[derive(Debug, Clone, Copy)]
pub(super) struct Access {
    pub(super) allow_http: bool,
    pub(super) allow_any_address: bool,
}

/// The checked addresses of one hop.
struct Target {
    /// `None` for a literal IP host, which is never resolved.
    domain: Option<String>,
    addrs: Vec<SocketAddr>,
}

impl GuardedHttpClient {
    pub fn new(policy: FetchPolicy) -> Self {
        Self {
            policy: Arc::new(policy),
        }
    }

    pub fn policy(&self) -> &FetchPolicy {
        &self.policy
    }

    /// Fetches `url`, conditionally when `conditional` holds validators,
    /// under the policy alone: what a source's owner typed never widens it.
    pub async fn fetch(
        &self,
        url: &str,
        conditional: &Conditional,
    ) -> Result<FetchOutcome, FetchError> {
        let access = Access {
            allow_http: self.policy.allow_http,
            allow_any_address: false,
        };
        self.fetch_with(url, access, conditional).await
    }

    /// A client that reaches only the checked addresses of `url`'s host,
    /// for callers that drive their own HTTP conversation hop by hop (the
    /// CAS checks, `cas_check`): the same scheme, credential and address
    /// checks as a feed fetch, with `http` accepted when `allow_http`, and no
    /// testing mark (loopback and private addresses only through
    /// [`FetchPolicy::allowed_networks`]). Redirects are not followed: the
    /// caller checks each target again through this function.
    pub async fn pinned_client(
        &self,
        url: &Url,
        allow_http: bool,
    ) -> Result<reqwest::Client, FetchError> {
        let access = Access {
            allow_http,
            allow_any_address: false,
        };
        check_url(url, access)?;
        let target = self.resolve(url, access).await?;
        client_for(&target)
    }

    /// Reads a response's body within [`FetchPolicy::max_bytes`].
    pub async fn read_limited(&self, response: reqwest::Response) -> Result<Vec<u8>, FetchError> {
        read_body(response, self.policy.max_bytes).await
    }

    pub(super) async fn fetch_with(
        &self,
        url: &str,
        access: Access,
        conditional: &Conditional,
    ) -> Result<FetchOutcome, FetchError> {
        let url = Url::parse(url.trim()).map_err(FetchError::InvalidUrl)?;
        check_url(&url, access)?;
        let timeout = self.policy.timeout;
        match tokio::time::timeout(timeout, self.follow(url, access, conditional)).await {
            Ok(outcome) => outcome,
            Err(_elapsed) => Err(FetchError::Timeout(timeout)),
        }
    }

    async fn follow(
        &self,
        mut url: Url,
        access: Access,
        conditional: &Conditional,
    ) -> Result<FetchOutcome, FetchError> {
        let headers = conditional_headers(conditional);
        let mut redirects = 0;
        loop {
            check_url(&url, access)?;
            let target = self.resolve(&url, access).await?;
            let client = client_for(&target)?;
            let response = client
                .get(url.clone())
                .headers(headers.clone())
                .send()
                .await
                .map_err(FetchError::network)?;
            let status = response.status();
            if status == StatusCode::NOT_MODIFIED {
                return Ok(FetchOutcome::NotModified);
            }
            if is_redirect(status) {
                if redirects >= self.policy.max_redirects {
                    return Err(FetchError::TooManyRedirects(self.policy.max_redirects));
                }
                let bad = || FetchError::BadRedirect {
                    status: status.as_u16(),
                };
                let location = response
                    .headers()
                    .get(LOCATION)
                    .and_then(|v| v.to_str().ok())
                    .ok_or_else(bad)?;
                url = url.join(location.trim()).map_err(|_| bad())?;
                redirects += 1;
                continue;
            }
            if !status.is_success() {
                return Err(FetchError::HttpStatus(status.as_u16()));
            }
            let etag = header_string(response.headers(), &ETAG);
            let last_modified = header_string(response.headers(), &LAST_MODIFIED);
            let body = read_body(response, self.policy.max_bytes).await?;
            return Ok(FetchOutcome::Fetched {
                body,
                etag,
                last_modified,
            });
        }
    }

    /// Resolves the host of `url` and checks every address.
    async fn resolve(&self, url: &Url, access: Access) -> Result<Target, FetchError> {
        let port = url.port_or_known_default().ok_or(FetchError::MissingHost)?;
        let (domain, ips) = match url.host() {
            Some(Host::Domain(domain)) => {
                let found = tokio::net::lookup_host((domain, port))
                    .await
                    .map_err(|source| FetchError::Resolution {
                        host: domain.to_owned(),
                        source,
                    })?;
                let mut ips: Vec<IpAddr> = Vec::new();
                for addr in found {
                    if !ips.contains(&addr.ip()) {
                        ips.push(addr.ip());
                    }
                }
                if ips.is_empty() {
                    return Err(FetchError::NoAddress {
                        host: domain.to_owned(),
                    });
                }
                (Some(domain.to_owned()), ips)
            }
            Some(Host::Ipv4(ip)) => (None, vec![IpAddr::V4(ip)]),
            Some(Host::Ipv6(ip)) => (None, vec![IpAddr::V6(ip)]),
            None => return Err(FetchError::MissingHost),
        };
        for &ip in &ips {
            self.check_address(ip, access)?;
        }
        Ok(Target {
            domain,
            addrs: ips
                .into_iter()
                .map(|ip| SocketAddr::new(ip, port))
                .collect(),
        })
    }

    pub(super) fn check_address(&self, ip: IpAddr, access: Access) -> Result<(), FetchError> {
        let refused = is_cloud_metadata(ip)
            || (!access.allow_any_address && is_refused_address(ip) && !self.is_allowed(ip));
        if refused {
            Err(FetchError::RefusedAddress(ip))
        } else {
            Ok(())
        }
    }

    /// Whether the configuration allows `ip` (an IPv4-mapped IPv6 address
    /// counts as its IPv4 address).
    pub(super) fn is_allowed(&self, ip: IpAddr) -> bool {
        let canonical = ip.to_canonical();
        self.policy
            .allowed_networks
            .iter()
            .any(|net| net.contains(&ip) || net.contains(&canonical))
    }
}

/// The checks that need no network: scheme, credentials, host.
fn check_url(url: &Url, access: Access) -> Result<(), FetchError> {
    match url.scheme() {
        "https" => {}
        "http" if access.allow_http => {}
        "http" => return Err(FetchError::HttpsRequired),
        other => return Err(FetchError::UnsupportedScheme(other.to_owned())),
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(FetchError::CredentialsInUrl);
    }
    if url.host().is_none() {
        return Err(FetchError::MissingHost);
    }
    Ok(())
}

/// A client that can reach only the checked addresses of `target`: the
/// one place of the service that builds an HTTP client (clippy.toml).
#[allow(clippy::disallowed_methods)]
fn client_for(target: &Target) -> Result<reqwest::Client, FetchError> {
    let mut builder = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .dns_resolver(Arc::new(NoLookup))
        .user_agent(USER_AGENT)
        .pool_max_idle_per_host(0);
    if let Some(domain) = &target.domain {
        builder = builder.resolve_to_addrs(domain, &target.addrs);
    }
    builder.build().map_err(FetchError::Client)
}

/// The resolver behind the DNS overrides: any name that was not checked is
/// refused (defence in depth; the overrides cover the one host requested).
struct NoLookup;

impl reqwest::dns::Resolve for NoLookup {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let message = format!("name {} was not checked", name.as_str());
        Box::pin(async move { Err::<reqwest::dns::Addrs, _>(message.into()) })
    }
}

/// The statuses that carry a `Location` to follow.
pub fn is_redirect(status: StatusCode) -> bool {
    matches!(
        status,
        StatusCode::MOVED_PERMANENTLY
            | StatusCode::FOUND
            | StatusCode::SEE_OTHER
            | StatusCode::TEMPORARY_REDIRECT
            | StatusCode::PERMANENT_REDIRECT
    )
}

/// `If-None-Match` / `If-Modified-Since`; a validator that cannot be a
/// header value is left out (the fetch is then unconditional).
fn conditional_headers(conditional: &Conditional) -> HeaderMap {
    let mut headers = HeaderMap::new();
    let pairs = [
        (IF_NONE_MATCH, &conditional.etag),
        (IF_MODIFIED_SINCE, &conditional.last_modified),
    ];
    for (name, value) in pairs {
        if let Some(value) = value.as_deref().map(str::trim).filter(|v| !v.is_empty())
            && let Ok(value) = HeaderValue::from_str(value)
        {
            headers.insert(name, value);
        }
    }
    headers
}

fn header_string(headers: &HeaderMap, name: &HeaderName) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

/// Reads the body chunk by chunk, refusing it as soon as it would pass
/// `max_bytes` (announced or counted).
async fn read_body(
    mut response: reqwest::Response,
    max_bytes: usize,
) -> Result<Vec<u8>, FetchError> {
    let too_large = || FetchError::TooLarge { max_bytes };
    let announced = match response.content_length() {
        Some(length) => match usize::try_from(length) {
            Ok(length) if length <= max_bytes => length,
            _ => return Err(too_large()),
        },
        None => 0,
    };
    let mut body = Vec::with_capacity(announced);
    while let Some(chunk) = response.chunk().await.map_err(FetchError::network)? {
        if chunk.len() > max_bytes - body.len() {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}
