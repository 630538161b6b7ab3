//! What changed between the registry last exported and the one the bases'
//! settings give now: services added, removed and changed (field by field),
//! and the Apereo files to add, replace and delete.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{ServiceEntry, apereo};

/// One field of a service that changed, values as shown to the operator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    /// The field's stable name, e.g. `serviceId`, `attributes`.
    pub field: String,
    pub before: String,
    pub after: String,
}

/// A service present in both registries whose fields differ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceChange {
    pub before: ServiceEntry,
    pub after: ServiceEntry,
    pub fields: Vec<FieldChange>,
}

/// The files of the Apereo registry to touch, by name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileActions {
    pub add: Vec<String>,
    pub replace: Vec<String>,
    pub delete: Vec<String>,
}

/// From one registry to another.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RegistryDiff {
    /// Sorted by name.
    pub added: Vec<ServiceEntry>,
    pub removed: Vec<ServiceEntry>,
    pub changed: Vec<ServiceChange>,
}

impl RegistryDiff {
    /// Whether both registries hold the same services.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }

    /// The Apereo files to add, replace and delete (a renamed service's old
    /// file is deleted and its new one added), each list sorted.
    pub fn files(&self) -> FileActions {
        let mut actions = FileActions::default();
        actions.add.extend(self.added.iter().map(apereo::file_name));
        actions
            .delete
            .extend(self.removed.iter().map(apereo::file_name));
        for change in &self.changed {
            let (old, new) = (
                apereo::file_name(&change.before),
                apereo::file_name(&change.after),
            );
            if old == new {
                actions.replace.push(new);
            } else {
                actions.delete.push(old);
                actions.add.push(new);
            }
        }
        actions.add.sort();
        actions.replace.sort();
        actions.delete.sort();
        actions
    }
}

/// Compares `before` (the registry last exported) with `after`, services
/// matched by id.
pub fn diff(before: &[ServiceEntry], after: &[ServiceEntry]) -> RegistryDiff {
    let old: BTreeMap<i64, &ServiceEntry> = before.iter().map(|e| (e.id, e)).collect();
    let new: BTreeMap<i64, &ServiceEntry> = after.iter().map(|e| (e.id, e)).collect();
    let mut result = RegistryDiff::default();
    for (id, entry) in &new {
        match old.get(id) {
            None => result.added.push((*entry).clone()),
            Some(previous) if previous != entry => {
                result.changed.push(ServiceChange {
                    fields: fields(previous, entry),
                    before: (*previous).clone(),
                    after: (*entry).clone(),
                });
            }
            Some(_) => {}
        }
    }
    result.removed = old
        .iter()
        .filter(|(id, _)| !new.contains_key(id))
        .map(|(_, entry)| (*entry).clone())
        .collect();
    result.added.sort_by(|a, b| a.name.cmp(&b.name));
    result.removed.sort_by(|a, b| a.name.cmp(&b.name));
    result
        .changed
        .sort_by(|a, b| a.after.name.cmp(&b.after.name));
    result
}

/// The fields of one service that differ, in a fixed order.
pub fn fields(before: &ServiceEntry, after: &ServiceEntry) -> Vec<FieldChange> {
    let shown = |entry: &ServiceEntry| -> [(&'static str, String); 11] {
        [
            ("name", entry.name.clone()),
            ("description", entry.description.clone()),
            ("serviceId", entry.service_id.clone()),
            ("serviceUrl", entry.service_url.clone()),
            ("directAccessUrl", entry.direct_access_url.clone()),
            ("evaluationOrder", entry.evaluation_order.to_string()),
            ("uais", entry.uais.join(", ")),
            ("mode", entry.mode.clone()),
            ("attributes", attributes_text(entry)),
            ("requiredValues", required_text(entry)),
            ("validation", entry.validation.as_str().to_owned()),
        ]
    };
    shown(before)
        .into_iter()
        .zip(shown(after))
        .filter(|((_, a), (_, b))| a != b)
        .map(|((field, before), (_, after))| FieldChange {
            field: field.to_owned(),
            before,
            after,
        })
        .collect()
}

/// `categories, nom, prenom=givenName`: released names, with the ENT's
/// name when it differs.
pub fn attributes_text(entry: &ServiceEntry) -> String {
    entry
        .attributes
        .iter()
        .map(|a| {
            if a.is_renamed() {
                format!("{}={}", a.name, a.source)
            } else {
                a.name.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `categories ∈ {National_1, National_2}`, or empty.
pub fn required_text(entry: &ServiceEntry) -> String {
    entry
        .required
        .as_ref()
        .map(|r| format!("{} ∈ {{{}}}", r.attribute, r.values.join(", ")))
        .unwrap_or_default()
}
