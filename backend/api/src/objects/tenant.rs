use async_graphql::{Context, ID, Object};
use chrono::{DateTime, Utc};

/// A regional ENT operator.
pub(crate) struct Tenant(pub relais_store::Tenant);

#[Object]
impl Tenant {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    /// Short name used in addresses, e.g. `netocentre`.
    async fn slug(&self) -> &str {
        self.0.slug.as_str()
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn contact_email(&self) -> &str {
        self.0.contact_email.as_str()
    }
    /// Where helpdesk tickets are sent.
    async fn helpdesk_email(&self) -> &str {
        self.0.helpdesk_email.as_str()
    }
    /// The ENT model recommended settings come from when a base names none
    /// (`setDefaultModel`).
    async fn default_model(
        &self,
        ctx: &Context<'_>,
    ) -> Result<Option<super::EntModelView>, crate::ApiError> {
        use crate::context::ContextExt;
        let Some(row) = ctx.scoped()?.default_models().get(self.0.id.uuid()).await? else {
            return Ok(None);
        };
        Ok(Some(super::EntModelView::new(&row)))
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }
}
