//! The operator dashboard: a constant number of SQL statements whatever the
//! page size, and the right base, publication and diagnostics per row.

use crate::helpers::*;
use crate::typed::operator_dashboard::{
    CasCheckStatus, ConfigurationState, EstablishmentFilterInput, EstablishmentKind, Hosting,
    ModelStatus, OperatorDashboardDashboardRows as Row, Publication,
};
use crate::typed::{
    DashboardCloseEstablishment, DashboardEstablishments, DashboardImportRegion, OperatorDashboard,
    dashboard_close_establishment, dashboard_establishments, dashboard_import_region,
    operator_dashboard,
};
use crate::use_cases::NewBase;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use relais_domain::Uai;

/// The dashboard's first `first` rows, of establishments in `configuration`
/// or all.
async fn dashboard(
    app: &TestApp,
    token: &str,
    first: i64,
    configuration: Option<ConfigurationState>,
) -> Vec<Row> {
    let filter = configuration.map(|configuration| EstablishmentFilterInput {
        uai_prefix: None,
        name: None,
        academy: None,
        kind: None,
        status: None,
        configuration: Some(configuration),
    });
    let variables = operator_dashboard::Variables {
        first: Some(first),
        filter,
    };
    app.run_ok::<OperatorDashboard>(Some(token), variables)
        .await
        .dashboard
        .rows
}

/// The first `first` establishments of `token`'s tenant: id and UAI.
async fn establishments(app: &TestApp, token: &str, first: i64) -> Vec<(String, String)> {
    app.run_ok::<DashboardEstablishments>(
        Some(token),
        dashboard_establishments::Variables { first: Some(first) },
    )
    .await
    .establishments
    .nodes
    .into_iter()
    .map(|node| (node.id, node.uai))
    .collect()
}

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
    let input = dashboard_import_region::ImportEstablishmentsInput {
        tenant_id: None,
        content_base64: STANDARD.encode(csv),
        commit: true,
        accept_rejected_lines: false,
        acknowledge_checksum_mismatch: Vec::new(),
    };
    let answer = app
        .run_ok::<DashboardImportRegion>(Some(token), dashboard_import_region::Variables { input })
        .await;
    assert_eq!(
        answer.import_establishments.created,
        i64::from(count),
        "{answer:?}"
    );
}

async fn the_dashboard_runs_the_same_statements_for_any_page_size(backend: Backend) {
    let app = spawn_app_with(backend, |s| s.jobs.enabled = false).await;
    let [alpha, _] = app.two_tenants().await;
    app.default_ent_model(&alpha.operator).await;
    import_region(&app, &alpha.operator, 40).await;
    let ids: Vec<String> = establishments(&app, &alpha.operator, 100)
        .await
        .into_iter()
        .map(|(id, _)| id)
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
        let rows = dashboard(&app, &alpha.operator, size, None).await;
        statements.push(app.store.statements_executed_except_relay() - before);
        assert_eq!(rows.len(), size as usize, "{rows:?}");
    }
    assert_eq!(statements[0], statements[1], "{statements:?}");
    assert_eq!(statements[1], statements[2], "{statements:?}");
    assert_eq!(statements[0], 2, "{statements:?}");

    let all = dashboard(&app, &alpha.operator, 1000, None).await;
    assert_eq!(all.len(), 40);
    // The cité scolaire: two rows, one base, same diagnostics.
    assert_eq!(all[0].group_uai.as_ref(), Some(&all[0].uai));
    assert_eq!(all[39].group_uai.as_ref(), Some(&all[0].uai));
    assert_eq!(all[39].diagnostics_count, all[0].diagnostics_count);
    // Unconfigured bases have errors; configured ones are published without.
    assert_eq!(all[0].publication, Some(Publication::STOPPED));
    assert!(all[0].errors >= 1);
    assert_eq!(all[1].publication, Some(Publication::PUBLISHED));
    assert_eq!(all[1].errors, 0);
    assert_eq!(all[20].group_uai, None);
    assert_eq!(all[20].diagnostics_count, 0);
    // What the regional dashboard filters on (issue 17).
    for row in &all {
        assert_eq!(row.kind, Some(EstablishmentKind::COLLEGE), "{row:?}");
        assert_eq!(row.commune.as_deref(), Some("Bourges"), "{row:?}");
        assert_eq!(row.department, "18", "{row:?}");
        assert_eq!(row.warnings, row.diagnostics_count - row.errors, "{row:?}");
    }
    assert_eq!(all[0].hosting, Some(Hosting::HOSTED));
    assert_eq!(all[20].hosting, None);
    assert_eq!(all[1].cas_outcome, Some(CasCheckStatus::WARNING));
    assert!(
        all[1]
            .cas_checked_at
            .as_deref()
            .is_some_and(|at| at.starts_with("2026-09-01T08:30:00")),
        "{:?}",
        all[1]
    );
    assert_eq!(all[0].cas_outcome, None);
    assert_eq!(all[0].cas_checked_at, None);
    // Recommended settings come from the operator's model, which the base
    // then follows.
    for row in &all {
        let expected = if row.publication == Some(Publication::PUBLISHED) {
            ModelStatus::APPLIED
        } else {
            ModelStatus::NO_MODEL
        };
        assert_eq!(row.model_status, expected, "{row:?}");
    }

    let published = dashboard(
        &app,
        &alpha.operator,
        100,
        Some(ConfigurationState::PUBLISHED),
    )
    .await;
    assert_eq!(published.len(), 5);
    let no_base = dashboard(
        &app,
        &alpha.operator,
        100,
        Some(ConfigurationState::NO_BASE),
    )
    .await;
    assert_eq!(no_base.len(), 29);
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
fn counts(rows: &[Row]) -> Vec<(String, i64, i64)> {
    rows.iter()
        .map(|r| (r.uai.clone(), r.errors, r.diagnostics_count))
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
    let nodes = establishments(&app, &alpha.operator, 10).await;
    let id = |n: usize| nodes[n].0.clone();
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
    let dashboard = || dashboard(&app, &alpha.operator, 10, None);
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
        (nodes[5].1.clone(), with_summary[0].1, with_summary[0].2)
    );

    app.store
        .connection()
        .execute_unprepared("DELETE FROM base_diagnostics")
        .await
        .unwrap();
    assert_eq!(counts(&dashboard().await), with_summary);

    // Establishment 5 closes: base 0 (both its rows) gets one more warning.
    let closed = app
        .run_ok::<DashboardCloseEstablishment>(
            Some(&alpha.operator),
            dashboard_close_establishment::Variables { id: id(5) },
        )
        .await;
    assert_eq!(
        closed.update_establishment.status,
        dashboard_close_establishment::EstablishmentStatus::CLOSED,
        "{closed:?}"
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
