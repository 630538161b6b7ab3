//! Liveness, readiness, metrics, first start.

use relais_migration::{Migrator, MigratorTrait};
use relais_server::bootstrap::BootstrapOutcome;
use serde_json::json;

use crate::helpers::*;

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
    let me = app
        .graphql(Some(&token), "{ me { role } }", json!({}))
        .await;
    assert_eq!(me["data"]["me"]["role"], "PLATFORM_ADMIN");

    // A second start on the same database creates nobody.
    let again = relais_server::Application::build(app.settings.clone(), Default::default())
        .await
        .unwrap();
    assert_eq!(
        again.report().bootstrap,
        BootstrapOutcome::AlreadyInitialised
    );
}

on_both_databases!(
    healthz_and_readyz_answer_when_all_is_well,
    readyz_fails_while_a_migration_is_pending,
    metrics_count_requests_and_graphql_errors_by_code,
    the_first_start_prints_a_generated_password_once,
);
