//! The generic CSV for the CAS servers Relais has no format for: one line
//! per base, `;`-separated, cells that look like formulas neutralised
//! (the file is opened in spreadsheets).

use super::ServiceEntry;
use crate::csv_text::write_semicolon;

/// The file's name in the archive.
pub const FILE_NAME: &str = "pronote-services.csv";

/// The header line.
pub const HEADER: [&str; 10] = [
    "nom",
    "url_service",
    "url_acces_direct",
    "expression_reguliere",
    "uai",
    "mode_identification",
    "attributs",
    "attribut_profil",
    "valeurs_profil",
    "validation",
];

/// Attributes are written `name` or `name=source` (the ENT's name when it
/// differs), separated by `|`; UAIs and profile values by `|` too.
pub fn to_bytes(entries: &[ServiceEntry]) -> Vec<u8> {
    let rows = entries.iter().map(|entry| {
        let attributes: Vec<String> = entry
            .attributes
            .iter()
            .map(|a| {
                if a.is_renamed() {
                    format!("{}={}", a.name, a.source)
                } else {
                    a.name.clone()
                }
            })
            .collect();
        let (profile, values) = entry
            .required
            .as_ref()
            .map(|r| (r.attribute.clone(), r.values.join("|")))
            .unwrap_or_default();
        [
            entry.name.clone(),
            entry.service_url.clone(),
            entry.direct_access_url.clone(),
            entry.service_id.clone(),
            entry.uais.join("|"),
            entry.mode.clone(),
            attributes.join("|"),
            profile,
            values,
            entry.validation.as_str().to_owned(),
        ]
    });
    write_semicolon(&HEADER, rows)
}
