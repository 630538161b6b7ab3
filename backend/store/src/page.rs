//! Forward cursor pagination over time-ordered (UUID v7) ids.

use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Select,
};
use uuid::Uuid;

use crate::Result;

/// At most this many rows per page, whatever the client asks.
pub const MAX_PAGE_SIZE: u64 = 100;

#[derive(Debug, Clone, Copy)]
pub struct PageRequest {
    pub after: Option<Uuid>,
    pub first: u64,
}

impl PageRequest {
    pub fn new(after: Option<Uuid>, first: Option<u64>) -> Self {
        Self {
            after,
            first: first.unwrap_or(50).clamp(1, MAX_PAGE_SIZE),
        }
    }

    /// Like [`PageRequest::new`] with a larger bound, for lists whose rows
    /// are flat and cheap (the operator dashboard).
    pub fn up_to(after: Option<Uuid>, first: Option<u64>, max: u64) -> Self {
        Self {
            after,
            first: first.unwrap_or(50).clamp(1, max),
        }
    }

    /// Rows to fetch: one more than asked, to know whether a next page exists.
    fn fetch_limit(&self) -> u64 {
        self.first + 1
    }
}

/// The order of a list, on its time-ordered id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Order {
    OldestFirst,
    NewestFirst,
}

/// Runs `query` (already scoped to the caller) for one page, ordered by `id`.
pub(crate) async fn fetch_page<E, C>(
    db: &DatabaseConnection,
    query: Select<E>,
    id: C,
    order: Order,
    page: PageRequest,
) -> Result<Page<E::Model>>
where
    E: EntityTrait,
    C: ColumnTrait,
{
    let query = match (order, page.after) {
        (Order::OldestFirst, Some(after)) => query.filter(id.gt(after)),
        (Order::NewestFirst, Some(after)) => query.filter(id.lt(after)),
        (_, None) => query,
    };
    let query = match order {
        Order::OldestFirst => query.order_by_asc(id),
        Order::NewestFirst => query.order_by_desc(id),
    };
    let rows = query.limit(page.fetch_limit()).all(db).await?;
    Ok(Page::from_overfetch(rows, page))
}

#[derive(Debug, Clone)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub has_next_page: bool,
}

impl<T> Page<T> {
    pub(crate) fn from_overfetch(mut items: Vec<T>, request: PageRequest) -> Self {
        let has_next_page = items.len() as u64 > request.first;
        items.truncate(request.first as usize);
        Self {
            items,
            has_next_page,
        }
    }

    /// The same page with each row read into a record; the first row that
    /// does not read fails the page.
    pub(crate) fn try_map<U, E>(self, read: impl FnMut(T) -> Result<U, E>) -> Result<Page<U>, E> {
        Ok(Page {
            items: self.items.into_iter().map(read).collect::<Result<_, _>>()?,
            has_next_page: self.has_next_page,
        })
    }
}
