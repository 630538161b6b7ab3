use async_graphql::SimpleObject;

use super::User;
use relais_app::auth::Session;

/// Tokens given at login and at each refresh.
#[derive(SimpleObject)]
pub(crate) struct AuthPayload {
    /// Send as `Authorization: Bearer <accessToken>`.
    access_token: String,
    /// Always `Bearer`.
    token_type: &'static str,
    /// Seconds until the access token expires.
    expires_in: i64,
    /// Single use: exchange it with `refreshSession` for new tokens.
    refresh_token: String,
    user: User,
}

impl From<Session> for AuthPayload {
    fn from(session: Session) -> Self {
        Self {
            access_token: session.access_token,
            token_type: "Bearer",
            expires_in: session.expires_in,
            refresh_token: session.refresh_token,
            user: User::with_tenant(session.user, session.tenant),
        }
    }
}
