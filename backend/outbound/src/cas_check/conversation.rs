//! One browser-like HTTP conversation with a CAS server: its cookies, each
//! hop through feed fetching's address checks (`GuardedHttpClient::pinned_client`),
//! bodies within the size limit.

use reqwest::header::{CONTENT_TYPE, COOKIE, HeaderMap, LOCATION, REFERER, SET_COOKIE};
use reqwest::{Method, StatusCode};
use url::Url;

use super::USER_AGENT;
use crate::guarded_http::{FetchError, GuardedHttpClient, is_redirect};

/// A request body.
pub(super) struct Body {
    pub content_type: &'static str,
    pub body: Vec<u8>,
    pub referer: Option<String>,
}

/// What one hop answered.
pub(super) struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    /// The redirect target, resolved against `base`.
    pub fn location(&self, base: &Url) -> Option<Url> {
        if !is_redirect(self.status) {
            return None;
        }
        let location = self.headers.get(LOCATION)?.to_str().ok()?;
        base.join(location.trim()).ok()
    }
}

/// One browser-like conversation: its cookies (per host, session cookies
/// only, as a browser keeps them for one login), every hop checked.
pub(super) struct Conversation<'a> {
    fetcher: &'a GuardedHttpClient,
    /// (host, name, value).
    cookies: Vec<(String, String, String)>,
}

impl<'a> Conversation<'a> {
    pub fn new(fetcher: &'a GuardedHttpClient) -> Self {
        Self {
            fetcher,
            cookies: Vec::new(),
        }
    }

    pub async fn send(
        &mut self,
        method: Method,
        url: &Url,
        body: Option<Body>,
    ) -> Result<Reply, FetchError> {
        let client = self.fetcher.pinned_client(url, true).await?;
        let host = url.host_str().unwrap_or_default().to_owned();
        let mut request = client
            .request(method, url.clone())
            .header(reqwest::header::USER_AGENT, USER_AGENT);
        let cookie = self
            .cookies
            .iter()
            .filter(|(h, _, _)| *h == host)
            .map(|(_, name, value)| format!("{name}={value}"))
            .collect::<Vec<_>>()
            .join("; ");
        if !cookie.is_empty() {
            request = request.header(COOKIE, cookie);
        }
        if let Some(body) = body {
            request = request
                .header(CONTENT_TYPE, body.content_type)
                .body(body.body);
            if let Some(referer) = body.referer {
                request = request.header(REFERER, referer);
            }
        }
        let response = request.send().await.map_err(FetchError::network)?;
        let status = response.status();
        let headers = response.headers().clone();
        for value in headers.get_all(SET_COOKIE) {
            if let Ok(value) = value.to_str() {
                self.keep_cookie(&host, value);
            }
        }
        let body = self.fetcher.read_limited(response).await?;
        Ok(Reply {
            status,
            headers,
            body,
        })
    }

    /// Keeps `name=value` of a `Set-Cookie`; an empty value or `Max-Age=0`
    /// deletes it.
    fn keep_cookie(&mut self, host: &str, header: &str) {
        let mut parts = header.split(';');
        let Some((name, value)) = parts.next().and_then(|pair| pair.split_once('=')) else {
            return;
        };
        let name = name.trim().to_owned();
        let value = value.trim().trim_matches('"').to_owned();
        let expired = parts.any(|attribute| {
            attribute
                .trim()
                .to_ascii_lowercase()
                .replace(' ', "")
                .starts_with("max-age=0")
        });
        self.cookies.retain(|(h, n, _)| !(h == host && *n == name));
        if !expired && !value.is_empty() {
            self.cookies.push((host.to_owned(), name, value));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guarded_http::FetchPolicy;

    #[test]
    fn cookies_are_kept_per_host_and_expire() {
        let fetcher = GuardedHttpClient::new(FetchPolicy::default());
        let mut conversation = Conversation::new(&fetcher);
        conversation.keep_cookie("cas", "sessionid=abc; HttpOnly; Path=/; SameSite=Lax");
        conversation.keep_cookie(
            "cas",
            " warn=\"\"; expires=Thu, 01 Jan 1970; Max-Age=0; Path=/",
        );
        conversation.keep_cookie("cas", "csrftoken=t1; Path=/");
        conversation.keep_cookie("cas", "csrftoken=t2; Path=/");
        conversation.keep_cookie("other", "x=1");
        conversation.keep_cookie("cas", "x=gone; Max-Age = 0");
        let cas: Vec<_> = conversation
            .cookies
            .iter()
            .filter(|(h, _, _)| h == "cas")
            .map(|(_, n, v)| format!("{n}={v}"))
            .collect();
        assert_eq!(cas, ["sessionid=abc", "csrftoken=t2"]);
    }
}
