//! The use cases' one error type: a stable code, a French message for the
//! person and the input field concerned. `relais-api` turns it into a
//! GraphQL error (`extensions.code`), the HTTP routes into a status.

use relais_domain::DomainError;
use relais_store::StoreError;

/// Stable error codes (the API's `extensions.code`, docs/errors.md).
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

/// The catalogue of codes (docs/errors.md, `relais_api::error_catalog`).
impl ErrorCode {
    /// Every code, in the order of the documentation. A new variant gets
    /// its meaning in [`ErrorCode::meaning`] (the match is exhaustive) and
    /// its place here.
    pub const ALL: [ErrorCode; 11] = [
        ErrorCode::Unauthenticated,
        ErrorCode::Forbidden,
        ErrorCode::NotFound,
        ErrorCode::Validation,
        ErrorCode::Conflict,
        ErrorCode::RateLimited,
        ErrorCode::Upstream,
        ErrorCode::InvalidFile,
        ErrorCode::StorageUnavailable,
        ErrorCode::Timeout,
        ErrorCode::Internal,
    ];

    /// What the code means, in French, for the person who reads it.
    pub fn meaning(self) -> &'static str {
        match self {
            ErrorCode::Unauthenticated => {
                "Pas de session valable : aucun jeton, jeton expiré ou session fermée. Se (re)connecter."
            }
            ErrorCode::Forbidden => "Le rôle de la personne connectée ne permet pas cette action.",
            ErrorCode::NotFound => {
                "L'élément n'existe pas ou n'est pas visible pour la personne connectée (un élément d'un autre opérateur répond de même)."
            }
            ErrorCode::Validation => {
                "Une saisie ou une requête est refusée ; `field` nomme le champ en cause, `reason` précise parfois la règle."
            }
            ErrorCode::Conflict => {
                "L'action contredit l'état enregistré (doublon, version périmée, base en service…) ; `field` nomme le champ."
            }
            ErrorCode::RateLimited => {
                "Trop de demandes : réessayer après `retryAfterSeconds` secondes."
            }
            ErrorCode::Upstream => {
                "Un serveur distant appelé par Relais (flux de modèles, serveur CAS…) a échoué ou refusé."
            }
            ErrorCode::InvalidFile => {
                "Le fichier envoyé ne peut pas être lu ; `reason` dit pourquoi."
            }
            ErrorCode::StorageUnavailable => {
                "Le stockage des fichiers est injoignable : rien n'a été enregistré. Réessayer plus tard."
            }
            ErrorCode::Timeout => "La requête a dépassé sa durée maximale et a été interrompue.",
            ErrorCode::Internal => {
                "Erreur interne de Relais (consignée dans les journaux). Réessayer, puis prévenir l'assistance."
            }
        }
    }
}

/// An error as people are told it: a code, a French message for the user and,
/// for `VALIDATION` and `CONFLICT`, the input field concerned.
///
/// It deliberately does not implement `Display`, so that `?` cannot turn a
/// lower-layer error into a user's message without going through here.
#[derive(Debug, Clone)]
pub struct AppError {
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

impl AppError {
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

    /// The same error with a finer, stable reason (`extensions.reason`).
    pub fn with_reason(self, reason: &'static str) -> Self {
        Self {
            reason: Some(reason),
            ..self
        }
    }

    /// The same error about another input field.
    pub fn about_field(self, field: impl Into<std::borrow::Cow<'static, str>>) -> Self {
        Self {
            field: Some(field.into()),
            ..self
        }
    }

    /// The same error, telling when to try again.
    pub fn retry_after(self, seconds: u64) -> Self {
        Self {
            retry_after_seconds: Some(seconds),
            ..self
        }
    }

    pub fn internal() -> Self {
        Self::new(
            ErrorCode::Internal,
            "Une erreur interne est survenue. Réessayez ; si elle persiste, contactez l'assistance.",
        )
    }
}

impl From<DomainError> for AppError {
    fn from(err: DomainError) -> Self {
        let field = err.field();
        AppError::validation(field, err.to_string())
    }
}

impl From<StoreError> for AppError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::NotFound => AppError::not_found(),
            StoreError::Forbidden => AppError::forbidden(),
            StoreError::Conflict { field, message } => {
                AppError::new(ErrorCode::Conflict, message).about_field(field)
            }
            StoreError::Domain(err) => err.into(),
            StoreError::Database(err) => {
                tracing::error!(error = %err, "database error");
                AppError::internal()
            }
            corrupt @ StoreError::Corrupt { .. } => {
                tracing::error!(error = %corrupt, "a stored value does not convert");
                AppError::internal()
            }
        }
    }
}
