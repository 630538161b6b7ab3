//! The helpdesk's queue (issue 17): tickets filtered by status, category,
//! academy, establishment, age and agent, oldest first, with the counts per
//! status; the filter the ticket lists share.

use async_graphql::{Context, Enum, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, Duration, Utc};
use relais_domain::Uai;
use relais_domain::helpdesk::{TicketStatus, single_line};
use relais_store::{AssigneeFilter, Caller, QueueRow, TicketFilter};

use crate::ApiError;
use crate::context::ContextExt;
use crate::objects::{TicketCategoryName, TicketStatusName, parse_id};
use crate::pagination::page_request;
use crate::query::ticket::CountBy;

/// How long ago a ticket was opened: the helpdesk dashboard's groups.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
pub(crate) enum TicketAgeName {
    /// Opened less than a day ago.
    LessThanOneDay,
    /// Opened one to seven days ago.
    OneToSevenDays,
    /// Opened more than seven days ago.
    MoreThanSevenDays,
}

impl TicketAgeName {
    /// The `[since, before)` opening times of the group, seen at `now`.
    fn window(self, now: DateTime<Utc>) -> (Option<DateTime<Utc>>, Option<DateTime<Utc>>) {
        let day = now - Duration::days(1);
        let week = now - Duration::days(7);
        match self {
            Self::LessThanOneDay => (Some(day), None),
            Self::OneToSevenDays => (Some(week), Some(day)),
            Self::MoreThanSevenDays => (None, Some(week)),
        }
    }
}

#[derive(InputObject, Default)]
pub struct TicketFilterInput {
    pub status: Option<TicketStatusName>,
    pub category: Option<TicketCategoryName>,
    pub establishment_id: Option<ID>,
    /// Only tickets neither resolved nor closed.
    #[graphql(default)]
    pub open_only: bool,
    /// Only tickets of the establishment of this UAI.
    pub uai: Option<String>,
    /// Only tickets of the establishments of this academy (its name as the
    /// establishments give it, e.g. « Orléans-Tours »).
    pub academy: Option<String>,
    /// Only tickets opened that long ago.
    pub age: Option<TicketAgeName>,
    /// Only the tickets given to the caller (« mes tickets »).
    #[graphql(default)]
    pub mine: bool,
    /// Only the tickets given to this agent.
    pub assignee_id: Option<ID>,
    /// Only the tickets given to nobody yet.
    #[graphql(default)]
    pub unassigned: bool,
}

impl TicketFilterInput {
    /// The store's filter, every value checked; `mine` reads the caller.
    pub(crate) fn into_store(self, caller: &Caller) -> Result<TicketFilter, ApiError> {
        let assignee = match (self.mine, self.assignee_id, self.unassigned) {
            (false, None, false) => None,
            (true, None, false) => {
                Some(AssigneeFilter::Agent(caller.user_id.ok_or_else(|| {
                    ApiError::validation("mine", "« Mes tickets » demande un compte nominatif.")
                })?))
            }
            (false, Some(id), false) => Some(AssigneeFilter::Agent(parse_id("assigneeId", &id)?)),
            (false, None, true) => Some(AssigneeFilter::Nobody),
            _ => {
                return Err(ApiError::validation(
                    "assigneeId",
                    "Choisissez un seul critère d'attribution : mes tickets, un agent ou les tickets non attribués.",
                ));
            }
        };
        let uai = self
            .uai
            .map(|u| Uai::parse_acknowledging_checksum("uai", &u).map(|u| u.as_str().to_owned()))
            .transpose()?;
        let academy = self
            .academy
            .map(|a| single_line("academy", &a, 100, "Le nom de l'académie"))
            .transpose()?;
        let (opened_since, opened_before) = self
            .age
            .map(|age| age.window(Utc::now()))
            .unwrap_or_default();
        Ok(TicketFilter {
            status: self.status.map(Into::into),
            category: self.category.map(Into::into),
            establishment_id: self
                .establishment_id
                .map(|id| parse_id("establishmentId", &id))
                .transpose()?,
            open_only: self.open_only,
            uai,
            academy,
            opened_since,
            opened_before,
            assignee,
        })
    }
}

/// One row of the queue: the ticket and what the queue shows of its
/// establishment and agent.
#[derive(SimpleObject)]
pub(crate) struct TicketQueueRow {
    pub id: ID,
    pub title: String,
    pub category: TicketCategoryName,
    pub status: TicketStatusName,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub first_answer_at: Option<DateTime<Utc>>,
    pub establishment_id: ID,
    pub uai: String,
    pub establishment_name: String,
    pub academy: Option<String>,
    pub assignee_id: Option<ID>,
    /// The agent's display name.
    pub assignee_name: Option<String>,
}

impl From<QueueRow> for TicketQueueRow {
    fn from(row: QueueRow) -> Self {
        let t = row.ticket;
        Self {
            id: ID(t.id.to_string()),
            title: t.title,
            category: t.category.into(),
            status: t.status.into(),
            created_at: t.created_at,
            updated_at: t.updated_at,
            first_answer_at: t.first_answer_at,
            establishment_id: ID(t.establishment_id.to_string()),
            uai: row.uai,
            establishment_name: row.establishment_name,
            academy: row.academy,
            assignee_id: t.assignee_id.map(|id| ID(id.to_string())),
            assignee_name: row.assignee_name,
        }
    }
}

/// A page of the queue.
#[derive(SimpleObject)]
pub(crate) struct TicketQueue {
    /// Oldest first: the longest waiting on top.
    pub rows: Vec<TicketQueueRow>,
    pub has_next_page: bool,
    /// Pass it as `after` for the next page.
    pub end_cursor: Option<String>,
    /// Tickets per status matching the filter's other criteria (its
    /// `status` and `openOnly` left out), every status listed in the
    /// workflow's order.
    pub by_status: Vec<CountBy>,
}

#[derive(Default)]
pub struct TicketQueueQuery;

#[Object]
impl TicketQueueQuery {
    /// The helpdesk's queue: four SQL statements at most, whatever the page.
    #[graphql(complexity = "crate::cost::page(first, 50, 100, child_complexity)")]
    async fn ticket_queue(
        &self,
        ctx: &Context<'_>,
        filter: Option<TicketFilterInput>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<TicketQueue, ApiError> {
        let filter = filter.unwrap_or_default().into_store(ctx.caller()?)?;
        let queue = ctx
            .scoped()?
            .tickets()
            .queue(&filter, page_request(first, after)?)
            .await?;
        let end_cursor = queue.page.items.last().map(|r| r.ticket.id.to_string());
        let rows = queue
            .page
            .items
            .into_iter()
            .map(TicketQueueRow::from)
            .collect();
        let by_status = TicketStatus::ALL
            .iter()
            .map(|status| CountBy {
                key: status.as_str().to_owned(),
                label: status.label().to_owned(),
                tickets: queue
                    .by_status
                    .iter()
                    .find(|(s, _)| s == status)
                    .map_or(0, |(_, n)| i32::try_from(*n).unwrap_or(i32::MAX)),
            })
            .collect();
        Ok(TicketQueue {
            rows,
            has_next_page: queue.page.has_next_page,
            end_cursor,
            by_status,
        })
    }
}
