//! The ENT's CAS service registry of a tenant (issue 21).

use async_graphql::{Context, ID, Object};

use crate::ApiError;
use crate::context::ContextExt;
use crate::objects::{
    AttributeMappingView, CasRegistryView, RegistryDiffView, ServiceEntryView, parse_id,
};
use relais_app::cas_registry_service::{self, TenantRegistry};
use relais_formats::cas_registry::{RegistryDiff, ServiceEntry};
use relais_store::Scoped;

#[derive(Default)]
pub struct CasRegistryQuery;

#[Object]
impl CasRegistryQuery {
    /// The CAS service registry of the tenant's bases as their settings
    /// give it now, the registry last exported and the diff between them
    /// (services added, removed, changed field by field; the Apereo files
    /// to add, replace, delete). Operator administrators and helpdesk
    /// agents; `tenantId` for a platform administrator.
    #[graphql(complexity = "crate::cost::EXPORT + child_complexity")]
    async fn cas_registry(
        &self,
        ctx: &Context<'_>,
        tenant_id: Option<ID>,
    ) -> Result<CasRegistryView, ApiError> {
        ctx.expensive().await?;
        let scoped = ctx.scoped()?;
        let tenant = tenant_of(&scoped, tenant_id.as_ref())?;
        let (current, diff) = cas_registry_service::with_diff(&scoped, tenant).await?;
        registry_view(&scoped, &current, &diff).await
    }
}

/// The tenant an argument names, through the repository's rule.
pub(crate) fn tenant_of(scoped: &Scoped<'_>, id: Option<&ID>) -> Result<uuid::Uuid, ApiError> {
    let named = id.map(|id| parse_id("tenantId", id)).transpose()?;
    Ok(scoped.cas_registry().tenant(named)?)
}

/// The view of a registry and its diff.
pub(crate) async fn registry_view(
    scoped: &Scoped<'_>,
    current: &TenantRegistry,
    diff: &RegistryDiff,
) -> Result<CasRegistryView, ApiError> {
    let repo = scoped.cas_registry();
    let settings = repo.settings(current.tenant).await?;
    let with_base = |entry: &ServiceEntry| {
        let mut view = ServiceEntryView::from(entry);
        view.base_id = current.base_of.get(&entry.id).map(|id| ID(id.to_string()));
        view
    };
    let mut diff_view = RegistryDiffView::from(diff);
    diff_view.added = diff.added.iter().map(with_base).collect();
    Ok(CasRegistryView {
        tenant_id: ID(current.tenant.to_string()),
        services: current.registry.entries.iter().map(with_base).collect(),
        report: current.registry.report.iter().map(Into::into).collect(),
        digest: current.digest(),
        exported_at: settings.as_ref().and_then(|row| row.exported_at),
        exported_by: settings.as_ref().and_then(|row| row.exported_by.clone()),
        exported_services: settings
            .as_ref()
            .map_or(0, |row| i32::try_from(row.services).unwrap_or(i32::MAX)),
        diff: diff_view,
        attribute_mapping: settings
            .map(|row| row.attribute_mapping)
            .unwrap_or_default()
            .into_iter()
            .map(|(name, source)| AttributeMappingView { name, source })
            .collect(),
    })
}
