//! The persons of one establishment, before each side writes them: families
//! (pupils, twins, guardians, married mothers, look-alike spouses), pupils
//! of other families with the same names, staff; who is on which side; and
//! the variants each side will write (issue 19).

use super::kinds::Kind;
use super::profile::{MarriedForm, Profile, Writer};
use super::{Establishment, Rng, names, variants};
use crate::Population;
use crate::normalise::compound_key;
use chrono::NaiveDate;

/// No family (staff).
pub const NO_FAMILY: u32 = u32::MAX;

pub(super) struct Person {
    /// The population on the ENT side and on the PRONOTE side (they differ
    /// for staff filed differently).
    pub population: [Population; 2],
    /// The usage name (the married name of a married woman), and its ASCII
    /// spelling when it has letters beyond French.
    pub last: String,
    pub last_ascii: Option<String>,
    /// The maiden name of a married woman, and how each side writes her
    /// last name.
    pub maiden: Option<String>,
    pub married_forms: [MarriedForm; 2],
    pub first: String,
    pub first_ascii: Option<String>,
    /// The side writing the ASCII spellings.
    pub ascii_on: Option<Writer>,
    /// Middle names written by one side only.
    pub middle: Option<(Writer, String)>,
    /// A usual first name (or initials) written by one side instead.
    pub usual_first: Option<(Writer, String)>,
    /// The side cutting a compound first name to its first part.
    pub cut_on: Option<Writer>,
    pub particle_after_on: Option<Writer>,
    pub saint_short_on: Option<Writer>,
    pub born: NaiveDate,
    /// Whether each side (ENT, PRONOTE) has the birth date.
    pub dates: [bool; 2],
    pub present: [bool; 2],
    pub related: Vec<u32>,
    pub family: u32,
    /// Kinds of the person, written on each of its records.
    pub kinds: u32,
    /// The person's sex (a guardian's civility, a pupil's `Sexe`).
    pub female: bool,
    /// A pupil carrying both parents' names (`MARTIN DUPONT`).
    pub double_name: bool,
}

fn date(rng: &mut Rng, first_year: i32, years: u64) -> NaiveDate {
    let year = first_year + rng.below(years) as i32;
    let day = rng.below(365) as u32 + 1;
    NaiveDate::from_yo_opt(year, day).unwrap_or(NaiveDate::MIN)
}

fn any_writer(rng: &mut Rng) -> Writer {
    if rng.chance(0.5) {
        Writer::Ent
    } else {
        Writer::Pronote
    }
}

/// A surname, with its ASCII spelling when it has letters beyond French.
fn surname(rng: &mut Rng, profile: &Profile) -> (String, Option<String>) {
    if rng.chance(profile.foreign_family) {
        let (name, ascii) =
            variants::FOREIGN_SURNAMES[rng.below(variants::FOREIGN_SURNAMES.len() as u64) as usize];
        return (name.to_owned(), Some(ascii.to_owned()));
    }
    let name = match rng.below(1000) {
        0..15 => variants::PARTICLE_SURNAMES
            [rng.below(variants::PARTICLE_SURNAMES.len() as u64) as usize]
            .to_owned(),
        15..20 => variants::SAINT_SURNAMES
            [rng.below(variants::SAINT_SURNAMES.len() as u64) as usize]
            .to_owned(),
        20..270 => rng.pick(names::SURNAMES).to_owned(),
        _ => {
            let mut s = String::new();
            names::tail_surname(rng.zipf(names::TAIL as usize, 200.0) as u64, &mut s);
            s
        }
    };
    (name, None)
}

impl Person {
    fn new(population: Population, last: (String, Option<String>), first: &str) -> Person {
        Person {
            population: [population; 2],
            last: last.0,
            last_ascii: last.1,
            maiden: None,
            married_forms: [MarriedForm::Married; 2],
            first: first.to_owned(),
            first_ascii: None,
            ascii_on: None,
            middle: None,
            usual_first: None,
            cut_on: None,
            particle_after_on: None,
            saint_short_on: None,
            born: NaiveDate::MIN,
            dates: [false; 2],
            present: [true; 2],
            related: Vec::new(),
            family: NO_FAMILY,
            kinds: 0,
            female: false,
            double_name: false,
        }
    }

    /// Decides the spellings each side uses, and the kinds they make.
    fn settle_variants(&mut self, rng: &mut Rng, profile: &Profile) {
        if (self.last_ascii.is_some() || self.first_ascii.is_some())
            && rng.chance(profile.foreign_ascii)
        {
            self.ascii_on = Some(any_writer(rng));
            self.kinds |= Kind::ForeignLetters.bit();
        }
        if self.last.split([' ', '-']).count() > 1
            && variants::particle_after(&self.last, true).is_some()
            && rng.chance(profile.particle_after)
        {
            self.particle_after_on = Some(any_writer(rng));
            self.kinds |= Kind::ParticleAfter.bit();
        }
        if self.last.contains("SAINT") && rng.chance(profile.saint_abbreviated) {
            self.saint_short_on = Some(any_writer(rng));
            self.kinds |= Kind::Saint.bit();
        }
        if self.first.contains('-') && rng.chance(profile.compound_cut) {
            self.cut_on = Some(any_writer(rng));
            self.kinds |= Kind::CompoundCut.bit();
        }
    }

    fn add_middle_names(&mut self, rng: &mut Rng) {
        let count = if rng.chance(0.3) { 2 } else { 1 };
        let mut middle = Vec::new();
        for _ in 0..count {
            let m = variants::MIDDLE_NAMES[rng.below(variants::MIDDLE_NAMES.len() as u64) as usize];
            if m != self.first && !middle.contains(&m) {
                middle.push(m);
            }
        }
        if !middle.is_empty() {
            self.middle = Some((any_writer(rng), middle.join(" ")));
            self.kinds |= Kind::MiddleNames.bit();
        }
    }

    /// A married woman: her maiden name, and how each side writes it.
    fn marry(&mut self, rng: &mut Rng, profile: &Profile, married_name: (String, Option<String>)) {
        let maiden = std::mem::replace(&mut self.last, married_name.0);
        self.last_ascii = married_name.1;
        self.maiden = Some(maiden);
        let ent = profile.married_form(rng, Writer::Ent);
        let pronote = if rng.chance(profile.married_divergence) {
            profile.married_form(rng, Writer::Pronote)
        } else {
            ent
        };
        self.married_forms = [ent, pronote];
        if self.married_forms[0] != self.married_forms[1] {
            self.kinds |= Kind::MarriedName.bit();
        }
    }
}

fn adult(
    rng: &mut Rng,
    population: Population,
    last: (String, Option<String>),
    female: bool,
) -> Person {
    let first = rng.pick(if female {
        names::ADULT_FEMALE
    } else {
        names::ADULT_MALE
    });
    let mut p = Person::new(population, last, first);
    p.born = date(rng, 1960, 35);
    p.female = female;
    p
}

fn pupil_first_name(
    rng: &mut Rng,
    female: bool,
    foreign: bool,
) -> (&'static str, Option<&'static str>) {
    if foreign && rng.chance(0.4) {
        let (name, ascii) = variants::FOREIGN_FIRST_NAMES
            [rng.below(variants::FOREIGN_FIRST_NAMES.len() as u64) as usize];
        return (name, Some(ascii));
    }
    if rng.chance(0.03) {
        return (
            variants::COMPOUND_FIRST_NAMES
                [rng.below(variants::COMPOUND_FIRST_NAMES.len() as u64) as usize],
            None,
        );
    }
    (
        rng.pick(if female {
            names::PUPIL_FEMALE
        } else {
            names::PUPIL_MALE
        }),
        None,
    )
}

/// Which sides a family (or a person) is on.
fn presence(rng: &mut Rng, one_sided: [f64; 2]) -> [bool; 2] {
    let u = rng.unit();
    if u < one_sided[0] {
        [true, false]
    } else if u < one_sided[0] + one_sided[1] {
        [false, true]
    } else {
        [true, true]
    }
}

/// One family: its pupils and guardians; returns the number of pupils.
fn family(
    rng: &mut Rng,
    profile: &Profile,
    est: &Establishment,
    people: &mut Vec<Person>,
    id: u32,
    namesake_of: Option<usize>,
) -> u32 {
    let (first_year, years) = if est.lycee { (2008, 3) } else { (2011, 4) };
    let mut name = match namesake_of {
        Some(original) => (
            people[original].last.clone(),
            people[original].last_ascii.clone(),
        ),
        None => surname(rng, profile),
    };
    // The father's name; the pupils may carry both parents' names.
    let base = name.clone();
    let mut double_name = false;
    if namesake_of.is_none() && name.1.is_none() && rng.chance(0.04) {
        let (other, _) = surname(rng, profile);
        let sep = if rng.chance(0.5) { " " } else { "-" };
        name.0 = format!("{}{sep}{other}", name.0);
        double_name = true;
    }
    let foreign = name.1.is_some();
    let kids = match (namesake_of, rng.below(100)) {
        (Some(_), _) | (None, 0..85) => 1,
        (None, 85..98) => 2,
        _ => 3,
    };
    let twins = namesake_of.is_none() && rng.chance(profile.twins);
    let look_alike = twins && rng.chance(profile.look_alike_twins);
    let kids = if twins { kids.max(2) } else { kids };
    let present = presence(rng, profile.one_sided_families);
    let first_kid = people.len() as u32;
    let mut born = date(rng, first_year, years);
    let pair =
        variants::LOOK_ALIKE_TWINS[rng.below(variants::LOOK_ALIKE_TWINS.len() as u64) as usize];
    for k in 0..kids {
        if k > 0 && !(twins && k == 1) {
            born = date(rng, first_year, years);
        }
        let female = rng.chance(0.5);
        let mut first = ("", None);
        for _ in 0..5 {
            first = pupil_first_name(rng, female, foreign);
            if !people[first_kid as usize..]
                .iter()
                .any(|p| p.first == first.0)
            {
                break;
            }
        }
        let mut female = female;
        if look_alike && k < 2 {
            first = (if k == 0 { pair.0 } else { pair.1 }, None);
            female = variants::LOOK_ALIKE_TWINS_FEMALE.contains(&first.0);
        }
        let mut p = Person::new(Population::Eleves, name.clone(), first.0);
        p.female = female;
        p.first_ascii = first.1.map(str::to_owned);
        p.born = born;
        if let Some(original) = namesake_of {
            // The same names, often the same birth date.
            let original = &people[original];
            p.first = original.first.clone();
            p.first_ascii = original.first_ascii.clone();
            p.female = original.female;
            if rng.chance(0.7) {
                p.born = original.born;
            }
            p.kinds |= Kind::Namesake.bit();
        }
        p.dates = [true, true];
        p.present = present;
        p.family = id;
        p.double_name = double_name;
        if twins && k < 2 {
            p.kinds |= Kind::Twin.bit();
        }
        p.settle_variants(rng, profile);
        if rng.chance(profile.middle_names_pupil) {
            p.add_middle_names(rng);
        }
        people.push(p);
    }
    let kids_end = people.len() as u32;
    let mut guardians = Vec::new();
    let two = rng.chance(0.55);
    if two || rng.chance(0.3) {
        guardians.push(adult(rng, Population::Parents, base.clone(), false));
    }
    if two || guardians.is_empty() {
        let maiden = surname(rng, profile);
        let mut mother = adult(rng, Population::Parents, maiden, true);
        if rng.chance(profile.married) {
            mother.marry(rng, profile, base.clone());
        }
        guardians.push(mother);
    }
    if two && rng.chance(profile.look_alike_couple) {
        let (his, hers) = variants::LOOK_ALIKE_COUPLES
            [rng.below(variants::LOOK_ALIKE_COUPLES.len() as u64) as usize];
        for (g, first) in guardians.iter_mut().zip([his, hers]) {
            g.first = first.to_owned();
            g.kinds |= Kind::LookAlikeCoParent.bit();
        }
    }
    if rng.chance(0.03) {
        // A grand-parent or neighbour, not a legal guardian: mostly in the
        // ENT, sometimes among PRONOTE's « responsables » instead (a
        // contact entered by the school), so that each side may list a
        // grand-parent alone where the other lists a parent alone.
        let last = if rng.chance(0.5) {
            base.clone()
        } else {
            surname(rng, profile)
        };
        let female = rng.chance(0.6);
        let mut other = adult(rng, Population::Parents, last, female);
        let older = if female {
            variants::OLDER_FEMALE
        } else {
            variants::OLDER_MALE
        };
        other.first = older[rng.below(older.len() as u64) as usize].to_owned();
        other.born = date(rng, 1940, 20);
        other.present = if rng.chance(0.7) {
            [true, false]
        } else {
            [false, true]
        };
        guardians.push(other);
    }
    for mut g in guardians {
        g.present[0] &= present[0];
        g.present[1] &= present[1];
        if rng.chance(profile.one_sided_guardian) {
            // A guardian of past years, kept on one side.
            let side = usize::from(rng.chance(0.3));
            g.present[1 - side] = false;
        }
        g.family = id;
        g.related = (first_kid..kids_end).collect();
        g.settle_variants(rng, profile);
        if rng.chance(profile.middle_names_adult) {
            g.add_middle_names(rng);
        }
        let g_index = people.len() as u32;
        for kid in first_kid..kids_end {
            people[kid as usize].related.push(g_index);
        }
        people.push(g);
    }
    let mut pupils = kids_end - first_kid;
    if namesake_of.is_none() && rng.chance(profile.namesakes) {
        // A pupil of another family with the same names; the original is
        // then often written with a middle name on one side.
        let original = first_kid as usize;
        people[original].kinds |= Kind::Namesake.bit();
        if people[original].middle.is_none() && rng.chance(0.5) {
            people[original].add_middle_names(rng);
        }
        pupils += family(rng, profile, est, people, id | (1 << 31), Some(original));
    }
    pupils
}

fn staff(rng: &mut Rng, profile: &Profile, population: Population, people: &mut Vec<Person>) {
    let female = rng.chance(0.55);
    let last = surname(rng, profile);
    let mut p = adult(rng, population, last, female);
    if female && rng.chance(profile.married) {
        let married = surname(rng, profile);
        p.marry(rng, profile, married);
    }
    p.dates = [
        rng.chance(profile.staff_dates[0]),
        rng.chance(profile.staff_dates[1]),
    ];
    let other = match population {
        Population::Personnels => Some(Population::Professeurs),
        Population::Professeurs => Some(Population::Personnels),
        _ => None,
    };
    if let Some(other) = other
        && rng.chance(profile.staff_category)
    {
        p.population[usize::from(rng.chance(0.5))] = other;
        p.kinds |= Kind::StaffCategory.bit();
    }
    if rng.chance(profile.usual_first_name) {
        let usual: Vec<&str> = variants::USUAL_FIRST_NAMES
            .iter()
            .filter(|(full, _)| *full == p.first)
            .map(|(_, usual)| *usual)
            .collect();
        if !usual.is_empty() {
            let pick = usual[rng.below(usual.len() as u64) as usize];
            p.usual_first = Some((any_writer(rng), pick.to_owned()));
            p.kinds |= Kind::UsualFirstName.bit();
        }
    }
    match rng.below(100) {
        0..3 => p.present[0] = false,
        3..5 => p.present[1] = false,
        _ => {}
    }
    p.settle_variants(rng, profile);
    if rng.chance(profile.middle_names_adult) {
        p.add_middle_names(rng);
    }
    people.push(p);
}

/// The persons of one establishment.
pub(super) fn persons(rng: &mut Rng, profile: &Profile, est: &Establishment) -> Vec<Person> {
    let mut people: Vec<Person> = Vec::new();
    let mut pupils = 0;
    let mut families = 0;
    while pupils < est.pupils {
        pupils += family(rng, profile, est, &mut people, families, None);
        families += 1;
    }
    let counts = [
        (Population::Professeurs, est.pupils / 12),
        (Population::Personnels, est.pupils / 30),
        (
            Population::Inspecteurs,
            rng.below(if est.lycee { 3 } else { 2 }) as u32,
        ),
        (
            Population::MaitresDeStage,
            rng.below(if est.lycee { 4 } else { 2 }) as u32,
        ),
    ];
    for (population, count) in counts {
        for _ in 0..count {
            staff(rng, profile, population, &mut people);
        }
    }
    for p in &mut people {
        if p.present[0] != p.present[1] {
            p.kinds |= Kind::OneSided.bit();
        }
    }
    flag_homonyms(&mut people);
    people
}

/// Marks persons whose clean identity (names, and the birth date of pupils)
/// another person of the same population shares.
fn flag_homonyms(people: &mut [Person]) {
    let key = |p: &Person| {
        let date = (p.population[0] == Population::Eleves).then_some(p.born);
        (
            p.population[0],
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
                people[*i].kinds |= Kind::Homonym.bit();
            }
        }
    }
}
