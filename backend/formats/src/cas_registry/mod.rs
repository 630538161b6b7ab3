//! The ENT's side of the delegation (issue 21): the CAS service registry
//! entry of every PRONOTE base, built from its settings, written in the
//! formats the CAS servers operators run (Apereo CAS JSON, Keycloak with
//! the CAS extension, django-cas-server fixtures, a generic CSV), read back
//! (Apereo) and compared with a previous export. No I/O.
//!
//! [`build`] turns each base into one format-independent [`ServiceEntry`]
//! (or a reason, a [`ReportLine`], when no sound entry can be made); each
//! format renders entries; [`diff()`] compares two lists of entries field by
//! field. docs/formats/cas-registry.md describes the files.

pub mod apereo;
pub mod archive;
pub mod csv;
pub mod diff;
pub mod django;
pub mod keycloak;

use std::collections::{BTreeMap, BTreeSet};

use relais_domain::cas_check::CasProtocol;
use relais_domain::delegation::{
    CommonIdentifier, DelegationSettings, Espace, EspaceDelegation, FirstConnectionMode,
    IdentityAttributes, Profile, cas_service, direct_access_url,
};
use relais_domain::web_url::WebUrl;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub use diff::{FieldChange, FileActions, RegistryDiff, ServiceChange, diff};

/// What the registry needs to know about one base.
#[derive(Debug, Clone)]
pub struct BaseSource {
    /// The base's id (a UUID, as text): the entry's id derives from it.
    pub base_id: String,
    /// The main establishment's name, for the description.
    pub label: String,
    /// The group UAI first, then the other members' UAIs.
    pub uais: Vec<String>,
    /// The PRONOTE.net public URL, if entered.
    pub public_url: Option<WebUrl>,
    pub settings: DelegationSettings,
}

/// The ENT's internal names of the attributes, when they differ from the
/// names PRONOTE is told to read (per tenant): released name → internal
/// (principal) name, e.g. `nom` → `sn`. Empty: the same names.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttributeMapping(pub BTreeMap<String, String>);

impl AttributeMapping {
    /// The ENT's internal name of the attribute PRONOTE reads as `released`.
    pub fn source_of<'a>(&'a self, released: &'a str) -> &'a str {
        self.0.get(released).map_or(released, String::as_str)
    }
}

/// One attribute the CAS must release: under `name` (what the base's
/// settings tell PRONOTE to read), from the ENT's attribute `source`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ReleasedAttribute {
    pub name: String,
    pub source: String,
}

impl ReleasedAttribute {
    /// Whether the ENT's name differs from the released one.
    pub fn is_renamed(&self) -> bool {
        self.name != self.source
    }
}

/// Access restricted to users whose `attribute` (the ENT's internal name of
/// the profile attribute) has one of `values`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequiredValues {
    pub attribute: String,
    pub values: Vec<String>,
}

/// The validation protocol the CAS must accept for the service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Validation {
    /// `samlValidate` (PRONOTE's default).
    Saml11,
    Cas2,
    Cas3,
}

impl Validation {
    fn of(protocol: CasProtocol) -> Self {
        match protocol {
            CasProtocol::Saml11 => Validation::Saml11,
            CasProtocol::Cas2 => Validation::Cas2,
            CasProtocol::Cas3 => Validation::Cas3,
        }
    }

    /// The stable name, e.g. `SAML11`.
    pub fn as_str(self) -> &'static str {
        match self {
            Validation::Saml11 => "SAML11",
            Validation::Cas2 => "CAS2",
            Validation::Cas3 => "CAS3",
        }
    }

    /// Apereo CAS's name of the protocol (`supportedProtocols`).
    pub fn apereo(self) -> &'static str {
        match self {
            Validation::Saml11 => "SAML1",
            Validation::Cas2 => "CAS20",
            Validation::Cas3 => "CAS30",
        }
    }

    fn from_apereo(name: &str) -> Option<Self> {
        match name {
            "SAML1" => Some(Validation::Saml11),
            "CAS20" => Some(Validation::Cas2),
            "CAS30" => Some(Validation::Cas3),
            _ => None,
        }
    }
}

/// One base's service in the ENT's CAS registry, whatever the format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceEntry {
    /// Stable, derived from the base id ([`stable_id`]).
    pub id: i64,
    /// `PRONOTE-<group UAI>`.
    pub name: String,
    pub description: String,
    /// The service PRONOTE.net names to the CAS, e.g.
    /// `https://x.index-education.net/pronote/`.
    pub service_url: String,
    /// The direct-access form, `…/pronote/?login=true`.
    pub direct_access_url: String,
    /// Anchored regular expression matching both.
    pub service_id: String,
    /// More specific (longer) addresses are evaluated first.
    pub evaluation_order: i32,
    /// The group UAI first.
    pub uais: Vec<String>,
    /// The identification mode's code, e.g. `IDENTITY`.
    pub mode: String,
    /// Sorted by released name.
    pub attributes: Vec<ReleasedAttribute>,
    pub required: Option<RequiredValues>,
    pub validation: Validation,
}

impl ServiceEntry {
    /// Whether any attribute is released under another name than the ENT's.
    pub fn is_mapped(&self) -> bool {
        self.attributes.iter().any(ReleasedAttribute::is_renamed)
    }
}

/// How serious a report line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ReportLevel {
    /// The base has no entry.
    Skipped,
    /// The entry is made, with something the operator should know.
    Note,
}

/// One line of the export's report, in French.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportLine {
    pub base_id: String,
    pub uai: String,
    pub level: ReportLevel,
    /// Stable code, e.g. `PUBLIC_URL_MISSING`.
    pub code: String,
    pub message: String,
}

/// The entries of a tenant's bases and what was left out or noted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Registry {
    /// Sorted by name.
    pub entries: Vec<ServiceEntry>,
    pub report: Vec<ReportLine>,
}

/// The stable numeric id of a base's service: the first 6 bytes of the
/// SHA-256 of its id, so it fits Apereo's `long`, JavaScript numbers and
/// Keycloak, and never changes while the base exists.
pub fn stable_id(base_id: &str) -> i64 {
    let digest = Sha256::digest(base_id.as_bytes());
    let mut bytes = [0u8; 8];
    for (slot, byte) in bytes.iter_mut().skip(2).zip(digest.iter()) {
        *slot = *byte;
    }
    i64::from_be_bytes(bytes)
}

/// Escapes `text` for a regular expression (Java, Python and Rust agree on
/// these escapes).
pub fn regex_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '.' | '+' | '*' | '?' | '(' | ')' | '|' | '[' | ']' | '{' | '}' | '^' | '$'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Builds the entries of `bases` (sorted by name) and the report (in the
/// order of `bases`).
pub fn build<'a>(
    bases: impl IntoIterator<Item = &'a BaseSource>,
    mapping: &AttributeMapping,
) -> Registry {
    let mut registry = Registry::default();
    for base in bases {
        match entry(base, mapping) {
            Ok((entry, notes)) => {
                registry.report.extend(notes);
                registry.entries.push(entry);
            }
            Err(line) => registry.report.push(line),
        }
    }
    registry.entries.sort_by(|a, b| a.name.cmp(&b.name));
    registry
}

/// The entry of one base with its notes, or why it has none.
pub fn entry(
    base: &BaseSource,
    mapping: &AttributeMapping,
) -> Result<(ServiceEntry, Vec<ReportLine>), ReportLine> {
    let uai = base.uais.first().cloned().unwrap_or_default();
    let line = |level, code: &str, message: String| ReportLine {
        base_id: base.base_id.clone(),
        uai: uai.clone(),
        level,
        code: code.to_owned(),
        message,
    };
    let settings = &base.settings;
    let Some(public_url) = &base.public_url else {
        return Err(line(
            ReportLevel::Skipped,
            "PUBLIC_URL_MISSING",
            format!(
                "Base {uai} : l'adresse publique de PRONOTE.net n'est pas renseignée, aucun \
                 service ne peut être déclaré au serveur CAS. Renseignez-la puis exportez de \
                 nouveau."
            ),
        ));
    };
    let Some(cas_urls) = settings.cas_urls.as_ref().filter(|_| settings.uses_cas()) else {
        return Err(line(
            ReportLevel::Skipped,
            "CAS_NOT_USED",
            format!(
                "Base {uai} : la délégation CAS n'est pas utilisée, le serveur CAS de l'ENT n'a \
                 pas à l'autoriser."
            ),
        ));
    };
    if let Err(err) = settings.check() {
        return Err(line(
            ReportLevel::Skipped,
            "SETTINGS_INCOMPLETE",
            format!(
                "Base {uai} : paramètres incomplets ({err}) ; complétez-les puis exportez de nouveau."
            ),
        ));
    }
    let mut notes = Vec::new();
    let attributes = needed_attributes(settings, mapping);
    if attributes.is_empty() {
        notes.push(line(
            ReportLevel::Note,
            "NO_ATTRIBUTES_NEEDED",
            format!(
                "Base {uai} : le mode d'identification « {} » avec le Subject CAS comme \
                 identifiant n'a besoin d'aucun attribut ; le service est autorisé sans \
                 attribut diffusé.",
                settings.first_connection.label()
            ),
        ));
    }
    let required = match &settings.first_connection {
        FirstConnectionMode::Identity(identity) => {
            let (required, note) = required_values(settings, identity, mapping);
            if let Some(note) = note {
                notes.push(line(
                    ReportLevel::Note,
                    "ACCESS_NOT_RESTRICTED",
                    format!("Base {uai} : {note}"),
                ));
            }
            required
        }
        _ => None,
    };
    let service_url = cas_service(public_url);
    let direct = direct_access_url(public_url);
    let description: String = format!("PRONOTE — {} ({})", base.label, base.uais.join(", "))
        .chars()
        .take(255)
        .collect();
    let entry = ServiceEntry {
        id: stable_id(&base.base_id),
        name: format!("PRONOTE-{uai}"),
        description,
        service_id: format!("^{}/.*$", regex_escape(public_url.as_str())),
        evaluation_order: evaluation_order(public_url),
        service_url,
        direct_access_url: direct,
        uais: base.uais.clone(),
        mode: settings.first_connection.code().to_owned(),
        attributes,
        required,
        validation: Validation::of(CasProtocol::of_validation_url(&cas_urls.validation_url())),
    };
    Ok((entry, notes))
}

/// More specific (longer) public URLs first: an address inside another
/// base's is matched before it. Does not depend on the other bases, so
/// adding one never changes another's entry.
fn evaluation_order(public_url: &WebUrl) -> i32 {
    let length = i32::try_from(public_url.as_str().len()).unwrap_or(i32::MAX);
    10_000 - length.min(9_000)
}

/// The attributes the base's identification mode and common identifier
/// need, under the names its settings use, sorted and without repeats.
pub fn needed_attributes(
    settings: &DelegationSettings,
    mapping: &AttributeMapping,
) -> Vec<ReleasedAttribute> {
    let mut names: BTreeSet<&str> = BTreeSet::new();
    if let CommonIdentifier::Attribute(name) = &settings.common_identifier {
        names.insert(name.as_str());
    }
    match &settings.first_connection {
        FirstConnectionMode::Identity(identity) => {
            names.insert(identity.last_name.as_str());
            names.insert(identity.first_name.as_str());
            names.insert(identity.birth_date.as_str());
            if let Some(postal) = &identity.postal_code {
                names.insert(postal.as_str());
            }
            names.insert(identity.profile.as_str());
        }
        FirstConnectionMode::PronoteIdentifier { attribute } => {
            names.insert(attribute.as_str());
        }
        FirstConnectionMode::DoubleAuthentication | FirstConnectionMode::RefuseAccess => {}
    }
    names
        .into_iter()
        .map(|name| ReleasedAttribute {
            name: name.to_owned(),
            source: mapping.source_of(name).to_owned(),
        })
        .collect()
}

/// The profile values of the populations the base delegates to CAS, and a
/// note when access cannot be restricted without locking someone out.
fn required_values(
    settings: &DelegationSettings,
    identity: &IdentityAttributes,
    mapping: &AttributeMapping,
) -> (Option<RequiredValues>, Option<String>) {
    let profiles: BTreeSet<Profile> = settings
        .espaces
        .espaces_on(EspaceDelegation::Cas)
        .into_iter()
        .flat_map(|espace: Espace| espace.profiles().iter().copied())
        .collect();
    if profiles.is_empty() {
        return (
            None,
            Some("aucun espace d'une population n'est délégué à CAS ; accès non restreint par profil.".to_owned()),
        );
    }
    let mut values: Vec<String> = Vec::new();
    for profile in &profiles {
        let accepted = identity.profile_values.get(*profile);
        if accepted.is_empty() {
            return (
                None,
                Some(format!(
                    "le profil {profile} est délégué à CAS sans valeur de l'attribut « {} » ; \
                     l'accès n'est pas restreint par profil pour ne pas l'exclure.",
                    identity.profile
                )),
            );
        }
        for value in accepted {
            if !values.contains(value) {
                values.push(value.clone());
            }
        }
    }
    values.sort();
    (
        Some(RequiredValues {
            attribute: mapping.source_of(identity.profile.as_str()).to_owned(),
            values,
        }),
        None,
    )
}

#[cfg(test)]
pub(crate) mod tests;
