//! How each side writes a person: its conventions (case, accents), the
//! variants decided for the person (married names, usual first names…) and
//! the field noise drawn for each record (docs/domain.md §5, issue 19).

use super::kinds::Kind;
use super::people::Person;
use super::profile::{MarriedForm, Profile, Writer};
use super::{GenRecord, Rng, capitalised, noise, variants};
use crate::Population;
use chrono::{Datelike, Days, NaiveDate};

const EPOUSE: [&str; 6] = ["épouse", "EPOUSE", "ép.", "EP", "epse", "Ép"];
const NEE: [&str; 3] = ["née", "NEE", "Née"];

/// Dates that stand for « unknown » in some software.
const PLACEHOLDERS: [(i32, u32, u32); 4] =
    [(1900, 1, 1), (1900, 1, 1), (1899, 12, 30), (1970, 1, 1)];

fn one_of<'a>(rng: &mut Rng, words: &[&'a str]) -> &'a str {
    words
        .get(rng.below(words.len() as u64) as usize)
        .copied()
        .unwrap_or("")
}

fn last_name(rng: &mut Rng, writer: Writer, p: &Person) -> String {
    let ascii = p.ascii_on == Some(writer);
    let mut last = match (&p.last_ascii, ascii) {
        (Some(a), true) => a.clone(),
        _ => p.last.clone(),
    };
    if let Some(maiden) = &p.maiden {
        last = match p.married_forms[writer as usize] {
            MarriedForm::Married => last,
            MarriedForm::Maiden => maiden.clone(),
            MarriedForm::Epouse => format!("{maiden} {} {last}", one_of(rng, &EPOUSE)),
            MarriedForm::Nee => format!("{last} {} {maiden}", one_of(rng, &NEE)),
            MarriedForm::Both => format!("{last}-{maiden}"),
        };
    }
    if p.particle_after_on == Some(writer)
        && let Some(after) = variants::particle_after(&last, rng.chance(0.7))
    {
        last = after;
    }
    if p.saint_short_on == Some(writer)
        && let Some(short) = variants::saint_abbreviated(&last, rng.chance(0.5))
    {
        last = short;
    }
    last
}

fn first_name(rng: &mut Rng, writer: Writer, p: &Person) -> String {
    let mut first = match (&p.first_ascii, p.ascii_on == Some(writer)) {
        (Some(a), true) => a.clone(),
        _ => p.first.clone(),
    };
    if let Some((side, usual)) = &p.usual_first
        && *side == writer
    {
        first = usual.clone();
    }
    if p.cut_on == Some(writer) {
        first = first.split(['-', ' ']).next().unwrap_or("").to_owned();
    }
    if let Some((side, middle)) = &p.middle
        && *side == writer
    {
        let sep = if rng.chance(0.3) { ", " } else { " " };
        first = format!("{first}{sep}{middle}");
    }
    first
}

fn shift_days(date: NaiveDate, forward: bool) -> NaiveDate {
    let moved = if forward {
        date.checked_add_days(Days::new(1))
    } else {
        date.checked_sub_days(Days::new(1))
    };
    moved.unwrap_or(date)
}

fn shift_year(date: NaiveDate, forward: bool) -> NaiveDate {
    let year = date.year() + if forward { 1 } else { -1 };
    NaiveDate::from_ymd_opt(year, date.month(), date.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, date.month(), 28))
        .unwrap_or(date)
}

/// The birth date `writer` gives, and the kinds of its noise.
fn birth_date(
    rng: &mut Rng,
    profile: &Profile,
    writer: Writer,
    p: &Person,
    kinds: &mut u32,
) -> Option<NaiveDate> {
    let staff = p.population[0] != Population::Eleves && p.population[0] != Population::Parents;
    let placeholder_rate = if staff {
        profile.placeholder_staff
    } else if p.population[0] == Population::Eleves {
        profile.placeholder_pupil
    } else {
        0.0
    };
    let has_date = p.dates[writer as usize];
    // Software that requires a date writes a placeholder for an unknown
    // one (staff), or by mistake for a known one.
    if (staff || has_date) && rng.chance(placeholder_rate) {
        let (y, m, d) = PLACEHOLDERS[rng.below(PLACEHOLDERS.len() as u64) as usize];
        *kinds |= Kind::PlaceholderDate.bit();
        return NaiveDate::from_ymd_opt(y, m, d);
    }
    if !has_date {
        return None;
    }
    let mut date = p.born;
    if profile.shifted_side == Some(writer) {
        date = shift_days(date, false);
        *kinds |= Kind::DateOffByOneDay.bit();
    } else if rng.chance(profile.date_one_day) {
        date = shift_days(date, rng.chance(0.5));
        *kinds |= Kind::DateOffByOneDay.bit();
    }
    if rng.chance(profile.date_one_year) {
        date = shift_year(date, rng.chance(0.5));
        *kinds |= Kind::DateOffByOneYear.bit();
    }
    if rng.chance(profile.transposed) {
        let transposed = noise::transpose_date(rng, date);
        if transposed != date {
            date = transposed;
            *kinds |= Kind::TransposedDate.bit();
        }
    }
    Some(date)
}

pub(super) fn written(
    rng: &mut Rng,
    profile: &Profile,
    writer: Writer,
    p: &Person,
    person: u32,
    id: String,
) -> GenRecord {
    let mut kinds = p.kinds;
    let (last, first) = (last_name(rng, writer, p), first_name(rng, writer, p));
    let (mut last, mut first) = match writer {
        Writer::Pronote => (last.to_uppercase(), capitalised(&first)),
        Writer::Ent => {
            let last = if rng.chance(0.7) {
                last.to_uppercase()
            } else {
                capitalised(&last)
            };
            let first = if rng.chance(0.1) {
                first.to_uppercase()
            } else {
                capitalised(&first)
            };
            if rng.chance(0.25) {
                (noise::strip_accents(&last), noise::strip_accents(&first))
            } else {
                (last, first)
            }
        }
    };
    let birth_date = birth_date(rng, profile, writer, p, &mut kinds);
    // Field noise, independently on each side (docs/domain.md §5).
    for name in [&mut last, &mut first] {
        // Not within the « épouse » forms or bracketed particles, which are
        // their own kinds.
        let plain = p.maiden.is_none() && !name.contains('(');
        if plain && name.contains(['-', ' ']) && rng.chance(profile.separator) {
            let variant = noise::separator_variant(name);
            if variant != *name {
                *name = variant;
                kinds |= Kind::Separator.bit();
            }
        }
    }
    if rng.chance(profile.typo) {
        let name = if rng.chance(0.5) {
            &mut last
        } else {
            &mut first
        };
        *name = noise::typo(rng, name);
        kinds |= Kind::Typo.bit();
    }
    if rng.chance(profile.damage) {
        let name = if rng.chance(0.5) {
            &mut last
        } else {
            &mut first
        };
        *name = noise::damage(rng, name);
        kinds |= Kind::Damaged.bit();
    }
    if !(last.is_ascii() && first.is_ascii()) && rng.chance(profile.mojibake[writer as usize]) {
        last = noise::mojibake(&last);
        first = noise::mojibake(&first);
        kinds |= Kind::Mojibake.bit();
    }
    if rng.chance(profile.swap) {
        std::mem::swap(&mut last, &mut first);
        kinds |= Kind::Swapped.bit();
    }
    GenRecord {
        id,
        population: p.population[writer as usize],
        last_name: last,
        first_name: first,
        birth_date,
        related: Vec::new(),
        person,
        family: p.family,
        kinds,
        sex: None,
    }
}

/// Gives the ENT's guardians their civility and its pupils their `Sexe`
/// (file A, both optional; PRONOTE's file B has neither), from `rng`, a
/// stream of its own so that every other draw of the generator is as
/// before. Per establishment: a quarter of the ENTs write no civility and
/// a fifth no `Sexe`; the others leave out a few per cent of guardians
/// (up to 15 %) and 1 % of pupils, and about 3 guardians in 1,000 carry
/// the other parent's civility (an account of the couple, a slip).
pub(super) fn ent_sexes(rng: &mut Rng, people: &[Person], records: &mut [GenRecord]) {
    let civility = if rng.chance(0.75) {
        0.85 + 0.15 * rng.unit()
    } else {
        0.0
    };
    let sexe = if rng.chance(0.8) { 0.99 } else { 0.0 };
    for r in records.iter_mut() {
        let Some(person) = people.get(r.person as usize) else {
            continue;
        };
        let (written, slip) = match r.population {
            Population::Parents => (civility, 0.003),
            Population::Eleves => (sexe, 0.0),
            _ => continue,
        };
        if rng.chance(written) {
            let female = person.female != rng.chance(slip);
            r.sex = Some(if female {
                crate::Sex::Female
            } else {
                crate::Sex::Male
            });
        }
    }
}

/// Writes the double last name of one pupil in 8 (`MARTIN DUPONT`, both
/// parents' names) the other way round on one side (`DUPONT MARTIN`): a
/// base that entered the name otherwise, or the other order chosen as the
/// usage name. From `rng`, a stream of its own (every other draw is as
/// before). Only names written as two words with one separator between
/// them are turned (a particle name among the two is left as it is).
pub(super) fn reorder_double_names(rng: &mut Rng, people: &[Person], sides: [&mut [GenRecord]; 2]) {
    let turned: Vec<Option<usize>> = people
        .iter()
        .map(|p| (p.double_name && rng.chance(0.125)).then(|| usize::from(rng.chance(0.5))))
        .collect();
    for (side, records) in sides.into_iter().enumerate() {
        for r in records.iter_mut() {
            if turned.get(r.person as usize).copied().flatten() != Some(side) {
                continue;
            }
            let name = r.last_name.trim();
            let mut separators = name.match_indices([' ', '-']);
            let (Some((at, sep)), None) = (separators.next(), separators.next()) else {
                continue;
            };
            let (first, second) = (&name[..at], &name[at + sep.len()..]);
            if first.is_empty() || second.is_empty() {
                continue;
            }
            r.last_name = format!("{second}{sep}{first}");
            r.kinds |= Kind::ReorderedLastName.bit();
        }
    }
}

const ALPHANUMERIC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/// The records `writer` holds for `people`.
pub(super) fn side(
    rng: &mut Rng,
    profile: &Profile,
    writer: Writer,
    scope: u32,
    people: &[Person],
) -> Vec<GenRecord> {
    let mut records: Vec<GenRecord> = Vec::with_capacity(people.len() + people.len() / 40);
    let mut first_record = vec![u32::MAX; people.len()];
    for (i, p) in people.iter().enumerate() {
        if !p.present[writer as usize] {
            continue;
        }
        let copies = if rng.chance(profile.duplicate) { 2 } else { 1 };
        first_record[i] = records.len() as u32;
        for _ in 0..copies {
            let n = records.len();
            let id = match writer {
                Writer::Ent => format!("E{scope:05X}{n:05X}"),
                Writer::Pronote => {
                    let mut id = format!("{scope:05X}{n:04X}");
                    while id.len() < 16 {
                        id.push(char::from(
                            ALPHANUMERIC[rng.below(ALPHANUMERIC.len() as u64) as usize],
                        ));
                    }
                    id
                }
            };
            let mut record = written(rng, profile, writer, p, i as u32, id);
            if copies > 1 {
                record.kinds |= Kind::Duplicate.bit();
            }
            records.push(record);
        }
    }
    for record in &mut records {
        let person = &people[record.person as usize];
        record.related = person
            .related
            .iter()
            .map(|&r| first_record[r as usize])
            .filter(|&r| r != u32::MAX)
            .collect();
    }
    records
}
