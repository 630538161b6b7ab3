//! The latest « Tester l'authentification » of a base as the store hands it
//! out: outcome, protocol and steps read once into the domain's types (see
//! `base_record.rs` for the rule).

use chrono::{DateTime, Utc};
use relais_domain::cas_check::{CasProtocol, CheckStep, StepStatus};
use relais_domain::{BaseId, TenantId};

use crate::entities::cas_check;
use crate::{Result, StoreError};

const TABLE: &str = "cas_checks";

/// The latest check of a base (docs/domain.md §3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CasCheck {
    pub base_id: BaseId,
    pub tenant_id: TenantId,
    pub checked_at: DateTime<Utc>,
    pub checked_by: Option<String>,
    /// The worst status of the steps that ran: `Failed`, `Warning` or `Ok`.
    pub outcome: StepStatus,
    pub protocol: CasProtocol,
    /// A full login with a test account was part of the check.
    pub with_credentials: bool,
    /// SHA-256 of the settings checked, to tell when they changed since.
    pub settings_hash: String,
    pub steps: Vec<CheckStep>,
}

impl TryFrom<cas_check::Model> for CasCheck {
    type Error = StoreError;

    fn try_from(row: cas_check::Model) -> Result<Self> {
        let id = row.base_id;
        let corrupt =
            |column: &'static str, value: &str| StoreError::corrupt(TABLE, column, id, value);
        Ok(Self {
            base_id: BaseId::from(row.base_id),
            tenant_id: TenantId::from(row.tenant_id),
            checked_at: row.checked_at,
            checked_by: row.checked_by,
            outcome: StepStatus::of_outcome_name(&row.outcome)
                .ok_or_else(|| corrupt("outcome", &row.outcome))?,
            protocol: CasProtocol::of_name(&row.protocol)
                .ok_or_else(|| corrupt("protocol", &row.protocol))?,
            with_credentials: row.with_credentials,
            settings_hash: row.settings_hash,
            steps: serde_json::from_str(&row.steps)
                .map_err(|e| corrupt("steps", &format!("JSON illisible ({e})")))?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::corruption;
    use relais_domain::cas_check::StepKind;
    use uuid::Uuid;

    fn row() -> cas_check::Model {
        let steps = vec![CheckStep::new(
            StepKind::LoginPage,
            StepStatus::Warning,
            "lente",
        )];
        cas_check::Model {
            base_id: Uuid::now_v7(),
            tenant_id: Uuid::now_v7(),
            checked_at: Utc::now(),
            checked_by: Some("operateur@exemple.fr".to_owned()),
            outcome: "WARNING".to_owned(),
            protocol: "CAS3".to_owned(),
            with_credentials: false,
            settings_hash: "ab".repeat(32),
            steps: serde_json::to_string(&steps).unwrap(),
        }
    }

    #[test]
    fn a_stored_check_reads_with_its_outcome_protocol_and_steps() {
        let check = CasCheck::try_from(row()).unwrap();
        assert_eq!(check.outcome, StepStatus::Warning);
        assert_eq!(check.protocol, CasProtocol::Cas3);
        assert_eq!(check.steps.len(), 1);
        assert_eq!(
            check.steps.first().map(|s| s.kind),
            Some(StepKind::LoginPage)
        );
    }

    /// A stored value replaced by one no version of Relais writes.
    type Spoil = fn(&mut cas_check::Model);

    #[test]
    fn an_outcome_protocol_or_steps_no_version_wrote_are_corrupt_never_ok() {
        let cases: [(&str, Spoil); 4] = [
            ("outcome", |r| r.outcome = "PASSED".to_owned()),
            ("outcome", |r| r.outcome = "SKIPPED".to_owned()),
            ("protocol", |r| r.protocol = "OAUTH".to_owned()),
            ("steps", |r| r.steps = "[{\"kind\":".to_owned()),
        ];
        for (column, spoil) in cases {
            let mut stored = row();
            spoil(&mut stored);
            let read = corruption(CasCheck::try_from(stored));
            assert_eq!((read.table, read.column), (TABLE, column));
        }
    }
}
