//! An ENT model, one of its revisions and a base's pending model update as
//! the store hands them out: their JSON columns read once, here, into the
//! domain's types (issue 16). A value that does not read is a
//! [`StoreError::Corrupt`] naming the table, the column and the row — never
//! a default.

use chrono::{DateTime, Utc};
use relais_domain::models::{EntModel, FieldChange};
use uuid::Uuid;

use crate::entities::{ent_model, model_revision, pending_model_update};
use crate::{Result, StoreError};

/// One ENT model of a source's catalog (docs/domain.md §3): its identity
/// across catalog versions and its current values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogModel {
    pub id: Uuid,
    pub source_id: Uuid,
    /// The source's tenant; empty: offered to every tenant.
    pub tenant_id: Option<Uuid>,
    /// The name, case-folded: the model's identity within its source.
    pub name_key: String,
    pub name: String,
    /// The values of the current revision.
    pub values: EntModel,
    /// Bumped by every change of the model's values.
    pub revision: i32,
    /// No longer in its list (kept for the bases that applied it).
    pub withdrawn: bool,
    pub updated_at: DateTime<Utc>,
}

impl TryFrom<ent_model::Model> for CatalogModel {
    type Error = StoreError;

    fn try_from(row: ent_model::Model) -> Result<Self> {
        Ok(Self {
            values: model_values(&row)?,
            id: row.id,
            source_id: row.source_id,
            tenant_id: row.tenant_id,
            name_key: row.name_key,
            name: row.name,
            revision: row.revision,
            withdrawn: row.withdrawn,
            updated_at: row.updated_at,
        })
    }
}

/// Reads rows into records; the first that does not read fails the lot.
pub(crate) fn catalog_models(rows: Vec<ent_model::Model>) -> Result<Vec<CatalogModel>> {
    rows.into_iter().map(CatalogModel::try_from).collect()
}

/// The values a stored model row holds.
pub(crate) fn model_values(row: &ent_model::Model) -> Result<EntModel> {
    read_json(&row.body, |detail| {
        StoreError::corrupt("ent_models", "body", row.id, &detail)
    })
}

/// The values of a model at a stored revision.
pub(crate) fn revision_values(row: &model_revision::Model) -> Result<EntModel> {
    read_json(&row.body, |detail| {
        StoreError::corrupt(
            "model_revisions",
            "body",
            format!("{}/{}", row.model_id, row.revision),
            &detail,
        )
    })
}

/// A model a base applied changed or was withdrawn: the base's settings
/// are untouched until someone applies or dismisses the update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingModelUpdate {
    pub base_id: Uuid,
    pub model_id: Uuid,
    pub from_revision: i32,
    /// Empty: the model was withdrawn.
    pub to_revision: Option<i32>,
    /// What changes for the base's settings, as shown to people.
    pub changes: Vec<FieldChange>,
    pub created_at: DateTime<Utc>,
}

impl TryFrom<pending_model_update::Model> for PendingModelUpdate {
    type Error = StoreError;

    fn try_from(row: pending_model_update::Model) -> Result<Self> {
        let changes = read_json(&row.changes, |detail| {
            StoreError::corrupt("pending_model_updates", "changes", row.base_id, &detail)
        })?;
        Ok(Self {
            base_id: row.base_id,
            model_id: row.model_id,
            from_revision: row.from_revision,
            to_revision: row.to_revision,
            changes,
            created_at: row.created_at,
        })
    }
}

/// Parses a JSON column; `corrupt` names it when it does not read.
fn read_json<T: serde::de::DeserializeOwned>(
    text: &str,
    corrupt: impl FnOnce(String) -> StoreError,
) -> Result<T> {
    serde_json::from_str(text).map_err(|e| corrupt(format!("JSON illisible ({e})")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use relais_domain::models::known_ent_models;

    fn values() -> EntModel {
        known_ent_models().into_iter().next().unwrap()
    }

    fn model_row(body: String) -> ent_model::Model {
        ent_model::Model {
            id: Uuid::now_v7(),
            source_id: Uuid::now_v7(),
            tenant_id: Some(Uuid::now_v7()),
            name_key: "ent région".to_owned(),
            name: "ENT Région".to_owned(),
            body,
            revision: 2,
            withdrawn: false,
            updated_at: Utc::now(),
        }
    }

    fn pending_row(changes: &str) -> pending_model_update::Model {
        pending_model_update::Model {
            base_id: Uuid::now_v7(),
            model_id: Uuid::now_v7(),
            from_revision: 1,
            to_revision: Some(2),
            changes: changes.to_owned(),
            created_at: Utc::now(),
        }
    }

    /// The table, column and row a corruption names.
    fn named(error: StoreError) -> (&'static str, &'static str, String) {
        match error {
            StoreError::Corrupt {
                table, column, id, ..
            } => (table, column, id),
            other => panic!("expected a corruption, got {other:?}"),
        }
    }

    #[test]
    fn a_stored_model_reads_with_its_values() {
        let stored = model_row(serde_json::to_string(&values()).unwrap());
        let model = CatalogModel::try_from(stored.clone()).unwrap();
        assert_eq!(model.values, values());
        assert_eq!(
            (model.id, model.source_id, model.tenant_id),
            (stored.id, stored.source_id, stored.tenant_id)
        );
        assert_eq!((model.name.as_str(), model.revision), ("ENT Région", 2));
        assert!(!model.withdrawn);
    }

    #[test]
    fn a_model_body_that_does_not_read_is_a_corruption_naming_its_column() {
        for body in ["{\"name\":", "{}", "[]", ""] {
            let stored = model_row(body.to_owned());
            let error = CatalogModel::try_from(stored.clone()).unwrap_err();
            assert_eq!(
                named(error),
                ("ent_models", "body", stored.id.to_string()),
                "{body:?}"
            );
        }
    }

    #[test]
    fn a_revision_body_that_does_not_read_names_its_model_and_revision() {
        let good = model_revision::Model {
            model_id: Uuid::now_v7(),
            revision: 3,
            body: serde_json::to_string(&values()).unwrap(),
            created_at: Utc::now(),
        };
        assert_eq!(revision_values(&good).unwrap(), values());
        let bad = model_revision::Model {
            body: "{\"clients\":".to_owned(),
            ..good
        };
        assert_eq!(
            named(revision_values(&bad).unwrap_err()),
            ("model_revisions", "body", format!("{}/3", bad.model_id))
        );
    }

    #[test]
    fn pending_changes_read_and_unreadable_ones_are_a_corruption_not_an_empty_list() {
        let old = values();
        let mut new = old.clone();
        new.location = "Ailleurs".to_owned();
        let changes = relais_domain::models::diff_models(&old, &new);
        assert!(!changes.is_empty());
        let stored = pending_row(&serde_json::to_string(&changes).unwrap());
        let pending = PendingModelUpdate::try_from(stored.clone()).unwrap();
        assert_eq!(pending.changes, changes);
        assert_eq!(
            (pending.base_id, pending.model_id, pending.to_revision),
            (stored.base_id, stored.model_id, Some(2))
        );
        assert!(
            PendingModelUpdate::try_from(pending_row("[]"))
                .unwrap()
                .changes
                .is_empty()
        );
        for changes in ["", "{", "[{\"field\":\"NOPE\"}]"] {
            let stored = pending_row(changes);
            assert_eq!(
                named(PendingModelUpdate::try_from(stored.clone()).unwrap_err()),
                (
                    "pending_model_updates",
                    "changes",
                    stored.base_id.to_string()
                ),
                "{changes:?}"
            );
        }
    }
}
