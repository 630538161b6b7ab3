//! A matching run and its steps as the store hands them out: their
//! statuses, policy and population read once, here, from their stored
//! names (issue 16).

use chrono::{DateTime, Utc};
use relais_domain::directory::PronoteCategory;
use uuid::Uuid;

use super::{ExistingLinks, RunStatus, StepStatus};
use crate::StoreError;
use crate::entities::{matching_run, matching_step};

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
    /// The engine's proposals: a JSON list of `Proposal`, by population then
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
}
