//! The helpdesk's queue: a page of tickets, oldest first, with what a row
//! shows of its establishment and agent, and the counts per status; a
//! ticket's e-mails. A constant number of statements whatever the rows.

use std::collections::HashMap;

use sea_orm::sea_query::ExprTrait;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use relais_domain::helpdesk::TicketStatus;

use super::{Ticket, TicketFilter, TicketRepo, record};
use crate::entities::{establishment, outbox_message, ticket, user};
use crate::outbox::OutboxMessage;
use crate::page::{Order, fetch_page};
use crate::{Page, PageRequest, Result, StoreError};

/// One row of the queue.
#[derive(Debug, Clone)]
pub struct QueueRow {
    pub ticket: Ticket,
    pub uai: String,
    pub establishment_name: String,
    pub academy: Option<String>,
    /// The display name of the agent the ticket is given to.
    pub assignee_name: Option<String>,
}

/// A page of the queue and the counts per status of every ticket matching
/// the filter's other criteria.
#[derive(Debug, Clone)]
pub struct Queue {
    pub page: Page<QueueRow>,
    /// `(status, tickets)`, statuses without tickets left out.
    pub by_status: Vec<(TicketStatus, i64)>,
}

impl TicketRepo<'_> {
    /// The tickets matching `filter`, oldest first (the longest waiting on
    /// top): four statements at most, whatever the page's size.
    #[tracing::instrument(skip_all, err(level = "info"))]
    pub async fn queue(&self, filter: &TicketFilter, page: PageRequest) -> Result<Queue> {
        let counted: Vec<(String, i64)> = filter
            .apply_but_status(self.visible()?)
            .select_only()
            .column(ticket::Column::Status)
            .column_as(ticket::Column::Id.count(), "tickets")
            .group_by(ticket::Column::Status)
            .order_by_asc(ticket::Column::Status)
            .into_tuple()
            .all(self.db)
            .await?;
        let by_status = counted
            .into_iter()
            .map(|(stored, tickets)| {
                TicketStatus::parse("status", &stored)
                    .map(|status| (status, tickets))
                    // A count has no row of its own: the value names it.
                    .map_err(|_| StoreError::corrupt("tickets", "status", "(comptage)", &stored))
            })
            .collect::<Result<Vec<_>>>()?;
        let tickets = fetch_page(
            self.db,
            filter.apply(self.visible()?),
            ticket::Column::Id,
            Order::OldestFirst,
            page,
        )
        .await?;
        let establishment_ids: Vec<Uuid> =
            tickets.items.iter().map(|t| t.establishment_id).collect();
        let establishments: HashMap<Uuid, establishment::Model> = if establishment_ids.is_empty() {
            HashMap::new()
        } else {
            establishment::Entity::find()
                .filter(establishment::Column::Id.is_in(establishment_ids))
                .all(self.db)
                .await?
                .into_iter()
                .map(|e| (e.id, e))
                .collect()
        };
        let agent_ids: Vec<Uuid> = tickets.items.iter().filter_map(|t| t.assignee_id).collect();
        let agents: HashMap<Uuid, String> = if agent_ids.is_empty() {
            HashMap::new()
        } else {
            user::Entity::find()
                .filter(user::Column::Id.is_in(agent_ids))
                .all(self.db)
                .await?
                .into_iter()
                .map(|u| (u.id, u.display_name))
                .collect()
        };
        let mut rows = Vec::with_capacity(tickets.items.len());
        for ticket in record::tickets(tickets.items)? {
            // A visible ticket's establishment is of the same tenant; its
            // absence is a broken row, not something to hide.
            let establishment = establishments
                .get(&ticket.establishment_id)
                .ok_or_else(|| {
                    StoreError::corrupt(
                        "tickets",
                        "establishment_id",
                        ticket.id,
                        &ticket.establishment_id.to_string(),
                    )
                })?;
            rows.push(QueueRow {
                uai: establishment.uai.clone(),
                establishment_name: establishment.name.clone(),
                academy: establishment.academy.clone(),
                assignee_name: ticket.assignee_id.and_then(|id| agents.get(&id).cloned()),
                ticket,
            });
        }
        Ok(Queue {
            page: Page {
                items: rows,
                has_next_page: tickets.has_next_page,
            },
            by_status,
        })
    }

    /// The e-mails of a ticket's thread, oldest first: helpdesk side only
    /// (what the helpdesk was sent is none of the school's business).
    #[tracing::instrument(skip_all, err(level = "info"), fields(ticket = %ticket_id))]
    pub async fn emails(&self, ticket_id: Uuid) -> Result<Vec<OutboxMessage>> {
        let ticket = self.get(ticket_id).await?;
        if !self.is_helpdesk_side() {
            return Err(StoreError::Forbidden);
        }
        // Every message of the thread is its root `<ticket-<id>@…>` or
        // answers it (`ticket_mail`).
        let root = format!("<ticket-{}@%", ticket.id.simple());
        crate::outbox::record::messages(
            outbox_message::Entity::find()
                .filter(outbox_message::Column::TenantId.eq(ticket.tenant_id))
                .filter(
                    outbox_message::Column::MessageId
                        .like(root.as_str())
                        .or(outbox_message::Column::InReplyTo.like(root.as_str())),
                )
                .order_by_asc(outbox_message::Column::CreatedAt)
                .order_by_asc(outbox_message::Column::Id)
                .all(self.db)
                .await?,
        )
    }
}
