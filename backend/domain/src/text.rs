//! Free-text names typed by people.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{DomainError, Result};

/// The first control character of `raw` that no text value of Relais may
/// hold: C0 controls but tab, line feed and carriage return (which free
/// text keeps and names fold to spaces), DEL, and C1 controls. NUL breaks
/// PostgreSQL's text type; ESC and BEL reach terminals and logs (issue 13,
/// item 7).
pub fn control_character(raw: &str) -> Option<char> {
    raw.chars()
        .find(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

/// How a control character is named in a message: `U+0000`.
pub fn describe_control(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

/// Refuses a text value holding a control character (see
/// [`control_character`]), naming `field`.
pub fn refuse_control(field: &'static str, raw: &str) -> Result<()> {
    match control_character(raw) {
        Some(c) => Err(DomainError::validation(
            field,
            format!(
                "Le texte contient un caractère de contrôle ({}), qui n'est pas accepté : retirez-le (il vient souvent d'un copier-coller).",
                describe_control(c)
            ),
        )),
        None => Ok(()),
    }
}

fn clean_name(field: &'static str, raw: &str, what: &str, max: usize) -> Result<String> {
    refuse_control(field, raw)?;
    let value = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if value.is_empty() {
        return Err(DomainError::validation(
            field,
            format!("{what} est obligatoire."),
        ));
    }
    if value.chars().count() > max {
        return Err(DomainError::validation(
            field,
            format!("{what} ne doit pas dépasser {max} caractères."),
        ));
    }
    Ok(value)
}

macro_rules! name_type {
    ($(#[$doc:meta])* $name:ident, $what:literal, $max:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub struct $name(String);

        impl $name {
            /// Trims, folds inner white space (newlines included) and checks
            /// the length.
            pub fn parse(field: &'static str, raw: &str) -> Result<Self> {
                clean_name(field, raw, $what, $max).map(Self)
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

name_type!(
    /// A person's name as shown in the console and in e-mails.
    DisplayName, "Le nom", 120
);
name_type!(
    /// The name of a regional ENT operator, e.g. « GIP RECIA — NetO'Centre ».
    TenantName, "Le nom de l'opérateur", 200
);
name_type!(
    /// The official name of an establishment, e.g. « Collège Jean Moulin ».
    EstablishmentName, "Le nom de l'établissement", 200
);
name_type!(
    /// A commune, e.g. « Orléans ».
    Commune, "La commune", 120
);
name_type!(
    /// An academy, e.g. « Orléans-Tours ».
    Academy, "L'académie", 80
);

/// Lower-cases, removes French diacritics and folds punctuation to spaces,
/// so that « Collège Jean-Moulin » is found by « college jean moulin ».
pub fn fold_for_search(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars().flat_map(char::to_lowercase) {
        let folded = match c {
            'à' | 'â' | 'ä' | 'á' | 'ã' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' | 'í' | 'ì' => 'i',
            'ô' | 'ö' | 'ó' | 'ò' | 'õ' => 'o',
            'ù' | 'û' | 'ü' | 'ú' => 'u',
            'ç' => 'c',
            'ÿ' => 'y',
            'ñ' => 'n',
            'œ' => {
                out.push_str("oe");
                continue;
            }
            'æ' => {
                out.push_str("ae");
                continue;
            }
            c if c.is_alphanumeric() => c,
            _ => ' ',
        };
        out.push(folded);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_refused_but_tabs_and_line_ends_kept() {
        for raw in ["a\0b", "\u{1b}[31m", "bip\u{7}", "x\u{7f}", "\u{85}"] {
            assert!(control_character(raw).is_some(), "{raw:?}");
            let err = DisplayName::parse("displayName", raw).unwrap_err();
            assert_eq!(err.field(), "displayName");
        }
        assert_eq!(control_character("ligne 1\r\nligne 2\tfin"), None);
        assert_eq!(describe_control('\0'), "U+0000");
    }

    #[test]
    fn search_folding_drops_case_accents_and_punctuation() {
        assert_eq!(
            fold_for_search("Collège  Jean-Moulin"),
            "college jean moulin"
        );
        assert_eq!(fold_for_search("LYCÉE D'ŒUVRE"), "lycee d oeuvre");
    }

    #[test]
    fn names_fold_white_space_so_no_newline_survives() {
        let name = DisplayName::parse("displayName", " Jeanne\r\n  Dupont ").unwrap();
        assert_eq!(name.as_str(), "Jeanne Dupont");
    }

    #[test]
    fn an_empty_or_too_long_name_is_refused() {
        assert!(TenantName::parse("name", "   ").is_err());
        assert!(TenantName::parse("name", &"a".repeat(201)).is_err());
    }
}
