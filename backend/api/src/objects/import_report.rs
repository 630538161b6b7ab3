//! The establishment import's report as the schema shows it
//! (`relais_app::import` builds it).

use async_graphql::{Enum, SimpleObject};
use relais_app::import as use_case;

/// What the import did, or would do, with one line.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "relais_app::import::ImportLineOutcome")]
pub(crate) enum ImportLineOutcome {
    Created,
    Updated,
    Unchanged,
    Rejected,
}

/// One line of the file.
#[derive(SimpleObject, Debug, Clone)]
pub(crate) struct ImportLine {
    /// Line number in the file (the header is line 1).
    pub line: i32,
    /// The UAI as written in the file.
    pub uai: Option<String>,
    pub outcome: ImportLineOutcome,
    /// Why the line was rejected, in French.
    pub reason: Option<String>,
}

/// The report of an establishment import, line by line.
#[derive(SimpleObject, Debug, Clone)]
pub(crate) struct ImportReport {
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

impl From<use_case::ImportReport> for ImportReport {
    fn from(report: use_case::ImportReport) -> Self {
        Self {
            committed: report.committed,
            encoding: report.encoding,
            delimiter: report.delimiter,
            created: report.created,
            updated: report.updated,
            unchanged: report.unchanged,
            rejected: report.rejected,
            lines: report
                .lines
                .into_iter()
                .map(|line| ImportLine {
                    line: line.line,
                    uai: line.uai,
                    outcome: line.outcome.into(),
                    reason: line.reason,
                })
                .collect(),
        }
    }
}
