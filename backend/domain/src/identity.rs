//! Identity values: e-mail addresses, tenant slugs, passwords.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{DomainError, Result};

/// A syntactically valid e-mail address, trimmed and lower-cased so that one
/// mailbox has one spelling (logins compare addresses).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    pub const MAX_LEN: usize = 254;

    pub fn parse(field: &'static str, raw: &str) -> Result<Self> {
        let value = raw.trim().to_lowercase();
        if value.is_empty() {
            return Err(DomainError::validation(
                field,
                "L'adresse e-mail est obligatoire.",
            ));
        }
        if value.len() > Self::MAX_LEN
            || value.chars().any(char::is_control)
            || !email_address::EmailAddress::is_valid(&value)
        {
            return Err(DomainError::validation(
                field,
                format!(
                    "« {} » n'est pas une adresse e-mail valide.",
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

impl TryFrom<String> for Email {
    type Error = DomainError;
    fn try_from(value: String) -> Result<Self> {
        Self::parse("email", &value)
    }
}

impl From<Email> for String {
    fn from(value: Email) -> Self {
        value.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The short name of a tenant, used in URLs: lower-case letters, digits and
/// inner hyphens, 2 to 40 characters (e.g. `netocentre`, `e-lyco`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TenantSlug(String);

impl TenantSlug {
    pub fn parse(field: &'static str, raw: &str) -> Result<Self> {
        let value = raw.trim().to_lowercase();
        let allowed = value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !(2..=40).contains(&value.len())
            || !allowed
            || value.starts_with('-')
            || value.ends_with('-')
        {
            return Err(DomainError::validation(
                field,
                "L'identifiant court doit compter 2 à 40 caractères : lettres minuscules \
                 sans accent, chiffres et tirets (pas en début ni en fin).",
            ));
        }
        Ok(Self(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for TenantSlug {
    type Error = DomainError;
    fn try_from(value: String) -> Result<Self> {
        Self::parse("slug", &value)
    }
}

impl From<TenantSlug> for String {
    fn from(value: TenantSlug) -> Self {
        value.0
    }
}

impl fmt::Display for TenantSlug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A new password chosen by a person. Never printed: `Debug` hides it.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    pub const MIN_CHARS: usize = 12;
    pub const MAX_CHARS: usize = 256;

    /// Checks a password that is about to be set (not one typed at login).
    pub fn new_checked(field: &'static str, raw: &str) -> Result<Self> {
        let count = raw.chars().count();
        if count < Self::MIN_CHARS {
            return Err(DomainError::validation(
                field,
                format!(
                    "Le mot de passe doit compter au moins {} caractères.",
                    Self::MIN_CHARS
                ),
            ));
        }
        if count > Self::MAX_CHARS {
            return Err(DomainError::validation(
                field,
                format!(
                    "Le mot de passe ne doit pas dépasser {} caractères.",
                    Self::MAX_CHARS
                ),
            ));
        }
        if raw.trim().is_empty() {
            return Err(DomainError::validation(
                field,
                "Le mot de passe ne peut pas être fait que d'espaces.",
            ));
        }
        Ok(Self(raw.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(***)")
    }
}

/// Shortens and cleans a user-typed value before quoting it in a message.
pub(crate) fn printable(raw: &str) -> String {
    let cleaned: String = raw.chars().filter(|c| !c.is_control()).take(60).collect();
    cleaned.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_email_is_trimmed_and_lower_cased() {
        let email = Email::parse("email", "  Chef.Etab@AC-Orleans-Tours.FR ").unwrap();
        assert_eq!(email.as_str(), "chef.etab@ac-orleans-tours.fr");
    }

    #[test]
    fn an_email_without_domain_or_with_a_newline_is_refused() {
        for raw in ["chef", "chef@", "a@b.fr\r\nBcc: x@y.fr", ""] {
            let err = Email::parse("email", raw).unwrap_err();
            assert_eq!(err.field(), "email", "{raw:?}");
        }
    }

    #[test]
    fn slugs_accept_lowercase_words_and_refuse_the_rest() {
        assert_eq!(
            TenantSlug::parse("slug", "E-Lyco").unwrap().as_str(),
            "e-lyco"
        );
        for raw in ["a", "-neto", "neto-", "néto", "net o", &"x".repeat(41)] {
            assert!(TenantSlug::parse("slug", raw).is_err(), "{raw:?}");
        }
    }

    #[test]
    fn a_short_or_blank_password_is_refused_and_never_printed() {
        assert!(Password::new_checked("password", "court").is_err());
        assert!(Password::new_checked("password", &" ".repeat(20)).is_err());
        let ok = Password::new_checked("password", "un mot de passe long").unwrap();
        assert_eq!(format!("{ok:?}"), "Password(***)");
    }
}
