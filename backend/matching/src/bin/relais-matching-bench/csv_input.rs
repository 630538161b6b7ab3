//! The generator's CSV files (`id,scope,population,last_name,first_name,
//! birth_date,related,sex`; `sex` optional) read fast: the whole file in one string, fields as
//! offsets into it (a quoted field with doubled quotes is unescaped into a
//! second arena), `related` ids resolved to indices of the same file.

use relais_matching::normalise::parse_birth_date;
use relais_matching::{Population, Record, Sex};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::path::Path;

/// Where a field is: `start..start + len` of the file, or of the unescaped
/// arena when the top bit of `len` is set.
#[derive(Clone, Copy, Default)]
struct Span {
    start: u32,
    len: u32,
}

const UNESCAPED: u32 = 1 << 31;

struct Row {
    id: Span,
    last: Span,
    first: Span,
    scope: u32,
    population: Population,
    date: Option<chrono::NaiveDate>,
    /// `related[start..start + len]`.
    related: (u32, u32),
    sex: Option<Sex>,
}

/// One CSV file of records, in memory.
pub struct Table {
    text: String,
    unescaped: String,
    rows: Vec<Row>,
    related: Vec<u32>,
}

impl Table {
    /// Reads and parses `path`; rows with fewer than 6 fields are skipped.
    pub fn read(path: &Path) -> Result<Table, String> {
        let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
        let text = String::from_utf8(bytes).map_err(|e| e.to_string())?;
        if text.len() >= (UNESCAPED as usize) {
            return Err("file larger than 2 GiB".into());
        }
        let mut table = Table {
            rows: Vec::with_capacity(text.len() / 48),
            text,
            unescaped: String::new(),
            related: Vec::new(),
        };
        let mut related_spans: Vec<Span> = Vec::with_capacity(table.rows.capacity());
        let bytes = table.text.as_bytes();
        // The header line is skipped.
        let mut at = bytes
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |i| i + 1);
        let mut fields = [Span::default(); 8];
        while at < bytes.len() {
            let mut n = 0;
            loop {
                let (span, next) = field(bytes, at, &mut table.unescaped);
                if n < fields.len() {
                    fields[n] = span;
                }
                n += 1;
                at = next;
                match bytes.get(at) {
                    Some(b',') => at += 1,
                    _ => break,
                }
            }
            // Past the line end (`\r\n` or `\n`).
            while let Some(&b) = bytes.get(at) {
                at += 1;
                if b == b'\n' {
                    break;
                }
            }
            if n < 6 {
                continue;
            }
            let get = |s: Span| get(&table.text, &table.unescaped, s);
            let date_text = get(fields[5]);
            table.rows.push(Row {
                id: fields[0],
                scope: scope_number(get(fields[1]).as_bytes()),
                population: population(get(fields[2]).as_bytes()),
                last: fields[3],
                first: fields[4],
                date: iso_date(date_text.as_bytes()).or_else(|| {
                    if date_text.is_empty() {
                        None
                    } else {
                        parse_birth_date(date_text)
                    }
                }),
                related: (0, 0),
                sex: if n >= 8 {
                    Sex::from_code(get(fields[7]))
                } else {
                    None
                },
            });
            related_spans.push(if n >= 7 { fields[6] } else { Span::default() });
        }
        table.resolve_related(&related_spans);
        Ok(table)
    }

    /// Turns the `|`-separated ids of `related` into indices of this file;
    /// unknown ids are dropped (ids are unique in an export; were one
    /// repeated, it would resolve to one of its rows). Related records are
    /// nearly always written together: an id is first looked for among the
    /// neighbouring rows, then among the rows of the current run of one
    /// scope (a small, cache-resident table, made when first needed), and
    /// in a table of the whole file only when that fails.
    fn resolve_related(&mut self, spans: &[Span]) {
        type Map<'t> = HashMap<&'t [u8], u32, BuildHasherDefault<FxHasher>>;
        const NEAR: usize = 8;
        let (text, unescaped, rows) = (&self.text, &self.unescaped, &self.rows);
        let id = |row: &Row| get(text, unescaped, row.id).as_bytes();
        let mut local: Map = Map::default();
        let mut global: Option<Map> = None;
        let mut related = Vec::with_capacity(rows.len() * 2);
        let mut ranges = Vec::with_capacity(rows.len());
        // Below 2^32 records: a u32 index per record already assumes it.
        let to_u32 = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let mut run_start = 0;
        while run_start < rows.len() {
            let scope = rows[run_start].scope;
            let run_len = rows[run_start..]
                .iter()
                .take_while(|r| r.scope == scope)
                .count();
            let run = run_start..run_start + run_len;
            let mut local_made = false;
            for (i, &span) in run.clone().zip(&spans[run.clone()]) {
                let start = related.len();
                let ids = get(text, unescaped, span).as_bytes();
                for wanted in ids.split(|&b| b == b'|').filter(|s| !s.is_empty()) {
                    // Nearest first: i + 1, i - 1, i + 2, i - 2…
                    let is_wanted = |j: usize| same_id(id(&rows[j]), wanted);
                    let near = (1..=NEAR).find_map(|d| {
                        let after = i + d;
                        if after < run.end && is_wanted(after) {
                            return Some(after);
                        }
                        let before = i.checked_sub(d).filter(|&j| j >= run.start)?;
                        is_wanted(before).then_some(before)
                    });
                    if let Some(j) = near {
                        related.push(to_u32(j));
                        continue;
                    }
                    if !local_made {
                        local.clear();
                        for (j, row) in (to_u32(run.start)..).zip(&rows[run.clone()]) {
                            local.entry(id(row)).or_insert(j);
                        }
                        local_made = true;
                    }
                    if let Some(&j) = local.get(wanted) {
                        related.push(j);
                        continue;
                    }
                    let map = global.get_or_insert_with(|| {
                        let mut map = Map::with_capacity_and_hasher(
                            rows.len(),
                            BuildHasherDefault::default(),
                        );
                        for (j, row) in (0u32..).zip(rows) {
                            map.entry(id(row)).or_insert(j);
                        }
                        map
                    });
                    related.extend(map.get(wanted).copied());
                }
                ranges.push((to_u32(start), to_u32(related.len() - start)));
            }
            run_start = run.end;
        }
        drop((local, global));
        for (row, range) in self.rows.iter_mut().zip(ranges) {
            row.related = range;
        }
        self.related = related;
    }

    /// The engine's records, borrowing this table.
    pub fn records(&self) -> Vec<Record<'_>> {
        let get = |s: Span| get(&self.text, &self.unescaped, s);
        self.rows
            .iter()
            .map(|r| Record {
                id: get(r.id),
                scope: r.scope,
                population: r.population,
                last_name: get(r.last),
                first_name: get(r.first),
                birth_date: r.date,
                related: self
                    .related
                    .get(r.related.0 as usize..(r.related.0 + r.related.1) as usize)
                    .unwrap_or(&[]),
                sex: r.sex,
            })
            .collect()
    }
}

fn get<'t>(text: &'t str, unescaped: &'t str, span: Span) -> &'t str {
    let (source, len) = if span.len & UNESCAPED != 0 {
        (unescaped, span.len & !UNESCAPED)
    } else {
        (text, span.len)
    };
    let start = span.start as usize;
    source.get(start..start + len as usize).unwrap_or("")
}

/// The field starting at `at`, and where it ends (at a `,`, a line end or
/// the end of the file).
fn field(bytes: &[u8], at: usize, unescaped: &mut String) -> (Span, usize) {
    let to_u32 = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    if bytes.get(at) != Some(&b'"') {
        let at = at.min(bytes.len());
        let len = field_end(bytes, at) - at;
        return (
            Span {
                start: to_u32(at),
                len: to_u32(len),
            },
            at + len,
        );
    }
    // Quoted: up to the quote not followed by another one.
    let start = at + 1;
    let mut i = start;
    let mut doubled = false;
    while i < bytes.len() {
        if bytes[i] == b'"' {
            if bytes.get(i + 1) == Some(&b'"') {
                doubled = true;
                i += 2;
                continue;
            }
            break;
        }
        i += 1;
    }
    let end = i.min(bytes.len());
    let span = if doubled {
        let from = unescaped.len();
        let raw = std::str::from_utf8(&bytes[start..end]).unwrap_or("");
        unescaped.push_str(&raw.replace("\"\"", "\""));
        Span {
            start: to_u32(from),
            len: to_u32(unescaped.len() - from) | UNESCAPED,
        }
    } else {
        Span {
            start: to_u32(start),
            len: to_u32(end - start),
        }
    };
    // Past the closing quote; anything before the separator is ignored.
    let mut next = (end + 1).min(bytes.len());
    while let Some(&b) = bytes.get(next) {
        if b == b',' || b == b'\n' || b == b'\r' {
            break;
        }
        next += 1;
    }
    (span, next)
}

/// The first `,`, `\r` or `\n` from `at` (or the end), eight bytes at a
/// time: a byte equal to one of them is a zero byte of the word xor-ed with
/// it, and the lowest flagged byte of the classic zero-byte test is exact.
fn field_end(bytes: &[u8], at: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let mut i = at;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let w = u64::from_le_bytes(word);
        let found = zero(w ^ (ONES * u64::from(b',')))
            | zero(w ^ (ONES * u64::from(b'\n')))
            | zero(w ^ (ONES * u64::from(b'\r')));
        if found != 0 {
            return i + (found.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while let Some(&b) = bytes.get(i) {
        if matches!(b, b',' | b'\n' | b'\r') {
            break;
        }
        i += 1;
    }
    i
}

/// Whether two ids are equal, their last eight bytes compared first as
/// one word: neighbouring ids share their start, and a call to `memcmp`
/// for each would cost more than the comparison.
fn same_id(a: &[u8], b: &[u8]) -> bool {
    let last_word = |s: &[u8]| {
        let mut word = [0u8; 8];
        word.copy_from_slice(s.get(s.len().saturating_sub(8)..).unwrap_or_default());
        u64::from_le_bytes(word)
    };
    a.len() == b.len() && (a.len() < 8 || last_word(a) == last_word(b)) && a == b
}

/// [`Population::from_code`] on bytes, the common codes first (an unknown
/// code is read as `ELEVES`).
fn population(code: &[u8]) -> Population {
    match code {
        b"ELEVES" => Population::Eleves,
        b"PARENTS" => Population::Parents,
        b"PROFESSEURS" => Population::Professeurs,
        _ => std::str::from_utf8(code)
            .ok()
            .and_then(Population::from_code)
            .unwrap_or(Population::Eleves),
    }
}

/// The scope's number (ASCII digits, spaces around them allowed); 0 when
/// it is not one.
fn scope_number(b: &[u8]) -> u32 {
    let digits = b.trim_ascii();
    if digits.is_empty() {
        return 0;
    }
    digits
        .iter()
        .try_fold(0u32, |n, &d| {
            let digit = u32::from(d.wrapping_sub(b'0'));
            if digit > 9 {
                return None;
            }
            n.checked_mul(10)?.checked_add(digit)
        })
        .unwrap_or(0)
}

/// `YYYY-MM-DD`, the generator's form, without going through a format
/// string.
fn iso_date(b: &[u8]) -> Option<chrono::NaiveDate> {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let mut digits = [0u32; 8];
    for (d, &c) in digits
        .iter_mut()
        .zip(b[..4].iter().chain(&b[5..7]).chain(&b[8..10]))
    {
        if !c.is_ascii_digit() {
            return None;
        }
        *d = u32::from(c - b'0');
    }
    let year = digits[..4].iter().fold(0, |y, d| y * 10 + d);
    let month = digits[4] * 10 + digits[5];
    let day = digits[6] * 10 + digits[7];
    chrono::NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

/// Appends `value` as an RFC 4180 field (quoted when it holds a comma, a
/// quote or a line break).
pub fn push_field(out: &mut Vec<u8>, value: &str) {
    if value
        .bytes()
        .any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'))
    {
        out.push(b'"');
        for b in value.bytes() {
            if b == b'"' {
                out.push(b'"');
            }
            out.push(b);
        }
        out.push(b'"');
    } else {
        out.extend_from_slice(value.as_bytes());
    }
}

/// A multiply-rotate hasher (as in rustc's FxHasher): the ids are not
/// hostile here, and SipHash would be most of the cost of the lookups.
#[derive(Default)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w) ^ (rest.len() as u64) << 56);
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    fn finish(&self) -> u64 {
        // A final avalanche (murmur3's): the multiplications only carry
        // differences upwards, and the table indexes by the low bits.
        let mut x = self.0;
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^= x >> 33;
        x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        x ^ (x >> 33)
    }
}

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_fields_and_related_ids_are_read() {
        let dir = std::env::temp_dir().join(format!("relais-csv-input-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join("ent.csv");
        let text = "id,scope,population,last_name,first_name,birth_date,related,sex\n\
                    a1,3,ELEVES,\"DE LA, FONTAINE\",Jean,2009-03-12,p1\r\n\
                    p1,3,PARENTS,\"SAY \"\"HI\"\"\",Marie,,a1|zz,F\n\
                    short,3\n\
                    b2,4,PROFESSEURS,Durand,Luc,12/03/1980,";
        let _ = std::fs::write(&path, text);
        let table = Table::read(&path);
        let _ = std::fs::remove_dir_all(&dir);
        let table = table.unwrap();
        let records = table.records();
        assert_eq!(records.len(), 3);
        assert_eq!(records[0].last_name, "DE LA, FONTAINE");
        assert_eq!(records[0].related, &[1]);
        assert_eq!(records[1].last_name, "SAY \"HI\"");
        assert_eq!(records[1].related, &[0]);
        assert_eq!(records[1].birth_date, None);
        assert_eq!(records[1].population, Population::Parents);
        assert_eq!(records[1].sex, Some(Sex::Female));
        assert_eq!(records[0].sex, None);
        assert_eq!(records[2].scope, 4);
        assert_eq!(
            records[2].birth_date,
            chrono::NaiveDate::from_ymd_opt(1980, 3, 12)
        );
        assert_eq!(
            records[0].birth_date,
            chrono::NaiveDate::from_ymd_opt(2009, 3, 12)
        );
        for text in [
            "",
            "abc",
            "abcdefghijkl,m",
            "abcdefgh\r\n",
            "é,",
            "0123456789abcdef\n,",
            ",",
        ] {
            let bytes = text.as_bytes();
            for at in 0..=bytes.len() {
                let naive = bytes[at..]
                    .iter()
                    .position(|b| matches!(b, b',' | b'\n' | b'\r'))
                    .map_or(bytes.len(), |i| at + i);
                assert_eq!(field_end(bytes, at), naive, "{text:?} from {at}");
            }
        }
        assert_eq!(population(b"PERSONNELS"), Population::Personnels);
        assert_eq!(population(b"PROFESSEURS"), Population::Professeurs);
        assert_eq!(population(b"?"), Population::Eleves);
        assert!(same_id(b"000000001G4PG3TV", b"000000001G4PG3TV"));
        assert!(!same_id(b"000000001G4PG3TV", b"100000001G4PG3TV"));
        assert!(!same_id(b"000000001G4PG3TV", b"000000001G4PG3TW"));
        assert!(same_id(b"a1", b"a1") && !same_id(b"a1", b"a2") && !same_id(b"a1", b"a12"));
        assert_eq!(scope_number(b" 12 "), 12);
        assert_eq!(scope_number(b"4294967295"), u32::MAX);
        assert_eq!(scope_number(b"4294967296"), 0);
        assert_eq!(scope_number(b"1x"), 0);
        assert_eq!(scope_number(b""), 0);
        let mut out = Vec::new();
        push_field(&mut out, "a\"b");
        assert_eq!(out, b"\"a\"\"b\"");
    }
}
