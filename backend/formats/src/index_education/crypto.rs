//! The encryption shared by both Index-Education containers (docs/domain.md §4):
//! zlib, AES-128-CBC with PKCS#7 padding under a random key and IV, the key
//! and IV wrapped with RSA PKCS#1 v1.5 as key(16) ‖ IV(16) ‖ MD5(key ‖ IV)(16),
//! SHA-256 of the compressed plaintext, base64 on the wire.

use std::borrow::Cow;
use std::io::{Read, Write};

use aes::Aes128;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use cbc::cipher::block_padding::Pkcs7;
use cbc::cipher::{BlockDecryptMut, BlockEncryptMut, KeyIvInit};
use flate2::Compression;
use flate2::read::ZlibDecoder;
use flate2::write::ZlibEncoder;
use md5::{Digest, Md5};
use rsa::rand_core::CryptoRngCore;
use rsa::{Pkcs1v15Encrypt, RsaPrivateKey, RsaPublicKey};
use sha2::Sha256;

/// AES-128 key and CBC IV lengths.
const KEY_LEN: usize = 16;
const IV_LEN: usize = 16;
/// key ‖ IV ‖ MD5(key ‖ IV).
const BLOB_LEN: usize = KEY_LEN + IV_LEN + 16;

/// A fresh AES key and IV.
pub(crate) struct SessionKey {
    key: [u8; KEY_LEN],
    iv: [u8; IV_LEN],
}

impl SessionKey {
    pub fn random(rng: &mut impl CryptoRngCore) -> Self {
        let mut key = [0u8; KEY_LEN];
        let mut iv = [0u8; IV_LEN];
        rng.fill_bytes(&mut key);
        rng.fill_bytes(&mut iv);
        Self { key, iv }
    }

    /// key ‖ IV ‖ MD5(key ‖ IV), RSA PKCS#1 v1.5-encrypted for `public_key`.
    pub fn wrap(
        &self,
        public_key: &RsaPublicKey,
        rng: &mut impl CryptoRngCore,
    ) -> Result<Vec<u8>, rsa::Error> {
        let mut blob = Vec::with_capacity(BLOB_LEN);
        blob.extend_from_slice(&self.key);
        blob.extend_from_slice(&self.iv);
        let check = Md5::new()
            .chain_update(self.key)
            .chain_update(self.iv)
            .finalize();
        blob.extend_from_slice(&check);
        public_key.encrypt(rng, Pkcs1v15Encrypt, &blob)
    }

    /// The reverse of [`SessionKey::wrap`].
    pub fn unwrap(wrapped: &[u8], private_key: &RsaPrivateKey) -> Result<Self, UnwrapError> {
        let blob = private_key
            .decrypt(Pkcs1v15Encrypt, wrapped)
            .map_err(|_| UnwrapError::WrongKey)?;
        if blob.len() != BLOB_LEN {
            return Err(UnwrapError::KeyCheckFailed);
        }
        let (key, rest) = blob.split_at(KEY_LEN);
        let (iv, check) = rest.split_at(IV_LEN);
        let expected = Md5::new().chain_update(key).chain_update(iv).finalize();
        if expected[..] != *check {
            return Err(UnwrapError::KeyCheckFailed);
        }
        let mut session = Self {
            key: [0; KEY_LEN],
            iv: [0; IV_LEN],
        };
        session.key.copy_from_slice(key);
        session.iv.copy_from_slice(iv);
        Ok(session)
    }

    /// AES-128-CBC, PKCS#7 padding.
    pub fn encrypt(&self, plaintext: &[u8]) -> Vec<u8> {
        cbc::Encryptor::<Aes128>::new(&self.key.into(), &self.iv.into())
            .encrypt_padded_vec_mut::<Pkcs7>(plaintext)
    }

    /// `None` when the length or the padding is wrong.
    pub fn decrypt(&self, ciphertext: &[u8]) -> Option<Vec<u8>> {
        if ciphertext.is_empty() || !ciphertext.len().is_multiple_of(16) {
            return None;
        }
        cbc::Decryptor::<Aes128>::new(&self.key.into(), &self.iv.into())
            .decrypt_padded_vec_mut::<Pkcs7>(ciphertext)
            .ok()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UnwrapError {
    /// RSA decryption failed: not the key the blob was made for.
    WrongKey,
    /// Decrypted, but not key ‖ IV ‖ MD5(key ‖ IV).
    KeyCheckFailed,
}

pub(crate) fn compress(data: &[u8]) -> Vec<u8> {
    let mut encoder = ZlibEncoder::new(
        Vec::with_capacity(data.len() / 4 + 64),
        Compression::default(),
    );
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(data);
    encoder.finish().unwrap_or_default()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum InflateError {
    /// More than the limit once inflated.
    TooLarge,
    /// Not zlib data.
    Corrupted,
}

/// Inflates zlib data, refusing output longer than `max_bytes`.
///
/// A first pass inflates as a stream into a counter and stops as soon as the
/// count passes the limit, so a zip bomb is refused with the decoder's few
/// tens of KiB of memory instead of `max_bytes` (a 1 GiB bomb against a
/// 200 MiB limit grew the process by 226 MB when the output was kept). Only
/// data known to fit is inflated a second time, into a buffer of its exact
/// size.
pub(crate) fn decompress(data: &[u8], max_bytes: usize) -> Result<Vec<u8>, InflateError> {
    let limit = u64::try_from(max_bytes)
        .unwrap_or(u64::MAX)
        .saturating_add(1);
    let inflated = std::io::copy(
        &mut ZlibDecoder::new(data).take(limit),
        &mut std::io::sink(),
    )
    .map_err(|_| InflateError::Corrupted)?;
    let size = usize::try_from(inflated).map_err(|_| InflateError::TooLarge)?;
    if size > max_bytes {
        return Err(InflateError::TooLarge);
    }
    let mut out = Vec::with_capacity(size);
    ZlibDecoder::new(data)
        .take(limit)
        .read_to_end(&mut out)
        .map_err(|_| InflateError::Corrupted)?;
    Ok(out)
}

pub(crate) fn sha256(data: &[u8]) -> [u8; 32] {
    Sha256::digest(data).into()
}

pub(crate) fn base64_encode(data: &[u8]) -> String {
    STANDARD.encode(data)
}

/// Decodes base64, ignoring white space (line breaks are common in
/// exported files).
pub(crate) fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let compact: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    STANDARD.decode(compact.as_bytes()).ok()
}

/// `Contenu`/`CONTENU` and `Verification`/`VERIFICATION`, base64: the
/// (optionally zlib-compressed) plaintext encrypted under `session`, and the
/// SHA-256 of what was encrypted.
pub(crate) fn seal_payload(
    session: &SessionKey,
    plaintext: &[u8],
    compressed: bool,
) -> (String, String) {
    let packed = if compressed {
        Cow::Owned(compress(plaintext))
    } else {
        Cow::Borrowed(plaintext)
    };
    seal_packed(session, &packed)
}

/// [`seal_payload`] of bytes already packed (compressed or not).
pub(crate) fn seal_packed(session: &SessionKey, packed: &[u8]) -> (String, String) {
    let content = base64_encode(&session.encrypt(packed));
    let verification = base64_encode(&sha256(packed));
    (content, verification)
}

/// What can be wrong with a payload once its key is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PayloadError {
    /// Which part: base64, encryption or compression.
    Corrupted(&'static str),
    HashMismatch,
    TooLarge,
}

/// The reverse of [`seal_payload`]: decrypts, checks the SHA-256 of what was
/// encrypted (before inflating, so damaged data is never inflated), then
/// inflates up to `max_bytes`.
pub(crate) fn open_payload(
    session: &SessionKey,
    content: &str,
    verification: &str,
    compressed: bool,
    max_bytes: usize,
) -> Result<Vec<u8>, PayloadError> {
    let ciphertext = base64_decode(content).ok_or(PayloadError::Corrupted("base64"))?;
    let expected = base64_decode(verification).ok_or(PayloadError::Corrupted("base64"))?;
    let packed = session
        .decrypt(&ciphertext)
        .ok_or(PayloadError::Corrupted("aes"))?;
    if sha256(&packed).as_slice() != expected.as_slice() {
        return Err(PayloadError::HashMismatch);
    }
    if !compressed {
        if packed.len() > max_bytes {
            return Err(PayloadError::TooLarge);
        }
        return Ok(packed);
    }
    decompress(&packed, max_bytes).map_err(|e| match e {
        InflateError::TooLarge => PayloadError::TooLarge,
        InflateError::Corrupted => PayloadError::Corrupted("zlib"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aes_round_trips_and_refuses_bad_lengths() {
        let session = SessionKey::random(&mut rsa::rand_core::OsRng);
        for size in [0, 1, 15, 16, 17, 1000] {
            let data = vec![7u8; size];
            let encrypted = session.encrypt(&data);
            assert_eq!(encrypted.len() % 16, 0);
            assert_eq!(session.decrypt(&encrypted).unwrap(), data);
        }
        assert_eq!(session.decrypt(&[1; 15]), None);
        assert_eq!(session.decrypt(&[]), None);
    }

    #[test]
    fn inflating_stops_at_the_limit() {
        let data = vec![b'a'; 100_000];
        let packed = compress(&data);
        assert!(packed.len() < 1_000);
        assert_eq!(decompress(&packed, 100_000).unwrap(), data);
        assert_eq!(decompress(&packed, 99_999), Err(InflateError::TooLarge));
        assert_eq!(decompress(b"not zlib", 10), Err(InflateError::Corrupted));
    }

    #[test]
    fn base64_ignores_line_breaks() {
        assert_eq!(base64_decode("aGVs\r\nbG8=\n").unwrap(), b"hello");
        assert_eq!(base64_decode("a*b"), None);
    }
}
