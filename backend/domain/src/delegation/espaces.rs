//! Protocols, the 9 PRONOTE.net espaces and which protocol each one is
//! delegated to (docs/domain.md §2).

use std::fmt;

use serde::{Deserialize, Serialize};

/// An authentication delegation protocol a PRONOTE base can use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Protocol {
    /// CAS (the ENT's CAS server; SAML 1.1 validation by default).
    Cas,
    /// WS-Federation (ADFS).
    WsFederation,
    /// ÉduConnect, the national identity provider for pupils and parents.
    EduConnect,
}

impl Protocol {
    /// Every protocol, in display order.
    pub const ALL: [Protocol; 3] = [Protocol::Cas, Protocol::WsFederation, Protocol::EduConnect];

    /// The stable name used in the API and in storage: `CAS`,
    /// `WS_FEDERATION` or `EDU_CONNECT`.
    pub fn as_str(self) -> &'static str {
        match self {
            Protocol::Cas => "CAS",
            Protocol::WsFederation => "WS_FEDERATION",
            Protocol::EduConnect => "EDU_CONNECT",
        }
    }

    /// The label shown in the console.
    pub fn label(self) -> &'static str {
        match self {
            Protocol::Cas => "CAS",
            Protocol::WsFederation => "WS-Federation",
            Protocol::EduConnect => "ÉduConnect",
        }
    }
}

impl fmt::Display for Protocol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// One of the 9 PRONOTE.net espaces, in the order of the console (docs/domain.md §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Espace {
    PageCommune,
    Direction,
    Professeurs,
    VieScolaire,
    Parents,
    Accompagnants,
    Eleves,
    Entreprise,
    Academie,
}

impl Espace {
    /// Every espace, in the order of the console.
    pub const ALL: [Espace; 9] = [
        Espace::PageCommune,
        Espace::Direction,
        Espace::Professeurs,
        Espace::VieScolaire,
        Espace::Parents,
        Espace::Accompagnants,
        Espace::Eleves,
        Espace::Entreprise,
        Espace::Academie,
    ];

    /// The stable name used in the API and in storage, e.g. `VIE_SCOLAIRE`.
    pub fn as_str(self) -> &'static str {
        match self {
            Espace::PageCommune => "PAGE_COMMUNE",
            Espace::Direction => "DIRECTION",
            Espace::Professeurs => "PROFESSEURS",
            Espace::VieScolaire => "VIE_SCOLAIRE",
            Espace::Parents => "PARENTS",
            Espace::Accompagnants => "ACCOMPAGNANTS",
            Espace::Eleves => "ELEVES",
            Espace::Entreprise => "ENTREPRISE",
            Espace::Academie => "ACADEMIE",
        }
    }

    /// The French label shown in the console, e.g. « Espace Vie scolaire ».
    pub fn label(self) -> &'static str {
        match self {
            Espace::PageCommune => "Page commune",
            Espace::Direction => "Espace Direction",
            Espace::Professeurs => "Espace Professeurs",
            Espace::VieScolaire => "Espace Vie scolaire",
            Espace::Parents => "Espace Parents",
            Espace::Accompagnants => "Espace Accompagnant",
            Espace::Eleves => "Espace Élèves",
            Espace::Entreprise => "Espace Entreprise",
            Espace::Academie => "Espace Académie",
        }
    }

    /// The label with its capitalised definite article, to start a French
    /// sentence: « La Page commune », « L'Espace Parents ».
    pub(crate) fn subject(self) -> String {
        match self {
            Espace::PageCommune => format!("La {}", self.label()),
            _ => format!("L'{}", self.label()),
        }
    }

    /// `masculine` or its feminine form, agreeing with the espace's label
    /// (only « Page commune » is feminine).
    pub(crate) fn agree(self, masculine: &str) -> String {
        match self {
            Espace::PageCommune => format!("{masculine}e"),
            _ => masculine.to_owned(),
        }
    }

    /// The PRONOTE profiles whose users log in through this espace: the
    /// population an ENT's CAS must let through when the espace is
    /// delegated to it (issue 21). The Page commune is shared by every
    /// population and names none; the Espace Accompagnant serves staff
    /// accompanying pupils, counted as Personnel (docs/decisions.md).
    pub fn profiles(self) -> &'static [super::Profile] {
        use super::Profile;
        match self {
            Espace::PageCommune => &[],
            Espace::Direction | Espace::VieScolaire | Espace::Accompagnants => {
                &[Profile::Personnel]
            }
            Espace::Professeurs => &[Profile::Professeur],
            Espace::Parents => &[Profile::Parent],
            Espace::Eleves => &[Profile::Eleve],
            Espace::Entreprise => &[Profile::MaitreDeStage],
            Espace::Academie => &[Profile::Inspecteur],
        }
    }

    fn index(self) -> usize {
        match self {
            Espace::PageCommune => 0,
            Espace::Direction => 1,
            Espace::Professeurs => 2,
            Espace::VieScolaire => 3,
            Espace::Parents => 4,
            Espace::Accompagnants => 5,
            Espace::Eleves => 6,
            Espace::Entreprise => 7,
            Espace::Academie => 8,
        }
    }
}

impl fmt::Display for Espace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// What one espace is delegated to: one protocol, or none (« Aucune »: its
/// users log in with their PRONOTE credentials).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EspaceDelegation {
    Cas,
    WsFederation,
    EduConnect,
    Aucune,
}

impl EspaceDelegation {
    /// Every choice, in display order.
    pub const ALL: [EspaceDelegation; 4] = [
        EspaceDelegation::Cas,
        EspaceDelegation::WsFederation,
        EspaceDelegation::EduConnect,
        EspaceDelegation::Aucune,
    ];

    /// The protocol the espace is delegated to, if any.
    pub fn protocol(self) -> Option<Protocol> {
        match self {
            EspaceDelegation::Cas => Some(Protocol::Cas),
            EspaceDelegation::WsFederation => Some(Protocol::WsFederation),
            EspaceDelegation::EduConnect => Some(Protocol::EduConnect),
            EspaceDelegation::Aucune => None,
        }
    }

    /// The stable name used in the API and in storage, e.g. `AUCUNE`.
    pub fn as_str(self) -> &'static str {
        match self.protocol() {
            Some(protocol) => protocol.as_str(),
            None => "AUCUNE",
        }
    }

    /// The label shown in the console: the protocol's, or « Aucune ».
    pub fn label(self) -> &'static str {
        match self.protocol() {
            Some(protocol) => protocol.label(),
            None => "Aucune",
        }
    }
}

impl From<Protocol> for EspaceDelegation {
    fn from(protocol: Protocol) -> Self {
        match protocol {
            Protocol::Cas => EspaceDelegation::Cas,
            Protocol::WsFederation => EspaceDelegation::WsFederation,
            Protocol::EduConnect => EspaceDelegation::EduConnect,
        }
    }
}

/// The delegation of each of the 9 espaces.
///
/// Serialised as a JSON object with one key per espace ([`Espace::as_str`]),
/// in the order of [`Espace::ALL`]: `{"PAGE_COMMUNE":"CAS","DIRECTION":"CAS",…}`.
/// Reading back requires all 9 keys and refuses unknown ones.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "EspaceMatrixJson", into = "EspaceMatrixJson")]
pub struct EspaceMatrix([EspaceDelegation; 9]);

impl EspaceMatrix {
    /// Every espace delegated to `delegation`.
    pub fn uniform(delegation: EspaceDelegation) -> Self {
        Self([delegation; 9])
    }

    /// Every espace delegated to CAS, as strongly advised (docs/domain.md §2).
    pub fn all_cas() -> Self {
        Self::uniform(EspaceDelegation::Cas)
    }

    /// What `espace` is delegated to.
    #[allow(
        clippy::indexing_slicing,
        reason = "one slot per espace: `Espace::index` < the array's length"
    )]
    pub fn get(&self, espace: Espace) -> EspaceDelegation {
        self.0[espace.index()]
    }

    /// Delegates `espace` to `delegation`.
    #[allow(
        clippy::indexing_slicing,
        reason = "one slot per espace: `Espace::index` < the array's length"
    )]
    pub fn set(&mut self, espace: Espace, delegation: EspaceDelegation) {
        self.0[espace.index()] = delegation;
    }

    /// Every espace with its delegation, in the order of [`Espace::ALL`].
    pub fn iter(&self) -> impl Iterator<Item = (Espace, EspaceDelegation)> + '_ {
        Espace::ALL
            .into_iter()
            .map(|espace| (espace, self.get(espace)))
    }

    /// The espaces delegated to `delegation`, in the order of [`Espace::ALL`].
    pub fn espaces_on(&self, delegation: EspaceDelegation) -> Vec<Espace> {
        self.iter()
            .filter(|&(_, d)| d == delegation)
            .map(|(espace, _)| espace)
            .collect()
    }
}

/// The JSON shape of [`EspaceMatrix`].
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE", deny_unknown_fields)]
struct EspaceMatrixJson {
    page_commune: EspaceDelegation,
    direction: EspaceDelegation,
    professeurs: EspaceDelegation,
    vie_scolaire: EspaceDelegation,
    parents: EspaceDelegation,
    accompagnants: EspaceDelegation,
    eleves: EspaceDelegation,
    entreprise: EspaceDelegation,
    academie: EspaceDelegation,
}

impl From<EspaceMatrixJson> for EspaceMatrix {
    fn from(json: EspaceMatrixJson) -> Self {
        Self([
            json.page_commune,
            json.direction,
            json.professeurs,
            json.vie_scolaire,
            json.parents,
            json.accompagnants,
            json.eleves,
            json.entreprise,
            json.academie,
        ])
    }
}

impl From<EspaceMatrix> for EspaceMatrixJson {
    fn from(matrix: EspaceMatrix) -> Self {
        let [
            page_commune,
            direction,
            professeurs,
            vie_scolaire,
            parents,
            accompagnants,
            eleves,
            entreprise,
            academie,
        ] = matrix.0;
        Self {
            page_commune,
            direction,
            professeurs,
            vie_scolaire,
            parents,
            accompagnants,
            eleves,
            entreprise,
            academie,
        }
    }
}

/// Which protocol definitions of the base are active.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Delegations {
    pub cas: bool,
    pub ws_federation: bool,
    pub edu_connect: bool,
}

impl Delegations {
    /// Only the CAS delegation active.
    pub fn cas_only() -> Self {
        Self {
            cas: true,
            ..Self::default()
        }
    }

    /// Whether the delegation of `protocol` is active.
    pub fn is_active(&self, protocol: Protocol) -> bool {
        match protocol {
            Protocol::Cas => self.cas,
            Protocol::WsFederation => self.ws_federation,
            Protocol::EduConnect => self.edu_connect,
        }
    }

    /// Activates or deactivates the delegation of `protocol`.
    pub fn set_active(&mut self, protocol: Protocol, active: bool) {
        match protocol {
            Protocol::Cas => self.cas = active,
            Protocol::WsFederation => self.ws_federation = active,
            Protocol::EduConnect => self.edu_connect = active,
        }
    }

    /// Whether at least one delegation is active.
    pub fn any_active(&self) -> bool {
        self.cas || self.ws_federation || self.edu_connect
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn espaces_keep_the_console_order_and_labels() {
        let labels: Vec<_> = Espace::ALL.iter().map(|e| e.label()).collect();
        assert_eq!(
            labels,
            [
                "Page commune",
                "Espace Direction",
                "Espace Professeurs",
                "Espace Vie scolaire",
                "Espace Parents",
                "Espace Accompagnant",
                "Espace Élèves",
                "Espace Entreprise",
                "Espace Académie",
            ]
        );
        for (i, espace) in Espace::ALL.into_iter().enumerate() {
            assert_eq!(espace.index(), i);
            let json = serde_json::to_string(&espace).unwrap();
            assert_eq!(json, format!("\"{}\"", espace.as_str()));
            assert_eq!(serde_json::from_str::<Espace>(&json).unwrap(), espace);
        }
        assert_eq!(Espace::PageCommune.subject(), "La Page commune");
        assert_eq!(Espace::Eleves.subject(), "L'Espace Élèves");
        assert_eq!(Espace::PageCommune.agree("délégué"), "déléguée");
        assert_eq!(Espace::Parents.agree("délégué"), "délégué");
    }

    #[test]
    fn protocols_and_choices_have_labels_and_stable_names() {
        let labels: Vec<_> = Protocol::ALL.iter().map(|p| p.label()).collect();
        assert_eq!(labels, ["CAS", "WS-Federation", "ÉduConnect"]);
        for protocol in Protocol::ALL {
            let json = serde_json::to_string(&protocol).unwrap();
            assert_eq!(json, format!("\"{}\"", protocol.as_str()));
            let choice = EspaceDelegation::from(protocol);
            assert_eq!(choice.protocol(), Some(protocol));
            assert_eq!(choice.label(), protocol.label());
            assert_eq!(serde_json::to_string(&choice).unwrap(), json);
        }
        assert_eq!(EspaceDelegation::Aucune.protocol(), None);
        assert_eq!(EspaceDelegation::Aucune.label(), "Aucune");
        assert_eq!(
            serde_json::to_string(&EspaceDelegation::Aucune).unwrap(),
            "\"AUCUNE\""
        );
        for choice in EspaceDelegation::ALL {
            let json = serde_json::to_string(&choice).unwrap();
            assert_eq!(json, format!("\"{}\"", choice.as_str()));
        }
    }

    #[test]
    fn the_matrix_gets_sets_and_iterates_in_order() {
        let mut matrix = EspaceMatrix::all_cas();
        assert!(matrix.iter().all(|(_, d)| d == EspaceDelegation::Cas));
        matrix.set(Espace::Parents, EspaceDelegation::Aucune);
        matrix.set(Espace::Eleves, EspaceDelegation::EduConnect);
        assert_eq!(matrix.get(Espace::Parents), EspaceDelegation::Aucune);
        assert_eq!(matrix.get(Espace::Eleves), EspaceDelegation::EduConnect);
        assert_eq!(matrix.get(Espace::Direction), EspaceDelegation::Cas);
        let order: Vec<_> = matrix.iter().map(|(e, _)| e).collect();
        assert_eq!(order, Espace::ALL);
        assert_eq!(
            matrix.espaces_on(EspaceDelegation::Aucune),
            [Espace::Parents]
        );
    }

    #[test]
    fn the_matrix_is_a_json_object_keyed_by_espace() {
        let mut matrix = EspaceMatrix::uniform(EspaceDelegation::Aucune);
        matrix.set(Espace::VieScolaire, EspaceDelegation::WsFederation);
        let json = serde_json::to_string(&matrix).unwrap();
        assert_eq!(
            json,
            "{\"PAGE_COMMUNE\":\"AUCUNE\",\"DIRECTION\":\"AUCUNE\",\
             \"PROFESSEURS\":\"AUCUNE\",\"VIE_SCOLAIRE\":\"WS_FEDERATION\",\
             \"PARENTS\":\"AUCUNE\",\"ACCOMPAGNANTS\":\"AUCUNE\",\"ELEVES\":\"AUCUNE\",\
             \"ENTREPRISE\":\"AUCUNE\",\"ACADEMIE\":\"AUCUNE\"}"
        );
        assert_eq!(serde_json::from_str::<EspaceMatrix>(&json).unwrap(), matrix);

        let missing = json.replace(",\"ACADEMIE\":\"AUCUNE\"", "");
        assert!(serde_json::from_str::<EspaceMatrix>(&missing).is_err());
        let unknown = json.replace("}", ",\"CANTINE\":\"CAS\"}");
        assert!(serde_json::from_str::<EspaceMatrix>(&unknown).is_err());
        let bad_value = json.replace("WS_FEDERATION", "SAML");
        assert!(serde_json::from_str::<EspaceMatrix>(&bad_value).is_err());
    }

    #[test]
    fn delegations_tell_which_protocols_are_active() {
        let mut delegations = Delegations::default();
        assert!(!delegations.any_active());
        delegations.set_active(Protocol::EduConnect, true);
        assert!(delegations.is_active(Protocol::EduConnect));
        assert!(!delegations.is_active(Protocol::Cas));
        assert!(delegations.any_active());
        let cas = Delegations::cas_only();
        assert!(cas.is_active(Protocol::Cas) && !cas.ws_federation && !cas.edu_connect);
        assert_eq!(
            serde_json::to_string(&cas).unwrap(),
            "{\"cas\":true,\"wsFederation\":false,\"eduConnect\":false}"
        );
    }
}
