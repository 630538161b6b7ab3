//! The operator dashboard: establishments with their base, publication and
//! diagnostics, in a constant number of SQL statements whatever the page
//! size (five: the page, the base memberships, the bases, their members).

use async_graphql::{Context, Object, SimpleObject};
use relais_domain::delegation::{Severity, diagnose};
use relais_domain::{EstablishmentKind, EstablishmentStatus, Publication};
use relais_store::{PageRequest, settings_of};

use super::establishment::EstablishmentFilterInput;
use crate::ApiError;
use crate::context::ContextExt;
use crate::objects::{PublicationName, diagnostic_context};

/// At most this many rows per dashboard page.
const MAX_ROWS: u64 = 1000;

/// One establishment on the dashboard.
#[derive(SimpleObject)]
pub(crate) struct DashboardRow {
    pub establishment_id: String,
    pub uai: String,
    pub name: String,
    pub kind_label: &'static str,
    pub academy: Option<String>,
    pub closed: bool,
    /// Empty when no base serves the establishment.
    pub base_id: Option<String>,
    pub group_uai: Option<String>,
    pub school_year: Option<String>,
    /// Empty without a base.
    pub publication: Option<PublicationName>,
    /// Findings of the base that need action (errors and warnings).
    pub diagnostics_count: i32,
    pub errors: i32,
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
    async fn dashboard(
        &self,
        ctx: &Context<'_>,
        filter: Option<EstablishmentFilterInput>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<DashboardPage, ApiError> {
        let request = crate::pagination::page_request(first, after)?;
        let first = first.map(|n| n as u64);
        let page = PageRequest::up_to(request.after, first, MAX_ROWS);
        let scoped = ctx.scoped()?;
        let filter = filter.unwrap_or_default().into_filter();
        let establishments = scoped.establishments().search(&filter, page).await?;
        let ids: Vec<_> = establishments.items.iter().map(|e| e.id).collect();
        let bases = scoped.bases().for_establishments(&ids).await?;
        let mut base_ids: Vec<_> = bases.values().map(|b| b.id).collect();
        base_ids.sort_unstable();
        base_ids.dedup();
        let members = scoped.bases().members(&base_ids).await?;
        let mut findings = std::collections::HashMap::new();
        for base in bases.values() {
            if findings.contains_key(&base.id) {
                continue;
            }
            let context =
                diagnostic_context(base, members.get(&base.id).map_or(&[], Vec::as_slice));
            let found = diagnose(&settings_of(base)?, &context);
            let errors = found
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .count();
            let warnings = found
                .iter()
                .filter(|f| f.severity == Severity::Warning)
                .count();
            findings.insert(base.id, (errors as i32, (errors + warnings) as i32));
        }
        let end_cursor = establishments.items.last().map(|e| e.id.to_string());
        let rows = establishments
            .items
            .into_iter()
            .map(|e| {
                let base = bases.get(&e.id);
                let (errors, diagnostics_count) = base
                    .and_then(|b| findings.get(&b.id).copied())
                    .unwrap_or((0, 0));
                DashboardRow {
                    establishment_id: e.id.to_string(),
                    kind_label: EstablishmentKind::parse("kind", &e.kind)
                        .map_or("", EstablishmentKind::label),
                    closed: e.status == EstablishmentStatus::Closed.as_str(),
                    uai: e.uai,
                    name: e.name,
                    academy: e.academy,
                    base_id: base.map(|b| b.id.to_string()),
                    group_uai: base.map(|b| b.group_uai.clone()),
                    school_year: base.map(|b| b.school_year.clone()),
                    publication: base
                        .and_then(|b| Publication::parse("publication", &b.publication).ok())
                        .map(Into::into),
                    diagnostics_count,
                    errors,
                }
            })
            .collect();
        Ok(DashboardPage {
            rows,
            end_cursor,
            has_next_page: establishments.has_next_page,
        })
    }
}
