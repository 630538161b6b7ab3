//! Scoring of the candidate pairs, with the evidence of relations.

use super::*;
use crate::normalise::transposed;
use crate::similarity::name_similarity_at_least;

impl Matcher<'_, '_> {
    /// Scores the candidate pairs of one phase (guardians, or every other
    /// population) and adds the exact ones, ENT record by ENT record, best
    /// score first, after `pairs` so far. Guardians' scores take in the
    /// evidence of relations (`relation_evidence`), which needs the links
    /// of the first phase. Pairs too weak to change any decision are left
    /// out.
    pub(super) fn score(&mut self, guardians: bool) {
        let o = self.options;
        // Below both the review threshold and the runner-up score that could
        // stop an automatic link, a pair changes nothing.
        let keep = o.review_threshold.min(o.auto_threshold - o.margin);
        // Shared pupils lift a guardian's score to 0.6 + 0.4 s.
        let keep_shared = (keep - 0.6) / 0.4 - 1e-3;
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
                    self.relation_evidence(e, p)
                } else {
                    Evidence::None
                }
            };
            let exact = self.exact[ENT][e as usize];
            if exact != NONE {
                pairs.push(Pair {
                    e,
                    p: exact,
                    score: evidence(exact).apply(1.0),
                    exact: true,
                });
            }
            while let Some(&key) = self.pair_keys.get(k) {
                if (key >> 32) as u32 != e {
                    break;
                }
                k += 1;
                let p = (key & u64::from(u32::MAX)) as u32;
                let fp = &self.feats[PRONOTE][p as usize];
                if fe.population != fp.population {
                    continue;
                }
                // Without shared pupils, the evidence can only lower it.
                let evidence = evidence(p);
                let cutoff = if evidence == Evidence::Shared {
                    keep_shared
                } else {
                    keep
                };
                let score = self.pair_score(fe, fp, cutoff);
                if score > 0.0 && score >= cutoff {
                    pairs.push(Pair {
                        e,
                        p,
                        score: evidence.apply(score),
                        exact: false,
                    });
                }
            }
        }
        let to = pairs.len();
        self.pairs = pairs;
        self.sort_pairs(from, to);
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

    /// Names (straight or swapped, BRIEF §5) times the agreement of birth
    /// dates: equal 1, transposed (day/month, two digits) 0.93, unknown on
    /// one side 0.95, different 0.7.
    ///
    /// A score below `cutoff` only needs to be known to be below it: a name
    /// comparison whose result cannot lift the score to `cutoff` is skipped
    /// (a similarity is at most 1, so `sqrt(a * b) <= sqrt(a)`); any score
    /// at or above `cutoff` is exact.
    pub(super) fn pair_score(&self, e: &Feat, p: &Feat, cutoff: f32) -> f32 {
        let dates = match (e.date, p.date) {
            (Some(a), Some(b)) if a == b => 1.0,
            (Some(a), Some(b)) if transposed(a, b) => 0.93,
            (Some(_), Some(_)) => 0.7,
            _ => 0.95,
        };
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
        let last = sim(e_last, p_last, floor(needed * needed));
        let straight = if may_reach(last.sqrt()) {
            (last * sim(e_first, p_first, floor(needed * needed / last))).sqrt()
        } else {
            0.0
        };
        let names = if straight < 1.0 {
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

    /// A guardian whose pupils are linked to pupils of the PRONOTE guardian
    /// gains evidence; one whose linked pupils are all foreign to a PRONOTE
    /// guardian with pupils loses some (BRIEF §5: guardians who are not
    /// legal representatives).
    pub(super) fn relation_evidence(&self, e: u32, p: u32) -> Evidence {
        let [ent, pronote] = self.records;
        let e_rec = &ent[self.feats[ENT][e as usize].global as usize];
        let p_rec = &pronote[self.feats[PRONOTE][p as usize].global as usize];
        let (mut linked, mut shared) = (0, false);
        for &child in e_rec.related {
            if let Ok(at) = self.link_map.binary_search_by_key(&child, |l| l.0) {
                linked += 1;
                shared |= p_rec.related.contains(&self.link_map[at].1);
            }
        }
        if shared {
            Evidence::Shared
        } else if linked > 0 && !p_rec.related.is_empty() {
            Evidence::Foreign
        } else {
            Evidence::None
        }
    }
}
