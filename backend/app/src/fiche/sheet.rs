//! The sheet's view model: every value the template prints, already worded
//! in French (docs/domain.md « La fiche de configuration »).

use askama::Template;
use relais_domain::delegation::{
    CAS_LOGIN_PATH, CAS_VALIDATION_PATH, CasUrls, ClientSettings, CommonIdentifier, DirectAccess,
    EspaceDelegation, FirstConnectionMode, Profile, Protocol, Severity, cas_service,
    direct_access_url, service_url,
};
use relais_domain::web_url::WebUrl;
use relais_domain::{Hosting, Publication};

use super::rentree::{RentreeLine, rentree_lines};
use super::{FicheBase, FicheData};

/// The root PRONOTE.net is published under on a self-hosted server
/// (« Racine »): without it, CAS answers reach no PRONOTE (docs/domain.md).
pub(super) const PUBLICATION_ROOT: &str = "pronote";

/// The sheet's view model: the values the template prints, already worded.
#[derive(Template)]
#[template(path = "fiche.html")]
pub(super) struct Sheet<'a> {
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
    /// Where PRONOTE.net's publication is stopped and started: the hosting
    /// console, or for a self-hosted base the « Administration PRONOTE.net »
    /// console (not the server's).
    publication_console: &'static str,
    /// Where the PRONOTE server's delegation is entered.
    server_console: &'static str,
    published: bool,
    publication_label: &'static str,
    stop_first: &'static str,
    self_hosted: bool,
    /// Set for self-hosted bases only (`None` there = not given).
    server_address: Option<&'a str>,
    public_url: Option<&'a str>,
    /// Self-hosted: the publication root the public URL ends with, and
    /// whether it is `pronote`.
    publication_root: Option<String>,
    publication_root_ok: bool,
    /// « Mon ENT »: the model's exact name, or `None` for « Paramétrage
    /// manuel ».
    model_name: Option<&'a str>,
    model_without_cas_urls: bool,
    model_with_feed_mode: bool,
    model_drift: &'a [String],
    model_update_pending: bool,
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
    net: ClientSheet,
    /// The PRONOTE client's own values when they differ from PRONOTE.net's.
    client: Option<ClientSheet>,
    direct_access_label: &'static str,
    direct_access_off: bool,
    client_direct_access: bool,
    direct_access_url: Option<String>,
    service_url: Option<String>,
    /// The name of file A, `<group UAI>.xml`.
    account_matching_file: String,
    rentree: Vec<RentreeLine>,
    findings: Vec<FindingLine<'a>>,
}

/// One client's identifier and identification mode, as entered.
struct ClientSheet {
    common_identifier_label: String,
    common_attribute: Option<String>,
    /// Only for the PRONOTE client's own definition.
    cas_urls: Option<String>,
    mode_label: &'static str,
    identity: Option<IdentitySheet>,
    pronote_attribute: Option<String>,
    double_authentication: bool,
    refuse_access: bool,
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
struct IdentitySheet {
    attributes: Vec<(&'static str, Option<String>)>,
    profile_attribute: String,
    profiles: Vec<(&'static str, String)>,
}

/// One finding, with the CSS class of its severity.
struct FindingLine<'a> {
    label: &'static str,
    class: &'static str,
    message: &'a str,
}

impl<'a> Sheet<'a> {
    pub(super) fn new(data: &'a FicheData) -> Self {
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
                .map(|base| BaseSheet::new(data, base, data.establishments.len() > 1)),
        }
    }
}

impl ClientSheet {
    fn new(values: &ClientSettings, with_urls: bool) -> Self {
        ClientSheet {
            common_identifier_label: values.common_identifier.label(),
            common_attribute: match &values.common_identifier {
                CommonIdentifier::Subject => None,
                CommonIdentifier::Attribute(name) => Some(name.to_string()),
            },
            cas_urls: values
                .cas_urls
                .as_ref()
                .filter(|_| with_urls)
                .map(|urls| match urls {
                    CasUrls::Standard { root } => format!("adresse racine {root}"),
                    CasUrls::Custom { login, validation } => {
                        format!("authentification {login} ; validation {validation}")
                    }
                }),
            mode_label: values.first_connection.label(),
            identity: match &values.first_connection {
                FirstConnectionMode::Identity(identity) => Some(IdentitySheet {
                    attributes: vec![
                        ("Nom", Some(identity.last_name.to_string())),
                        ("Prénom", Some(identity.first_name.to_string())),
                        (
                            "Date de naissance (format jj/mm/aaaa)",
                            Some(identity.birth_date.to_string()),
                        ),
                        (
                            "Code postal",
                            identity.postal_code.as_ref().map(ToString::to_string),
                        ),
                        ("Profil", Some(identity.profile.to_string())),
                    ],
                    profile_attribute: identity.profile.to_string(),
                    profiles: Profile::ALL
                        .into_iter()
                        .map(|p| (p.label(), identity.profile_values.joined(p)))
                        .collect(),
                }),
                _ => None,
            },
            pronote_attribute: match &values.first_connection {
                FirstConnectionMode::PronoteIdentifier { attribute } => Some(attribute.to_string()),
                _ => None,
            },
            double_authentication: values.first_connection
                == FirstConnectionMode::DoubleAuthentication,
            refuse_access: values.first_connection == FirstConnectionMode::RefuseAccess,
        }
    }
}

/// The last path segment of a public URL (`…/pronote` → `pronote`).
fn root_of(public_url: &WebUrl) -> String {
    public_url
        .as_str()
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .filter(|segment| !segment.contains(':') && !segment.is_empty())
        .unwrap_or("")
        .to_owned()
}

impl<'a> BaseSheet<'a> {
    fn new(data: &'a FicheData, base: &'a FicheBase, cite_scolaire: bool) -> Self {
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
        let publication_root = public_url.filter(|_| self_hosted).map(root_of);
        BaseSheet {
            base,
            cite_scolaire,
            version_label: base.pronote_version.map_or_else(
                || String::from("Non renseignée"),
                |y| format!("PRONOTE {y}"),
            ),
            hosting_label: base.hosting.label(),
            publication_console: match base.hosting {
                Hosting::Hosted => "console d'hébergement (rubrique PRONOTE.net)",
                Hosting::SelfHosted => "console « Administration PRONOTE.net »",
            },
            server_console: match base.hosting {
                Hosting::Hosted => "console d'hébergement (rubrique Serveur PRONOTE)",
                Hosting::SelfHosted => "console d'administration du Serveur PRONOTE",
            },
            published: base.publication == Publication::Published,
            publication_label: base.publication.label(),
            stop_first: Publication::STOP_FIRST,
            self_hosted,
            server_address: base.server_address.as_deref().filter(|_| self_hosted),
            public_url: public_url.map(WebUrl::as_str),
            publication_root_ok: publication_root.as_deref() == Some(PUBLICATION_ROOT),
            publication_root,
            model_name: base.model.as_ref().map(|m| m.name.as_str()),
            model_without_cas_urls: base.model.as_ref().is_some_and(|m| !m.gives_cas_urls),
            model_with_feed_mode: base
                .model
                .as_ref()
                .is_some_and(|m| m.name.contains("avec alimentation")),
            model_drift: base.model.as_ref().map_or(&[], |m| m.drift.as_slice()),
            model_update_pending: base.model.as_ref().is_some_and(|m| m.update_pending),
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
            net: ClientSheet::new(&ClientSettings::of_delegation(settings), false),
            client: settings
                .pronote_client
                .as_ref()
                .map(|client| ClientSheet::new(client, true)),
            direct_access_label: settings.direct_access.label(),
            direct_access_off: settings.direct_access == DirectAccess::Off,
            client_direct_access: settings.client_direct_access,
            direct_access_url: public_url.map(direct_access_url),
            service_url: public_url.map(service_url),
            account_matching_file: format!("{}.xml", base.group_uai),
            rentree: rentree_lines(data, base),
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
