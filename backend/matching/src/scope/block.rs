//! Blocking: the candidate pairs worth scoring.

use super::keys::{Mix, short_word, sort_keys, tag_of};
use super::*;

impl Matcher<'_, '_> {
    /// Candidate pairs: records sharing a blocking key. Keys are chosen so
    /// that each kind of noise leaves at least one intact: the birth date
    /// (names noisy), the last name (date or first name noisy), the first
    /// name with the start or the end of the last name (a slip in the last
    /// name), and the unordered pair of names (first and last swapped).
    pub(super) fn block(&mut self) {
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
}
