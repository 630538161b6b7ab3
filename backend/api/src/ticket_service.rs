//! Opening and working tickets: the snapshot of the base at opening, the
//! known answers, the e-mails queued with each change.

use relais_domain::delegation::diagnose;
use relais_domain::helpdesk::{KnownAnswer, TicketCategory, known_answers};
use relais_store::entities::{establishment, ticket};
use relais_store::{Scoped, settings_of};
use serde_json::json;

use crate::ApiError;
use crate::objects::diagnostic_context;

/// The base's settings (JSON) and findings when a base serves the
/// establishment; `(None, [])` otherwise.
pub(crate) async fn snapshot(
    scoped: Scoped<'_>,
    establishment: &establishment::Model,
) -> Result<(Option<uuid::Uuid>, Option<String>, serde_json::Value), ApiError> {
    let Some((base, members)) = scoped.bases().serving(establishment.id).await? else {
        return Ok((None, None, json!([])));
    };
    let settings = settings_of(&base)?;
    let findings = diagnose(&settings, &diagnostic_context(&base, &members));
    let findings = findings
        .iter()
        .map(|f| json!({ "code": f.code, "severity": f.severity.as_str(), "message": f.message }))
        .collect::<Vec<_>>();
    Ok((Some(base.id), Some(base.settings.clone()), json!(findings)))
}

/// The finding codes of a diagnostics snapshot.
pub(crate) fn codes(diagnostics: &serde_json::Value) -> Vec<String> {
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
pub(crate) fn answers_for(
    category: TicketCategory,
    diagnostics: &serde_json::Value,
) -> Vec<KnownAnswer> {
    let codes = codes(diagnostics);
    let refs: Vec<&str> = codes.iter().map(String::as_str).collect();
    known_answers(category, &refs)
}

/// The answers offered on a stored ticket.
pub(crate) fn answers_of(ticket: &ticket::Model) -> Vec<KnownAnswer> {
    let diagnostics = serde_json::from_str(&ticket.diagnostics_snapshot).unwrap_or_default();
    TicketCategory::parse("category", &ticket.category)
        .map(|category| answers_for(category, &diagnostics))
        .unwrap_or_default()
}
