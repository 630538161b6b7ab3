//! A PRONOTE base: how it is hosted, its school year, whether it is
//! published (docs/domain.md §1, §2, §6).

use std::fmt;

use crate::{DomainError, Result};

/// Where the PRONOTE server runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Hosting {
    /// Hébergé chez Index-Education.
    Hosted,
    /// Non hébergé: the school's own server.
    SelfHosted,
}

impl Hosting {
    pub const ALL: [Hosting; 2] = [Hosting::Hosted, Hosting::SelfHosted];

    pub fn as_str(self) -> &'static str {
        match self {
            Hosting::Hosted => "HOSTED",
            Hosting::SelfHosted => "SELF_HOSTED",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Hosting::Hosted => "Hébergé chez Index-Education",
            Hosting::SelfHosted => "Non hébergé (serveur de l'établissement)",
        }
    }

    /// Parses an [`Hosting::as_str`] name.
    pub fn parse(field: &'static str, raw: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|h| h.as_str() == raw.trim())
            .ok_or_else(|| DomainError::validation(field, "Mode d'hébergement inconnu."))
    }
}

/// Whether PRONOTE.net serves the base. Settings change only while it is
/// stopped (docs/domain.md §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Publication {
    Published,
    Stopped,
}

impl Publication {
    pub const ALL: [Publication; 2] = [Publication::Published, Publication::Stopped];

    /// The console's sentence when someone edits a published base.
    pub const STOP_FIRST: &'static str =
        "Vous devez arrêter la publication de la base pour pouvoir modifier ces paramètres.";

    pub fn as_str(self) -> &'static str {
        match self {
            Publication::Published => "PUBLISHED",
            Publication::Stopped => "STOPPED",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Publication::Published => "Publiée",
            Publication::Stopped => "Publication arrêtée",
        }
    }

    pub fn parse(field: &'static str, raw: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|p| p.as_str() == raw.trim())
            .ok_or_else(|| DomainError::validation(field, "État de publication inconnu."))
    }
}

/// A school year, `2026-2027`: it starts at the rentrée, in September.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SchoolYear {
    start: u16,
}

impl SchoolYear {
    const FIRST: u16 = 2000;
    const LAST: u16 = 2100;

    /// Parses `2026-2027` (or `2026/2027`); the second year must follow the
    /// first.
    pub fn parse(field: &'static str, raw: &str) -> Result<Self> {
        let invalid = || {
            DomainError::validation(
                field,
                format!(
                    "Année scolaire « {} » invalide : écrivez-la comme 2026-2027.",
                    raw.trim()
                ),
            )
        };
        let (first, second) = raw.trim().split_once(['-', '/']).ok_or_else(invalid)?;
        let first: u16 = first.trim().parse().map_err(|_| invalid())?;
        let second: u16 = second.trim().parse().map_err(|_| invalid())?;
        if second != first + 1 || !(Self::FIRST..=Self::LAST).contains(&first) {
            return Err(invalid());
        }
        Ok(Self { start: first })
    }

    /// The school year running on a date: from August on, the one that
    /// starts that year (bases are prepared before the rentrée).
    pub fn containing(year: i32, month: u32) -> Self {
        let start = if month >= 8 { year } else { year - 1 };
        Self {
            start: u16::try_from(start)
                .unwrap_or(Self::FIRST)
                .clamp(Self::FIRST, Self::LAST),
        }
    }

    pub fn start(self) -> u16 {
        self.start
    }

    pub fn next(self) -> Self {
        Self {
            start: (self.start + 1).min(Self::LAST),
        }
    }
}

impl fmt::Display for SchoolYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.start, self.start + 1)
    }
}

/// The PRONOTE release, named by its year (PRONOTE 2025, 2026…).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PronoteVersion(u16);

impl PronoteVersion {
    pub fn parse(field: &'static str, year: i32) -> Result<Self> {
        u16::try_from(year)
            .ok()
            .filter(|y| (2010..=2100).contains(y))
            .map(Self)
            .ok_or_else(|| {
                DomainError::validation(
                    field,
                    format!("Version de PRONOTE « {year} » invalide : indiquez une année, par exemple 2026."),
                )
            })
    }

    pub fn year(self) -> u16 {
        self.0
    }
}

/// The address of a self-hosted PRONOTE server (`pronote.lycee.fr:49300`,
/// an IP address and port…), as the school types it in the client.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ServerAddress(String);

impl ServerAddress {
    pub fn parse(field: &'static str, raw: &str) -> Result<Self> {
        let value = raw.trim();
        let valid = !value.is_empty()
            && value.len() <= 255
            && value
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
        if !valid {
            return Err(DomainError::validation(
                field,
                "Adresse du serveur PRONOTE invalide : un nom ou une adresse IP, suivi éventuellement de « :port ».",
            ));
        }
        Ok(Self(value.to_ascii_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn school_years_follow_each_other() {
        let year = SchoolYear::parse("schoolYear", " 2026-2027 ").unwrap();
        assert_eq!(year.to_string(), "2026-2027");
        assert_eq!(year.next().to_string(), "2027-2028");
        assert_eq!(SchoolYear::parse("y", "2026/2027").unwrap(), year);
        for bad in ["2026-2028", "2026", "abcd-efgh", "1990-1991", ""] {
            assert!(SchoolYear::parse("y", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_school_year_turns_in_august() {
        assert_eq!(SchoolYear::containing(2026, 7).to_string(), "2025-2026");
        assert_eq!(SchoolYear::containing(2026, 8).to_string(), "2026-2027");
        assert_eq!(SchoolYear::containing(2026, 11).to_string(), "2026-2027");
    }

    #[test]
    fn names_round_trip() {
        for h in Hosting::ALL {
            assert_eq!(Hosting::parse("h", h.as_str()).unwrap(), h);
        }
        for p in Publication::ALL {
            assert_eq!(Publication::parse("p", p.as_str()).unwrap(), p);
        }
        assert!(Hosting::parse("h", "CLOUD").is_err());
    }

    #[test]
    fn versions_and_server_addresses_are_checked() {
        assert_eq!(PronoteVersion::parse("v", 2026).unwrap().year(), 2026);
        assert!(PronoteVersion::parse("v", 26).is_err());
        assert_eq!(
            ServerAddress::parse("a", "Pronote.Lycee.fr:49300")
                .unwrap()
                .as_str(),
            "pronote.lycee.fr:49300"
        );
        assert!(ServerAddress::parse("a", "http://x/").is_err());
        assert!(ServerAddress::parse("a", "").is_err());
    }
}
