use async_graphql::{Enum, SimpleObject};

/// What the import did, or would do, with one line.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
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
