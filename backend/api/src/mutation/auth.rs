use async_graphql::{Context, Object};

use crate::ApiError;
use crate::context::ContextExt;
use crate::objects::AuthPayload;
use relais_app::auth::AuthService;

#[derive(Default)]
pub struct AuthMutation;

fn auth_service<'a>(ctx: &Context<'a>) -> Result<&'a AuthService, ApiError> {
    ctx.data::<AuthService>().map_err(|_| ApiError::internal())
}

#[Object]
impl AuthMutation {
    /// Opens a session. Attempts are limited per account and per address.
    #[graphql(complexity = "crate::cost::PASSWORD_HASH + child_complexity")]
    async fn login(
        &self,
        ctx: &Context<'_>,
        email: String,
        #[graphql(secret)] password: String,
    ) -> Result<AuthPayload, ApiError> {
        let client = ctx.request()?.client_address;
        let session = auth_service(ctx)?.login(&email, password, client).await?;
        Ok(session.into())
    }

    /// Exchanges a refresh token (single use) for new tokens.
    async fn refresh_session(
        &self,
        ctx: &Context<'_>,
        #[graphql(secret)] refresh_token: String,
    ) -> Result<AuthPayload, ApiError> {
        Ok(auth_service(ctx)?.refresh(&refresh_token).await?.into())
    }

    /// Closes the session the refresh token belongs to. Answers `true` when a
    /// session was closed.
    async fn logout(
        &self,
        ctx: &Context<'_>,
        #[graphql(secret)] refresh_token: String,
    ) -> Result<bool, ApiError> {
        Ok(auth_service(ctx)?.logout(&refresh_token).await?)
    }

    /// Changes the caller's own password. The current one is required; the
    /// new one follows `passwordRules`. Every other session of the account
    /// is closed (other devices must log in again); the answer holds this
    /// device's new tokens.
    #[graphql(complexity = "2 * crate::cost::PASSWORD_HASH + child_complexity")]
    async fn change_password(
        &self,
        ctx: &Context<'_>,
        #[graphql(secret)] current_password: String,
        #[graphql(secret)] new_password: String,
    ) -> Result<AuthPayload, ApiError> {
        let caller = ctx.caller()?;
        let session = auth_service(ctx)?
            .change_password(caller, current_password, new_password)
            .await?;
        Ok(session.into())
    }

    /// Sets a new password with the token of a reset link (e-mailed by
    /// `requestPasswordReset` or `relais admin reset-password`). The link
    /// serves once; every session of the account is closed.
    #[graphql(complexity = "crate::cost::PASSWORD_HASH")]
    async fn reset_password(
        &self,
        ctx: &Context<'_>,
        #[graphql(secret)] token: String,
        #[graphql(secret)] new_password: String,
    ) -> Result<bool, ApiError> {
        auth_service(ctx)?
            .reset_password(&token, new_password)
            .await?;
        Ok(true)
    }
}
