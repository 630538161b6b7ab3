//! What is wrong or risky in a base's delegation settings, in words an
//! operator, a school or a helpdesk agent can act on (docs/domain.md §2, §6, §7).

use serde::Serialize;

use super::{
    CasUrls, CommonIdentifier, DelegationSettings, DirectAccess, EspaceDelegation,
    FirstConnectionMode,
};
use crate::identity::printable;
use crate::web_url::WebUrl;

/// How serious a [`Finding`] is. Ordered from the most serious.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Severity {
    /// Users cannot connect through the ENT, or the settings are refused.
    Error,
    /// Works, but against the partner guides' advice.
    Warning,
    /// Something to know or to tell users.
    Info,
}

impl Severity {
    /// Every severity, from the most serious.
    pub const ALL: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

    /// The stable name used in the API: `ERROR`, `WARNING` or `INFO`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "ERROR",
            Severity::Warning => "WARNING",
            Severity::Info => "INFO",
        }
    }

    /// The French label shown in the console.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "Erreur",
            Severity::Warning => "Avertissement",
            Severity::Info => "Information",
        }
    }
}

/// One result of [`diagnose`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Stable `SCREAMING_SNAKE_CASE` code, e.g. `CAS_URL_HTTP`.
    pub code: &'static str,
    pub severity: Severity,
    /// French, naming the espace, address or establishment concerned.
    pub message: String,
}

impl Finding {
    fn new(code: &'static str, severity: Severity, message: impl Into<String>) -> Self {
        Self {
            code,
            severity,
            message: message.into(),
        }
    }
}

/// What [`diagnose`] needs to know about the base besides its settings.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DiagnosticContext {
    /// The PRONOTE.net public URL, e.g. `https://x.index-education.net/pronote`.
    pub public_url: Option<WebUrl>,
    /// Whether PRONOTE.net currently publishes the base.
    pub published: bool,
    /// UAIs of the closed establishments the base still serves.
    pub establishments_closed: Vec<String>,
    /// Whether the ENT has distributed its credentials to users.
    pub ent_credentials_distributed: bool,
}

/// The service URL to give the ENT (« URL à communiquer au socle ENT »): the
/// PRONOTE.net public URL followed by `/**`, e.g.
/// `https://netocentre.index-education.net/pronote/**` (docs/domain.md §2).
pub fn service_url(public_url: &WebUrl) -> String {
    public_url.join_path("**")
}

/// The address where users log in with their PRONOTE credentials once the
/// ENT interconnection is on: the public URL, with its trailing `/`, followed
/// by `?login=true`, e.g. `https://x.index-education.net/pronote/?login=true`.
///
/// The brief writes « public URL + `?login=true` » and its public URLs end
/// with `/` (`…/pronote/`); [`WebUrl`] drops that `/`, so it is put back.
pub fn direct_access_url(public_url: &WebUrl) -> String {
    public_url.join_path("?login=true")
}

/// The service PRONOTE.net names to the CAS server: the public URL with its
/// trailing `/` (`https://x.index-education.net/pronote/`), as in the
/// authentication and validation links (docs/domain.md §2).
pub fn cas_service(public_url: &WebUrl) -> String {
    public_url.join_path("")
}

/// Diagnoses `settings` in `context`. Findings come in a stable order:
///
/// 1. `SETTINGS_INCOMPLETE` (error: [`DelegationSettings::check`] fails; its message);
/// 2. `NO_DELEGATION` (error: no protocol active);
/// 3. `ESPACE_WITHOUT_DELEGATION` (warning, per espace on « Aucune » while a
///    delegation is active, in espace order);
/// 4. `CAS_URL_HTTP` (warning, per `http://` CAS address);
/// 5. `PUBLIC_URL_MISSING` (error) or `PUBLIC_URL_HTTP` (warning), then
///    `SERVICE_URL` (info: the URL to give the ENT, when CAS is used);
/// 6. with a delegation active: `DIRECT_ACCESS_OFF_BEFORE_CREDENTIALS`
///    (error) or `DIRECT_ACCESS_LIMITED_BEFORE_CREDENTIALS` (warning) while
///    the ENT has not distributed its credentials, and `DIRECT_ACCESS_URL`
///    (info: the `?login=true` address to tell users);
/// 7. `COMMON_IDENTIFIER_ATTRIBUTE` (info);
/// 8. `PRONOTE_IDENTIFIER_NEEDS_EXPORT` or `REFUSE_ACCESS_NEEDS_IMPORT` (info);
/// 9. `NOT_PUBLISHED` (info);
/// 10. `ESTABLISHMENT_CLOSED` (warning, per closed UAI, in the given order).
pub fn diagnose(settings: &DelegationSettings, context: &DiagnosticContext) -> Vec<Finding> {
    use Severity::{Error, Info, Warning};

    let mut findings = Vec::new();
    let any_active = settings.delegations.any_active();

    if let Err(err) = settings.check() {
        findings.push(Finding::new("SETTINGS_INCOMPLETE", Error, err.to_string()));
    }

    if !any_active {
        findings.push(Finding::new(
            "NO_DELEGATION",
            Error,
            "Aucune délégation d'authentification n'est activée : l'ENT ne peut pas donner \
             accès à PRONOTE. Activez la délégation CAS et déléguez-lui les espaces.",
        ));
    } else {
        for espace in settings.espaces.espaces_on(EspaceDelegation::Aucune) {
            findings.push(Finding::new(
                "ESPACE_WITHOUT_DELEGATION",
                Warning,
                format!(
                    "{} n'est pas {} : ses utilisateurs devront se connecter avec leurs \
                     identifiants PRONOTE.",
                    espace.subject(),
                    espace.agree("délégué")
                ),
            ));
        }
    }

    if let Some(cas_urls) = &settings.cas_urls {
        for (what, url) in named_cas_urls(cas_urls) {
            if !url.is_https() {
                findings.push(Finding::new(
                    "CAS_URL_HTTP",
                    Warning,
                    format!(
                        "{what} {url} n'est pas sécurisée : il est conseillé de passer en mode \
                         HTTPS avec un vrai certificat. HTTP ne convient que pour une évaluation \
                         ou derrière un proxy TLS."
                    ),
                ));
            }
        }
    }

    match &context.public_url {
        None => findings.push(Finding::new(
            "PUBLIC_URL_MISSING",
            Error,
            "L'adresse publique de PRONOTE.net n'est pas renseignée : impossible de donner \
             à l'ENT l'URL de service à autoriser.",
        )),
        Some(public_url) => {
            if !public_url.is_https() {
                findings.push(Finding::new(
                    "PUBLIC_URL_HTTP",
                    Warning,
                    format!(
                        "L'adresse publique de PRONOTE.net {public_url} n'est pas sécurisée : \
                         il est conseillé de passer en mode HTTPS avec un vrai certificat."
                    ),
                ));
            }
            if settings.uses_cas() {
                findings.push(Finding::new(
                    "SERVICE_URL",
                    Info,
                    format!(
                        "URL à communiquer au socle ENT : {}",
                        service_url(public_url)
                    ),
                ));
            }
        }
    }

    if any_active {
        if !context.ent_credentials_distributed {
            match settings.direct_access {
                DirectAccess::Off => findings.push(Finding::new(
                    "DIRECT_ACCESS_OFF_BEFORE_CREDENTIALS",
                    Error,
                    "L'authentification directe par PRONOTE.net est désactivée alors que \
                     l'ENT n'a pas encore distribué ses identifiants : les utilisateurs ne \
                     pourront pas se connecter. Autorisez-la « Toujours » jusqu'à la \
                     distribution des identifiants ENT.",
                )),
                DirectAccess::WhenCasUnavailable => findings.push(Finding::new(
                    "DIRECT_ACCESS_LIMITED_BEFORE_CREDENTIALS",
                    Warning,
                    "L'authentification directe par PRONOTE.net n'est autorisée que si le \
                     serveur CAS ne répond pas, alors que l'ENT n'a pas encore distribué ses \
                     identifiants : les utilisateurs sans compte ENT ne pourront pas se \
                     connecter. Autorisez-la « Toujours » jusqu'à la distribution des \
                     identifiants ENT.",
                )),
                DirectAccess::Always => {}
            }
        }
        if settings.direct_access != DirectAccess::Off
            && let Some(public_url) = &context.public_url
        {
            findings.push(Finding::new(
                "DIRECT_ACCESS_URL",
                Info,
                format!(
                    "Avec la délégation, l'adresse habituelle passe par l'ENT : pour se \
                     connecter avec les identifiants PRONOTE, les utilisateurs doivent \
                     utiliser {}",
                    direct_access_url(public_url)
                ),
            ));
        }
    }

    if let CommonIdentifier::Attribute(name) = &settings.common_identifier {
        findings.push(Finding::new(
            "COMMON_IDENTIFIER_ATTRIBUTE",
            Info,
            format!(
                "L'identifiant commun est l'attribut CAS « {name} » : le serveur CAS doit le \
                 renvoyer pour chaque utilisateur."
            ),
        ));
    }

    match &settings.first_connection {
        FirstConnectionMode::PronoteIdentifier { attribute } => findings.push(Finding::new(
            "PRONOTE_IDENTIFIER_NEEDS_EXPORT",
            Info,
            format!(
                "L'ENT doit connaître les identifiants PRONOTE (export des identifiants) et les \
                 renvoyer dans l'attribut CAS « {attribute} »."
            ),
        )),
        FirstConnectionMode::RefuseAccess => findings.push(Finding::new(
            "REFUSE_ACCESS_NEEDS_IMPORT",
            Info,
            "Les utilisateurs inconnus sont refusés : leurs identifiants CAS doivent être \
             chargés dans PRONOTE au préalable, par import.",
        )),
        FirstConnectionMode::Identity(_) | FirstConnectionMode::DoubleAuthentication => {}
    }

    if !context.published {
        findings.push(Finding::new(
            "NOT_PUBLISHED",
            Info,
            "La base n'est pas publiée : personne ne peut s'y connecter par PRONOTE.net \
             tant qu'elle n'est pas publiée à nouveau.",
        ));
    }

    for uai in &context.establishments_closed {
        findings.push(Finding::new(
            "ESTABLISHMENT_CLOSED",
            Warning,
            format!(
                "L'établissement {} est fermé mais la base le dessert encore : retirez-le de la \
                 base ou vérifiez son état dans l'annuaire.",
                printable(uai)
            ),
        ));
    }

    findings
}

/// The CAS addresses with the words that introduce them in a sentence.
fn named_cas_urls(cas_urls: &CasUrls) -> Vec<(&'static str, &WebUrl)> {
    match cas_urls {
        CasUrls::Standard { root } => vec![("L'adresse du serveur CAS", root)],
        CasUrls::Custom { login, validation } => vec![
            ("L'adresse d'authentification CAS", login),
            ("L'adresse de validation CAS", validation),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Espace, IdentityAttributes};
    use super::*;
    use crate::delegation::AttributeName;

    fn url(raw: &str) -> WebUrl {
        WebUrl::parse("url", raw).unwrap()
    }

    fn netocentre() -> DelegationSettings {
        DelegationSettings::advised(
            url("https://ent.netocentre.fr/cas"),
            IdentityAttributes::short_names(),
        )
    }

    fn healthy_context() -> DiagnosticContext {
        DiagnosticContext {
            public_url: Some(url("https://netocentre.index-education.net/pronote/")),
            published: true,
            establishments_closed: Vec::new(),
            ent_credentials_distributed: true,
        }
    }

    fn codes(findings: &[Finding]) -> Vec<&'static str> {
        findings.iter().map(|f| f.code).collect()
    }

    fn find<'a>(findings: &'a [Finding], code: &str) -> Vec<&'a Finding> {
        findings.iter().filter(|f| f.code == code).collect()
    }

    #[test]
    fn severities_have_labels() {
        let labels: Vec<_> = Severity::ALL.iter().map(|s| s.label()).collect();
        assert_eq!(labels, ["Erreur", "Avertissement", "Information"]);
        for severity in Severity::ALL {
            let json = serde_json::to_string(&severity).unwrap();
            assert_eq!(json, format!("\"{}\"", severity.as_str()));
        }
        assert!(Severity::Error < Severity::Warning && Severity::Warning < Severity::Info);
    }

    #[test]
    fn service_and_direct_urls_follow_the_public_url() {
        let public = url("https://netocentre.index-education.net/pronote/");
        assert_eq!(
            service_url(&public),
            "https://netocentre.index-education.net/pronote/**"
        );
        assert_eq!(
            direct_access_url(&public),
            "https://netocentre.index-education.net/pronote/?login=true"
        );
        let bare = url("https://pronote.lycee.fr");
        assert_eq!(service_url(&bare), "https://pronote.lycee.fr/**");
        assert_eq!(
            direct_access_url(&bare),
            "https://pronote.lycee.fr/?login=true"
        );
    }

    #[test]
    fn recommended_settings_in_a_healthy_base_only_inform() {
        let findings = diagnose(&netocentre(), &healthy_context());
        assert_eq!(codes(&findings), ["SERVICE_URL", "DIRECT_ACCESS_URL"]);
        assert!(findings.iter().all(|f| f.severity == Severity::Info));
        assert_eq!(
            findings[0].message,
            "URL à communiquer au socle ENT : https://netocentre.index-education.net/pronote/**"
        );
        assert!(
            findings[1]
                .message
                .ends_with("https://netocentre.index-education.net/pronote/?login=true")
        );
        let json = serde_json::to_value(&findings[0]).unwrap();
        assert_eq!(json["code"], "SERVICE_URL");
        assert_eq!(json["severity"], "INFO");
    }

    #[test]
    fn initial_settings_have_no_delegation() {
        let findings = diagnose(
            &DelegationSettings::initial(),
            &DiagnosticContext::default(),
        );
        assert_eq!(
            codes(&findings),
            ["NO_DELEGATION", "PUBLIC_URL_MISSING", "NOT_PUBLISHED"]
        );
        assert_eq!(findings[0].severity, Severity::Error);
        assert!(
            findings[0]
                .message
                .contains("l'ENT ne peut pas donner accès")
        );
        assert_eq!(findings[1].severity, Severity::Error);
        assert_eq!(findings[2].severity, Severity::Info);
    }

    #[test]
    fn espaces_left_without_delegation_are_named() {
        let mut settings = netocentre();
        settings
            .espaces
            .set(Espace::Parents, EspaceDelegation::Aucune);
        settings
            .espaces
            .set(Espace::PageCommune, EspaceDelegation::Aucune);
        let findings = diagnose(&settings, &healthy_context());
        let warnings = find(&findings, "ESPACE_WITHOUT_DELEGATION");
        assert_eq!(warnings.len(), 2);
        assert!(warnings.iter().all(|f| f.severity == Severity::Warning));
        assert_eq!(
            warnings[0].message,
            "La Page commune n'est pas déléguée : ses utilisateurs devront se connecter \
             avec leurs identifiants PRONOTE."
        );
        assert_eq!(
            warnings[1].message,
            "L'Espace Parents n'est pas délégué : ses utilisateurs devront se connecter \
             avec leurs identifiants PRONOTE."
        );
    }

    #[test]
    fn http_addresses_are_warned_against() {
        let mut settings = netocentre();
        settings.cas_urls = Some(CasUrls::Custom {
            login: url("http://cas.lycee.fr/cas/login"),
            validation: url("http://cas.lycee.fr/cas/samlValidate"),
        });
        let context = DiagnosticContext {
            public_url: Some(url("http://pronote.lycee.fr/pronote")),
            ..healthy_context()
        };
        let findings = diagnose(&settings, &context);
        let cas = find(&findings, "CAS_URL_HTTP");
        assert_eq!(cas.len(), 2);
        assert!(
            cas[0]
                .message
                .starts_with("L'adresse d'authentification CAS http://cas.lycee.fr/cas/login")
        );
        assert!(
            cas[1]
                .message
                .starts_with("L'adresse de validation CAS http://cas.lycee.fr/cas/samlValidate")
        );
        assert!(
            cas[0]
                .message
                .contains("passer en mode HTTPS avec un vrai certificat")
        );
        let public = find(&findings, "PUBLIC_URL_HTTP");
        assert_eq!(public.len(), 1);
        assert_eq!(public[0].severity, Severity::Warning);
        assert!(
            public[0]
                .message
                .contains("http://pronote.lycee.fr/pronote")
        );

        settings.cas_urls = Some(CasUrls::standard(url("http://cas.lycee.fr")));
        let findings = diagnose(&settings, &context);
        let cas = find(&findings, "CAS_URL_HTTP");
        assert_eq!(cas.len(), 1);
        assert!(
            cas[0]
                .message
                .starts_with("L'adresse du serveur CAS http://cas.lycee.fr ")
        );
    }

    #[test]
    fn closed_establishments_are_named() {
        let context = DiagnosticContext {
            establishments_closed: vec!["0410017W".to_owned(), "0690028F".to_owned()],
            ..healthy_context()
        };
        let findings = diagnose(&netocentre(), &context);
        let closed = find(&findings, "ESTABLISHMENT_CLOSED");
        assert_eq!(closed.len(), 2);
        assert!(closed[0].message.contains("0410017W"));
        assert!(closed[1].message.contains("0690028F"));
        assert_eq!(
            findings.last().map(|f| f.code),
            Some("ESTABLISHMENT_CLOSED")
        );
    }

    #[test]
    fn direct_access_must_stay_open_until_credentials_are_distributed() {
        let context = DiagnosticContext {
            ent_credentials_distributed: false,
            ..healthy_context()
        };
        let mut settings = netocentre();
        let findings = diagnose(&settings, &context);
        assert_eq!(
            find(&findings, "DIRECT_ACCESS_LIMITED_BEFORE_CREDENTIALS")[0].severity,
            Severity::Warning
        );

        settings.direct_access = DirectAccess::Off;
        let findings = diagnose(&settings, &context);
        let off = find(&findings, "DIRECT_ACCESS_OFF_BEFORE_CREDENTIALS");
        assert_eq!(off.len(), 1);
        assert_eq!(off[0].severity, Severity::Error);
        assert!(find(&findings, "DIRECT_ACCESS_URL").is_empty());

        settings.direct_access = DirectAccess::Always;
        let findings = diagnose(&settings, &context);
        assert!(findings.iter().all(|f| f.severity == Severity::Info));

        // Once distributed, Off is the ENT's choice (oZe asks for it).
        settings.direct_access = DirectAccess::Off;
        let findings = diagnose(&settings, &healthy_context());
        assert_eq!(codes(&findings), ["SERVICE_URL"]);
    }

    #[test]
    fn incomplete_settings_carry_the_check_message() {
        let mut settings = netocentre();
        settings.cas_urls = None;
        let findings = diagnose(&settings, &healthy_context());
        assert_eq!(findings[0].code, "SETTINGS_INCOMPLETE");
        assert_eq!(findings[0].severity, Severity::Error);
        assert_eq!(findings[0].message, "Indiquez l'adresse du serveur CAS.");
    }

    #[test]
    fn identification_modes_add_their_information() {
        let id_pronote = AttributeName::parse("attribute", "idPronote").unwrap();
        let mut settings = netocentre();
        settings.common_identifier = CommonIdentifier::Attribute(id_pronote.clone());
        settings.first_connection = FirstConnectionMode::PronoteIdentifier {
            attribute: id_pronote,
        };
        let context = DiagnosticContext {
            published: false,
            ..healthy_context()
        };
        let findings = diagnose(&settings, &context);
        assert_eq!(
            codes(&findings),
            [
                "SERVICE_URL",
                "DIRECT_ACCESS_URL",
                "COMMON_IDENTIFIER_ATTRIBUTE",
                "PRONOTE_IDENTIFIER_NEEDS_EXPORT",
                "NOT_PUBLISHED"
            ]
        );
        assert!(findings[2].message.contains("« idPronote »"));

        settings.first_connection = FirstConnectionMode::RefuseAccess;
        let findings = diagnose(&settings, &healthy_context());
        assert_eq!(find(&findings, "REFUSE_ACCESS_NEEDS_IMPORT").len(), 1);

        settings.first_connection =
            FirstConnectionMode::Identity(IdentityAttributes::short_names());
        settings.common_identifier = CommonIdentifier::Subject;
        assert_eq!(
            codes(&diagnose(&settings, &healthy_context())),
            ["SERVICE_URL", "DIRECT_ACCESS_URL"]
        );
    }
}
