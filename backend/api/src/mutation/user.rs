use async_graphql::{Context, ID, InputObject, Object};
use relais_domain::{DisplayName, Email, Password, Role};
use relais_store::NewUser;

use crate::ApiError;
use crate::context::ContextExt;
use crate::objects::{RoleName, User, parse_id};
use relais_app::auth::AuthService;

#[derive(InputObject)]
pub struct CreateUserInput {
    pub email: String,
    pub display_name: String,
    pub role: RoleName,
    /// The user's operator. Operator administrators may leave it empty (their
    /// own); platform administrators must leave it empty only for another
    /// platform administrator.
    pub tenant_id: Option<ID>,
    /// At least 12 characters.
    #[graphql(secret)]
    pub password: String,
}

#[derive(Default)]
pub struct UserMutation;

#[Object]
impl UserMutation {
    /// Creates an account. Operator administrators create accounts in their
    /// operator only, and never platform administrators.
    async fn create_user(
        &self,
        ctx: &Context<'_>,
        input: CreateUserInput,
    ) -> Result<User, ApiError> {
        let scoped = ctx.scoped()?;
        let role: Role = input.role.into();
        if !scoped.caller().role.may_create(role) {
            return Err(ApiError::forbidden());
        }
        let email = Email::parse("email", &input.email)?;
        let display_name = DisplayName::parse("displayName", &input.display_name)?;
        let tenant_id = input
            .tenant_id
            .map(|id| parse_id("tenantId", &id))
            .transpose()?;
        let password = Password::new_checked("password", &input.password)?;
        let auth = ctx
            .data::<AuthService>()
            .map_err(|_| ApiError::internal())?;
        let password_hash = auth.hasher().hash(password.expose().to_owned()).await?;
        let user = scoped
            .users()
            .create(NewUser {
                email,
                display_name,
                role,
                tenant_id,
                password_hash,
            })
            .await?;
        Ok(User::new(user))
    }

    /// Disables an account (`disabled: true`) or enables it again. A
    /// disabled account cannot log in, its sessions are closed and its
    /// access tokens stop working within seconds. Same permissions as
    /// `createUser`; nobody disables their own account.
    async fn set_user_disabled(
        &self,
        ctx: &Context<'_>,
        user_id: ID,
        disabled: bool,
    ) -> Result<User, ApiError> {
        let id = parse_id("userId", &user_id)?;
        let row = ctx.scoped()?.users().set_disabled(id, disabled).await?;
        Ok(User::new(row))
    }

    /// Deletes an account; its access tokens stop working within seconds.
    /// What it did stays in the audit log. Same permissions as
    /// `setUserDisabled`.
    async fn delete_user(&self, ctx: &Context<'_>, user_id: ID) -> Result<bool, ApiError> {
        let id = parse_id("userId", &user_id)?;
        ctx.scoped()?.users().delete(id).await?;
        Ok(true)
    }

    /// E-mails the account a single-use link to choose a new password
    /// (valid `auth.password_reset_minutes`), to its own address, through
    /// the outbox; the password itself is never sent nor shown. Same
    /// permissions as `createUser`. The current password keeps working
    /// until the link is used.
    async fn request_password_reset(
        &self,
        ctx: &Context<'_>,
        user_id: ID,
    ) -> Result<bool, ApiError> {
        let id = parse_id("userId", &user_id)?;
        let auth = ctx
            .data::<AuthService>()
            .map_err(|_| ApiError::internal())?;
        let links = ctx
            .data::<relais_app::MailLinks>()
            .map_err(|_| ApiError::internal())?
            .clone();
        let minutes = auth.settings().password_reset_minutes;
        let (token, hash, expires) = auth.new_reset_token();
        ctx.scoped()?
            .users()
            .request_password_reset(id, hash, expires, |account| {
                relais_app::account_mail::reset_message(&links, account, &token, minutes)
            })
            .await?;
        Ok(true)
    }
}
