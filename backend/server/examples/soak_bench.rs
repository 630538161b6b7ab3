//! Part of `make bench` (scripts/bench-soak.sh), issue 13: a running Relais
//! under load, measured from outside.
//!
//! 1. Soak: 200 clients for 60 s of mixed traffic from two tenants (me,
//!    pages, dashboard, summaries, CSV exports, /healthz, fragment bombs):
//!    requests, errors, shed (RATE_LIMITED), p50/p99, RSS idle/peak/final.
//! 2. /healthz p50/p99 alone, then while 8 fragment bombs per second arrive.
//! 3. Tenant B's p50/p99 alone, then while tenant A floods expensive
//!    requests.
//! 4. The alias floods of the issue, once each.
//!
//! Usage: soak_bench URL SERVER_PID ADMIN_EMAIL ADMIN_PASSWORD LABEL
//! (SOAK_ISOLATION_ONLY=1: the tenant isolation measure alone)
#![allow(clippy::indexing_slicing, reason = "a measuring tool, not the service")]
// A benchmark client of a loopback server, not the service.
#![allow(clippy::disallowed_methods)]

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use base64::Engine;
use serde_json::{Value, json};
use tokio::sync::Mutex;

const PASSWORD: &str = "mot-de-passe-de-mesure";

#[tokio::main]
async fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let [_, url, pid, admin_email, admin_password, label] = args.as_slice() else {
        bail!("usage: soak_bench URL SERVER_PID ADMIN_EMAIL ADMIN_PASSWORD LABEL");
    };
    let pid: u32 = pid.parse()?;
    let duration = Duration::from_secs(
        std::env::var("SOAK_SECONDS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(60),
    );
    let clients: usize = std::env::var("SOAK_CLIENTS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(200);
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(512)
        .timeout(Duration::from_secs(120))
        .build()?;
    let api = Api {
        http,
        url: url.clone(),
    };

    let admin = api.login(admin_email, admin_password).await?;
    let a = seed_tenant(&api, &admin, "soak-a", 3000).await?;
    let b = seed_tenant(&api, &admin, "soak-b", 3000).await?;
    let tokens = Arc::new([a, b]);
    tokio::time::sleep(Duration::from_secs(2)).await;
    let idle = rss_mb(pid);

    // SOAK_ISOLATION_ONLY=1: only the tenant isolation measure.
    let isolation_only = std::env::var("SOAK_ISOLATION_ONLY").is_ok_and(|v| v == "1");
    if !isolation_only {
        println!(
            "\n== Soak ({label}): {clients} clients × {} s of mixed traffic, two tenants of 3,000 establishments and 300 bases",
            duration.as_secs()
        );
        let sampler = RssSampler::start(pid);
        let stats = Arc::new(Mutex::new(Stats::default()));
        let stop = Arc::new(AtomicBool::new(false));
        let counter = Arc::new(AtomicU64::new(0));
        let started = Instant::now();
        let mut tasks = Vec::new();
        for client in 0..clients {
            let (api, tokens, stats, stop, counter) = (
                api.clone(),
                tokens.clone(),
                stats.clone(),
                stop.clone(),
                counter.clone(),
            );
            tasks.push(tokio::spawn(async move {
                let mut local = Stats::default();
                while !stop.load(Ordering::Relaxed) {
                    let n = counter.fetch_add(1, Ordering::Relaxed);
                    let tenant = &tokens[client % 2];
                    let kind = Kind::pick(n);
                    let (elapsed, outcome) = api.run(kind, tenant).await;
                    local.add(kind, elapsed, outcome);
                }
                stats.lock().await.merge(local);
            }));
        }
        tokio::time::sleep(duration).await;
        stop.store(true, Ordering::Relaxed);
        for task in tasks {
            task.await?;
        }
        let wall = started.elapsed();
        let peak_sampled = sampler.stop().await;
        tokio::time::sleep(Duration::from_secs(5)).await;
        let final_rss = rss_mb(pid);
        let peak = peak_sampled.max(hwm_mb(pid));
        stats.lock().await.print(wall);
        println!(
            "RSS: idle {idle:.0} MB, peak {peak:.0} MB (+{:.0}), final {final_rss:.0} MB (+{:.0}, 5 s after)",
            peak - idle,
            final_rss - idle
        );

        println!(
            "\n== /healthz under a fragment flood ({label}): 8 documents/s (k = 25 and k = 1,000), 20 s"
        );
        let quiet = probe_healthz(&api, Duration::from_secs(10)).await;
        let flooding = Arc::new(AtomicBool::new(true));
        let bombs = {
            let (api, flooding) = (api.clone(), flooding.clone());
            tokio::spawn(async move {
                let mut refusals = Vec::new();
                let mut tick = tokio::time::interval(Duration::from_millis(125));
                let mut n = 0usize;
                while flooding.load(Ordering::Relaxed) {
                    tick.tick().await;
                    let k = if n.is_multiple_of(2) { 25 } else { 1000 };
                    n += 1;
                    let api = api.clone();
                    refusals.push(tokio::spawn(async move {
                        let started = Instant::now();
                        let answer = api.post(None, &json!({ "query": fragment_chain(k) })).await;
                        let reason = answer.ok().and_then(|a| {
                            a["errors"][0]["extensions"]["reason"]
                                .as_str()
                                .map(str::to_owned)
                        });
                        (started.elapsed(), reason)
                    }));
                }
                let mut times = Vec::new();
                let mut refused = 0;
                for r in refusals {
                    if let Ok((t, reason)) = r.await {
                        times.push(t);
                        refused += usize::from(reason.is_some());
                    }
                }
                (times, refused)
            })
        };
        let flooded = probe_healthz(&api, Duration::from_secs(20)).await;
        flooding.store(false, Ordering::Relaxed);
        let (bomb_times, refused) = bombs.await?;
        let (q50, q99) = percentiles(&quiet);
        let (f50, f99) = percentiles(&flooded);
        println!("{:44} {:>9} {:>9}", "", "p50 ms", "p99 ms");
        println!(
            "{:44} {:>9.2} {:>9.2}",
            "/healthz alone (baseline)", q50, q99
        );
        println!(
            "{:44} {:>9.2} {:>9.2}   p99 ratio {:.2}× (goal p99 ≤ 50 ms)",
            "/healthz while 8 bombs/s arrive",
            f50,
            f99,
            f99 / q99.max(0.001)
        );
        let (b50, b99) = percentiles(&bomb_times);
        let worst = bomb_times
            .iter()
            .max()
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0);
        println!(
            "{:44} {:>9.2} {:>9.2}   max {worst:.2} ms, {refused}/{} refused (goal ≤ 10 ms)",
            "a bomb's answer (refused)",
            b50,
            b99,
            bomb_times.len()
        );
    }

    println!(
        "\n== Tenant isolation ({label}): tenant B's light queries, alone then while tenant A floods expensive requests (16 clients)"
    );
    let b_quiet = tenant_b_apart(&api.url, &tokens[1], Duration::from_secs(15)).await?;
    let flood_on = Arc::new(AtomicBool::new(true));
    let served = Arc::new(AtomicU64::new(0));
    let shed = Arc::new(AtomicU64::new(0));
    let mut flooders = Vec::new();
    for i in 0..16 {
        let (api, a, flood_on, served, shed) = (
            api.clone(),
            tokens[0].clone(),
            flood_on.clone(),
            served.clone(),
            shed.clone(),
        );
        flooders.push(tokio::spawn(async move {
            let queries = [
                "{ a: basesSummary { bases withErrors } b: basesSummary { bases } }",
                "{ establishmentsCsv }",
                "{ dashboard(first: 1000) { rows { uai name errors } } }",
            ];
            let mut n = i;
            while flood_on.load(Ordering::Relaxed) {
                let token = if n % 2 == 0 { &a.operator } else { &a.helpdesk };
                // The answer is read, not parsed: the flood's clients share
                // this machine's cores with the server and tenant B.
                let answer = api
                    .post_text(Some(token), &json!({ "query": queries[n % 3] }))
                    .await;
                n += 1;
                if answer.is_ok_and(|text| text.contains("\"RATE_LIMITED\"")) {
                    shed.fetch_add(1, Ordering::Relaxed);
                } else {
                    served.fetch_add(1, Ordering::Relaxed);
                }
            }
        }));
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    let b_flooded = tenant_b_apart(&api.url, &tokens[1], Duration::from_secs(15)).await?;
    flood_on.store(false, Ordering::Relaxed);
    for f in flooders {
        f.await?;
    }
    let (q50, q99) = percentiles(&b_quiet.0);
    let (f50, f99) = percentiles(&b_flooded.0);
    println!("{:44} {:>9} {:>9} {:>8}", "", "p50 ms", "p99 ms", "errors");
    println!(
        "{:44} {:>9.2} {:>9.2} {:>8}",
        "tenant B alone (baseline)", q50, q99, b_quiet.1
    );
    println!(
        "{:44} {:>9.2} {:>9.2} {:>8}   p99 ratio {:.2}× (goal ≤ 2×)",
        "tenant B while tenant A floods",
        f50,
        f99,
        b_flooded.1,
        f99 / q99.max(0.001)
    );
    println!(
        "tenant A's flood: {} answered, {} refused RATE_LIMITED",
        served.load(Ordering::Relaxed),
        shed.load(Ordering::Relaxed)
    );

    if isolation_only {
        return Ok(());
    }
    println!("\n== The issue's alias floods ({label}), helpdesk of tenant A");
    for (name, field, count) in [
        (
            "999 × basesSummary",
            "basesSummary { bases withErrors }",
            999,
        ),
        ("1999 × establishmentsCsv", "establishmentsCsv", 1999),
        (
            "500 × dashboard(first: 1000)",
            "dashboard(first: 1000) { rows { uai name } }",
            500,
        ),
    ] {
        let query = format!(
            "{{ {} }}",
            (0..count)
                .map(|i| format!("a{i}: {field}"))
                .collect::<Vec<_>>()
                .join(" ")
        );
        let before = rss_mb(pid);
        let started = Instant::now();
        let answer = api
            .post(Some(&tokens[0].helpdesk), &json!({ "query": query }))
            .await?;
        let elapsed = started.elapsed();
        let error = &answer["errors"][0]["extensions"];
        println!(
            "{name:32} {} {}/{} in {:.2} ms, RSS +{:.0} MB",
            if answer["data"].is_null() {
                "refused"
            } else {
                "ANSWERED"
            },
            error["code"].as_str().unwrap_or("-"),
            error["reason"].as_str().unwrap_or("-"),
            elapsed.as_secs_f64() * 1000.0,
            rss_mb(pid) - before
        );
    }
    Ok(())
}

#[derive(Clone)]
struct Api {
    http: reqwest::Client,
    url: String,
}

#[derive(Clone)]
struct TenantTokens {
    operator: String,
    helpdesk: String,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Me,
    Page,
    Dashboard,
    Summary,
    Csv,
    Tickets,
    Healthz,
    Bomb,
}

impl Kind {
    const ALL: [Kind; 8] = [
        Kind::Me,
        Kind::Page,
        Kind::Dashboard,
        Kind::Summary,
        Kind::Csv,
        Kind::Tickets,
        Kind::Healthz,
        Kind::Bomb,
    ];

    /// 30% me, 20% pages, 10% dashboard(first: 100), 10% summaries,
    /// 5% CSV exports, 5% tickets, 15% /healthz, 5% fragment bombs.
    fn pick(n: u64) -> Kind {
        match n % 20 {
            0..=5 => Kind::Me,
            6..=9 => Kind::Page,
            10 | 11 => Kind::Dashboard,
            12 | 13 => Kind::Summary,
            14 => Kind::Csv,
            15 => Kind::Tickets,
            16..=18 => Kind::Healthz,
            _ => Kind::Bomb,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Ok,
    Shed,
    Error,
}

impl Api {
    async fn post(&self, token: Option<&str>, body: &Value) -> Result<Value> {
        let mut request = self.http.post(format!("{}/graphql", self.url)).json(body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await?;
        let status = response.status();
        let answer: Value = response
            .json()
            .await
            .with_context(|| format!("HTTP {status}"))?;
        Ok(answer)
    }

    async fn post_text(&self, token: Option<&str>, body: &Value) -> Result<String> {
        let mut request = self.http.post(format!("{}/graphql", self.url)).json(body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        Ok(request.send().await?.text().await?)
    }

    async fn login(&self, email: &str, password: &str) -> Result<String> {
        let answer = self
            .post(None, &json!({ "query": "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }", "variables": { "e": email, "p": password } }))
            .await?;
        answer["data"]["login"]["accessToken"]
            .as_str()
            .map(str::to_owned)
            .with_context(|| format!("login {email}: {answer}"))
    }

    async fn run(&self, kind: Kind, tokens: &TenantTokens) -> (Duration, Outcome) {
        let started = Instant::now();
        if kind == Kind::Healthz {
            let ok = self
                .http
                .get(format!("{}/healthz", self.url))
                .send()
                .await
                .is_ok_and(|r| r.status().is_success());
            return (
                started.elapsed(),
                if ok { Outcome::Ok } else { Outcome::Error },
            );
        }
        let (token, query) = match kind {
            Kind::Me => (
                Some(&tokens.helpdesk),
                "{ me { id email tenant { name } } }".to_owned(),
            ),
            Kind::Page => (
                Some(&tokens.helpdesk),
                "{ establishments(first: 20) { nodes { uai name commune } } }".to_owned(),
            ),
            Kind::Dashboard => (
                Some(&tokens.operator),
                "{ dashboard(first: 100) { rows { uai name errors modelStatus } } }".to_owned(),
            ),
            Kind::Summary => (
                Some(&tokens.operator),
                "{ basesSummary { bases withErrors } }".to_owned(),
            ),
            Kind::Csv => (Some(&tokens.operator), "{ establishmentsCsv }".to_owned()),
            Kind::Tickets => (
                Some(&tokens.helpdesk),
                "{ tickets(first: 20) { nodes { id title } } }".to_owned(),
            ),
            Kind::Bomb => (None, fragment_chain(25)),
            Kind::Healthz => unreachable!(),
        };
        let answer = self
            .post(token.map(String::as_str), &json!({ "query": query }))
            .await;
        let outcome = match answer {
            Err(_) => Outcome::Error,
            Ok(answer) => match answer["errors"][0]["extensions"]["code"].as_str() {
                None => Outcome::Ok,
                Some("RATE_LIMITED") => Outcome::Shed,
                Some("VALIDATION") if kind == Kind::Bomb => Outcome::Ok,
                Some(_) => Outcome::Error,
            },
        };
        (started.elapsed(), outcome)
    }
}

async fn seed_tenant(
    api: &Api,
    admin: &str,
    slug: &str,
    establishments: usize,
) -> Result<TenantTokens> {
    let created = api.post(Some(admin), &json!({ "query": "mutation($i: CreateTenantInput!) { createTenant(input: $i) { id } }", "variables": { "i": { "slug": slug, "name": format!("Opérateur {slug}"), "contactEmail": format!("contact@{slug}.test"), "helpdeskEmail": format!("assistance@{slug}.test") } } })).await?;
    let tenant = created["data"]["createTenant"]["id"]
        .as_str()
        .with_context(|| format!("{created}"))?
        .to_owned();
    for role in ["OPERATOR_ADMIN", "HELPDESK"] {
        let email = format!("{}@{slug}.test", role.to_lowercase());
        let answer = api.post(Some(admin), &json!({ "query": "mutation($i: CreateUserInput!) { createUser(input: $i) { id } }", "variables": { "i": { "email": email, "displayName": "Mesure", "role": role, "tenantId": tenant, "password": PASSWORD } } })).await?;
        if answer["errors"].is_array() {
            bail!("createUser: {answer}");
        }
    }
    let operator = api
        .login(&format!("operator_admin@{slug}.test"), PASSWORD)
        .await?;
    let helpdesk = api
        .login(&format!("helpdesk@{slug}.test"), PASSWORD)
        .await?;
    let letters = b"ABCDEFGHJKLMNPRSTUVWXYZ";
    let offset = if slug.ends_with('a') {
        410_000
    } else {
        450_000
    };
    let mut csv = String::from(
        "Identifiant_de_l_etablissement;Nom_etablissement;Type_etablissement;Code_postal;Nom_commune;Libelle_academie;Etat\n",
    );
    for i in 0..establishments {
        let number = offset + i;
        let letter = letters[number % 23] as char;
        csv.push_str(&format!(
            "{number:07}{letter};Établissement {i};Collège;41000;Blois;Orléans-Tours;OUVERT\n"
        ));
    }
    let imported = api.post(Some(&operator), &json!({ "query": "mutation($i: ImportEstablishmentsInput!) { importEstablishments(input: $i) { created } }", "variables": { "i": { "contentBase64": base64::engine::general_purpose::STANDARD.encode(csv), "commit": true } } })).await?;
    if imported["data"]["importEstablishments"]["created"] != json!(establishments) {
        bail!("import: {imported}");
    }
    let mut ids = Vec::new();
    let mut after = Value::Null;
    while ids.len() < 300 {
        let page = api.post(Some(&operator), &json!({ "query": "query($a: String) { establishments(first: 100, after: $a) { pageInfo { endCursor } nodes { id uai } } }", "variables": { "a": after } })).await?;
        for node in page["data"]["establishments"]["nodes"]
            .as_array()
            .with_context(|| format!("{page}"))?
        {
            ids.push((
                node["id"].as_str().unwrap_or_default().to_owned(),
                node["uai"].as_str().unwrap_or_default().to_owned(),
            ));
        }
        after = page["data"]["establishments"]["pageInfo"]["endCursor"].clone();
    }
    for (id, uai) in ids.iter().take(300) {
        let answer = api.post(Some(&operator), &json!({ "query": "mutation($i: CreateBaseInput!) { createBase(input: $i) { id } }", "variables": { "i": { "groupEstablishmentId": id, "fields": { "hosting": "HOSTED", "pronoteVersion": 2025, "schoolYear": "2025-2026", "publicUrl": format!("https://{}.index-education.net/pronote/", uai.to_lowercase()) } } } })).await?;
        if answer["errors"].is_array() {
            bail!("createBase: {answer}");
        }
    }
    Ok(TenantTokens { operator, helpdesk })
}

/// One client asking /healthz every 20 ms.
async fn probe_healthz(api: &Api, during: Duration) -> Vec<Duration> {
    let mut times = Vec::new();
    let end = Instant::now() + during;
    while Instant::now() < end {
        let started = Instant::now();
        let _ = api.http.get(format!("{}/healthz", api.url)).send().await;
        times.push(started.elapsed());
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    times
}

/// Tenant B's load on a thread, a runtime and an HTTP client of its own, so
/// that the flood's clients (this process's main runtime) reading large
/// answers do not delay B's timing: what is measured is the server.
async fn tenant_b_apart(
    url: &str,
    b: &TenantTokens,
    during: Duration,
) -> Result<(Vec<Duration>, usize)> {
    let (url, b) = (url.to_owned(), b.clone());
    tokio::task::spawn_blocking(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        runtime.block_on(async move {
            let http = reqwest::Client::builder()
                .timeout(Duration::from_secs(120))
                .build()?;
            let api = Api { http, url };
            Ok(tenant_b_load(&api, &b, during).await)
        })
    })
    .await?
}

/// Four clients of tenant B: me, a page of establishments, a page of bases.
async fn tenant_b_load(api: &Api, b: &TenantTokens, during: Duration) -> (Vec<Duration>, usize) {
    let mut tasks = Vec::new();
    for i in 0..4 {
        let (api, token) = (api.clone(), b.helpdesk.clone());
        tasks.push(tokio::spawn(async move {
            let queries = [
                "{ me { id email } }",
                "{ establishments(first: 20) { nodes { uai name } } }",
                "{ bases(first: 20) { nodes { groupUai } } }",
            ];
            let mut times = Vec::new();
            let mut errors = 0;
            let end = Instant::now() + during;
            let mut n = i;
            while Instant::now() < end {
                let started = Instant::now();
                let answer = api
                    .post(Some(&token), &json!({ "query": queries[n % 3] }))
                    .await;
                n += 1;
                times.push(started.elapsed());
                if !answer.is_ok_and(|a| a["errors"].is_null()) {
                    errors += 1;
                }
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
            (times, errors)
        }));
    }
    let mut all = Vec::new();
    let mut errors = 0;
    for task in tasks {
        if let Ok((times, e)) = task.await {
            all.extend(times);
            errors += e;
        }
    }
    (all, errors)
}

#[derive(Default)]
struct Stats {
    per_kind: Vec<(Kind, Vec<Duration>, u64, u64)>,
}

impl Stats {
    fn entry(&mut self, kind: Kind) -> &mut (Kind, Vec<Duration>, u64, u64) {
        let index = match self.per_kind.iter().position(|(k, ..)| *k == kind) {
            Some(index) => index,
            None => {
                self.per_kind.push((kind, Vec::new(), 0, 0));
                self.per_kind.len() - 1
            }
        };
        &mut self.per_kind[index]
    }

    fn add(&mut self, kind: Kind, elapsed: Duration, outcome: Outcome) {
        let entry = self.entry(kind);
        entry.1.push(elapsed);
        match outcome {
            Outcome::Ok => {}
            Outcome::Shed => entry.3 += 1,
            Outcome::Error => entry.2 += 1,
        }
    }

    fn merge(&mut self, other: Stats) {
        for (kind, times, errors, shed) in other.per_kind {
            let entry = self.entry(kind);
            entry.1.extend(times);
            entry.2 += errors;
            entry.3 += shed;
        }
    }

    fn print(&self, wall: Duration) {
        println!(
            "{:28} {:>9} {:>8} {:>8} {:>9} {:>9}",
            "", "requests", "errors", "shed", "p50 ms", "p99 ms"
        );
        let mut all = Vec::new();
        let (mut errors, mut shed) = (0, 0);
        for kind in Kind::ALL {
            if let Some((_, times, e, s)) = self.per_kind.iter().find(|(k, ..)| *k == kind) {
                let (p50, p99) = percentiles(times);
                println!(
                    "{:28} {:>9} {:>8} {:>8} {:>9.2} {:>9.2}",
                    format!("{kind:?}"),
                    times.len(),
                    e,
                    s,
                    p50,
                    p99
                );
                all.extend(times.iter().copied());
                errors += e;
                shed += s;
            }
        }
        let (p50, p99) = percentiles(&all);
        println!(
            "{:28} {:>9} {:>8} {:>8} {:>9.2} {:>9.2}   ({:.0} req/s)",
            "all",
            all.len(),
            errors,
            shed,
            p50,
            p99,
            all.len() as f64 / wall.as_secs_f64()
        );
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

fn hwm_mb(pid: u32) -> f64 {
    status_kb(pid, "VmHWM:") / 1024.0
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
                tokio::time::sleep(Duration::from_millis(100)).await;
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

fn fragment_chain(k: usize) -> String {
    let mut text = String::from("{ me { ...G0 } }\n");
    for i in 0..k {
        text.push_str(&format!(
            "fragment G{i} on User {{ ...G{n} ...G{n} }}\n",
            n = i + 1
        ));
    }
    text.push_str(&format!("fragment G{k} on User {{ id }}\n"));
    text
}
