//! Pending model updates in bulk (issue 17, « Modèles »): the operator
//! applies or dismisses the updates of many bases at once. Each base is
//! handled on its own — its own checks, its own transaction, its own
//! audit entry — and answers its own outcome: a base published or changed
//! since the operator read it is reported, never forced.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

use async_graphql::{Context, Enum, ID, InputObject, Object, SimpleObject};
use relais_domain::{BaseId, Publication};
use relais_store::{Base, CatalogModel, Scoped};
use uuid::Uuid;

use crate::ApiError;
use crate::context::ContextExt;
use crate::objects::parse_id;
use relais_app::model_service::plan_apply;

/// How many bases one call handles at most: the console sends its
/// selection in batches (and shows the progress between them).
pub const MAX_BULK_ITEMS: usize = 100;

/// A base and the version the operator read it at.
#[derive(InputObject)]
pub struct ModelUpdateItemInput {
    pub base_id: ID,
    /// The base's `version` as read: a base changed since is not touched.
    pub expected_version: i32,
}

/// What became of one base of a bulk action.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
pub enum ModelUpdateOutcomeStatus {
    /// The model's current values replaced the base's.
    Applied,
    /// The pending update was dropped; the settings are unchanged.
    Dismissed,
    /// Nothing was written for this base: `code` and `message` say why.
    Refused,
}

/// One base's outcome.
#[derive(SimpleObject)]
pub struct ModelUpdateOutcome {
    pub base_id: ID,
    /// Empty when the base is not visible (`NOT_FOUND`).
    pub group_uai: Option<String>,
    pub status: ModelUpdateOutcomeStatus,
    /// The error code when refused (`CONFLICT`, `NOT_FOUND`…), as the API
    /// would answer it for this base alone.
    pub code: Option<String>,
    /// Why it was refused, in French.
    pub message: Option<String>,
    /// The base's version after the action (its version now when refused
    /// for a stale version).
    pub version: Option<i32>,
}

impl ModelUpdateOutcome {
    fn refused(
        base_id: &ID,
        group_uai: Option<String>,
        version: Option<i32>,
        ApiError(err): ApiError,
    ) -> Self {
        Self {
            base_id: base_id.clone(),
            group_uai,
            status: ModelUpdateOutcomeStatus::Refused,
            code: Some(err.code.as_str().to_owned()),
            message: Some(err.message),
            version,
        }
    }
}

#[derive(Default)]
pub struct ModelBulkMutation;

#[Object]
impl ModelBulkMutation {
    /// Operator administrators: applies the pending model update of each
    /// base (at most 100 per call), each in its own transaction, when the
    /// base is still at `expectedVersion` and stopped. Answers one outcome
    /// per base, in the order given.
    #[graphql(complexity = "crate::cost::IMPORT + child_complexity")]
    async fn apply_model_updates(
        &self,
        ctx: &Context<'_>,
        items: Vec<ModelUpdateItemInput>,
    ) -> Result<Vec<ModelUpdateOutcome>, ApiError> {
        let parsed = check_items(ctx, &items)?;
        ctx.expensive().await?;
        let scoped = ctx.scoped()?;
        let ids: Vec<Uuid> = parsed.iter().map(|(id, _)| *id).collect();
        let (_, pending) = scoped.models().status_of_bases(&ids).await?;
        let mut models: HashMap<Uuid, CatalogModel> = HashMap::new();
        let mut outcomes = Vec::with_capacity(items.len());
        for (item, (id, expected)) in items.iter().zip(parsed) {
            let base = match base_of(&scoped, item, BaseId::from(id)).await {
                Ok(base) => base,
                Err(refused) => {
                    outcomes.push(refused);
                    continue;
                }
            };
            let group_uai = Some(base.group_uai.as_str().to_owned());
            let Some(update) = pending.get(&id) else {
                outcomes.push(ModelUpdateOutcome::refused(
                    &item.base_id,
                    group_uai,
                    Some(base.version),
                    ApiError::conflict("baseId", "Aucune mise à jour de modèle n'attend cette base (appliquée ou ignorée entre-temps)."),
                ));
                continue;
            };
            // Published (meanwhile or before): said as such, whatever the
            // version, since that is what the operator has to act on.
            if base.publication != Publication::Stopped {
                outcomes.push(ModelUpdateOutcome::refused(
                    &item.base_id,
                    group_uai,
                    Some(base.version),
                    ApiError::conflict(
                        "publication",
                        format!(
                            "La base est publiée : la mise à jour n'a pas été appliquée. {}",
                            Publication::STOP_FIRST
                        ),
                    ),
                ));
                continue;
            }
            if base.version != expected {
                outcomes.push(ModelUpdateOutcome::refused(
                    &item.base_id,
                    group_uai,
                    Some(base.version),
                    stale(base.version, expected),
                ));
                continue;
            }
            let model = match model_of(&scoped, &mut models, update.model_id).await {
                Ok(model) => model,
                Err(err) => {
                    outcomes.push(ModelUpdateOutcome::refused(
                        &item.base_id,
                        group_uai,
                        Some(base.version),
                        err,
                    ));
                    continue;
                }
            };
            let written = match plan_apply(&base, model) {
                Ok((settings, _)) => scoped
                    .bases()
                    .apply_model(
                        base.id,
                        expected,
                        &settings,
                        model.id,
                        model.revision,
                        format!(
                            "Mise à jour du modèle « {} » (révision {}) appliquée à la base {} (action groupée).",
                            model.name, model.revision, base.group_uai
                        ),
                    )
                    .await
                    .map_err(ApiError::from),
                Err(err) => Err(err.into()),
            };
            outcomes.push(match written {
                Ok(updated) => ModelUpdateOutcome {
                    base_id: item.base_id.clone(),
                    group_uai,
                    status: ModelUpdateOutcomeStatus::Applied,
                    code: None,
                    message: None,
                    version: Some(updated.version),
                },
                Err(err) => {
                    ModelUpdateOutcome::refused(&item.base_id, group_uai, Some(base.version), err)
                }
            });
        }
        Ok(outcomes)
    }

    /// Operator administrators: drops the pending model update of each
    /// base (at most 100 per call) still at `expectedVersion`; the
    /// settings stay as they are. One outcome per base, in the order given.
    #[graphql(complexity = "crate::cost::IMPORT + child_complexity")]
    async fn dismiss_model_updates(
        &self,
        ctx: &Context<'_>,
        items: Vec<ModelUpdateItemInput>,
    ) -> Result<Vec<ModelUpdateOutcome>, ApiError> {
        let parsed = check_items(ctx, &items)?;
        ctx.expensive().await?;
        let scoped = ctx.scoped()?;
        let mut outcomes = Vec::with_capacity(items.len());
        for (item, (id, expected)) in items.iter().zip(parsed) {
            let base = match base_of(&scoped, item, BaseId::from(id)).await {
                Ok(base) => base,
                Err(refused) => {
                    outcomes.push(refused);
                    continue;
                }
            };
            let group_uai = Some(base.group_uai.as_str().to_owned());
            if base.version != expected {
                outcomes.push(ModelUpdateOutcome::refused(
                    &item.base_id,
                    group_uai,
                    Some(base.version),
                    stale(base.version, expected),
                ));
                continue;
            }
            outcomes.push(match scoped.bases().dismiss_model_update(BaseId::from(id)).await {
                Ok(true) => ModelUpdateOutcome {
                    base_id: item.base_id.clone(),
                    group_uai,
                    status: ModelUpdateOutcomeStatus::Dismissed,
                    code: None,
                    message: None,
                    version: Some(base.version),
                },
                Ok(false) => ModelUpdateOutcome::refused(
                    &item.base_id,
                    group_uai,
                    Some(base.version),
                    ApiError::conflict("baseId", "Aucune mise à jour de modèle n'attend cette base (appliquée ou ignorée entre-temps)."),
                ),
                Err(err) => ModelUpdateOutcome::refused(&item.base_id, group_uai, Some(base.version), err.into()),
            });
        }
        Ok(outcomes)
    }
}

/// The request as a whole: operator administrators only, 1 to 100 distinct
/// bases. Nothing is written when it is refused.
fn check_items(
    ctx: &Context<'_>,
    items: &[ModelUpdateItemInput],
) -> Result<Vec<(Uuid, i32)>, ApiError> {
    ctx.caller()?.require_tenant_administrator()?;
    if items.is_empty() {
        return Err(ApiError::validation(
            "items",
            "Choisissez au moins une base.",
        ));
    }
    if items.len() > MAX_BULK_ITEMS {
        return Err(ApiError::validation(
            "items",
            format!(
                "{} bases demandées : {MAX_BULK_ITEMS} au plus par demande. Envoyez la sélection en plusieurs fois.",
                items.len()
            ),
        ));
    }
    let mut seen = HashSet::with_capacity(items.len());
    items
        .iter()
        .map(|item| {
            let id = parse_id("items.baseId", &item.base_id)?;
            if !seen.insert(id) {
                return Err(ApiError::validation(
                    "items.baseId",
                    "Une base figure deux fois dans la demande : retirez le doublon.",
                ));
            }
            if item.expected_version < 1 {
                return Err(ApiError::validation(
                    "items.expectedVersion",
                    "La version attendue d'une base est un entier positif : relisez la base.",
                ));
            }
            Ok((id, item.expected_version))
        })
        .collect()
}

fn stale(now: i32, expected: i32) -> ApiError {
    ApiError::conflict(
        "expectedVersion",
        format!(
            "La base a été modifiée entre-temps (version {now}, vous aviez lu la version {expected}) : rien n'a été changé, relisez-la avant d'agir."
        ),
    )
}

/// The base of `item` as it is now, or its refusal (unknown or another
/// tenant's: `NOT_FOUND`, without its UAI).
async fn base_of(
    scoped: &Scoped<'_>,
    item: &ModelUpdateItemInput,
    id: BaseId,
) -> Result<Base, ModelUpdateOutcome> {
    scoped
        .bases()
        .get(id)
        .await
        .map_err(|err| ModelUpdateOutcome::refused(&item.base_id, None, None, err.into()))
}

/// The model of a pending update, read once per call.
async fn model_of<'c>(
    scoped: &Scoped<'_>,
    cache: &'c mut HashMap<Uuid, CatalogModel>,
    id: Uuid,
) -> Result<&'c CatalogModel, ApiError> {
    Ok(match cache.entry(id) {
        Entry::Occupied(entry) => entry.into_mut(),
        Entry::Vacant(entry) => entry.insert(scoped.models().model(id).await?),
    })
}
