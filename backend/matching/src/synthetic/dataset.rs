//! Generated scopes gathered compactly (one text arena and one related-index
//! array per side, fixed-size rows), the engine's view of them, and the CSV
//! files read by the Python comparisons (the measures are in
//! [`super::evaluation`]).

use super::kinds::Kind;
use super::people::NO_FAMILY;
use super::{Establishment, GenRecord, Scale, ScopeData, establishments, generate_scope};
use crate::{Population, Record, Sex};
use chrono::NaiveDate;
use std::io::{self, Write};
use std::path::Path;

/// What the generator knows of a record: its person and family (numbered
/// over the whole dataset) and its [`Kind`] bits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Truth {
    pub person: u32,
    /// [`NO_FAMILY`] for staff.
    pub family: u32,
    pub kinds: u32,
}

/// One record; its id, last name and first name follow the previous
/// record's in [`Store::text`], its related indices the previous record's in
/// [`Store::related`], so that no offset is stored (16 bytes a record).
#[derive(Clone, Copy, Debug)]
pub struct Row {
    /// Lengths in bytes of the id, last name and first name.
    lens: [u8; 3],
    population: Population,
    scope: u32,
    /// Days from the common era; `i32::MIN` when unknown.
    date: i32,
    related_len: u8,
    sex: Option<Sex>,
}

/// What the engine's records borrow.
#[derive(Default)]
pub struct Store {
    pub text: String,
    pub related: Vec<u32>,
}

/// One side of a dataset.
#[derive(Default)]
pub struct SideData {
    pub store: Store,
    pub rows: Vec<Row>,
    pub truth: Vec<Truth>,
}

/// A family numbered over the whole dataset: a scope's families follow
/// those of the scopes before, a namesake's family (the local id with its
/// top bit) right after its original's.
fn global_family(base: u32, local: u32) -> u32 {
    if local == NO_FAMILY {
        NO_FAMILY
    } else {
        base + (local & !(1 << 31)) * 2 + (local >> 31)
    }
}

/// The family numbers a scope's records use.
fn family_span(records: &[GenRecord]) -> u32 {
    records
        .iter()
        .filter(|r| r.family != NO_FAMILY)
        .map(|r| (r.family & !(1 << 31)) * 2 + 2)
        .max()
        .unwrap_or(0)
}

impl SideData {
    fn push_scope(
        &mut self,
        scope: u32,
        records: &[GenRecord],
        person_base: u32,
        family_base: u32,
    ) {
        let base = self.rows.len() as u32;
        for r in records {
            let mut push = |s: &str| {
                // Generated names are short; clip at a char boundary anyway.
                let mut end = s.len().min(usize::from(u8::MAX));
                while !s.is_char_boundary(end) {
                    end -= 1;
                }
                self.store.text.push_str(&s[..end]);
                end as u8
            };
            let lens = [push(&r.id), push(&r.last_name), push(&r.first_name)];
            let related_len = r.related.len().min(usize::from(u8::MAX));
            self.store
                .related
                .extend(r.related[..related_len].iter().map(|i| base + i));
            self.rows.push(Row {
                lens,
                population: r.population,
                scope,
                date: r.birth_date.map_or(i32::MIN, days),
                related_len: related_len as u8,
                sex: r.sex,
            });
            self.truth.push(Truth {
                person: person_base + r.person,
                family: global_family(family_base, r.family),
                kinds: r.kinds,
            });
        }
    }

    /// The engine's view; it borrows only the store, so that the rows can
    /// be dropped afterwards to save memory.
    pub fn records<'a>(store: &'a Store, rows: &[Row]) -> Vec<Record<'a>> {
        let (mut text, mut related) = (0usize, 0usize);
        let mut next = |len: u8| {
            let s = store.text.get(text..text + usize::from(len)).unwrap_or("");
            text += usize::from(len);
            s
        };
        rows.iter()
            .map(|row| {
                let id = next(row.lens[0]);
                let last_name = next(row.lens[1]);
                let first_name = next(row.lens[2]);
                let rel = store
                    .related
                    .get(related..related + usize::from(row.related_len))
                    .unwrap_or(&[]);
                related += usize::from(row.related_len);
                Record {
                    id,
                    scope: row.scope,
                    population: row.population,
                    last_name,
                    first_name,
                    birth_date: (row.date != i32::MIN)
                        .then(|| NaiveDate::from_num_days_from_ce_opt(row.date))
                        .flatten(),
                    related: rel,
                    sex: row.sex,
                }
            })
            .collect()
    }
}

fn days(date: NaiveDate) -> i32 {
    use chrono::Datelike;
    date.num_days_from_ce()
}

/// A whole generated population, both sides.
#[derive(Default)]
pub struct Dataset {
    pub ent: SideData,
    pub pronote: SideData,
    pub establishments: Vec<Establishment>,
}

/// Scopes generated on `threads` threads, handed over in scope order.
pub fn for_each_scope(
    seed: u64,
    ests: &[Establishment],
    threads: usize,
    mut f: impl FnMut(ScopeData),
) {
    let threads = threads.max(1);
    for batch in ests.chunks(threads * 16) {
        let per_thread = batch.len().div_ceil(threads);
        let results: Vec<Vec<ScopeData>> = std::thread::scope(|s| {
            let handles: Vec<_> = batch
                .chunks(per_thread)
                .map(|chunk| {
                    s.spawn(move || {
                        chunk
                            .iter()
                            .map(|e| generate_scope(seed, e))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_default())
                .collect()
        });
        for data in results.into_iter().flatten() {
            f(data);
        }
    }
}

impl Dataset {
    /// Generates `scale` in memory; the same `(seed, scale)` gives the same
    /// dataset whatever `threads`.
    pub fn generate(seed: u64, scale: Scale, threads: usize) -> Dataset {
        let ests = establishments(seed, scale);
        let expected: usize = ests.iter().map(|e| e.pupils as usize * 12 / 5).sum();
        let mut ds = Dataset::default();
        for side in [&mut ds.ent, &mut ds.pronote] {
            side.rows.reserve(expected + expected / 20);
            side.truth.reserve(expected + expected / 20);
            side.store.text.reserve(expected * 30);
            side.store.related.reserve(expected * 3 / 2);
        }
        let (mut persons, mut families) = (0u32, 0u32);
        for_each_scope(seed, &ests, threads, |data| {
            ds.ent.push_scope(data.scope, &data.ent, persons, families);
            ds.pronote
                .push_scope(data.scope, &data.pronote, persons, families);
            persons += data.persons;
            families += family_span(&data.ent).max(family_span(&data.pronote));
        });
        ds.establishments = ests;
        ds
    }
}

/// Writes `ent.csv`, `pronote.csv` and `truth.csv` into `dir` (see the
/// bench's documentation for the columns), one scope at a time.
pub fn write_csv(dir: &Path, seed: u64, scale: Scale, threads: usize) -> io::Result<(u64, u64)> {
    std::fs::create_dir_all(dir)?;
    let open = |name: &str| -> io::Result<io::BufWriter<std::fs::File>> {
        Ok(io::BufWriter::with_capacity(
            1 << 20,
            std::fs::File::create(dir.join(name))?,
        ))
    };
    let (mut ent, mut pronote, mut truth, mut meta) = (
        open("ent.csv")?,
        open("pronote.csv")?,
        open("truth.csv")?,
        open("meta.csv")?,
    );
    const HEADER: &str = "id,scope,population,last_name,first_name,birth_date,related,sex\n";
    ent.write_all(HEADER.as_bytes())?;
    pronote.write_all(HEADER.as_bytes())?;
    truth.write_all(b"ent_id,pronote_id\n")?;
    meta.write_all(b"side,id,person,family,kinds\n")?;
    let mut counts = (0u64, 0u64);
    let (mut persons, mut families) = (0u32, 0u32);
    let mut result = Ok(());
    let ests = establishments(seed, scale);
    for_each_scope(seed, &ests, threads, |data| {
        if result.is_err() {
            return;
        }
        counts.0 += data.ent.len() as u64;
        counts.1 += data.pronote.len() as u64;
        result = write_scope(&data, &mut ent, &mut pronote, &mut truth)
            .and_then(|()| write_meta(&data, persons, families, &mut meta));
        persons += data.persons;
        families += family_span(&data.ent).max(family_span(&data.pronote));
    });
    result?;
    ent.flush()?;
    pronote.flush()?;
    truth.flush()?;
    meta.flush()?;
    Ok(counts)
}

fn write_scope<'w>(
    data: &ScopeData,
    ent: &'w mut dyn Write,
    pronote: &'w mut dyn Write,
    truth: &mut dyn Write,
) -> io::Result<()> {
    for (records, out) in [(&data.ent, ent), (&data.pronote, pronote)] {
        for r in records {
            let related: Vec<&str> = r
                .related
                .iter()
                .filter_map(|&i| records.get(i as usize).map(|x| x.id.as_str()))
                .collect();
            let date = r
                .birth_date
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default();
            writeln!(
                out,
                "{},{},{},{},{},{},{},{}",
                csv_field(&r.id),
                data.scope,
                r.population.code(),
                csv_field(&r.last_name),
                csv_field(&r.first_name),
                date,
                csv_field(&related.join("|")),
                r.sex.map_or("", Sex::code)
            )?;
        }
    }
    let mut by_person: Vec<(u32, bool, &str)> = data
        .ent
        .iter()
        .map(|r| (r.person, false, r.id.as_str()))
        .chain(data.pronote.iter().map(|r| (r.person, true, r.id.as_str())))
        .collect();
    by_person.sort_unstable();
    for run in by_person.chunk_by(|a, b| a.0 == b.0) {
        let split = run.partition_point(|r| !r.1);
        for e in &run[..split] {
            for p in &run[split..] {
                writeln!(truth, "{},{}", csv_field(e.2), csv_field(p.2))?;
            }
        }
    }
    Ok(())
}

/// `meta.csv`: per record of either side, its person and family (numbered
/// over the dataset, family empty for staff) and its kinds (names joined by
/// `|`), for the per-kind measures of any tool's links.
fn write_meta(
    data: &ScopeData,
    person_base: u32,
    family_base: u32,
    out: &mut dyn Write,
) -> io::Result<()> {
    for (side, records) in [("ent", &data.ent), ("pronote", &data.pronote)] {
        for r in records {
            let family = global_family(family_base, r.family);
            let family = if family == NO_FAMILY {
                String::new()
            } else {
                family.to_string()
            };
            let kinds: Vec<&str> = Kind::ALL
                .into_iter()
                .filter(|k| k.in_mask(r.kinds))
                .map(Kind::name)
                .collect();
            writeln!(
                out,
                "{side},{},{},{family},{}",
                csv_field(&r.id),
                person_base + r.person,
                kinds.join("|")
            )?;
        }
    }
    Ok(())
}

/// RFC 4180: quoted when it holds a comma, a quote or a line break.
pub fn csv_field(value: &str) -> std::borrow::Cow<'_, str> {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\"")).into()
    } else {
        value.into()
    }
}
