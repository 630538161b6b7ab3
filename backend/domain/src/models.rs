//! Integrators' CAS configuration models (BRIEF §3): what an ENT publishes so
//! that a school picks « Mon ENT » in a list instead of typing addresses, and
//! the field-level diff between two versions of a model or of a model list.
//!
//! A model never changes a base by itself: the diff is what a person reads
//! before applying an update, and what drift is computed with. Every type has
//! a stable serde form (enums in `SCREAMING_SNAKE_CASE`, struct fields in
//! `camelCase`). The XML feed (`relais-models/1`) lives in `relais-formats`.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

use serde::{Deserialize, Serialize};

pub use crate::delegation::ClientSettings;
use crate::delegation::{
    CasUrls, CommonIdentifier, DelegationSettings, FirstConnectionMode, IdentityAttributes, Profile,
};
use crate::identity::printable;
use crate::web_url::WebUrl;
use crate::{DomainError, Result};

/// A client of PRONOTE a model gives settings for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Client {
    /// The PRONOTE client (« client lourd »), through the PRONOTE server.
    PronoteClient,
    /// PRONOTE.net, the web « Espaces ».
    PronoteNet,
}

impl Client {
    /// Every client, in display (and feed) order.
    pub const ALL: [Client; 2] = [Client::PronoteClient, Client::PronoteNet];

    /// The stable name used in the API and in storage, e.g. `PRONOTE_NET`.
    pub fn as_str(self) -> &'static str {
        match self {
            Client::PronoteClient => "PRONOTE_CLIENT",
            Client::PronoteNet => "PRONOTE_NET",
        }
    }

    /// The French label shown in the console.
    pub fn label(self) -> &'static str {
        match self {
            Client::PronoteClient => "Client PRONOTE",
            Client::PronoteNet => "PRONOTE.net",
        }
    }

    /// The error field of `profileValues` within this client.
    fn profile_values_field(self) -> &'static str {
        match self {
            Client::PronoteClient => "clients.PRONOTE_CLIENT.profileValues",
            Client::PronoteNet => "clients.PRONOTE_NET.profileValues",
        }
    }
}

impl fmt::Display for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl ClientSettings {
    /// The values a base's delegation settings hold for the compared fields
    /// (BRIEF §3) of `client`, to compute drift with
    /// [`diff_client_settings`]: PRONOTE.net's are the settings' own; the
    /// PRONOTE client's are its own definition when the base has one (its
    /// CAS addresses, when not given, PRONOTE.net's), else PRONOTE.net's.
    pub fn of_delegation_for(settings: &DelegationSettings, client: Client) -> Self {
        let net = Self {
            common_identifier: settings.common_identifier.clone(),
            cas_urls: settings.cas_urls.clone(),
            first_connection: settings.first_connection.clone(),
        };
        match (client, &settings.pronote_client) {
            (Client::PronoteClient, Some(own)) => Self {
                cas_urls: own.cas_urls.clone().or(net.cas_urls),
                ..own.clone()
            },
            _ => net,
        }
    }

    /// PRONOTE.net's values of a base ([`ClientSettings::of_delegation_for`]).
    pub fn of_delegation(settings: &DelegationSettings) -> Self {
        Self::of_delegation_for(settings, Client::PronoteNet)
    }

    /// Refuses identification by identity with an invalid accepted value, or
    /// with no accepted value for any profile (field `profileValues`, or
    /// `clients.<CLIENT>.profileValues` through [`EntModel::check`]).
    pub fn check(&self) -> Result<()> {
        self.check_as("profileValues")
    }

    pub(crate) fn check_as(&self, field: &'static str) -> Result<()> {
        if let FirstConnectionMode::Identity(attributes) = &self.first_connection {
            attributes.profile_values.check(field)?;
            if attributes.profile_values.is_empty() {
                return Err(DomainError::validation(
                    field,
                    format!(
                        "Indiquez, pour au moins un profil, les valeurs de l'attribut « {} » \
                         qui le désignent (ex. National_1 pour les élèves).",
                        attributes.profile
                    ),
                ));
            }
        }
        Ok(())
    }
}

/// One ENT's model, e.g. « NetO'Centre (Région Centre : Mode avec
/// alimentation) ».
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EntModel {
    /// The label of the model in the list; 1 to 200 characters, unique
    /// within a feed (case-insensitive).
    pub name: String,
    /// Geographic location, e.g. « Région Centre-Val de Loire »; 1 to 200
    /// characters.
    pub location: String,
    /// Free text, at most 2 000 characters; line breaks kept.
    pub description: Option<String>,
    /// Where the integrator documents its configuration.
    pub documentation_url: Option<WebUrl>,
    /// The settings per client; at least one client.
    pub clients: BTreeMap<Client, ClientSettings>,
}

impl EntModel {
    /// Longest name and location, in characters.
    pub const MAX_LABEL_LEN: usize = 200;
    /// Longest description, in characters.
    pub const MAX_DESCRIPTION_LEN: usize = 2_000;

    /// A name or location as typed: trimmed, inner white space (line breaks
    /// included) folded to one space. [`EntModel::check`] refuses labels not
    /// in this form.
    pub fn clean_label(raw: &str) -> String {
        let mut out = String::with_capacity(raw.len());
        for word in raw.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
        out
    }

    /// A description as typed: line ends normalised to `\n`, trimmed; empty
    /// gives `None`. [`EntModel::check`] refuses descriptions not in this
    /// form.
    pub fn clean_description(raw: &str) -> Option<String> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            None
        } else if trimmed.contains('\r') {
            Some(trimmed.replace("\r\n", "\n").replace('\r', "\n"))
        } else {
            Some(trimmed.to_owned())
        }
    }

    /// Checks the rules the types cannot hold, first one first:
    /// - name (`name`) and location (`location`): 1 to 200 characters, in the
    ///   form of [`EntModel::clean_label`], no control character;
    /// - description (`description`): 1 to 2 000 characters, in the form of
    ///   [`EntModel::clean_description`], no control character other than
    ///   line break and tab;
    /// - at least one client (`clients`);
    /// - each client's [`ClientSettings::check`]
    ///   (`clients.PRONOTE_CLIENT.profileValues`…), its message prefixed
    ///   with the client.
    pub fn check(&self) -> Result<()> {
        check_label("name", "Le nom du modèle", &self.name)?;
        check_label("location", "La localisation du modèle", &self.location)?;
        if let Some(description) = &self.description {
            check_description(description)?;
        }
        if self.clients.is_empty() {
            return Err(DomainError::validation(
                "clients",
                "Le modèle doit donner les paramètres d'au moins un client \
                 (Client PRONOTE ou PRONOTE.net).",
            ));
        }
        for (client, settings) in &self.clients {
            settings
                .check_as(client.profile_values_field())
                .map_err(|err| {
                    DomainError::validation(err.field(), format!("{} : {err}", client.label()))
                })?;
        }
        Ok(())
    }

    /// The key models are matched by: the name, lower-cased.
    pub fn key(&self) -> String {
        self.name.to_lowercase()
    }
}

fn check_label(field: &'static str, what: &str, value: &str) -> Result<()> {
    let length = value.chars().count();
    if length == 0 {
        return Err(DomainError::validation(
            field,
            format!("{what} est obligatoire."),
        ));
    }
    if length > EntModel::MAX_LABEL_LEN {
        return Err(DomainError::validation(
            field,
            format!("{what} ne doit pas dépasser 200 caractères."),
        ));
    }
    if value.chars().any(char::is_control) || EntModel::clean_label(value) != value {
        return Err(DomainError::validation(
            field,
            format!(
                "{what} « {} » contient un caractère de contrôle, un saut de ligne \
                 ou des espaces superflus.",
                printable(value)
            ),
        ));
    }
    Ok(())
}

fn check_description(value: &str) -> Result<()> {
    let length = value.chars().count();
    if length == 0 || value.trim() != value {
        return Err(DomainError::validation(
            "description",
            "La description ne doit être ni vide ni entourée d'espaces.",
        ));
    }
    if length > EntModel::MAX_DESCRIPTION_LEN {
        return Err(DomainError::validation(
            "description",
            "La description ne doit pas dépasser 2 000 caractères.",
        ));
    }
    if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(DomainError::validation(
            "description",
            "La description contient un caractère de contrôle.",
        ));
    }
    Ok(())
}

/// A list of models, as an integrator publishes it; order kept.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ModelFeed {
    pub models: Vec<EntModel>,
}

impl ModelFeed {
    /// Checks that the list has at least one model (field `models`: an
    /// empty list is always a mistake, and must not empty a catalog), each
    /// [`EntModel::check`] (message prefixed with the model's name), and
    /// that no two models share a name, case ignored (field `name`).
    pub fn check(&self) -> Result<()> {
        if self.models.is_empty() {
            return Err(DomainError::validation(
                "models",
                "La liste ne contient aucun modèle.",
            ));
        }
        let mut seen: HashMap<String, usize> = HashMap::with_capacity(self.models.len());
        for (index, model) in self.models.iter().enumerate() {
            model.check().map_err(|err| {
                DomainError::validation(
                    err.field(),
                    format!(
                        "Modèle n° {} « {} » : {err}",
                        index + 1,
                        printable(&model.name)
                    ),
                )
            })?;
            if let Some(first) = seen.insert(model.key(), index) {
                return Err(DomainError::validation(
                    "name",
                    format!(
                        "Le nom « {} » est déjà celui du modèle n° {} : chaque modèle doit \
                         avoir un nom différent (majuscules et minuscules confondues).",
                        printable(&model.name),
                        first + 1
                    ),
                ));
            }
        }
        Ok(())
    }
}

/// A field compared between two versions of a model (BRIEF §3 « compared
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

    /// The fields a base's settings are compared on for drift (BRIEF §3):
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
/// BRIEF §3, in this order: URL shape, URL(s), identification mode,
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

/// How a known ENT identifies users at the first connection, in its model.
#[derive(Clone, Copy)]
enum KnownMode {
    /// Identity, with the directory's (SDET) attribute names.
    IdentitySdet,
    /// Identity, with the short attribute names.
    IdentityShort,
    /// The PRONOTE identifier in `idPronote`, also the common identifier.
    PronoteIdentifier,
    /// Identifiers loaded beforehand (« Refuser l'accès »).
    RefuseAccess,
}

/// The ENTs of BRIEF §3 as demonstration models, under the full names of
/// their guides (« NetO'Centre (Région Centre : Mode avec alimentation) »,
/// « E-lyco (ENT des Pays de la Loire) »), Kosmos's K-d'école ENTs
/// included, both clients, each with its own attribute names: there is no
/// default set (docs/domain.md « Les attributs de chaque ENT »). A model
/// without CAS address (Atrium) leaves it to the school, as its guide does.
pub fn known_ent_models() -> Vec<EntModel> {
    use KnownMode::*;
    const KNOWN: [(&str, &str, Option<&str>, KnownMode, &str); 13] = [
        (
            "NetO'Centre (Région Centre : Mode avec alimentation)",
            "Région Centre-Val de Loire",
            Some("https://ent.netocentre.fr/cas"),
            IdentitySdet,
            "comptes alimentés depuis l'annuaire académique (GIP RECIA)",
        ),
        (
            "E-lyco (ENT des Pays de la Loire)",
            "Région Pays de la Loire",
            Some("https://cas3.e-lyco.fr/access/"),
            IdentitySdet,
            "attributs de l'annuaire (sn, givenName, ENTPersonDateNaissance, \
             ENTPersonProfils, ENTPersonCodePostal)",
        ),
        (
            "oZe (Hauts-de-Seine)",
            "Hauts-de-Seine",
            Some("https://enc.hauts-de-seine.fr/auth/realms/oze_hds/protocol/cas"),
            PronoteIdentifier,
            "identification par l'identifiant PRONOTE (attribut idPronote)",
        ),
        (
            "Mon Bureau Numérique (Région Grand Est)",
            "Région Grand Est",
            Some("https://cas.monbureaunumerique.fr"),
            IdentityShort,
            "ENT Kosmos (K-d'école)",
        ),
        (
            "Arsène 76 (Seine-Maritime)",
            "Seine-Maritime",
            Some("https://cas.arsene76.fr/"),
            IdentityShort,
            "ENT Kosmos (K-d'école)",
        ),
        (
            "Cybercollèges 42 (Loire)",
            "Loire",
            Some("https://cas.cybercolleges42.fr"),
            IdentityShort,
            "ENT Kosmos (K-d'école)",
        ),
        (
            "Ecollège 31 (Haute-Garonne)",
            "Haute-Garonne",
            Some("https://cas.ecollege.haute-garonne.fr"),
            IdentityShort,
            "ENT Kosmos (K-d'école)",
        ),
        (
            "ENT 27 (Eure)",
            "Eure",
            Some("https://cas.ent27.fr/"),
            IdentityShort,
            "ENT Kosmos (K-d'école)",
        ),
        (
            "Entmip (Occitanie : ex-Midi-Pyrénées)",
            "Occitanie (ex-Midi-Pyrénées)",
            Some("https://cas.entmip.fr"),
            IdentityShort,
            "ENT Kosmos (K-d'école)",
        ),
        (
            "ENT Kosmos (K-d'école)",
            "France (plusieurs académies)",
            Some("https://cas.kosmoseducation.com"),
            IdentityShort,
            "ENT Kosmos (K-d'école) des établissements sans ENT régional",
        ),
        (
            "Collège Ain (Ain)",
            "Ain",
            Some("https://cas.colleges.ain.fr/"),
            IdentityShort,
            "ENT des collèges de l'Ain",
        ),
        (
            "Atrium (Région Sud)",
            "Région Provence-Alpes-Côte d'Azur",
            None,
            RefuseAccess,
            "adresse du serveur CAS à saisir par l'établissement \
             (https://www.atrium-paca.fr/connexion), identifiants CAS renseignés dans PRONOTE",
        ),
        (
            "Atrium (Région Sud : identité)",
            "Région Provence-Alpes-Côte d'Azur",
            Some("https://www.atrium-paca.fr/connexion"),
            IdentitySdet,
            "rapprochement par l'identité de l'utilisateur",
        ),
    ];
    KNOWN
        .iter()
        .filter_map(|(name, location, root, mode, note)| {
            let cas_urls = match root {
                Some(root) => Some(CasUrls::standard(WebUrl::parse("casUrls", root).ok()?)),
                None => None,
            };
            let id_pronote = || crate::delegation::AttributeName::parse("attribute", "idPronote");
            let (common_identifier, first_connection) = match mode {
                IdentitySdet => (
                    CommonIdentifier::Subject,
                    FirstConnectionMode::Identity(IdentityAttributes::sdet_names()),
                ),
                IdentityShort => (
                    CommonIdentifier::Subject,
                    FirstConnectionMode::Identity(IdentityAttributes::short_names()),
                ),
                PronoteIdentifier => (
                    CommonIdentifier::Attribute(id_pronote().ok()?),
                    FirstConnectionMode::PronoteIdentifier {
                        attribute: id_pronote().ok()?,
                    },
                ),
                RefuseAccess => (CommonIdentifier::Subject, FirstConnectionMode::RefuseAccess),
            };
            let settings = ClientSettings {
                common_identifier,
                cas_urls,
                first_connection,
            };
            Some(EntModel {
                name: (*name).to_owned(),
                location: (*location).to_owned(),
                description: Some(format!("Modèle de démonstration : {note}.")),
                documentation_url: None,
                clients: Client::ALL
                    .into_iter()
                    .map(|client| (client, settings.clone()))
                    .collect(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::delegation::{AttributeName, ProfileValues};

    fn url(raw: &str) -> WebUrl {
        WebUrl::parse("url", raw).unwrap()
    }

    fn name(raw: &str) -> AttributeName {
        AttributeName::parse("attribute", raw).unwrap()
    }

    fn identity_settings(root: &str) -> ClientSettings {
        ClientSettings {
            common_identifier: CommonIdentifier::Subject,
            cas_urls: Some(CasUrls::standard(url(root))),
            first_connection: FirstConnectionMode::Identity(IdentityAttributes::short_names()),
        }
    }

    fn netocentre() -> EntModel {
        EntModel {
            name: "NetO'Centre (Région Centre : Mode avec alimentation)".to_owned(),
            location: "Région Centre-Val de Loire".to_owned(),
            description: Some("ENT des lycées\net collèges.".to_owned()),
            documentation_url: Some(url("https://www.netocentre.fr/pronote")),
            clients: Client::ALL
                .into_iter()
                .map(|c| (c, identity_settings("https://ent.netocentre.fr/cas")))
                .collect(),
        }
    }

    fn oze() -> EntModel {
        let settings = ClientSettings {
            common_identifier: CommonIdentifier::Attribute(name("idPronote")),
            cas_urls: Some(CasUrls::Custom {
                login: url("https://enc.hauts-de-seine.fr/cas/login"),
                validation: url("https://enc.hauts-de-seine.fr/cas/samlValidate"),
            }),
            first_connection: FirstConnectionMode::PronoteIdentifier {
                attribute: name("idPronote"),
            },
        };
        EntModel {
            name: "oZe Hauts-de-Seine".to_owned(),
            location: "Hauts-de-Seine".to_owned(),
            description: None,
            documentation_url: None,
            clients: BTreeMap::from([(Client::PronoteNet, settings)]),
        }
    }

    #[test]
    fn clients_have_labels_and_stable_names() {
        assert_eq!(Client::PronoteClient.label(), "Client PRONOTE");
        assert_eq!(Client::PronoteNet.to_string(), "PRONOTE.net");
        for client in Client::ALL {
            let json = serde_json::to_string(&client).unwrap();
            assert_eq!(json, format!("\"{}\"", client.as_str()));
            assert_eq!(serde_json::from_str::<Client>(&json).unwrap(), client);
        }
        assert!(Client::PronoteClient < Client::PronoteNet);
    }

    #[test]
    fn models_check_and_round_trip_in_json() {
        for model in [netocentre(), oze()] {
            assert_eq!(model.check(), Ok(()));
            let json = serde_json::to_string(&model).unwrap();
            assert_eq!(serde_json::from_str::<EntModel>(&json).unwrap(), model);
        }
        let json = serde_json::to_string(&oze()).unwrap();
        assert!(
            json.starts_with(
                "{\"name\":\"oZe Hauts-de-Seine\",\"location\":\"Hauts-de-Seine\",\
                 \"description\":null,\"documentationUrl\":null,\"clients\":{\"PRONOTE_NET\":\
                 {\"commonIdentifier\":{\"kind\":\"ATTRIBUTE\",\"attribute\":\"idPronote\"},\
                 \"casUrls\":{\"kind\":\"CUSTOM\","
            ),
            "{json}"
        );
        let feed = ModelFeed {
            models: vec![netocentre(), oze()],
        };
        assert_eq!(feed.check(), Ok(()));
        let json = serde_json::to_string(&feed).unwrap();
        assert_eq!(serde_json::from_str::<ModelFeed>(&json).unwrap(), feed);
    }

    #[test]
    fn labels_are_checked() {
        let mut model = netocentre();
        model.name = String::new();
        let err = model.check().unwrap_err();
        assert_eq!(err.field(), "name");
        assert_eq!(err.to_string(), "Le nom du modèle est obligatoire.");
        model.name = "é".repeat(200);
        assert_eq!(model.check(), Ok(()));
        model.name = "é".repeat(201);
        assert!(model.check().unwrap_err().to_string().contains("200"));
        for bad in [" NetO'Centre", "Net  O", "Net\nO", "Net\u{7}O"] {
            model.name = bad.to_owned();
            let err = model.check().unwrap_err();
            assert!(err.to_string().contains("caractère de contrôle"), "{bad:?}");
        }
        let mut model = netocentre();
        model.location = "\t".to_owned();
        assert_eq!(model.check().unwrap_err().field(), "location");
        assert_eq!(
            EntModel::clean_label("  Région\n Centre\t: x "),
            "Région Centre : x"
        );
    }

    #[test]
    fn descriptions_are_checked() {
        let mut model = netocentre();
        model.description = Some("x".repeat(2_000));
        assert_eq!(model.check(), Ok(()));
        model.description = Some("x".repeat(2_001));
        let err = model.check().unwrap_err();
        assert_eq!(err.field(), "description");
        assert!(err.to_string().contains("2 000"));
        for bad in ["", " x", "x\n", "a\rb", "a\u{0}b"] {
            model.description = Some(bad.to_owned());
            assert_eq!(model.check().unwrap_err().field(), "description", "{bad:?}");
        }
        model.description = Some("a\n\tb".to_owned());
        assert_eq!(model.check(), Ok(()));
        assert_eq!(
            EntModel::clean_description(" a\r\nb\rc \n"),
            Some("a\nb\nc".to_owned())
        );
        assert_eq!(EntModel::clean_description(" \n "), None);
    }

    #[test]
    fn a_model_needs_a_client_with_profile_values() {
        let mut model = netocentre();
        model.clients.clear();
        let err = model.check().unwrap_err();
        assert_eq!(err.field(), "clients");

        let mut model = netocentre();
        let Some(ClientSettings {
            first_connection: FirstConnectionMode::Identity(attributes),
            ..
        }) = model.clients.get_mut(&Client::PronoteNet)
        else {
            panic!("identity");
        };
        attributes.profile_values = ProfileValues::default();
        let err = model.check().unwrap_err();
        assert_eq!(err.field(), "clients.PRONOTE_NET.profileValues");
        assert!(
            err.to_string()
                .starts_with("PRONOTE.net : Indiquez, pour au moins un profil"),
            "{err}"
        );
        let settings = &model.clients[&Client::PronoteNet];
        assert_eq!(settings.check().unwrap_err().field(), "profileValues");
    }

    #[test]
    fn feeds_need_models_with_distinct_names() {
        assert_eq!(
            ModelFeed::default().check().unwrap_err().to_string(),
            "La liste ne contient aucun modèle."
        );
        let mut twin = oze();
        twin.name = "OZE HAUTS-DE-SEINE".to_owned();
        let feed = ModelFeed {
            models: vec![oze(), netocentre(), twin],
        };
        let err = feed.check().unwrap_err();
        assert_eq!(err.field(), "name");
        assert!(
            err.to_string()
                .starts_with("Le nom « OZE HAUTS-DE-SEINE » est déjà celui du modèle n° 1"),
            "{err}"
        );
        let mut bad = netocentre();
        bad.location = String::new();
        let feed = ModelFeed {
            models: vec![oze(), bad],
        };
        let err = feed.check().unwrap_err();
        assert_eq!(err.field(), "location");
        assert!(
            err.to_string().starts_with("Modèle n° 2 « NetO'Centre"),
            "{err}"
        );
    }

    #[test]
    fn equal_models_have_no_difference() {
        assert!(diff_models(&netocentre(), &netocentre()).is_empty());
        let feed = ModelFeed {
            models: vec![netocentre(), oze()],
        };
        assert!(diff_feeds(&feed, &feed).is_empty());
    }

    #[test]
    fn descriptive_fields_and_clients_are_diffed() {
        let old = netocentre();
        let mut new = netocentre();
        new.name = "NETO'CENTRE (Région Centre : Mode avec alimentation)".to_owned();
        new.description = None;
        new.documentation_url = Some(url("https://doc.netocentre.fr"));
        new.clients.remove(&Client::PronoteClient);
        let changes = diff_models(&old, &new);
        let codes: Vec<_> = changes.iter().map(|c| c.field.code()).collect();
        assert_eq!(
            codes,
            ["NAME", "DESCRIPTION", "DOCUMENTATION_URL", "CLIENT_REMOVED"]
        );
        assert_eq!(
            changes[1].old.as_deref(),
            Some("ENT des lycées\net collèges.")
        );
        assert_eq!(changes[1].new, None);
        assert_eq!(changes[3].client, Some(Client::PronoteClient));
        assert_eq!(
            changes[3].old.as_deref(),
            Some("https://ent.netocentre.fr/cas ; Subject CAS ; Avec l'identité de l'utilisateur")
        );
        assert_eq!(
            changes[2].to_string(),
            "Adresse de la documentation : https://www.netocentre.fr/pronote → \
             https://doc.netocentre.fr"
        );
        let back = diff_models(&new, &old);
        assert_eq!(back[3].field, ModelField::ClientAdded);
        assert_eq!(back[3].new, changes[3].old);
    }

    #[test]
    fn compared_fields_are_diffed_one_by_one() {
        let old = identity_settings("https://ent.netocentre.fr/cas");
        let mut new = old.clone();
        new.cas_urls = Some(CasUrls::Custom {
            login: url("https://ent.netocentre.fr/cas/login"),
            validation: url("https://ent.netocentre.fr/cas/p3/samlValidate"),
        });
        new.common_identifier = CommonIdentifier::Attribute(name("uid"));
        let FirstConnectionMode::Identity(attributes) = &mut new.first_connection else {
            panic!("identity");
        };
        attributes.first_name = name("givenName");
        attributes.postal_code = None;
        attributes
            .profile_values
            .set(Profile::Professeur, vec!["National_3".into(), "ENS".into()]);
        attributes.profile_values.set(Profile::Parent, vec![]);
        let changes = diff_client_settings(Client::PronoteNet, &old, &new);
        let rendered: Vec<_> = changes.iter().map(ToString::to_string).collect();
        assert_eq!(
            rendered,
            [
                "PRONOTE.net — Forme des adresses du serveur CAS : Standard (une adresse racine) \
                 → Personnalisée (adresses d'authentification et de validation)",
                "PRONOTE.net — Adresses du serveur CAS : https://ent.netocentre.fr/cas → \
                 authentification https://ent.netocentre.fr/cas/login ; validation \
                 https://ent.netocentre.fr/cas/p3/samlValidate",
                "PRONOTE.net — Identifiant commun : Subject CAS → Attribut CAS uid",
                "PRONOTE.net — Attribut du prénom : prenom → givenName",
                "PRONOTE.net — Attribut du code postal : codePostal → (aucun)",
                "PRONOTE.net — Valeurs du profil Parent : National_2 → (aucun)",
                "PRONOTE.net — Valeurs du profil Professeur : National_3 → National_3;ENS",
            ]
        );
        let codes: Vec<_> = changes.iter().map(|c| c.field.code()).collect();
        assert_eq!(
            codes,
            [
                "CAS_URL_SHAPE",
                "CAS_URLS",
                "IDENTIFIER_ATTRIBUTE",
                "ATTRIBUTE_NAMES",
                "ATTRIBUTE_NAMES",
                "PROFILE_VALUES",
                "PROFILE_VALUES"
            ]
        );
        assert!(
            changes
                .iter()
                .all(|c| ModelField::COMPARED.contains(&c.field))
        );
    }

    #[test]
    fn a_change_of_mode_lists_the_attributes_it_brings() {
        let old = identity_settings("https://ent.netocentre.fr/cas");
        let mut new = old.clone();
        new.cas_urls = None;
        new.first_connection = FirstConnectionMode::PronoteIdentifier {
            attribute: name("idPronote"),
        };
        let changes = diff_client_settings(Client::PronoteClient, &old, &new);
        let labels: Vec<_> = changes.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Forme des adresses du serveur CAS",
                "Adresses du serveur CAS",
                "Mode d'identification à la première connexion",
                "Attribut du nom",
                "Attribut du prénom",
                "Attribut de la date de naissance",
                "Attribut du code postal",
                "Attribut du profil",
                "Attribut de l'identifiant PRONOTE",
                "Valeurs du profil Élève",
                "Valeurs du profil Parent",
                "Valeurs du profil Professeur",
                "Valeurs du profil Personnel",
            ]
        );
        assert_eq!(
            changes[0].new.as_deref(),
            Some("Non fournie (saisie par l'établissement)")
        );
        assert_eq!(changes[1].new, None);
        assert_eq!(
            changes[2].new.as_deref(),
            Some("Avec l'identifiant PRONOTE")
        );
        assert_eq!(changes[8].old, None);
        assert_eq!(changes[8].new.as_deref(), Some("idPronote"));

        let refuse = ClientSettings {
            first_connection: FirstConnectionMode::RefuseAccess,
            ..new.clone()
        };
        let double = ClientSettings {
            first_connection: FirstConnectionMode::DoubleAuthentication,
            ..new.clone()
        };
        let changes = diff_client_settings(Client::PronoteClient, &refuse, &double);
        assert_eq!(changes.len(), 1);
        assert_eq!(
            changes[0].to_string(),
            "Client PRONOTE — Mode d'identification à la première connexion : \
             Refuser l'accès → Double authentification"
        );
    }

    #[test]
    fn drift_compares_a_base_with_its_model() {
        let model = identity_settings("https://ent.netocentre.fr/cas");
        let base = DelegationSettings::advised(
            url("https://ent.netocentre.fr/cas/"),
            IdentityAttributes::short_names(),
        );
        assert!(
            diff_client_settings(
                Client::PronoteNet,
                &model,
                &ClientSettings::of_delegation(&base)
            )
            .is_empty()
        );
        let mut base = base;
        base.common_identifier = CommonIdentifier::Attribute(name("uid"));
        let changes = diff_client_settings(
            Client::PronoteNet,
            &model,
            &ClientSettings::of_delegation(&base),
        );
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].field, ModelField::IdentifierAttribute);
    }

    #[test]
    fn feeds_are_diffed_by_name_case_ignored() {
        let mut renamed = oze();
        renamed.name = "OZE Hauts-de-Seine".to_owned();
        let known = known_ent_models();
        let old = ModelFeed {
            models: vec![known[3].clone(), netocentre(), oze(), known[4].clone()],
        };
        let mut changed = netocentre();
        changed.location = "Centre-Val de Loire".to_owned();
        let new = ModelFeed {
            models: vec![known[5].clone(), renamed, changed, known[3].clone()],
        };
        let diff = diff_feeds(&old, &new);
        assert_eq!(diff.added, ["Cybercollèges 42 (Loire)"]);
        assert_eq!(diff.withdrawn, ["Arsène 76 (Seine-Maritime)"]);
        let names: Vec<_> = diff.changed.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "OZE Hauts-de-Seine",
                "NetO'Centre (Région Centre : Mode avec alimentation)"
            ]
        );
        assert_eq!(diff.changed[0].1[0].field, ModelField::Name);
        assert_eq!(diff.changed[1].1.len(), 1);
        assert_eq!(diff.changed[1].1[0].field, ModelField::Location);
        let json = serde_json::to_string(&diff).unwrap();
        assert!(json.contains("\"field\":\"LOCATION\""), "{json}");
        assert_eq!(serde_json::from_str::<FeedDiff>(&json).unwrap(), diff);
    }

    #[test]
    fn field_codes_are_the_json_form() {
        for field in ModelField::ALL {
            assert_eq!(
                serde_json::to_string(&field).unwrap(),
                format!("\"{}\"", field.code())
            );
            assert!(!field.label().is_empty());
        }
    }

    #[test]
    fn known_models_carry_each_ents_names() {
        let models = known_ent_models();
        assert_eq!(models.len(), 13);
        let feed = ModelFeed {
            models: models.clone(),
        };
        assert_eq!(feed.check(), Ok(()));
        let named = |name: &str| models.iter().find(|m| m.name == name).unwrap();
        let identity = |model: &EntModel| match &model.clients[&Client::PronoteNet].first_connection
        {
            FirstConnectionMode::Identity(attributes) => attributes.clone(),
            other => panic!("{}: {other:?}", model.name),
        };
        // The guides' full names, and the directory's attribute names for
        // NetO'Centre and e-lyco.
        let neto = named("NetO'Centre (Région Centre : Mode avec alimentation)");
        assert_eq!(neto.location, "Région Centre-Val de Loire");
        assert_eq!(neto.clients.len(), 2);
        let settings = &neto.clients[&Client::PronoteNet];
        assert_eq!(
            settings.cas_urls,
            Some(CasUrls::standard(url("https://ent.netocentre.fr/cas")))
        );
        assert_eq!(settings.common_identifier, CommonIdentifier::Subject);
        let elyco = identity(named("E-lyco (ENT des Pays de la Loire)"));
        for attributes in [identity(neto), elyco] {
            assert_eq!(attributes.last_name.as_str(), "sn");
            assert_eq!(attributes.first_name.as_str(), "givenName");
            assert_eq!(attributes.birth_date.as_str(), "ENTPersonDateNaissance");
            assert_eq!(
                attributes.postal_code.as_ref().map(|a| a.as_str()),
                Some("ENTPersonCodePostal")
            );
            assert_eq!(attributes.profile.as_str(), "ENTPersonProfils");
        }
        // Kosmos's K-d'école ENTs are listed, with their own names.
        let kosmos: Vec<&EntModel> = models
            .iter()
            .filter(|m| {
                m.description
                    .as_deref()
                    .is_some_and(|d| d.contains("K-d'école"))
            })
            .collect();
        assert!(kosmos.len() >= 6, "{kosmos:?}");
        assert!(
            kosmos
                .iter()
                .any(|m| m.name == "Mon Bureau Numérique (Région Grand Est)")
        );
        assert_eq!(identity(kosmos[0]).last_name.as_str(), "nom");
        // Not one set for all.
        let sets: HashSet<String> = models
            .iter()
            .filter_map(|m| match &m.clients[&Client::PronoteNet].first_connection {
                FirstConnectionMode::Identity(a) => Some(a.last_name.as_str().to_owned()),
                _ => None,
            })
            .collect();
        assert!(sets.len() >= 2, "{sets:?}");
        // oZe identifies by the PRONOTE identifier; Atrium leaves the CAS
        // address to the school.
        assert_eq!(
            named("oZe (Hauts-de-Seine)").clients[&Client::PronoteNet]
                .first_connection
                .code(),
            "PRONOTE_IDENTIFIER"
        );
        assert_eq!(
            named("Atrium (Région Sud)").clients[&Client::PronoteNet].cas_urls,
            None
        );
    }
}
