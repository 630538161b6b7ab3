use std::collections::{BTreeMap, HashSet};

use async_graphql::connection::Connection;
use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use chrono::Datelike;
use relais_domain::SchoolYear;
use relais_domain::delegation::{Severity, diagnose};
use relais_store::BaseFilter;

use crate::ApiError;
use crate::context::ContextExt;
use crate::objects::{PronoteBase, PublicationName, parse_id};
use crate::pagination::{connection, page_request};

/// List criteria, combined with AND.
#[derive(InputObject, Default)]
pub struct BaseFilterInput {
    pub publication: Option<PublicationName>,
    /// Bases still on a school year before this one (`2026-2027`): the
    /// rentrée is not done.
    pub school_year_before: Option<String>,
    /// Bases already on this school year (`2026-2027`) or a later one: the
    /// rentrée is done.
    pub school_year_from: Option<String>,
    /// Bases whose settings came from this model.
    pub model_id: Option<ID>,
    /// Bases with (true) or without (false) a model update waiting.
    pub pending_model_update: Option<bool>,
}

/// How many bases have a finding, per code (the tenant's dashboard).
#[derive(SimpleObject)]
pub(crate) struct FindingCount {
    pub code: String,
    pub severity_label: String,
    /// One example message.
    pub example: String,
    pub bases: i32,
}

/// Where the tenant's bases stand.
#[derive(SimpleObject)]
pub(crate) struct BasesSummary {
    pub bases: i32,
    pub published: i32,
    /// Bases with at least one error.
    pub with_errors: i32,
    /// Bases with warnings but no error.
    pub with_warnings: i32,
    /// Bases whose service in the ENT's CAS registry changed since the
    /// tenant's last export (`CAS_REGISTRY_OUTDATED`, also in `findings`);
    /// 0 before a first export, and for those who cannot export it.
    pub cas_registry_outdated: i32,
    pub findings: Vec<FindingCount>,
    /// Model sources whose last fetch failed (their catalog is unchanged).
    pub source_findings: Vec<crate::objects::FindingView>,
}

/// The rentrée: bases moved to a school year, or still to move.
#[derive(SimpleObject)]
pub(crate) struct RentreeSummary {
    pub school_year: String,
    pub done: i32,
    pub to_do: i32,
    /// Group UAIs of the bases still on an earlier year.
    pub pending_group_uais: Vec<String>,
}

#[derive(Default)]
pub struct BaseQuery;

#[Object]
impl BaseQuery {
    async fn base(&self, ctx: &Context<'_>, id: ID) -> Result<PronoteBase, ApiError> {
        let id = parse_id("id", &id)?;
        Ok(PronoteBase(ctx.scoped()?.bases().get(id).await?))
    }

    /// Bases the caller may see: the whole tenant for operators and
    /// helpdesk, their own for school administrators.
    #[graphql(complexity = "first.unwrap_or(50).clamp(1, 100) as usize * child_complexity")]
    async fn bases(
        &self,
        ctx: &Context<'_>,
        filter: Option<BaseFilterInput>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, PronoteBase>, ApiError> {
        let filter = filter.unwrap_or_default();
        let filter = BaseFilter {
            publication: filter.publication.map(Into::into),
            school_year_before: filter
                .school_year_before
                .as_deref()
                .map(|y| SchoolYear::parse("schoolYearBefore", y))
                .transpose()?,
            school_year_from: filter
                .school_year_from
                .as_deref()
                .map(|y| SchoolYear::parse("schoolYearFrom", y))
                .transpose()?,
            model: filter
                .model_id
                .as_ref()
                .map(|id| parse_id("modelId", id))
                .transpose()?,
            pending_model_update: filter.pending_model_update,
        };
        let had_cursor = after.is_some();
        let page = ctx
            .scoped()?
            .bases()
            .list(&filter, page_request(first, after)?)
            .await?;
        Ok(connection(page, had_cursor, |b| b.id.uuid(), PronoteBase))
    }

    /// Findings over all the caller's bases.
    #[graphql(complexity = "crate::cost::WHOLE_TENANT_READ + child_complexity")]
    async fn bases_summary(&self, ctx: &Context<'_>) -> Result<BasesSummary, ApiError> {
        ctx.expensive().await?;
        let repo = ctx.scoped()?.bases();
        let bases = repo.all().await?;
        let ids: Vec<_> = bases.iter().map(|b| b.id).collect();
        let members = repo.members(&ids).await?;
        // The registry's diagnostic, for those who act on it (as in
        // `PronoteBase.diagnostics`): two statements for every base.
        let scoped = ctx.scoped()?;
        let registry = if scoped.caller().role.sees_whole_tenant() {
            Some(relais_app::cas_registry_service::states_of(&scoped, &bases).await?)
        } else {
            None
        };
        let mut summary = BasesSummary {
            bases: bases.len() as i32,
            published: 0,
            with_errors: 0,
            with_warnings: 0,
            cas_registry_outdated: 0,
            findings: Vec::new(),
            source_findings: ctx
                .scoped()?
                .models()
                .sources()
                .await?
                .iter()
                .flat_map(crate::objects::source_findings)
                .map(Into::into)
                .collect(),
        };
        let mut counts: BTreeMap<&'static str, FindingCount> = BTreeMap::new();
        for base in bases {
            let base = PronoteBase(base);
            let serves = members.get(&base.0.id).map_or(&[][..], Vec::as_slice);
            let context = base.diagnostic_context(serves);
            if context.published {
                summary.published += 1;
            }
            let mut findings = diagnose(&base.0.settings, &context);
            if let Some(state) = registry
                .as_ref()
                .and_then(|states| states.get(&(base.0.tenant_id.uuid(), base.0.id.uuid())))
                && let Some(outdated) =
                    relais_app::cas_registry_service::outdated_finding(state, &base.0, serves)?
            {
                summary.cas_registry_outdated += 1;
                findings.push(outdated);
            }
            if findings.iter().any(|f| f.severity == Severity::Error) {
                summary.with_errors += 1;
            } else if findings.iter().any(|f| f.severity == Severity::Warning) {
                summary.with_warnings += 1;
            }
            let mut seen = HashSet::new();
            for finding in findings {
                let entry = counts.entry(finding.code).or_insert_with(|| FindingCount {
                    code: finding.code.to_owned(),
                    severity_label: finding.severity.label().to_owned(),
                    example: finding.message.clone(),
                    bases: 0,
                });
                if seen.insert(finding.code) {
                    entry.bases += 1;
                }
            }
        }
        summary.findings = counts.into_values().collect();
        summary.findings.sort_by_key(|f| std::cmp::Reverse(f.bases));
        Ok(summary)
    }

    /// Which bases have moved to `schoolYear` (default: the current one).
    #[graphql(complexity = "crate::cost::WHOLE_TENANT_READ + child_complexity")]
    async fn rentree(
        &self,
        ctx: &Context<'_>,
        school_year: Option<String>,
    ) -> Result<RentreeSummary, ApiError> {
        ctx.expensive().await?;
        let year = match school_year {
            Some(raw) => SchoolYear::parse("schoolYear", &raw)?,
            None => {
                let today = chrono::Utc::now().date_naive();
                SchoolYear::containing(today.year(), today.month())
            }
        };
        let bases = ctx.scoped()?.bases().all().await?;
        let (done, pending): (Vec<_>, Vec<_>) = bases
            .into_iter()
            .partition(|b| b.fields.school_year >= year);
        Ok(RentreeSummary {
            school_year: year.to_string(),
            done: done.len() as i32,
            to_do: pending.len() as i32,
            pending_group_uais: pending
                .into_iter()
                .map(|b| b.group_uai.as_str().to_owned())
                .collect(),
        })
    }
}
