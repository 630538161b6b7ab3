//! Security headers on every response (issue 13), whatever route or error
//! produced it: `X-Content-Type-Options`, `Referrer-Policy`,
//! `X-Frame-Options` and a Content-Security-Policy — strict for HTML
//! (scripts, styles, fonts and images from Relais itself only), `default-src
//! 'none'` for the rest. A route that sets its own policy (the fiche, with
//! the hash of its inline style; the console's pages) keeps it.
//!
//! Framing is allowed from Relais's own origin only (`SAMEORIGIN`,
//! `frame-ancestors 'self'`), so the console may show and print a fiche in
//! a frame while other sites cannot frame any page.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{
    CONTENT_SECURITY_POLICY, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue, REFERRER_POLICY,
    X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use actix_web::middleware::Next;

/// The policy of HTML pages served by Relais (GraphiQL, error pages).
pub const HTML_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'";

/// The policy of everything else (JSON, CSV, files): nothing may run.
pub const OTHER_POLICY: &str = "default-src 'none'; frame-ancestors 'self'";

pub async fn security_headers(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    // Handlers, extractors and the default 404 all answer with a response
    // (their errors are responses by then), so each one gets the headers.
    let mut response = next.call(req).await?;
    add_headers(response.headers_mut());
    Ok(response)
}

fn add_headers(headers: &mut HeaderMap) {
    let html = headers
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| {
            value
                .trim_start()
                .to_ascii_lowercase()
                .starts_with("text/html")
        });
    set_if_absent(headers, X_CONTENT_TYPE_OPTIONS, "nosniff");
    set_if_absent(headers, REFERRER_POLICY, "no-referrer");
    set_if_absent(headers, X_FRAME_OPTIONS, "SAMEORIGIN");
    set_if_absent(
        headers,
        CONTENT_SECURITY_POLICY,
        if html { HTML_POLICY } else { OTHER_POLICY },
    );
}

fn set_if_absent(headers: &mut HeaderMap, name: HeaderName, value: &'static str) {
    if !headers.contains_key(&name) {
        headers.insert(name, HeaderValue::from_static(value));
    }
}

/// The policy of a page whose only inline code is one `<style>` block: the
/// block's SHA-256 is allowed, nothing else inline.
pub fn policy_with_inline_style(html: &str) -> String {
    use base64::Engine;
    use sha2::{Digest, Sha256};
    let style = html
        .split_once("<style>")
        .and_then(|(_, rest)| rest.split_once("</style>"))
        .map(|(style, _)| style)
        .unwrap_or_default();
    let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(style.as_bytes()));
    format!(
        "default-src 'none'; style-src 'sha256-{hash}'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_gets_the_strict_policy_and_a_route_keeps_its_own() {
        let mut headers = HeaderMap::new();
        headers.insert(
            CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
        add_headers(&mut headers);
        assert_eq!(headers.get(CONTENT_SECURITY_POLICY).unwrap(), HTML_POLICY);
        assert_eq!(headers.get(X_CONTENT_TYPE_OPTIONS).unwrap(), "nosniff");
        assert_eq!(headers.get(X_FRAME_OPTIONS).unwrap(), "SAMEORIGIN");

        let mut own = HeaderMap::new();
        own.insert(CONTENT_TYPE, HeaderValue::from_static("text/html"));
        own.insert(
            CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'self'"),
        );
        add_headers(&mut own);
        assert_eq!(
            own.get(CONTENT_SECURITY_POLICY).unwrap(),
            "default-src 'self'"
        );
    }

    #[test]
    fn the_inline_style_is_allowed_by_its_hash() {
        // echo -n 'p{}' | openssl dgst -sha256 -binary | base64
        let policy = policy_with_inline_style("<html><style>p{}</style></html>");
        assert!(
            policy.contains("'sha256-gG2yISYereRMiG2lMXrbiUgi0Ubw9p7QCeWcroOvy9Y='"),
            "{policy}"
        );
    }
}
