//! Metadata of the encrypted files (docs/domain.md §4), as the caller may see them.
//!
//! The object is written before its row and deleted after it: a crash in
//! between leaves an orphan object that the sweep removes, never a row
//! without its object.

use crate::write_transaction::BeginWrite;
use chrono::{DateTime, Utc};
use relais_domain::Role;
use sea_orm::sea_query::Query;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use uuid::Uuid;

use crate::caller::TenantFilter;
use crate::entities::{school_admin_grant, stored_file};
use crate::page::{Order, fetch_page};
use crate::{AuditAction, AuditEntry, Caller, Page, PageRequest, Result, StoreError};

mod record;
pub use record::{ExpiredFile, StoredFile};

/// What a stored file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileKind {
    /// (A) ENT → PRONOTE account-matching file, sealed for Index-Education.
    AccountMatching,
    /// (B) PRONOTE → ENT identifier export, as decrypted by Relais.
    IdentifiersExport,
    /// A file joined to a helpdesk ticket.
    TicketAttachment,
    /// The PRONOTE identifier of each linked ENT account, for the ENT
    /// (its `idPronote` attribute, docs/domain.md §2 mode 2).
    PronoteIdentifiers,
}

impl FileKind {
    pub const ALL: [FileKind; 4] = [
        FileKind::AccountMatching,
        FileKind::IdentifiersExport,
        FileKind::TicketAttachment,
        FileKind::PronoteIdentifiers,
    ];

    /// The stable name used in the API and in storage.
    pub fn as_str(self) -> &'static str {
        match self {
            FileKind::AccountMatching => "ACCOUNT_MATCHING_FILE",
            FileKind::IdentifiersExport => "IDENTIFIERS_EXPORT",
            FileKind::TicketAttachment => "TICKET_ATTACHMENT",
            FileKind::PronoteIdentifiers => "PRONOTE_IDENTIFIERS",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == raw)
    }
}

/// The metadata of an object already written.
#[derive(Debug, Clone)]
pub struct NewStoredFile {
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub establishment_id: Uuid,
    pub base_id: Option<Uuid>,
    pub ticket_id: Option<Uuid>,
    pub kind: FileKind,
    pub file_name: String,
    pub object_key: String,
    pub size: u64,
    pub sha256: String,
    pub summary: serde_json::Value,
    pub expires_at: DateTime<Utc>,
}

/// Criteria of a file list.
#[derive(Debug, Clone, Default)]
pub struct FileFilter {
    pub establishment_id: Option<Uuid>,
    pub kind: Option<FileKind>,
    pub ticket_id: Option<Uuid>,
}

pub struct FileRepo<'a> {
    db: &'a DatabaseConnection,
    caller: &'a Caller,
}

impl<'a> FileRepo<'a> {
    pub(crate) fn new(db: &'a DatabaseConnection, caller: &'a Caller) -> Self {
        Self { db, caller }
    }

    /// Files the caller may see: its tenant's; a school administrator only
    /// those of the establishments granted to it.
    fn visible(&self) -> Result<sea_orm::Select<stored_file::Entity>> {
        let mut query = stored_file::Entity::find();
        match self.caller.tenant_filter() {
            TenantFilter::All => {}
            TenantFilter::Only(id) => query = query.filter(stored_file::Column::TenantId.eq(id)),
            TenantFilter::Nothing => return Err(StoreError::NotFound),
        }
        if self.caller.role == Role::SchoolAdmin {
            let user = self.caller.user_id.ok_or(StoreError::NotFound)?;
            query = query.filter(
                stored_file::Column::EstablishmentId.in_subquery(
                    Query::select()
                        .column(school_admin_grant::Column::EstablishmentId)
                        .from(school_admin_grant::Entity)
                        .and_where(school_admin_grant::Column::UserId.eq(user))
                        .to_owned(),
                ),
            );
        }
        Ok(query)
    }

    #[tracing::instrument(skip_all, err(level = "info"), fields(file = %id))]
    pub async fn get(&self, id: Uuid) -> Result<StoredFile> {
        self.visible()?
            .filter(stored_file::Column::Id.eq(id))
            .one(self.db)
            .await?
            .ok_or(StoreError::NotFound)?
            .try_into()
    }

    /// Newest first.
    pub async fn list(&self, filter: &FileFilter, page: PageRequest) -> Result<Page<StoredFile>> {
        let mut query = self.visible()?;
        if let Some(establishment) = filter.establishment_id {
            query = query.filter(stored_file::Column::EstablishmentId.eq(establishment));
        }
        if let Some(ticket) = filter.ticket_id {
            query = query.filter(stored_file::Column::TicketId.eq(ticket));
        }
        if let Some(kind) = filter.kind {
            query = query.filter(stored_file::Column::Kind.eq(kind.as_str()));
        }
        fetch_page(
            self.db,
            query,
            stored_file::Column::Id,
            Order::NewestFirst,
            page,
        )
        .await?
        .try_map(StoredFile::try_from)
    }

    /// The newest file of `kind` the caller sees for a base: stored for the
    /// base, or for one of its establishments (`members`) before files
    /// named their base. For the configuration sheet's rentrée checklist.
    pub async fn latest_of_base(
        &self,
        base: Uuid,
        members: &[Uuid],
        kind: FileKind,
    ) -> Result<Option<StoredFile>> {
        self.visible()?
            .filter(stored_file::Column::Kind.eq(kind.as_str()))
            .filter(
                sea_orm::Condition::any()
                    .add(stored_file::Column::BaseId.eq(base))
                    .add(stored_file::Column::EstablishmentId.is_in(members.iter().copied())),
            )
            .order_by_desc(stored_file::Column::CreatedAt)
            .one(self.db)
            .await?
            .map(StoredFile::try_from)
            .transpose()
    }

    /// Whether the caller may store a file of `kind` for `tenant_id`: the
    /// checks of `record`, asked by the vault before it writes the object,
    /// so that no object is ever written for a tenant the caller does not
    /// act for.
    pub fn may_store(&self, tenant_id: Uuid, kind: FileKind) -> Result<()> {
        if !self.caller.tenant_filter().admits(Some(tenant_id)) {
            return Err(StoreError::NotFound);
        }
        self.require_writer(kind)
    }

    /// Whether the caller may store a file of `kind`: the helpdesk only
    /// attaches files to tickets; the exchanged files are the school's and
    /// the operator's. Use cases ask before the work a refusal would waste
    /// (building or decrypting a file); `record` asks again.
    pub fn require_writer(&self, kind: FileKind) -> Result<()> {
        if kind == FileKind::TicketAttachment {
            Ok(())
        } else {
            self.caller.require_editor()
        }
    }

    /// Records a file whose object is already stored, with its audit entry.
    /// The caller must have checked that it may act on the establishment.
    #[tracing::instrument(skip_all, err(level = "info"), fields(file = %new.id))]
    pub async fn record(&self, new: NewStoredFile) -> Result<StoredFile> {
        self.may_store(new.tenant_id, new.kind)?;
        let action = match new.kind {
            FileKind::AccountMatching => AuditAction::AccountMatchingFileGenerated,
            FileKind::IdentifiersExport => AuditAction::IdentifiersExportReceived,
            FileKind::TicketAttachment => AuditAction::TicketAttachmentAdded,
            FileKind::PronoteIdentifiers => AuditAction::PronoteIdentifiersFileGenerated,
        };
        let transaction = self.db.begin_write().await?;
        let row = stored_file::ActiveModel {
            id: Set(new.id),
            tenant_id: Set(new.tenant_id),
            establishment_id: Set(Some(new.establishment_id)),
            base_id: Set(new.base_id),
            kind: Set(new.kind.as_str().to_owned()),
            file_name: Set(new.file_name.clone()),
            object_key: Set(new.object_key),
            size: Set(i64::try_from(new.size).unwrap_or(i64::MAX)),
            sha256: Set(new.sha256),
            summary: Set(new.summary.to_string()),
            created_by: Set(self.caller.user_id),
            ticket_id: Set(new.ticket_id),
            created_at: Set(Utc::now()),
            expires_at: Set(new.expires_at),
        }
        .insert(&transaction)
        .await?;
        AuditEntry::by(self.caller, action, "stored_file")
            .tenant(Some(new.tenant_id))
            .target(new.id)
            .summary(new.file_name)
            .write(&transaction)
            .await?;
        transaction.commit().await?;
        row.try_into()
    }

    /// Deletes the row ("supprimer le fichier exporté") and returns it, so
    /// that the caller deletes its object next. Helpdesk agents only read.
    #[tracing::instrument(skip_all, err(level = "info"), fields(file = %id))]
    pub async fn delete(&self, id: Uuid) -> Result<StoredFile> {
        self.caller.require_editor()?;
        let row = self.get(id).await?;
        let transaction = self.db.begin_write().await?;
        stored_file::Entity::delete_by_id(id)
            .exec(&transaction)
            .await?;
        AuditEntry::by(self.caller, AuditAction::StoredFileDeleted, "stored_file")
            .tenant(Some(row.tenant_id))
            .target(id)
            .summary(row.file_name.clone())
            .write(&transaction)
            .await?;
        transaction.commit().await?;
        Ok(row)
    }

    /// Records that the caller downloaded the file (every download is audited).
    pub async fn record_download(&self, row: &StoredFile) -> Result<()> {
        AuditEntry::by(
            self.caller,
            AuditAction::StoredFileDownloaded,
            "stored_file",
        )
        .tenant(Some(row.tenant_id))
        .target(row.id)
        .summary(row.file_name.clone())
        .write(self.db)
        .await
    }
}

/// What the retention and orphan jobs need, outside any caller.
pub struct FileHousekeeping<'a> {
    db: &'a DatabaseConnection,
}

impl<'a> FileHousekeeping<'a> {
    pub(crate) fn new(db: &'a DatabaseConnection) -> Self {
        Self { db }
    }

    /// Up to `limit` files whose retention ended before `now`.
    pub async fn expired(&self, now: DateTime<Utc>, limit: u64) -> Result<Vec<ExpiredFile>> {
        Ok(stored_file::Entity::find()
            .filter(stored_file::Column::ExpiresAt.lt(now))
            .order_by_asc(stored_file::Column::ExpiresAt)
            .limit(limit)
            .all(self.db)
            .await?
            .into_iter()
            .map(ExpiredFile::from)
            .collect())
    }

    /// Deletes the row of an expired file, with an audit entry of the system.
    pub async fn delete_expired(&self, row: &ExpiredFile) -> Result<bool> {
        let transaction = self.db.begin_write().await?;
        let deleted = stored_file::Entity::delete_by_id(row.id)
            .exec(&transaction)
            .await?
            .rows_affected;
        if deleted == 1 {
            AuditEntry::by(
                &Caller::command_line(),
                AuditAction::StoredFileExpired,
                "stored_file",
            )
            .tenant(Some(row.tenant_id))
            .target(row.id)
            .summary(row.file_name.clone())
            .write(&transaction)
            .await?;
        }
        transaction.commit().await?;
        Ok(deleted == 1)
    }

    /// Which of `keys` have a row.
    pub async fn known_object_keys(
        &self,
        keys: &[String],
    ) -> Result<std::collections::HashSet<String>> {
        let mut known = std::collections::HashSet::new();
        for chunk in keys.chunks(500) {
            let rows: Vec<String> = stored_file::Entity::find()
                .select_only()
                .column(stored_file::Column::ObjectKey)
                .filter(stored_file::Column::ObjectKey.is_in(chunk.iter().cloned()))
                .into_tuple()
                .all(self.db)
                .await?;
            known.extend(rows);
        }
        Ok(known)
    }
}
