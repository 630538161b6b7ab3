//! Live checks of CAS settings (issue 8): the rules the checker applies to
//! what a real CAS server answered, without any network. The conversation
//! itself lives in `relais-api` (`cas_check`), the wire formats in
//! `relais-formats` (`cas`).
//!
//! A check is a list of [`CheckStep`]s, each with a status, a duration and
//! a French message; the same steps describe the test of a base
//! (« Tester l'authentification ») and the validation of a model with the
//! four test accounts of docs/domain.md §3.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::delegation::{
    CommonIdentifier, FirstConnectionMode, IdentityAttributes, Profile, Severity,
};

/// The validation protocol a CAS validation URL speaks (docs/domain.md §8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum CasProtocol {
    /// `POST …/samlValidate?TARGET=…` with a SOAP envelope: PRONOTE's default.
    Saml11,
    /// `GET …/serviceValidate?service=…&ticket=…`.
    Cas2,
    /// `GET …/p3/serviceValidate?service=…&ticket=…`.
    Cas3,
}

impl CasProtocol {
    /// The protocol of a validation address, from its last path segments:
    /// `p3/serviceValidate` (or `p3/proxyValidate`) is CAS 3,
    /// `serviceValidate` (or `proxyValidate`) CAS 2, anything else SAML 1.1
    /// (`samlValidate`, the standard shape's default).
    pub fn of_validation_url(url: &str) -> Self {
        let path = url
            .split(['?', '#'])
            .next()
            .unwrap_or_default()
            .trim_end_matches('/');
        let last = path.rsplit('/').next().unwrap_or_default();
        let is_cas = last.eq_ignore_ascii_case("serviceValidate")
            || last.eq_ignore_ascii_case("proxyValidate");
        if !is_cas {
            return CasProtocol::Saml11;
        }
        let parent = path.rsplit('/').nth(1).unwrap_or_default();
        if parent.eq_ignore_ascii_case("p3") {
            CasProtocol::Cas3
        } else {
            CasProtocol::Cas2
        }
    }

    /// The protocol of its stable name (`SAML11`, `CAS2`, `CAS3`).
    pub fn of_name(name: &str) -> Option<Self> {
        [CasProtocol::Saml11, CasProtocol::Cas2, CasProtocol::Cas3]
            .into_iter()
            .find(|p| p.as_str() == name)
    }

    /// The French label shown with a check.
    pub fn label(self) -> &'static str {
        match self {
            CasProtocol::Saml11 => "SAML 1.1 (samlValidate)",
            CasProtocol::Cas2 => "CAS 2 (serviceValidate)",
            CasProtocol::Cas3 => "CAS 3 (p3/serviceValidate)",
        }
    }

    /// The stable name used in the API, e.g. `SAML11`.
    pub fn as_str(self) -> &'static str {
        match self {
            CasProtocol::Saml11 => "SAML11",
            CasProtocol::Cas2 => "CAS2",
            CasProtocol::Cas3 => "CAS3",
        }
    }
}

/// Who a validated ticket names: the CAS Subject and the released
/// attributes (multi-valued, in the order received).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CasIdentity {
    pub user: String,
    pub attributes: BTreeMap<String, Vec<String>>,
}

impl CasIdentity {
    /// The non-blank values of attribute `name`: exact name first, else the
    /// same name in another case (CAS servers differ on case).
    pub fn values(&self, name: &str) -> Vec<&str> {
        let found = self.attributes.get(name).or_else(|| {
            self.attributes
                .iter()
                .find(|(key, _)| key.eq_ignore_ascii_case(name))
                .map(|(_, values)| values)
        });
        found
            .map(|values| {
                values
                    .iter()
                    .map(|v| v.trim())
                    .filter(|v| !v.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// One of the four test accounts Index-Education validates a model with
/// (docs/domain.md §3), with its fixed identity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TestAccount {
    pub profile: Profile,
    /// The login typed on the CAS form.
    pub login: &'static str,
    pub last_name: &'static str,
    pub first_name: &'static str,
    /// dd/mm/yyyy; only the pupil has one in the brief.
    pub birth_date: Option<&'static str>,
}

/// The four test accounts, in the brief's order.
pub const TEST_ACCOUNTS: [TestAccount; 4] = [
    TestAccount {
        profile: Profile::Personnel,
        login: "PronotePersonnel",
        last_name: "Pronote_personnel",
        first_name: "Pronote",
        birth_date: None,
    },
    TestAccount {
        profile: Profile::Professeur,
        login: "PronoteProfesseur",
        last_name: "Pronote_professeur",
        first_name: "Pronote",
        birth_date: None,
    },
    TestAccount {
        profile: Profile::Eleve,
        login: "PronoteEleve",
        last_name: "Pronote_eleve",
        first_name: "Pronote",
        birth_date: Some("01/01/2000"),
    },
    TestAccount {
        profile: Profile::Parent,
        login: "PronoteParent",
        last_name: "Pronote_parent",
        first_name: "Pronote",
        birth_date: None,
    },
];

/// The test account of `profile`, if the brief fixes one.
pub fn test_account(profile: Profile) -> Option<&'static TestAccount> {
    TEST_ACCOUNTS.iter().find(|a| a.profile == profile)
}

/// What a step of a check verifies, in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum StepKind {
    /// The login address answers (TLS valid for https; http flagged).
    LoginPage,
    /// The login page carries a login form for the service.
    LoginForm,
    /// The validation endpoint refuses a made-up ticket.
    ValidationEndpoint,
    /// A full login with the credentials gives a service ticket.
    Login,
    /// The ticket validates and names a user.
    TicketValidation,
    /// The identifier and attributes suit the identification mode.
    Attributes,
}

impl StepKind {
    /// The French label shown in the console.
    pub fn label(self) -> &'static str {
        match self {
            StepKind::LoginPage => "Adresse de connexion CAS",
            StepKind::LoginForm => "Formulaire de connexion",
            StepKind::ValidationEndpoint => "Adresse de validation des tickets",
            StepKind::Login => "Connexion avec le compte de test",
            StepKind::TicketValidation => "Validation du ticket",
            StepKind::Attributes => "Identifiant et attributs",
        }
    }
}

/// How a step went. Ordered from the worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum StepStatus {
    Failed,
    Warning,
    Ok,
    /// Not run: an earlier step failed, or no credentials were given.
    Skipped,
}

impl StepStatus {
    /// The stable name of a whole check's outcome: `OK`, `WARNING` or
    /// `FAILED` (a check whose steps were all skipped passed nothing wrong:
    /// `OK`).
    pub fn outcome_name(self) -> &'static str {
        match self {
            StepStatus::Failed => "FAILED",
            StepStatus::Warning => "WARNING",
            StepStatus::Ok | StepStatus::Skipped => "OK",
        }
    }

    /// A check's outcome of its stable name; `None` for any other text.
    pub fn of_outcome_name(name: &str) -> Option<Self> {
        [StepStatus::Failed, StepStatus::Warning, StepStatus::Ok]
            .into_iter()
            .find(|s| s.outcome_name() == name)
    }
}

/// One step of a check, as stored and shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckStep {
    pub kind: StepKind,
    pub status: StepStatus,
    pub duration_ms: u64,
    /// French: what was seen, and what to do when it is wrong.
    pub message: String,
}

impl CheckStep {
    pub fn new(kind: StepKind, status: StepStatus, message: impl Into<String>) -> Self {
        Self {
            kind,
            status,
            duration_ms: 0,
            message: message.into(),
        }
    }

    pub fn skipped(kind: StepKind, why: &str) -> Self {
        Self::new(kind, StepStatus::Skipped, why)
    }
}

/// How one test account fared in the validation of a model, as stored
/// with the validation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountResult {
    pub profile: Profile,
    pub login: String,
    pub declared_identifier: String,
    /// What the CAS server returned (Subject or identifier attribute).
    pub returned_identifier: Option<String>,
    pub passed: bool,
    pub steps: Vec<CheckStep>,
}

/// The worst status of `steps` (skipped steps do not count); `Ok` when
/// every step ran fine.
pub fn outcome(steps: &[CheckStep]) -> StepStatus {
    steps
        .iter()
        .map(|s| s.status)
        .filter(|s| *s != StepStatus::Skipped)
        .min()
        .unwrap_or(StepStatus::Ok)
}

/// What the identity returned by the CAS server must satisfy.
#[derive(Debug, Clone, Copy)]
pub struct Expectations<'a> {
    pub common_identifier: &'a CommonIdentifier,
    pub first_connection: &'a FirstConnectionMode,
    /// The profile the account is expected to have (its profile attribute
    /// must carry a value accepted for it).
    pub profile: Option<Profile>,
    /// A fixed test identity (model validation): names and birth date must
    /// equal it.
    pub account: Option<&'a TestAccount>,
    /// The identifier recorded for the account: the returned one must equal it.
    pub identifier: Option<&'a str>,
}

/// One thing wrong with a returned identity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentityProblem {
    /// Stable: `IDENTIFIER_ATTRIBUTE_MISSING`, `IDENTIFIER_MISMATCH`,
    /// `ATTRIBUTE_MISSING`, `PROFILE_VALUE_REJECTED`, `BIRTH_DATE_FORMAT`,
    /// `IDENTITY_MISMATCH`.
    pub code: String,
    pub message: String,
}

fn problem(code: &str, message: String) -> IdentityProblem {
    IdentityProblem {
        code: code.to_owned(),
        message,
    }
}

/// The identifier PRONOTE would store for `identity` (the Subject, or the
/// common identifier attribute), and every problem found, in a stable order:
/// identifier, then the mode's attributes.
pub fn check_identity(
    identity: &CasIdentity,
    expect: &Expectations<'_>,
) -> (Option<String>, Vec<IdentityProblem>) {
    let mut problems = Vec::new();
    let identifier = match expect.common_identifier {
        CommonIdentifier::Subject => {
            Some(identity.user.trim().to_owned()).filter(|u| !u.is_empty())
        }
        CommonIdentifier::Attribute(name) => {
            let values = identity.values(name.as_str());
            if values.is_empty() {
                problems.push(problem(
                    "IDENTIFIER_ATTRIBUTE_MISSING",
                    format!(
                        "L'attribut « {name} », qui identifie les utilisateurs, n'est pas renvoyé \
                         par le serveur CAS : demandez à l'ENT de le diffuser pour le service PRONOTE."
                    ),
                ));
            }
            values.first().map(|v| (*v).to_owned())
        }
    };
    if let (Some(expected), Some(returned)) = (expect.identifier, identifier.as_deref())
        && expected.trim() != returned
    {
        problems.push(problem(
            "IDENTIFIER_MISMATCH",
            format!(
                "Le serveur CAS renvoie l'identifiant « {returned} » au lieu de « {} » déclaré \
                 pour ce compte.",
                expected.trim()
            ),
        ));
    }
    match expect.first_connection {
        FirstConnectionMode::Identity(attributes) => {
            check_identity_attributes(identity, attributes, expect, &mut problems);
        }
        FirstConnectionMode::PronoteIdentifier { attribute } => {
            if identity.values(attribute.as_str()).is_empty() {
                problems.push(missing(attribute.as_str(), "l'identifiant PRONOTE"));
            }
        }
        FirstConnectionMode::DoubleAuthentication | FirstConnectionMode::RefuseAccess => {}
    }
    (identifier, problems)
}

fn missing(name: &str, what: &str) -> IdentityProblem {
    problem(
        "ATTRIBUTE_MISSING",
        format!(
            "L'attribut « {name} » ({what}) n'est pas renvoyé par le serveur CAS : le mode \
             d'identification en a besoin."
        ),
    )
}

fn check_identity_attributes(
    identity: &CasIdentity,
    attributes: &IdentityAttributes,
    expect: &Expectations<'_>,
    problems: &mut Vec<IdentityProblem>,
) {
    let account = expect.account;
    let names = [
        (
            attributes.last_name.as_str(),
            "le nom",
            account.map(|a| a.last_name),
        ),
        (
            attributes.first_name.as_str(),
            "le prénom",
            account.map(|a| a.first_name),
        ),
    ];
    for (name, what, expected) in names {
        let values = identity.values(name);
        match (values.first(), expected) {
            (None, _) => problems.push(missing(name, what)),
            (Some(value), Some(expected)) if !value.eq_ignore_ascii_case(expected) => {
                problems.push(problem(
                    "IDENTITY_MISMATCH",
                    format!(
                        "L'attribut « {name} » vaut « {value} » au lieu de « {expected} » \
                         (identité fixée du compte de test)."
                    ),
                ));
            }
            _ => {}
        }
    }
    let birth_name = attributes.birth_date.as_str();
    let birth = identity.values(birth_name);
    let birth_required = match account {
        Some(account) => account.birth_date.is_some(),
        None => expect.profile == Some(Profile::Eleve),
    };
    match birth.first() {
        None if birth_required => problems.push(missing(birth_name, "la date de naissance")),
        None => {}
        Some(value) if !is_birth_date(value) => problems.push(problem(
            "BIRTH_DATE_FORMAT",
            format!(
                "L'attribut « {birth_name} » vaut « {value} » : PRONOTE attend une date au \
                 format jj/mm/aaaa (ex. 01/01/2000)."
            ),
        )),
        Some(value) => {
            if let Some(expected) = account.and_then(|a| a.birth_date)
                && *value != expected
            {
                problems.push(problem(
                    "IDENTITY_MISMATCH",
                    format!(
                        "L'attribut « {birth_name} » vaut « {value} » au lieu de « {expected} » \
                         (identité fixée du compte de test)."
                    ),
                ));
            }
        }
    }
    let profile_name = attributes.profile.as_str();
    let values = identity.values(profile_name);
    if values.is_empty() {
        problems.push(missing(profile_name, "le profil"));
        return;
    }
    let accepted = |profile: Profile| {
        attributes
            .profile_values
            .get(profile)
            .iter()
            .any(|accepted| values.iter().any(|v| v.eq_ignore_ascii_case(accepted)))
    };
    match expect.profile {
        Some(profile) if !accepted(profile) => problems.push(problem(
            "PROFILE_VALUE_REJECTED",
            format!(
                "L'attribut « {profile_name} » vaut « {} » : aucune de ces valeurs n'est acceptée \
                 pour le profil {profile} (valeurs attendues : {}).",
                values.join(" ; "),
                display_list(attributes.profile_values.get(profile)),
            ),
        )),
        None if !Profile::ALL.into_iter().any(accepted) => problems.push(problem(
            "PROFILE_VALUE_REJECTED",
            format!(
                "L'attribut « {profile_name} » vaut « {} » : aucune de ces valeurs ne désigne un \
                 profil PRONOTE dans les paramètres.",
                values.join(" ; ")
            ),
        )),
        _ => {}
    }
}

fn display_list(values: &[String]) -> String {
    if values.is_empty() {
        String::from("aucune")
    } else {
        values.join(" ; ")
    }
}

/// A birth date as PRONOTE reads it: `dd/mm/yyyy`, a real calendar date.
pub fn is_birth_date(value: &str) -> bool {
    chrono::NaiveDate::parse_from_str(value, "%d/%m/%Y").is_ok()
        && value.len() == 10
        && value.as_bytes().get(2) == Some(&b'/')
}

/// The findings a stored check adds to a base's diagnostics
/// (docs/diagnostics.md): `CAS_CHECK_FAILED` (error, the first failed step),
/// `CAS_CHECK_WARNING` (warning, per warned step), `CAS_CHECK_PASSED` (info),
/// then `CAS_CHECK_OUTDATED` (info) when the settings changed since.
pub fn check_findings(
    steps: &[CheckStep],
    checked_on: &str,
    settings_changed: bool,
) -> Vec<crate::delegation::Finding> {
    use crate::delegation::Finding;
    let mut findings = Vec::new();
    let failed = steps.iter().find(|s| s.status == StepStatus::Failed);
    if let Some(step) = failed {
        findings.push(Finding {
            code: "CAS_CHECK_FAILED",
            severity: Severity::Error,
            message: format!(
                "Le test de l'authentification du {checked_on} a échoué — {} : {}",
                step.kind.label(),
                step.message
            ),
        });
    }
    for step in steps.iter().filter(|s| s.status == StepStatus::Warning) {
        findings.push(Finding {
            code: "CAS_CHECK_WARNING",
            severity: Severity::Warning,
            message: format!(
                "Test de l'authentification du {checked_on} — {} : {}",
                step.kind.label(),
                step.message
            ),
        });
    }
    if failed.is_none() {
        findings.push(Finding {
            code: "CAS_CHECK_PASSED",
            severity: Severity::Info,
            message: format!(
                "Le test de l'authentification du {checked_on} a réussi ({} étape(s) vérifiée(s)).",
                steps
                    .iter()
                    .filter(|s| s.status != StepStatus::Skipped)
                    .count()
            ),
        });
    }
    if settings_changed {
        findings.push(Finding {
            code: "CAS_CHECK_OUTDATED",
            severity: Severity::Info,
            message: String::from(
                "Les paramètres ont changé depuis le dernier test de l'authentification : \
                 relancez « Tester l'authentification ».",
            ),
        });
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::delegation::{AttributeName, ProfileValues};

    fn identity(user: &str, attributes: &[(&str, &[&str])]) -> CasIdentity {
        CasIdentity {
            user: user.to_owned(),
            attributes: attributes
                .iter()
                .map(|(k, v)| ((*k).to_owned(), v.iter().map(|s| (*s).to_owned()).collect()))
                .collect(),
        }
    }

    fn codes(problems: &[IdentityProblem]) -> Vec<&str> {
        problems.iter().map(|p| p.code.as_str()).collect()
    }

    const PUPIL: &[(&str, &[&str])] = &[
        ("nom", &["Pronote_eleve"]),
        ("prenom", &["Pronote"]),
        ("dateNaissance", &["01/01/2000"]),
        ("categories", &["National_1"]),
        ("idPronote", &["E1"]),
    ];

    #[test]
    fn protocol_follows_the_validation_path() {
        for (url, protocol) in [
            ("https://cas.x.fr/cas/samlValidate", CasProtocol::Saml11),
            ("https://cas.x.fr/cas/serviceValidate", CasProtocol::Cas2),
            ("https://cas.x.fr/cas/proxyValidate?x=1", CasProtocol::Cas2),
            ("https://cas.x.fr/cas/p3/serviceValidate", CasProtocol::Cas3),
            (
                "https://cas.x.fr/cas/P3/serviceValidate/",
                CasProtocol::Cas3,
            ),
            ("https://cas.x.fr/validate-ticket", CasProtocol::Saml11),
        ] {
            assert_eq!(CasProtocol::of_validation_url(url), protocol, "{url}");
        }
    }

    #[test]
    fn a_complete_pupil_passes_identity_mode() {
        let mode = FirstConnectionMode::Identity(IdentityAttributes::short_names());
        let expect = Expectations {
            common_identifier: &CommonIdentifier::Subject,
            first_connection: &mode,
            profile: Some(Profile::Eleve),
            account: test_account(Profile::Eleve),
            identifier: Some("PronoteEleve"),
        };
        let (id, problems) = check_identity(&identity("PronoteEleve", PUPIL), &expect);
        assert_eq!(id.as_deref(), Some("PronoteEleve"));
        assert_eq!(problems, vec![]);
    }

    #[test]
    fn identity_problems_are_named() {
        let mode = FirstConnectionMode::Identity(IdentityAttributes::short_names());
        let expect = Expectations {
            common_identifier: &CommonIdentifier::Subject,
            first_connection: &mode,
            profile: Some(Profile::Eleve),
            account: test_account(Profile::Eleve),
            identifier: Some("E-0001"),
        };
        let returned = identity(
            "PronoteEleve",
            &[
                ("nom", &["Pronote_eleve"]),
                ("dateNaissance", &["2000-01-01"]),
                ("categories", &["National_3"]),
            ],
        );
        let (_, problems) = check_identity(&returned, &expect);
        assert_eq!(
            codes(&problems),
            [
                "IDENTIFIER_MISMATCH",
                "ATTRIBUTE_MISSING",
                "BIRTH_DATE_FORMAT",
                "PROFILE_VALUE_REJECTED"
            ]
        );
        assert!(problems[1].message.contains("« prenom »"), "{problems:?}");
        assert!(problems[3].message.contains("National_1"), "{problems:?}");
    }

    #[test]
    fn identifier_attribute_and_pronote_identifier_mode() {
        let mode = FirstConnectionMode::PronoteIdentifier {
            attribute: AttributeName::parse("a", "idPronote").unwrap(),
        };
        let common = CommonIdentifier::Attribute(AttributeName::parse("a", "uid").unwrap());
        let expect = Expectations {
            common_identifier: &common,
            first_connection: &mode,
            profile: None,
            account: None,
            identifier: None,
        };
        let (id, problems) = check_identity(&identity("x", &[("UID", &["u1"])]), &expect);
        assert_eq!(id.as_deref(), Some("u1"));
        assert_eq!(codes(&problems), ["ATTRIBUTE_MISSING"]);
        let (id, problems) = check_identity(&identity("x", PUPIL), &expect);
        assert_eq!(id, None);
        assert_eq!(codes(&problems), ["IDENTIFIER_ATTRIBUTE_MISSING"]);
    }

    #[test]
    fn without_expected_profile_any_known_value_will_do() {
        let mut attributes = IdentityAttributes::short_names();
        attributes.profile_values = ProfileValues::recommended();
        let mode = FirstConnectionMode::Identity(attributes);
        let expect = Expectations {
            common_identifier: &CommonIdentifier::Subject,
            first_connection: &mode,
            profile: None,
            account: None,
            identifier: None,
        };
        let teacher = identity(
            "t",
            &[
                ("nom", &["Durand"]),
                ("prenom", &["Anne"]),
                ("categories", &["National_3"]),
            ],
        );
        assert_eq!(check_identity(&teacher, &expect).1, vec![]);
        let stranger = identity(
            "t",
            &[
                ("nom", &["Durand"]),
                ("prenom", &["Anne"]),
                ("categories", &["Autre"]),
            ],
        );
        assert_eq!(
            codes(&check_identity(&stranger, &expect).1),
            ["PROFILE_VALUE_REJECTED"]
        );
    }

    #[test]
    fn birth_dates() {
        assert!(is_birth_date("01/01/2000"));
        assert!(is_birth_date("29/02/2024"));
        for bad in ["1/1/2000", "2000-01-01", "31/02/2000", "01/01/00", ""] {
            assert!(!is_birth_date(bad), "{bad}");
        }
    }

    #[test]
    fn outcome_is_the_worst_step() {
        let ok = CheckStep::new(StepKind::LoginPage, StepStatus::Ok, "");
        let warn = CheckStep::new(StepKind::LoginPage, StepStatus::Warning, "");
        let failed = CheckStep::new(StepKind::Login, StepStatus::Failed, "");
        let skipped = CheckStep::skipped(StepKind::Attributes, "");
        assert_eq!(outcome(&[ok.clone(), skipped.clone()]), StepStatus::Ok);
        assert_eq!(
            outcome(&[ok.clone(), warn.clone(), skipped]),
            StepStatus::Warning
        );
        assert_eq!(outcome(&[warn, failed, ok]), StepStatus::Failed);
    }

    #[test]
    fn findings_of_a_check() {
        let steps = vec![
            CheckStep::new(StepKind::LoginPage, StepStatus::Warning, "http"),
            CheckStep::new(StepKind::Login, StepStatus::Failed, "refusé"),
        ];
        let findings = check_findings(&steps, "23/11/2026", true);
        let codes: Vec<_> = findings.iter().map(|f| f.code).collect();
        assert_eq!(
            codes,
            [
                "CAS_CHECK_FAILED",
                "CAS_CHECK_WARNING",
                "CAS_CHECK_OUTDATED"
            ]
        );
        assert!(findings[0].message.contains("refusé"));
        let passed = check_findings(&steps[..1], "23/11/2026", false);
        let codes: Vec<_> = passed.iter().map(|f| f.code).collect();
        assert_eq!(codes, ["CAS_CHECK_WARNING", "CAS_CHECK_PASSED"]);
    }

    #[test]
    fn four_test_accounts() {
        let logins: Vec<_> = TEST_ACCOUNTS.iter().map(|a| a.login).collect();
        assert_eq!(
            logins,
            [
                "PronotePersonnel",
                "PronoteProfesseur",
                "PronoteEleve",
                "PronoteParent"
            ]
        );
        assert_eq!(test_account(Profile::Inspecteur), None);
    }
}
