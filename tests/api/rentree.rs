//! The rentrée roll of the « Bases » screen (issue 17): the bases that did
//! the rentrée of a year (`schoolYearFrom`) beside those still to do it
//! (`schoolYearBefore`), within the caller's tenant.

use crate::helpers::*;
use crate::typed::rentree_roll::BaseFilterInput;
use crate::typed::{
    Refused, RentreeRoll, RentreeStartSchoolYear, rentree_roll, rentree_start_school_year,
};
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

/// Bases on `year` or later (`from`), or still before it.
fn on_year(from: bool, year: &str) -> BaseFilterInput {
    let year = Some(year.to_owned());
    BaseFilterInput {
        publication: None,
        school_year_before: if from { None } else { year.clone() },
        school_year_from: if from { year } else { None },
        model_id: None,
        pending_model_update: None,
    }
}

async fn try_groups(
    app: &TestApp,
    token: &str,
    filter: BaseFilterInput,
) -> Result<Vec<(String, String)>, Refused> {
    app.run::<RentreeRoll>(
        Some(token),
        rentree_roll::Variables {
            filter: Some(filter),
        },
    )
    .await
    .map(|data| {
        data.bases
            .nodes
            .into_iter()
            .map(|base| (base.group_uai, base.school_year))
            .collect()
    })
}

/// The bases of the roll: group UAI and school year.
async fn groups(app: &TestApp, token: &str, filter: BaseFilterInput) -> Vec<(String, String)> {
    try_groups(app, token, filter)
        .await
        .unwrap_or_else(|refused| panic!("{refused:?}"))
}

fn group(uai: &str, year: &str) -> (String, String) {
    (uai.to_owned(), year.to_owned())
}

async fn the_roll_lists_the_bases_that_did_the_rentree_and_those_still_to_do(backend: Backend) {
    let app = spawn_app(backend).await;
    let [alpha, beta] = app.two_tenants().await;
    let moved = base_on_last_year(&app, &alpha.operator, "0410017W").await;
    base_on_last_year(&app, &alpha.operator, "0690028F").await;
    base_on_last_year(&app, &beta.operator, "0180005H").await;
    let started = app
        .run_ok::<RentreeStartSchoolYear>(
            Some(&alpha.operator),
            rentree_start_school_year::Variables {
                base_id: moved,
                version: 1,
                school_year: "2026-2027".into(),
            },
        )
        .await;
    assert_eq!(
        started.start_school_year.school_year, "2026-2027",
        "{started:?}"
    );

    assert_eq!(
        groups(&app, &alpha.operator, on_year(true, "2026-2027")).await,
        [group("0410017W", "2026-2027")]
    );
    assert_eq!(
        groups(&app, &alpha.operator, on_year(false, "2026-2027")).await,
        [group("0690028F", "2025-2026")]
    );
    // Every base is on 2025-2026 or later; none of another tenant's.
    assert_eq!(
        groups(&app, &alpha.operator, on_year(true, "2025-2026"))
            .await
            .len(),
        2
    );
    assert_eq!(
        groups(&app, &beta.operator, on_year(true, "2026-2027")).await,
        []
    );
    assert_eq!(
        groups(&app, &alpha.school, on_year(true, "2025-2026")).await,
        []
    );

    for bad in ["2026", "2026-2028", "vingt-six"] {
        let refused = try_groups(&app, &alpha.operator, on_year(true, bad))
            .await
            .expect_err("refused");
        assert_eq!(refused.code(), "VALIDATION", "{bad}: {refused:?}");
        assert_eq!(refused.field(), Some("schoolYearFrom"), "{refused:?}");
    }
}

on_both_databases!(the_roll_lists_the_bases_that_did_the_rentree_and_those_still_to_do);
