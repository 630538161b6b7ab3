//! Storage of Relais: repositories scoped to the caller, handing out typed
//! records read from the store's own sea-orm entities.
//!
//! Tenant isolation lives here, in one place: the only way to reach tenant
//! data is `Store::scoped(&caller)`, whose repositories add the caller's
//! tenant and role to every query. Another tenant's object answers
//! `StoreError::NotFound`, exactly like a missing one.

mod audit;
mod audit_event_record;
mod base_diagnostics;
mod base_record;
mod bases;
mod caller;
mod cas_check_record;
mod cas_checks;
mod cas_registry;
mod cas_registry_record;
mod credentials;
mod default_models;
mod directory;
mod ent_account_record;
/// The sea-orm entities: the store's own. White-box tests and the
/// measuring tools that seed a database directly reach them with the
/// `test-support` feature; the service reads records (« Typed records »,
/// docs/architecture.md).
#[cfg(any(test, feature = "test-support"))]
pub mod entities;
#[cfg(not(any(test, feature = "test-support")))]
mod entities;
mod error;
mod establishment_record;
mod establishments;
mod event_log;
mod exchange;
mod exchange_settings_record;
mod files;
mod grants;
mod leases;
mod live;
mod login_throttle;
mod matching;
mod model_schema_record;
mod model_schemas;
mod model_validation_record;
mod models;
pub mod outbox;
mod page;
mod pending_notice;
mod pronote_users;
mod raw_sql;
mod schema;
mod session_cache;
mod tenant_cache;
mod tenant_record;
mod tenants;
mod test_account_record;
mod tickets;
mod user_record;
mod users;
mod write_transaction;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection};

use crate::event_log::EventLog;
use crate::session_cache::SessionCache;
use crate::tenant_cache::TenantCache;

pub use audit::{AuditAction, AuditEntry, AuditFilter, AuditRepo};
pub use audit_event_record::AuditEvent;
pub use base_diagnostics::{DiagnosticsSummary, summarize_diagnostics};
pub use base_record::Base;
pub use bases::{BaseFields, BaseFilter, BaseRepo, NewBase};
pub use caller::Caller;
pub use cas_check_record::CasCheck;
pub use cas_checks::{CasCheckRepo, NewBaseCheck, NewValidation, TestAccountRow};
pub use cas_registry::CasRegistryRepo;
pub use cas_registry_record::{CasRegistrySettings, ExportedEntry};
pub use credentials::{Credentials, RefreshOutcome, ResetOutcome};
pub use default_models::DefaultModelRepo;
pub use directory::{DirectoryAccount, DirectoryImportCounts, DirectoryImportMode, DirectoryRepo};
pub use ent_account_record::EntAccount;
pub use error::{Result, StoreError};
pub use establishment_record::Establishment;
pub use establishments::{
    ConfigurationState, DashboardRecord, EstablishmentFields, EstablishmentFilter,
    EstablishmentRepo, ImportOutcome, NewEstablishment,
};
pub use exchange::{ExchangePatch, ExchangeRepo, KeyRing};
pub use exchange_settings_record::{ExchangeSettings, RETENTION_DAYS};
pub use files::{
    ExpiredFile, FileFilter, FileHousekeeping, FileKind, FileRepo, NewStoredFile, StoredFile,
};
pub use grants::GrantRepo;
pub use leases::Leases;
pub use login_throttle::{LoginThrottle, ThrottleRow};
pub use matching::{
    AccountLink, Decision, ExistingLinks, LinkOrigin, MatchingAccount, MatchingInputs,
    MatchingRepo, MatchingRun, MatchingStep, MatchingUser, NewProposal, NewRun, Proposal,
    ProposalCandidate, RunStatus, StepStatus,
};
pub use model_schema_record::ModelSchema;
pub use model_schemas::{ModelSchemaRepo, NewModelSchema};
pub use model_validation_record::ModelValidation;
pub use models::{
    CatalogModel, InstallReport, MAX_CATALOG_VERSIONS, ModelRepo, ModelSource, NewSource,
    PendingModelUpdate, RevisionStamp, SourceKind, Validators,
};
pub use outbox::{
    NewOutboxMessage, OutboxFilter, OutboxMessage, OutboxQueue, OutboxRepo, OutboxStatus,
    new_message_id,
};
pub use page::{MAX_PAGE_SIZE, Page, PageRequest};
pub use pending_notice::{
    OperatorDigest, PendingBase, PendingModel, PendingUpdateMails, PendingUpdateNotice, Recipient,
    SchoolAdminNotice,
};
pub use pronote_users::{
    ExportImport, ExportImportCounts, PronoteUserRepo, links_removal_unconfirmed,
};
pub use schema::SchemaStatus;
pub use session_cache::{AccountState, DEFAULT_TTL as SESSION_CHECK_TTL};
pub use tenant_cache::TTL as TENANT_CACHE_TTL;
pub use tenant_record::Tenant;
pub use tenants::{NewTenant, TenantPatch, TenantRepo};
pub use test_account_record::TestAccount;
pub use tickets::{
    AssigneeFilter, Messages, NewTicket, Queue, QueueRow, Ticket, TicketEvent, TicketFilter,
    TicketRepo,
};
pub use user_record::User;
pub use users::{NewUser, UserRepo};

/// The database handle. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Store {
    db: DatabaseConnection,
    tenants: TenantCache,
    sessions: SessionCache,
    statements: Arc<StatementCount>,
    events: Arc<EventLog>,
}

/// SQL statements run through a store: all of them, and those the domain
/// event relay ran in the background (marked by `event_log::RELAY_MARK`).
#[derive(Debug, Default)]
struct StatementCount {
    by_relay: AtomicU64,
    others: AtomicU64,
}

impl StatementCount {
    fn count(&self, sql: &str) {
        let counter = if sql.starts_with(event_log::RELAY_MARK) {
            &self.by_relay
        } else {
            &self.others
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }
}

/// A connection pool counting its statements in `statements`. SQLite
/// gets foreign keys on and WAL mode on every connection.
///
/// `eager` (PostgreSQL): every connection is opened at once, by a task of
/// the runtime that creates the pool. A connection's socket belongs to the
/// runtime that opened it; opened lazily, it could belong to an HTTP
/// worker's runtime (a `/readyz` ping), and fail in another request's hands
/// when that worker stops during a graceful shutdown.
async fn open_pool(
    url: &str,
    max_connections: u32,
    statements: Arc<StatementCount>,
    eager: bool,
) -> Result<DatabaseConnection> {
    let mut options = ConnectOptions::new(url.to_owned());
    if eager && url.starts_with("postgres") {
        options.min_connections(max_connections);
    }
    options
        .max_connections(max_connections)
        .sqlx_logging(false)
        // Per connection, not only on the first one: writers queue for
        // up to 5 s behind each other (with `BEGIN IMMEDIATE`, see
        // `write_transaction`) instead of failing.
        .map_sqlx_sqlite_opts(|sqlite| {
            sqlite
                .foreign_keys(true)
                .journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                .busy_timeout(std::time::Duration::from_secs(5))
        });
    let mut db = Database::connect(options).await?;
    db.set_metric_callback(move |info| statements.count(&info.statement.sql));
    if db.get_database_backend() == sea_orm::DatabaseBackend::Sqlite {
        db.execute_unprepared("PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL;")
            .await?;
    }
    Ok(db)
}

impl Store {
    /// Opens a connection pool. SQLite gets foreign keys on and WAL mode.
    pub async fn connect(url: &str, max_connections: u32) -> Result<Self> {
        let statements = Arc::new(StatementCount::default());
        let db = open_pool(url, max_connections, statements.clone(), true).await?;
        let tenants = TenantCache::new();
        Ok(Self {
            db,
            events: Arc::new(EventLog::new(tenants.clone())),
            tenants,
            sessions: SessionCache::new(SESSION_CHECK_TTL),
            statements,
        })
    }

    /// The same store over a pool of its own (`max_connections`): caches,
    /// events and the statement count stay shared with `self`. The server
    /// gives one to the documents that ask for whole-tenant fields, so that
    /// an operator's exports never hold the connections another operator's
    /// pages wait for (issue 13). An in-memory SQLite database cannot be
    /// opened twice: `self` is returned as it is.
    pub async fn with_own_pool(&self, url: &str, max_connections: u32) -> Result<Self> {
        if url.contains(":memory:") || url.contains("mode=memory") {
            return Ok(self.clone());
        }
        let db = open_pool(url, max_connections, self.statements.clone(), false).await?;
        Ok(Self { db, ..self.clone() })
    }

    /// A store over an existing connection; its statements are not counted.
    pub fn from_connection(db: DatabaseConnection) -> Self {
        let tenants = TenantCache::new();
        Self {
            db,
            events: Arc::new(EventLog::new(tenants.clone())),
            tenants,
            sessions: SessionCache::new(SESSION_CHECK_TTL),
            statements: Arc::new(StatementCount::default()),
        }
    }

    /// SQL statements run through this store since it connected (all
    /// clones share the count): `relais_db_statements_total`.
    pub fn statements_executed(&self) -> u64 {
        self.statements.others.load(Ordering::Relaxed)
            + self.statements.by_relay.load(Ordering::Relaxed)
    }

    /// The same count without the statements the domain event relay ran
    /// in the background (it reads new events every few seconds and when
    /// PostgreSQL notifies it): what requests and jobs ran. Tests that
    /// count a request's statements use this one, since the relay may read
    /// at any moment.
    pub fn statements_executed_except_relay(&self) -> u64 {
        self.statements.others.load(Ordering::Relaxed)
    }

    /// The raw connection, for white-box tests and measuring tools
    /// (feature `test-support`): the service goes through the repositories.
    #[cfg(any(test, feature = "test-support"))]
    pub fn connection(&self) -> &DatabaseConnection {
        &self.db
    }

    /// Checks that the database answers.
    pub async fn ping(&self) -> Result<()> {
        self.db.ping().await?;
        Ok(())
    }

    /// How long another process may keep serving an account disabled,
    /// deleted or whose password changed (`auth.session_check_seconds`).
    pub fn with_session_check_ttl(mut self, ttl: std::time::Duration) -> Self {
        self.sessions = SessionCache::new(ttl);
        self
    }

    /// The state of account `id` as access tokens are checked against it:
    /// cached a few seconds, dropped at once by writes through this store.
    pub async fn account_state(&self, id: uuid::Uuid) -> Result<AccountState> {
        self.sessions.state(&self.db, id).await
    }

    /// Repositories scoped to `caller`'s tenant and role.
    pub fn scoped<'a>(&'a self, caller: &'a Caller) -> Scoped<'a> {
        Scoped {
            db: &self.db,
            sessions: &self.sessions,
            tenant_cache: &self.tenants,
            events: &self.events,
            caller,
        }
    }

    /// Domain events, recorded in the transaction that makes them true and
    /// handed out after it commits, whichever process made the change
    /// (all clones share the channel; `start_event_relay` must run).
    pub fn subscribe(
        &self,
    ) -> tokio::sync::broadcast::Receiver<relais_domain::events::DomainEvent> {
        self.events.subscribe()
    }

    /// Marks where this process starts reading the domain events: after
    /// the newest recorded row. Done before serving, so that no event of a
    /// request is missed; an error (schema not migrated yet) is left to
    /// the relay, which retries.
    pub async fn start_reading_events(&self) {
        if let Err(error) = self
            .events
            .start(&self.db, event_log::Reader::Request)
            .await
        {
            tracing::debug!(%error, "domain events not readable yet");
        }
    }

    /// Reads the events recorded by this process and the others sharing
    /// the database, as they come (issue 18); abort the task to stop.
    pub fn start_event_relay(&self) -> tokio::task::JoinHandle<()> {
        tokio::spawn(event_log::relay(self.clone()))
    }

    /// Deletes the domain events older than `days` days (housekeeping).
    pub async fn purge_events(&self, days: i64) -> Result<u64> {
        EventLog::purge(&self.db, days).await
    }

    /// Leases of periodic jobs (several processes, one database).
    pub fn leases(&self) -> Leases<'_> {
        Leases::new(&self.db)
    }

    /// The login rate limits' counters, shared by every process on this
    /// database (used on PostgreSQL; issue 18).
    pub fn login_throttle(&self) -> LoginThrottle<'_> {
        LoginThrottle::new(&self.db)
    }

    /// Whether the database is PostgreSQL (several replicas may share it)
    /// rather than the embedded SQLite (one process).
    pub fn is_shared_database(&self) -> bool {
        self.db.get_database_backend() == sea_orm::DatabaseBackend::Postgres
    }

    /// The mail outbox, as the sending job sees it (every tenant).
    pub fn outbox(&self) -> OutboxQueue<'_> {
        OutboxQueue::new(&self.db)
    }

    /// The wrapped tenant keys (the server's file vault only).
    pub fn key_ring(&self) -> KeyRing<'_> {
        KeyRing::new(&self.db)
    }

    /// Retention and orphan sweeps of stored files.
    pub fn file_housekeeping(&self) -> FileHousekeeping<'_> {
        FileHousekeeping::new(&self.db)
    }

    /// Operations that happen before anyone is authenticated: login, refresh
    /// tokens, first-start bootstrap.
    pub fn credentials(&self) -> Credentials<'_> {
        Credentials::new(&self.db, &self.sessions)
    }
}

/// Entry point to the repositories of one caller.
#[derive(Clone, Copy)]
pub struct Scoped<'a> {
    db: &'a DatabaseConnection,
    sessions: &'a SessionCache,
    tenant_cache: &'a TenantCache,
    events: &'a EventLog,
    caller: &'a Caller,
}

impl<'a> Scoped<'a> {
    pub fn caller(&self) -> &'a Caller {
        self.caller
    }

    pub fn tenants(&self) -> TenantRepo<'a> {
        TenantRepo::new(self.db, self.tenant_cache, self.events, self.caller)
    }

    pub fn users(&self) -> UserRepo<'a> {
        UserRepo::new(self.db, Some(self.sessions), self.caller)
    }

    pub fn establishments(&self) -> EstablishmentRepo<'a> {
        EstablishmentRepo::new(self.db, self.caller)
    }

    pub fn bases(&self) -> BaseRepo<'a> {
        BaseRepo::new(self.db, self.caller).with_events(self.events)
    }

    pub fn pronote_users(&self) -> PronoteUserRepo<'a> {
        PronoteUserRepo::new(self.db, self.caller)
    }

    pub fn matching(&self) -> MatchingRepo<'a> {
        MatchingRepo::new(self.db, self.caller)
    }

    pub fn models(&self) -> ModelRepo<'a> {
        ModelRepo::new(self.db, self.caller, self.events)
    }

    pub fn default_models(&self) -> DefaultModelRepo<'a> {
        DefaultModelRepo::new(self.db, self.caller)
    }

    pub fn model_schemas(&self) -> ModelSchemaRepo<'a> {
        ModelSchemaRepo::new(self.db, self.caller)
    }

    pub fn cas_checks(&self) -> CasCheckRepo<'a> {
        CasCheckRepo::new(self.db, self.caller, self.events)
    }

    pub fn grants(&self) -> GrantRepo<'a> {
        GrantRepo::new(self.db, self.caller)
    }

    pub fn files(&self) -> FileRepo<'a> {
        FileRepo::new(self.db, self.caller)
    }

    pub fn tickets(&self) -> TicketRepo<'a> {
        TicketRepo::new(self.db, self.caller, self.events)
    }

    pub fn directory(&self) -> DirectoryRepo<'a> {
        DirectoryRepo::new(self.db, self.caller)
    }

    pub fn exchange(&self) -> ExchangeRepo<'a> {
        ExchangeRepo::new(self.db, self.caller)
    }

    pub fn audit(&self) -> AuditRepo<'a> {
        AuditRepo::new(self.db, self.caller)
    }

    pub fn outbox(&self) -> OutboxRepo<'a> {
        OutboxRepo::new(self.db, self.caller)
    }

    pub fn cas_registry(&self) -> CasRegistryRepo<'a> {
        CasRegistryRepo::new(self.db, self.caller)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write_transaction::BeginWrite;

    #[tokio::test]
    async fn a_store_with_its_own_pool_is_not_held_up_by_the_main_pool() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!(
            "sqlite://{}?mode=rwc",
            dir.path().join("relais.db").display()
        );
        let main = Store::connect(&url, 1).await.unwrap();
        let apart = main.with_own_pool(&url, 1).await.unwrap();
        // The main pool's only connection is taken…
        let held = main.connection().begin_write().await.unwrap();
        // …the other pool still answers, and counts in the shared figure.
        let before = main.statements_executed();
        let select =
            sea_orm::Statement::from_string(apart.connection().get_database_backend(), "SELECT 1");
        tokio::time::timeout(
            std::time::Duration::from_secs(10),
            apart.connection().query_one_raw(select),
        )
        .await
        .expect("the pool of its own waited for the main pool")
        .unwrap();
        assert!(main.statements_executed() > before);
        held.rollback().await.unwrap();
    }

    #[tokio::test]
    async fn the_relay_s_reads_are_left_out_of_the_requests_count() {
        let store = Store::connect("sqlite::memory:", 1).await.unwrap();
        store
            .connection()
            .execute_unprepared(
                "CREATE TABLE domain_events (id INTEGER PRIMARY KEY, payload TEXT NOT NULL, created_at TEXT NOT NULL)",
            )
            .await
            .unwrap();
        let (all, requests) = (
            store.statements_executed(),
            store.statements_executed_except_relay(),
        );
        let db = store.connection();
        store
            .events
            .start(db, event_log::Reader::Relay)
            .await
            .unwrap();
        store
            .events
            .pump(db, event_log::Reader::Relay)
            .await
            .unwrap();
        assert_eq!(store.statements_executed(), all + 2);
        assert_eq!(store.statements_executed_except_relay(), requests);
        // The writer's own read after its commit is the request's.
        store
            .events
            .pump(db, event_log::Reader::Request)
            .await
            .unwrap();
        assert_eq!(store.statements_executed(), all + 3);
        assert_eq!(store.statements_executed_except_relay(), requests + 1);
    }

    #[tokio::test]
    async fn an_in_memory_database_keeps_one_pool() {
        let main = Store::connect("sqlite::memory:", 1).await.unwrap();
        let apart = main.with_own_pool("sqlite::memory:", 1).await.unwrap();
        let held = main.connection().begin_write().await.unwrap();
        // Same pool: its one connection is held, so the ping must wait.
        let waited =
            tokio::time::timeout(std::time::Duration::from_millis(300), apart.ping()).await;
        assert!(waited.is_err(), "an in-memory database was opened twice");
        held.rollback().await.unwrap();
    }
}
