//! Integrators' models in the API (docs/domain.md §3).

use async_graphql::{Enum, ID, SimpleObject};
use chrono::{DateTime, Utc};
use relais_domain::models::{Client, ClientSettings, FieldChange};
use relais_store::{CatalogModel, ModelSource};

/// A PRONOTE client a model gives settings for.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(name = "ModelClient")]
pub(crate) enum ClientName {
    PronoteClient,
    PronoteNet,
}

impl From<Client> for ClientName {
    fn from(client: Client) -> Self {
        match client {
            Client::PronoteClient => ClientName::PronoteClient,
            Client::PronoteNet => ClientName::PronoteNet,
        }
    }
}

/// One changed field, old and new value as shown to people.
#[derive(SimpleObject)]
#[graphql(name = "FieldChange")]
pub(crate) struct FieldChangeView {
    pub client: Option<ClientName>,
    /// Stable code: `CAS_URLS`, `IDENTIFICATION_MODE`, `PROFILE_VALUES`…
    pub field: &'static str,
    /// French label, e.g. « Valeurs du profil Élève ».
    pub label: String,
    pub old: Option<String>,
    pub new: Option<String>,
    /// One line in French: « PRONOTE.net — Attribut du prénom : prenom → givenName ».
    pub summary: String,
}

impl From<FieldChange> for FieldChangeView {
    fn from(change: FieldChange) -> Self {
        Self {
            summary: change.to_string(),
            client: change.client.map(Into::into),
            field: change.field.code(),
            label: change.label,
            old: change.old,
            new: change.new,
        }
    }
}

/// What a model gives for one client, shown like a base's settings.
#[derive(SimpleObject)]
pub(crate) struct ModelClientSettings {
    pub client: ClientName,
    pub label: &'static str,
    /// The CAS attribute identifying users; empty: the CAS Subject.
    pub common_identifier_attribute: Option<String>,
    /// Empty: one CAS address per establishment, typed by the school.
    pub cas_login_url: Option<String>,
    pub cas_validation_url: Option<String>,
    /// The mode's French label.
    pub identification_mode: &'static str,
    /// Empty: one CAS address per establishment, typed by the school.
    pub cas_urls: Option<super::CasUrlsView>,
    /// The mode with the attribute names the ENT's CAS releases and the
    /// accepted profile values, visible before anyone applies the model.
    pub first_connection: super::FirstConnectionView,
}

/// An ENT model of a list.
#[derive(SimpleObject)]
#[graphql(name = "EntModel", complex)]
pub(crate) struct EntModelView {
    pub id: ID,
    pub source_id: ID,
    pub name: String,
    pub location: String,
    pub description: Option<String>,
    pub documentation_url: Option<String>,
    /// Bumped by every change of the model's values.
    pub revision: i32,
    /// No longer in its list.
    pub withdrawn: bool,
    pub clients: Vec<ModelClientSettings>,
    pub updated_at: DateTime<Utc>,
}

impl EntModelView {
    pub(crate) fn new(row: &CatalogModel) -> Self {
        let model = &row.values;
        Self {
            id: ID(row.id.to_string()),
            source_id: ID(row.source_id.to_string()),
            name: model.name.clone(),
            location: model.location.clone(),
            description: model.description.clone(),
            documentation_url: model
                .documentation_url
                .as_ref()
                .map(|u| u.as_str().to_owned()),
            revision: row.revision,
            withdrawn: row.withdrawn,
            clients: model
                .clients
                .iter()
                .map(|(client, settings)| client_settings(*client, settings))
                .collect(),
            updated_at: row.updated_at,
        }
    }
}

fn client_settings(client: Client, settings: &ClientSettings) -> ModelClientSettings {
    use relais_domain::delegation::CommonIdentifier;
    ModelClientSettings {
        client: client.into(),
        label: client.label(),
        common_identifier_attribute: match &settings.common_identifier {
            CommonIdentifier::Subject => None,
            CommonIdentifier::Attribute(name) => Some(name.as_str().to_owned()),
        },
        cas_login_url: settings.cas_urls.as_ref().map(|u| u.login_url()),
        cas_validation_url: settings.cas_urls.as_ref().map(|u| u.validation_url()),
        identification_mode: settings.first_connection.label(),
        cas_urls: settings
            .cas_urls
            .as_ref()
            .map(super::delegation::cas_urls_view),
        first_connection: super::delegation::first_connection_view(&settings.first_connection),
    }
}

/// A source of models: the tenant's own list, or a feed fetched by URL.
#[derive(SimpleObject)]
#[graphql(name = "ModelSource")]
pub(crate) struct ModelSourceView {
    pub id: ID,
    pub name: String,
    /// `OWN` or `FEED`.
    pub kind: String,
    pub url: Option<String>,
    /// When the feed is fetched (cron, Europe/Paris).
    pub cron: Option<String>,
    /// What the source was created with; it no longer changes how it is
    /// fetched (the platform's configuration decides).
    #[graphql(
        deprecation = "Les adresses autorisées se règlent dans la configuration de la plateforme (models.allow_http, models.allowed_networks)."
    )]
    pub allow_http_for_testing: bool,
    /// Published by the platform to every operator.
    pub offered_to_all: bool,
    pub last_fetched_at: Option<DateTime<Utc>>,
    pub last_success_at: Option<DateTime<Utc>>,
    /// The last failure, in French; the catalog kept its last good version.
    pub last_error: Option<String>,
    /// `MODEL_FEED_FAILED` when the last fetch failed, `MODEL_FEED_NEVER_FETCHED`
    /// for a feed never read successfully.
    pub findings: Vec<super::FindingView>,
}

impl From<ModelSource> for ModelSourceView {
    fn from(row: ModelSource) -> Self {
        let findings = source_findings(&row).into_iter().map(Into::into).collect();
        Self {
            findings,
            id: ID(row.id.to_string()),
            offered_to_all: row.offered_to_all(),
            kind: row.kind.name().to_owned(),
            url: row.kind.url().map(str::to_owned),
            cron: row.kind.cron().map(str::to_owned),
            allow_http_for_testing: row.kind.allows_http_for_testing(),
            name: row.name,
            last_fetched_at: row.last_fetched_at,
            last_success_at: row.last_success_at,
            last_error: row.last_error,
        }
    }
}

/// A model update waiting for a person: the base's settings are untouched.
#[derive(SimpleObject)]
pub(crate) struct PendingModelUpdate {
    pub from_revision: i32,
    /// Empty: the model was withdrawn from its list.
    pub to_revision: Option<i32>,
    pub withdrawn: bool,
    pub changes: Vec<FieldChangeView>,
    pub since: DateTime<Utc>,
}

/// The model a base applied and where the base stands with it.
#[derive(SimpleObject)]
pub(crate) struct BaseModelStatus {
    pub model: EntModelView,
    /// The revision the base's settings came from.
    pub applied_revision: i32,
    pub applied_at: DateTime<Utc>,
    pub applied_by: Option<String>,
    pub pending_update: Option<PendingModelUpdate>,
    /// « Paramètres non conformes au modèle »: fields where the base differs
    /// from the revision it applied (old: the model, new: the base).
    pub drift: Vec<FieldChangeView>,
}

/// What `applyModel` did.
#[derive(SimpleObject)]
pub(crate) struct ApplyModelResult {
    pub base: super::PronoteBase,
    /// The values the model replaced (old: the base's, new: the model's).
    pub overwritten: Vec<FieldChangeView>,
}

/// The field-level changes of one model in a new version of its list.
#[derive(SimpleObject)]
pub(crate) struct ModelChanges {
    pub model: String,
    pub changes: Vec<FieldChangeView>,
}

/// What installing a list did.
#[derive(SimpleObject)]
pub(crate) struct RefreshReport {
    /// False: nothing new (HTTP 304 or the same content).
    pub new_version: bool,
    pub added: Vec<String>,
    pub changed: Vec<String>,
    pub withdrawn: Vec<String>,
    pub bases_with_pending_update: i32,
    /// Per changed model, what changed.
    pub changes: Vec<ModelChanges>,
}

impl From<relais_store::InstallReport> for RefreshReport {
    fn from(report: relais_store::InstallReport) -> Self {
        Self {
            new_version: report.new_version,
            added: report.added,
            changed: report.changed,
            withdrawn: report.withdrawn,
            bases_with_pending_update: report.bases_with_pending_update as i32,
            changes: report
                .changes
                .into_iter()
                .map(|(model, changes)| ModelChanges {
                    model,
                    changes: changes.into_iter().map(Into::into).collect(),
                })
                .collect(),
        }
    }
}

/// Findings of a model source: a failed or never successful fetch (the
/// catalog keeps its last good version meanwhile).
pub(crate) fn source_findings(row: &ModelSource) -> Vec<relais_domain::delegation::Finding> {
    use relais_domain::delegation::{Finding, Severity};
    let mut findings = Vec::new();
    if let Some(error) = &row.last_error {
        findings.push(Finding {
            code: "MODEL_FEED_FAILED",
            severity: Severity::Error,
            message: format!(
                "La dernière actualisation de « {} » a échoué : {error} Les modèles de la dernière version valide restent en place.",
                row.name
            ),
        });
    } else if row.kind.url().is_some() && row.last_success_at.is_none() {
        findings.push(Finding {
            code: "MODEL_FEED_NEVER_FETCHED",
            severity: Severity::Info,
            message: format!(
                "« {} » n'a pas encore été lu : actualisez-le pour obtenir ses modèles.",
                row.name
            ),
        });
    }
    findings
}
