//! Helpdesk tickets (docs/domain.md §7): open, comment, change status, assign. Each
//! change queues its e-mails in the same transaction (the outbox).

use async_graphql::{Context, ID, InputObject, Object};
use relais_app::MailLinks;
use relais_app::ticket_service::{OpenTicket, change_ticket_status, comment_ticket, open_ticket};

use crate::ApiError;
use crate::context::ContextExt;
use crate::objects::{Ticket, TicketCategoryName, TicketStatusName, parse_id};

#[derive(InputObject)]
pub struct OpenTicketInput {
    pub establishment_id: ID,
    pub category: TicketCategoryName,
    /// One line, 200 characters at most.
    pub title: String,
    pub description: String,
    /// Another address the helpdesk may use, shown to it in the ticket and
    /// its e-mail; Relais never writes to it by itself (acknowledgement and
    /// follow-ups go to the requester's account address).
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
}

#[derive(Default)]
pub struct TicketMutation;

fn links<'c>(ctx: &'c Context<'_>) -> Result<&'c MailLinks, ApiError> {
    ctx.data::<MailLinks>().map_err(|_| ApiError::internal())
}

#[Object]
impl TicketMutation {
    /// Opens a ticket for an establishment: the base's settings and
    /// diagnostics are attached as they are now; the helpdesk receives an
    /// e-mail `ENT_Pronote — <UAI> — <title>`, the requester an
    /// acknowledgement.
    async fn open_ticket(
        &self,
        ctx: &Context<'_>,
        input: OpenTicketInput,
    ) -> Result<Ticket, ApiError> {
        let input = OpenTicket {
            establishment_id: parse_id("establishmentId", &input.establishment_id)?,
            category: input.category.into(),
            title: input.title,
            description: input.description,
            contact_email: input.contact_email,
            contact_phone: input.contact_phone,
        };
        let row = open_ticket(ctx.store()?, ctx.caller()?, links(ctx)?, input).await?;
        Ok(Ticket(row))
    }

    /// Adds a comment; the other side is told by e-mail.
    async fn comment_ticket(
        &self,
        ctx: &Context<'_>,
        ticket_id: ID,
        body: String,
    ) -> Result<Ticket, ApiError> {
        let id = parse_id("ticketId", &ticket_id)?;
        let row = comment_ticket(ctx.store()?, ctx.caller()?, links(ctx)?, id, &body).await?;
        Ok(Ticket(row))
    }

    /// Helpdesk: moves a ticket to another status; the requester is told.
    async fn change_ticket_status(
        &self,
        ctx: &Context<'_>,
        ticket_id: ID,
        status: TicketStatusName,
    ) -> Result<Ticket, ApiError> {
        let id = parse_id("ticketId", &ticket_id)?;
        let row = change_ticket_status(ctx.store()?, ctx.caller()?, links(ctx)?, id, status.into())
            .await?;
        Ok(Ticket(row))
    }

    /// Joins a file to a ticket (a screenshot, a log…): kept encrypted like
    /// every file, limited to `storage.upload_max_bytes`.
    async fn attach_to_ticket(
        &self,
        ctx: &Context<'_>,
        ticket_id: ID,
        file: async_graphql::Upload,
    ) -> Result<crate::objects::StoredFile, ApiError> {
        let id = parse_id("ticketId", &ticket_id)?;
        let scoped = ctx.scoped()?;
        let ticket = scoped.tickets().get(id).await?;
        let (name, bytes) = crate::upload::read_upload(ctx, &file)?;
        let file_name = relais_app::file_vault::safe_file_name(&name);
        let vault = ctx.vault()?;
        let row = vault
            .store_bytes(
                scoped,
                relais_app::file_vault::FileToStore {
                    tenant_id: ticket.tenant_id,
                    establishment_id: ticket.establishment_id,
                    base_id: ticket.base_id,
                    ticket_id: Some(ticket.id),
                    kind: relais_store::FileKind::TicketAttachment,
                    file_name,
                    summary: serde_json::json!({ "ticketId": ticket.id }),
                    retention_days: vault.settings.retention_ticket_attachment_days,
                },
                bytes,
            )
            .await?;
        Ok(crate::objects::StoredFile(row))
    }

    /// Helpdesk: gives the ticket to an agent of the operator.
    async fn assign_ticket(
        &self,
        ctx: &Context<'_>,
        ticket_id: ID,
        assignee_id: ID,
    ) -> Result<Ticket, ApiError> {
        let id = parse_id("ticketId", &ticket_id)?;
        let assignee = parse_id("assigneeId", &assignee_id)?;
        Ok(Ticket(ctx.scoped()?.tickets().assign(id, assignee).await?))
    }
}
