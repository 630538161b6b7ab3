//! The cluster test (issue 18, PostgreSQL half of `make test`): three
//! `relais serve` processes (the tests' copy of the binary) on one
//! PostgreSQL database and one S3 server (Garage), behind HAProxy on
//! loopback, sending their e-mails to MailDev. A bounded load (logins,
//! dashboard, ticket openings, versioned base changes, an upload) runs for
//! a fixed time while replica `r1` is killed with SIGKILL and restarted and
//! replica `r2` is stopped with SIGTERM and restarted. Meanwhile a model
//! feed served by the test changes, so a refresh (every 2 s, on whichever
//! replica takes the tick) leaves a base with a pending update.
//!
//! Asserted, and printed: requests sent, errors (only requests in flight on
//! the killed replica; none on the stopped one), p50/p99; no lost update;
//! the settings untouched by the refresh; the feed fetched at most once
//! per tick across the cluster; each e-mail delivered once (at most one
//! duplicate of a message, with its Message-ID, for messages in flight at
//! the SIGKILL); the pending update mailed once to each operator and school
//! administrator; the per-address login limit enforced by every replica;
//! an event written by one replica heard by the others. No timed
//! assertion: the deadlines below only bound a wait for something that
//! must happen.
//!
//! Skipped (with `SKIPPED (…)`) without PostgreSQL, HAProxy, Garage or
//! MailDev, as the other tests that need them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use relais_store::entities::{job_lease, outbox_message};
use relais_tests::services::garage;
use relais_tests::services::maildev::MailDev;
use relais_tests::services::relais::RelaisProcess;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::helpers::*;
use crate::use_cases::{EstablishmentKind, NewBase, NewEstablishment};

const BINARY: &str = env!("CARGO_BIN_EXE_relais-test-server");
/// The same on every process (and in the test's own app).
const MASTER_KEY: &str = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
/// How long the load runs.
const LOAD: Duration = Duration::from_secs(20);
/// When, into the load, `r1` is killed and `r2` stopped.
const KILL_AT: Duration = Duration::from_secs(5);
const STOP_AT: Duration = Duration::from_secs(11);
/// Concurrent virtual clients.
const CLIENTS: usize = 6;
/// Login attempts per client address (all replicas together).
const PER_ADDRESS: u32 = 5;
/// The model refresh's tick (`jobs.model_refresh_tick_seconds`).
const TICK_SECONDS: u32 = 2;
const LYCEE: &str = "0410017W";
const COLLEGE: &str = "0410018X";

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn haproxy_binary() -> Option<PathBuf> {
    let on_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join("haproxy"))
            .find(|candidate| candidate.is_file())
    });
    on_path.or_else(|| {
        ["/usr/sbin/haproxy", "/usr/local/sbin/haproxy"]
            .into_iter()
            .map(PathBuf::from)
            .find(|candidate| candidate.is_file())
    })
}

/// HAProxy in front of the replicas: round robin, `/readyz` checked every
/// 250 ms, a refused connection retried on another replica, one server
/// connection per request (so a replica's shutdown never closes a
/// connection HAProxy is about to reuse), the client address forwarded,
/// and the replica that answered named in `X-Replica`.
struct HaProxy {
    child: Child,
    _dir: tempfile::TempDir,
}

impl HaProxy {
    fn start(binary: &Path, port: u16, replicas: &[u16]) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let mut config = format!(
            "global\n  maxconn 1024\n\
             defaults\n  mode http\n  timeout connect 2s\n  timeout client 60s\n  timeout server 60s\n  timeout check 1s\n  retries 3\n  option redispatch 1\n  option http-server-close\n  option forwardfor\n  http-reuse never\n\
             frontend relais\n  bind 127.0.0.1:{port}\n  default_backend replicas\n\
             backend replicas\n  balance roundrobin\n  option httpchk GET /readyz\n  default-server inter 250ms fall 1 rise 2\n  http-after-response set-header X-Replica %s\n"
        );
        for (i, replica) in replicas.iter().enumerate() {
            config.push_str(&format!("  server r{i} 127.0.0.1:{replica} check\n"));
        }
        let path = dir.path().join("haproxy.cfg");
        std::fs::write(&path, config).unwrap();
        let child = Command::new(binary)
            .arg("-db")
            .arg("-f")
            .arg(&path)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|err| panic!("haproxy cannot start: {err}"));
        Self { child, _dir: dir }
    }
}

impl Drop for HaProxy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A `relais-models/1` feed with NetO'Centre's CAS root.
fn feed(root: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListeModeles xmlns=\"urn:relais:models:1\" version=\"relais-models/1\">\n\
         <ENT><Nom>NetO'Centre</Nom><Localisation>Région Centre-Val de Loire</Localisation>\
         <PronoteNet><Url_ServeurCAS><UrlRacine>{root}</UrlRacine></Url_ServeurCAS>\
         <ModeIdentificationPremiereConnexion><AvecIdentite><AttributNom>nom</AttributNom>\
         <AttributPrenom>prenom</AttributPrenom><AttributDateNaissance>dateNaissance</AttributDateNaissance>\
         <AttributProfil>categories</AttributProfil><ValeursProfil><Profil code=\"ELEVE\">National_1</Profil>\
         <Profil code=\"PROFESSEUR\">National_3</Profil></ValeursProfil></AvecIdentite>\
         </ModeIdentificationPremiereConnexion></PronoteNet></ENT>\n</ListeModeles>\n"
    )
}

/// The feed server: counts the fetches; serves the first version until
/// `changed` is set, the second after.
async fn feed_server(hits: Arc<AtomicUsize>, changed: Arc<AtomicBool>) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/modeles.xml", listener.local_addr().unwrap());
    tokio::spawn(async move {
        loop {
            let Ok((mut socket, _)) = listener.accept().await else {
                continue;
            };
            hits.fetch_add(1, Ordering::SeqCst);
            let body = if changed.load(Ordering::SeqCst) {
                feed("https://cas.netocentre.fr/cas")
            } else {
                feed("https://ent.netocentre.fr/cas")
            };
            tokio::spawn(async move {
                let mut request = vec![0u8; 8192];
                let _ = socket.read(&mut request).await;
                let response = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = socket.write_all(response.as_bytes()).await;
                let _ = socket.shutdown().await;
            });
        }
    });
    url
}

/// One answer through HTTP.
struct Answer {
    status: u16,
    /// `X-Replica`, set by HAProxy.
    replica: Option<String>,
    body: Value,
}

async fn graphql(
    client: &reqwest::Client,
    base: &str,
    token: Option<&str>,
    forwarded_for: Option<&str>,
    query: &str,
    variables: Value,
) -> Result<Answer, String> {
    let mut request = client
        .post(format!("{base}/graphql"))
        .json(&json!({ "query": query, "variables": variables }));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some(address) = forwarded_for {
        request = request.header("X-Forwarded-For", address);
    }
    let response = request.send().await.map_err(|err| error_chain(&err))?;
    answer(response).await
}

/// An error and its causes, on one line.
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    text
}

async fn answer(response: reqwest::Response) -> Result<Answer, String> {
    let status = response.status().as_u16();
    let replica = response
        .headers()
        .get("x-replica")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let text = response.text().await.map_err(|err| err.to_string())?;
    Ok(Answer {
        status,
        replica,
        body: serde_json::from_str(&text).unwrap_or(Value::String(text)),
    })
}

/// What one request of the load did.
#[derive(Debug, Clone)]
struct Outcome {
    op: &'static str,
    at: Duration,
    elapsed: Duration,
    replica: Option<String>,
    /// `None`: answered; `Some`: an error (status, transport or GraphQL).
    error: Option<String>,
    /// A versioned update: the version it wrote, or a conflict.
    version: Option<i64>,
    conflict: bool,
}

struct LoadContext {
    client: reqwest::Client,
    front: String,
    operator_email: String,
    operator: String,
    school: String,
    lycee: String,
    college_base: String,
    started: Instant,
}

impl LoadContext {
    async fn call(
        &self,
        op: &'static str,
        token: Option<&str>,
        forwarded_for: Option<&str>,
        query: &str,
        variables: Value,
    ) -> (Outcome, Value) {
        let at = self.started.elapsed();
        let sent = Instant::now();
        let result = graphql(
            &self.client,
            &self.front,
            token,
            forwarded_for,
            query,
            variables,
        )
        .await;
        self.outcome(op, at, sent, result)
    }

    fn outcome(
        &self,
        op: &'static str,
        at: Duration,
        sent: Instant,
        result: Result<Answer, String>,
    ) -> (Outcome, Value) {
        let elapsed = sent.elapsed();
        let mut outcome = Outcome {
            op,
            at,
            elapsed,
            replica: None,
            error: None,
            version: None,
            conflict: false,
        };
        match result {
            Err(error) => {
                outcome.error = Some(format!("transport: {error}"));
                (outcome, Value::Null)
            }
            Ok(answer) => {
                outcome.replica = answer.replica.clone();
                let code = answer.body["errors"][0]["extensions"]["code"]
                    .as_str()
                    .map(str::to_owned);
                if answer.status != 200 {
                    outcome.error = Some(format!("HTTP {}", answer.status));
                } else if code.as_deref() == Some("CONFLICT") && op == "update" {
                    outcome.conflict = true;
                } else if !answer.body["errors"].is_null() {
                    outcome.error = Some(format!("GraphQL {}", answer.body["errors"]));
                }
                (outcome, answer.body)
            }
        }
    }
}

/// One virtual client: logins (each from its own address), the dashboard,
/// a ticket, a versioned change of the college's base, and now and then
/// an attachment to its last ticket, until `until`.
async fn client_loop(context: Arc<LoadContext>, client: usize, until: Instant) -> Vec<Outcome> {
    let mut outcomes = Vec::new();
    let mut ticket: Option<String> = None;
    let mut step = 0usize;
    while Instant::now() < until {
        step += 1;
        match step % 5 {
            0 => {
                let address = format!("10.{}.{}.{}", 100 + client, step / 250, step % 250);
                let (outcome, _) = context
                    .call(
                        "login",
                        None,
                        Some(&address),
                        "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }",
                        json!({ "e": context.operator_email, "p": USER_PASSWORD }),
                    )
                    .await;
                outcomes.push(outcome);
            }
            1 => {
                let (outcome, _) = context
                    .call(
                        "dashboard",
                        Some(&context.operator),
                        None,
                        "{ dashboard(first: 10) { rows { uai model modelStatus } } }",
                        json!({}),
                    )
                    .await;
                outcomes.push(outcome);
            }
            2 => {
                let (outcome, body) = context
                    .call(
                        "ticket",
                        Some(&context.school),
                        None,
                        "mutation($i: OpenTicketInput!) { openTicket(input: $i) { id } }",
                        json!({ "i": {
                            "establishmentId": context.lycee,
                            "category": "OTHER",
                            "title": format!("Essai de charge {client}-{step}"),
                            "description": "La connexion par l'ENT échoue pour un professeur.",
                        }}),
                    )
                    .await;
                if let Some(id) = body["data"]["openTicket"]["id"].as_str() {
                    ticket = Some(id.to_owned());
                }
                outcomes.push(outcome);
            }
            3 => {
                // Read the version, write with it; a conflict is the
                // expected answer when another client wrote in between.
                let (read, body) = context
                    .call(
                        "read",
                        Some(&context.operator),
                        None,
                        "query($id: ID!) { base(id: $id) { version } }",
                        json!({ "id": context.college_base }),
                    )
                    .await;
                let version = body["data"]["base"]["version"].as_i64();
                outcomes.push(read);
                if let Some(version) = version {
                    let (mut outcome, body) = context
                        .call(
                            "update",
                            Some(&context.operator),
                            None,
                            "mutation($id: ID!, $v: Int!, $y: Int!) { updateBase(id: $id, version: $v, fields: { hosting: HOSTED, schoolYear: \"2026-2027\", pronoteVersion: $y }) { version } }",
                            json!({ "id": context.college_base, "v": version, "y": 2010 + (step % 90) }),
                        )
                        .await;
                    outcome.version = body["data"]["updateBase"]["version"].as_i64();
                    outcomes.push(outcome);
                }
            }
            _ => {
                if let (Some(ticket), true) = (&ticket, step % 20 == 4) {
                    let at = context.started.elapsed();
                    let sent = Instant::now();
                    let operations = json!({
                        "query": "mutation($t: ID!, $file: Upload!) { attachToTicket(ticketId: $t, file: $file) { id } }",
                        "variables": { "t": ticket, "file": null },
                    });
                    let form = reqwest::multipart::Form::new()
                        .text("operations", operations.to_string())
                        .text("map", json!({ "0": ["variables.file"] }).to_string())
                        .part(
                            "0",
                            reqwest::multipart::Part::bytes(vec![b'x'; 64 * 1024])
                                .file_name("capture.txt"),
                        );
                    let result = match context
                        .client
                        .post(format!("{}/graphql", context.front))
                        .bearer_auth(&context.school)
                        .multipart(form)
                        .send()
                        .await
                    {
                        Ok(response) => answer(response).await,
                        Err(err) => Err(error_chain(&err)),
                    };
                    outcomes.push(context.outcome("upload", at, sent, result).0);
                } else {
                    let (outcome, _) = context
                        .call(
                            "dashboard",
                            Some(&context.operator),
                            None,
                            "{ dashboard(first: 10) { rows { uai model modelStatus } } }",
                            json!({}),
                        )
                        .await;
                    outcomes.push(outcome);
                }
            }
        }
    }
    outcomes
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// Waits for `what` to hold, at most `limit` (a bound on a wait, not an
/// assertion on time).
async fn eventually<F, Fut>(limit: Duration, what: &str, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let until = Instant::now() + limit;
    while !check().await {
        assert!(Instant::now() < until, "never happened: {what}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

fn start(env: Vec<(&'static str, String)>) -> RelaisProcess {
    RelaisProcess::serve(Path::new(BINARY), &env).unwrap_or_else(|err| panic!("{err}"))
}

async fn start_replica(env: Vec<(&'static str, String)>) -> RelaisProcess {
    tokio::task::spawn_blocking(move || start(env))
        .await
        .unwrap()
}

/// Lines of a replica's log that are domain events naming `id`.
fn events_naming(process: &RelaisProcess, id: &str) -> usize {
    process
        .output()
        .lines()
        .filter(|line| line.contains("domain event") && line.contains(id))
        .count()
}

#[tokio::test]
async fn three_replicas_behind_haproxy_survive_a_kill_and_a_stop() {
    if relais_tests::services::postgres::skipped() {
        relais_tests::services::skip("PostgreSQL absent");
        return;
    }
    let Some(haproxy) = haproxy_binary() else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "HAProxy est absent alors que CI=true : lancez scripts/ensure-test-tools.sh"
        );
        relais_tests::services::skip("HAProxy absent");
        return;
    };
    let Some(s3) = garage::test_bucket()
        .await
        .unwrap_or_else(|err| panic!("{err}"))
    else {
        return;
    };
    let Some(maildev) = MailDev::start().await.unwrap_or_else(|err| panic!("{err}")) else {
        relais_tests::services::skip("MailDev absent");
        return;
    };

    // The database, migrated, and the fixture, written through an
    // in-process app on it (its jobs do not run).
    let app = spawn_app_with(Backend::Postgres, |s| {
        s.models.allow_http = true;
        s.models.allowed_networks = vec!["127.0.0.0/8".to_owned()];
        s.storage.master_key = Some(secrecy::SecretString::from(MASTER_KEY));
    })
    .await;
    let database_url = app.settings.database_url().unwrap();
    let admin = app.admin_token().await;
    let tenant = app.create_tenant(&admin, "alpha").await;
    let other_tenant = app.create_tenant(&admin, "beta").await;
    let mut users = BTreeMap::new();
    for (email, role) in [
        ("operator_admin@alpha.test", "OPERATOR_ADMIN"),
        ("operateur2@alpha.test", "OPERATOR_ADMIN"),
        ("helpdesk@alpha.test", "HELPDESK"),
        ("school_admin@alpha.test", "SCHOOL_ADMIN"),
        ("operator_admin@beta.test", "OPERATOR_ADMIN"),
    ] {
        let tenant = if email.ends_with("beta.test") {
            &other_tenant
        } else {
            &tenant
        };
        let created = app
            .create_user(&admin, email, role, Some(tenant.as_str()))
            .await;
        let id = created["data"]["createUser"]["id"]
            .as_str()
            .unwrap_or_else(|| panic!("{created}"))
            .to_owned();
        users.insert(email, id);
    }
    let operator = app.token("operator_admin@alpha.test", USER_PASSWORD).await;
    let school = app.token("school_admin@alpha.test", USER_PASSWORD).await;
    let mut establishments = Vec::new();
    let mut bases = Vec::new();
    for (uai, name, kind) in [
        (LYCEE, "Lycée Augustin Thierry", EstablishmentKind::LYCEE),
        (COLLEGE, "Collège Michel Bégon", EstablishmentKind::COLLEGE),
    ] {
        let establishment = app
            .create_establishment(&operator, NewEstablishment::of_kind(kind, uai, name))
            .await;
        let public_url = format!("https://{}.index-education.net/pronote", uai.to_lowercase());
        let base = NewBase::hosted(&establishment).at(&public_url);
        bases.push(app.create_base(&operator, base).await.id);
        app.grant_establishment(&operator, &users["school_admin@alpha.test"], &establishment)
            .await;
        establishments.push(establishment);
    }
    let (lycee_base, college_base) = (bases[0].clone(), bases[1].clone());

    // The feed, due every second: each tick of the cluster fetches it.
    let hits = Arc::new(AtomicUsize::new(0));
    let changed = Arc::new(AtomicBool::new(false));
    let feed_url = feed_server(hits.clone(), changed.clone()).await;
    let source = app
        .graphql(
            Some(&operator),
            "mutation($u: String!) { createModelSource(input: { name: \"Flux régional\", feedUrl: $u, cron: \"* * * * * *\", allowHttpForTesting: true }) { id } }",
            json!({ "u": feed_url }),
        )
        .await;
    let source = source["data"]["createModelSource"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{source}"))
        .to_owned();

    // Three replicas and HAProxy.
    let ports: Vec<u16> = (0..3).map(|_| free_port()).collect();
    let front_port = free_port();
    let front = format!("http://127.0.0.1:{front_port}");
    let config_dir = tempfile::tempdir().unwrap();
    let config = config_dir.path().join("relais.toml");
    std::fs::write(
        &config,
        format!(
            r#"[http]
host = "127.0.0.1"
trust_forwarded_for = true
workers = 2
public_url = "{front}"

[database]
url = "{database_url}"
run_migrations = false
max_connections = 4

[auth]
jwt_secret = "{JWT_SECRET}"
login_attempts_per_address = {PER_ADDRESS}

[graphql.expensive]
connections = 2

[jobs]
enabled = true
model_refresh_tick_seconds = {TICK_SECONDS}

[models]
allow_http = true
allowed_networks = ["127.0.0.0/8"]

[storage]
backend = "s3"
master_key = "{MASTER_KEY}"

[storage.s3]
endpoint = "{endpoint}"
region = "{region}"
bucket = "{bucket}"
path_style = true
access_key_id = "{key_id}"
secret_access_key = "{secret}"

[mail]
transport = "smtp"
from = "Relais <relais@relais.test>"
send_interval_seconds = 1
lease_seconds = 6

[mail.smtp]
host = "127.0.0.1"
port = {smtp}
tls = "none"
timeout_seconds = 5

[shutdown]
drain_seconds = 3
timeout_seconds = 10

[log]
format = "json"
level = "info"
"#,
            endpoint = s3.endpoint.clone().unwrap_or_default(),
            region = s3.region,
            bucket = s3.bucket,
            key_id = s3.access_key_id.clone().unwrap_or_default(),
            secret = s3.secret_access_key.clone().unwrap_or_default(),
            smtp = maildev.smtp_port(),
        ),
    )
    .unwrap();
    let data_dirs: Vec<tempfile::TempDir> = (0..3).map(|_| tempfile::tempdir().unwrap()).collect();
    let env_of = |i: usize| -> Vec<(&'static str, String)> {
        vec![
            ("RELAIS_CONFIG", config.display().to_string()),
            ("RELAIS_DATA_DIR", data_dirs[i].path().display().to_string()),
            ("RELAIS_HTTP__PORT", ports[i].to_string()),
        ]
    };
    let mut replicas: Vec<Option<RelaisProcess>> = Vec::new();
    for i in 0..3 {
        replicas.push(Some(start_replica(env_of(i)).await));
    }
    let _haproxy = HaProxy::start(&haproxy, front_port, &ports);
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap();
    eventually(Duration::from_secs(30), "HAProxy serves /readyz", || {
        let client = client.clone();
        let front = front.clone();
        async move {
            client
                .get(format!("{front}/readyz"))
                .send()
                .await
                .is_ok_and(|r| r.status() == 200)
        }
    })
    .await;

    // A replica's tick installs the first version; the school applies it.
    eventually(
        Duration::from_secs(60),
        "the feed's first version installed",
        || {
            let client = client.clone();
            let front = front.clone();
            let operator = operator.clone();
            async move {
                graphql(
                    &client,
                    &front,
                    Some(&operator),
                    None,
                    "{ models { name } }",
                    json!({}),
                )
                .await
                .is_ok_and(|a| a.body["data"]["models"] == json!([{ "name": "NetO'Centre" }]))
            }
        },
    )
    .await;
    let models = graphql(
        &client,
        &front,
        Some(&operator),
        None,
        "{ models { id } }",
        json!({}),
    )
    .await
    .unwrap();
    let model = models.body["data"]["models"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let applied = graphql(
        &client,
        &front,
        Some(&school),
        None,
        "mutation($b: ID!, $m: ID!) { applyModel(baseId: $b, modelId: $m, expectedVersion: 1) { base { version } } }",
        json!({ "b": lycee_base, "m": model }),
    )
    .await
    .unwrap();
    assert!(
        applied.body["data"]["applyModel"].is_object(),
        "{}",
        applied.body
    );
    let settings_query = "query($id: ID!) { base(id: $id) { version settings { casUrls { root } } model { pendingUpdate { toRevision } } } }";
    let before = graphql(
        &client,
        &front,
        Some(&operator),
        None,
        settings_query,
        json!({ "id": lycee_base }),
    )
    .await
    .unwrap()
    .body["data"]["base"]
        .clone();
    let college_version = graphql(
        &client,
        &front,
        Some(&operator),
        None,
        "query($id: ID!) { base(id: $id) { version } }",
        json!({ "id": college_base }),
    )
    .await
    .unwrap()
    .body["data"]["base"]["version"]
        .as_i64()
        .unwrap();

    // The load; the feed changes as it starts.
    changed.store(true, Ordering::SeqCst);
    let started = Instant::now();
    let until = started + LOAD;
    // One connection per request, as many distinct clients would: a
    // request is never the second on a connection, which HAProxy closes
    // without an answer when its replica dies (the client may retry it).
    let load_client = reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap();
    let context = Arc::new(LoadContext {
        client: load_client,
        front: front.clone(),
        operator_email: "operator_admin@alpha.test".into(),
        operator: operator.clone(),
        school: school.clone(),
        lycee: establishments[0].clone(),
        college_base: college_base.clone(),
        started,
    });
    let clients: Vec<_> = (0..CLIENTS)
        .map(|i| tokio::spawn(client_loop(context.clone(), i, until)))
        .collect();

    tokio::time::sleep_until((started + KILL_AT).into()).await;
    let killed_at = started.elapsed();
    let mut killed = replicas[1].take().unwrap();
    killed.signal("KILL").unwrap();
    let killed_status = tokio::task::spawn_blocking(move || killed.wait(Duration::from_secs(10)))
        .await
        .unwrap()
        .unwrap();
    // Requests sent before this may have been in flight on it.
    let dead_at = started.elapsed();
    replicas[1] = Some(start_replica(env_of(1)).await);
    let back_after_kill = started.elapsed();

    tokio::time::sleep_until((started + STOP_AT).into()).await;
    let stopped_at = started.elapsed();
    let mut stopped = replicas[2].take().unwrap();
    stopped.signal("TERM").unwrap();
    let (stopped_status, stopped_output) = tokio::task::spawn_blocking(move || {
        let status = stopped.wait(Duration::from_secs(30));
        (status, stopped.output())
    })
    .await
    .unwrap();
    let stopped_status = stopped_status.unwrap_or_else(|err| panic!("{err}\n{stopped_output}"));
    replicas[2] = Some(start_replica(env_of(2)).await);
    let back_after_stop = started.elapsed();

    let mut outcomes: Vec<Outcome> = Vec::new();
    for client in clients {
        outcomes.extend(client.await.unwrap());
    }
    let load_time = started.elapsed();

    // Figures.
    let errors: Vec<&Outcome> = outcomes.iter().filter(|o| o.error.is_some()).collect();
    let mut latencies: Vec<Duration> = outcomes.iter().map(|o| o.elapsed).collect();
    latencies.sort();
    let mut by_op: BTreeMap<&str, usize> = BTreeMap::new();
    for outcome in &outcomes {
        *by_op.entry(outcome.op).or_default() += 1;
    }
    let mut by_replica: BTreeMap<String, usize> = BTreeMap::new();
    for outcome in &outcomes {
        *by_replica
            .entry(outcome.replica.clone().unwrap_or_else(|| "?".into()))
            .or_default() += 1;
    }
    println!(
        "cluster: {} requests in {:.1} s ({:.0}/s), {} errors, p50 {:.1} ms, p99 {:.1} ms; by kind {by_op:?}; by replica {by_replica:?}",
        outcomes.len(),
        load_time.as_secs_f64(),
        outcomes.len() as f64 / load_time.as_secs_f64(),
        errors.len(),
        percentile(&latencies, 50.0).as_secs_f64() * 1000.0,
        percentile(&latencies, 99.0).as_secs_f64() * 1000.0,
    );
    println!(
        "cluster: r1 SIGKILL at {:.1} s ({killed_status}), back at {:.1} s; r2 SIGTERM at {:.1} s ({stopped_status}), back at {:.1} s",
        killed_at.as_secs_f64(),
        back_after_kill.as_secs_f64(),
        stopped_at.as_secs_f64(),
        back_after_stop.as_secs_f64(),
    );
    for error in &errors {
        println!(
            "cluster: error at {:.2} s on {:?} ({}): {}",
            error.at.as_secs_f64(),
            error.replica,
            error.op,
            error.error.as_deref().unwrap_or_default()
        );
    }

    // Errors: only requests in flight on the killed replica, sent before
    // it was killed; none on the one stopped with SIGTERM.
    assert!(outcomes.len() > 100, "too small a load: {}", outcomes.len());
    assert!(stopped_status.success(), "SIGTERM: {stopped_status}");
    for error in &errors {
        assert_eq!(
            error.replica.as_deref(),
            Some("r1"),
            "an error elsewhere than on the killed replica: {error:?}"
        );
        assert!(
            error.at <= dead_at,
            "an error on a request sent after the kill: {error:?}"
        );
    }
    assert!(
        errors.len() <= CLIENTS,
        "more errors than requests in flight: {}",
        errors.len()
    );

    // No lost update: every accepted write got its own version, and the
    // base's version counts them all (plus, at most, writes in flight on
    // the killed replica that committed unanswered).
    let written: Vec<i64> = outcomes.iter().filter_map(|o| o.version).collect();
    let distinct: BTreeSet<i64> = written.iter().copied().collect();
    assert_eq!(
        distinct.len(),
        written.len(),
        "two writes got one version: {written:?}"
    );
    let conflicts = outcomes.iter().filter(|o| o.conflict).count();
    let final_version = graphql(
        &client,
        &front,
        Some(&operator),
        None,
        "query($id: ID!) { base(id: $id) { version } }",
        json!({ "id": college_base }),
    )
    .await
    .unwrap()
    .body["data"]["base"]["version"]
        .as_i64()
        .unwrap();
    let lost_in_flight = errors.iter().filter(|e| e.op == "update").count() as i64;
    println!(
        "cluster: base versions {college_version} → {final_version}: {} writes accepted, {conflicts} refused as conflicts",
        written.len()
    );
    assert!(!written.is_empty());
    assert!(
        final_version >= college_version + written.len() as i64
            && final_version <= college_version + written.len() as i64 + lost_in_flight,
        "lost update: {college_version} + {} writes ≠ {final_version}",
        written.len()
    );

    // The refresh left a pending update and no setting changed.
    eventually(
        Duration::from_secs(60),
        "the pending update recorded",
        || {
            let client = client.clone();
            let front = front.clone();
            let operator = operator.clone();
            let id = lycee_base.clone();
            async move {
                graphql(
                    &client,
                    &front,
                    Some(&operator),
                    None,
                    settings_query,
                    json!({ "id": id }),
                )
                .await
                .is_ok_and(|a| a.body["data"]["base"]["model"]["pendingUpdate"]["toRevision"] == 2)
            }
        },
    )
    .await;
    let after = graphql(
        &client,
        &front,
        Some(&operator),
        None,
        settings_query,
        json!({ "id": lycee_base }),
    )
    .await
    .unwrap()
    .body["data"]["base"]
        .clone();
    assert_eq!(after["settings"], before["settings"]);
    assert_eq!(after["version"], before["version"]);

    // Each feed fetched at most once per tick across the cluster: one
    // fetch per period taken (a lease row); a replica killed between
    // taking a period and fetching leaves one period without a fetch.
    let fetched = hits.load(Ordering::SeqCst);
    let periods = job_lease::Entity::find()
        .filter(job_lease::Column::Name.starts_with(format!("model-feed:{source}:")))
        .all(app.store.connection())
        .await
        .unwrap()
        .len();
    println!(
        "cluster: feed fetched {fetched} times for {periods} ticks taken ({TICK_SECONDS} s each)"
    );
    assert!(fetched >= 2, "the feed was fetched {fetched} times");
    assert!(
        fetched <= periods && periods - fetched <= 1,
        "{fetched} fetches for {periods} ticks"
    );

    // The per-address login limit, across replicas: attempts from one
    // address spread over the three, then refused by each.
    let direct: Vec<String> = ports
        .iter()
        .map(|p| format!("http://127.0.0.1:{p}"))
        .collect();
    let login =
        "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }";
    for i in 0..PER_ADDRESS as usize {
        let answer = graphql(
            &client,
            &direct[i % 3],
            None,
            Some("10.250.0.7"),
            login,
            json!({ "e": format!("inconnu{i}@alpha.test"), "p": "x" }),
        )
        .await
        .unwrap();
        assert_eq!(
            error_code(&answer.body),
            "UNAUTHENTICATED",
            "{}",
            answer.body
        );
    }
    for replica in &direct {
        let answer = graphql(
            &client,
            replica,
            None,
            Some("10.250.0.7"),
            login,
            json!({ "e": "operator_admin@alpha.test", "p": USER_PASSWORD }),
        )
        .await
        .unwrap();
        assert_eq!(
            error_code(&answer.body),
            "RATE_LIMITED",
            "{replica}: {}",
            answer.body
        );
    }
    println!("cluster: login limit of {PER_ADDRESS} per address held on the three replicas");

    // An event written through r0 reaches r1's and r2's subscribers (their
    // event log).
    let heard_before: Vec<usize> = replicas
        .iter()
        .map(|r| events_naming(r.as_ref().unwrap(), &other_tenant))
        .collect();
    let renamed = graphql(
        &client,
        &direct[0],
        Some(&admin),
        None,
        "mutation($id: ID!) { updateTenant(id: $id, input: { name: \"Région renommée\" }) { name } }",
        json!({ "id": other_tenant }),
    )
    .await
    .unwrap();
    assert!(renamed.body["errors"].is_null(), "{}", renamed.body);
    for i in [1, 2] {
        let replica = replicas[i].as_ref().unwrap();
        let until = Instant::now() + Duration::from_secs(30);
        while events_naming(replica, &other_tenant) <= heard_before[i] {
            assert!(
                Instant::now() < until,
                "r{i} never heard the event:\n{}",
                replica.output()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
    println!("cluster: an event written through r0 was heard by r1 and r2");

    // Every e-mail delivered: the outbox drained, each message in MailDev
    // once, at most one duplicate (same Message-ID) of a message in flight
    // at the SIGKILL.
    eventually(Duration::from_secs(90), "the outbox drained", || {
        let store = app.store.clone();
        async move {
            outbox_message::Entity::find()
                .filter(outbox_message::Column::Status.ne("SENT"))
                .all(store.connection())
                .await
                .is_ok_and(|rows| rows.is_empty())
        }
    })
    .await;
    let sent = outbox_message::Entity::find()
        .all(app.store.connection())
        .await
        .unwrap();
    let emails = maildev.wait_for(sent.len()).await.unwrap();
    tokio::time::sleep(Duration::from_millis(500)).await;
    let emails = maildev.emails().await.unwrap().max_by_len(emails);
    let mut delivered: BTreeMap<String, usize> = BTreeMap::new();
    for email in &emails {
        let id = email["headers"]["message-id"]
            .as_str()
            .or_else(|| email["messageId"].as_str())
            .unwrap_or_default()
            .trim()
            .to_owned();
        *delivered.entry(id).or_default() += 1;
    }
    let duplicates: Vec<(&String, &usize)> = delivered.iter().filter(|(_, n)| **n > 1).collect();
    println!(
        "cluster: {} e-mails written, {} delivered, {} duplicated (Message-ID seen twice)",
        sent.len(),
        emails.len(),
        duplicates.len()
    );
    for row in &sent {
        assert!(
            delivered.contains_key(row.message_id.trim()),
            "never delivered: {} {}",
            row.kind,
            row.message_id
        );
    }
    assert!(duplicates.iter().all(|(_, n)| **n == 2), "{duplicates:?}");
    assert_eq!(delivered.len(), sent.len(), "unknown messages in MailDev");

    // The pending update, mailed once to each operator administrator of
    // the tenant and to the school administrator, never to the other
    // tenant.
    let mut notified: Vec<(String, String)> = sent
        .iter()
        .filter(|row| row.kind.starts_with("MODEL_UPDATE"))
        .map(|row| (row.to_addresses.clone(), row.kind.clone()))
        .collect();
    notified.sort();
    assert_eq!(
        notified,
        vec![
            (
                "[\"operateur2@alpha.test\"]".to_owned(),
                "MODEL_UPDATE_DIGEST".to_owned()
            ),
            (
                "[\"operator_admin@alpha.test\"]".to_owned(),
                "MODEL_UPDATE_DIGEST".to_owned()
            ),
            (
                "[\"school_admin@alpha.test\"]".to_owned(),
                "MODEL_UPDATE_PENDING".to_owned()
            ),
        ]
    );
    println!("cluster: the pending update was mailed once to each of the 3 administrators");
}

trait Longest {
    fn max_by_len(self, other: Self) -> Self;
}

impl Longest for Vec<Value> {
    fn max_by_len(self, other: Self) -> Self {
        if self.len() >= other.len() {
            self
        } else {
            other
        }
    }
}

/// The throughput of the mixed load (the cluster test's clients: logins,
/// dashboard, tickets, versioned changes, uploads) through HAProxy with 1,
/// 2 and 3 replicas on one PostgreSQL, printed with the ratio to one
/// replica. On a 2-core machine the replicas share the cores with
/// PostgreSQL, HAProxy and the clients: the ratio is the overhead of
/// spreading the load, not the scaling. A benchmark, not a check:
/// `scripts/with-postgres.sh cargo test --test api cluster::mixed_load -- --ignored --nocapture`
/// (`RELAIS_CLUSTER_BENCH_BIN=<a release relais>` for release figures).
#[tokio::test]
#[ignore = "benchmark"]
async fn mixed_load_throughput_with_1_2_3_replicas() {
    const SECONDS: u64 = 15;
    let Some(haproxy) = haproxy_binary() else {
        relais_tests::services::skip("HAProxy absent");
        return;
    };
    let Some(s3) = garage::test_bucket()
        .await
        .unwrap_or_else(|err| panic!("{err}"))
    else {
        return;
    };
    let binary = std::env::var("RELAIS_CLUSTER_BENCH_BIN").unwrap_or_else(|_| BINARY.to_owned());
    let app = spawn_app_with(Backend::Postgres, |s| {
        s.storage.master_key = Some(secrecy::SecretString::from(MASTER_KEY));
    })
    .await;
    let database_url = app.settings.database_url().unwrap();
    let admin = app.admin_token().await;
    let tenant = app.create_tenant(&admin, "alpha").await;
    let mut school_id = String::new();
    for (email, role) in [
        ("operator_admin@alpha.test", "OPERATOR_ADMIN"),
        ("school_admin@alpha.test", "SCHOOL_ADMIN"),
    ] {
        let created = app
            .create_user(&admin, email, role, Some(tenant.as_str()))
            .await;
        school_id = created["data"]["createUser"]["id"]
            .as_str()
            .unwrap_or_else(|| panic!("{created}"))
            .to_owned();
    }
    let operator = app.token("operator_admin@alpha.test", USER_PASSWORD).await;
    let school = app.token("school_admin@alpha.test", USER_PASSWORD).await;
    let mut ids = Vec::new();
    for (uai, kind) in [
        (LYCEE, EstablishmentKind::LYCEE),
        (COLLEGE, EstablishmentKind::COLLEGE),
    ] {
        let establishment = app
            .create_establishment(
                &operator,
                NewEstablishment::of_kind(kind, uai, "Établissement"),
            )
            .await;
        let base = app
            .create_base(&operator, NewBase::hosted(&establishment))
            .await
            .id;
        app.grant_establishment(&operator, &school_id, &establishment)
            .await;
        ids.push((establishment, base));
    }
    let config_dir = tempfile::tempdir().unwrap();
    let config = config_dir.path().join("relais.toml");
    std::fs::write(
        &config,
        format!(
            r#"[http]
host = "127.0.0.1"
trust_forwarded_for = true
workers = 2

[database]
url = "{database_url}"
run_migrations = false
max_connections = 4

[auth]
jwt_secret = "{JWT_SECRET}"
login_attempts_per_address = 1000

[graphql.expensive]
connections = 2

[jobs]
enabled = false

[storage]
backend = "s3"
master_key = "{MASTER_KEY}"

[storage.s3]
endpoint = "{endpoint}"
region = "{region}"
bucket = "{bucket}"
path_style = true
access_key_id = "{key_id}"
secret_access_key = "{secret}"

[log]
format = "json"
level = "warn"
"#,
            endpoint = s3.endpoint.clone().unwrap_or_default(),
            region = s3.region,
            bucket = s3.bucket,
            key_id = s3.access_key_id.clone().unwrap_or_default(),
            secret = s3.secret_access_key.clone().unwrap_or_default(),
        ),
    )
    .unwrap();
    let mut baseline = None;
    for count in 1..=3usize {
        let ports: Vec<u16> = (0..count).map(|_| free_port()).collect();
        let data_dirs: Vec<tempfile::TempDir> =
            (0..count).map(|_| tempfile::tempdir().unwrap()).collect();
        let mut replicas = Vec::new();
        for (port, dir) in ports.iter().zip(&data_dirs) {
            let env = vec![
                ("RELAIS_CONFIG", config.display().to_string()),
                ("RELAIS_DATA_DIR", dir.path().display().to_string()),
                ("RELAIS_HTTP__PORT", port.to_string()),
            ];
            let binary = binary.clone();
            replicas.push(
                tokio::task::spawn_blocking(move || {
                    RelaisProcess::serve(Path::new(&binary), &env)
                        .unwrap_or_else(|err| panic!("{err}"))
                })
                .await
                .unwrap(),
            );
        }
        let front_port = free_port();
        let front = format!("http://127.0.0.1:{front_port}");
        let _haproxy = HaProxy::start(&haproxy, front_port, &ports);
        let client = reqwest::Client::builder()
            .pool_max_idle_per_host(0)
            .timeout(Duration::from_secs(60))
            .build()
            .unwrap();
        eventually(Duration::from_secs(30), "every replica in service", || {
            let client = client.clone();
            let front = front.clone();
            async move {
                let mut seen = BTreeSet::new();
                for _ in 0..count * 2 {
                    let replica = client
                        .get(format!("{front}/readyz"))
                        .send()
                        .await
                        .ok()
                        .and_then(|r| {
                            r.headers()
                                .get("x-replica")
                                .and_then(|v| v.to_str().ok())
                                .map(str::to_owned)
                        });
                    seen.extend(replica);
                }
                seen.len() == count
            }
        })
        .await;
        let started = Instant::now();
        let context = Arc::new(LoadContext {
            client,
            front,
            operator_email: "operator_admin@alpha.test".into(),
            operator: operator.clone(),
            school: school.clone(),
            lycee: ids[0].0.clone(),
            college_base: ids[1].1.clone(),
            started,
        });
        let until = started + Duration::from_secs(SECONDS);
        let clients: Vec<_> = (0..CLIENTS)
            .map(|i| tokio::spawn(client_loop(context.clone(), i, until)))
            .collect();
        let mut outcomes = Vec::new();
        for client in clients {
            outcomes.extend(client.await.unwrap());
        }
        let elapsed = started.elapsed().as_secs_f64();
        let answered = outcomes.iter().filter(|o| o.error.is_none()).count();
        let mut latencies: Vec<Duration> = outcomes.iter().map(|o| o.elapsed).collect();
        latencies.sort();
        let throughput = answered as f64 / elapsed;
        let ratio = throughput / *baseline.get_or_insert(throughput);
        println!(
            "cluster bench: {count} replica(s): {throughput:.1} requests/s ({answered} answered, {} errors, {CLIENTS} clients, {elapsed:.1} s), p50 {:.1} ms, p99 {:.1} ms, ratio to 1 replica {ratio:.2}",
            outcomes.len() - answered,
            percentile(&latencies, 50.0).as_secs_f64() * 1000.0,
            percentile(&latencies, 99.0).as_secs_f64() * 1000.0,
        );
        drop(replicas);
    }
}
