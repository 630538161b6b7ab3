use async_graphql::connection::Connection;
use async_graphql::{Context, ID, Object};

use crate::ApiError;
use crate::context::ContextExt;
use crate::objects::{Establishment, User, parse_id};
use crate::pagination::{connection, page_request};

#[derive(Default)]
pub struct UserQuery;

#[Object]
impl UserQuery {
    /// Users the caller may see; `tenantId` narrows a platform
    /// administrator's list.
    #[graphql(complexity = "first.unwrap_or(50).clamp(1, 100) as usize * child_complexity")]
    async fn users(
        &self,
        ctx: &Context<'_>,
        tenant_id: Option<ID>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, User>, ApiError> {
        let tenant = tenant_id.map(|id| parse_id("tenantId", &id)).transpose()?;
        let had_cursor = after.is_some();
        let page = ctx
            .scoped()?
            .users()
            .list(tenant, page_request(first, after)?)
            .await?;
        Ok(connection(page, had_cursor, |u| u.id.uuid(), User::new))
    }

    async fn user(&self, ctx: &Context<'_>, id: ID) -> Result<User, ApiError> {
        let id = parse_id("id", &id)?;
        Ok(User::new(ctx.scoped()?.users().get(id).await?))
    }

    /// The establishments granted to a school administrator, by UAI.
    /// Operator administrators of the user's tenant and platform
    /// administrators only.
    async fn granted_establishments(
        &self,
        ctx: &Context<'_>,
        user_id: ID,
    ) -> Result<Vec<Establishment>, ApiError> {
        let id = parse_id("userId", &user_id)?;
        let rows = ctx.scoped()?.grants().establishments_of(id).await?;
        Ok(rows.into_iter().map(Establishment).collect())
    }

    /// The school administrators an establishment is granted to, by
    /// e-mail. Operator administrators of its tenant and platform
    /// administrators only.
    async fn establishment_administrators(
        &self,
        ctx: &Context<'_>,
        establishment_id: ID,
    ) -> Result<Vec<User>, ApiError> {
        let id = parse_id("establishmentId", &establishment_id)?;
        let rows = ctx.scoped()?.grants().administrators_of(id).await?;
        Ok(rows.into_iter().map(User::new).collect())
    }
}
