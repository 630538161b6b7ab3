//! PRONOTE profiles and the values of the CAS profile attribute that
//! designate each of them (docs/domain.md §2, §5).

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::identity::printable;
use crate::{DomainError, Result};

/// A PRONOTE user profile, as matched with the ENT (docs/domain.md §2, §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Profile {
    Eleve,
    Parent,
    Professeur,
    Personnel,
    Inspecteur,
    MaitreDeStage,
}

impl Profile {
    /// Every profile, in display order.
    pub const ALL: [Profile; 6] = [
        Profile::Eleve,
        Profile::Parent,
        Profile::Professeur,
        Profile::Personnel,
        Profile::Inspecteur,
        Profile::MaitreDeStage,
    ];

    /// The stable name used in the API and in storage, e.g. `MAITRE_DE_STAGE`.
    pub fn as_str(self) -> &'static str {
        match self {
            Profile::Eleve => "ELEVE",
            Profile::Parent => "PARENT",
            Profile::Professeur => "PROFESSEUR",
            Profile::Personnel => "PERSONNEL",
            Profile::Inspecteur => "INSPECTEUR",
            Profile::MaitreDeStage => "MAITRE_DE_STAGE",
        }
    }

    /// The French label shown in the console.
    pub fn label(self) -> &'static str {
        match self {
            Profile::Eleve => "Élève",
            Profile::Parent => "Parent",
            Profile::Professeur => "Professeur",
            Profile::Personnel => "Personnel",
            Profile::Inspecteur => "Inspecteur",
            Profile::MaitreDeStage => "Maître de stage",
        }
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// For each PRONOTE profile, the values of the CAS profile attribute that
/// designate it (e.g. Élève = `National_1`).
///
/// JSON: an object with one key per profile ([`Profile::as_str`], all 6, in
/// the order of [`Profile::ALL`]) and an array of strings each:
/// `{"ELEVE":["National_1"],"PARENT":["National_2"],…,"MAITRE_DE_STAGE":[]}`.
/// Missing keys read back as empty lists; unknown keys are refused.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(from = "ProfileValuesJson", into = "ProfileValuesJson")]
pub struct ProfileValues(BTreeMap<Profile, Vec<String>>);

impl ProfileValues {
    /// Longest accepted value, in characters.
    pub const MAX_VALUE_LEN: usize = 64;
    /// Most values accepted for one profile.
    pub const MAX_VALUES: usize = 50;

    /// The values recommended by the partner guides (docs/domain.md §2): Élève
    /// `National_1`, Parent `National_2`, Professeur `National_3`,
    /// Personnel `National_4`; none for the other profiles.
    pub fn recommended() -> Self {
        let mut values = Self::default();
        for (profile, value) in [
            (Profile::Eleve, "National_1"),
            (Profile::Parent, "National_2"),
            (Profile::Professeur, "National_3"),
            (Profile::Personnel, "National_4"),
        ] {
            values.set(profile, vec![value.to_owned()]);
        }
        values
    }

    /// Parses a semicolon-separated list typed by a person (`a;b`): splits on
    /// `;`, trims, drops empty items and repeated values (keeping the first).
    /// Each value has 1 to 64 characters and no control character; at most
    /// 50 values. An empty list is accepted.
    pub fn parse_list(field: &'static str, raw: &str) -> Result<Vec<String>> {
        let mut values: Vec<String> = Vec::new();
        for item in raw.split(';').map(str::trim).filter(|s| !s.is_empty()) {
            check_value(field, item)?;
            if !values.iter().any(|v| v == item) {
                values.push(item.to_owned());
            }
        }
        if values.len() > Self::MAX_VALUES {
            return Err(DomainError::validation(
                field,
                "Indiquez au plus 50 valeurs par profil.",
            ));
        }
        Ok(values)
    }

    /// The accepted values of `profile` (empty if none).
    pub fn get(&self, profile: Profile) -> &[String] {
        self.0.get(&profile).map_or(&[], Vec::as_slice)
    }

    /// Replaces the accepted values of `profile`. Values are trimmed, and
    /// empty or repeated ones dropped; values meant to come from
    /// [`ProfileValues::parse_list`]. Other rules (length, control
    /// characters, `;`) are checked by [`ProfileValues::check`].
    pub fn set(&mut self, profile: Profile, values: Vec<String>) {
        let mut kept: Vec<String> = Vec::with_capacity(values.len());
        for value in values {
            let value = value.trim();
            if !value.is_empty() && !kept.iter().any(|v| v == value) {
                kept.push(value.to_owned());
            }
        }
        if kept.is_empty() {
            self.0.remove(&profile);
        } else {
            self.0.insert(profile, kept);
        }
    }

    /// The accepted values of `profile` joined with `;`, as typed in the
    /// console (`a;b`).
    pub fn joined(&self, profile: Profile) -> String {
        self.get(profile).join(";")
    }

    /// Whether no profile has any accepted value.
    pub fn is_empty(&self) -> bool {
        self.0.values().all(Vec::is_empty)
    }

    /// Checks every value (1 to 64 characters, no control character, no
    /// `;`, at most 50 per profile); errors name the profile.
    pub fn check(&self, field: &'static str) -> Result<()> {
        for (profile, values) in &self.0 {
            if values.len() > Self::MAX_VALUES {
                return Err(DomainError::validation(
                    field,
                    format!("Profil {} : indiquez au plus 50 valeurs.", profile.label()),
                ));
            }
            for value in values {
                check_value(field, value).map_err(|err| {
                    DomainError::validation(field, format!("Profil {} : {err}", profile.label()))
                })?;
            }
        }
        Ok(())
    }
}

/// One accepted value: 1 to 64 characters, no control character, no `;`.
fn check_value(field: &'static str, value: &str) -> Result<()> {
    if value.is_empty() || value.chars().count() > ProfileValues::MAX_VALUE_LEN {
        return Err(DomainError::validation(
            field,
            format!(
                "La valeur « {} » doit compter de 1 à 64 caractères.",
                printable(value)
            ),
        ));
    }
    if value.chars().any(|c| c.is_control() || c == ';') {
        return Err(DomainError::validation(
            field,
            format!(
                "La valeur « {} » contient un caractère interdit.",
                printable(value)
            ),
        ));
    }
    Ok(())
}

/// The JSON shape of [`ProfileValues`].
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE", deny_unknown_fields)]
struct ProfileValuesJson {
    #[serde(default)]
    eleve: Vec<String>,
    #[serde(default)]
    parent: Vec<String>,
    #[serde(default)]
    professeur: Vec<String>,
    #[serde(default)]
    personnel: Vec<String>,
    #[serde(default)]
    inspecteur: Vec<String>,
    #[serde(default)]
    maitre_de_stage: Vec<String>,
}

impl From<ProfileValuesJson> for ProfileValues {
    fn from(json: ProfileValuesJson) -> Self {
        let mut values = Self::default();
        for (profile, list) in [
            (Profile::Eleve, json.eleve),
            (Profile::Parent, json.parent),
            (Profile::Professeur, json.professeur),
            (Profile::Personnel, json.personnel),
            (Profile::Inspecteur, json.inspecteur),
            (Profile::MaitreDeStage, json.maitre_de_stage),
        ] {
            values.set(profile, list);
        }
        values
    }
}

impl From<ProfileValues> for ProfileValuesJson {
    fn from(mut values: ProfileValues) -> Self {
        let mut take = |profile| values.0.remove(&profile).unwrap_or_default();
        Self {
            eleve: take(Profile::Eleve),
            parent: take(Profile::Parent),
            professeur: take(Profile::Professeur),
            personnel: take(Profile::Personnel),
            inspecteur: take(Profile::Inspecteur),
            maitre_de_stage: take(Profile::MaitreDeStage),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(values: &[&str]) -> Vec<String> {
        values.iter().map(|v| (*v).to_owned()).collect()
    }

    #[test]
    fn profiles_have_labels_and_stable_names() {
        let labels: Vec<_> = Profile::ALL.iter().map(|p| p.label()).collect();
        assert_eq!(
            labels,
            [
                "Élève",
                "Parent",
                "Professeur",
                "Personnel",
                "Inspecteur",
                "Maître de stage"
            ]
        );
        for profile in Profile::ALL {
            let json = serde_json::to_string(&profile).unwrap();
            assert_eq!(json, format!("\"{}\"", profile.as_str()));
            assert_eq!(serde_json::from_str::<Profile>(&json).unwrap(), profile);
        }
    }

    #[test]
    fn lists_are_split_on_semicolons() {
        let parse = |raw| ProfileValues::parse_list("profileValues", raw).unwrap();
        assert_eq!(parse("National_1"), strings(&["National_1"]));
        assert_eq!(
            parse(" National_3 ; ENS ;; ;National_3;"),
            strings(&["National_3", "ENS"])
        );
        assert_eq!(parse("élève;Élève"), strings(&["élève", "Élève"]));
        assert!(parse("").is_empty());
        assert!(parse(" ; ;").is_empty());
    }

    #[test]
    fn bad_values_are_refused() {
        let err = ProfileValues::parse_list("eleve", &"x".repeat(65)).unwrap_err();
        assert_eq!(err.field(), "eleve");
        assert!(err.to_string().contains("de 1 à 64 caractères"));
        let err = ProfileValues::parse_list("eleve", "a;b\u{7}c").unwrap_err();
        assert!(err.to_string().contains("caractère interdit"));
        let many: Vec<String> = (0..51).map(|i| format!("v{i}")).collect();
        let err = ProfileValues::parse_list("eleve", &many.join(";")).unwrap_err();
        assert!(err.to_string().contains("50 valeurs"));
        assert_eq!(
            ProfileValues::parse_list("eleve", &many[..50].join(";"))
                .unwrap()
                .len(),
            50
        );
    }

    #[test]
    fn values_are_set_got_and_joined() {
        let mut values = ProfileValues::default();
        assert!(values.is_empty());
        assert!(values.get(Profile::Eleve).is_empty());
        values.set(
            Profile::Professeur,
            strings(&[" National_3 ", "ENS", "", "ENS"]),
        );
        assert_eq!(
            values.get(Profile::Professeur),
            strings(&["National_3", "ENS"])
        );
        assert_eq!(values.joined(Profile::Professeur), "National_3;ENS");
        assert_eq!(values.joined(Profile::Parent), "");
        assert!(!values.is_empty());
        values.set(Profile::Professeur, strings(&[" "]));
        assert!(values.is_empty());
        assert_eq!(values, ProfileValues::default());
    }

    #[test]
    fn recommended_values_follow_the_guides() {
        let values = ProfileValues::recommended();
        assert_eq!(values.joined(Profile::Eleve), "National_1");
        assert_eq!(values.joined(Profile::Parent), "National_2");
        assert_eq!(values.joined(Profile::Professeur), "National_3");
        assert_eq!(values.joined(Profile::Personnel), "National_4");
        assert!(values.get(Profile::Inspecteur).is_empty());
        assert!(values.get(Profile::MaitreDeStage).is_empty());
        assert!(values.check("profileValues").is_ok());
    }

    #[test]
    fn check_names_the_profile_of_a_bad_value() {
        let mut values = ProfileValues::recommended();
        values.set(Profile::MaitreDeStage, strings(&["a;b"]));
        let err = values.check("profileValues").unwrap_err();
        assert_eq!(err.field(), "profileValues");
        assert!(
            err.to_string().starts_with("Profil Maître de stage : "),
            "{err}"
        );
        values.set(Profile::MaitreDeStage, vec!["x".repeat(65)]);
        assert!(values.check("profileValues").is_err());
    }

    #[test]
    fn values_serialize_as_an_object_of_every_profile() {
        let values = ProfileValues::recommended();
        let json = serde_json::to_string(&values).unwrap();
        assert_eq!(
            json,
            "{\"ELEVE\":[\"National_1\"],\"PARENT\":[\"National_2\"],\
             \"PROFESSEUR\":[\"National_3\"],\"PERSONNEL\":[\"National_4\"],\
             \"INSPECTEUR\":[],\"MAITRE_DE_STAGE\":[]}"
        );
        assert_eq!(
            serde_json::from_str::<ProfileValues>(&json).unwrap(),
            values
        );
        let partial = "{\"ELEVE\":[\"National_1\"],\"PARENT\":[\"National_2\"],\
                       \"PROFESSEUR\":[\"National_3\"],\"PERSONNEL\":[\"National_4\"]}";
        assert_eq!(
            serde_json::from_str::<ProfileValues>(partial).unwrap(),
            values
        );
        assert!(serde_json::from_str::<ProfileValues>("{\"CPE\":[\"x\"]}").is_err());
        assert!(serde_json::from_str::<ProfileValues>("{\"ELEVE\":\"x\"}").is_err());
    }
}
