use async_graphql::connection::Connection;
use async_graphql::{Context, ID, InputObject, Object};
use chrono::{DateTime, Utc};
use relais_domain::Email;
use relais_store::{AuditAction, AuditFilter};

use crate::ApiError;
use crate::context::ContextExt;
use crate::objects::{AuditActionView, AuditEvent, AuditTargetType, parse_id};
use crate::pagination::{connection, page_request};

/// Narrows the audit log (« Journal d'audit »); the fields combine.
#[derive(InputObject, Default)]
pub struct AuditFilterInput {
    /// The person who acted, by account.
    pub actor_user_id: Option<ID>,
    /// The person who acted, by e-mail address (also finds what a deleted
    /// account did).
    pub actor_email: Option<String>,
    /// An action's stable name (`auditActions` lists them).
    pub action: Option<String>,
    /// The kind of object acted on.
    pub target_type: Option<AuditTargetType>,
    /// The object acted on (with `targetType`).
    pub target_id: Option<ID>,
    /// Entries written at or after this instant.
    pub since: Option<DateTime<Utc>>,
    /// Entries written before this instant.
    pub until: Option<DateTime<Utc>>,
}

impl AuditFilterInput {
    fn parse(self) -> Result<AuditFilter, ApiError> {
        let actor_user_id = self
            .actor_user_id
            .map(|id| parse_id("filter.actorUserId", &id))
            .transpose()?;
        let actor_email = self
            .actor_email
            .filter(|e| !e.trim().is_empty())
            .map(|e| Email::parse("filter.actorEmail", &e))
            .transpose()?
            .map(|e| e.as_str().to_owned());
        let action = self
            .action
            .filter(|a| !a.is_empty())
            .map(|a| {
                AuditAction::from_name(&a).ok_or_else(|| {
                    ApiError::validation(
                        "filter.action",
                        "Action inconnue : choisissez-en une de la liste du journal.",
                    )
                })
            })
            .transpose()?;
        let target_id = self.target_id.map(|id| id.0.trim().to_owned());
        if target_id
            .as_ref()
            .is_some_and(|id| id.is_empty() || id.len() > 64)
        {
            return Err(ApiError::validation(
                "filter.targetId",
                "Identifiant d'objet invalide : copiez-le depuis une entrée du journal.",
            ));
        }
        if target_id.is_some() && self.target_type.is_none() {
            return Err(ApiError::validation(
                "filter.targetType",
                "Précisez le type d'objet de l'identifiant cherché.",
            ));
        }
        if let (Some(since), Some(until)) = (self.since, self.until)
            && since >= until
        {
            return Err(ApiError::validation(
                "filter.until",
                "La fin de la période doit suivre son début.",
            ));
        }
        Ok(AuditFilter {
            actor_user_id,
            actor_email,
            action,
            target_type: self.target_type.map(|t| t.as_str().to_owned()),
            target_id,
            since: self.since,
            until: self.until,
        })
    }
}

#[derive(Default)]
pub struct AuditQuery;

#[Object]
impl AuditQuery {
    /// The audit log, newest first, narrowed by `filter`. Operator and
    /// platform administrators only. A constant number of SQL statements
    /// per page (the page, then the bases its objects belong to).
    #[graphql(complexity = "first.unwrap_or(50).clamp(1, 100) as usize * child_complexity")]
    async fn audit_events(
        &self,
        ctx: &Context<'_>,
        tenant_id: Option<ID>,
        filter: Option<AuditFilterInput>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, AuditEvent>, ApiError> {
        let tenant = tenant_id.map(|id| parse_id("tenantId", &id)).transpose()?;
        let filter = filter.unwrap_or_default().parse()?;
        let had_cursor = after.is_some();
        let scoped = ctx.scoped()?;
        let audit = scoped.audit();
        let page = audit
            .list(tenant, filter, page_request(first, after)?)
            .await?;
        let bases = audit.bases_of(&page.items).await?;
        Ok(connection(
            page,
            had_cursor,
            |e| e.id,
            |row| AuditEvent {
                base_id: bases.get(&row.id).copied(),
                row,
            },
        ))
    }

    /// Every action the audit log records, with its French label.
    async fn audit_actions(&self) -> Vec<AuditActionView> {
        AuditAction::ALL
            .into_iter()
            .map(AuditActionView::from)
            .collect()
    }
}
