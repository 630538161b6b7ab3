//! Relais as a mail relay (issue 13, item 12): the acknowledgement of a
//! ticket, with the requester's title, went to any `contactEmail` typed by
//! the requester. It goes to the requester's own account address now; a
//! typed address is shown to the helpdesk and never written to by Relais.

use relais_store::entities::outbox_message;
use sea_orm::EntityTrait;
use serde_json::json;

use super::probe::{Probe, outcome};
use crate::helpers::*;

async fn a_typed_contact_address_is_never_mailed(backend: Backend) {
    let app = spawn_app(backend).await;
    let [alpha, _] = app.two_tenants().await;
    let created = app
        .graphql(
            Some(&alpha.operator),
            "mutation { createEstablishment(input: { uai: \"0410017W\", name: \"Lycée Augustin Thierry\", kind: LYCEE }) { id } }",
            json!({}),
        )
        .await;
    let lycee = created["data"]["createEstablishment"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{created}"))
        .to_owned();
    let granted = app
        .graphql(
            Some(&alpha.operator),
            "mutation($u: ID!, $e: ID!) { grantEstablishment(userId: $u, establishmentId: $e) }",
            json!({ "u": alpha.school_id, "e": lycee }),
        )
        .await;
    assert!(granted["errors"].is_null(), "{granted}");

    let probe = Probe::start(backend, "openTicket with contactEmail victime@example.org");
    let opened = app
        .graphql(
            Some(&alpha.school),
            "mutation($i: OpenTicketInput!) { openTicket(input: $i) { id contactEmail } }",
            json!({ "i": { "establishmentId": lycee, "category": "OTHER",
                           "title": "Gagnez un iPhone : http://arnaque.example",
                           "description": "x", "contactEmail": "victime@example.org" } }),
        )
        .await;
    let messages = outbox_message::Entity::find()
        .all(app.store.connection())
        .await
        .unwrap();
    let to_victim = messages
        .iter()
        .filter(|m| m.to_addresses.contains("victime@example.org"))
        .count();
    probe.report(&format!(
        "{}, {} message(s), {to_victim} to the typed address",
        outcome(&opened),
        messages.len()
    ));
    assert!(opened["errors"].is_null(), "{opened}");
    // The helpdesk still sees the typed address.
    assert_eq!(
        opened["data"]["openTicket"]["contactEmail"],
        "victime@example.org"
    );
    assert_eq!(to_victim, 0, "{messages:?}");
    let acknowledgement = messages
        .iter()
        .find(|m| m.kind == "TICKET_ACKNOWLEDGED")
        .unwrap_or_else(|| panic!("{messages:?}"));
    assert!(
        acknowledgement
            .to_addresses
            .contains("school_admin@alpha.test")
    );
    let to_helpdesk = messages.iter().find(|m| m.kind == "TICKET_OPENED").unwrap();
    assert!(to_helpdesk.text_body.contains("victime@example.org"));
    assert!(
        !to_helpdesk
            .reply_to
            .as_deref()
            .unwrap_or("")
            .contains("victime@example.org")
    );

    // The helpdesk's answer and a status change: to the account address.
    let id = opened["data"]["openTicket"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let answered = app
        .graphql(
            Some(&alpha.helpdesk),
            "mutation($t: ID!) { commentTicket(ticketId: $t, body: \"Réponse\") { id } }",
            json!({ "t": id }),
        )
        .await;
    assert!(answered["errors"].is_null(), "{answered}");
    let messages = outbox_message::Entity::find()
        .all(app.store.connection())
        .await
        .unwrap();
    assert!(
        messages
            .iter()
            .all(|m| !m.to_addresses.contains("victime@example.org")),
        "{messages:?}"
    );
}

on_both_databases!(a_typed_contact_address_is_never_mailed);
