//! Matching within one scope (PRONOTE base): normalised features, the exact
//! pass, blocking, scoring and decisions (docs/domain.md §5). Buffers are reused from
//! one scope to the next, so that a worker allocates only while it meets a
//! larger scope than before.

mod block;
mod decide;
mod exact;
mod family;
mod first_names;
mod keys;
mod leftovers;
mod relatives;
mod score;

use crate::normalise::{
    is_placeholder_date, is_womans_joiner, married_parts, push_canonical_name, push_compound_key,
};
use crate::{
    Candidate, Duplicate, Link, LinkRule, Options, Population, Record, Review, ReviewReason, Sex,
    Side,
};
use chrono::NaiveDate;
pub(crate) use first_names::FirstNameSexes;
use keys::{Mix, date_key, hash_bytes, span};
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

impl Span {
    fn is_empty(self) -> bool {
        self.1 <= self.0
    }
}

/// Populations compared with each other: staff filed PERSONNELS on one
/// side may be PROFESSEURS on the other (issue 19), so they share a group;
/// such a pair is only ever sent to review.
fn group(population: Population) -> u8 {
    match population {
        Population::Eleves => 0,
        Population::Parents => 1,
        Population::Personnels | Population::Professeurs => 2,
        Population::Inspecteurs => 3,
        Population::MaitresDeStage => 4,
    }
}

/// A record as the engine compares it; strings live in [`Matcher::text`].
#[derive(Clone, Copy)]
struct Feat {
    global: u32,
    population: Population,
    group: u8,
    /// The last name; for « DUPONT épouse MARTIN », `DUPONT`, with
    /// `MARTIN` as `alt` (empty otherwise).
    last: Span,
    last_key: Span,
    alt: Span,
    alt_key: Span,
    first: Span,
    first_key: Span,
    /// The birth date, placeholders (`1900-01-01`) left out.
    date: Option<NaiveDate>,
    /// The date as an order-preserving integer, 0 when missing.
    date_key: u32,
    last_hash: u64,
    /// 0 without `alt`.
    alt_hash: u64,
    first_hash: u64,
    names_hash: u64,
    usable: bool,
    /// The person's sex when the source gives it (`Record::sex`) or the
    /// name says it (« épouse », « née »: a woman's).
    sex: Option<Sex>,
    /// `sex`, or else the sex the first name is taken as
    /// ([`FirstNameSexes`]): only ever to refuse reading a man as a maiden
    /// and a married name, never to part two records.
    likely_sex: Option<Sex>,
}

impl Feat {
    /// Whether the last name has two words or more: its key, the
    /// significant words glued, is then shorter than the name.
    fn compound_last(&self) -> bool {
        self.last_key.1.saturating_sub(self.last_key.0) < self.last.1.saturating_sub(self.last.0)
    }

    /// Whether both records give a sex and they differ: never linked.
    fn other_sex(&self, other: &Feat) -> bool {
        matches!((self.sex, other.sex), (Some(a), Some(b)) if a != b)
    }

    /// Whether either record is known to be a man's: not read as a maiden
    /// and a married name (a man keeps his name in nearly every family; a
    /// grand-father is not the father under another name).
    fn a_man(&self, other: &Feat) -> bool {
        self.likely_sex == Some(Sex::Male) || other.likely_sex == Some(Sex::Male)
    }
}

/// What the links of a guardian's pupils say of a candidate.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Evidence {
    None,
    /// A linked pupil of the ENT guardian is a pupil of the candidate.
    Shared,
    /// No linked pupil is shared, but a pupil of the ENT guardian is the
    /// likely partner (a clear best candidate just below the automatic
    /// threshold) of a pupil of the candidate: the family agrees, without
    /// lifting the score.
    Likely,
    /// The linked pupils are all foreign to a candidate with pupils.
    Foreign,
}

impl Evidence {
    fn apply(self, score: f32) -> f32 {
        match self {
            Evidence::None | Evidence::Likely => score,
            Evidence::Shared => score + (1.0 - score) * 0.6,
            Evidence::Foreign => score * 0.85,
        }
    }

    fn shares_a_pupil(self) -> bool {
        matches!(self, Evidence::Shared | Evidence::Likely)
    }
}

/// A likely partner of a pupil left to review, (ENT global, PRONOTE
/// global): a clear best candidate just below the automatic threshold
/// (`settle`: its family may settle it, `review` being the index of its
/// review in the worker's reviews), or one of the strong candidates of a
/// pupil with duplicates, homonyms or twins. A guardian shares such a
/// pupil when every likely partner of the pupil is its pupil.
#[derive(Clone, Copy)]
struct Likely {
    ent: u32,
    pronote: u32,
    score: f32,
    settle: bool,
    review: usize,
}

/// The least score of a [`Likely`] pupil pair.
const LIKELY: f32 = 0.85;

#[derive(Clone, Copy)]
struct Pair {
    e: u32,
    p: u32,
    score: f32,
    exact: bool,
    /// Never linked automatically, whatever its score: a guardian without
    /// a shared pupil, staff of two populations, a married name given as
    /// the other name (issue 19).
    review_only: bool,
    /// Guardians sharing a pupil, with the same first name (or nearly):
    /// two such candidates of one guardian are a guess between two parents.
    kin: bool,
    /// A guardian and a candidate sharing a pupil, with the same first
    /// name under two last names (a maiden and a married name): linked
    /// only when the rest of the family settles it (`settle_married`).
    married: bool,
    /// A pupil and a candidate whose guardians have nothing in common
    /// (`guardians_disagree`): likely another family's namesake, so no
    /// evidence for the pupil's guardians either.
    foreign: bool,
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
    first_names: &'r FirstNameSexes,
    text: String,
    scratch: String,
    feats: [Vec<Feat>; 2],
    ambiguous: [Vec<bool>; 2],
    /// Per record, the record of the same side it is a copy of (the same
    /// person written twice, see `copies_of_one_person`), `NONE` if none:
    /// copies stand aside, the record they copy is matched.
    copy_of: [Vec<u32>; 2],
    exact: [Vec<u32>; 2],
    keys: Vec<(u64, u64)>,
    pair_keys: Vec<u64>,
    pairs: Vec<Pair>,
    collided: Vec<(u64, u64)>,
    sort_scratch: Vec<(u64, u64)>,
    sort_counts: Vec<u32>,
    best_pronote: Vec<Best>,
    /// Per ENT record of a phase, its best candidate.
    best_ent: Vec<Best>,
    /// Per PRONOTE record of a phase, the indices of its pairs:
    /// `by_pronote[by_pronote_start[p]..by_pronote_start[p + 1]]`.
    by_pronote_start: Vec<u32>,
    by_pronote: Vec<u32>,
    /// Guardian candidates found through shared pupils, `(e << 32) | p`.
    shared_keys: Vec<u64>,
    merged_keys: Vec<u64>,
    linked_to: Vec<u32>,
    /// Links of this scope so far, (ENT global, PRONOTE global), sorted.
    link_map: Vec<(u32, u32)>,
    /// Likely pupil pairs of this scope, sorted by ENT global.
    likely: Vec<Likely>,
    /// Guardians reviewed with a clear best candidate of another last name
    /// (`Pair::married`): (ENT local, PRONOTE local, index of the review).
    married: Vec<(u32, u32, usize)>,
    /// Guardians reviewed with a clear best candidate at or above
    /// [`LIKELY`], not only ever reviewed (their pupil is a likely pair):
    /// (ENT local, PRONOTE local, index of the review).
    likely_guardians: Vec<(u32, u32, usize)>,
    /// Whether this scope's linked pupils show a compound first name cut
    /// (`base_cuts_compound_names`), worked out when first needed while
    /// the guardians are scored; `None` until then.
    cuts_compound_names: std::cell::Cell<Option<bool>>,
}

impl<'r, 'a> Matcher<'r, 'a> {
    pub fn new(
        ent: &'r [Record<'a>],
        pronote: &'r [Record<'a>],
        options: &'r Options,
        first_names: &'r FirstNameSexes,
    ) -> Self {
        Matcher {
            records: [ent, pronote],
            options,
            first_names,
            text: String::new(),
            scratch: String::new(),
            feats: [Vec::new(), Vec::new()],
            ambiguous: [Vec::new(), Vec::new()],
            copy_of: [Vec::new(), Vec::new()],
            exact: [Vec::new(), Vec::new()],
            keys: Vec::new(),
            pair_keys: Vec::new(),
            pairs: Vec::new(),
            collided: Vec::new(),
            sort_scratch: Vec::new(),
            sort_counts: Vec::new(),
            best_pronote: Vec::new(),
            best_ent: Vec::new(),
            by_pronote_start: Vec::new(),
            by_pronote: Vec::new(),
            shared_keys: Vec::new(),
            merged_keys: Vec::new(),
            linked_to: Vec::new(),
            link_map: Vec::new(),
            likely: Vec::new(),
            married: Vec::new(),
            likely_guardians: Vec::new(),
            cuts_compound_names: std::cell::Cell::new(None),
        }
    }

    /// Matches the records of one scope; `ent` and `pronote` are
    /// `(scope << 32) | index` keys of that scope.
    pub fn run(&mut self, ent: &[u64], pronote: &[u64], out: &mut Partial) {
        let (scope_links, scope_reviews) = (out.links.len(), out.reviews.len());
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
            self.copy_of[side].clear();
            self.copy_of[side].resize(n, NONE);
        }
        self.exact_pass(out);
        self.flag_staff_homonyms();
        if self.feats[ENT].is_empty() || self.feats[PRONOTE].is_empty() {
            return;
        }
        let links_before = out.links.len();
        self.block();
        self.link_map.clear();
        self.likely.clear();
        self.married.clear();
        self.likely_guardians.clear();
        self.linked_to.clear();
        self.linked_to.resize(self.feats[ENT].len(), NONE);
        // Pupils (and the other populations) first: their links are the
        // evidence for guardians, scored afterwards.
        self.pairs.clear();
        let orders = [ent, pronote];
        self.score(false, orders);
        let split = self.pairs.len();
        let reviews_before = out.reviews.len();
        self.decide(0, split, orders, out);
        self.link_map.sort_unstable();
        self.likely.sort_unstable_by_key(|l| (l.ent, l.pronote));
        self.cuts_compound_names.set(None);
        self.shared_pupil_pairs(pronote);
        self.flag_look_alike_parents(orders);
        self.score(true, orders);
        let end = self.pairs.len();
        self.decide(split, end, orders, out);
        let mut settled = self.settle_likely_families(out);
        // A pupil its family settles is evidence for a maiden and a married
        // name, and a guardian so linked may settle another pupil.
        self.settle_likely_pupils(&mut settled, out);
        settled.extend(self.settle_married(orders, out));
        self.settle_likely_pupils(&mut settled, out);
        withdraw_reviews(reviews_before, settled, out);
        self.review_copies(links_before, reviews_before, out);
        self.review_staff_left_alone(scope_links, scope_reviews, out);
    }

    /// Links a guardian and its pupil together when each is the other's
    /// evidence (issue 19): the pupil has a clear best candidate just
    /// below the automatic threshold (a likely pair, one noise too many:
    /// a date one day off and middle names), and the guardian a clear best
    /// candidate at or above [`LIKELY`] (a middle name, a slip) that is a
    /// guardian of that candidate, each record listing the other on both
    /// sides. Neither alone is enough; two clear, consistent candidates of
    /// one family are. The pupil follows in `settle_likely_pupils` (its
    /// family now agrees). Returns the indices of the reviews settled.
    fn settle_likely_families(&mut self, out: &mut Partial) -> Vec<usize> {
        let mut settled = Vec::new();
        if self.likely_guardians.is_empty() || self.likely.is_empty() {
            return settled;
        }
        sort_links(&mut self.link_map);
        let [ent, pronote] = self.records;
        let mut new_links = Vec::new();
        for &(e, p, review) in &self.likely_guardians {
            let (e_global, p_global) = (
                self.feats[ENT][e as usize].global,
                self.feats[PRONOTE][p as usize].global,
            );
            let Some(e_rec) = ent.get(e_global as usize) else {
                continue;
            };
            let family = e_rec.related.iter().any(|&child| {
                let lists_guardian = ent
                    .get(child as usize)
                    .is_some_and(|c| c.related.contains(&e_global));
                let from = self.likely.partition_point(|l| l.ent < child);
                lists_guardian
                    && self.link_map.binary_search_by_key(&child, |l| l.0).is_err()
                    && self.likely[from..]
                        .iter()
                        .take_while(|l| l.ent == child)
                        .any(|l| {
                            l.settle
                                && pronote
                                    .get(l.pronote as usize)
                                    .is_some_and(|c| c.related.contains(&p_global))
                        })
            });
            if family {
                new_links.push((e_global, p_global, review));
            }
        }
        let mut linked_pronote: Vec<u32> = self.link_map.iter().map(|l| l.1).collect();
        linked_pronote.sort_unstable();
        let mut taken = Vec::new();
        for (e_global, p_global, review) in new_links {
            if linked_pronote.binary_search(&p_global).is_ok() || taken.contains(&p_global) {
                continue;
            }
            taken.push(p_global);
            let score = out.reviews[review]
                .candidates
                .first()
                .map_or(LIKELY, |c| c.score);
            out.links.push(Link {
                ent: e_global,
                pronote: p_global,
                score,
                rule: LinkRule::Scored,
            });
            self.link_map.push((e_global, p_global));
            settled.push(review);
        }
        settled
    }

    /// Links the guardians reviewed with a clear best candidate of another
    /// last name and the same first name (a maiden and a married name,
    /// `Pair::married`) when the family settles it: for every pupil they
    /// share, the ENT lists another guardian at least, each of the pupil's
    /// other guardians is linked to one of the other side's or listed on
    /// one side only with another first name (third pass), and the first
    /// names are the same (not merely close: `Christiane` and `Christine`
    /// are a grand-mother and a mother). The pair is then what is left of
    /// the family on each side, not a guess between two parents (issue
    /// 19). A guardian listed alone in the ENT stays a review: the ENT
    /// lists guardians who are not legal representatives, and a
    /// grand-father `Michel` alone in the ENT is not the father `Michel`
    /// in PRONOTE (seen at region scale; a first name given to men and
    /// women, `Dominique`, makes it worse), even when the ENT's civility
    /// says `Mme`: the pupil may be another family's namesake whose mother
    /// bears the same first name (fifth pass, held-out seed 304). Neither
    /// does a family whose other guardians disagree. Returns the indices
    /// of the reviews settled.
    fn settle_married(&mut self, orders: [&[u64]; 2], out: &mut Partial) -> Vec<usize> {
        let mut settled = Vec::new();
        if self.married.is_empty() {
            return settled;
        }
        sort_links(&mut self.link_map);
        let [ent, pronote] = self.records;
        let mut linked_pronote: Vec<u32> = self.link_map.iter().map(|l| l.1).collect();
        linked_pronote.sort_unstable();
        let link_of = |map: &[(u32, u32)], e: u32| {
            map.binary_search_by_key(&e, |l| l.0)
                .ok()
                .map(|at| map[at].1)
        };
        let is_guardian = |records: &[Record], g: u32| {
            records
                .get(g as usize)
                .is_some_and(|r| r.population == Population::Parents)
        };
        let mut new_links = Vec::new();
        for &(e, p, review) in &self.married {
            let (e_global, p_global) = (
                self.feats[ENT][e as usize].global,
                self.feats[PRONOTE][p as usize].global,
            );
            let (Some(e_rec), Some(p_rec)) =
                (ent.get(e_global as usize), pronote.get(p_global as usize))
            else {
                continue;
            };
            if linked_pronote.binary_search(&p_global).is_ok() {
                continue;
            }
            let (fe, fp) = (
                &self.feats[ENT][e as usize],
                &self.feats[PRONOTE][p as usize],
            );
            if self.str(fe.first_key) != self.str(fp.first_key) {
                continue;
            }
            let (mut shared, mut agrees) = (0, true);
            for &child in e_rec.related {
                let Some(p_child) = link_of(&self.link_map, child) else {
                    continue;
                };
                let (Some(e_pupil), Some(p_pupil)) =
                    (ent.get(child as usize), pronote.get(p_child as usize))
                else {
                    continue;
                };
                if !(p_rec.related.contains(&p_child) || p_pupil.related.contains(&p_global)) {
                    continue;
                }
                shared += 1;
                let others_e: Vec<u32> = e_pupil
                    .related
                    .iter()
                    .copied()
                    .filter(|&g| g != e_global && is_guardian(ent, g))
                    .collect();
                let others_p: Vec<u32> = p_pupil
                    .related
                    .iter()
                    .copied()
                    .filter(|&g| g != p_global && is_guardian(pronote, g))
                    .collect();
                // The ENT lists another guardian at least (a guardian
                // alone there may be a grand-parent). Each other guardian
                // is linked to one of the other side's, or is listed on one
                // side only with another first name (the father missing
                // from PRONOTE, a grand-parent in the ENT): then no other
                // guardian can be the person (issue 19, third pass).
                let another_first_name = |side: usize, g: u32| {
                    self.feat_of(side, g, orders).is_some_and(|f| {
                        !f.first.is_empty()
                            && crate::similarity::name_similarity_at_least(
                                self.str(f.first),
                                self.str(f.first_key),
                                self.str(fe.first),
                                self.str(fe.first_key),
                                0.8,
                            ) < 0.8
                    })
                };
                let settles = e_pupil.related.contains(&e_global)
                    && p_pupil.related.contains(&p_global)
                    && !others_e.is_empty()
                    && others_e.iter().all(|&g| {
                        link_of(&self.link_map, g).is_some_and(|h| others_p.contains(&h))
                            || another_first_name(ENT, g)
                    })
                    && others_p.iter().all(|&h| {
                        others_e
                            .iter()
                            .any(|&g| link_of(&self.link_map, g) == Some(h))
                            || another_first_name(PRONOTE, h)
                    });
                agrees &= settles;
            }
            if shared > 0 && agrees {
                new_links.push((e, p_global, review));
            }
        }
        for (e, p_global, review) in new_links {
            let e_global = self.feats[ENT][e as usize].global;
            out.links.push(Link {
                ent: e_global,
                pronote: p_global,
                score: score::OTHER_LAST_NAME,
                rule: LinkRule::Scored,
            });
            self.link_map.push((e_global, p_global));
            settled.push(review);
        }
        settled
    }

    /// An ENT record standing aside as the copy of another (the same
    /// person written twice) is put to review as a duplicate, with what
    /// the record it copies got: its link, or its candidates.
    fn review_copies(&self, links_from: usize, reviews_from: usize, out: &mut Partial) {
        let mut copies: Vec<(u32, u32)> = (0..)
            .zip(&self.copy_of[ENT])
            .filter(|(_, kept)| **kept != NONE)
            .map(|(i, &kept)| {
                (
                    self.feats[ENT][kept as usize].global,
                    self.feats[ENT][i as usize].global,
                )
            })
            .collect();
        if copies.is_empty() {
            return;
        }
        copies.sort_unstable();
        let mut links: Vec<(u32, usize)> = (links_from..)
            .zip(&out.links[links_from..])
            .map(|(i, l)| (l.ent, i))
            .collect();
        links.sort_unstable();
        let mut reviews: Vec<(u32, usize)> = (reviews_from..)
            .zip(&out.reviews[reviews_from..])
            .map(|(i, r)| (r.ent, i))
            .collect();
        reviews.sort_unstable();
        let find = |v: &[(u32, usize)], ent: u32| {
            v.binary_search_by_key(&ent, |x| x.0).ok().map(|at| v[at].1)
        };
        for (kept, copy) in copies {
            let candidates = if let Some(i) = find(&links, kept) {
                let l = out.links[i];
                vec![Candidate {
                    pronote: l.pronote,
                    score: l.score,
                }]
            } else if let Some(i) = find(&reviews, kept) {
                out.reviews[i].candidates.clone()
            } else {
                continue;
            };
            out.reviews.push(Review {
                ent: copy,
                candidates,
                reason: ReviewReason::Duplicate,
            });
        }
    }

    /// Links the likely pupil pairs whose families agree: a guardian of the
    /// ENT pupil was linked to a guardian of the PRONOTE pupil. The pupil's
    /// review joins `settled` (withdrawn by [`withdraw_reviews`]) and its
    /// link `link_map`, as evidence for the guardians still to settle.
    fn settle_likely_pupils(&mut self, settled: &mut Vec<usize>, out: &mut Partial) {
        if !self.likely.iter().any(|l| l.settle) {
            return;
        }
        sort_links(&mut self.link_map);
        let [ent, pronote] = self.records;
        let mut new_links = Vec::new();
        for l in self.likely.iter_mut().filter(|l| l.settle) {
            let (Some(e), Some(p)) = (ent.get(l.ent as usize), pronote.get(l.pronote as usize))
            else {
                continue;
            };
            let family_agrees = e.related.iter().any(|g| {
                self.link_map
                    .binary_search_by_key(g, |x| x.0)
                    .is_ok_and(|at| p.related.contains(&self.link_map[at].1))
            });
            if family_agrees {
                out.links.push(Link {
                    ent: l.ent,
                    pronote: l.pronote,
                    score: l.score,
                    rule: LinkRule::Scored,
                });
                new_links.push((l.ent, l.pronote));
                settled.push(l.review);
                l.settle = false;
            }
        }
        if !new_links.is_empty() {
            self.link_map.extend(new_links);
            sort_links(&mut self.link_map);
        }
    }

    fn feature(&mut self, side: usize, global: u32) -> Feat {
        let record = &self.records[side][global as usize];
        let (mut last, mut last_key) =
            push_name(record.last_name, &mut self.text, &mut self.scratch);
        let (mut alt, mut alt_key) = (Span::default(), Span::default());
        let mut womans_name = false;
        if let Some((before, after)) = married_parts(self.str(last)) {
            // Both parts are slices of the canonical name: its start and
            // its end.
            let (a_len, b_len) = (before.len() as u32, after.len() as u32);
            womans_name = self
                .str(Span(last.0 + a_len + 1, last.1 - b_len - 1))
                .split(' ')
                .any(is_womans_joiner);
            let parts = [Span(last.0, last.0 + a_len), Span(last.1 - b_len, last.1)];
            let mut keys = [Span::default(); 2];
            for (key, part) in keys.iter_mut().zip(parts) {
                *key = if self.str(part).contains(' ') {
                    self.scratch.clear();
                    let text = &mut self.text;
                    self.scratch
                        .push_str(text.get(part.0 as usize..part.1 as usize).unwrap_or(""));
                    let scratch = &self.scratch;
                    span(text, |t| push_compound_key(scratch, t))
                } else {
                    part
                };
            }
            (last, last_key, alt, alt_key) = (parts[0], keys[0], parts[1], keys[1]);
        }
        let (first, first_key) = push_name(record.first_name, &mut self.text, &mut self.scratch);
        let last_hash = hash_bytes(self.str(last_key).as_bytes());
        let alt_hash = if alt_key.is_empty() {
            0
        } else {
            hash_bytes(self.str(alt_key).as_bytes())
        };
        let first_hash = hash_bytes(self.str(first_key).as_bytes());
        let names_hash = Mix::new(0)
            .add(record.population as u64)
            .add(last_hash)
            .add(first_hash)
            .finish();
        let date = record.birth_date.filter(|d| !is_placeholder_date(*d));
        // Only a guardian is ever read as a maiden and a married name: the
        // sex of the others' first names is not looked up.
        let named = (record.population == Population::Parents)
            .then(|| self.named_sex(first_hash, last_hash))
            .flatten();
        let (sex, likely_sex) = sexes(record.sex, womans_name.then_some(Sex::Female), named);
        Feat {
            global,
            population: record.population,
            group: group(record.population),
            last,
            last_key,
            alt,
            alt_key,
            first,
            first_key,
            date,
            date_key: date.map_or(0, date_key),
            last_hash,
            alt_hash,
            first_hash,
            names_hash,
            usable: last_key.1 > last_key.0 || first_key.1 > first_key.0,
            sex,
            likely_sex,
        }
    }

    /// The sex a guardian's first name is taken as ([`FirstNameSexes`]),
    /// unless its last name is a first name of the other sex (the names
    /// swapped: `Marie-Claire` / `THOMAS`).
    fn named_sex(&self, first_hash: u64, last_hash: u64) -> Option<Sex> {
        self.first_names.of(first_hash).filter(|&first| {
            self.first_names
                .of(last_hash)
                .is_none_or(|last| last == first)
        })
    }

    /// The index in this scope's features of a record given by its index in
    /// its side's slice: a direct look-up when the scope's records are one
    /// run of that slice (as callers usually give them), else a search.
    fn local_of(&self, side: usize, global: u32, orders: [&[u64]; 2]) -> Option<usize> {
        let feats = &self.feats[side];
        let first = feats.first()?.global;
        if let Some(at) = global.checked_sub(first).map(|d| d as usize)
            && feats.get(at).is_some_and(|f| f.global == global)
        {
            return Some(at);
        }
        let order = orders[side];
        let scope = order.first()? >> 32;
        order
            .binary_search(&((scope << 32) | u64::from(global)))
            .ok()
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
}

/// A record's `(sex, likely_sex)` (see [`Feat`]): the civility or `Sexe`
/// `given`, or a woman's joining word (`joined`: « épouse », « née »);
/// else the sex its first name is taken as (`named`). When these disagree
/// (`M.` on a `Nathalie` or on `DUPONT ÉP. MARTIN`: the other parent's
/// civility, a slip), none is believed.
fn sexes(
    given: Option<Sex>,
    joined: Option<Sex>,
    named: Option<Sex>,
) -> (Option<Sex>, Option<Sex>) {
    let mut known = [given, joined, named].into_iter().flatten();
    if let Some(first) = known.next()
        && known.any(|other| other != first)
    {
        return (None, None);
    }
    let sex = given.or(joined);
    (sex, sex.or(named))
}

/// Appends a name's canonical form to `text`, then its compound key when
/// it has several words (`scratch` is working space): where each went. The
/// key of a one-word name is the name itself.
fn push_name(raw: &str, text: &mut String, scratch: &mut String) -> (Span, Span) {
    let canonical = span(text, |t| push_canonical_name(raw, t));
    let written = text
        .get(canonical.0 as usize..canonical.1 as usize)
        .unwrap_or("");
    if !written.contains(' ') {
        return (canonical, canonical);
    }
    scratch.clear();
    scratch.push_str(written);
    let key = span(text, |t| push_compound_key(scratch, t));
    (canonical, key)
}

/// Withdraws the reviews of this scope that were settled (their pair is
/// now linked). `reviews_from`: the scope's first review.
fn withdraw_reviews(reviews_from: usize, mut settled: Vec<usize>, out: &mut Partial) {
    if settled.is_empty() {
        return;
    }
    settled.sort_unstable();
    let tail = out.reviews.split_off(reviews_from);
    out.reviews.extend(
        (reviews_from..)
            .zip(tail)
            .filter(|(i, _)| settled.binary_search(i).is_err())
            .map(|(_, r)| r),
    );
}

/// Sorts `link_map`, most often already sorted or a sorted run followed by
/// new links: checked first, then sorted by the stable sort, whose run
/// detection takes the sorted part as it is.
fn sort_links(links: &mut [(u32, u32)]) {
    if !links.is_sorted() {
        links.sort();
    }
}
