//! The schema's element names, as published.

use relais_domain::models::Client;

pub(super) const LISTE_MODELES: &str = "ListeModeles";
pub(super) const ENT: &str = "ENT";
pub(super) const NOM: &str = "Nom";
pub(super) const LOCALISATION: &str = "Localisation";
pub(super) const DESCRIPTION: &str = "Description";
pub(super) const URL_DOCUMENTATION: &str = "UrlDocumentation";
pub(super) const CLIENT_PRONOTE: &str = "ClientPronote";
pub(super) const PRONOTE_NET: &str = "PronoteNet";
pub(super) const ATTRIBUT_ID_CAS: &str = "AttributIDCas";
pub(super) const URL_SERVEUR_CAS: &str = "Url_ServeurCAS";
pub(super) const URL_RACINE: &str = "UrlRacine";
pub(super) const URL_AUTHENTIFICATION: &str = "UrlAuthentification";
pub(super) const URL_VALIDATION: &str = "UrlValidation";
pub(super) const MODE: &str = "ModeIdentificationPremiereConnexion";
pub(super) const AVEC_IDENTITE: &str = "AvecIdentite";
pub(super) const AVEC_IDENTIFIANT_PRONOTE: &str = "AvecIdentifiantPronote";
pub(super) const DOUBLE_AUTHENTIFICATION: &str = "DoubleAuthentification";
pub(super) const REFUSER_ACCES: &str = "RefuserAcces";
pub(super) const ATTRIBUT_NOM: &str = "AttributNom";
pub(super) const ATTRIBUT_PRENOM: &str = "AttributPrenom";
pub(super) const ATTRIBUT_DATE_NAISSANCE: &str = "AttributDateNaissance";
pub(super) const ATTRIBUT_CODE_POSTAL: &str = "AttributCodePostal";
pub(super) const ATTRIBUT_PROFIL: &str = "AttributProfil";
pub(super) const VALEURS_PROFIL: &str = "ValeursProfil";
pub(super) const PROFIL: &str = "Profil";
pub(super) const ATTRIBUT_IDENTIFIANT: &str = "AttributIdentifiant";

/// The element name of a client.
pub(super) fn client_element(client: Client) -> &'static str {
    match client {
        Client::PronoteClient => CLIENT_PRONOTE,
        Client::PronoteNet => PRONOTE_NET,
    }
}

/// The schema's element names, to tell a known element from a stranger.
pub(super) fn known_name(name: &str) -> Option<&'static str> {
    Some(match name {
        LISTE_MODELES => LISTE_MODELES,
        ENT => ENT,
        NOM => NOM,
        LOCALISATION => LOCALISATION,
        DESCRIPTION => DESCRIPTION,
        URL_DOCUMENTATION => URL_DOCUMENTATION,
        CLIENT_PRONOTE => CLIENT_PRONOTE,
        PRONOTE_NET => PRONOTE_NET,
        ATTRIBUT_ID_CAS => ATTRIBUT_ID_CAS,
        URL_SERVEUR_CAS => URL_SERVEUR_CAS,
        URL_RACINE => URL_RACINE,
        URL_AUTHENTIFICATION => URL_AUTHENTIFICATION,
        URL_VALIDATION => URL_VALIDATION,
        MODE => MODE,
        AVEC_IDENTITE => AVEC_IDENTITE,
        AVEC_IDENTIFIANT_PRONOTE => AVEC_IDENTIFIANT_PRONOTE,
        DOUBLE_AUTHENTIFICATION => DOUBLE_AUTHENTIFICATION,
        REFUSER_ACCES => REFUSER_ACCES,
        ATTRIBUT_NOM => ATTRIBUT_NOM,
        ATTRIBUT_PRENOM => ATTRIBUT_PRENOM,
        ATTRIBUT_DATE_NAISSANCE => ATTRIBUT_DATE_NAISSANCE,
        ATTRIBUT_CODE_POSTAL => ATTRIBUT_CODE_POSTAL,
        ATTRIBUT_PROFIL => ATTRIBUT_PROFIL,
        VALEURS_PROFIL => VALEURS_PROFIL,
        PROFIL => PROFIL,
        ATTRIBUT_IDENTIFIANT => ATTRIBUT_IDENTIFIANT,
        _ => return None,
    })
}
