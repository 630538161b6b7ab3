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
#[allow(clippy::upper_case_acronyms)] // The schema's name, which the derive uses.
pub type JSON = Value;

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

// Tickets and the helpdesk's queue, outbox and dashboard (typed-b).
operation!(OpenTicket, "api/operations/tickets.graphql");
operation!(ChangeTicketStatus, "api/operations/tickets.graphql");
operation!(CommentTicket, "api/operations/tickets.graphql");
operation!(TicketKnownAnswers, "api/operations/tickets.graphql");
operation!(TicketStatus, "api/operations/tickets.graphql");
operation!(TicketAttachments, "api/operations/tickets.graphql");
operation!(TicketTimeline, "api/operations/tickets.graphql");
operation!(TicketPage, "api/operations/tickets.graphql");
operation!(TicketEmails, "api/operations/tickets.graphql");
operation!(TicketIds, "api/operations/tickets.graphql");
operation!(TicketQueue, "api/operations/tickets.graphql");
operation!(HelpdeskOutbox, "api/operations/tickets.graphql");
operation!(HelpdeskMailFindings, "api/operations/tickets.graphql");
operation!(HelpdeskDashboardFigures, "api/operations/tickets.graphql");

// Pending model updates in bulk, and a failed e-mail requeued (typed-b).
operation!(RegionModelSource, "api/operations/model_updates.graphql");
operation!(RegionImportModels, "api/operations/model_updates.graphql");
operation!(RegionModels, "api/operations/model_updates.graphql");
operation!(RegionApplyModel, "api/operations/model_updates.graphql");
operation!(RegionEditBase, "api/operations/model_updates.graphql");
operation!(RegionBaseModel, "api/operations/model_updates.graphql");
operation!(
    BulkPendingModelUpdates,
    "api/operations/model_updates.graphql"
);
operation!(
    BulkApplyModelUpdates,
    "api/operations/model_updates.graphql"
);
operation!(
    BulkDismissModelUpdates,
    "api/operations/model_updates.graphql"
);
operation!(OperatorAuditEvents, "api/operations/model_updates.graphql");
operation!(RequeueOutboxMessage, "api/operations/model_updates.graphql");

// The rapprochement of a base (typed-b).
operation!(MatchingSupervision, "api/operations/matching.graphql");
operation!(StartMatching, "api/operations/matching.graphql");
operation!(StartMatchingCounts, "api/operations/matching.graphql");
operation!(ValidateMatchingStep, "api/operations/matching.graphql");
operation!(CancelMatching, "api/operations/matching.graphql");
operation!(LinkAccounts, "api/operations/matching.graphql");
operation!(UnlinkAccount, "api/operations/matching.graphql");
operation!(MatchingRows, "api/operations/matching.graphql");
operation!(UnmatchedEntAccounts, "api/operations/matching.graphql");
operation!(
    GeneratePronoteIdentifiersFile,
    "api/operations/matching.graphql"
);
operation!(ResetAccountLinks, "api/operations/matching.graphql");
operation!(MatchingAuditActions, "api/operations/matching.graphql");

// Encrypted exports and stored files (typed-b).
operation!(CreateCiteScolaireBase, "api/operations/exports.graphql");
operation!(UpdateExchangeSettings, "api/operations/exports.graphql");
operation!(ExchangeSettings, "api/operations/exports.graphql");
operation!(
    GenerateAccountMatchingFile,
    "api/operations/exports.graphql"
);
operation!(StoredFiles, "api/operations/exports.graphql");
operation!(DeleteStoredFile, "api/operations/exports.graphql");
operation!(EntAccountCounts, "api/operations/exports.graphql");
operation!(DemoSchoolEstablishments, "api/operations/exports.graphql");

// Login and sessions (typed-b).
operation!(AuthLogin, "api/operations/auth.graphql");
operation!(AuthMe, "api/operations/auth.graphql");
operation!(AuthRefreshSession, "api/operations/auth.graphql");
operation!(AuthLogout, "api/operations/auth.graphql");

// The audit journal and school administrators' grants (typed-b).
operation!(AuditJournal, "api/operations/journal.graphql");
operation!(AuditActionList, "api/operations/journal.graphql");
operation!(JournalPasswordReset, "api/operations/journal.graphql");
operation!(SchoolAdminGrants, "api/operations/journal.graphql");
operation!(RevokeSchoolAdminGrant, "api/operations/journal.graphql");

// Bad input and the limits of a request (typed-b).
operation!(CheckedCreateUser, "api/operations/validation.graphql");
operation!(CheckedCreateTenant, "api/operations/validation.graphql");
operation!(CheckedTenant, "api/operations/validation.graphql");
operation!(DeepUserTenants, "api/operations/validation.graphql");
operation!(UserIdsPage, "api/operations/validation.graphql");
operation!(TenantPage, "api/operations/validation.graphql");

// A cité scolaire's members (typed-b).
operation!(CiteMemberByUai, "api/operations/cites.graphql");

// The rentrée roll (typed-b).
operation!(RentreeRoll, "api/operations/rentree.graphql");
operation!(RentreeStartSchoolYear, "api/operations/rentree.graphql");

// The operator dashboard (typed-b).
operation!(OperatorDashboard, "api/operations/dashboard.graphql");
operation!(DashboardImportRegion, "api/operations/dashboard.graphql");
operation!(DashboardEstablishments, "api/operations/dashboard.graphql");
operation!(
    DashboardCloseEstablishment,
    "api/operations/dashboard.graphql"
);

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

// Accounts and sessions: disabling, deleting, passwords (typed-c,
// attacks/accounts.rs).
operation!(AccountTickets, "api/operations/accounts.graphql");
operation!(AccountMe, "api/operations/accounts.graphql");
operation!(SetUserDisabled, "api/operations/accounts.graphql");
operation!(DeleteUser, "api/operations/accounts.graphql");
operation!(ChangePassword, "api/operations/accounts.graphql");
operation!(RequestPasswordReset, "api/operations/accounts.graphql");
operation!(ResetPassword, "api/operations/accounts.graphql");
operation!(PasswordRules, "api/operations/accounts.graphql");

// A UAI two operators share (typed-c, attacks/uai_lookup.rs).
operation!(
    EstablishmentByUaiOfTenant,
    "api/operations/uai_lookup.graphql"
);
operation!(
    EstablishmentsSharingUai,
    "api/operations/uai_lookup.graphql"
);

// Where Relais fetches feeds from (typed-c, attacks/ssrf.rs).
operation!(ModelSourceErrors, "api/operations/ssrf.graphql");

// The demo's establishments and models (typed-c, demo.rs).
operation!(DemoEstablishmentsPage, "api/operations/demo.graphql");
operation!(DemoModelsAndDefault, "api/operations/demo.graphql");

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

    /// The first error's `extensions.field`: the input a validation
    /// error is about.
    pub fn field(&self) -> Option<&str> {
        self.extension("field").and_then(Value::as_str)
    }

    /// One of the first error's extensions (`retryAfterSeconds`, `count`…).
    pub fn extension(&self, key: &str) -> Option<&Value> {
        self.0
            .first()
            .and_then(|error| error.extensions.as_ref())
            .and_then(|extensions| extensions.get(key))
    }

    /// The first error's message (in French).
    pub fn message(&self) -> &str {
        self.0.first().map_or("", |error| error.message.as_str())
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
        let answer = self
            .post_graphql(token, &request_body::<Q>(variables))
            .await;
        // The errors first: with them, the data may be partial (a field
        // refused inside an object the schema says is there).
        let response: Response<Value> = serde_json::from_value(answer.clone())
            .unwrap_or_else(|error| panic!("not a GraphQL answer ({error}): {answer}"));
        match (response.data, response.errors) {
            (_, Some(errors)) if !errors.is_empty() => Err(Refused(errors)),
            (Some(data), _) => Ok(serde_json::from_value(data).unwrap_or_else(|error| {
                panic!("answer not of the operation's shape ({error}): {answer}")
            })),
            (None, _) => panic!("an answer with neither data nor errors: {answer}"),
        }
    }

    /// Runs `operation` of a typed document (`its_module::QUERY`,
    /// `its_module::OPERATION_NAME`) with untyped variables, and answers
    /// the whole JSON answer: for the modules that still read JSON.
    pub async fn run_json(
        &self,
        token: Option<&str>,
        document: &str,
        operation: &str,
        variables: Value,
    ) -> Value {
        let body = serde_json::json!({
            "query": only_operation(document, operation),
            "operationName": operation,
            "variables": variables,
        });
        self.post_graphql(token, &body).await
    }

    /// The whole answer of operation `Q`, data and errors side by side:
    /// for a test that asserts both (a refusal leaves no data).
    pub async fn answer<Q: GraphQLQuery>(
        &self,
        token: Option<&str>,
        variables: Q::Variables,
    ) -> Response<Q::ResponseData> {
        let answer = self
            .post_graphql(token, &request_body::<Q>(variables))
            .await;
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

/// The request of operation `Q`: its document reduced to it, its name,
/// its variables.
fn request_body<Q: GraphQLQuery>(variables: Q::Variables) -> Value {
    let query = Q::build_query(variables);
    serde_json::json!({
        "query": only_operation(query.query, query.operation_name),
        "operationName": query.operation_name,
        "variables": query.variables,
    })
}

/// `document` reduced to `operation` and the fragments it spreads. The
/// server counts the complexity of every operation of a document, not
/// only of the one it runs: a file holding many operations would go over
/// the budget that each of them keeps.
fn only_operation(document: &str, operation: &str) -> String {
    let definitions = definitions(document);
    let mut wanted = vec![operation.to_owned()];
    let mut kept: Vec<(String, &str)> = Vec::new();
    while let Some(name) = wanted.pop() {
        if kept.iter().any(|(kept, _)| *kept == name) {
            continue;
        }
        let text = definitions
            .iter()
            .find(|(defined, _)| *defined == name)
            .map(|(_, text)| text.as_str())
            .unwrap_or_else(|| panic!("no definition of {name} in the document"));
        wanted.extend(spreads(text));
        kept.push((name, text));
    }
    kept.iter()
        .map(|(_, text)| *text)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level definitions of a document, comments left out: each
/// one's name and text.
fn definitions(document: &str) -> Vec<(String, String)> {
    let mut texts = Vec::new();
    let mut current = String::new();
    // Braces in the selection sets; parentheses around the variables,
    // whose default values may hold braces too.
    let mut depth = 0_usize;
    let mut parentheses = 0_usize;
    let mut in_string = false;
    let mut chars = document.chars();
    while let Some(c) = chars.next() {
        if in_string {
            current.push(c);
            if c == '\\' {
                current.extend(chars.next());
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '#' => {
                chars.by_ref().find(|&c| c == '\n');
                current.push('\n');
            }
            '"' => {
                in_string = true;
                current.push(c);
            }
            '(' if depth == 0 => {
                parentheses += 1;
                current.push(c);
            }
            ')' if depth == 0 => {
                parentheses = parentheses.saturating_sub(1);
                current.push(c);
            }
            '{' if parentheses == 0 => {
                depth += 1;
                current.push(c);
            }
            '}' if parentheses == 0 => {
                depth = depth.saturating_sub(1);
                current.push(c);
                if depth == 0 {
                    texts.push(std::mem::take(&mut current));
                }
            }
            _ => current.push(c),
        }
    }
    texts
        .into_iter()
        .map(|text| {
            let text = text.trim().to_owned();
            let name = text
                .split(|c: char| c.is_whitespace() || c == '(' || c == '{')
                .filter(|word| !word.is_empty())
                .nth(1)
                .unwrap_or_default()
                .to_owned();
            (name, text)
        })
        .collect()
}

/// The fragments a definition spreads (`...Name`, not `... on Type`).
fn spreads(text: &str) -> Vec<String> {
    text.split("...")
        .skip(1)
        .filter_map(|after| {
            let name: String = after
                .trim_start()
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            (!name.is_empty() && name != "on").then_some(name)
        })
        .collect()
}
