//! The field noise seen in real exchanges (docs/domain.md §5, "why matches fail"):
//! typing slips, hyphen/space variants, swapped names, transposed dates,
//! damaged characters and mojibake.

use super::Rng;
use chrono::{Datelike, NaiveDate};

/// One typing slip (substitution, deletion, insertion or transposition of
/// adjacent letters) at a random letter.
pub fn typo(rng: &mut Rng, name: &str) -> String {
    let mut chars: Vec<char> = name.chars().collect();
    let letters: Vec<usize> = (0..chars.len())
        .filter(|&i| chars[i].is_alphabetic())
        .collect();
    if letters.len() < 2 {
        return name.to_owned();
    }
    let at = letters[rng.below(letters.len() as u64) as usize];
    let upper = chars[at].is_uppercase();
    let letter = {
        let mut c = char::from(b'a' + rng.below(26) as u8);
        if c.eq_ignore_ascii_case(&chars[at]) {
            c = if c == 'z' {
                'a'
            } else {
                char::from(c as u8 + 1)
            };
        }
        if upper { c.to_ascii_uppercase() } else { c }
    };
    match rng.below(4) {
        0 => chars[at] = letter,
        1 => {
            chars.remove(at);
        }
        2 => chars.insert(at, letter),
        _ => {
            let next = if at + 1 < chars.len() && chars[at + 1].is_alphabetic() {
                at + 1
            } else {
                at.saturating_sub(1)
            };
            chars.swap(at, next);
        }
    }
    chars.into_iter().collect()
}

/// `JEAN-MARIE` ↔ `JEAN MARIE`.
pub fn separator_variant(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            '-' => ' ',
            ' ' => '-',
            c => c,
        })
        .collect()
}

/// One letter lost in transit (`ACCOLEE M$rine`).
pub fn damage(rng: &mut Rng, name: &str) -> String {
    let mut chars: Vec<char> = name.chars().collect();
    let letters: Vec<usize> = (0..chars.len())
        .filter(|&i| chars[i].is_alphabetic())
        .collect();
    if let Some(&at) = letters.get(rng.below(letters.len().max(1) as u64) as usize) {
        chars[at] = ['$', '?', '\u{FFFD}', '#'][rng.below(4) as usize];
    }
    chars.into_iter().collect()
}

/// UTF-8 read as Windows-1252: `é` becomes `Ã©`.
pub fn mojibake(name: &str) -> String {
    let mut out = String::with_capacity(name.len() * 2);
    let mut buf = [0u8; 4];
    for c in name.chars() {
        if c.is_ascii() {
            out.push(c);
            continue;
        }
        for &b in c.encode_utf8(&mut buf).as_bytes() {
            out.push(windows_1252(b));
        }
    }
    out
}

fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// The name without its accents (many ENTs store upper-case ASCII).
pub fn strip_accents(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'À' | 'Â' | 'Ä' => 'A',
            'É' | 'È' | 'Ê' | 'Ë' => 'E',
            'Î' | 'Ï' => 'I',
            'Ô' | 'Ö' => 'O',
            'Ù' | 'Û' | 'Ü' => 'U',
            'Ç' => 'C',
            c => c,
        })
        .collect()
}

/// Day and month swapped when that is a date, else two adjacent digits of
/// the year swapped (`2009` → `2090`).
pub fn transpose_date(rng: &mut Rng, date: NaiveDate) -> NaiveDate {
    if rng.chance(0.6)
        && date.day() != date.month()
        && let Some(swapped) = NaiveDate::from_ymd_opt(date.year(), date.day(), date.month())
    {
        return swapped;
    }
    let year = date.year();
    let (tens, units) = ((year / 10) % 10, year % 10);
    let slipped = year - tens * 10 - units + units * 10 + tens;
    NaiveDate::from_ymd_opt(slipped, date.month(), date.day()).unwrap_or(date)
}
