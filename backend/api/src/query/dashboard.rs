//! The operator dashboard: establishments with their base, publication and
//! diagnostics and model status, in two SQL statements whatever the page
//! size: the page joined with the bases, their models and their diagnostics
//! summaries, and the closed establishments served by a base. A base's
//! settings are read and diagnosed only when its summary is missing or
//! stale (issue 20).

use async_graphql::{Context, Enum, Object, SimpleObject};
use chrono::{DateTime, Utc};
use relais_domain::cas_check::StepStatus;
use relais_domain::{EstablishmentKind, EstablishmentStatus, Hosting, Publication};
use relais_store::{DiagnosticsSummary, PageRequest, StoreError, summarize_diagnostics};

use super::establishment::EstablishmentFilterInput;
use crate::ApiError;
use crate::context::ContextExt;
use crate::objects::{CasCheckStatusName, HostingName, KindName, PublicationName};

/// At most this many rows per dashboard page.
const MAX_ROWS: u64 = 1000;

/// One establishment on the dashboard.
#[derive(SimpleObject)]
pub(crate) struct DashboardRow {
    pub establishment_id: String,
    pub uai: String,
    pub name: String,
    /// Empty when the stored kind is unknown to this version.
    pub kind: Option<KindName>,
    pub kind_label: &'static str,
    pub commune: Option<String>,
    /// The department the UAI encodes: `41` for `0410017W`, `2A` for
    /// `6200001G`, `971` for `9710001A`.
    pub department: String,
    pub academy: Option<String>,
    pub closed: bool,
    /// Empty when no base serves the establishment.
    pub base_id: Option<String>,
    pub group_uai: Option<String>,
    /// Empty without a base.
    pub hosting: Option<HostingName>,
    pub school_year: Option<String>,
    /// Empty without a base.
    pub publication: Option<PublicationName>,
    /// Findings of the base that need action (errors and warnings).
    pub diagnostics_count: i32,
    pub errors: i32,
    /// Of `diagnosticsCount`, the warnings (`diagnosticsCount - errors`).
    pub warnings: i32,
    /// When « Tester l'authentification » last ran on the base; empty when
    /// never run (or without a base).
    pub cas_checked_at: Option<DateTime<Utc>>,
    /// How that last check went.
    pub cas_outcome: Option<CasCheckStatusName>,
    /// The CAS configuration model the base applied.
    pub model: Option<String>,
    pub model_status: ModelStatusName,
}

/// Where a base stands with its model.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(name = "ModelStatus")]
pub(crate) enum ModelStatusName {
    /// No base, or settings entered without a model.
    NoModel,
    /// The settings came from the model; no update waits.
    Applied,
    /// The model changed: an update waits for a person.
    UpdatePending,
    /// The model was withdrawn from its list.
    Withdrawn,
}

/// A page of the dashboard.
#[derive(SimpleObject)]
pub(crate) struct DashboardPage {
    pub rows: Vec<DashboardRow>,
    /// Pass it as `after` for the next page.
    pub end_cursor: Option<String>,
    pub has_next_page: bool,
}

#[derive(Default)]
pub struct DashboardQuery;

#[Object]
impl DashboardQuery {
    /// Up to 1,000 establishments per page, by creation order.
    #[graphql(complexity = "crate::cost::dashboard(first, child_complexity)")]
    async fn dashboard(
        &self,
        ctx: &Context<'_>,
        filter: Option<EstablishmentFilterInput>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<DashboardPage, ApiError> {
        ctx.expensive().await?;
        let request = crate::pagination::page_request(first, after)?;
        let first = first.map(|n| n as u64);
        let page = PageRequest::up_to(request.after, first, MAX_ROWS);
        let scoped = ctx.scoped()?;
        let filter = filter.unwrap_or_default().into_filter();
        let establishments = scoped.establishments();
        let page = establishments.search_dashboard(&filter, page).await?;
        let closed = establishments.closed_by_base().await?;
        // Identifiers are formatted only when asked for: 2,000 UUIDs to
        // text per page otherwise (the console's dashboard does not show them).
        let wanted = ctx.look_ahead().field("rows");
        let want_establishment_id = wanted.field("establishmentId").exists();
        let want_base_id = wanted.field("baseId").exists();
        let want_department = wanted.field("department").exists();
        let end_cursor = page.items.last().map(|r| r.id.to_string());
        let has_next_page = page.has_next_page;
        let mut rows = Vec::with_capacity(page.items.len());
        for r in page.items {
            let (errors, diagnostics_count) = match r.base_id {
                None => (0, 0),
                Some(base_id) => {
                    let summary = match r.settings.as_deref() {
                        // The summary written with the base's last change.
                        None => DiagnosticsSummary {
                            errors: r.diagnostics_errors.ok_or_else(ApiError::internal)?,
                            warnings: r.diagnostics_warnings.ok_or_else(ApiError::internal)?,
                        },
                        // No summary yet (a base older than it): diagnose.
                        Some(settings) => summarize_diagnostics(
                            settings,
                            r.public_url.as_deref(),
                            r.publication.as_deref(),
                            r.ent_credentials_distributed.unwrap_or(false),
                        )
                        .map_err(|_| ApiError::internal())?,
                    };
                    // One warning per closed establishment the base serves
                    // (`ESTABLISHMENT_CLOSED`), left out of the summary.
                    let closed = closed.get(&base_id).map_or(0, Vec::len) as i32;
                    (summary.errors, summary.errors + summary.warnings + closed)
                }
            };
            // Read as the records are (docs/decisions.md, typed records): a
            // value no version wrote is a corruption, never a blank.
            let corrupt = |table, column, value: &str| {
                ApiError::from(StoreError::corrupt(table, column, r.id, value))
            };
            let kind = EstablishmentKind::parse("kind", &r.kind)
                .map_err(|_| corrupt("establishments", "kind", &r.kind))?;
            let status = EstablishmentStatus::parse("status", &r.status)
                .map_err(|_| corrupt("establishments", "status", &r.status))?;
            let hosting = r
                .hosting
                .as_deref()
                .map(|h| {
                    Hosting::parse("hosting", h).map_err(|_| corrupt("pronote_bases", "hosting", h))
                })
                .transpose()?;
            let publication = r
                .publication
                .as_deref()
                .map(|p| {
                    Publication::parse("publication", p)
                        .map_err(|_| corrupt("pronote_bases", "publication", p))
                })
                .transpose()?;
            let cas_outcome = r
                .cas_outcome
                .as_deref()
                .map(|o| {
                    StepStatus::of_outcome_name(o)
                        .ok_or_else(|| corrupt("cas_checks", "outcome", o))
                })
                .transpose()?;
            rows.push(DashboardRow {
                establishment_id: if want_establishment_id {
                    r.id.to_string()
                } else {
                    String::new()
                },
                kind: Some(kind.into()),
                kind_label: kind.label(),
                department: if want_department {
                    department_of(&r.uai)
                } else {
                    String::new()
                },
                commune: r.commune,
                hosting: hosting.map(Into::into),
                cas_checked_at: r.cas_checked_at,
                cas_outcome: cas_outcome.map(CasCheckStatusName::from),
                closed: status == EstablishmentStatus::Closed,
                uai: r.uai,
                name: r.name,
                academy: r.academy,
                publication: publication.map(Into::into),
                base_id: r.base_id.filter(|_| want_base_id).map(|id| id.to_string()),
                group_uai: r.group_uai,
                school_year: r.school_year,
                diagnostics_count,
                errors,
                warnings: diagnostics_count - errors,
                model_status: match (&r.model_name, r.model_withdrawn, r.pending_from) {
                    (None, _, _) => ModelStatusName::NoModel,
                    (Some(_), Some(true), _) => ModelStatusName::Withdrawn,
                    (Some(_), _, Some(_)) => ModelStatusName::UpdatePending,
                    (Some(_), _, None) => ModelStatusName::Applied,
                },
                model: r.model_name,
            });
        }
        Ok(DashboardPage {
            rows,
            end_cursor,
            has_next_page,
        })
    }
}

/// The department code of a UAI: its first three digits without the
/// metropolitan leading zero (`041` → `41`), Corsica's `620` and `720` as
/// `2A` and `2B`, overseas codes as they are (`971`).
fn department_of(uai: &str) -> String {
    let digits = uai.get(..3).unwrap_or(uai);
    match digits {
        "620" => "2A".to_owned(),
        "720" => "2B".to_owned(),
        _ => digits.strip_prefix('0').unwrap_or(digits).to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::department_of;

    #[test]
    fn the_department_comes_from_the_uai() {
        assert_eq!(department_of("0410017W"), "41");
        assert_eq!(department_of("0750001A"), "75");
        assert_eq!(department_of("6200001G"), "2A");
        assert_eq!(department_of("7200001B"), "2B");
        assert_eq!(department_of("9710001A"), "971");
        assert_eq!(department_of("04"), "4");
    }
}
