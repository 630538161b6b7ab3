//! The rapprochement screens (docs/domain.md §5): supervision table, matching table
//! with « Uniquement les non rapprochés », runs.

use std::collections::{HashMap, HashSet};

use async_graphql::{Context, ID, Object, SimpleObject};
use relais_domain::directory::PronoteCategory;

use crate::ApiError;
use crate::context::ContextExt;
use crate::objects::parse_id;
use crate::objects::{
    AccountLink, MatchingEntAccount, MatchingRow, MatchingRun, Population, PopulationSupervision,
};
use relais_app::matching_service::{category_of_account, supervision};

/// The supervision table of a base and its latest run.
#[derive(SimpleObject)]
pub(crate) struct MatchingSupervision {
    pub populations: Vec<PopulationSupervision>,
    pub latest_run: Option<MatchingRun>,
}

#[derive(Default)]
pub struct MatchingQuery;

#[Object]
impl MatchingQuery {
    /// Per population: Utilisateurs PRONOTE, Utilisateurs CAS, Utilisateurs
    /// rapprochés, Utilisateurs CAS à rapprocher.
    #[graphql(complexity = "crate::cost::POPULATION_READ + child_complexity")]
    async fn matching_supervision(
        &self,
        ctx: &Context<'_>,
        base_id: ID,
    ) -> Result<MatchingSupervision, ApiError> {
        ctx.expensive().await?;
        let base_id = parse_id("baseId", &base_id)?;
        let matching = ctx.scoped()?.matching();
        let inputs = matching.inputs(base_id).await?;
        let populations = supervision(&inputs)
            .into_iter()
            .map(|(category, counts)| PopulationSupervision {
                population: category.into(),
                label: category.population_label().to_owned(),
                pronote_users: counts.pronote_users as i32,
                ent_accounts: counts.ent_accounts as i32,
                linked: counts.linked as i32,
                ent_to_link: counts.ent_to_link as i32,
            })
            .collect();
        Ok(MatchingSupervision {
            populations,
            latest_run: matching
                .latest_run(base_id)
                .await?
                .map(|run| MatchingRun(run, None)),
        })
    }

    /// The PRONOTE users of one population with their ENT account when
    /// linked; `onlyUnmatched` keeps those without (« Uniquement les non
    /// rapprochés »).
    #[graphql(complexity = "crate::cost::POPULATION_READ + child_complexity")]
    async fn matching_rows(
        &self,
        ctx: &Context<'_>,
        base_id: ID,
        population: Population,
        #[graphql(default)] only_unmatched: bool,
    ) -> Result<Vec<MatchingRow>, ApiError> {
        ctx.expensive().await?;
        let base_id = parse_id("baseId", &base_id)?;
        let category = PronoteCategory::from(population);
        let inputs = ctx.scoped()?.matching().inputs(base_id).await?;
        let links: HashMap<&str, _> = inputs
            .links
            .iter()
            .map(|l| (l.pronote_id.as_str(), l))
            .collect();
        let accounts: HashMap<&str, _> = inputs
            .ent_accounts
            .iter()
            .filter(|a| category_of_account(a) == Some(category))
            .map(|a| (a.ent_id.as_str(), a))
            .collect();
        Ok(inputs
            .pronote_users
            .iter()
            .filter(|u| u.category == category)
            .filter_map(|user| {
                let link = links.get(user.pronote_id.as_str());
                if only_unmatched && link.is_some() {
                    return None;
                }
                Some(MatchingRow {
                    pronote_user: user.into(),
                    ent_account: link
                        .and_then(|l| accounts.get(l.ent_id.as_str()))
                        .map(|a| MatchingEntAccount::from(*a)),
                    link: link.map(|l| AccountLink::from(*l)),
                })
            })
            .collect())
    }

    /// The ENT accounts of one population not linked yet: the choices of a
    /// manual link.
    #[graphql(complexity = "crate::cost::POPULATION_READ + child_complexity")]
    async fn unmatched_ent_accounts(
        &self,
        ctx: &Context<'_>,
        base_id: ID,
        population: Population,
    ) -> Result<Vec<MatchingEntAccount>, ApiError> {
        ctx.expensive().await?;
        let base_id = parse_id("baseId", &base_id)?;
        let category = PronoteCategory::from(population);
        let inputs = ctx.scoped()?.matching().inputs(base_id).await?;
        let linked: HashSet<&str> = inputs
            .links
            .iter()
            .filter(|l| l.population == category)
            .map(|l| l.ent_id.as_str())
            .collect();
        Ok(inputs
            .ent_accounts
            .iter()
            .filter(|a| category_of_account(a) == Some(category))
            .filter(|a| !linked.contains(a.ent_id.as_str()))
            .map(MatchingEntAccount::from)
            .collect())
    }

    /// A run of the engine.
    async fn matching_run(&self, ctx: &Context<'_>, id: ID) -> Result<MatchingRun, ApiError> {
        let id = parse_id("id", &id)?;
        Ok(MatchingRun(ctx.scoped()?.matching().run(id).await?, None))
    }
}
