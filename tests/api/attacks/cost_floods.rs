//! Alias floods of expensive fields are refused by the cost model, and a
//! tenant running expensive requests cannot hold up another tenant's.

use std::time::Duration;

use serde_json::json;

use super::locked_import::LockedImport;
use super::probe::{Probe, outcome, post, post_in_background, reason};
use crate::helpers::*;

fn aliases(count: usize, field: &str) -> String {
    let body: Vec<String> = (0..count).map(|i| format!("a{i}: {field}")).collect();
    format!("{{ {} }}", body.join(" "))
}

async fn alias_floods_of_expensive_fields_are_refused(backend: Backend) {
    let app = spawn_app(backend).await;
    let [alpha, _] = app.two_tenants().await;

    let floods = [
        (
            "999 × basesSummary",
            aliases(999, "basesSummary { bases withErrors }"),
            "TOO_MANY_ALIASES",
        ),
        (
            "1999 × establishmentsCsv",
            aliases(1999, "establishmentsCsv"),
            "TOO_MANY_ALIASES",
        ),
        (
            "500 × dashboard(first: 1000)",
            aliases(500, "dashboard(first: 1000) { rows { uai name } }"),
            "TOO_MANY_ALIASES",
        ),
        (
            "5 × basesSummary",
            aliases(5, "basesSummary { bases }"),
            "QUERY_TOO_COMPLEX",
        ),
        (
            "3 × establishmentsCsv",
            aliases(3, "establishmentsCsv"),
            "QUERY_TOO_COMPLEX",
        ),
        (
            "2 × dashboard(first: 1000)",
            aliases(2, "dashboard(first: 1000) { rows { uai name } }"),
            "QUERY_TOO_COMPLEX",
        ),
        (
            "30 × establishments(first: 100)",
            aliases(30, "establishments(first: 100) { nodes { uai } }"),
            "QUERY_TOO_COMPLEX",
        ),
        (
            "20 × matchingRows",
            aliases(
                20,
                "matchingRows(baseId: \"0\", population: ELEVE) { lastName }",
            ),
            "QUERY_TOO_COMPLEX",
        ),
    ];
    for (name, query, expected) in floods {
        let probe = Probe::start(backend, format!("helpdesk sends {name}"));
        let (status, answer) = post(&app, Some(&alpha.helpdesk), &json!({ "query": query })).await;
        probe.report(&format!("HTTP {status}, {}", outcome(&answer)));
        assert_eq!(error_code(&answer), "VALIDATION", "{name}: {answer}");
        assert_eq!(reason(&answer), expected, "{name}");
        assert!(answer["data"].is_null(), "{name}: nothing ran");
    }

    // What a console page asks for still fits.
    for query in [
        aliases(4, "basesSummary { bases }"),
        "{ establishmentsCsv }".to_owned(),
        "{ dashboard(first: 1000) { rows { uai name kindLabel groupUai schoolYear publication diagnosticsCount errors model modelStatus } } }".to_owned(),
    ] {
        let answer = app.graphql(Some(&alpha.operator), &query, json!({})).await;
        assert!(answer["errors"].is_null(), "{query}: {answer}");
    }

    // Twenty logins in one request cost their hashes.
    let logins: Vec<String> = (0..21)
        .map(|i| {
            format!("l{i}: login(email: \"x{i}@relais.test\", password: \"y\") {{ accessToken }}")
        })
        .collect();
    let (_, answer) = post(
        &app,
        None,
        &json!({ "query": format!("mutation {{ {} }}", logins.join(" ")) }),
    )
    .await;
    assert_eq!(reason(&answer), "QUERY_TOO_COMPLEX", "{answer}");
}

async fn a_tenant_past_its_expensive_limit_waits_alone(backend: Backend) {
    let app = spawn_app_with(backend, |s| {
        s.graphql.expensive.per_user = 1;
        s.graphql.expensive.per_tenant = 1;
        s.graphql.expensive.queue_ms = 300;
    })
    .await;
    let [alpha, beta] = app.two_tenants().await;

    // Tenant A's import takes A's only permit and waits on the lock.
    let import = LockedImport::start(&app, backend, &alpha.operator, 1).await;
    tokio::time::sleep(Duration::from_millis(800)).await;

    let probe = Probe::start(
        backend,
        "tenant A's second expensive request while A's first runs",
    );
    let (_, refused) = post(
        &app,
        Some(&alpha.helpdesk),
        &json!({ "query": "{ basesSummary { bases } }" }),
    )
    .await;
    probe.report(&outcome(&refused));
    assert_eq!(error_code(&refused), "RATE_LIMITED", "{refused}");
    assert_eq!(reason(&refused), "TOO_MANY_EXPENSIVE_REQUESTS");
    assert!(refused["errors"][0]["extensions"]["retryAfterSeconds"].is_number());

    // The CAS registry archive (seconds of CPU for a large tenant) waits
    // for the same permits.
    let probe = Probe::start(backend, "tenant A's CAS registry archive meanwhile");
    let archive = app
        .get_with_token("/cas-registry/archive", &alpha.helpdesk)
        .await;
    let status = archive.status();
    let archive: serde_json::Value = archive.json().await.unwrap();
    probe.report(&format!("HTTP {status}, {}", archive["code"]));
    assert_eq!(status, 429, "{archive}");
    assert_eq!(archive["code"], "RATE_LIMITED");
    assert_eq!(archive["reason"], "TOO_MANY_EXPENSIVE_REQUESTS");

    let probe = Probe::start(backend, "tenant B's expensive request meanwhile");
    let (_, served) = post(
        &app,
        Some(&beta.helpdesk),
        &json!({ "query": "{ basesSummary { bases } }" }),
    )
    .await;
    probe.report(&outcome(&served));
    assert!(served["errors"].is_null(), "{served}");
    assert_eq!(served["data"]["basesSummary"]["bases"], 0);

    let imported = import.finish().await;
    assert_eq!(
        imported["data"]["importEstablishments"]["created"], 1,
        "{imported}"
    );
    // A's permit came back with the end of its request.
    let (_, later) = post(
        &app,
        Some(&alpha.helpdesk),
        &json!({ "query": "{ basesSummary { bases } }" }),
    )
    .await;
    assert!(later["errors"].is_null(), "{later}");
}

/// A tenant whose expensive requests kept running is paced
/// (`relais_api::pacing`): its next one waits for its ledger to drain,
/// served then, while another tenant's runs at once.
async fn a_tenant_that_kept_its_exports_running_is_paced_alone(backend: Backend) {
    let app = spawn_app_with(backend, |s| {
        s.graphql.expensive.per_tenant = 1;
        s.graphql.expensive.queue_ms = 10_000;
        s.graphql.expensive.share = 0.5;
        s.graphql.expensive.burst_ms = 0;
    })
    .await;
    let [alpha, beta] = app.two_tenants().await;

    // Tenant A's import holds its permit for 2 s (it waits on a lock).
    let import = LockedImport::start(&app, backend, &alpha.operator, 1).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let imported = import.finish().await;
    assert_eq!(
        imported["data"]["importEstablishments"]["created"], 1,
        "{imported}"
    );

    // About 2 s run, drained at half a second per second: A's next
    // expensive request waits about 4 s.
    let probe = Probe::start(
        backend,
        "tenant A's summary after 2 s of import (paced, share 0.5)",
    );
    let paced = post_in_background(
        &app,
        &alpha.helpdesk,
        json!({ "query": "{ basesSummary { bases } }" }),
    );
    tokio::time::sleep(Duration::from_millis(200)).await;
    let (_, other) = post(
        &app,
        Some(&beta.helpdesk),
        &json!({ "query": "{ basesSummary { bases } }" }),
    )
    .await;
    assert!(other["errors"].is_null(), "{other}");
    assert!(
        !paced.is_finished(),
        "tenant B's summary was served while A's waits its turn"
    );
    let (answer, waited) = paced.await.unwrap();
    probe.report(&outcome(&answer));
    assert!(answer["errors"].is_null(), "served, not refused: {answer}");
    assert!(waited >= Duration::from_secs(3), "waited {waited:?}");
}

/// Documents asking for a whole-tenant field run on the expensive
/// runtime, apart from the light requests (`graphql.expensive.threads`),
/// whether the field is written at the root or behind a fragment.
async fn expensive_documents_run_apart_from_light_ones(backend: Backend) {
    let app = spawn_app_with(backend, |s| s.security.production = Some(false)).await;
    let [alpha, _] = app.two_tenants().await;
    let runtime_count = |metrics: &str, runtime: &str| -> u64 {
        let prefix = format!("relais_graphql_documents_total{{runtime=\"{runtime}\"}} ");
        metrics
            .lines()
            .find_map(|line| line.strip_prefix(prefix.as_str()))
            .map_or(0, |count| count.trim().parse().unwrap())
    };
    let before = app.get("/metrics").await.text().await.unwrap();

    for query in [
        "{ establishmentsCsv }",
        "{ ...Summary } fragment Summary on Query { basesSummary { bases } }",
    ] {
        let (_, answer) = post(&app, Some(&alpha.operator), &json!({ "query": query })).await;
        assert!(answer["errors"].is_null(), "{answer}");
    }
    let (_, light) = post(
        &app,
        Some(&alpha.operator),
        &json!({ "query": "{ me { id } }" }),
    )
    .await;
    assert!(light["errors"].is_null(), "{light}");

    let after = app.get("/metrics").await.text().await.unwrap();
    assert_eq!(
        runtime_count(&after, "expensive") - runtime_count(&before, "expensive"),
        2,
        "{after}"
    );
    assert_eq!(
        runtime_count(&after, "main") - runtime_count(&before, "main"),
        1,
        "{after}"
    );
}

on_both_databases!(
    alias_floods_of_expensive_fields_are_refused,
    a_tenant_past_its_expensive_limit_waits_alone,
    a_tenant_that_kept_its_exports_running_is_paced_alone,
    expensive_documents_run_apart_from_light_ones,
);
