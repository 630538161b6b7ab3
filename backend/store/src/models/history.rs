//! A source's catalog versions and a model's revisions, for the operator's
//! « Modèles » screen: read with the visibility of the source or model.

use chrono::{DateTime, Utc};
use relais_domain::models::{FieldChange, diff_models};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use super::ModelRepo;
use crate::Result;
use crate::entities::{catalog_version, model_revision};

/// At most this many catalog versions are listed, newest first.
pub const MAX_CATALOG_VERSIONS: u64 = 100;

/// One revision of a model: its number and when it was recorded.
#[derive(Debug, Clone, Copy)]
pub struct RevisionStamp {
    pub revision: i32,
    pub created_at: DateTime<Utc>,
}

impl ModelRepo<'_> {
    /// The distinct versions of a visible source's list, newest first.
    #[tracing::instrument(skip_all, err(level = "info"))]
    pub async fn catalog_versions(&self, source: Uuid) -> Result<Vec<catalog_version::Model>> {
        self.source(source).await?;
        Ok(catalog_version::Entity::find()
            .filter(catalog_version::Column::SourceId.eq(source))
            .order_by_desc(catalog_version::Column::CreatedAt)
            .order_by_desc(catalog_version::Column::Id)
            .limit(MAX_CATALOG_VERSIONS)
            .all(self.db)
            .await?)
    }

    /// The revisions of a visible model, newest first (bodies not read).
    #[tracing::instrument(skip_all, err(level = "info"))]
    pub async fn revisions(&self, model: Uuid) -> Result<Vec<RevisionStamp>> {
        self.model(model).await?;
        let rows: Vec<(i32, DateTime<Utc>)> = model_revision::Entity::find()
            .select_only()
            .column(model_revision::Column::Revision)
            .column(model_revision::Column::CreatedAt)
            .filter(model_revision::Column::ModelId.eq(model))
            .order_by_desc(model_revision::Column::Revision)
            .into_tuple()
            .all(self.db)
            .await?;
        Ok(rows
            .into_iter()
            .map(|(revision, created_at)| RevisionStamp {
                revision,
                created_at,
            })
            .collect())
    }

    /// What changed in a visible model from revision `from` to `to`
    /// (either order); `NotFound` when one of them does not exist.
    #[tracing::instrument(skip_all, err(level = "info"))]
    pub async fn revision_diff(&self, model: Uuid, from: i32, to: i32) -> Result<Vec<FieldChange>> {
        self.model(model).await?;
        let old = self.revision(model, from).await?;
        let new = self.revision(model, to).await?;
        Ok(diff_models(&old, &new))
    }
}
