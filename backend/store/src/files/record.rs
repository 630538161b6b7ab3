//! A stored file's metadata as the store hands it out: its kind and summary
//! read once, here (see `base_record.rs` for the rule).

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::FileKind;
use crate::entities::stored_file;
use crate::{Result, StoreError};

const TABLE: &str = "stored_files";

/// The metadata of one encrypted object (docs/domain.md §4).
#[derive(Debug, Clone, PartialEq)]
pub struct StoredFile {
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub establishment_id: Option<Uuid>,
    pub base_id: Option<Uuid>,
    pub kind: FileKind,
    /// The name given on download, e.g. `0410017W.xml`.
    pub file_name: String,
    pub object_key: String,
    /// Plaintext size in bytes.
    pub size: i64,
    /// SHA-256 of the plaintext, hexadecimal.
    pub sha256: String,
    /// Counts per population, never names.
    pub summary: serde_json::Value,
    pub created_by: Option<Uuid>,
    /// The ticket an attachment belongs to.
    pub ticket_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

impl TryFrom<stored_file::Model> for StoredFile {
    type Error = StoreError;

    /// A kind no version of Relais wrote, or a summary that is not JSON, is
    /// `Corrupt`, never read as a default.
    fn try_from(row: stored_file::Model) -> Result<Self> {
        let id = row.id;
        let corrupt =
            |column: &'static str, value: &str| StoreError::corrupt(TABLE, column, id, value);
        Ok(Self {
            id: row.id,
            tenant_id: row.tenant_id,
            establishment_id: row.establishment_id,
            base_id: row.base_id,
            kind: FileKind::parse(&row.kind).ok_or_else(|| corrupt("kind", &row.kind))?,
            file_name: row.file_name,
            object_key: row.object_key,
            size: row.size,
            sha256: row.sha256,
            summary: serde_json::from_str(&row.summary)
                .map_err(|e| corrupt("summary", &format!("JSON illisible ({e})")))?,
            created_by: row.created_by,
            ticket_id: row.ticket_id,
            created_at: row.created_at,
            expires_at: row.expires_at,
        })
    }
}

/// What the retention job needs of an expired file: no kind or summary to
/// read, so that a damaged row is still deleted when its retention ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpiredFile {
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub file_name: String,
    pub object_key: String,
}

impl From<stored_file::Model> for ExpiredFile {
    fn from(row: stored_file::Model) -> Self {
        Self {
            id: row.id,
            tenant_id: row.tenant_id,
            file_name: row.file_name,
            object_key: row.object_key,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::corruption;

    fn row() -> stored_file::Model {
        let now = Utc::now();
        stored_file::Model {
            id: Uuid::now_v7(),
            tenant_id: Uuid::now_v7(),
            establishment_id: Some(Uuid::now_v7()),
            base_id: None,
            kind: "IDENTIFIERS_EXPORT".to_owned(),
            file_name: "0410017W.xml".to_owned(),
            object_key: "tenants/t/identifiers-exports/f".to_owned(),
            size: 42,
            sha256: "ab".repeat(32),
            summary: r#"{"users":3,"byCategory":{"ELEVE":2}}"#.to_owned(),
            created_by: None,
            ticket_id: None,
            created_at: now,
            expires_at: now,
        }
    }

    #[test]
    fn a_stored_file_reads_with_its_kind_and_summary() {
        let file = StoredFile::try_from(row()).unwrap();
        assert_eq!(file.kind, FileKind::IdentifiersExport);
        assert_eq!(
            file.summary,
            serde_json::json!({ "users": 3, "byCategory": { "ELEVE": 2 } })
        );
        for kind in FileKind::ALL {
            let mut stored = row();
            stored.kind = kind.as_str().to_owned();
            assert_eq!(StoredFile::try_from(stored).unwrap().kind, kind);
        }
    }

    /// A stored value replaced by one no version of Relais writes.
    type Spoil = fn(&mut stored_file::Model);

    #[test]
    fn a_kind_or_summary_no_version_wrote_is_corrupt_never_a_default() {
        let cases: [(&str, Spoil); 4] = [
            ("kind", |r| r.kind = "ACCOUNT_MATCHING".to_owned()),
            ("kind", |r| r.kind = String::new()),
            ("summary", |r| r.summary = "{\"users\":".to_owned()),
            ("summary", |r| r.summary = String::new()),
        ];
        for (column, spoil) in cases {
            let mut stored = row();
            spoil(&mut stored);
            let read = corruption(StoredFile::try_from(stored));
            assert_eq!((read.table, read.column), (TABLE, column));
        }
    }

    #[test]
    fn an_expired_file_is_deleted_whatever_its_kind_or_summary() {
        let mut stored = row();
        stored.kind = "INCONNU".to_owned();
        stored.summary = "pas du JSON".to_owned();
        let expired = ExpiredFile::from(stored.clone());
        assert_eq!(expired.id, stored.id);
        assert_eq!(expired.object_key, stored.object_key);
    }
}
