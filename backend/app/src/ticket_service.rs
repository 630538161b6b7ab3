//! Opening and working tickets (docs/domain.md §7): the snapshot of the
//! base at opening, the known answers, the e-mails queued with each change in the change's own
//! transaction.

use relais_domain::delegation::diagnose;
use relais_domain::helpdesk::{
    KnownAnswer, TicketCategory, TicketStatus, known_answers, phone, single_line, text_body,
};
use relais_domain::{Email, EstablishmentId, Role, TenantId, UserId};
use relais_store::{Caller, Establishment, NewTicket, Scoped, Store, Ticket};
use serde_json::json;
use uuid::Uuid;

use crate::diagnostics::diagnostic_context;
use crate::{AppError, MailLinks, ticket_mail};

/// What a person fills in to open a ticket.
pub struct OpenTicket {
    pub establishment_id: EstablishmentId,
    pub category: TicketCategory,
    pub title: String,
    pub description: String,
    /// Another address the helpdesk may use; never written to by Relais.
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
}

/// Opens a ticket for an establishment the caller sees: the base's settings
/// and diagnostics attached as they are now; the helpdesk's e-mail
/// (`ENT_Pronote — <UAI> — <title>`) and the requester's acknowledgement
/// queued with it.
pub async fn open_ticket(
    store: &Store,
    caller: &Caller,
    links: &MailLinks,
    input: OpenTicket,
) -> Result<Ticket, AppError> {
    let scoped = store.scoped(caller);
    let establishment = scoped.establishments().get(input.establishment_id).await?;
    let title = single_line("title", &input.title, 200, "Le titre")?;
    let description = text_body("description", &input.description, 10_000, "La description")?;
    let contact = match input.contact_email.or_else(|| caller.email.clone()) {
        Some(email) => Email::parse("contactEmail", &email)?,
        None => {
            return Err(AppError::validation(
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
    let links = links.clone();
    let uai = establishment.uai.to_string();
    let name = establishment.fields.name.to_string();
    let helpdesk = String::from(tenant.helpdesk_email);
    let requester = caller.email.clone();
    let row = scoped
        .tickets()
        .open(
            NewTicket {
                tenant_id: establishment.tenant_id.uuid(),
                establishment_id: establishment.id.uuid(),
                base_id,
                category: input.category,
                title,
                description,
                contact_email: contact.as_str().to_owned(),
                contact_phone,
                settings_snapshot,
                diagnostics_snapshot: diagnostics.to_string(),
            },
            Box::new(move |ticket| {
                ticket_mail::opened(&links, ticket, &uai, &name, &helpdesk, requester.as_deref())
            }),
        )
        .await?;
    Ok(row)
}

/// Adds a comment to a ticket the caller sees; the other side is told by
/// e-mail.
pub async fn comment_ticket(
    store: &Store,
    caller: &Caller,
    links: &MailLinks,
    id: Uuid,
    body: &str,
) -> Result<Ticket, AppError> {
    let body = text_body("body", body, 10_000, "Le commentaire")?;
    let scoped = store.scoped(caller);
    let current = scoped.tickets().get(id).await?;
    let (uai, helpdesk, requester) = mail_context(store, scoped, &current).await?;
    let from_helpdesk = caller.role != Role::SchoolAdmin;
    let links = links.clone();
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
    Ok(row)
}

/// Helpdesk: moves a ticket to another status; the requester is told.
pub async fn change_ticket_status(
    store: &Store,
    caller: &Caller,
    links: &MailLinks,
    id: Uuid,
    status: TicketStatus,
) -> Result<Ticket, AppError> {
    let scoped = store.scoped(caller);
    let current = scoped.tickets().get(id).await?;
    let (uai, helpdesk, requester) = mail_context(store, scoped, &current).await?;
    let links = links.clone();
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
    Ok(row)
}

/// The ticket's UAI, its helpdesk's address, and the requester's own
/// account address (none when the account is gone or disabled): mail to
/// the requester goes there only, never to the `contactEmail` typed in the
/// ticket (issue 13, item 12).
async fn mail_context(
    store: &Store,
    scoped: Scoped<'_>,
    ticket: &Ticket,
) -> Result<(String, String, Option<String>), AppError> {
    let establishment = scoped
        .establishments()
        .get(EstablishmentId::from(ticket.establishment_id))
        .await?;
    let tenant = scoped
        .tenants()
        .get(TenantId::from(ticket.tenant_id))
        .await?;
    let requester = match ticket.requester_id {
        Some(id) => store
            .credentials()
            .find_user(UserId::from(id))
            .await?
            .filter(|account| !account.disabled)
            .map(|account| String::from(account.email)),
        None => None,
    };
    Ok((
        establishment.uai.to_string(),
        tenant.helpdesk_email.into(),
        requester,
    ))
}

/// The base's settings (JSON) and findings when a base serves the
/// establishment; `(None, [])` otherwise.
pub async fn snapshot(
    scoped: Scoped<'_>,
    establishment: &Establishment,
) -> Result<(Option<uuid::Uuid>, Option<String>, serde_json::Value), AppError> {
    let Some((base, members)) = scoped.bases().serving(establishment.id).await? else {
        return Ok((None, None, json!([])));
    };
    let findings = diagnose(&base.settings, &diagnostic_context(&base, &members));
    let findings = findings
        .iter()
        .map(|f| json!({ "code": f.code, "severity": f.severity.as_str(), "message": f.message }))
        .collect::<Vec<_>>();
    let settings = serde_json::to_string(&base.settings).map_err(|_| AppError::internal())?;
    Ok((Some(base.id.uuid()), Some(settings), json!(findings)))
}

/// The finding codes of a diagnostics snapshot.
pub fn codes(diagnostics: &serde_json::Value) -> Vec<String> {
    diagnostics
        .as_array()
        .map(|findings| {
            findings
                .iter()
                .filter_map(|f| f["code"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// The known answers for a category and a diagnostics snapshot.
pub fn answers_for(category: TicketCategory, diagnostics: &serde_json::Value) -> Vec<KnownAnswer> {
    let codes = codes(diagnostics);
    let refs: Vec<&str> = codes.iter().map(String::as_str).collect();
    known_answers(category, &refs)
}

/// The answers offered on a stored ticket.
pub fn answers_of(ticket: &Ticket) -> Vec<KnownAnswer> {
    answers_for(ticket.category, &ticket.diagnostics_snapshot)
}
