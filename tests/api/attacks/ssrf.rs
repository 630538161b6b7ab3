//! Server-side request forgery (issue 13, item 6): a tenant cannot widen
//! where Relais fetches from (the testing allowance is the platform's
//! configuration), redirects are checked again at each hop, and what a
//! failed fetch stores says only refused / unreachable / timed out / bad
//! answer — never the address, the port's state or the status.

use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::probe::{Probe, typed_outcome as outcome};
use crate::helpers::*;
use crate::typed::{
    ModelSourceErrors, RefreshModelFeed, Refused, RegionModelSource, model_source_errors,
    refresh_model_feed, region_model_source,
};

/// Creates a model source fed from `url`: its id, or the refusal.
async fn create_source(
    app: &TestApp,
    token: &str,
    name: &str,
    url: &str,
    allow_http_for_testing: bool,
) -> Result<String, Refused> {
    let input = region_model_source::CreateModelSourceInput {
        tenant_id: None,
        name: name.to_owned(),
        feed_url: Some(url.to_owned()),
        cron: None,
        allow_http_for_testing,
    };
    app.run::<RegionModelSource>(Some(token), region_model_source::Variables { input })
        .await
        .map(|data| data.create_model_source.id)
}

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
async fn fetch_as_tenant(
    app: &TestApp,
    token: &str,
    url: &str,
) -> (Result<refresh_model_feed::ResponseData, Refused>, String) {
    let id = create_source(app, token, &format!("Flux {url}"), url, false)
        .await
        .unwrap_or_else(|refused| panic!("{refused:?}"));
    let refreshed = app
        .run::<RefreshModelFeed>(
            Some(token),
            refresh_model_feed::Variables { id: id.clone() },
        )
        .await;
    let sources = app
        .run_ok::<ModelSourceErrors>(Some(token), model_source_errors::Variables)
        .await
        .model_sources;
    let last_error = sources
        .iter()
        .find(|source| source.id == id)
        .and_then(|source| source.last_error.clone())
        .unwrap_or_else(|| panic!("no lastError stored: {sources:?}"));
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
    let answer = create_source(&app, &token, "Essai", &metrics, true).await;
    probe.report(&outcome(&answer));
    let answer = answer.expect_err("a tenant marked its source for testing");
    assert_eq!(answer.code(), "VALIDATION", "{answer:?}");
    assert_eq!(
        answer
            .extension("reason")
            .and_then(|reason| reason.as_str()),
        Some("TESTING_ALLOWANCE_IS_CONFIGURATION"),
        "{answer:?}"
    );
    // Plain http without the platform's allowance: refused at creation.
    let plain = create_source(&app, &token, "Essai", &metrics, false)
        .await
        .expect_err("plain http accepted");
    assert_eq!(plain.code(), "VALIDATION", "{plain:?}");
    assert_eq!(plain.field(), Some("feedUrl"));
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
    assert_eq!(
        answer.as_ref().err().map(Refused::code),
        Some("UPSTREAM"),
        "{answer:?}"
    );
    let probe = Probe::start(backend, "tenant feed → closed loopback port");
    let (answer, closed_error) = fetch_as_tenant(&app, &token, &closed).await;
    probe.report(&format!("{}, lastError {closed_error}", outcome(&answer)));
    // Open and closed ports alike: refused before any connection.
    assert_eq!(open_error, closed_error);
    let text = open_error.as_str();
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
    assert_eq!(
        answer.as_ref().err().map(Refused::code),
        Some("UPSTREAM"),
        "{answer:?}"
    );
    assert!(error.starts_with("Adresse refusée"), "{error}");

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
    assert!(!error.contains("secret"), "{error}");
    assert!(error.starts_with("Réponse inexploitable"), "{error}");
}

on_both_databases!(
    a_tenant_cannot_mark_a_source_for_testing,
    loopback_is_refused_and_the_error_does_not_scan_ports,
    redirects_are_checked_again_and_errors_say_only_the_category,
);
