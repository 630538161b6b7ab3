//! The CSV of PRONOTE identifiers per ENT account that Relais produces for
//! the ENT after the rapprochement (its `idPronote` attribute, docs/domain.md §2 mode
//! « avec l'identifiant PRONOTE »), documented in
//! `docs/formats/pronote-identifiers-csv.md`.

/// The header row.
pub const HEADER: [&str; 3] = ["identifiant_ent", "idPronote", "population"];

/// One line: an ENT account and the PRONOTE user it is linked to.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct IdentifierLine<'a> {
    pub ent_id: &'a str,
    pub pronote_id: &'a str,
    /// `PronoteCategory` API name (`ELEVE`…).
    pub population: &'a str,
}

/// Writes the lines sorted by ENT identifier then population, with the
/// header, `;`-separated, CRLF line ends, UTF-8.
pub fn write(mut lines: Vec<IdentifierLine<'_>>) -> Vec<u8> {
    lines.sort_by(|a, b| (a.ent_id, a.population).cmp(&(b.ent_id, b.population)));
    crate::csv_text::write_verbatim(
        &HEADER,
        lines.iter().map(|l| [l.ent_id, l.pronote_id, l.population]),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_sorted_and_quoted_where_needed() {
        let written = write(vec![
            IdentifierLine {
                ent_id: "T;001",
                pronote_id: "A1B2C3D4E5F6G7H8",
                population: "PROFESSEUR",
            },
            IdentifierLine {
                ent_id: "E001",
                pronote_id: "8P4BHZJQ79SUNFX3",
                population: "ELEVE",
            },
        ]);
        assert_eq!(
            String::from_utf8(written).unwrap(),
            "identifiant_ent;idPronote;population\r\n\
             E001;8P4BHZJQ79SUNFX3;ELEVE\r\n\
             \"T;001\";A1B2C3D4E5F6G7H8;PROFESSEUR\r\n"
        );
    }
}
