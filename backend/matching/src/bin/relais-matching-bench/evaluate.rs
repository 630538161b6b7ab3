//! `evaluate`: scores any tool's links file against the generator's truth,
//! with the same definitions as `run` (`synthetic::evaluation`). With
//! `--data DIR`, the records (`ent.csv`, `pronote.csv`) and the generator's
//! `meta.csv` give the per-kind table, the wrong links by relation and the
//! structural homonym count; without it, only `truth.csv` is read.

use super::Result;
use super::csv_input::Table;
use relais_matching::Population;
use relais_matching::synthetic::dataset::Truth;
use relais_matching::synthetic::evaluation::{
    Quality, Report, TruthSide, harmonic, structural_homonym_links,
};
use relais_matching::synthetic::kinds::Kind;
use relais_matching::synthetic::people::NO_FAMILY;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// One RFC 4180 line split into fields (no line breaks inside fields: the
/// files compared here have none).
pub fn csv_fields(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.trim_end_matches(['\r', '\n']).chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                if let Some(f) = fields.last_mut() {
                    f.push('"');
                }
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(String::new()),
            (c, _) => {
                if let Some(f) = fields.last_mut() {
                    f.push(c);
                }
            }
        }
    }
    fields
}

fn read_pairs(path: &Path) -> Result<Vec<(String, String)>> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(text
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| {
            let mut f = csv_fields(l).into_iter();
            Some((f.next()?, f.next()?))
        })
        .collect())
}

pub fn evaluate(truth: &Path, links: &Path, data: Option<&Path>) -> Result<()> {
    let link_pairs = read_pairs(links)?;
    let unique_links: HashSet<(&str, &str)> = link_pairs
        .iter()
        .map(|(e, p)| (e.as_str(), p.as_str()))
        .collect();
    match data {
        Some(dir) if dir.join("meta.csv").exists() => with_meta(dir, &unique_links),
        _ => truth_only(truth, &unique_links),
    }
}

/// Truth and kinds per record of `meta.csv`, in the order of the side's
/// CSV file.
fn read_meta(
    dir: &Path,
    ent_index: &HashMap<&str, u32>,
    pronote_index: &HashMap<&str, u32>,
) -> Result<[Vec<Truth>; 2]> {
    let path = dir.join("meta.csv");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = [
        vec![Truth::default(); ent_index.len()],
        vec![Truth::default(); pronote_index.len()],
    ];
    // Persons without a record on the other side must not meet by
    // accident: the defaults get persons of their own.
    let mut fresh = u32::MAX / 2;
    for side in &mut out {
        for t in side.iter_mut() {
            t.person = fresh;
            t.family = NO_FAMILY;
            fresh += 1;
        }
    }
    for line in text.lines().skip(1) {
        let f = csv_fields(line);
        let [side, id, person, family, kinds] = f.as_slice() else {
            continue;
        };
        let (side, index) = match side.as_str() {
            "ent" => (0, ent_index),
            "pronote" => (1, pronote_index),
            _ => continue,
        };
        let Some(&i) = index.get(id.as_str()) else {
            continue;
        };
        out[side][i as usize] = Truth {
            person: person
                .parse()
                .map_err(|_| format!("meta.csv: person {person}"))?,
            family: if family.is_empty() {
                NO_FAMILY
            } else {
                family
                    .parse()
                    .map_err(|_| format!("meta.csv: family {family}"))?
            },
            kinds: kinds
                .split('|')
                .filter_map(Kind::from_name)
                .fold(0, |m, k| m | k.bit()),
        };
    }
    Ok(out)
}

fn with_meta(dir: &Path, links: &HashSet<(&str, &str)>) -> Result<()> {
    let read = |name: &str| {
        let path = dir.join(name);
        Table::read(&path).map_err(|e| format!("{}: {e}", path.display()))
    };
    let (ent_table, pronote_table) = (read("ent.csv")?, read("pronote.csv")?);
    let (ent, pronote) = (ent_table.records(), pronote_table.records());
    fn index<'a>(records: &[relais_matching::Record<'a>]) -> HashMap<&'a str, u32> {
        records
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id, i as u32))
            .collect()
    }
    let (ie, ip) = (index(&ent), index(&pronote));
    let [ent_truth, pronote_truth] = read_meta(dir, &ie, &ip)?;
    let pairs: Vec<(u32, u32)> = links
        .iter()
        .filter_map(|(e, p)| Some((*ie.get(e)?, *ip.get(p)?)))
        .collect();
    let populations = |records: &[relais_matching::Record<'_>]| -> Vec<Population> {
        records.iter().map(|r| r.population).collect()
    };
    let (ent_pop, pronote_pop) = (populations(&ent), populations(&pronote));
    let report = Report::compute(
        &TruthSide {
            truth: &ent_truth,
            population: &ent_pop,
        },
        &TruthSide {
            truth: &pronote_truth,
            population: &pronote_pop,
        },
        pairs.iter().copied(),
        std::iter::empty::<(u32, Vec<u32>)>(),
    );
    let homonyms = structural_homonym_links(&ent, &pronote, pairs.iter().copied());
    let q = &report.quality;
    println!(
        "{} links, {} correct; {} ENT records with a true partner",
        q.links, q.correct, q.ent_with_partner
    );
    println!(
        "precision {:.6}  recall {:.5}  F1 {:.5}",
        q.precision(),
        q.recall(),
        q.f1()
    );
    for line in report.lines() {
        println!("{line}");
    }
    println!("homonyms linked automatically: {homonyms} (records with a same-side homonym)");
    println!(
        "RESULT links={} {} homonyms_auto={homonyms}",
        q.links,
        report.result_fields()
    );
    Ok(())
}

fn truth_only(truth: &Path, links: &HashSet<(&str, &str)>) -> Result<()> {
    let truth_pairs = read_pairs(truth)?;
    let truth_set: HashSet<(&str, &str)> = truth_pairs
        .iter()
        .map(|(e, p)| (e.as_str(), p.as_str()))
        .collect();
    let with_partner: HashSet<&str> = truth_pairs.iter().map(|(e, _)| e.as_str()).collect();
    let mut q = Quality {
        links: links.len() as u64,
        ent_with_partner: with_partner.len() as u64,
        ..Quality::default()
    };
    let mut recalled: HashSet<&str> = HashSet::new();
    for pair in links {
        if truth_set.contains(pair) {
            q.correct += 1;
            recalled.insert(pair.0);
        }
    }
    q.recalled = recalled.len() as u64;
    println!(
        "{} links, {} correct; {} ENT records with a true partner",
        q.links, q.correct, q.ent_with_partner
    );
    println!(
        "precision {:.6}  recall {:.5}  F1 {:.5}",
        q.precision(),
        q.recall(),
        q.f1()
    );
    println!(
        "RESULT links={} precision={:.6} recall={:.6} f1={:.6}",
        q.links,
        q.precision(),
        q.recall(),
        harmonic(q.precision(), q.recall())
    );
    Ok(())
}
