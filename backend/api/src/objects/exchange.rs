use async_graphql::{ID, Object, SimpleObject};
use sha2::{Digest, Sha256};

use crate::objects::StoredFile;

/// How an operator exchanges files with Index-Education (docs/domain.md §4). Keys
/// are shown by fingerprint; the private key never leaves Relais.
pub(crate) struct ExchangeSettings {
    pub row: relais_store::ExchangeSettings,
    pub default_account_matching_days: u32,
    pub default_identifiers_export_days: u32,
}

#[Object]
impl ExchangeSettings {
    /// The partner id given by Index-Education (`Partenaire` of file A).
    async fn partner_id(&self) -> Option<&str> {
        self.row.partner_id.as_deref()
    }

    /// The partner's name (`Partenaire` of the container, `PARTENAIRE@NOM`
    /// of PRONOTE's exports).
    async fn partner_name(&self) -> Option<&str> {
        self.row.partner_name.as_deref()
    }

    /// SHA-256 of Index-Education's public key (first 16 hex digits).
    async fn index_education_key_fingerprint(&self) -> Option<String> {
        self.row
            .index_education_public_key
            .as_deref()
            .map(fingerprint)
    }

    /// The partner's public key (PEM), to give to Index-Education so that
    /// PRONOTE encrypts its exports for this operator.
    async fn partner_public_key(&self) -> Option<&str> {
        self.row.partner_public_key.as_deref()
    }

    async fn partner_key_fingerprint(&self) -> Option<String> {
        self.row.partner_public_key.as_deref().map(fingerprint)
    }

    /// Days an account-matching file is kept (the operator's or the
    /// platform's default).
    async fn retention_account_matching_days(&self) -> i32 {
        // The platform's default where the operator chose none.
        self.row
            .retention_account_matching_days
            .unwrap_or(self.default_account_matching_days) as i32
    }

    async fn retention_identifiers_export_days(&self) -> i32 {
        self.row
            .retention_identifiers_export_days
            .unwrap_or(self.default_identifiers_export_days) as i32
    }
}

fn fingerprint(pem: &str) -> String {
    let digest = Sha256::digest(pem.trim().as_bytes());
    relais_domain::formatting::hex(digest.get(..8).unwrap_or_default())
}

/// A population count of a received export.
#[derive(SimpleObject)]
pub(crate) struct CategoryCount {
    /// `ELEVE`, `RESPONSABLE`, `PROFESSEUR`…
    pub category: String,
    pub users: i32,
}

/// What Relais read in a PRONOTE identifiers export.
#[derive(SimpleObject)]
pub(crate) struct IdentifiersExportResult {
    pub file: StoredFile,
    pub users: i32,
    pub by_category: Vec<CategoryCount>,
    /// Users PRONOTE lists without a CAS identifier yet.
    pub without_cas_id: i32,
    /// The PRONOTE base the users belong to (a cité scolaire's one base,
    /// whichever of its establishments the export was uploaded for).
    pub base_id: ID,
    /// The UAI the export covers: the base's group UAI for the whole base
    /// (« Tous les établissements »), one member's for one establishment of
    /// a cité scolaire.
    pub export_uai: String,
    /// PRONOTE users added to the base's list for the rapprochement.
    pub created: i32,
    /// PRONOTE users whose name, birth date, category or CAS identifier changed.
    pub updated: i32,
    /// PRONOTE users no longer in the export (mode complet only), with their links.
    pub removed: i32,
    /// Links (rapprochements) removed with those users; more than zero only
    /// with `confirmLinkRemoval`.
    pub links_removed: i32,
    /// Links created for users whose CAS identifier PRONOTE already holds.
    pub existing_links: i32,
}
