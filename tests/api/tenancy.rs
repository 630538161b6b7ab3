//! Roles and tenant isolation.

use crate::helpers::*;
use crate::typed::{
    AuditTrail, CreateOperatorTenant, CreateUserInTenant, LoginWithTenant, Refused, TenantById,
    UpdateTenant, UserById, VisibleTenants, VisibleUsers, audit_trail, create_operator_tenant,
    create_user_in_tenant, login_with_tenant, tenant_by_id, update_tenant, user_by_id,
    visible_tenants, visible_users,
};

type Tenant = tenant_by_id::TenantByIdTenant;
type User = visible_users::VisibleUsersUsersEdgesNode;
type AuditEvent = audit_trail::AuditTrailAuditEventsEdgesNode;
type CreatedUser = create_user_in_tenant::CreateUserInTenantCreateUser;

/// The slugs of the tenants `token`'s holder sees.
async fn tenant_slugs(app: &TestApp, token: &str) -> Vec<String> {
    app.run_ok::<VisibleTenants>(Some(token), visible_tenants::Variables)
        .await
        .tenants
        .edges
        .into_iter()
        .map(|edge| edge.node.slug)
        .collect()
}

async fn tenant(app: &TestApp, token: &str, id: &str) -> Result<Tenant, Refused> {
    app.run::<TenantById>(Some(token), tenant_by_id::Variables { id: id.to_owned() })
        .await
        .map(|read| read.tenant)
}

/// The accounts `token`'s holder sees (the first 100).
async fn users(app: &TestApp, token: &str) -> Vec<User> {
    app.run_ok::<VisibleUsers>(Some(token), visible_users::Variables)
        .await
        .users
        .edges
        .into_iter()
        .map(|edge| edge.node)
        .collect()
}

async fn user(app: &TestApp, token: &str, id: &str) -> Result<(), Refused> {
    app.run::<UserById>(Some(token), user_by_id::Variables { id: id.to_owned() })
        .await
        .map(|_| ())
}

/// Creates an account with `USER_PASSWORD`.
async fn create_user(
    app: &TestApp,
    token: &str,
    email: &str,
    role: create_user_in_tenant::Role,
    tenant_id: Option<&str>,
) -> Result<CreatedUser, Refused> {
    let input = create_user_in_tenant::CreateUserInput {
        email: email.to_owned(),
        display_name: "Personne de test".to_owned(),
        role,
        tenant_id: tenant_id.map(str::to_owned),
        password: USER_PASSWORD.to_owned(),
    };
    app.run::<CreateUserInTenant>(Some(token), create_user_in_tenant::Variables { input })
        .await
        .map(|created| created.create_user)
}

async fn login(
    app: &TestApp,
    email: &str,
) -> Result<login_with_tenant::LoginWithTenantLogin, Refused> {
    let variables = login_with_tenant::Variables {
        email: email.to_owned(),
        password: USER_PASSWORD.to_owned(),
    };
    app.run::<LoginWithTenant>(None, variables)
        .await
        .map(|logged_in| logged_in.login)
}

/// The audit log `token`'s holder reads (of `tenant_id` when given).
async fn audit(
    app: &TestApp,
    token: &str,
    tenant_id: Option<&str>,
    first: Option<i64>,
) -> Result<Vec<AuditEvent>, Refused> {
    let variables = audit_trail::Variables {
        tenant_id: tenant_id.map(str::to_owned),
        first,
    };
    app.run::<AuditTrail>(Some(token), variables)
        .await
        .map(|log| {
            log.audit_events
                .edges
                .into_iter()
                .map(|edge| edge.node)
                .collect()
        })
}

async fn update_tenant(
    app: &TestApp,
    token: &str,
    id: &str,
    input: update_tenant::UpdateTenantInput,
) -> Result<update_tenant::UpdateTenantUpdateTenant, Refused> {
    let variables = update_tenant::Variables {
        id: id.to_owned(),
        input,
    };
    app.run::<UpdateTenant>(Some(token), variables)
        .await
        .map(|updated| updated.update_tenant)
}

async fn each_role_sees_what_it_should(backend: Backend) {
    let app = spawn_app(backend).await;
    let [alpha, beta] = app.two_tenants().await;
    let admin = app.admin_token().await;

    assert_eq!(tenant_slugs(&app, &admin).await, ["alpha", "beta"]);
    assert_eq!(users(&app, &admin).await.len(), 7);

    for token in [&alpha.operator, &alpha.helpdesk, &alpha.school] {
        assert_eq!(tenant_slugs(&app, token).await, ["alpha"]);
    }

    // The login payload names the user's tenant (the request is anonymous).
    let logged_in = login(&app, "helpdesk@alpha.test").await;
    assert_eq!(
        logged_in
            .as_ref()
            .ok()
            .and_then(|login| login.user.tenant.as_ref())
            .map(|tenant| tenant.name.as_str()),
        Some("Opérateur alpha"),
        "{logged_in:?}"
    );

    // Operator and helpdesk see their tenant's three accounts, no more.
    for token in [&alpha.operator, &alpha.helpdesk] {
        let ids: Vec<String> = users(&app, token).await.into_iter().map(|u| u.id).collect();
        assert_eq!(ids.len(), 3);
        assert!(!ids.contains(&beta.operator_id));
    }
    // A school administrator sees only itself.
    let ids: Vec<String> = users(&app, &alpha.school)
        .await
        .into_iter()
        .map(|u| u.id)
        .collect();
    assert_eq!(ids.as_slice(), std::slice::from_ref(&alpha.school_id));
    let colleague = user(&app, &alpha.school, &alpha.helpdesk_id).await;
    assert_eq!(
        colleague.as_ref().err().map(Refused::code),
        Some("NOT_FOUND"),
        "{colleague:?}"
    );
}

async fn another_tenants_object_answers_exactly_like_a_missing_one(backend: Backend) {
    let app = spawn_app(backend).await;
    let [alpha, beta] = app.two_tenants().await;
    let missing = uuid::Uuid::now_v7().to_string();

    let foreign_tenant = tenant(&app, &alpha.operator, &beta.id)
        .await
        .expect_err("another operator's tenant read");
    let missing_tenant = tenant(&app, &alpha.operator, &missing)
        .await
        .expect_err("a missing tenant read");
    assert_eq!(foreign_tenant.code(), "NOT_FOUND", "{foreign_tenant:?}");
    assert_eq!(foreign_tenant.0, missing_tenant.0);

    let foreign_user = user(&app, &alpha.helpdesk, &beta.operator_id)
        .await
        .expect_err("another tenant's account read");
    let missing_user = user(&app, &alpha.helpdesk, &missing)
        .await
        .expect_err("a missing account read");
    assert_eq!(foreign_user.code(), "NOT_FOUND", "{foreign_user:?}");
    assert_eq!(foreign_user.0, missing_user.0);

    // Own objects are found.
    let own = tenant(&app, &alpha.operator, &alpha.id).await;
    assert_eq!(
        own.as_ref().ok().map(|tenant| tenant.id.as_str()),
        Some(alpha.id.as_str()),
        "{own:?}"
    );
}

async fn an_operator_creates_accounts_in_its_own_tenant_only(backend: Backend) {
    use create_user_in_tenant::Role;

    let app = spawn_app(backend).await;
    let [alpha, beta] = app.two_tenants().await;

    let own = create_user(
        &app,
        &alpha.operator,
        "nouveau@alpha.test",
        Role::SCHOOL_ADMIN,
        None,
    )
    .await
    .unwrap();
    assert_eq!(
        own.tenant.as_ref().map(|tenant| tenant.id.as_str()),
        Some(alpha.id.as_str()),
        "{own:?}"
    );

    let elsewhere = create_user(
        &app,
        &alpha.operator,
        "intrus@beta.test",
        Role::HELPDESK,
        Some(&beta.id),
    )
    .await
    .expect_err("an account created in another tenant");
    assert_eq!(elsewhere.code(), "NOT_FOUND", "{elsewhere:?}");

    let platform = create_user(
        &app,
        &alpha.operator,
        "root@alpha.test",
        Role::PLATFORM_ADMIN,
        None,
    )
    .await
    .expect_err("an operator created a platform administrator");
    assert_eq!(platform.code(), "FORBIDDEN", "{platform:?}");

    for token in [&alpha.helpdesk, &alpha.school] {
        let refused = create_user(&app, token, "x@alpha.test", Role::SCHOOL_ADMIN, None)
            .await
            .expect_err("an account created without the right");
        assert_eq!(refused.code(), "FORBIDDEN", "{refused:?}");
    }
    // Nothing was written by the refused attempts.
    let emails: Vec<String> = users(&app, &beta.operator)
        .await
        .into_iter()
        .map(|u| u.email)
        .collect();
    assert!(!emails.contains(&"intrus@beta.test".to_owned()));
    let login = login(&app, "intrus@beta.test")
        .await
        .expect_err("a refused account logged in");
    assert_eq!(login.code(), "UNAUTHENTICATED", "{login:?}");
}

async fn only_administrators_read_the_audit_log_and_only_their_tenants(backend: Backend) {
    let app = spawn_app(backend).await;
    let [alpha, beta] = app.two_tenants().await;

    let log = audit(&app, &alpha.operator, None, Some(100)).await.unwrap();
    let tenants: Vec<Option<&str>> = log.iter().map(|e| e.tenant_id.as_deref()).collect();
    assert!(!tenants.is_empty());
    assert!(
        tenants.iter().all(|t| *t == Some(alpha.id.as_str())),
        "{tenants:?}"
    );
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    assert!(actions.contains(&"USER_CREATED"), "{actions:?}");
    assert!(actions.contains(&"LOGIN_SUCCEEDED"), "{actions:?}");

    let narrowed = audit(&app, &alpha.operator, Some(&beta.id), None)
        .await
        .expect_err("an operator read another tenant's log");
    assert_eq!(narrowed.code(), "NOT_FOUND", "{narrowed:?}");

    for token in [&alpha.helpdesk, &alpha.school] {
        let refused = audit(&app, token, None, Some(100))
            .await
            .expect_err("the audit log read without the right");
        assert_eq!(refused.code(), "FORBIDDEN", "{refused:?}");
    }

    let admin = app.admin_token().await;
    let everything = audit(&app, &admin, None, Some(100)).await.unwrap();
    assert!(everything.len() > log.len());
    let created = audit(&app, &admin, Some(&beta.id), None).await.unwrap();
    assert!(
        created
            .iter()
            .all(|e| e.tenant_id.as_deref() == Some(beta.id.as_str())),
        "{created:?}"
    );
}

async fn an_operator_updates_its_tenant_but_not_another(backend: Backend) {
    let app = spawn_app(backend).await;
    let [alpha, beta] = app.two_tenants().await;
    let change =
        |name: Option<&str>, helpdesk_email: Option<&str>| update_tenant::UpdateTenantInput {
            name: name.map(str::to_owned),
            contact_email: None,
            helpdesk_email: helpdesk_email.map(str::to_owned),
        };

    let own = update_tenant(
        &app,
        &alpha.operator,
        &alpha.id,
        change(None, Some("Support@Alpha.test")),
    )
    .await
    .unwrap();
    assert_eq!(own.helpdesk_email, "support@alpha.test", "{own:?}");

    let foreign = update_tenant(
        &app,
        &alpha.operator,
        &beta.id,
        change(Some("Piraté"), None),
    )
    .await
    .expect_err("an operator renamed another tenant");
    assert_eq!(foreign.code(), "NOT_FOUND", "{foreign:?}");
    let helpdesk = update_tenant(
        &app,
        &alpha.helpdesk,
        &alpha.id,
        change(Some("Renommé"), None),
    )
    .await
    .expect_err("the helpdesk renamed its tenant");
    assert_eq!(helpdesk.code(), "FORBIDDEN", "{helpdesk:?}");
    let input = create_operator_tenant::CreateTenantInput {
        slug: "gamma".to_owned(),
        name: "G".to_owned(),
        contact_email: "a@g.test".to_owned(),
        helpdesk_email: "b@g.test".to_owned(),
    };
    let attempt = app
        .run::<CreateOperatorTenant>(
            Some(&alpha.operator),
            create_operator_tenant::Variables { input },
        )
        .await
        .expect_err("an operator created a tenant");
    assert_eq!(attempt.code(), "FORBIDDEN", "{attempt:?}");

    let beta_now = tenant(&app, &beta.operator, &beta.id).await.unwrap();
    assert_eq!(beta_now.name, "Opérateur beta");
}

/// Issue 16: a role no version of Relais wrote is an internal error
/// wherever the account is read (by its administrator, by itself, at
/// login), never taken for another role; the other accounts are not held
/// up.
async fn a_role_no_version_wrote_is_an_internal_error_not_a_default(backend: Backend) {
    use crate::typed::{AuthMe, SetUserDisabled, auth_me, set_user_disabled};
    use relais_store::entities::user as user_row;
    use sea_orm::sea_query::Expr;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

    let app = spawn_app(backend).await;
    let [alpha, _beta] = app.two_tenants().await;
    let id: uuid::Uuid = alpha.helpdesk_id.parse().unwrap();
    let spoiled = user_row::Entity::update_many()
        .col_expr(user_row::Column::Role, Expr::value("DIRECTEUR"))
        .filter(user_row::Column::Id.eq(id))
        .exec(app.store.connection())
        .await
        .unwrap();
    assert_eq!(spoiled.rows_affected, 1);

    // Its operator reads it, alone or in the list, or disables it.
    let read = user(&app, &alpha.operator, &alpha.helpdesk_id)
        .await
        .expect_err("an unreadable role was read");
    assert_eq!(read.code(), "INTERNAL", "{read:?}");
    let listed = app
        .run::<VisibleUsers>(Some(&alpha.operator), visible_users::Variables)
        .await
        .expect_err("an unreadable role was listed");
    assert_eq!(listed.code(), "INTERNAL", "{listed:?}");
    let variables = set_user_disabled::Variables {
        user_id: alpha.helpdesk_id.clone(),
        disabled: true,
    };
    let disabled = app
        .run::<SetUserDisabled>(Some(&alpha.operator), variables)
        .await
        .expect_err("an account of an unreadable role was disabled");
    assert_eq!(disabled.code(), "INTERNAL", "{disabled:?}");

    // The account itself: its role is not shown, nor does it log in.
    let me = app
        .run::<AuthMe>(Some(&alpha.helpdesk), auth_me::Variables)
        .await
        .expect_err("an unreadable role was shown");
    assert_eq!(me.code(), "INTERNAL", "{me:?}");
    let logged_in = login(&app, "helpdesk@alpha.test")
        .await
        .expect_err("an account of an unreadable role logged in");
    assert_eq!(logged_in.code(), "INTERNAL", "{logged_in:?}");

    // Another account of the tenant still logs in.
    login(&app, "school_admin@alpha.test").await.unwrap();
}

on_both_databases!(
    each_role_sees_what_it_should,
    another_tenants_object_answers_exactly_like_a_missing_one,
    an_operator_creates_accounts_in_its_own_tenant_only,
    only_administrators_read_the_audit_log_and_only_their_tenants,
    an_operator_updates_its_tenant_but_not_another,
    a_role_no_version_wrote_is_an_internal_error_not_a_default,
);
