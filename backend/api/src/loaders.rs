//! Dataloaders: nested objects are fetched in one query per level, whatever
//! the number of rows.

use std::collections::HashMap;

use async_graphql::dataloader::Loader;
use relais_store::entities::tenant;
use relais_store::{Caller, Store};
use uuid::Uuid;

use crate::ApiError;

/// Tenants by id, within what the caller may see.
pub struct TenantLoader {
    store: Store,
    caller: Caller,
}

impl TenantLoader {
    pub(crate) fn new(store: Store, caller: Caller) -> Self {
        Self { store, caller }
    }
}

impl Loader<Uuid> for TenantLoader {
    type Value = tenant::Model;
    type Error = async_graphql::Error;

    async fn load(&self, keys: &[Uuid]) -> Result<HashMap<Uuid, Self::Value>, Self::Error> {
        let rows = self
            .store
            .scoped(&self.caller)
            .tenants()
            .get_many(keys)
            .await
            .map_err(ApiError::from)?;
        Ok(rows.into_iter().map(|t| (t.id, t)).collect())
    }
}
