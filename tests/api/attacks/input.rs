//! Input (issue 13, items 7 and 8): control characters are refused in every
//! text value (`VALIDATION` naming the field; in a CSV import, the line with
//! its number, the others imported), on both databases alike; CSV exports
//! neutralise formula-looking cells and read back unchanged.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::json;

use super::probe::{Probe, outcome};
use crate::helpers::*;

const IMPORT: &str = "mutation($i: ImportEstablishmentsInput!) { importEstablishments(input: $i) { committed created updated unchanged rejected lines { line uai outcome reason } } }";
const CREATE: &str =
    "mutation($i: CreateEstablishmentInput!) { createEstablishment(input: $i) { id name } }";

async fn control_characters_are_refused_naming_the_field(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.admin_token().await;
    let tenant = app.create_tenant(&admin, "alpha").await;
    for (label, text) in [
        ("NUL", "Opérateur\u{0}"),
        ("ESC", "\u{1b}[2J"),
        ("BEL", "bip\u{7}"),
    ] {
        let probe = Probe::start(
            backend,
            format!("updateTenant name with {label} (variables)"),
        );
        let answer = app
            .graphql(
                Some(&admin),
                "mutation($id: ID!, $i: UpdateTenantInput!) { updateTenant(id: $id, input: $i) { name } }",
                json!({ "id": tenant, "i": { "name": text } }),
            )
            .await;
        probe.report(&outcome(&answer));
        assert_eq!(error_code(&answer), "VALIDATION", "{answer}");
        assert_eq!(
            answer["errors"][0]["extensions"]["field"], "name",
            "{answer}"
        );
        assert_eq!(
            answer["errors"][0]["extensions"]["reason"],
            "CONTROL_CHARACTER"
        );
    }
    // Written in the document itself rather than in a variable.
    let probe = Probe::start(
        backend,
        "createEstablishment name with NUL (inline literal)",
    );
    let answer = app
        .graphql(
            Some(&admin),
            &format!(
                "mutation {{ createEstablishment(input: {{ tenantId: \"{tenant}\", uai: \"0410017W\", name: \"Coll\\u0000ge\", kind: COLLEGE }}) {{ id }} }}"
            ),
            json!({}),
        )
        .await;
    probe.report(&outcome(&answer));
    assert_eq!(error_code(&answer), "VALIDATION", "{answer}");
    assert_eq!(answer["errors"][0]["extensions"]["field"], "name");
    // Multi-line text keeps its line ends and tabs.
    let fine = app
        .graphql(
            Some(&admin),
            "mutation($id: ID!, $i: UpdateTenantInput!) { updateTenant(id: $id, input: $i) { name } }",
            json!({ "id": tenant, "i": { "name": "Opérateur\talpha" } }),
        )
        .await;
    assert!(fine["errors"].is_null(), "{fine}");
    // Nothing was stored: the name is the one just set.
    assert_eq!(fine["data"]["updateTenant"]["name"], "Opérateur alpha");
}

async fn a_csv_line_with_a_nul_is_rejected_and_the_rest_imported(backend: Backend) {
    let app = spawn_app(backend).await;
    let [alpha, _] = app.two_tenants().await;
    let csv = "uai;nom;type;commune\n\
               0410017W;Collège Augustin Thierry;Collège;Blois\n\
               0690028F;Lycée du \u{0}Parc;Lycée;Lyon\n\
               0590083V;Lycée Faidherbe;Lycée;Lil\u{1b}le\n\
               0410018X;Collège Les Tilleuls;Collège;Bourges\n";
    let probe = Probe::start(
        backend,
        "CSV import of 4 lines, 2 with NUL/ESC, acceptRejectedLines",
    );
    let answer = app
        .graphql(
            Some(&alpha.operator),
            IMPORT,
            json!({ "i": { "contentBase64": STANDARD.encode(csv), "commit": true, "acceptRejectedLines": true } }),
        )
        .await;
    probe.report(&outcome(&answer));
    assert!(answer["errors"].is_null(), "{answer}");
    let report = &answer["data"]["importEstablishments"];
    assert_eq!(report["created"], 2, "{report}");
    assert_eq!(report["rejected"], 2, "{report}");
    let rejected: Vec<i64> = report["lines"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["outcome"] == "REJECTED")
        .map(|l| l["line"].as_i64().unwrap())
        .collect();
    assert_eq!(rejected, vec![3, 4], "{report}");
    let reason = report["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["line"] == 3)
        .unwrap()["reason"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        reason.contains("« nom »") && reason.contains("U+0000"),
        "{reason}"
    );
}

async fn csv_exports_neutralise_formulas_and_read_back(backend: Backend) {
    let app = spawn_app(backend).await;
    let [alpha, _] = app.two_tenants().await;
    let names = [
        (
            "0410017W",
            "=HYPERLINK(\"http://evil.example\",\"Cliquez\")",
        ),
        ("0690028F", "+cmd|' /C calc'!A0"),
        ("0590083V", "-2+3"),
        ("0410018X", "@SUM(A1:A9)"),
    ];
    for (uai, name) in names {
        let created = app
            .graphql(
                Some(&alpha.operator),
                CREATE,
                json!({ "i": { "uai": uai, "name": name, "kind": "COLLEGE" } }),
            )
            .await;
        assert!(created["errors"].is_null(), "{created}");
    }
    let probe = Probe::start(backend, "establishmentsCsv with 4 formula-looking names");
    let export = app
        .graphql(Some(&alpha.operator), "{ establishmentsCsv }", json!({}))
        .await;
    let csv = export["data"]["establishmentsCsv"]
        .as_str()
        .unwrap()
        .to_owned();
    let neutralised = csv
        .lines()
        .skip(1)
        .filter(|line| {
            let name = line.split(';').nth(1).unwrap_or("");
            name.starts_with('\'') || name.starts_with("\"'")
        })
        .count();
    probe.report(&format!("{neutralised} of 4 cells neutralised"));
    assert_eq!(neutralised, 4, "{csv}");
    for line in csv.lines().skip(1) {
        let name = line.split(';').nth(1).unwrap_or("");
        let bare = name.trim_start_matches('"');
        assert!(!bare.starts_with(['=', '+', '-', '@']), "{line}");
    }
    // Its own export reads back as unchanged.
    let reimport = app
        .graphql(
            Some(&alpha.operator),
            IMPORT,
            json!({ "i": { "contentBase64": STANDARD.encode(&csv), "commit": false } }),
        )
        .await;
    let report = &reimport["data"]["importEstablishments"];
    assert_eq!(report["unchanged"], 4, "{reimport}");
    assert_eq!(report["rejected"], 0, "{reimport}");
}

on_both_databases!(
    control_characters_are_refused_naming_the_field,
    a_csv_line_with_a_nul_is_rejected_and_the_rest_imported,
    csv_exports_neutralise_formulas_and_read_back,
);
