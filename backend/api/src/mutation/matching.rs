//! The rapprochement's decisions (docs/domain.md §5, §6): run the engine, validate
//! it population by population or cancel it, link and unlink by hand,
//! delete all links at the rentrée, produce the `idPronote` file for the
//! ENT. Each decision is audited by the store.

use async_graphql::{Context, ID, Object};
use relais_domain::directory::{PronoteCategory, PronoteId, parse_ent_id};
use relais_store::FileKind;
use serde_json::json;

use crate::ApiError;
use crate::context::ContextExt;
use crate::objects::{
    AccountLink, ExistingLinksPolicy, MatchingRun, MatchingStep, Population, StoredFile, parse_id,
};
use relais_app::file_vault::FileToStore;
use relais_app::matching_service::{pronote_identifiers_csv, start_matching};

/// The word a person types to confirm the rentrée deletion.
pub(crate) const RESET_CONFIRMATION: &str = "SUPPRIMER";

/// How long the `idPronote` file is kept, in days.
const PRONOTE_IDENTIFIERS_RETENTION_DAYS: u32 = 30;

#[derive(Default)]
pub struct MatchingMutation;

#[Object]
impl MatchingMutation {
    /// Runs the engine over the base's ENT accounts and PRONOTE users and
    /// keeps its proposals as a run: nothing is linked until a step is
    /// validated. `existingLinks`: `KEEP` leaves linked users out, `REPLACE`
    /// re-matches them (when the ENT changed).
    #[graphql(complexity = "crate::cost::ENGINE_RUN + child_complexity")]
    async fn start_matching(
        &self,
        ctx: &Context<'_>,
        base_id: ID,
        #[graphql(default_with = "ExistingLinksPolicy::Keep")] existing_links: ExistingLinksPolicy,
    ) -> Result<MatchingRun, ApiError> {
        ctx.expensive().await?;
        let base_id = parse_id("baseId", &base_id)?;
        let (run, steps) = start_matching(ctx.scoped()?, base_id, existing_links.into()).await?;
        Ok(MatchingRun(run, Some(steps)))
    }

    /// Validates one population's step: its automatic proposals become
    /// links.
    async fn validate_matching_step(
        &self,
        ctx: &Context<'_>,
        run_id: ID,
        population: Population,
    ) -> Result<MatchingStep, ApiError> {
        let run_id = parse_id("runId", &run_id)?;
        let step = ctx
            .scoped()?
            .matching()
            .validate_step(run_id, population.into())
            .await?;
        Ok(step.into())
    }

    /// Cancels a run: the steps already validated keep their links.
    async fn cancel_matching(
        &self,
        ctx: &Context<'_>,
        run_id: ID,
    ) -> Result<MatchingRun, ApiError> {
        let run_id = parse_id("runId", &run_id)?;
        Ok(MatchingRun(
            ctx.scoped()?.matching().cancel_run(run_id).await?,
            None,
        ))
    }

    /// Links by hand a PRONOTE user to an ENT account of its population.
    async fn link_accounts(
        &self,
        ctx: &Context<'_>,
        base_id: ID,
        pronote_id: String,
        ent_id: String,
    ) -> Result<AccountLink, ApiError> {
        let base_id = parse_id("baseId", &base_id)?;
        let pronote_id = PronoteId::parse("pronoteId", &pronote_id)?;
        let ent_id = parse_ent_id("entId", &ent_id)?;
        let link = ctx
            .scoped()?
            .matching()
            .link(base_id, pronote_id.as_str(), &ent_id)
            .await?;
        Ok(AccountLink::from(&link))
    }

    /// Undoes the link of a PRONOTE user.
    async fn unlink_account(
        &self,
        ctx: &Context<'_>,
        base_id: ID,
        pronote_id: String,
    ) -> Result<AccountLink, ApiError> {
        let base_id = parse_id("baseId", &base_id)?;
        let pronote_id = PronoteId::parse("pronoteId", &pronote_id)?;
        let link = ctx
            .scoped()?
            .matching()
            .unlink(base_id, pronote_id.as_str())
            .await?;
        Ok(AccountLink::from(&link))
    }

    /// Rentrée (docs/domain.md §6, « supprimer tous les identifiants CAS »): deletes
    /// every link of the given populations of the base. `confirmation` must
    /// be the word `SUPPRIMER`. Returns the number of links deleted.
    async fn reset_account_links(
        &self,
        ctx: &Context<'_>,
        base_id: ID,
        populations: Vec<Population>,
        confirmation: String,
    ) -> Result<i32, ApiError> {
        let base_id = parse_id("baseId", &base_id)?;
        if populations.is_empty() {
            return Err(ApiError::validation(
                "populations",
                "Choisissez au moins une population dont supprimer les identifiants CAS.",
            ));
        }
        if confirmation.trim() != RESET_CONFIRMATION {
            return Err(ApiError::validation(
                "confirmation",
                format!(
                    "Pour confirmer la suppression des identifiants CAS, saisissez « \
                     {RESET_CONFIRMATION} »."
                ),
            ));
        }
        let mut categories: Vec<PronoteCategory> =
            populations.into_iter().map(Into::into).collect();
        categories.sort();
        categories.dedup();
        let deleted = ctx.scoped()?.matching().reset(base_id, &categories).await?;
        Ok(i32::try_from(deleted).unwrap_or(i32::MAX))
    }

    /// The PRONOTE identifier of each linked ENT account, as a CSV file for
    /// the ENT (its `idPronote` attribute), kept encrypted like the other
    /// exchanged files.
    #[graphql(complexity = "crate::cost::FILE_BUILD + child_complexity")]
    async fn generate_pronote_identifiers_file(
        &self,
        ctx: &Context<'_>,
        base_id: ID,
    ) -> Result<StoredFile, ApiError> {
        ctx.expensive().await?;
        let base_id = parse_id("baseId", &base_id)?;
        let scoped = ctx.scoped()?;
        scoped
            .files()
            .require_writer(FileKind::PronoteIdentifiers)?;
        let inputs = scoped.matching().inputs(base_id).await?;
        let (csv, lines) = pronote_identifiers_csv(&inputs);
        if lines == 0 {
            return Err(ApiError::validation(
                "baseId",
                "Aucun compte ENT n'est encore rapproché d'un utilisateur PRONOTE dans cette \
                 base : lancez d'abord le rapprochement.",
            ));
        }
        let members = scoped
            .bases()
            .members(&[inputs.base.id])
            .await?
            .remove(&inputs.base.id)
            .unwrap_or_default();
        let group = members
            .iter()
            .find(|e| e.uai == inputs.base.group_uai)
            .or(members.first())
            .ok_or_else(ApiError::not_found)?;
        let file = ctx
            .vault()?
            .store_bytes(
                scoped,
                FileToStore {
                    tenant_id: inputs.base.tenant_id.uuid(),
                    establishment_id: group.id.uuid(),
                    base_id: Some(base_id),
                    ticket_id: None,
                    kind: FileKind::PronoteIdentifiers,
                    file_name: format!("idPronote-{}.csv", inputs.base.group_uai),
                    summary: json!({ "links": lines }),
                    retention_days: PRONOTE_IDENTIFIERS_RETENTION_DAYS,
                },
                csv,
            )
            .await?;
        Ok(StoredFile(file))
    }
}
