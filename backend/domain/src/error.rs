use thiserror::Error;

/// A rule of the domain was not met. Messages are French: they reach users.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DomainError {
    /// An input value is not acceptable; `field` names the input field.
    #[error("{message}")]
    Validation {
        field: &'static str,
        message: String,
    },
}

impl DomainError {
    pub fn validation(field: &'static str, message: impl Into<String>) -> Self {
        Self::Validation {
            field,
            message: message.into(),
        }
    }

    /// The input field the error is about.
    pub fn field(&self) -> &'static str {
        match self {
            Self::Validation { field, .. } => field,
        }
    }
}

pub type Result<T, E = DomainError> = std::result::Result<T, E>;
