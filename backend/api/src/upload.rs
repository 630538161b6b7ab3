//! Reading a file sent with a GraphQL multipart request.

use std::io::Read;

use async_graphql::{Context, Upload};

use crate::ApiError;
use relais_app::file_vault::FileVault;

/// The name and bytes of an uploaded file, refused past the configured size.
pub(crate) fn read_upload(
    ctx: &Context<'_>,
    upload: &Upload,
) -> Result<(String, Vec<u8>), ApiError> {
    let max = ctx
        .data::<std::sync::Arc<FileVault>>()
        .map(|vault| vault.settings.upload_max_bytes)
        .unwrap_or(50 * 1024 * 1024);
    let value = upload.value(ctx).map_err(|_| {
        ApiError::validation("file", "Aucun fichier reçu : joignez le fichier à envoyer.")
    })?;
    let size = value.size().unwrap_or(0);
    if size > max {
        return Err(ApiError::invalid_file(
            "FILE_TOO_LARGE",
            format!(
                "Le fichier pèse {} octets : au plus {max} octets sont acceptés.",
                size
            ),
        ));
    }
    let name = value.filename.clone();
    let mut bytes = Vec::with_capacity(size as usize);
    value
        .into_read()
        .take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|_| ApiError::internal())?;
    if bytes.len() as u64 > max {
        return Err(ApiError::invalid_file(
            "FILE_TOO_LARGE",
            format!("Le fichier dépasse la taille maximale de {max} octets."),
        ));
    }
    Ok((name, bytes))
}
