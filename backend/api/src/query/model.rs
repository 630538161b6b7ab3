use async_graphql::{Context, ID, Object, SimpleObject};

use crate::ApiError;
use crate::context::ContextExt;
use crate::objects::{EntModelView, ModelSourceView, ModelsFeedCheck, ModelsSchemaView, parse_id};

/// How many bases use a model, and where they stand.
#[derive(SimpleObject)]
pub(crate) struct ModelUsage {
    pub model: EntModelView,
    /// Bases whose settings came from this model.
    pub bases: i32,
    /// Of which with an update waiting for a person.
    pub pending_updates: i32,
}

#[derive(Default)]
pub struct ModelQuery;

#[Object]
impl ModelQuery {
    /// The caller's model sources, and those offered to every operator.
    async fn model_sources(&self, ctx: &Context<'_>) -> Result<Vec<ModelSourceView>, ApiError> {
        Ok(ctx
            .scoped()?
            .models()
            .sources()
            .await?
            .into_iter()
            .map(Into::into)
            .collect())
    }

    /// The current models of one source, or of every visible source.
    async fn models(
        &self,
        ctx: &Context<'_>,
        source_id: Option<ID>,
    ) -> Result<Vec<EntModelView>, ApiError> {
        let source = source_id.map(|id| parse_id("sourceId", &id)).transpose()?;
        let rows = ctx.scoped()?.models().models(source).await?;
        Ok(rows.iter().map(EntModelView::new).collect())
    }

    /// A source's current models as a `relais-models/1` feed (what an
    /// integrator sends to Index-Education). `validatedOnly`: only the
    /// models whose current revision passed `validateModel`.
    #[graphql(complexity = "crate::cost::EXPORT")]
    async fn models_feed(
        &self,
        ctx: &Context<'_>,
        source_id: ID,
        #[graphql(default)] validated_only: bool,
    ) -> Result<String, ApiError> {
        ctx.expensive().await?;
        let source = parse_id("sourceId", &source_id)?;
        Ok(
            relais_app::model_schema_service::feed_xml(ctx.scoped()?, source, validated_only)
                .await?,
        )
    }

    /// The operator's copy of Index-Education's schema of models
    /// (`uploadModelsSchema`), if any.
    async fn models_schema(
        &self,
        ctx: &Context<'_>,
        tenant_id: Option<ID>,
    ) -> Result<Option<ModelsSchemaView>, ApiError> {
        let tenant = ctx.tenant_or_own(tenant_id)?;
        Ok(ctx
            .scoped()?
            .model_schemas()
            .get(tenant.into())
            .await?
            .map(Into::into))
    }

    /// The `modelsFeed` export of a source checked against
    /// Index-Education's schema the operator uploaded, with xmllint's rules:
    /// every error in French with its line. Without a schema, nothing is
    /// checked (`checked: false`).
    async fn check_models_feed(
        &self,
        ctx: &Context<'_>,
        source_id: ID,
        #[graphql(default)] validated_only: bool,
    ) -> Result<ModelsFeedCheck, ApiError> {
        let source = parse_id("sourceId", &source_id)?;
        let caller_tenant = ctx.caller()?.tenant_id;
        Ok(relais_app::model_schema_service::check_feed(
            ctx.scoped()?,
            caller_tenant,
            source,
            validated_only,
        )
        .await?
        .into())
    }

    /// Per current model: how many bases applied it, how many have an
    /// update pending.
    #[graphql(complexity = "crate::cost::WHOLE_TENANT_READ + child_complexity")]
    async fn model_usage(&self, ctx: &Context<'_>) -> Result<Vec<ModelUsage>, ApiError> {
        ctx.expensive().await?;
        let scoped = ctx.scoped()?;
        let rows = scoped.models().models(None).await?;
        let counts = scoped.models().usage().await?;
        Ok(rows
            .iter()
            .map(|row| {
                let (bases, pending) = counts.get(&row.id).copied().unwrap_or((0, 0));
                ModelUsage {
                    model: EntModelView::new(row),
                    bases: bases as i32,
                    pending_updates: pending as i32,
                }
            })
            .collect())
    }
}

/// A base whose settings no longer match the model it applied.
#[derive(SimpleObject)]
pub(crate) struct DriftedBase {
    pub base: crate::objects::PronoteBase,
    pub model: String,
    pub drift: Vec<crate::objects::FieldChangeView>,
}

#[derive(Default)]
pub struct DriftQuery;

#[Object]
impl DriftQuery {
    /// « Paramètres non conformes au modèle »: the caller's bases whose
    /// settings differ from the revision of the model they applied.
    #[graphql(complexity = "crate::cost::WHOLE_TENANT_READ + child_complexity")]
    async fn drifted_bases(&self, ctx: &Context<'_>) -> Result<Vec<DriftedBase>, ApiError> {
        ctx.expensive().await?;
        let scoped = ctx.scoped()?;
        let bases = scoped.bases().all().await?;
        let ids: Vec<_> = bases.iter().map(|b| b.id.uuid()).collect();
        let (applied, _) = scoped.models().status_of_bases(&ids).await?;
        let mut revisions = std::collections::HashMap::new();
        let mut out = Vec::new();
        for base in bases {
            let Some(applied) = applied.get(&base.id.uuid()) else {
                continue;
            };
            let key = (applied.model_id, applied.revision);
            let values = match revisions.entry(key) {
                std::collections::hash_map::Entry::Occupied(entry) => entry.into_mut(),
                std::collections::hash_map::Entry::Vacant(entry) => {
                    entry.insert(scoped.models().revision(key.0, key.1).await?)
                }
            };
            let drift = relais_app::model_service::drift_of(&base, values);
            if !drift.is_empty() {
                out.push(DriftedBase {
                    model: values.name.clone(),
                    base: crate::objects::PronoteBase(base),
                    drift: drift.into_iter().map(Into::into).collect(),
                });
            }
        }
        Ok(out)
    }
}
