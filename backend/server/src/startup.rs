//! Building the application: database, migrations, first start, schema, HTTP
//! server bound to its own listener (port 0 works), and the job runner.

use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

use actix_web::dev::Server;
use actix_web::middleware::from_fn;
use actix_web::{App, HttpServer, web};
use relais_api::{AppSchema, Deps, schema_builder};
use relais_app::auth::{AuthService, AuthSettings, RateLimits, TokenKeys};
use relais_migration::Migrator;
use relais_store::Store;
use tracing_actix_web::TracingLogger;

use crate::bootstrap::{BootstrapOutcome, ensure_platform_admin, seed_demo};
use crate::config::Settings;
use crate::error::ServerError;
use crate::graphql_http::{BodyLimits, ExpensiveRuntime, GraphqlGate, Priority};
use crate::jobs::{JobRunner, PurgeExpiredSessions};
use crate::keys::jwt_secret;
use crate::metrics::{Metrics, track_requests};
use crate::model_refresh::RefreshModelFeeds;
use crate::readiness::Readiness;
use crate::routes;
use crate::routes::MetricsAccess;
use crate::security_headers::security_headers;
use crate::shutdown::{ShutdownSettings, ShutdownTrigger};
use crate::telemetry::RelaisRootSpan;

/// Files one GraphQL multipart request may carry.
const MAX_UPLOADED_FILES: usize = 4;

/// Shared by every request.
pub struct AppState {
    pub store: Store,
    pub vault: Arc<relais_app::file_vault::FileVault>,
    pub schema: AppSchema,
    pub auth: AuthService,
    pub trust_forwarded_for: bool,
    /// Expensive-request permits, shared with the GraphQL resolvers.
    pub admission: Arc<relais_api::admission::Admission>,
    /// Limits and executor of the GraphQL route.
    pub gate: GraphqlGate,
}

/// Start-up choices that are not configuration.
#[derive(Debug, Clone, Copy, Default)]
pub struct BuildOptions {
    /// Seed the demo operator and accounts.
    pub demo: bool,
    /// Shut down on SIGTERM/SIGINT (the `relais` command). Servers embedded
    /// in another program (the tests) stop through their
    /// [`ShutdownTrigger`] only.
    pub signals: bool,
}

/// What the start-up did, for the command line to tell the person.
#[derive(Debug, Clone)]
pub struct StartupReport {
    pub public_url: String,
    pub bootstrap: BootstrapOutcome,
    pub demo_seeded: bool,
}

pub struct Application {
    port: u16,
    server: Server,
    /// The separate `/metrics` listener and its port, when configured.
    metrics_server: Option<(Server, u16)>,
    jobs: Option<JobRunner>,
    model_refresh: Option<Arc<RefreshModelFeeds>>,
    job_metrics: crate::metrics::JobMetrics,
    store: Store,
    report: StartupReport,
    readiness: Arc<Readiness>,
    shutdown: ShutdownSettings,
    trigger: ShutdownTrigger,
    signals: bool,
}

impl Application {
    pub async fn build(settings: Settings, options: BuildOptions) -> Result<Self, ServerError> {
        let database_url = settings.database_url()?;
        if database_url.starts_with("sqlite:") {
            std::fs::create_dir_all(&settings.data_dir)?;
        }
        let store = Store::connect(&database_url, settings.database.max_connections)
            .await?
            .with_session_check_ttl(Duration::from_secs(settings.auth.session_check_seconds));
        let schema_current = prepare_schema(&store, settings.database.run_migrations).await?;
        store.start_reading_events().await;
        let readiness = Readiness::new(schema_current);

        let keys = TokenKeys::new(
            &jwt_secret(&settings)?,
            &settings.auth.issuer,
            &settings.auth.audience,
        );
        let auth = AuthService::new(
            store.clone(),
            keys,
            AuthSettings {
                access_token_ttl_seconds: settings.auth.access_token_ttl_seconds,
                refresh_token_ttl_days: settings.auth.refresh_token_ttl_days,
                rate_limits: RateLimits {
                    per_account: settings.auth.login_attempts_per_account,
                    per_address: settings.auth.login_attempts_per_address,
                    window: Duration::from_secs(settings.auth.login_window_seconds),
                    slowdown: Duration::from_secs(settings.auth.login_slowdown_seconds),
                    max_wait: Duration::from_secs(settings.auth.login_max_wait_seconds),
                },
                hashing: relais_app::auth::HashingLimits {
                    threads: settings.auth.hashing_threads,
                    queue: settings.auth.hashing_queue,
                },
                password_reset_minutes: settings.auth.password_reset_minutes,
            },
        )?;
        // On a schema not migrated yet, `relais migrate` creates the first
        // administrator (docs/operations.md, "Kubernetes").
        let bootstrap = if schema_current {
            ensure_platform_admin(&store, auth.hasher(), &settings.bootstrap).await?
        } else {
            BootstrapOutcome::SchemaPending
        };

        let vault = crate::file_storage::file_vault(&settings, &store).await?;
        let production = settings.production(options.demo);
        let models = settings.models.for_run(options.demo);
        let admission = Arc::new(relais_api::admission::Admission::new(
            settings.graphql.expensive,
        ));
        let mut schema = schema_builder(Deps {
            store: store.clone(),
            auth: auth.clone(),
            max_depth: settings.graphql.max_depth,
            max_complexity: settings.graphql.max_complexity,
            fetcher: models.fetcher()?,
            cas_checker: settings.cas_check.checker()?,
            vault: vault.clone(),
            mail_links: relais_app::MailLinks {
                public_url: settings.public_url(settings.http.port),
            },
            admission: admission.clone(),
            live: Arc::new(relais_api::live::LiveRegistry::new(settings.graphql.live)),
        });
        if production {
            // « Did you mean … » would describe the schema to anonymous
            // callers too.
            schema = schema.disable_suggestions();
        }
        let schema = schema.finish();
        let metrics =
            web::Data::new(Metrics::new().map_err(|err| ServerError::Config(err.to_string()))?);
        let job_metrics = metrics.jobs();
        // Uploads beyond the limit are refused while reading the request;
        // resolvers check the exact limit again with a French message.
        let upload_limit = settings.storage.upload_max_bytes.saturating_add(64 * 1024) as usize;
        let multipart = async_graphql::http::MultipartOptions::default()
            .max_file_size(upload_limit)
            .max_num_files(MAX_UPLOADED_FILES);
        let expensive = Arc::new(ExpensiveRuntime::start(
            settings.graphql.expensive.runtime_threads(),
            Priority {
                idle: settings.graphql.expensive.idle,
                nice: settings.graphql.expensive.nice,
            },
        )?);
        let expensive_store = expensive_store(&store, &database_url, &settings, &expensive).await?;
        let gate = GraphqlGate {
            body: BodyLimits {
                json_bytes: settings.graphql.max_body_bytes,
                multipart_bytes: upload_limit
                    .saturating_mul(MAX_UPLOADED_FILES)
                    .saturating_add(settings.graphql.max_body_bytes),
                multipart,
            },
            document: settings.graphql.document,
            query_timeout: Duration::from_secs(settings.graphql.query_timeout_seconds.max(1)),
            mutation_timeout: Duration::from_secs(settings.graphql.mutation_timeout_seconds.max(1)),
            max_complexity: settings.graphql.max_complexity,
            max_depth: settings.graphql.max_depth,
            production,
            executor: tokio::runtime::Handle::current(),
            expensive,
            expensive_store,
        };
        let state = web::Data::new(AppState {
            store: store.clone(),
            vault: vault.clone(),
            schema,
            auth,
            trust_forwarded_for: settings.http.trust_forwarded_for,
            admission,
            gate,
        });

        let listener = TcpListener::bind((settings.http.host.as_str(), settings.http.port))?;
        let port = listener.local_addr()?.port();
        let demo = options.demo;
        let demo_seeded = if demo && schema_current {
            let feed_url = format!("http://127.0.0.1:{port}/demo/modeles.xml");
            seed_demo(&store, &state.auth, &vault, &feed_url).await?
        } else {
            false
        };
        let graphiql = settings.graphql.graphiql.unwrap_or(!production);
        let metrics_token = settings.metrics_token()?;
        let metrics_listener = settings
            .metrics
            .address
            .as_deref()
            .map(TcpListener::bind)
            .transpose()?;
        let metrics_server = match metrics_listener {
            Some(listener) => Some(metrics_server(
                listener,
                state.clone(),
                metrics.clone(),
                MetricsAccess::new(metrics_token.as_ref(), true),
                web::Data::new(readiness.clone()),
            )?),
            None => None,
        };
        // On the public listener: open outside the production profile,
        // else behind the token; absent when a separate listener serves it.
        let public_metrics = metrics_server
            .is_none()
            .then(|| web::Data::new(MetricsAccess::new(metrics_token.as_ref(), !production)));
        if production && metrics_token.is_none() && metrics_server.is_none() {
            tracing::warn!(
                "production profile: /metrics answers 401 until metrics.token or metrics.address is set"
            );
        }
        let readiness_data = web::Data::new(readiness.clone());
        let console = crate::console::ConsoleSource::from_settings(&settings.console);
        if let Some(source) = &console
            && !source.is_available()
        {
            tracing::warn!(
                ?source,
                "the console is not built: `/` answers 404 (run `make run` or `npm run build` in frontend/)"
            );
        }
        let console = console.map(web::Data::new);
        let mut server = HttpServer::new(move || {
            let mut app = App::new()
                .wrap(from_fn(crate::readiness::serve_gate))
                .wrap(from_fn(track_requests))
                .wrap(from_fn(security_headers))
                .wrap(TracingLogger::<RelaisRootSpan>::new())
                .app_data(readiness_data.clone())
                .app_data(state.clone())
                .app_data(metrics.clone())
                .route("/healthz", web::get().to(routes::healthz))
                .route("/readyz", web::get().to(routes::readyz))
                .route("/graphql", web::post().to(routes::graphql))
                .route("/graphql", web::get().to(routes::graphql_get))
                .route("/graphql/live", web::get().to(routes::live))
                .route("/establishments/{uai}/fiche", web::get().to(routes::fiche))
                .route("/files/{id}/download", web::get().to(routes::download_file))
                .route(
                    "/cas-registry/archive",
                    web::get().to(routes::cas_registry_archive),
                )
                .route(
                    "/bases/{id}/cas-registry",
                    web::get().to(routes::cas_registry_base),
                )
                .route("/auth/session", web::post().to(routes::sign_in))
                .route("/auth/refresh", web::post().to(routes::session_refresh))
                .route("/auth/logout", web::post().to(routes::session_logout))
                .route(
                    relais_app::account_mail::RESET_PATH,
                    web::get().to(routes::reset_form),
                )
                .route(
                    relais_app::account_mail::RESET_PATH,
                    web::post().to(routes::reset_submit),
                );
            if graphiql {
                app = app
                    .route("/graphiql", web::get().to(routes::graphiql))
                    .route(
                        "/graphiql/{version}/{name}",
                        web::get().to(routes::graphiql_asset),
                    );
            }
            if let Some(access) = &public_metrics {
                app = app
                    .app_data(access.clone())
                    .route("/metrics", web::get().to(routes::metrics));
            }
            if demo {
                app = app.route(
                    "/demo/modeles.xml",
                    web::get().to(crate::demo_models::demo_feed),
                );
            }
            if let Some(source) = &console {
                app = app
                    .app_data(source.clone())
                    .default_service(web::to(crate::console::serve));
            }
            app
        })
        .listen(listener)?
        .disable_signals()
        .shutdown_timeout(settings.shutdown.timeout().as_secs());
        if let Some(workers) = settings.http.workers {
            server = server.workers(workers.max(1));
        }

        crate::model_refresh::tick_cron(settings.jobs.model_refresh_tick_seconds)
            .map_err(ServerError::Config)?;
        let model_refresh = settings
            .jobs
            .enabled
            .then(|| models.fetcher())
            .transpose()?
            .map(|fetcher| {
                RefreshModelFeeds::with_tick(
                    store.clone(),
                    fetcher,
                    relais_app::MailLinks {
                        public_url: settings.public_url(settings.http.port),
                    },
                    settings.jobs.model_refresh_tick_seconds,
                )
            });
        let mailer = crate::mail::build_mailer(&settings)?;
        let jobs = settings.jobs.enabled.then(|| {
            JobRunner::new(vec![
                Arc::new(PurgeExpiredSessions {
                    store: store.clone(),
                    every: Duration::from_secs(settings.jobs.session_purge_interval_seconds.max(1)),
                }),
                Arc::new(crate::file_storage::FileHousekeepingJob {
                    store: store.clone(),
                    vault: vault.clone(),
                    every: Duration::from_secs(
                        settings.storage.housekeeping_interval_seconds.max(1),
                    ),
                    orphan_grace: chrono::Duration::seconds(
                        settings.storage.orphan_grace_seconds as i64,
                    ),
                    holder: format!("relais-{}", uuid::Uuid::now_v7()),
                }),
                Arc::new(crate::mail::OutboxJob::new(
                    store.clone(),
                    mailer.clone(),
                    &settings.mail,
                )),
            ])
            .gated_by(readiness.clone())
            .with_metrics(job_metrics.clone())
        });
        Ok(Self {
            port,
            server: server.run(),
            metrics_server,
            jobs,
            model_refresh,
            job_metrics,
            store,
            report: StartupReport {
                public_url: settings.public_url(port),
                bootstrap,
                demo_seeded,
            },
            readiness,
            shutdown: settings.shutdown.clone(),
            trigger: ShutdownTrigger::default(),
            signals: options.signals,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The port of the separate `/metrics` listener, when configured.
    pub fn metrics_port(&self) -> Option<u16> {
        self.metrics_server.as_ref().map(|(_, port)| *port)
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn report(&self) -> &StartupReport {
        &self.report
    }

    /// Asks the application to shut down as SIGTERM would.
    pub fn shutdown_trigger(&self) -> ShutdownTrigger {
        self.trigger.clone()
    }

    /// Serves until asked to stop (SIGTERM, SIGINT, the trigger), then shuts
    /// down gracefully (`crate::shutdown`): readiness off, drain period,
    /// listener closed, requests and job runs finished within
    /// `shutdown.timeout_seconds`, leases given back.
    pub async fn run_until_stopped(self) -> Result<(), ServerError> {
        let Application {
            server,
            metrics_server,
            jobs,
            model_refresh,
            job_metrics,
            store,
            readiness,
            shutdown,
            trigger,
            signals,
            ..
        } = self;
        // Before the server answers anything: a SIGTERM right after the
        // first 200 on /readyz drains like any other.
        let stop_signals = crate::shutdown::StopSignals::watch(signals);
        let http = server.handle();
        let mut server = tokio::spawn(server);
        let metrics = metrics_server.map(|(server, _)| {
            let handle = server.handle();
            (tokio::spawn(server), handle)
        });
        let jobs = jobs.map(JobRunner::start);
        // Subscribers first, then the reader of the events every process
        // records (issue 18).
        let events = crate::events::log_domain_events(&store);
        let relay = store.start_event_relay();
        let schema_watch = (!readiness.schema_current()).then(|| {
            crate::readiness::watch_schema(store.clone(), readiness.clone(), SCHEMA_RECHECK)
        });
        let mut scheduler = match &model_refresh {
            Some(refresh) => Some(
                crate::model_refresh::schedule(
                    refresh.clone(),
                    readiness.clone(),
                    Some(job_metrics.clone()),
                )
                .await
                .map_err(|e| ServerError::Config(format!("planificateur : {e}")))?,
            ),
            None => None,
        };

        let reason = tokio::select! {
            served = &mut server => {
                // The server stopped by itself (it should not): stop the rest.
                tracing::error!("HTTP server stopped unexpectedly");
                events.abort();
                relay.abort();
                if let Some(jobs) = jobs {
                    jobs.stop(shutdown.timeout()).await;
                }
                return flatten(served);
            }
            reason = stop_signals.stop_requested(&trigger) => reason,
        };
        readiness.start_draining();
        let drain = if reason.drains() {
            shutdown.drain()
        } else {
            Duration::ZERO
        };
        tracing::info!(
            ?reason,
            drain_seconds = drain.as_secs(),
            timeout_seconds = shutdown.timeout().as_secs(),
            "shutting down: /readyz answers 503; requests still served during the drain period"
        );
        tokio::time::sleep(drain).await;
        tracing::info!("shutting down: listener closed; finishing requests and jobs in progress");
        let grace = shutdown.timeout();
        let stop_jobs = async {
            if let Some(scheduler) = scheduler.as_mut() {
                let _ = scheduler.shutdown().await;
            }
            // The feed refresh and the other jobs share the same bound.
            let refresh = async {
                if let Some(refresh) = &model_refresh
                    && tokio::time::timeout(grace, refresh.finish()).await.is_err()
                {
                    tracing::warn!(
                        "model feed refresh still running when the shutdown time was up"
                    );
                }
            };
            let others = async {
                match jobs {
                    Some(jobs) => jobs.stop(grace).await.abandoned,
                    None => Vec::new(),
                }
            };
            tokio::join!(refresh, others).1
        };
        let ((), abandoned) = tokio::join!(http.stop(true), stop_jobs);
        if let Some((task, handle)) = metrics {
            handle.stop(true).await;
            let _ = task.await;
        }
        events.abort();
        relay.abort();
        if let Some(watch) = schema_watch {
            watch.abort();
        }
        let served = flatten(server.await);
        tracing::info!(abandoned_jobs = ?abandoned, "shutdown complete");
        served
    }
}

/// The store of the documents that ask for whole-tenant fields: a pool of
/// its own (`graphql.expensive.connections`, one per admitted request by
/// default), opened from a thread of their runtime so that its
/// connections' own threads (SQLite's workers) inherit that runtime's lower
/// priority.
async fn expensive_store(
    store: &Store,
    database_url: &str,
    settings: &Settings,
    runtime: &ExpensiveRuntime,
) -> Result<Store, ServerError> {
    let connections = settings.graphql.expensive.pool_connections();
    let (store, url) = (store.clone(), database_url.to_owned());
    let opened = runtime
        .handle()
        .spawn(async move { store.with_own_pool(&url, connections).await })
        .await
        .map_err(std::io::Error::other)?;
    Ok(opened?)
}

/// How often a replica waiting for `relais migrate` looks again.
const SCHEMA_RECHECK: Duration = Duration::from_secs(5);

fn flatten(served: Result<std::io::Result<()>, tokio::task::JoinError>) -> Result<(), ServerError> {
    match served {
        Ok(result) => Ok(result?),
        Err(error) => Err(ServerError::Io(std::io::Error::other(error))),
    }
}

/// Applies pending migrations when allowed, and says whether the schema is
/// the one this binary expects. Migrations of a newer release (a rolling
/// upgrade in progress) are left alone.
pub(crate) async fn prepare_schema(
    store: &Store,
    run_migrations: bool,
) -> Result<bool, ServerError> {
    let status = store.schema_status::<Migrator>().await?;
    if !status.newer.is_empty() {
        tracing::info!(
            newer = ?status.newer,
            "the database schema is newer than this binary (a newer release migrated it): \
             serving under the expand/contract rule"
        );
    }
    if status.is_current() {
        return Ok(true);
    }
    if !run_migrations {
        return Ok(false);
    }
    if !status.newer.is_empty() {
        return Err(ServerError::Config(format!(
            "la base contient des migrations inconnues de ce binaire ({}) et il lui en manque \
             ({}) : déployez la version qui les connaît toutes.",
            status.newer.join(", "),
            status.pending.join(", ")
        )));
    }
    store.migrate::<Migrator>().await?;
    Ok(true)
}

/// The separate listener of `/metrics` (`metrics.address`), one worker.
fn metrics_server(
    listener: TcpListener,
    state: web::Data<AppState>,
    metrics: web::Data<Metrics>,
    access: MetricsAccess,
    readiness: web::Data<Arc<Readiness>>,
) -> Result<(Server, u16), ServerError> {
    let port = listener.local_addr()?.port();
    let access = web::Data::new(access);
    let server = HttpServer::new(move || {
        App::new()
            .wrap(from_fn(security_headers))
            .app_data(state.clone())
            .app_data(metrics.clone())
            .app_data(access.clone())
            .app_data(readiness.clone())
            .route("/metrics", web::get().to(routes::metrics))
    })
    .workers(1)
    .disable_signals()
    .listen(listener)?
    .run();
    Ok((server, port))
}
