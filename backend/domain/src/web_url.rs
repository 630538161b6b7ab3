//! Web addresses typed by people: CAS server roots, PRONOTE.net public URLs
//! (docs/domain.md §2). Only `http://` and `https://` are accepted; `http://` is
//! allowed but warned against elsewhere (see `delegation::diagnose`).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::identity::printable;
use crate::{DomainError, Result};

/// A normalised `http://` or `https://` address without credentials, query
/// string or fragment, e.g. `https://ent.netocentre.fr/cas`.
///
/// The normal form has a lower-case scheme and host, no default port and no
/// trailing `/` (the root is written `https://ent.example.fr`), so two
/// spellings of one address compare equal and paths can be appended with
/// [`WebUrl::join_path`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct WebUrl(String);

impl WebUrl {
    /// Longest accepted address, in characters (before and after
    /// normalisation).
    pub const MAX_LEN: usize = 2_000;

    /// Trims, checks and normalises an address typed by a person.
    pub fn parse(field: &'static str, raw: &str) -> Result<Self> {
        let value = raw.trim();
        if value.is_empty() {
            return Err(DomainError::validation(field, "L'adresse est obligatoire."));
        }
        if value.chars().count() > Self::MAX_LEN {
            return Err(too_long(field));
        }
        if value.chars().any(|c| c.is_control() || c.is_whitespace()) {
            return Err(DomainError::validation(
                field,
                "L'adresse ne doit contenir ni espace ni caractère de contrôle.",
            ));
        }
        let url = url::Url::parse(value).map_err(|_| {
            DomainError::validation(
                field,
                format!(
                    "« {} » n'est pas une adresse valide : saisissez une adresse complète \
                     commençant par https:// (ex. https://ent.exemple.fr/cas).",
                    printable(raw)
                ),
            )
        })?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(DomainError::validation(
                field,
                "Adresse invalide : seules les adresses http:// et https:// sont acceptées.",
            ));
        }
        if url.host_str().is_none_or(str::is_empty) {
            return Err(DomainError::validation(
                field,
                "Adresse invalide : le nom du serveur manque (ex. https://ent.exemple.fr).",
            ));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(DomainError::validation(
                field,
                "L'adresse ne doit pas contenir d'identifiant ni de mot de passe.",
            ));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(DomainError::validation(
                field,
                "L'adresse ne doit pas contenir de paramètres (?…) ni d'ancre (#…).",
            ));
        }
        // No credentials, query or fragment: everything up to the end of the
        // path is `scheme://host[:port]/path`.
        let normalised = url[..url::Position::AfterPath]
            .trim_end_matches('/')
            .to_owned();
        if normalised.chars().count() > Self::MAX_LEN {
            return Err(too_long(field));
        }
        Ok(Self(normalised))
    }

    /// The normal form, without trailing `/`, e.g. `https://ent.netocentre.fr/cas`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether the address uses `https://`.
    pub fn is_https(&self) -> bool {
        self.0.starts_with("https://")
    }

    /// The normal form followed by `/` and `segment` (leading `/` of
    /// `segment` are dropped so that no `//` appears), e.g. `login` on
    /// `https://ent.netocentre.fr/cas` gives `https://ent.netocentre.fr/cas/login`.
    pub fn join_path(&self, segment: &str) -> String {
        format!("{}/{}", self.0, segment.trim_start_matches('/'))
    }
}

fn too_long(field: &'static str) -> DomainError {
    DomainError::validation(field, "L'adresse ne doit pas dépasser 2 000 caractères.")
}

/// Stored addresses are parsed again: the normal form is stable, so reading
/// back gives the same value.
impl TryFrom<String> for WebUrl {
    type Error = DomainError;
    fn try_from(value: String) -> Result<Self> {
        Self::parse("url", &value)
    }
}

impl From<WebUrl> for String {
    fn from(value: WebUrl) -> Self {
        value.0
    }
}

impl fmt::Display for WebUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(raw: &str) -> WebUrl {
        WebUrl::parse("url", raw).unwrap()
    }

    fn refusal(raw: &str) -> String {
        let err = WebUrl::parse("cas_root", raw).unwrap_err();
        assert_eq!(err.field(), "cas_root", "{raw:?}");
        err.to_string()
    }

    #[test]
    fn addresses_are_normalised() {
        let cases = [
            (
                "  https://ent.netocentre.fr/cas  ",
                "https://ent.netocentre.fr/cas",
            ),
            (
                "https://ent.netocentre.fr/cas/",
                "https://ent.netocentre.fr/cas",
            ),
            ("HTTPS://ENT.Example.FR/", "https://ent.example.fr"),
            ("https://ent.example.fr", "https://ent.example.fr"),
            ("https://cas.arsene76.fr/", "https://cas.arsene76.fr"),
            (
                "https://ent.example.fr:443/cas",
                "https://ent.example.fr/cas",
            ),
            ("http://ent.example.fr:80/cas", "http://ent.example.fr/cas"),
            (
                "https://ent.example.fr:8443/cas",
                "https://ent.example.fr:8443/cas",
            ),
            ("http://ent.example.fr:443/", "http://ent.example.fr:443"),
            ("https://ent.example.fr/a/b//", "https://ent.example.fr/a/b"),
            (
                "https://ent.example.fr/a/./b/../c",
                "https://ent.example.fr/a/c",
            ),
            ("https://ent.example.fr/Cas", "https://ent.example.fr/Cas"),
            ("https://10.0.0.1:8080/cas", "https://10.0.0.1:8080/cas"),
            ("https://[::1]/cas", "https://[::1]/cas"),
            (
                "https://cas3.e-lyco.fr/access/",
                "https://cas3.e-lyco.fr/access",
            ),
        ];
        for (raw, expected) in cases {
            let url = parse(raw);
            assert_eq!(url.as_str(), expected, "{raw:?}");
            assert_eq!(url.to_string(), expected, "{raw:?}");
            // The normal form is a fixed point.
            assert_eq!(parse(expected), url, "{raw:?}");
        }
    }

    #[test]
    fn spellings_of_one_address_are_equal() {
        assert_eq!(
            parse("HTTPS://Ent.Netocentre.FR:443/cas/"),
            parse("https://ent.netocentre.fr/cas")
        );
    }

    #[test]
    fn https_is_detected() {
        assert!(parse("https://ent.example.fr").is_https());
        assert!(!parse("http://ent.example.fr").is_https());
        assert!(!parse("http://https.example.fr").is_https());
    }

    #[test]
    fn paths_are_joined_with_one_slash() {
        let root = parse("https://ent.netocentre.fr/cas/");
        assert_eq!(
            root.join_path("login"),
            "https://ent.netocentre.fr/cas/login"
        );
        assert_eq!(
            root.join_path("/samlValidate"),
            "https://ent.netocentre.fr/cas/samlValidate"
        );
        let bare = parse("https://cas.ent27.fr/");
        assert_eq!(bare.join_path("login"), "https://cas.ent27.fr/login");
        assert_eq!(bare.join_path("**"), "https://cas.ent27.fr/**");
    }

    #[test]
    fn an_empty_address_is_required() {
        for raw in ["", "   ", "\n"] {
            assert_eq!(refusal(raw), "L'adresse est obligatoire.");
        }
    }

    #[test]
    fn other_schemes_are_refused() {
        for raw in [
            "javascript:alert(1)",
            "data:text/html,<b>x</b>",
            "ftp://ent.example.fr/cas",
            "file:///etc/passwd",
            "mailto:chef@example.fr",
            "ws://ent.example.fr",
            "localhost:8080",
        ] {
            assert_eq!(
                refusal(raw),
                "Adresse invalide : seules les adresses http:// et https:// sont acceptées.",
                "{raw:?}"
            );
        }
    }

    #[test]
    fn incomplete_addresses_are_refused() {
        for raw in [
            "ent.example.fr/cas",
            "/cas",
            "https://",
            "http://:80/",
            "http://",
        ] {
            let text = refusal(raw);
            assert!(
                text.contains("n'est pas une adresse valide") || text.contains("serveur manque"),
                "{raw:?}: {text}"
            );
        }
    }

    #[test]
    fn credentials_are_refused() {
        for raw in [
            "https://admin:secret@ent.example.fr/cas",
            "https://admin@ent.example.fr/cas",
            "https://:secret@ent.example.fr/cas",
        ] {
            assert_eq!(
                refusal(raw),
                "L'adresse ne doit pas contenir d'identifiant ni de mot de passe.",
                "{raw:?}"
            );
        }
    }

    #[test]
    fn query_strings_and_fragments_are_refused() {
        for raw in [
            "https://ent.example.fr/cas?service=x",
            "https://ent.example.fr/pronote/?login=true",
            "https://ent.example.fr/cas?",
            "https://ent.example.fr/cas#top",
            "https://ent.example.fr/#",
        ] {
            assert_eq!(
                refusal(raw),
                "L'adresse ne doit pas contenir de paramètres (?…) ni d'ancre (#…).",
                "{raw:?}"
            );
        }
    }

    #[test]
    fn spaces_and_control_characters_are_refused() {
        for raw in [
            "https://ent.example.fr/mon cas",
            "https://ent.exa\nmple.fr/cas",
            "https://ent.example.fr/\tcas",
            "https://ent.example.fr/cas\u{7}",
        ] {
            assert!(refusal(raw).contains("ni espace"), "{raw:?}");
        }
    }

    #[test]
    fn long_addresses_are_refused() {
        let ok = format!("https://ent.example.fr/{}", "a".repeat(1_977));
        assert_eq!(ok.len(), WebUrl::MAX_LEN);
        assert_eq!(parse(&ok).as_str(), ok);
        let long = format!("{ok}b");
        assert!(refusal(&long).contains("2 000 caractères"));
        // Percent-encoding can push an accepted input over the limit.
        let encoded = format!("https://ent.example.fr/{}", "é".repeat(500));
        assert!(refusal(&encoded).contains("2 000 caractères"));
    }

    #[test]
    fn quoted_input_is_cleaned() {
        let text = refusal(&format!("ent.example.fr/{}", "x".repeat(200)));
        assert!(!text.contains(&"x".repeat(100)), "{text}");
    }

    #[test]
    fn serde_round_trips_and_validates() {
        let url = parse("https://ent.netocentre.fr/cas/");
        let json = serde_json::to_string(&url).unwrap();
        assert_eq!(json, "\"https://ent.netocentre.fr/cas\"");
        assert_eq!(serde_json::from_str::<WebUrl>(&json).unwrap(), url);
        assert_eq!(
            serde_json::from_str::<WebUrl>("\"HTTPS://ENT.NETOCENTRE.FR/cas/\"").unwrap(),
            url
        );
        for bad in [
            "\"javascript:alert(1)\"",
            "\"\"",
            "\"https://a@b.fr\"",
            "12",
        ] {
            assert!(serde_json::from_str::<WebUrl>(bad).is_err(), "{bad}");
        }
        assert_eq!(
            WebUrl::try_from(String::from("ftp://x.fr"))
                .unwrap_err()
                .field(),
            "url"
        );
        assert_eq!(String::from(url), "https://ent.netocentre.fr/cas");
    }
}
