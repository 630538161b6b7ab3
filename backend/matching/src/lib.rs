//! The account-matching engine (rapprochement, docs/domain.md §5): pure functions,
//! no I/O, deterministic.
//!
//! [`match_records`] links ENT accounts to PRONOTE users of the same scope
//! (PRONOTE base) and population. An exact pass on the normalised identity
//! (last name, first name, birth date) comes first; then candidates found by
//! blocking are scored (names, first/last swap, compound names, married
//! names, usual first names, near dates, guardian ↔ pupil relations). A
//! link is automatic only when one candidate clearly wins on both sides
//! and nothing makes it a guess: homonyms, near-ties, duplicates, twins and
//! namesakes competing, a guardian known by its names alone, two parents
//! alike, staff of two populations go to review (docs/domain.md §5: "homonyms (never
//! link automatically)"; issue 19; the rules are in `docs/domain.md`,
//! « Rapprochement »).
#![allow(
    clippy::indexing_slicing,
    reason = "the engine indexes its own arrays by positions it built (records, blocks, scores): checked once by construction, not at each access in the hot loops"
)]

pub mod normalise;
mod scope;
pub mod similarity;
pub mod synthetic;

use chrono::NaiveDate;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The populations matched one step at a time (docs/domain.md §5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Population {
    Eleves,
    Inspecteurs,
    MaitresDeStage,
    Parents,
    Personnels,
    Professeurs,
}

impl Population {
    /// Every population, in declaration order.
    pub const ALL: [Population; 6] = [
        Population::Eleves,
        Population::Inspecteurs,
        Population::MaitresDeStage,
        Population::Parents,
        Population::Personnels,
        Population::Professeurs,
    ];

    /// The upper-case code used in exchange files (`ELEVES`, `PARENTS`…).
    pub fn code(self) -> &'static str {
        match self {
            Population::Eleves => "ELEVES",
            Population::Inspecteurs => "INSPECTEURS",
            Population::MaitresDeStage => "MAITRES_DE_STAGE",
            Population::Parents => "PARENTS",
            Population::Personnels => "PERSONNELS",
            Population::Professeurs => "PROFESSEURS",
        }
    }

    /// The population of a [`Population::code`].
    pub fn from_code(code: &str) -> Option<Population> {
        Population::ALL.into_iter().find(|p| p.code() == code)
    }
}

/// One account (ENT side) or user (PRONOTE side), borrowed from the caller.
#[derive(Clone, Copy, Debug)]
pub struct Record<'a> {
    /// Opaque ENT identifier or 16-character PRONOTE identifier; used only to
    /// order candidates deterministically.
    pub id: &'a str,
    /// Only records of equal scope (PRONOTE base) can match.
    pub scope: u32,
    pub population: Population,
    pub last_name: &'a str,
    pub first_name: &'a str,
    pub birth_date: Option<NaiveDate>,
    /// Indices, in the same slice, of related records: a guardian's pupils,
    /// a pupil's guardians. Out-of-range indices are ignored.
    pub related: &'a [u32],
    /// The person's sex when the source gives it, `None` when unknown: the
    /// ENT's file A carries a guardian's civility (`Civilite`, `M.` /
    /// `Mme`) and a pupil's `Sexe`, both optional; PRONOTE's identifiers
    /// export (file B) carries neither. Two records of known, different
    /// sexes are never linked; a man is not read as a maiden and a married
    /// name (docs/domain.md, « Rapprochement », fifth pass).
    pub sex: Option<Sex>,
}

/// A person's sex, from a guardian's civility (`M.` / `Mme`) or a pupil's
/// `Sexe` (`Masculin` / `Feminin`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Sex {
    Male,
    Female,
}

impl Sex {
    /// The one-letter code of the bench's CSV files: `M` or `F`.
    pub fn code(self) -> &'static str {
        match self {
            Sex::Male => "M",
            Sex::Female => "F",
        }
    }

    /// The sex of a [`Sex::code`]; anything else is unknown.
    pub fn from_code(code: &str) -> Option<Sex> {
        match code {
            "M" => Some(Sex::Male),
            "F" => Some(Sex::Female),
            _ => None,
        }
    }
}

/// Thresholds of the decisions. Scores are in `0..=1`.
#[derive(Clone, Debug)]
pub struct Options {
    /// A candidate at or above this score may be linked automatically.
    pub auto_threshold: f32,
    /// Candidates below this score are not worth a human look.
    pub review_threshold: f32,
    /// How far ahead of the runner-up, on both sides, the best candidate
    /// must be to be linked automatically.
    pub margin: f32,
    /// Candidates listed in a review, best first.
    pub max_candidates: usize,
    /// Worker threads (scopes are shared among them); 0 = the machine's
    /// parallelism. The outcome does not depend on it.
    pub threads: usize,
    /// A blocking group yielding more candidate pairs than this is skipped
    /// (its records stay reachable through their other keys), so that a
    /// hostile or degenerate input cannot make the work quadratic.
    pub max_block_pairs: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            auto_threshold: 0.9,
            review_threshold: 0.7,
            margin: 0.05,
            max_candidates: 5,
            threads: 0,
            max_block_pairs: 4096,
        }
    }
}

/// What [`match_records`] decided.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outcome {
    /// Automatic links, sorted by ENT index; each ENT and each PRONOTE index
    /// appears at most once.
    pub links: Vec<Link>,
    /// ENT records a person must look at, sorted by ENT index.
    pub reviews: Vec<Review>,
    /// Records that look like the same person twice on one side, sorted by
    /// side then indices.
    pub duplicates: Vec<Duplicate>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Link {
    pub ent: u32,
    pub pronote: u32,
    /// In `0..=1`.
    pub score: f32,
    pub rule: LinkRule,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkRule {
    /// Same normalised last name, first name and birth date (or no birth
    /// date on either side).
    Exact,
    /// A scored candidate that clearly won on both sides.
    Scored,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Review {
    pub ent: u32,
    /// Best first (ties by PRONOTE id, then index).
    pub candidates: Vec<Candidate>,
    pub reason: ReviewReason,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Candidate {
    pub pronote: u32,
    pub score: f32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReviewReason {
    /// The same normalised identity (names, compatible birth dates) is held
    /// by two or more records of one side, or a twin, a namesake or the
    /// other parent competes with the best candidate: never linked
    /// automatically.
    Homonym,
    /// Another candidate is too close to the best one, on one side or the
    /// other.
    NearTie,
    /// The best candidate is below the automatic threshold, or is only
    /// ever reviewed (a guardian without a shared pupil, staff of two
    /// populations, a maiden and a married name): its score is then kept
    /// below the threshold.
    LowScore,
    /// The best candidate is already claimed, as strongly, by another ENT
    /// record: one of the two is likely a duplicate account.
    Duplicate,
}

/// Records of one side that look like the same person.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Duplicate {
    pub side: Side,
    /// Indices in that side's slice, ascending.
    pub records: Vec<u32>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Side {
    Ent,
    Pronote,
}

/// Links `ent` records to `pronote` records (docs/domain.md §5). Pure and
/// deterministic: the same inputs give the same outcome, whatever the number
/// of threads. Records are only compared within the same scope and
/// population.
pub fn match_records(ent: &[Record], pronote: &[Record], options: &Options) -> Outcome {
    let ent_order = order_by_scope(ent);
    let pronote_order = order_by_scope(pronote);
    let groups = scope_groups(&ent_order, &pronote_order);

    let threads = match options.threads {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    }
    .clamp(1, groups.len().max(1));

    // The ENT gives its guardians' civilities; PRONOTE none.
    let first_names = scope::FirstNameSexes::read(ent, threads);
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<scope::Partial>> = Mutex::new(Vec::new());
    let work = || {
        let mut matcher = scope::Matcher::new(ent, pronote, options, &first_names);
        let mut partial = scope::Partial::default();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(&(e_range, p_range)) = groups.get(i) else {
                break;
            };
            matcher.run(
                &ent_order[e_range.0..e_range.1],
                &pronote_order[p_range.0..p_range.1],
                &mut partial,
            );
        }
        // Each worker sorts its own share (in parallel); the shares are
        // then merged as sorted runs.
        partial.links.sort_unstable_by_key(|l| l.ent);
        partial.reviews.sort_unstable_by_key(|r| r.ent);
        partial.duplicates.sort_unstable();
        partial.duplicates.dedup();
        // A poisoned lock only means another worker panicked; keep its data.
        results
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push(partial);
    };
    if threads == 1 {
        work();
    } else {
        std::thread::scope(|s| {
            for _ in 0..threads {
                s.spawn(work);
            }
        });
    }
    drop(ent_order);
    drop(pronote_order);

    let partials = results
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let mut outcome = Outcome {
        links: Vec::with_capacity(partials.iter().map(|p| p.links.len()).sum()),
        reviews: Vec::with_capacity(partials.iter().map(|p| p.reviews.len()).sum()),
        duplicates: Vec::with_capacity(partials.iter().map(|p| p.duplicates.len()).sum()),
    };
    for partial in partials {
        outcome.links.extend(partial.links);
        outcome.reviews.extend(partial.reviews);
        outcome.duplicates.extend(partial.duplicates);
    }
    // Stable sorts find the sorted runs of the workers and merge them. ENT
    // indices are unique among links and among reviews, and duplicates are
    // totally ordered: the order does not depend on the threads.
    outcome.links.sort_by_key(|l| l.ent);
    outcome.reviews.sort_by_key(|r| r.ent);
    outcome.duplicates.sort();
    outcome.duplicates.dedup();
    outcome
}

/// Of records of one side with the same normalised names and birth date
/// (`members`, indices in `records`), the one to match when they are
/// copies of one person, `None` when they may be homonyms (issue 19). Only
/// pupils and guardians, and only when their relations say so: the same
/// relations, some at least (a pupil's guardians, a guardian's pupils:
/// twins never share a first name, a namesake of another family has other
/// guardians or none), which all list one of the copies and no other (the
/// record the family is attached to, the one it uses; two parents of one
/// child both called `Dominique MARTIN` are both listed by the child).
/// Staff have no relations to tell a copy from a namesake, nor which record
/// is used: they stay homonyms. The caller checks names and dates.
pub(crate) fn kept_copy(records: &[Record], members: &[u32]) -> Option<u32> {
    let record = |m: u32| records.get(m as usize);
    let first = record(*members.first()?)?;
    if members.len() < 2 || !matches!(first.population, Population::Eleves | Population::Parents) {
        return None;
    }
    let related = |r: &Record| {
        let mut v = r.related.to_vec();
        v.sort_unstable();
        v.dedup();
        v
    };
    let shared = related(first);
    if shared.is_empty() {
        return None;
    }
    for &m in &members[1..] {
        let r = record(m)?;
        if r.population != first.population || related(r) != shared {
            return None;
        }
    }
    let mut kept = None;
    for &r in &shared {
        let rec = record(r)?;
        let mut listed = members.iter().filter(|m| rec.related.contains(m));
        let (Some(&m), None) = (listed.next(), listed.next()) else {
            return None;
        };
        if kept.is_some_and(|k| k != m) {
            return None;
        }
        kept = Some(m);
    }
    kept
}

/// `(scope << 32) | index` for every record, sorted: records of one scope
/// become one contiguous run, in index order.
fn order_by_scope(records: &[Record]) -> Vec<u64> {
    let mut order: Vec<u64> = (0u64..)
        .zip(records)
        .map(|(i, r)| (u64::from(r.scope) << 32) | i)
        .collect();
    if !order.is_sorted() {
        order.sort_unstable();
    }
    order
}

type Range = (usize, usize);

/// The runs of each scope on both sides (a scope present on one side only
/// still gets its duplicates reported).
fn scope_groups(ent: &[u64], pronote: &[u64]) -> Vec<(Range, Range)> {
    let run_end = |order: &[u64], start: usize| {
        let scope = order[start] >> 32;
        start + order[start..].partition_point(|k| k >> 32 == scope)
    };
    let (mut i, mut j) = (0, 0);
    let mut groups = Vec::new();
    while i < ent.len() || j < pronote.len() {
        let se = ent.get(i).map_or(u64::MAX, |k| k >> 32);
        let sp = pronote.get(j).map_or(u64::MAX, |k| k >> 32);
        let ie = if se <= sp { run_end(ent, i) } else { i };
        let je = if sp <= se { run_end(pronote, j) } else { j };
        groups.push(((i, ie), (j, je)));
        (i, j) = (ie, je);
    }
    // Largest first, so that a big scope does not start last and finish
    // alone; the outcome is sorted afterwards, so the order is free.
    groups.sort_by_key(|&((a, b), (c, d))| std::cmp::Reverse((b - a) + (d - c)));
    groups
}
