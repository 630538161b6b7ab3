//! The files exchanged with Index-Education's PRONOTE (docs/domain.md §4):
//!
//! - (A) ENT → PRONOTE, the account-matching file `PARTENAIRE_INDEX`
//!   ([`account_matching`]), sealed in the `ImportChiffre` container
//!   ([`import_chiffre`]) for Index-Education's public key;
//! - (B) PRONOTE → ENT, the PRONOTE identifiers export: the outer
//!   `EXPORT_INDEX_EDUCATION` container ([`export_container`]) around the
//!   list of users ([`identifiers_list`], our own stand-in for the
//!   non-public EchangesIdentifiantsCas schema).
//!
//! Formats are described in `docs/formats/index-education/`,
//! `docs/formats/pronote-identifiers-export.md` and
//! `docs/formats/ent-accounts-csv.md`.
//!
//! RSA operations take a `rand_core` 0.6 generator, as the `rsa` crate
//! does: [`OsRng`] is re-exported for callers.

pub mod account_matching;
pub mod export_container;
pub mod identifiers_list;
pub mod import_chiffre;

mod crypto;
mod keys;
mod xml;

pub use keys::{KeyError, MIN_KEY_BITS, parse_private_key_pem, parse_public_key_pem};
pub use rsa::rand_core::{CryptoRngCore, OsRng};
pub use rsa::{RsaPrivateKey, RsaPublicKey};

#[cfg(test)]
pub(crate) use test_keys::xmllint;

/// The test keys and the schema check, shared by the tests of the submodules.
#[cfg(test)]
pub(crate) mod test_keys {
    use std::sync::OnceLock;

    use super::{RsaPrivateKey, RsaPublicKey, parse_private_key_pem, parse_public_key_pem};

    /// Stands for Index-Education's key pair (file A).
    pub fn index_education() -> &'static (RsaPrivateKey, RsaPublicKey) {
        static KEYS: OnceLock<(RsaPrivateKey, RsaPublicKey)> = OnceLock::new();
        KEYS.get_or_init(|| {
            (
                parse_private_key_pem(include_str!(
                    "../../tests/fixtures/index-education-test.pem"
                ))
                .expect("test key"),
                parse_public_key_pem(include_str!(
                    "../../tests/fixtures/index-education-test.pub.pem"
                ))
                .expect("test key"),
            )
        })
    }

    /// Stands for the ENT partner's key pair (file B).
    pub fn partner() -> &'static (RsaPrivateKey, RsaPublicKey) {
        static KEYS: OnceLock<(RsaPrivateKey, RsaPublicKey)> = OnceLock::new();
        KEYS.get_or_init(|| {
            (
                parse_private_key_pem(include_str!("../../tests/fixtures/partner-test.pem"))
                    .expect("test key"),
                parse_public_key_pem(include_str!("../../tests/fixtures/partner-test.pub.pem"))
                    .expect("test key"),
            )
        })
    }

    /// An unrelated key pair.
    pub fn other() -> &'static RsaPrivateKey {
        static KEY: OnceLock<RsaPrivateKey> = OnceLock::new();
        KEY.get_or_init(|| {
            parse_private_key_pem(include_str!("../../tests/fixtures/other-test.pem"))
                .expect("test key")
        })
    }

    /// Validates `xml` with xmllint against one of the copied Index-Education
    /// schemas (`docs/formats/…`), expecting `valid`. Skipped, with a note,
    /// where xmllint is not installed (CI installs libxml2-utils).
    pub fn xmllint(xml: &[u8], schema: &str, valid: bool) {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let xsd = format!("{}/../../docs/formats/{schema}", env!("CARGO_MANIFEST_DIR"));
        let path = std::env::temp_dir().join(format!(
            "relais-index-education-{}-{}.xml",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::write(&path, xml).unwrap();
        let output = std::process::Command::new("xmllint")
            .args(["--noout", "--nonet", "--schema", &xsd])
            .arg(&path)
            .output();
        let _ = std::fs::remove_file(&path);
        match output {
            Err(_) => eprintln!(
                "NOTE: xmllint is not installed (apt-get install libxml2-utils): \
                 schema validation skipped"
            ),
            Ok(output) => assert_eq!(
                output.status.success(),
                valid,
                "xmllint: {}\n{}",
                String::from_utf8_lossy(&output.stderr),
                String::from_utf8_lossy(&xml[..xml.len().min(4000)])
            ),
        }
    }
}
