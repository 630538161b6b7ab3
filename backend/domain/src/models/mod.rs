//! Integrators' CAS configuration models (docs/domain.md §3): what an ENT publishes so
//! that a school picks « Mon ENT » in a list instead of typing addresses, and
//! the field-level diff between two versions of a model or of a model list.
//!
//! A model never changes a base by itself: the diff is what a person reads
//! before applying an update, and what drift is computed with. Every type has
//! a stable serde form (enums in `SCREAMING_SNAKE_CASE`, struct fields in
//! `camelCase`). The XML feed (`relais-models/1`) lives in `relais-formats`.
//!
//! The parts: this module (clients, models, lists of models and their
//! checks), `diff` (field-level differences), `known` (the models of the
//! ENTs Relais knows).

mod diff;
mod known;

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use serde::{Deserialize, Serialize};

pub use crate::delegation::ClientSettings;
use crate::delegation::{DelegationSettings, FirstConnectionMode};
use crate::identity::printable;
use crate::web_url::WebUrl;
use crate::{DomainError, Result};

pub use diff::{FeedDiff, FieldChange, ModelField, diff_client_settings, diff_feeds, diff_models};
pub use known::known_ent_models;

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
    /// (docs/domain.md §3) of `client`, to compute drift with
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

#[cfg(test)]
mod tests;
