//! Establishment import: CSV bytes → checked rows → dry run or commit, with a
//! report line by line.

use std::collections::{HashMap, HashSet};

use relais_domain::{
    Academy, Commune, DomainError, EstablishmentKind, EstablishmentName, EstablishmentStatus,
    PostalCode, Uai,
};
use relais_formats::establishments_csv::{self, Column, Encoding, RawRow};
use relais_store::{EstablishmentFields, ImportOutcome, NewEstablishment, Scoped};
use uuid::Uuid;

use crate::AppError;

/// What the import did, or would do, with one line.
#[derive(Copy, Clone, Eq, PartialEq, Debug)]
pub enum ImportLineOutcome {
    Created,
    Updated,
    Unchanged,
    Rejected,
}

/// One line of the file and its outcome.
#[derive(Debug, Clone)]
pub struct ImportLine {
    /// Line number in the file (the header is line 1).
    pub line: i32,
    /// The UAI as written in the file.
    pub uai: Option<String>,
    pub outcome: ImportLineOutcome,
    /// Why the line was rejected, in French.
    pub reason: Option<String>,
}

/// The report of an establishment import, line by line.
#[derive(Debug, Clone)]
pub struct ImportReport {
    /// Whether the changes were written (false for a dry run).
    pub committed: bool,
    /// `UTF-8` or `Windows-1252`.
    pub encoding: String,
    /// The column separator found: `;`, `,` or a tab.
    pub delimiter: String,
    pub created: i32,
    pub updated: i32,
    pub unchanged: i32,
    pub rejected: i32,
    pub lines: Vec<ImportLine>,
}

/// What the person asked for.
pub struct ImportRequest {
    pub tenant: Option<Uuid>,
    pub content: Vec<u8>,
    pub commit: bool,
    /// Write the good lines even when some are rejected.
    pub accept_rejected_lines: bool,
    /// UAIs whose wrong check letter an operator confirmed.
    pub acknowledged: HashSet<String>,
}

/// Checks the values of one field set; shared by the import and the
/// create/update mutations.
pub fn establishment_fields(
    name: &str,
    kind: EstablishmentKind,
    commune: Option<&str>,
    postal_code: Option<&str>,
    academy: Option<&str>,
    status: EstablishmentStatus,
) -> Result<EstablishmentFields, DomainError> {
    fn present(v: Option<&str>) -> Option<&str> {
        v.map(str::trim).filter(|v| !v.is_empty())
    }
    Ok(EstablishmentFields {
        name: EstablishmentName::parse("name", name)?,
        kind,
        commune: present(commune)
            .map(|v| Commune::parse("commune", v))
            .transpose()?,
        postal_code: present(postal_code)
            .map(|v| PostalCode::parse("postalCode", v))
            .transpose()?,
        academy: present(academy)
            .map(|v| Academy::parse("academy", v))
            .transpose()?,
        status,
    })
}

fn row_to_new(row: &RawRow, acknowledged: &HashSet<String>) -> Result<NewEstablishment, String> {
    let raw_uai = row.get(Column::Uai).ok_or("code UAI manquant")?;
    let uai = if acknowledged.contains(&raw_uai.trim().to_uppercase()) {
        Uai::parse_acknowledging_checksum("uai", raw_uai)
    } else {
        Uai::parse("uai", raw_uai)
    }
    .map_err(|e| e.to_string())?;
    let kind = row
        .get(Column::Kind)
        .map(EstablishmentKind::from_directory_label)
        .unwrap_or(EstablishmentKind::Other);
    let status = match row.get(Column::Status) {
        None => EstablishmentStatus::Open,
        Some(raw) => EstablishmentStatus::from_directory_label(raw)
            .ok_or_else(|| format!("état « {raw} » inconnu : indiquez « Ouvert » ou « Fermé »"))?,
    };
    let fields = establishment_fields(
        row.get(Column::Name)
            .ok_or("nom de l'établissement manquant")?,
        kind,
        row.get(Column::Commune),
        row.get(Column::PostalCode),
        row.get(Column::Academy),
        status,
    )
    .map_err(|e| e.to_string())?;
    Ok(NewEstablishment { uai, fields })
}

/// Parses, checks and imports. Nothing is written on a dry run, nor when
/// lines are rejected and the person did not accept importing the others.
pub async fn import_establishments(
    scoped: Scoped<'_>,
    request: ImportRequest,
) -> Result<ImportReport, AppError> {
    let parsed = establishments_csv::parse(&request.content)
        .map_err(|e| AppError::validation("content", e.to_string()))?;
    let mut lines: Vec<ImportLine> = parsed
        .line_errors
        .iter()
        .map(|e| rejected(e.line, None, e.message.clone()))
        .collect();
    let mut accepted = Vec::new();
    let mut accepted_lines = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for row in &parsed.rows {
        let raw_uai = row.get(Column::Uai).map(str::to_owned);
        match row_to_new(row, &request.acknowledged) {
            Err(reason) => lines.push(rejected(row.line, raw_uai, reason)),
            Ok(new) => match seen.get(new.uai.as_str()) {
                Some(first) => lines.push(rejected(
                    row.line,
                    raw_uai,
                    format!("UAI déjà présent ligne {first} du fichier"),
                )),
                None => {
                    seen.insert(new.uai.as_str().to_owned(), row.line);
                    accepted_lines.push((row.line, raw_uai));
                    accepted.push(new);
                }
            },
        }
    }
    let rejected_count = lines.len();
    if request.commit && rejected_count > 0 && !request.accept_rejected_lines {
        lines.sort_by_key(|l| l.line);
        let first = lines
            .first()
            .map(|l| {
                format!(
                    " (ligne {} : {})",
                    l.line,
                    l.reason.as_deref().unwrap_or("")
                )
            })
            .unwrap_or_default();
        return Err(AppError::validation(
            "acceptRejectedLines",
            format!(
                "Le fichier contient {rejected_count} ligne(s) refusée(s){first}. Corrigez-les, ou confirmez l'import des seules lignes valides."
            ),
        ));
    }
    let outcomes = scoped
        .establishments()
        .import(request.tenant, &accepted, request.commit)
        .await?;
    let (mut created, mut updated, mut unchanged) = (0, 0, 0);
    for ((line, uai), outcome) in accepted_lines.into_iter().zip(outcomes) {
        let outcome = match outcome {
            ImportOutcome::Created => {
                created += 1;
                ImportLineOutcome::Created
            }
            ImportOutcome::Updated => {
                updated += 1;
                ImportLineOutcome::Updated
            }
            ImportOutcome::Unchanged => {
                unchanged += 1;
                ImportLineOutcome::Unchanged
            }
        };
        lines.push(ImportLine {
            line: line as i32,
            uai,
            outcome,
            reason: None,
        });
    }
    lines.sort_by_key(|l| l.line);
    Ok(ImportReport {
        committed: request.commit,
        encoding: match parsed.encoding {
            Encoding::Utf8 => "UTF-8",
            Encoding::Windows1252 => "Windows-1252",
        }
        .to_owned(),
        delimiter: match parsed.delimiter {
            b'\t' => "tabulation".to_owned(),
            other => char::from(other).to_string(),
        },
        created,
        updated,
        unchanged,
        rejected: rejected_count as i32,
        lines,
    })
}

fn rejected(line: usize, uai: Option<String>, reason: String) -> ImportLine {
    ImportLine {
        line: line as i32,
        uai,
        outcome: ImportLineOutcome::Rejected,
        reason: Some(reason),
    }
}
