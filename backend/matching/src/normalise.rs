//! What the ENT and PRONOTE write differently for the same person (BRIEF §5,
//! "why matches fail"): case, accents and ligatures, apostrophes, hyphens and
//! spaces in compound names (`JEAN-MARIE` / `JEAN MARIE`), particles
//! (`de`, `d'`, `le`…), characters damaged by a bad encoding
//! (`ACCOLEE M$rine`), and the forms of a birth date.

use chrono::NaiveDate;

/// Stands for a character damaged in transit: it matches any letter when
/// names are compared.
pub const DAMAGED: char = '?';

/// Particles left out of the significant parts of a name.
const PARTICLES: [&str; 12] = [
    "DE", "DU", "DES", "D", "LE", "LA", "LES", "L", "VAN", "VON", "DA", "DI",
];

/// A name in canonical form: upper-case ASCII letters and digits, words
/// separated by one space (hyphens, apostrophes and dots split words),
/// accents and ligatures folded, damaged characters as [`DAMAGED`].
pub fn canonical_name(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    push_canonical_name(raw, &mut out);
    out
}

/// [`canonical_name`] appended to `out`, so that the engine can reuse one
/// buffer for a whole establishment instead of allocating per record.
/// Mojibake (UTF-8 read as Latin-1 or Windows-1252: `Ã©` for `é`) is repaired
/// before folding, so that it agrees with the clean spelling.
pub fn push_canonical_name(raw: &str, out: &mut String) {
    let start = out.len();
    // One plain word (most names): copied, then upper-cased in place.
    if raw.bytes().all(|b| b.is_ascii_alphanumeric()) {
        out.push_str(raw);
        if let Some(word) = out.get_mut(start..) {
            word.make_ascii_uppercase();
        }
        return;
    }
    let mut pending_space = false;
    let bytes = raw.as_bytes();
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        // ASCII, nearly every character of a name: byte by byte.
        if byte.is_ascii() {
            at += 1;
            match byte {
                b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => {
                    push_word_char(
                        out,
                        &mut pending_space,
                        char::from(byte.to_ascii_uppercase()),
                    );
                }
                b' ' | b'\t' | b'-' | b'\'' | b'.' | b',' | b'_' => {
                    pending_space = out.len() != start;
                }
                _ => push_word_char(out, &mut pending_space, DAMAGED),
            }
            continue;
        }
        let mut chars = raw.get(at..).unwrap_or("").chars();
        let Some(mut c) = chars.next() else {
            break;
        };
        at += c.len_utf8();
        if let ('Ã' | 'Å', Some(next)) = (c, chars.next())
            && let Some(repaired) = repair_mojibake(c, next)
        {
            at += next.len_utf8();
            c = repaired;
        }
        let out_is_empty = out.len() == start;
        let folded: &str = match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' => {
                push_word_char(out, &mut pending_space, c.to_ascii_uppercase());
                continue;
            }
            'à' | 'â' | 'ä' | 'á' | 'ã' | 'å' | 'À' | 'Â' | 'Ä' | 'Á' | 'Ã' | 'Å' => {
                "A"
            }
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => "E",
            'î' | 'ï' | 'í' | 'ì' | 'Î' | 'Ï' | 'Í' | 'Ì' => "I",
            'ô' | 'ö' | 'ó' | 'ò' | 'õ' | 'ø' | 'Ô' | 'Ö' | 'Ó' | 'Ò' | 'Õ' | 'Ø' => {
                "O"
            }
            'ù' | 'û' | 'ü' | 'ú' | 'Ù' | 'Û' | 'Ü' | 'Ú' => "U",
            'ç' | 'Ç' => "C",
            'ÿ' | 'Ÿ' | 'ý' | 'Ý' => "Y",
            'ñ' | 'Ñ' => "N",
            'œ' | 'Œ' => "OE",
            'æ' | 'Æ' => "AE",
            'ß' => "SS",
            ' ' | '\t' | '-' | '\'' | '’' | '‘' | '.' | ',' | '_' | '‐' | '–' => {
                pending_space = !out_is_empty;
                continue;
            }
            // `$`, `?`, `�`, `Ã` sequences… a letter lost in transit.
            _ => {
                push_word_char(out, &mut pending_space, DAMAGED);
                continue;
            }
        };
        for f in folded.chars() {
            push_word_char(out, &mut pending_space, f);
        }
    }
}

/// The character whose UTF-8 encoding, read as Windows-1252 (or Latin-1),
/// gave `lead` followed by `trail`; only the two lead bytes of French
/// letters (`0xC3`: accented Latin-1 letters, `0xC5`: `œ`, `Œ`) are repaired.
fn repair_mojibake(lead: char, trail: char) -> Option<char> {
    let lead_byte: u8 = match lead {
        'Ã' => 0xC3,
        'Å' => 0xC5,
        _ => return None,
    };
    let trail_byte: u8 = match trail {
        '\u{80}'..='\u{BF}' => u8::try_from(u32::from(trail)).ok()?,
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    };
    std::str::from_utf8(&[lead_byte, trail_byte])
        .ok()
        .and_then(|s| s.chars().next())
}

#[inline]
fn push_word_char(out: &mut String, pending_space: &mut bool, c: char) {
    if *pending_space {
        out.push(' ');
        *pending_space = false;
    }
    out.push(c);
}

/// The significant words of a canonical name: particles left out, unless
/// the name is made of particles only (`LE`, `DE LA`).
pub fn significant_words(canonical: &str) -> Vec<&str> {
    let words: Vec<&str> = canonical.split(' ').filter(|w| !w.is_empty()).collect();
    let kept: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| !PARTICLES.contains(w))
        .collect();
    if kept.is_empty() { words } else { kept }
}

/// The key of a compound name whatever its separators: the significant words
/// glued together (`JEAN-MARIE`, `Jean Marie` and `jean marie` agree).
pub fn compound_key(raw: &str) -> String {
    let mut out = String::new();
    push_compound_key(&canonical_name(raw), &mut out);
    out
}

/// Whether a canonical word is a particle (`DE`, `LA`, `D`…).
pub fn is_particle(word: &str) -> bool {
    word.len() <= 3 && PARTICLES.contains(&word)
}

/// The compound key of a name already in canonical form, appended to `out`
/// without allocating: the significant words glued together.
pub fn push_compound_key(canonical: &str, out: &mut String) {
    let start = out.len();
    let words = || canonical.split(' ').filter(|w| !w.is_empty());
    for word in words() {
        if !is_particle(word) {
            out.push_str(word);
        }
    }
    // Nothing significant: a name made of particles only keeps them all.
    if out.len() == start {
        for word in words() {
            out.push_str(word);
        }
    }
}

/// Whether two canonical names agree, a [`DAMAGED`] character standing for
/// any one character.
pub fn agree_allowing_damage(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.chars()
            .zip(b.chars())
            .all(|(x, y)| x == y || x == DAMAGED || y == DAMAGED)
}

/// A birth date as either side writes it: `JJ/MM/AAAA`, `JJ-MM-AAAA`,
/// `JJ.MM.AAAA`, `AAAA-MM-JJ`, `JJMMAAAA`, `AAAAMMJJ`, with or without a time
/// after it (`2009-03-12T00:00:00`).
pub fn parse_birth_date(raw: &str) -> Option<NaiveDate> {
    let date = raw.trim().split(['T', ' ']).next()?;
    for format in ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%Y/%m/%d"] {
        if let Ok(parsed) = NaiveDate::parse_from_str(date, format) {
            return Some(parsed);
        }
    }
    if date.len() == 8 && date.bytes().all(|b| b.is_ascii_digit()) {
        let day_first = NaiveDate::parse_from_str(date, "%d%m%Y").ok();
        let year_first = NaiveDate::parse_from_str(date, "%Y%m%d").ok();
        return match (day_first, year_first) {
            (Some(d), None) | (None, Some(d)) => Some(d),
            // `19122009` vs `20091219`: the plausible year decides.
            (Some(d), Some(y)) => Some(if (1900..=2100).contains(&chrono::Datelike::year(&d)) {
                d
            } else {
                y
            }),
            (None, None) => None,
        };
    }
    None
}

/// Whether two dates differ only by a swap of day and month, or of two
/// adjacent digits of the year (a typing slip), not equal.
pub fn transposed(a: NaiveDate, b: NaiveDate) -> bool {
    use chrono::Datelike;
    if a == b {
        return false;
    }
    let day_month_swap = a.year() == b.year() && a.day() == b.month() && a.month() == b.day();
    let (ya, yb) = (a.year().to_string(), b.year().to_string());
    let year_slip = a.month() == b.month() && a.day() == b.day() && ya.len() == yb.len() && {
        let diff: Vec<usize> = ya
            .bytes()
            .zip(yb.bytes())
            .enumerate()
            .filter(|(_, (x, y))| x != y)
            .map(|(i, _)| i)
            .collect();
        diff.len() == 2
            && diff[1] == diff[0] + 1
            && ya.as_bytes()[diff[0]] == yb.as_bytes()[diff[1]]
            && ya.as_bytes()[diff[1]] == yb.as_bytes()[diff[0]]
    };
    day_month_swap || year_slip
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn case_accents_ligatures_and_separators_fold_to_one_form() {
        assert_eq!(canonical_name("  Jean-Marie "), "JEAN MARIE");
        assert_eq!(canonical_name("JEAN  MARIE"), "JEAN MARIE");
        assert_eq!(canonical_name("Lætitia Cœur"), "LAETITIA COEUR");
        assert_eq!(canonical_name("D'Hérouville"), "D HEROUVILLE");
        assert_eq!(canonical_name("N’Diaye"), "N DIAYE");
        assert_eq!(canonical_name("Çağla"), "CA?LA");
        assert_eq!(canonical_name("HÃ©lÃ¨ne"), "HELENE");
        assert_eq!(canonical_name("FranÃ§ois Å“uvre"), "FRANCOIS OEUVRE");
    }

    #[test]
    fn compound_names_agree_whatever_their_separators_and_particles() {
        assert_eq!(compound_key("JEAN-MARIE"), compound_key("Jean Marie"));
        assert_eq!(compound_key("de La Fontaine"), "FONTAINE");
        assert_eq!(compound_key("Le"), "LE");
        assert_ne!(compound_key("MARTIN"), compound_key("MARTINE"));
    }

    #[test]
    fn a_damaged_character_stands_for_any_letter() {
        let damaged = canonical_name("ACCOLEE M$rine");
        assert_eq!(damaged, "ACCOLEE M?RINE");
        assert!(agree_allowing_damage(
            &damaged,
            &canonical_name("Accolée Marine")
        ));
        assert!(!agree_allowing_damage(
            &damaged,
            &canonical_name("Accolée Maxime")
        ));
    }

    #[test]
    fn birth_dates_are_read_in_every_usual_form() {
        let expected = NaiveDate::from_ymd_opt(2009, 3, 12);
        for raw in [
            "12/03/2009",
            "12-03-2009",
            "12.03.2009",
            "2009-03-12",
            "12032009",
            "20090312",
            "2009-03-12T00:00:00",
        ] {
            assert_eq!(parse_birth_date(raw), expected, "{raw}");
        }
        assert_eq!(parse_birth_date("31/02/2009"), None);
        assert_eq!(parse_birth_date("bientôt"), None);
    }

    #[test]
    fn transposed_dates_are_recognised_but_not_any_difference() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        assert!(transposed(d(2009, 3, 12), d(2009, 12, 3)));
        assert!(transposed(d(2009, 3, 12), d(2090, 3, 12)));
        assert!(!transposed(d(2009, 3, 12), d(2009, 3, 12)));
        assert!(!transposed(d(2009, 3, 12), d(2010, 3, 12)));
    }
}
