//! Concurrent writers queue instead of failing: one refresh token presented
//! by ten clients at once, logins and writes at once, never `INTERNAL`
//! (« database is locked » on SQLite before write transactions began
//! IMMEDIATE).

use futures_util::future::join_all;
use serde_json::{Value, json};

use super::probe::{Probe, post};
use crate::helpers::*;

const REFRESH: &str =
    "mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken } }";
const LOGIN: &str = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken refreshToken } }";

fn codes(answers: &[Value]) -> Vec<String> {
    answers
        .iter()
        .map(|answer| match answer["errors"].get(0) {
            Some(error) => error["extensions"]["code"]
                .as_str()
                .unwrap_or("?")
                .to_owned(),
            None => "OK".to_owned(),
        })
        .collect()
}

async fn one_refresh_token_presented_ten_times_at_once(backend: Backend) {
    let app = spawn_app(backend).await;
    let app = &app;
    for round in 0..3 {
        let token = app
            .log_in(ADMIN_EMAIL, ADMIN_PASSWORD)
            .await
            .unwrap_or_else(|refused| panic!("login refused: {refused:?}"))
            .refresh_token;
        let probe = Probe::start(
            backend,
            format!("one refresh token × 10 clients at once (round {round})"),
        );
        let answers: Vec<Value> = join_all((0..10).map(|_| {
            let body = json!({ "query": REFRESH, "variables": { "t": token } });
            async move { post(app, None, &body).await.1 }
        }))
        .await;
        let codes = codes(&answers);
        let ok = codes.iter().filter(|c| *c == "OK").count();
        probe.report(&format!("{ok} rotated, answers {codes:?}"));
        assert!(!codes.iter().any(|c| c == "INTERNAL"), "{answers:?}");
        // One rotation wins; the others present a spent token (reuse closes
        // the session) — never two sessions out of one token.
        assert_eq!(ok, 1, "{codes:?}");
        assert!(
            codes.iter().all(|c| c == "OK" || c == "UNAUTHENTICATED"),
            "{codes:?}"
        );
    }
}

async fn logins_and_writes_at_once_never_fail_inside(backend: Backend) {
    let app = spawn_app(backend).await;
    let app = &app;
    let admin = app.admin_token().await;
    let tenant = app.create_tenant(&admin, "alpha").await;
    let emails: Vec<String> = (0..8).map(|i| format!("agent{i}@alpha.test")).collect();
    for email in &emails {
        let created = app
            .create_user(&admin, email, "HELPDESK", Some(&tenant))
            .await;
        assert!(created["errors"].is_null(), "{created}");
    }

    let probe = Probe::start(backend, "24 logins and 8 tenant updates at once");
    let logins = emails.iter().cycle().take(24).map(|email| {
        let body = json!({ "query": LOGIN, "variables": { "e": email, "p": USER_PASSWORD } });
        async move { post(app, None, &body).await.1 }
    });
    let writes = (0..8).map(|i| {
        let body = json!({
            "query": "mutation($id: ID!, $i: UpdateTenantInput!) { updateTenant(id: $id, input: $i) { name } }",
            "variables": { "id": tenant, "i": { "name": format!("Opérateur {i}") } },
        });
        let admin = admin.clone();
        async move { post(app, Some(&admin), &body).await.1 }
    });
    let (logins, writes) = futures_util::join!(join_all(logins), join_all(writes));
    let login_codes = codes(&logins);
    let write_codes = codes(&writes);
    probe.report(&format!("logins {login_codes:?}, writes {write_codes:?}"));
    assert!(
        !login_codes
            .iter()
            .chain(&write_codes)
            .any(|c| c == "INTERNAL")
    );
    // A login may be asked to retry when the hashing queue is full, never fail.
    assert!(
        login_codes.iter().all(|c| c == "OK" || c == "RATE_LIMITED"),
        "{login_codes:?}"
    );
    assert!(login_codes.iter().any(|c| c == "OK"));
    assert!(write_codes.iter().all(|c| c == "OK"), "{writes:?}");
}

on_both_databases!(
    one_refresh_token_presented_ten_times_at_once,
    logins_and_writes_at_once_never_fail_inside,
);
