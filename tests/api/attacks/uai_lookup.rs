//! A UAI two operators share (issue 13, item 13): a platform administrator
//! looking it up got one of them, whichever the database returned first,
//! and could not reach the other by UAI. Now it names the operator or lists
//! both; each operator still finds its own without naming itself.

use serde_json::json;

use super::probe::{Probe, outcome};
use crate::helpers::*;

const BY_UAI: &str = "query($u: String!, $t: ID) { establishmentByUai(uai: $u, tenantId: $t) { id name tenant { id } } }";

async fn a_shared_uai_is_never_answered_at_random(backend: Backend) {
    let app = spawn_app(backend).await;
    let [alpha, beta] = app.two_tenants().await;
    for (fixture, name) in [(&alpha, "Lycée d'Alpha"), (&beta, "Lycée de Beta")] {
        let created = app
            .graphql(
                Some(&fixture.operator),
                "mutation($n: String!) { createEstablishment(input: { uai: \"0410017W\", name: $n, kind: LYCEE }) { id } }",
                json!({ "n": name }),
            )
            .await;
        assert!(created["errors"].is_null(), "{created}");
    }
    let admin = app.admin_token().await;

    let probe = Probe::start(
        backend,
        "platform admin establishmentByUai on a UAI of 2 operators",
    );
    let ambiguous = app
        .graphql(Some(&admin), BY_UAI, json!({ "u": "0410017W" }))
        .await;
    probe.report(&outcome(&ambiguous));
    assert_eq!(error_code(&ambiguous), "VALIDATION", "{ambiguous}");
    assert_eq!(ambiguous["errors"][0]["extensions"]["field"], "tenantId");

    let both = app
        .graphql(
            Some(&admin),
            "{ establishmentsByUai(uai: \"0410017W\") { name tenant { id } } }",
            json!({}),
        )
        .await;
    let mut tenants: Vec<String> = both["data"]["establishmentsByUai"]
        .as_array()
        .unwrap_or_else(|| panic!("{both}"))
        .iter()
        .map(|e| e["tenant"]["id"].as_str().unwrap().to_owned())
        .collect();
    tenants.sort();
    let mut expected = vec![alpha.id.clone(), beta.id.clone()];
    expected.sort();
    assert_eq!(tenants, expected);

    for (fixture, name) in [(&alpha, "Lycée d'Alpha"), (&beta, "Lycée de Beta")] {
        let named = app
            .graphql(
                Some(&admin),
                BY_UAI,
                json!({ "u": "0410017W", "t": fixture.id }),
            )
            .await;
        assert_eq!(named["data"]["establishmentByUai"]["name"], name, "{named}");
        // Each operator finds its own, and only its own.
        let own = app
            .graphql(Some(&fixture.operator), BY_UAI, json!({ "u": "0410017W" }))
            .await;
        assert_eq!(own["data"]["establishmentByUai"]["name"], name, "{own}");
        let list = app
            .graphql(
                Some(&fixture.operator),
                "{ establishmentsByUai(uai: \"0410017W\") { name } }",
                json!({}),
            )
            .await;
        assert_eq!(
            list["data"]["establishmentsByUai"],
            json!([{ "name": name }])
        );
    }
    // The other operator's id names nothing for an operator.
    let foreign = app
        .graphql(
            Some(&alpha.operator),
            BY_UAI,
            json!({ "u": "0410017W", "t": beta.id }),
        )
        .await;
    assert_eq!(error_code(&foreign), "NOT_FOUND", "{foreign}");
    // The sheet asks for the operator too.
    let sheet = app
        .get_with_token("/establishments/0410017W/fiche", &admin)
        .await;
    assert_eq!(sheet.status().as_u16(), 400);
    let sheet = app
        .get_with_token(
            &format!("/establishments/0410017W/fiche?tenant={}", beta.id),
            &admin,
        )
        .await;
    assert_eq!(sheet.status().as_u16(), 200);
    assert!(sheet.text().await.unwrap().contains("Lycée de Beta"));
}

on_both_databases!(a_shared_uai_is_never_answered_at_random);
