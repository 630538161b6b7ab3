//! The path of a GraphQL request after the HTTP layer (issue 13): the body
//! read within its limit (`body`), the document guard (`relais_api::guard`),
//! then validation and execution on the executor runtime, off the actix
//! I/O workers, under a time limit, and the answer written (`respond`).

mod body;
mod executor;
mod live;
mod respond;

use std::time::Duration;

use async_graphql::parser::types::{
    DocumentOperations, ExecutableDocument, OperationType, Selection, SelectionSet,
};
use async_graphql::{Positioned, Response, ServerError};
use relais_api::guard::{DocumentLimits, DocumentStats, check_document};
use relais_api::{ApiError, AppSchema, ErrorCode};

pub use body::{BodyLimits, read_request};
pub use executor::{ExpensiveRuntime, Priority};
pub use live::{ByteBudget, LiveExecutor};
pub use respond::respond;

/// What the GraphQL route enforces, built once from the configuration.
pub struct GraphqlGate {
    pub body: BodyLimits,
    pub document: DocumentLimits,
    pub query_timeout: Duration,
    pub mutation_timeout: Duration,
    /// async-graphql's own limits, named in their French messages.
    pub max_complexity: usize,
    pub max_depth: usize,
    /// The production profile: introspection needs a signed-in user.
    pub production: bool,
    /// Where validation and execution run: the process's main runtime, not
    /// the actix worker that reads the socket.
    pub executor: tokio::runtime::Handle,
    /// Where documents asking for an expensive field run instead.
    pub expensive: std::sync::Arc<ExpensiveRuntime>,
    /// The store those documents use: a connection pool of their own
    /// (`graphql.expensive.connections`), opened from the expensive runtime.
    pub expensive_store: relais_store::Store,
}

/// A document the guard let through.
pub struct Checked {
    pub stats: DocumentStats,
    pub mutation: bool,
    pub introspection: bool,
    /// Asks for a whole-tenant field: runs on the expensive runtime.
    pub expensive: bool,
}

impl GraphqlGate {
    /// Runs the document guard on `request` and hands it the parsed
    /// document, so async-graphql does not parse it again.
    pub fn check(&self, request: &mut async_graphql::Request) -> Result<Checked, ApiError> {
        let (document, stats) = check_document(&request.query, &self.document)?;
        relais_api::guard::check_text_values(&document, &request.variables)?;
        let mutation = is_mutation(&document, request.operation_name.as_deref());
        let introspection = uses_introspection(&document);
        let expensive = relais_api::guard::asks_expensive(&document);
        request.set_parsed_query(document);
        Ok(Checked {
            stats,
            mutation,
            introspection,
            expensive,
        })
    }

    /// The store a document uses: its own pool for an expensive one.
    pub fn store_for<'a>(
        &'a self,
        checked: &Checked,
        main: &'a relais_store::Store,
    ) -> &'a relais_store::Store {
        if checked.expensive {
            &self.expensive_store
        } else {
            main
        }
    }

    /// Validates and executes `request` on the executor (the expensive
    /// runtime for a document asking for a whole-tenant field), cut at its
    /// time limit. A cut request is dropped where it waits: an open
    /// transaction rolls back, what was committed stays (as after a crash).
    pub async fn execute(
        &self,
        schema: &AppSchema,
        request: async_graphql::Request,
        checked: &Checked,
    ) -> Response {
        let executor = if checked.expensive {
            self.expensive.handle()
        } else {
            &self.executor
        };
        let limit = if checked.mutation {
            self.mutation_timeout
        } else {
            self.query_timeout
        };
        let schema = schema.clone();
        let mut task = executor.spawn(async move { schema.execute(request).await });
        match tokio::time::timeout(limit, &mut task).await {
            Ok(Ok(response)) => response,
            Ok(Err(join_error)) => {
                tracing::error!(error = %join_error, "GraphQL execution failed");
                error_response(ApiError::internal())
            }
            Err(_) => {
                task.abort();
                tracing::warn!(
                    seconds = limit.as_secs(),
                    "GraphQL request cut at its time limit"
                );
                error_response(timeout(limit))
            }
        }
    }
}

fn timeout(limit: Duration) -> ApiError {
    ApiError::new(
            ErrorCode::Timeout,
            format!(
                "La requête a été interrompue après {} s. Demandez moins de données à la fois (pages plus courtes), ou réessayez plus tard.",
                limit.as_secs()
            ),
        ).with_reason("TIMEOUT")
}

/// A response made of one error the API raised before execution.
pub fn error_response(error: ApiError) -> Response {
    Response::from_errors(vec![server_error(error)])
}

fn server_error(error: ApiError) -> ServerError {
    let error: async_graphql::Error = error.into();
    error
        .into_server_error(async_graphql::Pos::default())
        .with_no_locations()
}

trait NoLocations {
    fn with_no_locations(self) -> Self;
}

impl NoLocations for ServerError {
    fn with_no_locations(mut self) -> Self {
        self.locations.clear();
        self
    }
}

/// Whether the operation that will run is a mutation (it gets the longer
/// time limit). An ambiguous choice counts as a query: async-graphql refuses
/// it anyway.
fn is_mutation(document: &ExecutableDocument, operation_name: Option<&str>) -> bool {
    operation_type(document, operation_name) == Some(OperationType::Mutation)
}

/// The type of the operation that will run; `None` when the choice is
/// ambiguous or names no operation (async-graphql refuses those).
pub(crate) fn operation_type(
    document: &ExecutableDocument,
    operation_name: Option<&str>,
) -> Option<OperationType> {
    let operation = match (&document.operations, operation_name) {
        (DocumentOperations::Single(operation), _) => Some(operation),
        (DocumentOperations::Multiple(operations), Some(name)) => operations.get(name),
        (DocumentOperations::Multiple(operations), None) if operations.len() == 1 => {
            operations.values().next()
        }
        _ => None,
    };
    operation.map(|operation| operation.node.ty)
}

/// Whether any operation or fragment asks for `__schema` or `__type`.
fn uses_introspection(document: &ExecutableDocument) -> bool {
    document
        .operations
        .iter()
        .any(|(_, operation)| asks_schema(&operation.node.selection_set))
        || document
            .fragments
            .values()
            .any(|fragment| asks_schema(&fragment.node.selection_set))
}

fn asks_schema(set: &Positioned<SelectionSet>) -> bool {
    set.node.items.iter().any(|item| match &item.node {
        Selection::Field(field) => {
            matches!(field.node.name.node.as_str(), "__schema" | "__type")
                || asks_schema(&field.node.selection_set)
        }
        Selection::InlineFragment(inline) => asks_schema(&inline.node.selection_set),
        Selection::FragmentSpread(_) => false,
    })
}

/// The error of an anonymous introspection in the production profile.
pub fn introspection_needs_login() -> ApiError {
    ApiError::unauthenticated(
            "La description du schéma GraphQL (introspection) est réservée aux personnes connectées : connectez-vous, puis envoyez votre jeton.",
        ).with_reason("INTROSPECTION_NEEDS_LOGIN")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> ExecutableDocument {
        async_graphql::parser::parse_query(text).unwrap()
    }

    #[test]
    fn the_operation_kind_follows_the_chosen_operation() {
        assert!(is_mutation(&parse("mutation { logout }"), None));
        let both = parse("query A { me { id } } mutation B { logout }");
        assert!(is_mutation(&both, Some("B")));
        assert!(!is_mutation(&both, Some("A")));
        assert!(!is_mutation(&both, None));
    }

    #[test]
    fn introspection_is_found_behind_fragments() {
        assert!(uses_introspection(&parse(
            "{ ...F } fragment F on Query { __schema { types { name } } }"
        )));
        assert!(uses_introspection(&parse(
            "{ ... on Query { __type(name: \"User\") { name } } }"
        )));
        assert!(!uses_introspection(&parse("{ __typename me { id } }")));
    }
}
