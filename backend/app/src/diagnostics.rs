//! What the diagnostics of a base need besides its settings: its public
//! address, publication, whether the ENT's credentials were distributed and
//! the closed establishments it serves (docs/diagnostics.md).

use relais_domain::delegation::DiagnosticContext;
use relais_store::{Base, Establishment};

/// What the diagnostics of `base` need besides its settings.
pub fn diagnostic_context(base: &Base, members: &[Establishment]) -> DiagnosticContext {
    DiagnosticContext {
        public_url: base.fields.public_url.clone(),
        published: base.is_published(),
        establishments_closed: members
            .iter()
            .filter(|e| e.is_closed())
            .map(|e| e.uai.to_string())
            .collect(),
        ent_credentials_distributed: base.fields.ent_credentials_distributed,
    }
}
