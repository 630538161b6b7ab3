//! Scoring of the candidate pairs, with the evidence of relations.

use super::*;
use crate::normalise::{NearDate, near_date, transposed};
use crate::similarity::{REORDERED, name_similarity_at_least, same_words_reordered};

/// The score of a pair whose last names differ while the rest agrees (a
/// maiden name and a married name): a review, never a link.
pub(super) const OTHER_LAST_NAME: f32 = 0.8;

/// The score of staff with one field the same and the other given in part
/// on one side (middle names, a compound name cut: a similarity of 0.85; a
/// usual short form, `SEB` / `SEBASTIEN`: 0.8), with the same birth date
/// or none on one side (many ENT exports give none for staff); with none
/// on either side, only whole words left out (middle names, a compound
/// name cut: not `PAUL` / `PAULINE`), as staff written alike without dates
/// are linked too: the names
/// of a part given in full, without the missing date's discount, so just
/// above the automatic threshold, still subject to the margins.
const PART_OF_NAME_WITHOUT_DATE: f32 = 0.922;

/// How much the birth dates agree: equal 1; day and month swapped, two
/// digits of the year swapped, or one day apart (an export's time-zone
/// shift) 0.93; the same day one year apart 0.88; unknown on one side
/// (placeholders are unknown) 0.95; different 0.7.
fn date_factor(a: Option<NaiveDate>, b: Option<NaiveDate>) -> f32 {
    match (a, b) {
        (Some(a), Some(b)) if a == b => 1.0,
        (Some(a), Some(b)) if transposed(a, b) => 0.93,
        (Some(a), Some(b)) => match near_date(a, b) {
            Some(NearDate::OneDay) => 0.93,
            Some(NearDate::OneYear) => 0.88,
            None => 0.7,
        },
        _ => 0.95,
    }
}

impl Matcher<'_, '_> {
    /// Scores the candidate pairs of one phase (guardians, or every other
    /// population) and adds the exact ones, ENT record by ENT record, best
    /// score first, after `pairs` so far. Pairs too weak to change any
    /// decision are left out.
    ///
    /// Guardians have no birth date: their names alone are never enough
    /// for an automatic link (issue 19). Their evidence is their pupils'
    /// links (`relation_evidence`, after the first phase): a shared pupil
    /// lifts the score, but only when the first names agree, so that it
    /// never lifts the child's other parent; a pair without a shared pupil
    /// is only reviewed. A shared pupil and the same first name under two
    /// different last names (a maiden name and a married name) is a
    /// review too, as are staff with the same first name and birth date
    /// under two last names, and staff of two populations.
    pub(super) fn score(&mut self, guardians: bool, orders: [&[u64]; 2]) {
        let o = self.options;
        // Below both the review threshold and the runner-up score that could
        // stop an automatic link, a pair changes nothing.
        let keep = o.review_threshold.min(o.auto_threshold - o.margin);
        // Pairs only ever reviewed keep a score below the automatic
        // threshold, so that they read as what they are.
        let cap = o.auto_threshold * 0.99;
        let mut pairs = std::mem::take(&mut self.pairs);
        let from = pairs.len();
        let mut k = 0;
        for (e, fe) in (0u32..).zip(&self.feats[ENT]) {
            if (fe.population == Population::Parents) != guardians {
                // Past this record's candidates.
                while self
                    .pair_keys
                    .get(k)
                    .is_some_and(|&key| (key >> 32) as u32 == e)
                {
                    k += 1;
                }
                continue;
            }
            let evidence = |p: u32| {
                if guardians {
                    self.relation_evidence(e, p, orders)
                } else {
                    Evidence::None
                }
            };
            let exact = self.exact[ENT][e as usize];
            if exact != NONE {
                let evidence = evidence(exact);
                let foreign = !guardians && self.guardians_disagree(fe, exact, orders);
                let review_only = fe.other_sex(&self.feats[PRONOTE][exact as usize])
                    || (guardians
                        && (!evidence.shares_a_pupil()
                            || self.lone_epicene_parent(fe, &self.feats[PRONOTE][exact as usize])))
                    || foreign;
                let score = evidence.apply(1.0);
                pairs.push(Pair {
                    e,
                    p: exact,
                    score: if review_only { score.min(cap) } else { score },
                    exact: true,
                    review_only,
                    kin: guardians && evidence.shares_a_pupil(),
                    married: false,
                    foreign,
                });
            }
            while let Some(&key) = self.pair_keys.get(k) {
                if (key >> 32) as u32 != e {
                    break;
                }
                k += 1;
                let p = (key & u64::from(u32::MAX)) as u32;
                let fp = &self.feats[PRONOTE][p as usize];
                if fe.group != fp.group {
                    continue;
                }
                let evidence = evidence(p);
                let shared = evidence.shares_a_pupil();
                let mut review_only = guardians && !shared;
                let mut kin = false;
                let mut married = false;
                let mut score;
                if shared {
                    // The bonus of a shared pupil needs both names close: it
                    // never lifts the other parent (another first name),
                    // nor a woman known by another last name.
                    let names = self.guardian_names(fe, fp);
                    kin = names.first >= 0.9;
                    if names.first >= 0.85 && names.last >= 0.8 {
                        let swap = if names.swapped { 0.97 } else { 1.0 };
                        let s = (names.first * names.last).sqrt() * swap;
                        score = evidence.apply(s * date_factor(fe.date, fp.date));
                        review_only = self.lone_epicene_parent(fe, fp)
                            || self.two_first_names(fe, fp, names.first, orders);
                    } else if names.first >= 0.9 && !self.first_name_is_family_name(fe, orders) {
                        // The same first name and a shared pupil under two
                        // last names: a maiden name and a married name
                        // (not the family's name in the first-name field
                        // of two swapped records, `Pierre` / `NOVAKOVA`
                        // and `Isabelle` / `NOVAKOVA`: a father and a
                        // mother, held-out region seed 203). When either
                        // is known to be a man (a civility), only last
                        // names still alike (a slip, letters damaged or
                        // transliterated: `MÜLER` / `MUELLER`): a man
                        // keeps his name, and a grand-father under another
                        // name is not the father (held-out region seed
                        // 212); a review then, never settled.
                        score = OTHER_LAST_NAME;
                        review_only = true;
                        married = !fe.a_man(fp) || self.last_names_alike(fe, fp);
                    } else if self.married_name_written_otherwise(fe, fp, orders) {
                        // The same reading with the names swapped on one
                        // side, or middle names on one side: a review with
                        // its partner, never settled (issue 19, sixth pass).
                        score = OTHER_LAST_NAME;
                        review_only = true;
                    } else {
                        // Names alone then: below the review threshold
                        // whatever the last names when the first names are
                        // far apart (the other parent), so not compared.
                        score = if names.first * 0.95 * 0.95 < keep * keep {
                            0.0
                        } else {
                            self.pair_score(fe, fp, keep)
                        };
                        review_only = true;
                    }
                } else {
                    score = evidence.apply(self.pair_score(fe, fp, keep));
                }
                if !guardians
                    && fe.group == 2
                    && fe.population == fp.population
                    && (0.84..0.9).contains(&score)
                    && (fe.date.is_none() != fp.date.is_none()
                        || (fe.date.is_some() && fe.date == fp.date)
                        || (fe.date.is_none() && self.name_given_in_words(fe, fp)))
                    && self.name_given_in_part(fe, fp)
                {
                    score = PART_OF_NAME_WITHOUT_DATE;
                }
                if score < keep {
                    score = 0.0;
                }
                if !guardians
                    && score < keep
                    && fe.group >= 2
                    && fe.date.is_some()
                    && fe.date == fp.date
                    && self.same_first_name(fe, fp)
                {
                    // Staff with the same first name and birth date under two
                    // last names.
                    score = OTHER_LAST_NAME;
                    review_only = true;
                }
                if fe.population != fp.population {
                    score *= 0.9;
                    review_only = true;
                }
                if fe.other_sex(fp) {
                    // A man and a woman (a civility, a pupil's `Sexe`, on
                    // both sides): at most a review, never settled.
                    review_only = true;
                    married = false;
                }
                let mut foreign = false;
                if !review_only
                    && !guardians
                    && score >= cap
                    && self.guardians_disagree(fe, p, orders)
                {
                    review_only = true;
                    foreign = true;
                }
                if review_only {
                    score = score.min(cap);
                }
                if score > 0.0 && score >= keep {
                    pairs.push(Pair {
                        e,
                        p,
                        score,
                        exact: false,
                        review_only,
                        kin,
                        married,
                        foreign,
                    });
                }
            }
        }
        let to = pairs.len();
        self.pairs = pairs;
        self.sort_pairs(from, to);
    }

    /// Whether one field of two staff records is the same and the other
    /// is given in part on one side: the first name the start of the
    /// other's, three letters at least (middle names left out, a compound
    /// first name cut, a usual short form: `CAROLE` / `CAROLE PIERRE
    /// ELISE`, `SEB` / `SEBASTIEN`), or the last name the leading words of
    /// the other's (a second last name left out, `MOPONPANN` /
    /// `MOPONPANN GOCHEUGROUL`).
    fn name_given_in_part(&self, e: &Feat, p: &Feat) -> bool {
        let same = |a: Span, b: Span| !a.is_empty() && self.str(a) == self.str(b);
        let leading = |a: Span, b: Span, prefix: bool| {
            let (a, b) = (self.str(a), self.str(b));
            let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
            short.len() >= 3
                && short.len() < long.len()
                && long.starts_with(short)
                && (prefix || long.as_bytes().get(short.len()) == Some(&b' '))
        };
        (same(e.last_key, p.last_key) && leading(e.first, p.first, true))
            || (same(e.first_key, p.first_key) && leading(e.last, p.last, false))
    }

    /// Whether the first name of one staff record is the leading words of
    /// the other's (`CAROLE` / `CAROLE PIERRE ELISE`, `MARIE` / `MARIE
    /// CLAIRE`), the last names the same: a part given in whole words,
    /// not a prefix (`PAUL` is not `PAULINE`, `CHRIS` is also
    /// `CHRISTINE`).
    fn name_given_in_words(&self, e: &Feat, p: &Feat) -> bool {
        let (a, b) = (self.str(e.first), self.str(p.first));
        let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
        !e.last_key.is_empty()
            && self.str(e.last_key) == self.str(p.last_key)
            && short.len() >= 3
            && short.len() < long.len()
            && long.starts_with(short)
            && long.as_bytes().get(short.len()) == Some(&b' ')
    }

    /// Whether two last names are still alike (a similarity of 0.5 at
    /// least: `AYDOÄžAN` / `AYDOĞAN`, `DE SAINT-PIERRE` / `SAINT-PIERRE
    /// E`), not two families' names (`BAUTONRT` / `MOREL`, 0.35).
    fn last_names_alike(&self, e: &Feat, p: &Feat) -> bool {
        (e.compound_last()
            && p.compound_last()
            && same_words_reordered(self.str(e.last), self.str(p.last)))
            || name_similarity_at_least(
                self.str(e.last),
                self.str(e.last_key),
                self.str(p.last),
                self.str(p.last_key),
                0.5,
            ) >= 0.5
    }

    /// A guardian and a candidate sharing a pupil, read as a maiden and a
    /// married name though the first names differ as written: middle names
    /// on one side (`Aurélie Louis Rose` / `Aurélie`), or the names
    /// swapped on one side, the first name then in the other's last-name
    /// field (`Laetitia` / `GREUCHONFOULLE` against `CAIDES` / `Laetitia`),
    /// not the family's name (two swapped parents). Only ever a review.
    fn married_name_written_otherwise(&self, e: &Feat, p: &Feat, orders: [&[u64]; 2]) -> bool {
        if e.a_man(p) && !self.last_names_alike(e, p) {
            return false;
        }
        let middle_names = !e.first_key.is_empty()
            && super::family::same_first_word(self.str(e.first), self.str(p.first))
            && !self.first_name_is_family_name(e, orders);
        let swapped_here = e.last_hash == p.first_hash
            && !e.last.is_empty()
            && !self.is_family_name(e, e.last_hash, orders);
        let swapped_there = e.first_hash == p.last_hash
            && !e.first.is_empty()
            && !self.first_name_is_family_name(e, orders);
        middle_names || swapped_here || swapped_there
    }

    fn same_first_name(&self, e: &Feat, p: &Feat) -> bool {
        e.first_hash == p.first_hash
            && !e.first_key.is_empty()
            && self.str(e.first_key) == self.str(p.first_key)
    }

    /// Within each ENT record's run of pairs (the runs stay in place): best
    /// score first, then by PRONOTE id and index for determinism.
    pub(super) fn sort_pairs(&mut self, from: usize, to: usize) {
        let pronote = self.records[PRONOTE];
        let feats = &self.feats[PRONOTE];
        let id = |p: u32| {
            let g = feats[p as usize].global;
            (pronote[g as usize].id, g)
        };
        for run in self.pairs[from..to].chunk_by_mut(|a, b| a.e == b.e) {
            if run.len() > 1 {
                run.sort_unstable_by(|a, b| {
                    b.score
                        .total_cmp(&a.score)
                        .then_with(|| id(a.p).cmp(&id(b.p)))
                });
            }
        }
    }

    /// Names (straight or swapped, docs/domain.md §5; the last names of « épouse /
    /// née » forms compared part by part) times the agreement of birth
    /// dates ([`date_factor`]).
    ///
    /// A score below `cutoff` only needs to be known to be below it: a name
    /// comparison whose result cannot lift the score to `cutoff` is skipped
    /// (a similarity is at most 1, so `sqrt(a * b) <= sqrt(a)`); any score
    /// at or above `cutoff` is exact.
    pub(super) fn pair_score(&self, e: &Feat, p: &Feat, cutoff: f32) -> f32 {
        let dates = date_factor(e.date, p.date);
        // The names score that reaches the cutoff; each comparison is told
        // the least value that could still get there (less 0.1 %, far more
        // than any rounding), below which it may answer 0: then the score
        // is below the cutoff either way, and any score at or above it is
        // computed from exact similarities.
        let needed = (cutoff / dates).max(0.0);
        let floor = |x: f32| x * 0.999;
        let sim = |a: (Span, Span), b: (Span, Span), at_least: f32| {
            name_similarity_at_least(
                self.str(a.0),
                self.str(a.1),
                self.str(b.0),
                self.str(b.1),
                at_least,
            )
        };
        let may_reach = |names: f32| names * dates >= cutoff;
        let (e_last, e_first) = ((e.last, e.last_key), (e.first, e.first_key));
        let (p_last, p_first) = ((p.last, p.last_key), (p.first, p.first_key));
        // sqrt(l * f) >= needed: l >= needed², f >= needed² / l.
        let at_least = floor(needed * needed);
        let mut last = sim(e_last, p_last, at_least);
        let (e_alt, p_alt) = ((e.alt, e.alt_key), (p.alt, p.alt_key));
        if last < 1.0 && !e.alt.is_empty() {
            last = last.max(sim(e_alt, p_last, at_least));
        }
        if last < 1.0 && !p.alt.is_empty() {
            last = last.max(sim(e_last, p_alt, at_least));
            if !e.alt.is_empty() {
                last = last.max(sim(e_alt, p_alt, at_least));
            }
        }
        // A double last name written the other way round: as a part of a
        // compound name (docs/domain.md « What is the same name »).
        if last < REORDERED
            && at_least <= REORDERED
            && e.compound_last()
            && p.compound_last()
            && same_words_reordered(self.str(e.last), self.str(p.last))
        {
            last = REORDERED;
        }
        let straight = if may_reach(last.sqrt()) {
            (last * sim(e_first, p_first, floor(needed * needed / last))).sqrt()
        } else {
            0.0
        };
        // Names written in each other's field: looked for when one of the
        // two crossed names agrees exactly, or when the birth dates nearly
        // agree (a swap with a slip in both names and no date is left to
        // review).
        let may_be_swapped =
            e.last_hash == p.first_hash || e.first_hash == p.last_hash || dates >= 0.93;
        let names = if straight < 1.0 && may_be_swapped {
            let needed = needed / 0.97;
            let crossed = sim(e_last, p_first, floor(needed * needed));
            let swapped = if may_reach(crossed.sqrt() * 0.97) {
                (crossed * sim(e_first, p_last, floor(needed * needed / crossed))).sqrt() * 0.97
            } else {
                0.0
            };
            straight.max(swapped)
        } else {
            straight
        };
        names * dates
    }
}
