//! Establishment kinds, open/closed states and postal codes (docs/domain.md §1: an
//! establishment is a collège, a lycée… identified by its UAI).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::{DomainError, Result};

/// What sort of school an establishment is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EstablishmentKind {
    /// Collège (lower secondary school). Often shares a base with a lycée in a
    /// cité scolaire (docs/domain.md §1).
    College,
    /// Lycée général, technologique or polyvalent.
    Lycee,
    /// Lycée professionnel (LP).
    LyceeProfessionnel,
    /// Établissement régional d'enseignement adapté.
    Erea,
    /// Any other establishment.
    Other,
}

impl EstablishmentKind {
    /// Every kind, in display order.
    pub const ALL: [EstablishmentKind; 5] = [
        EstablishmentKind::College,
        EstablishmentKind::Lycee,
        EstablishmentKind::LyceeProfessionnel,
        EstablishmentKind::Erea,
        EstablishmentKind::Other,
    ];

    /// The stable name used in the API and in storage, e.g. `LYCEE_PROFESSIONNEL`.
    pub fn as_str(self) -> &'static str {
        match self {
            EstablishmentKind::College => "COLLEGE",
            EstablishmentKind::Lycee => "LYCEE",
            EstablishmentKind::LyceeProfessionnel => "LYCEE_PROFESSIONNEL",
            EstablishmentKind::Erea => "EREA",
            EstablishmentKind::Other => "OTHER",
        }
    }

    /// The French label shown in the console.
    pub fn label(self) -> &'static str {
        match self {
            EstablishmentKind::College => "Collège",
            EstablishmentKind::Lycee => "Lycée",
            EstablishmentKind::LyceeProfessionnel => "Lycée professionnel",
            EstablishmentKind::Erea => "EREA",
            EstablishmentKind::Other => "Autre",
        }
    }

    /// Parses one of the [`EstablishmentKind::as_str`] names, ignoring case
    /// and surrounding spaces.
    pub fn parse(field: &'static str, raw: &str) -> Result<Self> {
        let value = raw.trim();
        Self::ALL
            .into_iter()
            .find(|kind| kind.as_str().eq_ignore_ascii_case(value))
            .ok_or_else(|| {
                DomainError::validation(
                    field,
                    "Type d'établissement inconnu : choisissez COLLEGE, LYCEE, \
                     LYCEE_PROFESSIONNEL, EREA ou OTHER.",
                )
            })
    }

    /// Reads the type given by the national establishment directory
    /// (annuaire de l'éducation, fields `type_etablissement` and
    /// `nature_uai_libe`), e.g. « Collège », « LYCEE POLYVALENT », « LP »,
    /// « ETABLISSEMENT REGIONAL D'ENSEIGNEMENT ADAPTE ». Case, accents and
    /// punctuation are ignored; the [`EstablishmentKind::as_str`] names are
    /// accepted too. Anything unrecognised is [`EstablishmentKind::Other`].
    pub fn from_directory_label(raw: &str) -> EstablishmentKind {
        match fold_label(raw).as_str() {
            "COLLEGE" => EstablishmentKind::College,
            "LYCEE"
            | "LYCEE GENERAL"
            | "LYCEE TECHNOLOGIQUE"
            | "LYCEE GENERAL ET TECHNOLOGIQUE"
            | "LYCEE POLYVALENT"
            | "LYCEE D ENSEIGNEMENT GENERAL"
            | "LYCEE D ENSEIGNEMENT TECHNOLOGIQUE"
            | "LYCEE D ENSEIGNEMENT GENERAL ET TECHNOLOGIQUE"
            | "LGT"
            | "LEGT"
            | "LPO" => EstablishmentKind::Lycee,
            "LYCEE PROFESSIONNEL" | "LP" => EstablishmentKind::LyceeProfessionnel,
            "EREA" | "ETABLISSEMENT REGIONAL D ENSEIGNEMENT ADAPTE" => EstablishmentKind::Erea,
            _ => EstablishmentKind::Other,
        }
    }
}

impl fmt::Display for EstablishmentKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for EstablishmentKind {
    type Err = DomainError;

    fn from_str(s: &str) -> Result<Self> {
        Self::parse("kind", s)
    }
}

/// Whether an establishment is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EstablishmentStatus {
    /// The establishment is open.
    Open,
    /// The establishment is closed.
    Closed,
}

impl EstablishmentStatus {
    /// Every status, in display order.
    pub const ALL: [EstablishmentStatus; 2] =
        [EstablishmentStatus::Open, EstablishmentStatus::Closed];

    /// The stable name used in the API and in storage: `OPEN` or `CLOSED`.
    pub fn as_str(self) -> &'static str {
        match self {
            EstablishmentStatus::Open => "OPEN",
            EstablishmentStatus::Closed => "CLOSED",
        }
    }

    /// The French label shown in the console.
    pub fn label(self) -> &'static str {
        match self {
            EstablishmentStatus::Open => "Ouvert",
            EstablishmentStatus::Closed => "Fermé",
        }
    }

    /// Parses `OPEN` or `CLOSED`, ignoring case and surrounding spaces.
    pub fn parse(field: &'static str, raw: &str) -> Result<Self> {
        let value = raw.trim();
        Self::ALL
            .into_iter()
            .find(|status| status.as_str().eq_ignore_ascii_case(value))
            .ok_or_else(|| {
                DomainError::validation(field, "État inconnu : choisissez OPEN ou CLOSED.")
            })
    }

    /// Reads the state given by the national establishment directory:
    /// « OUVERT », « A OUVRIR », « 1 », « OPEN » are open; « FERME »,
    /// « A FERMER », « 0 », « CLOSED » are closed. Case, accents and
    /// punctuation are ignored. An empty or unknown value gives `None`: the
    /// caller decides the default.
    pub fn from_directory_label(raw: &str) -> Option<EstablishmentStatus> {
        match fold_label(raw).as_str() {
            "OUVERT" | "A OUVRIR" | "1" | "OPEN" => Some(EstablishmentStatus::Open),
            "FERME" | "A FERMER" | "0" | "CLOSED" => Some(EstablishmentStatus::Closed),
            _ => None,
        }
    }
}

impl fmt::Display for EstablishmentStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for EstablishmentStatus {
    type Err = DomainError;

    fn from_str(s: &str) -> Result<Self> {
        Self::parse("status", s)
    }
}

/// A French postal code: exactly 5 digits, overseas codes (97xxx, 98xxx)
/// included, e.g. `45000`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PostalCode(String);

impl PostalCode {
    /// Trims, then requires exactly 5 ASCII digits.
    pub fn parse(field: &'static str, raw: &str) -> Result<Self> {
        let value = raw.trim();
        if value.len() != 5 || !value.bytes().all(|b| b.is_ascii_digit()) {
            return Err(DomainError::validation(
                field,
                "Le code postal doit compter 5 chiffres (ex. 45000).",
            ));
        }
        Ok(Self(value.to_owned()))
    }

    /// The code as written, e.g. `45000`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for PostalCode {
    type Error = DomainError;
    fn try_from(value: String) -> Result<Self> {
        Self::parse("postal_code", &value)
    }
}

impl From<PostalCode> for String {
    fn from(value: PostalCode) -> Self {
        value.0
    }
}

impl fmt::Display for PostalCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Normalises a directory label for comparison: upper-case ASCII, French
/// accents removed, punctuation (apostrophes, hyphens, underscores, dots…)
/// turned into spaces, runs of white space folded into one space.
fn fold_label(raw: &str) -> String {
    let spaced: String = raw
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| match fold_accent(c) {
            c if c.is_alphanumeric() => c.to_ascii_uppercase(),
            _ => ' ',
        })
        .collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Removes the accent of the lower-case French letters found in directory
/// labels; other characters are returned unchanged.
fn fold_accent(c: char) -> char {
    match c {
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'à' | 'â' => 'a',
        'ç' => 'c',
        'î' | 'ï' => 'i',
        'ô' => 'o',
        'ù' | 'û' | 'ü' => 'u',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_their_names_in_any_case() {
        for kind in EstablishmentKind::ALL {
            assert_eq!(kind.as_str().parse::<EstablishmentKind>().unwrap(), kind);
            let lower = kind.as_str().to_lowercase();
            assert_eq!(EstablishmentKind::parse("kind", &lower).unwrap(), kind);
            assert_eq!(kind.to_string(), kind.as_str());
        }
    }

    #[test]
    fn an_unknown_kind_lists_the_choices() {
        let err = EstablishmentKind::parse("type", "ECOLE").unwrap_err();
        assert_eq!(err.field(), "type");
        let text = err.to_string();
        for kind in EstablishmentKind::ALL {
            assert!(text.contains(kind.as_str()), "{text}");
        }
        assert_eq!("".parse::<EstablishmentKind>().unwrap_err().field(), "kind");
    }

    #[test]
    fn kinds_have_french_labels() {
        let labels: Vec<_> = EstablishmentKind::ALL.iter().map(|k| k.label()).collect();
        assert_eq!(
            labels,
            ["Collège", "Lycée", "Lycée professionnel", "EREA", "Autre"]
        );
    }

    #[test]
    fn kinds_serialize_as_screaming_snake_case() {
        for kind in EstablishmentKind::ALL {
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
            assert_eq!(
                serde_json::from_str::<EstablishmentKind>(&json).unwrap(),
                kind
            );
        }
    }

    #[test]
    fn directory_labels_are_recognised() {
        use EstablishmentKind::*;
        let cases = [
            ("Collège", College),
            ("COLLEGE", College),
            ("  collège ", College),
            ("Lycée", Lycee),
            ("LYCEE GENERAL", Lycee),
            ("LYCEE POLYVALENT", Lycee),
            ("LYCEE D ENSEIGNEMENT GENERAL ET TECHNOLOGIQUE", Lycee),
            ("Lycée d'enseignement général et technologique", Lycee),
            ("Lycée professionnel", LyceeProfessionnel),
            ("LP", LyceeProfessionnel),
            ("LYCEE PROFESSIONNEL", LyceeProfessionnel),
            ("LYCÉE  PROFESSIONNEL", LyceeProfessionnel),
            ("EREA", Erea),
            ("ETABLISSEMENT REGIONAL D'ENSEIGNEMENT ADAPTE", Erea),
            ("Établissement régional d’enseignement adapté", Erea),
            ("LYCEE_PROFESSIONNEL", LyceeProfessionnel),
            ("OTHER", Other),
            ("Ecole", Other),
            ("Médico-social", Other),
            ("", Other),
        ];
        for (raw, expected) in cases {
            assert_eq!(
                EstablishmentKind::from_directory_label(raw),
                expected,
                "{raw:?}"
            );
        }
        for kind in EstablishmentKind::ALL {
            assert_eq!(EstablishmentKind::from_directory_label(kind.as_str()), kind);
        }
    }

    #[test]
    fn statuses_round_trip_and_have_labels() {
        for status in EstablishmentStatus::ALL {
            assert_eq!(
                status.as_str().parse::<EstablishmentStatus>().unwrap(),
                status
            );
            let json = serde_json::to_string(&status).unwrap();
            assert_eq!(json, format!("\"{}\"", status.as_str()));
        }
        assert_eq!(
            EstablishmentStatus::parse("etat", " closed ").unwrap(),
            EstablishmentStatus::Closed
        );
        assert_eq!(EstablishmentStatus::Open.label(), "Ouvert");
        assert_eq!(EstablishmentStatus::Closed.label(), "Fermé");
        let err = EstablishmentStatus::parse("etat", "OUVERT").unwrap_err();
        assert_eq!(err.field(), "etat");
        assert!(err.to_string().contains("OPEN ou CLOSED"));
    }

    #[test]
    fn directory_states_are_recognised() {
        use EstablishmentStatus::*;
        let cases = [
            ("OUVERT", Some(Open)),
            ("Ouvert", Some(Open)),
            ("1", Some(Open)),
            ("OPEN", Some(Open)),
            ("A OUVRIR", Some(Open)),
            ("À ouvrir", Some(Open)),
            ("FERME", Some(Closed)),
            ("Fermé", Some(Closed)),
            ("A FERMER", Some(Closed)),
            ("à fermer", Some(Closed)),
            ("0", Some(Closed)),
            ("CLOSED", Some(Closed)),
            ("", None),
            ("   ", None),
            ("2", None),
            ("inconnu", None),
        ];
        for (raw, expected) in cases {
            assert_eq!(
                EstablishmentStatus::from_directory_label(raw),
                expected,
                "{raw:?}"
            );
        }
    }

    #[test]
    fn postal_codes_need_five_digits() {
        for raw in ["45000", " 41000 ", "97400", "98800", "01000"] {
            let code = PostalCode::parse("postal_code", raw).unwrap();
            assert_eq!(code.as_str(), raw.trim());
            assert_eq!(code.to_string(), raw.trim());
        }
        for raw in ["4500", "450000", "45 000", "2A000", "", "４5000"] {
            let err = PostalCode::parse("cp", raw).unwrap_err();
            assert_eq!(err.field(), "cp", "{raw:?}");
            assert_eq!(
                err.to_string(),
                "Le code postal doit compter 5 chiffres (ex. 45000)."
            );
        }
    }

    #[test]
    fn postal_codes_serialize_as_strings() {
        let code = PostalCode::parse("postal_code", "45000").unwrap();
        let json = serde_json::to_string(&code).unwrap();
        assert_eq!(json, "\"45000\"");
        assert_eq!(serde_json::from_str::<PostalCode>(&json).unwrap(), code);
        assert!(serde_json::from_str::<PostalCode>("\"450\"").is_err());
    }

    #[test]
    fn labels_are_folded_for_comparison() {
        assert_eq!(
            fold_label("  Lycée d'enseignement\tgénéral-et_technologique. "),
            "LYCEE D ENSEIGNEMENT GENERAL ET TECHNOLOGIQUE"
        );
        assert_eq!(fold_label("ÇÀÂÎÏÔÙÛÜËÈÊ"), "CAAIIOUUUEEE");
    }
}
