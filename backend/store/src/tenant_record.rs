//! A tenant as the store hands it out: its slug and addresses read once
//! into the domain's types (see `base_record.rs` for the rule). The name
//! stays the text it was stored as.

use chrono::{DateTime, Utc};
use relais_domain::{Email, TenantId, TenantSlug};

use crate::entities::tenant;
use crate::{Result, StoreError};

const TABLE: &str = "tenants";

/// A regional ENT operator (docs/domain.md §1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tenant {
    pub id: TenantId,
    /// Short name used in addresses, e.g. `netocentre`.
    pub slug: TenantSlug,
    pub name: String,
    pub contact_email: Email,
    /// Where helpdesk tickets are sent.
    pub helpdesk_email: Email,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl TryFrom<tenant::Model> for Tenant {
    type Error = StoreError;

    fn try_from(row: tenant::Model) -> Result<Self> {
        let id = row.id;
        let corrupt =
            |column: &'static str, value: &str| StoreError::corrupt(TABLE, column, id, value);
        let email = |column: &'static str, value: &str| {
            Email::parse("email", value).map_err(|_| corrupt(column, value))
        };
        Ok(Self {
            id: TenantId::from(id),
            slug: TenantSlug::parse("slug", &row.slug).map_err(|_| corrupt("slug", &row.slug))?,
            contact_email: email("contact_email", &row.contact_email)?,
            helpdesk_email: email("helpdesk_email", &row.helpdesk_email)?,
            name: row.name,
            created_at: row.created_at,
            updated_at: row.updated_at,
        })
    }
}

/// Reads rows into records; the first that does not read fails the lot.
pub(crate) fn tenants_of(rows: Vec<tenant::Model>) -> Result<Vec<Tenant>> {
    rows.into_iter().map(Tenant::try_from).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::corruption;
    use uuid::Uuid;

    fn row() -> tenant::Model {
        tenant::Model {
            id: Uuid::now_v7(),
            slug: "netocentre".to_owned(),
            name: "GIP RECIA — NetO'Centre".to_owned(),
            contact_email: "contact@recia.test".to_owned(),
            helpdesk_email: "assistance@recia.test".to_owned(),
            created_at: Utc::now(),
            updated_at: Utc::now(),
        }
    }

    fn corrupt_column(spoil: impl FnOnce(&mut tenant::Model)) -> (&'static str, String) {
        let mut row = row();
        spoil(&mut row);
        let read = corruption(Tenant::try_from(row));
        assert_eq!(read.table, TABLE);
        (read.column, read.value)
    }

    #[test]
    fn a_stored_tenant_reads_with_its_slug_and_addresses() {
        let stored = row();
        let tenant = Tenant::try_from(stored.clone()).unwrap();
        assert_eq!(tenant.id.uuid(), stored.id);
        assert_eq!(tenant.slug.as_str(), "netocentre");
        assert_eq!(tenant.name, "GIP RECIA — NetO'Centre");
        assert_eq!(tenant.contact_email.as_str(), "contact@recia.test");
        assert_eq!(tenant.helpdesk_email.as_str(), "assistance@recia.test");
    }

    #[test]
    fn each_unreadable_column_is_a_corruption_naming_it() {
        assert_eq!(
            corrupt_column(|row| row.slug = "Net O'Centre".to_owned()),
            ("slug", "Net O'Centre".to_owned())
        );
        assert_eq!(
            corrupt_column(|row| row.contact_email = "pas une adresse".to_owned()),
            ("contact_email", "pas une adresse".to_owned())
        );
        assert_eq!(
            corrupt_column(|row| row.helpdesk_email = String::new()),
            ("helpdesk_email", String::new())
        );
    }
}
