//! GraphQL output types, one file per domain object.

mod audit_action;
mod audit_event;
mod base;
mod cas_check;
mod cas_registry;
mod delegation;
mod delegation_enums;
mod establishment;
mod exchange;
mod import_report;
mod matching;
mod model;
mod model_schema;
mod session;
mod stored_file;
mod tenant;
mod ticket;
mod user;

pub(crate) use audit_action::{AuditActionView, AuditTargetType};
pub(crate) use audit_event::AuditEvent;
pub(crate) use base::PronoteBase;
pub(crate) use cas_check::{
    CasCheckView, ModelValidationView, StatusName as CasCheckStatusName, TestAccountView,
    check_findings,
};
pub(crate) use cas_registry::{
    AttributeMappingView, BaseCasRegistryView, CasRegistryView, RegistryDiffView, ServiceEntryView,
};
pub(crate) use delegation::{
    CasUrlsView, DelegationSettingsInput, FindingView, FirstConnectionView,
};
pub(crate) use delegation_enums::{HostingName, ProfileName, PublicationName};
pub(crate) use establishment::{Establishment, KindName, StatusName};
pub(crate) use exchange::{CategoryCount, ExchangeSettings, IdentifiersExportResult};
pub(crate) use import_report::ImportReport;
pub(crate) use matching::{
    AccountLink, ExistingLinksPolicy, MatchingEntAccount, MatchingRow, MatchingRun, MatchingStep,
    Population, PopulationSupervision,
};
pub(crate) use model::{
    ApplyModelResult, BaseModelStatus, EntModelView, FieldChangeView, ModelSourceView,
    PendingModelUpdate, RefreshReport, source_findings,
};
pub(crate) use model_schema::{ModelsFeedCheck, ModelsSchemaView};
pub(crate) use session::AuthPayload;
pub(crate) use stored_file::{FileKindName, StoredFile};
pub(crate) use tenant::Tenant;
pub(crate) use ticket::{KnownAnswerView, Ticket, TicketCategoryName, TicketStatusName};
pub(crate) use user::{RoleName, User};

use async_graphql::ID;
use uuid::Uuid;

use crate::ApiError;

/// Reads an `ID` argument as the id the caller expects (a `Uuid`, a
/// `BaseId`…).
pub(crate) fn parse_id<T: From<Uuid>>(field: &'static str, id: &ID) -> Result<T, ApiError> {
    Uuid::parse_str(id.as_str())
        .map(T::from)
        .map_err(|_| ApiError::validation(field, "Identifiant mal formé."))
}
