//! A tenant's exchange settings as the store hands them out: its retention
//! overrides read once, here (see `base_record.rs` for the rule).

use std::ops::RangeInclusive;

use chrono::{DateTime, Utc};
use relais_domain::TenantId;

use crate::entities::exchange_settings;
use crate::{Result, StoreError};

const TABLE: &str = "exchange_settings";

/// The retention an operator may choose for its files, in days.
pub const RETENTION_DAYS: RangeInclusive<i32> = 1..=3650;

/// How a tenant exchanges files with Index-Education (docs/domain.md §4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExchangeSettings {
    pub tenant_id: TenantId,
    /// The partner id given by Index-Education (`Partenaire` of file A).
    pub partner_id: Option<String>,
    pub partner_name: Option<String>,
    /// Index-Education's public key (PEM), which seals file A.
    pub index_education_public_key: Option<String>,
    /// The partner's public key (PEM), given to Index-Education for file B.
    pub partner_public_key: Option<String>,
    /// The partner's private key, sealed by the tenant key: only the
    /// server's file vault opens it.
    pub partner_private_key_sealed: Option<Vec<u8>>,
    /// Days an account-matching file is kept; `None`: the platform's default.
    pub retention_account_matching_days: Option<u32>,
    /// Days an identifiers export is kept; `None`: the platform's default.
    pub retention_identifiers_export_days: Option<u32>,
    pub updated_at: DateTime<Utc>,
}

impl TryFrom<exchange_settings::Model> for ExchangeSettings {
    type Error = StoreError;

    /// A retention outside [`RETENTION_DAYS`], which every version checked
    /// before writing, is `Corrupt`: never raised to one day.
    fn try_from(row: exchange_settings::Model) -> Result<Self> {
        let id = row.tenant_id;
        let days = |column: &'static str, stored: Option<i32>| {
            stored
                .map(|days| match u32::try_from(days) {
                    Ok(valid) if RETENTION_DAYS.contains(&days) => Ok(valid),
                    _ => Err(StoreError::corrupt(TABLE, column, id, &days.to_string())),
                })
                .transpose()
        };
        Ok(Self {
            tenant_id: TenantId::from(id),
            retention_account_matching_days: days(
                "retention_account_matching_days",
                row.retention_account_matching_days,
            )?,
            retention_identifiers_export_days: days(
                "retention_identifiers_export_days",
                row.retention_identifiers_export_days,
            )?,
            partner_id: row.partner_id,
            partner_name: row.partner_name,
            index_education_public_key: row.index_education_public_key,
            partner_public_key: row.partner_public_key,
            partner_private_key_sealed: row.partner_private_key_sealed,
            updated_at: row.updated_at,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::corruption;
    use uuid::Uuid;

    fn row(account_matching: Option<i32>, identifiers: Option<i32>) -> exchange_settings::Model {
        exchange_settings::Model {
            tenant_id: Uuid::now_v7(),
            partner_id: Some("ENT-RECIA-42".to_owned()),
            partner_name: None,
            index_education_public_key: None,
            partner_public_key: None,
            partner_private_key_sealed: Some(vec![1, 2, 3]),
            retention_account_matching_days: account_matching,
            retention_identifiers_export_days: identifiers,
            updated_at: Utc::now(),
        }
    }

    #[test]
    fn stored_settings_read_with_their_retention() {
        let stored = row(Some(1), None);
        let tenant = stored.tenant_id;
        let settings = ExchangeSettings::try_from(stored).unwrap();
        assert_eq!(settings.tenant_id, TenantId::from(tenant));
        assert_eq!(settings.retention_account_matching_days, Some(1));
        assert_eq!(settings.retention_identifiers_export_days, None);
        let longest = ExchangeSettings::try_from(row(None, Some(3650))).unwrap();
        assert_eq!(longest.retention_identifiers_export_days, Some(3650));
    }

    #[test]
    fn a_retention_no_version_wrote_is_corrupt_not_one_day() {
        for (stored, column, value) in [
            (row(Some(0), None), "retention_account_matching_days", "0"),
            (
                row(None, Some(-5)),
                "retention_identifiers_export_days",
                "-5",
            ),
            (
                row(Some(3651), None),
                "retention_account_matching_days",
                "3651",
            ),
        ] {
            let read = corruption(ExchangeSettings::try_from(stored));
            assert_eq!(
                (read.table, read.column, read.value.as_str()),
                (TABLE, column, value)
            );
        }
    }
}
