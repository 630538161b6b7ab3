//! The establishment list as CSV: what operators export from the national
//! directory (annuaire de l'éducation, BCE extracts) or from their own
//! spreadsheets, and what Relais exports back.
//!
//! Reading is lenient on the container (UTF-8 with or without BOM, else
//! Windows-1252; `;`, `,` or tab; columns recognised by name in any order,
//! extra columns ignored) and strict on nothing else: the values are checked
//! by the domain types, line by line, by the caller.

use thiserror::Error;

pub use crate::csv_text::Encoding;
use crate::csv_text::{
    LineCounter, control_in_record, decode, map_headers, position_of, sniff_delimiter,
    unneutralise_cell,
};

/// Larger files are refused before anything is decoded (a whole region is a
/// few hundred kilobytes).
pub const MAX_BYTES: usize = 20 * 1024 * 1024;

/// The columns Relais reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Uai,
    Name,
    Kind,
    Commune,
    PostalCode,
    Academy,
    Status,
}

impl Column {
    pub const ALL: [Column; 7] = [
        Column::Uai,
        Column::Name,
        Column::Kind,
        Column::Commune,
        Column::PostalCode,
        Column::Academy,
        Column::Status,
    ];

    /// The name written in exports (and recognised first on import).
    pub fn header(self) -> &'static str {
        match self {
            Column::Uai => "uai",
            Column::Name => "nom",
            Column::Kind => "type",
            Column::Commune => "commune",
            Column::PostalCode => "code_postal",
            Column::Academy => "academie",
            Column::Status => "etat",
        }
    }

    fn index(self) -> usize {
        self as usize
    }

    /// Header names recognised for this column, strongest first, after
    /// `csv_text::normalise_header`. The national directory's open-data names and
    /// the BCE extract names are included.
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Column::Uai => &[
                "uai",
                "identifiant_de_l_etablissement",
                "numero_uai",
                "code_uai",
                "rne",
                "code_rne",
                "uai_rne",
            ],
            Column::Name => &[
                "nom",
                "nom_etablissement",
                "appellation_officielle",
                "nom_de_l_etablissement",
                "libelle",
                "patronyme_uai",
            ],
            Column::Kind => &[
                "type",
                "type_etablissement",
                "nature_uai_libe",
                "type_d_etablissement",
                "nature",
            ],
            Column::Commune => &[
                "commune",
                "nom_commune",
                "libelle_commune",
                "localite_acheminement_uai",
                "ville",
            ],
            Column::PostalCode => &["code_postal", "code_postal_uai", "cp"],
            Column::Academy => &["academie", "libelle_academie", "nom_academie"],
            Column::Status => &["etat", "etat_etablissement_libe", "statut_ouverture"],
        }
    }
}

/// One data line, values trimmed, blanks as `None`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawRow {
    /// Line number in the file (the header is line 1).
    pub line: usize,
    pub values: [Option<String>; 7],
}

impl RawRow {
    pub fn get(&self, column: Column) -> Option<&str> {
        self.values.get(column.index())?.as_deref()
    }
}

/// A line the CSV reader itself could not read (unbalanced quotes…).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    pub line: usize,
    pub message: String,
}

#[derive(Debug)]
pub struct ParsedCsv {
    pub encoding: Encoding,
    pub delimiter: u8,
    /// The columns found in the header, in [`Column::ALL`] order.
    pub columns: Vec<Column>,
    pub rows: Vec<RawRow>,
    pub line_errors: Vec<LineError>,
}

/// Errors that make the whole file unreadable. French: shown to the person
/// who sent the file.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum CsvError {
    #[error("le fichier est vide")]
    Empty,
    #[error("le fichier dépasse la taille maximale de {max} octets", max = MAX_BYTES)]
    TooLarge,
    #[error(
        "colonne obligatoire « {0} » introuvable dans l'en-tête (colonnes reconnues : uai, nom, type, commune, code_postal, academie, etat, ou celles de l'annuaire de l'éducation)"
    )]
    MissingColumn(&'static str),
    #[error("en-tête illisible : {0}")]
    Header(String),
}

/// Reads an establishment list.
/// Every column with its aliases, for [`map_headers`].
fn column_aliases() -> Vec<(usize, &'static [&'static str])> {
    Column::ALL
        .into_iter()
        .map(|c| (c.index(), c.aliases()))
        .collect()
}

pub fn parse(bytes: &[u8]) -> Result<ParsedCsv, CsvError> {
    if bytes.len() > MAX_BYTES {
        return Err(CsvError::TooLarge);
    }
    let (text, encoding) = decode(bytes);
    if text.trim().is_empty() {
        return Err(CsvError::Empty);
    }
    let delimiter = sniff_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(true)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| CsvError::Header(e.to_string()))?
        .clone();
    let positions = map_headers::<7>(headers.iter(), &column_aliases());
    for required in [Column::Uai, Column::Name] {
        if position_of(&positions, required.index()).is_none() {
            return Err(CsvError::MissingColumn(required.header()));
        }
    }
    let columns = Column::ALL
        .into_iter()
        .filter(|&c| position_of(&positions, c.index()).is_some())
        .collect();
    let mut rows = Vec::new();
    let mut line_errors = Vec::new();
    let mut record = csv::StringRecord::new();
    // Line numbers are counted from byte offsets: the reader's own line count
    // does not agree between LF and CRLF files.
    let mut lines = LineCounter::new(&text);
    loop {
        let line = lines.at(reader.position().byte());
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                if record.iter().all(str::is_empty) {
                    continue;
                }
                let line = record.position().map_or(line, |p| lines.at(p.byte()));
                if let Some(message) = control_in_record(&headers, &record) {
                    line_errors.push(LineError { line, message });
                    continue;
                }
                let values = positions.map(|position| {
                    position
                        .and_then(|i| record.get(i))
                        .map(unneutralise_cell)
                        .filter(|v| !v.is_empty())
                        .map(str::to_owned)
                });
                rows.push(RawRow { line, values });
            }
            Err(error) => {
                let line = error.position().map_or(line, |p| lines.at(p.byte()));
                line_errors.push(LineError {
                    line,
                    message: format!("ligne illisible : {error}"),
                });
                if matches!(error.kind(), csv::ErrorKind::Io(_)) {
                    break;
                }
            }
        }
    }
    Ok(ParsedCsv {
        encoding,
        delimiter,
        columns,
        rows,
        line_errors,
    })
}

/// Writes rows (values in [`Column::ALL`] order) with the export header,
/// `;`-separated, CRLF line ends, UTF-8.
pub fn write(rows: impl IntoIterator<Item = [String; 7]>) -> Vec<u8> {
    crate::csv_text::write_semicolon(&Column::ALL.map(Column::header), rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csv_text::normalise_header;

    #[test]
    fn reads_our_own_export_back() {
        let rows = vec![[
            "0180001A".to_owned(),
            "Collège \"Les Tilleuls\"; annexe".to_owned(),
            "Collège".to_owned(),
            "Bourges".to_owned(),
            "18000".to_owned(),
            "Orléans-Tours".to_owned(),
            "Ouvert".to_owned(),
        ]];
        let bytes = write(rows.clone());
        assert!(bytes.starts_with(b"uai;nom;type;commune;code_postal;academie;etat\r\n"));
        let parsed = parse(&bytes).unwrap();
        assert_eq!(parsed.encoding, Encoding::Utf8);
        assert_eq!(parsed.delimiter, b';');
        assert_eq!(parsed.columns, Column::ALL.to_vec());
        assert_eq!(parsed.rows.len(), 1);
        let row = &parsed.rows[0];
        assert_eq!(row.line, 2);
        for (column, expected) in Column::ALL.iter().zip(&rows[0]) {
            assert_eq!(row.get(*column), Some(expected.as_str()));
        }
    }

    #[test]
    fn formula_cells_go_out_neutralised_and_come_back_as_they_were() {
        let rows = vec![[
            "0180001A".to_owned(),
            "=HYPERLINK(\"http://evil\",\"x\")".to_owned(),
            "+cmd|' /C calc'!A0".to_owned(),
            "-2+3".to_owned(),
            "18000".to_owned(),
            "@SUM(A1)".to_owned(),
            "Ouvert".to_owned(),
        ]];
        let bytes = write(rows.clone());
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(text.contains("\"'=HYPERLINK("), "{text}");
        assert!(text.contains(";'-2+3;"), "{text}");
        assert!(text.contains(";'@SUM(A1);"), "{text}");
        let parsed = parse(&bytes).unwrap();
        for (column, expected) in Column::ALL.iter().zip(&rows[0]) {
            assert_eq!(parsed.rows[0].get(*column), Some(expected.as_str()));
        }
    }

    #[test]
    fn a_line_with_a_control_character_is_refused_with_its_number() {
        let parsed =
            parse(b"uai;nom\n0180001A;Bon\n0180002B;Mau\0vais\n0180003C;Bon aussi\n").unwrap();
        assert_eq!(parsed.rows.len(), 2);
        assert_eq!(parsed.line_errors.len(), 1);
        assert_eq!(parsed.line_errors[0].line, 3);
        assert!(parsed.line_errors[0].message.contains("« nom »"));
        assert!(parsed.line_errors[0].message.contains("U+0000"));
    }

    #[test]
    fn recognises_the_national_directory_in_windows_1252_with_commas() {
        let text = "Identifiant_de_l_etablissement,Nom_etablissement,Type_etablissement,Statut_public_prive,Code_postal,Nom_commune,Libelle_academie,etat\n\
                    0370001A,Lycée Descartes,Lycée,Public,37000,Tours,Orléans-Tours,OUVERT\n";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        let parsed = parse(&bytes).unwrap();
        assert_eq!(parsed.encoding, Encoding::Windows1252);
        assert_eq!(parsed.delimiter, b',');
        let row = &parsed.rows[0];
        assert_eq!(row.get(Column::Uai), Some("0370001A"));
        assert_eq!(row.get(Column::Name), Some("Lycée Descartes"));
        assert_eq!(row.get(Column::Kind), Some("Lycée"));
        assert_eq!(row.get(Column::Commune), Some("Tours"));
        assert_eq!(row.get(Column::Academy), Some("Orléans-Tours"));
        assert_eq!(row.get(Column::Status), Some("OUVERT"));
    }

    #[test]
    fn prefers_the_stronger_alias_whatever_the_column_order() {
        let text = "patronyme_uai;numero_uai;appellation_officielle\nTILLEULS;0180001A;Collège Les Tilleuls\n";
        let parsed = parse(text.as_bytes()).unwrap();
        assert_eq!(
            parsed.rows[0].get(Column::Name),
            Some("Collège Les Tilleuls")
        );
        assert!(!parsed.columns.contains(&Column::Kind));
        assert_eq!(parsed.rows[0].get(Column::Kind), None);
    }

    #[test]
    fn strips_the_bom_skips_blank_lines_and_numbers_lines_as_in_the_file() {
        let text = "\u{feff}UAI;Nom\r\n0180001A;A\r\n\r\n;;\r\n0180002B; B \r\n";
        let parsed = parse(text.as_bytes()).unwrap();
        let lines: Vec<_> = parsed
            .rows
            .iter()
            .map(|r| (r.line, r.get(Column::Name)))
            .collect();
        assert_eq!(lines, vec![(2, Some("A")), (5, Some("B"))]);
    }

    #[test]
    fn short_lines_leave_missing_values_empty() {
        let parsed = parse(b"uai;nom;commune\n0180001A\n").unwrap();
        assert_eq!(parsed.rows[0].get(Column::Name), None);
        assert_eq!(parsed.rows[0].get(Column::Commune), None);
    }

    #[test]
    fn refuses_files_without_the_required_columns() {
        assert_eq!(
            parse(b"nom;commune\nA;B\n").unwrap_err(),
            CsvError::MissingColumn("uai")
        );
        assert_eq!(
            parse(b"uai;commune\nA;B\n").unwrap_err(),
            CsvError::MissingColumn("nom")
        );
        assert_eq!(parse(b"  \n").unwrap_err(), CsvError::Empty);
        assert_eq!(
            parse(&vec![b'a'; MAX_BYTES + 1]).unwrap_err(),
            CsvError::TooLarge
        );
    }

    #[test]
    fn header_names_are_compared_without_case_accents_or_punctuation() {
        assert_eq!(normalise_header(" Académie "), "academie");
        assert_eq!(normalise_header("Code postal"), "code_postal");
        assert_eq!(
            normalise_header("Nom de l'établissement"),
            "nom_de_l_etablissement"
        );
    }
}
