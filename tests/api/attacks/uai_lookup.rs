//! A UAI two operators share (issue 13, item 13): a platform administrator
//! looking it up got one of them, whichever the database returned first,
//! and could not reach the other by UAI. Now it names the operator or lists
//! both; each operator still finds its own without naming itself.

use super::probe::{Probe, typed_outcome as outcome};
use crate::helpers::*;
use crate::typed::{
    EstablishmentByUaiOfTenant, EstablishmentsSharingUai, Refused, establishment_by_uai_of_tenant,
    establishments_sharing_uai,
};
use crate::use_cases::NewEstablishment;

type Found = establishment_by_uai_of_tenant::EstablishmentByUaiOfTenantEstablishmentByUai;

async fn by_uai(app: &TestApp, token: &str, tenant: Option<&str>) -> Result<Found, Refused> {
    let variables = establishment_by_uai_of_tenant::Variables {
        uai: "0410017W".to_owned(),
        tenant_id: tenant.map(str::to_owned),
    };
    app.run::<EstablishmentByUaiOfTenant>(Some(token), variables)
        .await
        .map(|data| data.establishment_by_uai)
}

async fn sharing(
    app: &TestApp,
    token: &str,
) -> Vec<establishments_sharing_uai::EstablishmentsSharingUaiEstablishmentsByUai> {
    let variables = establishments_sharing_uai::Variables {
        uai: "0410017W".to_owned(),
    };
    app.run_ok::<EstablishmentsSharingUai>(Some(token), variables)
        .await
        .establishments_by_uai
}

async fn a_shared_uai_is_never_answered_at_random(backend: Backend) {
    let app = spawn_app(backend).await;
    let [alpha, beta] = app.two_tenants().await;
    let mut created = Vec::new();
    for (fixture, name) in [(&alpha, "Lycée d'Alpha"), (&beta, "Lycée de Beta")] {
        let id = app
            .create_establishment(&fixture.operator, NewEstablishment::lycee("0410017W", name))
            .await;
        created.push(id);
    }
    let admin = app.admin_token().await;

    let probe = Probe::start(
        backend,
        "platform admin establishmentByUai on a UAI of 2 operators",
    );
    let ambiguous = by_uai(&app, &admin, None).await;
    probe.report(&outcome(&ambiguous));
    let ambiguous = ambiguous.expect_err("a UAI of two operators answered without naming one");
    assert_eq!(ambiguous.code(), "VALIDATION", "{ambiguous:?}");
    assert_eq!(ambiguous.field(), Some("tenantId"));

    let both = sharing(&app, &admin).await;
    let mut tenants: Vec<String> = both
        .iter()
        .map(|e| e.tenant.as_ref().unwrap().id.clone())
        .collect();
    tenants.sort();
    let mut expected = vec![alpha.id.clone(), beta.id.clone()];
    expected.sort();
    assert_eq!(tenants, expected);

    for ((fixture, name), id) in [(&alpha, "Lycée d'Alpha"), (&beta, "Lycée de Beta")]
        .into_iter()
        .zip(&created)
    {
        let named = by_uai(&app, &admin, Some(&fixture.id)).await.unwrap();
        assert_eq!((named.name.as_str(), &named.id), (name, id), "{named:?}");
        assert_eq!(
            named.tenant.map(|tenant| tenant.id),
            Some(fixture.id.clone())
        );
        // Each operator finds its own, and only its own.
        let own = by_uai(&app, &fixture.operator, None).await.unwrap();
        assert_eq!((own.name.as_str(), &own.id), (name, id), "{own:?}");
        let list: Vec<String> = sharing(&app, &fixture.operator)
            .await
            .into_iter()
            .map(|e| e.name)
            .collect();
        assert_eq!(list, [name]);
    }
    // The other operator's id names nothing for an operator.
    let foreign = by_uai(&app, &alpha.operator, Some(&beta.id)).await;
    assert_eq!(
        foreign
            .expect_err("another operator's establishment")
            .code(),
        "NOT_FOUND"
    );
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
