//! The ENT's CAS service registry (issue 21): one base's service entry,
//! the tenant's registry, its diff against the last export.

use async_graphql::{Enum, ID, SimpleObject};
use chrono::{DateTime, Utc};
use relais_app::cas_registry_service::ExportStatus;
use relais_formats::cas_registry::{
    FieldChange, RegistryDiff, ReportLevel, ReportLine, ServiceEntry, apereo, diff,
};

/// One attribute the CAS releases to PRONOTE.
#[derive(SimpleObject)]
#[graphql(name = "CasReleasedAttribute")]
pub(crate) struct ReleasedAttributeView {
    /// The name PRONOTE reads (the base's settings).
    pub name: String,
    /// The ENT's internal name (the same unless the tenant maps it).
    pub source: String,
}

/// One base's service in the ENT's CAS registry.
#[derive(SimpleObject)]
#[graphql(name = "CasServiceEntry")]
pub(crate) struct ServiceEntryView {
    /// Stable numeric id (as text: it exceeds GraphQL's Int).
    pub id: String,
    pub name: String,
    /// The Apereo registry file, `<name>-<id>.json`.
    pub file_name: String,
    pub description: String,
    pub service_url: String,
    pub direct_access_url: String,
    /// Anchored regular expression of the service.
    pub service_id: String,
    pub evaluation_order: i32,
    pub uais: Vec<String>,
    /// The identification mode, e.g. `IDENTITY`.
    pub mode: String,
    pub attributes: Vec<ReleasedAttributeView>,
    /// The profile attribute access is restricted on, if any.
    pub required_attribute: Option<String>,
    pub required_values: Vec<String>,
    /// `SAML11`, `CAS2` or `CAS3`.
    pub validation: String,
    /// The Apereo CAS JSON file.
    pub apereo_json: String,
    /// The base whose service this is: its files download from
    /// `GET /bases/{baseId}/cas-registry?format=…`. Null for a service
    /// removed since the last export.
    pub base_id: Option<ID>,
}

impl From<&ServiceEntry> for ServiceEntryView {
    fn from(entry: &ServiceEntry) -> Self {
        Self {
            id: entry.id.to_string(),
            name: entry.name.clone(),
            file_name: apereo::file_name(entry),
            description: entry.description.clone(),
            service_url: entry.service_url.clone(),
            direct_access_url: entry.direct_access_url.clone(),
            service_id: entry.service_id.clone(),
            evaluation_order: entry.evaluation_order,
            uais: entry.uais.clone(),
            mode: entry.mode.clone(),
            attributes: entry
                .attributes
                .iter()
                .map(|a| ReleasedAttributeView {
                    name: a.name.clone(),
                    source: a.source.clone(),
                })
                .collect(),
            required_attribute: entry.required.as_ref().map(|r| r.attribute.clone()),
            required_values: entry
                .required
                .as_ref()
                .map(|r| r.values.clone())
                .unwrap_or_default(),
            validation: entry.validation.as_str().to_owned(),
            apereo_json: String::from_utf8(apereo::to_bytes(entry)).unwrap_or_default(),
            base_id: None,
        }
    }
}

/// What a report line says about its base.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(name = "CasRegistryReportLevel")]
pub(crate) enum ReportLevelName {
    /// The base has no service in the registry.
    Skipped,
    /// The service is there; something to know.
    Note,
}

/// Where a base stands against the tenant's last export.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(name = "CasRegistryStatus")]
pub(crate) enum StatusName {
    /// The tenant's registry was never exported.
    NeverExported,
    /// Exported as it stands.
    UpToDate,
    /// Its service differs from the one exported.
    Changed,
    /// Not in the last export, has a service now.
    Added,
    /// In the last export, has no service now.
    Removed,
    /// No service, none exported.
    NotExported,
}

impl From<ExportStatus> for StatusName {
    fn from(status: ExportStatus) -> Self {
        match status {
            ExportStatus::NeverExported => StatusName::NeverExported,
            ExportStatus::UpToDate => StatusName::UpToDate,
            ExportStatus::Changed => StatusName::Changed,
            ExportStatus::Added => StatusName::Added,
            ExportStatus::Removed => StatusName::Removed,
            ExportStatus::NotExported => StatusName::NotExported,
        }
    }
}

/// A line of the export's report.
#[derive(SimpleObject)]
#[graphql(name = "CasRegistryReportLine")]
pub(crate) struct ReportLineView {
    pub base_id: ID,
    pub uai: String,
    pub level: ReportLevelName,
    /// Stable code, e.g. `PUBLIC_URL_MISSING`.
    pub code: String,
    pub message: String,
}

impl From<&ReportLine> for ReportLineView {
    fn from(line: &ReportLine) -> Self {
        Self {
            base_id: ID(line.base_id.clone()),
            uai: line.uai.clone(),
            level: match line.level {
                ReportLevel::Skipped => ReportLevelName::Skipped,
                ReportLevel::Note => ReportLevelName::Note,
            },
            code: line.code.clone(),
            message: line.message.clone(),
        }
    }
}

/// A field of a service that changed since the last export.
#[derive(SimpleObject)]
#[graphql(name = "CasServiceFieldChange")]
pub(crate) struct FieldChangeView {
    /// e.g. `serviceId`, `attributes`, `requiredValues`.
    pub field: String,
    pub before: String,
    pub after: String,
}

impl From<&FieldChange> for FieldChangeView {
    fn from(change: &FieldChange) -> Self {
        Self {
            field: change.field.clone(),
            before: change.before.clone(),
            after: change.after.clone(),
        }
    }
}

/// A service whose fields changed.
#[derive(SimpleObject)]
#[graphql(name = "CasServiceChange")]
pub(crate) struct ServiceChangeView {
    pub name: String,
    pub file_name: String,
    pub fields: Vec<FieldChangeView>,
}

/// From the last export to the registry now.
#[derive(SimpleObject)]
#[graphql(name = "CasRegistryDiff")]
pub(crate) struct RegistryDiffView {
    pub added: Vec<ServiceEntryView>,
    pub removed: Vec<ServiceEntryView>,
    pub changed: Vec<ServiceChangeView>,
    /// Apereo files to add, replace, delete.
    pub files_to_add: Vec<String>,
    pub files_to_replace: Vec<String>,
    pub files_to_delete: Vec<String>,
}

impl From<&RegistryDiff> for RegistryDiffView {
    fn from(diff: &RegistryDiff) -> Self {
        let files = diff.files();
        Self {
            added: diff.added.iter().map(Into::into).collect(),
            removed: diff.removed.iter().map(Into::into).collect(),
            changed: diff
                .changed
                .iter()
                .map(|c| ServiceChangeView {
                    name: c.after.name.clone(),
                    file_name: apereo::file_name(&c.after),
                    fields: c.fields.iter().map(Into::into).collect(),
                })
                .collect(),
            files_to_add: files.add,
            files_to_replace: files.replace,
            files_to_delete: files.delete,
        }
    }
}

/// An ENT attribute name that differs from the one PRONOTE reads.
#[derive(SimpleObject)]
#[graphql(name = "CasAttributeMapping")]
pub(crate) struct AttributeMappingView {
    /// The name PRONOTE reads (settings).
    pub name: String,
    /// The ENT's internal name.
    pub source: String,
}

/// A tenant's CAS registry: now, the last export and the diff.
#[derive(SimpleObject)]
#[graphql(name = "CasRegistry")]
pub(crate) struct CasRegistryView {
    pub tenant_id: ID,
    /// The services the bases' settings give now, by name.
    pub services: Vec<ServiceEntryView>,
    /// Bases without a service, and notes.
    pub report: Vec<ReportLineView>,
    /// SHA-256 of the registry now (in the archive's LISEZMOI.txt).
    pub digest: String,
    pub exported_at: Option<DateTime<Utc>>,
    pub exported_by: Option<String>,
    pub exported_services: i32,
    pub diff: RegistryDiffView,
    pub attribute_mapping: Vec<AttributeMappingView>,
}

/// One base's entry, now and as last exported.
#[derive(SimpleObject)]
#[graphql(name = "BaseCasRegistry")]
pub(crate) struct BaseCasRegistryView {
    /// Null when the base has no service (see `report`).
    pub entry: Option<ServiceEntryView>,
    pub report: Vec<ReportLineView>,
    pub exported_entry: Option<ServiceEntryView>,
    pub status: StatusName,
    /// The fields changed since the last export.
    pub changes: Vec<FieldChangeView>,
}

impl BaseCasRegistryView {
    pub(crate) fn new(
        entry: Option<ServiceEntry>,
        report: &[ReportLine],
        exported: Option<ServiceEntry>,
        status: ExportStatus,
    ) -> Self {
        let changes = match (&exported, &entry) {
            (Some(before), Some(after)) => {
                diff::fields(before, after).iter().map(Into::into).collect()
            }
            _ => Vec::new(),
        };
        Self {
            entry: entry.as_ref().map(Into::into),
            report: report.iter().map(Into::into).collect(),
            exported_entry: exported.as_ref().map(Into::into),
            status: status.into(),
            changes,
        }
    }
}
