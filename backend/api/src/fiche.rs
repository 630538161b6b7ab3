//! The configuration sheet (« fiche de configuration »): a printable French
//! HTML page telling a school, step by step and with its base's exact
//! values, what to type into PRONOTE to delegate authentication to its ENT
//! (BRIEF §2), and what to give the ENT in return.
//!
//! The HTTP route gathers a [`FicheData`] from the store; [`render_fiche`]
//! turns it into a complete document. Rendering goes through an askama
//! template (`templates/fiche.html`) that HTML-escapes every value it prints;
//! the values are prepared here, in a view model, so that the template only
//! lays them out.

use askama::Template;
use chrono::{DateTime, Utc};
use relais_domain::delegation::{
    CAS_LOGIN_PATH, CAS_VALIDATION_PATH, CasUrls, CommonIdentifier, DelegationSettings,
    DirectAccess, EspaceDelegation, Finding, FirstConnectionMode, Profile, Protocol, Severity,
    cas_service, direct_access_url, service_url,
};
use relais_domain::web_url::WebUrl;
use relais_domain::{Hosting, Publication};

/// Everything the sheet shows; built by the HTTP route from the store.
#[derive(Debug, Clone)]
pub struct FicheData {
    /// The ENT operator, e.g. « NetO'Centre (GIP RECIA) ».
    pub tenant_name: String,
    /// Where the school writes for help (subject starting with `ENT_Pronote`).
    pub helpdesk_email: String,
    /// The establishment the sheet was asked for.
    pub establishment_uai: String,
    /// Every establishment the base serves (a cité scolaire has several), or
    /// just the requested one when there is no base.
    pub establishments: Vec<FicheEstablishment>,
    /// `None`: no PRONOTE base yet; the sheet says so and whom to contact.
    pub base: Option<FicheBase>,
    pub generated_at: DateTime<Utc>,
}

/// One establishment, as listed in the sheet's header.
#[derive(Debug, Clone)]
pub struct FicheEstablishment {
    pub uai: String,
    pub name: String,
    /// e.g. « Lycée », « Collège ».
    pub kind_label: String,
    pub commune: Option<String>,
}

/// The PRONOTE base the sheet describes.
#[derive(Debug, Clone)]
pub struct FicheBase {
    /// The UAI the base's exports are keyed by.
    pub group_uai: String,
    pub hosting: Hosting,
    /// PRONOTE release, named by its year.
    pub pronote_version: Option<i32>,
    /// `2026-2027`.
    pub school_year: String,
    /// PRONOTE.net public URL.
    pub public_url: Option<WebUrl>,
    /// Address of the PRONOTE server for the client (self-hosted bases).
    pub server_address: Option<String>,
    pub publication: Publication,
    pub settings: DelegationSettings,
    /// What is wrong or risky, most serious first.
    pub findings: Vec<Finding>,
}

/// The printable French HTML page (a complete document, UTF-8, inline CSS
/// with `@media print`). Every value from `data` is HTML-escaped.
pub fn render_fiche(data: &FicheData) -> String {
    let sheet = Sheet::new(data);
    match sheet.render() {
        Ok(html) => html,
        Err(err) => {
            // Only a failing `Display` of a value could get here; none of
            // the values printed can fail.
            tracing::error!(error = %err, "fiche de configuration: rendu impossible");
            String::from(RENDER_FAILED)
        }
    }
}

/// Shown if the template ever fails to render.
const RENDER_FAILED: &str = "<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\">\
<title>Fiche de configuration</title></head><body><p>La fiche de configuration n'a pas pu \
être générée. Réessayez ou contactez l'assistance.</p></body></html>\n";

/// The sheet's view model: the values the template prints, already worded.
#[derive(Template)]
#[template(path = "fiche.html")]
struct Sheet<'a> {
    data: &'a FicheData,
    /// Name of the requested establishment (its UAI if not listed).
    title_name: &'a str,
    /// `dd/mm/yyyy à hh:mm UTC`.
    generated_on: String,
    /// The subject of a message to the helpdesk.
    mail_subject: String,
    base: Option<BaseSheet<'a>>,
}

/// The part of the sheet that describes an existing base.
struct BaseSheet<'a> {
    base: &'a FicheBase,
    /// Several establishments share the base.
    cite_scolaire: bool,
    version_label: String,
    hosting_label: &'static str,
    /// Where publication is stopped and started.
    console: &'static str,
    published: bool,
    publication_label: &'static str,
    stop_first: &'static str,
    self_hosted: bool,
    /// Set for self-hosted bases only (`None` there = not given).
    server_address: Option<&'a str>,
    public_url: Option<&'a str>,
    protocols: Vec<ProtocolLine>,
    any_active: bool,
    uses_cas: bool,
    cas_root: Option<&'a str>,
    cas_custom: Option<(&'a str, &'a str)>,
    login_path: String,
    validation_path: String,
    authentication_link: Option<String>,
    validation_link: Option<String>,
    espaces: Vec<EspaceLine>,
    espaces_aucune: usize,
    common_identifier_label: String,
    common_attribute: Option<&'a str>,
    mode_label: &'static str,
    identity: Option<IdentitySheet<'a>>,
    pronote_attribute: Option<&'a str>,
    double_authentication: bool,
    refuse_access: bool,
    direct_access_label: &'static str,
    direct_access_off: bool,
    client_direct_access: bool,
    direct_access_url: Option<String>,
    service_url: Option<String>,
    findings: Vec<FindingLine<'a>>,
}

/// One protocol and whether its delegation must be active.
struct ProtocolLine {
    label: &'static str,
    active: bool,
}

/// One espace and what it is delegated to.
struct EspaceLine {
    label: &'static str,
    delegation: &'static str,
    aucune: bool,
}

/// Mode « Avec l'identité de l'utilisateur »: the attribute names and the
/// accepted profile values.
struct IdentitySheet<'a> {
    attributes: Vec<(&'static str, Option<&'a str>)>,
    profile_attribute: &'a str,
    profiles: Vec<(&'static str, String)>,
}

/// One finding, with the CSS class of its severity.
struct FindingLine<'a> {
    label: &'static str,
    class: &'static str,
    message: &'a str,
}

impl<'a> Sheet<'a> {
    fn new(data: &'a FicheData) -> Self {
        let title_name = data
            .establishments
            .iter()
            .find(|e| e.uai.eq_ignore_ascii_case(&data.establishment_uai))
            .map_or(data.establishment_uai.as_str(), |e| e.name.as_str());
        let subject_uai = data
            .base
            .as_ref()
            .map_or(data.establishment_uai.as_str(), |b| b.group_uai.as_str());
        Sheet {
            data,
            title_name,
            generated_on: data.generated_at.format("%d/%m/%Y à %H:%M UTC").to_string(),
            mail_subject: format!("ENT_Pronote {subject_uai}"),
            base: data
                .base
                .as_ref()
                .map(|base| BaseSheet::new(base, data.establishments.len() > 1)),
        }
    }
}

impl<'a> BaseSheet<'a> {
    fn new(base: &'a FicheBase, cite_scolaire: bool) -> Self {
        let settings = &base.settings;
        let self_hosted = base.hosting == Hosting::SelfHosted;
        let public_url = base.public_url.as_ref();
        let (cas_root, cas_custom) = match &settings.cas_urls {
            Some(CasUrls::Standard { root }) => (Some(root.as_str()), None),
            Some(CasUrls::Custom { login, validation }) => {
                (None, Some((login.as_str(), validation.as_str())))
            }
            None => (None, None),
        };
        let links = settings.cas_urls.as_ref().zip(public_url);
        let espaces: Vec<EspaceLine> = settings
            .espaces
            .iter()
            .map(|(espace, delegation)| EspaceLine {
                label: espace.label(),
                delegation: delegation.label(),
                aucune: delegation == EspaceDelegation::Aucune,
            })
            .collect();
        BaseSheet {
            base,
            cite_scolaire,
            version_label: base.pronote_version.map_or_else(
                || String::from("Non renseignée"),
                |y| format!("PRONOTE {y}"),
            ),
            hosting_label: base.hosting.label(),
            console: match base.hosting {
                Hosting::Hosted => "console d'hébergement",
                Hosting::SelfHosted => "console d'administration",
            },
            published: base.publication == Publication::Published,
            publication_label: base.publication.label(),
            stop_first: Publication::STOP_FIRST,
            self_hosted,
            server_address: base.server_address.as_deref().filter(|_| self_hosted),
            public_url: public_url.map(WebUrl::as_str),
            protocols: Protocol::ALL
                .into_iter()
                .map(|p| ProtocolLine {
                    label: p.label(),
                    active: settings.delegations.is_active(p),
                })
                .collect(),
            any_active: settings.delegations.any_active(),
            uses_cas: settings.uses_cas(),
            cas_root,
            cas_custom,
            login_path: format!("/{CAS_LOGIN_PATH}"),
            validation_path: format!("/{CAS_VALIDATION_PATH}"),
            authentication_link: links.map(|(cas, url)| cas.authentication_link(&cas_service(url))),
            validation_link: links.map(|(cas, url)| cas.validation_link(&cas_service(url))),
            espaces_aucune: espaces.iter().filter(|e| e.aucune).count(),
            espaces,
            common_identifier_label: settings.common_identifier.label(),
            common_attribute: match &settings.common_identifier {
                CommonIdentifier::Subject => None,
                CommonIdentifier::Attribute(name) => Some(name.as_str()),
            },
            mode_label: settings.first_connection.label(),
            identity: match &settings.first_connection {
                FirstConnectionMode::Identity(identity) => Some(IdentitySheet {
                    attributes: vec![
                        ("Nom", Some(identity.last_name.as_str())),
                        ("Prénom", Some(identity.first_name.as_str())),
                        (
                            "Date de naissance (format jj/mm/aaaa)",
                            Some(identity.birth_date.as_str()),
                        ),
                        (
                            "Code postal",
                            identity.postal_code.as_ref().map(|n| n.as_str()),
                        ),
                        ("Profil", Some(identity.profile.as_str())),
                    ],
                    profile_attribute: identity.profile.as_str(),
                    profiles: Profile::ALL
                        .into_iter()
                        .map(|p| (p.label(), identity.profile_values.joined(p)))
                        .collect(),
                }),
                _ => None,
            },
            pronote_attribute: match &settings.first_connection {
                FirstConnectionMode::PronoteIdentifier { attribute } => Some(attribute.as_str()),
                _ => None,
            },
            double_authentication: settings.first_connection
                == FirstConnectionMode::DoubleAuthentication,
            refuse_access: settings.first_connection == FirstConnectionMode::RefuseAccess,
            direct_access_label: settings.direct_access.label(),
            direct_access_off: settings.direct_access == DirectAccess::Off,
            client_direct_access: settings.client_direct_access,
            direct_access_url: public_url.map(direct_access_url),
            service_url: public_url.map(service_url),
            findings: base
                .findings
                .iter()
                .map(|f| FindingLine {
                    label: f.severity.label(),
                    class: match f.severity {
                        Severity::Error => "error",
                        Severity::Warning => "warning",
                        Severity::Info => "info",
                    },
                    message: f.message.as_str(),
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use relais_domain::delegation::{AttributeName, DiagnosticContext, Espace, diagnose};

    use super::*;

    fn url(raw: &str) -> WebUrl {
        WebUrl::parse("url", raw).unwrap()
    }

    /// What askama prints for `text`.
    fn escaped(text: &str) -> String {
        text.replace('&', "&#38;")
            .replace('<', "&#60;")
            .replace('>', "&#62;")
            .replace('"', "&#34;")
            .replace('\'', "&#39;")
    }

    fn establishment(uai: &str, name: &str, kind: &str) -> FicheEstablishment {
        FicheEstablishment {
            uai: uai.to_owned(),
            name: name.to_owned(),
            kind_label: kind.to_owned(),
            commune: Some("Blois".to_owned()),
        }
    }

    fn base(settings: DelegationSettings, public_url: Option<&str>) -> FicheBase {
        let public_url = public_url.map(url);
        let findings = diagnose(
            &settings,
            &DiagnosticContext {
                public_url: public_url.clone(),
                published: false,
                establishments_closed: Vec::new(),
                ent_credentials_distributed: true,
            },
        );
        FicheBase {
            group_uai: "0410017W".to_owned(),
            hosting: Hosting::Hosted,
            pronote_version: Some(2025),
            school_year: "2025-2026".to_owned(),
            public_url,
            server_address: None,
            publication: Publication::Stopped,
            settings,
            findings,
        }
    }

    fn data(base: Option<FicheBase>) -> FicheData {
        FicheData {
            tenant_name: "NetO'Centre (GIP RECIA)".to_owned(),
            helpdesk_email: "assistance@netocentre.fr".to_owned(),
            establishment_uai: "0410017W".to_owned(),
            establishments: vec![establishment("0410017W", "Lycée Augustin Thierry", "Lycée")],
            base,
            generated_at: Utc.with_ymd_and_hms(2025, 11, 23, 14, 5, 0).unwrap(),
        }
    }

    fn netocentre() -> DelegationSettings {
        DelegationSettings::advised(
            url("https://ent.netocentre.fr/cas"),
            relais_domain::delegation::IdentityAttributes::short_names(),
        )
    }

    const PUBLIC: &str = "https://0410017w.index-education.net/pronote/";

    #[test]
    fn recommended_settings_give_the_exact_values() {
        let html = render_fiche(&data(Some(base(netocentre(), Some(PUBLIC)))));
        assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
        assert!(html.contains("<meta charset=\"utf-8\">"));
        assert!(html.contains("@media print"));
        assert!(html.trim_end().ends_with("</html>"));
        // Header.
        for text in [
            "NetO&#39;Centre (GIP RECIA)",
            "Lycée Augustin Thierry",
            "0410017W",
            "2025-2026",
            "PRONOTE 2025",
            "Hébergé chez Index-Education",
            "23/11/2025",
        ] {
            assert!(html.contains(text), "{text}");
        }
        // The service URL, in its box.
        assert!(html.contains(
            "<p class=\"service-url\"><code>https://0410017w.index-education.net/pronote/**</code></p>"
        ));
        assert!(html.contains("URL à communiquer au socle ENT"));
        // Standard CAS address and the derived links.
        assert!(html.contains("<code>https://ent.netocentre.fr/cas</code>"));
        assert!(html.contains(&escaped(
            "https://ent.netocentre.fr/cas/login?service=\
             https%3A%2F%2F0410017w.index-education.net%2Fpronote"
        )));
        assert!(html.contains(&escaped(
            "https://ent.netocentre.fr/cas/samlValidate?TARGET=\
             https%3A%2F%2F0410017w.index-education.net%2Fpronote"
        )));
        // Every espace, all on CAS, none on « Aucune ».
        for espace in Espace::ALL {
            assert!(
                html.contains(&format!("<td>{}</td>", escaped(espace.label()))),
                "{espace}"
            );
        }
        assert_eq!(html.matches("<td>CAS</td></tr>").count(), 9);
        assert!(!html.contains("class=\"aucune\""));
        // Identity mode: attribute names and accepted values.
        assert!(html.contains(&escaped("Avec l'identité de l'utilisateur")));
        for attribute in ["nom", "prenom", "dateNaissance", "codePostal", "categories"] {
            assert!(
                html.contains(&format!("<code>{attribute}</code>")),
                "{attribute}"
            );
        }
        assert!(html.contains("format jj/mm/aaaa"));
        for value in ["National_1", "National_2", "National_3", "National_4"] {
            assert!(html.contains(&format!("<code>{value}</code>")), "{value}");
        }
        // Direct access.
        assert!(html.contains("Uniquement si le serveur CAS ne répond pas"));
        assert!(html.contains(&escaped(
            "https://0410017w.index-education.net/pronote/?login=true"
        )));
        assert!(html.contains("sans interroger le serveur CAS"));
        assert!(html.contains("Subject CAS"));
        // Not published: no need to stop it.
        assert!(!html.contains(Publication::STOP_FIRST));
        assert!(html.contains("Depuis PRONOTE 2020"));
        assert!(html.contains("Publiez la base"));
        assert!(html.contains("assistance@netocentre.fr"));
        assert!(html.contains("ENT_Pronote 0410017W"));
        // A hosted base has no server address line.
        assert!(!html.contains("Adresse du serveur PRONOTE"));
    }

    #[test]
    fn custom_cas_and_pronote_identifier() {
        let mut settings = netocentre();
        settings.cas_urls = Some(CasUrls::Custom {
            login: url("https://www.atrium-paca.fr/connexion/login"),
            validation: url("https://cas.atrium-paca.fr/cas/samlValidate"),
        });
        let id_pronote = AttributeName::parse("attribute", "idPronote").unwrap();
        settings.common_identifier = CommonIdentifier::Attribute(id_pronote.clone());
        settings.first_connection = FirstConnectionMode::PronoteIdentifier {
            attribute: id_pronote,
        };
        settings.direct_access = DirectAccess::Off;
        settings.client_direct_access = false;
        settings
            .espaces
            .set(Espace::Entreprise, EspaceDelegation::Aucune);
        let html = render_fiche(&data(Some(base(settings, Some(PUBLIC)))));

        assert!(html.contains(
            "Cochez l'option « Les adresses d'authentification et de validation sont différentes »"
        ));
        assert!(html.contains("<code>https://www.atrium-paca.fr/connexion/login</code>"));
        assert!(html.contains("<code>https://cas.atrium-paca.fr/cas/samlValidate</code>"));
        assert!(html.contains(&escaped(
            "https://www.atrium-paca.fr/connexion/login?service=https%3A%2F%2F"
        )));
        assert!(html.contains(&escaped("Avec l'identifiant PRONOTE")));
        assert!(html.contains("<code>idPronote</code>"));
        assert!(html.contains("Exporter les identifiants PRONOTE"));
        assert!(html.contains(&escaped("Attribut CAS idPronote")));
        assert!(!html.contains("National_1"));
        // The espace on « Aucune » is highlighted, with the advice.
        assert!(html.contains("<tr class=\"aucune\"><td>Espace Entreprise</td><td>Aucune</td>"));
        assert!(html.contains("fortement recommandé"));
        assert!(html.contains("Un espace reste sur « Aucune » (surligné) : ses utilisateurs"));
        assert!(html.contains("Désactivée"));
    }

    #[test]
    fn a_published_base_must_be_stopped_first() {
        let mut hosted = base(netocentre(), Some(PUBLIC));
        hosted.publication = Publication::Published;
        let html = render_fiche(&data(Some(hosted.clone())));
        assert!(html.contains(Publication::STOP_FIRST));
        assert!(html.contains("Arrêtez la publication de la base"));
        assert!(html.contains(&escaped("console d'hébergement")));

        let mut self_hosted = hosted;
        self_hosted.hosting = Hosting::SelfHosted;
        let html = render_fiche(&data(Some(self_hosted)));
        assert!(html.contains(Publication::STOP_FIRST));
        assert!(html.contains(&escaped("console d'administration")));
        assert!(!html.contains(&escaped("console d'hébergement")));
    }

    #[test]
    fn without_a_base_the_sheet_says_whom_to_contact() {
        let html = render_fiche(&data(None));
        assert!(html.contains("Aucune base PRONOTE"), "{html}");
        assert!(html.contains("Lycée Augustin Thierry"));
        assert!(html.contains("assistance@netocentre.fr"));
        assert!(html.contains("ENT_Pronote 0410017W"));
        assert!(!html.contains("URL à communiquer au socle ENT"));
        assert!(!html.contains("Délégation par espace"));
    }

    #[test]
    fn a_missing_public_url_is_said() {
        let html = render_fiche(&data(Some(base(netocentre(), None))));
        assert!(!html.contains("**</code>"));
        assert!(!html.contains("?service="));
        // Said in the box for the ENT and among the findings.
        assert!(html.contains(
            "<p class=\"missing\">L'adresse publique de PRONOTE.net n'est pas renseignée"
        ));
        assert!(html.contains(&escaped(
            "L'adresse publique de PRONOTE.net n'est pas renseignée"
        )));
        assert!(html.contains("Adresse publique de PRONOTE.net</dt><dd>Non renseignée"));
    }

    #[test]
    fn every_value_is_escaped() {
        let evil = "<script>alert(1)</script> & Cie";
        let mut fiche = data(Some(base(netocentre(), Some(PUBLIC))));
        fiche.tenant_name = evil.to_owned();
        fiche.establishments = vec![
            establishment("0410017W", evil, evil),
            establishment("0410018X", "Collège \"O'Hara\"", "Collège"),
        ];
        let base = fiche.base.as_mut().unwrap();
        base.school_year = evil.to_owned();
        base.findings.push(Finding {
            code: "TEST",
            severity: Severity::Warning,
            message: evil.to_owned(),
        });
        let html = render_fiche(&fiche);
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("& Cie"));
        assert!(html.contains(&escaped(evil)));
        assert!(html.contains("Collège &#34;O&#39;Hara&#34;"));
        // Two establishments: a cité scolaire, named by its group UAI.
        assert!(html.contains("Cité scolaire"));

        let mut no_base = data(None);
        no_base.establishments[0].name = evil.to_owned();
        no_base.helpdesk_email = evil.to_owned();
        let html = render_fiche(&no_base);
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("& Cie"));
    }

    #[test]
    fn a_self_hosted_base_shows_its_server_address() {
        let mut self_hosted = base(netocentre(), Some(PUBLIC));
        self_hosted.hosting = Hosting::SelfHosted;
        self_hosted.server_address = Some("pronote.lycee-thierry.fr:49300".to_owned());
        let html = render_fiche(&data(Some(self_hosted.clone())));
        assert!(html.contains("Non hébergé"));
        assert!(html.contains("Adresse du serveur PRONOTE"));
        assert!(html.contains("<code>pronote.lycee-thierry.fr:49300</code>"));

        // Not given: said, not invented.
        self_hosted.server_address = None;
        let html = render_fiche(&data(Some(self_hosted.clone())));
        assert!(html.contains("Adresse du serveur PRONOTE"));
        assert!(!html.contains(":49300"));

        // A hosted base never shows one.
        self_hosted.hosting = Hosting::Hosted;
        self_hosted.server_address = Some("pronote.lycee-thierry.fr:49300".to_owned());
        let html = render_fiche(&data(Some(self_hosted)));
        assert!(!html.contains(":49300"));
    }

    #[test]
    fn other_modes_get_their_sentence() {
        let mut settings = DelegationSettings::initial();
        let html = render_fiche(&data(Some(base(settings.clone(), Some(PUBLIC)))));
        assert!(html.contains("Double authentification"));
        assert!(html.contains("aucune donnée personnelle"));
        assert!(html.contains("Aucune délégation n'est activée pour cette base"));
        assert!(!html.contains("?service="));
        assert!(html.contains("La délégation CAS n'est pas utilisée"));
        assert_eq!(html.matches("<tr class=\"aucune\">").count(), 9);
        assert!(html.contains("9 espaces restent sur « Aucune »"));

        settings.first_connection = FirstConnectionMode::RefuseAccess;
        let html = render_fiche(&data(Some(base(settings, Some(PUBLIC)))));
        assert!(html.contains(&escaped("Refuser l'accès")));
        assert!(html.contains("par import"));
    }
}
