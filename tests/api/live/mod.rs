//! Live state (issue 17): GraphQL subscriptions over the WebSocket of
//! `/graphql/live`, fed by the domain events of every process, shown only
//! to those who may read their object.

mod bench;
mod socket;

use serde_json::{Value, json};

use crate::helpers::*;
use crate::tickets::{Fixture, fixture};
use crate::typed::change_ticket_status::TicketStatusName;
use crate::typed::{CreateEstablishment, SetUserDisabled, create_establishment, set_user_disabled};
use crate::use_cases::{EstablishmentKind, NewBase, NewTicket, TicketCategoryName};
pub(crate) use socket::{LiveSocket, Received};

const LIVE: &str = "subscription($kinds: [LiveEventKind!], $base: ID) { liveEvents(kinds: $kinds, baseId: $base) { kind ticketId establishmentId baseId modelId } }";

/// Subscribes as `token` and waits for `STARTED`: from then on no event
/// is missed.
pub(crate) async fn follow(app_address: &str, token: &str, variables: Value) -> LiveSocket {
    let mut socket = LiveSocket::signed_in(app_address, token).await;
    socket.subscribe("live", LIVE, variables).await;
    let started = socket.next_payload().await;
    assert_eq!(
        started["payload"]["data"]["liveEvents"]["kind"], "STARTED",
        "{started}"
    );
    socket
}

/// The next event of the socket's subscription.
pub(crate) async fn next_event(socket: &mut LiveSocket) -> Value {
    let message = socket.next_payload().await;
    assert!(message["payload"]["errors"].is_null(), "{message}");
    message["payload"]["data"]["liveEvents"].clone()
}

/// An establishment with its own base; returns both ids.
async fn establishment_with_base(
    app: &TestApp,
    token: &str,
    uai: &str,
    name: &str,
) -> (String, String) {
    let input = create_establishment::CreateEstablishmentInput {
        tenant_id: None,
        uai: uai.to_owned(),
        acknowledge_checksum_mismatch: true,
        name: name.to_owned(),
        kind: EstablishmentKind::COLLEGE,
        commune: None,
        postal_code: None,
        academy: None,
        status: create_establishment::EstablishmentStatus::OPEN,
    };
    let created = app
        .run_ok::<CreateEstablishment>(Some(token), create_establishment::Variables { input })
        .await
        .create_establishment;
    assert_eq!((created.uai.as_str(), created.name.as_str()), (uai, name));
    let base = app
        .create_base(token, NewBase::hosted(&created.id))
        .await
        .id;
    (created.id, base)
}

async fn ticket_on(app: &TestApp, token: &str, establishment: &str) -> String {
    app.opened_ticket(
        token,
        NewTicket::about(
            establishment,
            TicketCategoryName::CAS_CONFIGURATION,
            "Échec de l'authentification",
            "Les élèves ne se connectent plus.",
        ),
    )
    .await
}

async fn publish(app: &TestApp, token: &str, base: &str) {
    let version = app.publish(token, base, 1).await;
    assert!(version > 1, "the publication left version {version}");
}

async fn a_subscription_hears_only_what_its_caller_may_read(backend: Backend) {
    let Fixture {
        app,
        alpha,
        beta,
        lycee,
    } = fixture(backend).await;
    let (college, _) =
        establishment_with_base(&app, &alpha.operator, "0410036S", "Collège Les Provinces").await;
    let (beta_college, _) =
        establishment_with_base(&app, &beta.operator, "0451442H", "Collège Jean Rostand").await;
    let mut helpdesk = follow(&app.address, &alpha.helpdesk, json!({})).await;
    let mut school = follow(&app.address, &alpha.school, json!({})).await;
    let mut other_tenant = follow(&app.address, &beta.operator, json!({})).await;

    // A ticket about an establishment the school administrator was not
    // granted, one about its lycée, then one of the other operator.
    let on_college = ticket_on(&app, &alpha.operator, &college).await;
    let on_lycee = ticket_on(&app, &alpha.school, &lycee).await;
    let on_beta = ticket_on(&app, &beta.operator, &beta_college).await;

    // The helpdesk hears its whole tenant, in order.
    let first = next_event(&mut helpdesk).await;
    assert_eq!(first["kind"], "TICKET_CREATED");
    assert_eq!(first["ticketId"], on_college.as_str());
    assert_eq!(first["establishmentId"], college.as_str());
    assert_eq!(
        next_event(&mut helpdesk).await["ticketId"],
        on_lycee.as_str()
    );
    // Events are told in order: the first one each hears is the first it
    // may read; the others were skipped.
    assert_eq!(next_event(&mut school).await["ticketId"], on_lycee.as_str());
    assert_eq!(
        next_event(&mut other_tenant).await["ticketId"],
        on_beta.as_str()
    );

    // A comment and a status change are told as such.
    let commented = app
        .comment_ticket(&alpha.helpdesk, &on_lycee, "Vérifiez l'URL CAS.")
        .await;
    assert_eq!(
        commented.map(|ticket| ticket.id).ok(),
        Some(on_lycee.clone())
    );
    let event = next_event(&mut school).await;
    assert_eq!(event["kind"], "TICKET_COMMENTED", "{event}");
    assert_eq!(event["ticketId"], on_lycee.as_str());
    let changed = app
        .change_ticket_status(&alpha.helpdesk, &on_college, TicketStatusName::RESOLVED)
        .await;
    assert_eq!(
        changed.map(|ticket| ticket.id).ok(),
        Some(on_college.clone())
    );
    assert_eq!(next_event(&mut helpdesk).await["kind"], "TICKET_COMMENTED");
    let event = next_event(&mut helpdesk).await;
    assert_eq!(event["kind"], "TICKET_CHANGED", "{event}");
    assert_eq!(event["ticketId"], on_college.as_str());
    // The other tenant heard none of it: its next event is its own.
    let again = ticket_on(&app, &beta.operator, &beta_college).await;
    assert_eq!(
        next_event(&mut other_tenant).await["ticketId"],
        again.as_str()
    );
}

async fn a_school_administrator_hears_only_the_bases_of_its_establishments(backend: Backend) {
    let Fixture { app, alpha, .. } = fixture(backend).await;
    let (_, college_base) =
        establishment_with_base(&app, &alpha.operator, "0410036S", "Collège Les Provinces").await;
    // The school administrator sees one base: its lycée's.
    let lycee_base = app.first_base_id(&alpha.school).await;
    assert_ne!(lycee_base, college_base);
    let kinds = json!({ "kinds": ["BASE_PUBLICATION_CHANGED", "BASE_SETTINGS_CHANGED"] });
    let mut school = follow(&app.address, &alpha.school, kinds.clone()).await;
    let mut operator = follow(&app.address, &alpha.operator, kinds).await;
    // A subscription to one base hears of that base only.
    let mut one_base = follow(
        &app.address,
        &alpha.operator,
        json!({ "base": college_base }),
    )
    .await;

    publish(&app, &alpha.operator, &college_base).await;
    publish(&app, &alpha.operator, &lycee_base).await;

    let event = next_event(&mut operator).await;
    assert_eq!(event["kind"], "BASE_PUBLICATION_CHANGED", "{event}");
    assert_eq!(event["baseId"], college_base.as_str());
    assert_eq!(
        next_event(&mut operator).await["baseId"],
        lycee_base.as_str()
    );
    assert_eq!(next_event(&mut school).await["baseId"], lycee_base.as_str());
    assert_eq!(
        next_event(&mut one_base).await["baseId"],
        college_base.as_str()
    );
}

async fn a_socket_without_a_valid_token_is_closed(backend: Backend) {
    let app = spawn_app(backend).await;
    for payload in [json!({}), json!({ "authorization": "Bearer pas-un-jeton" })] {
        let mut socket = LiveSocket::open(&app.address).await.unwrap();
        socket
            .send(&json!({ "type": "connection_init", "payload": payload }))
            .await;
        match socket.receive().await {
            Received::Close(code, reason) => {
                assert_eq!(code, 1002);
                assert!(reason.contains("jeton d'accès"), "{reason}");
            }
            other => panic!("expected a close, got {other:?}"),
        }
    }
    // A subscription before `connection_init` closes the socket too.
    let mut socket = LiveSocket::open(&app.address).await.unwrap();
    socket.subscribe("1", LIVE, json!({})).await;
    assert!(matches!(socket.receive().await, Received::Close(..)));
    // Another protocol than graphql-transport-ws is refused at the upgrade.
    let refused = app
        .client
        .get(format!("{}/graphql/live", app.address))
        .header("Connection", "Upgrade")
        .header("Upgrade", "websocket")
        .header("Sec-WebSocket-Version", "13")
        .header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
        .header("Sec-WebSocket-Protocol", "graphql-ws")
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 400);
    assert!(
        refused
            .text()
            .await
            .unwrap()
            .contains("graphql-transport-ws")
    );
}

async fn subscription_documents_pass_the_guard_and_only_subscriptions_are_served(backend: Backend) {
    let app = spawn_app_with(backend, |settings| {
        settings.graphql.document.max_document_bytes = 4096;
    })
    .await;
    let admin = app.admin_token().await;
    let mut socket = LiveSocket::signed_in(&app.address, &admin).await;
    let cases = [
        (
            "subscription { liveEvents { ...A } } fragment A on LiveEvent { ...A }",
            "FRAGMENT_CYCLE",
        ),
        (
            &*format!(
                "subscription {{ liveEvents {{ kind }} }} # {}",
                "x".repeat(5_000)
            ),
            "DOCUMENT_TOO_LARGE",
        ),
        ("{ me { id } }", "SUBSCRIPTIONS_ONLY"),
        ("mutation { logout }", "SUBSCRIPTIONS_ONLY"),
    ];
    for (i, (query, reason)) in cases.iter().enumerate() {
        socket.subscribe(&i.to_string(), query, json!({})).await;
        let answer = socket.next_payload().await;
        assert_eq!(answer["id"], i.to_string(), "{answer}");
        let error = &answer["payload"]["errors"][0];
        assert_eq!(error["extensions"]["reason"], *reason, "{answer}");
        assert_eq!(error["extensions"]["code"], "VALIDATION");
    }
    // A message far beyond any document is not read: the socket closes.
    let huge = format!(
        "subscription {{ liveEvents {{ kind }} }} # {}",
        "x".repeat(200_000)
    );
    socket.subscribe("huge", &huge, json!({})).await;
    let closed = loop {
        match socket.receive().await {
            // The end of the refused subscriptions above.
            Received::Message(message) if message["type"] == "complete" => {}
            other => break other,
        }
    };
    assert!(
        matches!(closed, Received::Close(..) | Received::Ended),
        "{closed:?}"
    );
}

async fn subscriptions_are_limited_per_connection_and_per_user(backend: Backend) {
    let app = spawn_app_with(backend, |settings| {
        settings.graphql.live.per_connection = 2;
        settings.graphql.live.per_user = 3;
    })
    .await;
    let admin = app.admin_token().await;
    let mut first = LiveSocket::signed_in(&app.address, &admin).await;
    for id in ["a", "b", "c"] {
        first.subscribe(id, LIVE, json!({})).await;
    }
    // Two start, the third is refused (whichever the server polled last).
    let mut started = 0;
    let mut refused = Vec::new();
    while started + refused.len() < 3 {
        let message = first.next_payload().await;
        if message["payload"]["errors"].is_null() {
            assert_eq!(message["payload"]["data"]["liveEvents"]["kind"], "STARTED");
            started += 1;
        } else {
            refused.push(message);
        }
    }
    assert_eq!(started, 2);
    let error = &refused[0]["payload"]["errors"][0];
    assert_eq!(error["extensions"]["code"], "RATE_LIMITED", "{error}");
    assert_eq!(
        error["extensions"]["reason"],
        "TOO_MANY_SUBSCRIPTIONS_PER_CONNECTION"
    );
    // The same account on another connection: one more, then its limit.
    let mut second = LiveSocket::signed_in(&app.address, &admin).await;
    second.subscribe("d", LIVE, json!({})).await;
    assert_eq!(
        second.next_payload().await["payload"]["data"]["liveEvents"]["kind"],
        "STARTED"
    );
    second.subscribe("e", LIVE, json!({})).await;
    let answer = second.next_payload().await;
    let error = &answer["payload"]["errors"][0];
    assert_eq!(
        error["extensions"]["reason"],
        "TOO_MANY_SUBSCRIPTIONS_PER_USER"
    );
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("flux en direct"),
        "{answer}"
    );
    // Closing a subscription gives its place back.
    second.send(&json!({ "id": "d", "type": "complete" })).await;
    second.subscribe("f", LIVE, json!({})).await;
    let answer = loop {
        let message = second.next_payload().await;
        if message["id"] == "f" {
            break message;
        }
    };
    assert_eq!(
        answer["payload"]["data"]["liveEvents"]["kind"], "STARTED",
        "{answer}"
    );
}

async fn a_closed_session_ends_its_subscription(backend: Backend) {
    let Fixture {
        app, alpha, lycee, ..
    } = fixture(backend).await;
    let mut helpdesk = follow(&app.address, &alpha.helpdesk, json!({})).await;
    let variables = set_user_disabled::Variables {
        user_id: alpha.helpdesk_id.clone(),
        disabled: true,
    };
    let disabled = app
        .run_ok::<SetUserDisabled>(Some(&alpha.operator), variables)
        .await
        .set_user_disabled;
    assert!(disabled.disabled);
    ticket_on(&app, &alpha.school, &lycee).await;
    let answer = helpdesk.next_payload().await;
    let error = &answer["payload"]["errors"][0];
    assert_eq!(error["extensions"]["code"], "UNAUTHENTICATED", "{answer}");
    // Nothing follows but the end of the subscription.
    match helpdesk.receive().await {
        Received::Message(message) => assert_eq!(message["type"], "complete", "{message}"),
        other => panic!("expected the subscription's end, got {other:?}"),
    }
}

on_both_databases!(
    a_subscription_hears_only_what_its_caller_may_read,
    a_school_administrator_hears_only_the_bases_of_its_establishments,
    a_socket_without_a_valid_token_is_closed,
    subscription_documents_pass_the_guard_and_only_subscriptions_are_served,
    subscriptions_are_limited_per_connection_and_per_user,
    a_closed_session_ends_its_subscription,
);

/// Several processes on one PostgreSQL database (as `replicas`).
mod processes {
    use super::*;

    #[tokio::test]
    async fn an_event_reaches_the_subscribers_of_another_process() {
        if relais_tests::services::postgres::skipped() {
            relais_tests::services::skip("PostgreSQL absent");
            return;
        }
        let Fixture {
            app: first,
            alpha,
            beta,
            lycee,
        } = fixture(Backend::Postgres).await;
        let second =
            crate::replicas::replica(&first.settings.database_url().unwrap(), |_| {}).await;
        let mut helpdesk = follow(&second.address, &alpha.helpdesk, json!({})).await;
        let mut other_tenant = follow(&second.address, &beta.operator, json!({})).await;

        // The change is made through the first process…
        let ticket = ticket_on(&first, &alpha.school, &lycee).await;
        // …and told by the second, to its tenant only.
        let event = next_event(&mut helpdesk).await;
        assert_eq!(event["kind"], "TICKET_CREATED");
        assert_eq!(event["ticketId"], ticket.as_str());
        let (beta_college, _) =
            establishment_with_base(&first, &beta.operator, "0451442H", "Collège Jean Rostand")
                .await;
        let own = ticket_on(&first, &beta.operator, &beta_college).await;
        assert_eq!(
            next_event(&mut other_tenant).await["ticketId"],
            own.as_str()
        );
    }
}
