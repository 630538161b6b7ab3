//! argon2id password hashes (PHC strings).

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, SaltString};
use argon2::{Argon2, PasswordVerifier};

use crate::ApiError;

/// Hashes `password` with argon2id and a random salt. CPU-heavy: call it from
/// a blocking thread (see `PasswordHasher`).
pub fn hash_password(password: &str) -> Result<String, ApiError> {
    let salt = SaltString::generate(&mut OsRng);
    argon2::PasswordHasher::hash_password(&Argon2::default(), password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|err| {
            tracing::error!(error = %err, "password hashing failed");
            ApiError::internal()
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

/// Runs hashing and verification off the async executor.
#[derive(Clone)]
pub struct PasswordHasher {
    /// Verified against when the account does not exist, so that an unknown
    /// e-mail costs the same time as a wrong password.
    decoy_hash: String,
}

impl PasswordHasher {
    pub fn new() -> Result<Self, ApiError> {
        Ok(Self {
            decoy_hash: hash_password("relais-decoy-password")?,
        })
    }

    pub async fn hash(&self, password: String) -> Result<String, ApiError> {
        tokio::task::spawn_blocking(move || hash_password(&password))
            .await
            .map_err(|_| ApiError::internal())?
    }

    /// Verifies against `hash`, or against the decoy when there is none.
    pub async fn verify(&self, password: String, hash: Option<String>) -> Result<bool, ApiError> {
        let real = hash.is_some();
        let hash = hash.unwrap_or_else(|| self.decoy_hash.clone());
        let matched = tokio::task::spawn_blocking(move || verify_password(&password, &hash))
            .await
            .map_err(|_| ApiError::internal())?;
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
}
