//! Prometheus metrics: HTTP requests and latency, GraphQL operations and
//! errors by code, job runs, readiness, the mail outbox's backlog, and the
//! process (memory, CPU, file descriptors). Served at `/metrics`; the list
//! and the alerts built on them are in docs/operations.md, "Monitoring".

use std::collections::HashSet;
use std::sync::Mutex;
use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::web;
use prometheus::{
    Encoder, GaugeVec, HistogramOpts, HistogramVec, IntCounter, IntCounterVec, IntGauge,
    IntGaugeVec, Opts, Registry, TextEncoder,
};

/// Past this many distinct operation names, new ones count as `other`.
const MAX_OPERATION_NAMES: usize = 200;

pub struct Metrics {
    registry: Registry,
    http_requests: IntCounterVec,
    http_duration: HistogramVec,
    graphql_operations: IntCounterVec,
    graphql_errors: IntCounterVec,
    graphql_refused: IntCounterVec,
    graphql_documents: IntCounterVec,
    db_statements: IntCounter,
    operation_names: Mutex<HashSet<String>>,
    jobs: JobMetrics,
    ready: IntGaugeVec,
    outbox_messages: IntGaugeVec,
    outbox_due_lag: IntGauge,
}

/// Runs of the periodic jobs, by outcome, and when each last succeeded.
#[derive(Clone)]
pub struct JobMetrics {
    runs: IntCounterVec,
    last_success: GaugeVec,
}

impl JobMetrics {
    /// Counts one run of `job`.
    pub fn record(&self, job: &str, succeeded: bool) {
        let outcome = if succeeded { "ok" } else { "error" };
        self.runs.with_label_values(&[job, outcome]).inc();
        if succeeded {
            self.last_success
                .with_label_values(&[job])
                .set(chrono::Utc::now().timestamp() as f64);
        }
    }
}

/// What `/metrics` reads from the database at each scrape (every replica
/// reports the same, cluster-wide values: alert on their max).
#[derive(Debug, Clone, Copy, Default)]
pub struct OutboxBacklog {
    pub pending: u64,
    pub failed: u64,
    /// Seconds the longest-waiting due message has waited.
    pub due_lag_seconds: i64,
}

impl Metrics {
    pub fn new() -> Result<Self, prometheus::Error> {
        let registry = Registry::new_custom(Some("relais".into()), None)?;
        let http_requests = IntCounterVec::new(
            Opts::new("http_requests_total", "HTTP requests by route and status"),
            &["method", "route", "status"],
        )?;
        let http_duration = HistogramVec::new(
            HistogramOpts::new("http_request_duration_seconds", "HTTP request latency").buckets(
                vec![
                    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
                ],
            ),
            &["method", "route"],
        )?;
        let graphql_operations = IntCounterVec::new(
            Opts::new("graphql_operations_total", "GraphQL operations by name"),
            &["operation"],
        )?;
        let graphql_errors = IntCounterVec::new(
            Opts::new("graphql_errors_total", "GraphQL errors by extensions.code"),
            &["code"],
        )?;
        let graphql_refused = IntCounterVec::new(
            Opts::new(
                "graphql_refused_total",
                "GraphQL requests refused before execution, by reason",
            ),
            &["reason"],
        )?;
        registry.register(Box::new(graphql_refused.clone()))?;
        let graphql_documents = IntCounterVec::new(
            Opts::new(
                "graphql_documents_total",
                "GraphQL documents executed, by runtime (main, or expensive for whole-tenant fields)",
            ),
            &["runtime"],
        )?;
        registry.register(Box::new(graphql_documents.clone()))?;
        registry.register(Box::new(http_requests.clone()))?;
        registry.register(Box::new(http_duration.clone()))?;
        registry.register(Box::new(graphql_operations.clone()))?;
        registry.register(Box::new(graphql_errors.clone()))?;
        let db_statements =
            IntCounter::new("db_statements_total", "SQL statements run by this process")?;
        registry.register(Box::new(db_statements.clone()))?;
        let jobs = JobMetrics {
            runs: IntCounterVec::new(
                Opts::new("job_runs_total", "Runs of the periodic jobs by outcome"),
                &["job", "outcome"],
            )?,
            last_success: GaugeVec::new(
                Opts::new(
                    "job_last_success_timestamp_seconds",
                    "When each job last ran without error (Unix time)",
                ),
                &["job"],
            )?,
        };
        registry.register(Box::new(jobs.runs.clone()))?;
        registry.register(Box::new(jobs.last_success.clone()))?;
        let ready = IntGaugeVec::new(
            Opts::new(
                "ready",
                "1 when this replica takes traffic; by condition: schema (every migration applied), serving (not shutting down)",
            ),
            &["condition"],
        )?;
        registry.register(Box::new(ready.clone()))?;
        let outbox_messages = IntGaugeVec::new(
            Opts::new(
                "mail_outbox_messages",
                "Outgoing e-mails by status (whole platform)",
            ),
            &["status"],
        )?;
        registry.register(Box::new(outbox_messages.clone()))?;
        let outbox_due_lag = IntGauge::new(
            "mail_outbox_due_lag_seconds",
            "How long the longest-waiting due e-mail has waited to be sent",
        )?;
        registry.register(Box::new(outbox_due_lag.clone()))?;
        #[cfg(target_os = "linux")]
        registry.register(Box::new(
            prometheus::process_collector::ProcessCollector::for_self(),
        ))?;
        Ok(Self {
            jobs,
            ready,
            outbox_messages,
            outbox_due_lag,
            registry,
            http_requests,
            http_duration,
            graphql_operations,
            graphql_errors,
            graphql_refused,
            graphql_documents,
            db_statements,
            operation_names: Mutex::new(HashSet::new()),
        })
    }

    /// Counts one GraphQL operation and its errors.
    pub fn record_graphql(&self, operation: Option<&str>, response: &async_graphql::Response) {
        let name = self.operation_label(operation);
        self.graphql_operations.with_label_values(&[&name]).inc();
        for error in &response.errors {
            let code = error
                .extensions
                .as_ref()
                .and_then(|ext| ext.get("code"))
                .and_then(|value| match value {
                    async_graphql::Value::String(code) => Some(code.as_str()),
                    _ => None,
                })
                .unwrap_or("UNKNOWN");
            self.graphql_errors.with_label_values(&[code]).inc();
        }
    }

    /// Counts a request refused before execution (body, document guard,
    /// introspection). `reason` is one of the guard's stable reasons.
    pub fn record_refusal(&self, reason: &'static str) {
        self.graphql_refused.with_label_values(&[reason]).inc();
    }

    /// A document the guard let through, by the runtime it runs on.
    pub fn record_document(&self, expensive: bool) {
        let runtime = if expensive { "expensive" } else { "main" };
        self.graphql_documents.with_label_values(&[runtime]).inc();
    }

    fn operation_label(&self, operation: Option<&str>) -> String {
        let Some(name) = operation else {
            return "anonymous".into();
        };
        let well_formed = !name.is_empty()
            && name.len() <= 64
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !well_formed {
            return "other".into();
        }
        let Ok(mut names) = self.operation_names.lock() else {
            return "other".into();
        };
        if names.contains(name) || names.len() < MAX_OPERATION_NAMES {
            names.insert(name.to_owned());
            name.to_owned()
        } else {
            "other".into()
        }
    }

    /// The job runner's share.
    pub fn jobs(&self) -> JobMetrics {
        self.jobs.clone()
    }

    /// Readiness and the outbox backlog, read just before rendering.
    pub fn observe(&self, readiness: &crate::readiness::Readiness, backlog: Option<OutboxBacklog>) {
        self.ready
            .with_label_values(&["schema"])
            .set(i64::from(readiness.schema_current()));
        self.ready
            .with_label_values(&["serving"])
            .set(i64::from(!readiness.draining()));
        if let Some(backlog) = backlog {
            self.outbox_messages
                .with_label_values(&["pending"])
                .set(i64::try_from(backlog.pending).unwrap_or(i64::MAX));
            self.outbox_messages
                .with_label_values(&["failed"])
                .set(i64::try_from(backlog.failed).unwrap_or(i64::MAX));
            self.outbox_due_lag.set(backlog.due_lag_seconds);
        }
    }

    /// The text exposition format; `db_statements` is the store's count.
    pub fn render(&self, db_statements: u64) -> String {
        self.db_statements
            .inc_by(db_statements.saturating_sub(self.db_statements.get()));
        let mut buffer = Vec::new();
        if let Err(err) = TextEncoder::new().encode(&self.registry.gather(), &mut buffer) {
            tracing::error!(error = %err, "metrics encoding failed");
        }
        String::from_utf8(buffer).unwrap_or_default()
    }
}

/// Middleware counting every request by route pattern (not raw path, so that
/// ids do not explode the label set).
pub async fn track_requests(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = Instant::now();
    let method = req.method().to_string();
    let route = req.match_pattern().unwrap_or_else(|| "unmatched".into());
    let metrics = req.app_data::<web::Data<Metrics>>().cloned();
    let result = next.call(req).await;
    if let Some(metrics) = metrics {
        let status = match &result {
            Ok(response) => response.status().as_u16(),
            Err(err) => err.as_response_error().status_code().as_u16(),
        };
        metrics
            .http_requests
            .with_label_values(&[method.as_str(), route.as_str(), &status.to_string()])
            .inc();
        metrics
            .http_duration
            .with_label_values(&[method.as_str(), route.as_str()])
            .observe(started.elapsed().as_secs_f64());
    }
    result
}
