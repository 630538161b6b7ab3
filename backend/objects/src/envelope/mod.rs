//! Envelope encryption of objects, streamed chunk by chunk.
//!
//! # Layout of a stored object
//!
//! ```text
//! header (77 bytes)
//!   "RLX1"            magic
//!   1                 format version
//!   1                 suite: AES-256-GCM, STREAM nonces
//!   u32 BE            plaintext bytes per chunk (65 536)
//!   7 bytes           random nonce prefix
//!   60 bytes          the object's data key wrapped by the tenant key
//!                     (nonce ‖ ciphertext ‖ tag; AAD = label ‖ header
//!                     fields above ‖ context)
//! chunks
//!   ciphertext ‖ tag  each chunk of plaintext sealed with the data key;
//!                     every chunk is full except the last (0 to 64 KiB)
//! ```
//!
//! Chunks follow the STREAM construction (Hoang, Reyhanitabar, Rogaway,
//! Vizár 2015): nonce = prefix ‖ u32 BE chunk counter ‖ last-chunk flag. The
//! AAD of every chunk is the SHA-256 of the caller's context (the server
//! passes `relais/object/<tenant>/<key>`) and of the whole header. So
//! altering a byte, swapping, duplicating or dropping chunks, cutting the
//! end off, and copying the object under another key or tenant all fail
//! authentication; [`EncryptedStore::get`] yields only authenticated
//! plaintext and ends with an error when the object is not whole.
//!
//! 64 KiB chunks: the tag costs 0.02 % and per-chunk work (nonce, a 32-byte
//! AAD) is noise next to AES-GCM itself, while a reader never holds more
//! than one unauthenticated chunk (the size age uses). Memory per stream
//! stays a few chunks whatever the object size.

use std::sync::Arc;

use bytes::{Bytes, BytesMut};
use futures_util::StreamExt;
use ring::aead::{Aad, LessSafeKey, NONCE_LEN, Nonce};
use ring::digest::{Context as Digest, SHA256};
use tokio::sync::oneshot;

use crate::keys::{KEY_LEN, TAG_LEN, TenantKey, WRAPPED_DATA_KEY_LEN, aead_key, random_key};
use crate::{ByteStream, ObjectInfo, ObjectKey, ObjectStore, StorageError};

mod streams;

/// Plaintext bytes per chunk.
pub const CHUNK_SIZE: usize = 64 * 1024;
/// Bytes added to each chunk (the GCM tag).
pub const CHUNK_OVERHEAD: usize = TAG_LEN;
/// Length of the header in front of the chunks.
pub const HEADER_LEN: usize = FIXED_HEADER_LEN + WRAPPED_DATA_KEY_LEN;

const MAGIC: &[u8; 4] = b"RLX1";
const VERSION: u8 = 1;
const SUITE_AES_256_GCM_STREAM: u8 = 1;
const NONCE_PREFIX_LEN: usize = 7;
/// magic, version, suite, chunk size, nonce prefix.
const FIXED_HEADER_LEN: usize = 4 + 1 + 1 + 4 + NONCE_PREFIX_LEN;
/// Chunk sizes a reader accepts (the field is authenticated, the bound
/// only keeps an altered header from asking for a huge buffer).
const MAX_CHUNK_SIZE: usize = 4 * 1024 * 1024;
const DATA_KEY_LABEL: &[u8] = b"relais/data-key/v1\0";
const CHUNK_LABEL: &[u8] = b"relais/chunk/v1\0";

/// The stored size of an object of `plaintext_size` bytes.
pub fn stored_size_for(plaintext_size: u64) -> u64 {
    let chunks = plaintext_size.div_ceil(CHUNK_SIZE as u64).max(1);
    HEADER_LEN as u64 + plaintext_size + chunks * CHUNK_OVERHEAD as u64
}

/// Seals the chunks of one object. Synchronous and pure, so it can be
/// measured alone (`examples/storage_bench.rs`); [`EncryptedStore::put`]
/// drives it over a stream.
pub struct ChunkSealer {
    key: LessSafeKey,
    aad: [u8; 32],
    nonce_prefix: [u8; NONCE_PREFIX_LEN],
    header: [u8; HEADER_LEN],
    counter: u32,
    finished: bool,
}

impl ChunkSealer {
    /// A fresh data key and nonce prefix for one object, wrapped by
    /// `tenant_key` and bound to `context`.
    pub fn new(tenant_key: &TenantKey, context: &[u8]) -> Result<Self, StorageError> {
        let data_key = random_key();
        let mut nonce_prefix = [0u8; NONCE_PREFIX_LEN];
        rand::RngCore::fill_bytes(&mut rand::rng(), &mut nonce_prefix);

        let mut header = [0u8; HEADER_LEN];
        header[..4].copy_from_slice(MAGIC);
        header[4] = VERSION;
        header[5] = SUITE_AES_256_GCM_STREAM;
        header[6..10].copy_from_slice(&(CHUNK_SIZE as u32).to_be_bytes());
        header[10..FIXED_HEADER_LEN].copy_from_slice(&nonce_prefix);
        let wrapped = tenant_key.wrap_data_key(
            &data_key,
            &data_key_aad(&header[..FIXED_HEADER_LEN], context),
        )?;
        header[FIXED_HEADER_LEN..].copy_from_slice(&wrapped);

        Ok(Self {
            key: aead_key(&data_key)?,
            aad: chunk_aad(context, &header),
            nonce_prefix,
            header,
            counter: 0,
            finished: false,
        })
    }

    /// The header to store in front of the chunks.
    pub fn header(&self) -> &[u8] {
        &self.header
    }

    /// Seals `chunk` in place (at most [`CHUNK_SIZE`] bytes of plaintext;
    /// exactly that unless `last`) and appends its tag. After the last
    /// chunk the sealer refuses more.
    pub fn seal_chunk(&mut self, chunk: &mut BytesMut, last: bool) -> Result<(), StorageError> {
        self.seal_tail(chunk, 0, last)
    }

    /// Seals `buffer[start..]` in place as the next chunk and appends its
    /// tag, so that many sealed chunks can share one buffer.
    fn seal_tail(
        &mut self,
        buffer: &mut BytesMut,
        start: usize,
        last: bool,
    ) -> Result<(), StorageError> {
        let len = buffer.len().saturating_sub(start);
        if self.finished || start > buffer.len() || len > CHUNK_SIZE || (!last && len != CHUNK_SIZE)
        {
            return Err(StorageError::Backend(
                "bloc de taille inattendue lors du chiffrement".into(),
            ));
        }
        let nonce = self.nonce(last)?;
        let tail = buffer
            .get_mut(start..)
            .ok_or_else(crate::keys::crypto_failure)?;
        let tag = self
            .key
            .seal_in_place_separate_tag(nonce, Aad::from(self.aad), tail)
            .map_err(|_| crate::keys::crypto_failure())?;
        buffer.extend_from_slice(tag.as_ref());
        self.counter = self.counter.wrapping_add(1);
        self.finished = last;
        Ok(())
    }

    fn nonce(&self, last: bool) -> Result<Nonce, StorageError> {
        if self.counter == u32::MAX {
            return Err(StorageError::TooLarge {
                limit: u64::from(u32::MAX) * CHUNK_SIZE as u64,
            });
        }
        Ok(stream_nonce(&self.nonce_prefix, self.counter, last))
    }
}

/// Opens the chunks of one object, in order.
pub struct ChunkOpener {
    key: LessSafeKey,
    aad: [u8; 32],
    nonce_prefix: [u8; NONCE_PREFIX_LEN],
    chunk_size: usize,
    counter: u32,
    finished: bool,
}

impl ChunkOpener {
    /// Checks the header and unwraps the data key: a wrong tenant key, another
    /// context or an altered header fail here, before any chunk.
    pub fn new(
        tenant_key: &TenantKey,
        context: &[u8],
        header: &[u8],
    ) -> Result<Self, StorageError> {
        let header: &[u8; HEADER_LEN] = header
            .try_into()
            .map_err(|_| StorageError::Truncated("en-tête incomplet".into()))?;
        if &header[..4] != MAGIC {
            return Err(StorageError::Tampered(
                "en-tête inconnu : ce n'est pas un objet chiffré par Relais".into(),
            ));
        }
        if header[4] != VERSION || header[5] != SUITE_AES_256_GCM_STREAM {
            return Err(StorageError::Tampered(format!(
                "format d'objet {}.{} non pris en charge",
                header[4], header[5]
            )));
        }
        let mut size = [0u8; 4];
        size.copy_from_slice(&header[6..10]);
        let chunk_size = u32::from_be_bytes(size) as usize;
        if !(1..=MAX_CHUNK_SIZE).contains(&chunk_size) {
            return Err(StorageError::Tampered(
                "taille de bloc invalide dans l'en-tête".into(),
            ));
        }
        let mut nonce_prefix = [0u8; NONCE_PREFIX_LEN];
        nonce_prefix.copy_from_slice(&header[10..FIXED_HEADER_LEN]);
        let mut wrapped = [0u8; WRAPPED_DATA_KEY_LEN];
        wrapped.copy_from_slice(&header[FIXED_HEADER_LEN..]);
        let data_key: zeroize::Zeroizing<[u8; KEY_LEN]> = tenant_key.unwrap_data_key(
            &wrapped,
            &data_key_aad(&header[..FIXED_HEADER_LEN], context),
        )?;
        Ok(Self {
            key: aead_key(&data_key)?,
            aad: chunk_aad(context, header),
            nonce_prefix,
            chunk_size,
            counter: 0,
            finished: false,
        })
    }

    /// Stored length of a full chunk.
    pub fn sealed_chunk_len(&self) -> usize {
        self.chunk_size + CHUNK_OVERHEAD
    }

    /// Authenticates and decrypts `sealed` in place, leaving the plaintext.
    /// On failure nothing advances (and `sealed` holds garbage).
    pub fn open_chunk(&mut self, sealed: &mut BytesMut, last: bool) -> Result<(), StorageError> {
        if self.finished {
            return Err(StorageError::Tampered(
                "données après le dernier bloc".into(),
            ));
        }
        if self.counter == u32::MAX {
            return Err(StorageError::Tampered("trop de blocs".into()));
        }
        let nonce = stream_nonce(&self.nonce_prefix, self.counter, last);
        let plaintext_len = self
            .key
            .open_in_place(nonce, Aad::from(self.aad), sealed.as_mut())
            .map_err(|_| StorageError::Tampered(format!("bloc n° {}", self.counter)))?
            .len();
        sealed.truncate(plaintext_len);
        self.counter += 1;
        self.finished = last;
        Ok(())
    }

    /// Opens what remains at the end of the object as the last chunk, and
    /// tells a missing last chunk (a full chunk that authenticates as a
    /// middle one) from an altered one.
    fn open_final(&mut self, mut rest: BytesMut) -> Result<BytesMut, StorageError> {
        if rest.len() < CHUNK_OVERHEAD {
            return Err(StorageError::Truncated(if rest.is_empty() {
                "le dernier bloc manque".into()
            } else {
                "le dernier bloc est coupé".into()
            }));
        }
        let backup = (rest.len() == self.sealed_chunk_len()).then(|| rest.clone());
        match self.open_chunk(&mut rest, true) {
            Ok(()) => Ok(rest),
            Err(err) => {
                if let Some(mut middle) = backup
                    && self.open_chunk(&mut middle, false).is_ok()
                {
                    return Err(StorageError::Truncated(
                        "l'objet s'arrête avant son dernier bloc".into(),
                    ));
                }
                Err(err)
            }
        }
    }
}

fn stream_nonce(prefix: &[u8; NONCE_PREFIX_LEN], counter: u32, last: bool) -> Nonce {
    let mut nonce = [0u8; NONCE_LEN];
    nonce[..NONCE_PREFIX_LEN].copy_from_slice(prefix);
    nonce[NONCE_PREFIX_LEN..NONCE_LEN - 1].copy_from_slice(&counter.to_be_bytes());
    nonce[NONCE_LEN - 1] = u8::from(last);
    Nonce::assume_unique_for_key(nonce)
}

fn data_key_aad(fixed_header: &[u8], context: &[u8]) -> Vec<u8> {
    let mut aad = Vec::with_capacity(DATA_KEY_LABEL.len() + fixed_header.len() + context.len());
    aad.extend_from_slice(DATA_KEY_LABEL);
    aad.extend_from_slice(fixed_header);
    aad.extend_from_slice(context);
    aad
}

fn chunk_aad(context: &[u8], header: &[u8; HEADER_LEN]) -> [u8; 32] {
    let mut digest = Digest::new(&SHA256);
    digest.update(CHUNK_LABEL);
    digest.update(&(context.len() as u64).to_be_bytes());
    digest.update(context);
    digest.update(header);
    let mut aad = [0u8; 32];
    aad.copy_from_slice(digest.finish().as_ref());
    aad
}

/// What [`EncryptedStore::put`] stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PutReceipt {
    /// Bytes of plaintext read from the caller's stream.
    pub plaintext_size: u64,
    /// SHA-256 of the plaintext, computed while streaming.
    pub sha256: [u8; 32],
    /// Bytes written to the backend (header, chunks and tags).
    pub stored_size: u64,
}

/// An [`ObjectStore`] in which every object is encrypted with its own data
/// key, itself wrapped by the tenant key.
#[derive(Clone)]
pub struct EncryptedStore {
    backend: Arc<dyn ObjectStore>,
}

impl EncryptedStore {
    pub fn new(backend: Arc<dyn ObjectStore>) -> Self {
        Self { backend }
    }

    /// The store the ciphertext goes to.
    pub fn backend(&self) -> &Arc<dyn ObjectStore> {
        &self.backend
    }

    /// Encrypts `plaintext` as it streams in and stores it under `key`.
    /// `context` must be given again to read the object back.
    #[tracing::instrument(skip_all, err, fields(key = %key))]
    pub async fn put(
        &self,
        key: &ObjectKey,
        tenant_key: &TenantKey,
        context: &[u8],
        plaintext: ByteStream,
    ) -> Result<PutReceipt, StorageError> {
        let (summary_tx, summary_rx) = oneshot::channel();
        let sealed = streams::sealing(
            plaintext,
            ChunkSealer::new(tenant_key, context)?,
            summary_tx,
        );
        let stored_size = self.backend.put(key, sealed).await?;
        let (plaintext_size, sha256) = summary_rx.await.map_err(|_| {
            StorageError::Backend("le stockage n'a pas lu l'objet jusqu'au bout".into())
        })?;
        Ok(PutReceipt {
            plaintext_size,
            sha256,
            stored_size,
        })
    }

    /// Streams the plaintext back, chunk by authenticated chunk. A wrong
    /// tenant key, another context or an altered header fail before the
    /// first byte; a later failure ends the stream with an error, so a
    /// consumer must treat only a stream that ended cleanly as the object.
    #[tracing::instrument(skip_all, err, fields(key = %key))]
    pub async fn get(
        &self,
        key: &ObjectKey,
        tenant_key: &TenantKey,
        context: &[u8],
    ) -> Result<ByteStream, StorageError> {
        let mut stored = self.backend.get(key).await?;
        let mut buffer = BytesMut::new();
        while buffer.len() < HEADER_LEN {
            match stored.next().await {
                Some(Ok(bytes)) => buffer.extend_from_slice(&bytes),
                Some(Err(err)) => return Err(err),
                None => return Err(StorageError::Truncated("en-tête incomplet".into())),
            }
        }
        let header = buffer.split_to(HEADER_LEN);
        let opener = ChunkOpener::new(tenant_key, context, &header)?;
        Ok(streams::opening(stored, opener, buffer))
    }

    /// The whole plaintext, authenticated; more than `max_bytes` is
    /// [`StorageError::TooLarge`].
    pub async fn read_all(
        &self,
        key: &ObjectKey,
        tenant_key: &TenantKey,
        context: &[u8],
        max_bytes: u64,
    ) -> Result<Bytes, StorageError> {
        let mut stream = self.get(key, tenant_key, context).await?;
        let mut content = BytesMut::new();
        while let Some(chunk) = stream.next().await {
            let chunk = chunk?;
            if (content.len() + chunk.len()) as u64 > max_bytes {
                return Err(StorageError::TooLarge { limit: max_bytes });
            }
            content.extend_from_slice(&chunk);
        }
        Ok(content.freeze())
    }

    /// Deleting a missing object is not an error.
    pub async fn delete(&self, key: &ObjectKey) -> Result<(), StorageError> {
        self.backend.delete(key).await
    }

    /// Objects under `prefix`, with their stored (encrypted) sizes.
    pub async fn list(&self, prefix: &str) -> Result<Vec<ObjectInfo>, StorageError> {
        self.backend.list(prefix).await
    }
}

#[cfg(test)]
mod tests;
