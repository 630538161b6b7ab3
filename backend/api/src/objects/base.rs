use async_graphql::{Context, ID, Object};
use chrono::{DateTime, Utc};
use relais_domain::delegation::{
    DiagnosticContext, Finding, cas_service, diagnose, direct_access_url, service_url,
};
use relais_store::Base;

use super::delegation::{DelegationSettingsView, FindingView};
use super::delegation_enums::{HostingName, PublicationName};
use super::{BaseModelStatus, EntModelView, Establishment, PendingModelUpdate, Tenant};
use crate::ApiError;
use crate::context::ContextExt;
use relais_app::diagnostics::diagnostic_context;
use relais_app::model_service::drift_of;

/// A PRONOTE base (one per school year), serving one establishment or the
/// establishments of a cité scolaire.
pub(crate) struct PronoteBase(pub Base);

impl PronoteBase {
    async fn members(
        &self,
        ctx: &Context<'_>,
    ) -> Result<Vec<relais_store::Establishment>, ApiError> {
        Ok(ctx
            .members_loader()?
            .load_one(self.0.id)
            .await
            .map_err(|_| ApiError::internal())?
            .unwrap_or_default())
    }

    async fn latest_cas_check(
        &self,
        ctx: &Context<'_>,
    ) -> Result<Option<relais_store::CasCheck>, ApiError> {
        ctx.cas_check_loader()?
            .load_one(self.0.id)
            .await
            .map_err(|_| ApiError::internal())
    }

    async fn registry_state(
        &self,
        ctx: &Context<'_>,
    ) -> Result<relais_app::cas_registry_service::BaseRegistryState, ApiError> {
        Ok(ctx
            .cas_registry_loader()?
            .load_one((self.0.tenant_id.uuid(), self.0.id.uuid()))
            .await
            .map_err(|_| ApiError::internal())?
            .unwrap_or_default())
    }

    /// The findings of the base's settings in their context.
    pub(crate) async fn findings(&self, ctx: &Context<'_>) -> Result<Vec<Finding>, ApiError> {
        let members = self.members(ctx).await?;
        Ok(diagnose(
            &self.0.settings,
            &self.diagnostic_context(&members),
        ))
    }

    pub(crate) fn diagnostic_context(
        &self,
        members: &[relais_store::Establishment],
    ) -> DiagnosticContext {
        diagnostic_context(&self.0, members)
    }
}

#[Object]
impl PronoteBase {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    /// The UAI exports are keyed by: the main establishment's.
    async fn group_uai(&self) -> &str {
        self.0.group_uai.as_str()
    }
    async fn hosting(&self) -> HostingName {
        self.0.fields.hosting.into()
    }
    async fn hosting_label(&self) -> &'static str {
        self.0.fields.hosting.label()
    }
    /// PRONOTE release (year).
    async fn pronote_version(&self) -> Option<i32> {
        self.0.fields.pronote_version.map(|v| i32::from(v.year()))
    }
    /// `2026-2027`.
    async fn school_year(&self) -> String {
        self.0.fields.school_year.to_string()
    }
    /// PRONOTE.net public URL, e.g. `https://0410017w.index-education.net/pronote`.
    async fn public_url(&self) -> Option<&str> {
        self.0.fields.public_url.as_ref().map(|u| u.as_str())
    }
    /// Address of the PRONOTE server for the client (self-hosted bases).
    async fn server_address(&self) -> Option<&str> {
        self.0.fields.server_address.as_ref().map(|a| a.as_str())
    }
    async fn publication(&self) -> PublicationName {
        self.0.publication.into()
    }
    /// The ENT has distributed its credentials to the users.
    async fn ent_credentials_distributed(&self) -> bool {
        self.0.fields.ent_credentials_distributed
    }
    /// Send it back with changes: a stale version is a `CONFLICT`.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// « URL à communiquer au socle ENT »: the public URL followed by `**`.
    async fn service_url(&self) -> Option<String> {
        self.0.fields.public_url.as_ref().map(service_url)
    }
    /// Direct access with PRONOTE credentials (`?login=true`).
    async fn direct_access_url(&self) -> Option<String> {
        self.0.fields.public_url.as_ref().map(direct_access_url)
    }
    /// `<CAS login URL>?service=<public URL>/`.
    async fn cas_authentication_link(&self) -> Option<String> {
        self.0
            .settings
            .cas_urls
            .as_ref()
            .zip(self.0.fields.public_url.as_ref())
            .map(|(cas, public)| cas.authentication_link(&cas_service(public)))
    }
    /// `<CAS validation URL>?TARGET=<public URL>/`.
    async fn cas_validation_link(&self) -> Option<String> {
        self.0
            .settings
            .cas_urls
            .as_ref()
            .zip(self.0.fields.public_url.as_ref())
            .map(|(cas, public)| cas.validation_link(&cas_service(public)))
    }
    async fn settings(&self) -> DelegationSettingsView {
        DelegationSettingsView(self.0.settings.clone())
    }
    /// What is wrong or risky, in a stable order (docs/diagnostics.md).
    async fn diagnostics(&self, ctx: &Context<'_>) -> Result<Vec<FindingView>, ApiError> {
        let mut findings = self.findings(ctx).await?;
        if let Some(check) = self.latest_cas_check(ctx).await? {
            findings.extend(super::check_findings(&check, &self.0.settings)?);
        }
        if ctx.scoped()?.caller().role.sees_whole_tenant() {
            let members = self.members(ctx).await?;
            let state = self.registry_state(ctx).await?;
            if let Some(outdated) =
                relais_app::cas_registry_service::outdated_finding(&state, &self.0, &members)?
            {
                findings.push(outdated);
            }
        }
        Ok(findings.into_iter().map(Into::into).collect())
    }
    /// The base's service in the ENT's CAS registry (issue 21): the entry
    /// its settings give now, or why it has none; the entry last exported
    /// and what changed since.
    async fn cas_registry(
        &self,
        ctx: &Context<'_>,
    ) -> Result<super::BaseCasRegistryView, ApiError> {
        let members = self.members(ctx).await?;
        let state = self.registry_state(ctx).await?;
        let (entry, report) =
            relais_app::cas_registry_service::base_entry(&state, &self.0, &members)?;
        let (exported, status) =
            relais_app::cas_registry_service::base_status(&state, entry.as_ref())?;
        let mut view = super::BaseCasRegistryView::new(entry, &report, exported, status);
        if let Some(entry) = view.entry.as_mut() {
            entry.base_id = Some(ID(self.0.id.to_string()));
        }
        Ok(view)
    }
    /// The latest « Tester l'authentification » (`testCasSettings`).
    async fn cas_check(&self, ctx: &Context<'_>) -> Result<Option<super::CasCheckView>, ApiError> {
        self.latest_cas_check(ctx)
            .await?
            .map(|row| super::CasCheckView::new(row, &self.0.settings))
            .transpose()
    }
    /// The establishments served, by UAI.
    async fn establishments(&self, ctx: &Context<'_>) -> Result<Vec<Establishment>, ApiError> {
        Ok(self
            .members(ctx)
            .await?
            .into_iter()
            .map(Establishment)
            .collect())
    }
    /// The model the settings came from, its pending update and the drift.
    async fn model(&self, ctx: &Context<'_>) -> Result<Option<BaseModelStatus>, ApiError> {
        let scoped = ctx.scoped()?;
        let id = self.0.id.uuid();
        let (applied, mut pending) = scoped.models().status_of_bases(&[id]).await?;
        let Some(applied) = applied.get(&id) else {
            return Ok(None);
        };
        let row = scoped.models().model(applied.model_id).await?;
        let applied_values = scoped.models().revision(row.id, applied.revision).await?;
        let drift = drift_of(&self.0, &applied_values);
        let pending_update = pending.remove(&id).map(|p| PendingModelUpdate {
            from_revision: p.from_revision,
            to_revision: p.to_revision,
            withdrawn: p.to_revision.is_none(),
            changes: p.changes.into_iter().map(Into::into).collect(),
            since: p.created_at,
        });
        Ok(Some(BaseModelStatus {
            model: EntModelView::new(&row),
            applied_revision: applied.revision,
            applied_at: applied.applied_at,
            applied_by: applied.applied_by.clone(),
            pending_update,
            drift: drift.into_iter().map(Into::into).collect(),
        }))
    }
    async fn tenant(&self, ctx: &Context<'_>) -> Result<Option<Tenant>, ApiError> {
        let tenant = ctx
            .tenant_loader()?
            .load_one(self.0.tenant_id)
            .await
            .map_err(|_| ApiError::internal())?;
        Ok(tenant.map(Tenant))
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }
}
