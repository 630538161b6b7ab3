use async_graphql::connection::Connection;
use async_graphql::{Context, ID, Object};

use crate::ApiError;
use crate::context::ContextExt;
use crate::objects::{AuditEvent, parse_id};
use crate::pagination::{connection, page_request};

#[derive(Default)]
pub struct AuditQuery;

#[Object]
impl AuditQuery {
    /// The audit log, newest first. Operator and platform administrators only.
    #[graphql(complexity = "first.unwrap_or(50).clamp(1, 100) as usize * child_complexity")]
    async fn audit_events(
        &self,
        ctx: &Context<'_>,
        tenant_id: Option<ID>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, AuditEvent>, ApiError> {
        let tenant = tenant_id.map(|id| parse_id("tenantId", &id)).transpose()?;
        let had_cursor = after.is_some();
        let page = ctx
            .scoped()?
            .audit()
            .list(tenant, page_request(first, after)?)
            .await?;
        Ok(connection(page, had_cursor, |e| e.id, AuditEvent))
    }
}
