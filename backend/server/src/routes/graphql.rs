use std::net::IpAddr;

use actix_web::http::header::{ALLOW, AUTHORIZATION};
use actix_web::{HttpRequest, HttpResponse, web};
use async_graphql::ErrorExtensions;
use relais_api::{ApiError, ErrorCode, RequestAuth, RequestContext};
use relais_app::auth::TokenRejection;

use crate::graphql_http::{
    GraphqlGate, error_response, introspection_needs_login, read_request, respond,
};

use crate::metrics::Metrics;
use crate::startup::AppState;

/// `POST /graphql`: the body read within its limit, the document guard,
/// then validation and execution off the I/O worker, under a time limit
/// (docs/architecture.md, « The request path »).
pub async fn graphql(
    state: web::Data<AppState>,
    metrics: web::Data<Metrics>,
    http: HttpRequest,
    payload: web::Payload,
) -> HttpResponse {
    let gate = &state.gate;
    let auth = authenticate(&state, &http).await;
    let signed_in = matches!(auth, RequestAuth::Authenticated(_));
    let mut request = match read_request(&http, payload, &gate.body, signed_in).await {
        Ok(request) => request,
        Err(refusal) => {
            let error = refusal.error();
            metrics.record_refusal(error.reason.unwrap_or("BODY"));
            let response = error_response(error);
            return HttpResponse::build(refusal.status()).json(&response);
        }
    };
    let operation = request.operation_name.clone();
    let mut expensive = false;
    let mut response = match gate.check(&mut request) {
        Err(error) => {
            metrics.record_refusal(error.reason.unwrap_or("DOCUMENT"));
            error_response(error)
        }
        Ok(checked) if gate.production && checked.introspection && !signed_in => {
            metrics.record_refusal("INTROSPECTION_NEEDS_LOGIN");
            error_response(introspection_needs_login())
        }
        Ok(checked) => {
            let context =
                RequestContext::new(auth, client_address(&http, state.trust_forwarded_for));
            // An expensive document reads through a pool of its own: its
            // store replaces the schema's for this request.
            let store = gate.store_for(&checked, &state.store);
            let mut request = context.attach(store, request).data(store.clone());
            if gate.production && !signed_in {
                request = request.disable_introspection();
            }
            metrics.record_document(checked.expensive);
            expensive = checked.expensive;
            gate.execute(&state.schema, request, &checked).await
        }
    };
    give_every_error_a_code(&mut response, gate);
    metrics.record_graphql(operation.as_deref(), &response);
    // An expensive document's answer is written as JSON where it ran.
    respond(response, expensive.then(|| gate.expensive.handle())).await
}

/// `GET /graphql`: GraphQL is served over POST only (a GET would put the
/// query, and what it may change, in logs and caches).
pub async fn graphql_get() -> HttpResponse {
    let response = error_response(
        ApiError::new(
            ErrorCode::Validation,
            "L'API GraphQL répond aux requêtes POST (corps JSON) uniquement.",
        )
        .with_reason("METHOD_NOT_ALLOWED"),
    );
    HttpResponse::MethodNotAllowed()
        .insert_header((ALLOW, "POST"))
        .json(&response)
}

/// The caller the `Authorization` header names: a valid token whose account
/// still exists, is enabled and has the token's session generation.
pub(super) async fn authenticate(state: &AppState, http: &HttpRequest) -> RequestAuth {
    let Some(header) = http.headers().get(AUTHORIZATION) else {
        return RequestAuth::Anonymous;
    };
    let token = header
        .to_str()
        .ok()
        .and_then(|value| value.strip_prefix("Bearer "))
        .map(str::trim);
    match token {
        Some(token) => match state.auth.check_access(token).await {
            Ok(caller) => RequestAuth::Authenticated(caller),
            Err(rejection) => RequestAuth::Rejected(rejection),
        },
        None => RequestAuth::Rejected(TokenRejection::Invalid),
    }
}

pub(super) fn client_address(http: &HttpRequest, trust_forwarded_for: bool) -> Option<IpAddr> {
    if trust_forwarded_for {
        let info = http.connection_info();
        let forwarded = info.realip_remote_addr()?;
        return forwarded.parse::<IpAddr>().ok().or_else(|| {
            forwarded
                .parse::<std::net::SocketAddr>()
                .ok()
                .map(|a| a.ip())
        });
    }
    http.peer_addr().map(|addr| addr.ip())
}

/// Errors raised by async-graphql itself (syntax, unknown field, depth or
/// complexity limit) carry no code: they are the client's mistake, so they get
/// `VALIDATION` and a French lead-in; the depth and complexity limits get a
/// French explanation and a stable `reason`.
fn give_every_error_a_code(response: &mut async_graphql::Response, gate: &GraphqlGate) {
    for error in &mut response.errors {
        let has_code = error
            .extensions
            .as_ref()
            .is_some_and(|ext| ext.get("code").is_some());
        if has_code {
            continue;
        }
        let (reason, detail) = match error.message.as_str() {
            "Query is too complex." => (
                Some("QUERY_TOO_COMPLEX"),
                format!(
                    "elle demande trop en une fois (au-delà de {} points de complexité). Demandez moins de lignes par page, ou moins de synthèses, d'exports et d'imports par requête.",
                    gate.max_complexity
                ),
            ),
            "Query is nested too deep." => (
                Some("QUERY_TOO_DEEP"),
                format!(
                    "elle imbrique plus de {} niveaux de champs.",
                    gate.max_depth
                ),
            ),
            other => (None, other.to_owned()),
        };
        let message = format!("Requête GraphQL invalide : {detail}");
        let extended = async_graphql::Error::new(message.clone()).extend_with(|_, ext| {
            ext.set("code", "VALIDATION");
            if let Some(reason) = reason {
                ext.set("reason", reason);
            }
        });
        error.message = message;
        error.extensions = extended.extensions;
    }
}
