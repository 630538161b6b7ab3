//! The key hierarchy: master key → tenant keys → per-object data keys.
//!
//! - The **master key** (configuration, never stored beside the data) wraps
//!   each tenant key. Its [`MasterKey::id`] is stored beside every wrapped
//!   tenant key, so a rotation knows which master key wrapped what.
//! - A **tenant key** (stored wrapped, in the database) wraps the random data
//!   key of each object ([`crate::envelope`]) and seals the tenant's small
//!   secrets (a partner's private key, CAS test passwords).
//! - Rotating the master key re-wraps the tenant keys only
//!   ([`rewrap_tenant_key`]); objects are not touched.
//!
//! Every seal is AES-256-GCM (ring) with a random 96-bit nonce and an AAD
//! that names what is sealed and for whom, so a blob sealed for one purpose,
//! tenant or context never opens for another. A key encrypts at most a few
//! million such blobs, far below the 2^32 random-nonce limit.

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use rand::RngCore;
use ring::aead::{AES_256_GCM, Aad, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};
use uuid::Uuid;
use zeroize::Zeroizing;

use crate::StorageError;

/// Length of every key of the hierarchy (AES-256).
pub const KEY_LEN: usize = 32;
/// Length of a GCM tag.
pub(crate) const TAG_LEN: usize = 16;
/// A data key wrapped by a tenant key: nonce ‖ ciphertext ‖ tag.
pub(crate) const WRAPPED_DATA_KEY_LEN: usize = NONCE_LEN + KEY_LEN + TAG_LEN;

/// Version byte in front of wrapped tenant keys and sealed secrets.
const BLOB_VERSION: u8 = 1;
const BLOB_OVERHEAD: usize = 1 + NONCE_LEN + TAG_LEN;

const TENANT_KEY_AAD: &[u8] = b"relais/tenant-key/v1\0";
const SECRET_AAD: &[u8] = b"relais/secret/v1\0";

/// The operator's master key (32 bytes), zeroized on drop.
#[derive(Clone)]
pub struct MasterKey {
    bytes: Zeroizing<[u8; KEY_LEN]>,
    id: String,
}

impl MasterKey {
    /// Exactly 32 bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, StorageError> {
        Ok(Self::from_array(key_array(bytes)?))
    }

    /// Base64 (standard alphabet, padded) of 32 bytes, as printed by
    /// `openssl rand -base64 32`. Surrounding whitespace is ignored.
    pub fn from_base64(text: &str) -> Result<Self, StorageError> {
        let bytes = Zeroizing::new(BASE64.decode(text.trim()).map_err(|_| {
            StorageError::InvalidKeyMaterial(
                "la clé maîtresse doit être encodée en base64 (openssl rand -base64 32)".into(),
            )
        })?);
        Self::from_bytes(&bytes)
    }

    /// A fresh random key.
    pub fn generate() -> Self {
        Self::from_array(random_key())
    }

    /// The key in base64, for the file it is kept in.
    pub fn to_base64(&self) -> Zeroizing<String> {
        Zeroizing::new(BASE64.encode(self.bytes.as_slice()))
    }

    /// A short fingerprint: the first 8 hex digits of the SHA-256 of the 32
    /// raw bytes (`base64 -d key | sha256sum | cut -c1-8`). Stored beside
    /// each wrapped tenant key; it reveals nothing usable about the key.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Wraps a tenant key for `tenant_id`: a version byte, a random nonce,
    /// the encrypted key and its tag (61 bytes). The tenant id is the AAD:
    /// the blob of tenant X does not unwrap as the key of tenant Y.
    pub fn wrap_tenant_key(&self, key: &TenantKey, tenant_id: Uuid) -> Vec<u8> {
        seal_blob(
            &self.bytes,
            &tenant_key_aad(tenant_id),
            key.bytes.as_slice(),
        )
    }

    /// Opens what [`MasterKey::wrap_tenant_key`] wrapped for `tenant_id`.
    /// Another master key, another tenant or an altered blob all give
    /// [`StorageError::KeyUnwrap`].
    pub fn unwrap_tenant_key(
        &self,
        wrapped: &[u8],
        tenant_id: Uuid,
    ) -> Result<TenantKey, StorageError> {
        let opened = open_blob(&self.bytes, &tenant_key_aad(tenant_id), wrapped)
            .ok_or(StorageError::KeyUnwrap)?;
        let bytes = key_array(&opened).map_err(|_| StorageError::KeyUnwrap)?;
        Ok(TenantKey { bytes })
    }

    fn from_array(bytes: Zeroizing<[u8; KEY_LEN]>) -> Self {
        let digest = ring::digest::digest(&ring::digest::SHA256, bytes.as_slice());
        let id = digest
            .as_ref()
            .iter()
            .take(4)
            .map(|b| format!("{b:02x}"))
            .collect();
        Self { bytes, id }
    }
}

impl fmt::Debug for MasterKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MasterKey")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

/// Master-key rotation for one tenant: unwraps with `old`, wraps with `new`.
/// The tenant key itself, and so every object, stays the same.
pub fn rewrap_tenant_key(
    old: &MasterKey,
    new: &MasterKey,
    wrapped: &[u8],
    tenant_id: Uuid,
) -> Result<Vec<u8>, StorageError> {
    let key = old.unwrap_tenant_key(wrapped, tenant_id)?;
    Ok(new.wrap_tenant_key(&key, tenant_id))
}

/// A tenant's key (32 bytes), zeroized on drop.
#[derive(Clone)]
pub struct TenantKey {
    bytes: Zeroizing<[u8; KEY_LEN]>,
}

impl TenantKey {
    /// A fresh random key, for a tenant's first stored file or secret.
    pub fn generate() -> Self {
        Self {
            bytes: random_key(),
        }
    }

    /// Exactly 32 bytes (fixtures and tests; in production tenant keys come
    /// from [`MasterKey::unwrap_tenant_key`]).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, StorageError> {
        Ok(Self {
            bytes: key_array(bytes)?,
        })
    }

    /// Seals a small secret (kept in the database). `context` says what it
    /// is and whose (`relais/secret/<tenant>/<purpose>`): the sealed blob
    /// opens only with the same context. 29 bytes longer than the secret.
    pub fn seal_secret(&self, plaintext: &[u8], context: &[u8]) -> Vec<u8> {
        seal_blob(&self.bytes, &prefixed(SECRET_AAD, context), plaintext)
    }

    /// Opens a secret sealed by [`TenantKey::seal_secret`] with the same
    /// context; anything else is [`StorageError::Tampered`].
    pub fn open_secret(
        &self,
        sealed: &[u8],
        context: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>, StorageError> {
        open_blob(&self.bytes, &prefixed(SECRET_AAD, context), sealed).ok_or_else(|| {
            StorageError::Tampered(
                "secret scellé altéré, d'un autre locataire ou d'un autre usage".into(),
            )
        })
    }

    /// Wraps an object's data key (envelope header): nonce ‖ ciphertext ‖ tag.
    pub(crate) fn wrap_data_key(
        &self,
        data_key: &[u8; KEY_LEN],
        aad: &[u8],
    ) -> Result<[u8; WRAPPED_DATA_KEY_LEN], StorageError> {
        let key = aead_key(&self.bytes)?;
        let mut out = [0u8; WRAPPED_DATA_KEY_LEN];
        let (nonce, rest) = out.split_at_mut(NONCE_LEN);
        rand::rng().fill_bytes(nonce);
        let nonce_bytes: [u8; NONCE_LEN] = nonce.try_into().map_err(|_| crypto_failure())?;
        let (ciphertext, tag_out) = rest.split_at_mut(KEY_LEN);
        ciphertext.copy_from_slice(data_key);
        let tag = key
            .seal_in_place_separate_tag(
                Nonce::assume_unique_for_key(nonce_bytes),
                Aad::from(aad),
                ciphertext,
            )
            .map_err(|_| crypto_failure())?;
        tag_out.copy_from_slice(tag.as_ref());
        Ok(out)
    }

    /// Opens a data key wrapped by [`TenantKey::wrap_data_key`].
    pub(crate) fn unwrap_data_key(
        &self,
        wrapped: &[u8; WRAPPED_DATA_KEY_LEN],
        aad: &[u8],
    ) -> Result<Zeroizing<[u8; KEY_LEN]>, StorageError> {
        let key = aead_key(&self.bytes)?;
        let (nonce, sealed) = wrapped.split_at(NONCE_LEN);
        let nonce: [u8; NONCE_LEN] = nonce.try_into().map_err(|_| crypto_failure())?;
        let mut buffer = Zeroizing::new([0u8; KEY_LEN + TAG_LEN]);
        buffer.copy_from_slice(sealed);
        let opened = key
            .open_in_place(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(aad),
                buffer.as_mut_slice(),
            )
            .map_err(|_| {
                StorageError::Tampered(
                    "la clé de données de l'en-tête ne s'ouvre pas : autre clé de locataire, autre emplacement ou en-tête modifié"
                        .into(),
                )
            })?;
        key_array(opened)
    }
}

impl fmt::Debug for TenantKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TenantKey(..)")
    }
}

/// A ring AES-256-GCM key from 32 bytes.
pub(crate) fn aead_key(bytes: &[u8; KEY_LEN]) -> Result<LessSafeKey, StorageError> {
    UnboundKey::new(&AES_256_GCM, bytes)
        .map(LessSafeKey::new)
        .map_err(|_| crypto_failure())
}

/// A fresh random 32-byte key (ThreadRng: a CSPRNG seeded by the OS).
pub(crate) fn random_key() -> Zeroizing<[u8; KEY_LEN]> {
    let mut bytes = Zeroizing::new([0u8; KEY_LEN]);
    rand::rng().fill_bytes(bytes.as_mut_slice());
    bytes
}

/// ring refuses a key or an input only when its length is impossible here
/// (a 32-byte key, inputs far below 64 GiB): this is never expected.
pub(crate) fn crypto_failure() -> StorageError {
    StorageError::Backend("échec interne du chiffrement".into())
}

fn key_array(bytes: &[u8]) -> Result<Zeroizing<[u8; KEY_LEN]>, StorageError> {
    if bytes.len() != KEY_LEN {
        return Err(StorageError::InvalidKeyMaterial(format!(
            "{KEY_LEN} octets attendus, {} reçus",
            bytes.len()
        )));
    }
    let mut array = Zeroizing::new([0u8; KEY_LEN]);
    array.copy_from_slice(bytes);
    Ok(array)
}

fn tenant_key_aad(tenant_id: Uuid) -> Vec<u8> {
    prefixed(TENANT_KEY_AAD, tenant_id.as_bytes())
}

fn prefixed(label: &[u8], context: &[u8]) -> Vec<u8> {
    let mut aad = Vec::with_capacity(label.len() + context.len());
    aad.extend_from_slice(label);
    aad.extend_from_slice(context);
    aad
}

/// version ‖ nonce ‖ ciphertext ‖ tag.
fn seal_blob(key: &[u8; KEY_LEN], aad: &[u8], plaintext: &[u8]) -> Vec<u8> {
    let mut nonce = [0u8; NONCE_LEN];
    rand::rng().fill_bytes(&mut nonce);
    let mut out = Vec::with_capacity(plaintext.len() + BLOB_OVERHEAD);
    out.push(BLOB_VERSION);
    out.extend_from_slice(&nonce);
    out.extend_from_slice(plaintext);
    let sealed = aead_key(key).and_then(|key| {
        let body = out.get_mut(1 + NONCE_LEN..).ok_or_else(crypto_failure)?;
        key.seal_in_place_separate_tag(Nonce::assume_unique_for_key(nonce), Aad::from(aad), body)
            .map_err(|_| crypto_failure())
    });
    match sealed {
        Ok(tag) => {
            out.extend_from_slice(tag.as_ref());
            out
        }
        Err(_) => {
            // Unreachable in practice (see `crypto_failure`). Fail closed:
            // wipe the buffer and hand back a blob that never opens rather
            // than panicking in the server.
            zeroize::Zeroize::zeroize(&mut out);
            tracing::error!("AES-256-GCM refused to seal a blob");
            Vec::new()
        }
    }
}

fn open_blob(key: &[u8; KEY_LEN], aad: &[u8], sealed: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
    if sealed.len() < BLOB_OVERHEAD || sealed.first() != Some(&BLOB_VERSION) {
        return None;
    }
    let nonce: [u8; NONCE_LEN] = sealed.get(1..1 + NONCE_LEN)?.try_into().ok()?;
    let mut buffer = Zeroizing::new(sealed.get(1 + NONCE_LEN..)?.to_vec());
    let key = aead_key(key).ok()?;
    let len = key
        .open_in_place(
            Nonce::assume_unique_for_key(nonce),
            Aad::from(aad),
            buffer.as_mut_slice(),
        )
        .ok()?
        .len();
    buffer.truncate(len);
    Some(buffer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tenant_key_unwraps_only_for_its_tenant_and_master_key() {
        let master = MasterKey::generate();
        let tenant = Uuid::new_v4();
        let key = TenantKey::generate();
        let wrapped = master.wrap_tenant_key(&key, tenant);
        assert_eq!(wrapped.len(), BLOB_OVERHEAD + KEY_LEN);

        let unwrapped = master.unwrap_tenant_key(&wrapped, tenant).unwrap();
        assert_eq!(*unwrapped.bytes, *key.bytes);

        let other_tenant = master.unwrap_tenant_key(&wrapped, Uuid::new_v4());
        assert!(matches!(other_tenant, Err(StorageError::KeyUnwrap)));
        let other_master = MasterKey::generate().unwrap_tenant_key(&wrapped, tenant);
        assert!(matches!(other_master, Err(StorageError::KeyUnwrap)));

        let mut altered = wrapped.clone();
        altered[20] ^= 1;
        assert!(matches!(
            master.unwrap_tenant_key(&altered, tenant),
            Err(StorageError::KeyUnwrap)
        ));
        assert!(matches!(
            master.unwrap_tenant_key(&wrapped[..10], tenant),
            Err(StorageError::KeyUnwrap)
        ));
    }

    #[test]
    fn rotation_rewraps_the_same_tenant_key_under_the_new_master_key() {
        let (old, new) = (MasterKey::generate(), MasterKey::generate());
        assert_ne!(old.id(), new.id());
        let tenant = Uuid::new_v4();
        let key = TenantKey::generate();
        let wrapped = old.wrap_tenant_key(&key, tenant);

        let rewrapped = rewrap_tenant_key(&old, &new, &wrapped, tenant).unwrap();

        let unwrapped = new.unwrap_tenant_key(&rewrapped, tenant).unwrap();
        assert_eq!(*unwrapped.bytes, *key.bytes);
        assert!(old.unwrap_tenant_key(&rewrapped, tenant).is_err());
        // Rotating with the wrong "old" key stops instead of corrupting.
        assert!(matches!(
            rewrap_tenant_key(&new, &old, &wrapped, tenant),
            Err(StorageError::KeyUnwrap)
        ));
    }

    #[test]
    fn a_master_key_round_trips_through_base64_and_keeps_its_id() {
        let key = MasterKey::generate();
        let again = MasterKey::from_base64(&format!(" {}\n", key.to_base64().as_str())).unwrap();
        assert_eq!(again.id(), key.id());
        assert_eq!(key.id().len(), 8);
        assert!(key.id().chars().all(|c| c.is_ascii_hexdigit()));

        // The id is the documented fingerprint: sha256 of the raw bytes.
        let fixed = MasterKey::from_bytes(&[0u8; 32]).unwrap();
        assert_eq!(fixed.id(), "66687aad");

        for bad in ["", "pas de la base64 !", "AAAA"] {
            let err = MasterKey::from_base64(bad).unwrap_err();
            assert_eq!(err.code(), "INVALID_KEY_MATERIAL", "{bad:?}");
        }
        assert!(!format!("{key:?}").contains(key.to_base64().as_str()));
    }

    #[test]
    fn a_sealed_secret_opens_only_with_its_key_and_context() {
        let key = TenantKey::generate();
        let sealed = key.seal_secret(b"-----BEGIN PRIVATE KEY-----", b"relais/secret/t1/rsa");
        assert!(!sealed.windows(5).any(|w| w == b"BEGIN"));

        let opened = key.open_secret(&sealed, b"relais/secret/t1/rsa").unwrap();
        assert_eq!(opened.as_slice(), b"-----BEGIN PRIVATE KEY-----");

        for (other_key, context) in [
            (&key, &b"relais/secret/t2/rsa"[..]),
            (&TenantKey::generate(), &b"relais/secret/t1/rsa"[..]),
        ] {
            let err = other_key.open_secret(&sealed, context).unwrap_err();
            assert_eq!(err.code(), "OBJECT_TAMPERED");
        }
        let empty = key.seal_secret(b"", b"c");
        assert!(key.open_secret(&empty, b"c").unwrap().is_empty());
    }

    #[test]
    fn a_data_key_unwraps_only_with_the_same_aad() {
        let key = TenantKey::generate();
        let data_key = random_key();
        let wrapped = key.wrap_data_key(&data_key, b"aad").unwrap();
        assert_eq!(*key.unwrap_data_key(&wrapped, b"aad").unwrap(), *data_key);
        assert!(key.unwrap_data_key(&wrapped, b"other").is_err());
    }
}
