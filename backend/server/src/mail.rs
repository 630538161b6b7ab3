//! Outgoing e-mail: the trait the mail outbox will send through.
//!
//! Implementations (SMTP through lettre, `.eml` files into
//! `<data_dir>/outbox` for the embedded default) arrive with the helpdesk
//! tickets issue; the outbox job will run in the job runner.

use async_trait::async_trait;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum MailError {
    /// Worth retrying later (server down, timeout, 4xx).
    #[error("envoi temporairement impossible : {0}")]
    Transient(String),
    /// Retrying will not help (address refused, 5xx).
    #[error("envoi refusé : {0}")]
    Permanent(String),
}

/// One message, already rendered. Header values are checked by the
/// implementation (no line breaks).
#[derive(Debug, Clone)]
pub struct OutgoingMail {
    /// Stable across retries, so a message is delivered at most once.
    pub message_id: String,
    pub to: Vec<String>,
    pub reply_to: Option<String>,
    pub subject: String,
    pub text: String,
    pub html: Option<String>,
}

#[async_trait]
pub trait Mailer: Send + Sync {
    async fn send(&self, mail: &OutgoingMail) -> Result<(), MailError>;
}
