//! Which first names are a man's or a woman's, read from the records that
//! give a sex (docs/domain.md, « Rapprochement », seventh pass).
//!
//! PRONOTE's identifiers export gives no sex and the ENT's gives a civility
//! to some guardians only; a guardian `Alain` without one was read as a
//! woman known under a maiden and a married name, and linked to another
//! family's `Alain` (issue 19). The ENT's own records say that `Alain` is a
//! man's name: among the guardians of a run with a civility (their
//! generation's names: not their children's), a first name borne by one
//! sex at least [`SHARE`] of the time, over [`SEEN`] guardians at least,
//! is taken as that sex's. The table comes from
//! the data given, not from a list: it follows the names of the region,
//! and a name given to men and women (`Camille`, `Dominique`) is in it
//! for neither.

use super::keys::hash_bytes;
use super::push_name;
use crate::{Population, Record, Sex};
use std::collections::HashMap;

/// The fewest records worth a thread of their own when counting.
const MIN_CHUNK: usize = 50_000;

/// Records with a sex bearing the first name, at least.
const SEEN: u32 = 20;
/// The share of them of one sex, at least.
const SHARE: f64 = 0.98;

/// First names (their compound key's hash, as `Feat::first_hash`) taken
/// as a man's or a woman's: an open-addressing table looked up for every
/// guardian of both sides, so a probe is a mask and a compare.
#[derive(Default)]
pub(crate) struct FirstNameSexes {
    /// `hash | 1` of each name, 0 for an empty slot; a power of two long.
    keys: Vec<u64>,
    sexes: Vec<Option<Sex>>,
}

impl FirstNameSexes {
    /// Reads `records` (one side of a run), `threads` at a time: a base's
    /// few thousand records on one (starting a thread would cost more than
    /// counting them), a region's on all.
    pub(crate) fn read(records: &[Record], threads: usize) -> Self {
        let chunk = records.len().div_ceil(threads.max(1)).max(MIN_CHUNK);
        Self::read_in_chunks(records, chunk)
    }

    /// [`Self::read`], `chunk` records per thread.
    fn read_in_chunks(records: &[Record], chunk: usize) -> Self {
        let chunk = chunk.max(1);
        let counts = if records.len() <= chunk {
            count(records)
        } else {
            std::thread::scope(|s| {
                let workers: Vec<_> = records
                    .chunks(chunk)
                    .map(|part| s.spawn(move || count(part)))
                    .collect();
                let mut total = Counts::default();
                for worker in workers {
                    // A worker that panicked only leaves its share out.
                    if let Ok(part) = worker.join() {
                        for (hash, (men, women)) in part {
                            let entry = total.entry(hash).or_default();
                            entry.0 += men;
                            entry.1 += women;
                        }
                    }
                }
                total
            })
        };
        let mut taken: Vec<(u64, Sex)> = counts
            .into_iter()
            .filter_map(|(hash, (men, women))| {
                let seen = men + women;
                if seen < SEEN {
                    return None;
                }
                let men_share = f64::from(men) / f64::from(seen);
                if men_share >= SHARE {
                    Some((hash, Sex::Male))
                } else if 1.0 - men_share >= SHARE {
                    Some((hash, Sex::Female))
                } else {
                    None
                }
            })
            .collect();
        if taken.is_empty() {
            return FirstNameSexes::default();
        }
        // In a fixed order (the counts' is random): which names a long
        // probe leaves out does not change from one run to the next.
        taken.sort_unstable_by_key(|&(hash, _)| hash);
        let len = (taken.len() * 2).next_power_of_two();
        let mut table = FirstNameSexes {
            keys: vec![0; len],
            sexes: vec![None; len],
        };
        for (hash, sex) in taken {
            table.insert(hash, sex);
        }
        table
    }

    /// Puts a name in the table, unless its probe would be longer than
    /// [`MAX_PROBES`] (hashes chosen to collide): it is then taken as no
    /// sex's, which only ever costs a review. Whether it went in.
    fn insert(&mut self, hash: u64, sex: Sex) -> bool {
        let mask = self.keys.len().saturating_sub(1);
        let free = (0..MAX_PROBES)
            .map(|i| slot(hash, i, mask))
            .find(|&at| self.keys.get(at) == Some(&0));
        if let Some(at) = free
            && let (Some(key), Some(value)) = (self.keys.get_mut(at), self.sexes.get_mut(at))
        {
            *key = hash | 1;
            *value = Some(sex);
            return true;
        }
        false
    }

    /// The sex a first name is taken as, by its compound key's hash.
    pub(super) fn of(&self, first_hash: u64) -> Option<Sex> {
        let mask = self.keys.len().checked_sub(1)?;
        let key = first_hash | 1;
        for at in (0..MAX_PROBES).map(|i| slot(first_hash, i, mask)) {
            match self.keys.get(at) {
                Some(&k) if k == key => return self.sexes.get(at).copied().flatten(),
                Some(0) | None => return None,
                Some(_) => {}
            }
        }
        None
    }
}

/// The longest probe of the table of names: a lookup or an insertion
/// costs a bounded time whatever the names.
const MAX_PROBES: usize = 32;

/// The `i`-th slot of a name's probe (linear probing from its low bits).
fn slot(hash: u64, i: usize, mask: usize) -> usize {
    // Truncation is the intent: the low bits pick the slot.
    (hash as usize).wrapping_add(i) & mask
}

/// Counts per name. The names come from the file, and a hostile one could
/// pick names whose (unkeyed) hashes collide in the bits a table indexes
/// by: the standard, randomly keyed hasher keeps each count constant time.
type Counts = HashMap<u64, (u32, u32)>;

fn count(records: &[Record]) -> Counts {
    let mut counts = Counts::default();
    let (mut text, mut scratch) = (String::new(), String::new());
    for record in records {
        let (Some(sex), Population::Parents) = (record.sex, record.population) else {
            continue;
        };
        let hash = first_name_hash(record.first_name, &mut text, &mut scratch);
        let entry = counts.entry(hash).or_default();
        match sex {
            Sex::Male => entry.0 += 1,
            Sex::Female => entry.1 += 1,
        }
    }
    counts
}

/// The hash of a first name's compound key, as the engine's features make
/// it (`Feat::first_hash`).
fn first_name_hash(raw: &str, text: &mut String, scratch: &mut String) -> u64 {
    text.clear();
    let (_, key) = push_name(raw, text, scratch);
    hash_bytes(
        text.as_bytes()
            .get(key.0 as usize..key.1 as usize)
            .unwrap_or(b""),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record<'a>(first_name: &'a str, sex: Option<Sex>) -> Record<'a> {
        Record {
            id: "x",
            scope: 0,
            population: Population::Parents,
            last_name: "DUPONT",
            first_name,
            birth_date: None,
            related: &[],
            sex,
        }
    }

    #[test]
    fn the_hash_of_a_plain_word_is_the_hash_of_its_compound_key() {
        let (mut text, mut scratch) = (String::new(), String::new());
        for name in ["Alain", "ALAIN", "alain", "x", "Abcdefghijklmnopqrstuvwx"] {
            assert_eq!(
                first_name_hash(name, &mut text, &mut scratch),
                hash_bytes(name.to_ascii_uppercase().as_bytes()),
                "{name}"
            );
        }
        let hash = |name| first_name_hash(name, &mut String::new(), &mut String::new());
        assert_eq!(hash("Jean-Claude"), hash("JEAN CLAUDE"));
        assert_eq!(hash("Hélène"), hash("HELENE"));
        assert_ne!(hash("Alain"), hash("Alan"));
    }

    #[test]
    fn names_whose_hashes_collide_cost_a_bounded_probe_and_are_left_out() {
        // Forty names on the same low bits of a 256-slot table: the first
        // MAX_PROBES fill a run of slots, the others are left out, and
        // every lookup ends within the bound.
        let mut table = FirstNameSexes {
            keys: vec![0; 256],
            sexes: vec![None; 256],
        };
        let colliding = |i: u64| 7 + ((i + 1) << 20);
        let placed: Vec<bool> = (0..40)
            .map(|i| table.insert(colliding(i), Sex::Female))
            .collect();
        assert!(placed[..MAX_PROBES].iter().all(|&p| p));
        assert!(placed[MAX_PROBES..].iter().all(|&p| !p));
        assert_eq!(table.of(colliding(0)), Some(Sex::Female));
        assert_eq!(
            table.of(colliding(MAX_PROBES as u64 - 1)),
            Some(Sex::Female)
        );
        assert_eq!(table.of(colliding(39)), None);
        // Names of a real table are all found.
        let names: Vec<String> = (0..200).map(|i| format!("N{i}")).collect();
        let records: Vec<Record> = names
            .iter()
            .flat_map(|name| (0..SEEN).map(move |_| record(name, Some(Sex::Male))))
            .collect();
        let sexes = FirstNameSexes::read(&records, 2);
        let (mut text, mut scratch) = (String::new(), String::new());
        for name in &names {
            let hash = first_name_hash(name, &mut text, &mut scratch);
            assert_eq!(sexes.of(hash), Some(Sex::Male), "{name}");
        }
    }

    #[test]
    fn a_name_mostly_of_one_sex_is_taken_as_that_sex_and_a_mixed_one_is_not() {
        let mut records = Vec::new();
        for i in 0..40 {
            records.push(record(
                if i % 2 == 0 { "Alain" } else { "ALAIN" },
                Some(Sex::Male),
            ));
            records.push(record("Sophie", Some(Sex::Female)));
            records.push(record(
                "Camille",
                Some(if i % 3 == 0 { Sex::Male } else { Sex::Female }),
            ));
            records.push(record("Marie-Pierre", None));
        }
        records.push(record("Marie Pierre", Some(Sex::Female)));
        for _ in 0..SEEN - 1 {
            records.push(record("Rare", Some(Sex::Male)));
        }
        for chunk in [records.len(), 50] {
            let sexes = FirstNameSexes::read_in_chunks(&records, chunk);
            let of = |name: &str| {
                let (mut text, mut scratch) = (String::new(), String::new());
                sexes.of(first_name_hash(name, &mut text, &mut scratch))
            };
            assert_eq!(of("alain"), Some(Sex::Male));
            assert_eq!(of("Sophie"), Some(Sex::Female));
            assert_eq!(of("Camille"), None, "given to men and women");
            assert_eq!(of("Marie-Pierre"), None, "one record with a sex only");
            assert_eq!(of("Rare"), None, "seen too few times");
        }
    }
}
