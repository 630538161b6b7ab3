//! Templates of outgoing e-mails: French plain text and HTML rendered by
//! askama (`backend/server/templates/mail/`), the HTML escaped.
//!
//! A message type implements [`MailTemplate`] (its subject and its two
//! bodies) and [`MailTemplate::render`] gives a [`RenderedMail`] ready for
//! the outbox. [`Notification`] is the general one: a greeting, paragraphs,
//! an optional link, the reason the person receives it. Subjects are folded
//! onto one line here, so that a title typed with line breaks still gives a
//! well-formed message.

use askama::Template;
use relais_store::NewOutboxMessage;
use uuid::Uuid;

use super::MailError;

/// A message rendered, before it is addressed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedMail {
    /// One line.
    pub subject: String,
    pub text: String,
    pub html: Option<String>,
}

impl RenderedMail {
    /// The outbox row for this message: add threading or a `Reply-To` on the
    /// result when needed, then `relais_store::outbox::enqueue` it.
    pub fn into_outbox(
        self,
        kind: impl Into<String>,
        tenant_id: Option<Uuid>,
        to: Vec<String>,
        message_id: String,
    ) -> NewOutboxMessage {
        NewOutboxMessage {
            tenant_id,
            kind: kind.into(),
            message_id,
            in_reply_to: None,
            references: None,
            to,
            reply_to: None,
            subject: self.subject,
            text_body: self.text,
            html_body: self.html,
        }
    }
}

/// A kind of e-mail.
pub trait MailTemplate {
    /// The subject; line breaks are folded by [`MailTemplate::render`].
    fn subject(&self) -> String;
    fn text(&self) -> askama::Result<String>;
    /// `None` for a plain-text message.
    fn html(&self) -> askama::Result<Option<String>>;

    fn render(&self) -> Result<RenderedMail, MailError> {
        let failed =
            |err: askama::Error| MailError::Permanent(format!("modèle de message : {err}"));
        Ok(RenderedMail {
            subject: single_line(&self.subject()),
            text: self.text().map_err(failed)?,
            html: self.html().map_err(failed)?,
        })
    }
}

/// `raw` on one line: white space runs (line breaks included) become one
/// space, other control characters go.
pub fn single_line(raw: &str) -> String {
    raw.split_whitespace()
        .map(|word| word.chars().filter(|c| !c.is_control()).collect::<String>())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A link the reader may follow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotificationAction {
    pub label: String,
    /// `http://` or `https://` only.
    pub url: String,
}

/// The general notification: « Bonjour, … » then paragraphs, a link, and
/// why the reader gets it. Used as is for short notices (model update
/// pending, export ready) and as the body of richer messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notification {
    pub subject: String,
    /// Default « Bonjour, ».
    pub greeting: Option<String>,
    /// Plain text; line breaks inside a paragraph are kept.
    pub paragraphs: Vec<String>,
    pub action: Option<NotificationAction>,
    /// E.g. « Vous recevez ce message en tant qu'administrateur de … ».
    pub reason: Option<String>,
}

impl Notification {
    pub fn new(subject: impl Into<String>) -> Self {
        Self {
            subject: subject.into(),
            greeting: None,
            paragraphs: Vec::new(),
            action: None,
            reason: None,
        }
    }

    pub fn greeting(mut self, greeting: impl Into<String>) -> Self {
        self.greeting = Some(greeting.into());
        self
    }

    pub fn paragraph(mut self, paragraph: impl Into<String>) -> Self {
        self.paragraphs.push(paragraph.into());
        self
    }

    pub fn action(mut self, label: impl Into<String>, url: impl Into<String>) -> Self {
        self.action = Some(NotificationAction {
            label: label.into(),
            url: url.into(),
        });
        self
    }

    pub fn reason(mut self, reason: impl Into<String>) -> Self {
        self.reason = Some(reason.into());
        self
    }

    fn view(&self) -> NotificationView<'_> {
        NotificationView {
            subject: single_line(&self.subject),
            greeting: self
                .greeting
                .as_deref()
                .map(single_line)
                .unwrap_or_else(|| "Bonjour,".into()),
            paragraphs: &self.paragraphs,
            // A link that is not http(s) (`javascript:`…) is not offered.
            action: self.action.as_ref().filter(|action| {
                action.url.starts_with("https://") || action.url.starts_with("http://")
            }),
            reason: self.reason.as_deref(),
        }
    }
}

/// What the two notification templates print.
struct NotificationView<'a> {
    subject: String,
    greeting: String,
    paragraphs: &'a [String],
    action: Option<&'a NotificationAction>,
    reason: Option<&'a str>,
}

#[derive(Template)]
#[template(path = "mail/notification.txt")]
struct NotificationText<'a> {
    greeting: &'a str,
    paragraphs: &'a [String],
    action: Option<&'a NotificationAction>,
    reason: Option<&'a str>,
}

#[derive(Template)]
#[template(path = "mail/notification.html")]
struct NotificationHtml<'a> {
    subject: &'a str,
    greeting: &'a str,
    paragraphs: &'a [String],
    action: Option<&'a NotificationAction>,
    reason: Option<&'a str>,
}

impl MailTemplate for Notification {
    fn subject(&self) -> String {
        self.subject.clone()
    }

    fn text(&self) -> askama::Result<String> {
        let view = self.view();
        NotificationText {
            greeting: &view.greeting,
            paragraphs: view.paragraphs,
            action: view.action,
            reason: view.reason,
        }
        .render()
    }

    fn html(&self) -> askama::Result<Option<String>> {
        let view = self.view();
        NotificationHtml {
            subject: &view.subject,
            greeting: &view.greeting,
            paragraphs: view.paragraphs,
            action: view.action,
            reason: view.reason,
        }
        .render()
        .map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notice() -> Notification {
        Notification::new("ENT_Pronote : export prêt\r\nBcc: espion@exemple.fr")
            .paragraph("L'export des identifiants du collège <Jean Moulin> est prêt.")
            .paragraph("Ligne un\nLigne deux")
            .action("Télécharger", "https://relais.exemple.fr/files/1")
            .reason("Vous recevez ce message en tant qu'administrateur de l'opérateur.")
    }

    #[test]
    fn the_subject_is_folded_onto_one_line() {
        let rendered = notice().render().unwrap();
        assert_eq!(
            rendered.subject,
            "ENT_Pronote : export prêt Bcc: espion@exemple.fr"
        );
        assert_eq!(single_line(" a\t b\u{0}c \r\n"), "a bc");
    }

    #[test]
    fn the_text_body_is_plain_and_the_html_body_is_escaped() {
        let rendered = notice().render().unwrap();
        assert!(
            rendered.text.starts_with("Bonjour,\n\n"),
            "{}",
            rendered.text
        );
        assert!(rendered.text.contains("collège <Jean Moulin> est prêt."));
        assert!(
            rendered
                .text
                .contains("Télécharger : https://relais.exemple.fr/files/1")
        );
        assert!(rendered.text.contains("Ligne un\nLigne deux"));
        let html = rendered.html.unwrap();
        assert!(html.contains("&#60;Jean Moulin&#62;") || html.contains("&lt;Jean Moulin&gt;"));
        assert!(!html.contains("<Jean Moulin>"));
        assert!(html.contains("Ligne un<br"), "{html}");
        assert!(
            html.contains("href=\"https://relais.exemple.fr/files/1\""),
            "{html}"
        );
    }

    #[test]
    fn a_link_that_is_not_http_is_left_out() {
        let rendered = Notification::new("Essai")
            .action("Cliquer", "javascript:alert(1)")
            .render()
            .unwrap();
        assert!(!rendered.text.contains("javascript"));
        assert!(!rendered.html.unwrap().contains("javascript"));
    }
}
