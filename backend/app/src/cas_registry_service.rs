//! The ENT's CAS service registry of a tenant (issue 21), between the
//! store and the formats: the bases' entries built now from their
//! settings, the registry last exported, their diff, the recording of an
//! export, the per-base diagnostic, and the files to download.
//!
//! Used by the GraphQL objects and by the download routes of
//! `relais-server` (`GET /cas-registry/archive`,
//! `GET /bases/{id}/cas-registry`).

use std::collections::HashMap;

use relais_domain::BaseId;
use relais_domain::delegation::{Finding, Severity};
use relais_domain::formatting::hex;
use relais_formats::cas_registry::archive::{self, Format};
use relais_formats::cas_registry::{
    self, AttributeMapping, BaseSource, Registry, RegistryDiff, ReportLine, ServiceEntry,
};
use relais_store::{Base, CasRegistrySettings, Establishment, ExportedEntry, Scoped};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::AppError;

/// The diagnostic of a base whose entry changed since the last export.
pub const OUTDATED: &str = "CAS_REGISTRY_OUTDATED";

/// A tenant's registry as the bases' settings give it now.
pub struct TenantRegistry {
    pub tenant: Uuid,
    pub registry: Registry,
    /// Entry id → base id.
    pub base_of: HashMap<i64, Uuid>,
}

impl TenantRegistry {
    /// SHA-256 (hex) of the entries: names this registry in an export's
    /// `LISEZMOI.txt` and in `recordCasRegistryExport(digest)`.
    pub fn digest(&self) -> String {
        digest(&self.registry.entries)
    }
}

/// SHA-256 (hex) of the JSON of `entries`.
pub fn digest(entries: &[ServiceEntry]) -> String {
    let json = serde_json::to_vec(entries).unwrap_or_default();
    hex(&Sha256::digest(&json))
}

/// What the registry needs of one base and the establishments it serves.
pub fn source_of(base: &Base, members: &[Establishment]) -> BaseSource {
    let group_uai = &base.group_uai;
    let label = members
        .iter()
        .find(|e| e.uai == *group_uai)
        .map_or_else(|| group_uai.to_string(), |e| e.fields.name.to_string());
    let mut uais = vec![group_uai.to_string()];
    uais.extend(
        members
            .iter()
            .filter(|e| e.uai != *group_uai)
            .map(|e| e.uai.to_string()),
    );
    BaseSource {
        base_id: base.id.to_string(),
        label,
        uais,
        public_url: base.fields.public_url.clone(),
        settings: base.settings.clone(),
    }
}

/// The tenant's registry now: every base of `tenant` the caller sees
/// (three statements whatever the number of bases).
pub async fn load(scoped: &Scoped<'_>, tenant: Uuid) -> Result<TenantRegistry, AppError> {
    let repo = scoped.cas_registry();
    let mapping = AttributeMapping(repo.attribute_mapping(tenant).await?);
    let bases: Vec<Base> = scoped
        .bases()
        .all()
        .await?
        .into_iter()
        .filter(|b| b.tenant_id.uuid() == tenant)
        .collect();
    let ids: Vec<BaseId> = bases.iter().map(|b| b.id).collect();
    let members = scoped.bases().members(&ids).await?;
    let mut sources = Vec::with_capacity(bases.len());
    let mut base_of = HashMap::with_capacity(bases.len());
    for base in &bases {
        let source = source_of(base, members.get(&base.id).map_or(&[], Vec::as_slice));
        base_of.insert(cas_registry::stable_id(&source.base_id), base.id.uuid());
        sources.push(source);
    }
    Ok(TenantRegistry {
        tenant,
        registry: cas_registry::build(&sources, &mapping),
        base_of,
    })
}

/// The entries last exported (empty before the first export).
pub async fn previous(scoped: &Scoped<'_>, tenant: Uuid) -> Result<Vec<ServiceEntry>, AppError> {
    let mut entries: Vec<ServiceEntry> = scoped
        .cas_registry()
        .exported(tenant)
        .await?
        .into_values()
        .collect();
    entries.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(entries)
}

/// The registry now, the last export and their diff.
pub async fn with_diff(
    scoped: &Scoped<'_>,
    tenant: Uuid,
) -> Result<(TenantRegistry, RegistryDiff), AppError> {
    let previous = previous(scoped, tenant).await?;
    let current = load(scoped, tenant).await?;
    let diff = cas_registry::diff(&previous, &current.registry.entries);
    Ok((current, diff))
}

/// Records the registry as it stands as exported. With `digest` (the
/// one in the downloaded archive), refuses when the registry changed
/// since: the operator would record what it did not download.
pub async fn record(
    scoped: &Scoped<'_>,
    tenant: Uuid,
    expected: Option<&str>,
) -> Result<TenantRegistry, AppError> {
    let current = load(scoped, tenant).await?;
    if let Some(expected) = expected
        && expected.trim() != current.digest()
    {
        return Err(AppError::conflict(
            "digest",
            "Le registre CAS a changé depuis son téléchargement (une base a été modifiée) : \
             téléchargez-le de nouveau avant d'enregistrer son export.",
        ));
    }
    let mut rows = Vec::with_capacity(current.registry.entries.len());
    for entry in &current.registry.entries {
        let base = current
            .base_of
            .get(&entry.id)
            .copied()
            .ok_or_else(AppError::internal)?;
        rows.push((BaseId::from(base), entry));
    }
    scoped.cas_registry().record_export(tenant, &rows).await?;
    Ok(current)
}

/// Where a base stands in its tenant's CAS registry: the ENT's attribute
/// names, whether the registry was ever exported, and the base's last
/// exported entry. Loaded for many bases at once by `CasRegistryLoader`,
/// for one by [`state_of`].
#[derive(Debug, Clone, Default)]
pub struct BaseRegistryState {
    pub attribute_mapping: AttributeMapping,
    pub exported: bool,
    pub entry: Option<ServiceEntry>,
}

impl BaseRegistryState {
    /// The state of every key from the rows of `CasRegistryRepo::of_bases`.
    pub fn assemble(
        keys: &[(Uuid, Uuid)],
        tenants: Vec<CasRegistrySettings>,
        entries: Vec<ExportedEntry<ServiceEntry>>,
    ) -> HashMap<(Uuid, Uuid), Self> {
        let tenants: HashMap<Uuid, CasRegistrySettings> = tenants
            .into_iter()
            .map(|row| (row.tenant_id.uuid(), row))
            .collect();
        let mut entries: HashMap<(Uuid, Uuid), ServiceEntry> = entries
            .into_iter()
            .map(|row| ((row.tenant_id.uuid(), row.base_id.uuid()), row.entry))
            .collect();
        keys.iter()
            .map(|key| {
                let tenant = tenants.get(&key.0);
                let state = Self {
                    attribute_mapping: AttributeMapping(
                        tenant
                            .map(|row| row.attribute_mapping.clone())
                            .unwrap_or_default(),
                    ),
                    exported: tenant.is_some_and(CasRegistrySettings::was_exported),
                    entry: entries.remove(key),
                };
                (*key, state)
            })
            .collect()
    }
}

/// The registry state of each of `bases` (two statements whatever their
/// number; bases of tenants the caller does not see are left out).
pub async fn states_of(
    scoped: &Scoped<'_>,
    bases: &[Base],
) -> Result<HashMap<(Uuid, Uuid), BaseRegistryState>, AppError> {
    let (tenants, entries) = scoped.cas_registry().of_visible_tenants().await?;
    let keys: Vec<(Uuid, Uuid)> = bases
        .iter()
        .map(|b| (b.tenant_id.uuid(), b.id.uuid()))
        .collect();
    Ok(BaseRegistryState::assemble(&keys, tenants, entries))
}

/// The registry state of one base (two statements).
pub async fn state_of(scoped: &Scoped<'_>, base: &Base) -> Result<BaseRegistryState, AppError> {
    let key = (base.tenant_id.uuid(), base.id.uuid());
    let (tenants, entries) = scoped.cas_registry().of_bases(&[key]).await?;
    Ok(BaseRegistryState::assemble(&[key], tenants, entries)
        .remove(&key)
        .unwrap_or_default())
}

/// One base's entry now (or the report lines saying why it has none, and
/// its notes).
pub fn base_entry(
    state: &BaseRegistryState,
    base: &Base,
    members: &[Establishment],
) -> Result<(Option<ServiceEntry>, Vec<ReportLine>), AppError> {
    let source = source_of(base, members);
    Ok(
        match cas_registry::entry(&source, &state.attribute_mapping) {
            Ok((entry, notes)) => (Some(entry), notes),
            Err(line) => (None, vec![line]),
        },
    )
}

/// Where a base stands against the last export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportStatus {
    /// The tenant's registry was never exported.
    NeverExported,
    /// Exported as it stands.
    UpToDate,
    /// Its entry differs from the one exported.
    Changed,
    /// Not in the last export, has an entry now.
    Added,
    /// In the last export, has no entry now (its file is to delete).
    Removed,
    /// No entry, none exported.
    NotExported,
}

/// The entry of the base last exported and where the base stands.
pub fn base_status(
    state: &BaseRegistryState,
    now: Option<&ServiceEntry>,
) -> Result<(Option<ServiceEntry>, ExportStatus), AppError> {
    if !state.exported {
        return Ok((None, ExportStatus::NeverExported));
    }
    let exported = state.entry.clone();
    let status = match (&exported, now) {
        (Some(before), Some(after)) if before == after => ExportStatus::UpToDate,
        (Some(_), Some(_)) => ExportStatus::Changed,
        (None, Some(_)) => ExportStatus::Added,
        (Some(_), None) => ExportStatus::Removed,
        (None, None) => ExportStatus::NotExported,
    };
    Ok((exported, status))
}

/// `CAS_REGISTRY_OUTDATED` (warning) when the tenant's registry was
/// exported once and this base's entry changed since (docs/diagnostics.md).
pub fn outdated_finding(
    state: &BaseRegistryState,
    base: &Base,
    members: &[Establishment],
) -> Result<Option<Finding>, AppError> {
    if !state.exported {
        return Ok(None);
    }
    let (entry, _) = base_entry(state, base, members)?;
    let (_, status) = base_status(state, entry.as_ref())?;
    let message = match status {
        ExportStatus::Changed | ExportStatus::Added => {
            "Le registre CAS de l'ENT n'a pas été exporté depuis la modification de cette base \
             (adresse publique, mode d'identification ou attributs) : exportez-le de nouveau et \
             transmettez-le à l'administrateur du serveur CAS."
        }
        ExportStatus::Removed => {
            "Cette base n'a plus de service CAS à déclarer mais figure encore dans le dernier \
             export du registre CAS de l'ENT : exportez-le de nouveau pour supprimer son service."
        }
        _ => return Ok(None),
    };
    Ok(Some(Finding {
        code: OUTDATED,
        severity: Severity::Warning,
        message: message.to_owned(),
    }))
}

/// The tenant's archive (every format, `LISEZMOI.txt` with the report,
/// the files to add, replace and delete since the last export, and the
/// digest) and its digest, audited.
pub async fn archive_bytes(
    scoped: &Scoped<'_>,
    tenant: Uuid,
) -> Result<(Vec<u8>, String), AppError> {
    let (current, diff) = with_diff(scoped, tenant).await?;
    let digest = current.digest();
    let mut registry = current.registry.clone();
    registry.report.push(ReportLine {
        base_id: String::new(),
        uai: String::new(),
        level: cas_registry::ReportLevel::Note,
        code: "DIGEST".to_owned(),
        message: format!(
            "Empreinte de ce registre, à donner à l'enregistrement de l'export : {digest}"
        ),
    });
    // Seconds of CPU for a large tenant: off the runtime's threads.
    let services = registry.entries.len();
    let actions = diff.files();
    let bytes =
        tokio::task::spawn_blocking(move || archive::write(Vec::new(), &registry, Some(&actions)))
            .await
            .map_err(|_| AppError::internal())?
            .map_err(|_| AppError::internal())?;
    scoped
        .cas_registry()
        .record_download(tenant, format!("archive, {services} service(s)"))
        .await?;
    Ok((bytes, digest))
}

/// One base's entry in `format`: (file name, content type, bytes), audited.
pub async fn base_file(
    scoped: &Scoped<'_>,
    base: BaseId,
    format: &str,
) -> Result<(String, &'static str, Vec<u8>), AppError> {
    let format = Format::parse(format).ok_or_else(|| {
        AppError::validation(
            "format",
            "Format inconnu : choisissez apereo, keycloak, django ou csv.",
        )
    })?;
    let row = scoped.bases().get(base).await?;
    let members = scoped.bases().members(&[row.id]).await?;
    let state = state_of(scoped, &row).await?;
    let (entry, report) = base_entry(
        &state,
        &row,
        members.get(&row.id).map_or(&[], Vec::as_slice),
    )?;
    let Some(entry) = entry else {
        let why = report
            .first()
            .map_or_else(String::new, |line| line.message.clone());
        return Err(AppError::validation("baseId", why).with_reason("CAS_REGISTRY_NO_ENTRY"));
    };
    let (name, bytes) = archive::render_one(&entry, format);
    scoped
        .cas_registry()
        .record_download(
            row.tenant_id.uuid(),
            format!("{name} ({})", format.as_str()),
        )
        .await?;
    Ok((name, format.content_type(), bytes))
}
