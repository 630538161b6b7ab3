//! Graceful shutdown of a `relais serve` process (docs/operations.md,
//! "Graceful shutdown"): on SIGTERM `/readyz` turns 503 while requests are
//! still served, then the listener closes, the request in flight completes,
//! and the process exits 0.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::{Duration, Instant};

use relais_tests::services::postgres::TestDatabase;
use relais_tests::services::relais::RelaisProcess;
use serde_json::json;

use crate::helpers::{ADMIN_EMAIL, ADMIN_PASSWORD, Backend, JWT_SECRET};

const BINARY: &str = env!("CARGO_BIN_EXE_relais-test-server");

/// A `relais serve` process on its own data directory (and database).
struct Replica {
    process: RelaisProcess,
    _postgres: Option<TestDatabase>,
    _data_dir: tempfile::TempDir,
}

async fn start_replica(backend: Backend, extra: &[(&'static str, &str)]) -> Replica {
    let data_dir = tempfile::tempdir().unwrap();
    let postgres = match backend {
        Backend::Sqlite => None,
        Backend::Postgres => Some(TestDatabase::create().await.unwrap()),
    };
    let mut env: Vec<(&str, String)> = vec![
        ("RELAIS_DATA_DIR", data_dir.path().display().to_string()),
        ("RELAIS_AUTH__JWT_SECRET", JWT_SECRET.into()),
        ("RELAIS_BOOTSTRAP__ADMIN_EMAIL", ADMIN_EMAIL.into()),
        ("RELAIS_BOOTSTRAP__ADMIN_PASSWORD", ADMIN_PASSWORD.into()),
        ("RELAIS_LOG__FORMAT", "json".into()),
        ("RELAIS_HTTP__WORKERS", "2".into()),
    ];
    if let Some(db) = &postgres {
        env.push(("RELAIS_DATABASE__URL", db.url.clone()));
    }
    env.extend(extra.iter().map(|(k, v)| (*k, (*v).to_owned())));
    let process =
        tokio::task::spawn_blocking(move || RelaisProcess::serve(Path::new(BINARY), &env))
            .await
            .unwrap()
            .unwrap_or_else(|err| panic!("{err}"));
    Replica {
        process,
        _postgres: postgres,
        _data_dir: data_dir,
    }
}

fn host_port(address: &str) -> String {
    address.trim_start_matches("http://").to_owned()
}

/// A client that opens a new connection per request.
fn fresh_client() -> reqwest::Client {
    reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap()
}

async fn sigterm_turns_readyz_unready_then_finishes_the_request_in_flight(backend: Backend) {
    // Arrange: a replica with its jobs running, ready.
    let mut replica = start_replica(
        backend,
        &[
            ("RELAIS_SHUTDOWN__DRAIN_SECONDS", "3"),
            ("RELAIS_SHUTDOWN__TIMEOUT_SECONDS", "30"),
            ("RELAIS_JOBS__ENABLED", "true"),
        ],
    )
    .await;
    let address = replica.process.address.clone();
    let client = fresh_client();
    let ready = client
        .get(format!("{address}/readyz"))
        .send()
        .await
        .unwrap();
    assert_eq!(ready.status(), 200);

    // A login whose body is only half sent: a request in flight.
    let body = json!({
        "query": "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }",
        "variables": { "e": ADMIN_EMAIL, "p": ADMIN_PASSWORD },
    })
    .to_string();
    let (first_half, second_half) = body.split_at(body.len() / 2);
    let mut in_flight = TcpStream::connect(host_port(&address)).unwrap();
    in_flight
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    write!(
        in_flight,
        "POST /graphql HTTP/1.1\r\nHost: relais\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{first_half}",
        body.len()
    )
    .unwrap();
    in_flight.flush().unwrap();

    // Act
    replica.process.signal("TERM").unwrap();

    // Assert: /readyz answers 503 while the listener still accepts…
    let until = Instant::now() + Duration::from_secs(20);
    let unready = loop {
        assert!(Instant::now() < until, "/readyz never turned 503");
        match client.get(format!("{address}/readyz")).send().await {
            Ok(response) if response.status() == 503 => break response.text().await.unwrap(),
            Ok(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            Err(err) => panic!(
                "the listener closed before /readyz turned 503: {err}\n{}",
                replica.process.output()
            ),
        }
    };
    assert!(unready.contains("arrêt en cours"), "{unready}");
    // …then the listener closes while our request is still unfinished…
    loop {
        assert!(Instant::now() < until, "the listener never closed");
        if TcpStream::connect(host_port(&address)).is_err() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // …and the request in flight still completes.
    in_flight.write_all(second_half.as_bytes()).unwrap();
    let mut answer = String::new();
    in_flight.read_to_string(&mut answer).unwrap();
    assert!(
        answer.starts_with("HTTP/1.1 200") && answer.contains("accessToken"),
        "{answer}\n{}",
        replica.process.output()
    );

    let status = tokio::task::spawn_blocking(move || {
        let status = replica.process.wait(Duration::from_secs(60));
        (status, replica)
    })
    .await
    .unwrap();
    let (status, replica) = status;
    let output = replica.process.output();
    assert!(status.unwrap().success(), "{output}");
    assert!(output.contains("shutdown complete"), "{output}");
}

async fn a_replica_without_migrations_refuses_to_serve_until_relais_migrate_ran(backend: Backend) {
    // Arrange: an empty database, and a replica told not to migrate it.
    let replica = start_replica(
        backend,
        &[
            ("RELAIS_DATABASE__RUN_MIGRATIONS", "false"),
            ("RELAIS_SHUTDOWN__DRAIN_SECONDS", "0"),
        ],
    )
    .await;
    let address = replica.process.address.clone();
    let client = fresh_client();

    // Assert: unready, and requests refused with a French message.
    let ready = client
        .get(format!("{address}/readyz"))
        .send()
        .await
        .unwrap();
    assert_eq!(ready.status(), 503);
    assert!(
        ready
            .text()
            .await
            .unwrap()
            .contains("migration(s) en attente"),
        "readyz names the cause"
    );
    let refused = client
        .post(format!("{address}/graphql"))
        .json(&json!({ "query": "{ me { id } }" }))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 503);
    let refusal: serde_json::Value = refused.json().await.unwrap();
    assert_eq!(refusal["code"], "SCHEMA_PENDING");
    assert!(
        refusal["message"]
            .as_str()
            .unwrap()
            .contains("relais migrate")
    );
    assert_eq!(
        client
            .get(format!("{address}/healthz"))
            .send()
            .await
            .unwrap()
            .status(),
        200,
        "alive although unready"
    );
    let until = Instant::now() + Duration::from_secs(10);
    while !replica
        .process
        .output()
        .contains("until `relais migrate` has run")
    {
        assert!(
            Instant::now() < until,
            "the log says what to do: {}",
            replica.process.output()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    // Act: the migration Job runs `relais migrate` on the same database.
    let data_dir = replica._data_dir.path().display().to_string();
    let mut migrate = std::process::Command::new(BINARY);
    migrate
        .arg("migrate")
        .env("RELAIS_DATA_DIR", &data_dir)
        .env("RELAIS_BOOTSTRAP__ADMIN_EMAIL", ADMIN_EMAIL)
        .env("RELAIS_BOOTSTRAP__ADMIN_PASSWORD", ADMIN_PASSWORD)
        .env("RELAIS_LOG__LEVEL", "warn");
    if let Some(db) = &replica._postgres {
        migrate.env("RELAIS_DATABASE__URL", &db.url);
    }
    let migrated = migrate.output().unwrap();
    let said = String::from_utf8_lossy(&migrated.stdout).into_owned();
    assert!(migrated.status.success(), "{said}");
    assert!(said.contains("Premier administrateur"), "{said}");

    // Assert: the replica turns ready by itself and serves, the
    // administrator created by `relais migrate` logs in.
    let until = Instant::now() + Duration::from_secs(30);
    loop {
        assert!(Instant::now() < until, "the replica never turned ready");
        let status = client
            .get(format!("{address}/readyz"))
            .send()
            .await
            .unwrap()
            .status();
        if status == 200 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let login: serde_json::Value = client
        .post(format!("{address}/graphql"))
        .json(&json!({
            "query": "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }",
            "variables": { "e": ADMIN_EMAIL, "p": ADMIN_PASSWORD },
        }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(login["data"]["login"]["accessToken"].is_string(), "{login}");
    replica.process.signal("TERM").unwrap();
}

on_both_databases!(
    sigterm_turns_readyz_unready_then_finishes_the_request_in_flight,
    a_replica_without_migrations_refuses_to_serve_until_relais_migrate_ran,
);
