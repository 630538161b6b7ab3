//! The rapprochement as the console shows it (docs/domain.md §5): supervision table,
//! runs with their steps and proposals, links.

use async_graphql::{ComplexObject, Context, Enum, ID, Object, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};
use relais_store::{MatchingAccount, MatchingUser};

use crate::ApiError;
use crate::context::ContextExt;

/// A population of the supervision table (docs/domain.md §5).
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(remote = "relais_domain::directory::PronoteCategory")]
pub(crate) enum Population {
    /// Élèves.
    Eleve,
    /// Parents (responsables).
    Responsable,
    /// Professeurs.
    Professeur,
    /// Personnels.
    Personnel,
    /// Inspecteurs.
    Inspecteur,
    /// Maîtres de stage.
    MaitreDeStage,
}

/// docs/domain.md §5: existing identifiers are kept, or replaced when the ENT
/// changed.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(remote = "relais_store::ExistingLinks")]
pub(crate) enum ExistingLinksPolicy {
    Keep,
    Replace,
}

/// The state of a run.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(remote = "relais_store::RunStatus")]
pub(crate) enum MatchingRunStatus {
    InProgress,
    Completed,
    Cancelled,
}

/// The state of one population's step.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(remote = "relais_store::StepStatus")]
pub(crate) enum MatchingStepStatus {
    Pending,
    Validated,
}

/// What the engine proposes for an ENT account: a link (`AUTO`), a
/// decision left to a person (`REVIEW`), or a duplicate account.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(remote = "relais_store::Decision")]
pub(crate) enum MatchingDecision {
    Auto,
    Review,
    Duplicate,
}

/// Where a link comes from.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(remote = "relais_store::LinkOrigin")]
pub(crate) enum LinkOriginName {
    /// Proposed by the engine and validated.
    Automatic,
    /// Made by a person.
    Manual,
    /// The CAS identifier was already set in PRONOTE.
    Existing,
}

/// One line of the supervision table.
#[derive(SimpleObject)]
pub(crate) struct PopulationSupervision {
    pub population: Population,
    /// « Élèves », « Parents »…
    pub label: String,
    /// Utilisateurs PRONOTE.
    pub pronote_users: i32,
    /// Utilisateurs CAS (ENT accounts).
    pub ent_accounts: i32,
    /// Utilisateurs rapprochés.
    pub linked: i32,
    /// Utilisateurs CAS à rapprocher.
    pub ent_to_link: i32,
}

/// An ENT account as the matching screens show it.
#[derive(SimpleObject)]
pub(crate) struct MatchingEntAccount {
    pub ent_id: String,
    pub last_name: String,
    pub first_name: String,
    pub birth_date: Option<NaiveDate>,
}

impl From<&MatchingAccount> for MatchingEntAccount {
    fn from(row: &MatchingAccount) -> Self {
        Self {
            ent_id: row.ent_id.clone(),
            last_name: row.last_name.clone(),
            first_name: row.first_name.clone(),
            birth_date: row.birth_date,
        }
    }
}

/// A PRONOTE user as the matching screens show it.
#[derive(SimpleObject)]
pub(crate) struct MatchingPronoteUser {
    pub pronote_id: String,
    pub last_name: String,
    pub first_name: String,
    pub birth_date: Option<NaiveDate>,
    pub population: Population,
}

impl From<&MatchingUser> for MatchingPronoteUser {
    fn from(row: &MatchingUser) -> Self {
        Self {
            pronote_id: row.pronote_id.clone(),
            last_name: row.last_name.clone(),
            first_name: row.first_name.clone(),
            birth_date: row.birth_date,
            population: row.category.into(),
        }
    }
}

/// A PRONOTE user linked to an ENT account.
#[derive(SimpleObject)]
#[graphql(complex)]
pub(crate) struct AccountLink {
    pub pronote_id: String,
    pub ent_id: String,
    pub population: Population,
    pub origin: LinkOriginName,
    /// The engine's score (0 to 1) for an automatic link.
    pub score: Option<f64>,
    pub created_at: DateTime<Utc>,
    #[graphql(skip)]
    pub run_id: Option<uuid::Uuid>,
}

#[ComplexObject]
impl AccountLink {
    /// The run that proposed the link, if any.
    async fn run_id(&self) -> Option<ID> {
        self.run_id.map(|id| ID(id.to_string()))
    }
}

impl From<&relais_store::AccountLink> for AccountLink {
    fn from(row: &relais_store::AccountLink) -> Self {
        Self {
            pronote_id: row.pronote_id.clone(),
            ent_id: row.ent_id.clone(),
            population: row.population.into(),
            origin: row.origin.into(),
            score: row.score,
            created_at: row.created_at,
            run_id: row.run_id,
        }
    }
}

/// A line of the matching table: a PRONOTE user and its ENT account, if
/// linked.
#[derive(SimpleObject)]
pub(crate) struct MatchingRow {
    pub pronote_user: MatchingPronoteUser,
    pub link: Option<AccountLink>,
    pub ent_account: Option<MatchingEntAccount>,
}

/// One population's step of a run.
#[derive(SimpleObject)]
pub(crate) struct MatchingStep {
    pub population: Population,
    pub label: String,
    pub status: MatchingStepStatus,
    /// Links the engine proposes.
    pub auto_links: i32,
    /// Accounts left to a person (homonyms, near ties, low scores).
    pub reviews: i32,
    /// Duplicate ENT accounts.
    pub duplicates: i32,
    /// Links created when the step was validated.
    pub links_created: Option<i32>,
    pub validated_at: Option<DateTime<Utc>>,
}

impl From<relais_store::MatchingStep> for MatchingStep {
    fn from(row: relais_store::MatchingStep) -> Self {
        Self {
            label: row.population.population_label().to_owned(),
            population: row.population.into(),
            status: row.status.into(),
            auto_links: row.auto_links,
            reviews: row.reviews,
            duplicates: row.duplicates,
            links_created: row.links_created,
            validated_at: row.validated_at,
        }
    }
}

/// A candidate PRONOTE user of a proposal left to a person.
#[derive(SimpleObject)]
pub(crate) struct MatchingCandidate {
    pub pronote_id: String,
    pub score: f64,
}

/// What the engine proposes for one ENT account.
#[derive(SimpleObject)]
pub(crate) struct MatchingProposal {
    pub population: Population,
    pub ent_id: String,
    pub decision: MatchingDecision,
    /// For `REVIEW`: `HOMONYM`, `NEAR_TIE`, `LOW_SCORE` or `DUPLICATE`.
    pub reason: Option<String>,
    /// The PRONOTE user of an `AUTO` proposal.
    pub pronote_id: Option<String>,
    pub score: Option<f64>,
    /// Candidates, best first, for `REVIEW`.
    pub candidates: Vec<MatchingCandidate>,
}

impl From<relais_store::Proposal> for MatchingProposal {
    fn from(stored: relais_store::Proposal) -> Self {
        Self {
            population: stored.population.into(),
            decision: stored.decision.into(),
            candidates: stored
                .candidates
                .into_iter()
                .map(|c| MatchingCandidate {
                    pronote_id: c.pronote_id,
                    score: c.score,
                })
                .collect(),
            ent_id: stored.ent_id,
            reason: stored.reason,
            pronote_id: stored.pronote_id,
            score: stored.score,
        }
    }
}

/// A run of the engine over a base, with its steps when they are known
/// already (the run just created: issue 20, no read back).
pub(crate) struct MatchingRun(
    pub relais_store::MatchingRun,
    pub Option<Vec<relais_store::MatchingStep>>,
);

#[Object]
impl MatchingRun {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }

    async fn base_id(&self) -> ID {
        ID(self.0.base_id.to_string())
    }

    async fn status(&self) -> MatchingRunStatus {
        self.0.status.into()
    }

    async fn existing_links(&self) -> ExistingLinksPolicy {
        self.0.existing_links.into()
    }

    async fn started_at(&self) -> DateTime<Utc> {
        self.0.started_at
    }

    async fn finished_at(&self) -> Option<DateTime<Utc>> {
        self.0.finished_at
    }

    /// One step per population with something to decide.
    async fn steps(&self, ctx: &Context<'_>) -> Result<Vec<MatchingStep>, ApiError> {
        let steps = match &self.1 {
            Some(steps) => steps.clone(),
            None => ctx.scoped()?.matching().steps(self.0.id).await?,
        };
        Ok(steps.into_iter().map(Into::into).collect())
    }

    /// The engine's proposals, optionally of one population and decision.
    async fn proposals(
        &self,
        ctx: &Context<'_>,
        population: Option<Population>,
        decision: Option<MatchingDecision>,
    ) -> Result<Vec<MatchingProposal>, ApiError> {
        let rows = ctx
            .scoped()?
            .matching()
            .proposals(
                self.0.id,
                population.map(Into::into),
                decision.map(Into::into),
            )
            .await?;
        Ok(rows.into_iter().map(Into::into).collect())
    }
}
