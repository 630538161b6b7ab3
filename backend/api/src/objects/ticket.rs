use async_graphql::{Context, Enum, ID, Object, SimpleObject};
use chrono::{DateTime, Utc};
use relais_domain::EstablishmentId;
use relais_domain::helpdesk::{KnownAnswer, TicketStatus};

use crate::ApiError;
use crate::context::ContextExt;
use crate::objects::Establishment;
use crate::query::outbox::OutboxMessageView;
use relais_app::ticket_service::{answers_of, snapshot};

#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(remote = "relais_domain::helpdesk::TicketCategory")]
pub(crate) enum TicketCategoryName {
    CasConfiguration,
    AccountMatching,
    DirectAccess,
    Exports,
    Rentree,
    Other,
}

#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(remote = "relais_domain::helpdesk::TicketStatus")]
pub(crate) enum TicketStatusName {
    Open,
    InProgress,
    WaitingSchool,
    Resolved,
    Closed,
}

/// A frequent case and its answer (docs/domain.md §7).
#[derive(SimpleObject)]
pub(crate) struct KnownAnswerView {
    pub code: String,
    pub title: String,
    pub answer: String,
}

impl From<KnownAnswer> for KnownAnswerView {
    fn from(answer: KnownAnswer) -> Self {
        Self {
            code: answer.code.into(),
            title: answer.title.into(),
            answer: answer.answer.into(),
        }
    }
}

/// One entry of a ticket's timeline.
#[derive(SimpleObject)]
pub(crate) struct TicketEventView {
    pub id: ID,
    /// `COMMENT`, `STATUS` or `ASSIGNED`.
    pub kind: String,
    pub author_email: Option<String>,
    pub body: Option<String>,
    pub status_from: Option<String>,
    pub status_to: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl From<relais_store::TicketEvent> for TicketEventView {
    fn from(event: relais_store::TicketEvent) -> Self {
        let name = |status: TicketStatus| status.as_str().to_owned();
        Self {
            id: ID(event.id.to_string()),
            kind: event.kind.as_str().to_owned(),
            author_email: event.author_email,
            body: event.body,
            status_from: event.status_from.map(name),
            status_to: event.status_to.map(name),
            created_at: event.created_at,
        }
    }
}

/// The base serving a ticket's establishment, as it is now: its settings
/// in the form of `Ticket.settingsSnapshot`, to compare them.
#[derive(SimpleObject)]
pub(crate) struct TicketBaseNow {
    pub base_id: Option<ID>,
    /// The base's delegation settings now (none when no base serves the
    /// establishment any more).
    pub settings: Option<async_graphql::Json<serde_json::Value>>,
    /// The base's findings now (`code`, `severity`, `message`).
    pub diagnostics: async_graphql::Json<serde_json::Value>,
}

/// A helpdesk ticket.
pub(crate) struct Ticket(pub relais_store::Ticket);

#[Object]
impl Ticket {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }

    async fn establishment(&self, ctx: &Context<'_>) -> Result<Establishment, ApiError> {
        Ok(Establishment(
            ctx.scoped()?
                .establishments()
                .get(EstablishmentId::from(self.0.establishment_id))
                .await?,
        ))
    }

    async fn base_id(&self) -> Option<ID> {
        self.0.base_id.map(|id| ID(id.to_string()))
    }

    async fn category(&self) -> TicketCategoryName {
        self.0.category.into()
    }

    async fn title(&self) -> &str {
        &self.0.title
    }

    async fn description(&self) -> &str {
        &self.0.description
    }

    async fn contact_email(&self) -> &str {
        &self.0.contact_email
    }

    async fn contact_phone(&self) -> Option<&str> {
        self.0.contact_phone.as_deref()
    }

    async fn status(&self) -> TicketStatusName {
        self.0.status.into()
    }

    async fn assignee_id(&self) -> Option<ID> {
        self.0.assignee_id.map(|id| ID(id.to_string()))
    }

    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }

    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }

    /// When the helpdesk first answered (comment or status change).
    async fn first_answer_at(&self) -> Option<DateTime<Utc>> {
        self.0.first_answer_at
    }

    /// The base's delegation settings when the ticket was opened.
    async fn settings_snapshot(&self) -> Option<async_graphql::Json<serde_json::Value>> {
        self.0.settings_snapshot.clone().map(async_graphql::Json)
    }

    /// The base's findings when the ticket was opened (`code`, `severity`,
    /// `message`).
    async fn diagnostics_snapshot(&self) -> async_graphql::Json<serde_json::Value> {
        async_graphql::Json(self.0.diagnostics_snapshot.clone())
    }

    /// Known answers matching the category and the diagnostics.
    async fn known_answers(&self) -> Vec<KnownAnswerView> {
        answers_of(&self.0).into_iter().map(Into::into).collect()
    }

    /// Files joined to the ticket.
    async fn attachments(
        &self,
        ctx: &Context<'_>,
    ) -> Result<Vec<crate::objects::StoredFile>, ApiError> {
        let filter = relais_store::FileFilter {
            ticket_id: Some(self.0.id),
            ..Default::default()
        };
        let page = ctx
            .scoped()?
            .files()
            .list(&filter, relais_store::PageRequest::new(None, Some(100)))
            .await?;
        Ok(page
            .items
            .into_iter()
            .map(crate::objects::StoredFile)
            .collect())
    }

    /// The statuses the caller may move the ticket to now (the workflow of
    /// `docs/domain.md`); none for a school administrator.
    async fn allowed_statuses(&self, ctx: &Context<'_>) -> Result<Vec<TicketStatusName>, ApiError> {
        if ctx.caller()?.role == relais_domain::Role::SchoolAdmin {
            return Ok(Vec::new());
        }
        let from = self.0.status;
        Ok(TicketStatus::ALL
            .into_iter()
            .filter(|next| from.may_become(*next))
            .map(Into::into)
            .collect())
    }

    /// The base serving the establishment now, beside the snapshot taken
    /// at opening.
    async fn current(&self, ctx: &Context<'_>) -> Result<TicketBaseNow, ApiError> {
        let scoped = ctx.scoped()?;
        let establishment = scoped
            .establishments()
            .get(EstablishmentId::from(self.0.establishment_id))
            .await?;
        let (base_id, settings, diagnostics) = snapshot(scoped, &establishment).await?;
        Ok(TicketBaseNow {
            base_id: base_id.map(|id| ID(id.to_string())),
            settings: settings
                .and_then(|s| serde_json::from_str(&s).ok())
                .map(async_graphql::Json),
            diagnostics: async_graphql::Json(diagnostics),
        })
    }

    /// The e-mails of the ticket's thread, oldest first: helpdesk side only.
    async fn emails(&self, ctx: &Context<'_>) -> Result<Vec<OutboxMessageView>, ApiError> {
        Ok(ctx
            .scoped()?
            .tickets()
            .emails(self.0.id)
            .await?
            .into_iter()
            .map(Into::into)
            .collect())
    }

    /// Comments and status changes, oldest first.
    async fn timeline(&self, ctx: &Context<'_>) -> Result<Vec<TicketEventView>, ApiError> {
        Ok(ctx
            .scoped()?
            .tickets()
            .events(self.0.id)
            .await?
            .into_iter()
            .map(Into::into)
            .collect())
    }
}
