//! Requests are cut at their time limit, and a cut request loses nothing.

use std::time::Duration;

use serde_json::json;

use super::locked_import::{IMPORT, LockedImport, establishments, lock_establishments};
use super::probe::{Probe, outcome, post, reason};
use crate::helpers::*;

async fn a_mutation_cut_at_its_limit_writes_nothing(backend: Backend) {
    let app = spawn_app_with(backend, |s| s.graphql.mutation_timeout_seconds = 1).await;
    let [alpha, _] = app.two_tenants().await;
    let lock = lock_establishments(&app, backend).await;

    let probe = Probe::start(
        backend,
        "import waiting on a locked table (mutation limit 1 s)",
    );
    let (status, cut) = post(
        &app,
        Some(&alpha.operator),
        &json!({ "query": IMPORT, "variables": establishments(2) }),
    )
    .await;
    let elapsed = probe.report(&format!("HTTP {status}, {}", outcome(&cut)));
    assert_eq!(error_code(&cut), "TIMEOUT", "{cut}");
    assert!(error_message(&cut).contains("interrompue"));
    assert!(elapsed < Duration::from_secs(30));
    lock.rollback().await.unwrap();

    let listed = app
        .graphql(
            Some(&alpha.operator),
            "{ establishments { nodes { uai } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        listed["data"]["establishments"]["nodes"],
        json!([]),
        "nothing written: {listed}"
    );
    // The connection the cut request used went back clean: writing works.
    let (_, again) = post(
        &app,
        Some(&alpha.operator),
        &json!({ "query": IMPORT, "variables": establishments(2) }),
    )
    .await;
    assert_eq!(
        again["data"]["importEstablishments"]["created"], 2,
        "{again}"
    );
}

async fn a_query_waiting_for_its_turn_is_cut_at_its_limit(backend: Backend) {
    let app = spawn_app_with(backend, |s| {
        s.graphql.query_timeout_seconds = 1;
        s.graphql.expensive.per_tenant = 1;
        s.graphql.expensive.queue_ms = 60_000;
    })
    .await;
    let [alpha, _] = app.two_tenants().await;
    let import = LockedImport::start(&app, backend, &alpha.operator, 2).await;
    tokio::time::sleep(Duration::from_millis(800)).await;

    let probe = Probe::start(
        backend,
        "expensive query queued behind its tenant (query limit 1 s)",
    );
    let (_, cut) = post(
        &app,
        Some(&alpha.helpdesk),
        &json!({ "query": "{ basesSummary { bases } }" }),
    )
    .await;
    probe.report(&outcome(&cut));
    assert_eq!(error_code(&cut), "TIMEOUT", "{cut}");
    assert_eq!(reason(&cut), "TIMEOUT");

    let imported = import.finish().await;
    assert_eq!(
        imported["data"]["importEstablishments"]["created"], 2,
        "{imported}"
    );
}

on_both_databases!(
    a_mutation_cut_at_its_limit_writes_nothing,
    a_query_waiting_for_its_turn_is_cut_at_its_limit,
);
