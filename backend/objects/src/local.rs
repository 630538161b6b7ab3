//! Objects as files under one directory: the embedded default
//! (`<data_dir>/objects`).
//!
//! A put streams into a temporary file beside the final one (same
//! directory, so the same file system), fsyncs it, renames it into place and
//! fsyncs the directory: a reader sees the whole object or none, even after a
//! crash. Temporary names contain `~`, which no [`ObjectKey`] may, so a
//! listing never shows them. Disk work runs on blocking threads fed through
//! small bounded channels: memory does not grow with the object.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use async_trait::async_trait;
use bytes::Bytes;
use chrono::{DateTime, Utc};
use futures_util::StreamExt;
use tokio::sync::mpsc;

use crate::{ByteStream, ObjectInfo, ObjectKey, ObjectStore, StorageError};

/// Bytes read from disk at a time when streaming an object back.
const READ_SIZE: usize = 256 * 1024;
/// Items in flight between the async side and the disk thread.
const CHANNEL_DEPTH: usize = 4;
const TEMPORARY_MARKER: &str = ".~tmp-";

/// Objects as files under one directory.
#[derive(Debug, Clone)]
pub struct LocalDirStore {
    root: PathBuf,
}

impl LocalDirStore {
    /// The directory is created on the first put.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    fn path(&self, key: &ObjectKey) -> PathBuf {
        self.root.join(Path::new(key.as_str()))
    }
}

#[async_trait]
impl ObjectStore for LocalDirStore {
    async fn put(&self, key: &ObjectKey, mut body: ByteStream) -> Result<u64, StorageError> {
        let path = self.path(key);
        let parent = path.parent().unwrap_or(&self.root).to_path_buf();
        tokio::fs::create_dir_all(&parent).await?;
        let file_name = path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        let temporary = TemporaryFile(Some(parent.join(format!(
            "{file_name}{TEMPORARY_MARKER}{}",
            uuid::Uuid::new_v4().simple()
        ))));
        let temporary_path = temporary.path().to_path_buf();

        let (sender, receiver) = mpsc::channel::<Bytes>(CHANNEL_DEPTH);
        let writer = tokio::task::spawn_blocking(move || write_file(&temporary_path, receiver));
        let mut failure = None;
        while let Some(item) = body.next().await {
            match item {
                Ok(bytes) => {
                    if sender.send(bytes).await.is_err() {
                        break; // the writer failed: its error is below
                    }
                }
                Err(err) => {
                    failure = Some(err);
                    break;
                }
            }
        }
        drop(sender);
        let written = writer.await.map_err(join_error)?;
        if let Some(err) = failure {
            return Err(err);
        }
        let (file, size) = written?;
        tokio::task::spawn_blocking(move || -> std::io::Result<()> {
            file.sync_all()?;
            drop(file);
            std::fs::rename(temporary.path(), &path)?;
            temporary.keep();
            std::fs::File::open(&parent)?.sync_all()
        })
        .await
        .map_err(join_error)??;
        Ok(size)
    }

    async fn get(&self, key: &ObjectKey) -> Result<ByteStream, StorageError> {
        let path = self.path(key);
        let file = match tokio::task::spawn_blocking(move || open_object(&path))
            .await
            .map_err(join_error)?
        {
            Ok(file) => file,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                return Err(StorageError::NotFound);
            }
            Err(err) => return Err(err.into()),
        };
        let (sender, receiver) = mpsc::channel(CHANNEL_DEPTH);
        tokio::task::spawn_blocking(move || read_file(file, &sender));
        Ok(
            futures_util::stream::unfold(receiver, |mut receiver| async move {
                let item = receiver.recv().await?;
                Some((item, receiver))
            })
            .boxed(),
        )
    }

    async fn delete(&self, key: &ObjectKey) -> Result<(), StorageError> {
        match tokio::fs::remove_file(self.path(key)).await {
            Err(err) if err.kind() != std::io::ErrorKind::NotFound => Err(err.into()),
            _ => Ok(()),
        }
    }

    async fn list(&self, prefix: &str) -> Result<Vec<ObjectInfo>, StorageError> {
        let root = self.root.clone();
        let prefix = prefix.to_owned();
        tokio::task::spawn_blocking(move || list_dir(&root, &prefix))
            .await
            .map_err(join_error)?
    }

    fn describe(&self) -> String {
        format!("local:{}", self.root.display())
    }
}

/// Removes the temporary file unless it was renamed into place, including
/// when the put is cancelled half-way.
struct TemporaryFile(Option<PathBuf>);

impl TemporaryFile {
    fn path(&self) -> &Path {
        self.0.as_deref().unwrap_or(Path::new(""))
    }

    fn keep(mut self) {
        self.0 = None;
    }
}

impl Drop for TemporaryFile {
    fn drop(&mut self) {
        if let Some(path) = self.0.take() {
            let _ = std::fs::remove_file(path);
        }
    }
}

fn write_file(
    path: &Path,
    mut receiver: mpsc::Receiver<Bytes>,
) -> std::io::Result<(std::fs::File, u64)> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    let mut size = 0u64;
    while let Some(bytes) = receiver.blocking_recv() {
        file.write_all(&bytes)?;
        size += bytes.len() as u64;
    }
    Ok((file, size))
}

fn open_object(path: &Path) -> std::io::Result<std::fs::File> {
    let file = std::fs::File::open(path)?;
    if file.metadata()?.is_file() {
        Ok(file)
    } else {
        Err(std::io::ErrorKind::NotFound.into())
    }
}

fn read_file(mut file: std::fs::File, sender: &mpsc::Sender<Result<Bytes, StorageError>>) {
    loop {
        let mut buffer = vec![0u8; READ_SIZE];
        let item = match file.read(&mut buffer) {
            Ok(0) => return,
            Ok(read) => {
                buffer.truncate(read);
                Ok(Bytes::from(buffer))
            }
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(err) => Err(err.into()),
        };
        let failed = item.is_err();
        if sender.blocking_send(item).is_err() || failed {
            return; // the reader went away, or the error was handed over
        }
    }
}

fn list_dir(root: &Path, prefix: &str) -> Result<Vec<ObjectInfo>, StorageError> {
    // Start from the deepest directory the prefix names, when it is a valid
    // key itself (it then stays under the root).
    let (start, start_key) = match prefix.rsplit_once('/') {
        Some((dir, _)) if ObjectKey::parse(dir).is_ok() => (root.join(dir), format!("{dir}/")),
        _ => (root.to_path_buf(), String::new()),
    };
    let mut found = Vec::new();
    let mut pending = vec![(start, start_key)];
    while let Some((dir, key_prefix)) = pending.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => continue,
            Err(err) => return Err(err.into()),
        };
        for entry in entries {
            let entry = entry?;
            let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
                continue;
            };
            let key = format!("{key_prefix}{name}");
            // Symbolic links are neither followed nor listed.
            let file_type = entry.file_type()?;
            if file_type.is_dir() {
                let dir_key = format!("{key}/");
                if dir_key.starts_with(prefix) || prefix.starts_with(&dir_key) {
                    pending.push((entry.path(), dir_key));
                }
            } else if file_type.is_file() && key.starts_with(prefix) {
                // Temporary files (`~`) and stray names are not objects.
                let Ok(key) = ObjectKey::parse(&key) else {
                    continue;
                };
                let metadata = match entry.metadata() {
                    Ok(metadata) => metadata,
                    // Renamed over or deleted while listing.
                    Err(err) if err.kind() == std::io::ErrorKind::NotFound => continue,
                    Err(err) => return Err(err.into()),
                };
                found.push(ObjectInfo {
                    key,
                    size: metadata.len(),
                    last_modified: metadata
                        .modified()
                        .map(DateTime::<Utc>::from)
                        .unwrap_or_else(|_| Utc::now()),
                });
            }
        }
    }
    found.sort_by(|a, b| a.key.cmp(&b.key));
    Ok(found)
}

fn join_error(err: tokio::task::JoinError) -> StorageError {
    StorageError::Io(std::io::Error::other(format!(
        "tâche d'entrée-sortie interrompue : {err}"
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(parts: &[&'static [u8]]) -> ByteStream {
        let parts: Vec<Result<Bytes, StorageError>> =
            parts.iter().map(|p| Ok(Bytes::from_static(p))).collect();
        futures_util::stream::iter(parts).boxed()
    }

    async fn read(store: &LocalDirStore, key: &ObjectKey) -> Result<Vec<u8>, StorageError> {
        let mut stream = store.get(key).await?;
        let mut out = Vec::new();
        while let Some(chunk) = stream.next().await {
            out.extend_from_slice(&chunk?);
        }
        Ok(out)
    }

    #[tokio::test]
    async fn an_object_reads_back_and_is_gone_after_delete() {
        let dir = tempfile::tempdir().unwrap();
        let store = LocalDirStore::new(dir.path());
        let key = ObjectKey::parse("t/exports/0410017W.xml").unwrap();

        let size = store.put(&key, body(&[b"<xml", b"/>"])).await.unwrap();

        assert_eq!(size, 6);
        assert_eq!(read(&store, &key).await.unwrap(), b"<xml/>");
        store.delete(&key).await.unwrap();
        assert!(matches!(
            read(&store, &key).await,
            Err(StorageError::NotFound)
        ));
        store.delete(&key).await.unwrap();
    }

    #[tokio::test]
    async fn a_put_that_fails_half_way_leaves_the_previous_object_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let store = LocalDirStore::new(dir.path());
        let key = ObjectKey::parse("a/b").unwrap();
        store.put(&key, body(&[b"old"])).await.unwrap();

        let failing: ByteStream = futures_util::stream::iter(vec![
            Ok(Bytes::from_static(b"new")),
            Err(StorageError::Backend("source coupée".into())),
        ])
        .boxed();
        let err = store.put(&key, failing).await.unwrap_err();

        assert!(matches!(err, StorageError::Backend(_)));
        assert_eq!(read(&store, &key).await.unwrap(), b"old");
        let names: Vec<_> = std::fs::read_dir(dir.path().join("a"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("b")]);
    }

    #[tokio::test]
    async fn listing_walks_the_tree_filters_by_prefix_and_skips_temporary_files() {
        let dir = tempfile::tempdir().unwrap();
        let store = LocalDirStore::new(dir.path());
        for key in ["tenants/a/x/1", "tenants/a/y/2", "tenants/b/3", "other"] {
            let key = ObjectKey::parse(key).unwrap();
            store.put(&key, body(&[b"1234"])).await.unwrap();
        }
        std::fs::write(dir.path().join("tenants/a/x/1.~tmp-abc"), b"half").unwrap();

        let listed: Vec<_> = store
            .list("tenants/a/")
            .await
            .unwrap()
            .into_iter()
            .map(|info| (info.key.as_str().to_owned(), info.size))
            .collect();
        assert_eq!(
            listed,
            vec![("tenants/a/x/1".into(), 4), ("tenants/a/y/2".into(), 4)]
        );
        assert_eq!(store.list("").await.unwrap().len(), 4);
        assert_eq!(store.list("tenants/").await.unwrap().len(), 3);
        assert_eq!(store.list("tenants/b").await.unwrap().len(), 1);
        assert!(store.list("nothing/here/").await.unwrap().is_empty());
        assert!(store.list("../").await.unwrap().is_empty());
        let info = &store.list("other").await.unwrap()[0];
        assert!(info.last_modified <= Utc::now());
    }

    #[tokio::test]
    async fn a_directory_is_not_an_object() {
        let dir = tempfile::tempdir().unwrap();
        let store = LocalDirStore::new(dir.path());
        store
            .put(&ObjectKey::parse("a/b").unwrap(), body(&[b"x"]))
            .await
            .unwrap();
        let err = read(&store, &ObjectKey::parse("a").unwrap()).await;
        assert!(matches!(err, Err(StorageError::NotFound)));
    }
}
