//! Integer keys, hashes and sorting helpers of the engine.

use super::{SIDE_BIT, Span};
use chrono::NaiveDate;

/// Pushes what `f` appends to `text` and returns where it went.
pub(super) fn span(text: &mut String, f: impl FnOnce(&mut String)) -> Span {
    let start = text.len();
    f(text);
    // Scopes are far below 4 GiB of names; saturate rather than wrap.
    let to_u32 = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    Span(to_u32(start), to_u32(text.len()))
}

/// A date as an integer in the order of dates, never 0 (which stands for a
/// missing date).
pub(super) fn date_key(date: NaiveDate) -> u32 {
    use chrono::Datelike;
    // i32 to u32 in order: flip the sign bit (i32::MIN is no date's day).
    date.num_days_from_ce().cast_unsigned() ^ SIDE_BIT
}

/// The hash of a name's bytes, eight at a time: stable across runs and
/// platforms, unlike the standard library's randomly seeded hasher.
pub(super) fn hash_bytes(bytes: &[u8]) -> u64 {
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

/// A hash of the words of a compound name that ignores their order
/// (`MARTIN DUPONT` and `DUPONT MARTIN` agree, particles counted as
/// words).
pub(super) fn unordered_words(canonical: &str) -> u64 {
    canonical
        .split(' ')
        .filter(|w| !w.is_empty())
        .fold(0u64, |sum, word| {
            sum.wrapping_add(hash_bytes(word.as_bytes()))
        })
}

/// Sorts `(hash, tag)` keys, as `sort_unstable` would: the hashes being
/// uniform, one counting pass on their top bits spreads the keys over
/// buckets of a few keys each, which are then sorted on their own.
pub(super) fn sort_keys(
    keys: &mut Vec<(u64, u64)>,
    scratch: &mut Vec<(u64, u64)>,
    counts: &mut Vec<u32>,
) {
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
pub(super) fn short_word(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(bytes.len() as u64, |w, &b| (w << 8) | u64::from(b))
}

pub(super) fn tag_of(key: (u64, u64)) -> u32 {
    // The low half is the tag; truncation is the intent.
    (key.1 & u64::from(u32::MAX)) as u32
}

/// Combines words into a 64-bit hash: one multiply per word (each step is a
/// bijection of the state, so distinct inputs collide only by the final
/// 64-bit avalanche, murmur3's).
#[derive(Clone, Copy)]
pub(super) struct Mix(u64);

impl Mix {
    pub(super) fn new(seed: u64) -> Self {
        Mix(0xcbf2_9ce4_8422_2325 ^ seed.wrapping_mul(0x9E37_79B9_7F4A_7C15))
    }
    pub(super) fn add(self, word: u64) -> Self {
        Mix((self.0.rotate_left(23) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95))
    }
    pub(super) fn finish(self) -> u64 {
        let mut x = self.0;
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^= x >> 33;
        x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        x ^ (x >> 33)
    }
}
