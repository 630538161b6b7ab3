//! Server-side request forgery (issue 13, item 6): a tenant cannot widen
//! where Relais fetches from (the testing allowance is the platform's
//! configuration), redirects are checked again at each hop, and what a
//! failed fetch stores says only refused / unreachable / timed out / bad
//! answer — never the address, the port's state or the status.

use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::probe::{Probe, outcome};
use crate::helpers::*;

const CREATE: &str =
    "mutation($i: CreateModelSourceInput!) { createModelSource(input: $i) { id } }";
const REFRESH: &str = "mutation($id: ID!) { refreshModelFeed(id: $id) { newVersion } }";

async fn operator(app: &TestApp) -> String {
    let admin = app.admin_token().await;
    let tenant = app.create_tenant(&admin, "alpha").await;
    let created = app
        .create_user(
            &admin,
            "operateur@alpha.test",
            "OPERATOR_ADMIN",
            Some(&tenant),
        )
        .await;
    assert!(created["errors"].is_null(), "{created}");
    app.token("operateur@alpha.test", USER_PASSWORD).await
}

/// Registers `url` as a feed and refreshes it; the refresh's answer and the
/// source's stored `lastError`.
async fn fetch_as_tenant(app: &TestApp, token: &str, url: &str) -> (Value, Value) {
    let created = app
        .graphql(
            Some(token),
            CREATE,
            json!({ "i": { "name": format!("Flux {url}"), "feedUrl": url } }),
        )
        .await;
    let id = created["data"]["createModelSource"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{created}"))
        .to_owned();
    let refreshed = app.graphql(Some(token), REFRESH, json!({ "id": id })).await;
    let sources = app
        .graphql(Some(token), "{ modelSources { id lastError } }", json!({}))
        .await;
    let last_error = sources["data"]["modelSources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == id.as_str())
        .map(|s| s["lastError"].clone())
        .unwrap_or(Value::Null);
    (refreshed, last_error)
}

/// One HTTP answer per connection, forever.
async fn serve(bind: &str, answer: String) -> String {
    let listener = tokio::net::TcpListener::bind(bind).await.unwrap();
    let address = listener.local_addr().unwrap().to_string();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let mut buffer = vec![0u8; 4096];
            let _ = socket.read(&mut buffer).await;
            socket.write_all(answer.as_bytes()).await.ok();
            socket.shutdown().await.ok();
        }
    });
    address
}

async fn a_tenant_cannot_mark_a_source_for_testing(backend: Backend) {
    let app = spawn_app(backend).await;
    let token = operator(&app).await;
    let metrics = format!("{}/metrics", app.address);
    let probe = Probe::start(
        backend,
        "tenant source allowHttpForTesting: true → /metrics",
    );
    let answer = app
        .graphql(
            Some(&token),
            CREATE,
            json!({ "i": { "name": "Essai", "feedUrl": metrics, "allowHttpForTesting": true } }),
        )
        .await;
    probe.report(&outcome(&answer));
    assert_eq!(error_code(&answer), "VALIDATION", "{answer}");
    assert_eq!(
        answer["errors"][0]["extensions"]["reason"], "TESTING_ALLOWANCE_IS_CONFIGURATION",
        "{answer}"
    );
    // Plain http without the platform's allowance: refused at creation.
    let plain = app
        .graphql(
            Some(&token),
            CREATE,
            json!({ "i": { "name": "Essai", "feedUrl": metrics } }),
        )
        .await;
    assert_eq!(error_code(&plain), "VALIDATION", "{plain}");
    assert_eq!(plain["errors"][0]["extensions"]["field"], "feedUrl");
}

async fn loopback_is_refused_and_the_error_does_not_scan_ports(backend: Backend) {
    // A platform that accepts http (test platform) but no private network.
    let app = spawn_app_with(backend, |s| s.models.allow_http = true).await;
    let token = operator(&app).await;
    let open = format!("{}/metrics", app.address);
    let closed_port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let closed = format!("http://127.0.0.1:{closed_port}/");

    let probe = Probe::start(backend, "tenant feed → Relais' own /metrics (open port)");
    let (answer, open_error) = fetch_as_tenant(&app, &token, &open).await;
    probe.report(&format!("{}, lastError {open_error}", outcome(&answer)));
    assert_eq!(error_code(&answer), "UPSTREAM", "{answer}");
    let probe = Probe::start(backend, "tenant feed → closed loopback port");
    let (answer, closed_error) = fetch_as_tenant(&app, &token, &closed).await;
    probe.report(&format!("{}, lastError {closed_error}", outcome(&answer)));
    // Open and closed ports alike: refused before any connection.
    assert_eq!(open_error, closed_error);
    let text = open_error.as_str().unwrap();
    assert!(text.starts_with("Adresse refusée"), "{text}");
    assert!(!text.contains("127.0.0.1"), "{text}");
}

async fn redirects_are_checked_again_and_errors_say_only_the_category(backend: Backend) {
    // The platform allows one private address (its feed server, 127.0.0.2),
    // not the rest of loopback.
    let app = spawn_app_with(backend, |s| {
        s.models.allow_http = true;
        s.models.allowed_networks = vec!["127.0.0.2/32".to_owned()];
    })
    .await;
    let token = operator(&app).await;
    let metrics = format!("{}/metrics", app.address);
    let redirector = serve(
        "127.0.0.2:0",
        format!("HTTP/1.1 302 Found\r\nLocation: {metrics}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"),
    )
    .await;
    let probe = Probe::start(
        backend,
        "allowed feed server redirecting to loopback /metrics",
    );
    let (answer, error) = fetch_as_tenant(&app, &token, &format!("http://{redirector}/")).await;
    probe.report(&format!("{}, lastError {error}", outcome(&answer)));
    assert_eq!(error_code(&answer), "UPSTREAM", "{answer}");
    assert!(
        error.as_str().unwrap().starts_with("Adresse refusée"),
        "{error}"
    );

    // A 500 and a closed port on the allowed address: « bad answer » and
    // « unreachable », without the status or the cause.
    let failing = serve(
        "127.0.0.2:0",
        "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 5\r\nConnection: close\r\n\r\npanne"
            .to_owned(),
    )
    .await;
    let (_, error) = fetch_as_tenant(&app, &token, &format!("http://{failing}/")).await;
    assert_eq!(error, "Réponse inexploitable du serveur.");
    let closed_port = std::net::TcpListener::bind("127.0.0.2:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let (_, error) =
        fetch_as_tenant(&app, &token, &format!("http://127.0.0.2:{closed_port}/")).await;
    assert_eq!(error, "Serveur injoignable.");
    // An answer that is not a feed: its content is not quoted back.
    let page = serve(
        "127.0.0.2:0",
        "HTTP/1.1 200 OK\r\nContent-Length: 27\r\nConnection: close\r\n\r\nsecret_admin_token 12345678".to_owned(),
    )
    .await;
    let (_, error) = fetch_as_tenant(&app, &token, &format!("http://{page}/")).await;
    assert!(!error.as_str().unwrap().contains("secret"), "{error}");
    assert!(
        error.as_str().unwrap().starts_with("Réponse inexploitable"),
        "{error}"
    );
}

on_both_databases!(
    a_tenant_cannot_mark_a_source_for_testing,
    loopback_is_refused_and_the_error_does_not_scan_ports,
    redirects_are_checked_again_and_errors_say_only_the_category,
);
