//! The evidence of families (issue 19): guardians known through their
//! pupils' links, a guardian's names against a candidate's, pupils whose
//! guardians agree or not, and look-alike parents of one pupil.

use super::*;
use crate::similarity::name_similarity_at_least;

/// Whether two canonical names start with the same significant word.
pub(super) fn same_first_word(a: &str, b: &str) -> bool {
    fn first(s: &str) -> &str {
        s.split(' ')
            .find(|w| !w.is_empty() && !crate::normalise::is_particle(w))
            .unwrap_or("")
    }
    let (x, y) = (first(a), first(b));
    x.len() == y.len()
        && x.bytes()
            .zip(y.bytes())
            .all(|(p, q)| p == q || p == b'?' || q == b'?')
}

/// First names given to men and women alike, in canonical form, sorted:
/// between two parents of one child, nothing else in a record tells them
/// apart (`Record` has no civility). Not a list of nicknames: which names
/// are epicene is a fact of the language, not a spelling to recognise.
const EPICENE: [&str; 13] = [
    "ALEX",
    "ALIX",
    "ANDREA",
    "CAMILLE",
    "CHARLIE",
    "CLAUDE",
    "DOMINIQUE",
    "EDEN",
    "LOU",
    "MORGAN",
    "NOA",
    "SACHA",
    "YANNICK",
];

fn is_epicene(first: &str) -> bool {
    EPICENE.binary_search(&first).is_ok()
}

/// How two guardians' names agree (see `Matcher::guardian_names`).
pub(super) struct GuardianNames {
    pub first: f32,
    pub last: f32,
    pub swapped: bool,
}

impl Matcher<'_, '_> {
    /// How well the first names and the last names of two guardians agree
    /// (the last names part by part for « épouse / née » forms), straight
    /// or swapped (a guardian written with the names in each other's
    /// field): the reading that agrees best on the first name. Only the
    /// thresholds 0.85 and 0.9 (first names; exact down to 0.5) and 0.8
    /// (last names) matter: below them, a similarity may be answered as 0.
    pub(super) fn guardian_names(&self, e: &Feat, p: &Feat) -> GuardianNames {
        let sim = |a: (Span, Span), b: (Span, Span), floor: f32| {
            name_similarity_at_least(
                self.str(a.0),
                self.str(a.1),
                self.str(b.0),
                self.str(b.1),
                floor,
            )
        };
        // Exact down to 0.5: a pair below it cannot reach review on names.
        let mut first = sim((e.first, e.first_key), (p.first, p.first_key), 0.5);
        // A part of a compound first name counts only as its first part
        // (`Jean` for `Jean-Marie`): `Marie` is the mother, not the father
        // `Jean-Marie`.
        if (0.85..0.9).contains(&first) && !same_first_word(self.str(e.first), self.str(p.first)) {
            first = 0.8;
        }
        let mut last = sim((e.last, e.last_key), (p.last, p.last_key), 0.799);
        for (a, b) in [
            ((e.alt, e.alt_key), (p.last, p.last_key)),
            ((e.last, e.last_key), (p.alt, p.alt_key)),
            ((e.alt, e.alt_key), (p.alt, p.alt_key)),
        ] {
            if last < 1.0 && !a.0.is_empty() && !b.0.is_empty() {
                last = last.max(sim(a, b, 0.799));
            }
        }
        let straight = GuardianNames {
            first,
            last,
            swapped: false,
        };
        if first >= 0.85 {
            return straight;
        }
        let crossed_first = sim((e.first, e.first_key), (p.last, p.last_key), 0.849);
        if crossed_first <= first {
            return straight;
        }
        // Which of the two crossed pairs holds the first names depends on
        // the side that swapped them (`GAUFAUCUC` / `Sandrine` in the ENT
        // against `GAUFAUCUC Yann` compares two last names, not two first
        // names): the crossed reading stands only when both pairs agree.
        let crossed_last = sim((e.last, e.last_key), (p.first, p.first_key), 0.799);
        if crossed_last < 0.8 {
            return straight;
        }
        GuardianNames {
            first: crossed_first,
            last: crossed_last,
            swapped: true,
        }
    }

    /// A guardian whose pupils are linked to pupils of the PRONOTE guardian
    /// gains evidence; one whose linked pupils are all foreign to a PRONOTE
    /// guardian with pupils loses some (docs/domain.md §5: guardians who are not
    /// legal representatives).
    ///
    /// A pupil only likely linked (a homonym, a namesake, reviewed) is
    /// evidence only when the other guardians of the family agree too
    /// (`co_guardians_agree`): the mother of a namesake of another family
    /// may bear the same names (issue 19, third pass).
    pub(super) fn relation_evidence(&self, e: u32, p: u32, orders: [&[u64]; 2]) -> Evidence {
        let [ent, pronote] = self.records;
        let e_rec = &ent[self.feats[ENT][e as usize].global as usize];
        let p_global = self.feats[PRONOTE][p as usize].global;
        let p_rec = &pronote[p_global as usize];
        // The relation as either record gives it (a duplicate pupil may
        // list its guardian while the guardian lists the other copy).
        let of_p = |pupil: u32| {
            p_rec.related.contains(&pupil)
                || pronote
                    .get(pupil as usize)
                    .is_some_and(|r| r.related.contains(&p_global))
        };
        let (mut linked, mut shared, mut likely) = (0, false, false);
        for &child in e_rec.related {
            if let Ok(at) = self.link_map.binary_search_by_key(&child, |l| l.0) {
                linked += 1;
                shared |= of_p(self.link_map[at].1);
            } else {
                let from = self.likely.partition_point(|l| l.ent < child);
                let mut partners = self.likely[from..]
                    .iter()
                    .take_while(|l| l.ent == child)
                    .peekable();
                likely |= partners.peek().is_some() && partners.all(|l| of_p(l.pronote));
            }
        }
        if shared {
            Evidence::Shared
        } else if likely
            && self.co_guardians_agree(self.feats[ENT][e as usize].global, p_global, orders)
        {
            Evidence::Likely
        } else if linked > 0 && !p_rec.related.is_empty() {
            Evidence::Foreign
        } else {
            Evidence::None
        }
    }

    /// Whether the other guardians of a guardian's pupils (ENT record
    /// `e_global`) and of the candidate's (`p_global`) are as many and each
    /// has a guardian with a similar first name (straight or swapped) on
    /// the other side: the family is the same, not a namesake's whose
    /// mother bears the same names (`RANRAIJANRET Valérie` with the father
    /// `Stéphane` in the ENT, alone in PRONOTE; `TEUMAUVILLE Sophie` with
    /// `Nicolas` on one side and `Pascal` on the other).
    fn co_guardians_agree(&self, e_global: u32, p_global: u32, orders: [&[u64]; 2]) -> bool {
        let [ent, pronote] = self.records;
        let (Some(e_rec), Some(p_rec)) =
            (ent.get(e_global as usize), pronote.get(p_global as usize))
        else {
            return false;
        };
        let others = |side: usize, record: &Record, own: Option<u32>| -> Vec<&Feat> {
            let records = self.records[side];
            let mut v: Vec<u32> = record
                .related
                .iter()
                .filter_map(|&c| records.get(c as usize))
                .flat_map(|c| c.related.iter().copied())
                .filter(|&g| Some(g) != own)
                .collect();
            v.sort_unstable();
            v.dedup();
            v.into_iter()
                .filter_map(|g| self.feat_of(side, g, orders))
                .filter(|f| f.population == Population::Parents)
                .collect()
        };
        let ours = others(ENT, e_rec, Some(e_global));
        let theirs = others(PRONOTE, p_rec, Some(p_global));
        let close = |a: (Span, Span), b: (Span, Span)| {
            name_similarity_at_least(
                self.str(a.0),
                self.str(a.1),
                self.str(b.0),
                self.str(b.1),
                0.8,
            ) >= 0.8
        };
        ours.len() == theirs.len()
            && ours.iter().all(|g| {
                theirs.iter().any(|h| {
                    g.first_hash == h.first_hash
                        || close((g.first, g.first_key), (h.first, h.first_key))
                        || close((g.first, g.first_key), (h.last, h.last_key))
                        || close((g.last, g.last_key), (h.first, h.first_key))
                })
            })
    }

    /// [`Self::same_guardians`] for a pupil and a candidate whose birth
    /// dates are at most two slips apart (`two_slips_apart`), or missing
    /// on one side: never two dates merely different (a namesake of
    /// another family born months apart, whose single guardian has the
    /// same names, region seed 170).
    pub(super) fn two_date_slips_and_same_guardians(
        &self,
        e: u32,
        p: u32,
        orders: [&[u64]; 2],
    ) -> bool {
        use crate::normalise::{near_date, transposed, two_slips_apart};
        let (fe, fp) = (
            &self.feats[ENT][e as usize],
            &self.feats[PRONOTE][p as usize],
        );
        let dates_agree = match (fe.date, fp.date) {
            (Some(a), Some(b)) => {
                a == b || transposed(a, b) || near_date(a, b).is_some() || two_slips_apart(a, b)
            }
            _ => true,
        };
        dates_agree && self.same_guardians(e, p, orders)
    }

    /// Whether a pupil (ENT, local `e`) and its candidate (PRONOTE, local
    /// `p`) have the same guardians, written alike: as many on both
    /// sides, one at least, each with the same last and first names (once
    /// normalised) as one of the other side's. Two families of one
    /// establishment do not share their guardians' names, so a pupil
    /// whose birth date carries two noises (one day and one year off,
    /// each side its own) is the same child.
    pub(super) fn same_guardians(&self, e: u32, p: u32, orders: [&[u64]; 2]) -> bool {
        let guardians = |side: usize, local: u32| -> Vec<(u64, u64)> {
            let records = self.records[side];
            let Some(record) = records.get(self.feats[side][local as usize].global as usize) else {
                return Vec::new();
            };
            let mut v: Vec<(u64, u64)> = record
                .related
                .iter()
                .filter_map(|&g| self.feat_of(side, g, orders))
                .filter(|f| f.population == Population::Parents && f.usable)
                .map(|f| (f.last_hash, f.first_hash))
                .collect();
            v.sort_unstable();
            v
        };
        let ours = guardians(ENT, e);
        !ours.is_empty() && ours == guardians(PRONOTE, p)
    }

    /// The features of a record of this scope, from its index in its
    /// side's slice.
    pub(super) fn feat_of(&self, side: usize, global: u32, orders: [&[u64]; 2]) -> Option<&Feat> {
        self.local_of(side, global, orders)
            .and_then(|at| self.feats[side].get(at))
    }

    /// Whether the guardians of a pupil and of its candidate have nothing
    /// in common: both have guardians, no two of them have similar first
    /// names, straight or swapped with the last names (last names alone
    /// say little: a namesake's father has the pupil's last name too), and
    /// no brother or sister has the same first name on both sides. A pupil
    /// of another family with the same names and birth date is then not
    /// linked automatically.
    pub(super) fn guardians_disagree(&self, fe: &Feat, p: u32, orders: [&[u64]; 2]) -> bool {
        if fe.population != Population::Eleves {
            return false;
        }
        let [ent, pronote] = self.records;
        let fp = &self.feats[PRONOTE][p as usize];
        let (Some(e_rec), Some(p_rec)) =
            (ent.get(fe.global as usize), pronote.get(fp.global as usize))
        else {
            return false;
        };
        let guardian = |side: usize, global: u32| {
            self.feat_of(side, global, orders)
                .filter(|f| f.population == Population::Parents)
        };
        let sim = |a: (Span, Span), b: (Span, Span)| {
            name_similarity_at_least(
                self.str(a.0),
                self.str(a.1),
                self.str(b.0),
                self.str(b.1),
                0.8,
            ) >= 0.8
        };
        let mut seen = (false, false);
        for g in e_rec.related.iter().filter_map(|&g| guardian(ENT, g)) {
            seen.0 = true;
            for h in p_rec.related.iter().filter_map(|&h| guardian(PRONOTE, h)) {
                seen.1 = true;
                // The same first name, or the names swapped; swapped with
                // a last name changed too (a married name), the first name
                // alone, if close and not the family's name (in a swapped
                // record the crossed fields may hold two last names, and a
                // namesake's family has the same).
                let crossed = |a: (Span, Span), b: (Span, Span)| {
                    let close = |x: (Span, Span), y: (Span, Span), at: f32| {
                        name_similarity_at_least(
                            self.str(x.0),
                            self.str(x.1),
                            self.str(y.0),
                            self.str(y.1),
                            at,
                        ) >= at
                    };
                    close(a, b, 0.85)
                        && !close(a, (fe.last, fe.last_key), 0.8)
                        && !close(b, (fp.last, fp.last_key), 0.8)
                };
                let similar = g.first_hash == h.first_hash
                    || sim((g.first, g.first_key), (h.first, h.first_key))
                    || (sim((g.first, g.first_key), (h.last, h.last_key))
                        && sim((g.last, g.last_key), (h.first, h.first_key)))
                    || crossed((g.first, g.first_key), (h.last, h.last_key))
                    || crossed((g.last, g.last_key), (h.first, h.first_key));
                if similar {
                    return false;
                }
            }
        }
        if !(seen.0 && seen.1) {
            return false;
        }
        // Brothers and sisters: the other pupils of the guardians.
        let siblings = |side: usize, record: &Record, own: u32| -> Vec<u64> {
            let records = self.records[side];
            let mut out = Vec::new();
            for g in record
                .related
                .iter()
                .filter_map(|&g| records.get(g as usize))
            {
                for &s in g.related.iter().filter(|&&s| s != own) {
                    if let Some(f) = self
                        .feat_of(side, s, orders)
                        .filter(|f| f.population == Population::Eleves)
                    {
                        out.push(f.first_hash);
                    }
                }
            }
            out
        };
        let ours = siblings(ENT, e_rec, fe.global);
        if ours.is_empty() {
            return true;
        }
        let theirs = siblings(PRONOTE, p_rec, fp.global);
        !ours.iter().any(|h| theirs.contains(h))
    }

    /// Whether a guardian and its candidate bear a first name given to men
    /// and women while their family lists no other guardian on one side
    /// at least: the parent missing there may bear the same names (a
    /// father `Dominique` in the ENT only and the mother `Dominique`,
    /// married under his name, in PRONOTE only, issue 19 third pass).
    /// Their shared pupils cannot tell which parent each side holds: a
    /// guess, never linked automatically.
    pub(super) fn lone_epicene_parent(&self, fe: &Feat, fp: &Feat) -> bool {
        if !is_epicene(self.str(fe.first_key)) && !is_epicene(self.str(fp.first_key)) {
            return false;
        }
        self.alone(ENT, fe.global) || self.alone(PRONOTE, fp.global)
    }

    /// Whether a guardian's pupils list no other guardian on its side.
    pub(super) fn alone(&self, side: usize, global: u32) -> bool {
        let records = self.records[side];
        let Some(record) = records.get(global as usize) else {
            return true;
        };
        !record
            .related
            .iter()
            .filter_map(|&pupil| records.get(pupil as usize))
            .flat_map(|pupil| pupil.related.iter())
            .any(|&g| {
                g != global
                    && records
                        .get(g as usize)
                        .is_some_and(|r| r.population == Population::Parents)
            })
    }

    /// Two guardians of the same pupil on one side with the same first
    /// name and close last names (two parents called `Camille`, the name
    /// transliterated differently for each) cannot be told apart by their
    /// names: both are set aside as homonyms, never linked automatically.
    pub(super) fn flag_look_alike_parents(&mut self, orders: [&[u64]; 2]) {
        let mut flagged = Vec::new();
        for side in [ENT, PRONOTE] {
            let records = self.records[side];
            for (i, f) in self.feats[side].iter().enumerate() {
                if f.population != Population::Parents || self.ambiguous[side][i] {
                    continue;
                }
                let Some(record) = records.get(f.global as usize) else {
                    continue;
                };
                let look_alike = record
                    .related
                    .iter()
                    .filter_map(|&pupil| records.get(pupil as usize))
                    .flat_map(|pupil| pupil.related.iter())
                    .filter(|&&g| g != f.global)
                    .filter_map(|&g| self.feat_of(side, g, orders))
                    .any(|g| {
                        let close = |a: (Span, Span), b: (Span, Span)| {
                            name_similarity_at_least(
                                self.str(a.0),
                                self.str(a.1),
                                self.str(b.0),
                                self.str(b.1),
                                0.8,
                            ) >= 0.8
                        };
                        // The other parent written with the names swapped
                        // (`Camille` / `SEREBINNE-CORDIER` beside
                        // `SEREBINNE Camille`) is as alike (issue 19, third
                        // pass).
                        g.population == Population::Parents
                            && ((g.first_hash == f.first_hash
                                && close((f.last, f.last_key), (g.last, g.last_key)))
                                || (g.last_hash == f.first_hash
                                    && !g.last_key.is_empty()
                                    && close((f.last, f.last_key), (g.first, g.first_key)))
                                || (g.first_hash == f.last_hash
                                    && !g.first_key.is_empty()
                                    && close((f.first, f.first_key), (g.last, g.last_key))))
                    });
                if look_alike {
                    flagged.push((side, i));
                }
            }
        }
        for (side, i) in flagged {
            self.ambiguous[side][i] = true;
        }
    }
}
