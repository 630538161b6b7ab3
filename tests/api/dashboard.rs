//! The operator dashboard: a constant number of SQL statements whatever the
//! page size, and the right base, publication and diagnostics per row.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use relais_domain::Uai;
use serde_json::{Value, json};

use crate::helpers::*;
use crate::use_cases::NewBase;

const DASHBOARD: &str = "query($n: Int, $f: EstablishmentFilterInput) { dashboard(first: $n, filter: $f) { hasNextPage rows { uai groupUai publication diagnosticsCount errors warnings modelStatus kind commune department hosting casCheckedAt casOutcome } } }";

/// `count` establishments with valid UAIs `0180000…`, imported as CSV.
async fn import_region(app: &TestApp, token: &str, count: u32) {
    let mut csv = String::from("uai;nom;type;commune;code_postal\n");
    for n in 0..count {
        let digits = format!("{:07}", 180_000 + n);
        let letter = Uai::expected_check_letter(&digits).unwrap();
        csv.push_str(&format!(
            "{digits}{letter};Collège n° {n};Collège;Bourges;18000\n"
        ));
    }
    let answer = app
        .graphql(
            Some(token),
            "mutation($i: ImportEstablishmentsInput!) { importEstablishments(input: $i) { created } }",
            json!({ "i": { "contentBase64": STANDARD.encode(csv), "commit": true } }),
        )
        .await;
    assert_eq!(
        answer["data"]["importEstablishments"]["created"], count,
        "{answer}"
    );
}

fn rows(answer: &Value) -> &Vec<Value> {
    answer["data"]["dashboard"]["rows"]
        .as_array()
        .unwrap_or_else(|| panic!("{answer}"))
}

async fn the_dashboard_runs_the_same_statements_for_any_page_size(backend: Backend) {
    let app = spawn_app_with(backend, |s| s.jobs.enabled = false).await;
    let [alpha, _] = app.two_tenants().await;
    app.default_ent_model(&alpha.operator).await;
    import_region(&app, &alpha.operator, 40).await;
    let ids: Vec<String> = app
        .graphql(
            Some(&alpha.operator),
            "{ establishments(first: 100) { nodes { id } } }",
            json!({}),
        )
        .await["data"]["establishments"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap().to_owned())
        .collect();
    // Ten bases, the first serving two establishments; every other one
    // configured and published; the second one checked with « Tester
    // l'authentification ».
    let mut checked = None;
    for i in 0..10 {
        let others: Vec<&str> = if i == 0 {
            vec![ids[39].as_str()]
        } else {
            vec![]
        };
        let new = NewBase::hosted(&ids[i])
            .serving(&others)
            .at("https://pronote.example.fr/pronote")
            .credentials_distributed();
        let base = app.create_base(&alpha.operator, new).await;
        if i == 1 {
            checked = Some(base.id.clone());
        }
        if i % 2 == 1 {
            let applied = app
                .apply_recommended_settings(
                    &alpha.operator,
                    &base.id,
                    base.version,
                    "https://cas.example.fr/cas",
                )
                .await;
            app.publish(&alpha.operator, &base.id, applied).await;
        }
    }

    record_cas_check(&app, checked.as_deref().unwrap(), "WARNING").await;

    let mut statements = Vec::new();
    for size in [5, 20, 40] {
        let before = app.store.statements_executed_except_relay();
        let answer = app
            .graphql(Some(&alpha.operator), DASHBOARD, json!({ "n": size }))
            .await;
        statements.push(app.store.statements_executed_except_relay() - before);
        assert_eq!(rows(&answer).len(), size as usize, "{answer}");
    }
    assert_eq!(statements[0], statements[1], "{statements:?}");
    assert_eq!(statements[1], statements[2], "{statements:?}");
    assert_eq!(statements[0], 2, "{statements:?}");

    let all = app
        .graphql(Some(&alpha.operator), DASHBOARD, json!({ "n": 1000 }))
        .await;
    let all = rows(&all);
    assert_eq!(all.len(), 40);
    // The cité scolaire: two rows, one base, same diagnostics.
    assert_eq!(all[0]["groupUai"], all[0]["uai"]);
    assert_eq!(all[39]["groupUai"], all[0]["uai"]);
    assert_eq!(all[39]["diagnosticsCount"], all[0]["diagnosticsCount"]);
    // Unconfigured bases have errors; configured ones are published without.
    assert_eq!(all[0]["publication"], "STOPPED");
    assert!(all[0]["errors"].as_i64().unwrap() >= 1);
    assert_eq!(all[1]["publication"], "PUBLISHED");
    assert_eq!(all[1]["errors"], 0);
    assert_eq!(all[20]["groupUai"], Value::Null);
    assert_eq!(all[20]["diagnosticsCount"], 0);
    // What the regional dashboard filters on (issue 17).
    for row in all {
        assert_eq!(row["kind"], "COLLEGE", "{row}");
        assert_eq!(row["commune"], "Bourges", "{row}");
        assert_eq!(row["department"], "18", "{row}");
        assert_eq!(
            row["warnings"].as_i64().unwrap(),
            row["diagnosticsCount"].as_i64().unwrap() - row["errors"].as_i64().unwrap(),
            "{row}"
        );
    }
    assert_eq!(all[0]["hosting"], "HOSTED");
    assert_eq!(all[20]["hosting"], Value::Null);
    assert_eq!(all[1]["casOutcome"], "WARNING");
    assert!(
        all[1]["casCheckedAt"]
            .as_str()
            .is_some_and(|at| at.starts_with("2026-09-01T08:30:00")),
        "{}",
        all[1]
    );
    assert_eq!(all[0]["casOutcome"], Value::Null);
    assert_eq!(all[0]["casCheckedAt"], Value::Null);
    // Recommended settings come from the operator's model, which the base
    // then follows.
    for row in all {
        let expected = if row["publication"] == "PUBLISHED" {
            "APPLIED"
        } else {
            "NO_MODEL"
        };
        assert_eq!(row["modelStatus"], expected, "{row}");
    }

    let published = app
        .graphql(
            Some(&alpha.operator),
            DASHBOARD,
            json!({ "n": 100, "f": { "configuration": "PUBLISHED" } }),
        )
        .await;
    assert_eq!(rows(&published).len(), 5);
    let no_base = app
        .graphql(
            Some(&alpha.operator),
            DASHBOARD,
            json!({ "n": 100, "f": { "configuration": "NO_BASE" } }),
        )
        .await;
    assert_eq!(rows(&no_base).len(), 29);
}

/// Stores a « Tester l'authentification » result for `base` as the check
/// would (the check itself needs a CAS server: tests/api/cas_checks.rs).
async fn record_cas_check(app: &TestApp, base: &str, outcome: &str) {
    use relais_store::entities::cas_check;
    use sea_orm::{ActiveModelTrait, EntityTrait, Set};
    let base_id = uuid::Uuid::parse_str(base).unwrap();
    let tenant_id = relais_store::entities::pronote_base::Entity::find_by_id(base_id)
        .one(app.store.connection())
        .await
        .unwrap()
        .unwrap()
        .tenant_id;
    let checked_at = chrono::DateTime::parse_from_rfc3339("2026-09-01T08:30:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc);
    cas_check::ActiveModel {
        base_id: Set(base_id),
        tenant_id: Set(tenant_id),
        checked_at: Set(checked_at),
        checked_by: Set(Some("operateur@alpha.test".into())),
        outcome: Set(outcome.into()),
        protocol: Set("CAS3".into()),
        with_credentials: Set(false),
        settings_hash: Set(String::new()),
        steps: Set("[]".into()),
    }
    .insert(app.store.connection())
    .await
    .unwrap();
}

/// The counts of each row, by UAI.
fn counts(answer: &Value) -> Vec<(String, i64, i64)> {
    rows(answer)
        .iter()
        .map(|r| {
            (
                r["uai"].as_str().unwrap().to_owned(),
                r["errors"].as_i64().unwrap(),
                r["diagnosticsCount"].as_i64().unwrap(),
            )
        })
        .collect()
}

/// Issue 20: the dashboard reads the diagnostics summary written with each
/// change of a base; without it (a base older than the summary) it
/// diagnoses the base itself, with the same result. A closed establishment
/// a base serves adds its warning either way.
async fn the_dashboard_counts_the_same_with_or_without_the_stored_summary(backend: Backend) {
    use sea_orm::ConnectionTrait;
    let app = spawn_app_with(backend, |s| s.jobs.enabled = false).await;
    let [alpha, _] = app.two_tenants().await;
    app.default_ent_model(&alpha.operator).await;
    import_region(&app, &alpha.operator, 6).await;
    let nodes = app
        .graphql(
            Some(&alpha.operator),
            "{ establishments(first: 10) { nodes { id uai } } }",
            json!({}),
        )
        .await;
    let nodes = nodes["data"]["establishments"]["nodes"].as_array().unwrap();
    let id = |n: usize| nodes[n]["id"].as_str().unwrap().to_owned();
    // Base 0 serves establishments 0 and 5; base 1 is configured and
    // published; base 2 has no public URL and is left unpublished.
    for (index, others, url) in [
        (0, vec![id(5)], Some("https://pronote.example.fr/pronote")),
        (1, vec![], Some("http://pronote1.example.fr/pronote")),
        (2, vec![], None),
    ] {
        let group = id(index);
        let others: Vec<&str> = others.iter().map(String::as_str).collect();
        let mut new = NewBase::hosted(&group).serving(&others);
        if let Some(url) = url {
            new = new.at(url);
        }
        let base = app.create_base(&alpha.operator, new).await;
        if index == 1 {
            let applied = app
                .apply_recommended_settings(
                    &alpha.operator,
                    &base.id,
                    base.version,
                    "http://cas.example.fr/cas",
                )
                .await;
            app.publish(&alpha.operator, &base.id, applied).await;
        }
    }
    let dashboard = || app.graphql(Some(&alpha.operator), DASHBOARD, json!({ "n": 10 }));
    let with_summary = counts(&dashboard().await);
    // Unconfigured bases have errors; the configured one has warnings only
    // (http:// addresses, credentials not distributed yet).
    assert!(with_summary[0].1 >= 1, "{with_summary:?}");
    assert_eq!(with_summary[1].1, 0, "{with_summary:?}");
    assert!(with_summary[1].2 >= 1, "{with_summary:?}");
    assert!(with_summary[2].2 > with_summary[0].2, "{with_summary:?}");
    assert_eq!(with_summary[3].2, 0, "{with_summary:?}");
    assert_eq!(
        with_summary[5],
        (
            nodes[5]["uai"].as_str().unwrap().to_owned(),
            with_summary[0].1,
            with_summary[0].2
        )
    );

    app.store
        .connection()
        .execute_unprepared("DELETE FROM base_diagnostics")
        .await
        .unwrap();
    assert_eq!(counts(&dashboard().await), with_summary);

    // Establishment 5 closes: base 0 (both its rows) gets one more warning.
    let closed = app
        .graphql(
            Some(&alpha.operator),
            "mutation($id: ID!) { updateEstablishment(id: $id, input: { name: \"Fermé\", kind: COLLEGE, status: CLOSED }) { status } }",
            json!({ "id": id(5) }),
        )
        .await;
    assert_eq!(
        closed["data"]["updateEstablishment"]["status"], "CLOSED",
        "{closed}"
    );
    let after_closing = counts(&dashboard().await);
    assert_eq!(
        after_closing[0].2,
        with_summary[0].2 + 1,
        "{after_closing:?}"
    );
    assert_eq!(
        after_closing[5].2,
        with_summary[0].2 + 1,
        "{after_closing:?}"
    );
    assert_eq!(after_closing[1], with_summary[1]);
}

on_both_databases!(
    the_dashboard_runs_the_same_statements_for_any_page_size,
    the_dashboard_counts_the_same_with_or_without_the_stored_summary,
);
