//! The two streams of the envelope: plaintext in, sealed chunks out
//! ([`SealState`]), and sealed chunks in, authenticated plaintext out
//! ([`OpenState`]). Both hold a few chunks at most.

use bytes::{Bytes, BytesMut};
use futures_util::StreamExt;
use ring::digest::{Context as Digest, SHA256};
use tokio::sync::oneshot;

use super::{CHUNK_OVERHEAD, CHUNK_SIZE, ChunkOpener, ChunkSealer};
use crate::{ByteStream, StorageError};

/// Seals `input` as it streams; the plaintext's size and SHA-256 go to
/// `summary` once the last chunk is sealed.
pub(super) fn sealing(
    input: ByteStream,
    sealer: ChunkSealer,
    summary: oneshot::Sender<(u64, [u8; 32])>,
) -> ByteStream {
    let state = SealState {
        input,
        sealer,
        buffer: BytesMut::with_capacity(SEAL_BATCH + CHUNK_SIZE),
        chunk_start: 0,
        pending: Bytes::new(),
        digest: PlaintextDigest::Inline(Box::new(Digest::new(&SHA256))),
        plaintext_size: 0,
        header_sent: false,
        done: false,
        summary: Some(summary),
    };
    futures_util::stream::unfold(state, |mut state| async move {
        let item = state.next().await?;
        Some((item, state))
    })
    .boxed()
}

/// Authenticates the chunks of `input` (its header already read by
/// `opener`; `buffer` holds what came after it).
pub(super) fn opening(input: ByteStream, opener: ChunkOpener, buffer: BytesMut) -> ByteStream {
    let state = OpenState {
        input,
        opener,
        buffer,
        done: false,
    };
    futures_util::stream::unfold(state, |mut state| async move {
        let item = state.next().await?;
        Some((item, state))
    })
    .boxed()
}

/// The state of an object being sealed as it streams to the backend.
struct SealState {
    input: ByteStream,
    sealer: ChunkSealer,
    /// Sealed chunks, then the plaintext of the chunk being filled (from
    /// `chunk_start`). A full chunk is sealed only once more input shows it
    /// is not the last one. Sealed chunks leave in batches of
    /// [`SEAL_BATCH`] bytes: fewer, larger writes downstream.
    buffer: BytesMut,
    chunk_start: usize,
    /// Input not yet copied into `buffer`.
    pending: Bytes,
    digest: PlaintextDigest,
    plaintext_size: u64,
    header_sent: bool,
    done: bool,
    summary: Option<oneshot::Sender<(u64, [u8; 32])>>,
}

/// Past this many bytes, the SHA-256 of the plaintext moves to a thread of
/// its own: on large objects it costs four times the encryption, and it
/// then runs beside it instead of after it. Small objects stay inline.
pub(super) const BACKGROUND_DIGEST_AFTER: u64 = 4 * 1024 * 1024;

/// The SHA-256 of the plaintext, computed while the object streams.
enum PlaintextDigest {
    Inline(Box<Digest>),
    Background {
        sender: tokio::sync::mpsc::Sender<Bytes>,
        worker: tokio::task::JoinHandle<Digest>,
    },
    Finished,
}

impl PlaintextDigest {
    /// Adds `bytes`; `total` is the plaintext size so far, them included.
    async fn update(&mut self, bytes: &Bytes, total: u64) {
        match self {
            Self::Inline(digest) => {
                digest.update(bytes);
                if total > BACKGROUND_DIGEST_AFTER {
                    let digest = Digest::clone(digest);
                    // A few items in flight: the input they share stays small.
                    let (sender, mut receiver) = tokio::sync::mpsc::channel::<Bytes>(4);
                    let worker = tokio::task::spawn_blocking(move || {
                        let mut digest = digest;
                        while let Some(bytes) = receiver.blocking_recv() {
                            digest.update(&bytes);
                        }
                        digest
                    });
                    *self = Self::Background { sender, worker };
                }
            }
            Self::Background { sender, .. } => {
                // A closed channel means the worker is gone; `finish` says so.
                let _ = sender.send(bytes.clone()).await;
            }
            Self::Finished => {}
        }
    }

    async fn finish(self) -> Result<[u8; 32], StorageError> {
        let digest = match self {
            Self::Inline(digest) => *digest,
            Self::Background { sender, worker } => {
                drop(sender);
                worker.await.map_err(|err| {
                    StorageError::Backend(format!("calcul de l'empreinte interrompu : {err}"))
                })?
            }
            Self::Finished => {
                return Err(StorageError::Backend("empreinte déjà calculée".into()));
            }
        };
        let mut sha256 = [0u8; 32];
        sha256.copy_from_slice(digest.finish().as_ref());
        Ok(sha256)
    }
}

/// Sealed bytes handed to the backend at a time (16 chunks).
const SEAL_BATCH: usize = 16 * (CHUNK_SIZE + CHUNK_OVERHEAD);

impl SealState {
    async fn next(&mut self) -> Option<Result<Bytes, StorageError>> {
        if !self.header_sent {
            self.header_sent = true;
            return Some(Ok(Bytes::copy_from_slice(self.sealer.header())));
        }
        loop {
            if self.done {
                return None;
            }
            while !self.pending.is_empty() {
                let filled = self.buffer.len() - self.chunk_start;
                if filled == CHUNK_SIZE {
                    if let Err(err) = self.seal(false) {
                        return Some(Err(err));
                    }
                    if self.chunk_start >= SEAL_BATCH {
                        return Some(Ok(self.take_sealed()));
                    }
                    continue;
                }
                let take = (CHUNK_SIZE - filled).min(self.pending.len());
                self.buffer.extend_from_slice(&self.pending.split_to(take));
            }
            match self.input.next().await {
                Some(Ok(bytes)) => {
                    self.plaintext_size += bytes.len() as u64;
                    self.digest.update(&bytes, self.plaintext_size).await;
                    self.pending = bytes;
                }
                Some(Err(err)) => {
                    self.done = true;
                    return Some(Err(err));
                }
                None => {
                    if let Err(err) = self.seal(true) {
                        return Some(Err(err));
                    }
                    self.done = true;
                    let digest = std::mem::replace(&mut self.digest, PlaintextDigest::Finished);
                    let sha256 = match digest.finish().await {
                        Ok(sha256) => sha256,
                        Err(err) => return Some(Err(err)),
                    };
                    if let Some(summary) = self.summary.take() {
                        let _ = summary.send((self.plaintext_size, sha256));
                    }
                    return Some(Ok(self.take_sealed()));
                }
            }
        }
    }

    fn seal(&mut self, last: bool) -> Result<(), StorageError> {
        let sealed = self
            .sealer
            .seal_tail(&mut self.buffer, self.chunk_start, last);
        match sealed {
            Ok(()) => {
                self.chunk_start = self.buffer.len();
                Ok(())
            }
            Err(err) => {
                self.done = true;
                Err(err)
            }
        }
    }

    /// Hands over the sealed chunks (nothing of the chunk being filled).
    fn take_sealed(&mut self) -> Bytes {
        let sealed = self.buffer.split_to(self.chunk_start).freeze();
        self.chunk_start = 0;
        let unsealed = self.buffer.len();
        self.buffer.reserve(SEAL_BATCH + CHUNK_SIZE - unsealed);
        sealed
    }
}

/// The state of an object being authenticated as it streams from the
/// backend.
struct OpenState {
    input: ByteStream,
    opener: ChunkOpener,
    buffer: BytesMut,
    done: bool,
}

impl OpenState {
    async fn next(&mut self) -> Option<Result<Bytes, StorageError>> {
        loop {
            if self.done {
                return None;
            }
            let sealed_len = self.opener.sealed_chunk_len();
            // More bytes after a full chunk: it is not the last one.
            if self.buffer.len() > sealed_len {
                let mut chunk = self.buffer.split_to(sealed_len);
                return Some(match self.opener.open_chunk(&mut chunk, false) {
                    Ok(()) => Ok(chunk.freeze()),
                    Err(err) => {
                        self.done = true;
                        Err(err)
                    }
                });
            }
            match self.input.next().await {
                Some(Ok(bytes)) => self.buffer.extend_from_slice(&bytes),
                Some(Err(err)) => {
                    self.done = true;
                    return Some(Err(err));
                }
                None => {
                    self.done = true;
                    let rest = self.buffer.split();
                    return match self.opener.open_final(rest) {
                        Ok(last) if last.is_empty() => None,
                        Ok(last) => Some(Ok(last.freeze())),
                        Err(err) => Some(Err(err)),
                    };
                }
            }
        }
    }
}
