//! Reading a `PARTENAIRE_INDEX` file back: what the tests and the demo use
//! to check what [`AccountMatchingFile::write`] wrote (PRONOTE reads the
//! real files).

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use relais_domain::Uai;
use relais_domain::directory::{Civility, Sex};

use super::{
    AccountMatchingError, AccountMatchingFile, DelegationProtocol, MatchingEstablishment,
    MatchingPerson, NAMESPACE, Population,
};
use crate::index_education::xml::{Element, XmlLimits, parse_document};

impl AccountMatchingFile {
    /// Reads a `PARTENAIRE_INDEX` file back (tests, demo): the structure
    /// and the values [`AccountMatchingFile::write`] writes.
    pub fn parse(bytes: &[u8]) -> Result<Self, AccountMatchingError> {
        let limits = XmlLimits {
            max_bytes: 64 * 1024 * 1024,
            max_depth: 8,
            max_elements: 2_000_000,
        };
        let root = parse_document(bytes, &limits)
            .map_err(|e| AccountMatchingError::Unreadable(e.describe()))?;
        if root.name != "PARTENAIRE_INDEX" || root.namespace.as_deref() != Some(NAMESPACE) {
            return Err(unreadable(format!(
                "élément racine <{}> : attendu <PARTENAIRE_INDEX xmlns=\"{NAMESPACE}\">",
                root.name
            )));
        }
        let date = DateTime::parse_from_rfc3339(required(&root, "Date")?)
            .map_err(|_| unreadable("attribut Date illisible".into()))?
            .with_timezone(&Utc);
        let protocol = match root.attribute("ProtocoleDelegationAuthentification") {
            None => None,
            Some("CAS") => Some(DelegationProtocol::Cas),
            Some("ADFS") => Some(DelegationProtocol::Adfs),
            Some(other) => {
                return Err(unreadable(format!("protocole « {other} » inconnu")));
            }
        };
        let civilities: HashMap<u32, Civility> = root
            .child("Nomenclatures")
            .and_then(|n| n.child("Civilites"))
            .map(|c| {
                c.children_named("Civilite")
                    .filter_map(|c| {
                        let ident = c.attribute("Ident")?.parse().ok()?;
                        let civility = Civility::parse("Libelle", c.attribute("Libelle")?).ok()?;
                        Some((ident, civility))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let mut establishments = Vec::new();
        for e in root
            .child("Etablissements")
            .into_iter()
            .flat_map(|e| e.children_named("Etablissement"))
        {
            establishments.push(MatchingEstablishment {
                ident: number(e, "Ident")?,
                uai: Uai::parse_acknowledging_checksum("Numero", required(e, "Numero")?)
                    .map_err(|err| unreadable(err.to_string()))?,
                name: required(e, "Nom")?.to_owned(),
                postal_code: e.attribute("CodePostal").map(str::to_owned),
                town: e.attribute("Ville").map(str::to_owned),
            });
        }
        let managed = root
            .child("EtablissementsGeres")
            .into_iter()
            .flat_map(|e| e.children_named("Etablissement"))
            .map(|e| number(e, "Ident"))
            .collect::<Result<_, _>>()?;
        let read = |population: Population| -> Result<Vec<MatchingPerson>, AccountMatchingError> {
            let (list, name) = population.elements();
            root.child(list)
                .into_iter()
                .flat_map(|l| l.children_named(name))
                .map(|p| read_person(p, &civilities))
                .collect()
        };
        Ok(AccountMatchingFile {
            partner_id: required(&root, "Partenaire")?.to_owned(),
            date,
            protocol,
            establishments,
            managed,
            staff: read(Population::Staff)?,
            teachers: read(Population::Teachers)?,
            guardians: read(Population::Guardians)?,
            pupils: read(Population::Pupils)?,
        })
    }
}

fn unreadable(message: String) -> AccountMatchingError {
    AccountMatchingError::Unreadable(message)
}

fn required<'e>(element: &'e Element, name: &str) -> Result<&'e str, AccountMatchingError> {
    element
        .attribute(name)
        .ok_or_else(|| unreadable(format!("attribut {name} manquant sur <{}>", element.name)))
}

fn number(element: &Element, name: &str) -> Result<u32, AccountMatchingError> {
    required(element, name)?.trim().parse().map_err(|_| {
        unreadable(format!(
            "attribut {name} de <{}> non numérique",
            element.name
        ))
    })
}

fn read_person(
    element: &Element,
    civilities: &HashMap<u32, Civility>,
) -> Result<MatchingPerson, AccountMatchingError> {
    let birth_date = element
        .attribute("DateNaissance")
        .map(|raw| {
            NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
                .map_err(|_| unreadable(format!("date de naissance « {raw} » illisible")))
        })
        .transpose()?;
    let sex = match element.attribute("Sexe") {
        None => None,
        Some("Masculin") => Some(Sex::Male),
        Some("Feminin") => Some(Sex::Female),
        Some(other) => return Err(unreadable(format!("sexe « {other} » inconnu"))),
    };
    let civility = element
        .child("Civilite")
        .map(|c| {
            let ident = number(c, "Ident")?;
            civilities
                .get(&ident)
                .copied()
                .ok_or_else(|| unreadable(format!("civilité {ident} absente des nomenclatures")))
        })
        .transpose()?;
    let guardians = element
        .children_named("Responsable")
        .map(|r| number(r, "Ident"))
        .collect::<Result<_, _>>()?;
    Ok(MatchingPerson {
        ident: number(element, "Ident")?,
        ent_id: required(element, "ID_Partenaire")?.to_owned(),
        last_name: required(element, "Nom")?.to_owned(),
        first_name: required(element, "Prenom")?.to_owned(),
        birth_date,
        postal_code: element.attribute("CodePostal").map(str::to_owned),
        civility,
        sex,
        guardians,
    })
}
