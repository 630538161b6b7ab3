//! Helpdesk tickets (docs/domain.md §7): categories, statuses and their transitions,
//! checked values, and the known answers offered to schools.

use crate::{DomainError, Result};

/// What a ticket is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TicketCategory {
    CasConfiguration,
    AccountMatching,
    DirectAccess,
    Exports,
    Rentree,
    Other,
}

impl TicketCategory {
    pub const ALL: [TicketCategory; 6] = [
        TicketCategory::CasConfiguration,
        TicketCategory::AccountMatching,
        TicketCategory::DirectAccess,
        TicketCategory::Exports,
        TicketCategory::Rentree,
        TicketCategory::Other,
    ];

    /// The stable name used in the API and in storage.
    pub fn as_str(self) -> &'static str {
        match self {
            TicketCategory::CasConfiguration => "CAS_CONFIGURATION",
            TicketCategory::AccountMatching => "ACCOUNT_MATCHING",
            TicketCategory::DirectAccess => "DIRECT_ACCESS",
            TicketCategory::Exports => "EXPORTS",
            TicketCategory::Rentree => "RENTREE",
            TicketCategory::Other => "OTHER",
        }
    }

    /// The French label (e-mails, console).
    pub fn label(self) -> &'static str {
        match self {
            TicketCategory::CasConfiguration => "Configuration CAS",
            TicketCategory::AccountMatching => "Rapprochement des comptes",
            TicketCategory::DirectAccess => "Accès direct",
            TicketCategory::Exports => "Exports",
            TicketCategory::Rentree => "Rentrée",
            TicketCategory::Other => "Autre",
        }
    }

    pub fn parse(field: &'static str, raw: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|c| c.as_str() == raw)
            .ok_or_else(|| DomainError::validation(field, "Catégorie de demande inconnue."))
    }
}

/// Where a ticket stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TicketStatus {
    Open,
    InProgress,
    WaitingSchool,
    Resolved,
    Closed,
}

impl TicketStatus {
    pub const ALL: [TicketStatus; 5] = [
        TicketStatus::Open,
        TicketStatus::InProgress,
        TicketStatus::WaitingSchool,
        TicketStatus::Resolved,
        TicketStatus::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TicketStatus::Open => "OPEN",
            TicketStatus::InProgress => "IN_PROGRESS",
            TicketStatus::WaitingSchool => "WAITING_SCHOOL",
            TicketStatus::Resolved => "RESOLVED",
            TicketStatus::Closed => "CLOSED",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            TicketStatus::Open => "Ouverte",
            TicketStatus::InProgress => "En cours de traitement",
            TicketStatus::WaitingSchool => "En attente de l'établissement",
            TicketStatus::Resolved => "Résolue",
            TicketStatus::Closed => "Fermée",
        }
    }

    pub fn parse(field: &'static str, raw: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|s| s.as_str() == raw)
            .ok_or_else(|| DomainError::validation(field, "Statut de demande inconnu."))
    }

    /// Whether the ticket still needs someone.
    pub fn is_open(self) -> bool {
        !matches!(self, TicketStatus::Resolved | TicketStatus::Closed)
    }

    /// The transitions the helpdesk may make: any open status to any other
    /// status; a resolved ticket may be reopened or closed; a closed ticket
    /// stays closed.
    pub fn may_become(self, next: TicketStatus) -> bool {
        match self {
            _ if self == next => false,
            TicketStatus::Closed => false,
            TicketStatus::Resolved => {
                matches!(next, TicketStatus::InProgress | TicketStatus::Closed)
            }
            _ => true,
        }
    }
}

/// What an entry of a ticket's timeline records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TicketEventKind {
    /// A comment, by the school or the helpdesk.
    Comment,
    /// A change of status, from one to another.
    Status,
    /// The ticket given to an agent (the body holds the agent's address).
    Assigned,
}

impl TicketEventKind {
    pub const ALL: [TicketEventKind; 3] = [
        TicketEventKind::Comment,
        TicketEventKind::Status,
        TicketEventKind::Assigned,
    ];

    /// The stable name used in the API and in storage.
    pub fn as_str(self) -> &'static str {
        match self {
            TicketEventKind::Comment => "COMMENT",
            TicketEventKind::Status => "STATUS",
            TicketEventKind::Assigned => "ASSIGNED",
        }
    }
}

/// A value on one line (titles, names): no control characters, so that no
/// header of an e-mail can ever be injected through it.
pub fn single_line(field: &'static str, raw: &str, max: usize, what: &str) -> Result<String> {
    let value = raw.trim();
    if value.is_empty() || value.chars().count() > max {
        return Err(DomainError::validation(
            field,
            format!("{what} est obligatoire ({max} caractères au plus)."),
        ));
    }
    if value.chars().any(char::is_control) {
        return Err(DomainError::validation(
            field,
            format!("{what} doit tenir sur une seule ligne."),
        ));
    }
    Ok(value.to_owned())
}

/// A text of several lines (descriptions, comments).
pub fn text_body(field: &'static str, raw: &str, max: usize, what: &str) -> Result<String> {
    let value = raw.trim();
    if value.is_empty() || value.chars().count() > max {
        return Err(DomainError::validation(
            field,
            format!("{what} est obligatoire ({max} caractères au plus)."),
        ));
    }
    if value
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(DomainError::validation(
            field,
            format!("{what} contient des caractères de contrôle."),
        ));
    }
    Ok(value.to_owned())
}

/// A French phone number as people write it: digits, spaces, dots, `+`.
pub fn phone(field: &'static str, raw: &str) -> Result<String> {
    let value = raw.trim();
    let digits = value.chars().filter(char::is_ascii_digit).count();
    let allowed = value
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '.' | '+' | '-' | '(' | ')'));
    if !allowed || !(6..=15).contains(&digits) {
        return Err(DomainError::validation(
            field,
            "Numéro de téléphone invalide : par exemple 02 38 00 00 00.",
        ));
    }
    Ok(value.to_owned())
}

/// A frequent case and its known answer (docs/domain.md §7).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KnownAnswer {
    pub code: &'static str,
    pub title: &'static str,
    pub answer: &'static str,
    categories: &'static [TicketCategory],
    /// Offered only when the base shows one of these findings (empty: always
    /// for the categories).
    findings: &'static [&'static str],
}

use TicketCategory as C;

const KNOWN_ANSWERS: [KnownAnswer; 6] = [
    KnownAnswer {
        code: "IDPRONOTE_ATTRIBUTE_MISSING",
        title: "« Le serveur CAS doit être configuré pour renvoyer un attribut idPronote »",
        answer: "L'identifiant CAS n'est pas renseigné pour cet utilisateur dans PRONOTE, ou la racine de publication manque (« pronote » dans « Racine »). Vérifiez la fiche de l'utilisateur dans PRONOTE et l'export des identifiants PRONOTE vers l'ENT.",
        categories: &[C::CasConfiguration, C::AccountMatching],
        findings: &["PRONOTE_IDENTIFIER_NEEDS_EXPORT"],
    },
    KnownAnswer {
        code: "IDENTIFICATION_IMPOSSIBLE",
        title: "Formulaire « Identification impossible » après la connexion CAS",
        answer: "Les données d'identité diffèrent entre l'ENT et PRONOTE, ou un compte en double porte déjà l'identifiant CAS (retirez-le du premier compte). Corrigez-le dans PRONOTE, « Résolution des échecs d'interconnexion ». Très fréquent à la rentrée.",
        categories: &[C::AccountMatching, C::Rentree, C::CasConfiguration],
        findings: &[],
    },
    KnownAnswer {
        code: "DIRECT_URL_CHANGED",
        title: "L'ancienne adresse directe ne fonctionne plus",
        answer: "Depuis la délégation, l'accès direct à PRONOTE se fait par l'adresse suivie de « ?login=true » : donnez cette adresse aux utilisateurs.",
        categories: &[C::DirectAccess],
        findings: &[],
    },
    KnownAnswer {
        code: "GUARDIANS_NOT_RECOGNISED",
        title: "Beaucoup de responsables ne sont pas reconnus",
        answer: "Causes habituelles : anciens élèves encore dans la base, responsables non légaux (grands-parents, voisins), comptes en double, homonymes. Vérifiez ces cas dans PRONOTE avant de relancer le rapprochement.",
        categories: &[C::AccountMatching, C::Rentree],
        findings: &[],
    },
    KnownAnswer {
        code: "IDENTIFIERS_EXPORT_MISSING",
        title: "L'export des identifiants est absent du client PRONOTE",
        answer: "L'interconnexion n'est pas configurée sur le serveur PRONOTE, ou la licence n'est pas valide : vérifiez la configuration de la délégation sur le serveur et la licence.",
        categories: &[C::Exports],
        findings: &[],
    },
    KnownAnswer {
        code: "DELEGATION_NOT_CONFIGURED",
        title: "La délégation d'authentification n'est pas configurée",
        answer: "Les diagnostics de la base montrent une délégation absente ou incomplète : complétez les paramètres de délégation (adresses CAS, espaces) à partir de la fiche de configuration.",
        categories: &[C::CasConfiguration, C::Rentree, C::Other],
        findings: &["NO_DELEGATION", "SETTINGS_INCOMPLETE", "PUBLIC_URL_MISSING"],
    },
];

/// The known answers for a category, given the codes of the base's findings.
pub fn known_answers(category: TicketCategory, finding_codes: &[&str]) -> Vec<KnownAnswer> {
    KNOWN_ANSWERS
        .into_iter()
        .filter(|answer| answer.categories.contains(&category))
        .filter(|answer| {
            answer.findings.is_empty() || answer.findings.iter().any(|f| finding_codes.contains(f))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_follow_category_and_findings() {
        let codes = |answers: Vec<KnownAnswer>| answers.iter().map(|a| a.code).collect::<Vec<_>>();
        assert_eq!(
            codes(known_answers(C::DirectAccess, &[])),
            ["DIRECT_URL_CHANGED"]
        );
        assert_eq!(
            codes(known_answers(C::CasConfiguration, &[])),
            ["IDENTIFICATION_IMPOSSIBLE"]
        );
        assert_eq!(
            codes(known_answers(C::CasConfiguration, &["NO_DELEGATION"])),
            ["IDENTIFICATION_IMPOSSIBLE", "DELEGATION_NOT_CONFIGURED"]
        );
        assert!(known_answers(C::Other, &[]).is_empty());
    }

    #[test]
    fn a_closed_ticket_stays_closed_and_a_resolved_one_may_reopen() {
        assert!(!TicketStatus::Closed.may_become(TicketStatus::Open));
        assert!(TicketStatus::Resolved.may_become(TicketStatus::InProgress));
        assert!(!TicketStatus::Resolved.may_become(TicketStatus::WaitingSchool));
        assert!(TicketStatus::Open.may_become(TicketStatus::WaitingSchool));
        assert!(!TicketStatus::Open.may_become(TicketStatus::Open));
    }

    #[test]
    fn titles_with_line_breaks_are_refused() {
        assert!(single_line("title", "Bonjour\r\nBcc: x@y.z", 200, "Le titre").is_err());
        assert!(
            single_line("title", "  Échec CAS  ", 200, "Le titre").is_ok_and(|t| t == "Échec CAS")
        );
        assert!(phone("phone", "02 38 00 00 00").is_ok());
        assert!(phone("phone", "abc").is_err());
    }
}
