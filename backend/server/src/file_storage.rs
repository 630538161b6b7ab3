//! Object storage of the server: the `[storage]` configuration, the master
//! key, the file vault the API uses, and the retention and orphan jobs.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use relais_app::file_vault::{FileVault, VaultSettings};
use relais_objects::envelope::EncryptedStore;
use relais_objects::keys::MasterKey;
use relais_objects::s3::{S3Settings, S3Store};
use relais_objects::{LocalDirStore, ObjectStore};
use relais_store::Store;
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

use crate::config::{Settings, read_secret};
use crate::error::ServerError;
use crate::jobs::Job;

/// Where files are kept (`local` or `s3`).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum StorageBackend {
    Local,
    S3,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StorageSettings {
    pub backend: StorageBackend,
    /// Local backend: default `<data_dir>/objects`.
    pub local_dir: Option<PathBuf>,
    /// The master key, base64 of 32 bytes; with neither it nor its file, one
    /// is generated into `<data_dir>/master-key` (embedded defaults only).
    #[serde(skip_serializing)]
    pub master_key: Option<SecretString>,
    pub master_key_file: Option<PathBuf>,
    /// Files of earlier master keys, still accepted to unwrap tenant keys
    /// while a rotation is under way (docs/operations.md).
    pub previous_master_key_files: Vec<PathBuf>,
    /// Largest file accepted on upload, in bytes.
    pub upload_max_bytes: u64,
    /// Largest content of a received PRONOTE export once decompressed
    /// (zip bombs are refused past it).
    pub max_inflated_bytes: u64,
    /// Default retention in days, per kind (tenants may override).
    pub retention_account_matching_days: u32,
    pub retention_identifiers_export_days: u32,
    /// Retention of helpdesk ticket attachments, in days.
    pub retention_ticket_attachment_days: u32,
    /// Seconds between two runs of the retention and orphan jobs.
    pub housekeeping_interval_seconds: u64,
    /// An object without a row is removed once older than this.
    pub orphan_grace_seconds: u64,
    pub s3: S3Config,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct S3Config {
    /// Empty for AWS; `http://127.0.0.1:3900` for a local Garage.
    pub endpoint: Option<String>,
    pub region: String,
    pub bucket: String,
    /// Garage, MinIO and Ceph usually need path-style addressing.
    pub path_style: bool,
    /// Empty: the standard AWS credential chain.
    pub access_key_id: Option<String>,
    /// The access key id from a file (a Kubernetes Secret mounted as files).
    pub access_key_id_file: Option<PathBuf>,
    #[serde(skip_serializing)]
    pub secret_access_key: Option<SecretString>,
    pub secret_access_key_file: Option<PathBuf>,
    pub part_size_mib: u32,
    pub timeout_seconds: u64,
}

impl Default for StorageSettings {
    fn default() -> Self {
        Self {
            backend: StorageBackend::Local,
            local_dir: None,
            master_key: None,
            master_key_file: None,
            previous_master_key_files: Vec::new(),
            upload_max_bytes: 50 * 1024 * 1024,
            max_inflated_bytes: 200 * 1024 * 1024,
            retention_account_matching_days: 30,
            retention_identifiers_export_days: 30,
            retention_ticket_attachment_days: 365,
            housekeeping_interval_seconds: 3600,
            orphan_grace_seconds: 3600,
            s3: S3Config::default(),
        }
    }
}

impl Default for S3Config {
    fn default() -> Self {
        Self {
            endpoint: None,
            region: "us-east-1".into(),
            bucket: String::new(),
            path_style: false,
            access_key_id: None,
            access_key_id_file: None,
            secret_access_key: None,
            secret_access_key_file: None,
            part_size_mib: 8,
            timeout_seconds: 60,
        }
    }
}

impl StorageSettings {
    /// The S3 settings the object crate takes, secrets resolved.
    pub fn s3_settings(&self) -> Result<S3Settings, ServerError> {
        if self.s3.bucket.trim().is_empty() {
            return Err(ServerError::Config(
                "storage.s3.bucket est obligatoire avec storage.backend = \"s3\".".into(),
            ));
        }
        let access_key_id = read_secret(
            &self.s3.access_key_id.clone().map(SecretString::from),
            &self.s3.access_key_id_file,
            "storage.s3.access_key_id",
        )?;
        let secret = read_secret(
            &self.s3.secret_access_key,
            &self.s3.secret_access_key_file,
            "storage.s3.secret_access_key",
        )?;
        Ok(S3Settings {
            endpoint: self.s3.endpoint.clone(),
            region: self.s3.region.clone(),
            bucket: self.s3.bucket.clone(),
            path_style: self.s3.path_style,
            access_key_id: access_key_id.map(|id| id.expose_secret().trim().to_owned()),
            secret_access_key: secret.map(|s| s.expose_secret().to_owned()),
            part_size_bytes: (self.s3.part_size_mib.max(5) as usize) * 1024 * 1024,
            timeout: Duration::from_secs(self.s3.timeout_seconds.max(1)),
        })
    }
}

/// The configured object store.
pub async fn object_store(settings: &Settings) -> Result<Arc<dyn ObjectStore>, ServerError> {
    let storage = &settings.storage;
    Ok(match storage.backend {
        StorageBackend::Local => {
            let dir = storage
                .local_dir
                .clone()
                .unwrap_or_else(|| settings.data_dir.join("objects"));
            std::fs::create_dir_all(&dir)?;
            Arc::new(LocalDirStore::new(dir))
        }
        StorageBackend::S3 => Arc::new(
            S3Store::connect(&storage.s3_settings()?)
                .await
                .map_err(|err| ServerError::Config(format!("stockage S3 : {err}")))?,
        ),
    })
}

/// The configured master key, or the one generated into the data directory.
pub fn master_key(settings: &Settings) -> Result<MasterKey, ServerError> {
    let storage = &settings.storage;
    match read_secret(
        &storage.master_key,
        &storage.master_key_file,
        "storage.master_key",
    )? {
        Some(secret) => parse_master_key(secret.expose_secret()),
        None => generated_master_key(&settings.data_dir),
    }
}

/// The master keys of `storage.previous_master_key_files`.
pub fn previous_master_keys(settings: &Settings) -> Result<Vec<MasterKey>, ServerError> {
    settings
        .storage
        .previous_master_key_files
        .iter()
        .map(|path| read_master_key_file(path))
        .collect()
}

/// Reads a master key file (base64 of 32 bytes), for `rotate-master-key`.
pub fn read_master_key_file(path: &Path) -> Result<MasterKey, ServerError> {
    let text = std::fs::read_to_string(path).map_err(|err| {
        ServerError::Config(format!("lecture de {} impossible ({err}).", path.display()))
    })?;
    parse_master_key(text.trim())
}

fn parse_master_key(text: &str) -> Result<MasterKey, ServerError> {
    MasterKey::from_base64(text.trim()).map_err(|_| {
        ServerError::Config(
            "storage.master_key doit être 32 octets encodés en base64 (openssl rand -base64 32)."
                .into(),
        )
    })
}

const MASTER_KEY_FILE: &str = "master-key";

fn generated_master_key(data_dir: &Path) -> Result<MasterKey, ServerError> {
    let path = data_dir.join(MASTER_KEY_FILE);
    if path.is_file() {
        return read_master_key_file(&path);
    }
    std::fs::create_dir_all(data_dir)?;
    let key = MasterKey::generate();
    crate::keys::write_private(&path, &key.to_base64())?;
    tracing::warn!(
        path = %path.display(),
        "no storage.master_key configured: generated one into the data directory; \
         configure RELAIS_STORAGE__MASTER_KEY_FILE in production and back it up"
    );
    Ok(key)
}

/// The vault the API stores files through.
pub async fn file_vault(settings: &Settings, store: &Store) -> Result<Arc<FileVault>, ServerError> {
    let objects = EncryptedStore::new(object_store(settings).await?);
    Ok(FileVault::with_previous_keys(
        store.clone(),
        objects,
        master_key(settings)?,
        previous_master_keys(settings)?,
        VaultSettings {
            upload_max_bytes: settings.storage.upload_max_bytes,
            retention_account_matching_days: settings.storage.retention_account_matching_days,
            retention_identifiers_export_days: settings.storage.retention_identifiers_export_days,
            inflate_max_bytes: settings.storage.max_inflated_bytes,
            retention_ticket_attachment_days: settings.storage.retention_ticket_attachment_days,
        },
    ))
}

/// Deletes files whose retention ended, then objects left without a row.
/// One process at a time (lease), whatever the number of servers.
pub struct FileHousekeepingJob {
    pub store: Store,
    pub vault: Arc<FileVault>,
    pub every: Duration,
    pub orphan_grace: chrono::Duration,
    pub holder: String,
}

#[async_trait]
impl Job for FileHousekeepingJob {
    fn name(&self) -> &'static str {
        "file_housekeeping"
    }

    fn every(&self) -> Duration {
        self.every
    }

    async fn run(&self, _stopping: &crate::jobs::Stopping) -> anyhow::Result<()> {
        let ttl = chrono::Duration::from_std(self.every).unwrap_or(chrono::Duration::hours(1)) / 2;
        if !self
            .store
            .leases()
            .acquire(
                self.name(),
                &self.holder,
                ttl.max(chrono::Duration::seconds(1)),
            )
            .await?
        {
            return Ok(());
        }
        let expired = self
            .vault
            .purge_expired()
            .await
            .map_err(|err| anyhow::anyhow!(err.message))?;
        let orphans = self
            .vault
            .sweep_orphans(self.orphan_grace)
            .await
            .map_err(|err| anyhow::anyhow!(err.message))?;
        tracing::info!(expired, orphans, "stored files housekept");
        Ok(())
    }
}

/// What a master-key rotation did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RotationReport {
    pub rewrapped: usize,
    pub already_current: usize,
}

/// Re-wraps every tenant key from `current` to `new`. Objects are not
/// touched: their data keys are wrapped by the tenant keys, which do not
/// change. Safe to run twice; a key wrapped by a third master key stops it.
pub async fn rotate_master_key(
    store: &Store,
    current: &MasterKey,
    new: &MasterKey,
) -> Result<RotationReport, ServerError> {
    rewrap_tenant_keys(store, std::slice::from_ref(current), new).await
}

/// Re-wraps every tenant key wrapped by one of `from` with `to` (the
/// configured master key, after a rotation rolled out with the old key in
/// `storage.previous_master_key_files`).
pub async fn rewrap_tenant_keys(
    store: &Store,
    from: &[MasterKey],
    to: &MasterKey,
) -> Result<RotationReport, ServerError> {
    let ring = store.key_ring();
    let mut report = RotationReport::default();
    for row in ring.all().await? {
        if row.master_key_id == to.id() {
            report.already_current += 1;
            continue;
        }
        let Some(current) = from.iter().find(|key| key.id() == row.master_key_id) else {
            return Err(ServerError::Config(format!(
                "la clé de l'opérateur {} est chiffrée par une clé maîtresse inconnue ({}) : \
                 ajoutez-la à storage.previous_master_key_files.",
                row.tenant_id, row.master_key_id
            )));
        };
        let new = to;
        let tenant_key = current
            .unwrap_tenant_key(&row.wrapped_key, row.tenant_id)
            .map_err(|err| {
                ServerError::Config(format!("clé de l'opérateur {} : {err}", row.tenant_id))
            })?;
        let wrapped = new.wrap_tenant_key(&tenant_key, row.tenant_id);
        if ring
            .rewrap(row.tenant_id, current.id(), wrapped, new.id())
            .await?
        {
            report.rewrapped += 1;
        }
    }
    Ok(report)
}
