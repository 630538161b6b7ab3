//! `docs/errors.md` is the error catalogue of the API
//! (`relais_api::error_catalog`), and the catalogue lists exactly the
//! reasons the code raises.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use relais_api::error_catalog::{REASONS, errors_markdown};

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

#[test]
fn the_committed_errors_document_matches_the_catalogue() {
    let committed =
        std::fs::read_to_string(repository().join("docs/errors.md")).unwrap_or_default();
    assert!(
        committed == errors_markdown(),
        "docs/errors.md is out of date: run `make errors` and commit it"
    );
}

/// The Rust sources of the backend (not the vendored assets).
fn sources(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            if !path.ends_with("assets") {
                sources(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            out.push((path, text));
        }
    }
}

/// The string literal that starts `text` after white space (and an
/// optional `Some(`), if it is a reason's shape (`UPPER_CASE`).
fn reason_literal(text: &str) -> Option<&str> {
    let text = text.trim_start();
    let rest = text
        .strip_prefix("Some(")
        .unwrap_or(text)
        .trim_start()
        .strip_prefix('"')?;
    let name = &rest[..rest.find('"')?];
    let shaped = name.len() > 2
        && name.starts_with(|c: char| c.is_ascii_uppercase())
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
    shaped.then_some(name)
}

/// The arms `=> "NAME"` of the `fn code(&self) -> &'static str` bodies.
fn code_arms(text: &str, out: &mut BTreeSet<String>) {
    for (at, _) in text.match_indices("pub fn code(&self) -> &'static str {") {
        let body = &text[at..];
        let end = body.find("\n    }\n").unwrap_or(body.len());
        for (arm, _) in body[..end].match_indices("=>") {
            if let Some(name) = reason_literal(&body[arm + 2..end]) {
                out.insert(name.to_owned());
            }
        }
    }
}

/// Whether the struct literal open at the end of `before` is an error
/// (`AppError`, or `ApiError` at the GraphQL edge).
fn in_api_error(before: &str) -> bool {
    before.rfind('{').is_some_and(|brace| {
        let name = before[..brace].trim_end();
        name.ends_with("ApiError") || name.ends_with("AppError")
    })
}

/// The reasons the code raises, read from the sources: the literals after
/// `.with_reason(`, `reason: Some(` in an `AppError { … }`, `invalid_file(`,
/// the GraphQL guard's `refusal(`, a match arm's `=> (` in a file that
/// builds an error,
/// and the codes of the Index-Education file errors, which become reasons
/// (`ApiError::invalid_file(err.code(), …)`).
fn raised_reasons() -> BTreeSet<String> {
    let mut files = Vec::new();
    sources(&repository().join("backend"), &mut files);
    let mut raised = BTreeSet::new();
    for (path, text) in &files {
        let builds_errors = text.contains("ApiError") || text.contains("AppError");
        let mut markers = vec!["with_reason(", "reason: Some(", "invalid_file(", "refusal("];
        if builds_errors {
            markers.push("=> (");
        }
        for marker in markers {
            for (at, _) in text.match_indices(marker) {
                if marker.starts_with("reason") && !in_api_error(&text[..at]) {
                    // Another struct's `reason` (a matching proposal's).
                    continue;
                }
                if let Some(name) = reason_literal(&text[at + marker.len()..]) {
                    raised.insert(name.to_owned());
                }
            }
        }
        if path
            .parent()
            .is_some_and(|p| p.ends_with("index_education"))
        {
            code_arms(text, &mut raised);
        }
    }
    raised
}

#[test]
fn every_reason_the_code_raises_is_in_the_catalogue_and_no_other() {
    let raised = raised_reasons();
    assert!(raised.contains("SESSION_REVOKED") && raised.contains("EXPORT_WRONG_KEY"));
    let listed: BTreeSet<String> = REASONS.iter().map(|r| r.name.to_owned()).collect();
    let missing: Vec<_> = raised.difference(&listed).collect();
    assert!(
        missing.is_empty(),
        "reasons raised but not in relais_api::error_catalog::REASONS (add them with their French meaning, then `make errors`): {missing:?}"
    );
    // A reason raised through a variable (`reason: Some(err.code())` of a
    // stored file) is not seen above: it must still be spelled somewhere.
    let mut files = Vec::new();
    sources(&repository().join("backend"), &mut files);
    let stale: Vec<_> = listed
        .iter()
        .filter(|name| {
            !raised.contains(*name)
                && !files.iter().any(|(path, text)| {
                    !path.ends_with("error_catalog.rs") && text.contains(&format!("\"{name}\""))
                })
        })
        .collect();
    assert!(
        stale.is_empty(),
        "reasons in the catalogue that the code no longer raises: {stale:?}"
    );
}
