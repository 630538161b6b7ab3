//! What each field costs in the complexity limit (`graphql.max_complexity`,
//! issue 13). A point is roughly one row read or written: a list costs its
//! page size times what each item asks for; a field that reads or writes a
//! whole tenant (a summary, an export, an import, a matching run, a remote
//! check) costs a fixed share of the budget, so that a request holds only a
//! few of them however many aliases it uses. Those fields also take an
//! expensive-request permit (`crate::admission`).
//!
//! With the default budget of 2,000: two exports, four whole-tenant
//! summaries, one dashboard page of 1,000 rows, or twenty logins per
//! request.

/// Reads every base, ticket or model of the tenant and computes on them
/// (`basesSummary`, `rentree`, `modelUsage`, `driftedBases`,
/// `helpdeskDashboard`, `mailFindings`).
pub const WHOLE_TENANT_READ: usize = 400;

/// Writes a whole file out of the tenant's rows (`establishmentsCsv`,
/// `modelsFeed`, `casRegistry`, `recordCasRegistryExport`).
pub const EXPORT: usize = 800;

/// Reads one population of a base, thousands of accounts
/// (`matchingRows`, `unmatchedEntAccounts`, `matchingSupervision`).
pub const POPULATION_READ: usize = 300;

/// Reads and writes a file of thousands of lines (`importEstablishments`,
/// `importEntAccounts`, `importModels`, `uploadIdentifiersExport`).
pub const IMPORT: usize = 800;

/// Builds and seals an exchanged file (`generateAccountMatchingFile`,
/// `generatePronoteIdentifiersFile`).
pub const FILE_BUILD: usize = 500;

/// Runs the matching engine over a base (`startMatching`).
pub const ENGINE_RUN: usize = 800;

/// Calls a remote server and waits for it (`refreshModelFeed`,
/// `testCasSettings`, `validateModel`).
pub const REMOTE_CALL: usize = 500;

/// Hashes a password (`login`): argon2 is deliberately slow.
pub const PASSWORD_HASH: usize = 100;

/// The cost of a list of `first` items (default `default`, at most `max`),
/// each asking for `child` points.
pub fn page(first: Option<i32>, default: i32, max: i32, child: usize) -> usize {
    let rows = first.unwrap_or(default).clamp(1, max.max(1));
    usize::try_from(rows)
        .unwrap_or(1)
        .saturating_mul(child.max(1))
}

/// The dashboard's rows are flat and come from five statements whatever
/// their fields: it costs its rows, plus its fields once.
pub fn dashboard(first: Option<i32>, child: usize) -> usize {
    let rows = first.unwrap_or(50).clamp(1, 1000);
    usize::try_from(rows).unwrap_or(1).saturating_add(child)
}
