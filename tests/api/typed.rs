//! The tests' GraphQL operations, typed (issue 16): each document under
//! `api/operations/` is checked against `schema.graphql` when the tests
//! compile (graphql_client's derive), its variables are a struct and its
//! answer deserializes into generated types. A misspelt field or a
//! renamed argument fails the build, not a run.
//!
//! Write a new operation in the `.graphql` file of its subject, add its
//! `operation!` line below, and call it with [`TestApp::run`] (or a use
//! case of `use_cases.rs` when several tests need it).

use graphql_client::{GraphQLQuery, Response};
use serde_json::Value;

use crate::helpers::TestApp;

// The schema's custom scalars an operation reads are declared here, as
// the tests read them (`pub type DateTime = String;`, `pub type JSON =
// serde_json::Value;`), when an operation first needs one.
pub type DateTime = String;

/// One operation of `api/operations/$file.graphql`, named as in the file.
#[rustfmt::skip] // rustfmt re-indents the attribute at each run.
macro_rules! operation {
    ($name:ident, $file:tt) => {
        #[derive(GraphQLQuery)]
        #[graphql(
            schema_path = "../schema.graphql",
            query_path = $file,
            response_derives = "Debug, Clone, PartialEq",
            variables_derives = "Debug, Clone"
        )]
        pub struct $name;
    };
}

operation!(CreateEstablishment, "api/operations/establishments.graphql");
operation!(GrantEstablishment, "api/operations/establishments.graphql");
operation!(CreateBase, "api/operations/bases.graphql");
operation!(ApplyRecommendedSettings, "api/operations/bases.graphql");
operation!(SetPublication, "api/operations/bases.graphql");
operation!(AssignTicket, "api/operations/tickets.graphql");

// Integrators' models, and the delegation settings they fill in (models.rs,
// ent_models.rs, model_history.rs).
operation!(UpdateDelegationSettings, "api/operations/bases.graphql");
operation!(CreateModelSource, "api/operations/models.graphql");
operation!(ImportModels, "api/operations/models.graphql");
operation!(RefreshModelFeed, "api/operations/models.graphql");
operation!(ModelCatalog, "api/operations/models.graphql");
operation!(BaseModelState, "api/operations/models.graphql");
operation!(ApplyModel, "api/operations/models.graphql");
operation!(ApplyModelUpdate, "api/operations/models.graphql");
operation!(DismissModelUpdate, "api/operations/models.graphql");
operation!(ModelDashboard, "api/operations/models.graphql");
operation!(BasesByModel, "api/operations/models.graphql");
operation!(ModelAuditActions, "api/operations/models.graphql");
operation!(ModelClients, "api/operations/models.graphql");
operation!(RecommendFromModel, "api/operations/models.graphql");
operation!(BaseEntModelState, "api/operations/models.graphql");
operation!(SetDefaultModel, "api/operations/models.graphql");
operation!(DefaultModelOfTenant, "api/operations/models.graphql");
operation!(CheckModelsFeed, "api/operations/models.graphql");
operation!(ModelsSchemaFile, "api/operations/models.graphql");
operation!(DeleteModelsSchema, "api/operations/models.graphql");
operation!(ModelsOfSource, "api/operations/models.graphql");
operation!(CatalogVersions, "api/operations/models.graphql");
operation!(EntModelById, "api/operations/models.graphql");
operation!(ModelRevisions, "api/operations/models.graphql");
operation!(ModelRevisionDiff, "api/operations/models.graphql");

// PRONOTE bases (bases.rs).
operation!(CreateBaseDetailed, "api/operations/bases.graphql");
operation!(BaseDetailed, "api/operations/bases.graphql");
operation!(RecommendDetailed, "api/operations/bases.graphql");
operation!(UpdateBase, "api/operations/bases.graphql");
operation!(EstablishmentBaseByUai, "api/operations/bases.graphql");
operation!(MoveEstablishment, "api/operations/bases.graphql");
operation!(StartSchoolYear, "api/operations/bases.graphql");
operation!(RentreeProgress, "api/operations/bases.graphql");
operation!(VisibleBases, "api/operations/bases.graphql");
operation!(BasesSummaryCounts, "api/operations/bases.graphql");
operation!(BaseAuditSummaries, "api/operations/bases.graphql");

// Tenants, accounts and the audit log across tenants (tenancy.rs).
operation!(VisibleTenants, "api/operations/tenancy.graphql");
operation!(TenantById, "api/operations/tenancy.graphql");
operation!(UpdateTenant, "api/operations/tenancy.graphql");
operation!(CreateOperatorTenant, "api/operations/tenancy.graphql");
operation!(VisibleUsers, "api/operations/tenancy.graphql");
operation!(UserById, "api/operations/tenancy.graphql");
operation!(CreateUserInTenant, "api/operations/tenancy.graphql");
operation!(LoginWithTenant, "api/operations/tenancy.graphql");
operation!(AuditTrail, "api/operations/tenancy.graphql");

// Establishments: UAI rules, grants, CSV, search (establishments.rs).
operation!(
    CreateEstablishmentDetailed,
    "api/operations/establishments.graphql"
);
operation!(
    EstablishmentsFiltered,
    "api/operations/establishments.graphql"
);
operation!(
    ImportEstablishmentsReport,
    "api/operations/establishments.graphql"
);
operation!(
    RevokeEstablishmentAccess,
    "api/operations/establishments.graphql"
);
operation!(RenameEstablishment, "api/operations/establishments.graphql");
operation!(
    EstablishmentUaiById,
    "api/operations/establishments.graphql"
);
operation!(
    EstablishmentFoundByUai,
    "api/operations/establishments.graphql"
);
operation!(
    AdministratorsOfEstablishment,
    "api/operations/establishments.graphql"
);
operation!(EstablishmentsAsCsv, "api/operations/establishments.graphql");

// The CAS service registry (cas_registry.rs).
operation!(CasRegistryView, "api/operations/cas_registry.graphql");
operation!(
    RecordCasRegistryExport,
    "api/operations/cas_registry.graphql"
);
operation!(
    SetCasRegistryAttributeMapping,
    "api/operations/cas_registry.graphql"
);
operation!(TestCasSettingsSteps, "api/operations/cas_registry.graphql");
operation!(
    BaseVersionAndDiagnostics,
    "api/operations/cas_registry.graphql"
);
operation!(BaseCasRegistryState, "api/operations/cas_registry.graphql");
operation!(
    BasesWithRegistryState,
    "api/operations/cas_registry.graphql"
);
operation!(CasRegistrySummary, "api/operations/cas_registry.graphql");

// Live CAS checks and models' validation (cas_checks.rs).
operation!(TestCasSettingsDetailed, "api/operations/cas_checks.graphql");
operation!(BaseCasCheck, "api/operations/cas_checks.graphql");
operation!(SetModelTestAccounts, "api/operations/cas_checks.graphql");
operation!(ValidateModel, "api/operations/cas_checks.graphql");
operation!(ModelsFeed, "api/operations/cas_checks.graphql");
operation!(ModelsWithValidation, "api/operations/cas_checks.graphql");
operation!(ModelTestLogins, "api/operations/cas_checks.graphql");

/// The errors of an answer, as the API gives them.
#[derive(Debug)]
pub struct Refused(pub Vec<graphql_client::Error>);

impl Refused {
    /// The first error's `extensions.code` (`VALIDATION`, `FORBIDDEN`…).
    pub fn code(&self) -> &str {
        self.0
            .first()
            .and_then(|error| error.extensions.as_ref())
            .and_then(|extensions| extensions.get("code"))
            .and_then(Value::as_str)
            .unwrap_or_default()
    }

    /// The first error's message (in French).
    pub fn message(&self) -> &str {
        self.0.first().map_or("", |error| error.message.as_str())
    }

    /// The first error's `extensions.field`: the input the error is about.
    pub fn field(&self) -> &str {
        self.0
            .first()
            .and_then(|error| error.extensions.as_ref())
            .and_then(|extensions| extensions.get("field"))
            .and_then(Value::as_str)
            .unwrap_or_default()
    }
}

impl TestApp {
    /// Runs operation `Q` as `token`'s holder (anonymously with `None`):
    /// its data, or the errors the API answered.
    pub async fn run<Q: GraphQLQuery>(
        &self,
        token: Option<&str>,
        variables: Q::Variables,
    ) -> Result<Q::ResponseData, Refused> {
        let response = self.respond::<Q>(token, variables).await;
        match (response.data, response.errors) {
            (_, Some(errors)) if !errors.is_empty() => Err(Refused(errors)),
            (Some(data), _) => Ok(data),
            (None, _) => panic!(
                "{}: an answer with neither data nor errors",
                std::any::type_name::<Q>()
            ),
        }
    }

    /// Like [`TestApp::run`], with the whole answer: its data and its
    /// errors both (a test that checks a refusal leaked no data).
    pub async fn respond<Q: GraphQLQuery>(
        &self,
        token: Option<&str>,
        variables: Q::Variables,
    ) -> Response<Q::ResponseData> {
        let operation = Q::build_query(variables);
        let body = serde_json::json!({
            "query": operation_document(operation.query, operation.operation_name),
            "operationName": operation.operation_name,
            "variables": operation.variables,
        });
        let answer = self.post_graphql(token, &body).await;
        serde_json::from_value(answer.clone()).unwrap_or_else(|error| {
            panic!("answer not of the operation's shape ({error}): {answer}")
        })
    }

    /// Like [`TestApp::run`], for a step the test expects to succeed.
    pub async fn run_ok<Q: GraphQLQuery>(
        &self,
        token: Option<&str>,
        variables: Q::Variables,
    ) -> Q::ResponseData {
        self.run::<Q>(token, variables)
            .await
            .unwrap_or_else(|refused| panic!("{} refused: {refused:?}", std::any::type_name::<Q>()))
    }
}

/// What `document` holds for `operation`: that operation and the fragments
/// it spreads, in the file's order. graphql_client sends the whole file,
/// and the server weighs every operation of a document against its
/// complexity limit: a file of many operations would be refused, and one
/// import in the file would make each of its operations an expensive one.
fn operation_document(document: &str, operation: &str) -> String {
    let definitions = top_level_definitions(document);
    let mut wanted = vec![operation.to_owned()];
    let mut kept = std::collections::BTreeSet::new();
    while let Some(name) = wanted.pop() {
        let (index, (_, text)) = definitions
            .iter()
            .enumerate()
            .find(|(_, (defined, _))| *defined == name)
            .unwrap_or_else(|| panic!("no definition {name} in {document}"));
        if !kept.insert(index) {
            continue;
        }
        for spread in text.split("...").skip(1) {
            let spread: String = spread
                .trim_start()
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            // `... on Type { }` is an inline fragment, not a named one.
            if !spread.is_empty() && spread != "on" {
                wanted.push(spread);
            }
        }
    }
    kept.into_iter()
        .map(|index| definitions[index].1)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level definitions of a document, each with its name (the word
/// after `query`, `mutation`, `subscription` or `fragment`); comments
/// dropped. The tests' documents hold no string with a brace or a `#`.
fn top_level_definitions(document: &str) -> Vec<(&str, &str)> {
    let mut definitions = Vec::new();
    let mut depth = 0usize;
    let mut start = None;
    let mut in_comment = false;
    for (at, c) in document.char_indices() {
        match c {
            _ if in_comment => in_comment = c != '\n',
            '#' => in_comment = true,
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0
                    && let Some(from) = start.take()
                {
                    let text = &document[from..=at];
                    let header = text.split(['(', '{']).next().unwrap_or_default();
                    let name = header.split_whitespace().nth(1).unwrap_or_default();
                    definitions.push((name, text));
                }
            }
            _ if depth == 0 && start.is_none() && !c.is_whitespace() => start = Some(at),
            _ => {}
        }
    }
    definitions
}
