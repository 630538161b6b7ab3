//! The audit log: written by every mutation, in the mutation's transaction.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use relais_domain::TenantId;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

use crate::caller::TenantFilter;
use crate::entities::{audit_event, base_member, ticket};
use crate::page::{Order, fetch_page};
use crate::{AuditEvent, Caller, Page, PageRequest, Result, StoreError};

/// What was done. The names are stable: they are part of the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditAction {
    LoginSucceeded,
    LoginFailed,
    Logout,
    RefreshTokenReused,
    TenantCreated,
    TenantUpdated,
    UserCreated,
    DemoSeeded,
    EstablishmentCreated,
    EstablishmentUpdated,
    EstablishmentsImported,
    EstablishmentGranted,
    EstablishmentGrantRevoked,
    EstablishmentMoved,
    BaseCreated,
    BaseUpdated,
    BasePublicationChanged,
    BaseSchoolYearStarted,
    DelegationSettingsUpdated,
    ModelSourceCreated,
    ModelCatalogUpdated,
    ModelApplied,
    ModelUpdateDismissed,
    CasSettingsTested,
    ModelTestAccountsUpdated,
    ModelValidated,
    AccountMatchingFileGenerated,
    IdentifiersExportReceived,
    StoredFileDownloaded,
    StoredFileDeleted,
    StoredFileExpired,
    ExchangeSettingsUpdated,
    EntAccountsImported,
    MasterKeyRotated,
    TicketOpened,
    TicketCommented,
    TicketStatusChanged,
    TicketAttachmentAdded,
    PronoteUsersImported,
    MatchingStarted,
    MatchingStepValidated,
    MatchingCancelled,
    AccountLinked,
    AccountUnlinked,
    AccountLinksReset,
    PronoteIdentifiersFileGenerated,
    UserDisabled,
    UserEnabled,
    UserDeleted,
    PasswordChanged,
    PasswordResetRequested,
    PasswordReset,
    CasRegistryMappingUpdated,
    CasRegistryExported,
    CasRegistryDownloaded,
    OutboxMessageRequeued,
}

impl AuditAction {
    /// Every action, in the order of the enum: the journal's filter lists them.
    pub const ALL: [AuditAction; 56] = [
        AuditAction::LoginSucceeded,
        AuditAction::LoginFailed,
        AuditAction::Logout,
        AuditAction::RefreshTokenReused,
        AuditAction::TenantCreated,
        AuditAction::TenantUpdated,
        AuditAction::UserCreated,
        AuditAction::DemoSeeded,
        AuditAction::EstablishmentCreated,
        AuditAction::EstablishmentUpdated,
        AuditAction::EstablishmentsImported,
        AuditAction::EstablishmentGranted,
        AuditAction::EstablishmentGrantRevoked,
        AuditAction::EstablishmentMoved,
        AuditAction::BaseCreated,
        AuditAction::BaseUpdated,
        AuditAction::BasePublicationChanged,
        AuditAction::BaseSchoolYearStarted,
        AuditAction::DelegationSettingsUpdated,
        AuditAction::ModelSourceCreated,
        AuditAction::ModelCatalogUpdated,
        AuditAction::ModelApplied,
        AuditAction::ModelUpdateDismissed,
        AuditAction::CasSettingsTested,
        AuditAction::ModelTestAccountsUpdated,
        AuditAction::ModelValidated,
        AuditAction::AccountMatchingFileGenerated,
        AuditAction::IdentifiersExportReceived,
        AuditAction::StoredFileDownloaded,
        AuditAction::StoredFileDeleted,
        AuditAction::StoredFileExpired,
        AuditAction::ExchangeSettingsUpdated,
        AuditAction::EntAccountsImported,
        AuditAction::MasterKeyRotated,
        AuditAction::TicketOpened,
        AuditAction::TicketCommented,
        AuditAction::TicketStatusChanged,
        AuditAction::TicketAttachmentAdded,
        AuditAction::PronoteUsersImported,
        AuditAction::MatchingStarted,
        AuditAction::MatchingStepValidated,
        AuditAction::MatchingCancelled,
        AuditAction::AccountLinked,
        AuditAction::AccountUnlinked,
        AuditAction::AccountLinksReset,
        AuditAction::PronoteIdentifiersFileGenerated,
        AuditAction::UserDisabled,
        AuditAction::UserEnabled,
        AuditAction::UserDeleted,
        AuditAction::PasswordChanged,
        AuditAction::PasswordResetRequested,
        AuditAction::PasswordReset,
        AuditAction::CasRegistryMappingUpdated,
        AuditAction::CasRegistryExported,
        AuditAction::CasRegistryDownloaded,
        AuditAction::OutboxMessageRequeued,
    ];

    /// The action named `name` (`USER_CREATED`), if there is one.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == name)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::LoginSucceeded => "LOGIN_SUCCEEDED",
            AuditAction::LoginFailed => "LOGIN_FAILED",
            AuditAction::Logout => "LOGOUT",
            AuditAction::RefreshTokenReused => "REFRESH_TOKEN_REUSED",
            AuditAction::TenantCreated => "TENANT_CREATED",
            AuditAction::TenantUpdated => "TENANT_UPDATED",
            AuditAction::UserCreated => "USER_CREATED",
            AuditAction::DemoSeeded => "DEMO_SEEDED",
            AuditAction::EstablishmentCreated => "ESTABLISHMENT_CREATED",
            AuditAction::EstablishmentUpdated => "ESTABLISHMENT_UPDATED",
            AuditAction::EstablishmentsImported => "ESTABLISHMENTS_IMPORTED",
            AuditAction::EstablishmentGranted => "ESTABLISHMENT_GRANTED",
            AuditAction::EstablishmentGrantRevoked => "ESTABLISHMENT_GRANT_REVOKED",
            AuditAction::EstablishmentMoved => "ESTABLISHMENT_MOVED",
            AuditAction::BaseCreated => "BASE_CREATED",
            AuditAction::BaseUpdated => "BASE_UPDATED",
            AuditAction::BasePublicationChanged => "BASE_PUBLICATION_CHANGED",
            AuditAction::BaseSchoolYearStarted => "BASE_SCHOOL_YEAR_STARTED",
            AuditAction::DelegationSettingsUpdated => "DELEGATION_SETTINGS_UPDATED",
            AuditAction::ModelSourceCreated => "MODEL_SOURCE_CREATED",
            AuditAction::ModelCatalogUpdated => "MODEL_CATALOG_UPDATED",
            AuditAction::ModelApplied => "MODEL_APPLIED",
            AuditAction::ModelUpdateDismissed => "MODEL_UPDATE_DISMISSED",
            AuditAction::CasSettingsTested => "CAS_SETTINGS_TESTED",
            AuditAction::ModelTestAccountsUpdated => "MODEL_TEST_ACCOUNTS_UPDATED",
            AuditAction::ModelValidated => "MODEL_VALIDATED",
            AuditAction::AccountMatchingFileGenerated => "ACCOUNT_MATCHING_FILE_GENERATED",
            AuditAction::IdentifiersExportReceived => "IDENTIFIERS_EXPORT_RECEIVED",
            AuditAction::StoredFileDownloaded => "STORED_FILE_DOWNLOADED",
            AuditAction::StoredFileDeleted => "STORED_FILE_DELETED",
            AuditAction::StoredFileExpired => "STORED_FILE_EXPIRED",
            AuditAction::ExchangeSettingsUpdated => "EXCHANGE_SETTINGS_UPDATED",
            AuditAction::EntAccountsImported => "ENT_ACCOUNTS_IMPORTED",
            AuditAction::MasterKeyRotated => "MASTER_KEY_ROTATED",
            AuditAction::TicketOpened => "TICKET_OPENED",
            AuditAction::TicketCommented => "TICKET_COMMENTED",
            AuditAction::TicketStatusChanged => "TICKET_STATUS_CHANGED",
            AuditAction::TicketAttachmentAdded => "TICKET_ATTACHMENT_ADDED",
            AuditAction::PronoteUsersImported => "PRONOTE_USERS_IMPORTED",
            AuditAction::MatchingStarted => "MATCHING_STARTED",
            AuditAction::MatchingStepValidated => "MATCHING_STEP_VALIDATED",
            AuditAction::MatchingCancelled => "MATCHING_CANCELLED",
            AuditAction::AccountLinked => "ACCOUNT_LINKED",
            AuditAction::AccountUnlinked => "ACCOUNT_UNLINKED",
            AuditAction::AccountLinksReset => "ACCOUNT_LINKS_RESET",
            AuditAction::PronoteIdentifiersFileGenerated => "PRONOTE_IDENTIFIERS_FILE_GENERATED",
            AuditAction::UserDisabled => "USER_DISABLED",
            AuditAction::UserEnabled => "USER_ENABLED",
            AuditAction::UserDeleted => "USER_DELETED",
            AuditAction::PasswordChanged => "PASSWORD_CHANGED",
            AuditAction::PasswordResetRequested => "PASSWORD_RESET_REQUESTED",
            AuditAction::PasswordReset => "PASSWORD_RESET",
            AuditAction::CasRegistryMappingUpdated => "CAS_REGISTRY_MAPPING_UPDATED",
            AuditAction::CasRegistryExported => "CAS_REGISTRY_EXPORTED",
            AuditAction::CasRegistryDownloaded => "CAS_REGISTRY_DOWNLOADED",
            AuditAction::OutboxMessageRequeued => "OUTBOX_MESSAGE_REQUEUED",
        }
    }
}

/// One entry to write.
#[derive(Debug, Clone)]
pub struct AuditEntry {
    pub tenant_id: Option<Uuid>,
    pub actor_user_id: Option<Uuid>,
    pub actor_email: Option<String>,
    pub action: AuditAction,
    pub target_type: &'static str,
    pub target_id: Option<String>,
    pub summary: String,
}

impl AuditEntry {
    /// An entry whose actor is `caller`.
    pub fn by(caller: &Caller, action: AuditAction, target_type: &'static str) -> Self {
        Self {
            tenant_id: caller.tenant_id,
            actor_user_id: caller.user_id,
            actor_email: caller.email.clone(),
            action,
            target_type,
            target_id: None,
            summary: String::new(),
        }
    }

    pub fn tenant(mut self, tenant_id: Option<Uuid>) -> Self {
        self.tenant_id = tenant_id;
        self
    }

    pub fn target(mut self, id: impl ToString) -> Self {
        self.target_id = Some(id.to_string());
        self
    }

    pub fn summary(mut self, summary: impl Into<String>) -> Self {
        self.summary = summary.into();
        self
    }

    /// Writes the entry on `conn` (a transaction, normally).
    pub(crate) async fn write<C: ConnectionTrait>(self, conn: &C) -> Result<()> {
        // Nothing read back (issue 20): the entry is not returned.
        audit_event::Entity::insert(audit_event::ActiveModel {
            id: Set(Uuid::now_v7()),
            tenant_id: Set(self.tenant_id),
            actor_user_id: Set(self.actor_user_id),
            actor_email: Set(self.actor_email),
            action: Set(self.action.as_str().to_owned()),
            // One spelling whatever the writer used (`pronote_base` and
            // `PRONOTE_BASE` both occur): the journal filters on it.
            target_type: Set(self.target_type.to_ascii_uppercase()),
            target_id: Set(self.target_id),
            summary: Set(self.summary),
            created_at: Set(Utc::now()),
        })
        .exec_without_returning(conn)
        .await?;
        Ok(())
    }
}

/// Narrows the audit log; every field is optional and they combine (AND).
/// `target_type` is compared upper-cased, as entries are written.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub actor_user_id: Option<Uuid>,
    /// The actor's address, as written in the entry (case-insensitive).
    pub actor_email: Option<String>,
    pub action: Option<AuditAction>,
    pub target_type: Option<String>,
    pub target_id: Option<String>,
    /// Entries written at or after this instant.
    pub since: Option<DateTime<Utc>>,
    /// Entries written before this instant.
    pub until: Option<DateTime<Utc>>,
}

/// Reads the audit log: platform administrators see all of it, operator
/// administrators their tenant's; other roles are refused.
pub struct AuditRepo<'a> {
    db: &'a DatabaseConnection,
    caller: &'a Caller,
}

impl<'a> AuditRepo<'a> {
    pub(crate) fn new(db: &'a DatabaseConnection, caller: &'a Caller) -> Self {
        Self { db, caller }
    }

    /// Newest first, one statement per page whatever the filter. `tenant`
    /// narrows a platform administrator's view.
    #[tracing::instrument(skip_all, err(level = "info"))]
    pub async fn list(
        &self,
        tenant: Option<TenantId>,
        filter: AuditFilter,
        page: PageRequest,
    ) -> Result<Page<AuditEvent>> {
        let tenant = tenant.map(TenantId::uuid);
        self.caller.require_tenant_administrator()?;
        let mut query = audit_event::Entity::find();
        match self.caller.tenant_filter() {
            TenantFilter::All => {
                if let Some(tenant) = tenant {
                    query = query.filter(audit_event::Column::TenantId.eq(tenant));
                }
            }
            TenantFilter::Only(own) => {
                if tenant.is_some_and(|t| t != own) {
                    return Err(StoreError::NotFound);
                }
                query = query.filter(audit_event::Column::TenantId.eq(own));
            }
            TenantFilter::Nothing => return Err(StoreError::NotFound),
        }
        if let Some(actor) = filter.actor_user_id {
            query = query.filter(audit_event::Column::ActorUserId.eq(actor));
        }
        if let Some(email) = filter.actor_email {
            query = query.filter(audit_event::Column::ActorEmail.eq(email.to_lowercase()));
        }
        if let Some(action) = filter.action {
            query = query.filter(audit_event::Column::Action.eq(action.as_str()));
        }
        if let Some(target_type) = filter.target_type {
            query =
                query.filter(audit_event::Column::TargetType.eq(target_type.to_ascii_uppercase()));
        }
        if let Some(target_id) = filter.target_id {
            query = query.filter(audit_event::Column::TargetId.eq(target_id));
        }
        if let Some(since) = filter.since {
            query = query.filter(audit_event::Column::CreatedAt.gte(since));
        }
        if let Some(until) = filter.until {
            query = query.filter(audit_event::Column::CreatedAt.lt(until));
        }
        fetch_page(
            self.db,
            query,
            audit_event::Column::Id,
            Order::NewestFirst,
            page,
        )
        .await?
        .try_map(AuditEvent::try_from)
    }
}

impl AuditRepo<'_> {
    /// The PRONOTE base each entry of `entries` concerns, when its object
    /// is a base, a ticket on a base or an establishment a base serves:
    /// the console links an entry there. At most two statements for a
    /// page, whatever its length; objects outside the caller's tenant are
    /// never looked up.
    #[tracing::instrument(skip_all, err(level = "info"))]
    pub async fn bases_of(&self, entries: &[AuditEvent]) -> Result<HashMap<Uuid, Uuid>> {
        let filter = self.caller.tenant_filter();
        let ids_of = |kind: &str| -> Vec<Uuid> {
            entries
                .iter()
                .filter(|e| e.target_type == kind && filter.admits(e.tenant_id.map(TenantId::uuid)))
                .filter_map(|e| e.target_id.as_deref())
                .filter_map(|id| Uuid::parse_str(id).ok())
                .collect()
        };
        let mut base_of_target = HashMap::new();
        let tickets = ids_of("TICKET");
        if !tickets.is_empty() {
            let mut query = ticket::Entity::find().filter(ticket::Column::Id.is_in(tickets));
            if let TenantFilter::Only(own) = filter {
                query = query.filter(ticket::Column::TenantId.eq(own));
            }
            for row in query.all(self.db).await? {
                if let Some(base) = row.base_id {
                    base_of_target.insert(row.id, base);
                }
            }
        }
        let establishments = ids_of("ESTABLISHMENT");
        if !establishments.is_empty() {
            let mut query = base_member::Entity::find()
                .filter(base_member::Column::EstablishmentId.is_in(establishments));
            if let TenantFilter::Only(own) = filter {
                query = query.filter(base_member::Column::TenantId.eq(own));
            }
            for row in query.all(self.db).await? {
                base_of_target.insert(row.establishment_id, row.base_id);
            }
        }
        Ok(entries
            .iter()
            .filter_map(|e| {
                let target = Uuid::parse_str(e.target_id.as_deref()?).ok()?;
                let base = match e.target_type.as_str() {
                    "PRONOTE_BASE" => target,
                    "TICKET" | "ESTABLISHMENT" => *base_of_target.get(&target)?,
                    _ => return None,
                };
                Some((e.id, base))
            })
            .collect())
    }
}
