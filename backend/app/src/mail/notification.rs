//! The general notification: « Bonjour, … », paragraphs, a link, and why
//! the reader receives it (`templates/mail/notification.{txt,html}`).

use askama::Template;
use relais_domain::formatting::single_line;

use super::MailTemplate;

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
