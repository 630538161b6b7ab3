//! A model source as the store hands it out: its kind read once into
//! [`SourceKind`] (a feed always with its address and its schedule), its
//! tenant a [`TenantId`] (issue 16). A row that does not read is a
//! [`StoreError::Corrupt`] naming the column — never a default.

use chrono::{DateTime, Utc};
use relais_domain::TenantId;
use uuid::Uuid;

use crate::entities::model_source;
use crate::{Result, StoreError};

const TABLE: &str = "model_sources";

/// Where models come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceKind {
    /// The tenant's own list, edited in Relais.
    Own,
    /// A feed fetched from `url` on `cron` (Europe/Paris).
    Feed {
        url: String,
        cron: String,
        /// http and private addresses allowed: test sources only.
        allow_http_for_testing: bool,
    },
}

impl SourceKind {
    pub(crate) const OWN: &'static str = "OWN";
    pub(crate) const FEED: &'static str = "FEED";

    /// The stored and published name: `OWN` or `FEED`.
    pub fn name(&self) -> &'static str {
        match self {
            SourceKind::Own => Self::OWN,
            SourceKind::Feed { .. } => Self::FEED,
        }
    }

    /// The feed's address; none for an own list.
    pub fn url(&self) -> Option<&str> {
        match self {
            SourceKind::Own => None,
            SourceKind::Feed { url, .. } => Some(url),
        }
    }

    /// The feed's schedule (six-field cron, Europe/Paris); none for an own
    /// list.
    pub fn cron(&self) -> Option<&str> {
        match self {
            SourceKind::Own => None,
            SourceKind::Feed { cron, .. } => Some(cron),
        }
    }

    /// Whether the source was registered as a test source.
    pub fn allows_http_for_testing(&self) -> bool {
        matches!(
            self,
            SourceKind::Feed {
                allow_http_for_testing: true,
                ..
            }
        )
    }
}

/// HTTP validators of the last successful fetch.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// A tenant's list of models or a feed (docs/domain.md §3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelSource {
    pub id: Uuid,
    /// Empty: offered by the platform to every tenant.
    pub tenant_id: Option<TenantId>,
    pub name: String,
    pub kind: SourceKind,
    /// Of the last successful fetch: sent back on the next one.
    pub validators: Validators,
    /// SHA-256 of the canonical feed of the current catalog version.
    pub content_hash: Option<String>,
    pub last_fetched_at: Option<DateTime<Utc>>,
    pub last_success_at: Option<DateTime<Utc>>,
    /// The last fetch or parse failure, in French; cleared by a success.
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl ModelSource {
    /// Published by the platform to every tenant.
    pub fn offered_to_all(&self) -> bool {
        self.tenant_id.is_none()
    }
}

impl TryFrom<model_source::Model> for ModelSource {
    type Error = StoreError;

    fn try_from(row: model_source::Model) -> Result<Self> {
        let kind = match row.kind.as_str() {
            SourceKind::OWN => SourceKind::Own,
            SourceKind::FEED => SourceKind::Feed {
                url: row
                    .url
                    .clone()
                    .ok_or_else(|| StoreError::corrupt(TABLE, "url", row.id, ""))?,
                cron: row
                    .cron
                    .clone()
                    .ok_or_else(|| StoreError::corrupt(TABLE, "cron", row.id, ""))?,
                allow_http_for_testing: row.allow_http_for_testing,
            },
            other => return Err(StoreError::corrupt(TABLE, "kind", row.id, other)),
        };
        Ok(Self {
            id: row.id,
            tenant_id: row.tenant_id.map(TenantId::from),
            name: row.name,
            kind,
            validators: Validators {
                etag: row.etag,
                last_modified: row.last_modified,
            },
            content_hash: row.content_hash,
            last_fetched_at: row.last_fetched_at,
            last_success_at: row.last_success_at,
            last_error: row.last_error,
            created_at: row.created_at,
            updated_at: row.updated_at,
        })
    }
}

/// Reads rows into records; the first that does not read fails the lot.
pub(crate) fn model_sources(rows: Vec<model_source::Model>) -> Result<Vec<ModelSource>> {
    rows.into_iter().map(ModelSource::try_from).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::corruption;

    fn row(kind: &str, url: Option<&str>, cron: Option<&str>) -> model_source::Model {
        model_source::Model {
            id: Uuid::now_v7(),
            tenant_id: Some(Uuid::now_v7()),
            kind: kind.to_owned(),
            name: "ENT Région".to_owned(),
            url: url.map(str::to_owned),
            cron: cron.map(str::to_owned),
            allow_http_for_testing: false,
            etag: Some("\"v1\"".to_owned()),
            last_modified: None,
            content_hash: None,
            last_fetched_at: None,
            last_success_at: None,
            last_error: None,
            created_at: Utc::now(),
            updated_at: Utc::now(),
        }
    }

    fn corrupt_column(result: Result<ModelSource>) -> &'static str {
        let read = corruption(result);
        assert_eq!(read.table, TABLE);
        read.column
    }

    #[test]
    fn a_feed_reads_with_its_address_schedule_and_validators() {
        let source = ModelSource::try_from(row(
            "FEED",
            Some("https://ent.example/modeles.xml"),
            Some("0 0 3 * * *"),
        ))
        .unwrap();
        assert_eq!(source.kind.name(), "FEED");
        assert_eq!(source.kind.url(), Some("https://ent.example/modeles.xml"));
        assert_eq!(source.kind.cron(), Some("0 0 3 * * *"));
        assert!(!source.kind.allows_http_for_testing());
        assert_eq!(source.validators.etag.as_deref(), Some("\"v1\""));
        assert!(!source.offered_to_all());
    }

    #[test]
    fn an_own_list_reads_without_address() {
        let source = ModelSource::try_from(row("OWN", None, None)).unwrap();
        assert_eq!(source.kind, SourceKind::Own);
        assert_eq!(source.kind.url(), None);
    }

    #[test]
    fn an_unknown_kind_is_corrupt() {
        assert_eq!(
            corrupt_column(ModelSource::try_from(row("FTP", None, None))),
            "kind"
        );
    }

    #[test]
    fn a_feed_without_address_or_schedule_is_corrupt() {
        assert_eq!(
            corrupt_column(ModelSource::try_from(row(
                "FEED",
                None,
                Some("0 0 3 * * *")
            ))),
            "url"
        );
        assert_eq!(
            corrupt_column(ModelSource::try_from(row(
                "FEED",
                Some("https://ent.example/modeles.xml"),
                None
            ))),
            "cron"
        );
    }
}
