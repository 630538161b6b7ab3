//! CAS attribute names and the common identifier (« AttributIDCas »,
//! docs/domain.md §2).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::identity::printable;
use crate::{DomainError, Result};

/// The name of a CAS attribute, e.g. `idPronote`, `ENTPersonProfils`:
/// 1 to 64 ASCII letters, digits, `_`, `-`, `.` or `:`, starting with a
/// letter. Case is kept: attribute names are case-sensitive.
///
/// Serialised as a plain JSON string, checked again when read back.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AttributeName(String);

impl AttributeName {
    /// Longest accepted name, in characters.
    pub const MAX_LEN: usize = 64;

    /// Trims, then checks the name.
    pub fn parse(field: &'static str, raw: &str) -> Result<Self> {
        let value = raw.trim();
        if value.is_empty() {
            return Err(DomainError::validation(
                field,
                "Le nom de l'attribut CAS est obligatoire.",
            ));
        }
        if value.chars().count() > Self::MAX_LEN {
            return Err(DomainError::validation(
                field,
                "Le nom de l'attribut CAS ne doit pas dépasser 64 caractères.",
            ));
        }
        let starts_with_letter = value.starts_with(|c: char| c.is_ascii_alphabetic());
        let allowed = value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ':'));
        if !starts_with_letter || !allowed {
            return Err(DomainError::validation(
                field,
                format!(
                    "« {} » n'est pas un nom d'attribut CAS valide : lettres sans accent, \
                     chiffres, « _ », « - », « . » ou « : », en commençant par une lettre \
                     (ex. idPronote).",
                    printable(raw)
                ),
            ));
        }
        Ok(Self(value.to_owned()))
    }

    /// The name as written, e.g. `idPronote`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A name known to be valid (constants of this crate).
    pub(super) fn known(name: &str) -> Self {
        Self(name.to_owned())
    }
}

impl TryFrom<String> for AttributeName {
    type Error = DomainError;
    fn try_from(value: String) -> Result<Self> {
        Self::parse("attribute", &value)
    }
}

impl From<AttributeName> for String {
    fn from(value: AttributeName) -> Self {
        value.0
    }
}

impl fmt::Display for AttributeName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What identifies a user in CAS responses (« AttributIDCas »).
///
/// JSON: `{"kind":"SUBJECT"}` or `{"kind":"ATTRIBUTE","attribute":"idPronote"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(
    tag = "kind",
    content = "attribute",
    rename_all = "SCREAMING_SNAKE_CASE"
)]
pub enum CommonIdentifier {
    /// The CAS Subject (`cas:user`), the default.
    #[default]
    Subject,
    /// A named CAS attribute.
    Attribute(AttributeName),
}

impl CommonIdentifier {
    /// The French label shown in the console, e.g. « Attribut CAS idPronote ».
    pub fn label(&self) -> String {
        match self {
            CommonIdentifier::Subject => String::from("Subject CAS"),
            CommonIdentifier::Attribute(name) => format!("Attribut CAS {name}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_names_are_trimmed_and_keep_their_case() {
        for raw in [
            "idPronote",
            " ENTPersonProfils ",
            "nom",
            "urn:oid:1.3.6.1.4.1.7135.1.2.1.14",
            "x-ent_id.v2",
            "A",
        ] {
            let name = AttributeName::parse("attribute", raw).unwrap();
            assert_eq!(name.as_str(), raw.trim());
            assert_eq!(name.to_string(), raw.trim());
        }
        let longest = format!("a{}", "b".repeat(63));
        assert_eq!(
            AttributeName::parse("attribute", &longest)
                .unwrap()
                .as_str(),
            longest
        );
    }

    #[test]
    fn bad_attribute_names_are_refused_in_french() {
        let err = AttributeName::parse("commonIdentifier", "  ").unwrap_err();
        assert_eq!(err.field(), "commonIdentifier");
        assert_eq!(err.to_string(), "Le nom de l'attribut CAS est obligatoire.");

        let err = AttributeName::parse("attribute", &"a".repeat(65)).unwrap_err();
        assert!(err.to_string().contains("64 caractères"));

        for raw in [
            "1abc",
            "_id",
            "-id",
            "id pronote",
            "prénom",
            "id/pronote",
            "id\u{0}",
            "id;x",
        ] {
            let err = AttributeName::parse("attribute", raw).unwrap_err();
            assert_eq!(err.field(), "attribute", "{raw:?}");
            let text = err.to_string();
            assert!(
                text.contains("n'est pas un nom d'attribut CAS valide"),
                "{text}"
            );
            assert!(!text.contains('\u{0}'));
        }
    }

    #[test]
    fn attribute_names_serialize_as_checked_strings() {
        let name = AttributeName::parse("attribute", "idPronote").unwrap();
        assert_eq!(serde_json::to_string(&name).unwrap(), "\"idPronote\"");
        assert_eq!(
            serde_json::from_str::<AttributeName>("\"idPronote\"").unwrap(),
            name
        );
        assert!(serde_json::from_str::<AttributeName>("\"1x\"").is_err());
        assert_eq!(
            AttributeName::try_from(String::new()).unwrap_err().field(),
            "attribute"
        );
        assert_eq!(String::from(name), "idPronote");
    }

    #[test]
    fn common_identifiers_serialize_with_their_kind() {
        let subject = CommonIdentifier::default();
        assert_eq!(subject, CommonIdentifier::Subject);
        assert_eq!(
            serde_json::to_string(&subject).unwrap(),
            "{\"kind\":\"SUBJECT\"}"
        );
        assert_eq!(
            serde_json::from_str::<CommonIdentifier>("{\"kind\":\"SUBJECT\"}").unwrap(),
            subject
        );
        assert_eq!(subject.label(), "Subject CAS");

        let attribute =
            CommonIdentifier::Attribute(AttributeName::parse("a", "idPronote").unwrap());
        let json = serde_json::to_string(&attribute).unwrap();
        assert_eq!(json, "{\"kind\":\"ATTRIBUTE\",\"attribute\":\"idPronote\"}");
        assert_eq!(
            serde_json::from_str::<CommonIdentifier>(&json).unwrap(),
            attribute
        );
        assert_eq!(attribute.label(), "Attribut CAS idPronote");

        for bad in [
            "{\"kind\":\"ATTRIBUTE\"}",
            "{\"kind\":\"ATTRIBUTE\",\"attribute\":\"\"}",
            "{\"kind\":\"OTHER\"}",
        ] {
            assert!(
                serde_json::from_str::<CommonIdentifier>(bad).is_err(),
                "{bad}"
            );
        }
    }
}
