//! A matching run, its steps and proposals, an account link and a PRONOTE
//! user as the matching reads it, as the store hands them out: their
//! statuses, policies, decisions, origins and populations read once, here,
//! from their stored names (issue 16). A name no version of Relais wrote is
//! `Corrupt`, never read as a default.

use chrono::{DateTime, NaiveDate, Utc};
use relais_domain::directory::PronoteCategory;
use uuid::Uuid;

use super::{Decision, ExistingLinks, LinkOrigin, RunStatus, StepStatus};
use crate::StoreError;
use crate::entities::{account_link, matching_run, matching_step};

/// One run of the matching engine over a base: its proposals wait for a
/// person to validate them population by population (docs/domain.md §5).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchingRun {
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub base_id: Uuid,
    pub status: RunStatus,
    /// What validating a step does to existing links.
    pub existing_links: ExistingLinks,
    pub started_by: Option<Uuid>,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    /// The engine's proposals: a JSON list of `StoredProposal`, by population then
    /// ENT identifier (read through `MatchingRepo::proposals`).
    pub(crate) proposals: String,
}

impl TryFrom<matching_run::Model> for MatchingRun {
    type Error = StoreError;

    /// A status or policy no version of Relais wrote is `Corrupt`, never
    /// read as a default.
    fn try_from(row: matching_run::Model) -> Result<Self, StoreError> {
        let status = RunStatus::parse(&row.status)
            .ok_or_else(|| StoreError::corrupt("matching_runs", "status", row.id, &row.status))?;
        let existing_links = ExistingLinks::parse(&row.existing_links).ok_or_else(|| {
            StoreError::corrupt(
                "matching_runs",
                "existing_links",
                row.id,
                &row.existing_links,
            )
        })?;
        Ok(Self {
            id: row.id,
            tenant_id: row.tenant_id,
            base_id: row.base_id,
            status,
            existing_links,
            started_by: row.started_by,
            started_at: row.started_at,
            finished_at: row.finished_at,
            proposals: row.proposals,
        })
    }
}

/// One population's step of a matching run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchingStep {
    pub id: Uuid,
    pub run_id: Uuid,
    pub population: PronoteCategory,
    pub status: StepStatus,
    pub auto_links: i32,
    pub reviews: i32,
    pub duplicates: i32,
    pub links_created: Option<i32>,
    pub validated_by: Option<Uuid>,
    pub validated_at: Option<DateTime<Utc>>,
}

impl TryFrom<matching_step::Model> for MatchingStep {
    type Error = StoreError;

    /// A population or status no version of Relais wrote is `Corrupt`,
    /// never read as a default.
    fn try_from(row: matching_step::Model) -> Result<Self, StoreError> {
        let population = row.population.parse::<PronoteCategory>().map_err(|_| {
            StoreError::corrupt("matching_steps", "population", row.id, &row.population)
        })?;
        let status = StepStatus::parse(&row.status)
            .ok_or_else(|| StoreError::corrupt("matching_steps", "status", row.id, &row.status))?;
        Ok(Self {
            id: row.id,
            run_id: row.run_id,
            population,
            status,
            auto_links: row.auto_links,
            reviews: row.reviews,
            duplicates: row.duplicates,
            links_created: row.links_created,
            validated_by: row.validated_by,
            validated_at: row.validated_at,
        })
    }
}

impl From<&MatchingStep> for matching_step::ActiveModel {
    fn from(step: &MatchingStep) -> Self {
        use sea_orm::Set;
        Self {
            id: Set(step.id),
            run_id: Set(step.run_id),
            population: Set(step.population.as_str().into()),
            status: Set(step.status.as_str().into()),
            auto_links: Set(step.auto_links),
            reviews: Set(step.reviews),
            duplicates: Set(step.duplicates),
            links_created: Set(step.links_created),
            validated_by: Set(step.validated_by),
            validated_at: Set(step.validated_at),
        }
    }
}

/// A PRONOTE user of a base linked to an ENT account (docs/domain.md §5).
#[derive(Debug, Clone, PartialEq)]
pub struct AccountLink {
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub base_id: Uuid,
    pub population: PronoteCategory,
    pub pronote_id: String,
    pub ent_id: String,
    pub origin: LinkOrigin,
    /// The engine's score (0 to 1) for an automatic link.
    pub score: Option<f64>,
    /// The run that proposed the link, if any.
    pub run_id: Option<Uuid>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

impl TryFrom<account_link::Model> for AccountLink {
    type Error = StoreError;

    /// A population or origin no version of Relais wrote is `Corrupt`,
    /// never read as a default.
    fn try_from(row: account_link::Model) -> Result<Self, StoreError> {
        let population = row.population.parse::<PronoteCategory>().map_err(|_| {
            StoreError::corrupt("account_links", "population", row.id, &row.population)
        })?;
        let origin = LinkOrigin::parse(&row.origin)
            .ok_or_else(|| StoreError::corrupt("account_links", "origin", row.id, &row.origin))?;
        Ok(Self {
            id: row.id,
            tenant_id: row.tenant_id,
            base_id: row.base_id,
            population,
            pronote_id: row.pronote_id,
            ent_id: row.ent_id,
            origin,
            score: row.score,
            run_id: row.run_id,
            created_by: row.created_by,
            created_at: row.created_at,
        })
    }
}

/// Reads stored links; the first that does not convert fails them all.
pub(crate) fn account_links(
    rows: Vec<account_link::Model>,
) -> Result<Vec<AccountLink>, StoreError> {
    rows.into_iter().map(AccountLink::try_from).collect()
}

/// A candidate PRONOTE user of a review.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProposalCandidate {
    pub pronote_id: String,
    pub score: f64,
}

/// What the engine proposes for one ENT account of a run.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    pub population: PronoteCategory,
    pub ent_id: String,
    /// The PRONOTE user of an `AUTO` proposal.
    pub pronote_id: Option<String>,
    pub decision: Decision,
    /// For a review: `HOMONYM`, `NEAR_TIE`, `LOW_SCORE` or `DUPLICATE`.
    pub reason: Option<String>,
    pub score: Option<f64>,
    /// Candidates of a review, best first.
    pub candidates: Vec<ProposalCandidate>,
}

/// A proposal as stored: an element of `matching_runs.proposals`, its
/// population and decision by their names.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct StoredProposal {
    /// `PronoteCategory` API name.
    pub population: String,
    pub ent_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pronote_id: Option<String>,
    /// `AUTO`, `REVIEW` or `DUPLICATE`.
    pub decision: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<ProposalCandidate>,
}

impl From<Proposal> for StoredProposal {
    fn from(proposal: Proposal) -> Self {
        Self {
            population: proposal.population.as_str().into(),
            ent_id: proposal.ent_id,
            pronote_id: proposal.pronote_id,
            decision: proposal.decision.as_str().into(),
            reason: proposal.reason,
            score: proposal.score,
            candidates: proposal.candidates,
        }
    }
}

/// The proposals of a stored run, read from its JSON document.
pub(super) fn proposals_of(run: &MatchingRun) -> Result<Vec<Proposal>, StoreError> {
    let corrupt = |value: &str| StoreError::corrupt("matching_runs", "proposals", run.id, value);
    let stored: Vec<StoredProposal> = serde_json::from_str(&run.proposals)
        .map_err(|err| corrupt(&format!("JSON illisible ({err})")))?;
    stored
        .into_iter()
        .map(|p| {
            Ok(Proposal {
                population: p
                    .population
                    .parse::<PronoteCategory>()
                    .map_err(|_| corrupt(&p.population))?,
                decision: Decision::parse(&p.decision).ok_or_else(|| corrupt(&p.decision))?,
                ent_id: p.ent_id,
                pronote_id: p.pronote_id,
                reason: p.reason,
                score: p.score,
                candidates: p.candidates,
            })
        })
        .collect()
}

/// A PRONOTE user of a base as the matching reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchingUser {
    pub pronote_id: String,
    pub last_name: String,
    pub first_name: String,
    pub birth_date: Option<NaiveDate>,
    pub category: PronoteCategory,
}

/// A PRONOTE user as the inputs' statement aggregates it: a JSON array of
/// the columns of `base_pronote_users` the matching reads, its category by
/// its name.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub(super) struct StoredUser {
    pub pronote_id: String,
    pub last_name: String,
    pub first_name: String,
    pub birth_date: Option<NaiveDate>,
    /// `PronoteCategory` stored name.
    pub category: String,
}

impl StoredUser {
    /// The user, read in base `base_id` (the row is named by the base and
    /// its PRONOTE identifier: the statement does not read its id).
    pub(super) fn read(self, base_id: Uuid) -> Result<MatchingUser, StoreError> {
        let category = self.category.parse::<PronoteCategory>().map_err(|_| {
            StoreError::corrupt(
                "base_pronote_users",
                "category",
                format!("{base_id}/{}", self.pronote_id),
                &self.category,
            )
        })?;
        Ok(MatchingUser {
            pronote_id: self.pronote_id,
            last_name: self.last_name,
            first_name: self.first_name,
            birth_date: self.birth_date,
            category,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(status: &str, existing_links: &str) -> matching_run::Model {
        matching_run::Model {
            id: Uuid::nil(),
            tenant_id: Uuid::nil(),
            base_id: Uuid::nil(),
            status: status.into(),
            existing_links: existing_links.into(),
            started_by: None,
            started_at: Utc::now(),
            finished_at: None,
            proposals: "[]".into(),
        }
    }

    fn step(population: &str, status: &str) -> matching_step::Model {
        matching_step::Model {
            id: Uuid::nil(),
            run_id: Uuid::nil(),
            population: population.into(),
            status: status.into(),
            auto_links: 1,
            reviews: 0,
            duplicates: 0,
            links_created: None,
            validated_by: None,
            validated_at: None,
        }
    }

    fn corrupt_column(error: StoreError) -> (&'static str, &'static str, String) {
        match error {
            StoreError::Corrupt {
                table,
                column,
                value,
                ..
            } => (table, column, value),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_stored_run_and_step_read_with_their_names() {
        let read = MatchingRun::try_from(run("COMPLETED", "REPLACE")).unwrap();
        assert_eq!(
            (read.status, read.existing_links),
            (RunStatus::Completed, ExistingLinks::Replace)
        );
        let read = MatchingStep::try_from(step("PROFESSEUR", "VALIDATED")).unwrap();
        assert_eq!(
            (read.population, read.status),
            (PronoteCategory::Professeur, StepStatus::Validated)
        );
    }

    #[test]
    fn names_no_version_wrote_are_corrupt_not_a_default() {
        let cases = [
            (
                MatchingRun::try_from(run("PERDU", "KEEP")).map(|_| ()),
                ("matching_runs", "status", "PERDU"),
            ),
            (
                MatchingRun::try_from(run("IN_PROGRESS", "GARDER")).map(|_| ()),
                ("matching_runs", "existing_links", "GARDER"),
            ),
            (
                MatchingStep::try_from(step("ELEVE", "PERDU")).map(|_| ()),
                ("matching_steps", "status", "PERDU"),
            ),
            (
                MatchingStep::try_from(step("CHAT", "PENDING")).map(|_| ()),
                ("matching_steps", "population", "CHAT"),
            ),
        ];
        for (read, (table, column, value)) in cases {
            let (t, c, v) = corrupt_column(read.unwrap_err());
            assert_eq!((t, c, v.as_str()), (table, column, value));
        }
    }

    fn link(population: &str, origin: &str) -> account_link::Model {
        account_link::Model {
            id: Uuid::now_v7(),
            tenant_id: Uuid::nil(),
            base_id: Uuid::nil(),
            population: population.into(),
            pronote_id: "AAAAAAAAAAAAAAAA".into(),
            ent_id: "ent-1".into(),
            origin: origin.into(),
            score: Some(0.9),
            run_id: None,
            created_by: None,
            created_at: Utc::now(),
        }
    }

    fn run_with(proposals: &str) -> MatchingRun {
        MatchingRun::try_from(matching_run::Model {
            proposals: proposals.into(),
            ..run("IN_PROGRESS", "KEEP")
        })
        .unwrap()
    }

    fn user(category: &str) -> StoredUser {
        StoredUser {
            pronote_id: "AAAAAAAAAAAAAAAA".into(),
            last_name: "Martin".into(),
            first_name: "Léa".into(),
            birth_date: None,
            category: category.into(),
        }
    }

    #[test]
    fn a_stored_link_proposal_and_user_read_with_their_names() {
        let read = AccountLink::try_from(link("RESPONSABLE", "EXISTING")).unwrap();
        assert_eq!(
            (read.population, read.origin, read.score),
            (
                PronoteCategory::Responsable,
                LinkOrigin::Existing,
                Some(0.9)
            )
        );
        let proposal = Proposal {
            population: PronoteCategory::MaitreDeStage,
            ent_id: "ent-1".into(),
            pronote_id: None,
            decision: Decision::Review,
            reason: Some("HOMONYM".into()),
            score: None,
            candidates: vec![ProposalCandidate {
                pronote_id: "AAAAAAAAAAAAAAAA".into(),
                score: 0.5,
            }],
        };
        let document = serde_json::to_string(&[StoredProposal::from(proposal.clone())]).unwrap();
        assert!(document.contains("\"MAITRE_DE_STAGE\""), "{document}");
        assert_eq!(proposals_of(&run_with(&document)).unwrap(), vec![proposal]);
        let read = user("PERSONNEL").read(Uuid::nil()).unwrap();
        assert_eq!(read.category, PronoteCategory::Personnel);
    }

    #[test]
    fn link_proposal_and_user_names_no_version_wrote_are_corrupt_not_a_default() {
        let stored = link("CHAT", "MANUAL");
        assert_eq!(
            corrupt_column(AccountLink::try_from(stored).unwrap_err()),
            ("account_links", "population", "CHAT".into())
        );
        assert_eq!(
            corrupt_column(AccountLink::try_from(link("ELEVE", "A_LA_MAIN")).unwrap_err()),
            ("account_links", "origin", "A_LA_MAIN".into())
        );
        for (document, value) in [
            (
                r#"[{"population":"CHAT","entId":"e","decision":"AUTO"}]"#,
                "CHAT",
            ),
            (
                r#"[{"population":"ELEVE","entId":"e","decision":"PEUT_ETRE"}]"#,
                "PEUT_ETRE",
            ),
        ] {
            assert_eq!(
                corrupt_column(proposals_of(&run_with(document)).unwrap_err()),
                ("matching_runs", "proposals", value.into())
            );
        }
        let (table, column, _) = corrupt_column(proposals_of(&run_with("[{")).unwrap_err());
        assert_eq!((table, column), ("matching_runs", "proposals"));
        match user("CHAT").read(Uuid::nil()).unwrap_err() {
            StoreError::Corrupt {
                table,
                column,
                id,
                value,
            } => {
                assert_eq!((table, column), ("base_pronote_users", "category"));
                assert_eq!(id, format!("{}/AAAAAAAAAAAAAAAA", Uuid::nil()));
                assert_eq!(value, "CHAT");
            }
            other => panic!("{other:?}"),
        }
    }
}
