//! Outgoing e-mail (issue 6): the `[mail]` configuration, the `Mailer`
//! trait and its two implementations, and the outbox job (the templates are
//! `relais_app::mail`).
//!
//! Nothing sends mail directly. A change that should tell someone writes a
//! message into the outbox (`relais_store::outbox::enqueue`) in its own
//! transaction; the [`OutboxJob`] sends due messages through the configured
//! [`Mailer`]:
//! - [`SmtpMailer`]: lettre over SMTP (STARTTLS, implicit TLS, or plain for
//!   a loopback relay), rustls on ring, optional authentication, timeouts
//!   and a connection pool;
//! - [`FileMailer`], the embedded default: each message becomes
//!   `<data_dir>/outbox/<message-id>.eml`.
//!
//! Both render the same bytes ([`render_message`]); header values are
//! checked there, so no input can add a header.

mod file;
mod message;
pub mod outbox_job;
mod smtp;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use async_trait::async_trait;
use relais_store::OutboxMessage;
use secrecy::SecretString;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::config::Settings;
use crate::error::ServerError;

pub use file::FileMailer;
pub use lettre::message::Mailbox;
pub use message::render_message;
pub use outbox_job::{OutboxJob, OutboxRun, RetryPolicy};
/// The templates live with the messages that use them (`relais_app::mail`).
pub use relais_app::mail::{MailTemplate, Notification, NotificationAction, RenderedMail};
pub use smtp::SmtpMailer;

#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum MailError {
    /// Worth retrying later (server down, timeout, 4xx, authentication).
    #[error("envoi temporairement impossible : {0}")]
    Transient(String),
    /// Retrying will not help (invalid header or address, mailbox refused).
    #[error("envoi refusé : {0}")]
    Permanent(String),
}

/// One message, already rendered. Header values are checked by the
/// implementation (no line breaks).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingMail {
    /// Stable across retries (`<id@domain>`), so that a message sent twice
    /// is recognisable.
    pub message_id: String,
    pub to: Vec<String>,
    pub reply_to: Option<String>,
    /// Threading: the `Message-ID` answered.
    pub in_reply_to: Option<String>,
    /// Threading: the thread's `Message-ID`s, separated by spaces.
    pub references: Option<String>,
    pub subject: String,
    pub text: String,
    pub html: Option<String>,
}

impl OutgoingMail {
    /// The message an outbox row stands for.
    pub fn from_outbox(row: &OutboxMessage) -> Self {
        Self {
            message_id: row.message_id.clone(),
            to: row.to.clone(),
            reply_to: row.reply_to.clone(),
            in_reply_to: row.in_reply_to.clone(),
            references: row.references.clone(),
            subject: row.subject.clone(),
            text: row.text_body.clone(),
            html: row.html_body.clone(),
        }
    }
}

/// Delivers one message. `Ok` means the server (or the directory) took it:
/// only then does the outbox mark it sent.
#[async_trait]
pub trait Mailer: Send + Sync {
    async fn send(&self, mail: &OutgoingMail) -> Result<(), MailError>;
}

/// How messages leave (`file` or `smtp`).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum MailTransport {
    /// `.eml` files in `outbox_dir` (embedded default, nothing is sent).
    File,
    Smtp,
}

/// How the SMTP connection is protected.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum SmtpTls {
    /// Plain connection upgraded with STARTTLS, which is required (port 587).
    Starttls,
    /// TLS from the first byte (port 465).
    Tls,
    /// No encryption: only for a relay on the same machine or in tests.
    None,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MailSettings {
    pub transport: MailTransport,
    /// File transport: default `<data_dir>/outbox`.
    pub outbox_dir: Option<PathBuf>,
    /// The sender, `Name <address>`; its domain also names the Message-IDs.
    pub from: String,
    /// Seconds between two runs of the outbox job.
    pub send_interval_seconds: u64,
    /// Failed attempts after which a message is given up on (`FAILED`).
    pub max_attempts: u32,
    /// Messages claimed per query; a run drains the due messages batch
    /// after batch.
    pub batch_size: u64,
    /// Messages sent at the same time by the job.
    pub concurrency: usize,
    /// First retry delay; doubled at each failure up to `retry_max_seconds`.
    pub retry_base_seconds: u64,
    pub retry_max_seconds: u64,
    /// How long a process keeps the outbox to itself: after a crash, the
    /// others wait this long before they send again (renewed between
    /// batches; no batch is claimed past 40 % of it).
    pub lease_seconds: u64,
    pub smtp: SmtpSettings,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SmtpSettings {
    pub host: String,
    /// Default: 587 with `starttls`, 465 with `tls`, 25 with `none`.
    pub port: Option<u16>,
    pub tls: SmtpTls,
    pub username: Option<String>,
    #[serde(skip_serializing)]
    pub password: Option<SecretString>,
    pub password_file: Option<PathBuf>,
    /// Connection and per-command timeout.
    pub timeout_seconds: u64,
    /// Connections kept open between messages; 0 opens one per message.
    pub pool_max_size: u32,
    pub pool_idle_timeout_seconds: u64,
    /// A PEM file of extra root certificates (an internal CA); the system's
    /// roots are always trusted.
    pub ca_file: Option<PathBuf>,
}

impl Default for MailSettings {
    fn default() -> Self {
        Self {
            transport: MailTransport::File,
            outbox_dir: None,
            from: "Relais <relais@localhost>".into(),
            send_interval_seconds: 10,
            max_attempts: 8,
            batch_size: 100,
            concurrency: 4,
            retry_base_seconds: 30,
            retry_max_seconds: 3600,
            lease_seconds: 300,
            smtp: SmtpSettings::default(),
        }
    }
}

impl Default for SmtpSettings {
    fn default() -> Self {
        Self {
            host: "localhost".into(),
            port: None,
            tls: SmtpTls::Starttls,
            username: None,
            password: None,
            password_file: None,
            timeout_seconds: 30,
            pool_max_size: 4,
            pool_idle_timeout_seconds: 60,
            ca_file: None,
        }
    }
}

impl MailSettings {
    /// The parsed sender.
    pub fn sender(&self) -> Result<Mailbox, ServerError> {
        self.from.parse::<Mailbox>().map_err(|_| {
            ServerError::Config(format!(
                "mail.from : « {} » n'est pas une adresse d'expéditeur valide \
                 (exemple : Relais <relais@exemple.fr>).",
                self.from.escape_debug()
            ))
        })
    }

    /// The domain of the Message-IDs: the sender's.
    pub fn message_id_domain(&self) -> String {
        self.sender()
            .map(|mailbox| mailbox.email.domain().to_owned())
            .unwrap_or_else(|_| "relais.localhost".into())
    }

    /// Where the file transport writes.
    pub fn outbox_dir(&self, data_dir: &Path) -> PathBuf {
        self.outbox_dir
            .clone()
            .unwrap_or_else(|| data_dir.join("outbox"))
    }
}

impl SmtpSettings {
    pub fn port(&self) -> u16 {
        self.port.unwrap_or(match self.tls {
            SmtpTls::Starttls => 587,
            SmtpTls::Tls => 465,
            SmtpTls::None => 25,
        })
    }
}

/// The configured mailer. Needs a tokio runtime (the SMTP pool starts a
/// task).
pub fn build_mailer(settings: &Settings) -> Result<Arc<dyn Mailer>, ServerError> {
    let mail = &settings.mail;
    let from = mail.sender()?;
    Ok(match mail.transport {
        MailTransport::File => {
            let dir = mail.outbox_dir(&settings.data_dir);
            std::fs::create_dir_all(&dir)?;
            Arc::new(FileMailer::new(dir, from))
        }
        MailTransport::Smtp => Arc::new(SmtpMailer::new(&mail.smtp, from)?),
    })
}
