//! The ENT's CAS service registry (issue 21): the ENT's attribute names,
//! and the recording of an export.

use std::collections::BTreeMap;

use async_graphql::{Context, ID, InputObject, Object};
use relais_domain::delegation::AttributeName;

use crate::ApiError;
use crate::context::ContextExt;
use crate::objects::CasRegistryView;
use crate::query::cas_registry::{registry_view, tenant_of};
use relais_app::cas_registry_service;

/// An ENT attribute released under another name.
#[derive(InputObject)]
pub struct CasAttributeMappingInput {
    /// The name PRONOTE reads (as in the bases' settings), e.g. `nom`.
    pub name: String,
    /// The ENT's internal name, e.g. `sn`.
    pub source: String,
}

#[derive(Default)]
pub struct CasRegistryMutation;

#[Object]
impl CasRegistryMutation {
    /// Records the registry as it stands as exported to the ENT's CAS
    /// server: later changes of a base show as its diff and diagnostic.
    /// `digest` (from the archive's LISEZMOI.txt) refuses with `CONFLICT`
    /// when the registry changed since it was downloaded. Operator
    /// administrators; audited.
    #[graphql(complexity = "crate::cost::EXPORT + child_complexity")]
    async fn record_cas_registry_export(
        &self,
        ctx: &Context<'_>,
        tenant_id: Option<ID>,
        digest: Option<String>,
    ) -> Result<CasRegistryView, ApiError> {
        ctx.expensive().await?;
        let scoped = ctx.scoped()?;
        let tenant = tenant_of(&scoped, tenant_id.as_ref())?;
        scoped.caller().require_tenant_administrator()?;
        let current = cas_registry_service::record(&scoped, tenant, digest.as_deref()).await?;
        let diff = relais_formats::cas_registry::diff(
            &current.registry.entries,
            &current.registry.entries,
        );
        registry_view(&scoped, &current, &diff).await
    }

    /// Replaces the ENT's internal attribute names that differ from those
    /// PRONOTE reads (the release is then a mapping). An empty list: the
    /// same names. Operator administrators; audited.
    #[graphql(complexity = "crate::cost::EXPORT + child_complexity")]
    async fn set_cas_registry_attribute_mapping(
        &self,
        ctx: &Context<'_>,
        tenant_id: Option<ID>,
        mapping: Vec<CasAttributeMappingInput>,
    ) -> Result<CasRegistryView, ApiError> {
        let scoped = ctx.scoped()?;
        let tenant = tenant_of(&scoped, tenant_id.as_ref())?;
        let mut checked: BTreeMap<String, String> = BTreeMap::new();
        for item in &mapping {
            let name = AttributeName::parse("mapping.name", &item.name)?;
            let source = AttributeName::parse("mapping.source", &item.source)?;
            if checked.contains_key(name.as_str()) {
                return Err(ApiError::validation(
                    "mapping.name",
                    format!("L'attribut « {name} » figure deux fois : indiquez-le une seule fois."),
                ));
            }
            if name != source {
                checked.insert(name.to_string(), source.to_string());
            }
        }
        scoped
            .cas_registry()
            .set_attribute_mapping(tenant, &checked)
            .await?;
        ctx.expensive().await?;
        let (current, diff) = cas_registry_service::with_diff(&scoped, tenant).await?;
        registry_view(&scoped, &current, &diff).await
    }
}
