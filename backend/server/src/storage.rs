//! Object storage: where exports and attachments are kept.
//!
//! One trait, implemented today by a local directory (the embedded default,
//! `<data_dir>/objects`). The S3 implementation (aws-sdk-s3), envelope
//! encryption and streaming arrive with the exports issue.

use std::path::{Path, PathBuf};

use async_trait::async_trait;
use bytes::Bytes;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum StorageError {
    #[error("clé d'objet invalide : {0}")]
    InvalidKey(String),
    #[error("objet introuvable")]
    NotFound,
    #[error("stockage : {0}")]
    Io(#[from] std::io::Error),
}

/// A key such as `tenants/<id>/exports/0410017W.xml`: segments of letters,
/// digits, `.`, `-`, `_`, never `..`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectKey(String);

impl ObjectKey {
    pub fn parse(raw: &str) -> Result<Self, StorageError> {
        let valid = !raw.is_empty()
            && raw.len() <= 512
            && raw.split('/').all(|segment| {
                !segment.is_empty()
                    && segment != "."
                    && segment != ".."
                    && segment
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
            });
        if valid {
            Ok(Self(raw.to_owned()))
        } else {
            Err(StorageError::InvalidKey(raw.chars().take(80).collect()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[async_trait]
pub trait ObjectStore: Send + Sync {
    async fn put(&self, key: &ObjectKey, body: Bytes) -> Result<(), StorageError>;
    async fn get(&self, key: &ObjectKey) -> Result<Bytes, StorageError>;
    /// Deleting a missing object is not an error.
    async fn delete(&self, key: &ObjectKey) -> Result<(), StorageError>;
}

/// Objects as files under one directory. Writes go to a temporary file first
/// and are renamed into place, so a reader never sees half an object.
pub struct LocalDirStore {
    root: PathBuf,
}

impl LocalDirStore {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    fn path(&self, key: &ObjectKey) -> PathBuf {
        self.root.join(Path::new(key.as_str()))
    }
}

#[async_trait]
impl ObjectStore for LocalDirStore {
    async fn put(&self, key: &ObjectKey, body: Bytes) -> Result<(), StorageError> {
        let path = self.path(key);
        if let Some(parent) = path.parent() {
            tokio::fs::create_dir_all(parent).await?;
        }
        let temporary = path.with_extension(format!("tmp-{}", uuid::Uuid::new_v4()));
        tokio::fs::write(&temporary, &body).await?;
        tokio::fs::rename(&temporary, &path).await?;
        Ok(())
    }

    async fn get(&self, key: &ObjectKey) -> Result<Bytes, StorageError> {
        match tokio::fs::read(self.path(key)).await {
            Ok(content) => Ok(Bytes::from(content)),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Err(StorageError::NotFound),
            Err(err) => Err(err.into()),
        }
    }

    async fn delete(&self, key: &ObjectKey) -> Result<(), StorageError> {
        match tokio::fs::remove_file(self.path(key)).await {
            Err(err) if err.kind() != std::io::ErrorKind::NotFound => Err(err.into()),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_that_climb_out_of_the_root_are_refused() {
        for raw in ["", "../etc/passwd", "a//b", "a/./b", "/abs", "a b", "a\\b"] {
            assert!(ObjectKey::parse(raw).is_err(), "{raw:?}");
        }
        assert!(ObjectKey::parse("tenants/42/exports/0410017W.xml").is_ok());
    }

    #[tokio::test]
    async fn an_object_reads_back_and_is_gone_after_delete() {
        let dir = tempfile::tempdir().unwrap();
        let store = LocalDirStore::new(dir.path());
        let key = ObjectKey::parse("t/exports/0410017W.xml").unwrap();
        store
            .put(&key, Bytes::from_static(b"<xml/>"))
            .await
            .unwrap();
        assert_eq!(
            store.get(&key).await.unwrap(),
            Bytes::from_static(b"<xml/>")
        );
        store.delete(&key).await.unwrap();
        assert!(matches!(store.get(&key).await, Err(StorageError::NotFound)));
        store.delete(&key).await.unwrap();
    }
}
