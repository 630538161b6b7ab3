//! RSA keys in PEM, as operators paste or upload them: Index-Education's
//! public key (file A) and the ENT partner's private key (file B).

use rsa::pkcs1::{DecodeRsaPrivateKey, DecodeRsaPublicKey};
use rsa::pkcs8::{DecodePrivateKey, DecodePublicKey};
use rsa::traits::PublicKeyParts;
use rsa::{RsaPrivateKey, RsaPublicKey};
use thiserror::Error;

/// Smallest RSA modulus accepted, in bits. The key blob (48 bytes) fits
/// with PKCS#1 v1.5 padding from 512 bits on; below 1024 bits a key is
/// broken.
pub const MIN_KEY_BITS: usize = 1024;

/// A key that cannot be used. French: shown to the operator who gave it.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum KeyError {
    #[error(
        "clé RSA illisible : {reason}. Collez la clé au format PEM, de « -----BEGIN … KEY----- » \
         à « -----END … KEY----- »."
    )]
    InvalidKey { reason: String },
    #[error(
        "la clé privée est protégée par un mot de passe : fournissez-la déchiffrée \
         (openssl pkey -in cle.pem -out cle-claire.pem)."
    )]
    EncryptedKey,
    #[error(
        "clé RSA de {bits} bits trop courte : au moins {min} bits sont exigés.",
        min = MIN_KEY_BITS
    )]
    WeakKey { bits: usize },
}

impl KeyError {
    /// A stable code for the API.
    pub fn code(&self) -> &'static str {
        match self {
            KeyError::InvalidKey { .. } => "INVALID_KEY",
            KeyError::EncryptedKey => "ENCRYPTED_KEY",
            KeyError::WeakKey { .. } => "WEAK_KEY",
        }
    }
}

/// Reads a public key: `-----BEGIN PUBLIC KEY-----` (SPKI) or
/// `-----BEGIN RSA PUBLIC KEY-----` (PKCS#1). Text around the block is
/// ignored; a private key is refused.
pub fn parse_public_key_pem(pem: &str) -> Result<RsaPublicKey, KeyError> {
    let (label, block) = pem_block(pem)?;
    let key = match label.as_str() {
        "PUBLIC KEY" => RsaPublicKey::from_public_key_pem(&block).map_err(invalid)?,
        "RSA PUBLIC KEY" => RsaPublicKey::from_pkcs1_pem(&block).map_err(invalid)?,
        "PRIVATE KEY" | "RSA PRIVATE KEY" | "ENCRYPTED PRIVATE KEY" => {
            return Err(KeyError::InvalidKey {
                reason: "c'est une clé privée, une clé publique est attendue".into(),
            });
        }
        other => return Err(unexpected_label(other)),
    };
    check_size(key.size() * 8)?;
    Ok(key)
}

/// Reads a private key: `-----BEGIN PRIVATE KEY-----` (PKCS#8) or
/// `-----BEGIN RSA PRIVATE KEY-----` (PKCS#1). Encrypted keys are refused.
pub fn parse_private_key_pem(pem: &str) -> Result<RsaPrivateKey, KeyError> {
    let (label, block) = pem_block(pem)?;
    if block.contains("Proc-Type: 4,ENCRYPTED") {
        return Err(KeyError::EncryptedKey);
    }
    let key = match label.as_str() {
        "PRIVATE KEY" => RsaPrivateKey::from_pkcs8_pem(&block).map_err(invalid)?,
        "RSA PRIVATE KEY" => RsaPrivateKey::from_pkcs1_pem(&block).map_err(invalid)?,
        "ENCRYPTED PRIVATE KEY" => return Err(KeyError::EncryptedKey),
        "PUBLIC KEY" | "RSA PUBLIC KEY" => {
            return Err(KeyError::InvalidKey {
                reason: "c'est une clé publique, une clé privée est attendue".into(),
            });
        }
        other => return Err(unexpected_label(other)),
    };
    check_size(key.size() * 8)?;
    Ok(key)
}

fn check_size(bits: usize) -> Result<(), KeyError> {
    if bits < MIN_KEY_BITS {
        return Err(KeyError::WeakKey { bits });
    }
    Ok(())
}

fn invalid(error: impl std::fmt::Display) -> KeyError {
    KeyError::InvalidKey {
        reason: format!("contenu invalide ({error})"),
    }
}

fn unexpected_label(label: &str) -> KeyError {
    KeyError::InvalidKey {
        reason: format!(
            "bloc « {} » inattendu, une clé RSA est attendue",
            label.chars().take(40).collect::<String>()
        ),
    }
}

/// The first PEM block: its label and its text from BEGIN to END, with LF
/// line ends and no indentation.
fn pem_block(pem: &str) -> Result<(String, String), KeyError> {
    let mut lines = pem.lines().map(str::trim);
    let label = lines
        .by_ref()
        .find_map(|line| {
            line.strip_prefix("-----BEGIN ")
                .and_then(|rest| rest.strip_suffix("-----"))
        })
        .ok_or_else(|| KeyError::InvalidKey {
            reason: "aucune ligne « -----BEGIN … KEY----- » trouvée".into(),
        })?
        .to_owned();
    let end = format!("-----END {label}-----");
    let mut block = format!("-----BEGIN {label}-----\n");
    for line in lines {
        if line.is_empty() {
            continue;
        }
        block.push_str(line);
        block.push('\n');
        if line == end {
            return Ok((label, block));
        }
    }
    Err(KeyError::InvalidKey {
        reason: format!("ligne « {end} » manquante"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const IE_PRIVATE: &str = include_str!("../../tests/fixtures/index-education-test.pem");
    const IE_PUBLIC: &str = include_str!("../../tests/fixtures/index-education-test.pub.pem");
    const PARTNER_PRIVATE: &str = include_str!("../../tests/fixtures/partner-test.pem");
    const PARTNER_PUBLIC: &str = include_str!("../../tests/fixtures/partner-test.pub.pem");

    #[test]
    fn reads_pkcs1_pkcs8_and_spki() {
        let ie = parse_private_key_pem(IE_PRIVATE).unwrap();
        assert_eq!(parse_public_key_pem(IE_PUBLIC).unwrap(), ie.to_public_key());
        let partner = parse_private_key_pem(PARTNER_PRIVATE).unwrap();
        assert_eq!(
            parse_public_key_pem(PARTNER_PUBLIC).unwrap(),
            partner.to_public_key()
        );
        // CRLF, indentation and text around the block are accepted.
        let pasted = format!(
            "Clé publique Index-Education :\r\n{}\r\nfin",
            IE_PUBLIC.replace('\n', "\r\n  ")
        );
        assert_eq!(parse_public_key_pem(&pasted).unwrap(), ie.to_public_key());
    }

    #[test]
    fn explains_what_is_wrong() {
        let err = parse_public_key_pem("bonjour").unwrap_err();
        assert_eq!(err.code(), "INVALID_KEY");
        assert!(err.to_string().contains("-----BEGIN"), "{err}");
        let err = parse_public_key_pem(IE_PRIVATE).unwrap_err();
        assert!(err.to_string().contains("clé privée"), "{err}");
        let err = parse_private_key_pem(IE_PUBLIC).unwrap_err();
        assert!(err.to_string().contains("clé publique"), "{err}");
        let truncated: String = IE_PUBLIC.lines().take(4).collect::<Vec<_>>().join("\n");
        assert_eq!(
            parse_public_key_pem(&truncated).unwrap_err().code(),
            "INVALID_KEY"
        );
        let damaged = IE_PUBLIC.replacen("MII", "MIX", 1);
        assert_eq!(
            parse_public_key_pem(&damaged).unwrap_err().code(),
            "INVALID_KEY"
        );
        let encrypted =
            "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n";
        assert_eq!(
            parse_private_key_pem(encrypted).unwrap_err(),
            KeyError::EncryptedKey
        );
        let cert = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
        assert!(
            parse_public_key_pem(cert)
                .unwrap_err()
                .to_string()
                .contains("CERTIFICATE")
        );
    }
}
