//! Bad input gets a clear French error, a stable code, and writes nothing.

use serde_json::json;

use crate::helpers::*;
use crate::typed::checked_create_user::{CreateUserInput, Role};
use crate::typed::{
    CheckedCreateTenant, CheckedCreateUser, CheckedTenant, DeepUserTenants, OperatorAuditEvents,
    Refused, TenantPage, UserIdsPage, checked_create_tenant, checked_create_user, checked_tenant,
    deep_user_tenants, operator_audit_events, tenant_page, user_ids_page,
};

async fn audit_count(app: &TestApp, token: &str) -> usize {
    app.run_ok::<OperatorAuditEvents>(
        Some(token),
        operator_audit_events::Variables { first: Some(100) },
    )
    .await
    .audit_events
    .nodes
    .len()
}

/// A helpdesk agent of `tenant`, named `email`, with `password`.
fn agent(email: &str, tenant: &str, password: &str) -> CreateUserInput {
    CreateUserInput {
        email: email.to_owned(),
        display_name: "Personne de test".to_owned(),
        role: Role::HELPDESK,
        tenant_id: Some(tenant.to_owned()),
        password: password.to_owned(),
    }
}

async fn create_user(
    app: &TestApp,
    token: &str,
    input: CreateUserInput,
) -> Result<String, Refused> {
    app.run::<CheckedCreateUser>(Some(token), checked_create_user::Variables { input })
        .await
        .map(|data| data.create_user.id)
}

async fn create_tenant(
    app: &TestApp,
    token: &str,
    slug: &str,
    name: &str,
) -> Result<String, Refused> {
    let input = checked_create_tenant::CreateTenantInput {
        slug: slug.to_owned(),
        name: name.to_owned(),
        contact_email: "a@x.test".to_owned(),
        helpdesk_email: "b@x.test".to_owned(),
    };
    app.run::<CheckedCreateTenant>(Some(token), checked_create_tenant::Variables { input })
        .await
        .map(|data| data.create_tenant.id)
}

fn refused<T: std::fmt::Debug>(answer: Result<T, Refused>) -> Refused {
    answer.expect_err("the step should have been refused")
}

async fn a_validation_error_names_the_field_and_writes_nothing(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.admin_token().await;
    let tenant = app.create_tenant(&admin, "alpha").await;
    let before = audit_count(&app, &admin).await;

    let bad_email = refused(
        create_user(
            &app,
            &admin,
            agent("pas-une-adresse", &tenant, USER_PASSWORD),
        )
        .await,
    );
    assert_eq!(bad_email.code(), "VALIDATION", "{bad_email:?}");
    assert_eq!(bad_email.field(), Some("email"));
    assert!(
        bad_email
            .message()
            .contains("n'est pas une adresse e-mail valide")
    );

    let short_password =
        refused(create_user(&app, &admin, agent("ok@alpha.test", &tenant, "court")).await);
    assert_eq!(short_password.code(), "VALIDATION", "{short_password:?}");
    assert_eq!(short_password.field(), Some("password"));

    let bad_slug = refused(create_tenant(&app, &admin, "Pas Bon!", "X").await);
    assert_eq!(bad_slug.code(), "VALIDATION", "{bad_slug:?}");
    assert_eq!(bad_slug.field(), Some("slug"));

    let bad_id = refused(
        app.run::<CheckedTenant>(Some(&admin), checked_tenant::Variables { id: "42".into() })
            .await,
    );
    assert_eq!(bad_id.code(), "VALIDATION", "{bad_id:?}");
    assert_eq!(bad_id.field(), Some("id"));

    assert_eq!(audit_count(&app, &admin).await, before);
    let login = refused(app.log_in("ok@alpha.test", "court").await);
    assert_eq!(login.code(), "UNAUTHENTICATED", "{login:?}");
}

async fn a_duplicate_is_a_conflict_on_its_field(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.admin_token().await;
    let tenant = app.create_tenant(&admin, "alpha").await;

    let again = refused(create_tenant(&app, &admin, "ALPHA", "Autre").await);
    assert_eq!(again.code(), "CONFLICT", "{again:?}");
    assert_eq!(again.field(), Some("slug"));
    assert!(again.message().contains("déjà utilisé"));

    create_user(
        &app,
        &admin,
        agent("agent@alpha.test", &tenant, USER_PASSWORD),
    )
    .await
    .unwrap_or_else(|refused| panic!("{refused:?}"));
    let twice = refused(
        create_user(
            &app,
            &admin,
            agent("Agent@Alpha.test", &tenant, USER_PASSWORD),
        )
        .await,
    );
    assert_eq!(twice.code(), "CONFLICT", "{twice:?}");
    assert_eq!(twice.field(), Some("email"));
}

async fn queries_past_the_depth_limit_are_refused_with_a_code(backend: Backend) {
    let app = spawn_app_with(backend, |s| s.graphql.max_depth = 4).await;
    let admin = app.admin_token().await;

    let deep = refused(
        app.run::<DeepUserTenants>(Some(&admin), deep_user_tenants::Variables)
            .await,
    );
    assert_eq!(deep.code(), "VALIDATION", "{deep:?}");
    assert!(deep.message().starts_with("Requête GraphQL invalide"));

    // Raw: a malformed document, which no typed operation can be.
    let syntax = app.graphql(Some(&admin), "{ me { ", json!({})).await;
    assert_eq!(error_code(&syntax), "VALIDATION");
}

async fn long_lists_weigh_in_the_complexity_limit(backend: Backend) {
    // `login` itself costs 100 (a password hash, relais_api::cost).
    let app = spawn_app_with(backend, |s| s.graphql.max_complexity = 150).await;
    let admin = app.admin_token().await;
    let users = |first: i64| {
        app.run::<UserIdsPage>(
            Some(&admin),
            user_ids_page::Variables { first: Some(first) },
        )
    };

    let small = users(5).await;
    assert!(small.is_ok(), "{small:?}");
    let large = refused(users(100).await);
    assert_eq!(large.code(), "VALIDATION", "{large:?}");
}

async fn lists_are_cursor_connections(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.admin_token().await;
    for slug in ["un", "deux", "trois"] {
        app.create_tenant(&admin, slug).await;
    }
    let page = |after: Option<String>| {
        app.run::<TenantPage>(Some(&admin), tenant_page::Variables { after })
    };

    let first = page(None)
        .await
        .unwrap_or_else(|refused| panic!("{refused:?}"))
        .tenants;
    assert!(first.page_info.has_next_page, "{first:?}");
    let second = page(first.page_info.end_cursor.clone())
        .await
        .unwrap_or_else(|refused| panic!("{refused:?}"))
        .tenants;
    assert!(!second.page_info.has_next_page, "{second:?}");
    let slugs: Vec<&str> = [&first, &second]
        .iter()
        .flat_map(|page| &page.edges)
        .map(|e| e.node.slug.as_str())
        .collect();
    assert_eq!(slugs, ["un", "deux", "trois"]);

    let bad = refused(page(Some("pas-un-curseur".into())).await);
    assert_eq!(bad.code(), "VALIDATION", "{bad:?}");
    assert_eq!(bad.field(), Some("after"));
}

on_both_databases!(
    a_validation_error_names_the_field_and_writes_nothing,
    a_duplicate_is_a_conflict_on_its_field,
    queries_past_the_depth_limit_are_refused_with_a_code,
    long_lists_weigh_in_the_complexity_limit,
    lists_are_cursor_connections,
);
