//! Helpdesk tickets (BRIEF §7): open, comment, change status, assign. Each
//! change queues its e-mails in the same transaction (the outbox).

use async_graphql::{Context, ID, InputObject, Object};
use relais_domain::Email;
use relais_domain::helpdesk::{TicketCategory, TicketStatus, phone, single_line, text_body};
use relais_store::NewTicket;
use relais_store::entities::ticket;

use crate::ApiError;
use crate::MailLinks;
use crate::context::ContextExt;
use crate::objects::{Ticket, TicketCategoryName, TicketStatusName, parse_id};
use crate::ticket_mail;
use crate::ticket_service::snapshot;

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

/// The UAI and the tenant's helpdesk address a ticket's e-mails need.
/// The ticket's UAI, its helpdesk's address, and the requester's own
/// account address (none when the account is gone or disabled): mail to
/// the requester goes there only, never to the `contactEmail` typed in the
/// ticket (issue 13, item 12).
async fn mail_context(
    ctx: &Context<'_>,
    ticket: &ticket::Model,
) -> Result<(String, String, Option<String>), ApiError> {
    let scoped = ctx.scoped()?;
    let establishment = scoped.establishments().get(ticket.establishment_id).await?;
    let tenant = scoped.tenants().get(ticket.tenant_id).await?;
    let requester = match ticket.requester_id {
        Some(id) => ctx
            .store()?
            .credentials()
            .find_user(id)
            .await?
            .filter(|account| !account.disabled)
            .map(|account| account.email),
        None => None,
    };
    Ok((establishment.uai, tenant.helpdesk_email, requester))
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
        let scoped = ctx.scoped()?;
        let caller = ctx.caller()?;
        let establishment = scoped
            .establishments()
            .get(parse_id("establishmentId", &input.establishment_id)?)
            .await?;
        let title = single_line("title", &input.title, 200, "Le titre")?;
        let description = text_body("description", &input.description, 10_000, "La description")?;
        let contact = match input.contact_email.or_else(|| caller.email.clone()) {
            Some(email) => Email::parse("contactEmail", &email)?,
            None => {
                return Err(ApiError::validation(
                    "contactEmail",
                    "Indiquez l'adresse électronique où l'assistance vous répondra.",
                ));
            }
        };
        let contact_phone = input
            .contact_phone
            .filter(|p| !p.trim().is_empty())
            .map(|p| phone("contactPhone", &p))
            .transpose()?;
        let tenant = scoped.tenants().get(establishment.tenant_id).await?;
        let (base_id, settings_snapshot, diagnostics) = snapshot(scoped, &establishment).await?;
        let links = links(ctx)?.clone();
        let uai = establishment.uai.clone();
        let name = establishment.name.clone();
        let helpdesk = tenant.helpdesk_email.clone();
        let requester = caller.email.clone();
        let row = scoped
            .tickets()
            .open(
                NewTicket {
                    tenant_id: establishment.tenant_id,
                    establishment_id: establishment.id,
                    base_id,
                    category: TicketCategory::from(input.category).as_str().to_owned(),
                    title,
                    description,
                    contact_email: contact.as_str().to_owned(),
                    contact_phone,
                    settings_snapshot,
                    diagnostics_snapshot: diagnostics.to_string(),
                },
                Box::new(move |ticket| {
                    ticket_mail::opened(
                        &links,
                        ticket,
                        &uai,
                        &name,
                        &helpdesk,
                        requester.as_deref(),
                    )
                }),
            )
            .await?;
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
        let body = text_body("body", &body, 10_000, "Le commentaire")?;
        let scoped = ctx.scoped()?;
        let current = scoped.tickets().get(id).await?;
        let (uai, helpdesk, requester) = mail_context(ctx, &current).await?;
        let from_helpdesk = ctx.caller()?.role != relais_domain::Role::SchoolAdmin;
        let links = links(ctx)?.clone();
        let text = body.clone();
        let row = scoped
            .tickets()
            .comment(
                id,
                body,
                Box::new(move |ticket| {
                    ticket_mail::commented(
                        &links,
                        ticket,
                        &uai,
                        &text,
                        from_helpdesk,
                        &helpdesk,
                        requester.as_deref(),
                    )
                }),
            )
            .await?;
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
        let scoped = ctx.scoped()?;
        let current = scoped.tickets().get(id).await?;
        let (uai, helpdesk, requester) = mail_context(ctx, &current).await?;
        let status: TicketStatus = status.into();
        let links = links(ctx)?.clone();
        let row = scoped
            .tickets()
            .change_status(
                id,
                status,
                Box::new(move |ticket| {
                    ticket_mail::status_changed(
                        &links,
                        ticket,
                        &uai,
                        status,
                        &helpdesk,
                        requester.as_deref(),
                    )
                }),
            )
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
        let file_name = crate::upload::safe_file_name(&name);
        let vault = ctx.vault()?;
        let row = vault
            .store_bytes(
                scoped,
                crate::file_vault::FileToStore {
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
