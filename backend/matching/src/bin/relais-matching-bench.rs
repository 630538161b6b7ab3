//! Bench of the matching engine on synthetic populations (issue 7).
//!
//! ```text
//! relais-matching-bench generate --scale lycee|region|country|N --seed S --out DIR
//! relais-matching-bench run --scale lycee|region|country|N [--seed S] [--threads T] [--per-establishment] [--examples N]
//! relais-matching-bench link --data DIR --out LINKS.csv [--threads T]
//! relais-matching-bench evaluate --truth DIR/truth.csv --links FILE.csv [--data DIR]
//! ```
//!
//! `generate` writes `ent.csv` and `pronote.csv`
//! (`id,scope,population,last_name,first_name,birth_date,related`, dates
//! `YYYY-MM-DD` or empty, related ids `|`-separated) and `truth.csv`
//! (`ent_id,pronote_id`, every pair of records of the same person).
//! `run` generates in memory, matches, and scores the automatic links;
//! `link` does what the Python tools of the comparison do: reads
//! `DIR/ent.csv` and `DIR/pronote.csv`, matches, writes the automatic links
//! (`ent_id,pronote_id`) and prints `SECONDS=` (read + match + write);
//! `evaluate` scores another tool's links (`ent_id,pronote_id`) the same way
//! (see `Quality` for the definitions). The last line of `run` and
//! `evaluate` is a machine-readable `RESULT key=value…` line.
#![allow(
    clippy::indexing_slicing,
    reason = "a measuring tool over its own generated data"
)]

use relais_matching::synthetic::Scale;
use relais_matching::synthetic::dataset::{Dataset, SideData, write_csv};
use relais_matching::synthetic::evaluation::{Report, TruthSide, structural_homonym_links};
use relais_matching::{LinkRule, Options, Population, Record, match_records};
use std::path::{Path, PathBuf};
use std::time::Instant;

#[path = "relais-matching-bench/csv_input.rs"]
mod csv_input;
#[path = "relais-matching-bench/evaluate.rs"]
mod evaluate;
#[path = "relais-matching-bench/examples.rs"]
mod examples;

type Result<T> = std::result::Result<T, String>;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Err(message) = dispatch(&args) {
        eprintln!("error: {message}");
        eprintln!(
            "usage: relais-matching-bench generate --scale S --seed N --out DIR\n       \
             relais-matching-bench run --scale S [--seed N] [--threads T] [--per-establishment] [--examples N]\n       \
             relais-matching-bench link --data DIR --out LINKS.csv [--threads T]\n       \
             relais-matching-bench evaluate --truth FILE --links FILE [--data DIR]"
        );
        std::process::exit(2);
    }
}

struct Args<'a>(&'a [String]);

impl Args<'_> {
    fn value(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .position(|a| a == name)
            .and_then(|i| self.0.get(i + 1))
            .map(String::as_str)
    }
    fn flag(&self, name: &str) -> bool {
        self.0.iter().any(|a| a == name)
    }
    fn scale(&self) -> Result<Scale> {
        let text = self.value("--scale").unwrap_or("lycee");
        Scale::parse(text).ok_or_else(|| format!("unknown scale {text}"))
    }
    fn number(&self, name: &str, default: u64) -> Result<u64> {
        self.value(name).map_or(Ok(default), |v| {
            v.parse().map_err(|_| format!("{name}: not a number: {v}"))
        })
    }
}

fn dispatch(args: &[String]) -> Result<()> {
    let (command, rest) = args.split_first().ok_or("no command")?;
    let a = Args(rest);
    let threads = match a.number("--threads", 0)? as usize {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    };
    match command.as_str() {
        "generate" => {
            let out = PathBuf::from(a.value("--out").ok_or("--out is required")?);
            let (scale, seed) = (a.scale()?, a.number("--seed", 1)?);
            let start = Instant::now();
            let (ent, pronote) = write_csv(&out, seed, scale, threads)
                .map_err(|e| format!("{}: {e}", out.display()))?;
            println!(
                "wrote {} ENT and {} PRONOTE records to {} in {:.1} s",
                ent,
                pronote,
                out.display(),
                start.elapsed().as_secs_f64()
            );
            Ok(())
        }
        "run" => run(
            a.scale()?,
            a.number("--seed", 1)?,
            threads,
            a.flag("--per-establishment"),
            a.number("--examples", 0)? as usize,
        ),
        "link" => link(
            Path::new(a.value("--data").ok_or("--data is required")?),
            Path::new(a.value("--out").ok_or("--out is required")?),
            threads,
        ),
        "evaluate" => evaluate::evaluate(
            Path::new(a.value("--truth").ok_or("--truth is required")?),
            Path::new(a.value("--links").ok_or("--links is required")?),
            a.value("--data").map(Path::new),
        ),
        other => Err(format!("unknown command {other}")),
    }
}

/// Reads the two CSV files of `dir`, matches them and writes the automatic
/// links to `out`, timing each stage: the end-to-end figure compared with
/// the Python tools, which do the same.
fn link(dir: &Path, out: &Path, threads: usize) -> Result<()> {
    let start = Instant::now();
    let read_side = |name: &str| {
        let path = dir.join(name);
        csv_input::Table::read(&path).map_err(|e| format!("{}: {e}", path.display()))
    };
    let (ent, pronote) = if threads >= 2 {
        std::thread::scope(|s| {
            let pronote = s.spawn(|| read_side("pronote.csv"));
            let ent = read_side("ent.csv");
            let pronote = pronote
                .join()
                .unwrap_or_else(|_| Err("the reader of pronote.csv panicked".to_owned()));
            (ent, pronote)
        })
    } else {
        (read_side("ent.csv"), read_side("pronote.csv"))
    };
    let (ent, pronote) = (ent?, pronote?);
    let (ent_records, pronote_records) = if threads >= 2 {
        std::thread::scope(|s| {
            let pronote_records = s.spawn(|| pronote.records());
            let ent_records = ent.records();
            let pronote_records = pronote_records
                .join()
                .map_err(|_| "the builder of the PRONOTE records panicked".to_owned());
            pronote_records.map(|p| (ent_records, p))
        })?
    } else {
        (ent.records(), pronote.records())
    };
    let read = start.elapsed().as_secs_f64();

    let options = Options {
        threads,
        ..Options::default()
    };
    let matching_start = Instant::now();
    let outcome = match_records(&ent_records, &pronote_records, &options);
    let matching = matching_start.elapsed().as_secs_f64();

    let write_start = Instant::now();
    // Each thread formats its share of the links; the shares are written
    // in order.
    let format = |links: &[relais_matching::Link]| {
        let mut text = Vec::with_capacity(links.len() * 40);
        for l in links {
            let (e, p) = (
                ent_records.get(l.ent as usize).map_or("", |r| r.id),
                pronote_records.get(l.pronote as usize).map_or("", |r| r.id),
            );
            csv_input::push_field(&mut text, e);
            text.push(b',');
            csv_input::push_field(&mut text, p);
            text.push(b'\n');
        }
        text
    };
    let share = outcome.links.len().div_ceil(threads.max(1)).max(1);
    let parts: Vec<Vec<u8>> = std::thread::scope(|s| {
        let workers: Vec<_> = outcome
            .links
            .chunks(share)
            .map(|links| s.spawn(move || format(links)))
            .collect();
        workers
            .into_iter()
            .map(|w| {
                w.join()
                    .map_err(|_| "a writer of the links panicked".to_owned())
            })
            .collect::<Result<_>>()
    })?;
    let written = (|| {
        use std::io::Write;
        let mut file = std::fs::File::create(out)?;
        file.write_all(b"ent_id,pronote_id\n")?;
        for part in &parts {
            file.write_all(part)?;
        }
        Ok::<(), std::io::Error>(())
    })();
    written.map_err(|e| format!("{}: {e}", out.display()))?;
    let write = write_start.elapsed().as_secs_f64();
    let seconds = start.elapsed().as_secs_f64();
    let peak = peak_rss();
    let records = (ent_records.len() + pronote_records.len()) as f64;
    println!(
        "read {} ENT and {} PRONOTE records in {read:.3} s; matched in {matching:.3} s on {threads} threads; wrote {} links in {write:.3} s",
        ent_records.len(),
        pronote_records.len(),
        outcome.links.len()
    );
    println!(
        "total {seconds:.3} s, {:.0} records/s; peak RSS {:.1} MiB ({:.1} bytes per record)",
        records / seconds.max(1e-9),
        peak as f64 / 1048576.0,
        peak as f64 / records.max(1.0)
    );
    println!(
        "RESULT ent={} pronote={} links={} reviews={} duplicates={} outcome_digest={:016x} read_seconds={read:.3} match_seconds={matching:.3} write_seconds={write:.3} seconds={seconds:.3} peak_rss_bytes={peak}",
        ent_records.len(),
        pronote_records.len(),
        outcome.links.len(),
        outcome.reviews.len(),
        outcome.duplicates.len(),
        outcome_digest(&outcome)
    );
    println!("SECONDS={seconds:.6}");
    Ok(())
}

/// A digest of everything the engine decided (links with their scores and
/// rules, reviews with their candidates, duplicates), to check that two
/// builds or thread counts decide the same.
fn outcome_digest(outcome: &relais_matching::Outcome) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut add = |x: u64| {
        h = (h ^ x).wrapping_mul(0x0000_0100_0000_01b3).rotate_left(17);
    };
    for l in &outcome.links {
        add(u64::from(l.ent));
        add(u64::from(l.pronote));
        add(u64::from(l.score.to_bits()));
        add(u64::from(l.rule == LinkRule::Exact));
    }
    for r in &outcome.reviews {
        add(u64::from(r.ent));
        add(r.reason as u64);
        for c in &r.candidates {
            add(u64::from(c.pronote));
            add(u64::from(c.score.to_bits()));
        }
    }
    for d in &outcome.duplicates {
        add(d.side as u64);
        for &i in &d.records {
            add(u64::from(i));
        }
    }
    h
}

/// Peak resident memory of this process (VmHWM), in bytes.
fn peak_rss() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<u64>().ok())
        })
        .map_or(0, |kb| kb * 1024)
}

fn run(
    scale: Scale,
    seed: u64,
    threads: usize,
    per_establishment: bool,
    examples: usize,
) -> Result<()> {
    let start = Instant::now();
    let mut ds = Dataset::generate(seed, scale, threads);
    let ent = SideData::records(&ds.ent.store, &ds.ent.rows);
    let pronote = SideData::records(&ds.pronote.store, &ds.pronote.rows);
    // The rows are not needed any more: the records borrow the stores.
    ds.ent.rows = Vec::new();
    ds.pronote.rows = Vec::new();
    let generation = start.elapsed().as_secs_f64();
    let generation_peak = peak_rss();
    println!(
        "scale {} seed {seed}: {} establishments, {} ENT records, {} PRONOTE records, generated in {generation:.2} s",
        scale.name(),
        ds.establishments.len(),
        ent.len(),
        pronote.len()
    );

    let options = Options {
        threads,
        ..Options::default()
    };
    let start = Instant::now();
    let outcome = match_records(&ent, &pronote, &options);
    let seconds = start.elapsed().as_secs_f64();

    // The peak of generation and matching, before the measures allocate.
    let peak = peak_rss();
    let records = (ent.len() + pronote.len()) as f64;
    let per_record = peak as f64 / records.max(1.0);
    let populations = |records: &[Record<'_>]| -> Vec<Population> {
        records.iter().map(|r| r.population).collect()
    };
    let (ent_pop, pronote_pop) = (populations(&ent), populations(&pronote));
    let report = Report::compute(
        &TruthSide {
            truth: &ds.ent.truth,
            population: &ent_pop,
        },
        &TruthSide {
            truth: &ds.pronote.truth,
            population: &pronote_pop,
        },
        outcome.links.iter().map(|l| (l.ent, l.pronote)),
        outcome
            .reviews
            .iter()
            .map(|r| (r.ent, r.candidates.iter().map(|c| c.pronote))),
    );
    let exact = outcome
        .links
        .iter()
        .filter(|l| l.rule == LinkRule::Exact)
        .count();
    let homonyms = structural_homonym_links(
        &ent,
        &pronote,
        outcome.links.iter().map(|l| (l.ent, l.pronote)),
    );
    let review_share = outcome.reviews.len() as f64 / ent.len().max(1) as f64;
    println!(
        "peak RSS after generation {:.1} MiB ({:.1} bytes per record)",
        generation_peak as f64 / 1048576.0,
        generation_peak as f64 / records.max(1.0)
    );
    println!(
        "matching: {seconds:.3} s on {threads} threads, {:.0} records/s",
        records / seconds.max(1e-9)
    );
    let q = &report.quality;
    println!(
        "links: {} ({} exact, {} scored); reviews: {} ({:.2} % of ENT records); duplicate groups: {}",
        q.links,
        exact,
        q.links as usize - exact,
        outcome.reviews.len(),
        review_share * 100.0,
        outcome.duplicates.len()
    );
    println!(
        "precision {:.6}  recall {:.5}  F1 {:.5}  (recall on persons written once per side: {:.5}; one-to-one, a person written twice counted once: {:.5})",
        q.precision(),
        q.recall(),
        q.f1(),
        report.single.recall(),
        report.one_to_one.recall()
    );
    for line in report.lines() {
        println!("{line}");
    }
    println!("homonyms linked automatically: {homonyms} (records with a same-side homonym)");
    println!(
        "peak RSS {:.1} MiB, {per_record:.1} bytes per record (generation and matching)",
        peak as f64 / 1048576.0
    );

    if examples > 0 {
        examples::print(&ds, &ent, &pronote, &outcome, examples);
    }

    let mut latency = String::new();
    if per_establishment {
        let mut ms = per_scope_latencies(&ent, &pronote);
        ms.sort_by(f64::total_cmp);
        let at = |q: f64| {
            ms.get(((ms.len() as f64 - 1.0) * q).round() as usize)
                .copied()
                .unwrap_or(0.0)
        };
        println!(
            "per establishment ({} re-matched one by one): p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
            ms.len(),
            at(0.5),
            at(0.99),
            at(1.0)
        );
        latency = format!(
            " p50_ms={:.3} p99_ms={:.3} max_ms={:.3}",
            at(0.5),
            at(0.99),
            at(1.0)
        );
    }
    println!(
        "RESULT scale={} seed={seed} ent={} pronote={} generation_seconds={generation:.3} seconds={seconds:.3} records_per_second={:.0} {} review_share={review_share:.6} homonyms_auto={homonyms} peak_rss_bytes={peak} bytes_per_record={per_record:.1}{latency}",
        scale.name(),
        ent.len(),
        pronote.len(),
        records / seconds.max(1e-9),
        report.result_fields()
    );
    Ok(())
}

fn with_related<'a>(records: &[Record<'a>], related: &'a [Vec<u32>]) -> Vec<Record<'a>> {
    records
        .iter()
        .zip(related)
        .map(|(r, rel)| Record {
            related: rel.as_slice(),
            ..*r
        })
        .collect()
}

/// Re-matches every scope on its own, as the product does for one
/// establishment, and returns the wall time of each, in ms.
fn per_scope_latencies(ent: &[Record], pronote: &[Record]) -> Vec<f64> {
    let ranges = |records: &[Record]| {
        let mut out: Vec<(u32, usize, usize)> = Vec::new();
        for (i, r) in records.iter().enumerate() {
            match out.last_mut() {
                Some(last) if last.0 == r.scope => last.2 = i + 1,
                _ => out.push((r.scope, i, i + 1)),
            }
        }
        out
    };
    let (re, rp) = (ranges(ent), ranges(pronote));
    let options = Options {
        threads: 1,
        ..Options::default()
    };
    let mut out = Vec::new();
    for &(scope, a, b) in &re {
        let Some(&(_, c, d)) = rp.iter().find(|r| r.0 == scope) else {
            continue;
        };
        // Indices relative to the establishment's own slices.
        let rebase = |records: &[Record], from: usize| -> Vec<Vec<u32>> {
            records
                .iter()
                .map(|r| {
                    r.related
                        .iter()
                        .map(|&i| i.wrapping_sub(from as u32))
                        .collect()
                })
                .collect()
        };
        let (rel_e, rel_p) = (rebase(&ent[a..b], a), rebase(&pronote[c..d], c));
        let (le, lp) = (
            with_related(&ent[a..b], &rel_e),
            with_related(&pronote[c..d], &rel_p),
        );
        let start = Instant::now();
        let outcome = match_records(&le, &lp, &options);
        out.push(start.elapsed().as_secs_f64() * 1000.0);
        std::hint::black_box(outcome);
    }
    out
}
