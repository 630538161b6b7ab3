//! The tenant's registry in every format, as one ZIP archive, and one
//! base's entry in one format.
//!
//! ```text
//! LISEZMOI.txt                          the report and the files to add, replace, delete
//! apereo/<name>-<id>.json               one Apereo CAS service per base, each followed by
//! keycloak/<name>.json                  its Keycloak client
//! keycloak/realm-clients.json           every client, for a partial realm import
//! django-cas-server/pronote-services.json  the fixture (loaddata)
//! pronote-services.csv                  the generic CSV
//! ```

use std::fmt::Write as _;
use std::io::Write;

use zip::write::{PreparedZipFile, SimpleFileOptions};
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::diff::FileActions;
use super::{Registry, ReportLevel, ServiceEntry, apereo, csv, django, keycloak};

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

/// Services rendered and deflated per batch, on two threads.
const BATCH: usize = 256;

/// Every entry's options: deflated at the fast level (the archive is made
/// on request), `rw-r--r--`, and a fixed modification time (1980-01-01
/// 00:00) so one registry always gives the same bytes.
fn options() -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(1))
        .last_modified_time(DateTime::DEFAULT)
        .unix_permissions(0o644)
}

/// The file `name` holding `data`, deflated.
fn prepare(name: &str, data: &[u8]) -> std::io::Result<PreparedZipFile> {
    Ok(PreparedZipFile::from_data(name, options(), data)?)
}

/// One service's two files, deflated, and its Keycloak client for the
/// realm import.
struct Rendered {
    apereo: PreparedZipFile,
    keycloak: PreparedZipFile,
    keycloak_raw: Vec<u8>,
}

fn render(entries: &[ServiceEntry]) -> std::io::Result<Vec<Rendered>> {
    entries
        .iter()
        .map(|entry| {
            let keycloak_raw = keycloak::to_bytes(entry);
            Ok(Rendered {
                apereo: prepare(
                    &format!("apereo/{}", apereo::file_name(entry)),
                    &apereo::to_bytes(entry),
                )?,
                keycloak: prepare(
                    &format!("keycloak/{}", keycloak::file_name(entry)),
                    &keycloak_raw,
                )?,
                keycloak_raw,
            })
        })
        .collect()
}

/// Writes the archive of `registry` into `out` (see the module's layout;
/// each service's Apereo then Keycloak file). Services are rendered and
/// deflated by batches of 256 on two threads, then written in order: the
/// bytes do not depend on the threads. `out` need not seek: the entries
/// are deflated before they are written, so their sizes are known.
pub fn write<W: Write>(
    out: W,
    registry: &Registry,
    actions: Option<&FileActions>,
) -> std::io::Result<W> {
    let mut zip = ZipWriter::new_stream(out);
    zip.add_prepared_file(prepare(
        "LISEZMOI.txt",
        readme(registry, actions).as_bytes(),
    )?)?;
    let mut realm = keycloak::RealmImport::new();
    for batch in registry.entries.chunks(BATCH) {
        let (first, second) = batch.split_at(batch.len() / 2);
        let (first, second) = std::thread::scope(|scope| {
            let other = scope.spawn(|| render(second));
            let first = render(first);
            let second = other
                .join()
                .unwrap_or_else(|_| Err(std::io::Error::other("rendu du registre interrompu")));
            (first, second)
        });
        for rendered in first?.into_iter().chain(second?) {
            zip.add_prepared_file(rendered.apereo)?;
            zip.add_prepared_file(rendered.keycloak)?;
            realm.push(&rendered.keycloak_raw);
        }
    }
    zip.add_prepared_file(prepare("keycloak/realm-clients.json", &realm.finish())?)?;
    zip.add_prepared_file(prepare(
        &format!("django-cas-server/{}", django::FILE_NAME),
        &django::to_bytes(&registry.entries),
    )?)?;
    zip.add_prepared_file(prepare(csv::FILE_NAME, &csv::to_bytes(&registry.entries))?)?;
    let mut out = zip.finish()?.into_inner();
    out.flush()?;
    Ok(out)
}
