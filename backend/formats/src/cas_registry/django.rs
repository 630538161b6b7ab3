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

use std::io::Write;

use serde_json::{Value, json};

use super::{ServiceEntry, regex_escape};

/// The fixture's file name in the archive.
pub const FILE_NAME: &str = "pronote-services.json";

/// The fixture of `entries`: service patterns ordered by evaluation order
/// (`pos` 1, 2, …), primary keys numbered from 1 in each table.
pub fn fixture(entries: &[ServiceEntry]) -> Value {
    let mut rows = Vec::new();
    for_each_row(entries, |row| rows.push(row));
    Value::Array(rows)
}

/// Calls `each` with every row of the fixture, in order (one row in memory
/// at a time).
fn for_each_row(entries: &[ServiceEntry], mut each: impl FnMut(Value)) {
    let mut ordered: Vec<&ServiceEntry> = entries.iter().collect();
    ordered.sort_by(|a, b| (a.evaluation_order, &a.name).cmp(&(b.evaluation_order, &b.name)));
    let mut attribute_pk = 0usize;
    let mut filter_pk = 0usize;
    for (index, entry) in ordered.into_iter().enumerate() {
        let pk = index + 1;
        each(json!({
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
            each(json!({
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
            each(json!({
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
}

/// Writes the fixture into `out` row by row: a JSON array, one pretty
/// object per row, a final newline.
pub fn write_to<W: Write>(entries: &[ServiceEntry], out: &mut W) -> std::io::Result<()> {
    let mut result = out.write_all(b"[\n");
    let mut first = true;
    for_each_row(entries, |row| {
        if result.is_err() {
            return;
        }
        result = (|| {
            if !first {
                out.write_all(b",\n")?;
            }
            first = false;
            serde_json::to_writer_pretty(&mut *out, &row).map_err(std::io::Error::other)
        })();
    });
    result?;
    out.write_all(b"\n]\n")
}

/// `^(?:National_1|National_2)$`: one of the values, exactly.
pub fn values_pattern(values: &[String]) -> String {
    let alternatives: Vec<String> = values.iter().map(|v| regex_escape(v)).collect();
    format!("^(?:{})$", alternatives.join("|"))
}

/// The fixture's bytes.
pub fn to_bytes(entries: &[ServiceEntry]) -> Vec<u8> {
    let mut bytes = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = write_to(entries, &mut bytes);
    bytes
}
