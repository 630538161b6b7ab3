//! Where Relais keeps files (exports, attachments) and how it protects them.
//!
//! - [`ObjectStore`]: one streaming trait, two backends: a local directory
//!   (the embedded default, `<data_dir>/objects`) and S3 (aws-sdk-s3; AWS,
//!   Garage, MinIO, Ceph).
//! - [`envelope`]: every object is encrypted in the process before it leaves
//!   it: a random data key per object, AES-256-GCM in fixed-size
//!   authenticated chunks, the data key wrapped by the tenant key, the tenant
//!   key wrapped by the master key.

pub mod envelope;
mod error;
pub mod keys;
mod local;
mod object_key;
pub mod s3;

use async_trait::async_trait;
use bytes::Bytes;
use chrono::{DateTime, Utc};
use futures_util::stream::BoxStream;

pub use error::{Result, StorageError};
pub use local::LocalDirStore;
pub use object_key::ObjectKey;

/// A stream of bytes read from or written to a store.
pub type ByteStream = BoxStream<'static, Result<Bytes, StorageError>>;

/// What a listing tells about one object (used by the orphan sweep).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectInfo {
    pub key: ObjectKey,
    pub size: u64,
    pub last_modified: DateTime<Utc>,
}

/// A place where objects are written whole or not at all.
#[async_trait]
pub trait ObjectStore: Send + Sync {
    /// Writes the object from a stream (multipart for S3); memory does not
    /// grow with the size. Returns the number of bytes stored. A failed put
    /// leaves no object behind (or at worst an orphan the sweep removes).
    async fn put(&self, key: &ObjectKey, body: ByteStream) -> Result<u64, StorageError>;
    /// Streams the object back.
    async fn get(&self, key: &ObjectKey) -> Result<ByteStream, StorageError>;
    /// Deleting a missing object is not an error.
    async fn delete(&self, key: &ObjectKey) -> Result<(), StorageError>;
    /// Objects whose key starts with `prefix`.
    async fn list(&self, prefix: &str) -> Result<Vec<ObjectInfo>, StorageError>;
    /// A short description for logs and `/readyz` (no secret).
    fn describe(&self) -> String;
}
