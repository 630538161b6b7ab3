//! Blocking: the candidate pairs worth scoring.

use super::keys::{Mix, short_word, sort_keys, tag_of, unordered_words};
use super::*;

impl Matcher<'_, '_> {
    /// Candidate pairs: records sharing a blocking key. Keys are chosen so
    /// that each kind of noise leaves at least one intact: the birth date
    /// (names noisy; with the first name it pairs staff known by a maiden
    /// name on one side and a married name on the other), the last name and
    /// the other name of « épouse / née » forms (date or first name noisy),
    /// the first name with the start or the end of the last name (a slip in
    /// the last name), the unordered pair of names (first and last
    /// swapped), and the first name with the words of a double last name
    /// in any order (`MARTIN DUPONT` / `DUPONT MARTIN`, the date noisy).
    /// Keys are per population group, so that staff filed PERSONNELS on
    /// one side and PROFESSEURS on the other still meet.
    pub(super) fn block(&mut self) {
        let mut keys = std::mem::take(&mut self.keys);
        keys.clear();
        for side in [ENT, PRONOTE] {
            for (i, f) in (0u32..).zip(&self.feats[side]) {
                if !f.usable || self.copy_of[side][i as usize] != NONE {
                    continue;
                }
                let tag = u64::from(i | if side == PRONOTE { SIDE_BIT } else { 0 });
                let key = |kind: u64| Mix::new(kind).add(u64::from(f.group));
                if f.date.is_some() {
                    keys.push((key(1).add(u64::from(f.date_key)).finish(), tag));
                }
                keys.push((key(2).add(f.last_hash).finish(), tag));
                if f.alt_hash != 0 {
                    keys.push((key(2).add(f.alt_hash).finish(), tag));
                }
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
                if f.compound_last() {
                    let words = unordered_words(self.str(f.last));
                    keys.push((key(6).add(f.first_hash).add(words).finish(), tag));
                }
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

    /// Guardian candidates through shared pupils (issue 19): for each ENT
    /// guardian, the PRONOTE guardians of the PRONOTE pupils its own pupils
    /// were linked to, whatever their names (a maiden name on one side, the
    /// married name on the other). Needs the links of the pupils; the
    /// pairs join `pair_keys`. `pronote_order` is the scope's
    /// `(scope << 32) | index` keys, sorted.
    pub(super) fn shared_pupil_pairs(&mut self, pronote_order: &[u64]) {
        let [ent, pronote] = self.records;
        let mut shared = std::mem::take(&mut self.shared_keys);
        shared.clear();
        let mut likely_partners: Vec<u32> = Vec::new();
        for (e, fe) in (0u32..).zip(&self.feats[ENT]) {
            if fe.population != Population::Parents
                || !fe.usable
                || self.copy_of[ENT][e as usize] != NONE
            {
                continue;
            }
            let Some(record) = ent.get(fe.global as usize) else {
                continue;
            };
            for &child in record.related {
                // The pupil's link, or else its likely partners (a pupil
                // left to review one noise too many, that its family may
                // settle): the pair then reaches review at least, which
                // `relation_evidence` grants only when every likely partner
                // is the candidate's pupil.
                let partners = match self.link_map.binary_search_by_key(&child, |l| l.0) {
                    Ok(at) => std::slice::from_ref(&self.link_map[at].1),
                    Err(_) => {
                        let from = self.likely.partition_point(|l| l.ent < child);
                        let to = from
                            + self.likely[from..]
                                .iter()
                                .take_while(|l| l.ent == child)
                                .count();
                        likely_partners.clear();
                        likely_partners.extend(self.likely[from..to].iter().map(|l| l.pronote));
                        &likely_partners[..]
                    }
                };
                for p_child in partners.iter().filter_map(|&p| pronote.get(p as usize)) {
                    for &g in p_child.related {
                        let Some(p) = self.local_of(PRONOTE, g, [&[], pronote_order]) else {
                            continue;
                        };
                        let fp = &self.feats[PRONOTE][p];
                        let both_exact =
                            self.exact[ENT][e as usize] != NONE && self.exact[PRONOTE][p] != NONE;
                        if fp.population == Population::Parents
                            && fp.usable
                            && !both_exact
                            && self.copy_of[PRONOTE][p] == NONE
                        {
                            shared.push((u64::from(e) << 32) | p as u64);
                        }
                    }
                }
            }
        }
        if !shared.is_empty() {
            shared.sort_unstable();
            shared.dedup();
            // Both sorted: merged in one pass, without duplicates.
            let mut merged = std::mem::take(&mut self.merged_keys);
            merged.clear();
            merged.reserve(self.pair_keys.len() + shared.len());
            let (mut a, mut b) = (self.pair_keys.iter().peekable(), shared.iter().peekable());
            loop {
                let next = match (a.peek(), b.peek()) {
                    (Some(&&x), Some(&&y)) if x < y => a.next(),
                    (Some(&&x), Some(&&y)) if y < x => b.next(),
                    (Some(_), Some(_)) => {
                        b.next();
                        a.next()
                    }
                    (Some(_), None) => a.next(),
                    (None, _) => b.next(),
                };
                match next {
                    Some(&k) => merged.push(k),
                    None => break,
                }
            }
            std::mem::swap(&mut self.pair_keys, &mut merged);
            self.merged_keys = merged;
        }
        self.shared_keys = shared;
    }
}
