//! Objects in an S3 bucket (AWS, Garage, MinIO, Ceph), through aws-sdk-s3.
//!
//! TLS is rustls on ring (no OpenSSL, no aws-lc). Puts stream: the body is
//! cut into parts of `part_size_bytes`, uploaded one at a time while the
//! next part fills (so at most two parts are in memory); a body that fits
//! in one part is a single PutObject. A multipart upload that fails is
//! aborted. Network failures (refused, DNS, timeouts) become
//! [`StorageError::Unreachable`] within a few seconds.

use std::time::Duration;

use async_trait::async_trait;
use aws_sdk_s3::Client;
use aws_sdk_s3::config::retry::RetryConfig;
use aws_sdk_s3::config::timeout::TimeoutConfig;
use aws_sdk_s3::config::{
    BehaviorVersion, Credentials, Region, RequestChecksumCalculation, ResponseChecksumValidation,
    SharedHttpClient,
};
use aws_sdk_s3::error::{DisplayErrorContext, ProvideErrorMetadata, SdkError};
use aws_sdk_s3::types::{CompletedMultipartUpload, CompletedPart};
use bytes::{Bytes, BytesMut};
use chrono::{DateTime, Utc};
use futures_util::StreamExt;

use crate::{ByteStream, ObjectInfo, ObjectKey, ObjectStore, StorageError};

/// Default size of a multipart part.
pub const DEFAULT_PART_SIZE: usize = 8 * 1024 * 1024;
/// S3's smallest part (every part but the last).
pub const MIN_PART_SIZE: usize = 5 * 1024 * 1024;
/// S3's largest part.
pub const MAX_PART_SIZE: usize = 5 * 1024 * 1024 * 1024;
/// Room beyond a part for the stream item that overflows it.
const PART_SLACK: usize = 256 * 1024;
/// S3's largest number of parts in one upload.
const MAX_PARTS: u64 = 10_000;
/// Time allowed to open a TCP connection: an unreachable store is reported
/// quickly instead of hanging a request.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);

/// Where the bucket is and how to reach it (the server converts its
/// `[storage.s3]` configuration into this).
#[derive(Clone)]
pub struct S3Settings {
    /// `None` for AWS; `http://127.0.0.1:3900` for a local Garage.
    pub endpoint: Option<String>,
    pub region: String,
    pub bucket: String,
    /// Path-style addressing (`endpoint/bucket/key`), which Garage, MinIO
    /// and Ceph usually need.
    pub path_style: bool,
    /// Both `None`: the standard AWS credential chain (environment, profile,
    /// web identity, container, instance metadata).
    pub access_key_id: Option<String>,
    pub secret_access_key: Option<String>,
    /// Size of multipart parts: [`MIN_PART_SIZE`] to [`MAX_PART_SIZE`].
    pub part_size_bytes: usize,
    /// Longest time one request may take (each attempt, and each read while
    /// streaming a body).
    pub timeout: Duration,
}

impl S3Settings {
    /// Settings for `bucket` in `region` with the defaults (8 MiB parts,
    /// 60 s timeout, virtual-hosted addressing, credential chain).
    pub fn new(bucket: impl Into<String>, region: impl Into<String>) -> Self {
        Self {
            endpoint: None,
            region: region.into(),
            bucket: bucket.into(),
            path_style: false,
            access_key_id: None,
            secret_access_key: None,
            part_size_bytes: DEFAULT_PART_SIZE,
            timeout: Duration::from_secs(60),
        }
    }
}

impl std::fmt::Debug for S3Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("S3Settings")
            .field("endpoint", &self.endpoint)
            .field("region", &self.region)
            .field("bucket", &self.bucket)
            .field("path_style", &self.path_style)
            .field("access_key_id", &self.access_key_id)
            .field(
                "secret_access_key",
                &self.secret_access_key.as_ref().map(|_| "***"),
            )
            .field("part_size_bytes", &self.part_size_bytes)
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// An S3 bucket as an [`ObjectStore`].
#[derive(Clone, Debug)]
pub struct S3Store {
    client: Client,
    bucket: String,
    part_size: usize,
    /// Where requests go, for messages and `describe`.
    location: String,
}

impl S3Store {
    /// Builds the client. Nothing is sent yet: an unreachable store shows on
    /// the first operation (or [`S3Store::check`]).
    pub async fn connect(settings: &S3Settings) -> Result<Self, StorageError> {
        if settings.bucket.trim().is_empty() {
            return Err(StorageError::Misconfigured(
                "le nom du bucket S3 est vide".into(),
            ));
        }
        if !(MIN_PART_SIZE..=MAX_PART_SIZE).contains(&settings.part_size_bytes) {
            return Err(StorageError::Misconfigured(format!(
                "la taille des parties S3 doit être comprise entre 5 Mio et 5 Gio ({} octets demandés)",
                settings.part_size_bytes
            )));
        }
        let http_client = http_client();
        let timeouts = TimeoutConfig::builder()
            .connect_timeout(CONNECT_TIMEOUT)
            .read_timeout(settings.timeout)
            .operation_attempt_timeout(settings.timeout)
            .build();
        let region = Region::new(settings.region.clone());
        let mut config = match (&settings.access_key_id, &settings.secret_access_key) {
            (Some(id), Some(secret)) => aws_sdk_s3::Config::builder()
                .behavior_version(BehaviorVersion::latest())
                .region(region)
                .credentials_provider(Credentials::new(id, secret, None, None, "relais")),
            (None, None) => {
                let shared = aws_config::defaults(BehaviorVersion::latest())
                    .http_client(http_client.clone())
                    .timeout_config(timeouts.clone())
                    .region(region)
                    .load()
                    .await;
                aws_sdk_s3::config::Builder::from(&shared)
            }
            _ => {
                return Err(StorageError::Misconfigured(
                    "indiquez à la fois l'identifiant et le secret de la clé d'accès S3, ou aucun des deux (chaîne d'authentification AWS standard)"
                        .into(),
                ));
            }
        };
        config = config
            .http_client(http_client)
            .timeout_config(timeouts)
            .retry_config(RetryConfig::standard().with_max_attempts(3))
            .force_path_style(settings.path_style)
            // Garage and older S3 implementations do not all accept the
            // newer default checksums; parts are authenticated by the
            // envelope anyway.
            .request_checksum_calculation(RequestChecksumCalculation::WhenRequired)
            .response_checksum_validation(ResponseChecksumValidation::WhenRequired);
        if let Some(endpoint) = &settings.endpoint {
            config = config.endpoint_url(endpoint);
        }
        let location = match &settings.endpoint {
            Some(endpoint) => format!("{endpoint}/{}", settings.bucket),
            None => format!("aws:{}/{}", settings.region, settings.bucket),
        };
        Ok(Self {
            client: Client::from_conf(config.build()),
            bucket: settings.bucket.clone(),
            part_size: settings.part_size_bytes,
            location,
        })
    }

    /// Checks that the bucket answers and that the credentials may use it
    /// (for `/readyz` and start-up).
    pub async fn check(&self) -> Result<(), StorageError> {
        self.client
            .head_bucket()
            .bucket(&self.bucket)
            .send()
            .await
            .map(|_| ())
            .map_err(|err| self.error(err))
    }

    fn error<E>(&self, err: SdkError<E, aws_sdk_s3::config::http::HttpResponse>) -> StorageError
    where
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    {
        match &err {
            SdkError::DispatchFailure(_) | SdkError::TimeoutError(_) => StorageError::Unreachable(
                format!("{} : {}", self.location, DisplayErrorContext(&err)),
            ),
            SdkError::ServiceError(service) => {
                let status = service.raw().status().as_u16();
                match service.err().code() {
                    Some("NoSuchKey") => StorageError::NotFound,
                    Some("NoSuchBucket") => StorageError::Backend(format!(
                        "le bucket « {} » n'existe pas sur {}",
                        self.bucket, self.location
                    )),
                    Some(
                        code @ ("AccessDenied" | "InvalidAccessKeyId" | "SignatureDoesNotMatch"),
                    ) => StorageError::Backend(format!(
                        "accès refusé par {} ({code}) : vérifiez la clé d'accès et ses droits sur le bucket",
                        self.location
                    )),
                    None if status == 404 => StorageError::NotFound,
                    code => StorageError::Backend(format!(
                        "{} a répondu {status} {} {}",
                        self.location,
                        code.unwrap_or(""),
                        service.err().message().unwrap_or("")
                    )),
                }
            }
            _ => {
                StorageError::Backend(format!("{} : {}", self.location, DisplayErrorContext(&err)))
            }
        }
    }

    async fn upload_parts(
        &self,
        key: &ObjectKey,
        upload_id: &str,
        mut buffer: BytesMut,
        mut ended: bool,
        body: &mut ByteStream,
    ) -> Result<u64, StorageError> {
        let mut parts = Vec::new();
        let mut size = 0u64;
        let mut in_flight: Option<tokio::task::JoinHandle<Result<CompletedPart, StorageError>>> =
            None;
        let outcome = async {
            loop {
                if !ended {
                    ended = fill(body, &mut buffer, self.part_size).await?;
                }
                // Every part but the last is exactly `part_size`.
                // The rest moves to a fresh buffer: a part keeps its whole
                // allocation alive until it is sent.
                let part = if buffer.len() > self.part_size {
                    let mut rest = BytesMut::with_capacity(self.part_size + PART_SLACK);
                    rest.extend_from_slice(buffer.get(self.part_size..).unwrap_or_default());
                    buffer.truncate(self.part_size);
                    std::mem::replace(&mut buffer, rest).freeze()
                } else {
                    buffer.split().freeze()
                };
                if part.is_empty() {
                    break;
                }
                let number = parts.len() as u64 + u64::from(in_flight.is_some()) + 1;
                if number > MAX_PARTS {
                    return Err(StorageError::TooLarge {
                        limit: MAX_PARTS * self.part_size as u64,
                    });
                }
                size += part.len() as u64;
                // One part uploads while the next one fills.
                if let Some(previous) = in_flight.take() {
                    parts.push(previous.await.map_err(join_error)??);
                }
                in_flight = Some(tokio::spawn(self.upload_part(key, upload_id, number, part)));
                if ended && buffer.is_empty() {
                    break;
                }
            }
            if let Some(last) = in_flight.take() {
                parts.push(last.await.map_err(join_error)??);
            }
            Ok(())
        }
        .await;
        if let Some(orphan) = in_flight {
            orphan.abort();
        }
        outcome?;
        self.client
            .complete_multipart_upload()
            .bucket(&self.bucket)
            .key(key.as_str())
            .upload_id(upload_id)
            .multipart_upload(
                CompletedMultipartUpload::builder()
                    .set_parts(Some(parts))
                    .build(),
            )
            .send()
            .await
            .map_err(|err| self.error(err))?;
        Ok(size)
    }

    fn upload_part(
        &self,
        key: &ObjectKey,
        upload_id: &str,
        number: u64,
        part: Bytes,
    ) -> impl Future<Output = Result<CompletedPart, StorageError>> + Send + 'static {
        let store = self.clone();
        let key = key.as_str().to_owned();
        let upload_id = upload_id.to_owned();
        async move {
            let number = i32::try_from(number).map_err(|_| StorageError::TooLarge {
                limit: MAX_PARTS * store.part_size as u64,
            })?;
            let uploaded = store
                .client
                .upload_part()
                .bucket(&store.bucket)
                .key(key)
                .upload_id(upload_id)
                .part_number(number)
                .body(aws_sdk_s3::primitives::ByteStream::from(part))
                .send()
                .await
                .map_err(|err| store.error(err))?;
            Ok(CompletedPart::builder()
                .set_e_tag(uploaded.e_tag().map(str::to_owned))
                .part_number(number)
                .build())
        }
    }
}

#[async_trait]
impl ObjectStore for S3Store {
    #[tracing::instrument(skip_all, err, fields(key = %key))]
    async fn put(&self, key: &ObjectKey, mut body: ByteStream) -> Result<u64, StorageError> {
        let mut buffer = BytesMut::new();
        let ended = fill(&mut body, &mut buffer, self.part_size).await?;
        if ended && buffer.len() <= self.part_size {
            let size = buffer.len() as u64;
            self.client
                .put_object()
                .bucket(&self.bucket)
                .key(key.as_str())
                .body(aws_sdk_s3::primitives::ByteStream::from(buffer.freeze()))
                .send()
                .await
                .map_err(|err| self.error(err))?;
            return Ok(size);
        }

        let created = self
            .client
            .create_multipart_upload()
            .bucket(&self.bucket)
            .key(key.as_str())
            .send()
            .await
            .map_err(|err| self.error(err))?;
        let upload_id = created
            .upload_id()
            .ok_or_else(|| {
                StorageError::Backend(format!(
                    "{} n'a pas donné d'identifiant d'envoi en plusieurs parties",
                    self.location
                ))
            })?
            .to_owned();
        let uploaded = self
            .upload_parts(key, &upload_id, buffer, ended, &mut body)
            .await;
        if uploaded.is_err() {
            let aborted = self
                .client
                .abort_multipart_upload()
                .bucket(&self.bucket)
                .key(key.as_str())
                .upload_id(&upload_id)
                .send()
                .await;
            if let Err(err) = aborted {
                tracing::warn!(
                    error = %DisplayErrorContext(&err),
                    "multipart upload not aborted: the bucket's lifecycle rule must clean it up"
                );
            }
        }
        uploaded
    }

    #[tracing::instrument(skip_all, err, fields(key = %key))]
    async fn get(&self, key: &ObjectKey) -> Result<ByteStream, StorageError> {
        let object = self
            .client
            .get_object()
            .bucket(&self.bucket)
            .key(key.as_str())
            .send()
            .await
            .map_err(|err| self.error(err))?;
        let location = self.location.clone();
        let body = object.body;
        Ok(futures_util::stream::unfold(Some(body), move |body| {
            let location = location.clone();
            async move {
                let mut body = body?;
                match body.try_next().await {
                    Ok(Some(bytes)) => Some((Ok(bytes), Some(body))),
                    Ok(None) => None,
                    Err(err) => Some((
                        Err(StorageError::Unreachable(format!(
                            "{location} : lecture interrompue ({})",
                            DisplayErrorContext(&err)
                        ))),
                        None,
                    )),
                }
            }
        })
        .boxed())
    }

    async fn delete(&self, key: &ObjectKey) -> Result<(), StorageError> {
        match self
            .client
            .delete_object()
            .bucket(&self.bucket)
            .key(key.as_str())
            .send()
            .await
        {
            Ok(_) => Ok(()),
            Err(err) => match self.error(err) {
                StorageError::NotFound => Ok(()),
                other => Err(other),
            },
        }
    }

    async fn list(&self, prefix: &str) -> Result<Vec<ObjectInfo>, StorageError> {
        let mut found = Vec::new();
        let mut pages = self
            .client
            .list_objects_v2()
            .bucket(&self.bucket)
            .prefix(prefix)
            .into_paginator()
            .send();
        while let Some(page) = pages.next().await {
            let page = page.map_err(|err| self.error(err))?;
            for object in page.contents() {
                // Objects that Relais did not write (invalid keys) are skipped.
                let Some(key) = object.key().and_then(|key| ObjectKey::parse(key).ok()) else {
                    continue;
                };
                let last_modified = object
                    .last_modified()
                    .and_then(|at| DateTime::<Utc>::from_timestamp(at.secs(), at.subsec_nanos()))
                    .unwrap_or_else(Utc::now);
                found.push(ObjectInfo {
                    key,
                    size: object
                        .size()
                        .and_then(|s| u64::try_from(s).ok())
                        .unwrap_or(0),
                    last_modified,
                });
            }
        }
        Ok(found)
    }

    fn describe(&self) -> String {
        format!("s3:{}", self.location)
    }
}

/// rustls with ring, trusting the system's roots.
fn http_client() -> SharedHttpClient {
    aws_smithy_http_client::Builder::new()
        .tls_provider(aws_smithy_http_client::tls::Provider::Rustls(
            aws_smithy_http_client::tls::rustls_provider::CryptoMode::Ring,
        ))
        .build_https()
}

/// Reads from `body` until `buffer` holds more than `part_size` bytes (so
/// a full part is known not to be the last) or the body ends. Returns
/// whether it ended.
async fn fill(
    body: &mut ByteStream,
    buffer: &mut BytesMut,
    part_size: usize,
) -> Result<bool, StorageError> {
    while buffer.len() <= part_size {
        match body.next().await {
            Some(bytes) => buffer.extend_from_slice(&bytes?),
            None => return Ok(true),
        }
    }
    Ok(false)
}

fn join_error(err: tokio::task::JoinError) -> StorageError {
    StorageError::Backend(format!("envoi d'une partie interrompu : {err}"))
}
