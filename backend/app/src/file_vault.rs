//! The file vault: every exported or received file goes through here, is
//! encrypted with the tenant's key before it leaves the process, and is
//! written object first, metadata row second (docs/domain.md §4).

use std::sync::Arc;

use bytes::Bytes;
use chrono::{Duration, Utc};
use futures_util::StreamExt;
use relais_objects::envelope::EncryptedStore;
use relais_objects::keys::{MasterKey, TenantKey};
use relais_objects::{ByteStream, ObjectKey, StorageError};
use relais_store::{FileKind, NewStoredFile, Scoped, Store, StoredFile};
use uuid::Uuid;

use crate::AppError;
use relais_domain::formatting::hex;

/// Limits and retention of stored files.
#[derive(Debug, Clone)]
pub struct VaultSettings {
    /// Largest file accepted on upload, in bytes.
    pub upload_max_bytes: u64,
    /// Retention of ticket attachments, in days.
    pub retention_ticket_attachment_days: u32,
    /// Default retention, in days, per kind (a tenant may override it).
    pub retention_account_matching_days: u32,
    pub retention_identifiers_export_days: u32,
    /// Largest decompressed content of a received export.
    pub inflate_max_bytes: u64,
}

impl Default for VaultSettings {
    fn default() -> Self {
        Self {
            upload_max_bytes: 50 * 1024 * 1024,
            retention_account_matching_days: 30,
            retention_identifiers_export_days: 30,
            retention_ticket_attachment_days: 365,
            inflate_max_bytes: 200 * 1024 * 1024,
        }
    }
}

/// A stored file on its way to the person who asked for it.
pub struct Download {
    pub row: StoredFile,
    /// The plaintext, authenticated chunk by chunk.
    pub content: ByteStream,
}

/// A file to store for a tenant.
pub struct FileToStore {
    pub tenant_id: Uuid,
    pub establishment_id: Uuid,
    pub base_id: Option<Uuid>,
    pub ticket_id: Option<Uuid>,
    pub kind: FileKind,
    pub file_name: String,
    pub summary: serde_json::Value,
    pub retention_days: u32,
}

pub struct FileVault {
    store: Store,
    objects: EncryptedStore,
    master: MasterKey,
    /// Master keys still accepted to unwrap tenant keys during a rotation
    /// (docs/operations.md, "Rotating keys on a running cluster").
    previous: Vec<MasterKey>,
    pub settings: VaultSettings,
}

impl FileVault {
    pub fn new(
        store: Store,
        objects: EncryptedStore,
        master: MasterKey,
        settings: VaultSettings,
    ) -> Arc<Self> {
        Self::with_previous_keys(store, objects, master, Vec::new(), settings)
    }

    /// A vault that also unwraps tenant keys wrapped by `previous` master
    /// keys; new tenant keys are wrapped by `master`.
    pub fn with_previous_keys(
        store: Store,
        objects: EncryptedStore,
        master: MasterKey,
        previous: Vec<MasterKey>,
        settings: VaultSettings,
    ) -> Arc<Self> {
        Arc::new(Self {
            store,
            objects,
            master,
            previous,
            settings,
        })
    }

    /// Where objects are kept (for `/readyz` and logs).
    pub fn describe(&self) -> String {
        self.objects.backend().describe()
    }

    /// The tenant's key, created (and wrapped by the master key) on first use.
    pub async fn tenant_key(&self, tenant_id: Uuid) -> Result<TenantKey, AppError> {
        let ring = self.store.key_ring();
        let row = match ring.get(tenant_id).await? {
            Some(row) => row,
            None => {
                let fresh = TenantKey::generate();
                let wrapped = self.master.wrap_tenant_key(&fresh, tenant_id);
                ring.insert_or_get(tenant_id, wrapped, self.master.id())
                    .await?
            }
        };
        let Some(master) = std::iter::once(&self.master)
            .chain(&self.previous)
            .find(|key| key.id() == row.master_key_id)
        else {
            tracing::error!(
                tenant = %tenant_id,
                wrapped_by = %row.master_key_id,
                configured = %self.master.id(),
                "tenant key wrapped by another master key: run `relais rotate-master-key`"
            );
            return Err(AppError::internal());
        };
        master
            .unwrap_tenant_key(&row.wrapped_key, tenant_id)
            .map_err(|err| {
                tracing::error!(tenant = %tenant_id, error = %err, "tenant key does not unwrap");
                AppError::internal()
            })
    }

    /// Seals a small secret (a private key…) with the tenant key.
    pub async fn seal_secret(
        &self,
        tenant_id: Uuid,
        purpose: &str,
        secret: &[u8],
    ) -> Result<Vec<u8>, AppError> {
        let key = self.tenant_key(tenant_id).await?;
        Ok(key.seal_secret(secret, secret_context(tenant_id, purpose).as_bytes()))
    }

    /// Opens a secret sealed by [`FileVault::seal_secret`].
    pub async fn open_secret(
        &self,
        tenant_id: Uuid,
        purpose: &str,
        sealed: &[u8],
    ) -> Result<zeroize::Zeroizing<Vec<u8>>, AppError> {
        let key = self.tenant_key(tenant_id).await?;
        key.open_secret(sealed, secret_context(tenant_id, purpose).as_bytes())
            .map_err(|err| {
                tracing::error!(tenant = %tenant_id, error = %err, "sealed secret does not open");
                AppError::internal()
            })
    }

    /// Checks that the caller may store it, encrypts and stores `content`,
    /// then records its row (with the audit entry). When the row cannot be
    /// written, the object is removed again (or left to the orphan sweep):
    /// never a row without its object.
    pub async fn store(
        &self,
        scoped: Scoped<'_>,
        file: FileToStore,
        content: ByteStream,
    ) -> Result<StoredFile, AppError> {
        // The caller's rights on the tenant first: no object is written for
        // a tenant it does not act for (the row's checks, asked early).
        scoped.files().may_store(file.tenant_id, file.kind)?;
        let id = Uuid::now_v7();
        let object_key = object_key_for(file.tenant_id, file.kind, id)?;
        let key = self.tenant_key(file.tenant_id).await?;
        let receipt = self
            .objects
            .put(
                &object_key,
                &key,
                object_context(file.tenant_id, &object_key).as_bytes(),
                content,
            )
            .await
            .map_err(storage_error)?;
        let recorded = scoped
            .files()
            .record(NewStoredFile {
                id,
                tenant_id: file.tenant_id,
                establishment_id: file.establishment_id,
                base_id: file.base_id,
                ticket_id: file.ticket_id,
                kind: file.kind,
                file_name: file.file_name,
                object_key: object_key.as_str().to_owned(),
                size: receipt.plaintext_size,
                sha256: hex(&receipt.sha256),
                summary: file.summary,
                expires_at: Utc::now() + Duration::days(i64::from(file.retention_days.max(1))),
            })
            .await;
        match recorded {
            Ok(row) => Ok(row),
            Err(err) => {
                if let Err(cleanup) = self.objects.delete(&object_key).await {
                    tracing::warn!(error = %cleanup, "object left for the orphan sweep");
                }
                Err(err.into())
            }
        }
    }

    /// Stores bytes already in memory (the generated files are small).
    pub async fn store_bytes(
        &self,
        scoped: Scoped<'_>,
        file: FileToStore,
        content: Vec<u8>,
    ) -> Result<StoredFile, AppError> {
        let stream: ByteStream =
            futures_util::stream::once(async move { Ok(Bytes::from(content)) }).boxed();
        self.store(scoped, file, stream).await
    }

    /// The plaintext of a stored file, streamed and authenticated chunk by
    /// chunk.
    pub async fn open(&self, row: &StoredFile) -> Result<ByteStream, AppError> {
        let object_key = ObjectKey::parse(&row.object_key).map_err(storage_error)?;
        let key = self.tenant_key(row.tenant_id).await?;
        self.objects
            .get(
                &object_key,
                &key,
                object_context(row.tenant_id, &object_key).as_bytes(),
            )
            .await
            .map_err(storage_error)
    }

    /// « Télécharger » a stored file the caller may read (`id` as sent:
    /// anything that is not one of its files is NOT_FOUND): its row and
    /// plaintext, whose first chunk is already authenticated, so that a
    /// tampered or missing object is an error before anything is sent.
    /// The download is audited.
    pub async fn download(&self, scoped: Scoped<'_>, id: &str) -> Result<Download, AppError> {
        let id = Uuid::parse_str(id).map_err(|_| AppError::not_found())?;
        let row = scoped.files().get(id).await?;
        let mut rest = self.open(&row).await?;
        let first = match rest.next().await {
            Some(Ok(chunk)) => Some(chunk),
            Some(Err(err)) => return Err(storage_error(err)),
            None => None,
        };
        scoped.files().record_download(&row).await?;
        let content = futures_util::stream::iter(first.map(Ok))
            .chain(rest)
            .boxed();
        Ok(Download { row, content })
    }

    /// The whole plaintext of a stored file (at most `max_bytes`).
    pub async fn read(&self, row: &StoredFile, max_bytes: u64) -> Result<Bytes, AppError> {
        let object_key = ObjectKey::parse(&row.object_key).map_err(storage_error)?;
        let key = self.tenant_key(row.tenant_id).await?;
        self.objects
            .read_all(
                &object_key,
                &key,
                object_context(row.tenant_id, &object_key).as_bytes(),
                max_bytes,
            )
            .await
            .map_err(storage_error)
    }

    /// "Supprimer le fichier exporté": the row first, then the object.
    pub async fn delete(&self, scoped: Scoped<'_>, id: Uuid) -> Result<StoredFile, AppError> {
        let row = scoped.files().delete(id).await?;
        self.delete_object(&row.object_key).await;
        Ok(row)
    }

    async fn delete_object(&self, object_key: &str) {
        let deleted = match ObjectKey::parse(object_key) {
            Ok(key) => self.objects.delete(&key).await,
            Err(err) => Err(err),
        };
        if let Err(err) = deleted {
            tracing::warn!(error = %err, "object left for the orphan sweep");
        }
    }

    /// Deletes the files whose retention ended: row, then object. Returns
    /// how many were deleted.
    pub async fn purge_expired(&self) -> Result<usize, AppError> {
        let housekeeping = self.store.file_housekeeping();
        let mut purged = 0;
        loop {
            let expired = housekeeping.expired(Utc::now(), 200).await?;
            if expired.is_empty() {
                return Ok(purged);
            }
            for row in &expired {
                if housekeeping.delete_expired(row).await? {
                    self.delete_object(&row.object_key).await;
                    purged += 1;
                }
            }
        }
    }

    /// Removes objects that have no row and are older than `grace` (a crash
    /// between writing an object and its row). Returns how many were removed.
    pub async fn sweep_orphans(&self, grace: Duration) -> Result<usize, AppError> {
        let listed = self
            .objects
            .list(OBJECT_PREFIX)
            .await
            .map_err(storage_error)?;
        let cutoff = Utc::now() - grace;
        let candidates: Vec<String> = listed
            .iter()
            .filter(|info| info.last_modified < cutoff)
            .map(|info| info.key.as_str().to_owned())
            .collect();
        let known = self
            .store
            .file_housekeeping()
            .known_object_keys(&candidates)
            .await?;
        let mut removed = 0;
        for key in candidates.iter().filter(|key| !known.contains(*key)) {
            self.delete_object(key).await;
            removed += 1;
        }
        Ok(removed)
    }
}

const OBJECT_PREFIX: &str = "tenants/";

fn object_key_for(tenant_id: Uuid, kind: FileKind, id: Uuid) -> Result<ObjectKey, AppError> {
    let folder = match kind {
        FileKind::AccountMatching => "account-matching",
        FileKind::IdentifiersExport => "identifiers-exports",
        FileKind::TicketAttachment => "ticket-attachments",
        FileKind::PronoteIdentifiers => "pronote-identifiers",
    };
    ObjectKey::parse(&format!("{OBJECT_PREFIX}{tenant_id}/{folder}/{id}")).map_err(storage_error)
}

/// Binds an object to its tenant and key: an object copied elsewhere does
/// not decrypt.
fn object_context(tenant_id: Uuid, key: &ObjectKey) -> String {
    format!("relais/object/{tenant_id}/{}", key.as_str())
}

fn secret_context(tenant_id: Uuid, purpose: &str) -> String {
    format!("relais/secret/{tenant_id}/{purpose}")
}

/// Storage failures as the API tells them.
pub fn storage_error(err: StorageError) -> AppError {
    match err {
        StorageError::Unreachable(_) => {
            tracing::error!(error = %err, "object storage unreachable");
            AppError::new(
                crate::ErrorCode::StorageUnavailable,
                "Le stockage des fichiers est momentanément injoignable : rien n'a été enregistré. Réessayez dans quelques minutes ; si cela persiste, prévenez l'assistance.",
            )
        }
        StorageError::NotFound => AppError::not_found(),
        StorageError::Tampered(_) | StorageError::Truncated(_) => {
            tracing::error!(error = %err, code = err.code(), "stored object fails authentication");
            AppError::new(
                    crate::ErrorCode::Internal,
                    "Le fichier conservé est altéré ou incomplet : Relais refuse de le délivrer. Générez-le à nouveau ou prévenez l'assistance.",
                ).with_reason(err.code())
        }
        other => {
            tracing::error!(error = %other, code = other.code(), "object storage error");
            AppError::internal()
        }
    }
}

/// A file name kept for downloads: letters, digits, `.`, `-`, `_`.
pub fn safe_file_name(name: &str) -> String {
    let kept: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .take(120)
        .collect();
    if kept.trim_matches(['_', '.']).is_empty() {
        "piece-jointe".into()
    } else {
        kept
    }
}
