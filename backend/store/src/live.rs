//! Who hears a domain event (issue 17, « Live state »): the same rules as
//! reading the object the event is about, so that a subscription never
//! shows what the caller could not query.

use relais_domain::BaseId;
use relais_domain::events::{DomainEvent, EventSubject};
use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, QueryFilter, QuerySelect};

use crate::entities::{pending_model_update, pronote_base};
use crate::{Result, Scoped, StoreError};

impl Scoped<'_> {
    /// Whether the caller may hear of `event`: an event of its tenant (every
    /// tenant for a platform administrator) and, for a school
    /// administrator, only about a ticket or base it can read. An update of
    /// a model is heard by whoever sees a base waiting for it (a model
    /// offered to every tenant belongs to none).
    pub async fn sees_event(&self, event: &DomainEvent) -> Result<bool> {
        let caller = self.caller();
        if let EventSubject::Model { model_id } = event.subject() {
            return self.sees_a_base_waiting_for(model_id).await;
        }
        if !caller.tenant_filter().admits(event.tenant_id()) {
            return Ok(false);
        }
        if caller.role.sees_whole_tenant() {
            return Ok(true);
        }
        let read = match event.subject() {
            EventSubject::Ticket { ticket_id } => self.tickets().get(ticket_id).await.map(drop),
            EventSubject::Base { base_id } => {
                self.bases().get(BaseId::from(base_id)).await.map(drop)
            }
            // A school administrator has no screen about the tenant itself.
            EventSubject::Tenant | EventSubject::Model { .. } => return Ok(false),
        };
        match read {
            Ok(()) => Ok(true),
            Err(StoreError::NotFound) => Ok(false),
            Err(error) => Err(error),
        }
    }

    /// Whether a base the caller sees has a pending update of `model_id`.
    async fn sees_a_base_waiting_for(&self, model_id: uuid::Uuid) -> Result<bool> {
        let visible = match self.bases().visible() {
            Ok(visible) => visible,
            Err(StoreError::NotFound) => return Ok(false),
            Err(error) => return Err(error),
        };
        let waiting = Query::select()
            .column(pending_model_update::Column::BaseId)
            .from(pending_model_update::Entity)
            .and_where(pending_model_update::Column::ModelId.eq(model_id))
            .to_owned();
        let found = visible
            .select_only()
            .column(pronote_base::Column::Id)
            .filter(pronote_base::Column::Id.in_subquery(waiting))
            .into_tuple::<uuid::Uuid>()
            .one(self.db)
            .await?;
        Ok(found.is_some())
    }
}
