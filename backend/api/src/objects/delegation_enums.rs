//! GraphQL mirrors of the domain's delegation enums (docs/domain.md §2). The domain
//! types carry no GraphQL derive; each mirror converts both ways.

use async_graphql::Enum;
use relais_domain::delegation::{
    DirectAccess, Espace, EspaceDelegation, Profile, Protocol, Severity,
};
use relais_domain::{Hosting, Publication};

/// Declares a GraphQL enum `$name` with the variants of the domain enum
/// `$domain`, and the conversions between them.
macro_rules! mirror_enum {
    ($(#[$meta:meta])* $name:ident ($graphql:literal) => $domain:ident { $($variant:ident),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
        #[graphql(name = $graphql)]
        pub(crate) enum $name {
            $($variant),+
        }

        impl From<$name> for $domain {
            fn from(value: $name) -> Self {
                match value {
                    $($name::$variant => $domain::$variant),+
                }
            }
        }

        impl From<$domain> for $name {
            fn from(value: $domain) -> Self {
                match value {
                    $($domain::$variant => $name::$variant),+
                }
            }
        }
    };
}

mirror_enum!(
    /// Where the PRONOTE server runs.
    HostingName("Hosting") => Hosting { Hosted, SelfHosted }
);
mirror_enum!(
    /// Whether PRONOTE.net serves the base; settings change only while
    /// `STOPPED`.
    PublicationName("Publication") => Publication { Published, Stopped }
);
mirror_enum!(
    /// A delegation protocol.
    ProtocolName("Protocol") => Protocol { Cas, WsFederation, EduConnect }
);
mirror_enum!(
    /// The 9 espaces of PRONOTE.net.
    EspaceName("Espace") => Espace {
        PageCommune, Direction, Professeurs, VieScolaire, Parents, Accompagnants, Eleves,
        Entreprise, Academie,
    }
);
mirror_enum!(
    /// Who authenticates the users of an espace; `AUCUNE`: PRONOTE itself.
    EspaceDelegationName("EspaceDelegation") => EspaceDelegation {
        Cas, WsFederation, EduConnect, Aucune,
    }
);
mirror_enum!(
    /// Direct authentication by PRONOTE.net (`?login=true`).
    DirectAccessName("DirectAccess") => DirectAccess { Off, Always, WhenCasUnavailable }
);
mirror_enum!(
    /// A PRONOTE profile (user type).
    ProfileName("Profile") => Profile {
        Eleve, Parent, Professeur, Personnel, Inspecteur, MaitreDeStage,
    }
);
mirror_enum!(
    /// How serious a finding is.
    SeverityName("Severity") => Severity { Error, Warning, Info }
);

/// The shape of the CAS server URLs.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(name = "CasUrlShape")]
pub(crate) enum CasUrlShape {
    /// One root; PRONOTE appends `/login` and `/samlValidate`.
    Standard,
    /// Separate login and validation URLs.
    Custom,
}

/// How PRONOTE identifies a user at the first connection.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(name = "FirstConnectionMode")]
pub(crate) enum FirstConnectionModeName {
    /// From the CAS attributes: names, birth date, profile.
    Identity,
    /// A CAS attribute carries the PRONOTE identifier.
    PronoteIdentifier,
    /// CAS login, then PRONOTE login once.
    DoubleAuthentication,
    /// Unknown CAS identifiers are refused.
    RefuseAccess,
}
