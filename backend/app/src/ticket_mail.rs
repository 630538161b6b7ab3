//! The e-mails of a ticket (docs/domain.md §7): subject `ENT_Pronote — <UAI> — <title>`,
//! French plain text and HTML rendered by the templates
//! `templates/mail/ticket_*.{txt,html}`, threaded on the ticket's first
//! message. No personal data of pupils: only what the requester wrote, the
//! ticket's reference and link.

use askama::Template;
use relais_domain::helpdesk::TicketStatus;
use relais_store::Ticket;
use relais_store::outbox::NewOutboxMessage;
use uuid::Uuid;

use crate::mail::{MailLinks, MailTemplate};

/// Gives a kind of ticket e-mail (a struct with at least `uai`, `title` and
/// `link`) its subject and its two bodies, rendered by the templates
/// `$text` and `$html`, which print the struct's fields as `mail.<field>`.
macro_rules! ticket_mail_templates {
    ($mail:ident, $text:tt, $html:tt) => {
        const _: () = {
            #[derive(Template)]
            #[template(path = $text)]
            struct Text<'m, 'a> {
                mail: &'m $mail<'a>,
            }

            #[derive(Template)]
            #[template(path = $html)]
            struct Html<'m, 'a> {
                mail: &'m $mail<'a>,
            }

            impl MailTemplate for $mail<'_> {
                fn subject(&self) -> String {
                    format!("ENT_Pronote — {} — {}", self.uai, self.title)
                }

                fn text(&self) -> askama::Result<String> {
                    Text { mail: self }.render()
                }

                fn html(&self) -> askama::Result<Option<String>> {
                    Html { mail: self }.render().map(Some)
                }
            }
        };
    };
}

/// At opening, to the helpdesk.
struct Opened<'a> {
    uai: &'a str,
    title: &'a str,
    link: &'a str,
    establishment_name: &'a str,
    category: &'static str,
    /// The requester's own account address, or « (compte supprimé) ».
    account: &'a str,
    phone: Option<&'a str>,
    /// The address typed in the form when it is not the account's.
    typed: Option<&'a str>,
    description: &'a str,
    reference: Uuid,
}
ticket_mail_templates!(Opened, "mail/ticket_opened.txt", "mail/ticket_opened.html");

/// At opening, to the requester.
struct Acknowledged<'a> {
    uai: &'a str,
    title: &'a str,
    link: &'a str,
    reference: Uuid,
}
ticket_mail_templates!(
    Acknowledged,
    "mail/ticket_acknowledged.txt",
    "mail/ticket_acknowledged.html"
);

/// A comment, to the other side.
struct Commented<'a> {
    uai: &'a str,
    title: &'a str,
    link: &'a str,
    from_helpdesk: bool,
    body: &'a str,
}
ticket_mail_templates!(
    Commented,
    "mail/ticket_commented.txt",
    "mail/ticket_commented.html"
);

/// A status change, to the requester.
struct StatusChanged<'a> {
    uai: &'a str,
    title: &'a str,
    link: &'a str,
    status: &'static str,
}
ticket_mail_templates!(
    StatusChanged,
    "mail/ticket_status_changed.txt",
    "mail/ticket_status_changed.html"
);

/// Who gets one e-mail of a ticket, and where it sits in the thread.
struct Envelope {
    kind: &'static str,
    to: String,
    reply_to: Option<String>,
    /// The first message of the thread.
    root: bool,
}

fn message(
    links: &MailLinks,
    ticket: &Ticket,
    mail: &impl MailTemplate,
    envelope: Envelope,
) -> NewOutboxMessage {
    let root_id = format!("<ticket-{}@{}>", ticket.id.simple(), links.domain());
    let message_id = if envelope.root {
        root_id.clone()
    } else {
        relais_store::outbox::new_message_id(&links.domain())
    };
    let mut message = mail
        .render_or_notice(&ticket_link(links, ticket))
        .into_outbox(
            envelope.kind,
            Some(ticket.tenant_id),
            vec![envelope.to],
            message_id,
        );
    message.reply_to = envelope.reply_to;
    if !envelope.root {
        message.in_reply_to = Some(root_id.clone());
        message.references = Some(root_id);
    }
    message
}

fn ticket_link(links: &MailLinks, ticket: &Ticket) -> String {
    links.link(&format!("/tickets/{}", ticket.id))
}

/// At opening: the ticket to the helpdesk, an acknowledgement to the
/// requester's own account address (`requester`), never to the typed
/// `contact_email`, which is only shown to the helpdesk (issue 13, item 12:
/// the acknowledgement, with the requester's title, made Relais a relay to
/// any address).
pub fn opened(
    links: &MailLinks,
    ticket: &Ticket,
    uai: &str,
    establishment_name: &str,
    helpdesk_email: &str,
    requester: Option<&str>,
) -> Vec<NewOutboxMessage> {
    let link = ticket_link(links, ticket);
    let to_helpdesk = Opened {
        uai,
        title: &ticket.title,
        link: &link,
        establishment_name,
        category: ticket.category.label(),
        account: requester.unwrap_or("(compte supprimé)"),
        phone: ticket.contact_phone.as_deref(),
        typed: (requester != Some(ticket.contact_email.as_str()))
            .then_some(ticket.contact_email.as_str()),
        description: &ticket.description,
        reference: ticket.id,
    };
    let mut messages = vec![message(
        links,
        ticket,
        &to_helpdesk,
        Envelope {
            kind: "TICKET_OPENED",
            to: helpdesk_email.to_owned(),
            reply_to: requester.map(str::to_owned),
            root: true,
        },
    )];
    let Some(requester) = requester else {
        return messages;
    };
    let acknowledgement = Acknowledged {
        uai,
        title: &ticket.title,
        link: &link,
        reference: ticket.id,
    };
    messages.push(message(
        links,
        ticket,
        &acknowledgement,
        Envelope {
            kind: "TICKET_ACKNOWLEDGED",
            to: requester.to_owned(),
            reply_to: Some(helpdesk_email.to_owned()),
            root: false,
        },
    ));
    messages
}

/// A comment: to the requester when the helpdesk writes, to the helpdesk
/// when the school writes.
pub fn commented(
    links: &MailLinks,
    ticket: &Ticket,
    uai: &str,
    body: &str,
    from_helpdesk: bool,
    helpdesk_email: &str,
    requester: Option<&str>,
) -> Vec<NewOutboxMessage> {
    let (to, reply_to) = if from_helpdesk {
        let Some(requester) = requester else {
            return Vec::new();
        };
        (requester.to_owned(), Some(helpdesk_email.to_owned()))
    } else {
        (helpdesk_email.to_owned(), requester.map(str::to_owned))
    };
    let link = ticket_link(links, ticket);
    let mail = Commented {
        uai,
        title: &ticket.title,
        link: &link,
        from_helpdesk,
        body,
    };
    vec![message(
        links,
        ticket,
        &mail,
        Envelope {
            kind: "TICKET_COMMENTED",
            to,
            reply_to,
            root: false,
        },
    )]
}

/// A status change, told to the requester.
pub fn status_changed(
    links: &MailLinks,
    ticket: &Ticket,
    uai: &str,
    status: TicketStatus,
    helpdesk_email: &str,
    requester: Option<&str>,
) -> Vec<NewOutboxMessage> {
    let Some(requester) = requester else {
        return Vec::new();
    };
    let link = ticket_link(links, ticket);
    let mail = StatusChanged {
        uai,
        title: &ticket.title,
        link: &link,
        status: status.label(),
    };
    vec![message(
        links,
        ticket,
        &mail,
        Envelope {
            kind: "TICKET_STATUS_CHANGED",
            to: requester.to_owned(),
            reply_to: Some(helpdesk_email.to_owned()),
            root: false,
        },
    )]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links() -> MailLinks {
        MailLinks {
            public_url: "https://relais.exemple.fr/".into(),
        }
    }

    fn ticket(title: &str, description: &str) -> Ticket {
        let now = chrono::Utc::now();
        Ticket {
            id: Uuid::parse_str("0190f5c2-8d6e-7a8b-9c0d-1e2f3a4b5c6d").unwrap(),
            tenant_id: Uuid::nil(),
            establishment_id: Uuid::nil(),
            base_id: None,
            category: relais_domain::helpdesk::TicketCategory::CasConfiguration,
            title: title.into(),
            description: description.into(),
            contact_email: "autre@college.test".into(),
            contact_phone: Some("02 38 00 00 00".into()),
            status: TicketStatus::Open,
            assignee_id: None,
            requester_id: None,
            settings_snapshot: None,
            diagnostics_snapshot: serde_json::json!([]),
            created_at: now,
            updated_at: now,
            first_answer_at: None,
        }
    }

    #[test]
    fn the_helpdesk_message_and_the_acknowledgement_say_what_they_always_said() {
        let ticket = ticket(
            "Échec CAS",
            "Les élèves voient\n« Identification impossible ».",
        );
        let messages = opened(
            &links(),
            &ticket,
            "0410017W",
            "Lycée Augustin Thierry",
            "assistance@alpha.test",
            Some("school_admin@alpha.test"),
        );
        let [to_helpdesk, acknowledgement] = messages.as_slice() else {
            panic!("{messages:?}");
        };
        assert_eq!(to_helpdesk.subject, "ENT_Pronote — 0410017W — Échec CAS");
        assert_eq!(
            to_helpdesk.text_body,
            "Nouvelle demande de Lycée Augustin Thierry (0410017W).\n\n\
             Catégorie : Configuration CAS\n\
             Compte du demandeur : school_admin@alpha.test — 02 38 00 00 00\n\
             Autre adresse indiquée (non vérifiée, Relais n'y écrit pas) : autre@college.test\n\n\
             Les élèves voient\n« Identification impossible ».\n\n\
             Les paramètres de la base et ses diagnostics au moment de la demande sont joints à la demande dans Relais.\n\n\
             Référence : 0190f5c2-8d6e-7a8b-9c0d-1e2f3a4b5c6d\n\n\
             Voir la demande : https://relais.exemple.fr/tickets/0190f5c2-8d6e-7a8b-9c0d-1e2f3a4b5c6d\n"
        );
        let html = to_helpdesk.html_body.as_deref().unwrap();
        assert!(
            html.starts_with("<!DOCTYPE html><html lang=\"fr\"><body><p>Nouvelle demande"),
            "{html}"
        );
        assert!(html.contains("Les élèves voient<br"), "{html}");
        assert!(
            html.ends_with("<p><a href=\"https://relais.exemple.fr/tickets/0190f5c2-8d6e-7a8b-9c0d-1e2f3a4b5c6d\">Voir la demande dans Relais</a></p></body></html>"),
            "{html}"
        );
        assert_eq!(
            to_helpdesk.message_id,
            "<ticket-0190f5c28d6e7a8b9c0d1e2f3a4b5c6d@relais.exemple.fr>"
        );
        assert_eq!(
            to_helpdesk.reply_to.as_deref(),
            Some("school_admin@alpha.test")
        );
        assert_eq!(to_helpdesk.in_reply_to, None);

        assert_eq!(acknowledgement.to, ["school_admin@alpha.test"]);
        assert_eq!(
            acknowledgement.text_body,
            "Bonjour,\n\n\
             Votre demande « Échec CAS » a bien été transmise à l'assistance. Vous serez informé(e) de son avancement par courriel.\n\n\
             Référence : 0190f5c2-8d6e-7a8b-9c0d-1e2f3a4b5c6d\n\n\
             Voir la demande : https://relais.exemple.fr/tickets/0190f5c2-8d6e-7a8b-9c0d-1e2f3a4b5c6d\n"
        );
        assert_eq!(
            acknowledgement.in_reply_to.as_deref(),
            Some(to_helpdesk.message_id.as_str())
        );
        assert_eq!(
            acknowledgement.references.as_deref(),
            Some(to_helpdesk.message_id.as_str())
        );
    }

    #[test]
    fn without_a_phone_or_another_address_the_helpdesk_message_says_nothing_of_them() {
        let mut ticket = ticket("Échec CAS", "x");
        ticket.contact_phone = None;
        ticket.contact_email = "school_admin@alpha.test".into();
        let messages = opened(
            &links(),
            &ticket,
            "0410017W",
            "Lycée",
            "assistance@alpha.test",
            Some("school_admin@alpha.test"),
        );
        assert!(
            messages[0]
                .text_body
                .contains("Catégorie : Configuration CAS\nCompte du demandeur : school_admin@alpha.test\n\nx\n\n"),
            "{}",
            messages[0].text_body
        );
    }

    #[test]
    fn comments_and_status_changes_say_what_they_always_said() {
        let ticket = ticket("Échec CAS", "x");
        let answer = commented(
            &links(),
            &ticket,
            "0410017W",
            "Essayez\n?login=true",
            true,
            "assistance@alpha.test",
            Some("school_admin@alpha.test"),
        );
        assert_eq!(
            answer[0].text_body,
            "L'assistance a répondu à votre demande :\n\nEssayez\n?login=true\n\n\
             Voir la demande : https://relais.exemple.fr/tickets/0190f5c2-8d6e-7a8b-9c0d-1e2f3a4b5c6d\n"
        );
        assert_eq!(answer[0].to, ["school_admin@alpha.test"]);
        let school = commented(
            &links(),
            &ticket,
            "0410017W",
            "Merci",
            false,
            "assistance@alpha.test",
            None,
        );
        assert!(
            school[0]
                .text_body
                .starts_with("L'établissement a ajouté un commentaire :\n\nMerci\n\n")
        );
        assert_eq!(school[0].to, ["assistance@alpha.test"]);
        assert!(
            commented(
                &links(),
                &ticket,
                "0410017W",
                "x",
                true,
                "assistance@alpha.test",
                None
            )
            .is_empty()
        );

        let status = status_changed(
            &links(),
            &ticket,
            "0410017W",
            TicketStatus::InProgress,
            "assistance@alpha.test",
            Some("school_admin@alpha.test"),
        );
        assert_eq!(
            status[0].text_body,
            "Bonjour,\n\nVotre demande « Échec CAS » est maintenant : En cours de traitement.\n\n\
             Voir la demande : https://relais.exemple.fr/tickets/0190f5c2-8d6e-7a8b-9c0d-1e2f3a4b5c6d\n"
        );
    }

    #[test]
    fn a_title_with_markup_and_line_breaks_is_escaped_in_html_and_folded_in_the_subject() {
        let ticket = ticket(
            "Échec <script>alert(1)</script>\r\nBcc: espion@pirate.test",
            "<b>gras</b> & co",
        );
        let messages = opened(
            &links(),
            &ticket,
            "0410017W",
            "Lycée <i>",
            "assistance@alpha.test",
            Some("school_admin@alpha.test"),
        );
        for message in &messages {
            assert_eq!(
                message.subject,
                "ENT_Pronote — 0410017W — Échec <script>alert(1)</script> Bcc: espion@pirate.test"
            );
            let html = message.html_body.as_deref().unwrap();
            assert!(
                !html.contains("<script>") && !html.contains("<b>") && !html.contains("<i>"),
                "{html}"
            );
        }
        let html = messages[0].html_body.as_deref().unwrap();
        assert!(
            html.contains("&#60;b&#62;gras&#60;/b&#62; &#38; co"),
            "{html}"
        );
        let html = messages[1].html_body.as_deref().unwrap();
        assert!(
            html.contains("Échec &#60;script&#62;alert(1)&#60;/script&#62;"),
            "{html}"
        );
        // The text part is plain text: what was typed.
        assert!(
            messages[1]
                .text_body
                .contains("« Échec <script>alert(1)</script>\r\nBcc")
        );
    }
}
