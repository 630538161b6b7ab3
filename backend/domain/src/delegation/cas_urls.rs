//! The CAS server's addresses and direct authentication by PRONOTE.net
//! (docs/domain.md §2, §8).

use serde::{Deserialize, Serialize};

use crate::web_url::WebUrl;

/// Path PRONOTE appends to a standard CAS root to log in.
pub const CAS_LOGIN_PATH: &str = "login";
/// Path PRONOTE appends to a standard CAS root to validate a ticket (SAML 1.1,
/// PRONOTE's default, docs/domain.md §8).
pub const CAS_VALIDATION_PATH: &str = "samlValidate";

/// The CAS server's addresses, in one of the two shapes of the console.
///
/// JSON: `{"kind":"STANDARD","root":"https://ent.netocentre.fr/cas"}` or
/// `{"kind":"CUSTOM","login":"https://…","validation":"https://…"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum CasUrls {
    /// One root; PRONOTE appends `/login` and `/samlValidate`.
    Standard { root: WebUrl },
    /// « Les adresses d'authentification et de validation sont
    /// différentes »: full login and validation addresses.
    Custom { login: WebUrl, validation: WebUrl },
}

impl CasUrls {
    /// The standard shape on `root`.
    pub fn standard(root: WebUrl) -> Self {
        CasUrls::Standard { root }
    }

    /// Whether this is the standard shape (one root).
    pub fn is_standard(&self) -> bool {
        matches!(self, CasUrls::Standard { .. })
    }

    /// The login address, e.g. `https://ent.netocentre.fr/cas/login`.
    pub fn login_url(&self) -> String {
        match self {
            CasUrls::Standard { root } => root.join_path(CAS_LOGIN_PATH),
            CasUrls::Custom { login, .. } => login.as_str().to_owned(),
        }
    }

    /// The ticket validation address, e.g.
    /// `https://ent.netocentre.fr/cas/samlValidate`.
    pub fn validation_url(&self) -> String {
        match self {
            CasUrls::Standard { root } => root.join_path(CAS_VALIDATION_PATH),
            CasUrls::Custom { validation, .. } => validation.as_str().to_owned(),
        }
    }

    /// The authentication link shown to the user:
    /// `<login URL>?service=<url-encoded service>`.
    pub fn authentication_link(&self, service: &str) -> String {
        format!("{}?service={}", self.login_url(), encode(service))
    }

    /// The validation link shown to the user:
    /// `<validation URL>?TARGET=<url-encoded service>`.
    pub fn validation_link(&self, service: &str) -> String {
        format!("{}?TARGET={}", self.validation_url(), encode(service))
    }

    /// The addresses entered: the root, or the login then validation ones.
    pub fn urls(&self) -> Vec<&WebUrl> {
        match self {
            CasUrls::Standard { root } => vec![root],
            CasUrls::Custom { login, validation } => vec![login, validation],
        }
    }
}

/// Encodes a query parameter value (`application/x-www-form-urlencoded`):
/// `:` and `/` become `%3A` and `%2F`.
fn encode(value: &str) -> String {
    url::form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

/// « Autoriser l'authentification directe par PRONOTE.net »: whether users
/// may still log in with their PRONOTE credentials at the `?login=true`
/// address (docs/domain.md §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum DirectAccess {
    /// Never: every connection goes through the ENT.
    Off,
    /// Always allowed.
    Always,
    /// Only when the CAS server does not answer.
    WhenCasUnavailable,
}

impl DirectAccess {
    /// Every policy, in display order.
    pub const ALL: [DirectAccess; 3] = [
        DirectAccess::Off,
        DirectAccess::Always,
        DirectAccess::WhenCasUnavailable,
    ];

    /// The stable name used in the API and in storage, e.g. `WHEN_CAS_UNAVAILABLE`.
    pub fn as_str(self) -> &'static str {
        match self {
            DirectAccess::Off => "OFF",
            DirectAccess::Always => "ALWAYS",
            DirectAccess::WhenCasUnavailable => "WHEN_CAS_UNAVAILABLE",
        }
    }

    /// The French label shown in the console.
    pub fn label(self) -> &'static str {
        match self {
            DirectAccess::Off => "Désactivée",
            DirectAccess::Always => "Toujours",
            DirectAccess::WhenCasUnavailable => "Uniquement si le serveur CAS ne répond pas",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SERVICE: &str = "https://netocentre.index-education.net/pronote/";

    fn url(raw: &str) -> WebUrl {
        WebUrl::parse("url", raw).unwrap()
    }

    #[test]
    fn standard_urls_append_login_and_saml_validate() {
        let cas = CasUrls::standard(url("https://ent.netocentre.fr/cas"));
        assert!(cas.is_standard());
        assert_eq!(cas.login_url(), "https://ent.netocentre.fr/cas/login");
        assert_eq!(
            cas.validation_url(),
            "https://ent.netocentre.fr/cas/samlValidate"
        );
        assert_eq!(
            cas.authentication_link(SERVICE),
            "https://ent.netocentre.fr/cas/login?service=\
             https%3A%2F%2Fnetocentre.index-education.net%2Fpronote%2F"
        );
        assert_eq!(
            cas.validation_link(SERVICE),
            "https://ent.netocentre.fr/cas/samlValidate?TARGET=\
             https%3A%2F%2Fnetocentre.index-education.net%2Fpronote%2F"
        );
        assert_eq!(cas.urls(), [&url("https://ent.netocentre.fr/cas")]);
    }

    #[test]
    fn a_root_with_a_trailing_slash_gives_the_same_links() {
        let cas = CasUrls::standard(url("https://cas.arsene76.fr/"));
        assert_eq!(cas.login_url(), "https://cas.arsene76.fr/login");
        assert_eq!(cas.validation_url(), "https://cas.arsene76.fr/samlValidate");
    }

    #[test]
    fn custom_urls_are_used_as_they_are() {
        let cas = CasUrls::Custom {
            login: url("https://www.atrium-paca.fr/connexion/login"),
            validation: url("https://cas.atrium-paca.fr/cas/samlValidate/"),
        };
        assert!(!cas.is_standard());
        assert_eq!(
            cas.login_url(),
            "https://www.atrium-paca.fr/connexion/login"
        );
        assert_eq!(
            cas.validation_url(),
            "https://cas.atrium-paca.fr/cas/samlValidate"
        );
        assert_eq!(
            cas.authentication_link("https://x.index-education.net/pronote/**"),
            "https://www.atrium-paca.fr/connexion/login?service=\
             https%3A%2F%2Fx.index-education.net%2Fpronote%2F**"
        );
        assert_eq!(
            cas.validation_link("https://a.fr/p?x=1&y=é z"),
            "https://cas.atrium-paca.fr/cas/samlValidate?TARGET=\
             https%3A%2F%2Fa.fr%2Fp%3Fx%3D1%26y%3D%C3%A9+z"
        );
        assert_eq!(cas.urls().len(), 2);
    }

    #[test]
    fn cas_urls_serialize_with_their_shape() {
        let standard = CasUrls::standard(url("https://ent.netocentre.fr/cas/"));
        let json = serde_json::to_string(&standard).unwrap();
        assert_eq!(
            json,
            "{\"kind\":\"STANDARD\",\"root\":\"https://ent.netocentre.fr/cas\"}"
        );
        assert_eq!(serde_json::from_str::<CasUrls>(&json).unwrap(), standard);

        let custom = CasUrls::Custom {
            login: url("https://cas.example.fr/auth/login"),
            validation: url("http://cas.example.fr/auth/validate"),
        };
        let json = serde_json::to_string(&custom).unwrap();
        assert_eq!(
            json,
            "{\"kind\":\"CUSTOM\",\"login\":\"https://cas.example.fr/auth/login\",\
             \"validation\":\"http://cas.example.fr/auth/validate\"}"
        );
        assert_eq!(serde_json::from_str::<CasUrls>(&json).unwrap(), custom);

        for bad in [
            "{\"kind\":\"STANDARD\",\"root\":\"javascript:alert(1)\"}",
            "{\"kind\":\"STANDARD\"}",
            "{\"kind\":\"OTHER\",\"root\":\"https://a.fr\"}",
            "{\"root\":\"https://a.fr\"}",
        ] {
            assert!(serde_json::from_str::<CasUrls>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn direct_access_policies_have_labels_and_names() {
        let labels: Vec<_> = DirectAccess::ALL.iter().map(|d| d.label()).collect();
        assert_eq!(
            labels,
            [
                "Désactivée",
                "Toujours",
                "Uniquement si le serveur CAS ne répond pas"
            ]
        );
        for policy in DirectAccess::ALL {
            let json = serde_json::to_string(&policy).unwrap();
            assert_eq!(json, format!("\"{}\"", policy.as_str()));
            assert_eq!(serde_json::from_str::<DirectAccess>(&json).unwrap(), policy);
        }
    }
}
