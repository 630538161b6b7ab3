//! `GET /establishments/{uai}/fiche`: the printable sheet, authorised like
//! the API.

use crate::use_cases::{NewBase, NewEstablishment};

use crate::helpers::*;

async fn fiche(app: &TestApp, token: Option<&str>, uai: &str) -> reqwest::Response {
    let mut request = app
        .client
        .get(format!("{}/establishments/{uai}/fiche", app.address));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.send().await.unwrap()
}

async fn the_sheet_shows_the_values_to_enter_to_those_allowed(backend: Backend) {
    let app = spawn_app(backend).await;
    let [alpha, beta] = app.two_tenants().await;
    app.default_ent_model(&alpha.operator).await;
    let establishment = app
        .create_establishment(
            &alpha.operator,
            NewEstablishment::lycee("0410017W", "Lycée <Augustin> Thierry"),
        )
        .await;

    // Without a base, the sheet says so.
    let response = fiche(&app, Some(&alpha.operator), "0410017w").await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    assert!(html.contains("Lycée &#60;Augustin&#62; Thierry"), "{html}");
    assert!(!html.contains("<Augustin>"));

    let base = app
        .create_base(
            &alpha.operator,
            NewBase::hosted(&establishment).at("https://0410017w.index-education.net/pronote"),
        )
        .await;
    app.apply_recommended_settings(
        &alpha.operator,
        &base.id,
        base.version,
        "https://ent.netocentre.fr/cas",
    )
    .await;

    let response = fiche(&app, Some(&alpha.helpdesk), "0410017W").await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/html; charset=utf-8"
    );
    let html = response.text().await.unwrap();
    for expected in [
        "https://0410017w.index-education.net/pronote/**",
        "https://ent.netocentre.fr/cas",
        "Espace Parents",
        "National_1",
        "2026-2027",
        "ENT_Pronote",
        // The ENT as the operator calls it, the model to pick in « Mon
        // ENT », the PRONOTE server's side, the rentrée as Relais knows it.
        "PRONOTE ⇄ Opérateur alpha –",
        "choisissez exactement : <span class=\"setting\">« ENT de test »</span>",
        "« Déléguer l'authentification »",
        "Liste de la rentrée",
        "Aucun fichier généré : demandez-le à votre ENT.",
    ] {
        assert!(html.contains(expected), "{expected} missing from the sheet");
    }
    assert!(!html.contains("ENT Opérateur"));

    // Not logged in, another operator, a school administrator without the
    // grant, a malformed UAI.
    assert_eq!(fiche(&app, None, "0410017W").await.status(), 401);
    assert_eq!(
        fiche(&app, Some("not-a-token"), "0410017W").await.status(),
        401
    );
    assert_eq!(
        fiche(&app, Some(&beta.operator), "0410017W").await.status(),
        404
    );
    assert_eq!(
        fiche(&app, Some(&alpha.school), "0410017W").await.status(),
        404
    );
    let malformed = fiche(&app, Some(&alpha.operator), "12345").await;
    assert_eq!(malformed.status(), 400);
    assert!(malformed.text().await.unwrap().contains("VALIDATION"));
}

on_both_databases!(the_sheet_shows_the_values_to_enter_to_those_allowed,);
