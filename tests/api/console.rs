//! The web console (issue 15): its sessions (refresh token in an HttpOnly
//! cookie limited to `/auth`, double-submit CSRF token) and how its files
//! are served (cache, deep links, Content-Security-Policy).

use reqwest::StatusCode;
use reqwest::header::{CACHE_CONTROL, CONTENT_SECURITY_POLICY, HOST, SET_COOKIE};
use serde_json::{Value, json};

use crate::helpers::*;
use crate::typed::{AuthMe, auth_me};

/// The cookies a response sets, as `name=value; attributes` lines.
fn set_cookies(response: &reqwest::Response) -> Vec<String> {
    response
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect()
}

fn cookie<'a>(cookies: &'a [String], name: &str) -> &'a str {
    cookies
        .iter()
        .find(|c| c.starts_with(&format!("{name}=")))
        .unwrap_or_else(|| panic!("no {name} cookie in {cookies:?}"))
}

fn value_of(line: &str) -> String {
    line.split(';')
        .next()
        .and_then(|pair| pair.split_once('='))
        .map(|(_, v)| v.to_owned())
        .unwrap()
}

struct Signed {
    refresh: String,
    csrf: String,
    access: String,
}

async fn sign_in(app: &TestApp, email: &str, password: &str) -> reqwest::Response {
    app.client
        .post(format!("{}/auth/session", app.address))
        .json(&json!({ "email": email, "password": password }))
        .send()
        .await
        .unwrap()
}

async fn signed_in(app: &TestApp) -> Signed {
    let response = sign_in(app, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    assert_eq!(response.status(), StatusCode::OK);
    let cookies = set_cookies(&response);
    let body: Value = response.json().await.unwrap();
    let csrf = value_of(cookie(&cookies, "relais_csrf"));
    assert_eq!(body["csrfToken"], csrf.as_str());
    Signed {
        refresh: value_of(cookie(&cookies, "relais_refresh")),
        csrf,
        access: body["accessToken"].as_str().unwrap().to_owned(),
    }
}

async fn post_with_cookies(
    app: &TestApp,
    path: &str,
    refresh: &str,
    csrf_cookie: &str,
    csrf_header: Option<&str>,
) -> reqwest::Response {
    let mut request = app.client.post(format!("{}{path}", app.address)).header(
        "Cookie",
        format!("relais_refresh={refresh}; relais_csrf={csrf_cookie}"),
    );
    if let Some(header) = csrf_header {
        request = request.header("X-Relais-CSRF", header);
    }
    request.send().await.unwrap()
}

async fn signing_in_sets_an_http_only_strict_cookie_limited_to_auth(backend: Backend) {
    let app = spawn_app(backend).await;

    let response = sign_in(&app, ADMIN_EMAIL, ADMIN_PASSWORD).await;

    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[CACHE_CONTROL], "no-store");
    let cookies = set_cookies(&response);
    let refresh = cookie(&cookies, "relais_refresh");
    assert!(refresh.contains("; Path=/auth;"), "{refresh}");
    assert!(refresh.contains("; HttpOnly"), "{refresh}");
    assert!(refresh.contains("; SameSite=Strict"), "{refresh}");
    // Reached at 127.0.0.1 over plain HTTP: not Secure, or no browser would keep it.
    assert!(!refresh.contains("Secure"), "{refresh}");
    let csrf = cookie(&cookies, "relais_csrf");
    assert!(!csrf.contains("HttpOnly"), "the page reads it: {csrf}");
    let body: Value = response.json().await.unwrap();
    // The refresh token is never in the body: only the cookie holds it.
    assert!(body.get("refreshToken").is_none());
    let token = body["accessToken"].as_str().unwrap();
    let me = app.run_ok::<AuthMe>(Some(token), auth_me::Variables).await;
    assert_eq!(me.me.email, ADMIN_EMAIL);
}

async fn the_cookie_is_secure_on_any_other_host(backend: Backend) {
    let app = spawn_app(backend).await;

    let response = app
        .client
        .post(format!("{}/auth/session", app.address))
        .header(HOST, "relais.region.fr")
        .json(&json!({ "email": ADMIN_EMAIL, "password": ADMIN_PASSWORD }))
        .send()
        .await
        .unwrap();

    let cookies = set_cookies(&response);
    assert!(cookie(&cookies, "relais_refresh").ends_with("; Secure"));
    assert!(cookie(&cookies, "relais_csrf").ends_with("; Secure"));
}

async fn a_wrong_password_and_the_rate_limit_answer_as_the_api_does(backend: Backend) {
    // The per-address limit refuses at once (the per-account one slows the
    // account down instead, issue 13 item 11: tests/api/auth.rs).
    let app = spawn_app_with(backend, |s| s.auth.login_attempts_per_address = 2).await;

    let wrong = sign_in(&app, ADMIN_EMAIL, "pas le bon").await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    assert!(set_cookies(&wrong).is_empty());
    let body: Value = wrong.json().await.unwrap();
    assert_eq!(error_code(&body), "UNAUTHENTICATED");
    assert!(error_message(&body).contains("mot de passe incorrect"));

    sign_in(&app, ADMIN_EMAIL, "pas le bon").await;
    let limited = sign_in(&app, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(limited.headers().contains_key("retry-after"));
    let body: Value = limited.json().await.unwrap();
    assert_eq!(error_code(&body), "RATE_LIMITED");
    assert!(error_message(&body).contains("Trop de tentatives"));
}

async fn a_refresh_needs_the_csrf_token_and_rotates_the_cookie(backend: Backend) {
    let app = spawn_app(backend).await;
    let signed = signed_in(&app).await;

    // Without the header (a forged cross-site request could not set it).
    let forged =
        post_with_cookies(&app, "/auth/refresh", &signed.refresh, &signed.csrf, None).await;
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    let body: Value = forged.json().await.unwrap();
    assert_eq!(body["errors"][0]["extensions"]["reason"], "CSRF");
    // With a header that differs from the cookie.
    let wrong = post_with_cookies(
        &app,
        "/auth/refresh",
        &signed.refresh,
        &signed.csrf,
        Some("autre-chose"),
    )
    .await;
    assert_eq!(wrong.status(), StatusCode::FORBIDDEN);

    let renewed = post_with_cookies(
        &app,
        "/auth/refresh",
        &signed.refresh,
        &signed.csrf,
        Some(&signed.csrf),
    )
    .await;
    assert_eq!(renewed.status(), StatusCode::OK);
    let cookies = set_cookies(&renewed);
    let next = value_of(cookie(&cookies, "relais_refresh"));
    assert_ne!(next, signed.refresh, "the refresh token rotates");
    let body: Value = renewed.json().await.unwrap();
    let me = app
        .run_ok::<AuthMe>(body["accessToken"].as_str(), auth_me::Variables)
        .await;
    assert_eq!(me.me.email, ADMIN_EMAIL);

    // The spent cookie presented again: reuse detected, the session closes.
    let reused = post_with_cookies(
        &app,
        "/auth/refresh",
        &signed.refresh,
        &signed.csrf,
        Some(&signed.csrf),
    )
    .await;
    assert_eq!(reused.status(), StatusCode::UNAUTHORIZED);
    assert!(
        set_cookies(&reused)
            .iter()
            .any(|c| c.starts_with("relais_refresh=;") && c.contains("Max-Age=0"))
    );
    let csrf = value_of(cookie(&cookies, "relais_csrf"));
    let after = post_with_cookies(&app, "/auth/refresh", &next, &csrf, Some(&csrf)).await;
    assert_eq!(after.status(), StatusCode::UNAUTHORIZED);
}

async fn signing_out_revokes_the_session_and_clears_the_cookies(backend: Backend) {
    let app = spawn_app(backend).await;
    let signed = signed_in(&app).await;

    let out = post_with_cookies(
        &app,
        "/auth/logout",
        &signed.refresh,
        &signed.csrf,
        Some(&signed.csrf),
    )
    .await;

    assert_eq!(out.status(), StatusCode::OK);
    let cookies = set_cookies(&out);
    assert!(cookie(&cookies, "relais_refresh").contains("Max-Age=0"));
    assert!(cookie(&cookies, "relais_csrf").contains("Max-Age=0"));
    let body: Value = out.json().await.unwrap();
    assert_eq!(body["closed"], true);
    let again = post_with_cookies(
        &app,
        "/auth/refresh",
        &signed.refresh,
        &signed.csrf,
        Some(&signed.csrf),
    )
    .await;
    assert_eq!(again.status(), StatusCode::UNAUTHORIZED);
    // The access token still works until it expires (stateless), as with
    // the API's logout; the console forgets it at once.
    assert!(!signed.access.is_empty());
}

async fn signing_out_needs_the_csrf_token(backend: Backend) {
    let app = spawn_app(backend).await;
    let signed = signed_in(&app).await;

    let forged = post_with_cookies(&app, "/auth/logout", &signed.refresh, &signed.csrf, None).await;

    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    let still = post_with_cookies(
        &app,
        "/auth/refresh",
        &signed.refresh,
        &signed.csrf,
        Some(&signed.csrf),
    )
    .await;
    assert_eq!(still.status(), StatusCode::OK, "the session is still open");
}

/// A console directory with an index and one hashed asset.
fn console_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("index.html"),
        "<!doctype html><html lang=\"fr\"><title>Relais</title><script type=\"module\" src=\"/assets/index-abc123.js\"></script></html>",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("assets")).unwrap();
    std::fs::write(
        dir.path().join("assets/index-abc123.js"),
        "console.log('relais')",
    )
    .unwrap();
    dir
}

async fn the_console_is_served_with_its_cache_and_security_headers(backend: Backend) {
    let dir = console_dir();
    let path = dir.path().to_path_buf();
    let app = spawn_app_with(backend, move |s| s.console.directory = Some(path)).await;
    let get = |path: &str| app.client.get(format!("{}{path}", app.address)).send();

    let index = get("/").await.unwrap();
    assert_eq!(index.status(), StatusCode::OK);
    assert_eq!(index.headers()[CACHE_CONTROL], "no-cache");
    let policy = index.headers()[CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
    assert!(policy.contains("script-src 'self';"), "{policy}");
    assert!(!policy.contains("unsafe-inline"), "{policy}");
    assert_eq!(index.headers()["x-content-type-options"], "nosniff");
    assert_eq!(index.headers()["referrer-policy"], "no-referrer");
    assert!(index.text().await.unwrap().contains("index-abc123.js"));

    // A deep link of the app gets the app.
    let deep = get("/bases/0190000a-0000-7000-8000-000000000000/diagnostics")
        .await
        .unwrap();
    assert_eq!(deep.status(), StatusCode::OK);
    assert_eq!(deep.headers()[CACHE_CONTROL], "no-cache");
    assert!(deep.text().await.unwrap().contains("index-abc123.js"));

    let asset = get("/assets/index-abc123.js").await.unwrap();
    assert_eq!(asset.status(), StatusCode::OK);
    assert_eq!(
        asset.headers()[CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    assert!(
        asset.headers()["content-type"]
            .to_str()
            .unwrap()
            .contains("javascript")
    );

    // A missing hashed asset is a 404, never the app as JavaScript.
    assert_eq!(
        get("/assets/index-old.js").await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    // No escape from the directory.
    assert_eq!(
        get("/assets/..%2F..%2Fetc%2Fpasswd")
            .await
            .unwrap()
            .status(),
        StatusCode::NOT_FOUND
    );
    // The API keeps its routes; a path outside the app's routes (GraphiQL in
    // the production profile, a probe) is no deep link.
    let health = get("/healthz").await.unwrap();
    assert_eq!(health.status(), StatusCode::OK);
    assert_eq!(
        get("/graphiql").await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get("/nulle-part").await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    let not_post = app
        .client
        .post(format!("{}/bases/x", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(not_post.status(), StatusCode::NOT_FOUND);
}

async fn without_a_built_console_the_root_says_how_to_build_it(backend: Backend) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_path_buf();
    let app = spawn_app_with(backend, move |s| s.console.directory = Some(path)).await;

    let response = app
        .client
        .get(format!("{}/", app.address))
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert!(response.text().await.unwrap().contains("make run"));
}

async fn an_upload_with_a_browser_s_mixed_case_boundary_is_read(backend: Backend) {
    let app = spawn_app(backend).await;
    let token = app.admin_token().await;
    // Chromium's boundary: the body parser must not lowercase it.
    let boundary = "----WebKitFormBoundaryAbCdEf0123XyZ";
    let operations = json!({
        "query": "mutation($file: Upload!) { uploadModelsSchema(file: $file) { id } }",
        "variables": { "file": null }
    });
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"operations\"\r\n\r\n{operations}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"map\"\r\n\r\n{{\"0\":[\"variables.file\"]}}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"0\"; filename=\"schema.xsd\"\r\nContent-Type: application/xml\r\n\r\n<pas un schéma/>\r\n\
         --{boundary}--\r\n"
    );

    let response = app
        .client
        .post(format!("{}/graphql", app.address))
        .bearer_auth(&token)
        .header(
            "Content-Type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(body)
        .send()
        .await
        .unwrap();

    let answer: Value = response.json().await.unwrap();
    assert_ne!(
        answer["errors"][0]["extensions"]["reason"], "MALFORMED_BODY",
        "{answer}"
    );
    // The body was read: the mutation itself answered (a platform
    // administrator names no operator, or the file is no schema).
    assert!(
        answer["errors"][0]["extensions"]["code"].is_string(),
        "{answer}"
    );
}

on_both_databases!(
    an_upload_with_a_browser_s_mixed_case_boundary_is_read,
    signing_in_sets_an_http_only_strict_cookie_limited_to_auth,
    the_cookie_is_secure_on_any_other_host,
    a_wrong_password_and_the_rate_limit_answer_as_the_api_does,
    a_refresh_needs_the_csrf_token_and_rotates_the_cookie,
    signing_out_revokes_the_session_and_clears_the_cookies,
    signing_out_needs_the_csrf_token,
    the_console_is_served_with_its_cache_and_security_headers,
    without_a_built_console_the_root_says_how_to_build_it,
);
