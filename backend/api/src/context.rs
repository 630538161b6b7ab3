//! What the HTTP layer hands each GraphQL request, and how resolvers reach
//! the caller's scoped repositories.

use std::net::IpAddr;

use async_graphql::dataloader::DataLoader;
use async_graphql::{Context, ID};
use relais_store::{Caller, Scoped, Store};

use crate::ApiError;
use crate::admission::{Admission, ExpensiveSlot};
use crate::loaders::{
    BaseByEstablishmentLoader, BaseMembersLoader, CasCheckLoader, CasRegistryLoader,
    ModelValidationLoader, TenantLoader, TestAccountsLoader,
};
pub use relais_app::auth::RequestAuth;
use relais_app::file_vault::FileVault;

/// Per-request data, built by the HTTP layer.
pub struct RequestContext {
    pub auth: RequestAuth,
    /// The client's address, for login rate limiting.
    pub client_address: Option<IpAddr>,
    /// The expensive-request permit the request holds, once one of its
    /// fields asked for it (`ContextExt::expensive`).
    pub expensive: ExpensiveSlot,
}

impl RequestContext {
    pub fn new(auth: RequestAuth, client_address: Option<IpAddr>) -> Self {
        Self {
            auth,
            client_address,
            expensive: ExpensiveSlot::default(),
        }
    }

    /// Adds this context, and the per-request dataloaders, to `request`.
    pub fn attach(self, store: &Store, request: async_graphql::Request) -> async_graphql::Request {
        let mut request = request;
        if let RequestAuth::Authenticated(caller) = &self.auth {
            // No batching delay: sibling resolvers queue their keys within one
            // poll, before the spawned load runs, so batches form anyway; the
            // default 1 ms delay only added latency to every request.
            request = request
                .data(
                    DataLoader::new(
                        TenantLoader::new(store.clone(), caller.clone()),
                        tokio::spawn,
                    )
                    .delay(std::time::Duration::ZERO),
                )
                .data(
                    DataLoader::new(
                        BaseByEstablishmentLoader::new(store.clone(), caller.clone()),
                        tokio::spawn,
                    )
                    .delay(std::time::Duration::ZERO),
                )
                .data(
                    DataLoader::new(
                        BaseMembersLoader::new(store.clone(), caller.clone()),
                        tokio::spawn,
                    )
                    .delay(std::time::Duration::ZERO),
                )
                .data(
                    DataLoader::new(
                        CasCheckLoader::new(store.clone(), caller.clone()),
                        tokio::spawn,
                    )
                    .delay(std::time::Duration::ZERO),
                )
                .data(
                    DataLoader::new(
                        CasRegistryLoader::new(store.clone(), caller.clone()),
                        tokio::spawn,
                    )
                    .delay(std::time::Duration::ZERO),
                )
                .data(
                    DataLoader::new(
                        TestAccountsLoader::new(store.clone(), caller.clone()),
                        tokio::spawn,
                    )
                    .delay(std::time::Duration::ZERO),
                )
                .data(
                    DataLoader::new(
                        ModelValidationLoader::new(store.clone(), caller.clone()),
                        tokio::spawn,
                    )
                    .delay(std::time::Duration::ZERO),
                );
        }
        request.data(self)
    }
}

/// Access to the caller from a resolver.
pub(crate) trait ContextExt {
    fn request(&self) -> Result<&RequestContext, ApiError>;
    fn caller(&self) -> Result<&Caller, ApiError>;
    fn store(&self) -> Result<&Store, ApiError>;
    /// The caller's repositories: the only way resolvers reach tenant data.
    fn scoped(&self) -> Result<Scoped<'_>, ApiError>;
    fn tenant_loader(&self) -> Result<&DataLoader<TenantLoader>, ApiError>;
    fn base_loader(&self) -> Result<&DataLoader<BaseByEstablishmentLoader>, ApiError>;
    fn members_loader(&self) -> Result<&DataLoader<BaseMembersLoader>, ApiError>;
    /// The encrypted file storage.
    fn cas_check_loader(&self) -> Result<&DataLoader<CasCheckLoader>, ApiError>;
    fn cas_registry_loader(&self) -> Result<&DataLoader<CasRegistryLoader>, ApiError>;
    fn test_accounts_loader(&self) -> Result<&DataLoader<TestAccountsLoader>, ApiError>;
    fn model_validation_loader(&self) -> Result<&DataLoader<ModelValidationLoader>, ApiError>;
    fn vault(&self) -> Result<&std::sync::Arc<FileVault>, ApiError>;
    /// The tenant an argument names, or the caller's own.
    fn tenant_or_own(&self, requested: Option<ID>) -> Result<uuid::Uuid, ApiError>;
    /// Waits for an expensive-request permit of the caller and its tenant
    /// (`crate::admission`); `RATE_LIMITED` when none frees up in time.
    async fn expensive(&self) -> Result<(), ApiError>;
}

impl ContextExt for Context<'_> {
    async fn expensive(&self) -> Result<(), ApiError> {
        let caller = self.caller()?;
        let admission = self
            .data::<std::sync::Arc<Admission>>()
            .map_err(|_| ApiError::internal())?;
        self.request()?.expensive.take(admission, caller).await
    }

    fn request(&self) -> Result<&RequestContext, ApiError> {
        self.data::<RequestContext>()
            .map_err(|_| ApiError::internal())
    }

    fn caller(&self) -> Result<&Caller, ApiError> {
        match &self.request()?.auth {
            RequestAuth::Authenticated(caller) => Ok(caller),
            RequestAuth::Anonymous => Err(ApiError::not_logged_in()),
            RequestAuth::Rejected(rejection) => Err(rejection.into()),
        }
    }

    fn store(&self) -> Result<&Store, ApiError> {
        self.data::<Store>().map_err(|_| ApiError::internal())
    }

    fn scoped(&self) -> Result<Scoped<'_>, ApiError> {
        let caller = self.caller()?;
        Ok(self.store()?.scoped(caller))
    }

    fn tenant_loader(&self) -> Result<&DataLoader<TenantLoader>, ApiError> {
        self.data::<DataLoader<TenantLoader>>()
            .map_err(|_| ApiError::not_logged_in())
    }

    fn base_loader(&self) -> Result<&DataLoader<BaseByEstablishmentLoader>, ApiError> {
        self.data::<DataLoader<BaseByEstablishmentLoader>>()
            .map_err(|_| ApiError::not_logged_in())
    }

    fn members_loader(&self) -> Result<&DataLoader<BaseMembersLoader>, ApiError> {
        self.data::<DataLoader<BaseMembersLoader>>()
            .map_err(|_| ApiError::not_logged_in())
    }

    fn cas_registry_loader(&self) -> Result<&DataLoader<CasRegistryLoader>, ApiError> {
        self.data::<DataLoader<CasRegistryLoader>>()
            .map_err(|_| ApiError::not_logged_in())
    }

    fn cas_check_loader(&self) -> Result<&DataLoader<CasCheckLoader>, ApiError> {
        self.data::<DataLoader<CasCheckLoader>>()
            .map_err(|_| ApiError::not_logged_in())
    }

    fn test_accounts_loader(&self) -> Result<&DataLoader<TestAccountsLoader>, ApiError> {
        self.data::<DataLoader<TestAccountsLoader>>()
            .map_err(|_| ApiError::not_logged_in())
    }

    fn model_validation_loader(&self) -> Result<&DataLoader<ModelValidationLoader>, ApiError> {
        self.data::<DataLoader<ModelValidationLoader>>()
            .map_err(|_| ApiError::not_logged_in())
    }

    fn vault(&self) -> Result<&std::sync::Arc<FileVault>, ApiError> {
        self.data::<std::sync::Arc<FileVault>>()
            .map_err(|_| ApiError::internal())
    }

    fn tenant_or_own(&self, requested: Option<ID>) -> Result<uuid::Uuid, ApiError> {
        match (requested, self.caller()?.tenant_id) {
            (Some(id), _) => crate::objects::parse_id("tenantId", &id),
            (None, Some(own)) => Ok(own),
            (None, None) => Err(ApiError::validation(
                "tenantId",
                "Choisissez l'opérateur concerné.",
            )),
        }
    }
}
