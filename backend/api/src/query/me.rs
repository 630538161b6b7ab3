use async_graphql::{Context, Object};

use crate::ApiError;
use crate::context::ContextExt;
use crate::objects::User;

#[derive(Default)]
pub struct MeQuery;

#[Object]
impl MeQuery {
    /// The logged-in user, as its access token names it.
    async fn me(&self, ctx: &Context<'_>) -> Result<User, ApiError> {
        let caller = ctx.caller()?;
        let id = caller.user_id.ok_or_else(ApiError::not_logged_in)?;
        Ok(User::caller(id, caller.tenant_id))
    }
}
