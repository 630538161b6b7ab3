//! The ENT directory and the PRONOTE users it is matched with (docs/domain.md §4 and
//! §5): ENT accounts with their profile, and PRONOTE users with their
//! 16-character identifier and their category.
//!
//! Values are checked once here (`parse_*`) and trusted after that.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::identity::printable;
use crate::{DomainError, Result, Uai, fold_for_search};

/// Longest ENT identifier accepted, in characters.
pub const ENT_ID_MAX_CHARS: usize = 64;
/// Longest last or first name accepted, in characters.
pub const NAME_MAX_CHARS: usize = 100;

/// The profile of an ENT account, i.e. its population in PRONOTE (docs/domain.md §5:
/// Élèves, Inspecteurs, Maîtres de stage, Parents, Personnels, Professeurs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EntProfile {
    /// A pupil.
    Eleve,
    /// A parent or guardian (responsable).
    Responsable,
    /// A teacher, documentalists included.
    Enseignant,
    /// Staff: direction, vie scolaire, administration…
    Personnel,
    Inspecteur,
    MaitreDeStage,
}

impl EntProfile {
    /// Every profile, in display order.
    pub const ALL: [EntProfile; 6] = [
        EntProfile::Eleve,
        EntProfile::Responsable,
        EntProfile::Enseignant,
        EntProfile::Personnel,
        EntProfile::Inspecteur,
        EntProfile::MaitreDeStage,
    ];

    /// The stable name used in the API and in storage, e.g. `MAITRE_DE_STAGE`.
    pub fn as_str(self) -> &'static str {
        match self {
            EntProfile::Eleve => "ELEVE",
            EntProfile::Responsable => "RESPONSABLE",
            EntProfile::Enseignant => "ENSEIGNANT",
            EntProfile::Personnel => "PERSONNEL",
            EntProfile::Inspecteur => "INSPECTEUR",
            EntProfile::MaitreDeStage => "MAITRE_DE_STAGE",
        }
    }

    /// The French label shown in the console.
    pub fn label(self) -> &'static str {
        match self {
            EntProfile::Eleve => "Élève",
            EntProfile::Responsable => "Responsable",
            EntProfile::Enseignant => "Enseignant",
            EntProfile::Personnel => "Personnel",
            EntProfile::Inspecteur => "Inspecteur",
            EntProfile::MaitreDeStage => "Maître de stage",
        }
    }

    /// The PRONOTE category the account is matched against (docs/domain.md §5).
    pub fn pronote_category(self) -> PronoteCategory {
        match self {
            EntProfile::Eleve => PronoteCategory::Eleve,
            EntProfile::Responsable => PronoteCategory::Responsable,
            EntProfile::Enseignant => PronoteCategory::Professeur,
            EntProfile::Personnel => PronoteCategory::Personnel,
            EntProfile::Inspecteur => PronoteCategory::Inspecteur,
            EntProfile::MaitreDeStage => PronoteCategory::MaitreDeStage,
        }
    }

    /// Reads a profile: the [`EntProfile::as_str`] names, the French labels
    /// (singular or plural, « parent », « professeur »…) and the national
    /// ENT profile codes (`National_ELV`, `National_TUT`, `National_ENS`,
    /// `National_DOC`, `National_DIR`, `National_EVS`, `National_ETA`,
    /// `National_COL`). Case, accents and punctuation are ignored.
    pub fn parse(field: &'static str, raw: &str) -> Result<Self> {
        let profile = match fold_for_search(raw).as_str() {
            "eleve" | "eleves" | "national elv" | "elv" => EntProfile::Eleve,
            "responsable" | "responsables" | "responsable legal" | "parent" | "parents"
            | "national tut" | "tut" => EntProfile::Responsable,
            "enseignant" | "enseignants" | "professeur" | "professeurs" | "documentaliste"
            | "national ens" | "ens" | "national doc" | "doc" => EntProfile::Enseignant,
            "personnel" | "personnels" | "direction" | "vie scolaire" | "national dir" | "dir"
            | "national evs" | "evs" | "national eta" | "eta" | "national col" | "col" => {
                EntProfile::Personnel
            }
            "inspecteur" | "inspecteurs" => EntProfile::Inspecteur,
            "maitre de stage" | "maitres de stage" => EntProfile::MaitreDeStage,
            _ => {
                return Err(DomainError::validation(
                    field,
                    format!(
                        "Profil « {} » inconnu : indiquez ELEVE, RESPONSABLE, ENSEIGNANT, \
                         PERSONNEL, INSPECTEUR ou MAITRE_DE_STAGE.",
                        printable(raw)
                    ),
                ));
            }
        };
        Ok(profile)
    }
}

impl fmt::Display for EntProfile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for EntProfile {
    type Err = DomainError;

    fn from_str(s: &str) -> Result<Self> {
        Self::parse("profile", s)
    }
}

/// A pupil's sex, as file A writes it (`Masculin` / `Feminin`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Sex {
    #[serde(rename = "M")]
    Male,
    #[serde(rename = "F")]
    Female,
}

impl Sex {
    pub const ALL: [Sex; 2] = [Sex::Male, Sex::Female];

    /// The stable name used in the API and in storage: `M` or `F`.
    pub fn as_str(self) -> &'static str {
        match self {
            Sex::Male => "M",
            Sex::Female => "F",
        }
    }

    /// The French label (`Masculin`, `Féminin`).
    pub fn label(self) -> &'static str {
        match self {
            Sex::Male => "Masculin",
            Sex::Female => "Féminin",
        }
    }

    /// Reads `M`/`F`, `H`, `Masculin`/`Féminin`, `Homme`/`Femme`, `Garçon`/`Fille`;
    /// case and accents are ignored.
    pub fn parse(field: &'static str, raw: &str) -> Result<Self> {
        match fold_for_search(raw).as_str() {
            "m" | "h" | "masculin" | "homme" | "garcon" => Ok(Sex::Male),
            "f" | "feminin" | "femme" | "fille" => Ok(Sex::Female),
            _ => Err(DomainError::validation(
                field,
                format!("Sexe « {} » inconnu : indiquez M ou F.", printable(raw)),
            )),
        }
    }
}

impl fmt::Display for Sex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A guardian's civility (`M.` or `Mme`; file A's civility table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Civility {
    #[serde(rename = "M")]
    Monsieur,
    #[serde(rename = "MME")]
    Madame,
}

impl Civility {
    /// Every civility, in the order of file A's civility table (1, 2).
    pub const ALL: [Civility; 2] = [Civility::Monsieur, Civility::Madame];

    /// The stable name used in the API and in storage: `M` or `MME`.
    pub fn as_str(self) -> &'static str {
        match self {
            Civility::Monsieur => "M",
            Civility::Madame => "MME",
        }
    }

    /// The written abbreviation: `M.` or `Mme`.
    pub fn label(self) -> &'static str {
        match self {
            Civility::Monsieur => "M.",
            Civility::Madame => "Mme",
        }
    }

    /// Reads `M.`, `M`, `Mr`, `Monsieur`, `Mme`, `Madame` (and the former
    /// `Mlle`, `Mademoiselle` as `Mme`); case and punctuation are ignored.
    pub fn parse(field: &'static str, raw: &str) -> Result<Self> {
        match fold_for_search(raw).as_str() {
            "m" | "mr" | "monsieur" => Ok(Civility::Monsieur),
            "mme" | "madame" | "mlle" | "mademoiselle" => Ok(Civility::Madame),
            _ => Err(DomainError::validation(
                field,
                format!(
                    "Civilité « {} » inconnue : indiquez M. ou Mme.",
                    printable(raw)
                ),
            )),
        }
    }
}

impl fmt::Display for Civility {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One account of the ENT directory (docs/domain.md §4, file A; §5).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntAccount {
    /// The opaque ENT identifier (`ID_Partenaire` in file A); see
    /// [`parse_ent_id`].
    pub ent_id: String,
    pub last_name: String,
    pub first_name: String,
    /// Always set for a pupil (docs/domain.md §5); often missing for teachers and staff.
    pub birth_date: Option<NaiveDate>,
    pub profile: EntProfile,
    /// The establishments the account belongs to. Empty: the establishment
    /// the directory was imported for.
    pub uais: Vec<Uai>,
    /// 5 digits, checked by [`crate::PostalCode::parse`].
    pub postal_code: Option<String>,
    pub sex: Option<Sex>,
    pub civility: Option<Civility>,
    /// For a guardian: the `ent_id`s of the pupils they are responsible for.
    pub pupil_ids: Vec<String>,
}

/// Checks an ENT identifier: trimmed, not empty, at most
/// [`ENT_ID_MAX_CHARS`] characters, no control character. It is otherwise
/// opaque (case and inner characters are kept).
pub fn parse_ent_id(field: &'static str, raw: &str) -> Result<String> {
    let value = raw.trim();
    if value.is_empty() {
        return Err(DomainError::validation(
            field,
            "L'identifiant ENT est obligatoire.",
        ));
    }
    if value.chars().count() > ENT_ID_MAX_CHARS {
        return Err(DomainError::validation(
            field,
            format!(
                "L'identifiant ENT « {} » dépasse {ENT_ID_MAX_CHARS} caractères.",
                printable(raw)
            ),
        ));
    }
    if value.chars().any(char::is_control) {
        return Err(DomainError::validation(
            field,
            format!(
                "L'identifiant ENT « {} » contient un caractère de contrôle : corrigez \
                 l'export de l'annuaire.",
                printable(raw)
            ),
        ));
    }
    Ok(value.to_owned())
}

/// Checks a last or first name: inner white space folded, not empty, at
/// most [`NAME_MAX_CHARS`] characters, no control character. `what` starts
/// the message (« Le nom », « Le prénom »).
pub fn parse_person_name(field: &'static str, raw: &str, what: &str) -> Result<String> {
    let value = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if value.is_empty() {
        return Err(DomainError::validation(
            field,
            format!("{what} est obligatoire."),
        ));
    }
    if value.chars().count() > NAME_MAX_CHARS {
        return Err(DomainError::validation(
            field,
            format!("{what} ne doit pas dépasser {NAME_MAX_CHARS} caractères."),
        ));
    }
    if value.chars().any(char::is_control) {
        return Err(DomainError::validation(
            field,
            format!("{what} contient un caractère de contrôle."),
        ));
    }
    Ok(value)
}

/// The category of a PRONOTE user (docs/domain.md §4, file B; §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PronoteCategory {
    Eleve,
    Responsable,
    Professeur,
    Personnel,
    Inspecteur,
    MaitreDeStage,
}

impl PronoteCategory {
    /// Every category, in display order.
    pub const ALL: [PronoteCategory; 6] = [
        PronoteCategory::Eleve,
        PronoteCategory::Responsable,
        PronoteCategory::Professeur,
        PronoteCategory::Personnel,
        PronoteCategory::Inspecteur,
        PronoteCategory::MaitreDeStage,
    ];

    /// The stable name used in the API and in storage, e.g. `PROFESSEUR`.
    pub fn as_str(self) -> &'static str {
        match self {
            PronoteCategory::Eleve => "ELEVE",
            PronoteCategory::Responsable => "RESPONSABLE",
            PronoteCategory::Professeur => "PROFESSEUR",
            PronoteCategory::Personnel => "PERSONNEL",
            PronoteCategory::Inspecteur => "INSPECTEUR",
            PronoteCategory::MaitreDeStage => "MAITRE_DE_STAGE",
        }
    }

    /// The population's name in PRONOTE's supervision table (docs/domain.md §5).
    pub fn population_label(self) -> &'static str {
        match self {
            PronoteCategory::Eleve => "Élèves",
            PronoteCategory::Responsable => "Parents",
            PronoteCategory::Professeur => "Professeurs",
            PronoteCategory::Personnel => "Personnels",
            PronoteCategory::Inspecteur => "Inspecteurs",
            PronoteCategory::MaitreDeStage => "Maîtres de stage",
        }
    }

    /// Reads the [`PronoteCategory::as_str`] names and the French labels
    /// (singular or plural, « parent », « enseignant »…); case, accents and
    /// punctuation are ignored.
    pub fn parse(field: &'static str, raw: &str) -> Result<Self> {
        let category = match fold_for_search(raw).as_str() {
            "eleve" | "eleves" => PronoteCategory::Eleve,
            "responsable" | "responsables" | "parent" | "parents" => PronoteCategory::Responsable,
            "professeur" | "professeurs" | "enseignant" | "enseignants" => {
                PronoteCategory::Professeur
            }
            "personnel" | "personnels" => PronoteCategory::Personnel,
            "inspecteur" | "inspecteurs" => PronoteCategory::Inspecteur,
            "maitre de stage" | "maitres de stage" => PronoteCategory::MaitreDeStage,
            _ => {
                return Err(DomainError::validation(
                    field,
                    format!(
                        "Catégorie PRONOTE « {} » inconnue : attendu ELEVE, RESPONSABLE, \
                         PROFESSEUR, PERSONNEL, INSPECTEUR ou MAITRE_DE_STAGE.",
                        printable(raw)
                    ),
                ));
            }
        };
        Ok(category)
    }
}

impl fmt::Display for PronoteCategory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for PronoteCategory {
    type Err = DomainError;

    fn from_str(s: &str) -> Result<Self> {
        Self::parse("category", s)
    }
}

/// A PRONOTE user's identifier: exactly 16 characters among `A-Z0-9`, e.g.
/// `8P4BHZJQ79SUNFX3` (docs/domain.md §4, file B).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PronoteId(String);

impl PronoteId {
    /// Number of characters of an identifier.
    pub const LEN: usize = 16;

    /// Trims and upper-cases, then requires 16 characters among `A-Z0-9`.
    pub fn parse(field: &'static str, raw: &str) -> Result<Self> {
        let value = raw.trim().to_ascii_uppercase();
        if value.len() != Self::LEN
            || !value
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        {
            return Err(DomainError::validation(
                field,
                format!(
                    "« {} » n'est pas un identifiant PRONOTE : 16 lettres majuscules ou \
                     chiffres (ex. 8P4BHZJQ79SUNFX3).",
                    printable(raw)
                ),
            ));
        }
        Ok(Self(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for PronoteId {
    type Error = DomainError;
    fn try_from(value: String) -> Result<Self> {
        Self::parse("pronoteId", &value)
    }
}

impl From<PronoteId> for String {
    fn from(value: PronoteId) -> Self {
        value.0
    }
}

impl fmt::Display for PronoteId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A user of a PRONOTE base, as listed by the identifiers export (file B).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PronoteUser {
    pub pronote_id: PronoteId,
    pub last_name: String,
    pub first_name: String,
    pub birth_date: Option<NaiveDate>,
    pub category: PronoteCategory,
    /// The CAS identifier already set in PRONOTE, if any.
    pub cas_id: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profiles_parse_from_api_names_labels_and_national_codes() {
        for profile in EntProfile::ALL {
            assert_eq!(EntProfile::parse("p", profile.as_str()), Ok(profile));
            assert_eq!(EntProfile::parse("p", profile.label()), Ok(profile));
            assert_eq!(profile.as_str().parse::<EntProfile>(), Ok(profile));
        }
        for (raw, expected) in [
            ("élève", EntProfile::Eleve),
            ("National_ELV", EntProfile::Eleve),
            ("Parents", EntProfile::Responsable),
            ("National_TUT", EntProfile::Responsable),
            ("Professeur", EntProfile::Enseignant),
            ("National_DOC", EntProfile::Enseignant),
            ("National_DIR", EntProfile::Personnel),
            ("maître de stage", EntProfile::MaitreDeStage),
            (" maitre_de_stage ", EntProfile::MaitreDeStage),
        ] {
            assert_eq!(EntProfile::parse("p", raw), Ok(expected), "{raw}");
        }
        let err = EntProfile::parse("profil", "Chat").unwrap_err();
        assert_eq!(err.field(), "profil");
        assert!(err.to_string().contains("« Chat »"));
        assert_eq!(
            serde_json::to_string(&EntProfile::MaitreDeStage).unwrap(),
            "\"MAITRE_DE_STAGE\""
        );
    }

    #[test]
    fn teachers_are_matched_as_professeurs() {
        assert_eq!(
            EntProfile::Enseignant.pronote_category(),
            PronoteCategory::Professeur
        );
        for category in PronoteCategory::ALL {
            assert_eq!(PronoteCategory::parse("c", category.as_str()), Ok(category));
            assert_eq!(
                PronoteCategory::parse("c", category.population_label()),
                Ok(category)
            );
        }
        assert!(PronoteCategory::parse("c", "X").is_err());
    }

    #[test]
    fn sex_and_civility_accept_the_usual_spellings() {
        assert_eq!(Sex::parse("s", "m"), Ok(Sex::Male));
        assert_eq!(Sex::parse("s", "Féminin"), Ok(Sex::Female));
        assert!(Sex::parse("s", "X").is_err());
        assert_eq!(Civility::parse("c", "M."), Ok(Civility::Monsieur));
        assert_eq!(Civility::parse("c", "Mme"), Ok(Civility::Madame));
        assert_eq!(Civility::parse("c", "MADAME"), Ok(Civility::Madame));
        assert!(Civility::parse("c", "Dr").is_err());
        assert_eq!(Civility::Madame.label(), "Mme");
    }

    #[test]
    fn ent_ids_are_opaque_but_bounded() {
        assert_eq!(parse_ent_id("id", "  aB3-x@y "), Ok("aB3-x@y".to_owned()));
        assert!(parse_ent_id("id", " ").is_err());
        assert!(parse_ent_id("id", &"a".repeat(64)).is_ok());
        assert!(parse_ent_id("id", &"a".repeat(65)).is_err());
        assert!(parse_ent_id("id", "a\u{1}b").is_err());
    }

    #[test]
    fn names_fold_white_space() {
        assert_eq!(
            parse_person_name("nom", " DE  LA\tFONTAINE ", "Le nom"),
            Ok("DE LA FONTAINE".to_owned())
        );
        let err = parse_person_name("nom", "", "Le prénom").unwrap_err();
        assert_eq!(err.to_string(), "Le prénom est obligatoire.");
        assert!(parse_person_name("nom", "a\u{7}b", "Le nom").is_err());
    }

    #[test]
    fn pronote_ids_are_sixteen_upper_case_letters_or_digits() {
        let id = PronoteId::parse("id", " 8p4bhzjq79sunfx3 ").unwrap();
        assert_eq!(id.as_str(), "8P4BHZJQ79SUNFX3");
        for raw in [
            "8P4BHZJQ79SUNFX",
            "8P4BHZJQ79SUNFX33",
            "8P4BHZJQ79SUNF-3",
            "",
        ] {
            assert!(PronoteId::parse("id", raw).is_err(), "{raw}");
        }
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(serde_json::from_str::<PronoteId>(&json).unwrap(), id);
    }
}
