//! The GraphQL edge's one error type: the use cases' [`AppError`] as the
//! API tells it, `extensions.code` (and `field`, `reason`, `count`,
//! `retryAfterSeconds`) set here and only here.

use std::ops::Deref;

use async_graphql::ErrorExtensions;
use relais_domain::DomainError;
use relais_store::StoreError;

pub use relais_app::{AppError, ErrorCode};

/// An error of a resolver. It deliberately does not implement `Display`,
/// so that `?` cannot turn a lower-layer error into a GraphQL error
/// without going through [`AppError`]'s conversions.
#[derive(Debug, Clone)]
pub struct ApiError(pub AppError);

/// The constructors of [`AppError`], for the resolvers' own refusals.
impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self(AppError::new(code, message))
    }
    pub fn unauthenticated(message: impl Into<String>) -> Self {
        Self(AppError::unauthenticated(message))
    }
    pub fn not_logged_in() -> Self {
        Self(AppError::not_logged_in())
    }
    pub fn forbidden() -> Self {
        Self(AppError::forbidden())
    }
    pub fn not_found() -> Self {
        Self(AppError::not_found())
    }
    pub fn validation(field: &'static str, message: impl Into<String>) -> Self {
        Self(AppError::validation(field, message))
    }
    pub fn conflict(field: &'static str, message: impl Into<String>) -> Self {
        Self(AppError::conflict(field, message))
    }
    pub fn invalid_file(reason: &'static str, message: impl Into<String>) -> Self {
        Self(AppError::invalid_file(reason, message))
    }
    pub fn upstream(message: impl Into<String>) -> Self {
        Self(AppError::upstream(message))
    }
    pub fn rate_limited(retry_after_seconds: u64) -> Self {
        Self(AppError::rate_limited(retry_after_seconds))
    }
    pub fn internal() -> Self {
        Self(AppError::internal())
    }
    pub fn with_reason(self, reason: &'static str) -> Self {
        Self(self.0.with_reason(reason))
    }
    pub fn about_field(self, field: impl Into<std::borrow::Cow<'static, str>>) -> Self {
        Self(self.0.about_field(field))
    }
    pub fn retry_after(self, seconds: u64) -> Self {
        Self(self.0.retry_after(seconds))
    }
}

impl Deref for ApiError {
    type Target = AppError;

    fn deref(&self) -> &AppError {
        &self.0
    }
}

impl From<AppError> for ApiError {
    fn from(err: AppError) -> Self {
        Self(err)
    }
}

impl From<DomainError> for ApiError {
    fn from(err: DomainError) -> Self {
        Self(err.into())
    }
}

impl From<&relais_app::auth::TokenRejection> for ApiError {
    fn from(rejection: &relais_app::auth::TokenRejection) -> Self {
        Self(rejection.into())
    }
}

impl From<StoreError> for ApiError {
    fn from(err: StoreError) -> Self {
        Self(err.into())
    }
}

impl From<ApiError> for async_graphql::Error {
    fn from(ApiError(err): ApiError) -> Self {
        async_graphql::Error::new(err.message).extend_with(|_, ext| {
            ext.set("code", err.code.as_str());
            if let Some(field) = &err.field {
                ext.set("field", field.as_ref());
            }
            if let Some(reason) = err.reason {
                ext.set("reason", reason);
            }
            if let Some(count) = err.count {
                ext.set("count", count);
            }
            if let Some(seconds) = err.retry_after_seconds {
                ext.set("retryAfterSeconds", seconds);
            }
        })
    }
}
