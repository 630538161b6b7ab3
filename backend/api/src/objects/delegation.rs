//! Delegation settings in the API: what a base holds (output) and what a
//! person sends to change it (input, parsed into the domain types, docs/domain.md §2).

use std::collections::HashSet;

use async_graphql::{InputObject, Object, SimpleObject};
use relais_domain::DomainError;
use relais_domain::delegation::{
    AttributeName, CasUrls, CommonIdentifier, DelegationSettings, Delegations, Espace,
    EspaceDelegation, EspaceMatrix, Finding, FirstConnectionMode, IdentityAttributes, Profile,
    ProfileValues,
};
use relais_domain::web_url::WebUrl;

use super::delegation_enums::{
    CasUrlShape, DirectAccessName, EspaceDelegationName, EspaceName, FirstConnectionModeName,
    ProfileName, SeverityName,
};

/// The delegation settings of one base.
pub(crate) struct DelegationSettingsView(pub DelegationSettings);

/// Which delegation definitions are active.
#[derive(SimpleObject)]
#[graphql(name = "Delegations")]
pub(crate) struct DelegationsView {
    pub cas: bool,
    pub ws_federation: bool,
    pub edu_connect: bool,
}

/// The delegation of one espace.
#[derive(SimpleObject)]
pub(crate) struct EspaceSetting {
    pub espace: EspaceName,
    /// « Espace Professeurs »…
    pub label: &'static str,
    pub delegation: EspaceDelegationName,
    /// « CAS », « Aucune »…
    pub delegation_label: &'static str,
}

/// The CAS server's addresses, as PRONOTE will call them.
#[derive(SimpleObject)]
pub(crate) struct CasUrlsView {
    pub shape: CasUrlShape,
    /// The standard shape's root.
    pub root: Option<String>,
    pub login_url: String,
    pub validation_url: String,
}

/// The accepted values of the profile attribute for one PRONOTE profile.
#[derive(SimpleObject)]
pub(crate) struct ProfileValuesView {
    pub profile: ProfileName,
    pub label: &'static str,
    pub values: Vec<String>,
}

/// The CAS attributes PRONOTE reads in identity mode.
#[derive(SimpleObject)]
#[graphql(name = "IdentityAttributes")]
pub(crate) struct IdentityAttributesView {
    pub last_name: String,
    pub first_name: String,
    pub birth_date: String,
    pub postal_code: Option<String>,
    pub profile: String,
    pub profile_values: Vec<ProfileValuesView>,
}

/// The first-connection identification mode.
#[derive(SimpleObject)]
#[graphql(name = "FirstConnection")]
pub(crate) struct FirstConnectionView {
    pub mode: FirstConnectionModeName,
    pub label: &'static str,
    /// `PRONOTE_IDENTIFIER` mode: the attribute carrying the identifier.
    pub pronote_identifier_attribute: Option<String>,
    /// `IDENTITY` mode: the attributes read.
    pub identity: Option<IdentityAttributesView>,
}

/// One finding of the diagnostics.
#[derive(SimpleObject)]
#[graphql(name = "Finding")]
pub(crate) struct FindingView {
    /// Stable code, e.g. `CAS_URL_HTTP`.
    pub code: &'static str,
    pub severity: SeverityName,
    pub severity_label: &'static str,
    pub message: String,
}

impl From<Finding> for FindingView {
    fn from(finding: Finding) -> Self {
        Self {
            code: finding.code,
            severity: finding.severity.into(),
            severity_label: finding.severity.label(),
            message: finding.message,
        }
    }
}

#[Object(name = "DelegationSettings")]
impl DelegationSettingsView {
    async fn delegations(&self) -> DelegationsView {
        let d = &self.0.delegations;
        DelegationsView {
            cas: d.cas,
            ws_federation: d.ws_federation,
            edu_connect: d.edu_connect,
        }
    }

    /// The 9 espaces, in the console's order.
    async fn espaces(&self) -> Vec<EspaceSetting> {
        self.0
            .espaces
            .iter()
            .map(|(espace, delegation)| EspaceSetting {
                espace: espace.into(),
                label: espace.label(),
                delegation: delegation.into(),
                delegation_label: delegation.label(),
            })
            .collect()
    }

    async fn cas_urls(&self) -> Option<CasUrlsView> {
        self.0.cas_urls.as_ref().map(cas_urls_view)
    }

    /// Direct authentication by PRONOTE.net.
    async fn direct_access(&self) -> DirectAccessName {
        self.0.direct_access.into()
    }

    async fn direct_access_label(&self) -> &'static str {
        self.0.direct_access.label()
    }

    /// The PRONOTE client may authenticate without asking the CAS server.
    async fn client_direct_access(&self) -> bool {
        self.0.client_direct_access
    }

    /// The CAS attribute that identifies users; empty: the CAS Subject.
    async fn common_identifier_attribute(&self) -> Option<String> {
        match &self.0.common_identifier {
            CommonIdentifier::Subject => None,
            CommonIdentifier::Attribute(name) => Some(name.as_str().to_owned()),
        }
    }

    async fn first_connection(&self) -> FirstConnectionView {
        first_connection_view(&self.0.first_connection)
    }

    /// The PRONOTE client's own definition, entered in the PRONOTE server's
    /// administration (« Déléguer l'authentification »), when it differs
    /// from PRONOTE.net's; empty: the same values, entered in both places.
    async fn pronote_client(&self) -> Option<ClientDelegationView> {
        self.0.pronote_client.as_ref().map(client_delegation_view)
    }
}

/// A client's CAS definition: identifier, addresses, identification mode.
#[derive(SimpleObject)]
#[graphql(name = "ClientDelegation")]
pub(crate) struct ClientDelegationView {
    /// The CAS attribute that identifies users; empty: the CAS Subject.
    pub common_identifier_attribute: Option<String>,
    /// Empty: the same addresses as PRONOTE.net's (or, in a model, typed by
    /// the school).
    pub cas_urls: Option<CasUrlsView>,
    pub first_connection: FirstConnectionView,
}

pub(crate) fn client_delegation_view(
    settings: &relais_domain::delegation::ClientSettings,
) -> ClientDelegationView {
    ClientDelegationView {
        common_identifier_attribute: match &settings.common_identifier {
            CommonIdentifier::Subject => None,
            CommonIdentifier::Attribute(name) => Some(name.as_str().to_owned()),
        },
        cas_urls: settings.cas_urls.as_ref().map(cas_urls_view),
        first_connection: first_connection_view(&settings.first_connection),
    }
}

pub(crate) fn cas_urls_view(urls: &CasUrls) -> CasUrlsView {
    CasUrlsView {
        shape: match urls {
            CasUrls::Standard { .. } => CasUrlShape::Standard,
            CasUrls::Custom { .. } => CasUrlShape::Custom,
        },
        root: match urls {
            CasUrls::Standard { root } => Some(root.as_str().to_owned()),
            CasUrls::Custom { .. } => None,
        },
        login_url: urls.login_url(),
        validation_url: urls.validation_url(),
    }
}

/// The first-connection mode with its attributes, as the API shows it.
pub(crate) fn first_connection_view(mode: &FirstConnectionMode) -> FirstConnectionView {
    {
        let (code, pronote_identifier_attribute, identity) = match mode {
            FirstConnectionMode::Identity(attributes) => (
                FirstConnectionModeName::Identity,
                None,
                Some(identity_view(attributes)),
            ),
            FirstConnectionMode::PronoteIdentifier { attribute } => (
                FirstConnectionModeName::PronoteIdentifier,
                Some(attribute.as_str().to_owned()),
                None,
            ),
            FirstConnectionMode::DoubleAuthentication => {
                (FirstConnectionModeName::DoubleAuthentication, None, None)
            }
            FirstConnectionMode::RefuseAccess => {
                (FirstConnectionModeName::RefuseAccess, None, None)
            }
        };
        FirstConnectionView {
            mode: code,
            label: mode.label(),
            pronote_identifier_attribute,
            identity,
        }
    }
}

fn identity_view(attributes: &IdentityAttributes) -> IdentityAttributesView {
    IdentityAttributesView {
        last_name: attributes.last_name.as_str().to_owned(),
        first_name: attributes.first_name.as_str().to_owned(),
        birth_date: attributes.birth_date.as_str().to_owned(),
        postal_code: attributes
            .postal_code
            .as_ref()
            .map(|a| a.as_str().to_owned()),
        profile: attributes.profile.as_str().to_owned(),
        profile_values: Profile::ALL
            .into_iter()
            .map(|profile| ProfileValuesView {
                profile: profile.into(),
                label: profile.label(),
                values: attributes.profile_values.get(profile).to_vec(),
            })
            .collect(),
    }
}

/// Which delegation definitions to activate.
#[derive(InputObject)]
pub struct DelegationsInput {
    pub cas: bool,
    #[graphql(default)]
    pub ws_federation: bool,
    #[graphql(default)]
    pub edu_connect: bool,
}

/// The delegation of one espace.
#[derive(InputObject)]
pub struct EspaceSettingInput {
    pub espace: EspaceName,
    pub delegation: EspaceDelegationName,
}

/// Either `root` (standard shape) or both `loginUrl` and `validationUrl`.
#[derive(InputObject)]
pub struct CasUrlsInput {
    pub root: Option<String>,
    pub login_url: Option<String>,
    pub validation_url: Option<String>,
}

/// Accepted values for one profile, `;`-separated (`National_1;Eleve`).
#[derive(InputObject)]
pub struct ProfileValuesInput {
    pub profile: ProfileName,
    pub values: String,
}

/// The first-connection mode and, depending on it, its attributes.
#[derive(InputObject)]
pub struct FirstConnectionInput {
    pub mode: FirstConnectionModeName,
    /// `PRONOTE_IDENTIFIER`: the attribute carrying the identifier (`idPronote`).
    pub pronote_identifier_attribute: Option<String>,
    /// `IDENTITY`: the attribute names the ENT's CAS releases (each ENT
    /// names its own: `sn` or `nom`, `givenName` or `prenom`…), all
    /// required but the postal code; the values of the profile attribute
    /// for at least one profile.
    pub last_name: Option<String>,
    pub first_name: Option<String>,
    pub birth_date: Option<String>,
    pub postal_code: Option<String>,
    pub profile: Option<String>,
    #[graphql(default)]
    pub profile_values: Vec<ProfileValuesInput>,
}

/// Complete delegation settings of a base. Espaces not listed are not
/// delegated (`AUCUNE`).
#[derive(InputObject)]
pub struct DelegationSettingsInput {
    pub delegations: DelegationsInput,
    pub espaces: Vec<EspaceSettingInput>,
    pub cas_urls: Option<CasUrlsInput>,
    pub direct_access: DirectAccessName,
    pub client_direct_access: bool,
    /// Empty: the CAS Subject identifies users.
    pub common_identifier_attribute: Option<String>,
    pub first_connection: FirstConnectionInput,
    /// The PRONOTE client's own definition (PRONOTE server's
    /// administration) when it differs from PRONOTE.net's; empty: the same
    /// values.
    pub pronote_client: Option<ClientDelegationInput>,
}

/// A PRONOTE client definition that differs from PRONOTE.net's.
#[derive(InputObject)]
pub struct ClientDelegationInput {
    /// Empty: the CAS Subject identifies users.
    pub common_identifier_attribute: Option<String>,
    /// Empty: PRONOTE.net's addresses.
    pub cas_urls: Option<CasUrlsInput>,
    pub first_connection: FirstConnectionInput,
}

fn parse_common_identifier(
    field: &'static str,
    value: &Option<String>,
) -> Result<CommonIdentifier, DomainError> {
    Ok(match given(value) {
        None => CommonIdentifier::Subject,
        Some(name) => CommonIdentifier::Attribute(AttributeName::parse(field, name)?),
    })
}

fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

impl DelegationSettingsInput {
    /// Parses and checks every value (docs/domain.md §2).
    pub(crate) fn parse(self) -> Result<DelegationSettings, DomainError> {
        let delegations = Delegations {
            cas: self.delegations.cas,
            ws_federation: self.delegations.ws_federation,
            edu_connect: self.delegations.edu_connect,
        };
        let mut espaces = EspaceMatrix::all_cas();
        for espace in Espace::ALL {
            espaces.set(espace, EspaceDelegation::Aucune);
        }
        let mut seen = HashSet::new();
        for setting in self.espaces {
            let espace = Espace::from(setting.espace);
            if !seen.insert(espace) {
                return Err(DomainError::validation(
                    "espaces",
                    format!("{} est indiqué deux fois.", espace.label()),
                ));
            }
            espaces.set(espace, setting.delegation.into());
        }
        let cas_urls = self.cas_urls.map(parse_cas_urls).transpose()?.flatten();
        let common_identifier = parse_common_identifier(
            "commonIdentifierAttribute",
            &self.common_identifier_attribute,
        )?;
        let pronote_client = self
            .pronote_client
            .map(|client| {
                Ok::<_, DomainError>(relais_domain::delegation::ClientSettings {
                    common_identifier: parse_common_identifier(
                        "pronoteClient.commonIdentifierAttribute",
                        &client.common_identifier_attribute,
                    )?,
                    cas_urls: client.cas_urls.map(parse_cas_urls).transpose()?.flatten(),
                    first_connection: parse_first_connection(client.first_connection)?,
                })
            })
            .transpose()?;
        let settings = DelegationSettings {
            delegations,
            espaces,
            cas_urls,
            direct_access: self.direct_access.into(),
            client_direct_access: self.client_direct_access,
            common_identifier,
            first_connection: parse_first_connection(self.first_connection)?,
            pronote_client,
        };
        settings.check()?;
        Ok(settings)
    }
}

fn parse_cas_urls(input: CasUrlsInput) -> Result<Option<CasUrls>, DomainError> {
    match (
        given(&input.root),
        given(&input.login_url),
        given(&input.validation_url),
    ) {
        (None, None, None) => Ok(None),
        (Some(root), None, None) => Ok(Some(CasUrls::Standard {
            root: WebUrl::parse("casUrls.root", root)?,
        })),
        (None, Some(login), Some(validation)) => Ok(Some(CasUrls::Custom {
            login: WebUrl::parse("casUrls.loginUrl", login)?,
            validation: WebUrl::parse("casUrls.validationUrl", validation)?,
        })),
        _ => Err(DomainError::validation(
            "casUrls",
            "Indiquez soit l'adresse racine du serveur CAS, soit les deux adresses d'authentification et de validation.",
        )),
    }
}

fn parse_first_connection(input: FirstConnectionInput) -> Result<FirstConnectionMode, DomainError> {
    // No default names: each ENT names its attributes (docs/domain.md « Les
    // attributs de chaque ENT »).
    let attribute = |field: &'static str, value: &Option<String>, example: &str| {
        let name = given(value).ok_or_else(|| {
            DomainError::validation(
                field,
                format!(
                    "Indiquez le nom de l'attribut CAS {example}, tel que votre ENT le nomme \
                     (voir son modèle)."
                ),
            )
        })?;
        AttributeName::parse(field, name)
    };
    Ok(match input.mode {
        FirstConnectionModeName::Identity => {
            let mut profile_values = ProfileValues::default();
            for entry in &input.profile_values {
                profile_values.set(
                    entry.profile.into(),
                    ProfileValues::parse_list("profileValues", &entry.values)?,
                );
            }
            FirstConnectionMode::Identity(IdentityAttributes {
                last_name: attribute("lastName", &input.last_name, "du nom (ex. sn ou nom)")?,
                first_name: attribute(
                    "firstName",
                    &input.first_name,
                    "du prénom (ex. givenName ou prenom)",
                )?,
                birth_date: attribute(
                    "birthDate",
                    &input.birth_date,
                    "de la date de naissance (ex. ENTPersonDateNaissance ou dateNaissance)",
                )?,
                postal_code: given(&input.postal_code)
                    .map(|v| AttributeName::parse("postalCode", v))
                    .transpose()?,
                profile: attribute(
                    "profile",
                    &input.profile,
                    "du profil (ex. ENTPersonProfils ou categories)",
                )?,
                profile_values,
            })
        }
        FirstConnectionModeName::PronoteIdentifier => FirstConnectionMode::PronoteIdentifier {
            attribute: AttributeName::parse(
                "pronoteIdentifierAttribute",
                given(&input.pronote_identifier_attribute).ok_or_else(|| {
                    DomainError::validation(
                        "pronoteIdentifierAttribute",
                        "Indiquez l'attribut CAS qui porte l'identifiant PRONOTE (souvent « idPronote »).",
                    )
                })?,
            )?,
        },
        FirstConnectionModeName::DoubleAuthentication => FirstConnectionMode::DoubleAuthentication,
        FirstConnectionModeName::RefuseAccess => FirstConnectionMode::RefuseAccess,
    })
}
