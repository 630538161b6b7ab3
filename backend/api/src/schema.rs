//! Building the schema.

use async_graphql::{Schema, SchemaBuilder};
use relais_store::Store;

use crate::live::{LiveRegistry, Subscription};
use crate::mutation::Mutation;
use crate::query::Query;
use relais_app::auth::AuthService;
use relais_app::file_vault::FileVault;
use relais_outbound::guarded_http::GuardedHttpClient;

pub type AppSchema = Schema<Query, Mutation, Subscription>;

/// What the resolvers need, shared by all requests.
pub struct Deps {
    pub store: Store,
    pub auth: AuthService,
    /// Deepest selection accepted.
    pub max_depth: usize,
    /// Highest complexity accepted (one point per field, lists count ×`first`).
    pub max_complexity: usize,
    /// Fetches model feeds (« Actualiser »).
    pub fetcher: GuardedHttpClient,
    /// Live CAS checks (`testCasSettings`, `validateModel`).
    pub cas_checker: relais_outbound::cas_check::CasChecker,
    /// Encrypted storage of exported and received files.
    pub vault: std::sync::Arc<FileVault>,
    /// Links and Message-IDs of e-mails.
    pub mail_links: relais_app::MailLinks,
    /// Concurrent expensive requests per account, tenant and process,
    /// shared with the routes that serve whole-tenant files.
    pub admission: std::sync::Arc<crate::admission::Admission>,
    /// Subscriptions held per user and per connection (`[graphql.live]`).
    pub live: std::sync::Arc<LiveRegistry>,
}

/// The schema with its data and limits; the caller may add extensions.
pub fn schema_builder(deps: Deps) -> SchemaBuilder<Query, Mutation, Subscription> {
    Schema::build(Query::default(), Mutation::default(), Subscription)
        .data(deps.store)
        .data(deps.auth)
        .data(deps.fetcher)
        .data(deps.cas_checker)
        .data(deps.vault)
        .data(deps.mail_links)
        .data(deps.admission)
        .data(deps.live)
        .limit_depth(deps.max_depth)
        .limit_complexity(deps.max_complexity)
}

/// The schema in SDL, as committed in `schema.graphql`.
pub fn sdl() -> String {
    Schema::build(Query::default(), Mutation::default(), Subscription)
        .finish()
        .sdl()
}
