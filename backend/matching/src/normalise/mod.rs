//! What the ENT and PRONOTE write differently for the same person (docs/domain.md §5,
//! "why matches fail"; issue 19): case, accents and ligatures of every Latin
//! letter (`VŨ`, `ERTAŞ`, `ŁUKASZ`), apostrophes, hyphens and spaces in
//! compound names (`JEAN-MARIE` / `JEAN MARIE`), particles (`de`, `d'`,
//! `le`…), also after the name (`Silva (da)`), `St` / `Saint`, the
//! « épouse / née » forms of married names, characters damaged by a bad
//! encoding (`ACCOLEE M$rine`), and the forms of a birth date, placeholders
//! (`1900-01-01`) and near misses (one day, one year) included.

mod dates;

pub use dates::{
    NearDate, is_placeholder_date, near_date, parse_birth_date, transposed, two_slips_apart,
};

/// Stands for a character damaged in transit: it matches any letter when
/// names are compared.
pub const DAMAGED: char = '?';

/// Particles left out of the significant parts of a name.
const PARTICLES: [&str; 18] = [
    "DE", "DU", "DES", "D", "LE", "LA", "LES", "L", "VAN", "VON", "DA", "DI", "DOS", "DAS", "DEL",
    "DELLA", "DER", "DEN",
];

/// Words that join a married woman's two names (« DUPONT épouse MARTIN »,
/// « MARTIN née DUPONT », « DUPONT ép. MARTIN »), or a name and an alias.
const NAME_JOINERS: [&str; 9] = [
    "EPOUSE", "EP", "EPSE", "NEE", "VEUVE", "VVE", "DITE", "DIT", "EPX",
];

/// The joining words only a woman's name carries (« épouse », « née »,
/// « veuve », « dite »; `DIT` and `EPX`, « époux », are a man's).
const WOMENS_JOINERS: [&str; 7] = ["EPOUSE", "EP", "EPSE", "NEE", "VEUVE", "VVE", "DITE"];

/// Whether the joining word of a « DUPONT EPOUSE MARTIN » form (the
/// canonical words between the two names of [`married_parts`]) is one
/// only a woman's name carries.
pub fn is_womans_joiner(word: &str) -> bool {
    WOMENS_JOINERS.contains(&word)
}

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
                b' ' | b'\t' | b'-' | b'\'' | b'.' | b',' | b'_' | b'(' | b')' | b'/' => {
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
        fold_letter(c, out, start, &mut pending_space);
    }
    expand_saint(out, start);
}

/// Folds one non-ASCII character: a letter of any script to its ASCII
/// transliteration (deunicode: `Ũ` → `U`, `Ł` → `L`, `ß` → `SS`, `Œ` →
/// `OE`), a combining mark (names written decomposed) to nothing, a
/// dash or an apostrophe to a word break, anything else to [`DAMAGED`].
fn fold_letter(c: char, out: &mut String, start: usize, pending_space: &mut bool) {
    let folded = if c == '\u{FFFD}' {
        None
    } else {
        deunicode::deunicode_char(c)
    };
    match folded {
        Some(ascii) if c.is_alphabetic() => {
            for b in ascii.bytes() {
                if b.is_ascii_alphanumeric() {
                    push_word_char(out, pending_space, char::from(b.to_ascii_uppercase()));
                } else {
                    *pending_space = out.len() != start;
                }
            }
        }
        // A combining mark: the letter before it is already folded.
        Some("") => {}
        Some(ascii)
            if ascii
                .bytes()
                .all(|b| matches!(b, b' ' | b'\'' | b'-' | b'`' | b'"' | b'.' | b',')) =>
        {
            *pending_space = out.len() != start;
        }
        // `$`, `?`, `�`, `€`… a letter lost in transit.
        _ => push_word_char(out, pending_space, DAMAGED),
    }
}

/// Whether a canonical name has the word `ST` or `STE` (a byte scan: most
/// names have no such word, and many have `ST` inside a word).
fn has_saint_word(name: &[u8]) -> bool {
    let mut at = 0;
    while let Some(i) = name
        .get(at..)
        .and_then(|rest| rest.windows(2).position(|w| w == b"ST"))
    {
        let start = at + i;
        let word_start = start == 0 || name.get(start - 1) == Some(&b' ');
        let end = start + 2;
        let end = if name.get(end) == Some(&b'E') {
            end + 1
        } else {
            end
        };
        let word_end = matches!(name.get(end), None | Some(b' '));
        let plain_end = matches!(name.get(start + 2), None | Some(b' '));
        if word_start && (word_end || plain_end) {
            return true;
        }
        at = start + 1;
    }
    false
}

/// `ST` and `STE` as words are `SAINT` and `SAINTE` (`St-Martin`,
/// `STE CROIX`).
fn expand_saint(out: &mut String, start: usize) {
    let Some(name) = out.get(start..) else {
        return;
    };
    // `ST` starts a word only at the start or after a space.
    if !(name.starts_with("ST") || name.contains(" ST")) || !has_saint_word(name.as_bytes()) {
        return;
    }
    let expanded: Vec<&str> = name
        .split(' ')
        .map(|w| match w {
            "ST" => "SAINT",
            "STE" => "SAINTE",
            w => w,
        })
        .collect();
    let expanded = expanded.join(" ");
    out.truncate(start);
    out.push_str(&expanded);
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
    word.len() <= 5 && PARTICLES.contains(&word)
}

/// The two names of « DUPONT EPOUSE MARTIN » (a canonical name), when it
/// has that form: the words before and after the joining word.
pub fn married_parts(canonical: &str) -> Option<(&str, &str)> {
    // Most names have no joining word: a cheap look for its start first.
    let b = canonical.as_bytes();
    if !b.contains(&b' ')
        || !b
            .windows(3)
            .any(|w| matches!(w, b" EP" | b" NE" | b" VE" | b" VV" | b" DI"))
    {
        return None;
    }
    let mut at = 0;
    for word in canonical.split(' ') {
        let end = at + word.len();
        if at > 0 && NAME_JOINERS.contains(&word) {
            let before = canonical.get(..at.saturating_sub(1))?;
            let after = canonical.get((end + 1).min(canonical.len())..)?;
            if !before.is_empty() && !after.is_empty() {
                return Some((before, after));
            }
        }
        at = end + 1;
    }
    None
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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn case_accents_ligatures_and_separators_fold_to_one_form() {
        assert_eq!(canonical_name("  Jean-Marie "), "JEAN MARIE");
        assert_eq!(canonical_name("JEAN  MARIE"), "JEAN MARIE");
        assert_eq!(canonical_name("Lætitia Cœur"), "LAETITIA COEUR");
        assert_eq!(canonical_name("D'Hérouville"), "D HEROUVILLE");
        assert_eq!(canonical_name("N’Diaye"), "N DIAYE");
        assert_eq!(canonical_name("Çağla"), "CAGLA");
        assert_eq!(canonical_name("HÃ©lÃ¨ne"), "HELENE");
        assert_eq!(canonical_name("FranÃ§ois Å“uvre"), "FRANCOIS OEUVRE");
    }

    #[test]
    fn every_latin_letter_folds_to_ascii() {
        assert_eq!(canonical_name("VŨ"), canonical_name("VU"));
        assert_eq!(canonical_name("NGUYỄN Đức"), "NGUYEN DUC");
        assert_eq!(canonical_name("ERTAŞ"), "ERTAS");
        assert_eq!(canonical_name("Łukasiewicz"), "LUKASIEWICZ");
        assert_eq!(canonical_name("ĐORĐEVIĆ"), "DORDEVIC");
        assert_eq!(canonical_name("Sørensen"), "SORENSEN");
        assert_eq!(canonical_name("ȘTEFĂNESCU"), "STEFANESCU");
        // Written decomposed (a letter and its combining mark).
        assert_eq!(canonical_name("Ve\u{301}ronique"), "VERONIQUE");
        // Damage stays damage, dashes stay word breaks.
        assert_eq!(canonical_name("Ma\u{FFFD}on"), "MA?ON");
        assert_eq!(canonical_name("Jean–Marie"), "JEAN MARIE");
        assert_eq!(canonical_name("Ros€"), "ROS?");
    }

    #[test]
    fn particles_after_the_name_and_saints_agree_with_the_usual_form() {
        assert_eq!(canonical_name("Silva (da)"), "SILVA DA");
        assert_eq!(compound_key("Silva (da)"), compound_key("DA SILVA"));
        assert_eq!(compound_key("SANTOS DOS"), compound_key("dos Santos"));
        assert_eq!(canonical_name("St-Martin"), "SAINT MARTIN");
        assert_eq!(canonical_name("STE CROIX"), "SAINTE CROIX");
        assert_eq!(canonical_name("CHRISTINE"), "CHRISTINE");
        assert_eq!(canonical_name("DE ST-PIERRE"), "DE SAINT PIERRE");
    }

    #[test]
    fn married_names_are_split_into_their_two_names() {
        let parts = |raw: &str| {
            let c = canonical_name(raw);
            married_parts(&c).map(|(a, b)| (a.to_owned(), b.to_owned()))
        };
        let pair = |a: &str, b: &str| Some((a.to_owned(), b.to_owned()));
        assert_eq!(parts("DUPONT épouse MARTIN"), pair("DUPONT", "MARTIN"));
        assert_eq!(
            parts("Dupont ép. Martin-Roux"),
            pair("DUPONT", "MARTIN ROUX")
        );
        assert_eq!(parts("MARTIN NEE DE LA TOUR"), pair("MARTIN", "DE LA TOUR"));
        assert_eq!(parts("MARTIN-EPOUSE-DUPONT"), pair("MARTIN", "DUPONT"));
        assert_eq!(parts("NEE"), None);
        assert_eq!(parts("EPOUSE MARTIN"), None);
        assert_eq!(parts("MARTIN DUPONT"), None);
    }

    #[test]
    fn placeholders_and_near_dates_are_recognised() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        assert!(is_placeholder_date(d(1900, 1, 1)));
        assert!(is_placeholder_date(d(1899, 12, 30)));
        assert!(is_placeholder_date(d(1970, 1, 1)));
        assert!(!is_placeholder_date(d(1985, 1, 1)));
        assert_eq!(
            near_date(d(2009, 3, 12), d(2009, 3, 11)),
            Some(NearDate::OneDay)
        );
        assert_eq!(
            near_date(d(2009, 3, 1), d(2009, 2, 28)),
            Some(NearDate::OneDay)
        );
        assert_eq!(
            near_date(d(2009, 3, 12), d(2010, 3, 12)),
            Some(NearDate::OneYear)
        );
        assert_eq!(
            near_date(d(2008, 2, 29), d(2009, 2, 28)),
            Some(NearDate::OneYear)
        );
        assert_eq!(near_date(d(2009, 3, 12), d(2009, 3, 14)), None);
        assert_eq!(near_date(d(2009, 3, 12), d(2011, 3, 12)), None);
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
