//! The e-mails of a ticket (BRIEF §7): subject `ENT_Pronote — <UAI> — <title>`,
//! French plain text and HTML, threaded on the ticket's first message. No
//! personal data of pupils: only what the requester wrote, the ticket's
//! reference and link.

use relais_domain::helpdesk::{TicketCategory, TicketStatus};
use relais_store::entities::ticket;
use relais_store::outbox::NewOutboxMessage;

/// Where links point and what Message-IDs end with.
#[derive(Debug, Clone)]
pub struct MailLinks {
    /// e.g. `https://relais.example.fr`.
    pub public_url: String,
}

impl MailLinks {
    pub(crate) fn domain(&self) -> String {
        url::Url::parse(&self.public_url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_owned))
            .unwrap_or_else(|| "relais.localhost".into())
    }

    fn ticket_link(&self, ticket: &ticket::Model) -> String {
        format!(
            "{}/tickets/{}",
            self.public_url.trim_end_matches('/'),
            ticket.id
        )
    }

    /// The thread root: the message sent to the helpdesk at opening.
    fn root_id(&self, ticket: &ticket::Model) -> String {
        format!("<ticket-{}@{}>", ticket.id.simple(), self.domain())
    }
}

fn subject(uai: &str, ticket: &ticket::Model) -> String {
    format!("ENT_Pronote — {uai} — {}", ticket.title)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn html(paragraphs: &[String], link: &str) -> String {
    let body: String = paragraphs
        .iter()
        .map(|p| format!("<p>{}</p>", escape(p).replace('\n', "<br>")))
        .collect();
    format!(
        "<!DOCTYPE html><html lang=\"fr\"><body>{body}<p><a href=\"{}\">Voir la demande dans Relais</a></p></body></html>",
        escape(link)
    )
}

/// One e-mail of a ticket before rendering.
struct Draft {
    kind: &'static str,
    to: String,
    reply_to: Option<String>,
    paragraphs: Vec<String>,
    /// The first message of the thread.
    root: bool,
}

fn message(links: &MailLinks, ticket: &ticket::Model, uai: &str, draft: Draft) -> NewOutboxMessage {
    let Draft {
        kind,
        to,
        reply_to,
        paragraphs,
        root,
    } = draft;
    let link = links.ticket_link(ticket);
    let root_id = links.root_id(ticket);
    let mut text = paragraphs.join("\n\n");
    text.push_str(&format!("\n\nVoir la demande : {link}\n"));
    NewOutboxMessage {
        tenant_id: Some(ticket.tenant_id),
        kind: kind.to_owned(),
        message_id: if root {
            root_id.clone()
        } else {
            relais_store::outbox::new_message_id(&links.domain())
        },
        in_reply_to: (!root).then(|| root_id.clone()),
        references: (!root).then_some(root_id),
        to: vec![to],
        reply_to,
        subject: subject(uai, ticket),
        html_body: Some(html(&paragraphs, &link)),
        text_body: text,
    }
}

fn category_label(ticket: &ticket::Model) -> &'static str {
    TicketCategory::parse("category", &ticket.category)
        .map(TicketCategory::label)
        .unwrap_or("Autre")
}

/// At opening: the ticket to the helpdesk, an acknowledgement to the
/// requester's own account address (`requester`), never to the typed
/// `contact_email`, which is only shown to the helpdesk (issue 13, item 12:
/// the acknowledgement, with the requester's title, made Relais a relay to
/// any address).
pub(crate) fn opened(
    links: &MailLinks,
    ticket: &ticket::Model,
    uai: &str,
    establishment_name: &str,
    helpdesk_email: &str,
    requester: Option<&str>,
) -> Vec<NewOutboxMessage> {
    let reference = format!("Référence : {}", ticket.id);
    let phone = ticket
        .contact_phone
        .as_deref()
        .map(|p| format!(" — {p}"))
        .unwrap_or_default();
    let account = requester.unwrap_or("(compte supprimé)");
    let typed = if requester == Some(ticket.contact_email.as_str()) {
        String::new()
    } else {
        format!(
            "\nAutre adresse indiquée (non vérifiée, Relais n'y écrit pas) : {}",
            ticket.contact_email
        )
    };
    let to_helpdesk = Draft {
        kind: "TICKET_OPENED",
        to: helpdesk_email.to_owned(),
        reply_to: requester.map(str::to_owned),
        paragraphs: vec![
            format!("Nouvelle demande de {establishment_name} ({uai})."),
            format!(
                "Catégorie : {}\nCompte du demandeur : {account}{phone}{typed}",
                category_label(ticket),
            ),
            ticket.description.clone(),
            "Les paramètres de la base et ses diagnostics au moment de la demande sont joints à la demande dans Relais.".into(),
            reference.clone(),
        ],
        root: true,
    };
    let mut messages = vec![message(links, ticket, uai, to_helpdesk)];
    let Some(requester) = requester else {
        return messages;
    };
    let acknowledgement = Draft {
        kind: "TICKET_ACKNOWLEDGED",
        to: requester.to_owned(),
        reply_to: Some(helpdesk_email.to_owned()),
        paragraphs: vec![
            "Bonjour,".into(),
            format!(
                "Votre demande « {} » a bien été transmise à l'assistance. Vous serez informé(e) de son avancement par courriel.",
                ticket.title
            ),
            reference,
        ],
        root: false,
    };
    messages.push(message(links, ticket, uai, acknowledgement));
    messages
}

/// A comment: to the requester when the helpdesk writes, to the helpdesk
/// when the school writes.
pub(crate) fn commented(
    links: &MailLinks,
    ticket: &ticket::Model,
    uai: &str,
    body: &str,
    from_helpdesk: bool,
    helpdesk_email: &str,
    requester: Option<&str>,
) -> Vec<NewOutboxMessage> {
    let (to, reply_to, lead) = if from_helpdesk {
        let Some(requester) = requester else {
            return Vec::new();
        };
        (
            requester.to_owned(),
            Some(helpdesk_email.to_owned()),
            "L'assistance a répondu à votre demande :",
        )
    } else {
        (
            helpdesk_email.to_owned(),
            requester.map(str::to_owned),
            "L'établissement a ajouté un commentaire :",
        )
    };
    let draft = Draft {
        kind: "TICKET_COMMENTED",
        to,
        reply_to,
        paragraphs: vec![lead.into(), body.to_owned()],
        root: false,
    };
    vec![message(links, ticket, uai, draft)]
}

/// A status change, told to the requester.
pub(crate) fn status_changed(
    links: &MailLinks,
    ticket: &ticket::Model,
    uai: &str,
    status: TicketStatus,
    helpdesk_email: &str,
    requester: Option<&str>,
) -> Vec<NewOutboxMessage> {
    let Some(requester) = requester else {
        return Vec::new();
    };
    let draft = Draft {
        kind: "TICKET_STATUS_CHANGED",
        to: requester.to_owned(),
        reply_to: Some(helpdesk_email.to_owned()),
        paragraphs: vec![
            "Bonjour,".into(),
            format!(
                "Votre demande « {} » est maintenant : {}.",
                ticket.title,
                status.label()
            ),
        ],
        root: false,
    };
    vec![message(links, ticket, uai, draft)]
}
