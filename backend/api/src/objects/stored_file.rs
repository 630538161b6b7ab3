use async_graphql::{Enum, ID, Object};
use chrono::{DateTime, Utc};

/// What a stored file is (docs/domain.md §4).
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(remote = "relais_store::FileKind")]
pub(crate) enum FileKindName {
    /// (A) ENT → PRONOTE account-matching file, sealed for Index-Education.
    AccountMatching,
    /// (B) PRONOTE → ENT identifier export, received and decrypted.
    IdentifiersExport,
    /// A file joined to a helpdesk ticket.
    TicketAttachment,
    /// The PRONOTE identifier of each linked ENT account, for the ENT
    /// (its `idPronote` attribute).
    PronoteIdentifiers,
}

/// A file kept encrypted by Relais until its retention ends.
pub(crate) struct StoredFile(pub relais_store::StoredFile);

#[Object]
impl StoredFile {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }

    async fn kind(&self) -> FileKindName {
        self.0.kind.into()
    }

    /// The name given on download, e.g. `0410017W.xml`.
    async fn file_name(&self) -> &str {
        &self.0.file_name
    }

    async fn establishment_id(&self) -> Option<ID> {
        self.0.establishment_id.map(|id| ID(id.to_string()))
    }

    async fn base_id(&self) -> Option<ID> {
        self.0.base_id.map(|id| ID(id.to_string()))
    }

    /// Size of the file in bytes.
    async fn size(&self) -> f64 {
        self.0.size as f64
    }

    /// SHA-256 of the file, hexadecimal.
    async fn sha256(&self) -> &str {
        &self.0.sha256
    }

    /// Counts per population (never names).
    async fn summary(&self) -> async_graphql::Json<serde_json::Value> {
        async_graphql::Json(self.0.summary.clone())
    }

    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }

    /// When the retention ends and the file is deleted.
    async fn expires_at(&self) -> DateTime<Utc> {
        self.0.expires_at
    }

    /// Relative address of the authorised download (`GET`, with the same
    /// `Authorization: Bearer` header as the API).
    async fn download_path(&self) -> String {
        format!("/files/{}/download", self.0.id)
    }
}
