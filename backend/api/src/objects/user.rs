use async_graphql::{Context, Enum, ID, Object};
use chrono::{DateTime, Utc};
use relais_domain::{Role, TenantId, UserId};
use tokio::sync::OnceCell;

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

/// A person who logs in to Relais. Its record is read only when a field
/// needs it: `me { id tenant { name } }` is answered from the verified
/// token and the tenant cache, without reading the user.
pub(crate) struct User {
    id: UserId,
    tenant_id: Option<TenantId>,
    record: OnceCell<relais_store::User>,
    /// Set when the tenant is already at hand (login payload).
    tenant: Option<relais_store::Tenant>,
}

impl User {
    pub(crate) fn new(user: relais_store::User) -> Self {
        Self {
            id: user.id,
            tenant_id: user.tenant_id,
            record: OnceCell::new_with(Some(user)),
            tenant: None,
        }
    }

    /// A user whose tenant is already loaded.
    pub(crate) fn with_tenant(
        user: relais_store::User,
        tenant: Option<relais_store::Tenant>,
    ) -> Self {
        Self {
            tenant: tenant.filter(|t| Some(t.id) == user.tenant_id),
            ..Self::new(user)
        }
    }

    /// The caller itself, known from its token.
    pub(crate) fn caller(id: UserId, tenant_id: Option<TenantId>) -> Self {
        Self {
            id,
            tenant_id,
            record: OnceCell::new(),
            tenant: None,
        }
    }

    async fn record(&self, ctx: &Context<'_>) -> Result<&relais_store::User, ApiError> {
        self.record
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
        Ok(self.record(ctx).await?.email.as_str())
    }
    async fn display_name(&self, ctx: &Context<'_>) -> Result<&str, ApiError> {
        Ok(&self.record(ctx).await?.display_name)
    }
    async fn role(&self, ctx: &Context<'_>) -> Result<RoleName, ApiError> {
        Ok(self.record(ctx).await?.role.into())
    }
    /// French label of the role, as the console shows it.
    async fn role_label(&self, ctx: &Context<'_>) -> Result<&'static str, ApiError> {
        Ok(self.record(ctx).await?.role.label())
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
        Ok(self.record(ctx).await?.disabled)
    }
    async fn created_at(&self, ctx: &Context<'_>) -> Result<DateTime<Utc>, ApiError> {
        Ok(self.record(ctx).await?.created_at)
    }
    async fn last_login_at(&self, ctx: &Context<'_>) -> Result<Option<DateTime<Utc>>, ApiError> {
        Ok(self.record(ctx).await?.last_login_at)
    }
}
