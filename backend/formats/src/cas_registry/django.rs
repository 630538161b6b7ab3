//! django-cas-server service patterns, as a Django fixture
//! (`python manage.py loaddata pronote-services.json`): one
//! `cas_server.servicepattern` per base, its released attributes as
//! `cas_server.replaceattributname` rows (the ENT's name, and the name
//! PRONOTE reads when they differ) and the populations as one
//! `cas_server.filterattributvalue` (a regular expression the profile
//! attribute must match, `re.match` on each value).
//!
//! Loading the fixture adds or replaces rows by primary key: it is meant
//! for a registry Relais manages whole (docs/formats/cas-registry.md).

use serde_json::{Value, json};

use super::{ServiceEntry, regex_escape};

/// The fixture's file name in the archive.
pub const FILE_NAME: &str = "pronote-services.json";

/// The fixture of `entries`: service patterns ordered by evaluation order
/// (`pos` 1, 2, …), primary keys numbered from 1 in each table.
pub fn fixture(entries: &[ServiceEntry]) -> Value {
    let mut ordered: Vec<&ServiceEntry> = entries.iter().collect();
    ordered.sort_by(|a, b| (a.evaluation_order, &a.name).cmp(&(b.evaluation_order, &b.name)));
    let mut rows = Vec::new();
    let mut attribute_pk = 0usize;
    let mut filter_pk = 0usize;
    for (index, entry) in ordered.into_iter().enumerate() {
        let pk = index + 1;
        rows.push(json!({
            "model": "cas_server.servicepattern",
            "pk": pk,
            "fields": {
                "pos": pk,
                "name": entry.name,
                "pattern": entry.service_id,
                "user_field": "",
                "restrict_users": false,
                "proxy": false,
                "proxy_callback": false,
                "single_log_out": false,
                "single_log_out_callback": "",
            },
        }));
        for attribute in &entry.attributes {
            attribute_pk += 1;
            let replace = if attribute.is_renamed() {
                attribute.name.as_str()
            } else {
                ""
            };
            rows.push(json!({
                "model": "cas_server.replaceattributname",
                "pk": attribute_pk,
                "fields": {
                    "name": attribute.source,
                    "replace": replace,
                    "service_pattern": pk,
                },
            }));
        }
        if let Some(required) = &entry.required {
            filter_pk += 1;
            rows.push(json!({
                "model": "cas_server.filterattributvalue",
                "pk": filter_pk,
                "fields": {
                    "attribut": required.attribute,
                    "pattern": values_pattern(&required.values),
                    "service_pattern": pk,
                },
            }));
        }
    }
    Value::Array(rows)
}

/// `^(?:National_1|National_2)$`: one of the values, exactly.
pub fn values_pattern(values: &[String]) -> String {
    let alternatives: Vec<String> = values.iter().map(|v| regex_escape(v)).collect();
    format!("^(?:{})$", alternatives.join("|"))
}

/// The fixture's bytes: pretty JSON, a final newline.
pub fn to_bytes(entries: &[ServiceEntry]) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(&fixture(entries)).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}
