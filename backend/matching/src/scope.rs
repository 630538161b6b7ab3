//! Matching within one scope (PRONOTE base): normalised features, the exact
//! pass, blocking, scoring and decisions (BRIEF §5). Buffers are reused from
//! one scope to the next, so that a worker allocates only while it meets a
//! larger scope than before.

use crate::normalise::{push_canonical_name, push_compound_key, transposed};
use crate::similarity::name_similarity_at_least;
use crate::{
    Candidate, Duplicate, Link, LinkRule, Options, Population, Record, Review, ReviewReason, Side,
};
use chrono::NaiveDate;
use std::cmp::Ordering;

const NONE: u32 = u32::MAX;
const ENT: usize = 0;
const PRONOTE: usize = 1;
const SIDE_BIT: u32 = 1 << 31;

/// What one worker found, in no particular order (sorted by the caller).
#[derive(Default)]
pub(crate) struct Partial {
    pub links: Vec<Link>,
    pub reviews: Vec<Review>,
    pub duplicates: Vec<Duplicate>,
}

#[derive(Clone, Copy, Default)]
struct Span(u32, u32);

/// A record as the engine compares it; strings live in [`Matcher::text`].
#[derive(Clone, Copy)]
struct Feat {
    global: u32,
    population: Population,
    last: Span,
    first: Span,
    last_key: Span,
    first_key: Span,
    date: Option<NaiveDate>,
    /// The date as an order-preserving integer, 0 when missing.
    date_key: u32,
    last_hash: u64,
    first_hash: u64,
    names_hash: u64,
    usable: bool,
}

/// What the links of a guardian's pupils say of a candidate.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Evidence {
    None,
    /// A linked pupil of the ENT guardian is a pupil of the candidate.
    Shared,
    /// The linked pupils are all foreign to a candidate with pupils.
    Foreign,
}

impl Evidence {
    fn apply(self, score: f32) -> f32 {
        match self {
            Evidence::None => score,
            Evidence::Shared => score + (1.0 - score) * 0.6,
            Evidence::Foreign => score * 0.85,
        }
    }
}

#[derive(Clone, Copy)]
struct Pair {
    e: u32,
    p: u32,
    score: f32,
    exact: bool,
}

/// The best and second-best scores a record got, and from whom.
#[derive(Clone, Copy)]
struct Best {
    score: f32,
    other: u32,
    second: f32,
}

const NO_BEST: Best = Best {
    score: -1.0,
    other: NONE,
    second: -1.0,
};

pub(crate) struct Matcher<'r, 'a> {
    records: [&'r [Record<'a>]; 2],
    options: &'r Options,
    text: String,
    scratch: String,
    feats: [Vec<Feat>; 2],
    ambiguous: [Vec<bool>; 2],
    exact: [Vec<u32>; 2],
    keys: Vec<(u64, u64)>,
    pair_keys: Vec<u64>,
    pairs: Vec<Pair>,
    collided: Vec<(u64, u64)>,
    sort_scratch: Vec<(u64, u64)>,
    sort_counts: Vec<u32>,
    best_pronote: Vec<Best>,
    linked_to: Vec<u32>,
    /// Links of this scope so far, (ENT global, PRONOTE global), sorted.
    link_map: Vec<(u32, u32)>,
}

impl<'r, 'a> Matcher<'r, 'a> {
    pub fn new(ent: &'r [Record<'a>], pronote: &'r [Record<'a>], options: &'r Options) -> Self {
        Matcher {
            records: [ent, pronote],
            options,
            text: String::new(),
            scratch: String::new(),
            feats: [Vec::new(), Vec::new()],
            ambiguous: [Vec::new(), Vec::new()],
            exact: [Vec::new(), Vec::new()],
            keys: Vec::new(),
            pair_keys: Vec::new(),
            pairs: Vec::new(),
            collided: Vec::new(),
            sort_scratch: Vec::new(),
            sort_counts: Vec::new(),
            best_pronote: Vec::new(),
            linked_to: Vec::new(),
            link_map: Vec::new(),
        }
    }

    /// Matches the records of one scope; `ent` and `pronote` are
    /// `(scope << 32) | index` keys of that scope.
    pub fn run(&mut self, ent: &[u64], pronote: &[u64], out: &mut Partial) {
        self.text.clear();
        for (side, order) in [(ENT, ent), (PRONOTE, pronote)] {
            self.feats[side].clear();
            for &key in order {
                // The low half is the index; truncation is the intent.
                let global = (key & u64::from(u32::MAX)) as u32;
                let feat = self.feature(side, global);
                self.feats[side].push(feat);
            }
            let n = self.feats[side].len();
            self.ambiguous[side].clear();
            self.ambiguous[side].resize(n, false);
            self.exact[side].clear();
            self.exact[side].resize(n, NONE);
        }
        self.exact_pass(out);
        if self.feats[ENT].is_empty() || self.feats[PRONOTE].is_empty() {
            return;
        }
        self.block();
        self.link_map.clear();
        self.linked_to.clear();
        self.linked_to.resize(self.feats[ENT].len(), NONE);
        // Pupils (and the other populations) first: their links are the
        // evidence for guardians, scored afterwards.
        self.pairs.clear();
        self.score(false);
        let split = self.pairs.len();
        self.decide(0, split, out);
        self.link_map.sort_unstable();
        self.score(true);
        let end = self.pairs.len();
        self.decide(split, end, out);
    }

    fn feature(&mut self, side: usize, global: u32) -> Feat {
        let record = &self.records[side][global as usize];
        let push = |raw: &str, text: &mut String, scratch: &mut String| {
            let canonical = span(text, |t| push_canonical_name(raw, t));
            let written = text
                .get(canonical.0 as usize..canonical.1 as usize)
                .unwrap_or("");
            // One word (most names): its compound key is the word itself.
            if !written.contains(' ') {
                return (canonical, canonical);
            }
            scratch.clear();
            scratch.push_str(written);
            let key = span(text, |t| push_compound_key(scratch, t));
            (canonical, key)
        };
        let (last, last_key) = push(record.last_name, &mut self.text, &mut self.scratch);
        let (first, first_key) = push(record.first_name, &mut self.text, &mut self.scratch);
        let last_hash = hash_bytes(self.str(last_key).as_bytes());
        let first_hash = hash_bytes(self.str(first_key).as_bytes());
        let names_hash = Mix::new(0)
            .add(record.population as u64)
            .add(last_hash)
            .add(first_hash)
            .finish();
        Feat {
            global,
            population: record.population,
            last,
            first,
            last_key,
            first_key,
            date: record.birth_date,
            date_key: record.birth_date.map_or(0, date_key),
            last_hash,
            first_hash,
            names_hash,
            usable: last_key.1 > last_key.0 || first_key.1 > first_key.0,
        }
    }

    fn str(&self, span: Span) -> &str {
        self.text
            .get(span.0 as usize..span.1 as usize)
            .unwrap_or("")
    }

    fn same_names(&self, a: &Feat, b: &Feat) -> Ordering {
        a.population
            .cmp(&b.population)
            .then_with(|| self.str(a.last_key).cmp(self.str(b.last_key)))
            .then_with(|| self.str(a.first_key).cmp(self.str(b.first_key)))
    }

    fn feat(&self, tagged: u32) -> &Feat {
        let side = usize::from(tagged & SIDE_BIT != 0);
        &self.feats[side][(tagged & !SIDE_BIT) as usize]
    }

    /// Groups records by normalised names. Within one side, records with the
    /// same names and compatible birth dates (equal, or one missing) are
    /// homonyms or duplicates: reported, and never linked automatically
    /// (BRIEF §5). Across sides, a unique record with the same names and the
    /// same date (or none on both sides) is an exact pair.
    fn exact_pass(&mut self, out: &mut Partial) {
        let mut keys = std::mem::take(&mut self.keys);
        keys.clear();
        for side in [ENT, PRONOTE] {
            for (i, f) in (0u32..).zip(&self.feats[side]) {
                if f.usable {
                    let tag = i | if side == PRONOTE { SIDE_BIT } else { 0 };
                    keys.push((f.names_hash, (u64::from(f.date_key) << 32) | u64::from(tag)));
                }
            }
        }
        // By names (their hash), date (missing first), side and index: plain
        // integers; the names are compared only to confirm a group.
        sort_keys(&mut keys, &mut self.sort_scratch, &mut self.sort_counts);
        let mut collided = std::mem::take(&mut self.collided);
        let mut start = 0;
        while start < keys.len() {
            let hash = keys[start].0;
            let len = keys[start..].iter().take_while(|k| k.0 == hash).count();
            let run = &keys[start..start + len];
            start += len;
            if len < 2 {
                continue;
            }
            let first = self.feat(tag_of(run[0]));
            if run
                .iter()
                .all(|k| self.same_names(first, self.feat(tag_of(*k))).is_eq())
            {
                self.names_group(run, out);
                continue;
            }
            // Different names with the same 64-bit hash: sorted by names
            // first, then split.
            collided.clear();
            collided.extend_from_slice(run);
            collided.sort_unstable_by(|a, b| {
                let (fa, fb) = (self.feat(tag_of(*a)), self.feat(tag_of(*b)));
                self.same_names(fa, fb).then(a.1.cmp(&b.1))
            });
            let mut i = 0;
            while i < collided.len() {
                let first = self.feat(tag_of(collided[i]));
                let n = collided[i..]
                    .iter()
                    .take_while(|k| self.same_names(first, self.feat(tag_of(**k))).is_eq())
                    .count();
                self.names_group(&collided[i..i + n], out);
                i += n;
            }
        }
        self.collided = collided;
        self.keys = keys;
    }

    /// One group of equal names, sorted by date (missing first), then side.
    fn names_group(&mut self, group: &[(u64, u64)], out: &mut Partial) {
        if group.len() < 2 {
            return;
        }
        let n_ent = group.iter().filter(|k| tag_of(**k) & SIDE_BIT == 0).count();
        let clusters_possible = n_ent >= 2 || group.len() - n_ent >= 2;
        for side in [ENT, PRONOTE].into_iter().filter(|_| clusters_possible) {
            let is_side = |k: &u32| (k & SIDE_BIT != 0) == (side == PRONOTE);
            let members: Vec<u32> = group.iter().map(|k| tag_of(*k)).filter(is_side).collect();
            if members.len() < 2 {
                continue;
            }
            let missing = members.iter().any(|&m| self.feat(m).date.is_none());
            let mut i = 0;
            while i < members.len() {
                let date = self.feat(members[i]).date;
                let j = if missing {
                    members.len()
                } else {
                    i + members[i..]
                        .iter()
                        .take_while(|&&m| self.feat(m).date == date)
                        .count()
                };
                if j - i >= 2 {
                    let mut records = Vec::with_capacity(j - i);
                    for &m in &members[i..j] {
                        self.ambiguous[side][(m & !SIDE_BIT) as usize] = true;
                        records.push(self.feat(m).global);
                    }
                    records.sort_unstable();
                    out.duplicates.push(Duplicate {
                        side: if side == ENT {
                            Side::Ent
                        } else {
                            Side::Pronote
                        },
                        records,
                    });
                }
                i = j;
            }
        }
        let mut i = 0;
        while i < group.len() {
            let date = group[i].1 >> 32;
            let len = group[i..].iter().take_while(|k| k.1 >> 32 == date).count();
            if let [a, b] = group[i..i + len] {
                let (e, p) = (tag_of(a), tag_of(b));
                let sides_ok = e & SIDE_BIT == 0 && p & SIDE_BIT != 0;
                let (e, p) = (e & !SIDE_BIT, p & !SIDE_BIT);
                if sides_ok
                    && !self.ambiguous[ENT][e as usize]
                    && !self.ambiguous[PRONOTE][p as usize]
                {
                    self.exact[ENT][e as usize] = p;
                    self.exact[PRONOTE][p as usize] = e;
                }
            }
            i += len;
        }
    }

    /// Candidate pairs: records sharing a blocking key. Keys are chosen so
    /// that each kind of noise leaves at least one intact: the birth date
    /// (names noisy), the last name (date or first name noisy), the first
    /// name with the start or the end of the last name (a slip in the last
    /// name), and the unordered pair of names (first and last swapped).
    fn block(&mut self) {
        let mut keys = std::mem::take(&mut self.keys);
        keys.clear();
        for side in [ENT, PRONOTE] {
            for (i, f) in (0u32..).zip(&self.feats[side]) {
                if !f.usable {
                    continue;
                }
                let tag = u64::from(i | if side == PRONOTE { SIDE_BIT } else { 0 });
                let key = |kind: u64| Mix::new(kind).add(f.population as u64);
                if f.date.is_some() {
                    keys.push((key(1).add(u64::from(f.date_key)).finish(), tag));
                }
                keys.push((key(2).add(f.last_hash).finish(), tag));
                let lb = self.str(f.last_key).as_bytes();
                let (head, tail) = (&lb[..lb.len().min(2)], &lb[lb.len().saturating_sub(2)..]);
                keys.push((key(3).add(f.first_hash).add(short_word(head)).finish(), tag));
                keys.push((key(4).add(f.first_hash).add(short_word(tail)).finish(), tag));
                let (a, b) = if f.last_hash <= f.first_hash {
                    (f.last_hash, f.first_hash)
                } else {
                    (f.first_hash, f.last_hash)
                };
                keys.push((key(5).add(a).add(b).finish(), tag));
            }
        }
        sort_keys(&mut keys, &mut self.sort_scratch, &mut self.sort_counts);
        self.pair_keys.clear();
        let mut start = 0;
        while start < keys.len() {
            let hash = keys[start].0;
            let len = keys[start..].iter().take_while(|k| k.0 == hash).count();
            let run = &keys[start..start + len];
            let n_ent = run.partition_point(|k| tag_of(*k) & SIDE_BIT == 0);
            let n_pronote = len - n_ent;
            if n_ent > 0 && n_pronote > 0 && n_ent * n_pronote <= self.options.max_block_pairs {
                for &e in &run[..n_ent] {
                    let e = tag_of(e);
                    for &p in &run[n_ent..] {
                        let p = tag_of(p) & !SIDE_BIT;
                        // Two records already in exact pairs say nothing
                        // about each other; the exact pair is added as such.
                        if self.exact[ENT][e as usize] != NONE
                            && self.exact[PRONOTE][p as usize] != NONE
                        {
                            continue;
                        }
                        self.pair_keys.push((u64::from(e) << 32) | u64::from(p));
                    }
                }
            }
            start += len;
        }
        self.keys = keys;
        self.pair_keys.sort_unstable();
        self.pair_keys.dedup();
    }

    /// Scores the candidate pairs of one phase (guardians, or every other
    /// population) and adds the exact ones, ENT record by ENT record, best
    /// score first, after `pairs` so far. Guardians' scores take in the
    /// evidence of relations (`relation_evidence`), which needs the links
    /// of the first phase. Pairs too weak to change any decision are left
    /// out.
    fn score(&mut self, guardians: bool) {
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
    fn sort_pairs(&mut self, from: usize, to: usize) {
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
    fn pair_score(&self, e: &Feat, p: &Feat, cutoff: f32) -> f32 {
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
    fn relation_evidence(&self, e: u32, p: u32) -> Evidence {
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

    /// Decides every ENT record of `pairs[from..to]` (one phase).
    fn decide(&mut self, from: usize, to: usize, out: &mut Partial) {
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
            let clear_winner = top.score >= o.auto_threshold
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
            let reason = if ambiguous || homonym_candidates {
                ReviewReason::Homonym
            } else if claimed {
                let other = self.feats[ENT][bp.other as usize].global;
                out.duplicates.push(Duplicate {
                    side: Side::Ent,
                    records: vec![e_global.min(other), e_global.max(other)],
                });
                ReviewReason::Duplicate
            } else if top.score < o.auto_threshold {
                ReviewReason::LowScore
            } else {
                ReviewReason::NearTie
            };
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
}

/// Pushes what `f` appends to `text` and returns where it went.
fn span(text: &mut String, f: impl FnOnce(&mut String)) -> Span {
    let start = text.len();
    f(text);
    // Scopes are far below 4 GiB of names; saturate rather than wrap.
    let to_u32 = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    Span(to_u32(start), to_u32(text.len()))
}

/// A date as an integer in the order of dates, never 0 (which stands for a
/// missing date).
fn date_key(date: NaiveDate) -> u32 {
    use chrono::Datelike;
    // i32 to u32 in order: flip the sign bit (i32::MIN is no date's day).
    date.num_days_from_ce().cast_unsigned() ^ SIDE_BIT
}

/// The hash of a name's bytes, eight at a time: stable across runs and
/// platforms, unlike the standard library's randomly seeded hasher.
fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = Mix::new(bytes.len() as u64);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        h = h.add(u64::from_le_bytes(word));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut word = [0u8; 8];
        word[..rest.len()].copy_from_slice(rest);
        h = h.add(u64::from_le_bytes(word));
    }
    h.finish()
}

/// Sorts `(hash, tag)` keys, as `sort_unstable` would: the hashes being
/// uniform, one counting pass on their top bits spreads the keys over
/// buckets of a few keys each, which are then sorted on their own.
fn sort_keys(keys: &mut Vec<(u64, u64)>, scratch: &mut Vec<(u64, u64)>, counts: &mut Vec<u32>) {
    let n = keys.len();
    if n < 512 {
        keys.sort_unstable();
        return;
    }
    // About two keys per bucket.
    let bits = (usize::BITS - n.leading_zeros())
        .saturating_sub(1)
        .clamp(8, 20);
    let shift = 64 - bits;
    let bucket = |k: &(u64, u64)| (k.0 >> shift) as usize;
    counts.clear();
    counts.resize((1 << bits) + 1, 0);
    for k in keys.iter() {
        counts[bucket(k) + 1] += 1;
    }
    for i in 1..counts.len() {
        counts[i] += counts[i - 1];
    }
    scratch.clear();
    scratch.resize(n, (0, 0));
    {
        let mut next = counts[..1 << bits].to_vec();
        for k in keys.iter() {
            let at = &mut next[bucket(k)];
            scratch[*at as usize] = *k;
            *at += 1;
        }
    }
    for w in counts.windows(2) {
        let (from, to) = (w[0] as usize, w[1] as usize);
        if to - from > 1 {
            scratch[from..to].sort_unstable();
        }
    }
    std::mem::swap(keys, scratch);
}

/// Up to two bytes (the start or end of a name) and their count as a word.
fn short_word(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(bytes.len() as u64, |w, &b| (w << 8) | u64::from(b))
}

fn tag_of(key: (u64, u64)) -> u32 {
    // The low half is the tag; truncation is the intent.
    (key.1 & u64::from(u32::MAX)) as u32
}

/// Combines words into a 64-bit hash: one multiply per word (each step is a
/// bijection of the state, so distinct inputs collide only by the final
/// 64-bit avalanche, murmur3's).
#[derive(Clone, Copy)]
struct Mix(u64);

impl Mix {
    fn new(seed: u64) -> Self {
        Mix(0xcbf2_9ce4_8422_2325 ^ seed.wrapping_mul(0x9E37_79B9_7F4A_7C15))
    }
    fn add(self, word: u64) -> Self {
        Mix((self.0.rotate_left(23) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95))
    }
    fn finish(self) -> u64 {
        let mut x = self.0;
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^= x >> 33;
        x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        x ^ (x >> 33)
    }
}
