//! Login, tokens, refresh rotation, rate limits.

use chrono::Utc;
use graphql_client::Response;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use relais_store::entities::refresh_token;
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::{Value, json};

use crate::helpers::*;
use crate::typed::{
    AuthLogout, AuthMe, AuthRefreshSession, OperatorAuditEvents, Refused, auth_login, auth_logout,
    auth_me, auth_refresh_session, operator_audit_events,
};

/// `me` as `token`'s holder asks it: data and errors, to assert both.
async fn me(app: &TestApp, token: Option<&str>) -> Response<auth_me::ResponseData> {
    app.answer::<AuthMe>(token, auth_me::Variables).await
}

/// The errors of an answer.
fn refusal<T>(answer: &Response<T>) -> Refused {
    Refused(answer.errors.clone().unwrap_or_default())
}

/// A login's whole answer, data and errors.
async fn login_answer(
    app: &TestApp,
    email: &str,
    password: &str,
) -> Response<auth_login::ResponseData> {
    let variables = auth_login::Variables {
        email: email.to_owned(),
        password: password.to_owned(),
    };
    app.answer::<crate::typed::AuthLogin>(None, variables).await
}

async fn refresh(
    app: &TestApp,
    token: &str,
) -> Result<auth_refresh_session::AuthRefreshSessionRefreshSession, Refused> {
    app.run::<AuthRefreshSession>(
        None,
        auth_refresh_session::Variables {
            refresh_token: token.to_owned(),
        },
    )
    .await
    .map(|data| data.refresh_session)
}

fn refused<T: std::fmt::Debug>(answer: Result<T, Refused>) -> Refused {
    answer.expect_err("the step should have been refused")
}

async fn a_platform_admin_logs_in_and_sees_itself(backend: Backend) {
    let app = spawn_app(backend).await;

    let login = app
        .log_in(ADMIN_EMAIL, ADMIN_PASSWORD)
        .await
        .unwrap_or_else(|refused| panic!("{refused:?}"));
    assert_eq!(login.token_type, "Bearer");
    assert_eq!(login.expires_in, 900);
    assert_eq!(login.user.role, auth_login::Role::PLATFORM_ADMIN);

    let me = app
        .run_ok::<AuthMe>(Some(&login.access_token), auth_me::Variables)
        .await
        .me;
    assert_eq!(me.email, ADMIN_EMAIL);
    assert_eq!(me.tenant, None);
}

async fn a_wrong_password_and_an_unknown_email_get_the_same_answer(backend: Backend) {
    let app = spawn_app(backend).await;

    let wrong_password = login_answer(&app, ADMIN_EMAIL, "pas le bon mot de passe").await;
    let unknown_email = login_answer(&app, "personne@relais.test", ADMIN_PASSWORD).await;

    let refused = refusal(&wrong_password);
    assert_eq!(refused.code(), "UNAUTHENTICATED", "{wrong_password:?}");
    assert_eq!(wrong_password.errors, unknown_email.errors);
    assert!(refused.message().contains("mot de passe incorrect"));
    assert!(wrong_password.data.is_none(), "{wrong_password:?}");
}

async fn login_attempts_are_limited_per_account(backend: Backend) {
    // Failures only count; past the limit the account is slowed down
    // (issue 13, item 11): an attempt arriving while another waits its
    // turn beyond `login_max_wait_seconds` is refused, the right password
    // arriving on its turn works.
    let app = spawn_app_with(backend, |s| {
        s.auth.login_attempts_per_account = 3;
        s.auth.login_slowdown_seconds = 1;
        s.auth.login_max_wait_seconds = 0;
    })
    .await;

    for _ in 0..3 {
        let answer = refused(app.log_in(ADMIN_EMAIL, "mauvais mot de passe").await);
        assert_eq!(answer.code(), "UNAUTHENTICATED", "{answer:?}");
    }
    // Two attempts at once: one gets the turn, the other would wait.
    let (first, second) = tokio::join!(
        app.log_in(ADMIN_EMAIL, "mauvais mot de passe"),
        app.log_in(ADMIN_EMAIL, "mauvais mot de passe"),
    );
    let (first, second) = (refused(first), refused(second));
    let limited = if first.code() == "RATE_LIMITED" {
        first
    } else {
        second
    };
    assert_eq!(limited.code(), "RATE_LIMITED", "{limited:?}");
    assert!(
        limited
            .extension("retryAfterSeconds")
            .and_then(Value::as_u64)
            .unwrap()
            >= 1,
        "{limited:?}"
    );
    assert!(limited.message().contains("Trop de tentatives"));
    // Another account from the same address is not held back.
    let other = refused(app.log_in("inconnu@relais.test", "x").await);
    assert_eq!(other.code(), "UNAUTHENTICATED", "{other:?}");
}

async fn login_attempts_are_limited_per_client_address(backend: Backend) {
    let app = spawn_app_with(backend, |s| s.auth.login_attempts_per_address = 2).await;

    let _unknown = app.log_in("un@relais.test", "x").await;
    let _unknown = app.log_in("deux@relais.test", "x").await;
    let limited = refused(app.log_in(ADMIN_EMAIL, ADMIN_PASSWORD).await);

    assert_eq!(limited.code(), "RATE_LIMITED", "{limited:?}");
}

fn forge(claims: Value, algorithm: Algorithm, secret: &str) -> String {
    jsonwebtoken::encode(
        &Header::new(algorithm),
        &claims,
        &EncodingKey::from_secret(secret.as_bytes()),
    )
    .unwrap()
}

async fn expired_tampered_and_foreign_tokens_are_refused(backend: Backend) {
    let app = spawn_app(backend).await;
    let valid = app.admin_token().await;
    let user_id = app
        .run_ok::<AuthMe>(Some(&valid), auth_me::Variables)
        .await
        .me
        .id;
    let now = Utc::now().timestamp();
    let claims = |exp: i64, aud: &str| {
        json!({ "iss": "relais", "aud": aud, "sub": user_id, "iat": now - 1000,
                "exp": exp, "jti": uuid::Uuid::new_v4(), "role": "PLATFORM_ADMIN",
                "email": ADMIN_EMAIL })
    };

    let expired = forge(
        claims(now - 600, "relais-api"),
        Algorithm::HS256,
        JWT_SECRET,
    );
    let answer = refusal(&me(&app, Some(&expired)).await);
    assert_eq!(answer.code(), "UNAUTHENTICATED", "{answer:?}");
    assert!(answer.message().contains("expiré"));

    // Same claims, but signed with HS512: the algorithm is pinned.
    let other_algorithm = forge(
        claims(now + 600, "relais-api"),
        Algorithm::HS512,
        JWT_SECRET,
    );
    let wrong_audience = forge(claims(now + 600, "autre"), Algorithm::HS256, JWT_SECRET);
    let wrong_key = forge(
        claims(now + 600, "relais-api"),
        Algorithm::HS256,
        "une autre clé de trente-deux octets !!",
    );
    let mut parts: Vec<String> = valid.split('.').map(str::to_owned).collect();
    parts[1] = parts[1].chars().rev().collect();
    let tampered = parts.join(".");
    for token in [
        other_algorithm,
        wrong_audience,
        wrong_key,
        tampered,
        "n'importe quoi".into(),
    ] {
        let answer = me(&app, Some(&token)).await;
        assert_eq!(refusal(&answer).code(), "UNAUTHENTICATED", "{token}");
        assert!(answer.data.is_none(), "{answer:?}");
    }

    let anonymous = refusal(&me(&app, None).await);
    assert_eq!(anonymous.code(), "UNAUTHENTICATED", "{anonymous:?}");
}

async fn a_refresh_token_rotates_and_its_reuse_closes_the_session(backend: Backend) {
    let app = spawn_app(backend).await;
    let first = app
        .log_in(ADMIN_EMAIL, ADMIN_PASSWORD)
        .await
        .unwrap_or_else(|refused| panic!("{refused:?}"))
        .refresh_token;

    let rotated = refresh(&app, &first)
        .await
        .unwrap_or_else(|refused| panic!("{refused:?}"));
    let second = rotated.refresh_token;
    let access = rotated.access_token.as_str();
    assert_ne!(first, second);
    assert_eq!(
        app.run_ok::<AuthMe>(Some(access), auth_me::Variables)
            .await
            .me
            .email,
        ADMIN_EMAIL
    );

    // The spent token comes back: reuse detected, the whole session closed.
    let reused = refused(refresh(&app, &first).await);
    assert_eq!(reused.code(), "UNAUTHENTICATED", "{reused:?}");
    assert!(reused.message().contains("déjà servi"));
    let after_reuse = refused(refresh(&app, &second).await);
    assert_eq!(after_reuse.code(), "UNAUTHENTICATED", "{after_reuse:?}");

    let audit = app
        .run_ok::<OperatorAuditEvents>(
            Some(access),
            operator_audit_events::Variables { first: Some(10) },
        )
        .await;
    let actions: Vec<&str> = audit
        .audit_events
        .nodes
        .iter()
        .map(|e| e.action.as_str())
        .collect();
    assert!(actions.contains(&"REFRESH_TOKEN_REUSED"), "{actions:?}");
}

async fn logout_revokes_the_session(backend: Backend) {
    let app = spawn_app(backend).await;
    let token = app
        .log_in(ADMIN_EMAIL, ADMIN_PASSWORD)
        .await
        .unwrap_or_else(|refused| panic!("{refused:?}"))
        .refresh_token;

    let logout = app
        .run_ok::<AuthLogout>(
            None,
            auth_logout::Variables {
                refresh_token: token.clone(),
            },
        )
        .await;
    assert!(logout.logout, "{logout:?}");

    let revoked = refused(refresh(&app, &token).await);
    assert_eq!(revoked.code(), "UNAUTHENTICATED", "{revoked:?}");
    let unknown = refused(refresh(&app, "inconnu").await);
    assert_eq!(unknown.code(), "UNAUTHENTICATED", "{unknown:?}");
}

async fn the_purge_job_deletes_expired_sessions(backend: Backend) {
    let app = spawn_app_with(backend, |s| s.auth.refresh_token_ttl_days = -2).await;
    app.log_in(ADMIN_EMAIL, ADMIN_PASSWORD)
        .await
        .unwrap_or_else(|refused| panic!("{refused:?}"));
    let count = || async {
        refresh_token::Entity::find()
            .count(app.store.connection())
            .await
            .unwrap()
    };
    assert_eq!(count().await, 1);

    let job = relais_server::jobs::PurgeExpiredSessions {
        store: app.store.clone(),
        every: std::time::Duration::from_secs(60),
    };
    relais_server::jobs::Job::run(&job, &relais_server::jobs::Stopping::never())
        .await
        .unwrap();

    assert_eq!(count().await, 0);
}

on_both_databases!(
    a_platform_admin_logs_in_and_sees_itself,
    a_wrong_password_and_an_unknown_email_get_the_same_answer,
    login_attempts_are_limited_per_account,
    login_attempts_are_limited_per_client_address,
    expired_tampered_and_foreign_tokens_are_refused,
    a_refresh_token_rotates_and_its_reuse_closes_the_session,
    logout_revokes_the_session,
    the_purge_job_deletes_expired_sessions,
);
