//! Seeded synthetic French school populations with ground truth, to measure
//! the engine (issues 7 and 19). A pure function of `(seed, scale)`: the
//! same seed gives the same records, byte for byte. Each scope (one
//! establishment, one PRONOTE base) is generated from its own seed, so that
//! scopes can be generated one at a time, in any order or in parallel.
//!
//! Who is where (docs/domain.md §5): pupils with birth dates on both sides, guardians
//! linked to their pupils (siblings share them) without birth dates,
//! teachers and staff mostly without birth date on the ENT side; families
//! and guardians on one side only (former pupils, guardians of past years),
//! guardians who are not legal representatives only in the ENT; twins
//! (some with look-alike first names), namesakes, married women with their
//! maiden name, duplicates, and the noise of real directories (issue 19:
//! « épouse / née » forms, dates one day or one year off, placeholder
//! dates, staff filed differently, letters beyond French, usual first
//! names, particles after the name, `St` / `Saint`, middle names, compound
//! first names cut). Each scope draws its own rates ([`profile::Profile`]);
//! every record carries the [`kinds::Kind`]s it got, so that quality can
//! be measured per kind.

pub mod dataset;
pub mod evaluation;
pub mod kinds;
pub mod names;
mod noise;
pub mod people;
pub mod profile;
mod variants;
mod writing;

use crate::Population;
use chrono::NaiveDate;
use profile::{Profile, Writer};

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
    /// The person's family within the scope ([`people::NO_FAMILY`] for
    /// staff): pupils and guardians of one family share it.
    pub family: u32,
    /// The [`kinds::Kind`] bits of the record and of its person.
    pub kinds: u32,
    /// The civility of a guardian or the `Sexe` of a pupil, as the ENT's
    /// file A gives them (optional there); PRONOTE's file B has neither.
    pub sex: Option<crate::Sex>,
}

/// The records of one scope.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScopeData {
    pub scope: u32,
    pub ent: Vec<GenRecord>,
    pub pronote: Vec<GenRecord>,
    pub persons: u32,
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

/// The records of one establishment; a pure function of `(seed, est)`.
pub fn generate_scope(seed: u64, est: &Establishment) -> ScopeData {
    let mut rng = Rng::new(seed ^ u64::from(est.scope).wrapping_mul(0xA076_1D64_78BD_642F));
    let profile = Profile::draw(&mut rng);
    let people = people::persons(&mut rng, &profile, est);
    let mut ent = writing::side(&mut rng, &profile, Writer::Ent, est.scope, &people);
    let mut pronote = writing::side(&mut rng, &profile, Writer::Pronote, est.scope, &people);
    let mut civil = Rng::new(
        seed ^ u64::from(est.scope).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xC1F1_117E_5E8E_0001,
    );
    writing::ent_sexes(&mut civil, &people, &mut ent);
    let mut turned = Rng::new(
        seed ^ u64::from(est.scope).wrapping_mul(0xD6E8_FEB8_6659_FD93) ^ 0x0DD5_1DE5_0000_0001,
    );
    writing::reorder_double_names(&mut turned, &people, [&mut ent, &mut pronote]);
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
    fn the_ent_gives_some_guardians_a_civility_and_pronote_none() {
        let ests = establishments(5, Scale::Accounts(60_000));
        let (mut guardians, mut with_civility, mut scopes_without) = (0usize, 0usize, 0usize);
        let (mut pupils, mut with_sexe) = (0usize, 0usize);
        for est in &ests {
            let data = generate_scope(5, est);
            assert!(data.pronote.iter().all(|r| r.sex.is_none()));
            let of = |p: Population| data.ent.iter().filter(move |r| r.population == p);
            let g = of(Population::Parents).count();
            let c = of(Population::Parents).filter(|r| r.sex.is_some()).count();
            scopes_without += usize::from(g > 0 && c == 0);
            (guardians, with_civility) = (guardians + g, with_civility + c);
            pupils += of(Population::Eleves).count();
            with_sexe += of(Population::Eleves).filter(|r| r.sex.is_some()).count();
            assert!(
                data.ent
                    .iter()
                    .filter(|r| !matches!(r.population, Population::Parents | Population::Eleves))
                    .all(|r| r.sex.is_none())
            );
            // A mother under her maiden name is a woman, mostly.
            let mothers = data
                .ent
                .iter()
                .filter(|r| r.kinds & kinds::Kind::MarriedName.bit() != 0 && r.sex.is_some());
            let men = mothers
                .clone()
                .filter(|r| r.sex == Some(crate::Sex::Male))
                .count();
            assert!(men * 20 <= mothers.count().max(1), "{men}");
        }
        let share = with_civility as f64 / guardians as f64;
        assert!((0.5..0.95).contains(&share), "{share}");
        assert!(scopes_without > 0 && scopes_without < ests.len() / 2);
        let share = with_sexe as f64 / pupils as f64;
        assert!((0.5..0.99).contains(&share), "{share}");
    }

    #[test]
    fn a_reordered_double_name_is_written_the_other_way_round_on_one_side_only() {
        let ests = establishments(9, Scale::Accounts(60_000));
        let reordered = kinds::Kind::ReorderedLastName;
        let (mut turned, mut ent_side, mut compared) = (0usize, 0usize, 0usize);
        // Noise in the letters or the fields themselves.
        let noisy = |k: u32| {
            [
                kinds::Kind::Typo,
                kinds::Kind::Damaged,
                kinds::Kind::Mojibake,
                kinds::Kind::Swapped,
            ]
            .iter()
            .any(|n| n.in_mask(k))
        };
        for est in &ests {
            let data = generate_scope(9, est);
            for (side, records, other) in
                [(0, &data.ent, &data.pronote), (1, &data.pronote, &data.ent)]
            {
                for r in records.iter().filter(|r| reordered.in_mask(r.kinds)) {
                    assert_eq!(r.population, Population::Eleves);
                    turned += 1;
                    ent_side += usize::from(side == 0);
                    // The same person on the other side: the same two
                    // parts, in the other order, and not turned there.
                    for o in other.iter().filter(|o| o.person == r.person) {
                        assert!(
                            !reordered.in_mask(o.kinds),
                            "{} / {}",
                            r.last_name,
                            o.last_name
                        );
                        let words = |s: &str| {
                            let mut w: Vec<String> = s
                                .split([' ', '-'])
                                .map(crate::normalise::canonical_name)
                                .collect();
                            w.sort();
                            w
                        };
                        let first_word = |s: &str| {
                            crate::normalise::canonical_name(
                                s.split([' ', '-']).next().unwrap_or(""),
                            )
                        };
                        if !noisy(r.kinds) && !noisy(o.kinds) {
                            compared += 1;
                            assert_eq!(words(&r.last_name), words(&o.last_name));
                            assert_ne!(first_word(&r.last_name), first_word(&o.last_name));
                        }
                    }
                }
            }
        }
        // About 1 pupil in 8 of the 4 % with a double name, either side.
        assert!(turned > 30 && compared > turned / 2, "{turned}, {compared}");
        assert!(
            ent_side > turned / 4 && ent_side < turned * 3 / 4,
            "{ent_side} of {turned}"
        );
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
