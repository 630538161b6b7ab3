//! The canonical form of a feed.

use std::fmt::Write as _;

use quick_xml::escape::escape;
use relais_domain::delegation::{CasUrls, CommonIdentifier, FirstConnectionMode, Profile};
use relais_domain::models::{ClientSettings, ModelFeed};

use super::names::*;
use super::{NAMESPACE, VERSION};

/// Writes `feed` in the canonical form: UTF-8, declaration, two-space
/// indentation, optional elements omitted when absent, clients and profiles
/// in [`Client::ALL`](relais_domain::models::Client::ALL) and [`Profile::ALL`] order, only profiles with values.
/// Meant for feeds that pass [`ModelFeed::check`]; valid against the schema.
pub fn write(feed: &ModelFeed) -> String {
    let mut out = String::with_capacity(256 + feed.models.len() * 2048);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<{LISTE_MODELES} xmlns=\"{NAMESPACE}\" version=\"{VERSION}\">"
    );
    for model in &feed.models {
        out.push_str("  <ENT>\n");
        element(&mut out, 2, NOM, &model.name);
        element(&mut out, 2, LOCALISATION, &model.location);
        if let Some(description) = &model.description {
            element(&mut out, 2, DESCRIPTION, description);
        }
        if let Some(url) = &model.documentation_url {
            element(&mut out, 2, URL_DOCUMENTATION, url.as_str());
        }
        for (client, settings) in &model.clients {
            write_client(&mut out, client_element(*client), settings);
        }
        out.push_str("  </ENT>\n");
    }
    let _ = writeln!(out, "</{LISTE_MODELES}>");
    out
}

fn write_client(out: &mut String, name: &str, settings: &ClientSettings) {
    open(out, 2, name);
    if let CommonIdentifier::Attribute(attribute) = &settings.common_identifier {
        element(out, 3, ATTRIBUT_ID_CAS, attribute.as_str());
    }
    match &settings.cas_urls {
        None => {}
        Some(CasUrls::Standard { root }) => {
            open(out, 3, URL_SERVEUR_CAS);
            element(out, 4, URL_RACINE, root.as_str());
            close(out, 3, URL_SERVEUR_CAS);
        }
        Some(CasUrls::Custom { login, validation }) => {
            open(out, 3, URL_SERVEUR_CAS);
            element(out, 4, URL_AUTHENTIFICATION, login.as_str());
            element(out, 4, URL_VALIDATION, validation.as_str());
            close(out, 3, URL_SERVEUR_CAS);
        }
    }
    open(out, 3, MODE);
    match &settings.first_connection {
        FirstConnectionMode::Identity(attributes) => {
            open(out, 4, AVEC_IDENTITE);
            element(out, 5, ATTRIBUT_NOM, attributes.last_name.as_str());
            element(out, 5, ATTRIBUT_PRENOM, attributes.first_name.as_str());
            element(
                out,
                5,
                ATTRIBUT_DATE_NAISSANCE,
                attributes.birth_date.as_str(),
            );
            if let Some(postal_code) = &attributes.postal_code {
                element(out, 5, ATTRIBUT_CODE_POSTAL, postal_code.as_str());
            }
            element(out, 5, ATTRIBUT_PROFIL, attributes.profile.as_str());
            open(out, 5, VALEURS_PROFIL);
            for profile in Profile::ALL {
                let values = attributes.profile_values.get(profile);
                if values.is_empty() {
                    continue;
                }
                indent(out, 6);
                let _ = write!(out, "<{PROFIL} code=\"{}\">", profile.as_str());
                for (i, value) in values.iter().enumerate() {
                    if i > 0 {
                        out.push(';');
                    }
                    out.push_str(&escape(value.as_str()));
                }
                let _ = writeln!(out, "</{PROFIL}>");
            }
            close(out, 5, VALEURS_PROFIL);
            close(out, 4, AVEC_IDENTITE);
        }
        FirstConnectionMode::PronoteIdentifier { attribute } => {
            open(out, 4, AVEC_IDENTIFIANT_PRONOTE);
            element(out, 5, ATTRIBUT_IDENTIFIANT, attribute.as_str());
            close(out, 4, AVEC_IDENTIFIANT_PRONOTE);
        }
        FirstConnectionMode::DoubleAuthentication => {
            indent(out, 4);
            let _ = writeln!(out, "<{DOUBLE_AUTHENTIFICATION}/>");
        }
        FirstConnectionMode::RefuseAccess => {
            indent(out, 4);
            let _ = writeln!(out, "<{REFUSER_ACCES}/>");
        }
    }
    close(out, 3, MODE);
    close(out, 2, name);
}

fn indent(out: &mut String, level: usize) {
    for _ in 0..level {
        out.push_str("  ");
    }
}

fn open(out: &mut String, level: usize, name: &str) {
    indent(out, level);
    let _ = writeln!(out, "<{name}>");
}

fn close(out: &mut String, level: usize, name: &str) {
    indent(out, level);
    let _ = writeln!(out, "</{name}>");
}

fn element(out: &mut String, level: usize, name: &str, value: &str) {
    indent(out, level);
    let _ = writeln!(out, "<{name}>{}</{name}>", escape(value));
}
