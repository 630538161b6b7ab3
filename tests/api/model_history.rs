//! The operator's « Modèles » screen (issue 17): a source's catalog
//! versions, a model's revisions and the diff between two, read with the
//! visibility of the source.

use serde_json::{Value, json};

use crate::helpers::*;

/// A `relais-models/1` feed with one model, « ENT Région », on CAS `root`.
fn feed(root: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListeModeles xmlns=\"urn:relais:models:1\" version=\"relais-models/1\">\n\
         <ENT><Nom>ENT Région</Nom><Localisation>Région Centre-Val de Loire</Localisation>\
         <PronoteNet><Url_ServeurCAS><UrlRacine>{root}</UrlRacine></Url_ServeurCAS>\
         <ModeIdentificationPremiereConnexion><AvecIdentite><AttributNom>nom</AttributNom>\
         <AttributPrenom>prenom</AttributPrenom><AttributDateNaissance>dateNaissance</AttributDateNaissance>\
         <AttributProfil>categories</AttributProfil><ValeursProfil><Profil code=\"ELEVE\">National_1</Profil>\
         </ValeursProfil></AvecIdentite></ModeIdentificationPremiereConnexion></PronoteNet></ENT>\n</ListeModeles>\n"
    )
}

struct History {
    app: TestApp,
    alpha: TenantFixture,
    beta: TenantFixture,
    source: String,
    model: String,
}

/// Alpha's source, imported twice with another CAS root: two catalog
/// versions, a model at revision 2.
async fn history(backend: Backend) -> History {
    let app = spawn_app(backend).await;
    let [alpha, beta] = app.two_tenants().await;
    let source = app
        .graphql(
            Some(&alpha.operator),
            "mutation { createModelSource(input: { name: \"Modèles de l'opérateur\" }) { id } }",
            json!({}),
        )
        .await["data"]["createModelSource"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    for root in [
        "https://cas.ent-region.fr/cas",
        "https://auth.ent-region.fr/cas",
    ] {
        let imported = app
            .graphql(
                Some(&alpha.operator),
                "mutation($s: ID!, $x: String!) { importModels(sourceId: $s, feedXml: $x) { newVersion } }",
                json!({ "s": source, "x": feed(root) }),
            )
            .await;
        assert_eq!(
            imported["data"]["importModels"]["newVersion"], true,
            "{imported}"
        );
    }
    let models = app
        .graphql(
            Some(&alpha.operator),
            "query($s: ID!) { models(sourceId: $s) { id revision } }",
            json!({ "s": source }),
        )
        .await;
    assert_eq!(models["data"]["models"][0]["revision"], 2, "{models}");
    let model = models["data"]["models"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    History {
        app,
        alpha,
        beta,
        source,
        model,
    }
}

const DIFF: &str = "query($m: ID!, $f: Int!, $t: Int!) { modelRevisionDiff(modelId: $m, from: $f, to: $t) { field label old new summary } }";

async fn a_source_lists_its_catalog_versions_and_a_model_the_diff_between_revisions(
    backend: Backend,
) {
    let h = history(backend).await;
    let versions = h
        .app
        .graphql(
            Some(&h.alpha.operator),
            "query($s: ID!) { catalogVersions(sourceId: $s) { models added changed withdrawn } }",
            json!({ "s": h.source }),
        )
        .await;
    assert_eq!(
        versions["data"]["catalogVersions"],
        json!([
            { "models": 1, "added": 0, "changed": 1, "withdrawn": 0 },
            { "models": 1, "added": 1, "changed": 0, "withdrawn": 0 },
        ]),
        "{versions}"
    );
    let revisions = h
        .app
        .graphql(
            Some(&h.alpha.operator),
            "query($m: ID!) { entModel(id: $m) { name revision } modelRevisions(modelId: $m) { revision } }",
            json!({ "m": h.model }),
        )
        .await;
    assert_eq!(
        revisions["data"]["entModel"]["name"], "ENT Région",
        "{revisions}"
    );
    assert_eq!(
        revisions["data"]["modelRevisions"],
        json!([{ "revision": 2 }, { "revision": 1 }])
    );
    let diff = h
        .app
        .graphql(
            Some(&h.alpha.operator),
            DIFF,
            json!({ "m": h.model, "f": 1, "t": 2 }),
        )
        .await;
    let changes = diff["data"]["modelRevisionDiff"]
        .as_array()
        .unwrap_or_else(|| panic!("{diff}"));
    assert!(!changes.is_empty(), "{diff}");
    let text = diff.to_string();
    assert!(
        text.contains("cas.ent-region.fr") && text.contains("auth.ent-region.fr"),
        "{diff}"
    );
    // The other way round, old and new swap.
    let back = h
        .app
        .graphql(
            Some(&h.alpha.operator),
            DIFF,
            json!({ "m": h.model, "f": 2, "t": 1 }),
        )
        .await;
    assert_eq!(
        back["data"]["modelRevisionDiff"][0]["old"], changes[0]["new"],
        "{back}"
    );
}

async fn another_tenant_or_a_bad_revision_gets_an_error(backend: Backend) {
    let h = history(backend).await;
    let ask = |token: &str, query: &'static str, variables: Value| {
        let app = &h.app;
        let token = token.to_owned();
        async move { app.graphql(Some(&token), query, variables).await }
    };
    for (query, variables) in [
        (
            "query($s: ID!) { catalogVersions(sourceId: $s) { id } }",
            json!({ "s": h.source }),
        ),
        (
            "query($m: ID!) { modelRevisions(modelId: $m) { revision } }",
            json!({ "m": h.model }),
        ),
        (
            "query($m: ID!) { entModel(id: $m) { id } }",
            json!({ "m": h.model }),
        ),
        (DIFF, json!({ "m": h.model, "f": 1, "t": 2 })),
    ] {
        let answer = ask(&h.beta.operator, query, variables).await;
        assert_eq!(error_code(&answer), "NOT_FOUND", "{query}: {answer}");
        assert!(answer["data"].is_null(), "{answer}");
    }
    for (variables, code, field) in [
        (
            json!({ "m": h.model, "f": 0, "t": 2 }),
            "VALIDATION",
            Some("from"),
        ),
        (
            json!({ "m": h.model, "f": 2, "t": 2 }),
            "VALIDATION",
            Some("to"),
        ),
        (json!({ "m": h.model, "f": 1, "t": 3 }), "NOT_FOUND", None),
        (
            json!({ "m": "nope", "f": 1, "t": 2 }),
            "VALIDATION",
            Some("modelId"),
        ),
    ] {
        let answer = ask(&h.alpha.operator, DIFF, variables.clone()).await;
        assert_eq!(error_code(&answer), code, "{variables}: {answer}");
        if let Some(field) = field {
            assert_eq!(
                answer["errors"][0]["extensions"]["field"], field,
                "{answer}"
            );
        }
    }
    let bad_source = ask(
        &h.alpha.operator,
        "query($s: ID!) { catalogVersions(sourceId: $s) { id } }",
        json!({ "s": "nope" }),
    )
    .await;
    assert_eq!(error_code(&bad_source), "VALIDATION", "{bad_source}");
}

on_both_databases!(
    a_source_lists_its_catalog_versions_and_a_model_the_diff_between_revisions,
    another_tenant_or_a_bad_revision_gets_an_error,
);
