//! Relay-style cursor connections over store pages.

use async_graphql::OutputType;
use async_graphql::connection::{Connection, Edge};
use relais_store::{Page, PageRequest};
use uuid::Uuid;

use crate::ApiError;

/// Reads the `first` / `after` arguments.
pub(crate) fn page_request(
    first: Option<i32>,
    after: Option<String>,
) -> Result<PageRequest, ApiError> {
    let first = match first {
        None => None,
        Some(n) if n >= 1 => Some(n as u64),
        Some(_) => {
            return Err(ApiError::validation(
                "first",
                "Le nombre d'éléments demandés doit être au moins 1.",
            ));
        }
    };
    let after = after
        .map(|cursor| {
            Uuid::parse_str(&cursor).map_err(|_| {
                ApiError::validation(
                    "after",
                    "Curseur de pagination invalide : reprenez depuis la première page.",
                )
            })
        })
        .transpose()?;
    Ok(PageRequest::new(after, first))
}

/// Builds a connection whose cursors are the rows' ids.
pub(crate) fn connection<M, T: OutputType>(
    page: Page<M>,
    had_cursor: bool,
    id: impl Fn(&M) -> Uuid,
    node: impl Fn(M) -> T,
) -> Connection<String, T> {
    let mut connection = Connection::new(had_cursor, page.has_next_page);
    connection.edges.extend(
        page.items
            .into_iter()
            .map(|row| Edge::new(id(&row).to_string(), node(row))),
    );
    connection
}
