//! The one error type of object storage, with stable codes for the API.

use thiserror::Error;

/// What can go wrong while storing, reading or decrypting an object.
///
/// Messages are French and meant for operators and users; [`StorageError::code`]
/// gives the stable code the API layer maps to `extensions.code`/`reason`.
#[derive(Debug, Error)]
pub enum StorageError {
    #[error("objet introuvable dans le stockage")]
    NotFound,
    #[error(
        "clé d'objet invalide : « {0} » (segments de lettres, chiffres, « . », « - », « _ », 512 caractères au plus)"
    )]
    InvalidKey(String),
    #[error("erreur d'entrée-sortie du stockage local : {0}")]
    Io(#[from] std::io::Error),
    #[error(
        "le stockage d'objets est injoignable ({0}) : vérifiez son adresse (storage.s3.endpoint), le réseau et que le service est démarré, puis réessayez"
    )]
    Unreachable(String),
    /// Authentication failed: altered bytes, another tenant key, another
    /// context (object moved to another key or tenant), reordered or
    /// duplicated chunks. The detail says where, for logs.
    #[error(
        "l'objet stocké est altéré ou ne correspond pas à cette clé ou à cet emplacement ({0}) : il est refusé"
    )]
    Tampered(String),
    /// The object ends before its authenticated last chunk.
    #[error("l'objet stocké est tronqué ({0}) : il est refusé")]
    Truncated(String),
    /// A wrapped tenant key does not open: another master key, or the key of
    /// another tenant.
    #[error(
        "la clé de chiffrement du locataire ne peut pas être ouverte : la clé maîtresse configurée n'est pas celle qui l'a protégée, ou la clé appartient à un autre locataire"
    )]
    KeyUnwrap,
    /// Key material that is not 32 bytes (or not base64).
    #[error("clé de chiffrement invalide : {0}")]
    InvalidKeyMaterial(String),
    /// The store answered, but refused or failed the operation.
    #[error("le stockage d'objets a refusé l'opération : {0}")]
    Backend(String),
    #[error("l'objet dépasse la taille maximale autorisée ({limit} octets)")]
    TooLarge { limit: u64 },
    /// Settings that cannot work (a part size below the S3 minimum…).
    #[error("configuration du stockage d'objets invalide : {0}")]
    Misconfigured(String),
}

impl StorageError {
    /// A stable, machine-readable code (never translated, never reworded).
    pub fn code(&self) -> &'static str {
        match self {
            Self::NotFound => "OBJECT_NOT_FOUND",
            Self::InvalidKey(_) => "INVALID_OBJECT_KEY",
            Self::Io(_) => "STORAGE_IO",
            Self::Unreachable(_) => "STORAGE_UNREACHABLE",
            Self::Tampered(_) => "OBJECT_TAMPERED",
            Self::Truncated(_) => "OBJECT_TRUNCATED",
            Self::KeyUnwrap => "TENANT_KEY_UNWRAP_FAILED",
            Self::InvalidKeyMaterial(_) => "INVALID_KEY_MATERIAL",
            Self::Backend(_) => "STORAGE_BACKEND_ERROR",
            Self::TooLarge { .. } => "OBJECT_TOO_LARGE",
            Self::Misconfigured(_) => "STORAGE_MISCONFIGURED",
        }
    }
}

/// The result of object storage operations.
pub type Result<T, E = StorageError> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_has_a_stable_code_and_a_french_message() {
        let errors = [
            StorageError::NotFound,
            StorageError::InvalidKey("a/../b".into()),
            StorageError::Io(std::io::Error::other("disque plein")),
            StorageError::Unreachable("connexion refusée".into()),
            StorageError::Tampered("bloc 3".into()),
            StorageError::Truncated("dernier bloc absent".into()),
            StorageError::KeyUnwrap,
            StorageError::InvalidKeyMaterial("32 octets attendus".into()),
            StorageError::Backend("AccessDenied".into()),
            StorageError::TooLarge { limit: 10 },
            StorageError::Misconfigured("part_size".into()),
        ];
        let mut codes: Vec<_> = errors.iter().map(StorageError::code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), errors.len());
        assert_eq!(
            StorageError::Unreachable(String::new()).code(),
            "STORAGE_UNREACHABLE"
        );
        assert!(
            StorageError::Unreachable("x".into())
                .to_string()
                .contains("injoignable")
        );
    }
}
