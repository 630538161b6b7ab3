//! Dataloaders: nested objects are fetched in one query per level, whatever
//! the number of rows.

use std::collections::HashMap;

use async_graphql::dataloader::Loader;
use relais_domain::{BaseId, EstablishmentId, TenantId};
use relais_store::{Caller, ModelValidation, Store};
use uuid::Uuid;

use crate::ApiError;
use relais_app::cas_registry_service::BaseRegistryState;

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

impl Loader<TenantId> for TenantLoader {
    type Value = relais_store::Tenant;
    type Error = async_graphql::Error;

    async fn load(&self, keys: &[TenantId]) -> Result<HashMap<TenantId, Self::Value>, Self::Error> {
        let tenants = self
            .store
            .scoped(&self.caller)
            .tenants()
            .get_many(keys)
            .await
            .map_err(ApiError::from)?;
        Ok(tenants.into_iter().map(|t| (t.id, t)).collect())
    }
}

/// The base serving each establishment (establishments without a base are
/// absent from the answer).
pub struct BaseByEstablishmentLoader {
    store: Store,
    caller: Caller,
}

impl BaseByEstablishmentLoader {
    pub(crate) fn new(store: Store, caller: Caller) -> Self {
        Self { store, caller }
    }
}

impl Loader<EstablishmentId> for BaseByEstablishmentLoader {
    type Value = relais_store::Base;
    type Error = async_graphql::Error;

    async fn load(
        &self,
        keys: &[EstablishmentId],
    ) -> Result<HashMap<EstablishmentId, Self::Value>, Self::Error> {
        Ok(self
            .store
            .scoped(&self.caller)
            .bases()
            .for_establishments(keys)
            .await
            .map_err(ApiError::from)?)
    }
}

/// The establishments each base serves, by UAI.
pub struct BaseMembersLoader {
    store: Store,
    caller: Caller,
}

impl BaseMembersLoader {
    pub(crate) fn new(store: Store, caller: Caller) -> Self {
        Self { store, caller }
    }
}

impl Loader<BaseId> for BaseMembersLoader {
    type Value = Vec<relais_store::Establishment>;
    type Error = async_graphql::Error;

    async fn load(&self, keys: &[BaseId]) -> Result<HashMap<BaseId, Self::Value>, Self::Error> {
        Ok(self
            .store
            .scoped(&self.caller)
            .bases()
            .members(keys)
            .await
            .map_err(ApiError::from)?)
    }
}

/// The latest CAS check of each base (bases never tested are absent).
pub struct CasCheckLoader {
    store: Store,
    caller: Caller,
}

impl CasCheckLoader {
    pub(crate) fn new(store: Store, caller: Caller) -> Self {
        Self { store, caller }
    }
}

impl Loader<BaseId> for CasCheckLoader {
    type Value = relais_store::CasCheck;
    type Error = async_graphql::Error;

    async fn load(&self, keys: &[BaseId]) -> Result<HashMap<BaseId, Self::Value>, Self::Error> {
        let rows = self
            .store
            .scoped(&self.caller)
            .cas_checks()
            .checks_of_bases(keys)
            .await
            .map_err(ApiError::from)?;
        Ok(rows.into_iter().map(|row| (row.base_id, row)).collect())
    }
}

/// The test accounts of each model (models without any are absent).
pub struct TestAccountsLoader {
    store: Store,
    caller: Caller,
}

impl TestAccountsLoader {
    pub(crate) fn new(store: Store, caller: Caller) -> Self {
        Self { store, caller }
    }
}

impl Loader<Uuid> for TestAccountsLoader {
    type Value = Vec<relais_store::TestAccount>;
    type Error = async_graphql::Error;

    async fn load(&self, keys: &[Uuid]) -> Result<HashMap<Uuid, Self::Value>, Self::Error> {
        let rows = self
            .store
            .scoped(&self.caller)
            .cas_checks()
            .test_accounts_of(keys)
            .await
            .map_err(ApiError::from)?;
        let mut out: HashMap<Uuid, Self::Value> = HashMap::new();
        for row in rows {
            out.entry(row.model_id).or_default().push(row);
        }
        Ok(out)
    }
}

/// The validation of each model at a revision, keyed by (model, revision).
pub struct ModelValidationLoader {
    store: Store,
    caller: Caller,
}

impl ModelValidationLoader {
    pub(crate) fn new(store: Store, caller: Caller) -> Self {
        Self { store, caller }
    }
}

impl Loader<(Uuid, i32)> for ModelValidationLoader {
    type Value = ModelValidation;
    type Error = async_graphql::Error;

    async fn load(
        &self,
        keys: &[(Uuid, i32)],
    ) -> Result<HashMap<(Uuid, i32), Self::Value>, Self::Error> {
        let models: Vec<Uuid> = keys.iter().map(|(model, _)| *model).collect();
        let rows = self
            .store
            .scoped(&self.caller)
            .cas_checks()
            .validations_of(&models)
            .await
            .map_err(ApiError::from)?;
        Ok(rows
            .into_iter()
            .map(|row| ((row.model_id, row.revision), row))
            .filter(|(key, _)| keys.contains(key))
            .collect())
    }
}

/// [`BaseRegistryState`] by (tenant, base): two statements per level.
pub struct CasRegistryLoader {
    store: Store,
    caller: Caller,
}

impl CasRegistryLoader {
    pub(crate) fn new(store: Store, caller: Caller) -> Self {
        Self { store, caller }
    }
}

impl Loader<(Uuid, Uuid)> for CasRegistryLoader {
    type Value = BaseRegistryState;
    type Error = async_graphql::Error;

    async fn load(
        &self,
        keys: &[(Uuid, Uuid)],
    ) -> Result<HashMap<(Uuid, Uuid), Self::Value>, Self::Error> {
        let (tenants, entries) = self
            .store
            .scoped(&self.caller)
            .cas_registry()
            .of_bases(keys)
            .await
            .map_err(ApiError::from)?;
        Ok(BaseRegistryState::assemble(keys, tenants, entries))
    }
}
