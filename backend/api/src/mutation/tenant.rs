use async_graphql::{Context, ID, InputObject, Object};
use relais_domain::{Email, TenantName, TenantSlug};
use relais_store::{NewTenant, TenantPatch};

use crate::ApiError;
use crate::context::ContextExt;
use crate::objects::{Tenant, parse_id};

#[derive(InputObject)]
pub struct CreateTenantInput {
    /// 2 to 40 lower-case letters, digits and hyphens, e.g. `netocentre`.
    pub slug: String,
    pub name: String,
    pub contact_email: String,
    /// Where helpdesk tickets go.
    pub helpdesk_email: String,
}

impl CreateTenantInput {
    pub fn parse(self) -> Result<NewTenant, ApiError> {
        Ok(NewTenant {
            slug: TenantSlug::parse("slug", &self.slug)?,
            name: TenantName::parse("name", &self.name)?,
            contact_email: Email::parse("contactEmail", &self.contact_email)?,
            helpdesk_email: Email::parse("helpdeskEmail", &self.helpdesk_email)?,
        })
    }
}

/// Fields left out keep their value.
#[derive(InputObject)]
pub struct UpdateTenantInput {
    pub name: Option<String>,
    pub contact_email: Option<String>,
    pub helpdesk_email: Option<String>,
}

impl UpdateTenantInput {
    fn parse(self) -> Result<TenantPatch, ApiError> {
        Ok(TenantPatch {
            name: self
                .name
                .map(|v| TenantName::parse("name", &v))
                .transpose()?,
            contact_email: self
                .contact_email
                .map(|v| Email::parse("contactEmail", &v))
                .transpose()?,
            helpdesk_email: self
                .helpdesk_email
                .map(|v| Email::parse("helpdeskEmail", &v))
                .transpose()?,
        })
    }
}

#[derive(Default)]
pub struct TenantMutation;

#[Object]
impl TenantMutation {
    /// Platform administrators only.
    async fn create_tenant(
        &self,
        ctx: &Context<'_>,
        input: CreateTenantInput,
    ) -> Result<Tenant, ApiError> {
        let scoped = ctx.scoped()?;
        let new = input.parse()?;
        Ok(Tenant(scoped.tenants().create(new).await?))
    }

    /// Platform administrators, and operator administrators for their own
    /// operator.
    async fn update_tenant(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: UpdateTenantInput,
    ) -> Result<Tenant, ApiError> {
        let scoped = ctx.scoped()?;
        let id = parse_id("id", &id)?;
        let patch = input.parse()?;
        Ok(Tenant(scoped.tenants().update(id, patch).await?))
    }
}
