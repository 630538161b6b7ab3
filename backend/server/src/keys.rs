//! The signing key of access tokens: configured, or generated once into the
//! data directory for the embedded defaults.

use std::path::Path;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use rand::RngCore;
use secrecy::ExposeSecret;

use crate::config::{Settings, read_secret};
use crate::error::ServerError;

const MIN_SECRET_BYTES: usize = 32;
const FILE_NAME: &str = "jwt-secret";

/// The configured secret, or the one kept in `<data_dir>/jwt-secret`
/// (created on first start, with a warning).
pub fn jwt_secret(settings: &Settings) -> Result<Vec<u8>, ServerError> {
    let configured = read_secret(
        &settings.auth.jwt_secret,
        &settings.auth.jwt_secret_file,
        "auth.jwt_secret",
    )?;
    let secret = match configured {
        Some(secret) => secret.expose_secret().as_bytes().to_vec(),
        None => generated_secret(&settings.data_dir)?,
    };
    if secret.len() < MIN_SECRET_BYTES {
        return Err(ServerError::Config(format!(
            "auth.jwt_secret doit compter au moins {MIN_SECRET_BYTES} octets."
        )));
    }
    Ok(secret)
}

fn generated_secret(data_dir: &Path) -> Result<Vec<u8>, ServerError> {
    let path = data_dir.join(FILE_NAME);
    if path.is_file() {
        return Ok(std::fs::read_to_string(&path)?.trim().as_bytes().to_vec());
    }
    std::fs::create_dir_all(data_dir)?;
    let mut bytes = [0u8; 48];
    rand::rng().fill_bytes(&mut bytes);
    let encoded = STANDARD.encode(bytes);
    write_private(&path, &encoded)?;
    tracing::warn!(
        path = %path.display(),
        "no auth.jwt_secret configured: generated one into the data directory; \
         configure RELAIS_AUTH__JWT_SECRET_FILE in production"
    );
    Ok(encoded.into_bytes())
}

/// Writes a file readable by its owner only.
pub(crate) fn write_private(path: &Path, content: &str) -> Result<(), ServerError> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(content.as_bytes())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generated_secret_is_kept_across_starts() {
        let dir = tempfile::tempdir().unwrap();
        let settings = Settings {
            data_dir: dir.path().to_path_buf(),
            ..Settings::default()
        };
        let first = jwt_secret(&settings).unwrap();
        let second = jwt_secret(&settings).unwrap();
        assert_eq!(first, second);
        assert!(first.len() >= MIN_SECRET_BYTES);
    }

    #[test]
    fn a_short_configured_secret_is_refused() {
        let mut settings = Settings::default();
        settings.auth.jwt_secret = Some("court".to_owned().into());
        assert!(jwt_secret(&settings).is_err());
    }
}
