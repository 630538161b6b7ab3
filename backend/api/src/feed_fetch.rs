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

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use ipnet::IpNet;
use reqwest::StatusCode;
use reqwest::header::{
    ETAG, HeaderMap, HeaderName, HeaderValue, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED,
    LOCATION,
};
use url::{Host, Url};

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

/// Why a fetch failed; the messages are shown to the person who registered
/// the feed.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("L'adresse du flux n'est pas une adresse web valide.")]
    InvalidUrl(#[source] url::ParseError),
    #[error("Seules les adresses http et https sont acceptées (pas « {0} »).")]
    UnsupportedScheme(String),
    #[error("L'adresse doit être en https.")]
    HttpsRequired,
    #[error("L'adresse ne doit contenir ni identifiant ni mot de passe.")]
    CredentialsInUrl,
    #[error("L'adresse n'indique pas de serveur.")]
    MissingHost,
    #[error("Le nom de serveur {host} n'a pas pu être résolu.")]
    Resolution {
        host: String,
        #[source]
        source: std::io::Error,
    },
    #[error("Le nom de serveur {host} ne correspond à aucune adresse.")]
    NoAddress { host: String },
    #[error("Adresse refusée : {0} est une adresse locale ou privée.")]
    RefusedAddress(IpAddr),
    #[error("Trop de redirections (plus de {0}).")]
    TooManyRedirects(usize),
    #[error("Redirection HTTP {status} sans adresse de destination valide.")]
    BadRedirect { status: u16 },
    #[error("Réponse HTTP {0} du serveur.")]
    HttpStatus(u16),
    #[error("Le flux dépasse la taille maximale de {}.", Size(*.max_bytes))]
    TooLarge { max_bytes: usize },
    #[error("Le serveur n'a pas répondu dans les {}.", Delay(*.0))]
    Timeout(Duration),
    #[error("La connexion au serveur a échoué : {detail}.")]
    Network {
        /// The innermost cause (« Connection refused », a TLS error…).
        detail: String,
        #[source]
        source: reqwest::Error,
    },
    #[error("Le client HTTP n'a pas pu être préparé.")]
    Client(#[source] reqwest::Error),
}

impl FetchError {
    /// What a tenant may be told: refused, unreachable, timed out or bad
    /// answer, in French. The details (address, status, cause) go to the
    /// server's logs only.
    pub fn public_message(&self) -> String {
        match self {
            FetchError::InvalidUrl(_)
            | FetchError::UnsupportedScheme(_)
            | FetchError::HttpsRequired
            | FetchError::CredentialsInUrl
            | FetchError::MissingHost
            | FetchError::RefusedAddress(_) => {
                "Adresse refusée : Relais n'accepte pas ce serveur (adresse locale ou privée, ou adresse invalide).".to_owned()
            }
            FetchError::Resolution { .. }
            | FetchError::NoAddress { .. }
            | FetchError::Network { .. }
            | FetchError::Client(_) => "Serveur injoignable.".to_owned(),
            FetchError::Timeout(delay) => {
                format!("Délai dépassé : le serveur n'a pas répondu dans les {}.", Delay(*delay))
            }
            FetchError::TooManyRedirects(_)
            | FetchError::BadRedirect { .. }
            | FetchError::HttpStatus(_)
            | FetchError::TooLarge { .. } => "Réponse inexploitable du serveur.".to_owned(),
        }
    }

    /// A transport error, named by its innermost cause.
    pub fn network(source: reqwest::Error) -> Self {
        let mut cause: &dyn std::error::Error = &source;
        while let Some(next) = cause.source() {
            cause = next;
        }
        let detail = cause.to_string().trim_end_matches('.').to_owned();
        Self::Network { detail, source }
    }
}

/// A size in bytes, the French way (« 20 Mo »).
struct Size(usize);

impl fmt::Display for Size {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const KIB: usize = 1024;
        const MIB: usize = 1024 * 1024;
        match self.0 {
            n if n >= MIB && n % MIB == 0 => write!(f, "{} Mo", n / MIB),
            n if n >= KIB && n % KIB == 0 => write!(f, "{} Ko", n / KIB),
            1 => f.write_str("1 octet"),
            n => write!(f, "{n} octets"),
        }
    }
}

/// A delay, in seconds when whole (« 20 s »), else in milliseconds.
struct Delay(Duration);

impl fmt::Display for Delay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.subsec_nanos() == 0 {
            write!(f, "{} s", self.0.as_secs())
        } else {
            write!(f, "{} ms", self.0.as_millis())
        }
    }
}

/// Fetches feeds under one [`FetchPolicy`].
///
/// No HTTP client is kept: the checked addresses are pinned in the client
/// itself (DNS overrides), so each request gets its own.
#[derive(Debug, Clone)]
pub struct FeedFetcher {
    policy: Arc<FetchPolicy>,
}

/// What one fetch may reach. The public API takes `allow_http` from the
/// policy and never sets `allow_any_address` (only the unit tests do, to
/// exercise the rest of the fetch against a local server).
#[derive(Debug, Clone, Copy)]
struct Access {
    allow_http: bool,
    allow_any_address: bool,
}

/// The checked addresses of one hop.
struct Target {
    /// `None` for a literal IP host, which is never resolved.
    domain: Option<String>,
    addrs: Vec<SocketAddr>,
}

impl FeedFetcher {
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

    async fn fetch_with(
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

    fn check_address(&self, ip: IpAddr, access: Access) -> Result<(), FetchError> {
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
    fn is_allowed(&self, ip: IpAddr) -> bool {
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

const METADATA_V4: Ipv4Addr = Ipv4Addr::new(169, 254, 169, 254);
const METADATA_V6: Ipv6Addr = Ipv6Addr::new(0xfd00, 0x0ec2, 0, 0, 0, 0, 0, 0x0254);

/// The cloud metadata addresses, also when embedded in IPv6.
fn is_cloud_metadata(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => v4 == METADATA_V4,
        IpAddr::V6(v6) => v6 == METADATA_V6 || embedded_v4(v6) == Some(METADATA_V4),
    }
}

/// IPv4 networks refused unless allowed.
const REFUSED_V4: &[(Ipv4Addr, u32)] = &[
    (Ipv4Addr::new(0, 0, 0, 0), 8),  // « this network », 0.0.0.0 included
    (Ipv4Addr::new(10, 0, 0, 0), 8), // private (RFC 1918)
    (Ipv4Addr::new(100, 64, 0, 0), 10), // CGNAT (RFC 6598)
    (Ipv4Addr::new(127, 0, 0, 0), 8), // loopback
    (Ipv4Addr::new(169, 254, 0, 0), 16), // link-local, cloud metadata
    (Ipv4Addr::new(172, 16, 0, 0), 12), // private (RFC 1918)
    (Ipv4Addr::new(192, 0, 0, 0), 24), // IETF protocol assignments
    (Ipv4Addr::new(192, 0, 2, 0), 24), // documentation (TEST-NET-1)
    (Ipv4Addr::new(192, 168, 0, 0), 16), // private (RFC 1918)
    (Ipv4Addr::new(198, 18, 0, 0), 15), // benchmarking
    (Ipv4Addr::new(198, 51, 100, 0), 24), // documentation (TEST-NET-2)
    (Ipv4Addr::new(203, 0, 113, 0), 24), // documentation (TEST-NET-3)
    (Ipv4Addr::new(224, 0, 0, 0), 4), // multicast
    (Ipv4Addr::new(240, 0, 0, 0), 4), // reserved, broadcast included
];

/// Whether an address is refused unless allowed: loopback, private
/// (RFC 1918, fc00::/7), link-local (169.254/16, fe80::/10), unspecified,
/// broadcast, CGNAT 100.64/10, documentation and benchmarking ranges,
/// multicast, reserved ranges, and IPv6 outside global unicast (2000::/3).
/// IPv6 forms that carry an IPv4 address (IPv4-mapped, NAT64 64:ff9b::/96,
/// 6to4 2002::/16) are judged by that address. The cloud metadata addresses
/// (169.254.169.254, fd00:ec2::254) fall in these ranges.
pub fn is_refused_address(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_refused_v4(v4),
        IpAddr::V6(v6) => is_refused_v6(v6),
    }
}

fn is_refused_v4(ip: Ipv4Addr) -> bool {
    let ip = u32::from(ip);
    REFUSED_V4.iter().any(|&(net, prefix)| {
        let mask = u32::MAX.checked_shl(32 - prefix).unwrap_or(0);
        ip & mask == u32::from(net) & mask
    })
}

fn is_refused_v6(ip: Ipv6Addr) -> bool {
    if let Some(v4) = embedded_v4(ip) {
        return is_refused_v4(v4);
    }
    let s = ip.segments();
    // Only global unicast can be a feed server: this refuses ::, ::1, the
    // IPv4-compatible ::/96, 100::/64 discard, fc00::/7 unique local,
    // fe80::/10 link-local, fec0::/10 site-local and ff00::/8 multicast.
    if s[0] & 0xe000 != 0x2000 {
        return true;
    }
    match s[0] {
        // 2001::/23 IETF protocol assignments (Teredo included), 2001:db8::/32 documentation
        0x2001 => s[1] < 0x0200 || s[1] == 0x0db8,
        // 3fff::/20 documentation (RFC 9637)
        0x3fff => s[1] < 0x1000,
        _ => false,
    }
}

/// The IPv4 address carried by an IPv4-mapped (::ffff:0:0/96), NAT64
/// (64:ff9b::/96) or 6to4 (2002::/16) address.
fn embedded_v4(ip: Ipv6Addr) -> Option<Ipv4Addr> {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return Some(v4);
    }
    let s = ip.segments();
    let from = |hi: u16, lo: u16| Ipv4Addr::from((u32::from(hi) << 16) | u32::from(lo));
    if s[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        return Some(from(s[6], s[7]));
    }
    if s[0] == 0x2002 {
        return Some(from(s[1], s[2]));
    }
    None
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Instant;

    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::{TcpListener, TcpStream};

    use super::*;

    /// What the test server does with one request.
    enum Reply {
        /// Writes these bytes and closes.
        Send(Vec<u8>),
        /// Reads the request and never answers.
        Hang,
        /// Writes this head, then body bytes until the client goes away.
        Endless(String),
    }

    struct Request {
        path: String,
        head: String,
    }

    impl Request {
        fn header(&self, name: &str) -> Option<&str> {
            self.head.lines().skip(1).find_map(|line| {
                let (n, v) = line.split_once(':')?;
                n.trim().eq_ignore_ascii_case(name).then(|| v.trim())
            })
        }
    }

    /// A raw HTTP/1.1 server on 127.0.0.1, one request per connection.
    struct Server {
        addr: SocketAddr,
        connections: Arc<AtomicUsize>,
        requests: Arc<Mutex<Vec<String>>>,
    }

    impl Server {
        async fn start(handler: impl Fn(&Request) -> Reply + Send + Sync + 'static) -> Self {
            let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
            let addr = listener.local_addr().unwrap();
            let connections = Arc::new(AtomicUsize::new(0));
            let requests = Arc::new(Mutex::new(Vec::new()));
            let handler = Arc::new(handler);
            let (c, r) = (connections.clone(), requests.clone());
            tokio::spawn(async move {
                while let Ok((stream, _)) = listener.accept().await {
                    c.fetch_add(1, Ordering::SeqCst);
                    let (handler, r) = (handler.clone(), r.clone());
                    tokio::spawn(async move { serve(stream, &*handler, &r).await });
                }
            });
            Self {
                addr,
                connections,
                requests,
            }
        }

        fn url(&self, path: &str) -> String {
            format!("http://{}{path}", self.addr)
        }

        fn connections(&self) -> usize {
            self.connections.load(Ordering::SeqCst)
        }

        fn requests(&self) -> Vec<String> {
            self.requests.lock().unwrap().clone()
        }
    }

    async fn serve(
        mut stream: TcpStream,
        handler: &(dyn Fn(&Request) -> Reply + Send + Sync),
        requests: &Mutex<Vec<String>>,
    ) {
        let mut buf = Vec::new();
        let mut chunk = [0u8; 1024];
        let head = loop {
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
            // A TLS ClientHello: not ours, close.
            if buf.first() == Some(&0x16) {
                return;
            }
            if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break String::from_utf8_lossy(&buf[..end]).into_owned();
            }
        };
        requests.lock().unwrap().push(head.clone());
        let path = head.split(' ').nth(1).unwrap_or("/").to_owned();
        match handler(&Request { path, head }) {
            Reply::Send(bytes) => {
                let _ = stream.write_all(&bytes).await;
                let _ = stream.shutdown().await;
            }
            Reply::Hang => tokio::time::sleep(Duration::from_secs(60)).await,
            Reply::Endless(head) => {
                if stream.write_all(head.as_bytes()).await.is_ok() {
                    let block = [b'x'; 8192];
                    while stream.write_all(&block).await.is_ok() {}
                }
            }
        }
    }

    /// A response with `Content-Length` and `Connection: close`.
    fn respond(status: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
        let mut out = format!("HTTP/1.1 {status}\r\nConnection: close\r\n");
        for (name, value) in headers {
            out.push_str(&format!("{name}: {value}\r\n"));
        }
        out.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
        let mut out = out.into_bytes();
        out.extend_from_slice(body);
        Reply::Send(out)
    }

    /// A response whose body ends when the connection closes.
    fn respond_until_close(body: &[u8]) -> Reply {
        let mut out = b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n".to_vec();
        out.extend_from_slice(body);
        Reply::Send(out)
    }

    fn redirect(location: &str) -> Reply {
        respond("302 Found", &[("Location", location)], b"")
    }

    fn fetcher(policy: FetchPolicy) -> FeedFetcher {
        FeedFetcher::new(policy)
    }

    fn loopback_allowed() -> FetchPolicy {
        FetchPolicy {
            allowed_networks: vec!["127.0.0.0/8".parse().unwrap()],
            ..FetchPolicy::default()
        }
    }

    /// Plain http, addresses checked: what the tests need to exercise the
    /// address rules against a local server without TLS.
    const HTTP_CHECKED: Access = Access {
        allow_http: true,
        allow_any_address: false,
    };

    /// What the former testing mark allowed: http and any address but
    /// the metadata ones. Only these tests reach it.
    const TESTING: Access = Access {
        allow_http: true,
        allow_any_address: true,
    };

    const HTTPS_ONLY: Access = Access {
        allow_http: false,
        allow_any_address: false,
    };

    const NONE: Conditional = Conditional {
        etag: None,
        last_modified: None,
    };

    const LAST_MODIFIED_VALUE: &str = "Wed, 21 Oct 2026 07:28:00 GMT";

    #[tokio::test]
    async fn fetch_then_not_modified_on_conditional_request() {
        let server = Server::start(|req| {
            if req.header("if-none-match") == Some("\"v1\"") {
                respond("304 Not Modified", &[("ETag", "\"v1\"")], b"")
            } else {
                respond(
                    "200 OK",
                    &[("ETag", "\"v1\""), ("Last-Modified", LAST_MODIFIED_VALUE)],
                    b"<feed/>",
                )
            }
        })
        .await;
        let fetcher = fetcher(FetchPolicy::default());

        let first = fetcher
            .fetch_with(&server.url("/feed"), TESTING, &NONE)
            .await
            .unwrap();
        assert_eq!(
            first,
            FetchOutcome::Fetched {
                body: b"<feed/>".to_vec(),
                etag: Some("\"v1\"".to_owned()),
                last_modified: Some(LAST_MODIFIED_VALUE.to_owned()),
            }
        );

        let conditional = Conditional {
            etag: Some("\"v1\"".to_owned()),
            last_modified: Some(LAST_MODIFIED_VALUE.to_owned()),
        };
        let second = fetcher
            .fetch_with(&server.url("/feed"), TESTING, &conditional)
            .await
            .unwrap();
        assert_eq!(second, FetchOutcome::NotModified);

        let requests = server.requests();
        assert_eq!(requests.len(), 2);
        let first_head = requests[0].to_ascii_lowercase();
        assert!(!first_head.contains("if-none-match"));
        assert!(!first_head.contains("if-modified-since"));
        let second_head = requests[1].to_ascii_lowercase();
        assert!(second_head.contains("if-none-match: \"v1\""));
        assert!(second_head.contains(&format!(
            "if-modified-since: {}",
            LAST_MODIFIED_VALUE.to_ascii_lowercase()
        )));
    }

    #[tokio::test]
    async fn http_refused_without_testing_mark() {
        let server = Server::start(|_| respond("200 OK", &[], b"feed")).await;
        let fetcher = fetcher(loopback_allowed());

        let err = fetcher
            .fetch_with(&server.url("/"), HTTPS_ONLY, &NONE)
            .await
            .unwrap_err();
        assert!(matches!(err, FetchError::HttpsRequired), "{err:?}");
        assert_eq!(err.to_string(), "L'adresse doit être en https.");
        // Refused before any resolution or connection.
        let err = fetcher
            .fetch_with("http://example.invalid/feed", HTTPS_ONLY, &NONE)
            .await
            .unwrap_err();
        assert!(matches!(err, FetchError::HttpsRequired), "{err:?}");
        assert_eq!(server.connections(), 0);

        // The testing mark lets it through.
        let ok = fetcher
            .fetch_with(&server.url("/"), TESTING, &NONE)
            .await
            .unwrap();
        assert!(matches!(ok, FetchOutcome::Fetched { .. }));
    }

    #[tokio::test]
    async fn pinned_clients_check_addresses_like_fetches() {
        let server = Server::start(|_| respond("200 OK", &[], b"page")).await;
        let url = Url::parse(&server.url("/cas/login")).unwrap();

        let strict = fetcher(FetchPolicy::default());
        let err = strict.pinned_client(&url, true).await.unwrap_err();
        assert!(matches!(err, FetchError::RefusedAddress(_)), "{err:?}");
        let err = strict.pinned_client(&url, false).await.unwrap_err();
        assert!(matches!(err, FetchError::HttpsRequired), "{err:?}");
        assert_eq!(server.connections(), 0);

        let allowed = fetcher(loopback_allowed());
        let client = allowed.pinned_client(&url, true).await.unwrap();
        let response = client.get(url.clone()).send().await.unwrap();
        assert_eq!(allowed.read_limited(response).await.unwrap(), b"page");
        let metadata = Url::parse("http://169.254.169.254/latest/").unwrap();
        let err = allowed.pinned_client(&metadata, true).await.unwrap_err();
        assert!(matches!(err, FetchError::RefusedAddress(_)), "{err:?}");
    }

    #[tokio::test]
    async fn other_schemes_credentials_and_garbage_refused() {
        let fetcher = fetcher(FetchPolicy::default());
        for (url, testing) in [
            ("ftp://example.org/feed.xml", true),
            ("file:///etc/passwd", true),
            ("gopher://example.org/", false),
        ] {
            let err = fetcher
                .fetch_with(url, if testing { TESTING } else { HTTPS_ONLY }, &NONE)
                .await
                .unwrap_err();
            assert!(
                matches!(err, FetchError::UnsupportedScheme(_)),
                "{url}: {err:?}"
            );
        }
        for url in [
            "https://user:secret@example.invalid/feed",
            "https://user@example.invalid/feed",
        ] {
            let err = fetcher
                .fetch_with(url, HTTPS_ONLY, &NONE)
                .await
                .unwrap_err();
            assert!(
                matches!(err, FetchError::CredentialsInUrl),
                "{url}: {err:?}"
            );
        }
        for url in ["not a url", "", "https://"] {
            let err = fetcher
                .fetch_with(url, HTTPS_ONLY, &NONE)
                .await
                .unwrap_err();
            assert!(matches!(err, FetchError::InvalidUrl(_)), "{url}: {err:?}");
        }
    }

    #[tokio::test]
    async fn loopback_refused_without_mark_or_allowance() {
        let server = Server::start(|_| respond("200 OK", &[], b"feed")).await;
        let fetcher = fetcher(FetchPolicy::default());
        let loopback = IpAddr::V4(Ipv4Addr::LOCALHOST);

        let https = format!("https://{}/feed", server.addr);
        let err = fetcher
            .fetch_with(&https, HTTPS_ONLY, &NONE)
            .await
            .unwrap_err();
        assert!(
            matches!(err, FetchError::RefusedAddress(ip) if ip == loopback),
            "{err:?}"
        );
        assert_eq!(
            err.to_string(),
            "Adresse refusée : 127.0.0.1 est une adresse locale ou privée."
        );

        let err = fetcher
            .fetch_with(&server.url("/feed"), HTTP_CHECKED, &NONE)
            .await
            .unwrap_err();
        assert!(
            matches!(err, FetchError::RefusedAddress(ip) if ip == loopback),
            "{err:?}"
        );

        // Through a name, and through other spellings of the address.
        let port = server.addr.port();
        for url in [
            format!("http://localhost:{port}/feed"),
            format!("http://[::ffff:127.0.0.1]:{port}/feed"),
            format!("http://2130706433:{port}/feed"),
            format!("http://0x7f.1:{port}/feed"),
        ] {
            let err = fetcher
                .fetch_with(&url, HTTP_CHECKED, &NONE)
                .await
                .unwrap_err();
            assert!(
                matches!(err, FetchError::RefusedAddress(ip) if ip.is_loopback() || ip.to_canonical().is_loopback()),
                "{url}: {err:?}"
            );
        }
        assert_eq!(server.connections(), 0);
    }

    #[tokio::test]
    async fn loopback_accepted_with_allowed_networks() {
        let server = Server::start(|_| respond("200 OK", &[], b"feed")).await;
        let fetcher = fetcher(loopback_allowed());

        let outcome = fetcher
            .fetch_with(&server.url("/feed"), HTTP_CHECKED, &NONE)
            .await
            .unwrap();
        assert_eq!(
            outcome,
            FetchOutcome::Fetched {
                body: b"feed".to_vec(),
                etag: None,
                last_modified: None,
            }
        );
        let mapped = format!("http://[::ffff:127.0.0.1]:{}/feed", server.addr.port());
        let outcome = fetcher.fetch_with(&mapped, HTTP_CHECKED, &NONE).await;
        assert!(
            matches!(outcome, Ok(FetchOutcome::Fetched { .. })),
            "{outcome:?}"
        );

        // Through the public API, https: the address passes and the
        // connection is made (the plain-text server then fails the TLS
        // handshake).
        let before = server.connections();
        let https = format!("https://{}/feed", server.addr);
        let err = fetcher
            .fetch_with(&https, HTTPS_ONLY, &NONE)
            .await
            .unwrap_err();
        assert!(matches!(err, FetchError::Network { .. }), "{err:?}");
        assert_eq!(server.connections(), before + 1);
    }

    #[tokio::test]
    async fn redirects_followed_and_rechecked() {
        let server = Server::start(|req| match req.path.as_str() {
            "/relative" => redirect("/feed"),
            "/metadata" => redirect("http://169.254.169.254/latest/meta-data/"),
            "/private" => redirect("http://10.20.30.40/feed"),
            "/ftp" => redirect("ftp://example.org/feed"),
            "/nowhere" => respond("302 Found", &[], b""),
            "/feed" => respond("200 OK", &[], b"feed"),
            _ => respond("404 Not Found", &[], b""),
        })
        .await;
        let fetcher = fetcher(loopback_allowed());

        let outcome = fetcher
            .fetch_with(&server.url("/relative"), HTTP_CHECKED, &NONE)
            .await;
        assert!(
            matches!(&outcome, Ok(FetchOutcome::Fetched { body, .. }) if body == b"feed"),
            "{outcome:?}"
        );

        let err = fetcher
            .fetch_with(&server.url("/metadata"), HTTP_CHECKED, &NONE)
            .await
            .unwrap_err();
        assert!(
            matches!(err, FetchError::RefusedAddress(ip) if ip == IpAddr::V4(METADATA_V4)),
            "{err:?}"
        );
        let err = fetcher
            .fetch_with(&server.url("/private"), HTTP_CHECKED, &NONE)
            .await
            .unwrap_err();
        assert!(
            matches!(err, FetchError::RefusedAddress(ip) if ip == IpAddr::V4(Ipv4Addr::new(10, 20, 30, 40))),
            "{err:?}"
        );
        let err = fetcher
            .fetch_with(&server.url("/ftp"), HTTP_CHECKED, &NONE)
            .await
            .unwrap_err();
        assert!(matches!(err, FetchError::UnsupportedScheme(_)), "{err:?}");
        let err = fetcher
            .fetch_with(&server.url("/nowhere"), HTTP_CHECKED, &NONE)
            .await
            .unwrap_err();
        assert!(
            matches!(err, FetchError::BadRedirect { status: 302 }),
            "{err:?}"
        );

        // Even the testing mark does not reach the metadata address.
        let err = fetcher
            .fetch_with(&server.url("/metadata"), TESTING, &NONE)
            .await
            .unwrap_err();
        assert!(matches!(err, FetchError::RefusedAddress(_)), "{err:?}");
    }

    #[tokio::test]
    async fn too_many_redirects() {
        // `/chain/N` redirects N more times before answering.
        let server = Server::start(|req| {
            let left: usize = req.path.trim_start_matches("/chain/").parse().unwrap_or(0);
            if left == 0 {
                respond("200 OK", &[], b"end")
            } else {
                redirect(&format!("/chain/{}", left - 1))
            }
        })
        .await;
        let fetcher = fetcher(FetchPolicy::default());

        let outcome = fetcher
            .fetch_with(&server.url("/chain/3"), TESTING, &NONE)
            .await;
        assert!(
            matches!(outcome, Ok(FetchOutcome::Fetched { .. })),
            "{outcome:?}"
        );
        assert_eq!(server.requests().len(), 4);

        let err = fetcher
            .fetch_with(&server.url("/chain/4"), TESTING, &NONE)
            .await
            .unwrap_err();
        assert!(matches!(err, FetchError::TooManyRedirects(3)), "{err:?}");
        assert_eq!(server.requests().len(), 8);

        let strict = FeedFetcher::new(FetchPolicy {
            max_redirects: 0,
            ..FetchPolicy::default()
        });
        let err = strict
            .fetch_with(&server.url("/chain/1"), TESTING, &NONE)
            .await
            .unwrap_err();
        assert!(matches!(err, FetchError::TooManyRedirects(0)), "{err:?}");
    }

    #[tokio::test]
    async fn body_too_large() {
        let server = Server::start(|req| match req.path.as_str() {
            "/announced" => respond("200 OK", &[], &[b'x'; 2048]),
            "/unannounced" => respond_until_close(&[b'x'; 2048]),
            "/endless" => Reply::Endless("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n".to_owned()),
            "/exact" => respond_until_close(&[b'x'; 1024]),
            _ => respond("404 Not Found", &[], b""),
        })
        .await;
        let fetcher = fetcher(FetchPolicy {
            max_bytes: 1024,
            ..FetchPolicy::default()
        });

        for path in ["/announced", "/unannounced", "/endless"] {
            let err = fetcher
                .fetch_with(&server.url(path), TESTING, &NONE)
                .await
                .unwrap_err();
            assert!(
                matches!(err, FetchError::TooLarge { max_bytes: 1024 }),
                "{path}: {err:?}"
            );
            assert_eq!(
                err.to_string(),
                "Le flux dépasse la taille maximale de 1 Ko."
            );
        }
        let outcome = fetcher
            .fetch_with(&server.url("/exact"), TESTING, &NONE)
            .await;
        assert!(
            matches!(&outcome, Ok(FetchOutcome::Fetched { body, .. }) if body.len() == 1024),
            "{outcome:?}"
        );
    }

    #[tokio::test]
    async fn timeout_when_server_never_answers() {
        let server = Server::start(|_| Reply::Hang).await;
        let fetcher = fetcher(FetchPolicy {
            timeout: Duration::from_millis(300),
            ..FetchPolicy::default()
        });

        let started = Instant::now();
        let err = fetcher
            .fetch_with(&server.url("/feed"), TESTING, &NONE)
            .await
            .unwrap_err();
        assert!(matches!(err, FetchError::Timeout(_)), "{err:?}");
        assert!(started.elapsed() < Duration::from_secs(5));
        assert_eq!(
            err.to_string(),
            "Le serveur n'a pas répondu dans les 300 ms."
        );
    }

    #[tokio::test]
    async fn error_status_named() {
        let server = Server::start(|req| match req.path.as_str() {
            "/gone" => respond("404 Not Found", &[], b"no"),
            _ => respond("503 Service Unavailable", &[], b""),
        })
        .await;
        let fetcher = fetcher(FetchPolicy::default());

        let err = fetcher
            .fetch_with(&server.url("/gone"), TESTING, &NONE)
            .await
            .unwrap_err();
        assert!(matches!(err, FetchError::HttpStatus(404)), "{err:?}");
        assert_eq!(err.to_string(), "Réponse HTTP 404 du serveur.");
        let err = fetcher
            .fetch_with(&server.url("/busy"), TESTING, &NONE)
            .await
            .unwrap_err();
        assert!(matches!(err, FetchError::HttpStatus(503)), "{err:?}");
    }

    #[tokio::test]
    async fn metadata_refused_even_when_allowed() {
        let fetcher = fetcher(FetchPolicy {
            allowed_networks: vec!["0.0.0.0/0".parse().unwrap(), "::/0".parse().unwrap()],
            ..FetchPolicy::default()
        });
        for (url, testing) in [
            ("http://169.254.169.254/latest/meta-data/", true),
            ("https://169.254.169.254/latest/meta-data/", false),
            ("http://[fd00:ec2::254]/latest/meta-data/", true),
            ("http://[::ffff:169.254.169.254]/", true),
        ] {
            let err = fetcher
                .fetch_with(url, if testing { TESTING } else { HTTPS_ONLY }, &NONE)
                .await
                .unwrap_err();
            assert!(
                matches!(err, FetchError::RefusedAddress(_)),
                "{url}: {err:?}"
            );
        }
        // The allowance covers the other private addresses.
        assert!(
            fetcher
                .check_address("10.0.0.1".parse().unwrap(), HTTP_CHECKED)
                .is_ok()
        );
    }

    #[test]
    fn refused_addresses() {
        let refused = [
            "127.0.0.1",
            "127.255.255.254",
            "10.1.2.3",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "169.254.0.1",
            "100.64.0.1",
            "100.127.255.255",
            "0.0.0.0",
            "0.1.2.3",
            "255.255.255.255",
            "224.0.0.1",
            "239.255.255.250",
            "192.0.2.1",
            "198.51.100.7",
            "203.0.113.9",
            "198.18.0.1",
            "240.0.0.1",
            "::",
            "::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "::ffff:169.254.169.254",
            "::127.0.0.1",
            "fc00::1",
            "fd12:3456::1",
            "fd00:ec2::254",
            "fe80::1",
            "fec0::1",
            "ff02::1",
            "2001:db8::1",
            "3fff::1",
            "2001::1",
            "100::1",
            "64:ff9b::7f00:1",
            "64:ff9b::a9fe:a9fe",
            "2002:7f00:1::1",
            "2002:c0a8:101::1",
        ];
        let accepted = [
            "193.51.24.1",
            "8.8.8.8",
            "172.32.0.1",
            "172.15.255.255",
            "100.128.0.1",
            "100.63.255.255",
            "169.253.1.1",
            "192.0.3.1",
            "198.20.0.1",
            "223.255.255.255",
            "2001:4860:4860::8888",
            "2a01:e0a::1",
            "::ffff:193.51.24.1",
            "64:ff9b::c133:1801",
            "2002:c133:1801::1",
        ];
        for ip in refused {
            assert!(
                is_refused_address(ip.parse().unwrap()),
                "{ip} should be refused"
            );
        }
        for ip in accepted {
            assert!(
                !is_refused_address(ip.parse().unwrap()),
                "{ip} should be accepted"
            );
        }
    }

    #[test]
    fn allowance_covers_mapped_addresses() {
        let fetcher = fetcher(loopback_allowed());
        assert!(fetcher.is_allowed("127.0.0.1".parse().unwrap()));
        assert!(fetcher.is_allowed("::ffff:127.0.0.1".parse().unwrap()));
        assert!(!fetcher.is_allowed("::1".parse().unwrap()));
        assert!(!fetcher.is_allowed("10.0.0.1".parse().unwrap()));
    }

    #[test]
    fn messages_in_french() {
        assert_eq!(
            FetchError::TooLarge {
                max_bytes: FetchPolicy::default().max_bytes
            }
            .to_string(),
            "Le flux dépasse la taille maximale de 20 Mo."
        );
        assert_eq!(
            FetchError::Timeout(FetchPolicy::default().timeout).to_string(),
            "Le serveur n'a pas répondu dans les 20 s."
        );
        assert_eq!(
            FetchError::TooManyRedirects(3).to_string(),
            "Trop de redirections (plus de 3)."
        );
        assert_eq!(Size(1500).to_string(), "1500 octets");
    }

    #[test]
    fn default_policy() {
        let policy = FetchPolicy::default();
        assert_eq!(policy.timeout, Duration::from_secs(20));
        assert_eq!(policy.max_bytes, 20 * 1024 * 1024);
        assert_eq!(policy.max_redirects, 3);
        assert!(policy.allowed_networks.is_empty());
    }

    #[tokio::test]
    async fn the_user_agent_sent_is_ascii() {
        let server = Server::start(|_| respond("200 OK", &[], b"<feed/>")).await;
        fetcher(FetchPolicy::default())
            .fetch_with(&server.url("/feed"), TESTING, &NONE)
            .await
            .unwrap();
        let requests = server.requests();
        let head = &requests[0];
        let agent = head
            .lines()
            .find_map(|line| line.strip_prefix("user-agent: "))
            .unwrap_or_else(|| panic!("no user agent in {head}"));
        assert!(agent.starts_with("Relais/"), "{agent}");
        assert!(agent.is_ascii(), "{agent:?}");
    }
}
