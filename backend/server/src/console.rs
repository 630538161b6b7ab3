//! The web console (issue 15) served at `/`: the files Vite builds into
//! `frontend/dist`, carried inside the binary (rust-embed: embedded in
//! release builds, read from the directory in debug builds), or read from
//! `console.directory` for development.
//!
//! Hashed assets (`/assets/*`, Vite puts the content hash in their names)
//! are cached for a year; `index.html` is `no-cache`; a path under one of
//! the app's routes (`/connexion`, `/etablissements`, `/bases/…`) that is not
//! a file is a deep link and gets `index.html`; anything else is a 404. HTML gets its own strict policy: no inline script,
//! `frame-ancestors 'none'` (the console is never framed; the fiche it shows
//! is opened in a new tab, as a `blob:` page under the console's policy,
//! which allows the fiche's one inline style by its hash).

use std::path::{Component, Path, PathBuf};

use actix_web::http::Method;
use actix_web::http::header::{CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE};
use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};

/// `[console]` in `relais.toml`.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct ConsoleSettings {
    /// Serve the console from this directory (a `frontend/dist` being
    /// rebuilt) instead of the copy inside the binary.
    pub directory: Option<PathBuf>,
    /// `false`: no console at `/` (an API-only deployment).
    pub enabled: Option<bool>,
}

/// The policy of the console's pages: scripts, styles, fonts, images and
/// API calls from Relais only, nothing inline, never framed. The one inline
/// style allowed (by its hash) is the fiche's: the console opens the fiche
/// it fetched with the access token as a `blob:` page, which inherits this
/// policy.
pub fn console_policy() -> &'static str {
    static POLICY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    POLICY.get_or_init(|| {
        format!(
            "default-src 'none'; script-src 'self'; style-src 'self' 'sha256-{}'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
            fiche_style_hash()
        )
    })
}

/// SHA-256 (base64) of the fiche template's `<style>` block, which has no
/// template expression: the rendered block is the same text.
fn fiche_style_hash() -> String {
    use base64::Engine;
    use sha2::{Digest, Sha256};
    const TEMPLATE: &str = include_str!("../../app/templates/fiche.html");
    let style = TEMPLATE
        .split_once("<style>")
        .and_then(|(_, rest)| rest.split_once("</style>"))
        .map(|(style, _)| style)
        .unwrap_or_default();
    base64::engine::general_purpose::STANDARD.encode(Sha256::digest(style.as_bytes()))
}

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const NO_CACHE: &str = "no-cache";

#[derive(rust_embed::RustEmbed)]
#[folder = "../../frontend/dist"]
#[allow_missing = true]
struct Embedded;

/// Where the console's files come from.
#[derive(Debug, Clone)]
pub enum ConsoleSource {
    Embedded,
    Directory(PathBuf),
}

impl ConsoleSource {
    pub fn from_settings(settings: &ConsoleSettings) -> Option<Self> {
        if settings.enabled == Some(false) {
            return None;
        }
        Some(match &settings.directory {
            Some(dir) => Self::Directory(dir.clone()),
            None => Self::Embedded,
        })
    }

    /// Whether an `index.html` is there to serve (a binary built before
    /// `npm run build` has none).
    pub fn is_available(&self) -> bool {
        self.read("index.html").is_some()
    }

    fn read(&self, path: &str) -> Option<Vec<u8>> {
        match self {
            Self::Embedded => Embedded::get(path).map(|file| file.data.into_owned()),
            Self::Directory(dir) => {
                let relative = safe_relative(path)?;
                let full = dir.join(relative);
                if !full.is_file() {
                    return None;
                }
                std::fs::read(full).ok()
            }
        }
    }
}

/// A path inside the console's directory: no `..`, no root, no prefix.
fn safe_relative(path: &str) -> Option<PathBuf> {
    let candidate = Path::new(path);
    candidate
        .components()
        .all(|c| matches!(c, Component::Normal(_)))
        .then(|| candidate.to_path_buf())
}

/// `GET /{tail:.*}`: a file of the console, or `index.html` for a deep link.
pub async fn serve(source: web::Data<ConsoleSource>, request: HttpRequest) -> HttpResponse {
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return HttpResponse::NotFound().finish();
    }
    let path = request.path().trim_start_matches('/');
    if !path.is_empty()
        && path != "index.html"
        && let Some(bytes) = source.read(path)
    {
        let mime = mime_type(path);
        let cache = if path.starts_with("assets/") {
            IMMUTABLE
        } else {
            NO_CACHE
        };
        return HttpResponse::Ok()
            .insert_header((CONTENT_TYPE, mime))
            .insert_header((CACHE_CONTROL, cache))
            .body(bytes);
    }
    // Only the app's own routes are deep links: a missing hashed asset is a
    // 404, not the app (a stale tab after a deployment must not get HTML as
    // JavaScript), and so is any other path (GraphiQL in production,
    // `/metrics` on its own listener, probes).
    if !is_app_route(path) {
        return HttpResponse::NotFound()
            .insert_header((CACHE_CONTROL, NO_CACHE))
            .finish();
    }
    match source.read("index.html") {
        Some(index) => HttpResponse::Ok()
            .insert_header((CONTENT_TYPE, "text/html; charset=utf-8"))
            .insert_header((CACHE_CONTROL, NO_CACHE))
            .insert_header((CONTENT_SECURITY_POLICY, console_policy()))
            .body(index),
        None => HttpResponse::NotFound()
            .insert_header((CONTENT_TYPE, "text/plain; charset=utf-8"))
            .insert_header((CACHE_CONTROL, NO_CACHE))
            .body(
                "La console n'est pas construite dans ce binaire : lancez `make run` \
                 (ou `npm run build` dans frontend/), ou réglez console.directory.",
            ),
    }
}

/// The first segments of the console's routes (frontend/src/app/router.tsx):
/// the paths that are deep links into the app.
const APP_ROUTES: &[&str] = &[
    "",
    "index.html",
    "connexion",
    "etablissements",
    "bases",
    "tableau-de-bord",
    "registre-cas",
    "modeles",
    "courriels",
    "assistance",
    "tickets",
    "utilisateurs",
    "journal",
    "echanges",
];

fn is_app_route(path: &str) -> bool {
    let first = path.split('/').next().unwrap_or_default();
    APP_ROUTES.contains(&first)
}

fn mime_type(path: &str) -> String {
    let guess = mime_guess::from_path(path).first_or_octet_stream();
    let essence = guess.essence_str();
    if essence.starts_with("text/") || essence == "application/javascript" {
        format!("{essence}; charset=utf-8")
    } else {
        essence.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_leaving_the_directory_are_refused() {
        assert!(safe_relative("assets/app.js").is_some());
        assert!(safe_relative("../secret").is_none());
        assert!(safe_relative("/etc/passwd").is_none());
        assert!(safe_relative("assets/../../x").is_none());
    }

    #[test]
    fn only_the_app_s_routes_are_deep_links() {
        assert!(is_app_route(""));
        assert!(is_app_route("bases/abc/diagnostics"));
        assert!(is_app_route("etablissements"));
        assert!(is_app_route("tableau-de-bord"));
        assert!(is_app_route("assistance/tableau-de-bord"));
        assert!(is_app_route("tickets/0190f3a2-0000-7000-8000-000000000000"));
        assert!(is_app_route("utilisateurs"));
        assert!(is_app_route("journal"));
        assert!(is_app_route("registre-cas"));
        assert!(is_app_route("modeles/mises-a-jour"));
        assert!(is_app_route("etablissements/import"));
        assert!(is_app_route("courriels"));
        assert!(!is_app_route("graphiql"));
        assert!(!is_app_route("metrics"));
        assert!(!is_app_route("assets/old.js"));
        assert!(!is_app_route("etc/passwd"));
    }

    #[test]
    fn scripts_are_served_as_javascript() {
        let js = mime_type("assets/index-abc.js");
        assert!(
            js.contains("javascript") && js.ends_with("charset=utf-8"),
            "{js}"
        );
        assert!(mime_type("assets/index-abc.css").starts_with("text/css"));
    }
}
