use async_graphql::{Context, ID, Object};
use chrono::{DateTime, Utc};
use relais_domain::delegation::{
    DelegationSettings, DiagnosticContext, Finding, cas_service, diagnose, direct_access_url,
    service_url,
};
use relais_domain::models::FieldChange;
use relais_domain::web_url::WebUrl;
use relais_domain::{Hosting, Publication};
use relais_store::entities::{establishment, pronote_base};
use relais_store::{body_of, settings_of};

use super::delegation::{DelegationSettingsView, FindingView};
use super::delegation_enums::{HostingName, PublicationName};
use super::{BaseModelStatus, EntModelView, Establishment, PendingModelUpdate, Tenant};
use crate::ApiError;
use crate::context::ContextExt;
use relais_app::diagnostics::diagnostic_context;
use relais_app::model_service::drift_of;

/// A PRONOTE base (one per school year), serving one establishment or the
/// establishments of a cité scolaire.
pub(crate) struct PronoteBase(pub pronote_base::Model);

impl PronoteBase {
    fn parsed_public_url(&self) -> Option<WebUrl> {
        self.0
            .public_url
            .as_deref()
            .and_then(|u| WebUrl::parse("publicUrl", u).ok())
    }

    fn stored_settings(&self) -> Result<DelegationSettings, ApiError> {
        settings_of(&self.0).map_err(ApiError::from)
    }

    async fn members(&self, ctx: &Context<'_>) -> Result<Vec<establishment::Model>, ApiError> {
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
    ) -> Result<Option<relais_store::entities::cas_check::Model>, ApiError> {
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
            .load_one((self.0.tenant_id, self.0.id))
            .await
            .map_err(|_| ApiError::internal())?
            .unwrap_or_default())
    }

    /// The findings of the base's settings in their context.
    pub(crate) async fn findings(&self, ctx: &Context<'_>) -> Result<Vec<Finding>, ApiError> {
        let members = self.members(ctx).await?;
        Ok(diagnose(
            &self.stored_settings()?,
            &self.diagnostic_context(&members),
        ))
    }

    pub(crate) fn diagnostic_context(&self, members: &[establishment::Model]) -> DiagnosticContext {
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
        &self.0.group_uai
    }
    async fn hosting(&self) -> Result<HostingName, ApiError> {
        Ok(Hosting::parse("hosting", &self.0.hosting)
            .map_err(|_| ApiError::internal())?
            .into())
    }
    async fn hosting_label(&self) -> &'static str {
        Hosting::parse("hosting", &self.0.hosting).map_or("", Hosting::label)
    }
    /// PRONOTE release (year).
    async fn pronote_version(&self) -> Option<i32> {
        self.0.pronote_version
    }
    /// `2026-2027`.
    async fn school_year(&self) -> &str {
        &self.0.school_year
    }
    /// PRONOTE.net public URL, e.g. `https://0410017w.index-education.net/pronote`.
    async fn public_url(&self) -> Option<&str> {
        self.0.public_url.as_deref()
    }
    /// Address of the PRONOTE server for the client (self-hosted bases).
    async fn server_address(&self) -> Option<&str> {
        self.0.server_address.as_deref()
    }
    async fn publication(&self) -> Result<PublicationName, ApiError> {
        Ok(Publication::parse("publication", &self.0.publication)
            .map_err(|_| ApiError::internal())?
            .into())
    }
    /// The ENT has distributed its credentials to the users.
    async fn ent_credentials_distributed(&self) -> bool {
        self.0.ent_credentials_distributed
    }
    /// Send it back with changes: a stale version is a `CONFLICT`.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// « URL à communiquer au socle ENT »: the public URL followed by `**`.
    async fn service_url(&self) -> Option<String> {
        self.parsed_public_url().map(|u| service_url(&u))
    }
    /// Direct access with PRONOTE credentials (`?login=true`).
    async fn direct_access_url(&self) -> Option<String> {
        self.parsed_public_url().map(|u| direct_access_url(&u))
    }
    /// `<CAS login URL>?service=<public URL>/`.
    async fn cas_authentication_link(&self) -> Result<Option<String>, ApiError> {
        let settings = self.stored_settings()?;
        Ok(settings
            .cas_urls
            .as_ref()
            .zip(self.parsed_public_url())
            .map(|(cas, public)| cas.authentication_link(&cas_service(&public))))
    }
    /// `<CAS validation URL>?TARGET=<public URL>/`.
    async fn cas_validation_link(&self) -> Result<Option<String>, ApiError> {
        let settings = self.stored_settings()?;
        Ok(settings
            .cas_urls
            .as_ref()
            .zip(self.parsed_public_url())
            .map(|(cas, public)| cas.validation_link(&cas_service(&public))))
    }
    async fn settings(&self) -> Result<DelegationSettingsView, ApiError> {
        Ok(DelegationSettingsView(self.stored_settings()?))
    }
    /// What is wrong or risky, in a stable order (docs/diagnostics.md).
    async fn diagnostics(&self, ctx: &Context<'_>) -> Result<Vec<FindingView>, ApiError> {
        let mut findings = self.findings(ctx).await?;
        if let Some(check) = self.latest_cas_check(ctx).await? {
            findings.extend(super::check_findings(&check, &self.0.settings));
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
        Ok(self
            .latest_cas_check(ctx)
            .await?
            .map(|row| super::CasCheckView::new(row, &self.0.settings)))
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
        let (applied, mut pending) = scoped.models().status_of_bases(&[self.0.id]).await?;
        let Some(applied) = applied.get(&self.0.id) else {
            return Ok(None);
        };
        let row = scoped.models().model(applied.model_id).await?;
        let applied_values = scoped.models().revision(row.id, applied.revision).await?;
        let drift = drift_of(&self.0, &applied_values)?;
        let pending_update = pending.remove(&self.0.id).map(|p| PendingModelUpdate {
            from_revision: p.from_revision,
            to_revision: p.to_revision,
            withdrawn: p.to_revision.is_none(),
            changes: serde_json::from_str::<Vec<FieldChange>>(&p.changes)
                .unwrap_or_default()
                .into_iter()
                .map(Into::into)
                .collect(),
            since: p.created_at,
        });
        Ok(Some(BaseModelStatus {
            model: EntModelView::new(&row, &body_of(&row.body)?),
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
