//! Generated scopes gathered compactly (one text arena and one related-index
//! array per side, fixed-size rows), the engine's view of them, the CSV
//! files read by the Python comparisons, and the quality measures shared by
//! every way of scoring links.

use super::{Establishment, GenRecord, Scale, ScopeData, establishments, generate_scope};
use crate::{Population, Record};
use chrono::NaiveDate;
use std::io::{self, Write};
use std::path::Path;

/// Set on a truth entry when the person has a homonym (see
/// [`GenRecord::homonym`]).
pub const HOMONYM_BIT: u32 = 1 << 31;

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
    /// Per record: the person (numbered over the whole dataset), with
    /// [`HOMONYM_BIT`].
    pub truth: Vec<u32>,
}

impl SideData {
    fn push_scope(&mut self, scope: u32, records: &[GenRecord], person_base: u32) {
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
            });
            let homonym = if r.homonym { HOMONYM_BIT } else { 0 };
            self.truth.push((person_base + r.person) | homonym);
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
        let mut persons = 0u32;
        for_each_scope(seed, &ests, threads, |data| {
            ds.ent.push_scope(data.scope, &data.ent, persons);
            ds.pronote.push_scope(data.scope, &data.pronote, persons);
            persons += data.persons;
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
    let (mut ent, mut pronote, mut truth) =
        (open("ent.csv")?, open("pronote.csv")?, open("truth.csv")?);
    const HEADER: &str = "id,scope,population,last_name,first_name,birth_date,related\n";
    ent.write_all(HEADER.as_bytes())?;
    pronote.write_all(HEADER.as_bytes())?;
    truth.write_all(b"ent_id,pronote_id\n")?;
    let mut counts = (0u64, 0u64);
    let mut result = Ok(());
    let ests = establishments(seed, scale);
    for_each_scope(seed, &ests, threads, |data| {
        if result.is_err() {
            return;
        }
        counts.0 += data.ent.len() as u64;
        counts.1 += data.pronote.len() as u64;
        result = write_scope(&data, &mut ent, &mut pronote, &mut truth);
    });
    result?;
    ent.flush()?;
    pronote.flush()?;
    truth.flush()?;
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
                "{},{},{},{},{},{},{}",
                csv_field(&r.id),
                data.scope,
                r.population.code(),
                csv_field(&r.last_name),
                csv_field(&r.first_name),
                date,
                csv_field(&related.join("|"))
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

/// RFC 4180: quoted when it holds a comma, a quote or a line break.
pub fn csv_field(value: &str) -> std::borrow::Cow<'_, str> {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\"")).into()
    } else {
        value.into()
    }
}

/// Quality of automatic links against the ground truth, defined once for
/// every tool compared:
/// - a link is correct when `(ent, pronote)` is a pair of the truth (the
///   same person; a duplicated person gives several pairs);
/// - precision = correct links / links;
/// - recall = correct links / ENT records having at least one true partner
///   (each ENT record is linked at most once, so recall ≤ 1);
/// - F1 = 2·P·R / (P + R).
///
/// When a tool links one ENT record to several PRONOTE records, each link
/// counts for precision, the ENT record once for recall (`recalled`).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Quality {
    pub links: u64,
    pub correct: u64,
    /// ENT records with at least one correct link.
    pub recalled: u64,
    pub ent_with_partner: u64,
}

impl Quality {
    pub fn precision(&self) -> f64 {
        if self.links == 0 {
            1.0
        } else {
            self.correct as f64 / self.links as f64
        }
    }
    pub fn recall(&self) -> f64 {
        if self.ent_with_partner == 0 {
            1.0
        } else {
            self.recalled as f64 / self.ent_with_partner as f64
        }
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// Per ENT record, whether a PRONOTE record of the same person exists.
pub fn ent_with_partner(ds: &Dataset) -> Vec<bool> {
    let persons = ds
        .ent
        .truth
        .iter()
        .chain(&ds.pronote.truth)
        .map(|t| (t & !HOMONYM_BIT) as usize + 1)
        .max()
        .unwrap_or(0);
    let mut in_pronote = vec![false; persons];
    for t in &ds.pronote.truth {
        in_pronote[(t & !HOMONYM_BIT) as usize] = true;
    }
    ds.ent
        .truth
        .iter()
        .map(|t| in_pronote[(t & !HOMONYM_BIT) as usize])
        .collect()
}

/// Automatic links that join a record holding a homonym on its own side:
/// another record of the same scope and population with the same
/// normalised names and a compatible birth date (equal, or one missing).
/// What the engine must never link (BRIEF §5); counted from the records
/// alone, so that any tool's links can be checked.
pub fn structural_homonym_links(
    ent: &[Record],
    pronote: &[Record],
    links: impl IntoIterator<Item = (u32, u32)>,
) -> u64 {
    // 16 bytes a record: a 64-bit hash of (scope, population, names) stands
    // for the names; a collision could only over-count.
    let flags = |records: &[Record]| -> Vec<bool> {
        let mut keys: Vec<(u64, i32, u32)> = (0u32..)
            .zip(records)
            .filter_map(|(i, r)| {
                let (last, first) = (
                    crate::normalise::compound_key(r.last_name),
                    crate::normalise::compound_key(r.first_name),
                );
                if last.is_empty() && first.is_empty() {
                    return None;
                }
                let mut h = std::hash::DefaultHasher::new();
                std::hash::Hash::hash(&(r.scope, r.population, last, first), &mut h);
                let date = r.birth_date.map_or(i32::MIN, days);
                Some((std::hash::Hasher::finish(&h), date, i))
            })
            .collect();
        keys.sort_unstable();
        let mut flagged = vec![false; records.len()];
        for run in keys.chunk_by(|a, b| a.0 == b.0) {
            // Sorted by date: unknown dates (i32::MIN) come first.
            let missing = run.len() > 1 && run[0].1 == i32::MIN;
            for (i, k) in run.iter().enumerate() {
                let same_date = |j: usize| j != i && run.get(j).is_some_and(|o| o.1 == k.1);
                if missing || same_date(i.wrapping_sub(1)) || same_date(i + 1) {
                    flagged[k.2 as usize] = true;
                }
            }
        }
        flagged
    };
    let (e_flags, p_flags) = (flags(ent), flags(pronote));
    links
        .into_iter()
        .filter(|&(e, p)| {
            e_flags.get(e as usize).copied().unwrap_or(false)
                || p_flags.get(p as usize).copied().unwrap_or(false)
        })
        .count() as u64
}
