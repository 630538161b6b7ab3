//! The validation of a model revision with its test accounts as the store
//! hands it out: the per-account results read once into the domain's
//! `AccountResult` (see `base_record.rs` for the rule).

use chrono::{DateTime, Utc};
use relais_domain::cas_check::AccountResult;
use uuid::Uuid;

use crate::entities::model_validation;
use crate::{Result, StoreError};

const TABLE: &str = "model_validations";

/// The latest validation of a model revision (docs/domain.md §3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelValidation {
    pub model_id: Uuid,
    pub revision: i32,
    pub tenant_id: Uuid,
    pub validated_at: DateTime<Utc>,
    pub validated_by: Option<String>,
    /// Every test account logged in, with the declared identifiers and the
    /// attributes the identification mode needs.
    pub passed: bool,
    /// The service the accounts logged in to.
    pub service_url: String,
    pub results: Vec<AccountResult>,
}

impl TryFrom<model_validation::Model> for ModelValidation {
    type Error = StoreError;

    /// Results that do not read as the accounts' results are `Corrupt`,
    /// never an empty list.
    fn try_from(row: model_validation::Model) -> Result<Self> {
        let results = serde_json::from_str(&row.results).map_err(|e| {
            StoreError::corrupt(
                TABLE,
                "results",
                format!("{} (révision {})", row.model_id, row.revision),
                &format!("JSON illisible ({e})"),
            )
        })?;
        Ok(Self {
            model_id: row.model_id,
            revision: row.revision,
            tenant_id: row.tenant_id,
            validated_at: row.validated_at,
            validated_by: row.validated_by,
            passed: row.passed,
            service_url: row.service_url,
            results,
        })
    }
}

/// Reads stored rows as validations; the first that does not convert fails
/// them all.
pub(crate) fn validations(rows: Vec<model_validation::Model>) -> Result<Vec<ModelValidation>> {
    rows.into_iter().map(ModelValidation::try_from).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::corruption;
    use relais_domain::cas_check::{CheckStep, StepKind, StepStatus};
    use relais_domain::delegation::Profile;

    fn results() -> Vec<AccountResult> {
        vec![AccountResult {
            profile: Profile::Eleve,
            login: "PronoteEleve".to_owned(),
            declared_identifier: "eleve-1".to_owned(),
            returned_identifier: Some("eleve-1".to_owned()),
            passed: true,
            steps: vec![CheckStep::new(StepKind::Login, StepStatus::Ok, "connecté")],
        }]
    }

    fn row() -> model_validation::Model {
        model_validation::Model {
            model_id: Uuid::now_v7(),
            revision: 3,
            tenant_id: Uuid::now_v7(),
            validated_at: Utc::now(),
            validated_by: Some("admin@exemple.fr".to_owned()),
            passed: true,
            service_url: "https://pronote.exemple.fr/pronote/".to_owned(),
            results: serde_json::to_string(&results()).unwrap(),
        }
    }

    #[test]
    fn a_stored_validation_reads_with_its_accounts_results() {
        let validation = ModelValidation::try_from(row()).unwrap();
        assert_eq!(validation.revision, 3);
        assert_eq!(validation.results, results());
    }

    /// A stored value replaced by one no version of Relais writes.
    type Spoil = fn(&mut model_validation::Model);

    #[test]
    fn results_no_version_wrote_are_corrupt_never_an_empty_list() {
        let cases: [Spoil; 4] = [
            |r| r.results = "[{\"profile\":".to_owned(),
            |r| r.results = String::new(),
            |r| r.results = "{}".to_owned(),
            |r| r.results = r.results.replace("ELEVE", "STAGIAIRE"),
        ];
        for spoil in cases {
            let mut stored = row();
            spoil(&mut stored);
            let read = corruption(ModelValidation::try_from(stored.clone()));
            assert_eq!(
                (read.table, read.column),
                (TABLE, "results"),
                "{}",
                stored.results
            );
        }
    }
}
