//! The ENT accounts import: the directory accounts of one or several
//! establishments, as CSV (docs/domain.md §4 file A, §5). Described for users in
//! `docs/formats/ent-accounts-csv.md`.
//!
//! The container is read leniently, like the establishments CSV (UTF-8 with
//! or without BOM, else Windows-1252; `;`, `,` or tab; columns recognised by
//! name in any order, extra columns ignored); every value goes through the
//! domain parsers. Every problem is collected with its line number, so one
//! pass shows the whole list of corrections to make.

use std::collections::HashMap;
use std::fmt;

use chrono::NaiveDate;
use relais_domain::directory::{
    Civility, EntAccount, EntProfile, Sex, parse_ent_id, parse_person_name,
};
use relais_domain::{DomainError, PostalCode, Uai};
use thiserror::Error;

pub use crate::csv_text::Encoding;
use crate::csv_text::{
    LineCounter, control_in_record, decode, map_headers, position_of, sniff_delimiter,
    unneutralise_cell,
};

/// Larger files are refused before anything is decoded (a lycée's 8,000
/// accounts take about 1 MB).
pub const MAX_BYTES: usize = 20 * 1024 * 1024;
/// Most data lines read.
pub const MAX_ROWS: usize = 100_000;
/// Most values in a `|`-separated list (`uai`, `eleves`).
pub const MAX_LIST_ITEMS: usize = 50;

/// The columns of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    EntId,
    LastName,
    FirstName,
    BirthDate,
    Profile,
    Uai,
    PostalCode,
    Sex,
    Civility,
    Pupils,
}

impl Column {
    pub const ALL: [Column; 10] = [
        Column::EntId,
        Column::LastName,
        Column::FirstName,
        Column::BirthDate,
        Column::Profile,
        Column::Uai,
        Column::PostalCode,
        Column::Sex,
        Column::Civility,
        Column::Pupils,
    ];

    /// Columns without which the file is refused: file A needs an
    /// identifier, a name, a first name and a population for every person.
    pub const REQUIRED: [Column; 4] = [
        Column::EntId,
        Column::LastName,
        Column::FirstName,
        Column::Profile,
    ];

    /// The name written in exports and in messages.
    pub fn header(self) -> &'static str {
        match self {
            Column::EntId => "id_ent",
            Column::LastName => "nom",
            Column::FirstName => "prenom",
            Column::BirthDate => "date_naissance",
            Column::Profile => "profil",
            Column::Uai => "uai",
            Column::PostalCode => "code_postal",
            Column::Sex => "sexe",
            Column::Civility => "civilite",
            Column::Pupils => "eleves",
        }
    }

    fn index(self) -> usize {
        self as usize
    }

    /// Header names recognised, after `csv_text::normalise_header`.
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Column::EntId => &["id_ent", "identifiant_ent", "ident"],
            Column::LastName => &["nom", "nom_de_famille"],
            Column::FirstName => &["prenom"],
            Column::BirthDate => &["date_naissance", "date_de_naissance", "naissance"],
            Column::Profile => &["profil"],
            Column::Uai => &["uai", "uais", "rne"],
            Column::PostalCode => &["code_postal", "cp"],
            Column::Sex => &["sexe"],
            Column::Civility => &["civilite"],
            Column::Pupils => &["eleves", "enfants"],
        }
    }
}

/// One account read, with its line (the header is line 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedAccount {
    pub line: usize,
    pub account: EntAccount,
}

/// A problem on one line. French: shown to whoever sent the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    pub line: usize,
    pub column: Option<Column>,
    pub message: String,
}

impl fmt::Display for LineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.column {
            Some(column) => write!(
                f,
                "ligne {}, colonne {} : {}",
                self.line,
                column.header(),
                self.message
            ),
            None => write!(f, "ligne {} : {}", self.line, self.message),
        }
    }
}

/// What was read. A line with any error is left out of `accounts`: callers
/// refuse the import while `errors` is not empty.
#[derive(Debug)]
pub struct ParsedAccounts {
    pub encoding: Encoding,
    pub delimiter: u8,
    /// The columns found in the header, in [`Column::ALL`] order.
    pub columns: Vec<Column>,
    pub accounts: Vec<ParsedAccount>,
    /// Sorted by line.
    pub errors: Vec<LineError>,
}

/// Errors that make the whole file unreadable.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum AccountsCsvError {
    #[error("le fichier est vide")]
    Empty,
    #[error("le fichier dépasse la taille maximale : {size} octets reçus, au plus {max} acceptés")]
    TooLarge { size: usize, max: usize },
    #[error("le fichier compte plus de {max} lignes de comptes : découpez-le par établissement")]
    TooManyRows { max: usize },
    #[error(
        "colonne obligatoire « {0} » introuvable dans l'en-tête (colonnes attendues : id_ent, \
         nom, prenom, profil, et au choix date_naissance, uai, code_postal, sexe, civilite, \
         eleves)"
    )]
    MissingColumn(&'static str),
    #[error("en-tête illisible : {0}")]
    Header(String),
}

/// Reads an ENT accounts file. See the module documentation.
/// Every column with its aliases, for [`map_headers`].
fn column_aliases() -> Vec<(usize, &'static [&'static str])> {
    Column::ALL
        .into_iter()
        .map(|c| (c.index(), c.aliases()))
        .collect()
}

pub fn parse(bytes: &[u8]) -> Result<ParsedAccounts, AccountsCsvError> {
    if bytes.len() > MAX_BYTES {
        return Err(AccountsCsvError::TooLarge {
            size: bytes.len(),
            max: MAX_BYTES,
        });
    }
    let (text, encoding) = decode(bytes);
    if text.trim().is_empty() {
        return Err(AccountsCsvError::Empty);
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
        .map_err(|e| AccountsCsvError::Header(e.to_string()))?
        .clone();
    let positions = map_headers::<10>(headers.iter(), &column_aliases());
    for required in Column::REQUIRED {
        if position_of(&positions, required.index()).is_none() {
            return Err(AccountsCsvError::MissingColumn(required.header()));
        }
    }
    let columns = Column::ALL
        .into_iter()
        .filter(|&c| position_of(&positions, c.index()).is_some())
        .collect();

    let mut rows: Vec<Row> = Vec::new();
    let mut errors = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut lines = LineCounter::new(&text);
    loop {
        let line = lines.at(reader.position().byte());
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                if record.iter().all(str::is_empty) {
                    continue;
                }
                if rows.len() >= MAX_ROWS {
                    return Err(AccountsCsvError::TooManyRows { max: MAX_ROWS });
                }
                let line = record.position().map_or(line, |p| lines.at(p.byte()));
                if let Some(message) = control_in_record(&headers, &record) {
                    errors.push(LineError {
                        line,
                        column: None,
                        message,
                    });
                    continue;
                }
                let value = |column: Column| {
                    position_of(&positions, column.index())
                        .and_then(|i| record.get(i))
                        .map(unneutralise_cell)
                        .filter(|v| !v.is_empty())
                };
                rows.push(read_row(line, value));
            }
            Err(error) => {
                let line = error.position().map_or(line, |p| lines.at(p.byte()));
                errors.push(LineError {
                    line,
                    column: None,
                    message: format!("ligne illisible : {error}"),
                });
                if matches!(error.kind(), csv::ErrorKind::Io(_)) {
                    break;
                }
            }
        }
    }

    check_links(&mut rows);
    let mut accounts = Vec::with_capacity(rows.len());
    for row in rows {
        errors.extend(row.errors);
        if let Some(account) = row.account.filter(|_| row.valid) {
            accounts.push(ParsedAccount {
                line: row.line,
                account,
            });
        }
    }
    errors.sort_by_key(|e| e.line);
    Ok(ParsedAccounts {
        encoding,
        delimiter,
        columns,
        accounts,
        errors,
    })
}

/// Writes accounts with the documented header, `;`-separated, CRLF line
/// ends, UTF-8, dates as AAAA-MM-JJ: `parse(write(a))` gives `a` back.
pub fn write(accounts: &[EntAccount]) -> Vec<u8> {
    let rows = accounts.iter().map(|a| {
        let uais: Vec<&str> = a.uais.iter().map(Uai::as_str).collect();
        [
            a.ent_id.clone(),
            a.last_name.clone(),
            a.first_name.clone(),
            a.birth_date
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            a.profile.as_str().to_owned(),
            uais.join("|"),
            a.postal_code.clone().unwrap_or_default(),
            a.sex.map_or("", Sex::as_str).to_owned(),
            a.civility.map_or("", Civility::label).to_owned(),
            a.pupil_ids.join("|"),
        ]
    });
    crate::csv_text::write_semicolon(&Column::ALL.map(Column::header), rows)
}

/// A line being read.
struct Row {
    line: usize,
    /// The identifier, when it could be read (used to find duplicates and
    /// guardians' pupils even when another value of the line is wrong).
    ent_id: Option<String>,
    profile: Option<EntProfile>,
    account: Option<EntAccount>,
    valid: bool,
    errors: Vec<LineError>,
}

impl Row {
    fn error(&mut self, column: Option<Column>, message: impl Into<String>) {
        self.valid = false;
        self.errors.push(LineError {
            line: self.line,
            column,
            message: message.into(),
        });
    }
}

fn read_row<'r>(line: usize, value: impl Fn(Column) -> Option<&'r str>) -> Row {
    let mut row = Row {
        line,
        ent_id: None,
        profile: None,
        account: None,
        valid: true,
        errors: Vec::new(),
    };
    let ent_id = check(
        &mut row,
        Column::EntId,
        parse_ent_id("id_ent", value(Column::EntId).unwrap_or("")),
    );
    let last_name = check(
        &mut row,
        Column::LastName,
        parse_person_name("nom", value(Column::LastName).unwrap_or(""), "Le nom"),
    );
    let first_name = check(
        &mut row,
        Column::FirstName,
        parse_person_name(
            "prenom",
            value(Column::FirstName).unwrap_or(""),
            "Le prénom",
        ),
    );
    let profile = match value(Column::Profile) {
        None => {
            row.error(
                Some(Column::Profile),
                "Le profil est obligatoire (ELEVE, RESPONSABLE, ENSEIGNANT, PERSONNEL, \
                 INSPECTEUR ou MAITRE_DE_STAGE).",
            );
            None
        }
        Some(raw) => check(&mut row, Column::Profile, EntProfile::parse("profil", raw)),
    };
    let birth_date = match value(Column::BirthDate) {
        None => None,
        Some(raw) => match parse_date(raw) {
            Some(date) => Some(date),
            None => {
                row.error(
                    Some(Column::BirthDate),
                    format!(
                        "Date de naissance « {} » illisible : écrivez JJ/MM/AAAA ou AAAA-MM-JJ.",
                        shown(raw)
                    ),
                );
                None
            }
        },
    };
    if profile == Some(EntProfile::Eleve)
        && birth_date.is_none()
        && value(Column::BirthDate).is_none()
    {
        row.error(
            Some(Column::BirthDate),
            "La date de naissance d'un élève est obligatoire : PRONOTE s'en sert pour le \
             rapprochement.",
        );
    }
    let mut uais = Vec::new();
    for raw in list(value(Column::Uai)) {
        if let Some(uai) = check(
            &mut row,
            Column::Uai,
            Uai::parse_acknowledging_checksum("uai", raw),
        ) && !uais.contains(&uai)
        {
            uais.push(uai);
        }
    }
    if uais.len() > MAX_LIST_ITEMS {
        row.error(
            Some(Column::Uai),
            format!("Plus de {MAX_LIST_ITEMS} établissements pour un même compte."),
        );
    }
    let postal_code = value(Column::PostalCode).and_then(|raw| {
        check(
            &mut row,
            Column::PostalCode,
            PostalCode::parse("code_postal", raw),
        )
        .map(|code| code.as_str().to_owned())
    });
    let sex =
        value(Column::Sex).and_then(|raw| check(&mut row, Column::Sex, Sex::parse("sexe", raw)));
    let civility = value(Column::Civility)
        .and_then(|raw| check(&mut row, Column::Civility, Civility::parse("civilite", raw)));
    let mut pupil_ids = Vec::new();
    for raw in list(value(Column::Pupils)) {
        if let Some(id) = check(&mut row, Column::Pupils, parse_ent_id("eleves", raw))
            && !pupil_ids.contains(&id)
        {
            pupil_ids.push(id);
        }
    }
    if pupil_ids.len() > MAX_LIST_ITEMS {
        row.error(
            Some(Column::Pupils),
            format!("Plus de {MAX_LIST_ITEMS} élèves pour un même responsable."),
        );
    }
    if !pupil_ids.is_empty() && profile.is_some_and(|p| p != EntProfile::Responsable) {
        row.error(
            Some(Column::Pupils),
            "Seul un compte de profil RESPONSABLE peut avoir des élèves : videz la colonne \
             eleves ou corrigez le profil.",
        );
    }
    row.ent_id.clone_from(&ent_id);
    row.profile = profile;
    if let (Some(ent_id), Some(last_name), Some(first_name), Some(profile)) =
        (ent_id, last_name, first_name, profile)
    {
        row.account = Some(EntAccount {
            ent_id,
            last_name,
            first_name,
            birth_date,
            profile,
            uais,
            postal_code,
            sex,
            civility,
            pupil_ids,
        });
    }
    row
}

/// The value, or `None` after recording the domain's message on the row.
fn check<T>(row: &mut Row, column: Column, result: Result<T, DomainError>) -> Option<T> {
    match result {
        Ok(value) => Some(value),
        Err(error) => {
            row.error(Some(column), error.to_string());
            None
        }
    }
}

/// Identifiers unique in the file; a guardian's pupils present in the file
/// with the pupil profile.
fn check_links(rows: &mut [Row]) {
    let mut first: HashMap<String, (usize, Option<EntProfile>)> = HashMap::new();
    let mut duplicates = Vec::new();
    for (index, row) in rows.iter().enumerate() {
        if let Some(id) = &row.ent_id {
            match first.get(id) {
                Some((line, _)) => duplicates.push((index, id.clone(), *line)),
                None => {
                    first.insert(id.clone(), (row.line, row.profile));
                }
            }
        }
    }
    for (index, id, line) in duplicates {
        if let Some(row) = rows.get_mut(index) {
            row.error(
                Some(Column::EntId),
                format!(
                    "L'identifiant « {} » figure déjà ligne {line} : chaque compte doit \
                     avoir un identifiant unique.",
                    shown(&id)
                ),
            );
        }
    }
    for row in rows.iter_mut() {
        let pupils = row
            .account
            .as_ref()
            .map(|a| a.pupil_ids.clone())
            .unwrap_or_default();
        for pupil in pupils {
            match first.get(&pupil) {
                None => row.error(
                    Some(Column::Pupils),
                    format!(
                        "L'élève « {} » ne figure pas dans le fichier : ajoutez son compte ou \
                         retirez-le de la liste.",
                        shown(&pupil)
                    ),
                ),
                Some((line, Some(profile))) if *profile != EntProfile::Eleve => row.error(
                    Some(Column::Pupils),
                    format!(
                        "Le compte « {} » (ligne {line}) n'a pas le profil ELEVE.",
                        shown(&pupil)
                    ),
                ),
                Some(_) => {}
            }
        }
    }
}

/// JJ/MM/AAAA or AAAA-MM-JJ, years 1900 to 2100.
fn parse_date(raw: &str) -> Option<NaiveDate> {
    let raw = raw.trim();
    let date = NaiveDate::parse_from_str(raw, "%d/%m/%Y")
        .or_else(|_| NaiveDate::parse_from_str(raw, "%Y-%m-%d"))
        .ok()?;
    (1900..=2100)
        .contains(&chrono::Datelike::year(&date))
        .then_some(date)
}

/// The non-empty items of a `|`-separated list.
fn list(raw: Option<&str>) -> impl Iterator<Item = &str> {
    raw.unwrap_or("")
        .split('|')
        .map(str::trim)
        .filter(|v| !v.is_empty())
}

/// A value quoted in a message: no control character, at most 60 characters.
fn shown(raw: &str) -> String {
    raw.chars().filter(|c| !c.is_control()).take(60).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = "\u{feff}id_ent;nom;prenom;date_naissance;profil;uai;code_postal;sexe;civilite;eleves\r\n\
        e-001;MARTIN;Léa;14/03/2010;ELEVE;0410017W;41000;F;;\r\n\
        e-002;MARTIN;Paul;;Responsable;0410017W;41000;;M.;e-001|e-003\r\n\
        e-003;MARTIN;Hugo;2012-09-01;élève;0410017W|0410018X;;M;;\r\n\
        p-100;DURAND;Anne;;ENSEIGNANT;0410017W;;;;\r\n";

    fn uai(raw: &str) -> Uai {
        Uai::parse_acknowledging_checksum("uai", raw).unwrap()
    }

    fn messages(parsed: &ParsedAccounts) -> Vec<String> {
        parsed.errors.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn every_value_is_read_into_the_account() {
        let parsed = parse(EXAMPLE.as_bytes()).unwrap();
        assert_eq!(messages(&parsed), Vec::<String>::new());
        assert_eq!(parsed.columns, Column::ALL.to_vec());
        assert_eq!(parsed.accounts.len(), 4);
        let lea = &parsed.accounts[0];
        assert_eq!(lea.line, 2);
        assert_eq!(lea.account.first_name, "Léa");
        assert_eq!(lea.account.birth_date, NaiveDate::from_ymd_opt(2010, 3, 14));
        assert_eq!(lea.account.sex, Some(Sex::Female));
        assert_eq!(lea.account.postal_code.as_deref(), Some("41000"));
        let paul = &parsed.accounts[1].account;
        assert_eq!(paul.profile, EntProfile::Responsable);
        assert_eq!(paul.civility, Some(Civility::Monsieur));
        assert_eq!(paul.pupil_ids, vec!["e-001", "e-003"]);
        let hugo = &parsed.accounts[2].account;
        assert_eq!(hugo.uais, vec![uai("0410017W"), uai("0410018X")]);
        assert_eq!(hugo.birth_date, NaiveDate::from_ymd_opt(2012, 9, 1));
        assert_eq!(parsed.accounts[3].account.profile, EntProfile::Enseignant);
        assert_eq!(parsed.accounts[3].account.birth_date, None);
    }

    #[test]
    fn the_example_of_the_documentation_is_read_without_error() {
        let doc = include_str!("../../../docs/formats/ent-accounts-csv.md");
        let start = doc.find("```csv\n").unwrap() + 7;
        let end = start + doc[start..].find("```").unwrap();
        let parsed = parse(&doc.as_bytes()[start..end]).unwrap();
        assert_eq!(messages(&parsed), Vec::<String>::new());
        assert_eq!(parsed.accounts.len(), 4);
        assert_eq!(parsed.accounts[1].account.pupil_ids, vec!["e-001", "e-003"]);
    }

    #[test]
    fn write_then_parse_gives_the_accounts_back() {
        let parsed = parse(EXAMPLE.as_bytes()).unwrap();
        let accounts: Vec<EntAccount> = parsed.accounts.into_iter().map(|a| a.account).collect();
        let bytes = write(&accounts);
        assert!(bytes.starts_with(
            b"id_ent;nom;prenom;date_naissance;profil;uai;code_postal;sexe;civilite;eleves\r\n"
        ));
        let again = parse(&bytes).unwrap();
        assert!(again.errors.is_empty(), "{:?}", again.errors);
        let back: Vec<EntAccount> = again.accounts.into_iter().map(|a| a.account).collect();
        assert_eq!(back, accounts);
    }

    #[test]
    fn windows_1252_and_free_column_order_are_accepted() {
        let text = "Profil;Prénom;NOM;ID_ENT;Date de naissance\nÉlève;Zoé;LEFÈVRE;x1;01/02/2011\n";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        let parsed = parse(&bytes).unwrap();
        assert_eq!(parsed.encoding, Encoding::Windows1252);
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        let zoe = &parsed.accounts[0].account;
        assert_eq!(
            (
                zoe.ent_id.as_str(),
                zoe.last_name.as_str(),
                zoe.first_name.as_str()
            ),
            ("x1", "LEFÈVRE", "Zoé")
        );
        assert!(zoe.uais.is_empty());
    }

    #[test]
    fn every_bad_line_is_reported_with_its_line_and_column() {
        let text = "id_ent;nom;prenom;date_naissance;profil;uai;code_postal;sexe;civilite;eleves\n\
            e1;A;B;;ELEVE;;;;;\n\
            e2;A;B;31/02/2010;ELEVE;;;;;\n\
            e3;;B;01/01/2010;ELEVE;;;X;;\n\
            e4;A;B;;CHAT;0410017;4100;;Dr;\n\
            e5;A;B;01/01/2010;ELEVE;;;;;\n\
            e5;A;B;01/01/2010;ELEVE;;;;;\n\
            r1;A;B;;RESPONSABLE;;;;;e5|absent|r2\n\
            r2;A;B;;ENSEIGNANT;;;;;e5\n\
            ;A;B;;PERSONNEL;;;;;\n";
        let parsed = parse(text.as_bytes()).unwrap();
        let messages = messages(&parsed);
        let expected_starts = [
            "ligne 2, colonne date_naissance : La date de naissance d'un élève est obligatoire",
            "ligne 3, colonne date_naissance : Date de naissance « 31/02/2010 » illisible",
            "ligne 4, colonne nom : Le nom est obligatoire.",
            "ligne 4, colonne sexe : Sexe « X » inconnu",
            "ligne 5, colonne profil : Profil « CHAT » inconnu",
            "ligne 5, colonne uai : « 0410017 » n'est pas un code UAI",
            "ligne 5, colonne code_postal : Le code postal doit compter 5 chiffres",
            "ligne 5, colonne civilite : Civilité « Dr » inconnue",
            "ligne 7, colonne id_ent : L'identifiant « e5 » figure déjà ligne 6",
            "ligne 8, colonne eleves : L'élève « absent » ne figure pas dans le fichier",
            "ligne 8, colonne eleves : Le compte « r2 » (ligne 9) n'a pas le profil ELEVE.",
            "ligne 9, colonne eleves : Seul un compte de profil RESPONSABLE",
            "ligne 10, colonne id_ent : L'identifiant ENT est obligatoire.",
        ];
        assert_eq!(messages.len(), expected_starts.len(), "{messages:#?}");
        for (message, start) in messages.iter().zip(expected_starts) {
            assert!(message.starts_with(start), "{message} / {start}");
        }
        let kept: Vec<&str> = parsed
            .accounts
            .iter()
            .map(|a| a.account.ent_id.as_str())
            .collect();
        assert_eq!(kept, vec!["e5"]);
    }

    #[test]
    fn unreadable_files_are_refused_whole() {
        assert_eq!(parse(b" \r\n").unwrap_err(), AccountsCsvError::Empty);
        assert_eq!(
            parse(b"id_ent;nom;prenom\nx;A;B\n").unwrap_err(),
            AccountsCsvError::MissingColumn("profil")
        );
        assert_eq!(
            parse(b"nom;prenom;profil\nA;B;ELEVE\n").unwrap_err(),
            AccountsCsvError::MissingColumn("id_ent")
        );
        assert!(matches!(
            parse(&vec![b'a'; MAX_BYTES + 1]).unwrap_err(),
            AccountsCsvError::TooLarge { .. }
        ));
        let mut big = String::from("id_ent;nom;prenom;profil\n");
        for i in 0..=MAX_ROWS {
            big.push_str(&format!("p{i};A;B;PERSONNEL\n"));
        }
        assert_eq!(
            parse(big.as_bytes()).unwrap_err(),
            AccountsCsvError::TooManyRows { max: MAX_ROWS }
        );
        let message = AccountsCsvError::MissingColumn("profil").to_string();
        assert!(message.starts_with("colonne obligatoire « profil » introuvable"));
    }

    #[test]
    fn commas_blank_lines_and_crlf_keep_the_file_line_numbers() {
        let text = "id_ent,nom,prenom,profil\r\n\r\nx,A,B,PERSONNEL\r\n,,,\r\ny,C,D,INSPECTEUR\r\n";
        let parsed = parse(text.as_bytes()).unwrap();
        assert_eq!(parsed.delimiter, b',');
        let lines: Vec<usize> = parsed.accounts.iter().map(|a| a.line).collect();
        assert_eq!(lines, vec![3, 5]);
    }
}
