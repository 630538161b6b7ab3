//! Bad input gets a clear French error, a stable code, and writes nothing.

use serde_json::json;

use crate::helpers::*;

async fn audit_count(app: &TestApp, token: &str) -> usize {
    let log = app
        .graphql(
            Some(token),
            "{ auditEvents(first: 100) { edges { node { id } } } }",
            json!({}),
        )
        .await;
    log["data"]["auditEvents"]["edges"]
        .as_array()
        .unwrap()
        .len()
}

async fn a_validation_error_names_the_field_and_writes_nothing(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.admin_token().await;
    let tenant = app.create_tenant(&admin, "alpha").await;
    let before = audit_count(&app, &admin).await;

    let bad_email = app
        .create_user(&admin, "pas-une-adresse", "HELPDESK", Some(&tenant))
        .await;
    assert_eq!(error_code(&bad_email), "VALIDATION");
    assert_eq!(bad_email["errors"][0]["extensions"]["field"], "email");
    assert!(error_message(&bad_email).contains("n'est pas une adresse e-mail valide"));

    let short_password = app
        .graphql(
            Some(&admin),
            "mutation($i: CreateUserInput!) { createUser(input: $i) { id } }",
            json!({ "i": { "email": "ok@alpha.test", "displayName": "Ok", "role": "HELPDESK", "tenantId": tenant, "password": "court" } }),
        )
        .await;
    assert_eq!(error_code(&short_password), "VALIDATION");
    assert_eq!(
        short_password["errors"][0]["extensions"]["field"],
        "password"
    );

    let bad_slug = app
        .graphql(
            Some(&admin),
            "mutation { createTenant(input: { slug: \"Pas Bon!\", name: \"X\", contactEmail: \"a@x.test\", helpdeskEmail: \"b@x.test\" }) { id } }",
            json!({}),
        )
        .await;
    assert_eq!(error_code(&bad_slug), "VALIDATION");
    assert_eq!(bad_slug["errors"][0]["extensions"]["field"], "slug");

    let bad_id = app
        .graphql(Some(&admin), "{ tenant(id: \"42\") { id } }", json!({}))
        .await;
    assert_eq!(error_code(&bad_id), "VALIDATION");
    assert_eq!(bad_id["errors"][0]["extensions"]["field"], "id");

    assert_eq!(audit_count(&app, &admin).await, before);
    assert_eq!(
        error_code(&app.login("ok@alpha.test", "court").await),
        "UNAUTHENTICATED"
    );
}

async fn a_duplicate_is_a_conflict_on_its_field(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.admin_token().await;
    let tenant = app.create_tenant(&admin, "alpha").await;

    let again = app
        .graphql(
            Some(&admin),
            "mutation { createTenant(input: { slug: \"ALPHA\", name: \"Autre\", contactEmail: \"a@x.test\", helpdeskEmail: \"b@x.test\" }) { id } }",
            json!({}),
        )
        .await;
    assert_eq!(error_code(&again), "CONFLICT");
    assert_eq!(again["errors"][0]["extensions"]["field"], "slug");
    assert!(error_message(&again).contains("déjà utilisé"));

    app.create_user(&admin, "agent@alpha.test", "HELPDESK", Some(&tenant))
        .await;
    let twice = app
        .create_user(&admin, "Agent@Alpha.test", "HELPDESK", Some(&tenant))
        .await;
    assert_eq!(error_code(&twice), "CONFLICT");
    assert_eq!(twice["errors"][0]["extensions"]["field"], "email");
}

async fn queries_past_the_depth_limit_are_refused_with_a_code(backend: Backend) {
    let app = spawn_app_with(backend, |s| s.graphql.max_depth = 4).await;
    let admin = app.admin_token().await;

    let deep = app
        .graphql(
            Some(&admin),
            "{ users { edges { node { tenant { name } } } } }",
            json!({}),
        )
        .await;
    assert_eq!(error_code(&deep), "VALIDATION");
    assert!(error_message(&deep).starts_with("Requête GraphQL invalide"));

    let syntax = app.graphql(Some(&admin), "{ me { ", json!({})).await;
    assert_eq!(error_code(&syntax), "VALIDATION");
}

async fn long_lists_weigh_in_the_complexity_limit(backend: Backend) {
    // `login` itself costs 100 (a password hash, relais_api::cost).
    let app = spawn_app_with(backend, |s| s.graphql.max_complexity = 150).await;
    let admin = app.admin_token().await;

    let small = app
        .graphql(
            Some(&admin),
            "{ users(first: 5) { edges { node { id } } } }",
            json!({}),
        )
        .await;
    assert!(small["errors"].is_null(), "{small}");
    let large = app
        .graphql(
            Some(&admin),
            "{ users(first: 100) { edges { node { id } } } }",
            json!({}),
        )
        .await;
    assert_eq!(error_code(&large), "VALIDATION");
}

async fn lists_are_cursor_connections(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.admin_token().await;
    for slug in ["un", "deux", "trois"] {
        app.create_tenant(&admin, slug).await;
    }
    let page = "query($a: String) { tenants(first: 2, after: $a) { pageInfo { hasNextPage endCursor } edges { cursor node { slug } } } }";

    let first = app.graphql(Some(&admin), page, json!({ "a": null })).await;
    let info = &first["data"]["tenants"]["pageInfo"];
    assert_eq!(info["hasNextPage"], true);
    let second = app
        .graphql(Some(&admin), page, json!({ "a": info["endCursor"] }))
        .await;
    assert_eq!(second["data"]["tenants"]["pageInfo"]["hasNextPage"], false);
    let slugs: Vec<&str> = [&first, &second]
        .iter()
        .flat_map(|a| a["data"]["tenants"]["edges"].as_array().unwrap())
        .map(|e| e["node"]["slug"].as_str().unwrap())
        .collect();
    assert_eq!(slugs, ["un", "deux", "trois"]);

    let bad = app
        .graphql(Some(&admin), page, json!({ "a": "pas-un-curseur" }))
        .await;
    assert_eq!(error_code(&bad), "VALIDATION");
    assert_eq!(bad["errors"][0]["extensions"]["field"], "after");
}

on_both_databases!(
    a_validation_error_names_the_field_and_writes_nothing,
    a_duplicate_is_a_conflict_on_its_field,
    queries_past_the_depth_limit_are_refused_with_a_code,
    long_lists_weigh_in_the_complexity_limit,
    lists_are_cursor_connections,
);
