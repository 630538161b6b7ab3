use async_graphql::connection::Connection;
use async_graphql::{Context, Enum, ID, Object, SimpleObject};
use chrono::{DateTime, Utc};
use relais_store::outbox::{OutboxFilter, OutboxMessage};

use crate::ApiError;
use crate::context::ContextExt;
use crate::objects::{FindingView, parse_id};
use crate::pagination::{connection, page_request};

#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(remote = "relais_store::outbox::OutboxStatus")]
pub(crate) enum OutboxStatusName {
    Pending,
    Sent,
    Failed,
}

/// An e-mail of the outbox: where it stands, and why it failed.
#[derive(SimpleObject)]
pub(crate) struct OutboxMessageView {
    pub id: ID,
    /// `TICKET_OPENED`, `TICKET_COMMENTED`…
    pub kind: String,
    pub message_id: String,
    pub to: Vec<String>,
    pub subject: String,
    pub status: OutboxStatusName,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub next_attempt_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl From<OutboxMessage> for OutboxMessageView {
    fn from(row: OutboxMessage) -> Self {
        Self {
            id: ID(row.id.to_string()),
            kind: row.kind,
            message_id: row.message_id,
            to: row.to,
            subject: row.subject,
            status: row.status.into(),
            attempts: row.attempts,
            last_error: row.last_error,
            next_attempt_at: row.next_attempt_at,
            sent_at: row.sent_at,
            created_at: row.created_at,
        }
    }
}

#[derive(Default)]
pub struct OutboxQuery;

#[Object]
impl OutboxQuery {
    /// `MAIL_DELIVERY_FAILED` when e-mails were given up on (too many failed
    /// attempts, or refused by the mail server): `outboxMessages(status:
    /// FAILED)` lists them with their last error.
    #[graphql(complexity = "crate::cost::WHOLE_TENANT_READ + child_complexity")]
    async fn mail_findings(
        &self,
        ctx: &Context<'_>,
        tenant_id: Option<ID>,
    ) -> Result<Vec<FindingView>, ApiError> {
        let tenant = tenant_id.map(|id| parse_id("tenantId", &id)).transpose()?;
        let failed = ctx.scoped()?.outbox().failures_count(tenant).await?;
        if failed == 0 {
            return Ok(Vec::new());
        }
        Ok(vec![
            relais_domain::delegation::Finding {
                code: "MAIL_DELIVERY_FAILED",
                severity: relais_domain::delegation::Severity::Error,
                message: format!(
                    "{failed} courriel(s) n'ont pas pu être envoyés malgré plusieurs tentatives : vérifiez la configuration du serveur de messagerie ([mail]) et l'adresse des destinataires."
                ),
            }
            .into(),
        ])
    }

    /// The operator's outgoing e-mails, newest first (helpdesk and
    /// administrators): failures show their last error.
    #[graphql(complexity = "crate::cost::page(first, 50, 100, child_complexity)")]
    async fn outbox_messages(
        &self,
        ctx: &Context<'_>,
        tenant_id: Option<ID>,
        status: Option<OutboxStatusName>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, OutboxMessageView>, ApiError> {
        let filter = OutboxFilter {
            tenant: tenant_id.map(|id| parse_id("tenantId", &id)).transpose()?,
            status: status.map(Into::into),
        };
        let had_cursor = after.is_some();
        let page = ctx
            .scoped()?
            .outbox()
            .list(filter, page_request(first, after)?)
            .await?;
        Ok(connection(page, had_cursor, |m| m.id, Into::into))
    }
}
