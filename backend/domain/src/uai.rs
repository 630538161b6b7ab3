//! The UAI (historically RNE) code that identifies an establishment
//! (docs/domain.md §1): 7 digits followed by a check letter, e.g. `0410017W`.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::identity::printable;
use crate::{DomainError, Result};

/// The check letters, indexed by the 7-digit number modulo 23 (docs/domain.md §1).
/// I, O and Q are left out, so they are never a valid check letter.
const CHECK_LETTERS: &[u8; 23] = b"ABCDEFGHJKLMNPRSTUVWXYZ";

/// Number of digits before the check letter.
const DIGITS: usize = 7;

/// An establishment's UAI code, upper-case, e.g. `0410017W` (docs/domain.md §1).
///
/// The shape (7 digits + 1 letter) always holds. The check letter holds
/// unless an operator confirmed a code that the official directory really
/// writes with another letter (see [`Uai::parse_acknowledging_checksum`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Uai(String);

impl Uai {
    /// Parses a code typed or imported by a person: trims, upper-cases, then
    /// checks the shape and the check letter (docs/domain.md §1).
    pub fn parse(field: &'static str, raw: &str) -> Result<Self> {
        let uai = Self::parse_acknowledging_checksum(field, raw)?;
        match Self::expected_check_letter(uai.digits()) {
            Some(expected) if !uai.has_valid_check_letter() => Err(DomainError::validation(
                field,
                format!(
                    "Le code UAI {} a une lettre de contrôle incorrecte : la lettre attendue \
                     est {expected}. Vérifiez le code ; s'il figure tel quel dans l'annuaire \
                     officiel, confirmez-le explicitement.",
                    printable(raw)
                ),
            )),
            _ => Ok(uai),
        }
    }

    /// Like [`Uai::parse`], but accepts a wrong check letter: to be used only
    /// once an operator confirmed that the official directory really uses
    /// this code. The shape (7 digits + 1 letter) is still required.
    pub fn parse_acknowledging_checksum(field: &'static str, raw: &str) -> Result<Self> {
        let value = raw.trim().to_uppercase();
        if value.is_empty() {
            return Err(DomainError::validation(
                field,
                "Le code UAI est obligatoire : saisissez 7 chiffres suivis d'une lettre \
                 (ex. 0410017W).",
            ));
        }
        if !has_uai_shape(&value) {
            return Err(DomainError::validation(
                field,
                format!(
                    "« {} » n'est pas un code UAI : 7 chiffres suivis d'une lettre \
                     (ex. 0410017W).",
                    printable(raw)
                ),
            ));
        }
        Ok(Self(value))
    }

    /// The check letter that `digits` calls for, or `None` unless `digits`
    /// is exactly 7 ASCII digits (docs/domain.md §1).
    pub fn expected_check_letter(digits: &str) -> Option<char> {
        if digits.len() != DIGITS || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let number: u32 = digits.parse().ok()?;
        let index = usize::try_from(number % 23).ok()?;
        CHECK_LETTERS.get(index).map(|&b| char::from(b))
    }

    /// Whether the last letter is the one the 7 digits call for.
    pub fn has_valid_check_letter(&self) -> bool {
        Self::expected_check_letter(self.digits()) == self.0.chars().last()
    }

    /// The code as written, e.g. `0410017W`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The first 3 characters, which encode the department (e.g. `041` for
    /// Loir-et-Cher, `097` for overseas).
    pub fn department_digits(&self) -> &str {
        self.0.get(..3).unwrap_or(&self.0)
    }

    /// The 7 digits before the check letter.
    fn digits(&self) -> &str {
        self.0.get(..DIGITS).unwrap_or(&self.0)
    }
}

/// 7 ASCII digits followed by one upper-case ASCII letter.
fn has_uai_shape(value: &str) -> bool {
    let bytes = value.as_bytes();
    match bytes.split_last() {
        Some((last, digits)) => {
            digits.len() == DIGITS
                && digits.iter().all(u8::is_ascii_digit)
                && last.is_ascii_uppercase()
        }
        None => false,
    }
}

/// Stored codes were checked when they entered the system, and some were
/// confirmed despite their check letter: reading them back only checks the
/// shape.
impl TryFrom<String> for Uai {
    type Error = DomainError;
    fn try_from(value: String) -> Result<Self> {
        Self::parse_acknowledging_checksum("uai", &value)
    }
}

impl From<Uai> for String {
    fn from(value: Uai) -> Self {
        value.0
    }
}

impl fmt::Display for Uai {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const REAL_CODES: [&str; 5] = ["0410017W", "0690028F", "0590083V", "0850024P", "0941093C"];

    fn message(err: &DomainError) -> String {
        err.to_string()
    }

    #[test]
    fn real_codes_pass() {
        for code in REAL_CODES {
            let uai = Uai::parse("uai", code).unwrap();
            assert_eq!(uai.as_str(), code);
            assert!(uai.has_valid_check_letter(), "{code}");
            assert_eq!(uai.to_string(), code);
        }
    }

    #[test]
    fn lower_case_and_surrounding_spaces_are_accepted() {
        let uai = Uai::parse("uai", "  0410017w \n").unwrap();
        assert_eq!(uai.as_str(), "0410017W");
        assert_eq!(uai.department_digits(), "041");
    }

    #[test]
    fn a_wrong_check_letter_names_the_expected_one() {
        let err = Uai::parse("etab_uai", "0410017X").unwrap_err();
        assert_eq!(err.field(), "etab_uai");
        let text = message(&err);
        assert!(text.contains("0410017X"), "{text}");
        assert!(text.contains("la lettre attendue est W"), "{text}");
        assert!(text.contains("confirmez-le explicitement"), "{text}");
    }

    #[test]
    fn a_bad_shape_is_refused_with_the_expected_format() {
        for raw in [
            "041001W",
            "04100170W",
            "0410017",
            "A410017W",
            "0410017-",
            "0410017É",
            "0410 017W",
            "",
            "   ",
        ] {
            let err = Uai::parse("uai", raw).unwrap_err();
            assert_eq!(err.field(), "uai", "{raw:?}");
            assert!(message(&err).contains("0410017W"), "{raw:?}");
        }
        let err = Uai::parse("uai", "12345").unwrap_err();
        assert!(message(&err).starts_with("« 12345 » n'est pas un code UAI"));
    }

    #[test]
    fn quoted_values_are_cleaned_and_shortened() {
        let raw = format!("0410\u{7}017X{}", "Z".repeat(100));
        let text = message(&Uai::parse("uai", &raw).unwrap_err());
        assert!(!text.contains('\u{7}'));
        assert!(!text.contains(&"Z".repeat(60)));
    }

    #[test]
    fn acknowledging_accepts_a_wrong_letter_but_not_a_bad_shape() {
        let uai = Uai::parse_acknowledging_checksum("uai", "0410017x").unwrap();
        assert_eq!(uai.as_str(), "0410017X");
        assert!(!uai.has_valid_check_letter());
        for raw in ["0410017", "04100170", "041001XW", ""] {
            assert!(
                Uai::parse_acknowledging_checksum("uai", raw).is_err(),
                "{raw:?}"
            );
        }
    }

    #[test]
    fn expected_check_letter_needs_exactly_seven_digits() {
        assert_eq!(Uai::expected_check_letter("0410017"), Some('W'));
        assert_eq!(Uai::expected_check_letter("0000000"), Some('A'));
        for digits in ["041001", "04100170", "041001a", "+410017", "０410017", ""] {
            assert_eq!(Uai::expected_check_letter(digits), None, "{digits:?}");
        }
    }

    #[test]
    fn i_o_and_q_are_never_expected() {
        for n in 0..23u32 {
            let letter = Uai::expected_check_letter(&format!("{n:07}")).unwrap();
            assert!(!matches!(letter, 'I' | 'O' | 'Q'), "{n}");
        }
    }

    #[test]
    fn every_number_with_its_expected_letter_parses_and_no_other_letter_does() {
        let mut n = 0u32;
        while n <= 9_999_999 {
            let digits = format!("{n:07}");
            let letter = Uai::expected_check_letter(&digits).unwrap();
            let code = format!("{digits}{letter}");
            let uai = Uai::parse("uai", &code).unwrap();
            assert_eq!(uai.as_str(), code);
            assert!(uai.has_valid_check_letter());
            for other in ('A'..='Z').filter(|&c| c != letter) {
                assert!(Uai::parse("uai", &format!("{digits}{other}")).is_err());
            }
            n += 7_919;
        }
    }

    #[test]
    fn serde_round_trips_and_keeps_acknowledged_codes() {
        let uai = Uai::parse("uai", "0941093C").unwrap();
        let json = serde_json::to_string(&uai).unwrap();
        assert_eq!(json, "\"0941093C\"");
        assert_eq!(serde_json::from_str::<Uai>(&json).unwrap(), uai);

        let acknowledged = Uai::parse_acknowledging_checksum("uai", "0941093D").unwrap();
        let json = serde_json::to_string(&acknowledged).unwrap();
        assert_eq!(serde_json::from_str::<Uai>(&json).unwrap(), acknowledged);
        assert!(serde_json::from_str::<Uai>("\"ABC\"").is_err());
    }
}
