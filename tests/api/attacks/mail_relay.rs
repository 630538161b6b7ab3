//! Relais as a mail relay (issue 13, item 12): the acknowledgement of a
//! ticket, with the requester's title, went to any `contactEmail` typed by
//! the requester. It goes to the requester's own account address now; a
//! typed address is shown to the helpdesk and never written to by Relais.

use super::probe::{Probe, typed_outcome as outcome};
use crate::helpers::*;
use crate::use_cases::{NewEstablishment, NewTicket, TicketCategoryName};
use relais_store::entities::outbox_message;
use sea_orm::EntityTrait;

async fn a_typed_contact_address_is_never_mailed(backend: Backend) {
    let app = spawn_app(backend).await;
    let [alpha, _] = app.two_tenants().await;
    let lycee = app
        .create_establishment(
            &alpha.operator,
            NewEstablishment::lycee("0410017W", "Lycée Augustin Thierry"),
        )
        .await;
    app.grant_establishment(&alpha.operator, &alpha.school_id, &lycee)
        .await;

    let probe = Probe::start(backend, "openTicket with contactEmail victime@example.org");
    let opened = app
        .open_ticket(
            &alpha.school,
            NewTicket::about(
                &lycee,
                TicketCategoryName::OTHER,
                "Gagnez un iPhone : http://arnaque.example",
                "x",
            )
            .contact_email("victime@example.org"),
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
    let opened = opened.unwrap_or_else(|refused| panic!("{refused:?}"));
    // The helpdesk still sees the typed address.
    assert_eq!(opened.contact_email, "victime@example.org");
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
    let answered = app
        .comment_ticket(&alpha.helpdesk, &opened.id, "Réponse")
        .await;
    assert!(answered.is_ok(), "{answered:?}");
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
