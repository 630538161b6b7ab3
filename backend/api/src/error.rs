//! The API's one error type and its mapping to GraphQL `extensions.code`.

use async_graphql::ErrorExtensions;
use relais_domain::DomainError;
use relais_store::StoreError;

/// Stable error codes of the API (`extensions.code`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    Unauthenticated,
    Forbidden,
    NotFound,
    Validation,
    Conflict,
    RateLimited,
    /// A remote server Relais called (a model feed…) failed or refused.
    Upstream,
    /// A file sent by the user cannot be read (`extensions.reason` says why).
    InvalidFile,
    /// The object storage cannot be reached; nothing was recorded.
    StorageUnavailable,
    /// The request ran past its time limit and was cut.
    Timeout,
    Internal,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Unauthenticated => "UNAUTHENTICATED",
            ErrorCode::Forbidden => "FORBIDDEN",
            ErrorCode::NotFound => "NOT_FOUND",
            ErrorCode::Validation => "VALIDATION",
            ErrorCode::Conflict => "CONFLICT",
            ErrorCode::RateLimited => "RATE_LIMITED",
            ErrorCode::Upstream => "UPSTREAM",
            ErrorCode::InvalidFile => "INVALID_FILE",
            ErrorCode::StorageUnavailable => "STORAGE_UNAVAILABLE",
            ErrorCode::Timeout => "TIMEOUT",
            ErrorCode::Internal => "INTERNAL",
        }
    }
}

/// An error as the API tells it: a code, a French message for the user and,
/// for `VALIDATION` and `CONFLICT`, the input field concerned.
///
/// It deliberately does not implement `Display`, so that `?` cannot turn a
/// lower-layer error into a GraphQL error without going through here.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    /// The input field the error is about; a name from the schema, or the
    /// variable's own key when a request-wide check names it.
    pub field: Option<std::borrow::Cow<'static, str>>,
    pub retry_after_seconds: Option<u64>,
    /// A finer, stable reason (`EXPORT_WRONG_KEY`…), for `INVALID_FILE`.
    pub reason: Option<&'static str>,
    /// How many things a confirmation is asked for (`extensions.count`),
    /// e.g. the links a complete identifiers export would remove.
    pub count: Option<u64>,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            field: None,
            retry_after_seconds: None,
            reason: None,
            count: None,
        }
    }

    pub fn unauthenticated(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Unauthenticated, message)
    }

    pub fn not_logged_in() -> Self {
        Self::unauthenticated("Vous devez vous connecter pour accéder à cette information.")
    }

    pub fn forbidden() -> Self {
        Self::new(
            ErrorCode::Forbidden,
            "Votre rôle ne permet pas cette action. Demandez-la à l'administrateur de votre opérateur ENT.",
        )
    }

    pub fn not_found() -> Self {
        Self::new(
            ErrorCode::NotFound,
            "Élément introuvable : il n'existe pas ou vous n'y avez pas accès.",
        )
    }

    pub fn validation(field: &'static str, message: impl Into<String>) -> Self {
        Self {
            field: Some(field.into()),
            ..Self::new(ErrorCode::Validation, message)
        }
    }

    pub fn conflict(field: &'static str, message: impl Into<String>) -> Self {
        Self {
            field: Some(field.into()),
            ..Self::new(ErrorCode::Conflict, message)
        }
    }

    /// A file that cannot be read, with its stable reason.
    pub fn invalid_file(reason: &'static str, message: impl Into<String>) -> Self {
        Self {
            reason: Some(reason),
            field: Some("file".into()),
            ..Self::new(ErrorCode::InvalidFile, message)
        }
    }

    pub fn upstream(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Upstream, message)
    }

    pub fn rate_limited(retry_after_seconds: u64) -> Self {
        Self {
            retry_after_seconds: Some(retry_after_seconds),
            ..Self::new(
                ErrorCode::RateLimited,
                format!(
                    "Trop de tentatives de connexion. Réessayez dans {} seconde(s).",
                    retry_after_seconds.max(1)
                ),
            )
        }
    }

    pub fn internal() -> Self {
        Self::new(
            ErrorCode::Internal,
            "Une erreur interne est survenue. Réessayez ; si elle persiste, contactez l'assistance.",
        )
    }
}

impl From<DomainError> for ApiError {
    fn from(err: DomainError) -> Self {
        let field = err.field();
        ApiError::validation(field, err.to_string())
    }
}

impl From<StoreError> for ApiError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::NotFound => ApiError::not_found(),
            StoreError::Forbidden => ApiError::forbidden(),
            StoreError::Conflict { field, message } => ApiError {
                field: Some(field.into()),
                ..ApiError::new(ErrorCode::Conflict, message)
            },
            StoreError::Domain(err) => err.into(),
            StoreError::Database(err) => {
                tracing::error!(error = %err, "database error");
                ApiError::internal()
            }
            corrupt @ StoreError::Corrupt { .. } => {
                tracing::error!(error = %corrupt, "a stored value does not convert");
                ApiError::internal()
            }
        }
    }
}

impl From<ApiError> for async_graphql::Error {
    fn from(err: ApiError) -> Self {
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
