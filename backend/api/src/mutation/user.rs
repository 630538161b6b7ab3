use async_graphql::{Context, ID, InputObject, Object};
use relais_domain::{DisplayName, Email, Password, Role};
use relais_store::NewUser;

use crate::ApiError;
use crate::auth::AuthService;
use crate::context::ContextExt;
use crate::objects::{RoleName, User, parse_id};

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
}
