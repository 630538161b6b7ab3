//! The documents of the live WebSocket (issue 17): the same guard as
//! `POST /graphql` (size, tokens, nesting, fragments, text values), then
//! subscriptions only — a query or mutation sent over the socket would
//! escape the time limits and admission of the HTTP route. And a bound on
//! what a socket may send (`ByteBudget`): the WebSocket layer accepts 64 KB
//! frames and glues continuation frames together without a limit.

use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use actix_web::error::PayloadError;
use actix_web::web::Bytes;
use async_graphql::parser::types::OperationType;
use async_graphql::{Data, Executor, Request, Response};
use futures_util::stream::{BoxStream, Stream, StreamExt};
use relais_api::guard::{DocumentLimits, check_document, check_text_values};
use relais_api::{ApiError, AppSchema, ErrorCode};

use super::{error_response, operation_type};

/// Runs the subscriptions of one WebSocket connection.
#[derive(Clone)]
pub struct LiveExecutor {
    pub schema: AppSchema,
    pub document: DocumentLimits,
}

impl LiveExecutor {
    /// The guard's checks, and the operation must be a subscription; the
    /// parsed document is handed on.
    fn check(&self, request: &mut Request) -> Result<(), ApiError> {
        let (document, _) = check_document(&request.query, &self.document)?;
        check_text_values(&document, &request.variables)?;
        if operation_type(&document, request.operation_name.as_deref())
            != Some(OperationType::Subscription)
        {
            return Err(ApiError::new(
                    ErrorCode::Validation,
                    "La connexion en direct n'accepte que les souscriptions (subscription) ; envoyez les requêtes et les modifications à POST /graphql.",
                ).with_reason("SUBSCRIPTIONS_ONLY"));
        }
        request.set_parsed_query(document);
        Ok(())
    }
}

impl Executor for LiveExecutor {
    async fn execute(&self, request: Request) -> Response {
        // Only reached through `execute_stream` (the WebSocket protocol
        // never executes a single request).
        let mut request = request;
        match self.check(&mut request) {
            Ok(()) => self.schema.execute(request).await,
            Err(error) => error_response(error),
        }
    }

    fn execute_stream(
        &self,
        request: Request,
        session_data: Option<Arc<Data>>,
    ) -> BoxStream<'static, Response> {
        let mut request = request;
        match self.check(&mut request) {
            Ok(()) => self
                .schema
                .execute_stream_with_session_data(request, session_data.unwrap_or_default()),
            Err(error) => futures_util::stream::once(async move { error_response(error) }).boxed(),
        }
    }
}

/// What a socket may send: a burst of `burst` bytes, then `per_second`
/// bytes a second on average (a token bucket); and, once `sign_in_by` has
/// passed, nothing more until the connection is signed in (a client
/// answering pings could otherwise keep an anonymous socket open). Past
/// either the stream fails and the connection is closed.
pub struct ByteBudget<S> {
    inner: S,
    burst: f64,
    per_second: f64,
    available: f64,
    refilled: Instant,
    signed_in: Arc<AtomicBool>,
    sign_in_by: Instant,
}

impl<S> ByteBudget<S> {
    /// `signed_in` is set by the connection's `connection_init` once its
    /// token is accepted.
    pub fn new(
        inner: S,
        burst: usize,
        per_second: usize,
        signed_in: Arc<AtomicBool>,
        sign_in_within: Duration,
    ) -> Self {
        let now = Instant::now();
        Self {
            inner,
            burst: burst as f64,
            per_second: per_second as f64,
            available: burst as f64,
            refilled: now,
            signed_in,
            sign_in_by: now + sign_in_within,
        }
    }

    /// Whether `bytes` more may be read at `now`.
    fn admits(&mut self, bytes: usize, now: Instant) -> bool {
        if now > self.sign_in_by && !self.signed_in.load(Ordering::Acquire) {
            return false;
        }
        self.spend(bytes, now)
    }

    /// Takes `bytes` from the budget; `false` when there is not enough.
    fn spend(&mut self, bytes: usize, now: Instant) -> bool {
        let elapsed = now.saturating_duration_since(self.refilled).as_secs_f64();
        self.available = (self.available + elapsed * self.per_second).min(self.burst);
        self.refilled = now;
        self.available -= bytes as f64;
        self.available >= 0.0
    }
}

impl<S> Stream for ByteBudget<S>
where
    S: Stream<Item = Result<Bytes, PayloadError>> + Unpin,
{
    type Item = Result<Bytes, PayloadError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        match self.inner.poll_next_unpin(cx) {
            Poll::Ready(Some(Ok(bytes))) => {
                if self.admits(bytes.len(), Instant::now()) {
                    Poll::Ready(Some(Ok(bytes)))
                } else {
                    tracing::info!(
                        "live connection closed: over its byte budget, or not signed in in time"
                    );
                    Poll::Ready(Some(Err(PayloadError::Overflow)))
                }
            }
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn budget(burst: usize, per_second: usize) -> ByteBudget<()> {
        ByteBudget::new(
            (),
            burst,
            per_second,
            Arc::new(AtomicBool::new(true)),
            Duration::from_secs(30),
        )
    }

    #[test]
    fn the_budget_allows_a_burst_then_its_rate() {
        let mut budget = budget(100, 10);
        let start = budget.refilled;
        assert!(budget.admits(100, start));
        assert!(!budget.admits(1, start));
        // Two seconds later: twenty bytes more (the refused byte counted).
        let later = start + Duration::from_secs(2);
        assert!(budget.admits(19, later));
        assert!(!budget.admits(1, later));
        // The burst is a ceiling, however long the socket was quiet.
        let much_later = later + Duration::from_secs(3600);
        assert!(!budget.admits(101, much_later));
    }

    #[test]
    fn an_anonymous_socket_may_send_nothing_after_its_delay() {
        let signed_in = Arc::new(AtomicBool::new(false));
        let mut budget = ByteBudget::new((), 1000, 100, signed_in.clone(), Duration::from_secs(30));
        let start = budget.refilled;
        assert!(budget.admits(10, start + Duration::from_secs(29)));
        assert!(!budget.admits(10, start + Duration::from_secs(31)));
        signed_in.store(true, Ordering::Release);
        assert!(budget.admits(10, start + Duration::from_secs(32)));
    }
}
