use std::net::IpAddr;

use actix_web::http::header::AUTHORIZATION;
use actix_web::{HttpRequest, HttpResponse, web};
use async_graphql::ErrorExtensions;
use async_graphql::http::GraphiQLSource;
use async_graphql_actix_web::{GraphQLRequest, GraphQLResponse};
use relais_api::auth::TokenRejection;
use relais_api::{RequestAuth, RequestContext};

use crate::metrics::Metrics;
use crate::startup::AppState;

/// `POST /graphql`.
pub async fn graphql(
    state: web::Data<AppState>,
    metrics: web::Data<Metrics>,
    http: HttpRequest,
    request: GraphQLRequest,
) -> GraphQLResponse {
    let context = RequestContext {
        auth: authenticate(&state, &http),
        client_address: client_address(&http, state.trust_forwarded_for),
    };
    let request = context.attach(&state.store, request.into_inner());
    let operation = request.operation_name.clone();
    let mut response = state.schema.execute(request).await;
    give_every_error_a_code(&mut response);
    metrics.record_graphql(operation.as_deref(), &response);
    response.into()
}

/// `GET /graphiql`: the GraphQL IDE.
pub async fn graphiql() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(
            GraphiQLSource::build()
                .endpoint("/graphql")
                .title("Relais — GraphiQL")
                .finish(),
        )
}

pub(super) fn authenticate(state: &AppState, http: &HttpRequest) -> RequestAuth {
    let Some(header) = http.headers().get(AUTHORIZATION) else {
        return RequestAuth::Anonymous;
    };
    let token = header
        .to_str()
        .ok()
        .and_then(|value| value.strip_prefix("Bearer "))
        .map(str::trim);
    match token {
        Some(token) => match state.auth.keys().verify(token) {
            Ok(caller) => RequestAuth::Authenticated(caller),
            Err(rejection) => RequestAuth::Rejected(rejection),
        },
        None => RequestAuth::Rejected(TokenRejection::Invalid),
    }
}

fn client_address(http: &HttpRequest, trust_forwarded_for: bool) -> Option<IpAddr> {
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
/// `VALIDATION` and a French lead-in.
fn give_every_error_a_code(response: &mut async_graphql::Response) {
    for error in &mut response.errors {
        let has_code = error
            .extensions
            .as_ref()
            .is_some_and(|ext| ext.get("code").is_some());
        if !has_code {
            let message = format!("Requête GraphQL invalide : {}", error.message);
            let extended = async_graphql::Error::new(message.clone())
                .extend_with(|_, ext| ext.set("code", "VALIDATION"));
            error.message = message;
            error.extensions = extended.extensions;
        }
    }
}
