//! Bodies larger than `graphql.max_body_bytes` are refused with 413 before
//! they are read; uploads keep their own limit.

use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use super::probe::{Probe, rss_kib};
use crate::helpers::*;

/// Sends `head` then up to `body_bytes` of `{"query":"…` filler in 64 KiB
/// pieces, stopping when the server answers or closes; returns the status
/// line and the bytes actually sent.
async fn send_raw(app: &TestApp, head: String, body_bytes: usize) -> (String, usize) {
    let address = app.address.trim_start_matches("http://");
    let stream = TcpStream::connect(address).await.unwrap();
    let (mut reader, mut writer) = stream.into_split();
    let sent = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = sent.clone();
    let writing = tokio::spawn(async move {
        writer.write_all(head.as_bytes()).await.ok();
        let chunk = vec![b'a'; 64 * 1024];
        writer.write_all(b"{\"query\":\"").await.ok();
        while counter.load(std::sync::atomic::Ordering::Relaxed) < body_bytes {
            if writer.write_all(&chunk).await.is_err() {
                break;
            }
            counter.fetch_add(chunk.len(), std::sync::atomic::Ordering::Relaxed);
        }
    });
    let mut answer = Vec::new();
    let mut buffer = [0u8; 4096];
    let read = tokio::time::timeout(Duration::from_secs(30), async {
        loop {
            match reader.read(&mut buffer).await {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    answer.extend_from_slice(&buffer[..n]);
                    if answer.windows(4).any(|w| w == b"\r\n\r\n") {
                        break;
                    }
                }
            }
        }
    })
    .await;
    assert!(read.is_ok(), "the server answered within 30 s");
    writing.abort();
    let sent = sent.load(std::sync::atomic::Ordering::Relaxed);
    let text = String::from_utf8_lossy(&answer).to_string();
    (text.lines().next().unwrap_or_default().to_owned(), sent)
}

async fn a_huge_announced_body_is_refused_before_it_is_read(backend: Backend) {
    let app = spawn_app(backend).await;
    let rss_before = rss_kib();
    let probe = Probe::start(backend, "JSON body announcing 300 MB");
    let head = format!(
        "POST /graphql HTTP/1.1\r\nHost: relais\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        300 * 1024 * 1024
    );
    let (status, sent) = send_raw(&app, head, 300 * 1024 * 1024).await;
    probe.report(&format!("{status} after {} KB sent", sent / 1024));
    assert!(status.contains(" 413 "), "{status}");
    // Memory did not take the body: far less than the 300 MB announced.
    assert!(rss_kib().saturating_sub(rss_before) < 100 * 1024);
    assert_eq!(app.get("/healthz").await.status(), 200);
}

async fn a_chunked_body_is_cut_at_the_limit(backend: Backend) {
    let app = spawn_app(backend).await;
    let probe = Probe::start(backend, "chunked JSON body of 50 MB");
    let head = "POST /graphql HTTP/1.1\r\nHost: relais\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n".to_owned();
    // Chunked framing: one chunk header per 64 KiB piece would be needed for
    // a valid stream; a single huge chunk announced up front is simpler.
    let head = format!("{head}{:x}\r\n", 50 * 1024 * 1024);
    let (status, sent) = send_raw(&app, head, 50 * 1024 * 1024).await;
    probe.report(&format!("{status} after {} KB sent", sent / 1024));
    assert!(status.contains(" 413 "), "{status}");
}

async fn a_body_just_over_the_limit_gets_a_french_413(backend: Backend) {
    let app = spawn_app_with(backend, |s| s.graphql.max_body_bytes = 64 * 1024).await;
    let body = json!({ "query": "{ me { id } }", "variables": { "x": "y".repeat(70 * 1024) } });
    let response = app
        .client
        .post(format!("{}/graphql", app.address))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
    let answer: Value = response.json().await.unwrap();
    assert_eq!(error_code(&answer), "VALIDATION");
    assert_eq!(
        answer["errors"][0]["extensions"]["reason"],
        "BODY_TOO_LARGE"
    );
    assert!(error_message(&answer).contains("taille maximale"));
    // Within the limit, the same request is read.
    let small = json!({ "query": "{ me { id } }", "variables": { "x": "y" } });
    let answer = app
        .graphql(
            None,
            small["query"].as_str().unwrap(),
            small["variables"].clone(),
        )
        .await;
    assert_eq!(error_code(&answer), "UNAUTHENTICATED");
}

async fn uploads_keep_their_own_limit(backend: Backend) {
    let app = spawn_app_with(backend, |s| {
        s.graphql.max_body_bytes = 64 * 1024;
        s.storage.upload_max_bytes = 1024 * 1024;
    })
    .await;
    let [alpha, _] = app.two_tenants().await;
    let query = "mutation($file: Upload!) { importEntAccounts(file: $file, dryRun: true) { accounts errors } }";

    // Larger than the JSON limit, within the upload limit: read and handled
    // by the resolver.
    let probe = Probe::start(backend, "multipart upload of 512 KB (JSON limit 64 KB)");
    let answer = app
        .graphql_upload(
            &alpha.operator,
            query,
            json!({}),
            "comptes.csv",
            vec![b'x'; 512 * 1024],
        )
        .await;
    probe.report(&super::probe::outcome(&answer));
    assert_ne!(
        answer["errors"][0]["extensions"]["reason"], "BODY_TOO_LARGE",
        "{answer}"
    );
    assert_ne!(
        answer["errors"][0]["extensions"]["code"], "INTERNAL",
        "{answer}"
    );

    // Anonymous: refused before the body is read.
    let probe = Probe::start(backend, "anonymous multipart upload of 512 KB");
    let form = reqwest::multipart::Form::new()
        .text(
            "operations",
            json!({ "query": query, "variables": { "file": null } }).to_string(),
        )
        .text("map", json!({ "0": ["variables.file"] }).to_string())
        .part(
            "0",
            reqwest::multipart::Part::bytes(vec![b'x'; 512 * 1024]).file_name("comptes.csv"),
        );
    let response = app
        .client
        .post(format!("{}/graphql", app.address))
        .multipart(form)
        .send()
        .await;
    let status = response.map(|r| r.status().as_u16()).unwrap_or(0);
    probe.report(&format!("HTTP {status}"));
    assert!(status == 401 || status == 0, "HTTP {status}");

    // Past the upload limit: 413.
    let probe = Probe::start(backend, "multipart upload of 3 MB (upload limit 1 MB)");
    let form = reqwest::multipart::Form::new()
        .text(
            "operations",
            json!({ "query": query, "variables": { "file": null } }).to_string(),
        )
        .text("map", json!({ "0": ["variables.file"] }).to_string())
        .part(
            "0",
            reqwest::multipart::Part::bytes(vec![b'x'; 3 * 1024 * 1024]).file_name("gros.csv"),
        );
    let response = app
        .client
        .post(format!("{}/graphql", app.address))
        .bearer_auth(&alpha.operator)
        .multipart(form)
        .send()
        .await;
    let status = response.map(|r| r.status().as_u16()).unwrap_or(0);
    probe.report(&format!("HTTP {status}"));
    // 413, or the connection closed on the rest of the body.
    assert!(status == 413 || status == 0, "HTTP {status}");
    assert_eq!(app.get("/healthz").await.status(), 200);
}

on_both_databases!(
    a_huge_announced_body_is_refused_before_it_is_read,
    a_chunked_body_is_cut_at_the_limit,
    a_body_just_over_the_limit_gets_a_french_413,
    uploads_keep_their_own_limit,
);
