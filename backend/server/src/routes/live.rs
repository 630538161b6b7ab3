//! `GET /graphql/live`: the WebSocket of GraphQL subscriptions (issue 17),
//! protocol `graphql-transport-ws` (npm `graphql-ws`).
//!
//! The connection proves who it is in its `connection_init` payload, with
//! the same access token as `POST /graphql` (`{"authorization": "Bearer
//! …"}`): without a valid one the socket is closed, and so is one not signed
//! in after `graphql.live.idle_seconds`, one that says nothing for that
//! long, and one that sends more than its byte budget. Documents go through the same guard as the
//! HTTP route (`graphql_http::LiveExecutor`).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use actix_web::{HttpRequest, HttpResponse, web};
use async_graphql::Data;
use async_graphql_actix_web::GraphQLSubscription;
use relais_api::live::{ConnectionSlots, LiveLimits, LiveRegistry, LiveSession};
use relais_app::auth::AuthService;
use secrecy::SecretString;

use crate::graphql_http::{ByteBudget, LiveExecutor};
use crate::startup::AppState;

/// Opens the WebSocket.
pub async fn live(
    state: web::Data<AppState>,
    http: HttpRequest,
    payload: web::Payload,
) -> actix_web::Result<HttpResponse> {
    if !speaks_graphql_transport_ws(&http) {
        return Ok(HttpResponse::BadRequest()
            .content_type("text/plain; charset=utf-8")
            .body(WRONG_PROTOCOL));
    }
    let limits = state
        .schema
        .data::<Arc<LiveRegistry>>()
        .map(|registry| *registry.limits())
        .unwrap_or_default();
    let executor = LiveExecutor {
        schema: state.schema.clone(),
        document: state.gate.document,
    };
    let mut data = Data::default();
    data.insert(ConnectionSlots::default());
    let auth = state.auth.clone();
    let signed_in = Arc::new(AtomicBool::new(false));
    let marks = signed_in.clone();
    // A burst of one largest document (and its protocol envelope), then the
    // configured rate.
    let burst = state.gate.document.max_document_bytes + 16 * 1024;
    GraphQLSubscription::new(executor)
        .with_data(data)
        .on_connection_init(move |payload| connection_init(auth, payload, marks))
        .on_ping(|session: Option<&Data>, _| {
            let signed_in = session.is_some();
            async move {
                if signed_in {
                    Ok(None)
                } else {
                    Err(async_graphql::Error::new(NOT_SIGNED_IN))
                }
            }
        })
        .keepalive_timeout(idle(&limits))
        .start(
            &http,
            ByteBudget::new(
                payload,
                burst,
                limits.bytes_per_second.max(1),
                signed_in,
                idle(&limits),
            ),
        )
}

/// The close reason of a socket without a valid token (at most 123 bytes:
/// the WebSocket limit of a close frame's reason).
const NOT_SIGNED_IN: &str = "Connexion en direct refusée : jeton d'accès absent ou expiré.";

const WRONG_PROTOCOL: &str = "La connexion en direct parle le protocole WebSocket « graphql-transport-ws » (bibliothèque graphql-ws) : demandez-le dans l'en-tête Sec-WebSocket-Protocol.";

/// Whether the client asks for the one protocol served (the older
/// `graphql-ws` of subscriptions-transport-ws is not).
fn speaks_graphql_transport_ws(http: &HttpRequest) -> bool {
    http.headers()
        .get_all("sec-websocket-protocol")
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|protocol| protocol.trim().eq_ignore_ascii_case("graphql-transport-ws"))
}

fn idle(limits: &LiveLimits) -> Duration {
    Duration::from_secs(limits.idle_seconds.max(1))
}

/// Checks the token of the `connection_init` payload: the connection's
/// data, or the refusal that closes it.
async fn connection_init(
    auth: AuthService,
    payload: serde_json::Value,
    signed_in: Arc<AtomicBool>,
) -> async_graphql::Result<Data> {
    let token = payload
        .get("authorization")
        .and_then(serde_json::Value::as_str)
        .and_then(|value| value.strip_prefix("Bearer "))
        .map(str::trim)
        .ok_or_else(|| async_graphql::Error::new(NOT_SIGNED_IN))?;
    let caller = auth
        .check_access(token)
        .await
        .map_err(|_| async_graphql::Error::new(NOT_SIGNED_IN))?;
    let mut data = Data::default();
    data.insert(LiveSession {
        caller,
        token: SecretString::from(token.to_owned()),
    });
    signed_in.store(true, Ordering::Release);
    Ok(data)
}
