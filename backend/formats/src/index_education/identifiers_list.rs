//! The inner list of file (B), the PRONOTE identifiers export (docs/domain.md §4).
//!
//! PRONOTE's real schema (EchangesIdentifiantsCas) is not public: this is
//! Relais' own stand-in, `IDENTIFIANTS_PRONOTE` version 1, documented in
//! `docs/formats/pronote-identifiers-export.md` with its schema
//! `docs/formats/relais-identifiants-pronote-1.xsd`. It lives in this file
//! alone so that the real format can replace it:
//!
//! ```xml
//! <IDENTIFIANTS_PRONOTE Version="1">
//!   <UTILISATEUR IdentifiantPronote="8P4BHZJQ79SUNFX3" Nom="MARTIN" Prenom="Léa"
//!                DateNaissance="2010-03-14" Categorie="ELEVE" IdentifiantCas="e-001"/>
//! </IDENTIFIANTS_PRONOTE>
//! ```

use std::collections::HashMap;

use chrono::NaiveDate;
use quick_xml::Writer;
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, Event};
use quick_xml::name::QName;
use relais_domain::directory::{PronoteCategory, PronoteId, PronoteUser};
use thiserror::Error;

use super::xml::{XmlError, XmlLimits, escape_attribute, line_of, parse_document};

/// The root element.
pub const ROOT: &str = "IDENTIFIANTS_PRONOTE";
/// The root's `Version`.
pub const VERSION: &str = "1";
/// Largest list read.
pub const MAX_BYTES: usize = 64 * 1024 * 1024;
/// Most users read (a large cité scolaire has about 10,000).
pub const MAX_USERS: usize = 200_000;

/// Why a list could not be read. French: shown to the school or operator.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum IdentifiersListError {
    #[error("la liste des identifiants PRONOTE est illisible : {0}")]
    Unreadable(String),
    #[error("la liste des identifiants PRONOTE dépasse {MAX_BYTES} octets")]
    TooLarge,
    #[error("la liste compte plus de {MAX_USERS} utilisateurs")]
    TooManyUsers,
    #[error(
        "le contenu de l'export n'est pas une liste d'identifiants PRONOTE (élément <{0}>) : \
         vérifiez qu'il s'agit bien de l'export « Exporter les identifiants PRONOTE »"
    )]
    NotAList(String),
    #[error("version « {0} » de la liste non prise en charge : attendu Version=\"1\"")]
    Version(String),
    #[error("ligne {line} : {message}")]
    Invalid { line: usize, message: String },
}

impl IdentifiersListError {
    /// A stable code for the API.
    pub fn code(&self) -> &'static str {
        match self {
            IdentifiersListError::Unreadable(_) => "IDENTIFIERS_UNREADABLE",
            IdentifiersListError::TooLarge => "IDENTIFIERS_TOO_LARGE",
            IdentifiersListError::TooManyUsers => "IDENTIFIERS_TOO_MANY_USERS",
            IdentifiersListError::NotAList(_) => "IDENTIFIERS_NOT_A_LIST",
            IdentifiersListError::Version(_) => "IDENTIFIERS_VERSION",
            IdentifiersListError::Invalid { .. } => "IDENTIFIERS_INVALID",
        }
    }
}

/// Reads a list, in document order. Every value goes through the domain
/// parsers; PRONOTE identifiers are unique in the list.
pub fn parse_identifiers_list(bytes: &[u8]) -> Result<Vec<PronoteUser>, IdentifiersListError> {
    let limits = XmlLimits {
        max_bytes: MAX_BYTES,
        max_depth: 4,
        max_elements: MAX_USERS + 1,
    };
    let root = parse_document(bytes, &limits).map_err(|e| match e {
        XmlError::TooLarge { .. } => IdentifiersListError::TooLarge,
        XmlError::TooManyElements { .. } => IdentifiersListError::TooManyUsers,
        other => IdentifiersListError::Unreadable(other.describe()),
    })?;
    if root.name != ROOT || root.namespace.is_some() {
        return Err(IdentifiersListError::NotAList(root.name));
    }
    match root.attribute("Version") {
        Some(VERSION) => {}
        other => {
            return Err(IdentifiersListError::Version(
                other.unwrap_or("").chars().take(20).collect(),
            ));
        }
    }
    let src = String::from_utf8_lossy(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes));
    let mut users = Vec::with_capacity(root.children.len());
    let mut lines: HashMap<PronoteId, usize> = HashMap::with_capacity(root.children.len());
    for element in &root.children {
        let line = line_of(&src, element.pos);
        let invalid = |message: String| IdentifiersListError::Invalid { line, message };
        if element.name != "UTILISATEUR" {
            return Err(invalid(format!(
                "élément <{}> inattendu : attendu <UTILISATEUR>",
                element.name
            )));
        }
        let required = |name: &str| {
            element
                .attribute(name)
                .ok_or_else(|| invalid(format!("attribut {name} manquant")))
        };
        let pronote_id = PronoteId::parse("IdentifiantPronote", required("IdentifiantPronote")?)
            .map_err(|e| invalid(e.to_string()))?;
        let last_name = fold(required("Nom")?);
        if last_name.is_empty() {
            return Err(invalid("le nom est vide".into()));
        }
        let first_name = fold(required("Prenom")?);
        let category = PronoteCategory::parse("Categorie", required("Categorie")?)
            .map_err(|e| invalid(e.to_string()))?;
        let birth_date = match element.attribute("DateNaissance").map(str::trim) {
            None | Some("") => None,
            Some(raw) => Some(
                NaiveDate::parse_from_str(raw, "%Y-%m-%d")
                    .or_else(|_| NaiveDate::parse_from_str(raw, "%d/%m/%Y"))
                    .map_err(|_| {
                        invalid(format!(
                            "date de naissance « {} » illisible : attendu AAAA-MM-JJ",
                            raw.chars().take(20).collect::<String>()
                        ))
                    })?,
            ),
        };
        let cas_id = element
            .attribute("IdentifiantCas")
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned);
        if let Some(first) = lines.insert(pronote_id.clone(), line) {
            return Err(invalid(format!(
                "l'identifiant PRONOTE {pronote_id} figure déjà ligne {first}"
            )));
        }
        users.push(PronoteUser {
            pronote_id,
            last_name,
            first_name,
            birth_date,
            category,
            cas_id,
        });
    }
    Ok(users)
}

/// Writes a list (tests and demo): one `UTILISATEUR` per user, in order.
pub fn write_identifiers_list(users: &[PronoteUser]) -> Vec<u8> {
    let mut writer = Writer::new_with_indent(Vec::with_capacity(256 + users.len() * 160), b' ', 2);
    let write = |w: &mut Writer<Vec<u8>>| -> std::io::Result<()> {
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        let mut root = BytesStart::new(ROOT);
        root.push_attribute(("Version", VERSION));
        w.write_event(Event::Start(root))?;
        for user in users {
            let mut element = BytesStart::new("UTILISATEUR");
            let mut push = |key: &'static str, value: &str| {
                element.push_attribute(Attribute {
                    key: QName(key),
                    value: escape_attribute(value).into_owned().into(),
                });
            };
            push("IdentifiantPronote", user.pronote_id.as_str());
            push("Nom", &user.last_name);
            push("Prenom", &user.first_name);
            if let Some(date) = user.birth_date {
                push("DateNaissance", &date.format("%Y-%m-%d").to_string());
            }
            push("Categorie", user.category.as_str());
            if let Some(cas_id) = &user.cas_id {
                push("IdentifiantCas", cas_id);
            }
            w.write_event(Event::Empty(element))?;
        }
        w.write_event(Event::End(BytesEnd::new(ROOT)))
    };
    // Writing into a Vec cannot fail.
    let _ = write(&mut writer);
    let mut out = writer.into_inner();
    out.push(b'\n');
    out
}

/// Inner white space folded, trimmed.
fn fold(raw: &str) -> String {
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index_education::export_container::{
        ExportHeader, ExportLimits, open_export_container, seal_export_container,
    };
    use crate::index_education::{OsRng, test_keys, xmllint};

    const SCHEMA: &str = "relais-identifiants-pronote-1.xsd";
    const EXAMPLE: &str =
        include_str!("../../../../docs/formats/relais-identifiants-pronote-1.example.xml");

    fn user(id: &str, category: PronoteCategory) -> PronoteUser {
        PronoteUser {
            pronote_id: PronoteId::parse("id", id).unwrap(),
            last_name: "D'ARTAGNAN & <FILS>".into(),
            first_name: "Jean-Marie \"JM\"".into(),
            birth_date: NaiveDate::from_ymd_opt(2010, 3, 14),
            category,
            cas_id: Some("e-001".into()),
        }
    }

    fn users() -> Vec<PronoteUser> {
        PronoteCategory::ALL
            .into_iter()
            .enumerate()
            .map(|(i, category)| {
                let mut u = user(&format!("8P4BHZJQ79SUNFX{i}"), category);
                if i % 2 == 1 {
                    u.birth_date = None;
                    u.cas_id = None;
                }
                u
            })
            .collect()
    }

    #[test]
    fn write_then_parse_gives_the_users_back_and_matches_the_schema() {
        let users = users();
        let xml = write_identifiers_list(&users);
        assert_eq!(parse_identifiers_list(&xml).unwrap(), users);
        xmllint(&xml, SCHEMA, true);
        let empty = write_identifiers_list(&[]);
        assert_eq!(parse_identifiers_list(&empty).unwrap(), vec![]);
        xmllint(&empty, SCHEMA, true);
    }

    #[test]
    fn the_documented_example_parses_and_is_valid() {
        let users = parse_identifiers_list(EXAMPLE.as_bytes()).unwrap();
        assert_eq!(users.len(), 4);
        assert_eq!(users[0].pronote_id.as_str(), "8P4BHZJQ79SUNFX3");
        assert_eq!(users[0].category, PronoteCategory::Eleve);
        assert_eq!(users[2].category, PronoteCategory::Professeur);
        assert_eq!(users[2].birth_date, None);
        assert_eq!(users[1].cas_id, None);
        xmllint(EXAMPLE.as_bytes(), SCHEMA, true);
    }

    #[test]
    fn the_schema_and_the_parser_refuse_the_same_mistakes() {
        let xml = String::from_utf8(write_identifiers_list(&users())).unwrap();
        for (broken, expected) in [
            (
                xml.replace("8P4BHZJQ79SUNFX2", "8P4BHZJQ79SUNF"),
                "ligne 5 : « 8P4BHZJQ79SUNF » n'est pas un identifiant PRONOTE",
            ),
            (
                xml.replacen("Categorie=\"ELEVE\"", "Categorie=\"CHAT\"", 1),
                "ligne 3 : Catégorie PRONOTE « CHAT » inconnue",
            ),
            (
                xml.replacen(
                    "DateNaissance=\"2010-03-14\"",
                    "DateNaissance=\"2010-13-14\"",
                    1,
                ),
                "ligne 3 : date de naissance « 2010-13-14 » illisible",
            ),
            (
                xml.replace("8P4BHZJQ79SUNFX2", "8P4BHZJQ79SUNFX0"),
                "ligne 5 : l'identifiant PRONOTE 8P4BHZJQ79SUNFX0 figure déjà ligne 3",
            ),
            (
                xml.replacen(" Nom=\"D'ARTAGNAN &amp; &lt;FILS&gt;\"", "", 1),
                "ligne 3 : attribut Nom manquant",
            ),
        ] {
            assert_ne!(broken, xml);
            let err = parse_identifiers_list(broken.as_bytes()).unwrap_err();
            assert!(err.to_string().starts_with(expected), "{err} / {expected}");
            assert_eq!(err.code(), "IDENTIFIERS_INVALID");
            // The duplicate is the parser's rule (xs:unique in the schema too).
            xmllint(broken.as_bytes(), SCHEMA, false);
        }
        let err = parse_identifiers_list(b"<EXPORT_INDEX_EDUCATION/>").unwrap_err();
        assert_eq!(err.code(), "IDENTIFIERS_NOT_A_LIST");
        let err = parse_identifiers_list(b"<IDENTIFIANTS_PRONOTE Version=\"2\"/>").unwrap_err();
        assert_eq!(err, IdentifiersListError::Version("2".into()));
        let err = parse_identifiers_list(b"<IDENTIFIANTS_PRONOTE Version=\"1\"><U").unwrap_err();
        assert_eq!(err.code(), "IDENTIFIERS_UNREADABLE");
    }

    #[test]
    fn a_list_travels_in_an_export_container() {
        let users = users();
        let partners = vec![("Relais".to_owned(), test_keys::partner().1.clone())];
        let sealed = seal_export_container(
            &write_identifiers_list(&users),
            &partners,
            &ExportHeader::default(),
            &mut OsRng,
        )
        .unwrap();
        let opened = open_export_container(
            &sealed,
            "Relais",
            &test_keys::partner().0,
            &ExportLimits::default(),
        )
        .unwrap();
        assert_eq!(parse_identifiers_list(&opened.inner).unwrap(), users);
    }
}
