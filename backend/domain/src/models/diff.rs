//! The field-level differences between two versions of a model, of a
//! client's settings, or of a list of models: what a person reads before
//! applying an update, and what drift is computed with.

use std::collections::{HashMap, HashSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use super::{Client, ClientSettings, EntModel, ModelFeed};
use crate::delegation::{CasUrls, FirstConnectionMode, IdentityAttributes, Profile};
use crate::web_url::WebUrl;

/// A field compared between two versions of a model (docs/domain.md §3 « compared
/// fields », plus the model's own descriptive fields).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ModelField {
    Name,
    Location,
    Description,
    DocumentationUrl,
    ClientAdded,
    ClientRemoved,
    CasUrlShape,
    CasUrls,
    IdentificationMode,
    IdentifierAttribute,
    AttributeNames,
    ProfileValues,
}

impl ModelField {
    /// Every field, in the order changes are listed.
    pub const ALL: [ModelField; 12] = [
        ModelField::Name,
        ModelField::Location,
        ModelField::Description,
        ModelField::DocumentationUrl,
        ModelField::ClientAdded,
        ModelField::ClientRemoved,
        ModelField::CasUrlShape,
        ModelField::CasUrls,
        ModelField::IdentificationMode,
        ModelField::IdentifierAttribute,
        ModelField::AttributeNames,
        ModelField::ProfileValues,
    ];

    /// The fields a base's settings are compared on for drift (docs/domain.md §3):
    /// URL shape, URL(s), identification mode, identifier attribute,
    /// attribute names, per-profile values.
    pub const COMPARED: [ModelField; 6] = [
        ModelField::CasUrlShape,
        ModelField::CasUrls,
        ModelField::IdentificationMode,
        ModelField::IdentifierAttribute,
        ModelField::AttributeNames,
        ModelField::ProfileValues,
    ];

    /// The stable code, also the JSON form, e.g. `CAS_URL_SHAPE`.
    pub fn code(self) -> &'static str {
        match self {
            ModelField::Name => "NAME",
            ModelField::Location => "LOCATION",
            ModelField::Description => "DESCRIPTION",
            ModelField::DocumentationUrl => "DOCUMENTATION_URL",
            ModelField::ClientAdded => "CLIENT_ADDED",
            ModelField::ClientRemoved => "CLIENT_REMOVED",
            ModelField::CasUrlShape => "CAS_URL_SHAPE",
            ModelField::CasUrls => "CAS_URLS",
            ModelField::IdentificationMode => "IDENTIFICATION_MODE",
            ModelField::IdentifierAttribute => "IDENTIFIER_ATTRIBUTE",
            ModelField::AttributeNames => "ATTRIBUTE_NAMES",
            ModelField::ProfileValues => "PROFILE_VALUES",
        }
    }

    /// The French label shown in the console.
    pub fn label(self) -> &'static str {
        match self {
            ModelField::Name => "Nom du modèle",
            ModelField::Location => "Localisation",
            ModelField::Description => "Description",
            ModelField::DocumentationUrl => "Adresse de la documentation",
            ModelField::ClientAdded => "Client ajouté",
            ModelField::ClientRemoved => "Client retiré",
            ModelField::CasUrlShape => "Forme des adresses du serveur CAS",
            ModelField::CasUrls => "Adresses du serveur CAS",
            ModelField::IdentificationMode => "Mode d'identification à la première connexion",
            ModelField::IdentifierAttribute => "Identifiant commun",
            ModelField::AttributeNames => "Noms des attributs CAS",
            ModelField::ProfileValues => "Valeurs par profil",
        }
    }
}

impl fmt::Display for ModelField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// One difference between two versions of a model, for people: which client
/// (none for the model's own fields), which field, and the old and new values
/// as display strings (`None`: not given).
///
/// `label` is the precise French label: the field's own
/// ([`ModelField::label`]) or a finer one for attribute names and profile
/// values (« Attribut du prénom », « Valeurs du profil Élève »).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldChange {
    pub client: Option<Client>,
    pub field: ModelField,
    pub label: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

impl FieldChange {
    fn new(
        client: Option<Client>,
        field: ModelField,
        label: impl Into<String>,
        old: Option<String>,
        new: Option<String>,
    ) -> Self {
        Self {
            client,
            field,
            label: label.into(),
            old,
            new,
        }
    }
}

/// « PRONOTE.net — Attribut du prénom : prenom → givenName »; a value not
/// given reads « (aucun) ».
impl fmt::Display for FieldChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(client) = self.client {
            write!(f, "{} — ", client.label())?;
        }
        let show = |value: &Option<String>| value.clone().unwrap_or_else(|| "(aucun)".to_owned());
        write!(
            f,
            "{} : {} → {}",
            self.label,
            show(&self.old),
            show(&self.new)
        )
    }
}

/// The field-level differences from `old` to `new`, in this order: name,
/// location, description, documentation address; then per client (Client
/// PRONOTE, then PRONOTE.net) either « client ajouté/retiré » or the
/// compared fields of [`diff_client_settings`]. Equal models give no change.
pub fn diff_models(old: &EntModel, new: &EntModel) -> Vec<FieldChange> {
    let mut changes = Vec::new();
    if old == new {
        return changes;
    }
    let mut text = |field: ModelField, old: &Option<String>, new: &Option<String>| {
        if old != new {
            changes.push(FieldChange::new(
                None,
                field,
                field.label(),
                old.clone(),
                new.clone(),
            ));
        }
    };
    text(
        ModelField::Name,
        &Some(old.name.clone()),
        &Some(new.name.clone()),
    );
    text(
        ModelField::Location,
        &Some(old.location.clone()),
        &Some(new.location.clone()),
    );
    text(ModelField::Description, &old.description, &new.description);
    text(
        ModelField::DocumentationUrl,
        &old.documentation_url.as_ref().map(WebUrl::to_string),
        &new.documentation_url.as_ref().map(WebUrl::to_string),
    );
    for client in Client::ALL {
        match (old.clients.get(&client), new.clients.get(&client)) {
            (None, None) => {}
            (None, Some(added)) => changes.push(FieldChange::new(
                Some(client),
                ModelField::ClientAdded,
                ModelField::ClientAdded.label(),
                None,
                Some(summary(added)),
            )),
            (Some(removed), None) => changes.push(FieldChange::new(
                Some(client),
                ModelField::ClientRemoved,
                ModelField::ClientRemoved.label(),
                Some(summary(removed)),
                None,
            )),
            (Some(old), Some(new)) => changes.extend(diff_client_settings(client, old, new)),
        }
    }
    changes
}

/// The differences of one client's settings, on the compared fields of
/// docs/domain.md §3, in this order: URL shape, URL(s), identification mode,
/// identifier attribute, attribute names (one change per attribute), values
/// per profile (one change per profile).
///
/// Also what drift is made of: `old` from the model, `new` from
/// [`ClientSettings::of_delegation`] (or the reverse).
pub fn diff_client_settings(
    client: Client,
    old: &ClientSettings,
    new: &ClientSettings,
) -> Vec<FieldChange> {
    let mut changes = Vec::new();
    if old == new {
        return changes;
    }
    let mut push = |field: ModelField, label: &str, old: Option<String>, new: Option<String>| {
        if old != new {
            changes.push(FieldChange::new(Some(client), field, label, old, new));
        }
    };
    push(
        ModelField::CasUrlShape,
        ModelField::CasUrlShape.label(),
        Some(url_shape(old.cas_urls.as_ref()).to_owned()),
        Some(url_shape(new.cas_urls.as_ref()).to_owned()),
    );
    push(
        ModelField::CasUrls,
        ModelField::CasUrls.label(),
        old.cas_urls.as_ref().map(show_urls),
        new.cas_urls.as_ref().map(show_urls),
    );
    push(
        ModelField::IdentificationMode,
        ModelField::IdentificationMode.label(),
        Some(old.first_connection.label().to_owned()),
        Some(new.first_connection.label().to_owned()),
    );
    push(
        ModelField::IdentifierAttribute,
        ModelField::IdentifierAttribute.label(),
        Some(old.common_identifier.label()),
        Some(new.common_identifier.label()),
    );
    for slot in AttributeSlot::ALL {
        push(
            ModelField::AttributeNames,
            slot.label(),
            slot.value(&old.first_connection),
            slot.value(&new.first_connection),
        );
    }
    let (old_identity, new_identity) = (identity(old), identity(new));
    if old_identity.is_some() || new_identity.is_some() {
        for profile in Profile::ALL {
            let values = |attributes: Option<&IdentityAttributes>| {
                attributes
                    .map(|a| a.profile_values.joined(profile))
                    .filter(|joined| !joined.is_empty())
            };
            push(
                ModelField::ProfileValues,
                &format!("Valeurs du profil {}", profile.label()),
                values(old_identity),
                values(new_identity),
            );
        }
    }
    changes
}

fn identity(settings: &ClientSettings) -> Option<&IdentityAttributes> {
    match &settings.first_connection {
        FirstConnectionMode::Identity(attributes) => Some(attributes),
        _ => None,
    }
}

/// The CAS attributes a mode names, compared one by one.
#[derive(Clone, Copy)]
enum AttributeSlot {
    LastName,
    FirstName,
    BirthDate,
    PostalCode,
    Profile,
    PronoteIdentifier,
}

impl AttributeSlot {
    const ALL: [AttributeSlot; 6] = [
        AttributeSlot::LastName,
        AttributeSlot::FirstName,
        AttributeSlot::BirthDate,
        AttributeSlot::PostalCode,
        AttributeSlot::Profile,
        AttributeSlot::PronoteIdentifier,
    ];

    fn label(self) -> &'static str {
        match self {
            AttributeSlot::LastName => "Attribut du nom",
            AttributeSlot::FirstName => "Attribut du prénom",
            AttributeSlot::BirthDate => "Attribut de la date de naissance",
            AttributeSlot::PostalCode => "Attribut du code postal",
            AttributeSlot::Profile => "Attribut du profil",
            AttributeSlot::PronoteIdentifier => "Attribut de l'identifiant PRONOTE",
        }
    }

    fn value(self, mode: &FirstConnectionMode) -> Option<String> {
        let name = match (self, mode) {
            (AttributeSlot::LastName, FirstConnectionMode::Identity(a)) => &a.last_name,
            (AttributeSlot::FirstName, FirstConnectionMode::Identity(a)) => &a.first_name,
            (AttributeSlot::BirthDate, FirstConnectionMode::Identity(a)) => &a.birth_date,
            (AttributeSlot::PostalCode, FirstConnectionMode::Identity(a)) => {
                a.postal_code.as_ref()?
            }
            (AttributeSlot::Profile, FirstConnectionMode::Identity(a)) => &a.profile,
            (
                AttributeSlot::PronoteIdentifier,
                FirstConnectionMode::PronoteIdentifier { attribute },
            ) => attribute,
            _ => return None,
        };
        Some(name.to_string())
    }
}

fn url_shape(urls: Option<&CasUrls>) -> &'static str {
    match urls {
        Some(CasUrls::Standard { .. }) => "Standard (une adresse racine)",
        Some(CasUrls::Custom { .. }) => {
            "Personnalisée (adresses d'authentification et de validation)"
        }
        None => "Non fournie (saisie par l'établissement)",
    }
}

fn show_urls(urls: &CasUrls) -> String {
    match urls {
        CasUrls::Standard { root } => root.to_string(),
        CasUrls::Custom { login, validation } => {
            format!("authentification {login} ; validation {validation}")
        }
    }
}

/// One line summing up a client's settings, for « client ajouté/retiré ».
fn summary(settings: &ClientSettings) -> String {
    let urls = settings
        .cas_urls
        .as_ref()
        .map_or_else(|| url_shape(None).to_owned(), show_urls);
    format!(
        "{urls} ; {} ; {}",
        settings.common_identifier.label(),
        settings.first_connection.label()
    )
}

/// The differences between two versions of a model list, models matched by
/// name, case ignored. `added` and `changed` follow the new list's order,
/// `withdrawn` the old one's; names are the new list's (the old one's for
/// `withdrawn`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FeedDiff {
    pub added: Vec<String>,
    pub changed: Vec<(String, Vec<FieldChange>)>,
    pub withdrawn: Vec<String>,
}

impl FeedDiff {
    /// Whether both lists hold the same models.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.withdrawn.is_empty()
    }
}

/// Compares two versions of a model list (see [`FeedDiff`]). If a list
/// holds two models whose names differ only by case (which
/// [`ModelFeed::check`] refuses), the first one counts.
pub fn diff_feeds(old: &ModelFeed, new: &ModelFeed) -> FeedDiff {
    let old_keys: Vec<String> = old.models.iter().map(EntModel::key).collect();
    let new_keys: Vec<String> = new.models.iter().map(EntModel::key).collect();
    let mut old_by_key: HashMap<&str, &EntModel> = HashMap::with_capacity(old_keys.len());
    for (key, model) in old_keys.iter().zip(&old.models) {
        old_by_key.entry(key).or_insert(model);
    }
    let mut diff = FeedDiff::default();
    let mut in_new: HashSet<&str> = HashSet::with_capacity(new_keys.len());
    for (key, model) in new_keys.iter().zip(&new.models) {
        if !in_new.insert(key) {
            continue;
        }
        match old_by_key.get(key.as_str()) {
            None => diff.added.push(model.name.clone()),
            Some(previous) => {
                let changes = diff_models(previous, model);
                if !changes.is_empty() {
                    diff.changed.push((model.name.clone(), changes));
                }
            }
        }
    }
    for (key, model) in old_keys.iter().zip(&old.models) {
        // `in_new` also marks the withdrawn ones, so a twin counts once.
        if in_new.insert(key) {
            diff.withdrawn.push(model.name.clone());
        }
    }
    diff
}
