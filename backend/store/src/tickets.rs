//! Helpdesk tickets (docs/domain.md §7), as the caller may see and work them.
//!
//! School administrators open tickets and comment on those of their
//! establishments; helpdesk agents and operator administrators see the
//! tenant's and work them. Every change writes its e-mails into the outbox
//! in the same transaction: a ticket never exists without its messages.

use crate::write_transaction::BeginWrite;
use chrono::{DateTime, Utc};
use relais_domain::Role;
use relais_domain::events::DomainEvent;
use relais_domain::helpdesk::{TicketCategory, TicketEventKind, TicketStatus};
use sea_orm::sea_query::Query;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
    Unchanged,
};
use uuid::Uuid;

use crate::caller::TenantFilter;
use crate::entities::{establishment, school_admin_grant, ticket, ticket_event};
use crate::event_log::EventLog;
use crate::outbox::{NewOutboxMessage, enqueue};
use crate::page::{Order, fetch_page};
use crate::{AuditAction, AuditEntry, Caller, Page, PageRequest, Result, StoreError};

mod event_record;
mod queue;
mod record;
pub use event_record::TicketEvent;
pub use queue::{Queue, QueueRow};
pub use record::Ticket;

/// A ticket to open; every value already checked.
#[derive(Debug, Clone)]
pub struct NewTicket {
    pub tenant_id: Uuid,
    pub establishment_id: Uuid,
    pub base_id: Option<Uuid>,
    pub category: TicketCategory,
    pub title: String,
    pub description: String,
    pub contact_email: String,
    pub contact_phone: Option<String>,
    pub settings_snapshot: Option<String>,
    pub diagnostics_snapshot: String,
}

/// Criteria of a ticket list.
#[derive(Debug, Clone, Default)]
pub struct TicketFilter {
    pub status: Option<TicketStatus>,
    pub category: Option<TicketCategory>,
    pub establishment_id: Option<Uuid>,
    /// Only tickets not resolved nor closed.
    pub open_only: bool,
    /// Only tickets of the establishment of this UAI (already parsed).
    pub uai: Option<String>,
    /// Only tickets of establishments of this academy.
    pub academy: Option<String>,
    /// Only tickets opened at or after this time.
    pub opened_since: Option<DateTime<Utc>>,
    /// Only tickets opened before this time.
    pub opened_before: Option<DateTime<Utc>>,
    pub assignee: Option<AssigneeFilter>,
}

/// Whose tickets a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssigneeFilter {
    /// Given to this agent.
    Agent(Uuid),
    /// Given to nobody yet.
    Nobody,
}

impl TicketFilter {
    /// Narrows `query` to the tickets matching every criterion but the
    /// status ones (the queue counts per status over the rest).
    fn apply_but_status(
        &self,
        mut query: sea_orm::Select<ticket::Entity>,
    ) -> sea_orm::Select<ticket::Entity> {
        if let Some(category) = &self.category {
            query = query.filter(ticket::Column::Category.eq(category.as_str()));
        }
        if let Some(establishment) = self.establishment_id {
            query = query.filter(ticket::Column::EstablishmentId.eq(establishment));
        }
        for (column, value) in [
            (establishment::Column::Uai, &self.uai),
            (establishment::Column::Academy, &self.academy),
        ] {
            if let Some(value) = value {
                query = query.filter(
                    ticket::Column::EstablishmentId.in_subquery(
                        Query::select()
                            .column(establishment::Column::Id)
                            .from(establishment::Entity)
                            .and_where(column.eq(value.as_str()))
                            .to_owned(),
                    ),
                );
            }
        }
        if let Some(since) = self.opened_since {
            query = query.filter(ticket::Column::CreatedAt.gte(since));
        }
        if let Some(before) = self.opened_before {
            query = query.filter(ticket::Column::CreatedAt.lt(before));
        }
        match self.assignee {
            Some(AssigneeFilter::Agent(agent)) => {
                query = query.filter(ticket::Column::AssigneeId.eq(agent));
            }
            Some(AssigneeFilter::Nobody) => {
                query = query.filter(ticket::Column::AssigneeId.is_null());
            }
            None => {}
        }
        query
    }

    /// Narrows `query` to the tickets matching every criterion.
    fn apply(&self, query: sea_orm::Select<ticket::Entity>) -> sea_orm::Select<ticket::Entity> {
        let mut query = self.apply_but_status(query);
        if let Some(status) = &self.status {
            query = query.filter(ticket::Column::Status.eq(status.as_str()));
        }
        if self.open_only {
            query = query.filter(ticket::Column::Status.is_not_in([
                TicketStatus::Resolved.as_str(),
                TicketStatus::Closed.as_str(),
            ]));
        }
        query
    }
}

/// What a change to a ticket sends, built from the ticket once changed.
pub type Messages<'f> = Box<dyn FnOnce(&Ticket) -> Vec<NewOutboxMessage> + Send + 'f>;

pub struct TicketRepo<'a> {
    db: &'a DatabaseConnection,
    caller: &'a Caller,
    events: &'a EventLog,
}

impl<'a> TicketRepo<'a> {
    pub(crate) fn new(
        db: &'a DatabaseConnection,
        caller: &'a Caller,
        events: &'a EventLog,
    ) -> Self {
        Self { db, caller, events }
    }

    fn visible(&self) -> Result<sea_orm::Select<ticket::Entity>> {
        let mut query = ticket::Entity::find();
        match self.caller.tenant_filter() {
            TenantFilter::All => {}
            TenantFilter::Only(id) => query = query.filter(ticket::Column::TenantId.eq(id)),
            TenantFilter::Nothing => return Err(StoreError::NotFound),
        }
        if self.caller.role == Role::SchoolAdmin {
            let user = self.caller.user_id.ok_or(StoreError::NotFound)?;
            query = query.filter(
                ticket::Column::EstablishmentId.in_subquery(
                    Query::select()
                        .column(school_admin_grant::Column::EstablishmentId)
                        .from(school_admin_grant::Entity)
                        .and_where(school_admin_grant::Column::UserId.eq(user))
                        .to_owned(),
                ),
            );
        }
        Ok(query)
    }

    /// Whether the caller works tickets (helpdesk side) rather than asks.
    fn is_helpdesk_side(&self) -> bool {
        matches!(
            self.caller.role,
            Role::Helpdesk | Role::OperatorAdmin | Role::PlatformAdmin
        )
    }

    pub async fn get(&self, id: Uuid) -> Result<Ticket> {
        self.visible()?
            .filter(ticket::Column::Id.eq(id))
            .one(self.db)
            .await?
            .ok_or(StoreError::NotFound)?
            .try_into()
    }

    /// Newest first.
    pub async fn list(&self, filter: &TicketFilter, page: PageRequest) -> Result<Page<Ticket>> {
        let query = filter.apply(self.visible()?);
        fetch_page(self.db, query, ticket::Column::Id, Order::NewestFirst, page)
            .await?
            .try_map(Ticket::try_from)
    }

    /// Every visible ticket (the helpdesk dashboard aggregates them).
    pub async fn all(&self) -> Result<Vec<Ticket>> {
        record::tickets(self.visible()?.all(self.db).await?)
    }

    /// The timeline, oldest first.
    pub async fn events(&self, ticket_id: Uuid) -> Result<Vec<TicketEvent>> {
        self.get(ticket_id).await?;
        event_record::ticket_events(
            ticket_event::Entity::find()
                .filter(ticket_event::Column::TicketId.eq(ticket_id))
                .order_by_asc(ticket_event::Column::CreatedAt)
                .order_by_asc(ticket_event::Column::Id)
                .all(self.db)
                .await?,
        )
    }

    /// Opens a ticket and queues its e-mails, in one transaction. The caller
    /// has checked that it sees the establishment.
    #[tracing::instrument(skip_all, err(level = "info"))]
    pub async fn open(&self, new: NewTicket, messages: Messages<'_>) -> Result<Ticket> {
        if !self.caller.tenant_filter().admits(Some(new.tenant_id)) {
            return Err(StoreError::NotFound);
        }
        let now = Utc::now();
        let transaction = self.db.begin_write().await?;
        let row = ticket::ActiveModel {
            id: Set(Uuid::now_v7()),
            tenant_id: Set(new.tenant_id),
            establishment_id: Set(new.establishment_id),
            base_id: Set(new.base_id),
            category: Set(new.category.as_str().to_owned()),
            title: Set(new.title),
            description: Set(new.description),
            contact_email: Set(new.contact_email),
            contact_phone: Set(new.contact_phone),
            status: Set(TicketStatus::Open.as_str().to_owned()),
            assignee_id: Set(None),
            requester_id: Set(self.caller.user_id),
            settings_snapshot: Set(new.settings_snapshot),
            diagnostics_snapshot: Set(new.diagnostics_snapshot),
            created_at: Set(now),
            updated_at: Set(now),
            first_answer_at: Set(None),
        }
        .insert(&transaction)
        .await?;
        let row = Ticket::try_from(row)?;
        for message in messages(&row) {
            enqueue(&transaction, message).await?;
        }
        AuditEntry::by(self.caller, AuditAction::TicketOpened, "ticket")
            .tenant(Some(row.tenant_id))
            .target(row.id)
            .summary(row.category.as_str())
            .write(&transaction)
            .await?;
        let created = DomainEvent::TicketCreated {
            tenant_id: row.tenant_id,
            ticket_id: row.id,
            establishment_id: row.establishment_id,
        };
        self.commit_with(transaction, &created).await?;
        Ok(row)
    }

    /// Adds a comment to the timeline and queues its e-mail.
    #[tracing::instrument(skip_all, err(level = "info"), fields(ticket = %id))]
    pub async fn comment(&self, id: Uuid, body: String, messages: Messages<'_>) -> Result<Ticket> {
        let current = self.get(id).await?;
        if current.status == TicketStatus::Closed {
            return Err(relais_domain::DomainError::validation(
                "ticketId",
                "Cette demande est fermée : ouvrez-en une nouvelle.",
            )
            .into());
        }
        let transaction = self.db.begin_write().await?;
        self.event(
            &transaction,
            id,
            TicketEventKind::Comment,
            Some(body),
            None,
            None,
        )
        .await?;
        let row = self.touch(&transaction, current, None).await?;
        for message in messages(&row) {
            enqueue(&transaction, message).await?;
        }
        AuditEntry::by(self.caller, AuditAction::TicketCommented, "ticket")
            .tenant(Some(row.tenant_id))
            .target(row.id)
            .write(&transaction)
            .await?;
        let commented = DomainEvent::TicketCommented {
            tenant_id: row.tenant_id,
            ticket_id: row.id,
            establishment_id: row.establishment_id,
        };
        self.commit_with(transaction, &commented).await?;
        Ok(row)
    }

    /// Moves the ticket to `status` (helpdesk side only) and queues the
    /// e-mail telling the requester.
    #[tracing::instrument(skip_all, err(level = "info"), fields(ticket = %id))]
    pub async fn change_status(
        &self,
        id: Uuid,
        status: TicketStatus,
        messages: Messages<'_>,
    ) -> Result<Ticket> {
        if !self.is_helpdesk_side() {
            return Err(StoreError::Forbidden);
        }
        let current = self.get(id).await?;
        let from = current.status;
        if !from.may_become(status) {
            return Err(relais_domain::DomainError::validation(
                "status",
                format!(
                    "Une demande « {} » ne peut pas passer à « {} ».",
                    from.label(),
                    status.label()
                ),
            )
            .into());
        }
        let transaction = self.db.begin_write().await?;
        self.event(
            &transaction,
            id,
            TicketEventKind::Status,
            None,
            Some(from),
            Some(status),
        )
        .await?;
        let row = self.touch(&transaction, current, Some(status)).await?;
        for message in messages(&row) {
            enqueue(&transaction, message).await?;
        }
        AuditEntry::by(self.caller, AuditAction::TicketStatusChanged, "ticket")
            .tenant(Some(row.tenant_id))
            .target(row.id)
            .summary(format!("{} → {}", from.as_str(), status.as_str()))
            .write(&transaction)
            .await?;
        self.commit_with(transaction, &changed(&row)).await?;
        Ok(row)
    }

    /// Assigns the ticket to a member of the tenant's helpdesk side.
    pub async fn assign(&self, id: Uuid, assignee: Uuid) -> Result<Ticket> {
        if !self.is_helpdesk_side() {
            return Err(StoreError::Forbidden);
        }
        let current = self.get(id).await?;
        let user = crate::entities::user::Entity::find_by_id(assignee)
            .one(self.db)
            .await?
            .filter(|u| u.tenant_id == Some(current.tenant_id))
            .ok_or(StoreError::NotFound)
            .and_then(crate::User::try_from)?;
        if !matches!(user.role, Role::Helpdesk | Role::OperatorAdmin) {
            return Err(relais_domain::DomainError::validation(
                "assigneeId",
                "Une demande s'attribue à un agent d'assistance ou à un administrateur de l'opérateur.",
            )
            .into());
        }
        let transaction = self.db.begin_write().await?;
        self.event(
            &transaction,
            id,
            TicketEventKind::Assigned,
            Some(user.email.to_string()),
            None,
            None,
        )
        .await?;
        let row = Ticket::try_from(
            ticket::ActiveModel {
                id: Unchanged(current.id),
                assignee_id: Set(Some(assignee)),
                updated_at: Set(Utc::now()),
                ..Default::default()
            }
            .update(&transaction)
            .await?,
        )?;
        self.commit_with(transaction, &changed(&row)).await?;
        Ok(row)
    }

    /// Records `event` in `transaction`, commits, and hands it to this
    /// process's subscribers.
    async fn commit_with(
        &self,
        transaction: sea_orm::DatabaseTransaction,
        event: &DomainEvent,
    ) -> Result<()> {
        EventLog::record(&transaction, event).await?;
        transaction.commit().await?;
        self.events.hand_out_committed(self.db).await;
        Ok(())
    }

    async fn event<C: sea_orm::ConnectionTrait>(
        &self,
        conn: &C,
        ticket_id: Uuid,
        kind: TicketEventKind,
        body: Option<String>,
        from: Option<TicketStatus>,
        to: Option<TicketStatus>,
    ) -> Result<()> {
        ticket_event::ActiveModel {
            id: Set(Uuid::now_v7()),
            ticket_id: Set(ticket_id),
            author_id: Set(self.caller.user_id),
            author_email: Set(self.caller.email.clone()),
            kind: Set(kind.as_str().to_owned()),
            body: Set(body),
            status_from: Set(from.map(|status| status.as_str().to_owned())),
            status_to: Set(to.map(|status| status.as_str().to_owned())),
            created_at: Set(Utc::now()),
        }
        .insert(conn)
        .await?;
        Ok(())
    }

    /// Updates the ticket's time, status and first answer.
    async fn touch<C: sea_orm::ConnectionTrait>(
        &self,
        conn: &C,
        current: Ticket,
        status: Option<TicketStatus>,
    ) -> Result<Ticket> {
        let now: DateTime<Utc> = Utc::now();
        let answers = self.is_helpdesk_side() && current.first_answer_at.is_none();
        let mut active = ticket::ActiveModel {
            id: Unchanged(current.id),
            updated_at: Set(now),
            ..Default::default()
        };
        if let Some(status) = status {
            active.status = Set(status.as_str().to_owned());
        }
        if answers {
            active.first_answer_at = Set(Some(now));
        }
        active.update(conn).await?.try_into()
    }
}

/// The event of a ticket whose status or assignee changed.
fn changed(row: &Ticket) -> DomainEvent {
    DomainEvent::TicketChanged {
        tenant_id: row.tenant_id,
        ticket_id: row.id,
        establishment_id: row.establishment_id,
    }
}
