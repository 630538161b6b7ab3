//! Login, tokens, refresh rotation, rate limits.

use chrono::Utc;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use relais_store::entities::refresh_token;
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::json;

use crate::helpers::*;

const ME: &str = "{ me { id email role tenant { name } } }";
const REFRESH: &str =
    "mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken } }";

async fn a_platform_admin_logs_in_and_sees_itself(backend: Backend) {
    let app = spawn_app(backend).await;

    let answer = app.login(ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let login = &answer["data"]["login"];
    assert_eq!(login["tokenType"], "Bearer");
    assert_eq!(login["expiresIn"], 900);
    assert_eq!(login["user"]["role"], "PLATFORM_ADMIN");

    let token = login["accessToken"].as_str().unwrap();
    let me = app.graphql(Some(token), ME, json!({})).await;
    assert_eq!(me["data"]["me"]["email"], ADMIN_EMAIL);
    assert_eq!(me["data"]["me"]["tenant"], serde_json::Value::Null);
}

async fn a_wrong_password_and_an_unknown_email_get_the_same_answer(backend: Backend) {
    let app = spawn_app(backend).await;

    let wrong_password = app.login(ADMIN_EMAIL, "pas le bon mot de passe").await;
    let unknown_email = app.login("personne@relais.test", ADMIN_PASSWORD).await;

    assert_eq!(error_code(&wrong_password), "UNAUTHENTICATED");
    assert_eq!(wrong_password["errors"], unknown_email["errors"]);
    assert!(error_message(&wrong_password).contains("mot de passe incorrect"));
    assert_eq!(wrong_password["data"], serde_json::Value::Null);
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
        let answer = app.login(ADMIN_EMAIL, "mauvais mot de passe").await;
        assert_eq!(error_code(&answer), "UNAUTHENTICATED");
    }
    // Two attempts at once: one gets the turn, the other would wait.
    let (first, second) = tokio::join!(
        app.login(ADMIN_EMAIL, "mauvais mot de passe"),
        app.login(ADMIN_EMAIL, "mauvais mot de passe"),
    );
    let limited = if error_code(&first) == "RATE_LIMITED" {
        first
    } else {
        second
    };
    assert_eq!(error_code(&limited), "RATE_LIMITED", "{limited}");
    assert!(
        limited["errors"][0]["extensions"]["retryAfterSeconds"]
            .as_u64()
            .unwrap()
            >= 1
    );
    assert!(error_message(&limited).contains("Trop de tentatives"));
    // Another account from the same address is not held back.
    let other = app.login("inconnu@relais.test", "x").await;
    assert_eq!(error_code(&other), "UNAUTHENTICATED");
}

async fn login_attempts_are_limited_per_client_address(backend: Backend) {
    let app = spawn_app_with(backend, |s| s.auth.login_attempts_per_address = 2).await;

    app.login("un@relais.test", "x").await;
    app.login("deux@relais.test", "x").await;
    let limited = app.login(ADMIN_EMAIL, ADMIN_PASSWORD).await;

    assert_eq!(error_code(&limited), "RATE_LIMITED");
}

fn forge(claims: serde_json::Value, algorithm: Algorithm, secret: &str) -> String {
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
    let me = app.graphql(Some(&valid), ME, json!({})).await;
    let user_id = me["data"]["me"]["id"].as_str().unwrap().to_owned();
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
    let answer = app.graphql(Some(&expired), ME, json!({})).await;
    assert_eq!(error_code(&answer), "UNAUTHENTICATED");
    assert!(error_message(&answer).contains("expiré"));

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
        let answer = app.graphql(Some(&token), ME, json!({})).await;
        assert_eq!(error_code(&answer), "UNAUTHENTICATED", "{token}");
        assert_eq!(answer["data"], serde_json::Value::Null);
    }

    let anonymous = app.graphql(None, ME, json!({})).await;
    assert_eq!(error_code(&anonymous), "UNAUTHENTICATED");
}

async fn a_refresh_token_rotates_and_its_reuse_closes_the_session(backend: Backend) {
    let app = spawn_app(backend).await;
    let login = app.login(ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let first = login["data"]["login"]["refreshToken"]
        .as_str()
        .unwrap()
        .to_owned();

    let rotated = app.graphql(None, REFRESH, json!({ "t": first })).await;
    let second = rotated["data"]["refreshSession"]["refreshToken"]
        .as_str()
        .unwrap()
        .to_owned();
    let access = rotated["data"]["refreshSession"]["accessToken"]
        .as_str()
        .unwrap();
    assert_ne!(first, second);
    assert_eq!(
        app.graphql(Some(access), ME, json!({})).await["data"]["me"]["email"],
        ADMIN_EMAIL
    );

    // The spent token comes back: reuse detected, the whole session closed.
    let reused = app.graphql(None, REFRESH, json!({ "t": first })).await;
    assert_eq!(error_code(&reused), "UNAUTHENTICATED");
    assert!(error_message(&reused).contains("déjà servi"));
    let after_reuse = app.graphql(None, REFRESH, json!({ "t": second })).await;
    assert_eq!(error_code(&after_reuse), "UNAUTHENTICATED");

    let audit = app
        .graphql(
            Some(access),
            "{ auditEvents(first: 10) { edges { node { action } } } }",
            json!({}),
        )
        .await;
    let actions: Vec<&str> = audit["data"]["auditEvents"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["action"].as_str().unwrap())
        .collect();
    assert!(actions.contains(&"REFRESH_TOKEN_REUSED"), "{actions:?}");
}

async fn logout_revokes_the_session(backend: Backend) {
    let app = spawn_app(backend).await;
    let login = app.login(ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let refresh = login["data"]["login"]["refreshToken"]
        .as_str()
        .unwrap()
        .to_owned();

    let logout = app
        .graphql(
            None,
            "mutation($t: String!) { logout(refreshToken: $t) }",
            json!({ "t": refresh }),
        )
        .await;
    assert_eq!(logout["data"]["logout"], true);

    let refused = app.graphql(None, REFRESH, json!({ "t": refresh })).await;
    assert_eq!(error_code(&refused), "UNAUTHENTICATED");
    let unknown = app.graphql(None, REFRESH, json!({ "t": "inconnu" })).await;
    assert_eq!(error_code(&unknown), "UNAUTHENTICATED");
}

async fn the_purge_job_deletes_expired_sessions(backend: Backend) {
    let app = spawn_app_with(backend, |s| s.auth.refresh_token_ttl_days = -2).await;
    app.login(ADMIN_EMAIL, ADMIN_PASSWORD).await;
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
