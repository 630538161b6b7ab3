//! Delegation settings of one PRONOTE base (docs/domain.md §2): which protocols are
//! active, what each espace is delegated to, the CAS server's addresses,
//! direct authentication, the common identifier and the first-connection
//! identification mode; plus their diagnosis.
//!
//! [`DelegationSettings`] is stored as JSON: every type here has a stable
//! serde form (enums in `SCREAMING_SNAKE_CASE`, struct fields in
//! `camelCase`, tagged enums with a `kind` field).

mod attribute;
mod cas_urls;
mod client;
mod diagnostics;
mod espaces;
mod identification;
mod profiles;

pub use attribute::{AttributeName, CommonIdentifier};
pub use cas_urls::{CAS_LOGIN_PATH, CAS_VALIDATION_PATH, CasUrls, DirectAccess};
pub use client::ClientSettings;
pub use diagnostics::{
    DiagnosticContext, Finding, Severity, cas_service, diagnose, direct_access_url, service_url,
};
pub use espaces::{Delegations, Espace, EspaceDelegation, EspaceMatrix, Protocol};
pub use identification::{FirstConnectionMode, IdentityAttributes};
pub use profiles::{Profile, ProfileValues};

use serde::{Deserialize, Serialize};

use crate::web_url::WebUrl;
use crate::{DomainError, Result};

/// Everything the console sets about delegation for one base.
///
/// The types exclude most wrong combinations; [`DelegationSettings::check`]
/// refuses the remaining ones, [`diagnose`] warns about the risky ones.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DelegationSettings {
    /// Which protocol definitions are active.
    pub delegations: Delegations,
    /// What each espace is delegated to.
    pub espaces: EspaceMatrix,
    /// The CAS server's addresses; required once CAS is used.
    pub cas_urls: Option<CasUrls>,
    /// Direct authentication by PRONOTE.net (`?login=true`).
    pub direct_access: DirectAccess,
    /// Direct authentication from the PRONOTE client, « sans interroger le
    /// serveur CAS ».
    pub client_direct_access: bool,
    /// What identifies a user in CAS responses.
    pub common_identifier: CommonIdentifier,
    /// How an unknown CAS user is identified at the first connection.
    pub first_connection: FirstConnectionMode,
    /// The PRONOTE client's own definition, entered in the PRONOTE server's
    /// administration, when a model gives it other values than
    /// PRONOTE.net's; `None`: the same values, entered in both places
    /// (docs/domain.md « Le Serveur PRONOTE et le client »).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pronote_client: Option<ClientSettings>,
}

impl DelegationSettings {
    /// The settings of a new base: no delegation active, every espace on
    /// « Aucune », no CAS address, direct authentication always allowed
    /// (PRONOTE.net and client), CAS Subject, double authentication.
    pub fn initial() -> Self {
        Self {
            delegations: Delegations::default(),
            espaces: EspaceMatrix::uniform(EspaceDelegation::Aucune),
            cas_urls: None,
            direct_access: DirectAccess::Always,
            client_direct_access: true,
            common_identifier: CommonIdentifier::Subject,
            first_connection: FirstConnectionMode::DoubleAuthentication,
            pronote_client: None,
        }
    }

    /// The advised settings for an ENT whose CAS root is `cas_root` and whose
    /// CAS releases `identity` (each ENT names its attributes: there is no
    /// default set, docs/domain.md « Les attributs de chaque ENT »): CAS
    /// active, every espace on CAS, standard addresses, direct
    /// authentication only when the CAS server does not answer (client:
    /// allowed), CAS Subject, identification by identity.
    /// [`crate::model_apply::advised_settings`] builds them from a model.
    pub fn advised(cas_root: WebUrl, identity: IdentityAttributes) -> Self {
        Self {
            delegations: Delegations::cas_only(),
            espaces: EspaceMatrix::all_cas(),
            cas_urls: Some(CasUrls::standard(cas_root)),
            direct_access: DirectAccess::WhenCasUnavailable,
            client_direct_access: true,
            common_identifier: CommonIdentifier::Subject,
            first_connection: FirstConnectionMode::Identity(identity),
            pronote_client: None,
        }
    }

    /// Whether CAS is used: its delegation is active or an espace is
    /// delegated to it.
    pub fn uses_cas(&self) -> bool {
        self.delegations.cas
            || self
                .espaces
                .iter()
                .any(|(_, delegation)| delegation == EspaceDelegation::Cas)
    }

    /// Refuses the combinations the types cannot exclude, first one first:
    /// - an espace delegated to a protocol whose delegation is not active
    ///   (field `espaces`);
    /// - CAS used without CAS addresses (field `casUrls`);
    /// - identification by identity with an invalid accepted value, or with
    ///   no accepted value for any profile (field `profileValues`).
    pub fn check(&self) -> Result<()> {
        for (espace, delegation) in self.espaces.iter() {
            if let Some(protocol) = delegation.protocol()
                && !self.delegations.is_active(protocol)
            {
                return Err(DomainError::validation(
                    "espaces",
                    format!(
                        "{} est {} à {}, mais la délégation {} n'est pas activée.",
                        espace.subject(),
                        espace.agree("délégué"),
                        protocol.label(),
                        protocol.label()
                    ),
                ));
            }
        }
        if self.uses_cas() && self.cas_urls.is_none() {
            return Err(DomainError::validation(
                "casUrls",
                "Indiquez l'adresse du serveur CAS.",
            ));
        }
        check_profile_values(&self.first_connection, "profileValues")?;
        if let Some(client) = &self.pronote_client {
            check_profile_values(&client.first_connection, "pronoteClient.profileValues").map_err(
                |err| DomainError::validation(err.field(), format!("Client PRONOTE : {err}")),
            )?;
        }
        Ok(())
    }
}

/// Identification by identity needs valid accepted values, for at least one
/// profile.
fn check_profile_values(mode: &FirstConnectionMode, field: &'static str) -> Result<()> {
    if let FirstConnectionMode::Identity(attributes) = mode {
        attributes.profile_values.check(field)?;
        if attributes.profile_values.is_empty() {
            return Err(DomainError::validation(
                field,
                format!(
                    "Indiquez, pour au moins un profil, les valeurs de l'attribut « {} » \
                     qui le désignent (ex. National_1 pour les élèves).",
                    attributes.profile
                ),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(raw: &str) -> WebUrl {
        WebUrl::parse("url", raw).unwrap()
    }

    fn netocentre() -> DelegationSettings {
        DelegationSettings::advised(
            url("https://ent.netocentre.fr/cas"),
            IdentityAttributes::short_names(),
        )
    }

    fn round_trip(settings: &DelegationSettings) -> String {
        let json = serde_json::to_string(settings).unwrap();
        let back: DelegationSettings = serde_json::from_str(&json).unwrap();
        assert_eq!(&back, settings, "{json}");
        assert_eq!(serde_json::to_string(&back).unwrap(), json);
        json
    }

    #[test]
    fn initial_settings_delegate_nothing() {
        let settings = DelegationSettings::initial();
        assert!(!settings.delegations.any_active());
        assert!(
            settings
                .espaces
                .iter()
                .all(|(_, d)| d == EspaceDelegation::Aucune)
        );
        assert_eq!(settings.cas_urls, None);
        assert_eq!(settings.direct_access, DirectAccess::Always);
        assert!(settings.client_direct_access);
        assert_eq!(settings.common_identifier, CommonIdentifier::Subject);
        assert_eq!(
            settings.first_connection,
            FirstConnectionMode::DoubleAuthentication
        );
        assert!(!settings.uses_cas());
        assert_eq!(settings.check(), Ok(()));
    }

    #[test]
    fn recommended_settings_delegate_everything_to_cas() {
        let settings = netocentre();
        assert_eq!(settings.delegations, Delegations::cas_only());
        assert_eq!(settings.espaces, EspaceMatrix::all_cas());
        assert_eq!(
            settings.cas_urls,
            Some(CasUrls::standard(url("https://ent.netocentre.fr/cas")))
        );
        assert_eq!(settings.direct_access, DirectAccess::WhenCasUnavailable);
        assert!(settings.client_direct_access);
        assert_eq!(
            settings.first_connection,
            FirstConnectionMode::Identity(IdentityAttributes::short_names())
        );
        assert!(settings.uses_cas());
        assert_eq!(settings.check(), Ok(()));
    }

    #[test]
    fn recommended_settings_have_a_stable_json_form() {
        let json = round_trip(&netocentre());
        assert_eq!(
            json,
            concat!(
                "{\"delegations\":{\"cas\":true,\"wsFederation\":false,\"eduConnect\":false},",
                "\"espaces\":{\"PAGE_COMMUNE\":\"CAS\",\"DIRECTION\":\"CAS\",",
                "\"PROFESSEURS\":\"CAS\",\"VIE_SCOLAIRE\":\"CAS\",\"PARENTS\":\"CAS\",",
                "\"ACCOMPAGNANTS\":\"CAS\",\"ELEVES\":\"CAS\",\"ENTREPRISE\":\"CAS\",",
                "\"ACADEMIE\":\"CAS\"},",
                "\"casUrls\":{\"kind\":\"STANDARD\",\"root\":\"https://ent.netocentre.fr/cas\"},",
                "\"directAccess\":\"WHEN_CAS_UNAVAILABLE\",\"clientDirectAccess\":true,",
                "\"commonIdentifier\":{\"kind\":\"SUBJECT\"},",
                "\"firstConnection\":{\"kind\":\"IDENTITY\",\"lastName\":\"nom\",",
                "\"firstName\":\"prenom\",\"birthDate\":\"dateNaissance\",",
                "\"postalCode\":\"codePostal\",\"profile\":\"categories\",",
                "\"profileValues\":{\"ELEVE\":[\"National_1\"],\"PARENT\":[\"National_2\"],",
                "\"PROFESSEUR\":[\"National_3\"],\"PERSONNEL\":[\"National_4\"],",
                "\"INSPECTEUR\":[],\"MAITRE_DE_STAGE\":[]}}}"
            )
        );
    }

    #[test]
    fn initial_settings_have_a_stable_json_form() {
        let json = round_trip(&DelegationSettings::initial());
        assert!(json.contains("\"casUrls\":null"), "{json}");
        assert!(json.contains("\"directAccess\":\"ALWAYS\""), "{json}");
        assert!(
            json.ends_with("\"firstConnection\":{\"kind\":\"DOUBLE_AUTHENTICATION\"}}"),
            "{json}"
        );
    }

    #[test]
    fn custom_urls_and_pronote_identifier_round_trip() {
        let mut settings = netocentre();
        settings.delegations.edu_connect = true;
        settings
            .espaces
            .set(Espace::Eleves, EspaceDelegation::EduConnect);
        settings
            .espaces
            .set(Espace::Entreprise, EspaceDelegation::Aucune);
        settings.cas_urls = Some(CasUrls::Custom {
            login: url("https://enc.hauts-de-seine.fr/auth/realms/oze_hds/protocol/cas/login"),
            validation: url("http://cas.example.fr/samlValidate"),
        });
        settings.direct_access = DirectAccess::Off;
        settings.client_direct_access = false;
        let id_pronote = AttributeName::parse("attribute", "idPronote").unwrap();
        settings.common_identifier = CommonIdentifier::Attribute(id_pronote.clone());
        settings.first_connection = FirstConnectionMode::PronoteIdentifier {
            attribute: id_pronote,
        };
        assert_eq!(settings.check(), Ok(()));
        let json = round_trip(&settings);
        assert!(json.contains("\"ELEVES\":\"EDU_CONNECT\""), "{json}");
        assert!(
            json.contains("\"casUrls\":{\"kind\":\"CUSTOM\",\"login\":"),
            "{json}"
        );
        assert!(
            json.contains(
                "\"commonIdentifier\":{\"kind\":\"ATTRIBUTE\",\"attribute\":\"idPronote\"}"
            ),
            "{json}"
        );
        assert!(
            json.ends_with(
                "\"firstConnection\":{\"kind\":\"PRONOTE_IDENTIFIER\",\"attribute\":\"idPronote\"}}"
            ),
            "{json}"
        );
    }

    #[test]
    fn stored_json_is_checked_when_read_back() {
        let json = serde_json::to_string(&netocentre()).unwrap();
        for (from, to) in [
            ("https://ent.netocentre.fr/cas", "javascript:alert(1)"),
            ("\"nom\"", "\"n o m\""),
            ("WHEN_CAS_UNAVAILABLE", "SOMETIMES"),
            ("\"ACADEMIE\":\"CAS\"", "\"ACADEMIE\":\"SAML\""),
        ] {
            let bad = json.replace(from, to);
            assert_ne!(bad, json);
            assert!(
                serde_json::from_str::<DelegationSettings>(&bad).is_err(),
                "{to}"
            );
        }
    }

    #[test]
    fn an_espace_on_an_inactive_protocol_is_refused() {
        let mut settings = netocentre();
        settings
            .espaces
            .set(Espace::Professeurs, EspaceDelegation::WsFederation);
        let err = settings.check().unwrap_err();
        assert_eq!(err.field(), "espaces");
        assert_eq!(
            err.to_string(),
            "L'Espace Professeurs est délégué à WS-Federation, mais la délégation \
             WS-Federation n'est pas activée."
        );

        let mut settings = DelegationSettings::initial();
        settings.cas_urls = netocentre().cas_urls;
        settings
            .espaces
            .set(Espace::PageCommune, EspaceDelegation::Cas);
        let err = settings.check().unwrap_err();
        assert_eq!(
            err.to_string(),
            "La Page commune est déléguée à CAS, mais la délégation CAS n'est pas activée."
        );
        settings.delegations.cas = true;
        assert_eq!(settings.check(), Ok(()));
    }

    #[test]
    fn cas_without_addresses_is_refused() {
        let mut settings = netocentre();
        settings.cas_urls = None;
        let err = settings.check().unwrap_err();
        assert_eq!(err.field(), "casUrls");
        assert_eq!(err.to_string(), "Indiquez l'adresse du serveur CAS.");

        // Active but used by no espace: still needs its addresses.
        let mut settings = DelegationSettings::initial();
        settings.delegations.cas = true;
        assert_eq!(settings.check().unwrap_err().field(), "casUrls");

        // Only ÉduConnect: no CAS address needed.
        let mut settings = DelegationSettings::initial();
        settings.delegations.edu_connect = true;
        settings.espaces = EspaceMatrix::uniform(EspaceDelegation::EduConnect);
        assert_eq!(settings.check(), Ok(()));
    }

    #[test]
    fn identity_needs_some_accepted_value() {
        let mut settings = netocentre();
        let FirstConnectionMode::Identity(attributes) = &mut settings.first_connection else {
            panic!("recommended settings identify by identity");
        };
        attributes.profile_values = ProfileValues::default();
        let err = settings.check().unwrap_err();
        assert_eq!(err.field(), "profileValues");
        assert!(err.to_string().contains("« categories »"), "{err}");

        let FirstConnectionMode::Identity(attributes) = &mut settings.first_connection else {
            panic!("still identity");
        };
        attributes
            .profile_values
            .set(Profile::Inspecteur, vec!["bad\u{1}".to_owned()]);
        let err = settings.check().unwrap_err();
        assert_eq!(err.field(), "profileValues");
        assert!(err.to_string().starts_with("Profil Inspecteur : "), "{err}");

        let FirstConnectionMode::Identity(attributes) = &mut settings.first_connection else {
            panic!("still identity");
        };
        attributes
            .profile_values
            .set(Profile::Inspecteur, vec!["National_7".to_owned()]);
        assert_eq!(settings.check(), Ok(()));
    }
}
