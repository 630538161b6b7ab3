//! How noisy one establishment's two exports are (issue 19). Real
//! directories differ: one ENT writes « NOM épouse NOM2 », another only the
//! married name; one export shifts every birth date by a day, most do not;
//! one base keeps a third of its guardians from past years. So each scope
//! draws its own rates around typical values (a log-normal spread), and
//! some habits are all-or-nothing per scope. The engine must not be tuned
//! to these numbers: the bench runs several seeds and sizes.

use super::Rng;

/// Which side writes a variant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Writer {
    Ent,
    Pronote,
}

impl Writer {
    pub fn other(self) -> Writer {
        match self {
            Writer::Ent => Writer::Pronote,
            Writer::Pronote => Writer::Ent,
        }
    }
}

/// How a side writes the last name of a married woman.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarriedForm {
    /// The married (usage) name alone.
    Married,
    /// The maiden (birth) name alone.
    Maiden,
    /// « MAIDEN épouse MARRIED » and its abbreviations.
    Epouse,
    /// « MARRIED née MAIDEN ».
    Nee,
    /// « MARRIED-MAIDEN » as one compound name.
    Both,
}

/// Per-scope rates, each a probability.
#[derive(Clone, Debug)]
pub struct Profile {
    pub typo: f64,
    pub separator: f64,
    pub damage: f64,
    pub mojibake: [f64; 2],
    pub swap: f64,
    pub transposed: f64,
    pub duplicate: f64,
    /// Families written on one side only: ENT (pupils who left, whose
    /// accounts stay), PRONOTE (former pupils still in the base).
    pub one_sided_families: [f64; 2],
    /// A guardian of past years, on one side only.
    pub one_sided_guardian: f64,
    pub foreign_family: f64,
    /// Among foreign-letter names, the share written in ASCII on one side.
    pub foreign_ascii: f64,
    /// A mother (or a female staff member) married, with a maiden name.
    pub married: f64,
    /// How each side (ENT, PRONOTE) writes a married woman's last name:
    /// cumulative weights of Married, Maiden, Epouse, Nee, Both.
    pub married_forms: [[f64; 5]; 2],
    /// The share of married women whose two records are written with
    /// different forms (both sides mostly import the same registry).
    pub married_divergence: f64,
    /// Every birth date of one side shifted by one day (a time-zone bug of
    /// the export).
    pub shifted_side: Option<Writer>,
    pub date_one_day: f64,
    pub date_one_year: f64,
    pub placeholder_staff: f64,
    pub placeholder_pupil: f64,
    pub staff_category: f64,
    pub usual_first_name: f64,
    pub particle_after: f64,
    pub saint_abbreviated: f64,
    pub middle_names_pupil: f64,
    pub middle_names_adult: f64,
    pub compound_cut: f64,
    pub twins: f64,
    pub look_alike_twins: f64,
    pub namesakes: f64,
    pub look_alike_couple: f64,
    /// Staff with a birth date on the ENT side, on the PRONOTE side.
    pub staff_dates: [f64; 2],
}

/// A standard normal draw (Box-Muller).
fn gaussian(rng: &mut Rng) -> f64 {
    let u = rng.unit().max(1e-12);
    let v = rng.unit();
    (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
}

/// `typical` spread log-normally (a factor of about 2 either way at one
/// standard deviation), at most `max`.
fn around(rng: &mut Rng, typical: f64, max: f64) -> f64 {
    (typical * (0.7 * gaussian(rng)).exp()).min(max)
}

/// Uniform in `lo..hi`.
fn between(rng: &mut Rng, lo: f64, hi: f64) -> f64 {
    lo + (hi - lo) * rng.unit()
}

fn cumulative(weights: [f64; 5]) -> [f64; 5] {
    let total: f64 = weights.iter().sum::<f64>().max(1e-12);
    let mut acc = 0.0;
    weights.map(|w| {
        acc += w / total;
        acc
    })
}

impl Profile {
    pub fn draw(rng: &mut Rng) -> Profile {
        // Habits of a side's software: some write the « épouse » forms, some
        // only one name; PRONOTE mostly the usage name.
        let ent_forms = cumulative([
            between(rng, 0.3, 0.8),
            between(rng, 0.0, 0.35),
            if rng.chance(0.5) {
                between(rng, 0.05, 0.3)
            } else {
                0.0
            },
            if rng.chance(0.3) {
                between(rng, 0.02, 0.15)
            } else {
                0.0
            },
            between(rng, 0.0, 0.05),
        ]);
        let pronote_forms = cumulative([
            between(rng, 0.5, 0.9),
            between(rng, 0.0, 0.2),
            if rng.chance(0.3) {
                between(rng, 0.02, 0.15)
            } else {
                0.0
            },
            if rng.chance(0.3) {
                between(rng, 0.02, 0.15)
            } else {
                0.0
            },
            between(rng, 0.0, 0.05),
        ]);
        let stale = rng.unit();
        Profile {
            typo: around(rng, 0.012, 0.06),
            separator: between(rng, 0.1, 0.5),
            damage: around(rng, 0.004, 0.03),
            mojibake: [around(rng, 0.015, 0.1), around(rng, 0.005, 0.05)],
            swap: around(rng, 0.004, 0.03),
            transposed: around(rng, 0.004, 0.03),
            duplicate: around(rng, 0.007, 0.03),
            // Mostly a few percent; some bases keep a third of their
            // accounts from past years.
            one_sided_families: [0.02 + 0.3 * stale * stale, around(rng, 0.04, 0.15)],
            one_sided_guardian: around(rng, 0.04, 0.2),
            foreign_family: around(rng, 0.06, 0.3),
            foreign_ascii: between(rng, 0.4, 1.0),
            married: between(rng, 0.4, 0.7),
            married_forms: [ent_forms, pronote_forms],
            married_divergence: between(rng, 0.05, 0.4),
            shifted_side: match rng.below(100) {
                0..3 => Some(Writer::Ent),
                3..4 => Some(Writer::Pronote),
                _ => None,
            },
            date_one_day: around(rng, 0.003, 0.02),
            date_one_year: around(rng, 0.002, 0.02),
            placeholder_staff: if rng.chance(0.4) {
                between(rng, 0.02, 0.3)
            } else {
                0.0
            },
            placeholder_pupil: around(rng, 0.001, 0.01),
            staff_category: if rng.chance(0.5) {
                between(rng, 0.01, 0.1)
            } else {
                0.0
            },
            usual_first_name: between(rng, 0.0, 0.12),
            particle_after: if rng.chance(0.4) {
                between(rng, 0.2, 1.0)
            } else {
                0.0
            },
            saint_abbreviated: between(rng, 0.0, 0.7),
            middle_names_pupil: if rng.chance(0.5) {
                between(rng, 0.0, 0.12)
            } else {
                0.0
            },
            middle_names_adult: between(rng, 0.0, 0.04),
            compound_cut: between(rng, 0.0, 0.3),
            twins: around(rng, 0.015, 0.05),
            look_alike_twins: between(rng, 0.1, 0.5),
            namesakes: around(rng, 0.003, 0.02),
            look_alike_couple: around(rng, 0.01, 0.05),
            staff_dates: [between(rng, 0.0, 0.3), between(rng, 0.3, 0.9)],
        }
    }

    /// How `writer` writes a married woman's last name this time.
    pub fn married_form(&self, rng: &mut Rng, writer: Writer) -> MarriedForm {
        let forms = &self.married_forms[writer as usize];
        let u = rng.unit();
        let i = forms.iter().position(|&c| u < c).unwrap_or(0);
        [
            MarriedForm::Married,
            MarriedForm::Maiden,
            MarriedForm::Epouse,
            MarriedForm::Nee,
            MarriedForm::Both,
        ][i]
    }
}
