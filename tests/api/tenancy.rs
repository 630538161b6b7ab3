//! Roles and tenant isolation.

use serde_json::{Value, json};

use crate::helpers::*;

const TENANTS: &str = "{ tenants { edges { node { id slug } } } }";
const USERS: &str = "{ users(first: 100) { edges { node { id email role } } } }";
const TENANT: &str = "query($id: ID!) { tenant(id: $id) { id name } }";
const USER: &str = "query($id: ID!) { user(id: $id) { id email } }";
const AUDIT: &str = "{ auditEvents(first: 100) { edges { node { action tenantId summary } } } }";

fn ids(answer: &Value, list: &str, field: &str) -> Vec<String> {
    answer["data"][list]["edges"]
        .as_array()
        .unwrap_or_else(|| panic!("no {list} in {answer}"))
        .iter()
        .map(|edge| edge["node"][field].as_str().unwrap().to_owned())
        .collect()
}

async fn each_role_sees_what_it_should(backend: Backend) {
    let app = spawn_app(backend).await;
    let [alpha, beta] = app.two_tenants().await;
    let admin = app.admin_token().await;

    let all = app.graphql(Some(&admin), TENANTS, json!({})).await;
    assert_eq!(ids(&all, "tenants", "slug"), ["alpha", "beta"]);
    assert_eq!(
        ids(
            &app.graphql(Some(&admin), USERS, json!({})).await,
            "users",
            "id"
        )
        .len(),
        7
    );

    for token in [&alpha.operator, &alpha.helpdesk, &alpha.school] {
        let own = app.graphql(Some(token), TENANTS, json!({})).await;
        assert_eq!(ids(&own, "tenants", "slug"), ["alpha"]);
    }

    // The login payload names the user's tenant (the request is anonymous).
    let login = app.login("helpdesk@alpha.test", USER_PASSWORD).await;
    assert_eq!(
        login["data"]["login"]["user"]["tenant"]["name"],
        "Opérateur alpha"
    );
    assert!(login["errors"].is_null(), "{login}");

    // Operator and helpdesk see their tenant's three accounts, no more.
    for token in [&alpha.operator, &alpha.helpdesk] {
        let users = ids(
            &app.graphql(Some(token), USERS, json!({})).await,
            "users",
            "id",
        );
        assert_eq!(users.len(), 3);
        assert!(!users.contains(&beta.operator_id));
    }
    // A school administrator sees only itself.
    let users = ids(
        &app.graphql(Some(&alpha.school), USERS, json!({})).await,
        "users",
        "id",
    );
    assert_eq!(users.as_slice(), std::slice::from_ref(&alpha.school_id));
    let colleague = app
        .graphql(
            Some(&alpha.school),
            USER,
            json!({ "id": alpha.helpdesk_id }),
        )
        .await;
    assert_eq!(error_code(&colleague), "NOT_FOUND");
}

async fn another_tenants_object_answers_exactly_like_a_missing_one(backend: Backend) {
    let app = spawn_app(backend).await;
    let [alpha, beta] = app.two_tenants().await;
    let missing = uuid::Uuid::now_v7().to_string();

    let foreign_tenant = app
        .graphql(Some(&alpha.operator), TENANT, json!({ "id": beta.id }))
        .await;
    let missing_tenant = app
        .graphql(Some(&alpha.operator), TENANT, json!({ "id": missing }))
        .await;
    assert_eq!(error_code(&foreign_tenant), "NOT_FOUND");
    assert_eq!(foreign_tenant["errors"], missing_tenant["errors"]);

    let foreign_user = app
        .graphql(
            Some(&alpha.helpdesk),
            USER,
            json!({ "id": beta.operator_id }),
        )
        .await;
    let missing_user = app
        .graphql(Some(&alpha.helpdesk), USER, json!({ "id": missing }))
        .await;
    assert_eq!(error_code(&foreign_user), "NOT_FOUND");
    assert_eq!(foreign_user["errors"], missing_user["errors"]);

    // Own objects are found.
    let own = app
        .graphql(Some(&alpha.operator), TENANT, json!({ "id": alpha.id }))
        .await;
    assert_eq!(own["data"]["tenant"]["id"], alpha.id.as_str());
}

async fn an_operator_creates_accounts_in_its_own_tenant_only(backend: Backend) {
    let app = spawn_app(backend).await;
    let [alpha, beta] = app.two_tenants().await;

    let own = app
        .create_user(&alpha.operator, "nouveau@alpha.test", "SCHOOL_ADMIN", None)
        .await;
    assert_eq!(own["data"]["createUser"]["tenant"]["id"], alpha.id.as_str());

    let elsewhere = app
        .create_user(
            &alpha.operator,
            "intrus@beta.test",
            "HELPDESK",
            Some(&beta.id),
        )
        .await;
    assert_eq!(error_code(&elsewhere), "NOT_FOUND");

    let platform = app
        .create_user(&alpha.operator, "root@alpha.test", "PLATFORM_ADMIN", None)
        .await;
    assert_eq!(error_code(&platform), "FORBIDDEN");

    for token in [&alpha.helpdesk, &alpha.school] {
        let refused = app
            .create_user(token, "x@alpha.test", "SCHOOL_ADMIN", None)
            .await;
        assert_eq!(error_code(&refused), "FORBIDDEN");
    }
    // Nothing was written by the refused attempts.
    let users = ids(
        &app.graphql(Some(&beta.operator), USERS, json!({})).await,
        "users",
        "email",
    );
    assert!(!users.contains(&"intrus@beta.test".to_owned()));
    let login = app.login("intrus@beta.test", USER_PASSWORD).await;
    assert_eq!(error_code(&login), "UNAUTHENTICATED");
}

async fn only_administrators_read_the_audit_log_and_only_their_tenants(backend: Backend) {
    let app = spawn_app(backend).await;
    let [alpha, beta] = app.two_tenants().await;

    let log = app.graphql(Some(&alpha.operator), AUDIT, json!({})).await;
    let tenants = ids(&log, "auditEvents", "tenantId");
    assert!(!tenants.is_empty());
    assert!(tenants.iter().all(|t| *t == alpha.id), "{tenants:?}");
    let actions = ids(&log, "auditEvents", "action");
    assert!(actions.contains(&"USER_CREATED".to_owned()));
    assert!(actions.contains(&"LOGIN_SUCCEEDED".to_owned()));

    let narrowed = app
        .graphql(
            Some(&alpha.operator),
            "query($t: ID) { auditEvents(tenantId: $t) { edges { node { action } } } }",
            json!({ "t": beta.id }),
        )
        .await;
    assert_eq!(error_code(&narrowed), "NOT_FOUND");

    for token in [&alpha.helpdesk, &alpha.school] {
        assert_eq!(
            error_code(&app.graphql(Some(token), AUDIT, json!({})).await),
            "FORBIDDEN"
        );
    }

    let admin = app.admin_token().await;
    let everything = app.graphql(Some(&admin), AUDIT, json!({})).await;
    let tenants = ids(&everything, "auditEvents", "summary");
    assert!(tenants.len() > ids(&log, "auditEvents", "action").len());
    let created = app
        .graphql(
            Some(&admin),
            "query($t: ID) { auditEvents(tenantId: $t) { edges { node { tenantId } } } }",
            json!({ "t": beta.id }),
        )
        .await;
    assert!(
        ids(&created, "auditEvents", "tenantId")
            .iter()
            .all(|t| *t == beta.id)
    );
}

async fn an_operator_updates_its_tenant_but_not_another(backend: Backend) {
    let app = spawn_app(backend).await;
    let [alpha, beta] = app.two_tenants().await;
    let update = "mutation($id: ID!, $i: UpdateTenantInput!) { updateTenant(id: $id, input: $i) { name helpdeskEmail } }";

    let own = app
        .graphql(
            Some(&alpha.operator),
            update,
            json!({ "id": alpha.id, "i": { "helpdeskEmail": "Support@Alpha.test" } }),
        )
        .await;
    assert_eq!(
        own["data"]["updateTenant"]["helpdeskEmail"],
        "support@alpha.test"
    );

    let foreign = app
        .graphql(
            Some(&alpha.operator),
            update,
            json!({ "id": beta.id, "i": { "name": "Piraté" } }),
        )
        .await;
    assert_eq!(error_code(&foreign), "NOT_FOUND");
    let helpdesk = app
        .graphql(
            Some(&alpha.helpdesk),
            update,
            json!({ "id": alpha.id, "i": { "name": "Renommé" } }),
        )
        .await;
    assert_eq!(error_code(&helpdesk), "FORBIDDEN");
    let attempt = app
        .graphql(Some(&alpha.operator), "mutation { createTenant(input: { slug: \"gamma\", name: \"G\", contactEmail: \"a@g.test\", helpdeskEmail: \"b@g.test\" }) { id } }", json!({}))
        .await;
    assert_eq!(error_code(&attempt), "FORBIDDEN");

    let beta_now = app
        .graphql(Some(&beta.operator), TENANT, json!({ "id": beta.id }))
        .await;
    assert_eq!(beta_now["data"]["tenant"]["name"], "Opérateur beta");
}

on_both_databases!(
    each_role_sees_what_it_should,
    another_tenants_object_answers_exactly_like_a_missing_one,
    an_operator_creates_accounts_in_its_own_tenant_only,
    only_administrators_read_the_audit_log_and_only_their_tenants,
    an_operator_updates_its_tenant_but_not_another,
);
