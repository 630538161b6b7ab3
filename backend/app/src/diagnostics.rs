//! What the diagnostics of a base need besides its settings: its public
//! address, publication, whether the ENT's credentials were distributed and
//! the closed establishments it serves (docs/diagnostics.md).

use relais_domain::delegation::DiagnosticContext;
use relais_domain::web_url::WebUrl;
use relais_domain::{EstablishmentStatus, Publication};
use relais_store::entities::{establishment, pronote_base};

/// What the diagnostics of `base` need besides its settings.
pub fn diagnostic_context(
    base: &pronote_base::Model,
    members: &[establishment::Model],
) -> DiagnosticContext {
    diagnostic_context_of(
        base.public_url.as_deref(),
        Some(&base.publication),
        base.ent_credentials_distributed,
        members
            .iter()
            .filter(|e| e.status == EstablishmentStatus::Closed.as_str())
            .map(|e| e.uai.clone())
            .collect(),
    )
}

/// The same, from a base's stored values and the UAIs of the closed
/// establishments it serves.
pub fn diagnostic_context_of(
    public_url: Option<&str>,
    publication: Option<&str>,
    ent_credentials_distributed: bool,
    establishments_closed: Vec<String>,
) -> DiagnosticContext {
    DiagnosticContext {
        public_url: public_url.and_then(|u| WebUrl::parse("publicUrl", u).ok()),
        published: publication == Some(Publication::Published.as_str()),
        establishments_closed,
        ent_credentials_distributed,
    }
}
