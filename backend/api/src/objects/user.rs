use async_graphql::{Context, Enum, ID, Object};
use chrono::{DateTime, Utc};
use relais_domain::Role;
use relais_store::entities::{tenant, user};
use tokio::sync::OnceCell;
use uuid::Uuid;

use super::Tenant;
use crate::ApiError;
use crate::context::ContextExt;

/// The role of a user.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(name = "Role")]
pub(crate) enum RoleName {
    /// Hosts the service: every tenant.
    PlatformAdmin,
    /// Administers a regional ENT operator.
    OperatorAdmin,
    /// Helpdesk agent: reads the whole tenant, works tickets.
    Helpdesk,
    /// Administers the establishments granted to them.
    SchoolAdmin,
}

impl From<Role> for RoleName {
    fn from(role: Role) -> Self {
        match role {
            Role::PlatformAdmin => RoleName::PlatformAdmin,
            Role::OperatorAdmin => RoleName::OperatorAdmin,
            Role::Helpdesk => RoleName::Helpdesk,
            Role::SchoolAdmin => RoleName::SchoolAdmin,
        }
    }
}

impl From<RoleName> for Role {
    fn from(role: RoleName) -> Self {
        match role {
            RoleName::PlatformAdmin => Role::PlatformAdmin,
            RoleName::OperatorAdmin => Role::OperatorAdmin,
            RoleName::Helpdesk => Role::Helpdesk,
            RoleName::SchoolAdmin => Role::SchoolAdmin,
        }
    }
}

/// A person who logs in to Relais. Its row is read only when a field needs
/// it: `me { id tenant { name } }` is answered from the verified token and
/// the tenant cache, without reading the user.
pub(crate) struct User {
    id: Uuid,
    tenant_id: Option<Uuid>,
    row: OnceCell<user::Model>,
    /// Set when the tenant is already at hand (login payload).
    tenant: Option<tenant::Model>,
}

impl User {
    pub(crate) fn new(row: user::Model) -> Self {
        Self {
            id: row.id,
            tenant_id: row.tenant_id,
            row: OnceCell::new_with(Some(row)),
            tenant: None,
        }
    }

    /// A user whose tenant row is already loaded.
    pub(crate) fn with_tenant(row: user::Model, tenant: Option<tenant::Model>) -> Self {
        Self {
            tenant: tenant.filter(|t| Some(t.id) == row.tenant_id),
            ..Self::new(row)
        }
    }

    /// The caller itself, known from its token.
    pub(crate) fn caller(id: Uuid, tenant_id: Option<Uuid>) -> Self {
        Self {
            id,
            tenant_id,
            row: OnceCell::new(),
            tenant: None,
        }
    }

    async fn row(&self, ctx: &Context<'_>) -> Result<&user::Model, ApiError> {
        self.row
            .get_or_try_init(|| async { Ok(ctx.scoped()?.users().get(self.id).await?) })
            .await
    }
}

#[Object]
impl User {
    async fn id(&self) -> ID {
        ID(self.id.to_string())
    }
    async fn email(&self, ctx: &Context<'_>) -> Result<&str, ApiError> {
        Ok(&self.row(ctx).await?.email)
    }
    async fn display_name(&self, ctx: &Context<'_>) -> Result<&str, ApiError> {
        Ok(&self.row(ctx).await?.display_name)
    }
    async fn role(&self, ctx: &Context<'_>) -> Result<RoleName, ApiError> {
        Ok(self.parsed_role(ctx).await?.into())
    }
    /// French label of the role, as the console shows it.
    async fn role_label(&self, ctx: &Context<'_>) -> Result<&'static str, ApiError> {
        Ok(self.parsed_role(ctx).await?.label())
    }
    /// The user's operator; empty for platform administrators.
    async fn tenant(&self, ctx: &Context<'_>) -> Result<Option<Tenant>, ApiError> {
        let Some(id) = self.tenant_id else {
            return Ok(None);
        };
        if let Some(tenant) = &self.tenant {
            return Ok(Some(Tenant(tenant.clone())));
        }
        let tenant = ctx
            .tenant_loader()?
            .load_one(id)
            .await
            .map_err(|_| ApiError::internal())?;
        Ok(tenant.map(Tenant))
    }
    async fn disabled(&self, ctx: &Context<'_>) -> Result<bool, ApiError> {
        Ok(self.row(ctx).await?.disabled)
    }
    async fn created_at(&self, ctx: &Context<'_>) -> Result<DateTime<Utc>, ApiError> {
        Ok(self.row(ctx).await?.created_at)
    }
    async fn last_login_at(&self, ctx: &Context<'_>) -> Result<Option<DateTime<Utc>>, ApiError> {
        Ok(self.row(ctx).await?.last_login_at)
    }
}

impl User {
    async fn parsed_role(&self, ctx: &Context<'_>) -> Result<Role, ApiError> {
        self.row(ctx)
            .await?
            .role
            .parse()
            .map_err(|_| ApiError::internal())
    }
}
