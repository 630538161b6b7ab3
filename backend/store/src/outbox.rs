//! The mail outbox (issue 6): outgoing e-mails written in the transaction
//! that makes them true, sent later by the server's outbox job.
//!
//! - [`enqueue`] writes a message on any connection: a repository calls it
//!   with its own transaction, so that a ticket and its e-mail are committed
//!   together or not at all.
//! - [`OutboxQueue`] (`Store::outbox()`, unscoped) is the job's side: due
//!   messages, then sent, retried later or given up on.
//! - [`OutboxRepo`] (`Scoped::outbox()`) is the console's side: a tenant's
//!   messages with their status and last error.
//!
//! A message keeps the `Message-ID` chosen at enqueue time: when the process
//! dies between the server's acceptance and `mark_sent`, the next run sends
//! it again and the copy is recognisable by that header.

use chrono::{DateTime, Utc};
use relais_domain::DomainError;
use sea_orm::ExprTrait;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use uuid::Uuid;

use crate::caller::TenantFilter;
use crate::entities::outbox_message;
use crate::page::{Order, fetch_page};
use crate::write_transaction::BeginWrite;
use crate::{AuditAction, AuditEntry, Caller, Page, PageRequest, Result, StoreError};

pub(crate) mod record;
pub use record::OutboxMessage;

/// Where a message stands. The names are stable: they are part of the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OutboxStatus {
    /// Waiting for its (next) attempt.
    Pending,
    /// Accepted by the mail server.
    Sent,
    /// Given up on: too many failed attempts, or refused for good.
    Failed,
}

impl OutboxStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            OutboxStatus::Pending => "PENDING",
            OutboxStatus::Sent => "SENT",
            OutboxStatus::Failed => "FAILED",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "PENDING" => Some(OutboxStatus::Pending),
            "SENT" => Some(OutboxStatus::Sent),
            "FAILED" => Some(OutboxStatus::Failed),
            _ => None,
        }
    }
}

/// A message to enqueue, already rendered (see the server's mail templates).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOutboxMessage {
    pub tenant_id: Option<Uuid>,
    /// What the message is about, e.g. `TICKET_OPENED`.
    pub kind: String,
    /// The `Message-ID`, angle brackets included: [`new_message_id`].
    pub message_id: String,
    /// Threading: the `Message-ID` this message answers.
    pub in_reply_to: Option<String>,
    /// Threading: the `Message-ID`s of the thread, separated by spaces.
    pub references: Option<String>,
    /// Addresses (`a@b.fr` or `Nom <a@b.fr>`), at least one.
    pub to: Vec<String>,
    pub reply_to: Option<String>,
    pub subject: String,
    pub text_body: String,
    pub html_body: Option<String>,
}

/// A fresh `Message-ID`: `<uuid-v7@domain>`. Take the domain of the sender
/// address (the server's `MailSettings::message_id_domain`).
pub fn new_message_id(domain: &str) -> String {
    format!("<{}@{}>", Uuid::now_v7().simple(), domain)
}

/// Longest error text kept on a message.
const MAX_ERROR_CHARS: usize = 1000;

/// Writes `message` as `PENDING`, due at once, on `conn`: pass the
/// transaction of the change the message tells about.
///
/// Header fields with a line break are refused here already (the mailer
/// refuses them again when it sends): one cannot inject a header through
/// the outbox.
#[tracing::instrument(skip_all, err(level = "info"), fields(kind = %message.kind))]
pub async fn enqueue<C: ConnectionTrait>(
    conn: &C,
    message: NewOutboxMessage,
) -> Result<OutboxMessage> {
    validate(&message)?;
    let now = Utc::now();
    let to_addresses = serde_json::to_string(&message.to).map_err(|err| {
        DomainError::validation("to", format!("destinataires illisibles : {err}"))
    })?;
    outbox_message::ActiveModel {
        id: Set(Uuid::now_v7()),
        tenant_id: Set(message.tenant_id),
        kind: Set(message.kind),
        message_id: Set(message.message_id),
        in_reply_to: Set(message.in_reply_to),
        references: Set(message.references),
        to_addresses: Set(to_addresses),
        reply_to: Set(message.reply_to),
        subject: Set(message.subject),
        text_body: Set(message.text_body),
        html_body: Set(message.html_body),
        status: Set(OutboxStatus::Pending.as_str().to_owned()),
        attempts: Set(0),
        next_attempt_at: Set(now),
        last_error: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
    }
    .insert(conn)
    .await
    .map_err(|err| {
        StoreError::unique(
            err,
            "messageId",
            "Un message portant ce Message-ID est déjà dans la file d'envoi.",
        )
    })?
    .try_into()
}

fn validate(message: &NewOutboxMessage) -> Result<(), DomainError> {
    if message.kind.trim().is_empty() || message.kind.len() > 64 {
        return Err(DomainError::validation(
            "kind",
            "Le type de message est obligatoire (64 caractères au plus).",
        ));
    }
    let id = message.message_id.as_str();
    let well_formed = id.len() <= 255
        && id.starts_with('<')
        && id.ends_with('>')
        && id.contains('@')
        && !id.chars().any(|c| c.is_whitespace() || c.is_control());
    if !well_formed {
        return Err(DomainError::validation(
            "messageId",
            "Le Message-ID doit avoir la forme <identifiant@domaine>.",
        ));
    }
    if message.to.is_empty() {
        return Err(DomainError::validation(
            "to",
            "Le message doit avoir au moins un destinataire.",
        ));
    }
    let headers = message
        .to
        .iter()
        .map(|to| ("to", to.as_str()))
        .chain([("subject", message.subject.as_str())])
        .chain(message.reply_to.as_deref().map(|v| ("replyTo", v)))
        .chain(message.in_reply_to.as_deref().map(|v| ("inReplyTo", v)))
        .chain(message.references.as_deref().map(|v| ("references", v)));
    for (field, value) in headers {
        if value.chars().any(char::is_control) {
            return Err(DomainError::validation(
                field,
                "Un en-tête de message ne peut pas contenir de saut de ligne ni de caractère \
                 de contrôle.",
            ));
        }
    }
    Ok(())
}

fn truncated(error: &str) -> String {
    match error.char_indices().nth(MAX_ERROR_CHARS) {
        Some((end, _)) => format!("{}…", &error[..end]),
        None => error.to_owned(),
    }
}

/// The outbox job's side: unscoped, reached through `Store::outbox()`.
/// One process works on it at a time (the job holds a lease).
pub struct OutboxQueue<'a> {
    db: &'a DatabaseConnection,
}

impl<'a> OutboxQueue<'a> {
    pub(crate) fn new(db: &'a DatabaseConnection) -> Self {
        Self { db }
    }

    /// Up to `limit` pending messages due at `now`, the longest waiting
    /// first. A message that does not read (`StoreError::Corrupt`) is
    /// given up on at once, its error kept as its last error: it cannot be
    /// sent, and it must not hold up the others.
    #[tracing::instrument(skip_all, err)]
    pub async fn claim_due(&self, now: DateTime<Utc>, limit: u64) -> Result<Vec<OutboxMessage>> {
        let rows = outbox_message::Entity::find()
            .filter(outbox_message::Column::Status.eq(OutboxStatus::Pending.as_str()))
            .filter(outbox_message::Column::NextAttemptAt.lte(now))
            .order_by_asc(outbox_message::Column::NextAttemptAt)
            .order_by_asc(outbox_message::Column::Id)
            .limit(limit)
            .all(self.db)
            .await?;
        let mut due = Vec::with_capacity(rows.len());
        for row in rows {
            let id = row.id;
            match OutboxMessage::try_from(row) {
                Ok(message) => due.push(message),
                Err(error) => {
                    tracing::error!(%error, message = %id, "unreadable outbox message given up on");
                    self.mark_poisoned(id, &error.to_string()).await?;
                }
            }
        }
        Ok(due)
    }

    /// One message, whatever its tenant.
    pub async fn find(&self, id: Uuid) -> Result<OutboxMessage> {
        outbox_message::Entity::find_by_id(id)
            .one(self.db)
            .await?
            .ok_or(StoreError::NotFound)?
            .try_into()
    }

    /// The mail server accepted the message. `false` when it was not
    /// pending any more (nothing changed).
    #[tracing::instrument(skip_all, err, fields(id = %id))]
    pub async fn mark_sent(&self, id: Uuid, at: DateTime<Utc>) -> Result<bool> {
        let updated = outbox_message::Entity::update_many()
            .col_expr(
                outbox_message::Column::Status,
                Expr::value(OutboxStatus::Sent.as_str()),
            )
            .col_expr(outbox_message::Column::SentAt, Expr::value(Some(at)))
            .filter(outbox_message::Column::Id.eq(id))
            .filter(outbox_message::Column::Status.eq(OutboxStatus::Pending.as_str()))
            .exec(self.db)
            .await?
            .rows_affected;
        Ok(updated == 1)
    }

    /// An attempt failed and another one is due at `next_attempt_at`.
    #[tracing::instrument(skip_all, err, fields(id = %id))]
    pub async fn mark_failed_attempt(
        &self,
        id: Uuid,
        error: &str,
        next_attempt_at: DateTime<Utc>,
    ) -> Result<bool> {
        let updated = outbox_message::Entity::update_many()
            .col_expr(
                outbox_message::Column::Attempts,
                Expr::col(outbox_message::Column::Attempts).add(1),
            )
            .col_expr(
                outbox_message::Column::LastError,
                Expr::value(Some(truncated(error))),
            )
            .col_expr(
                outbox_message::Column::NextAttemptAt,
                Expr::value(next_attempt_at),
            )
            .filter(outbox_message::Column::Id.eq(id))
            .filter(outbox_message::Column::Status.eq(OutboxStatus::Pending.as_str()))
            .exec(self.db)
            .await?
            .rows_affected;
        Ok(updated == 1)
    }

    /// The last attempt failed and there will be no other (too many
    /// attempts, or a refusal for good): the message turns `FAILED`.
    #[tracing::instrument(skip_all, err, fields(id = %id))]
    pub async fn mark_poisoned(&self, id: Uuid, error: &str) -> Result<bool> {
        let updated = outbox_message::Entity::update_many()
            .col_expr(
                outbox_message::Column::Attempts,
                Expr::col(outbox_message::Column::Attempts).add(1),
            )
            .col_expr(
                outbox_message::Column::LastError,
                Expr::value(Some(truncated(error))),
            )
            .col_expr(
                outbox_message::Column::Status,
                Expr::value(OutboxStatus::Failed.as_str()),
            )
            .filter(outbox_message::Column::Id.eq(id))
            .filter(outbox_message::Column::Status.eq(OutboxStatus::Pending.as_str()))
            .exec(self.db)
            .await?
            .rows_affected;
        Ok(updated == 1)
    }

    /// Puts a `FAILED` message back in the queue, due at once, its attempts
    /// counted afresh (once the cause is fixed: SMTP settings, address).
    /// `false` when it was not `FAILED`.
    #[tracing::instrument(skip_all, err, fields(id = %id))]
    pub async fn retry(&self, id: Uuid) -> Result<bool> {
        let updated = outbox_message::Entity::update_many()
            .col_expr(
                outbox_message::Column::Status,
                Expr::value(OutboxStatus::Pending.as_str()),
            )
            .col_expr(outbox_message::Column::Attempts, Expr::value(0))
            .col_expr(
                outbox_message::Column::NextAttemptAt,
                Expr::value(Utc::now()),
            )
            .filter(outbox_message::Column::Id.eq(id))
            .filter(outbox_message::Column::Status.eq(OutboxStatus::Failed.as_str()))
            .exec(self.db)
            .await?
            .rows_affected;
        Ok(updated == 1)
    }

    /// Messages in `status`, all tenants (metrics, benchmark).
    pub async fn count(&self, status: OutboxStatus) -> Result<u64> {
        Ok(outbox_message::Entity::find()
            .filter(outbox_message::Column::Status.eq(status.as_str()))
            .count(self.db)
            .await?)
    }

    /// When the longest-waiting due message fell due (`None`: nothing is
    /// due): how far the sending job lags (metrics).
    pub async fn oldest_due(&self, now: DateTime<Utc>) -> Result<Option<DateTime<Utc>>> {
        Ok(outbox_message::Entity::find()
            .filter(outbox_message::Column::Status.eq(OutboxStatus::Pending.as_str()))
            .filter(outbox_message::Column::NextAttemptAt.lte(now))
            .order_by_asc(outbox_message::Column::NextAttemptAt)
            .one(self.db)
            .await?
            .map(|row| row.next_attempt_at))
    }
}

/// Narrows a list of outbox messages.
#[derive(Debug, Clone, Copy, Default)]
pub struct OutboxFilter {
    /// A platform administrator's choice of tenant; others see their own.
    pub tenant: Option<Uuid>,
    pub status: Option<OutboxStatus>,
}

/// The console's side: the messages of the caller's tenant. Platform and
/// operator administrators and the helpdesk read them; school
/// administrators are refused. Platform-wide messages (no tenant) are seen
/// by platform administrators only.
pub struct OutboxRepo<'a> {
    db: &'a DatabaseConnection,
    caller: &'a Caller,
}

impl<'a> OutboxRepo<'a> {
    pub(crate) fn new(db: &'a DatabaseConnection, caller: &'a Caller) -> Self {
        Self { db, caller }
    }

    fn scoped_query(
        &self,
        tenant: Option<Uuid>,
    ) -> Result<sea_orm::Select<outbox_message::Entity>> {
        if !self.caller.role.sees_whole_tenant() {
            return Err(StoreError::Forbidden);
        }
        let query = outbox_message::Entity::find();
        Ok(match self.caller.tenant_filter() {
            TenantFilter::All => match tenant {
                Some(tenant) => query.filter(outbox_message::Column::TenantId.eq(tenant)),
                None => query,
            },
            TenantFilter::Only(own) => {
                if tenant.is_some_and(|t| t != own) {
                    return Err(StoreError::NotFound);
                }
                query.filter(outbox_message::Column::TenantId.eq(own))
            }
            TenantFilter::Nothing => return Err(StoreError::NotFound),
        })
    }

    /// Newest first.
    #[tracing::instrument(skip_all, err(level = "info"))]
    pub async fn list(
        &self,
        filter: OutboxFilter,
        page: PageRequest,
    ) -> Result<Page<OutboxMessage>> {
        let mut query = self.scoped_query(filter.tenant)?;
        if let Some(status) = filter.status {
            query = query.filter(outbox_message::Column::Status.eq(status.as_str()));
        }
        fetch_page(
            self.db,
            query,
            outbox_message::Column::Id,
            Order::NewestFirst,
            page,
        )
        .await?
        .try_map(OutboxMessage::try_from)
    }

    /// One message of the caller's tenant.
    #[tracing::instrument(skip_all, err(level = "info"), fields(id = %id))]
    pub async fn get(&self, id: Uuid) -> Result<OutboxMessage> {
        self.scoped_query(None)?
            .filter(outbox_message::Column::Id.eq(id))
            .one(self.db)
            .await?
            .ok_or(StoreError::NotFound)?
            .try_into()
    }

    /// « Renvoyer »: puts a `FAILED` message of the caller's tenant back in
    /// the queue, due at once, its attempts counted afresh and its last
    /// error kept until the next attempt (once the cause is fixed: SMTP
    /// settings, address). Operator and platform administrators; audited in
    /// the same transaction. A message that is not `FAILED` (sent, or
    /// already back in the queue) is a conflict and nothing changes.
    #[tracing::instrument(skip_all, err(level = "info"), fields(id = %id))]
    pub async fn requeue(&self, id: Uuid) -> Result<OutboxMessage> {
        let current = self.get(id).await?;
        self.caller.require_tenant_administrator()?;
        if current.status != OutboxStatus::Failed {
            return Err(StoreError::Conflict {
                field: "id",
                message: "Seul un courriel en échec peut être renvoyé : celui-ci est déjà envoyé ou encore en file d'attente.".to_owned(),
            });
        }
        let txn = self.db.begin_write().await?;
        let updated = outbox_message::Entity::update_many()
            .col_expr(
                outbox_message::Column::Status,
                Expr::value(OutboxStatus::Pending.as_str()),
            )
            .col_expr(outbox_message::Column::Attempts, Expr::value(0))
            .col_expr(
                outbox_message::Column::NextAttemptAt,
                Expr::value(Utc::now()),
            )
            .filter(outbox_message::Column::Id.eq(id))
            .filter(outbox_message::Column::Status.eq(OutboxStatus::Failed.as_str()))
            .exec(&txn)
            .await?
            .rows_affected;
        if updated != 1 {
            // Requeued by someone else between the read and the write.
            return Err(StoreError::Conflict {
                field: "id",
                message: "Ce courriel vient d'être remis en file d'attente par une autre personne."
                    .to_owned(),
            });
        }
        AuditEntry::by(
            self.caller,
            AuditAction::OutboxMessageRequeued,
            "OUTBOX_MESSAGE",
        )
        .tenant(current.tenant_id)
        .target(id)
        .summary(format!(
            "Courriel « {} » remis en file d'attente après {} tentative(s) en échec.",
            current.subject, current.attempts
        ))
        .write(&txn)
        .await?;
        txn.commit().await?;
        self.get(id).await
    }

    /// Messages given up on (`FAILED`): what the console flags.
    #[tracing::instrument(skip_all, err(level = "info"))]
    pub async fn failures_count(&self, tenant: Option<Uuid>) -> Result<u64> {
        Ok(self
            .scoped_query(tenant)?
            .filter(outbox_message::Column::Status.eq(OutboxStatus::Failed.as_str()))
            .count(self.db)
            .await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message() -> NewOutboxMessage {
        NewOutboxMessage {
            tenant_id: None,
            kind: "NOTIFICATION".into(),
            message_id: new_message_id("relais.test"),
            in_reply_to: None,
            references: None,
            to: vec!["assistance@exemple.fr".into()],
            reply_to: None,
            subject: "ENT_Pronote : essai".into(),
            text_body: "Bonjour,\r\nligne deux".into(),
            html_body: None,
        }
    }

    #[test]
    fn a_well_formed_message_passes_and_bodies_may_hold_line_breaks() {
        assert!(validate(&message()).is_ok());
    }

    #[test]
    fn a_line_break_in_any_header_field_is_refused() {
        let mut subject = message();
        subject.subject = "Titre\r\nBcc: espion@exemple.fr".into();
        assert!(validate(&subject).is_err());
        let mut reply_to = message();
        reply_to.reply_to = Some("Jean\nDupont <jean@exemple.fr>".into());
        assert!(validate(&reply_to).is_err());
        let mut to = message();
        to.to = vec!["a@exemple.fr\r\nX-Injecte: oui".into()];
        assert!(validate(&to).is_err());
        let mut id = message();
        id.message_id = "<a@b>\r\nX: y".into();
        assert!(validate(&id).is_err());
    }

    #[test]
    fn a_message_needs_a_recipient_and_a_bracketed_message_id() {
        let mut nobody = message();
        nobody.to.clear();
        assert!(validate(&nobody).is_err());
        let mut bare = message();
        bare.message_id = "abc@relais".into();
        assert!(validate(&bare).is_err());
    }

    #[test]
    fn long_errors_are_cut() {
        let long = "é".repeat(MAX_ERROR_CHARS + 10);
        assert_eq!(truncated(&long).chars().count(), MAX_ERROR_CHARS + 1);
        assert_eq!(truncated("court"), "court");
    }
}
