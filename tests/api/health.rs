//! Liveness, readiness, metrics, first start.

use relais_migration::{Migrator, MigratorTrait};
use relais_server::bootstrap::BootstrapOutcome;
use sea_orm::ConnectionTrait;
use serde_json::json;

use crate::helpers::*;
use crate::typed::{AuthMe, auth_me};

async fn healthz_and_readyz_answer_when_all_is_well(backend: Backend) {
    let app = spawn_app(backend).await;

    let health = app.get("/healthz").await;
    assert_eq!(health.status(), 200);
    assert_eq!(health.text().await.unwrap(), "ok");
    let ready = app.get("/readyz").await;
    assert_eq!(ready.status(), 200);
    assert_eq!(
        ready.json::<serde_json::Value>().await.unwrap()["status"],
        "ready"
    );
}

async fn readyz_fails_while_a_migration_is_pending(backend: Backend) {
    let app = spawn_app(backend).await;
    Migrator::down(app.store.connection(), Some(1))
        .await
        .unwrap();

    let ready = app.get("/readyz").await;

    assert_eq!(ready.status(), 503);
    let body: serde_json::Value = ready.json().await.unwrap();
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("migration(s) en attente")
    );
    assert_eq!(app.get("/healthz").await.status(), 200);
}

async fn metrics_count_requests_and_graphql_errors_by_code(backend: Backend) {
    let app = spawn_app_with(backend, |s| s.security.production = Some(false)).await;
    app.get("/healthz").await;
    app.client
        .post(format!("{}/graphql", app.address))
        .json(&json!({ "query": "query Moi { me { id } }", "operationName": "Moi" }))
        .send()
        .await
        .unwrap();

    let metrics = app.get("/metrics").await.text().await.unwrap();

    assert!(
        metrics.contains(
            "relais_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 1"
        ),
        "{metrics}"
    );
    assert!(metrics.contains("relais_graphql_operations_total{operation=\"Moi\"} 1"));
    assert!(metrics.contains("relais_graphql_errors_total{code=\"UNAUTHENTICATED\"} 1"));
    assert!(metrics.contains("relais_http_request_duration_seconds_bucket"));
    assert!(
        metrics.contains("relais_ready{condition=\"schema\"} 1"),
        "{metrics}"
    );
    assert!(
        metrics.contains("relais_ready{condition=\"serving\"} 1"),
        "{metrics}"
    );
    assert!(metrics.contains("relais_mail_outbox_messages{status=\"pending\"} 0"));
    assert!(metrics.contains("relais_mail_outbox_due_lag_seconds 0"));
    assert!(metrics.contains("relais_process_resident_memory_bytes"));
}

async fn the_first_start_prints_a_generated_password_once(backend: Backend) {
    let app = spawn_app_with(backend, |s| {
        s.bootstrap.admin_email = None;
        s.bootstrap.admin_password = None;
    })
    .await;

    let BootstrapOutcome::CreatedWithGeneratedPassword { email, password } = &app.bootstrap else {
        panic!("expected a generated password, got {:?}", app.bootstrap);
    };
    assert!(password.len() >= 20);
    let token = app.token(email, password).await;
    let me = app.run_ok::<AuthMe>(Some(&token), auth_me::Variables).await;
    assert_eq!(me.me.role, auth_me::Role::PLATFORM_ADMIN);

    // A second start on the same database creates nobody.
    let again = relais_server::Application::build(app.settings.clone(), Default::default())
        .await
        .unwrap();
    assert_eq!(
        again.report().bootstrap,
        BootstrapOutcome::AlreadyInitialised
    );
}

async fn a_replica_stays_ready_on_a_schema_migrated_by_a_newer_release(backend: Backend) {
    // Arrange: the next release's migration Job applied a migration this
    // binary does not know (a rolling upgrade in progress).
    let app = spawn_app(backend).await;
    let db = app.store.connection();
    db.execute_unprepared(&format!(
        "INSERT INTO seaql_migrations (version, applied_at) VALUES ('m29991231_000001_next_release', {})",
        chrono::Utc::now().timestamp()
    ))
    .await
    .unwrap();

    // Assert: still ready, and a replica of this release still starts on it
    // (sea-orm-migration's own check would refuse the unknown migration).
    assert_eq!(app.get("/readyz").await.status(), 200);
    let restarted =
        relais_server::Application::build(app.settings.clone(), Default::default()).await;
    assert!(restarted.is_ok(), "{:?}", restarted.err());
    let token = app.admin_token().await;
    let me = app.run_ok::<AuthMe>(Some(&token), auth_me::Variables).await;
    assert_eq!(me.me.role, auth_me::Role::PLATFORM_ADMIN);
}

async fn readyz_turns_unready_as_soon_as_shutdown_begins_while_requests_are_still_served(
    backend: Backend,
) {
    let app = spawn_app_with(backend, |s| s.shutdown.drain_seconds = 30).await;
    assert_eq!(app.get("/readyz").await.status(), 200);

    app.shutdown.request();

    let until = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let ready = loop {
        let ready = app.get("/readyz").await;
        if ready.status() != 200 || std::time::Instant::now() > until {
            break ready;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    };
    assert_eq!(ready.status(), 503);
    assert_eq!(
        ready
            .headers()
            .get("connection")
            .map(|v| v.to_str().unwrap()),
        Some("close"),
        "clients are asked to reconnect elsewhere"
    );
    let token = app.admin_token().await;
    let me = app.run_ok::<AuthMe>(Some(&token), auth_me::Variables).await;
    assert_eq!(me.me.role, auth_me::Role::PLATFORM_ADMIN);
}

on_both_databases!(
    a_replica_stays_ready_on_a_schema_migrated_by_a_newer_release,
    readyz_turns_unready_as_soon_as_shutdown_begins_while_requests_are_still_served,
    healthz_and_readyz_answer_when_all_is_well,
    readyz_fails_while_a_migration_is_pending,
    metrics_count_requests_and_graphql_errors_by_code,
    the_first_start_prints_a_generated_password_once,
);
