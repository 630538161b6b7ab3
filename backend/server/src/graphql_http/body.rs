//! Reading the body of `POST /graphql` within its limits (issue 13).
//!
//! A JSON body announced longer than `graphql.max_body_bytes` is refused
//! with 413 before a byte of it is read; a chunked one is read up to the
//! limit and refused there. Multipart bodies (uploads) keep their own limit,
//! the upload size times the number of files plus the JSON limit, and are
//! read for signed-in callers only (every upload needs one). Batches
//! (a JSON array of operations) are refused: one request, one operation.
//! The raw payload is read as sent: a compressed body is not inflated.

use std::cell::Cell;
use std::rc::Rc;

use actix_web::http::StatusCode;
use actix_web::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use actix_web::{HttpRequest, web};
use async_graphql::BatchRequest;
use async_graphql::http::MultipartOptions;
use futures_util::{StreamExt, TryStreamExt};
use relais_api::{ApiError, ErrorCode};

/// Limits of the body.
#[derive(Clone, Copy)]
pub struct BodyLimits {
    pub json_bytes: usize,
    /// The whole multipart body.
    pub multipart_bytes: usize,
    pub multipart: MultipartOptions,
}

/// Why a body was not read.
#[derive(Debug)]
pub enum BodyRefusal {
    TooLarge {
        limit: usize,
    },
    UnsupportedType,
    Malformed(String),
    Batch,
    /// Files come from signed-in users only: an anonymous multipart body is
    /// refused before it is read.
    UploadNeedsLogin,
}

impl BodyRefusal {
    pub fn status(&self) -> StatusCode {
        match self {
            BodyRefusal::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            BodyRefusal::UnsupportedType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            BodyRefusal::Malformed(_) | BodyRefusal::Batch => StatusCode::BAD_REQUEST,
            BodyRefusal::UploadNeedsLogin => StatusCode::UNAUTHORIZED,
        }
    }

    pub fn error(&self) -> ApiError {
        let (reason, message) = match self {
            BodyRefusal::TooLarge { limit } => (
                "BODY_TOO_LARGE",
                format!(
                    "La requête dépasse la taille maximale de {} Mo. Envoyez les fichiers en pièce jointe (multipart) ou découpez l'envoi.",
                    limit.div_ceil(1024 * 1024)
                ),
            ),
            BodyRefusal::UnsupportedType => (
                "UNSUPPORTED_MEDIA_TYPE",
                "Envoyez la requête GraphQL en JSON (en-tête Content-Type: application/json), ou en multipart/form-data avec des fichiers.".to_owned(),
            ),
            BodyRefusal::Malformed(detail) => (
                "MALFORMED_BODY",
                format!("Le corps de la requête n'est pas une requête GraphQL lisible : {detail}"),
            ),
            BodyRefusal::Batch => (
                "BATCH_NOT_SUPPORTED",
                "Les requêtes groupées (un tableau JSON d'opérations) ne sont pas acceptées : envoyez une opération par requête.".to_owned(),
            ),
            BodyRefusal::UploadNeedsLogin => {
                return ApiError::not_logged_in().with_reason("UPLOAD_NEEDS_LOGIN");
            }
        };
        ApiError::new(ErrorCode::Validation, message).with_reason(reason)
    }
}

/// Reads one GraphQL request from the body. `signed_in`: the request
/// carries a valid access token (multipart bodies need one).
pub async fn read_request(
    http: &HttpRequest,
    payload: web::Payload,
    limits: &BodyLimits,
    signed_in: bool,
) -> Result<async_graphql::Request, BodyRefusal> {
    let content_type = http
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    // Only the essence is case-insensitive: the multipart boundary is not
    // (browsers send mixed-case ones, `----WebKitFormBoundaryAbC…`).
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    let batch = match essence.as_str() {
        "application/json" => read_json(http, payload, limits.json_bytes).await?,
        "multipart/form-data" if !signed_in => return Err(BodyRefusal::UploadNeedsLogin),
        "multipart/form-data" => read_multipart(http, payload, content_type, limits).await?,
        _ => return Err(BodyRefusal::UnsupportedType),
    };
    match batch {
        BatchRequest::Single(request) => Ok(request),
        BatchRequest::Batch(_) => Err(BodyRefusal::Batch),
    }
}

fn announced_length(http: &HttpRequest) -> Option<u64> {
    http.headers()
        .get(CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.trim().parse().ok())
}

async fn read_json(
    http: &HttpRequest,
    mut payload: web::Payload,
    limit: usize,
) -> Result<BatchRequest, BodyRefusal> {
    let announced = announced_length(http);
    if announced.is_some_and(|length| length > limit as u64) {
        return Err(BodyRefusal::TooLarge { limit });
    }
    let capacity = announced.map_or(8 * 1024, |length| length as usize);
    let mut body = web::BytesMut::with_capacity(capacity);
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|err| BodyRefusal::Malformed(err.to_string()))?;
        if body.len() + chunk.len() > limit {
            return Err(BodyRefusal::TooLarge { limit });
        }
        body.extend_from_slice(&chunk);
    }
    serde_json::from_slice::<BatchRequest>(&body)
        .map_err(|err| BodyRefusal::Malformed(format!("JSON invalide ({err})")))
}

async fn read_multipart(
    http: &HttpRequest,
    mut payload: web::Payload,
    content_type: &str,
    limits: &BodyLimits,
) -> Result<BatchRequest, BodyRefusal> {
    let limit = limits.multipart_bytes;
    if announced_length(http).is_some_and(|length| length > limit as u64) {
        return Err(BodyRefusal::TooLarge { limit });
    }
    // The payload is not `Send` and async-graphql's multipart reader wants
    // a `Send` reader: a local task forwards the chunks, counting them.
    let (sender, receiver) = tokio::sync::mpsc::channel::<std::io::Result<web::Bytes>>(16);
    let overflow = Rc::new(Cell::new(false));
    let overflowed = overflow.clone();
    actix_web::rt::spawn(async move {
        let mut read = 0usize;
        while let Some(chunk) = payload.next().await {
            let item = match chunk {
                Ok(bytes) => {
                    read = read.saturating_add(bytes.len());
                    if read > limit {
                        overflowed.set(true);
                        let _ = sender
                            .send(Err(std::io::Error::other("body too large")))
                            .await;
                        return;
                    }
                    Ok(bytes)
                }
                Err(err) => Err(std::io::Error::other(err.to_string())),
            };
            if sender.send(item).await.is_err() {
                return;
            }
        }
    });
    let stream = futures_util::stream::unfold(receiver, |mut receiver| async move {
        receiver.recv().await.map(|item| (item, receiver))
    });
    let reader = stream.into_async_read();
    let parsed =
        async_graphql::http::receive_batch_body(Some(content_type), reader, limits.multipart).await;
    match parsed {
        Ok(batch) => Ok(batch),
        Err(_) if overflow.get() => Err(BodyRefusal::TooLarge { limit }),
        Err(async_graphql::ParseRequestError::PayloadTooLarge) => {
            Err(BodyRefusal::TooLarge { limit })
        }
        Err(err) => Err(BodyRefusal::Malformed(err.to_string())),
    }
}
