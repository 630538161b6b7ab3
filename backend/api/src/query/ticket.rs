use std::collections::HashMap;

use async_graphql::connection::Connection;
use async_graphql::{Context, ID, Object, SimpleObject};
use chrono::Utc;

use crate::ApiError;
use crate::context::ContextExt;
use crate::objects::{KnownAnswerView, Ticket, TicketCategoryName, parse_id};
use crate::pagination::{connection, page_request};
use crate::query::ticket_queue::TicketFilterInput;
use relais_app::ticket_service::{answers_for, snapshot};

/// A count under a label.
#[derive(SimpleObject)]
pub(crate) struct CountBy {
    pub key: String,
    pub label: String,
    pub tickets: i32,
}

/// The helpdesk dashboard (issue 6): open tickets by age, category,
/// academy, establishment; establishments with the most tickets; time to
/// first answer.
#[derive(SimpleObject)]
pub(crate) struct HelpdeskDashboard {
    pub open_tickets: i32,
    /// `LESS_THAN_1_DAY`, `1_TO_7_DAYS`, `MORE_THAN_7_DAYS`.
    pub open_by_age: Vec<CountBy>,
    pub open_by_category: Vec<CountBy>,
    pub open_by_academy: Vec<CountBy>,
    /// Keyed by UAI, most first.
    pub open_by_establishment: Vec<CountBy>,
    /// All tickets, most first (ten at most).
    pub establishments_with_most_tickets: Vec<CountBy>,
    /// Tickets answered by the helpdesk, and the median and mean delay of
    /// their first answer, in seconds.
    pub answered_tickets: i32,
    pub median_first_answer_seconds: Option<f64>,
    pub mean_first_answer_seconds: Option<f64>,
}

#[derive(Default)]
pub struct TicketQuery;

fn sorted(counts: HashMap<String, (String, i32)>, limit: usize) -> Vec<CountBy> {
    let mut rows: Vec<CountBy> = counts
        .into_iter()
        .map(|(key, (label, tickets))| CountBy {
            key,
            label,
            tickets,
        })
        .collect();
    rows.sort_by(|a, b| b.tickets.cmp(&a.tickets).then(a.key.cmp(&b.key)));
    rows.truncate(limit);
    rows
}

#[Object]
impl TicketQuery {
    /// Tickets the caller sees, newest first.
    #[graphql(complexity = "crate::cost::page(first, 50, 100, child_complexity)")]
    async fn tickets(
        &self,
        ctx: &Context<'_>,
        filter: Option<TicketFilterInput>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, Ticket>, ApiError> {
        let filter = filter.unwrap_or_default().into_store(ctx.caller()?)?;
        let had_cursor = after.is_some();
        let page = ctx
            .scoped()?
            .tickets()
            .list(&filter, page_request(first, after)?)
            .await?;
        Ok(connection(page, had_cursor, |t| t.id, Ticket))
    }

    async fn ticket(&self, ctx: &Context<'_>, id: ID) -> Result<Ticket, ApiError> {
        Ok(Ticket(
            ctx.scoped()?.tickets().get(parse_id("id", &id)?).await?,
        ))
    }

    /// Known answers offered before a ticket is sent: for the category and
    /// the current diagnostics of the establishment's base.
    async fn known_answers(
        &self,
        ctx: &Context<'_>,
        category: TicketCategoryName,
        establishment_id: ID,
    ) -> Result<Vec<KnownAnswerView>, ApiError> {
        let scoped = ctx.scoped()?;
        let establishment = scoped
            .establishments()
            .get(parse_id("establishmentId", &establishment_id)?)
            .await?;
        let (_, _, diagnostics) = snapshot(scoped, &establishment).await?;
        Ok(answers_for(category.into(), &diagnostics)
            .into_iter()
            .map(Into::into)
            .collect())
    }

    /// Helpdesk side: the state of the tickets the caller sees.
    #[graphql(complexity = "crate::cost::WHOLE_TENANT_READ + child_complexity")]
    async fn helpdesk_dashboard(&self, ctx: &Context<'_>) -> Result<HelpdeskDashboard, ApiError> {
        ctx.expensive().await?;
        let scoped = ctx.scoped()?;
        let tickets = scoped.tickets().all().await?;
        let establishments: HashMap<relais_domain::EstablishmentId, _> = scoped
            .establishments()
            .all_by_uai()
            .await?
            .into_iter()
            .map(|e| (e.id, e))
            .collect();
        let now = Utc::now();
        let mut by_age = HashMap::new();
        let mut by_category = HashMap::new();
        let mut by_academy = HashMap::new();
        let mut by_establishment = HashMap::new();
        let mut all_by_establishment = HashMap::new();
        let mut delays: Vec<f64> = Vec::new();
        let mut open = 0;
        for ticket in &tickets {
            let establishment = establishments.get(&relais_domain::EstablishmentId::from(
                ticket.establishment_id,
            ));
            let (uai, name, academy) = establishment
                .map(|e| {
                    (
                        e.uai.to_string(),
                        e.fields.name.to_string(),
                        e.fields.academy.as_ref().map(ToString::to_string),
                    )
                })
                .unwrap_or_default();
            all_by_establishment
                .entry(uai.clone())
                .or_insert((name.clone(), 0))
                .1 += 1;
            if let Some(answered) = ticket.first_answer_at {
                delays.push((answered - ticket.created_at).num_milliseconds() as f64 / 1000.0);
            }
            if !ticket.status.is_open() {
                continue;
            }
            open += 1;
            let days = (now - ticket.created_at).num_hours() as f64 / 24.0;
            let (key, label) = if days < 1.0 {
                ("LESS_THAN_1_DAY", "Moins d'un jour")
            } else if days <= 7.0 {
                ("1_TO_7_DAYS", "De 1 à 7 jours")
            } else {
                ("MORE_THAN_7_DAYS", "Plus de 7 jours")
            };
            by_age
                .entry(key.to_owned())
                .or_insert((label.to_owned(), 0))
                .1 += 1;
            let category = ticket.category;
            by_category
                .entry(category.as_str().to_owned())
                .or_insert((category.label().to_owned(), 0))
                .1 += 1;
            let academy = academy.unwrap_or_else(|| "Non renseignée".into());
            by_academy.entry(academy.clone()).or_insert((academy, 0)).1 += 1;
            by_establishment.entry(uai).or_insert((name, 0)).1 += 1;
        }
        delays.sort_by(f64::total_cmp);
        let median = median_of_sorted(&delays);
        let mean = (!delays.is_empty()).then(|| delays.iter().sum::<f64>() / delays.len() as f64);
        Ok(HelpdeskDashboard {
            open_tickets: open,
            open_by_age: sorted(by_age, usize::MAX),
            open_by_category: sorted(by_category, usize::MAX),
            open_by_academy: sorted(by_academy, usize::MAX),
            open_by_establishment: sorted(by_establishment, 50),
            establishments_with_most_tickets: sorted(all_by_establishment, 10),
            answered_tickets: delays.len() as i32,
            median_first_answer_seconds: median,
            mean_first_answer_seconds: mean,
        })
    }
}

/// The median of sorted values (the mean of the two middle ones for an
/// even count); `None` for no value.
fn median_of_sorted(sorted: &[f64]) -> Option<f64> {
    let mid = sorted.len() / 2;
    let upper = *sorted.get(mid)?;
    if sorted.len().is_multiple_of(2) {
        let lower = *sorted.get(mid.checked_sub(1)?)?;
        Some((lower + upper) / 2.0)
    } else {
        Some(upper)
    }
}
