//! What the CSV formats share: decoding (UTF-8 with or without BOM, else
//! Windows-1252), the delimiter, header names matched by alias, and line
//! numbers of records; and how Relais writes its own CSV files.

/// How the bytes were decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Windows1252,
}

pub(crate) fn decode(bytes: &[u8]) -> (String, Encoding) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), Encoding::Utf8),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            (text.into_owned(), Encoding::Windows1252)
        }
    }
}

/// The delimiter is the candidate found most often in the header line
/// (`;` on a tie).
pub(crate) fn sniff_delimiter(text: &str) -> u8 {
    let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    [b';', b',', b'\t']
        .into_iter()
        .map(|d| (header.bytes().filter(|b| *b == d).count(), d))
        .max_by_key(|(count, d)| (*count, *d == b';'))
        .filter(|(count, _)| *count > 0)
        .map_or(b';', |(_, d)| d)
}

/// Lower case, accents removed, every run of other characters as one `_`.
pub(crate) fn normalise_header(raw: &str) -> String {
    relais_domain::fold_for_search(raw).replace(' ', "_")
}

/// For each column (its index and its aliases, strongest first), the
/// position of the best matching header.
pub(crate) fn map_headers<'a, const N: usize>(
    headers: impl Iterator<Item = &'a str>,
    columns: &[(usize, &[&str])],
) -> [Option<usize>; N] {
    let mut best: [Option<(usize, usize)>; N] = [None; N];
    for (position, header) in headers.enumerate() {
        let name = normalise_header(header);
        for (index, aliases) in columns {
            if let Some(rank) = aliases.iter().position(|a| *a == name)
                && let Some(slot) = best.get_mut(*index)
                && slot.is_none_or(|(r, _)| rank < r)
            {
                *slot = Some((rank, position));
            }
        }
    }
    best.map(|b| b.map(|(_, position)| position))
}

/// Where column `index` is in the file, from [`map_headers`]'s answer.
pub(crate) fn position_of(positions: &[Option<usize>], index: usize) -> Option<usize> {
    positions.get(index).copied().flatten()
}

/// Line numbers (from 1) of increasing byte offsets, counted incrementally.
pub(crate) struct LineCounter<'a> {
    text: &'a [u8],
    offset: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        LineCounter {
            text: text.as_bytes(),
            offset: 0,
            line: 1,
        }
    }

    pub(crate) fn at(&mut self, byte: u64) -> usize {
        // With CRLF the reader may place a record on the `\n` that ends the
        // line before it: a record starts at its first other character.
        let mut byte = usize::try_from(byte)
            .unwrap_or(usize::MAX)
            .min(self.text.len());
        while matches!(self.text.get(byte), Some(b'\r' | b'\n')) {
            byte += 1;
        }
        if byte > self.offset {
            self.line += self
                .text
                .get(self.offset..byte)
                .map_or(0, |s| s.iter().filter(|b| **b == b'\n').count());
            self.offset = byte;
        }
        self.line
    }
}

/// The characters that make a spreadsheet read a cell as a formula
/// (OWASP, « CSV Injection »).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell as written to a file people open in a spreadsheet: one starting
/// like a formula (`=HYPERLINK(…)`, `+cmd|…`, `-2+3`, `@SUM(…)`) gets a
/// leading `'`, so it shows as text instead of running (issue 13, item 8).
pub fn neutralise_cell(value: &str) -> std::borrow::Cow<'_, str> {
    if value.starts_with(FORMULA_STARTS) {
        std::borrow::Cow::Owned(format!("'{value}"))
    } else {
        std::borrow::Cow::Borrowed(value)
    }
}

/// The value [`neutralise_cell`] wrote: the `'` it added is dropped, so
/// Relais reads its own exports back unchanged.
pub fn unneutralise_cell(value: &str) -> &str {
    match value.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => value,
    }
}

/// The first cell of `record` holding a control character (issue 13, item
/// 7): its header and the character, for the line's refusal.
pub(crate) fn control_in_record(
    headers: &csv::StringRecord,
    record: &csv::StringRecord,
) -> Option<String> {
    record.iter().enumerate().find_map(|(i, value)| {
        relais_domain::control_character(value).map(|c| {
            format!(
                "ligne refusée : la colonne « {} » contient un caractère de contrôle ({}) ; retirez-le du fichier",
                headers.get(i).unwrap_or("?"),
                relais_domain::describe_control(c)
            )
        })
    })
}

/// Writes a CSV file people open in a spreadsheet: [`write_verbatim`] with
/// every cell passed through [`neutralise_cell`].
pub(crate) fn write_semicolon<R, F>(header: &[&str], rows: impl IntoIterator<Item = R>) -> Vec<u8>
where
    R: IntoIterator<Item = F>,
    F: AsRef<str>,
{
    write_verbatim(
        header,
        rows.into_iter().map(|row| {
            row.into_iter()
                .map(|cell| neutralise_cell(cell.as_ref()).into_owned())
                .collect::<Vec<_>>()
        }),
    )
}

/// Writes a CSV file as Relais produces them: `header` then `rows`,
/// `;`-separated, quoted only where needed (RFC 4180), CRLF line ends,
/// UTF-8 without BOM. Cells as given: for files machines read (the
/// identifiers file an ENT imports).
pub(crate) fn write_verbatim<R, F>(header: &[&str], rows: impl IntoIterator<Item = R>) -> Vec<u8>
where
    R: IntoIterator<Item = F>,
    F: AsRef<[u8]>,
{
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let write_all = || -> Result<(), csv::Error> {
        writer.write_record(header)?;
        for row in rows {
            writer.write_record(row)?;
        }
        writer.flush()?;
        Ok(())
    };
    // Writing into a Vec cannot fail; an error here would only lose rows
    // that the caller would notice.
    let _ = write_all();
    writer
        .into_inner()
        .unwrap_or_else(|e| e.into_inner().get_ref().clone())
}

#[cfg(test)]
mod neutralising_tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised_and_read_back() {
        for cell in [
            "=HYPERLINK(\"http://x\")",
            "+cmd|' /C calc'!A0",
            "-2+3",
            "@SUM(A1)",
            "\tx",
        ] {
            let written = neutralise_cell(cell);
            assert!(written.starts_with('\''), "{cell}");
            assert_eq!(unneutralise_cell(&written), cell);
        }
        for cell in ["Collège", "0180001A", "'quoted already", ""] {
            assert_eq!(neutralise_cell(cell), cell);
            assert_eq!(unneutralise_cell(cell), cell);
        }
    }
}
