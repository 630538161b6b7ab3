//! What the diagnostics of a base need besides its settings: its public
//! address, publication, whether the ENT's credentials were distributed and
//! the closed establishments it serves (docs/diagnostics.md).

use relais_domain::EstablishmentStatus;
use relais_domain::delegation::DiagnosticContext;
use relais_store::Base;
use relais_store::entities::establishment;

/// What the diagnostics of `base` need besides its settings.
pub fn diagnostic_context(base: &Base, members: &[establishment::Model]) -> DiagnosticContext {
    DiagnosticContext {
        public_url: base.fields.public_url.clone(),
        published: base.is_published(),
        establishments_closed: members
            .iter()
            .filter(|e| e.status == EstablishmentStatus::Closed.as_str())
            .map(|e| e.uai.clone())
            .collect(),
        ent_credentials_distributed: base.fields.ent_credentials_distributed,
    }
}
