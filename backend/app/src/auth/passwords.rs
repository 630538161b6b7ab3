//! argon2id password hashes (PHC strings), computed on a small pool of
//! dedicated threads (issue 13, item 4).
//!
//! Each argon2id computation needs 19 MiB. Spawned without bound on
//! tokio's blocking pool, 200 concurrent logins took the process from 55 MB
//! to 3.85 GB and the memory never came back (each of the hundreds of
//! blocking threads kept its own malloc arena). Here:
//!
//! - a fixed number of threads (`auth.hashing_threads`, the number of cores
//!   by default) compute hashes, each with its own 19 MiB of argon2 memory,
//!   allocated and touched once at start: verifying a password allocates
//!   nothing large, so the memory after a burst is the memory before it;
//! - at most `auth.hashing_queue` more requests wait their turn; beyond,
//!   `RATE_LIMITED` at once (a login that would wait seconds is better
//!   retried than queued).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{Output, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, PasswordVerifier, Version};
use serde::{Deserialize, Serialize};
use tokio::sync::{Semaphore, oneshot};

use crate::AppError;

/// Hashes `password` with argon2id and a random salt. CPU-heavy: call it from
/// a blocking thread (see `PasswordHasher`).
pub fn hash_password(password: &str) -> Result<String, AppError> {
    let salt = SaltString::generate(&mut OsRng);
    argon2::PasswordHasher::hash_password(&Argon2::default(), password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|err| {
            tracing::error!(error = %err, "password hashing failed");
            AppError::internal()
        })
}

/// Whether `password` matches the PHC string `hash`. A malformed hash never
/// matches.
pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// [`verify_password`] with the caller's argon2 memory: no allocation of the
/// 19 MiB when the hash's parameters fit in `memory` (every hash Relais
/// makes); other hashes fall back to [`verify_password`].
pub fn verify_password_in(password: &str, hash: &str, memory: &mut [Block]) -> bool {
    let Ok(parsed) = PasswordHash::new(hash) else {
        return false;
    };
    let (Ok(algorithm), Ok(params), Some(expected), Some(salt)) = (
        Algorithm::try_from(parsed.algorithm),
        Params::try_from(&parsed),
        parsed.hash,
        parsed.salt,
    ) else {
        return false;
    };
    if params.block_count() > memory.len() {
        return verify_password(password, hash);
    }
    let version = parsed
        .version
        .and_then(|v| Version::try_from(v).ok())
        .unwrap_or_default();
    let mut salt_bytes = [0u8; 64];
    let Ok(salt) = salt.decode_b64(&mut salt_bytes) else {
        return false;
    };
    let mut out = vec![0u8; expected.len()];
    let argon = Argon2::new(algorithm, version, params);
    if argon
        .hash_password_into_with_memory(password.as_bytes(), salt, &mut out, &mut *memory)
        .is_err()
    {
        return false;
    }
    // `Output`'s equality is constant-time.
    Output::new(&out).is_ok_and(|computed| computed == expected)
}

/// How many hashes run at once, and how many may wait (`[auth]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HashingLimits {
    /// Threads computing hashes; 0: one per core.
    pub threads: usize,
    /// Requests waiting for a thread before `RATE_LIMITED`.
    pub queue: usize,
}

impl Default for HashingLimits {
    fn default() -> Self {
        Self {
            threads: 0,
            queue: 16,
        }
    }
}

impl HashingLimits {
    fn thread_count(self) -> usize {
        if self.threads > 0 {
            self.threads
        } else {
            std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get)
        }
    }
}

type Job = Box<dyn FnOnce(&mut [Block]) + Send>;

/// Runs hashing and verification on the dedicated threads.
#[derive(Clone)]
pub struct PasswordHasher {
    /// Verified against when the account does not exist, so that an unknown
    /// e-mail costs the same time as a wrong password.
    decoy_hash: String,
    jobs: mpsc::Sender<Job>,
    /// Running plus waiting.
    admitted: Arc<Semaphore>,
    /// For the metrics and the benchmark.
    busy: Arc<AtomicUsize>,
}

impl PasswordHasher {
    /// A hasher with the default limits.
    pub fn new() -> Result<Self, AppError> {
        Self::with_limits(HashingLimits::default())
    }

    pub fn with_limits(limits: HashingLimits) -> Result<Self, AppError> {
        let threads = limits.thread_count();
        let (sender, receiver) = mpsc::channel::<Job>();
        let receiver = Arc::new(Mutex::new(receiver));
        let blocks = Params::DEFAULT.block_count();
        for index in 0..threads {
            let receiver = receiver.clone();
            std::thread::Builder::new()
                .name(format!("relais-hash-{index}"))
                .spawn(move || {
                    // Cloned element by element: the pages are touched now,
                    // so they count in the idle footprint and never grow.
                    let mut memory = vec![Block::default(); blocks];
                    loop {
                        let job = {
                            let guard = receiver
                                .lock()
                                .unwrap_or_else(std::sync::PoisonError::into_inner);
                            guard.recv()
                        };
                        match job {
                            Ok(job) => job(&mut memory),
                            Err(_) => break,
                        }
                    }
                })
                .map_err(|err| {
                    tracing::error!(error = %err, "password hashing thread not started");
                    AppError::internal()
                })?;
        }
        let hasher = Self {
            decoy_hash: String::new(),
            jobs: sender,
            admitted: Arc::new(Semaphore::new(threads + limits.queue)),
            busy: Arc::new(AtomicUsize::new(0)),
        };
        Ok(Self {
            decoy_hash: hash_password("relais-decoy-password")?,
            ..hasher
        })
    }

    /// Hashes being computed or waiting.
    pub fn in_flight(&self) -> usize {
        self.busy.load(Ordering::Relaxed)
    }

    /// Runs `work` on a hashing thread; `RATE_LIMITED` at once when every
    /// thread is busy and the queue is full.
    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut [Block]) -> T + Send + 'static,
    ) -> Result<T, AppError> {
        let Ok(_permit) = self.admitted.clone().try_acquire_owned() else {
            return Err(AppError {
                reason: Some("PASSWORD_HASHING_BUSY"),
                message: "Relais traite beaucoup de connexions en ce moment : réessayez dans une seconde."
                    .to_owned(),
                ..AppError::rate_limited(1)
            });
        };
        self.busy.fetch_add(1, Ordering::Relaxed);
        let busy = self.busy.clone();
        let (reply, answer) = oneshot::channel();
        let job: Job = Box::new(move |memory| {
            let _ = reply.send(work(memory));
        });
        let sent = self.jobs.send(job);
        let result = match sent {
            Ok(()) => answer.await.map_err(|_| AppError::internal()),
            Err(_) => Err(AppError::internal()),
        };
        busy.fetch_sub(1, Ordering::Relaxed);
        result
    }

    pub async fn hash(&self, password: String) -> Result<String, AppError> {
        self.run(move |_| hash_password(&password)).await?
    }

    /// Verifies against `hash`, or against the decoy when there is none.
    pub async fn verify(&self, password: String, hash: Option<String>) -> Result<bool, AppError> {
        let real = hash.is_some();
        let hash = hash.unwrap_or_else(|| self.decoy_hash.clone());
        let matched = self
            .run(move |memory| verify_password_in(&password, &hash, memory))
            .await?;
        Ok(real && matched)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_only() {
        let hash = hash_password("correct horse battery").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery", &hash));
        assert!(!verify_password("correct horse batterie", &hash));
        assert!(!verify_password("x", "not a hash"));
    }

    #[test]
    fn verifying_in_the_thread_s_memory_agrees_with_the_library() {
        let mut memory = vec![Block::default(); Params::DEFAULT.block_count()];
        let hash = hash_password("correct horse battery").unwrap();
        assert!(verify_password_in(
            "correct horse battery",
            &hash,
            &mut memory
        ));
        assert!(!verify_password_in(
            "correct horse batterie",
            &hash,
            &mut memory
        ));
        assert!(!verify_password_in("x", "not a hash", &mut memory));
        // A hash with more memory than the buffer still verifies.
        let bigger = Argon2::new(
            Algorithm::Argon2id,
            Version::V0x13,
            Params::new(2 * Params::DEFAULT_M_COST, 2, 1, None).unwrap(),
        );
        let salt = SaltString::generate(&mut OsRng);
        let big = argon2::PasswordHasher::hash_password(&bigger, b"mot de passe long", &salt)
            .unwrap()
            .to_string();
        assert!(verify_password_in("mot de passe long", &big, &mut memory));
    }

    #[tokio::test]
    async fn beyond_the_queue_callers_are_turned_away_at_once() {
        let hasher = PasswordHasher::with_limits(HashingLimits {
            threads: 1,
            queue: 1,
        })
        .unwrap();
        let hash = hash_password("correct horse battery").unwrap();
        let attempts = (0..6).map(|_| {
            let hasher = hasher.clone();
            let hash = hash.clone();
            async move {
                hasher
                    .verify("correct horse battery".to_owned(), Some(hash))
                    .await
            }
        });
        let results = futures_util::future::join_all(attempts).await;
        let refused = results
            .iter()
            .filter(|r| {
                r.as_ref()
                    .is_err_and(|e| e.reason == Some("PASSWORD_HASHING_BUSY"))
            })
            .count();
        let matched = results.iter().filter(|r| matches!(r, Ok(true))).count();
        assert_eq!(matched + refused, 6, "{results:?}");
        assert!(
            matched >= 2 && refused >= 1,
            "{matched} matched, {refused} refused"
        );
    }
}
