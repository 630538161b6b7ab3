//! The tenant's registry in every format, as one ZIP archive, and one
//! base's entry in one format.
//!
//! ```text
//! LISEZMOI.txt                          the report and the files to add, replace, delete
//! apereo/<name>-<id>.json               one Apereo CAS service per base
//! keycloak/<name>.json                  one Keycloak client per base
//! keycloak/realm-clients.json           every client, for a partial realm import
//! django-cas-server/pronote-services.json  the fixture (loaddata)
//! pronote-services.csv                  the generic CSV
//! ```

use std::fmt::Write as _;
use std::io::Write;

use super::diff::FileActions;
use super::{Registry, ReportLevel, ServiceEntry, ZipWriter, apereo, csv, django, keycloak};

/// A format one base's entry can be downloaded in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Apereo,
    Keycloak,
    Django,
    Csv,
}

impl Format {
    pub const ALL: [Format; 4] = [
        Format::Apereo,
        Format::Keycloak,
        Format::Django,
        Format::Csv,
    ];

    /// The name used in URLs and the API: `apereo`, `keycloak`, `django`, `csv`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Apereo => "apereo",
            Format::Keycloak => "keycloak",
            Format::Django => "django",
            Format::Csv => "csv",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.as_str() == raw.trim())
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv; charset=utf-8",
            _ => "application/json",
        }
    }
}

/// One entry in `format`: its file name and bytes.
pub fn render_one(entry: &ServiceEntry, format: Format) -> (String, Vec<u8>) {
    match format {
        Format::Apereo => (apereo::file_name(entry), apereo::to_bytes(entry)),
        Format::Keycloak => (keycloak::file_name(entry), keycloak::to_bytes(entry)),
        Format::Django => (
            format!("{}.django.json", entry.name),
            django::to_bytes(std::slice::from_ref(entry)),
        ),
        Format::Csv => (
            format!("{}.csv", entry.name),
            csv::to_bytes(std::slice::from_ref(entry)),
        ),
    }
}

/// The report and the file actions, as the archive's `LISEZMOI.txt`.
pub fn readme(registry: &Registry, actions: Option<&FileActions>) -> String {
    let mut text = String::new();
    let _ = writeln!(
        text,
        "Registre des services CAS des bases PRONOTE — {} service(s).\r",
        registry.entries.len()
    );
    let skipped: Vec<_> = registry
        .report
        .iter()
        .filter(|l| l.level == ReportLevel::Skipped)
        .collect();
    let notes: Vec<_> = registry
        .report
        .iter()
        .filter(|l| l.level == ReportLevel::Note)
        .collect();
    if !skipped.is_empty() {
        let _ = writeln!(text, "\r\nBases sans service ({}) :\r", skipped.len());
        for line in skipped {
            let _ = writeln!(text, "- [{}] {}\r", line.code, line.message);
        }
    }
    if !notes.is_empty() {
        let _ = writeln!(text, "\r\nÀ savoir :\r");
        for line in notes {
            let _ = writeln!(text, "- [{}] {}\r", line.code, line.message);
        }
    }
    if let Some(actions) = actions {
        for (title, files) in [
            ("Fichiers à ajouter", &actions.add),
            ("Fichiers à remplacer", &actions.replace),
            ("Fichiers à supprimer", &actions.delete),
        ] {
            let _ = writeln!(text, "\r\n{title} ({}) :\r", files.len());
            for file in files {
                let _ = writeln!(text, "- apereo/{file}\r");
            }
        }
    }
    text
}

/// Writes the archive of `registry` into `out` (see the module's layout).
pub fn write<W: Write>(
    out: W,
    registry: &Registry,
    actions: Option<&FileActions>,
) -> std::io::Result<W> {
    let mut zip = ZipWriter::new(out);
    zip.add("LISEZMOI.txt", readme(registry, actions).as_bytes())?;
    for entry in &registry.entries {
        zip.add(
            &format!("apereo/{}", apereo::file_name(entry)),
            &apereo::to_bytes(entry),
        )?;
    }
    for entry in &registry.entries {
        zip.add(
            &format!("keycloak/{}", keycloak::file_name(entry)),
            &keycloak::to_bytes(entry),
        )?;
    }
    zip.add(
        "keycloak/realm-clients.json",
        &keycloak::realm_import(&registry.entries),
    )?;
    zip.add(
        &format!("django-cas-server/{}", django::FILE_NAME),
        &django::to_bytes(&registry.entries),
    )?;
    zip.add(csv::FILE_NAME, &csv::to_bytes(&registry.entries))?;
    zip.finish()
}
