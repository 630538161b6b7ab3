//! Links between PRONOTE users and ENT accounts of a base, and the matching
//! runs that propose them (docs/domain.md §5): one step per population, validated by
//! a person; a cancelled run keeps the steps already validated. Every
//! decision is audited.

use crate::write_transaction::BeginWrite;
use std::collections::HashSet;
use std::str::FromStr;

use chrono::NaiveDate;
use chrono::Utc;
use relais_domain::BaseId;
use relais_domain::directory::{EntProfile, PronoteCategory};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, Statement, Unchanged,
};
use uuid::Uuid;

use crate::bases::BaseRepo;
use crate::entities::{account_link, matching_run, matching_step, pronote_base};
use crate::{AuditAction, AuditEntry, Base, Caller, Result, StoreError};

mod record;
pub use record::{
    AccountLink, MatchingRun, MatchingStep, MatchingUser, Proposal, ProposalCandidate,
};
use record::{StoredProposal, StoredUser, account_links, proposals_of};

const CHUNK: usize = 400;

macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($variant),+ }
        impl $name {
            /// The stable name used in storage and in the API.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
            /// Reads a stored name.
            pub fn parse(stored: &str) -> Option<Self> {
                match stored { $($text => Some($name::$variant),)+ _ => None }
            }
        }
    };
}

string_enum!(
    /// Where a link comes from.
    LinkOrigin { Automatic => "AUTOMATIC", Manual => "MANUAL", Existing => "EXISTING" }
);
string_enum!(
    /// docs/domain.md §5: existing identifiers are kept, or replaced when the ENT
    /// changed.
    ExistingLinks { Keep => "KEEP", Replace => "REPLACE" }
);
string_enum!(
    /// The state of a run.
    RunStatus { InProgress => "IN_PROGRESS", Completed => "COMPLETED", Cancelled => "CANCELLED" }
);
string_enum!(
    /// The state of one population's step.
    StepStatus { Pending => "PENDING", Validated => "VALIDATED" }
);
string_enum!(
    /// What the engine proposes for an ENT account.
    Decision { Auto => "AUTO", Review => "REVIEW", Duplicate => "DUPLICATE" }
);

/// One proposal of the engine, ready to store.
#[derive(Debug, Clone)]
pub struct NewProposal {
    pub population: PronoteCategory,
    pub ent_id: String,
    pub pronote_id: Option<String>,
    pub decision: Decision,
    pub reason: Option<&'static str>,
    pub score: Option<f64>,
    /// Candidates of a review, best first.
    pub candidates: Vec<ProposalCandidate>,
}

/// The engine's result over a base, ready to store as a run.
#[derive(Debug, Clone)]
pub struct NewRun {
    pub base_id: Uuid,
    pub existing_links: ExistingLinks,
    /// Populations with something to decide, in display order.
    pub populations: Vec<PronoteCategory>,
    pub proposals: Vec<NewProposal>,
}

/// Everything the engine needs about a base.
#[derive(Debug, Clone)]
pub struct MatchingInputs {
    pub base: Base,
    pub ent_accounts: Vec<MatchingAccount>,
    pub pronote_users: Vec<MatchingUser>,
    pub links: Vec<AccountLink>,
}

/// An ENT account as the matching reads it: the columns of
/// `ent_accounts` it uses, no more.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct MatchingAccount {
    pub ent_id: String,
    pub last_name: String,
    pub first_name: String,
    pub birth_date: Option<NaiveDate>,
    /// `EntProfile` stored name.
    pub profile: String,
    /// A guardian's pupils' ENT identifiers, `|`-separated.
    pub pupil_ids: Option<String>,
}

impl MatchingAccount {
    /// The pupils' ENT identifiers of a guardian.
    pub fn pupil_ids(&self) -> impl Iterator<Item = &str> {
        self.pupil_ids
            .as_deref()
            .into_iter()
            .flat_map(|ids| ids.split('|'))
    }
}

/// The ENT accounts of the establishments a base serves (by ENT identifier,
/// then establishment) and its PRONOTE users (by PRONOTE identifier), as
/// two JSON arrays of arrays in one row (issue 20): the SQLite driver hands
/// every result row from its worker thread to the async side one by one,
/// and a lycée is about 3,000 rows; aggregated by the database, they cross
/// once, with only the columns the matching reads. The same on PostgreSQL
/// (one statement instead of four).
const INPUTS_SQLITE: &str = "SELECT \
     (SELECT json_group_array(json_array(ent_id, last_name, first_name, birth_date, profile, pupil_ids) \
        ORDER BY ent_id, establishment_id) FROM ent_accounts \
      WHERE establishment_id IN (SELECT establishment_id FROM base_members WHERE base_id = ?)) AS accounts, \
     (SELECT json_group_array(json_array(pronote_id, last_name, first_name, birth_date, category) \
        ORDER BY pronote_id) FROM base_pronote_users WHERE base_id = ?) AS users";
const INPUTS_POSTGRES: &str = "SELECT \
     (SELECT json_agg(json_build_array(ent_id, last_name, first_name, birth_date, profile, pupil_ids) \
        ORDER BY ent_id, establishment_id) FROM ent_accounts \
      WHERE establishment_id IN (SELECT establishment_id FROM base_members WHERE base_id = $1))::text AS accounts, \
     (SELECT json_agg(json_build_array(pronote_id, last_name, first_name, birth_date, category) \
        ORDER BY pronote_id) FROM base_pronote_users WHERE base_id = $2)::text AS users";

fn unreadable_inputs(what: &str, err: impl std::fmt::Display) -> StoreError {
    StoreError::Database(sea_orm::DbErr::Type(format!(
        "matching inputs, {what}: {err}"
    )))
}

/// Parses one of [`INPUTS_SQLITE`]'s arrays (PostgreSQL's `json_agg` of no
/// row is NULL).
fn parse_rows<T: serde::de::DeserializeOwned>(
    what: &str,
    document: Option<String>,
) -> Result<Vec<T>> {
    match document {
        None => Ok(Vec::new()),
        Some(document) => {
            serde_json::from_str(&document).map_err(|err| unreadable_inputs(what, err))
        }
    }
}

pub struct MatchingRepo<'a> {
    db: &'a DatabaseConnection,
    caller: &'a Caller,
}

impl<'a> MatchingRepo<'a> {
    pub(crate) fn new(db: &'a DatabaseConnection, caller: &'a Caller) -> Self {
        Self { db, caller }
    }

    fn require_editor(&self) -> Result<()> {
        self.caller.require_editor()
    }

    async fn base(&self, base_id: Uuid) -> Result<Base> {
        BaseRepo::new(self.db, self.caller)
            .get(BaseId::from(base_id))
            .await
    }

    /// The ENT accounts (one row per ENT identifier and population), the
    /// PRONOTE users and the links of the establishments the base serves.
    pub async fn inputs(&self, base_id: Uuid) -> Result<MatchingInputs> {
        let base = self.base(base_id).await?;
        // The base is visible to the caller: so are the establishments it
        // serves (`base_members` rows have the base's tenant).
        let backend = self.db.get_database_backend();
        let sql = match backend {
            DbBackend::Postgres => INPUTS_POSTGRES,
            _ => INPUTS_SQLITE,
        };
        let row = self
            .db
            .query_one_raw(Statement::from_sql_and_values(
                backend,
                sql,
                [base.id.uuid().into(), base.id.uuid().into()],
            ))
            .await?
            .ok_or_else(|| unreadable_inputs("row", "none"))?;
        let mut ent_accounts: Vec<MatchingAccount> =
            parse_rows("ENT accounts", row.try_get("", "accounts")?)?;
        // An account of several establishments of a cité scolaire is one
        // person: keep its first row.
        let mut seen = HashSet::new();
        ent_accounts.retain(|row| seen.insert((row.ent_id.clone(), row.profile.clone())));
        // A cité scolaire is one base: its PRONOTE users are listed once.
        let pronote_users = parse_rows::<StoredUser>("PRONOTE users", row.try_get("", "users")?)?
            .into_iter()
            .map(|user| user.read(base.id.uuid()))
            .collect::<Result<Vec<_>>>()?;
        let links = self.links_of(base.id.uuid()).await?;
        Ok(MatchingInputs {
            base,
            ent_accounts,
            pronote_users,
            links,
        })
    }

    /// The links of a base, by population then PRONOTE identifier.
    pub async fn links(&self, base_id: Uuid) -> Result<Vec<AccountLink>> {
        let base = self.base(base_id).await?;
        self.links_of(base.id.uuid()).await
    }

    /// [`Self::links`] of a base already checked visible.
    async fn links_of(&self, base_id: Uuid) -> Result<Vec<AccountLink>> {
        account_links(
            account_link::Entity::find()
                .filter(account_link::Column::BaseId.eq(base_id))
                .order_by_asc(account_link::Column::Population)
                .order_by_asc(account_link::Column::PronoteId)
                .all(self.db)
                .await?,
        )
    }

    /// The latest run of a base, if any.
    pub async fn latest_run(&self, base_id: Uuid) -> Result<Option<MatchingRun>> {
        let base = self.base(base_id).await?;
        matching_run::Entity::find()
            .filter(matching_run::Column::BaseId.eq(base.id.uuid()))
            .order_by_desc(matching_run::Column::StartedAt)
            .order_by_desc(matching_run::Column::Id)
            .one(self.db)
            .await?
            .map(MatchingRun::try_from)
            .transpose()
    }

    /// A run, if the caller may see its base.
    pub async fn run(&self, id: Uuid) -> Result<MatchingRun> {
        let run = matching_run::Entity::find_by_id(id)
            .one(self.db)
            .await?
            .ok_or(StoreError::NotFound)?;
        self.base(run.base_id).await?;
        run.try_into()
    }

    /// The steps of a run, in the order of [`PronoteCategory::ALL`].
    pub async fn steps(&self, run_id: Uuid) -> Result<Vec<MatchingStep>> {
        let mut steps = matching_step::Entity::find()
            .filter(matching_step::Column::RunId.eq(run_id))
            .all(self.db)
            .await?
            .into_iter()
            .map(MatchingStep::try_from)
            .collect::<Result<Vec<_>>>()?;
        steps.sort_by_key(|step| category_rank(step.population));
        Ok(steps)
    }

    /// The proposals of a run, optionally of one population and decision,
    /// ordered by population then ENT identifier.
    pub async fn proposals(
        &self,
        run_id: Uuid,
        population: Option<PronoteCategory>,
        decision: Option<Decision>,
    ) -> Result<Vec<Proposal>> {
        let run = self.run(run_id).await?;
        Ok(proposals_of(&run)?
            .into_iter()
            .filter(|p| population.is_none_or(|pop| p.population == pop))
            .filter(|p| decision.is_none_or(|d| p.decision == d))
            .collect())
    }

    /// Stores the engine's proposals as a new run; returns it with its
    /// steps (in the order of [`PronoteCategory::ALL`]). A base has at most
    /// one run in progress.
    ///
    /// Issue 20: the transaction is four statements (the base's visibility
    /// and its open run in one read, the run, its steps, the audit entry),
    /// and nothing is read back: the run's document is not returned by the
    /// database, the steps are the ones written.
    #[tracing::instrument(skip_all, err(level = "info"))]
    pub async fn create_run(&self, new: NewRun) -> Result<(MatchingRun, Vec<MatchingStep>)> {
        self.require_editor()?;
        let open_run = Query::select()
            .expr(Expr::val(1))
            .from(matching_run::Entity)
            .and_where(matching_run::Column::BaseId.eq(new.base_id))
            .and_where(matching_run::Column::Status.eq(RunStatus::InProgress.as_str()))
            .to_owned();
        let transaction = self.db.begin_write().await?;
        let (tenant_id, open): (Uuid, bool) = BaseRepo::new(self.db, self.caller)
            .visible()?
            .filter(pronote_base::Column::Id.eq(new.base_id))
            .select_only()
            .column(pronote_base::Column::TenantId)
            .expr_as(Expr::exists(open_run), "open")
            .into_tuple()
            .one(&transaction)
            .await?
            .ok_or(StoreError::NotFound)?;
        if open {
            return Err(StoreError::Conflict {
                field: "baseId",
                message: "Un rapprochement est déjà en cours pour cette base : validez ses \
                          étapes ou annulez-le avant d'en lancer un autre."
                    .into(),
            });
        }
        let now = Utc::now();
        let run_id = Uuid::now_v7();
        let steps: Vec<MatchingStep> = new
            .populations
            .iter()
            .map(|population| {
                let count = |decision: Decision| {
                    new.proposals
                        .iter()
                        .filter(|p| p.population == *population && p.decision == decision)
                        .count() as i32
                };
                MatchingStep {
                    id: Uuid::now_v7(),
                    run_id,
                    population: *population,
                    status: StepStatus::Pending,
                    auto_links: count(Decision::Auto),
                    reviews: count(Decision::Review),
                    duplicates: count(Decision::Duplicate),
                    links_created: None,
                    validated_by: None,
                    validated_at: None,
                }
            })
            .collect();
        let automatic = new
            .proposals
            .iter()
            .filter(|p| p.decision == Decision::Auto)
            .count();
        let total = new.proposals.len();
        let mut proposals: Vec<Proposal> = new
            .proposals
            .into_iter()
            .map(|p| Proposal {
                population: p.population,
                ent_id: p.ent_id,
                pronote_id: p.pronote_id,
                decision: p.decision,
                reason: p.reason.map(str::to_owned),
                score: p.score,
                candidates: p.candidates,
            })
            .collect();
        proposals.sort_by(|a, b| {
            (category_rank(a.population), &a.ent_id).cmp(&(category_rank(b.population), &b.ent_id))
        });
        let proposals: Vec<StoredProposal> = proposals.into_iter().map(Into::into).collect();
        let document = serde_json::to_string(&proposals)
            .map_err(|err| StoreError::Database(sea_orm::DbErr::Custom(err.to_string())))?;
        drop(proposals);
        let run = MatchingRun {
            id: run_id,
            tenant_id,
            base_id: new.base_id,
            status: RunStatus::InProgress,
            existing_links: new.existing_links,
            started_by: self.caller.user_id,
            started_at: now,
            finished_at: None,
            proposals: document,
        };
        matching_run::Entity::insert(matching_run::ActiveModel {
            id: Set(run.id),
            tenant_id: Set(run.tenant_id),
            base_id: Set(run.base_id),
            status: Set(run.status.as_str().into()),
            existing_links: Set(run.existing_links.as_str().into()),
            started_by: Set(run.started_by),
            started_at: Set(run.started_at),
            finished_at: Set(run.finished_at),
            proposals: Set(run.proposals.clone()),
        })
        .exec_without_returning(&transaction)
        .await?;
        if !steps.is_empty() {
            matching_step::Entity::insert_many(steps.iter().map(matching_step::ActiveModel::from))
                .exec_without_returning(&transaction)
                .await?;
        }
        AuditEntry::by(self.caller, AuditAction::MatchingStarted, "pronote_base")
            .tenant(Some(tenant_id))
            .target(new.base_id)
            .summary(format!(
                "Rapprochement lancé ({} liens automatiques proposés, {} à examiner, \
                 identifiants existants : {})",
                automatic,
                total - automatic,
                match new.existing_links {
                    ExistingLinks::Keep => "conservés",
                    ExistingLinks::Replace => "remplacés",
                }
            ))
            .write(&transaction)
            .await?;
        transaction.commit().await?;
        Ok((run, steps))
    }

    /// Validates one population's step: its automatic proposals become
    /// links. With `KEEP`, a PRONOTE user or ENT account already linked
    /// keeps its link; with `REPLACE`, the population's links are deleted
    /// first. The run completes when every step is validated.
    #[tracing::instrument(skip_all, err(level = "info"))]
    pub async fn validate_step(
        &self,
        run_id: Uuid,
        population: PronoteCategory,
    ) -> Result<MatchingStep> {
        self.require_editor()?;
        let run = self.run(run_id).await?;
        let transaction = self.db.begin_write().await?;
        let run = MatchingRun::try_from(
            matching_run::Entity::find_by_id(run.id)
                .one(&transaction)
                .await?
                .ok_or(StoreError::NotFound)?,
        )?;
        if run.status != RunStatus::InProgress {
            return Err(run_closed());
        }
        let step = matching_step::Entity::find()
            .filter(matching_step::Column::RunId.eq(run.id))
            .filter(matching_step::Column::Population.eq(population.as_str()))
            .one(&transaction)
            .await?
            .map(MatchingStep::try_from)
            .transpose()?
            .ok_or_else(|| StoreError::Conflict {
                field: "population",
                message: format!(
                    "Ce rapprochement n'a rien à décider pour la population « {} ».",
                    population.population_label()
                ),
            })?;
        if step.status == StepStatus::Validated {
            return Err(StoreError::Conflict {
                field: "population",
                message: format!(
                    "L'étape « {} » de ce rapprochement est déjà validée.",
                    population.population_label()
                ),
            });
        }
        if run.existing_links == ExistingLinks::Replace {
            account_link::Entity::delete_many()
                .filter(account_link::Column::BaseId.eq(run.base_id))
                .filter(account_link::Column::Population.eq(population.as_str()))
                .exec(&transaction)
                .await?;
        }
        let links = account_link::Entity::find()
            .filter(account_link::Column::BaseId.eq(run.base_id))
            .all(&transaction)
            .await?;
        let mut linked_pronote: HashSet<String> =
            links.iter().map(|l| l.pronote_id.clone()).collect();
        let mut linked_ent: HashSet<String> = links
            .iter()
            .filter(|l| l.population == population.as_str())
            .map(|l| l.ent_id.clone())
            .collect();
        let proposals: Vec<Proposal> = proposals_of(&run)?
            .into_iter()
            .filter(|p| p.population == population && p.decision == Decision::Auto)
            .collect();
        let now = Utc::now();
        let mut rows = Vec::new();
        for proposal in proposals {
            let Some(pronote_id) = proposal.pronote_id else {
                continue;
            };
            if linked_pronote.contains(&pronote_id) || linked_ent.contains(&proposal.ent_id) {
                continue;
            }
            linked_pronote.insert(pronote_id.clone());
            linked_ent.insert(proposal.ent_id.clone());
            rows.push(account_link::ActiveModel {
                id: Set(Uuid::now_v7()),
                tenant_id: Set(run.tenant_id),
                base_id: Set(run.base_id),
                population: Set(population.as_str().into()),
                pronote_id: Set(pronote_id),
                ent_id: Set(proposal.ent_id),
                origin: Set(LinkOrigin::Automatic.as_str().into()),
                score: Set(proposal.score),
                run_id: Set(Some(run.id)),
                created_by: Set(self.caller.user_id),
                created_at: Set(now),
            });
        }
        let created = rows.len() as i32;
        for chunk in rows.chunks(CHUNK) {
            account_link::Entity::insert_many(chunk.to_vec())
                .exec_without_returning(&transaction)
                .await?;
        }
        let step = MatchingStep::try_from(
            matching_step::ActiveModel {
                id: Unchanged(step.id),
                status: Set(StepStatus::Validated.as_str().into()),
                links_created: Set(Some(created)),
                validated_by: Set(self.caller.user_id),
                validated_at: Set(Some(now)),
                ..Default::default()
            }
            .update(&transaction)
            .await?,
        )?;
        let pending = matching_step::Entity::find()
            .filter(matching_step::Column::RunId.eq(run.id))
            .filter(matching_step::Column::Status.eq(StepStatus::Pending.as_str()))
            .one(&transaction)
            .await?;
        let tenant = run.tenant_id;
        if pending.is_none() {
            matching_run::ActiveModel {
                id: Unchanged(run.id),
                status: Set(RunStatus::Completed.as_str().into()),
                finished_at: Set(Some(now)),
                ..Default::default()
            }
            .update(&transaction)
            .await?;
        }
        AuditEntry::by(
            self.caller,
            AuditAction::MatchingStepValidated,
            "pronote_base",
        )
        .tenant(Some(tenant))
        .target(run.base_id)
        .summary(format!(
            "Étape « {} » validée : {} lien(s) créé(s)",
            population.population_label(),
            created
        ))
        .write(&transaction)
        .await?;
        transaction.commit().await?;
        Ok(step)
    }

    /// Cancels a run in progress; the links of steps already validated stay.
    #[tracing::instrument(skip_all, err(level = "info"))]
    pub async fn cancel_run(&self, run_id: Uuid) -> Result<MatchingRun> {
        self.require_editor()?;
        let run = self.run(run_id).await?;
        if run.status != RunStatus::InProgress {
            return Err(run_closed());
        }
        let transaction = self.db.begin_write().await?;
        let run = MatchingRun::try_from(
            matching_run::ActiveModel {
                id: Unchanged(run.id),
                status: Set(RunStatus::Cancelled.as_str().into()),
                finished_at: Set(Some(Utc::now())),
                ..Default::default()
            }
            .update(&transaction)
            .await?,
        )?;
        AuditEntry::by(self.caller, AuditAction::MatchingCancelled, "pronote_base")
            .tenant(Some(run.tenant_id))
            .target(run.base_id)
            .summary("Rapprochement annulé ; les étapes déjà validées sont conservées")
            .write(&transaction)
            .await?;
        transaction.commit().await?;
        Ok(run)
    }

    /// Links by hand a PRONOTE user of the base to an ENT account of the
    /// same population, both not yet linked.
    #[tracing::instrument(skip_all, err(level = "info"))]
    pub async fn link(&self, base_id: Uuid, pronote_id: &str, ent_id: &str) -> Result<AccountLink> {
        self.require_editor()?;
        let inputs = self.inputs(base_id).await?;
        let user = inputs
            .pronote_users
            .iter()
            .find(|u| u.pronote_id == pronote_id)
            .ok_or_else(|| StoreError::Conflict {
                field: "pronoteId",
                message: format!(
                    "Aucun utilisateur PRONOTE « {pronote_id} » dans les établissements de \
                     cette base."
                ),
            })?;
        let population = user.category;
        let account = inputs
            .ent_accounts
            .iter()
            .find(|a| {
                a.ent_id == ent_id
                    && EntProfile::from_str(&a.profile)
                        .is_ok_and(|p| p.pronote_category() == population)
            })
            .ok_or_else(|| StoreError::Conflict {
                field: "entId",
                message: format!(
                    "Aucun compte ENT « {ent_id} » de la même population que l'utilisateur \
                     PRONOTE dans les établissements de cette base."
                ),
            })?;
        if inputs.links.iter().any(|l| l.pronote_id == pronote_id) {
            return Err(StoreError::Conflict {
                field: "pronoteId",
                message: "Cet utilisateur PRONOTE est déjà rapproché : défaites d'abord son \
                          rapprochement."
                    .into(),
            });
        }
        if inputs
            .links
            .iter()
            .any(|l| l.ent_id == account.ent_id && l.population == population)
        {
            return Err(StoreError::Conflict {
                field: "entId",
                message: "Ce compte ENT est déjà rapproché d'un autre utilisateur PRONOTE.".into(),
            });
        }
        let transaction = self.db.begin_write().await?;
        let link = account_link::ActiveModel {
            id: Set(Uuid::now_v7()),
            tenant_id: Set(inputs.base.tenant_id.uuid()),
            base_id: Set(inputs.base.id.uuid()),
            population: Set(population.as_str().into()),
            pronote_id: Set(pronote_id.to_owned()),
            ent_id: Set(account.ent_id.clone()),
            origin: Set(LinkOrigin::Manual.as_str().into()),
            score: Set(None),
            run_id: Set(None),
            created_by: Set(self.caller.user_id),
            created_at: Set(Utc::now()),
        }
        .insert(&transaction)
        .await
        .map_err(|err| StoreError::unique(err, "pronoteId", "Ce rapprochement existe déjà."))?;
        let link = AccountLink::try_from(link)?;
        AuditEntry::by(self.caller, AuditAction::AccountLinked, "pronote_base")
            .tenant(Some(inputs.base.tenant_id.uuid()))
            .target(inputs.base.id.uuid())
            .summary(format!(
                "Rapprochement manuel : utilisateur PRONOTE {pronote_id} ↔ compte ENT {}",
                account.ent_id
            ))
            .write(&transaction)
            .await?;
        transaction.commit().await?;
        Ok(link)
    }

    /// Removes the link of a PRONOTE user of the base.
    #[tracing::instrument(skip_all, err(level = "info"))]
    pub async fn unlink(&self, base_id: Uuid, pronote_id: &str) -> Result<AccountLink> {
        self.require_editor()?;
        let base = self.base(base_id).await?;
        let link = AccountLink::try_from(
            account_link::Entity::find()
                .filter(account_link::Column::BaseId.eq(base.id.uuid()))
                .filter(account_link::Column::PronoteId.eq(pronote_id))
                .one(self.db)
                .await?
                .ok_or(StoreError::NotFound)?,
        )?;
        let transaction = self.db.begin_write().await?;
        account_link::Entity::delete_by_id(link.id)
            .exec(&transaction)
            .await?;
        AuditEntry::by(self.caller, AuditAction::AccountUnlinked, "pronote_base")
            .tenant(Some(base.tenant_id.uuid()))
            .target(base.id.uuid())
            .summary(format!(
                "Rapprochement défait : utilisateur PRONOTE {} ↔ compte ENT {}",
                link.pronote_id, link.ent_id
            ))
            .write(&transaction)
            .await?;
        transaction.commit().await?;
        Ok(link)
    }

    /// Rentrée (docs/domain.md §6): deletes every link of the given populations of
    /// the base. Returns how many links were deleted.
    #[tracing::instrument(skip_all, err(level = "info"))]
    pub async fn reset(&self, base_id: Uuid, populations: &[PronoteCategory]) -> Result<u64> {
        self.require_editor()?;
        let base = self.base(base_id).await?;
        let transaction = self.db.begin_write().await?;
        let deleted = account_link::Entity::delete_many()
            .filter(account_link::Column::BaseId.eq(base.id.uuid()))
            .filter(account_link::Column::Population.is_in(populations.iter().map(|p| p.as_str())))
            .exec(&transaction)
            .await?
            .rows_affected;
        let labels: Vec<&str> = populations.iter().map(|p| p.population_label()).collect();
        AuditEntry::by(self.caller, AuditAction::AccountLinksReset, "pronote_base")
            .tenant(Some(base.tenant_id.uuid()))
            .target(base.id.uuid())
            .summary(format!(
                "Suppression de tous les identifiants CAS ({}) : {} rapprochement(s) supprimé(s)",
                labels.join(", "),
                deleted
            ))
            .write(&transaction)
            .await?;
        transaction.commit().await?;
        Ok(deleted)
    }
}

fn run_closed() -> StoreError {
    StoreError::Conflict {
        field: "runId",
        message: "Ce rapprochement est terminé ou annulé : lancez-en un nouveau.".into(),
    }
}

/// The position of a population in [`PronoteCategory::ALL`].
fn category_rank(population: PronoteCategory) -> usize {
    PronoteCategory::ALL
        .iter()
        .position(|p| *p == population)
        .unwrap_or(usize::MAX)
}
