use relais_domain::DomainError;
use sea_orm::{DbErr, SqlErr};
use thiserror::Error;

/// Errors of the storage layer. `NotFound` also covers objects of another
/// tenant: callers cannot tell the two apart.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("introuvable")]
    NotFound,
    #[error("action non autorisée pour votre rôle")]
    Forbidden,
    #[error("{message}")]
    Conflict {
        field: &'static str,
        message: String,
    },
    #[error(transparent)]
    Domain(#[from] DomainError),
    #[error("erreur de base de données: {0}")]
    Database(#[source] DbErr),
    /// A stored value that does not read as what its column holds (a
    /// status no version of Relais wrote): never replaced by a default.
    #[error("valeur illisible en base : {table}.{column} = {value:?} (ligne {id})")]
    Corrupt {
        table: &'static str,
        column: &'static str,
        id: String,
        value: String,
    },
}

impl From<DbErr> for StoreError {
    fn from(err: DbErr) -> Self {
        StoreError::Database(err)
    }
}

impl StoreError {
    /// `table.column` of row `id` holds `value`, which does not convert.
    pub fn corrupt(
        table: &'static str,
        column: &'static str,
        id: impl ToString,
        value: &str,
    ) -> Self {
        StoreError::Corrupt {
            table,
            column,
            id: id.to_string(),
            value: value.to_owned(),
        }
    }

    /// Turns a unique-constraint violation into a `Conflict` on `field`.
    pub(crate) fn unique(err: DbErr, field: &'static str, message: impl Into<String>) -> Self {
        match err.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => StoreError::Conflict {
                field,
                message: message.into(),
            },
            _ => StoreError::Database(err),
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// What a [`StoreError::Corrupt`] names, for the records' unit tests.
#[cfg(test)]
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Corruption {
    pub table: &'static str,
    pub column: &'static str,
    pub id: String,
    pub value: String,
}

/// The corruption `result` reports; any other outcome fails the test.
#[cfg(test)]
pub(crate) fn corruption<T: std::fmt::Debug>(result: Result<T>) -> Corruption {
    match result {
        Err(StoreError::Corrupt {
            table,
            column,
            id,
            value,
        }) => Corruption {
            table,
            column,
            id,
            value,
        },
        other => panic!("expected a corruption, got {other:?}"),
    }
}
