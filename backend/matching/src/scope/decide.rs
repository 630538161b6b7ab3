//! Decisions: automatic links, reviews and duplicates.

use super::*;

impl Matcher<'_, '_> {
    /// Decides every ENT record of `pairs[from..to]` (one phase).
    pub(super) fn decide(
        &mut self,
        from: usize,
        to: usize,
        orders: [&[u64]; 2],
        out: &mut Partial,
    ) {
        let [ent, _] = self.records;
        let ent_id = |feats: &[Feat], e: u32| {
            let g = feats[e as usize].global;
            (ent[g as usize].id, g)
        };
        self.best_pronote.clear();
        self.best_pronote.resize(self.feats[PRONOTE].len(), NO_BEST);
        for pair in &self.pairs[from..to] {
            let best = &mut self.best_pronote[pair.p as usize];
            let wins = pair.score > best.score
                || (pair.score == best.score
                    && ent_id(&self.feats[ENT], pair.e) < ent_id(&self.feats[ENT], best.other));
            if wins {
                best.second = best.score;
                best.score = pair.score;
                best.other = pair.e;
            } else if pair.score > best.second {
                best.second = pair.score;
            }
        }
        // Each ENT record's best candidate (its run is sorted, best first).
        self.best_ent.clear();
        self.best_ent.resize(self.feats[ENT].len(), NO_BEST);
        for run in self.pairs[from..to].chunk_by(|a, b| a.e == b.e) {
            self.best_ent[run[0].e as usize] = Best {
                score: run[0].score,
                other: run[0].p,
                second: run.get(1).map_or(-1.0, |c| c.score),
            };
        }
        self.index_by_pronote(from, to);
        let o = self.options;
        let mut start = from;
        while start < to {
            let e = self.pairs[start].e;
            let len = self.pairs[start..to]
                .iter()
                .take_while(|p| p.e == e)
                .count();
            let run = &self.pairs[start..start + len];
            start += len;
            let top = run[0];
            if top.score < o.review_threshold {
                continue;
            }
            let second = run.get(1).map_or(-1.0, |p| p.score);
            let bp = self.best_pronote[top.p as usize];
            let ambiguous =
                self.ambiguous[ENT][e as usize] || self.ambiguous[PRONOTE][top.p as usize];
            let family = self.family_competitor(e, top, &run[1..])
                || self.co_parent_competitor(e, top, &run[1..]);
            let clear_winner = !top.review_only
                && !family
                && top.score >= o.auto_threshold
                && second < top.score - o.margin
                && bp.other == e
                && bp.second < top.score - o.margin;
            let e_global = self.feats[ENT][e as usize].global;
            let p_global = self.feats[PRONOTE][top.p as usize].global;
            if clear_winner && !ambiguous {
                out.links.push(Link {
                    ent: e_global,
                    pronote: p_global,
                    score: top.score.clamp(0.0, 1.0),
                    rule: if top.exact {
                        LinkRule::Exact
                    } else {
                        LinkRule::Scored
                    },
                });
                self.link_map.push((e_global, p_global));
                self.linked_to[e as usize] = top.p;
                continue;
            }
            // Two candidates with the same names, both compatible with this
            // record, are homonyms from its point of view.
            let homonym_candidates = run.get(1).is_some_and(|c| {
                c.score >= o.review_threshold
                    && self
                        .same_names(
                            &self.feats[PRONOTE][top.p as usize],
                            &self.feats[PRONOTE][c.p as usize],
                        )
                        .is_eq()
            });
            let claimed = bp.other != e && bp.other != NONE && bp.score >= o.auto_threshold;
            let reason = if ambiguous || homonym_candidates || family {
                ReviewReason::Homonym
            } else if claimed {
                let other = self.feats[ENT][bp.other as usize].global;
                out.duplicates.push(Duplicate {
                    side: Side::Ent,
                    records: vec![e_global.min(other), e_global.max(other)],
                });
                ReviewReason::Duplicate
            } else if top.score < o.auto_threshold {
                let clear = second < top.score - o.margin
                    && bp.other == e
                    && bp.second < top.score - o.margin;
                if clear && top.married && !ambiguous && !family {
                    self.married.push((e, top.p, out.reviews.len()));
                }
                if clear
                    && !top.review_only
                    && top.score >= LIKELY
                    && self.feats[ENT][e as usize].population == Population::Parents
                {
                    self.likely_guardians.push((e, top.p, out.reviews.len()));
                }
                // A pupil further below (two noises in its birth date)
                // is likely too when its family is written alike on both
                // sides (issue 19, third pass).
                if clear
                    && !top.review_only
                    && self.feats[ENT][e as usize].population == Population::Eleves
                    && (top.score >= LIKELY
                        || self.two_date_slips_and_same_guardians(e, top.p, orders))
                {
                    self.likely.push(Likely {
                        ent: e_global,
                        pronote: p_global,
                        score: top.score.clamp(0.0, 1.0),
                        settle: true,
                        review: out.reviews.len(),
                    });
                }
                ReviewReason::LowScore
            } else {
                ReviewReason::NearTie
            };
            let settles = self.likely.last().is_some_and(|l| l.ent == e_global);
            if !settles && self.feats[ENT][e as usize].population == Population::Eleves {
                // A pupil with duplicates, homonyms or twins: its strong
                // candidates still tell its family.
                for c in run
                    .iter()
                    .take_while(|c| c.score >= LIKELY)
                    .filter(|c| !c.foreign)
                {
                    self.likely.push(Likely {
                        ent: e_global,
                        pronote: self.feats[PRONOTE][c.p as usize].global,
                        score: c.score,
                        settle: false,
                        review: 0,
                    });
                }
            }
            out.reviews.push(Review {
                ent: e_global,
                candidates: run
                    .iter()
                    .take_while(|c| c.score >= o.review_threshold)
                    .take(o.max_candidates.max(1))
                    .map(|c| Candidate {
                        pronote: self.feats[PRONOTE][c.p as usize].global,
                        score: c.score.clamp(0.0, 1.0),
                    })
                    .collect(),
                reason,
            });
        }
        // A PRONOTE record whose best ENT record went, as strongly, to
        // another PRONOTE record is likely a duplicate of that one.
        for (p, best) in (0u32..).zip(&self.best_pronote) {
            if best.other == NONE || best.score < o.auto_threshold {
                continue;
            }
            let linked = self.linked_to[best.other as usize];
            if linked != NONE && linked != p && !self.ambiguous[PRONOTE][p as usize] {
                let (a, b) = (
                    self.feats[PRONOTE][p as usize].global,
                    self.feats[PRONOTE][linked as usize].global,
                );
                out.duplicates.push(Duplicate {
                    side: Side::Pronote,
                    records: vec![a.min(b), a.max(b)],
                });
            }
        }
    }

    /// Whether a candidate competing with `top` belongs to the same family
    /// and birth date as the record it competes with (same or nearly the
    /// same last name, same date: a twin, or a namesake born the same day),
    /// without its own
    /// identical record to explain it: then which of the two is the person
    /// is a guess, and a guess is never linked (issue 19: `Lino` is not
    /// linked to his twin `Lina`, nor a pupil to a namesake while the true
    /// partner is written with a middle name).
    fn family_competitor(&self, e: u32, top: Pair, others: &[Pair]) -> bool {
        let o = self.options;
        // A competitor far below (a twin with another first name) is no
        // competition.
        let close = (top.score - 0.15).max(o.review_threshold);
        // The same birth date and the same last name, or nearly (one
        // family's name transliterated two ways: `DJORDJEVIC` / `ĐORĐEVIĆ`).
        let same_family = |a: &Feat, b: &Feat| {
            a.date_key != 0
                && a.date_key == b.date_key
                && (a.last_hash == b.last_hash
                    || crate::similarity::name_similarity_at_least(
                        self.str(a.last),
                        self.str(a.last_key),
                        self.str(b.last),
                        self.str(b.last_key),
                        0.8,
                    ) >= 0.8)
        };
        let (fe, fp) = (
            &self.feats[ENT][e as usize],
            &self.feats[PRONOTE][top.p as usize],
        );
        if fe.date_key == 0 && fp.date_key == 0 {
            return false;
        }
        // A rival is explained by an identical record of its own, or by
        // a record it clearly prefers and that prefers it (its twin's
        // record: twins whose dates are both one day off).
        let unexplained = |side: usize, record: u32, partner: u32, score: f32| {
            let exact = self.exact[side][record as usize];
            if exact != NONE {
                return exact == partner;
            }
            let (mine, theirs) = if side == ENT {
                (&self.best_ent, &self.best_pronote)
            } else {
                (&self.best_pronote, &self.best_ent)
            };
            let best = mine[record as usize];
            let mutual = best.other != NONE
                && best.other != partner
                && best.score >= score + o.margin
                && best.second < best.score - o.margin
                && theirs
                    .get(best.other as usize)
                    .is_some_and(|b| b.other == record && b.second < b.score - o.margin);
            !mutual
        };
        let pronote_rival = others.iter().any(|c| {
            c.score >= close
                && same_family(&self.feats[PRONOTE][c.p as usize], fp)
                && unexplained(PRONOTE, c.p, e, c.score)
        });
        let p = top.p as usize;
        let (a, b) = (
            self.by_pronote_start[p] as usize,
            self.by_pronote_start[p + 1] as usize,
        );
        pronote_rival
            || self.by_pronote[a..b].iter().any(|&i| {
                let c = self.pairs[i as usize];
                c.e != e
                    && c.score >= close
                    && same_family(&self.feats[ENT][c.e as usize], fe)
                    && unexplained(ENT, c.e, top.p, c.score)
            })
    }

    /// Indexes the pairs of `pairs[from..to]` by PRONOTE record (a counting
    /// sort), for [`Self::family_competitor`].
    fn index_by_pronote(&mut self, from: usize, to: usize) {
        let n = self.feats[PRONOTE].len();
        let starts = &mut self.by_pronote_start;
        starts.clear();
        starts.resize(n + 1, 0);
        for pair in &self.pairs[from..to] {
            starts[pair.p as usize + 1] += 1;
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let next = &mut self.sort_counts;
        next.clear();
        next.extend_from_slice(&starts[..n]);
        self.by_pronote.clear();
        self.by_pronote.resize(to - from, 0);
        for (i, pair) in (from..to).zip(&self.pairs[from..to]) {
            let at = &mut next[pair.p as usize];
            self.by_pronote[*at as usize] = i as u32;
            *at += 1;
        }
    }

    /// Whether a guardian's best candidate competes with another guardian of
    /// the same pupil with the same first name, on either side: two
    /// parents both called `Claude`, or a father and a mother known by her
    /// married name (issue 19: the shared pupil must not decide between
    /// the two parents).
    fn co_parent_competitor(&self, e: u32, top: Pair, others: &[Pair]) -> bool {
        if !top.kin {
            // Below a best candidate that reads part of the first name
            // (`Jean Françis` / `Jean`, a grand-father), a guardian of the
            // same pupil whose first name reads all of it (the father
            // `Jean-François`, kept to review as another name): the two
            // readings compete, a person chooses (issue 19, sixth pass).
            return others
                .iter()
                .any(|c| c.kin && c.score >= self.options.review_threshold);
        }
        let p = top.p as usize;
        let (a, b) = (
            self.by_pronote_start[p] as usize,
            self.by_pronote_start[p + 1] as usize,
        );
        others.iter().any(|c| c.kin)
            || self.by_pronote[a..b].iter().any(|&i| {
                let c = self.pairs[i as usize];
                c.e != e && c.kin
            })
    }
}
