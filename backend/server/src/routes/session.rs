//! The console's sessions (issue 15): the refresh token lives in an
//! `HttpOnly`, `SameSite=Strict` cookie limited to `/auth` (`Secure` except
//! on `localhost`), set at sign-in, rotated at each refresh and cleared at
//! sign-out by the server; the access token is only in the page's memory.
//!
//! Cookie-authenticated calls (`/auth/refresh`, `/auth/logout`) need the
//! double-submit CSRF token: the non-`HttpOnly` `relais_csrf` cookie echoed
//! in the `X-Relais-CSRF` header. Another site can neither send the
//! `SameSite=Strict` cookies nor read the token to put in the header.
//!
//! The body-token mode of the GraphQL API (`login`, `refreshSession`,
//! `logout`) stays for scripts.

use actix_web::http::StatusCode;
use actix_web::http::header::{CACHE_CONTROL, COOKIE, HOST, SET_COOKIE};
use actix_web::{HttpRequest, HttpResponse, web};
use rand::RngCore;
use relais_app::{AppError, ErrorCode};
use serde::{Deserialize, Serialize};

use crate::graphql_http::error_response;
use crate::startup::AppState;

pub const REFRESH_COOKIE: &str = "relais_refresh";
pub const CSRF_COOKIE: &str = "relais_csrf";
pub const CSRF_HEADER: &str = "x-relais-csrf";
const REFRESH_PATH: &str = "/auth";

#[derive(Deserialize)]
pub struct SignIn {
    email: String,
    password: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Signed {
    access_token: String,
    expires_in: i64,
    csrf_token: String,
}

/// `POST /auth/session`: signs in with e-mail and password; the tokens go
/// to the cookie (refresh) and the body (access, for memory).
pub async fn sign_in(
    state: web::Data<AppState>,
    http: HttpRequest,
    body: web::Json<SignIn>,
) -> HttpResponse {
    let SignIn { email, password } = body.into_inner();
    let client = super::graphql::client_address(&http, state.trust_forwarded_for);
    match state.auth.login(&email, password, client).await {
        Ok(session) => signed(
            &http,
            session.access_token,
            session.expires_in,
            &session.refresh_token,
        ),
        Err(error) => failure(error, false),
    }
}

/// `POST /auth/refresh`: spends the cookie's refresh token for new tokens
/// (rotation, reuse detection as in `refreshSession`).
pub async fn refresh(state: web::Data<AppState>, http: HttpRequest) -> HttpResponse {
    let presented = match checked_refresh_cookie(&http) {
        Ok(token) => token,
        Err(error) => return failure(error, true),
    };
    match state.auth.refresh(&presented).await {
        Ok(session) => signed(
            &http,
            session.access_token,
            session.expires_in,
            &session.refresh_token,
        ),
        Err(error) => failure(error, true),
    }
}

/// `POST /auth/logout`: revokes the cookie's session and clears the cookies.
pub async fn logout(state: web::Data<AppState>, http: HttpRequest) -> HttpResponse {
    let presented = match checked_refresh_cookie(&http) {
        Ok(token) => token,
        Err(error) => return failure(error, true),
    };
    let closed = match state.auth.logout(&presented).await {
        Ok(closed) => closed,
        Err(error) => return failure(error, true),
    };
    let mut response = HttpResponse::Ok();
    response.insert_header((CACHE_CONTROL, "no-store"));
    for cookie in cleared_cookies(secure(&http)) {
        response.append_header((SET_COOKIE, cookie));
    }
    response.json(serde_json::json!({ "closed": closed }))
}

fn checked_refresh_cookie(http: &HttpRequest) -> Result<String, AppError> {
    let cookies = request_cookies(http);
    let find = |name: &str| {
        cookies
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    };
    let header = http
        .headers()
        .get(CSRF_HEADER)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    let csrf_ok = find(CSRF_COOKIE).is_some_and(|cookie| {
        !cookie.is_empty() && constant_time_eq(cookie.as_bytes(), header.as_bytes())
    });
    if !csrf_ok {
        return Err(AppError::new(
            ErrorCode::Forbidden,
            "Requête refusée : jeton anti-falsification absent ou différent. Rechargez la page.",
        )
        .with_reason("CSRF"));
    }
    find(REFRESH_COOKIE)
        .filter(|token| !token.is_empty())
        .ok_or_else(|| {
            AppError::unauthenticated("Aucune session ouverte : connectez-vous.")
                .with_reason("NO_SESSION")
        })
}

fn signed(
    http: &HttpRequest,
    access_token: String,
    expires_in: i64,
    refresh: &str,
) -> HttpResponse {
    let secure = secure(http);
    let csrf_token = random_token();
    HttpResponse::Ok()
        .insert_header((CACHE_CONTROL, "no-store"))
        .append_header((SET_COOKIE, refresh_cookie(refresh, secure)))
        .append_header((SET_COOKIE, csrf_cookie(&csrf_token, secure)))
        .json(Signed {
            access_token,
            expires_in,
            csrf_token,
        })
}

/// An error in the GraphQL shape (`errors[].extensions.code`), with the
/// status of its code; a refused refresh also clears the cookies.
fn failure(error: AppError, clear: bool) -> HttpResponse {
    let status = super::status_of(error.code);
    let mut response = HttpResponse::build(status);
    response.insert_header((CACHE_CONTROL, "no-store"));
    if let Some(seconds) = error.retry_after_seconds {
        response.insert_header(("Retry-After", seconds.to_string()));
    }
    if clear && status == StatusCode::UNAUTHORIZED {
        for cookie in cleared_cookies(true) {
            response.append_header((SET_COOKIE, cookie));
        }
    }
    response.json(error_response(error.into()))
}

fn refresh_cookie(token: &str, secure: bool) -> String {
    format!(
        "{REFRESH_COOKIE}={token}; Path={REFRESH_PATH}; HttpOnly; SameSite=Strict{}",
        if secure { "; Secure" } else { "" }
    )
}

fn csrf_cookie(token: &str, secure: bool) -> String {
    format!(
        "{CSRF_COOKIE}={token}; Path=/; SameSite=Strict{}",
        if secure { "; Secure" } else { "" }
    )
}

fn cleared_cookies(secure: bool) -> [String; 2] {
    let flag = if secure { "; Secure" } else { "" };
    [
        format!(
            "{REFRESH_COOKIE}=; Path={REFRESH_PATH}; HttpOnly; SameSite=Strict; Max-Age=0{flag}"
        ),
        format!("{CSRF_COOKIE}=; Path=/; SameSite=Strict; Max-Age=0{flag}"),
    ]
}

/// `Secure` everywhere except when the console is reached on the machine
/// itself over plain HTTP (`localhost`, `127.0.0.1`, `[::1]`).
fn secure(http: &HttpRequest) -> bool {
    let host = http
        .headers()
        .get(HOST)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or_default(),
        None => host.split(':').next().unwrap_or_default(),
    };
    let local =
        name == "localhost" || name.ends_with(".localhost") || name == "127.0.0.1" || name == "::1";
    !local || http.connection_info().scheme() == "https"
}

fn request_cookies(http: &HttpRequest) -> Vec<(String, String)> {
    http.headers()
        .get_all(COOKIE)
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| {
            let (name, value) = pair.trim().split_once('=')?;
            Some((name.trim().to_owned(), value.trim().to_owned()))
        })
        .collect()
}

fn random_token() -> String {
    use base64::Engine;
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_refresh_cookie_is_http_only_strict_and_limited_to_auth() {
        let cookie = refresh_cookie("abc", true);
        assert!(cookie.starts_with("relais_refresh=abc; Path=/auth; HttpOnly; SameSite=Strict"));
        assert!(cookie.ends_with("; Secure"));
        assert!(!refresh_cookie("abc", false).contains("Secure"));
    }

    #[test]
    fn tokens_compare_whole() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"ab"));
    }
}
