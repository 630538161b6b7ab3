//! Part of `make bench` (scripts/bench-logins.sh), issue 13 item 4: a
//! running Relais under bursts of logins, measured from outside.
//!
//! 1. One burst: 200 logins at once (half the right password of one
//!    account, a quarter wrong passwords on other accounts, a quarter
//!    unknown e-mails, hashed against the decoy): answers by code, p50/p99
//!    of every answer and of the successful ones, RSS idle / peak / 5 s
//!    after.
//! 2. 200 clients that each retry after `retryAfterSeconds` until they get
//!    in: time for all to log in, p50/p99 per client, RSS peak / after.
//!
//! Usage: login_burst_bench URL SERVER_PID ADMIN_EMAIL ADMIN_PASSWORD LABEL
#![allow(clippy::indexing_slicing, reason = "a measuring tool, not the service")]
// A benchmark client of a loopback server, not the service.
#![allow(clippy::disallowed_methods)]

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use serde_json::{Value, json};

const PASSWORD: &str = "mot-de-passe-de-mesure";
const LOGIN: &str =
    "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }";

#[tokio::main]
async fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let [_, url, pid, admin_email, admin_password, label] = args.as_slice() else {
        bail!("usage: login_burst_bench URL SERVER_PID ADMIN_EMAIL ADMIN_PASSWORD LABEL");
    };
    let pid: u32 = pid.parse()?;
    let logins: usize = std::env::var("LOGIN_BURST")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(200);
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(512)
        .timeout(Duration::from_secs(120))
        .build()?;

    // Accounts: one operator and ten helpdesk agents of one tenant.
    let admin = login_token(&http, url, admin_email, admin_password).await?;
    let tenant = post(&http, url, Some(&admin), &json!({
        "query": "mutation { createTenant(input: { slug: \"logins\", name: \"Opérateur des connexions\", contactEmail: \"c@logins.test\", helpdeskEmail: \"h@logins.test\" }) { id } }"
    }))
    .await?["data"]["createTenant"]["id"]
        .as_str()
        .context("createTenant")?
        .to_owned();
    let emails: Vec<String> = (0..10).map(|i| format!("agent{i}@logins.test")).collect();
    for email in &emails {
        let answer = post(&http, url, Some(&admin), &json!({
            "query": "mutation($i: CreateUserInput!) { createUser(input: $i) { id } }",
            "variables": { "i": { "email": email, "displayName": "Agent", "role": "HELPDESK", "tenantId": tenant, "password": PASSWORD } }
        }))
        .await?;
        if answer["errors"].is_array() {
            bail!("createUser: {answer}");
        }
    }
    tokio::time::sleep(Duration::from_secs(3)).await;
    let idle = rss_mb(pid);
    println!(
        "\n== Logins ({label}): {logins} at once, then {logins} clients retrying until they get in"
    );
    println!("RSS idle {idle:.0} MB (argon2 memory of the hashing threads included)");

    // 1. One burst.
    let sampler = RssSampler::start(pid);
    let started = Instant::now();
    let attempts = (0..logins).map(|i| {
        let http = http.clone();
        let url = url.clone();
        let (email, password) = match i % 4 {
            0 | 1 => (emails[0].clone(), PASSWORD.to_owned()),
            2 => (emails[1 + i % 9].clone(), "mauvais mot de passe".to_owned()),
            _ => (format!("inconnu{i}@logins.test"), PASSWORD.to_owned()),
        };
        async move {
            let t = Instant::now();
            let answer = post(
                &http,
                &url,
                None,
                &json!({ "query": LOGIN, "variables": { "e": email, "p": password } }),
            )
            .await;
            (t.elapsed(), code(&answer.unwrap_or(Value::Null)))
        }
    });
    let results = futures_util::future::join_all(attempts).await;
    let burst_time = started.elapsed();
    let peak = sampler.stop().await;
    tokio::time::sleep(Duration::from_secs(5)).await;
    let after = rss_mb(pid);
    let mut counts = std::collections::BTreeMap::new();
    for (_, code) in &results {
        *counts.entry(code.clone()).or_insert(0usize) += 1;
    }
    let all: Vec<Duration> = results.iter().map(|(d, _)| *d).collect();
    let ok: Vec<Duration> = results
        .iter()
        .filter(|(_, c)| c == "OK" || c == "UNAUTHENTICATED")
        .map(|(d, _)| *d)
        .collect();
    let (p50, p99) = percentiles(&all);
    let (ok50, ok99) = percentiles(&ok);
    println!(
        "burst of {logins}: answers {counts:?} in {:.2} s; every answer p50 {p50:.0} ms p99 {p99:.0} ms; hashed (OK or wrong password) p50 {ok50:.0} ms p99 {ok99:.0} ms",
        burst_time.as_secs_f64()
    );
    println!(
        "RSS idle {idle:.0} MB → peak {peak:.0} MB (+{:.0} MB; goal ≤ +300 MB) → 5 s after {after:.0} MB ({:+.0} % of idle; goal within 20 %)",
        peak - idle,
        (after - idle) / idle * 100.0
    );

    // 2. Everyone retries until in.
    let sampler = RssSampler::start(pid);
    let started = Instant::now();
    let clients = (0..logins).map(|i| {
        let http = http.clone();
        let url = url.clone();
        let email = emails[i % emails.len()].clone();
        async move {
            let t = Instant::now();
            let mut tries = 0u32;
            loop {
                tries += 1;
                let answer = post(
                    &http,
                    &url,
                    None,
                    &json!({ "query": LOGIN, "variables": { "e": email, "p": PASSWORD } }),
                )
                .await
                .unwrap_or(Value::Null);
                match code(&answer).as_str() {
                    "OK" => return (t.elapsed(), tries, true),
                    "RATE_LIMITED" => {
                        let wait = answer["errors"][0]["extensions"]["retryAfterSeconds"]
                            .as_u64()
                            .unwrap_or(1);
                        tokio::time::sleep(Duration::from_millis(
                            wait * 1000 / 2 + (i as u64 % 500),
                        ))
                        .await;
                    }
                    _ => return (t.elapsed(), tries, false),
                }
                if t.elapsed() > Duration::from_secs(100) {
                    return (t.elapsed(), tries, false);
                }
            }
        }
    });
    let results = futures_util::future::join_all(clients).await;
    let total = started.elapsed();
    let peak = sampler.stop().await;
    tokio::time::sleep(Duration::from_secs(5)).await;
    let after = rss_mb(pid);
    let failed = results.iter().filter(|(_, _, ok)| !ok).count();
    let times: Vec<Duration> = results.iter().map(|(d, _, _)| *d).collect();
    let tries: u32 = results.iter().map(|(_, t, _)| *t).sum();
    let (p50, p99) = percentiles(&times);
    println!(
        "{logins} clients retrying: all in after {:.1} s ({failed} never got in, {tries} attempts); time to log in p50 {p50:.0} ms p99 {p99:.0} ms",
        total.as_secs_f64()
    );
    println!(
        "RSS peak {peak:.0} MB (+{:.0} MB over idle) → 5 s after {after:.0} MB ({:+.0} % of idle)",
        peak - idle,
        (after - idle) / idle * 100.0
    );
    Ok(())
}

async fn post(
    http: &reqwest::Client,
    url: &str,
    token: Option<&str>,
    body: &Value,
) -> Result<Value> {
    let mut request = http.post(format!("{url}/graphql")).json(body);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    Ok(request.send().await?.json().await?)
}

async fn login_token(
    http: &reqwest::Client,
    url: &str,
    email: &str,
    password: &str,
) -> Result<String> {
    let answer = post(
        http,
        url,
        None,
        &json!({ "query": LOGIN, "variables": { "e": email, "p": password } }),
    )
    .await?;
    answer["data"]["login"]["accessToken"]
        .as_str()
        .map(str::to_owned)
        .with_context(|| format!("login {email}: {answer}"))
}

fn code(answer: &Value) -> String {
    match answer["errors"].get(0) {
        Some(error) => error["extensions"]["code"]
            .as_str()
            .unwrap_or("?")
            .to_owned(),
        None if answer["data"]["login"].is_object() => "OK".to_owned(),
        None => "?".to_owned(),
    }
}

fn percentiles(times: &[Duration]) -> (f64, f64) {
    if times.is_empty() {
        return (0.0, 0.0);
    }
    let mut sorted: Vec<f64> = times.iter().map(|d| d.as_secs_f64() * 1000.0).collect();
    sorted.sort_by(f64::total_cmp);
    let at = |q: f64| sorted[((sorted.len() as f64 - 1.0) * q).round() as usize];
    (at(0.50), at(0.99))
}

fn status_kb(pid: u32, key: &str) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(key))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse::<f64>().ok())
        })
        .unwrap_or(0.0)
}

fn rss_mb(pid: u32) -> f64 {
    status_kb(pid, "VmRSS:") / 1024.0
}

struct RssSampler {
    stop: Arc<AtomicBool>,
    task: tokio::task::JoinHandle<f64>,
}

impl RssSampler {
    fn start(pid: u32) -> Self {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let task = tokio::spawn(async move {
            let mut peak: f64 = 0.0;
            while !flag.load(Ordering::Relaxed) {
                peak = peak.max(rss_mb(pid));
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            peak
        });
        Self { stop, task }
    }

    async fn stop(self) -> f64 {
        self.stop.store(true, Ordering::Relaxed);
        self.task.await.unwrap_or(0.0)
    }
}
