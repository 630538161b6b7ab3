use async_graphql::connection::Connection;
use async_graphql::{Context, ID, Object};

use crate::ApiError;
use crate::context::ContextExt;
use crate::objects::{Tenant, parse_id};
use crate::pagination::{connection, page_request};

#[derive(Default)]
pub struct TenantQuery;

#[Object]
impl TenantQuery {
    /// Operators the caller may see: all of them for platform administrators,
    /// their own for everybody else.
    #[graphql(complexity = "first.unwrap_or(50).clamp(1, 100) as usize * child_complexity")]
    async fn tenants(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, Tenant>, ApiError> {
        let had_cursor = after.is_some();
        let page = ctx
            .scoped()?
            .tenants()
            .list(page_request(first, after)?)
            .await?;
        Ok(connection(page, had_cursor, |t| t.id.uuid(), Tenant))
    }

    async fn tenant(&self, ctx: &Context<'_>, id: ID) -> Result<Tenant, ApiError> {
        let id = parse_id("id", &id)?;
        Ok(Tenant(ctx.scoped()?.tenants().get(id).await?))
    }
}
