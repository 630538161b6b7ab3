//! The diagnostics summary of a base (issue 20): how many errors and
//! warnings `relais_domain::delegation::diagnose` finds, kept in
//! `base_diagnostics` with every write of the base so the operator dashboard
//! reads two integers instead of parsing and diagnosing each base's settings.
//!
//! Findings about closed establishments are left out: an establishment
//! closes without its base changing. They are one warning per closed
//! establishment (docs/domain.md, diagnostics), which the dashboard adds.

use relais_domain::Publication;
use relais_domain::delegation::{DelegationSettings, DiagnosticContext, Severity, diagnose};
use relais_domain::web_url::WebUrl;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, EntityTrait, Set};

use crate::Base;
use crate::entities::base_diagnostics;
use crate::{Result, StoreError};

/// Errors and warnings of a base, closed establishments left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DiagnosticsSummary {
    pub errors: i32,
    pub warnings: i32,
}

/// Diagnoses a base from its stored values (the dashboard's rows, read
/// without their record). `settings` is the stored JSON; a document that
/// does not parse is a corruption error.
pub fn summarize_diagnostics(
    settings: &str,
    public_url: Option<&str>,
    publication: Option<&str>,
    ent_credentials_distributed: bool,
) -> Result<DiagnosticsSummary> {
    let settings: DelegationSettings = serde_json::from_str(settings).map_err(|e| {
        StoreError::Database(sea_orm::DbErr::Type(format!("settings of a base: {e}")))
    })?;
    let context = DiagnosticContext {
        public_url: public_url.and_then(|u| WebUrl::parse("publicUrl", u).ok()),
        published: publication == Some(Publication::Published.as_str()),
        establishments_closed: Vec::new(),
        ent_credentials_distributed,
    };
    Ok(summary_of(&settings, &context))
}

fn summary_of(settings: &DelegationSettings, context: &DiagnosticContext) -> DiagnosticsSummary {
    let mut summary = DiagnosticsSummary::default();
    for finding in diagnose(settings, context) {
        match finding.severity {
            Severity::Error => summary.errors += 1,
            Severity::Warning => summary.warnings += 1,
            _ => {}
        }
    }
    summary
}

/// Writes the summary of `base` as it now stands (inside the transaction
/// that changed it).
pub(crate) async fn record<C: ConnectionTrait>(conn: &C, base: &Base) -> Result<()> {
    let context = DiagnosticContext {
        public_url: base.fields.public_url.clone(),
        published: base.is_published(),
        establishments_closed: Vec::new(),
        ent_credentials_distributed: base.fields.ent_credentials_distributed,
    };
    let summary = summary_of(&base.settings, &context);
    base_diagnostics::Entity::insert(base_diagnostics::ActiveModel {
        base_id: Set(base.id.uuid()),
        base_version: Set(base.version),
        errors: Set(summary.errors),
        warnings: Set(summary.warnings),
    })
    .on_conflict(
        OnConflict::column(base_diagnostics::Column::BaseId)
            .update_columns([
                base_diagnostics::Column::BaseVersion,
                base_diagnostics::Column::Errors,
                base_diagnostics::Column::Warnings,
            ])
            .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    Ok(())
}
