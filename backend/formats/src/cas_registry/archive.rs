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
use std::io::{BufWriter, Cursor, Write};

use zip::write::{PreparedZipFile, SimpleFileOptions, ZipFileBuilder};
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

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

/// Services per batch: each of two threads renders and deflates half a
/// batch into an archive of its own in memory, then the writer copies
/// those archives' entries into the output, in order.
const BATCH: usize = 512;

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

/// A file deflated as it is written (buffered: the formats write many
/// small pieces).
fn deflating(name: &str) -> std::io::Result<BufWriter<ZipFileBuilder>> {
    Ok(BufWriter::with_capacity(
        64 * 1024,
        ZipFileBuilder::new(name, options())?,
    ))
}

fn finish(file: BufWriter<ZipFileBuilder>) -> std::io::Result<PreparedZipFile> {
    let builder = file.into_inner().map_err(|e| e.into_error())?;
    Ok(builder.finish()?)
}

/// Half a batch of services, rendered and deflated: an archive holding
/// each service's Apereo then Keycloak file, and the services' Keycloak
/// clients joined for the realm import.
struct Half {
    archive: Vec<u8>,
    realm: Vec<u8>,
}

/// Renders `entries` into one reused buffer and deflates them with one
/// compressor (a `ZipWriter` keeps its encoder from file to file): a
/// compressor per file cost several hundred KiB to allocate and clear,
/// 20,000 times per export, and the two threads took turns on the
/// allocator for it.
fn render(entries: &[ServiceEntry]) -> std::io::Result<Half> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::with_capacity(entries.len() * 1024)));
    let mut buffer = Vec::with_capacity(4096);
    let mut realm = Vec::with_capacity(entries.len() * 1536);
    for entry in entries {
        buffer.clear();
        apereo::write_to(entry, &mut buffer);
        zip.start_file(
            format!("apereo/{}-{}.json", entry.name, entry.id),
            options(),
        )?;
        zip.write_all(&buffer)?;
        buffer.clear();
        keycloak::write_to(entry, &mut buffer);
        zip.start_file(format!("keycloak/{}.json", entry.name), options())?;
        zip.write_all(&buffer)?;
        if !realm.is_empty() {
            realm.extend_from_slice(b",\n");
        }
        realm.extend_from_slice(buffer.trim_ascii_end());
    }
    Ok(Half {
        archive: zip.finish()?.into_inner(),
        realm,
    })
}

/// Writes the archive of `registry` into `out` (see the module's layout;
/// each service's Apereo then Keycloak file). Services are rendered and
/// deflated by batches of 512 on two threads, then copied in order: the
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
    // The realm import is deflated as the clients come: never whole in
    // memory (about 25 MB for 10,000 bases).
    let mut realm = keycloak::RealmImport::into_writer(deflating("keycloak/realm-clients.json")?);
    for batch in registry.entries.chunks(BATCH) {
        let (first, second) = batch.split_at(batch.len() / 2);
        let (first, second) = two_threads(|| render(first), || render(second))?;
        for half in [first?, second?] {
            if half.realm.is_empty() {
                // An empty half (a batch of one service).
                continue;
            }
            zip.merge_archive(ZipArchive::new(Cursor::new(half.archive))?)?;
            realm.push(&half.realm)?;
        }
    }
    // The fixture, deflated row by row beside the end of the realm import
    // and the CSV.
    let (realm, (django, csv)) = two_threads(
        || finish(realm.finish()?),
        || {
            let django = deflating(&format!("django-cas-server/{}", django::FILE_NAME)).and_then(
                |mut out| {
                    django::write_to(&registry.entries, &mut out)?;
                    finish(out)
                },
            );
            (
                django,
                prepare(csv::FILE_NAME, &csv::to_bytes(&registry.entries)),
            )
        },
    )?;
    zip.add_prepared_file(realm?)?;
    zip.add_prepared_file(django?)?;
    zip.add_prepared_file(csv?)?;
    let mut out = zip.finish()?.into_inner();
    out.flush()?;
    Ok(out)
}

/// Runs `first` here and `second` on another thread.
fn two_threads<A: Send, B: Send>(
    first: impl FnOnce() -> A + Send,
    second: impl FnOnce() -> B + Send,
) -> std::io::Result<(A, B)> {
    std::thread::scope(|scope| {
        let other = scope.spawn(second);
        let first = first();
        let second = other
            .join()
            .map_err(|_| std::io::Error::other("rendu du registre interrompu"))?;
        Ok((first, second))
    })
}
