use async_graphql::{Context, Object, SimpleObject};
use relais_domain::Password;

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
        Ok(User::caller(id.into(), caller.tenant_id.map(Into::into)))
    }

    /// The rules a new password follows, in French, for the forms that set
    /// one (`createUser`, `changePassword`, `resetPassword`). Public.
    async fn password_rules(&self) -> PasswordRules {
        PasswordRules {
            min_length: Password::MIN_CHARS,
            max_length: Password::MAX_CHARS,
            rules: vec![
                format!("Au moins {} caractères.", Password::MIN_CHARS),
                format!("Au plus {} caractères.", Password::MAX_CHARS),
                "Pas uniquement des espaces.".to_owned(),
                "Différent du mot de passe actuel.".to_owned(),
                "Une phrase de plusieurs mots est plus facile à retenir et plus sûre qu'un mot compliqué.".to_owned(),
            ],
        }
    }
}

/// What a new password must be.
#[derive(SimpleObject)]
pub struct PasswordRules {
    /// In characters.
    pub min_length: usize,
    pub max_length: usize,
    /// The rules, one sentence each, in French.
    pub rules: Vec<String>,
}
