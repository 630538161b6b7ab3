//! Tests of the fetch against loopback servers, one file per part:
//! `fetch` (conditional requests, schemes, redirects, limits, statuses),
//! `addresses` (the refused ranges), `messages` (what a tenant is told, the
//! default policy).

mod addresses;
mod fetch;
mod messages;

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;

use url::Url;

use super::addresses::*;
use super::error::*;
use super::fetcher::*;
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

fn fetcher(policy: FetchPolicy) -> GuardedHttpClient {
    GuardedHttpClient::new(policy)
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
