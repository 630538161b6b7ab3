//! The first-connection identification mode: how PRONOTE finds a CAS user
//! it does not know yet (docs/domain.md §2).

use serde::{Deserialize, Serialize};

use super::{AttributeName, ProfileValues};

/// The CAS attributes PRONOTE reads to find a user from their identity
/// (mode « Avec l'identité de l'utilisateur »).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IdentityAttributes {
    /// Last name (`sn` / `nom`).
    pub last_name: AttributeName,
    /// First name (`givenName` / `prenom`).
    pub first_name: AttributeName,
    /// Birth date, dd/mm/yyyy (`ENTPersonDateNaissance` / `dateNaissance`).
    pub birth_date: AttributeName,
    /// Postal code (`ENTPersonCodePostal` / `codePostal`), optional.
    pub postal_code: Option<AttributeName>,
    /// The multi-valued profile attribute (`ENTPersonProfils` / `categories`).
    pub profile: AttributeName,
    /// For each profile, the values of [`IdentityAttributes::profile`] that
    /// designate it.
    pub profile_values: ProfileValues,
}

impl IdentityAttributes {
    /// The partner guides give two spellings of each attribute; each ENT
    /// releases one of them and names it in its model (there is no default
    /// set, docs/domain.md « Les attributs de chaque ENT »). This is the
    /// short one: `nom`, `prenom`, `dateNaissance`, `codePostal`,
    /// `categories`, with the national profile values
    /// ([`ProfileValues::recommended`]).
    pub fn short_names() -> Self {
        Self {
            last_name: AttributeName::known("nom"),
            first_name: AttributeName::known("prenom"),
            birth_date: AttributeName::known("dateNaissance"),
            postal_code: Some(AttributeName::known("codePostal")),
            profile: AttributeName::known("categories"),
            profile_values: ProfileValues::recommended(),
        }
    }

    /// The directory (SDET, LDAP) spelling: `sn`, `givenName`,
    /// `ENTPersonDateNaissance`, `ENTPersonCodePostal`, `ENTPersonProfils`
    /// (e-lyco's guide, NetO'Centre's model), with the national profile
    /// values.
    pub fn sdet_names() -> Self {
        Self {
            last_name: AttributeName::known("sn"),
            first_name: AttributeName::known("givenName"),
            birth_date: AttributeName::known("ENTPersonDateNaissance"),
            postal_code: Some(AttributeName::known("ENTPersonCodePostal")),
            profile: AttributeName::known("ENTPersonProfils"),
            profile_values: ProfileValues::recommended(),
        }
    }
}

/// How PRONOTE identifies a CAS user it does not know yet (exactly one mode,
/// docs/domain.md §2).
///
/// JSON: `{"kind":"IDENTITY","lastName":"nom",…,"profileValues":{…}}`,
/// `{"kind":"PRONOTE_IDENTIFIER","attribute":"idPronote"}`,
/// `{"kind":"DOUBLE_AUTHENTICATION"}` or `{"kind":"REFUSE_ACCESS"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum FirstConnectionMode {
    /// « Avec l'identité de l'utilisateur »: matched on CAS identity attributes.
    Identity(IdentityAttributes),
    /// « Avec l'identifiant PRONOTE »: a CAS attribute (commonly `idPronote`)
    /// carries the PRONOTE identifier the ENT learnt from PRONOTE's export.
    PronoteIdentifier { attribute: AttributeName },
    /// « Double authentification »: CAS login, then PRONOTE login once.
    DoubleAuthentication,
    /// « Refuser l'accès »: unknown CAS identifiers are refused; identifiers
    /// must be loaded beforehand by import.
    RefuseAccess,
}

impl FirstConnectionMode {
    /// Every [`FirstConnectionMode::code`], in display order.
    pub const CODES: [&'static str; 4] = [
        "IDENTITY",
        "PRONOTE_IDENTIFIER",
        "DOUBLE_AUTHENTICATION",
        "REFUSE_ACCESS",
    ];

    /// The French label shown in the console.
    pub fn label(&self) -> &'static str {
        match self {
            FirstConnectionMode::Identity(_) => "Avec l'identité de l'utilisateur",
            FirstConnectionMode::PronoteIdentifier { .. } => "Avec l'identifiant PRONOTE",
            FirstConnectionMode::DoubleAuthentication => "Double authentification",
            FirstConnectionMode::RefuseAccess => "Refuser l'accès",
        }
    }

    /// The stable name of the mode, also its JSON `kind`, e.g. `IDENTITY`.
    pub fn code(&self) -> &'static str {
        match self {
            FirstConnectionMode::Identity(_) => "IDENTITY",
            FirstConnectionMode::PronoteIdentifier { .. } => "PRONOTE_IDENTIFIER",
            FirstConnectionMode::DoubleAuthentication => "DOUBLE_AUTHENTICATION",
            FirstConnectionMode::RefuseAccess => "REFUSE_ACCESS",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(raw: &str) -> AttributeName {
        AttributeName::parse("attribute", raw).unwrap()
    }

    #[test]
    fn the_short_spelling_of_the_attributes() {
        let attributes = IdentityAttributes::short_names();
        assert_eq!(attributes.last_name, name("nom"));
        assert_eq!(attributes.first_name, name("prenom"));
        assert_eq!(attributes.birth_date, name("dateNaissance"));
        assert_eq!(attributes.postal_code, Some(name("codePostal")));
        assert_eq!(attributes.profile, name("categories"));
        assert_eq!(attributes.profile_values, ProfileValues::recommended());
    }

    #[test]
    fn modes_have_labels_and_codes() {
        let modes = [
            FirstConnectionMode::Identity(IdentityAttributes::short_names()),
            FirstConnectionMode::PronoteIdentifier {
                attribute: name("idPronote"),
            },
            FirstConnectionMode::DoubleAuthentication,
            FirstConnectionMode::RefuseAccess,
        ];
        let labels: Vec<_> = modes.iter().map(FirstConnectionMode::label).collect();
        assert_eq!(
            labels,
            [
                "Avec l'identité de l'utilisateur",
                "Avec l'identifiant PRONOTE",
                "Double authentification",
                "Refuser l'accès"
            ]
        );
        let codes: Vec<_> = modes.iter().map(FirstConnectionMode::code).collect();
        assert_eq!(codes, FirstConnectionMode::CODES);
        for mode in modes {
            let json = serde_json::to_value(&mode).unwrap();
            assert_eq!(json["kind"], mode.code());
            assert_eq!(
                serde_json::from_value::<FirstConnectionMode>(json).unwrap(),
                mode
            );
        }
    }

    #[test]
    fn modes_serialize_flat_with_their_kind() {
        let mode = FirstConnectionMode::PronoteIdentifier {
            attribute: name("idPronote"),
        };
        assert_eq!(
            serde_json::to_string(&mode).unwrap(),
            "{\"kind\":\"PRONOTE_IDENTIFIER\",\"attribute\":\"idPronote\"}"
        );
        assert_eq!(
            serde_json::to_string(&FirstConnectionMode::RefuseAccess).unwrap(),
            "{\"kind\":\"REFUSE_ACCESS\"}"
        );
        let mut attributes = IdentityAttributes::short_names();
        attributes.postal_code = None;
        let mode = FirstConnectionMode::Identity(attributes);
        let json = serde_json::to_string(&mode).unwrap();
        assert!(
            json.starts_with(
                "{\"kind\":\"IDENTITY\",\"lastName\":\"nom\",\"firstName\":\"prenom\",\
                 \"birthDate\":\"dateNaissance\",\"postalCode\":null,\
                 \"profile\":\"categories\",\"profileValues\":{"
            ),
            "{json}"
        );
        assert_eq!(
            serde_json::from_str::<FirstConnectionMode>(&json).unwrap(),
            mode
        );
        for bad in [
            "{\"kind\":\"PRONOTE_IDENTIFIER\"}",
            "{\"kind\":\"PRONOTE_IDENTIFIER\",\"attribute\":\"id pronote\"}",
            "{\"kind\":\"IDENTITY\",\"lastName\":\"nom\"}",
            "{\"kind\":\"SMS\"}",
        ] {
            assert!(
                serde_json::from_str::<FirstConnectionMode>(bad).is_err(),
                "{bad}"
            );
        }
    }
}
