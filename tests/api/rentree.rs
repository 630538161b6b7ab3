//! The rentrée roll of the « Bases » screen (issue 17): the bases that did
//! the rentrée of a year (`schoolYearFrom`) beside those still to do it
//! (`schoolYearBefore`), within the caller's tenant.

use serde_json::{Value, json};

use crate::helpers::*;
use crate::use_cases::{NewBase, NewEstablishment};

/// A base of `token`'s tenant on 2025-2026 for a new establishment; its id.
async fn base_on_last_year(app: &TestApp, token: &str, uai: &str) -> String {
    let establishment = app
        .create_establishment(token, NewEstablishment::college(uai, "Collège"))
        .await;
    app.create_base(token, NewBase::hosted(&establishment).of_year("2025-2026"))
        .await
        .id
}

const BY_YEAR: &str =
    "query($f: BaseFilterInput) { bases(filter: $f) { nodes { groupUai schoolYear } } }";

async fn groups(app: &TestApp, token: &str, filter: Value) -> Value {
    let answer = app
        .graphql(Some(token), BY_YEAR, json!({ "f": filter }))
        .await;
    answer["data"]["bases"]["nodes"].clone()
}

async fn the_roll_lists_the_bases_that_did_the_rentree_and_those_still_to_do(backend: Backend) {
    let app = spawn_app(backend).await;
    let [alpha, beta] = app.two_tenants().await;
    let moved = base_on_last_year(&app, &alpha.operator, "0410017W").await;
    base_on_last_year(&app, &alpha.operator, "0690028F").await;
    base_on_last_year(&app, &beta.operator, "0180005H").await;
    let started = app
        .graphql(
            Some(&alpha.operator),
            "mutation($id: ID!) { startSchoolYear(baseId: $id, version: 1, schoolYear: \"2026-2027\") { schoolYear } }",
            json!({ "id": moved }),
        )
        .await;
    assert_eq!(
        started["data"]["startSchoolYear"]["schoolYear"], "2026-2027",
        "{started}"
    );

    assert_eq!(
        groups(
            &app,
            &alpha.operator,
            json!({ "schoolYearFrom": "2026-2027" })
        )
        .await,
        json!([{ "groupUai": "0410017W", "schoolYear": "2026-2027" }])
    );
    assert_eq!(
        groups(
            &app,
            &alpha.operator,
            json!({ "schoolYearBefore": "2026-2027" })
        )
        .await,
        json!([{ "groupUai": "0690028F", "schoolYear": "2025-2026" }])
    );
    // Every base is on 2025-2026 or later; none of another tenant's.
    assert_eq!(
        groups(
            &app,
            &alpha.operator,
            json!({ "schoolYearFrom": "2025-2026" })
        )
        .await
        .as_array()
        .map(Vec::len),
        Some(2)
    );
    assert_eq!(
        groups(
            &app,
            &beta.operator,
            json!({ "schoolYearFrom": "2026-2027" })
        )
        .await,
        json!([])
    );
    assert_eq!(
        groups(
            &app,
            &alpha.school,
            json!({ "schoolYearFrom": "2025-2026" })
        )
        .await,
        json!([])
    );

    for bad in ["2026", "2026-2028", "vingt-six"] {
        let answer = app
            .graphql(
                Some(&alpha.operator),
                BY_YEAR,
                json!({ "f": { "schoolYearFrom": bad } }),
            )
            .await;
        assert_eq!(error_code(&answer), "VALIDATION", "{bad}: {answer}");
        assert_eq!(
            answer["errors"][0]["extensions"]["field"], "schoolYearFrom",
            "{answer}"
        );
    }
}

on_both_databases!(the_roll_lists_the_bases_that_did_the_rentree_and_those_still_to_do);
