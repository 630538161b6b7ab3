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

/// Writes a CSV file as Relais produces them: `header` then `rows`,
/// `;`-separated, quoted only where needed (RFC 4180), CRLF line ends,
/// UTF-8 without BOM.
pub(crate) fn write_semicolon<R, F>(header: &[&str], rows: impl IntoIterator<Item = R>) -> Vec<u8>
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
