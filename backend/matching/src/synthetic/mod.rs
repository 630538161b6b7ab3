//! Seeded synthetic French school populations with ground truth, to measure
//! the engine (issue 7). A pure function of `(seed, scale)`: the same seed
//! gives the same records, byte for byte. Each scope (one establishment, one
//! PRONOTE base) is generated from its own seed, so that scopes can be
//! generated one at a time, in any order or in parallel.
//!
//! Who is where (BRIEF §5): pupils with birth dates on both sides, guardians
//! linked to their pupils (siblings share them) without birth dates,
//! teachers and staff mostly without birth date on the ENT side; former
//! pupils only in PRONOTE, guardians who are not legal representatives only
//! in the ENT; twins, true homonyms, duplicates (2 % on each side) and field
//! noise applied independently on each side.

pub mod dataset;
pub mod names;
mod noise;

use crate::Population;
use crate::normalise::compound_key;
use chrono::NaiveDate;

/// SplitMix64: small, fast, and the same on every platform and version.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }
    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    /// A rank in `0..n`, rank r weighing about `1 / (r + k)` (Zipf-like).
    pub fn zipf(&mut self, n: usize, k: f64) -> usize {
        let u = self.unit();
        let r = k * ((n as f64 + k) / k).powf(u) - k;
        (r as usize).min(n.saturating_sub(1))
    }
    fn pick<'a>(&mut self, names: &[&'a str]) -> &'a str {
        names
            .get(self.zipf(names.len(), 8.0))
            .copied()
            .unwrap_or("")
    }
}

/// How many records to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scale {
    /// One lycée: about 1,400 ENT accounts.
    Lycee,
    /// About 1,000,000 ENT accounts in about 700 establishments.
    Region,
    /// About 15,000,000 ENT accounts.
    Country,
    /// About this many ENT accounts.
    Accounts(u64),
}

impl Scale {
    pub fn parse(text: &str) -> Option<Scale> {
        match text {
            "lycee" => Some(Scale::Lycee),
            "region" => Some(Scale::Region),
            "country" => Some(Scale::Country),
            n => n.replace('_', "").parse().ok().map(Scale::Accounts),
        }
    }
    pub fn name(self) -> String {
        match self {
            Scale::Lycee => "lycee".into(),
            Scale::Region => "region".into(),
            Scale::Country => "country".into(),
            Scale::Accounts(n) => n.to_string(),
        }
    }
}

/// One establishment to generate; it is its own scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Establishment {
    pub scope: u32,
    pub lycee: bool,
    pub pupils: u32,
}

/// ENT accounts per pupil, guardians and staff included (measured on the
/// generator's output; used only to size a scale).
const ACCOUNTS_PER_PUPIL: f64 = 2.40;

/// The establishments of a scale.
pub fn establishments(seed: u64, scale: Scale) -> Vec<Establishment> {
    let target = match scale {
        Scale::Lycee => {
            return vec![Establishment {
                scope: 0,
                lycee: true,
                pupils: 600,
            }];
        }
        Scale::Region => 1_000_000,
        Scale::Country => 15_000_000,
        Scale::Accounts(n) => n,
    };
    let mut rng = Rng::new(seed ^ 0xE57A_B115_5E7E_0001);
    let mut planned = 0.0;
    let mut out = Vec::new();
    while planned < target as f64 {
        let lycee = rng.chance(0.35);
        let mean = if lycee { 640.0 } else { 540.0 };
        let pupils = (mean * (0.6 + 0.8 * rng.unit())) as u32;
        let left = ((target as f64 - planned) / ACCOUNTS_PER_PUPIL).ceil() as u32;
        let pupils = pupils.min(left.max(1));
        planned += f64::from(pupils) * ACCOUNTS_PER_PUPIL;
        out.push(Establishment {
            scope: u32::try_from(out.len()).unwrap_or(u32::MAX),
            lycee,
            pupils,
        });
    }
    out
}

/// One generated record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GenRecord {
    pub id: String,
    pub population: Population,
    pub last_name: String,
    pub first_name: String,
    pub birth_date: Option<NaiveDate>,
    /// Indices of related records in the same side of the same scope.
    pub related: Vec<u32>,
    /// The person, numbered within the scope: records of both sides with
    /// the same person are the ground truth.
    pub person: u32,
    /// Another person of the same scope and population has the same clean
    /// identity (names, and birth date for pupils).
    pub homonym: bool,
}

/// The records of one scope.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScopeData {
    pub scope: u32,
    pub ent: Vec<GenRecord>,
    pub pronote: Vec<GenRecord>,
    pub persons: u32,
}

struct Person {
    population: Population,
    last: String,
    first: String,
    born: NaiveDate,
    ent_date: bool,
    pronote_date: bool,
    in_ent: bool,
    in_pronote: bool,
    related: Vec<u32>,
    homonym: bool,
}

fn date(rng: &mut Rng, first_year: i32, years: u64) -> NaiveDate {
    let year = first_year + rng.below(years) as i32;
    let day = rng.below(365) as u32 + 1;
    NaiveDate::from_yo_opt(year, day).unwrap_or(NaiveDate::MIN)
}

fn surname(rng: &mut Rng) -> String {
    if rng.chance(0.25) {
        rng.pick(names::SURNAMES).to_owned()
    } else {
        let mut s = String::new();
        names::tail_surname(rng.zipf(names::TAIL as usize, 200.0) as u64, &mut s);
        s
    }
}

fn capitalised(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut start = true;
    for c in name.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = matches!(c, ' ' | '-' | '\'');
    }
    out
}

fn adult(rng: &mut Rng, population: Population, last: String, female: bool) -> Person {
    let first = if female {
        rng.pick(names::ADULT_FEMALE)
    } else {
        rng.pick(names::ADULT_MALE)
    };
    Person {
        population,
        last,
        first: first.to_owned(),
        born: date(rng, 1960, 35),
        ent_date: false,
        pronote_date: false,
        in_ent: true,
        in_pronote: true,
        related: Vec::new(),
        homonym: false,
    }
}

/// The persons of one establishment, before they are written on each side.
fn persons(rng: &mut Rng, est: &Establishment) -> Vec<Person> {
    let mut people: Vec<Person> = Vec::new();
    let (first_year, years) = if est.lycee { (2008, 3) } else { (2011, 4) };
    let mut pupils = 0;
    while pupils < est.pupils {
        let mut family = surname(rng);
        if rng.chance(0.04) {
            let other = surname(rng);
            family = format!("{family}{}{other}", if rng.chance(0.5) { " " } else { "-" });
        }
        let kids = match rng.below(100) {
            0..85 => 1,
            85..98 => 2,
            _ => 3,
        };
        let twins = rng.chance(0.015);
        let kids = if twins { kids.max(2) } else { kids };
        let (in_ent, in_pronote) = match rng.below(100) {
            0..3 => (false, true), // former pupils still in the base
            3..4 => (true, false), // arrived after the last PRONOTE export
            _ => (true, true),
        };
        let first_kid = people.len() as u32;
        let mut born = date(rng, first_year, years);
        for k in 0..kids {
            if k > 0 && !(twins && k == 1) {
                born = date(rng, first_year, years);
            }
            let female = rng.chance(0.5);
            let mut first = "";
            for _ in 0..5 {
                first = rng.pick(if female {
                    names::PUPIL_FEMALE
                } else {
                    names::PUPIL_MALE
                });
                if !people[first_kid as usize..]
                    .iter()
                    .any(|p| p.first == first)
                {
                    break;
                }
            }
            people.push(Person {
                population: Population::Eleves,
                last: family.clone(),
                first: first.to_owned(),
                born,
                ent_date: true,
                pronote_date: true,
                in_ent,
                in_pronote,
                related: Vec::new(),
                homonym: false,
            });
        }
        let kids_end = people.len() as u32;
        pupils += kids_end - first_kid;
        let mut guardians = Vec::new();
        let two = rng.chance(0.55);
        let base = family.split([' ', '-']).next().unwrap_or("").to_owned();
        if two || rng.chance(0.3) {
            guardians.push(adult(rng, Population::Parents, base.clone(), false));
        }
        if two || guardians.is_empty() {
            let last = if rng.chance(0.6) {
                surname(rng)
            } else {
                base.clone()
            };
            guardians.push(adult(rng, Population::Parents, last, true));
        }
        if rng.chance(0.03) {
            // A grand-parent or neighbour: in the ENT, not a legal guardian.
            let last = if rng.chance(0.5) { base } else { surname(rng) };
            let female = rng.chance(0.6);
            let mut other = adult(rng, Population::Parents, last, female);
            other.in_pronote = false;
            guardians.push(other);
        }
        for mut g in guardians {
            g.in_ent &= in_ent && rng.chance(0.98);
            g.in_pronote &= in_pronote;
            g.related = (first_kid..kids_end).collect();
            let g_index = people.len() as u32;
            for kid in first_kid..kids_end {
                people[kid as usize].related.push(g_index);
            }
            people.push(g);
        }
        // A true homonym (same names, same birth date) in another family.
        if rng.chance(0.002) {
            let twin_of = &people[first_kid as usize];
            let homonym = Person {
                last: twin_of.last.clone(),
                first: twin_of.first.clone(),
                related: Vec::new(),
                in_ent: true,
                in_pronote: true,
                ..*twin_of
            };
            people.push(homonym);
            pupils += 1;
        }
    }
    let staff = [
        (Population::Professeurs, est.pupils / 12, 0.15, 0.8),
        (Population::Personnels, est.pupils / 30, 0.1, 0.5),
        (
            Population::Inspecteurs,
            rng.below(if est.lycee { 3 } else { 2 }) as u32,
            0.0,
            0.5,
        ),
        (
            Population::MaitresDeStage,
            rng.below(if est.lycee { 4 } else { 2 }) as u32,
            0.0,
            0.5,
        ),
    ];
    for (population, count, ent_date, pronote_date) in staff {
        for _ in 0..count {
            let last = surname(rng);
            let female = rng.chance(0.55);
            let mut p = adult(rng, population, last, female);
            p.ent_date = rng.chance(ent_date);
            p.pronote_date = rng.chance(pronote_date);
            match rng.below(100) {
                0..3 => p.in_ent = false,
                3..5 => p.in_pronote = false,
                _ => {}
            }
            people.push(p);
        }
    }
    flag_homonyms(&mut people);
    people
}

/// Marks persons whose clean identity (names, and the birth date of pupils)
/// another person of the same population shares.
fn flag_homonyms(people: &mut [Person]) {
    let key = |p: &Person| {
        let date = (p.population == Population::Eleves).then_some(p.born);
        (
            p.population,
            compound_key(&p.last),
            compound_key(&p.first),
            date,
        )
    };
    let mut keys: Vec<_> = people
        .iter()
        .enumerate()
        .map(|(i, p)| (key(p), i))
        .collect();
    keys.sort();
    for run in keys.chunk_by(|a, b| a.0 == b.0) {
        if run.len() > 1 {
            for (_, i) in run {
                people[*i].homonym = true;
            }
        }
    }
}

/// How one side writes names.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Writer {
    Ent,
    Pronote,
}

fn written(rng: &mut Rng, writer: Writer, p: &Person, person: u32, id: String) -> GenRecord {
    let (mut last, mut first) = match writer {
        Writer::Pronote => (p.last.to_uppercase(), capitalised(&p.first)),
        Writer::Ent => {
            let last = if rng.chance(0.7) {
                p.last.to_uppercase()
            } else {
                capitalised(&p.last)
            };
            let first = if rng.chance(0.1) {
                p.first.to_uppercase()
            } else {
                capitalised(&p.first)
            };
            if rng.chance(0.25) {
                (noise::strip_accents(&last), noise::strip_accents(&first))
            } else {
                (last, first)
            }
        }
    };
    let with_date = match writer {
        Writer::Ent => p.ent_date,
        Writer::Pronote => p.pronote_date,
    };
    let mut birth_date = with_date.then_some(p.born);
    // Field noise, independently on each side (BRIEF §5).
    for name in [&mut last, &mut first] {
        if name.contains(['-', ' ']) && rng.chance(0.3) {
            *name = noise::separator_variant(name);
        }
    }
    if rng.chance(0.015) {
        let name = if rng.chance(0.5) {
            &mut last
        } else {
            &mut first
        };
        *name = noise::typo(rng, name);
    }
    if rng.chance(0.005) {
        let name = if rng.chance(0.5) {
            &mut last
        } else {
            &mut first
        };
        *name = noise::damage(rng, name);
    }
    let mojibake = if writer == Writer::Ent { 0.015 } else { 0.005 };
    if !(last.is_ascii() && first.is_ascii()) && rng.chance(mojibake) {
        last = noise::mojibake(&last);
        first = noise::mojibake(&first);
    }
    if rng.chance(0.005) {
        std::mem::swap(&mut last, &mut first);
    }
    if let Some(d) = birth_date
        && rng.chance(0.005)
    {
        birth_date = Some(noise::transpose_date(rng, d));
    }
    GenRecord {
        id,
        population: p.population,
        last_name: last,
        first_name: first,
        birth_date,
        related: Vec::new(),
        person,
        homonym: p.homonym,
    }
}

const ALPHANUMERIC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

fn side(rng: &mut Rng, writer: Writer, scope: u32, people: &[Person]) -> Vec<GenRecord> {
    let mut records: Vec<GenRecord> = Vec::with_capacity(people.len() + people.len() / 40);
    let mut first_record = vec![u32::MAX; people.len()];
    for (i, p) in people.iter().enumerate() {
        let present = match writer {
            Writer::Ent => p.in_ent,
            Writer::Pronote => p.in_pronote,
        };
        if !present {
            continue;
        }
        let copies = if rng.chance(0.02) { 2 } else { 1 };
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
            let record = written(rng, writer, p, i as u32, id);
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

/// The records of one establishment; a pure function of `(seed, est)`.
pub fn generate_scope(seed: u64, est: &Establishment) -> ScopeData {
    let mut rng = Rng::new(seed ^ u64::from(est.scope).wrapping_mul(0xA076_1D64_78BD_642F));
    let people = persons(&mut rng, est);
    let ent = side(&mut rng, Writer::Ent, est.scope, &people);
    let pronote = side(&mut rng, Writer::Pronote, est.scope, &people);
    ScopeData {
        scope: est.scope,
        ent,
        pronote,
        persons: people.len() as u32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seed_gives_the_same_scope_every_time() {
        let est = establishments(7, Scale::Lycee)[0];
        assert_eq!(generate_scope(7, &est), generate_scope(7, &est));
        assert_ne!(generate_scope(7, &est), generate_scope(8, &est));
        let a = establishments(3, Scale::Accounts(50_000));
        assert_eq!(a, establishments(3, Scale::Accounts(50_000)));
    }

    #[test]
    fn a_lycee_has_about_1400_ent_accounts_and_realistic_populations() {
        let est = establishments(1, Scale::Lycee)[0];
        let data = generate_scope(1, &est);
        assert!(
            (1_200..1_700).contains(&data.ent.len()),
            "{}",
            data.ent.len()
        );
        let count = |p: Population| data.ent.iter().filter(|r| r.population == p).count();
        assert!(count(Population::Eleves) > 550);
        assert!(count(Population::Parents) > 600);
        assert!(count(Population::Professeurs) > 30);
        let pupils_with_guardians = data
            .ent
            .iter()
            .filter(|r| r.population == Population::Eleves && !r.related.is_empty())
            .count();
        assert!(pupils_with_guardians > 500);
    }

    #[test]
    fn noise_kinds_do_what_they_say() {
        let mut rng = Rng::new(1);
        assert_eq!(noise::mojibake("Hélène"), "HÃ©lÃ¨ne");
        assert_eq!(noise::separator_variant("JEAN-MARIE"), "JEAN MARIE");
        let typo = noise::typo(&mut rng, "MARTIN");
        assert_ne!(typo, "MARTIN");
        assert!(crate::similarity::edit_distance_within(typo.as_bytes(), b"MARTIN", 1).is_some());
        let d = NaiveDate::from_ymd_opt(2009, 3, 12).unwrap_or(NaiveDate::MIN);
        assert!(crate::normalise::transposed(
            d,
            noise::transpose_date(&mut rng, d)
        ));
    }
}
