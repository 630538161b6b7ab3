//! E-mails as people read them: every message Relais sends is rendered by
//! askama templates (`backend/app/templates/mail/`), French plain text and
//! HTML, the HTML escaped by askama and by nothing else.
//!
//! A kind of message implements [`MailTemplate`] (its subject and its two
//! bodies); [`MailTemplate::render`] gives a [`RenderedMail`] ready for the
//! outbox, its subject folded onto one line so that a title typed with line
//! breaks still gives a well-formed message. [`Notification`] is the
//! general message; the ticket e-mails (`ticket_mail`) and the password
//! reset (`account_mail`) have their own templates.

mod notification;

use relais_domain::formatting::single_line;
use relais_store::NewOutboxMessage;
use uuid::Uuid;

pub use notification::{Notification, NotificationAction};

/// Where links point and what Message-IDs end with.
#[derive(Debug, Clone)]
pub struct MailLinks {
    /// e.g. `https://relais.example.fr`.
    pub public_url: String,
}

impl MailLinks {
    /// The host of the public URL (`relais.localhost` when it has none).
    pub fn domain(&self) -> String {
        url::Url::parse(&self.public_url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_owned))
            .unwrap_or_else(|| "relais.localhost".into())
    }

    /// `path` (starting with `/`) under the public URL.
    pub fn link(&self, path: &str) -> String {
        format!("{}{path}", self.public_url.trim_end_matches('/'))
    }
}

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

    fn render(&self) -> askama::Result<RenderedMail> {
        Ok(RenderedMail {
            subject: single_line(&self.subject()),
            text: self.text()?,
            html: self.html()?,
        })
    }

    /// [`MailTemplate::render`] where the caller cannot fail (a message
    /// built inside a store transaction): the templates print strings only,
    /// so rendering cannot fail in practice; if it ever did, the message
    /// says so in plain text with `fallback_link` and the error is logged.
    fn render_or_notice(&self, fallback_link: &str) -> RenderedMail {
        self.render().unwrap_or_else(|err| {
            tracing::error!(error = %err, "e-mail: rendu du modèle impossible");
            RenderedMail {
                subject: single_line(&self.subject()),
                text: format!(
                    "Ce message de Relais n'a pas pu être mis en forme. Consultez Relais : {fallback_link}\n"
                ),
                html: None,
            }
        })
    }
}
