//! The HTTP answer of a GraphQL response: the JSON body written where the
//! document ran (issue 13, tenant isolation). A 1,000-row dashboard page
//! or an export is a large tree of values; writing it as JSON, and freeing
//! it, takes a few milliseconds of CPU. For an expensive document that work
//! happens on the expensive runtime (lower priority, fewer threads), not on
//! the actix worker that also reads other tenants' light requests.

use std::str::FromStr;

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use actix_web::http::header::{CACHE_CONTROL, HeaderName, HeaderValue};
use async_graphql::Response;
use tokio::runtime::Handle;

/// The media type of a GraphQL response over HTTP (as async-graphql's actix
/// integration answers).
const GRAPHQL_RESPONSE_JSON: &str = "application/graphql-response+json";

/// What the HTTP answer needs from a response once it is written.
struct Encoded {
    body: serde_json::Result<Vec<u8>>,
    headers: Vec<(String, Vec<u8>)>,
}

/// Writes `response` as the HTTP answer; on `serialize_on` when given (the
/// expensive runtime), on the calling thread otherwise.
pub async fn respond(response: Response, serialize_on: Option<&Handle>) -> HttpResponse {
    let encoded = match serialize_on {
        None => encode(response),
        Some(handle) => match handle.spawn(async move { encode(response) }).await {
            Ok(encoded) => encoded,
            Err(error) => {
                tracing::error!(%error, "writing a GraphQL response failed");
                return HttpResponse::InternalServerError().finish();
            }
        },
    };
    let body = match encoded.body {
        Ok(body) => body,
        Err(error) => {
            tracing::error!(%error, "a GraphQL response could not be written as JSON");
            return HttpResponse::InternalServerError().finish();
        }
    };
    let mut answer = HttpResponse::build(StatusCode::OK)
        .content_type(GRAPHQL_RESPONSE_JSON)
        .body(body);
    for (name, value) in encoded.headers {
        if let (Ok(name), Ok(value)) =
            (HeaderName::from_str(&name), HeaderValue::from_bytes(&value))
        {
            answer.headers_mut().append(name, value);
        }
    }
    answer
}

/// The JSON body and the headers the response asks for (its cache policy
/// when it has no error, and the headers resolvers set); the response's
/// tree is freed here too.
fn encode(response: Response) -> Encoded {
    let mut headers = Vec::new();
    if response.is_ok()
        && let Some(cache_control) = response.cache_control.value()
    {
        headers.push((
            CACHE_CONTROL.as_str().to_owned(),
            cache_control.into_bytes(),
        ));
    }
    for (name, value) in &response.http_headers {
        headers.push((name.as_str().to_owned(), value.as_bytes().to_vec()));
    }
    Encoded {
        body: serde_json::to_vec(&response),
        headers,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::body::MessageBody;

    fn answer_of(response: Response) -> serde_json::Value {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let answer = runtime.block_on(respond(response, None));
        assert_eq!(answer.status(), StatusCode::OK);
        assert_eq!(
            answer.headers().get("content-type").unwrap(),
            GRAPHQL_RESPONSE_JSON
        );
        let bytes = answer.into_body().try_into_bytes().unwrap();
        serde_json::from_slice(&bytes).unwrap()
    }

    #[test]
    fn the_body_is_the_response_as_json() {
        let data = async_graphql::Value::from_json(serde_json::json!({"me": {"id": "7"}})).unwrap();
        let json = answer_of(Response::new(data));
        assert_eq!(json, serde_json::json!({"data": {"me": {"id": "7"}}}));
    }

    #[tokio::test]
    async fn an_expensive_answer_is_written_on_the_runtime_given() {
        let runtime =
            super::super::ExpensiveRuntime::start(1, super::super::Priority::UNCHANGED).unwrap();
        let data = async_graphql::Value::from_json(serde_json::json!({"rows": [1, 2, 3]})).unwrap();
        let answer = respond(Response::new(data), Some(runtime.handle())).await;
        let bytes = answer.into_body().try_into_bytes().unwrap();
        assert_eq!(&bytes[..], br#"{"data":{"rows":[1,2,3]}}"#);
        drop(runtime);
    }
}
