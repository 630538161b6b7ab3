//! A tenant's CAS registry settings and its last exported entries as the
//! store hands them out: the attribute names read once into a map, each
//! exported entry into the type its caller names (the registry's
//! `ServiceEntry`, which the store does not know), ids typed (issue 16).
//! A value that does not read is a [`StoreError::Corrupt`] naming the
//! column — never a default.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use relais_domain::{BaseId, TenantId};
use serde::de::DeserializeOwned;

use crate::entities::{cas_registry_entry, cas_registry_tenant};
use crate::{Result, StoreError};

/// The ENT's attribute names of a tenant and its last export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CasRegistrySettings {
    pub tenant_id: TenantId,
    /// Name PRONOTE reads → the ENT's internal name; only those that differ.
    pub attribute_mapping: BTreeMap<String, String>,
    /// When the registry was last exported; `None` before the first export.
    pub exported_at: Option<DateTime<Utc>>,
    /// E-mail of who recorded the export.
    pub exported_by: Option<String>,
    /// Services in the last export.
    pub services: u32,
}

impl CasRegistrySettings {
    pub fn was_exported(&self) -> bool {
        self.exported_at.is_some()
    }
}

impl TryFrom<cas_registry_tenant::Model> for CasRegistrySettings {
    type Error = StoreError;

    fn try_from(row: cas_registry_tenant::Model) -> Result<Self> {
        const TABLE: &str = "cas_registry_tenants";
        let attribute_mapping = serde_json::from_str(&row.attribute_mapping).map_err(|_| {
            StoreError::corrupt(
                TABLE,
                "attribute_mapping",
                row.tenant_id,
                &row.attribute_mapping,
            )
        })?;
        let services = u32::try_from(row.services).map_err(|_| {
            StoreError::corrupt(TABLE, "services", row.tenant_id, &row.services.to_string())
        })?;
        Ok(Self {
            tenant_id: row.tenant_id.into(),
            attribute_mapping,
            exported_at: row.exported_at,
            exported_by: row.exported_by,
            services,
        })
    }
}

/// A base's entry in its tenant's last export, read as `T`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportedEntry<T> {
    pub tenant_id: TenantId,
    pub base_id: BaseId,
    pub entry: T,
}

impl<T: DeserializeOwned> TryFrom<cas_registry_entry::Model> for ExportedEntry<T> {
    type Error = StoreError;

    fn try_from(row: cas_registry_entry::Model) -> Result<Self> {
        let entry = serde_json::from_str(&row.entry).map_err(|e| {
            StoreError::corrupt(
                "cas_registry_entries",
                "entry",
                format!("{}/{}", row.tenant_id, row.base_id),
                &format!("JSON illisible ({e})"),
            )
        })?;
        Ok(Self {
            tenant_id: row.tenant_id.into(),
            base_id: row.base_id.into(),
            entry,
        })
    }
}

/// Reads rows into records; the first that does not read fails the lot.
pub(crate) fn records<R, M>(rows: Vec<M>) -> Result<Vec<R>>
where
    R: TryFrom<M, Error = StoreError>,
{
    rows.into_iter().map(R::try_from).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::corruption;
    use uuid::Uuid;

    fn settings_row(mapping: &str, services: i32) -> cas_registry_tenant::Model {
        cas_registry_tenant::Model {
            tenant_id: Uuid::now_v7(),
            attribute_mapping: mapping.to_owned(),
            exported_at: Some(Utc::now()),
            exported_by: Some("ope@ent.example".to_owned()),
            services,
        }
    }

    fn entry_row(entry: &str) -> cas_registry_entry::Model {
        cas_registry_entry::Model {
            tenant_id: Uuid::now_v7(),
            base_id: Uuid::now_v7(),
            entry: entry.to_owned(),
        }
    }

    fn corrupt_column<T: std::fmt::Debug>(result: Result<T>) -> (&'static str, &'static str) {
        let read = corruption(result);
        (read.table, read.column)
    }

    #[test]
    fn settings_read_with_their_attribute_names() {
        let settings =
            CasRegistrySettings::try_from(settings_row(r#"{"uid":"ENTPersonLogin"}"#, 3)).unwrap();
        assert_eq!(
            settings.attribute_mapping.get("uid").map(String::as_str),
            Some("ENTPersonLogin")
        );
        assert_eq!(settings.services, 3);
        assert!(settings.was_exported());
    }

    #[test]
    fn unreadable_attribute_names_or_a_negative_count_are_corrupt() {
        assert_eq!(
            corrupt_column(CasRegistrySettings::try_from(settings_row("[1, 2]", 0))),
            ("cas_registry_tenants", "attribute_mapping")
        );
        assert_eq!(
            corrupt_column(CasRegistrySettings::try_from(settings_row("{}", -1))),
            ("cas_registry_tenants", "services")
        );
    }

    #[test]
    fn an_entry_reads_as_the_type_asked_for() {
        let entry: ExportedEntry<BTreeMap<String, String>> =
            ExportedEntry::try_from(entry_row(r#"{"name":"Lycée"}"#)).unwrap();
        assert_eq!(entry.entry.get("name").map(String::as_str), Some("Lycée"));
    }

    #[test]
    fn an_entry_that_does_not_read_is_corrupt() {
        let result: Result<ExportedEntry<BTreeMap<String, String>>> =
            ExportedEntry::try_from(entry_row("{\"name\":"));
        assert_eq!(corrupt_column(result), ("cas_registry_entries", "entry"));
    }
}
