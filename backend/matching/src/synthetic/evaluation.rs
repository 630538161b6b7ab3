//! Quality of any tool's links against the generator's ground truth
//! (issues 7 and 19), defined once so that every tool is judged alike:
//! overall precision, recall and F1; the same per kind of noise or hazard
//! ([`Kind`]); wrong links by the relation of the two persons (twins,
//! siblings, co-parents, namesakes); and the quality of the review queue.

use super::dataset::Truth;
use super::kinds::Kind;
use super::people::NO_FAMILY;
use crate::{Population, Record};

/// Quality of automatic links against the ground truth, defined once for
/// every tool compared:
/// - a link is correct when `(ent, pronote)` is a pair of the truth (the
///   same person; a duplicated person gives several pairs);
/// - precision = correct links / links;
/// - recall = correct links / ENT records having at least one true partner
///   (each ENT record is linked at most once, so recall ≤ 1);
/// - F1 = 2·P·R / (P + R).
///
/// When a tool links one ENT record to several PRONOTE records, each link
/// counts for precision, the ENT record once for recall (`recalled`).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Quality {
    pub links: u64,
    pub correct: u64,
    /// ENT records with at least one correct link.
    pub recalled: u64,
    pub ent_with_partner: u64,
}

impl Quality {
    pub fn precision(&self) -> f64 {
        if self.links == 0 {
            1.0
        } else {
            self.correct as f64 / self.links as f64
        }
    }
    pub fn recall(&self) -> f64 {
        if self.ent_with_partner == 0 {
            1.0
        } else {
            self.recalled as f64 / self.ent_with_partner as f64
        }
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// Quality of one kind: over the ENT records with a true partner whose
/// pair (the record or a partner) has the kind, and over the links where
/// the ENT record, the linked record or a true partner has it.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct KindQuality {
    pub pairs: u64,
    pub links: u64,
    pub correct: u64,
    /// Pairs linked correctly.
    pub recalled: u64,
    /// Pairs sent to review with a true partner among the candidates.
    pub reviewed: u64,
}

impl KindQuality {
    pub fn quality(&self) -> Quality {
        Quality {
            links: self.links,
            correct: self.correct,
            recalled: self.recalled,
            ent_with_partner: self.pairs,
        }
    }
    /// Share of the pairs linked correctly or put before a person with the
    /// partner among the candidates.
    pub fn reached(&self) -> f64 {
        if self.pairs == 0 {
            1.0
        } else {
            (self.recalled + self.reviewed) as f64 / self.pairs as f64
        }
    }
}

/// The relation between the two persons of a wrong link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Relation {
    Twins,
    Siblings,
    /// Spouses, or a parent and the child's other parent.
    CoParents,
    /// Pupils of different families with the same names.
    Namesakes,
    Other,
}

impl Relation {
    pub const ALL: [Relation; 5] = [
        Relation::Twins,
        Relation::Siblings,
        Relation::CoParents,
        Relation::Namesakes,
        Relation::Other,
    ];
    pub fn name(self) -> &'static str {
        match self {
            Relation::Twins => "twins",
            Relation::Siblings => "siblings",
            Relation::CoParents => "coparents",
            Relation::Namesakes => "namesakes",
            Relation::Other => "other",
        }
    }
}

/// The review queue: how often a person finds the true partner in it.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ReviewQuality {
    pub reviews: u64,
    /// Reviews of ENT records that have a true partner.
    pub with_partner: u64,
    /// ... whose first candidate is a true partner.
    pub partner_top: u64,
    /// ... with a true partner among the candidates.
    pub partner_among: u64,
}

impl ReviewQuality {
    pub fn top_share(&self) -> f64 {
        self.partner_top as f64 / self.with_partner.max(1) as f64
    }
    pub fn among_share(&self) -> f64 {
        self.partner_among as f64 / self.with_partner.max(1) as f64
    }
}

/// Everything measured of one outcome.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    pub quality: Quality,
    /// Recall over the persons written once on each side (the pairs an
    /// automatic link may settle, duplicates aside).
    pub single: Quality,
    /// Recall one-to-one: correct links over the links a one-to-one
    /// linker can make at most, `min(ENT records, PRONOTE records)` per
    /// person (a person written twice on one side counts once), each
    /// person's correct links capped so. Not the headline: the truth stays
    /// per ENT record (see docs/performance.md, issue 19).
    pub one_to_one: Quality,
    /// Pairs without any kind.
    pub clean: KindQuality,
    pub kinds: Vec<(Kind, KindQuality)>,
    /// Wrong links, by [`Relation`] (in [`Relation::ALL`] order).
    pub wrong: [u64; 5],
    pub reviews: ReviewQuality,
}

/// One side of the truth: per record, its [`Truth`] and population.
pub struct TruthSide<'a> {
    pub truth: &'a [Truth],
    pub population: &'a [Population],
}

fn relation(a: Truth, b: Truth, pa: Population, pb: Population) -> Relation {
    let both = |k: Kind| k.in_mask(a.kinds) && k.in_mask(b.kinds);
    if a.family == b.family && a.family != NO_FAMILY {
        match (pa, pb) {
            (Population::Eleves, Population::Eleves) if both(Kind::Twin) => Relation::Twins,
            (Population::Eleves, Population::Eleves) => Relation::Siblings,
            (Population::Parents, Population::Parents) => Relation::CoParents,
            _ => Relation::Other,
        }
    } else if both(Kind::Namesake) || both(Kind::Homonym) {
        Relation::Namesakes
    } else {
        Relation::Other
    }
}

impl Report {
    /// Measures automatic `links` (ENT index, PRONOTE index) and `reviews`
    /// (ENT index, candidates best first) against the truth.
    pub fn compute<R: IntoIterator<Item = u32>>(
        ent: &TruthSide,
        pronote: &TruthSide,
        links: impl IntoIterator<Item = (u32, u32)>,
        reviews: impl IntoIterator<Item = (u32, R)>,
    ) -> Report {
        let persons = ent
            .truth
            .iter()
            .chain(pronote.truth)
            .map(|t| t.person as usize + 1)
            .max()
            .unwrap_or(0);
        // Per person: the kinds of its PRONOTE records, and how many records
        // it has on each side (saturating).
        let mut partner_kinds = vec![0u32; persons];
        let mut counts = vec![(0u8, 0u8); persons];
        for t in pronote.truth {
            partner_kinds[t.person as usize] |= t.kinds;
            let c = &mut counts[t.person as usize].1;
            *c = c.saturating_add(1);
        }
        for t in ent.truth {
            let c = &mut counts[t.person as usize].0;
            *c = c.saturating_add(1);
        }
        let has_partner = |t: &Truth| counts[t.person as usize].1 > 0;
        let single = |t: &Truth| counts[t.person as usize] == (1, 1);
        let pair_kinds = |t: &Truth| t.kinds | partner_kinds[t.person as usize];

        let mut report = Report::default();
        let mut per_kind = [KindQuality::default(); Kind::ALL.len()];
        let add = |per_kind: &mut [KindQuality; Kind::ALL.len()],
                   clean: &mut KindQuality,
                   mask: u32,
                   f: &dyn Fn(&mut KindQuality)| {
            if mask == 0 {
                f(clean);
            }
            for (k, q) in Kind::ALL.into_iter().zip(per_kind.iter_mut()) {
                if k.in_mask(mask) {
                    f(q);
                }
            }
        };
        for t in ent.truth.iter().filter(|t| has_partner(t)) {
            report.quality.ent_with_partner += 1;
            report.single.ent_with_partner += u64::from(single(t));
            add(&mut per_kind, &mut report.clean, pair_kinds(t), &|q| {
                q.pairs += 1
            });
        }
        report.one_to_one.ent_with_partner = counts.iter().map(|&(e, p)| u64::from(e.min(p))).sum();
        let mut found = vec![0u8; persons];
        let mut recalled = vec![false; ent.truth.len()];
        for (e, p) in links {
            let (Some(a), Some(b)) = (ent.truth.get(e as usize), pronote.truth.get(p as usize))
            else {
                continue;
            };
            let correct = a.person == b.person;
            report.quality.links += 1;
            report.quality.correct += u64::from(correct);
            let first_time = correct && !std::mem::replace(&mut recalled[e as usize], true);
            report.quality.recalled += u64::from(first_time);
            report.one_to_one.links += 1;
            report.one_to_one.correct += u64::from(correct);
            if first_time {
                let (c, n) = (counts[a.person as usize], &mut found[a.person as usize]);
                if *n < c.0.min(c.1) {
                    *n += 1;
                    report.one_to_one.recalled += 1;
                }
            }
            if single(a) {
                report.single.links += 1;
                report.single.correct += u64::from(correct);
                report.single.recalled += u64::from(first_time);
            }
            let mask = pair_kinds(a) | b.kinds;
            add(&mut per_kind, &mut report.clean, mask, &|q| {
                q.links += 1;
                q.correct += u64::from(correct);
                q.recalled += u64::from(first_time);
            });
            if !correct {
                let pop = |side: &TruthSide, i: u32| {
                    side.population
                        .get(i as usize)
                        .copied()
                        .unwrap_or(Population::Eleves)
                };
                let r = relation(*a, *b, pop(ent, e), pop(pronote, p));
                report.wrong[r as usize] += 1;
            }
        }
        for (e, candidates) in reviews {
            report.reviews.reviews += 1;
            let Some(a) = ent.truth.get(e as usize).filter(|t| has_partner(t)) else {
                continue;
            };
            report.reviews.with_partner += 1;
            let mut among = false;
            for (i, p) in candidates.into_iter().enumerate() {
                if pronote
                    .truth
                    .get(p as usize)
                    .is_some_and(|b| b.person == a.person)
                {
                    report.reviews.partner_top += u64::from(i == 0);
                    among = true;
                    break;
                }
            }
            report.reviews.partner_among += u64::from(among);
            if among && !recalled[e as usize] {
                add(&mut per_kind, &mut report.clean, pair_kinds(a), &|q| {
                    q.reviewed += 1
                });
            }
        }
        report.kinds = Kind::ALL
            .into_iter()
            .zip(per_kind)
            .filter(|(_, q)| q.pairs > 0 || q.links > 0)
            .collect();
        report
    }

    /// The per-kind table, one line per kind, and the other measures, as
    /// the bench prints them.
    pub fn lines(&self) -> Vec<String> {
        let mut out = vec![format!(
            "{:<20} {:>9} {:>9} {:>10} {:>8} {:>8} {:>8}",
            "kind", "pairs", "links", "precision", "recall", "F1", "reached"
        )];
        let line = |name: &str, q: &KindQuality| {
            let quality = q.quality();
            format!(
                "{:<20} {:>9} {:>9} {:>10.6} {:>8.4} {:>8.4} {:>8.4}",
                name,
                q.pairs,
                q.links,
                quality.precision(),
                quality.recall(),
                quality.f1(),
                q.reached()
            )
        };
        out.push(line("(none)", &self.clean));
        for (k, q) in &self.kinds {
            out.push(line(k.name(), q));
        }
        out.push(format!(
            "wrong links by relation: {}",
            Relation::ALL
                .iter()
                .map(|r| format!("{} {}", r.name(), self.wrong[*r as usize]))
                .collect::<Vec<_>>()
                .join(", ")
        ));
        let r = &self.reviews;
        out.push(format!(
            "review queue: {} reviews, {} of ENT records with a true partner; partner first {:.4}, among the candidates {:.4}",
            r.reviews,
            r.with_partner,
            r.top_share(),
            r.among_share()
        ));
        out
    }

    /// `key=value` pairs for the bench's RESULT line.
    pub fn result_fields(&self) -> String {
        let q = &self.quality;
        let mut s = format!(
            "precision={:.6} recall={:.6} f1={:.6} recall_single={:.6} f1_single={:.6} recall_one_to_one={:.6}",
            q.precision(),
            q.recall(),
            q.f1(),
            self.single.recall(),
            harmonic(q.precision(), self.single.recall()),
            self.one_to_one.recall()
        );
        for r in Relation::ALL {
            s.push_str(&format!(" wrong_{}={}", r.name(), self.wrong[r as usize]));
        }
        let r = &self.reviews;
        s.push_str(&format!(
            " reviews={} review_partner_top={:.6} review_partner_among={:.6}",
            r.reviews,
            r.top_share(),
            r.among_share()
        ));
        s
    }
}

/// The harmonic mean of a precision and a recall (an F1).
pub fn harmonic(precision: f64, recall: f64) -> f64 {
    if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    }
}

/// Automatic links that join a record holding a homonym on its own side:
/// another record of the same scope and population with the same
/// normalised names and a compatible birth date (equal, or one missing),
/// unless their relations show them to be copies of one person
/// (`kept_copy`: the same guardians or pupils, which list one of them).
/// What the engine must never link (docs/domain.md §5); counted from the records
/// alone, so that any tool's links can be checked.
pub fn structural_homonym_links(
    ent: &[Record],
    pronote: &[Record],
    links: impl IntoIterator<Item = (u32, u32)>,
) -> u64 {
    // 16 bytes a record: a 64-bit hash of (scope, population, names) stands
    // for the names; a collision could only over-count.
    let flags = |records: &[Record]| -> Vec<bool> {
        let mut keys: Vec<(u64, i32, u32)> = (0u32..)
            .zip(records)
            .filter_map(|(i, r)| {
                let (last, first) = (
                    crate::normalise::compound_key(r.last_name),
                    crate::normalise::compound_key(r.first_name),
                );
                if last.is_empty() && first.is_empty() {
                    return None;
                }
                let mut h = std::hash::DefaultHasher::new();
                std::hash::Hash::hash(&(r.scope, r.population, last, first), &mut h);
                let date = r
                    .birth_date
                    .map_or(i32::MIN, |d| chrono::Datelike::num_days_from_ce(&d));
                Some((std::hash::Hasher::finish(&h), date, i))
            })
            .collect();
        keys.sort_unstable();
        let mut flagged = vec![false; records.len()];
        let mut members = Vec::new();
        for run in keys.chunk_by(|a, b| a.0 == b.0) {
            // Sorted by date: unknown dates (i32::MIN) come first. With an
            // unknown date, the whole run is one group; else each date.
            let missing = run.len() > 1 && run[0].1 == i32::MIN;
            let groups: Vec<&[(u64, i32, u32)]> = if missing {
                vec![run]
            } else {
                run.chunk_by(|a, b| a.1 == b.1).collect()
            };
            for group in groups.into_iter().filter(|g| g.len() > 1) {
                members.clear();
                members.extend(group.iter().map(|k| k.2));
                // Copies of one person, as their relations tell (the same
                // rule as the engine's, `kept_copy`), are no homonyms.
                let same_date = group.iter().all(|k| k.1 == group[0].1);
                if same_date && crate::kept_copy(records, &members).is_some() {
                    continue;
                }
                for k in group {
                    flagged[k.2 as usize] = true;
                }
            }
        }
        flagged
    };
    let (e_flags, p_flags) = (flags(ent), flags(pronote));
    links
        .into_iter()
        .filter(|&(e, p)| {
            e_flags.get(e as usize).copied().unwrap_or(false)
                || p_flags.get(p as usize).copied().unwrap_or(false)
        })
        .count() as u64
}
