use async_graphql::{Context, ID, InputObject, Object, Upload};
use relais_store::{NewSource, SourceKind, Validators};

use crate::ApiError;
use crate::context::ContextExt;
use crate::objects::{
    ApplyModelResult, EntModelView, ModelSourceView, ModelsSchemaView, PronoteBase, RefreshReport,
    parse_id,
};
use relais_app::model_service::{install_xml, plan_apply, refresh_source};
use relais_outbound::guarded_http::GuardedHttpClient;

/// A source of models to register.
#[derive(InputObject)]
pub struct CreateModelSourceInput {
    /// Platform administrators: empty offers the models to every operator.
    pub tenant_id: Option<ID>,
    pub name: String,
    /// Empty: the operator's own list, edited in Relais. Otherwise the URL
    /// of a `relais-models/1` feed, fetched on `cron`.
    pub feed_url: Option<String>,
    /// Cron expression with seconds, Europe/Paris; default every night at 03:00.
    pub cron: Option<String>,
    /// Kept for compatibility; `true` is refused unless the platform's
    /// configuration already accepts plain http for every feed
    /// (`models.allow_http`, test platforms). Which addresses a feed may be
    /// fetched from is the platform operator's setting, never a source's.
    #[graphql(default)]
    pub allow_http_for_testing: bool,
}

/// By default feeds are fetched every night at 03:00 (Europe/Paris).
pub const DEFAULT_CRON: &str = "0 0 3 * * *";

#[derive(Default)]
pub struct ModelMutation;

#[Object]
impl ModelMutation {
    async fn create_model_source(
        &self,
        ctx: &Context<'_>,
        input: CreateModelSourceInput,
    ) -> Result<ModelSourceView, ApiError> {
        let scoped = ctx.scoped()?;
        let tenant = input
            .tenant_id
            .map(|id| parse_id("tenantId", &id))
            .transpose()?;
        let name = input.name.trim();
        if name.is_empty() || name.chars().count() > 200 {
            return Err(ApiError::validation(
                "name",
                "Le nom de la source est obligatoire (200 caractères au plus).",
            ));
        }
        let platform_allows_http = ctx
            .data::<GuardedHttpClient>()
            .map_err(|_| ApiError::internal())?
            .policy()
            .allow_http;
        if input.allow_http_for_testing && !platform_allows_http {
            return Err(ApiError::validation(
                    "allowHttpForTesting",
                    "Une source ne peut plus être marquée « pour les essais » : les adresses autorisées (http, réseaux privés) se règlent dans la configuration de la plateforme. Laissez ce champ à false et donnez une adresse https.",
                ).with_reason("TESTING_ALLOWANCE_IS_CONFIGURATION"));
        }
        let kind = match input.feed_url {
            None => SourceKind::Own,
            Some(url) => {
                let url = relais_domain::web_url::WebUrl::parse("feedUrl", &url)?;
                if !url.is_https() && !platform_allows_http {
                    return Err(ApiError::validation(
                        "feedUrl",
                        "L'adresse du flux doit être en https.",
                    ));
                }
                let cron = input.cron.unwrap_or_else(|| DEFAULT_CRON.to_owned());
                if !cron_is_valid(&cron) {
                    return Err(ApiError::validation(
                        "cron",
                        "Expression cron invalide : six champs (secondes minutes heures jour mois jour-de-semaine), par exemple « 0 0 3 * * * ».",
                    ));
                }
                SourceKind::Feed {
                    url: url.as_str().to_owned(),
                    cron,
                    allow_http_for_testing: input.allow_http_for_testing,
                }
            }
        };
        Ok(scoped
            .models()
            .create_source(NewSource {
                tenant,
                name: name.to_owned(),
                kind,
            })
            .await?
            .into())
    }

    /// Replaces the models of an operator's own list with a `relais-models/1`
    /// document. Bases are not touched: those whose model changed get a
    /// pending update.
    #[graphql(complexity = "crate::cost::IMPORT + child_complexity")]
    async fn import_models(
        &self,
        ctx: &Context<'_>,
        source_id: ID,
        feed_xml: String,
    ) -> Result<RefreshReport, ApiError> {
        ctx.expensive().await?;
        let scoped = ctx.scoped()?;
        let source = parse_id("sourceId", &source_id)?;
        if scoped.models().source(source).await?.kind != SourceKind::Own {
            return Err(ApiError::validation(
                "sourceId",
                "Cette source est un flux : actualisez-la plutôt (« Actualiser »).",
            ));
        }
        Ok(install_xml(
            scoped,
            mail_links(ctx)?,
            source,
            feed_xml.as_bytes(),
            Validators::default(),
        )
        .await?
        .into())
    }

    /// « Actualiser »: fetches the feed now.
    #[graphql(complexity = "crate::cost::REMOTE_CALL + child_complexity")]
    async fn refresh_model_feed(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> Result<RefreshReport, ApiError> {
        ctx.expensive().await?;
        let scoped = ctx.scoped()?;
        let source = parse_id("id", &id)?;
        let fetcher = ctx
            .data::<GuardedHttpClient>()
            .map_err(|_| ApiError::internal())?;
        Ok(refresh_source(scoped, mail_links(ctx)?, fetcher, source)
            .await?
            .into())
    }

    /// Copies a model's values into the base's settings (while the base is
    /// stopped). Values already entered are replaced only with
    /// `confirmOverwrite: true`.
    async fn apply_model(
        &self,
        ctx: &Context<'_>,
        base_id: ID,
        model_id: ID,
        expected_version: i32,
        #[graphql(default)] confirm_overwrite: bool,
    ) -> Result<ApplyModelResult, ApiError> {
        let scoped = ctx.scoped()?;
        let base = scoped.bases().get(parse_id("baseId", &base_id)?).await?;
        let model = scoped
            .models()
            .model(parse_id("modelId", &model_id)?)
            .await?;
        let (settings, overwritten) = plan_apply(&base, &model)?;
        if !overwritten.is_empty() && !confirm_overwrite {
            let fields: Vec<String> = overwritten.iter().map(ToString::to_string).collect();
            return Err(ApiError::conflict(
                "confirmOverwrite",
                format!(
                    "Appliquer le modèle remplacera des valeurs déjà saisies : {}. Confirmez pour continuer.",
                    fields.join(" ; ")
                ),
            ));
        }
        let updated = scoped
            .bases()
            .apply_model(
                base.id,
                expected_version,
                &settings,
                model.id,
                model.revision,
                format!(
                    "Modèle « {} » (révision {}) appliqué à la base {}.",
                    model.name, model.revision, base.group_uai
                ),
            )
            .await?;
        Ok(ApplyModelResult {
            base: PronoteBase(updated),
            overwritten: overwritten.into_iter().map(Into::into).collect(),
        })
    }

    /// Applies the pending model update: the model's current values replace
    /// the base's (the person saw the diff).
    async fn apply_model_update(
        &self,
        ctx: &Context<'_>,
        base_id: ID,
        expected_version: i32,
    ) -> Result<ApplyModelResult, ApiError> {
        let scoped = ctx.scoped()?;
        let base = scoped.bases().get(parse_id("baseId", &base_id)?).await?;
        let (_, pending) = scoped.models().status_of_bases(&[base.id.uuid()]).await?;
        let pending = pending.get(&base.id.uuid()).ok_or_else(|| {
            ApiError::conflict(
                "baseId",
                "Aucune mise à jour de modèle n'attend cette base.",
            )
        })?;
        let model = scoped.models().model(pending.model_id).await?;
        let (settings, overwritten) = plan_apply(&base, &model)?;
        let updated = scoped
            .bases()
            .apply_model(
                base.id,
                expected_version,
                &settings,
                model.id,
                model.revision,
                format!(
                    "Mise à jour du modèle « {} » (révision {}) appliquée à la base {}.",
                    model.name, model.revision, base.group_uai
                ),
            )
            .await?;
        Ok(ApplyModelResult {
            base: PronoteBase(updated),
            overwritten: overwritten.into_iter().map(Into::into).collect(),
        })
    }

    /// Operator administrators: the ENT model the operator's recommended
    /// settings come from when a base names none (`applyRecommendedSettings`):
    /// one of the models the operator sees, not withdrawn. Without
    /// `modelId`, the default is cleared.
    async fn set_default_model(
        &self,
        ctx: &Context<'_>,
        tenant_id: Option<ID>,
        model_id: Option<ID>,
    ) -> Result<Option<EntModelView>, ApiError> {
        let scoped = ctx.scoped()?;
        let tenant = ctx.tenant_or_own(tenant_id)?;
        let model = model_id.map(|id| parse_id("modelId", &id)).transpose()?;
        let chosen = scoped.default_models().set(tenant, model).await?;
        Ok(chosen.as_ref().map(EntModelView::new))
    }

    /// Operator administrators: keeps the copy of Index-Education's schema
    /// of models (`ModelesConfiguration_CAS.xsd`, given by Index-Education
    /// to integrators, not public) that `checkModelsFeed` checks the
    /// operator's list against. The file must be an XSD xmllint compiles
    /// (`INVALID_FILE`, reason `SCHEMA_INVALID`, otherwise).
    async fn upload_models_schema(
        &self,
        ctx: &Context<'_>,
        tenant_id: Option<ID>,
        file: Upload,
    ) -> Result<ModelsSchemaView, ApiError> {
        let tenant = ctx.tenant_or_own(tenant_id)?;
        let scoped = ctx.scoped()?;
        let (name, bytes) = crate::upload::read_upload(ctx, &file)?;
        Ok(
            relais_app::model_schema_service::upload_schema(scoped, tenant, &name, bytes)
                .await?
                .into(),
        )
    }

    /// Operator administrators: forgets the schema of models; answers
    /// whether there was one.
    async fn delete_models_schema(
        &self,
        ctx: &Context<'_>,
        tenant_id: Option<ID>,
    ) -> Result<bool, ApiError> {
        let tenant = ctx.tenant_or_own(tenant_id)?;
        Ok(ctx.scoped()?.model_schemas().delete(tenant.into()).await?)
    }

    /// Keeps the base's settings and drops the pending model update.
    async fn dismiss_model_update(&self, ctx: &Context<'_>, base_id: ID) -> Result<bool, ApiError> {
        let scoped = ctx.scoped()?;
        Ok(scoped
            .bases()
            .dismiss_model_update(parse_id("baseId", &base_id)?)
            .await?)
    }
}

/// Six fields, seconds first, as the scheduler reads them (croner).
fn cron_is_valid(cron: &str) -> bool {
    croner::Cron::new(cron)
        .with_seconds_required()
        .parse()
        .is_ok()
}

fn mail_links<'c>(ctx: &'c Context<'_>) -> Result<&'c relais_app::MailLinks, ApiError> {
    ctx.data::<relais_app::MailLinks>()
        .map_err(|_| ApiError::internal())
}
