//! Staff left alone on both sides (issue 19): a member of staff the scope
//! neither linked nor reviewed, for whom PRONOTE holds a member of staff
//! also left alone with the same first name (a maiden name on one side and
//! a married name on the other, no birth date to pair them; middle names
//! on one side), or with the same or a close last name and a first name of
//! the same initial (a usual first name or initials: `Nico` / `Nicolas`,
//! `JP` / `Jean`, names swapped or not). Blocking cannot pair them (no key
//! survives both noises), and the rest of the scope has claimed everyone
//! else: what is left is small, and a person looks at it. Always a review
//! (`LOW_SCORE`), never a link (docs/domain.md « Sixth pass »).

use super::*;
use crate::similarity::name_similarity_at_least;

/// The score given to such a candidate: a review, below any scored pair.
pub(super) const LEFT_ALONE: f32 = 0.7;

/// Last names this close are one name written otherwise: a slip, a
/// transliteration, one a part of the other (`PLENAITONRT` /
/// `COLIN-PLENAITONRT`); two names that merely look alike score below.
const CLOSE_LAST_NAMES: f32 = 0.85;

/// At most this many candidates: more means the first name tells nothing.
const MAX_CANDIDATES: usize = 3;

/// How many times `Options::max_block_pairs` the pairs of staff left alone
/// in one scope may be: a real base leaves a few dozen on each side; a
/// file of another establishment, or a hostile one, leaves thousands, and
/// comparing them all would make the work quadratic. Past it the scope's
/// staff left alone get no review from this pass.
const MAX_PAIRS_PER_BLOCK_PAIRS: usize = 16;

impl Matcher<'_, '_> {
    /// Puts to review each ENT member of staff of this scope left without
    /// link nor review (records from `links_from` and `reviews_from` are
    /// the scope's) with the PRONOTE staff left alone that it may be.
    pub(super) fn review_staff_left_alone(
        &self,
        links_from: usize,
        reviews_from: usize,
        out: &mut Partial,
    ) {
        // Every staff population: Personnels and Professeurs (one group),
        // Inspecteurs, Maîtres de stage; paired within their group.
        let staff = |f: &Feat| f.group >= 2 && f.usable;
        if !self.feats[ENT].iter().any(staff) || !self.feats[PRONOTE].iter().any(staff) {
            return;
        }
        let mut ent_taken: Vec<u32> = out.links[links_from..].iter().map(|l| l.ent).collect();
        ent_taken.extend(out.reviews[reviews_from..].iter().map(|r| r.ent));
        ent_taken.sort_unstable();
        let mut pronote_taken: Vec<u32> =
            out.links[links_from..].iter().map(|l| l.pronote).collect();
        pronote_taken.sort_unstable();
        let alone = |side: usize, taken: &[u32]| -> Vec<&Feat> {
            (0..)
                .zip(&self.feats[side])
                .filter(|&(i, f)| {
                    staff(f)
                        && self.copy_of[side][i as usize] == NONE
                        && taken.binary_search(&f.global).is_err()
                })
                .map(|(_, f)| f)
                .collect()
        };
        let pronote_alone = alone(PRONOTE, &pronote_taken);
        let ent_alone = alone(ENT, &ent_taken);
        let budget = self
            .options
            .max_block_pairs
            .saturating_mul(MAX_PAIRS_PER_BLOCK_PAIRS);
        if pronote_alone.is_empty() || ent_alone.len().saturating_mul(pronote_alone.len()) > budget
        {
            return;
        }
        for fe in ent_alone {
            let mut candidates: Vec<Candidate> = pronote_alone
                .iter()
                .filter(|fp| {
                    fp.group == fe.group && !fe.other_sex(fp) && self.may_be_left_alone_pair(fe, fp)
                })
                .map(|fp| Candidate {
                    pronote: fp.global,
                    score: LEFT_ALONE,
                })
                .collect();
            if candidates.is_empty() || candidates.len() > MAX_CANDIDATES {
                continue;
            }
            let pronote = self.records[PRONOTE];
            candidates.sort_by(|a, b| {
                let id = |c: &Candidate| pronote.get(c.pronote as usize).map(|r| r.id);
                id(a).cmp(&id(b)).then(a.pronote.cmp(&b.pronote))
            });
            out.reviews.push(Review {
                ent: fe.global,
                candidates,
                reason: ReviewReason::LowScore,
            });
        }
    }

    /// The same first name or first word of it (any last names: middle
    /// names on one side), or the same or a close last name (or the same
    /// in the other field, for names written swapped) with first names of
    /// the same initial.
    fn may_be_left_alone_pair(&self, e: &Feat, p: &Feat) -> bool {
        let (e_first, e_last) = (self.str(e.first_key), self.str(e.last_key));
        let (p_first, p_last) = (self.str(p.first_key), self.str(p.last_key));
        if e_first.is_empty() || p_first.is_empty() || e_last.is_empty() || p_last.is_empty() {
            return false;
        }
        let initial = |s: &str| s.as_bytes().first().copied();
        e_first == p_first
            || super::family::same_first_word(self.str(e.first), self.str(p.first))
            || (initial(e_first) == initial(p_first)
                && (e_last == p_last
                    || name_similarity_at_least(
                        self.str(e.last),
                        e_last,
                        self.str(p.last),
                        p_last,
                        CLOSE_LAST_NAMES,
                    ) >= CLOSE_LAST_NAMES))
            || (e_first == p_last && initial(e_last) == initial(p_first))
            || (e_last == p_first && initial(e_first) == initial(p_last))
    }
}
