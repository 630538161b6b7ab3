//! From an [`OutgoingMail`] to the bytes put on the wire (or in a `.eml`).
//!
//! Every header value is checked before lettre sees it: no control
//! character at all (CR and LF in the first place), addresses parsed as
//! mailboxes, identifiers shaped `<…@…>`. A value that fails is a
//! [`MailError::Permanent`]: the message is never sent with a header cut in
//! two. lettre then encodes the values (RFC 2047 for non-ASCII subjects and
//! names) through its typed headers.

use lettre::Message;
use lettre::message::{Mailbox, MultiPart, SinglePart};

use super::{MailError, OutgoingMail};

/// The complete message, with `from` as sender, in RFC 5322 form.
pub fn render_message(from: &Mailbox, mail: &OutgoingMail) -> Result<Vec<u8>, MailError> {
    Ok(build(from, mail)?.formatted())
}

/// The lettre message (its envelope holds the SMTP recipients).
pub(super) fn build(from: &Mailbox, mail: &OutgoingMail) -> Result<Message, MailError> {
    let mut builder = Message::builder()
        .from(from.clone())
        .message_id(Some(message_id("Message-ID", &mail.message_id)?))
        .subject(header_text("Subject", &mail.subject)?)
        .date_now();
    if mail.to.is_empty() {
        return Err(MailError::Permanent(
            "le message n'a aucun destinataire".into(),
        ));
    }
    for to in &mail.to {
        builder = builder.to(mailbox("To", to)?);
    }
    if let Some(reply_to) = &mail.reply_to {
        builder = builder.reply_to(mailbox("Reply-To", reply_to)?);
    }
    if let Some(in_reply_to) = &mail.in_reply_to {
        builder = builder.in_reply_to(message_id("In-Reply-To", in_reply_to)?);
    }
    if let Some(references) = &mail.references {
        builder = builder.references(id_list("References", references)?);
    }
    let built = match &mail.html {
        Some(html) => builder.multipart(MultiPart::alternative_plain_html(
            mail.text.clone(),
            html.clone(),
        )),
        None => builder.singlepart(SinglePart::plain(mail.text.clone())),
    };
    built.map_err(|err| MailError::Permanent(format!("message invalide : {err}")))
}

/// A one-line header value: no control character (CR, LF, tab, NUL…).
fn header_text(header: &str, value: &str) -> Result<String, MailError> {
    if value.chars().any(char::is_control) {
        return Err(MailError::Permanent(format!(
            "l'en-tête {header} contient un saut de ligne ou un caractère de contrôle"
        )));
    }
    Ok(value.to_owned())
}

fn mailbox(header: &str, value: &str) -> Result<Mailbox, MailError> {
    header_text(header, value)?.parse::<Mailbox>().map_err(|_| {
        MailError::Permanent(format!(
            "l'en-tête {header} contient une adresse invalide : « {value} »"
        ))
    })
}

fn is_message_id(token: &str) -> bool {
    token.len() > 4
        && token.starts_with('<')
        && token.ends_with('>')
        && token.contains('@')
        && token[1..token.len() - 1]
            .chars()
            .all(|c| c.is_ascii_graphic() && c != '<' && c != '>')
}

fn message_id(header: &str, value: &str) -> Result<String, MailError> {
    let value = header_text(header, value)?;
    if !is_message_id(&value) {
        return Err(MailError::Permanent(format!(
            "l'en-tête {header} doit avoir la forme <identifiant@domaine>"
        )));
    }
    Ok(value)
}

fn id_list(header: &str, value: &str) -> Result<String, MailError> {
    let value = header_text(header, value)?;
    let ids: Vec<&str> = value.split_whitespace().collect();
    if ids.is_empty() || !ids.iter().all(|id| is_message_id(id)) {
        return Err(MailError::Permanent(format!(
            "l'en-tête {header} doit être une liste de <identifiant@domaine>"
        )));
    }
    Ok(ids.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sender() -> Mailbox {
        "Relais <relais@exemple.fr>".parse().unwrap()
    }

    fn mail() -> OutgoingMail {
        OutgoingMail {
            message_id: "<0190abcd@exemple.fr>".into(),
            to: vec!["Assistance <assistance@exemple.fr>".into()],
            reply_to: Some("Jeanne Dupont <jeanne@exemple.fr>".into()),
            in_reply_to: Some("<premier@exemple.fr>".into()),
            references: Some("<premier@exemple.fr> <second@exemple.fr>".into()),
            subject: "ENT_Pronote : échec de l'authentification".into(),
            text: "Bonjour,\nvoici le détail.".into(),
            html: Some("<p>Bonjour,</p>".into()),
        }
    }

    fn headers(raw: &[u8]) -> String {
        let text = String::from_utf8_lossy(raw).into_owned();
        text.split("\r\n\r\n").next().unwrap().to_owned()
    }

    #[test]
    fn the_message_carries_its_identifiers_and_both_bodies() {
        let raw = render_message(&sender(), &mail()).unwrap();
        let head = headers(&raw);
        assert!(head.contains("Message-ID: <0190abcd@exemple.fr>"), "{head}");
        assert!(head.contains("In-Reply-To: <premier@exemple.fr>"), "{head}");
        assert!(
            head.contains("References: <premier@exemple.fr> <second@exemple.fr>"),
            "{head}"
        );
        assert!(head.contains("multipart/alternative"), "{head}");
        let text = String::from_utf8_lossy(&raw);
        assert!(text.contains("text/plain"));
        assert!(text.contains("text/html"));
    }

    #[test]
    fn a_line_break_in_a_subject_or_a_name_is_refused_not_sent() {
        for broken in [
            OutgoingMail {
                subject: "ENT_Pronote\r\nBcc: espion@exemple.fr".into(),
                ..mail()
            },
            OutgoingMail {
                subject: "ENT_Pronote\nX-Injecte: oui".into(),
                ..mail()
            },
            OutgoingMail {
                reply_to: Some("Jeanne\r\nBcc: espion@exemple.fr <jeanne@exemple.fr>".into()),
                ..mail()
            },
            OutgoingMail {
                to: vec!["assistance@exemple.fr\r\nBcc: espion@exemple.fr".into()],
                ..mail()
            },
            OutgoingMail {
                in_reply_to: Some("<a@b>\r\nBcc: espion@exemple.fr".into()),
                ..mail()
            },
            OutgoingMail {
                references: Some("<a@b>\nBcc: espion@exemple.fr".into()),
                ..mail()
            },
        ] {
            assert!(
                matches!(
                    render_message(&sender(), &broken),
                    Err(MailError::Permanent(_))
                ),
                "{broken:?}"
            );
        }
    }

    #[test]
    fn the_subject_prefix_stays_readable_and_no_line_ends_with_a_bare_lf() {
        let raw = render_message(
            &sender(),
            &OutgoingMail {
                text: "un\ndeux\rtrois\r\n".into(),
                html: Some("<p>un</p>\n<p>deux</p>\n".into()),
                ..mail()
            },
        )
        .unwrap();
        let head = headers(&raw);
        assert!(head.contains("\r\nSubject: ENT_Pronote : "), "{head}");
        let bare = raw
            .windows(2)
            .filter(|pair| pair[1] == b'\n' && pair[0] != b'\r')
            .count();
        assert_eq!(bare, 0);
    }

    #[test]
    fn a_message_id_must_be_bracketed() {
        let bare = OutgoingMail {
            message_id: "0190abcd@exemple.fr".into(),
            ..mail()
        };
        assert!(render_message(&sender(), &bare).is_err());
    }

    #[test]
    fn a_name_with_accents_and_quotes_is_encoded_not_broken() {
        let quoted = OutgoingMail {
            reply_to: Some("\"Dupont, Jeanne (CPE)\" <jeanne@exemple.fr>".into()),
            ..mail()
        };
        let raw = render_message(&sender(), &quoted).unwrap();
        let head = headers(&raw);
        assert_eq!(
            head.lines()
                .filter(|line| line.starts_with("Reply-To:"))
                .count(),
            1
        );
    }
}
