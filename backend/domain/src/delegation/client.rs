//! One client's CAS definition (docs/domain.md §3): the values an integrator's model
//! gives for the PRONOTE client or PRONOTE.net, and the PRONOTE client's own
//! definition on a base, entered in the PRONOTE server's administration
//! (docs/domain.md « Le Serveur PRONOTE et le client »).

use serde::{Deserialize, Serialize};

use super::{CasUrls, CommonIdentifier, FirstConnectionMode};

/// The compared fields of one client (docs/domain.md §3).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClientSettings {
    /// `AttributIDCas`; absent in a feed means the CAS Subject.
    pub common_identifier: CommonIdentifier,
    /// `Url_ServeurCAS`; `None` when the integrator has one CAS address per
    /// establishment, typed by the school (on a base's PRONOTE client
    /// definition: the same addresses as PRONOTE.net's).
    pub cas_urls: Option<CasUrls>,
    /// `ModeIdentificationPremiereConnexion`.
    pub first_connection: FirstConnectionMode,
}
