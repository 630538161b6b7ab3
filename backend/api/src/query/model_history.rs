//! A source's catalog versions and a model's revisions with the diff
//! between two, for the operator's « Modèles » screen.

use async_graphql::{Context, ID, Object, SimpleObject};
use chrono::{DateTime, Utc};

use crate::ApiError;
use crate::context::ContextExt;
use crate::objects::{EntModelView, FieldChangeView, parse_id};

/// One distinct content of a source's list of models.
#[derive(SimpleObject)]
pub(crate) struct CatalogVersionView {
    pub id: ID,
    /// Models in this version.
    pub models: i32,
    pub added: i32,
    pub changed: i32,
    pub withdrawn: i32,
    pub created_at: DateTime<Utc>,
}

/// One revision of a model.
#[derive(SimpleObject)]
pub(crate) struct ModelRevisionView {
    pub revision: i32,
    pub created_at: DateTime<Utc>,
}

#[derive(Default)]
pub struct ModelHistoryQuery;

#[Object]
impl ModelHistoryQuery {
    /// One model of a visible source, withdrawn or not.
    async fn ent_model(&self, ctx: &Context<'_>, id: ID) -> Result<EntModelView, ApiError> {
        let id = parse_id("id", &id)?;
        let row = ctx.scoped()?.models().model(id).await?;
        Ok(EntModelView::new(&row))
    }

    /// The versions of a source's list, newest first (the last 100).
    async fn catalog_versions(
        &self,
        ctx: &Context<'_>,
        source_id: ID,
    ) -> Result<Vec<CatalogVersionView>, ApiError> {
        let source = parse_id("sourceId", &source_id)?;
        let rows = ctx.scoped()?.models().catalog_versions(source).await?;
        Ok(rows
            .into_iter()
            .map(|v| CatalogVersionView {
                id: ID(v.id.to_string()),
                models: v.models,
                added: v.added,
                changed: v.changed,
                withdrawn: v.withdrawn,
                created_at: v.created_at,
            })
            .collect())
    }

    /// The revisions of a model, newest first.
    async fn model_revisions(
        &self,
        ctx: &Context<'_>,
        model_id: ID,
    ) -> Result<Vec<ModelRevisionView>, ApiError> {
        let model = parse_id("modelId", &model_id)?;
        let rows = ctx.scoped()?.models().revisions(model).await?;
        Ok(rows
            .into_iter()
            .map(|r| ModelRevisionView {
                revision: r.revision,
                created_at: r.created_at,
            })
            .collect())
    }

    /// What changed in a model from revision `from` to revision `to`, field
    /// by field, in French.
    async fn model_revision_diff(
        &self,
        ctx: &Context<'_>,
        model_id: ID,
        from: i32,
        to: i32,
    ) -> Result<Vec<FieldChangeView>, ApiError> {
        let model = parse_id("modelId", &model_id)?;
        for (field, revision) in [("from", from), ("to", to)] {
            if revision < 1 {
                return Err(ApiError::validation(
                    field,
                    "Les révisions d'un modèle sont numérotées à partir de 1.",
                ));
            }
        }
        if from == to {
            return Err(ApiError::validation(
                "to",
                "Choisissez deux révisions différentes à comparer.",
            ));
        }
        let changes = ctx
            .scoped()?
            .models()
            .revision_diff(model, from, to)
            .await?;
        Ok(changes.into_iter().map(Into::into).collect())
    }
}
