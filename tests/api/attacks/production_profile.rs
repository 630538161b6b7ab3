//! The production profile (on unless `--demo`): what anonymous callers no
//! longer see, and the security headers of every response.

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::probe::{Probe, outcome, post, reason};
use crate::helpers::*;

const CSP: &str = "content-security-policy";

async fn anonymous_callers_get_no_introspection_and_no_suggestions(backend: Backend) {
    let app = spawn_app(backend).await;
    for (name, query) in [
        ("anonymous __schema", "{ __schema { types { name } } }"),
        (
            "anonymous __type",
            "{ __type(name: \"User\") { fields { name } } }",
        ),
        (
            "anonymous __schema behind a fragment",
            "{ ...F } fragment F on Query { __schema { queryType { name } } }",
        ),
    ] {
        let probe = Probe::start(backend, name);
        let (_, answer) = post(&app, None, &json!({ "query": query })).await;
        probe.report(&outcome(&answer));
        assert_eq!(error_code(&answer), "UNAUTHENTICATED", "{name}: {answer}");
        assert_eq!(reason(&answer), "INTROSPECTION_NEEDS_LOGIN");
        assert!(answer["data"].is_null());
    }
    // A forged token is no sign-in.
    let (_, forged) = post(
        &app,
        Some("abc.def.ghi"),
        &json!({ "query": "{ __schema { types { name } } }" }),
    )
    .await;
    assert_eq!(error_code(&forged), "UNAUTHENTICATED");

    let admin = app.admin_token().await;
    let schema = app
        .graphql(
            Some(&admin),
            "{ __schema { queryType { name } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        schema["data"]["__schema"]["queryType"]["name"], "Query",
        "{schema}"
    );
    // `__typename` is no introspection of the schema.
    let typename = app.graphql(None, "{ __typename }", json!({})).await;
    assert_eq!(typename["data"]["__typename"], "Query");

    let probe = Probe::start(backend, "anonymous misspelled field (suggestions)");
    let (_, misspelled) = post(&app, None, &json!({ "query": "{ tenantss { id } }" })).await;
    probe.report(&outcome(&misspelled));
    assert_eq!(error_code(&misspelled), "VALIDATION");
    assert!(
        !error_message(&misspelled).contains("Did you mean"),
        "{misspelled}"
    );

    // Outside the production profile (`--demo`), suggestions help.
    let demo = spawn_app_with(backend, |s| s.security.production = Some(false)).await;
    let (_, suggested) = post(&demo, None, &json!({ "query": "{ tenantss { id } }" })).await;
    assert!(
        error_message(&suggested).contains("Did you mean"),
        "{suggested}"
    );
}

async fn graphiql_is_off_in_production_and_self_hosted_elsewhere(backend: Backend) {
    let app = spawn_app(backend).await;
    let probe = Probe::start(backend, "anonymous GET /graphiql (production)");
    let status = app.get("/graphiql").await.status().as_u16();
    probe.report(&format!("HTTP {status}"));
    assert_eq!(status, 404);

    let app = spawn_app_with(backend, |s| s.security.production = Some(false)).await;
    let page = app.get("/graphiql").await;
    assert_eq!(page.status(), 200);
    let policy = page.headers()[CSP].to_str().unwrap().to_owned();
    assert!(policy.contains("script-src 'self'"), "{policy}");
    assert!(!policy.contains("unsafe-inline"), "{policy}");
    assert_eq!(page.headers()["x-content-type-options"], "nosniff");
    let html = page.text().await.unwrap();
    assert!(!html.contains("://"), "nothing from another host: {html}");
    let scripts: Vec<&str> = html
        .split("src=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    assert_eq!(scripts.len(), 4, "{html}");
    for script in scripts {
        let asset = app.get(script).await;
        assert_eq!(asset.status(), 200, "{script}");
        assert!(
            asset.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/javascript")
        );
        assert!(asset.bytes().await.unwrap().len() > 100, "{script}");
    }
    assert_eq!(
        app.get("/graphiql/0.0.1/graphiql.min.js").await.status(),
        404
    );
    assert_eq!(
        app.get("/graphiql/4.1.2/../../etc/passwd").await.status(),
        404
    );
}

async fn metrics_need_a_token_or_their_own_address(backend: Backend) {
    let app = spawn_app(backend).await;
    let probe = Probe::start(backend, "anonymous GET /metrics (production, no token set)");
    let status = app.get("/metrics").await.status().as_u16();
    probe.report(&format!("HTTP {status}"));
    assert_eq!(status, 401);

    let app = spawn_app_with(backend, |s| {
        s.metrics.token = Some("jeton-des-metriques-de-test".to_owned().into())
    })
    .await;
    assert_eq!(app.get("/metrics").await.status(), 401);
    assert_eq!(
        app.get_with_token("/metrics", "autre-jeton").await.status(),
        401
    );
    let scraped = app
        .get_with_token("/metrics", "jeton-des-metriques-de-test")
        .await;
    assert_eq!(scraped.status(), 200);
    assert!(
        scraped
            .text()
            .await
            .unwrap()
            .contains("relais_http_requests_total")
    );

    let app = spawn_app_with(backend, |s| s.metrics.address = Some("127.0.0.1:0".into())).await;
    assert_eq!(
        app.get("/metrics").await.status(),
        404,
        "not on the public listener"
    );
    let separate = app.metrics_address.clone().expect("a metrics listener");
    let scraped = app
        .client
        .get(format!("{separate}/metrics"))
        .send()
        .await
        .unwrap();
    assert_eq!(scraped.status(), 200);
    assert!(
        scraped
            .text()
            .await
            .unwrap()
            .contains("relais_http_requests_total")
    );
}

fn assert_security_headers(response: &reqwest::Response, what: &str) {
    let headers = response.headers();
    assert_eq!(headers["x-content-type-options"], "nosniff", "{what}");
    assert_eq!(headers["x-frame-options"], "SAMEORIGIN", "{what}");
    assert_eq!(headers["referrer-policy"], "no-referrer", "{what}");
    let policy = headers[CSP].to_str().unwrap();
    assert!(
        policy.contains("frame-ancestors 'self'"),
        "{what}: {policy}"
    );
    assert!(!policy.contains("unsafe-inline"), "{what}: {policy}");
}

async fn every_response_carries_the_security_headers(backend: Backend) {
    let app = spawn_app(backend).await;
    let [alpha, _] = app.two_tenants().await;
    app.graphql(
        Some(&alpha.operator),
        "mutation($i: CreateEstablishmentInput!) { createEstablishment(input: $i) { id } }",
        json!({ "i": { "uai": "0410017W", "name": "Lycée Augustin Thierry", "kind": "LYCEE" } }),
    )
    .await;

    let sheet = app
        .get_with_token("/establishments/0410017W/fiche", &alpha.operator)
        .await;
    assert_eq!(sheet.status(), 200);
    assert_security_headers(&sheet, "fiche");
    let policy = sheet.headers()[CSP].to_str().unwrap().to_owned();
    let html = sheet.text().await.unwrap();
    let style = html
        .split_once("<style>")
        .unwrap()
        .1
        .split_once("</style>")
        .unwrap()
        .0;
    use base64::Engine;
    let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(style.as_bytes()));
    assert!(
        policy.contains(&format!("'sha256-{hash}'")),
        "the sheet's style is allowed by its hash: {policy}"
    );
    assert!(
        !policy.contains("script-src"),
        "no script on the sheet: {policy}"
    );

    let refused = app.get("/establishments/0410017W/fiche").await;
    assert_eq!(refused.status(), 401);
    assert!(
        refused.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert_security_headers(&refused, "fiche error page");

    let api = app
        .client
        .post(format!("{}/graphql", app.address))
        .json(&json!({ "query": "{ me { id } }" }))
        .send()
        .await
        .unwrap();
    assert_security_headers(&api, "GraphQL answer");
    assert_eq!(
        api.headers()[CSP],
        "default-src 'none'; frame-ancestors 'self'"
    );
    let _: Value = api.json().await.unwrap();

    assert_security_headers(&app.get("/nulle-part").await, "404");
    assert_security_headers(&app.get("/healthz").await, "healthz");
}

on_both_databases!(
    anonymous_callers_get_no_introspection_and_no_suggestions,
    graphiql_is_off_in_production_and_self_hosted_elsewhere,
    metrics_need_a_token_or_their_own_address,
    every_response_carries_the_security_headers,
);
