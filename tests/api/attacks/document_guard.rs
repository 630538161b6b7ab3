//! Documents built to make validation or execution explode are refused by
//! the document guard before async-graphql validates them, and the server
//! keeps answering.

use serde_json::{Value, json};

use super::probe::{Probe, fragment_chain, outcome, post, reason};
use crate::helpers::*;

async fn send(app: &TestApp, backend: Backend, name: &str, body: Value) -> (u16, Value) {
    let probe = Probe::start(backend, name);
    let (status, answer) = post(app, None, &body).await;
    probe.report(&format!("HTTP {status}, {}", outcome(&answer)));
    (status, answer)
}

async fn fragment_explosions_are_refused_before_validation(backend: Backend) {
    let app = spawn_app(backend).await;

    for (k, expected) in [
        (25, "QUERY_TOO_LARGE"),
        (30, "QUERY_TOO_LARGE"),
        (1000, "TOO_MANY_FRAGMENTS"),
    ] {
        let text = fragment_chain(k);
        let name = format!("fragment-explosion k={k} ({} bytes)", text.len());
        let (status, answer) = send(&app, backend, &name, json!({ "query": text })).await;
        assert_eq!(status, 200);
        assert_eq!(error_code(&answer), "VALIDATION", "{answer}");
        assert_eq!(reason(&answer), expected);
        assert!(answer["data"].is_null(), "nothing executed: {answer}");
    }

    // Inline fragments, directives and variables do not hide the growth.
    let mut text = String::from("query($yes: Boolean = true) { me { ...H0 } }\n");
    for i in 0..25 {
        text.push_str(&format!(
            "fragment H{i} on User {{ ... on User @include(if: $yes) {{ ...H{n} }} ... @skip(if: false) {{ ...H{n} }} }}\n",
            n = i + 1
        ));
    }
    text.push_str("fragment H25 on User { id email }\n");
    let (_, answer) = send(
        &app,
        backend,
        "fragment-explosion through inline fragments and directives",
        json!({ "query": text, "variables": { "yes": true } }),
    )
    .await;
    assert_eq!(reason(&answer), "QUERY_TOO_LARGE");

    // The server kept its workers.
    assert_eq!(app.get("/healthz").await.status(), 200);
}

async fn cycles_deep_nesting_and_wide_documents_are_refused(backend: Backend) {
    let app = spawn_app(backend).await;
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "fragment cycle A→B→A",
            "{ me { ...A } } fragment A on User { id ...B } fragment B on User { ...A }".into(),
            "FRAGMENT_CYCLE",
        ),
        (
            "unused fragment",
            "{ me { id } } fragment Z on User { id }".into(),
            "UNUSED_FRAGMENT",
        ),
        (
            "nesting 50,000 deep",
            format!("{}{}", "{ me ".repeat(50_000), "}".repeat(50_000)),
            "DOCUMENT_TOO_LARGE",
        ),
        (
            "nesting 41 deep (within the size limit)",
            format!("{}{}", "{a".repeat(41), "}".repeat(41)),
            "TOO_DEEP",
        ),
        (
            "list argument nested 1,000 deep",
            format!(
                "{{ tenant(id: {}1{}) {{ id }} }}",
                "[".repeat(1000),
                "]".repeat(1000)
            ),
            "TOO_DEEP",
        ),
        (
            "200 aliases of me",
            format!(
                "{{ {} }}",
                (0..200)
                    .map(|i| format!("a{i}: me {{ id }}"))
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
            "TOO_MANY_ALIASES",
        ),
        (
            "aliases multiplied by fragments (3 spreads × 40 aliases)",
            format!(
                "{{ ...F ...F ...F }} fragment F on Query {{ {} }}",
                (0..40)
                    .map(|i| format!("a{i}: me {{ id }}"))
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
            "TOO_MANY_ALIASES",
        ),
        (
            "21 operations in one document",
            (0..21)
                .map(|i| format!("query Q{i} {{ me {{ id }} }}"))
                .collect::<Vec<_>>()
                .join("\n"),
            "TOO_MANY_OPERATIONS",
        ),
        (
            "a 70 KB string literal",
            format!("{{ tenant(id: \"{}\") {{ id }} }}", "x".repeat(70_000)),
            "DOCUMENT_TOO_LARGE",
        ),
        (
            "12,000 tokens",
            format!("{{ me {{ {} }} }}", "id ".repeat(12_000)),
            "TOO_MANY_TOKENS",
        ),
        (
            "600 spreads of one fragment",
            format!(
                "{{ me {{ {} }} }} fragment F on User {{ id }}",
                "...F ".repeat(600)
            ),
            "TOO_MANY_SPREADS",
        ),
    ];
    for (name, query, expected) in cases {
        let (status, answer) = send(&app, backend, name, json!({ "query": query })).await;
        assert_eq!(status, 200, "{name}");
        assert_eq!(error_code(&answer), "VALIDATION", "{name}: {answer}");
        assert_eq!(reason(&answer), expected, "{name}");
        assert!(
            !error_message(&answer).contains("Query is"),
            "French: {answer}"
        );
    }
    // Huge strings go in variables, within the body limit, and are fine.
    let (_, answer) = send(
        &app,
        backend,
        "a 1 MB string in a variable",
        json!({ "query": "query($id: ID!) { tenant(id: $id) { id } }", "variables": { "id": "x".repeat(1_000_000) } }),
    )
    .await;
    assert_ne!(error_code(&answer), "INTERNAL", "{answer}");
    assert_eq!(app.get("/healthz").await.status(), 200);
}

async fn batches_gets_and_other_encodings_are_refused(backend: Backend) {
    let app = spawn_app(backend).await;

    let bombs: Vec<Value> = (0..50)
        .map(|_| json!({ "query": fragment_chain(25) }))
        .collect();
    let probe = Probe::start(backend, "batch of 50 fragment explosions");
    let (status, answer) = post(&app, None, &Value::Array(bombs)).await;
    probe.report(&format!("HTTP {status}, {}", outcome(&answer)));
    assert_eq!(status, 400);
    assert_eq!(reason(&answer), "BATCH_NOT_SUPPORTED");

    let probe = Probe::start(backend, "GET /graphql?query=…");
    let response = app
        .client
        .get(format!("{}/graphql", app.address))
        .query(&[("query", fragment_chain(25))])
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let answer: Value = response.json().await.unwrap();
    probe.report(&format!("HTTP {status}, {}", outcome(&answer)));
    assert_eq!(status, 405);
    assert_eq!(reason(&answer), "METHOD_NOT_ALLOWED");

    let probe = Probe::start(backend, "text/plain body (a cross-site form)");
    let response = app
        .client
        .post(format!("{}/graphql", app.address))
        .header("content-type", "text/plain")
        .body(json!({ "query": "mutation { logout(refreshToken: \"x\") }" }).to_string())
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let answer: Value = response.json().await.unwrap();
    probe.report(&format!("HTTP {status}, {}", outcome(&answer)));
    assert_eq!(status, 415);
    assert_eq!(reason(&answer), "UNSUPPORTED_MEDIA_TYPE");

    let probe = Probe::start(backend, "gzip-encoded body");
    let response = app
        .client
        .post(format!("{}/graphql", app.address))
        .header("content-type", "application/json")
        .header("content-encoding", "gzip")
        .body(vec![0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0x03, 0x01, 0x00])
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let answer: Value = response.json().await.unwrap();
    probe.report(&format!("HTTP {status}, {}", outcome(&answer)));
    assert_eq!(status, 400, "compressed bodies are not inflated: {answer}");
    assert_eq!(reason(&answer), "MALFORMED_BODY");
}

async fn an_ordinary_query_with_fragments_still_answers(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.admin_token().await;
    let answer = app
        .graphql(
            Some(&admin),
            "query Moi { me { ...Who } } fragment Who on User { id email ...Role } fragment Role on User { role }",
            json!({}),
        )
        .await;
    assert!(answer["errors"].is_null(), "{answer}");
    assert_eq!(answer["data"]["me"]["role"], "PLATFORM_ADMIN");
}

on_both_databases!(
    fragment_explosions_are_refused_before_validation,
    cycles_deep_nesting_and_wide_documents_are_refused,
    batches_gets_and_other_encodings_are_refused,
    an_ordinary_query_with_fragments_still_answers,
);
