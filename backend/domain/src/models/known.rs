//! The models of the ENTs Relais knows, with each ENT's attribute names.

use super::{Client, ClientSettings, EntModel};
use crate::delegation::{CasUrls, CommonIdentifier, FirstConnectionMode, IdentityAttributes};
use crate::web_url::WebUrl;

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

/// The ENTs of docs/domain.md §3 as demonstration models, under the full names of
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
