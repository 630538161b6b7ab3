//! Object keys, checked once when parsed and trusted afterwards.

use std::fmt;

use crate::StorageError;

/// The longest key accepted (S3 allows 1024 bytes; half leaves room for a
/// bucket prefix).
pub const MAX_KEY_LEN: usize = 512;

/// A key such as `tenants/<id>/exports/0410017W.xml`: `/`-separated
/// segments of ASCII letters, digits, `.`, `-`, `_`, never `.` or `..`, at
/// most `MAX_KEY_LEN` (512) bytes. Such a key maps to a path that stays under
/// the local store's root.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ObjectKey(String);

impl ObjectKey {
    pub fn parse(raw: &str) -> Result<Self, StorageError> {
        if is_valid(raw) {
            Ok(Self(raw.to_owned()))
        } else {
            Err(StorageError::InvalidKey(raw.chars().take(80).collect()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn is_valid(raw: &str) -> bool {
    !raw.is_empty()
        && raw.len() <= MAX_KEY_LEN
        && raw.split('/').all(|segment| {
            !segment.is_empty()
                && segment != "."
                && segment != ".."
                && segment
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
        })
}

impl fmt::Display for ObjectKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for ObjectKey {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_that_climb_out_of_the_root_are_refused() {
        for raw in [
            "",
            "../etc/passwd",
            "a//b",
            "a/./b",
            "/abs",
            "a/",
            "a b",
            "a\\b",
            "a/..",
            "é",
            "a~tmp",
        ] {
            assert!(ObjectKey::parse(raw).is_err(), "{raw:?}");
        }
        assert!(ObjectKey::parse("tenants/42/exports/0410017W.xml").is_ok());
        assert!(ObjectKey::parse(".hidden/x_y-z.1").is_ok());
    }

    #[test]
    fn a_key_longer_than_512_bytes_is_refused() {
        assert!(ObjectKey::parse(&"a".repeat(MAX_KEY_LEN)).is_ok());
        let err = ObjectKey::parse(&"a".repeat(MAX_KEY_LEN + 1)).unwrap_err();
        assert_eq!(err.code(), "INVALID_OBJECT_KEY");
    }
}
