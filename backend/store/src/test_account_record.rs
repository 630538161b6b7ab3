//! One of a model's test accounts as the store hands it out: its profile
//! read once (see `base_record.rs` for the rule). The password stays sealed.

use chrono::{DateTime, Utc};
use relais_domain::delegation::Profile;
use uuid::Uuid;

use crate::entities::model_test_account;
use crate::{Result, StoreError};

const TABLE: &str = "model_test_accounts";

/// A test account of a model (docs/domain.md §3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestAccount {
    pub model_id: Uuid,
    pub profile: Profile,
    pub tenant_id: Uuid,
    pub login: String,
    pub cas_identifier: String,
    /// Sealed by the tenant key; never shown.
    pub password_sealed: Vec<u8>,
    pub updated_at: DateTime<Utc>,
}

impl TryFrom<model_test_account::Model> for TestAccount {
    type Error = StoreError;

    fn try_from(row: model_test_account::Model) -> Result<Self> {
        let profile = Profile::ALL
            .into_iter()
            .find(|p| p.as_str() == row.profile)
            .ok_or_else(|| {
                StoreError::corrupt(
                    TABLE,
                    "profile",
                    format!("{} ({})", row.model_id, row.profile),
                    &row.profile,
                )
            })?;
        Ok(Self {
            model_id: row.model_id,
            profile,
            tenant_id: row.tenant_id,
            login: row.login,
            cas_identifier: row.cas_identifier,
            password_sealed: row.password_sealed,
            updated_at: row.updated_at,
        })
    }
}

/// Reads rows into records; the first that does not read fails the lot.
pub(crate) fn test_accounts_of(rows: Vec<model_test_account::Model>) -> Result<Vec<TestAccount>> {
    rows.into_iter().map(TestAccount::try_from).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::corruption;

    fn row(profile: &str) -> model_test_account::Model {
        model_test_account::Model {
            model_id: Uuid::now_v7(),
            profile: profile.to_owned(),
            tenant_id: Uuid::now_v7(),
            login: "prof.test".to_owned(),
            cas_identifier: "F0801234".to_owned(),
            password_sealed: vec![1, 2, 3],
            updated_at: Utc::now(),
        }
    }

    #[test]
    fn a_stored_account_reads_with_its_profile() {
        let account = TestAccount::try_from(row("PROFESSEUR")).unwrap();
        assert_eq!(account.profile, Profile::Professeur);
        assert_eq!(account.cas_identifier, "F0801234");
    }

    #[test]
    fn a_profile_no_version_wrote_is_a_corruption_not_a_dropped_account() {
        let read = corruption(TestAccount::try_from(row("DIRECTEUR")));
        assert_eq!(
            (read.table, read.column, read.value.as_str()),
            (TABLE, "profile", "DIRECTEUR")
        );
    }
}
