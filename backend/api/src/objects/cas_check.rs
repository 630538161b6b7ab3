//! Live CAS checks in the API (issue 8): a base's latest check, a model's
//! test accounts and the validation of its current revision.

use async_graphql::{ComplexObject, Context, Enum, SimpleObject};
use chrono::{DateTime, Utc};
use relais_domain::cas_check::{CheckStep, StepKind, StepStatus};
use relais_domain::delegation::DelegationSettings;
use relais_store::{CasCheck, ModelValidation, TestAccount};

use super::delegation_enums::ProfileName;
use super::{EntModelView, parse_id};
use crate::ApiError;
use crate::context::ContextExt;
use relais_app::cas_check_service::settings_hash;

/// What a step of a CAS check verifies, in the order they run.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(name = "CasCheckStepKind")]
pub(crate) enum StepKindName {
    LoginPage,
    LoginForm,
    ValidationEndpoint,
    Login,
    TicketValidation,
    Attributes,
}

impl From<StepKind> for StepKindName {
    fn from(kind: StepKind) -> Self {
        match kind {
            StepKind::LoginPage => Self::LoginPage,
            StepKind::LoginForm => Self::LoginForm,
            StepKind::ValidationEndpoint => Self::ValidationEndpoint,
            StepKind::Login => Self::Login,
            StepKind::TicketValidation => Self::TicketValidation,
            StepKind::Attributes => Self::Attributes,
        }
    }
}

/// How a step, or a whole check, went.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(name = "CasCheckStatus")]
pub(crate) enum StatusName {
    Ok,
    Warning,
    Failed,
    /// Not run (no credentials given, or an earlier step failed).
    Skipped,
}

impl From<StepStatus> for StatusName {
    fn from(status: StepStatus) -> Self {
        match status {
            StepStatus::Ok => Self::Ok,
            StepStatus::Warning => Self::Warning,
            StepStatus::Failed => Self::Failed,
            StepStatus::Skipped => Self::Skipped,
        }
    }
}

/// One step of a check.
#[derive(SimpleObject)]
#[graphql(name = "CasCheckStep")]
pub(crate) struct StepView {
    pub kind: StepKindName,
    /// French label, e.g. « Validation du ticket ».
    pub label: &'static str,
    pub status: StatusName,
    pub duration_ms: i32,
    /// French: what was seen, and what to do when it is wrong.
    pub message: String,
}

impl From<CheckStep> for StepView {
    fn from(step: CheckStep) -> Self {
        Self {
            kind: step.kind.into(),
            label: step.kind.label(),
            status: step.status.into(),
            duration_ms: i32::try_from(step.duration_ms).unwrap_or(i32::MAX),
            message: step.message,
        }
    }
}

/// The latest « Tester l'authentification » of a base.
#[derive(SimpleObject)]
#[graphql(name = "CasCheck")]
pub(crate) struct CasCheckView {
    pub checked_at: DateTime<Utc>,
    pub checked_by: Option<String>,
    /// `FAILED` when a step failed, `WARNING` when one warned, else `OK`.
    pub outcome: StatusName,
    /// `SAML11`, `CAS2` or `CAS3`.
    pub protocol: String,
    /// A full login with a test account was part of the check.
    pub with_credentials: bool,
    /// The base's settings changed since: run the check again.
    pub outdated: bool,
    pub steps: Vec<StepView>,
}

impl CasCheckView {
    pub(crate) fn new(
        row: CasCheck,
        current_settings: &DelegationSettings,
    ) -> Result<Self, ApiError> {
        Ok(Self {
            outdated: row.settings_hash != settings_hash(current_settings)?,
            steps: row.steps.into_iter().map(Into::into).collect(),
            checked_at: row.checked_at,
            checked_by: row.checked_by,
            outcome: row.outcome.into(),
            protocol: row.protocol.as_str().to_owned(),
            with_credentials: row.with_credentials,
        })
    }
}

/// The findings a stored check adds to a base's diagnostics.
pub(crate) fn check_findings(
    row: &CasCheck,
    current_settings: &DelegationSettings,
) -> Result<Vec<relais_domain::delegation::Finding>, ApiError> {
    let date = row
        .checked_at
        .with_timezone(&chrono_tz::Europe::Paris)
        .format("%d/%m/%Y à %H:%M")
        .to_string();
    Ok(relais_domain::cas_check::check_findings(
        &row.steps,
        &date,
        row.settings_hash != settings_hash(current_settings)?,
    ))
}

/// One of a model's test accounts; the password is never shown again.
#[derive(SimpleObject)]
#[graphql(name = "ModelTestAccount")]
pub(crate) struct TestAccountView {
    pub profile: ProfileName,
    pub profile_label: &'static str,
    /// The login typed on the CAS form (`PronoteEleve`…).
    pub login: String,
    /// The CAS identifier the integrator declared for it.
    pub cas_identifier: String,
    /// A password is recorded (it is never given back).
    pub password_set: bool,
    pub updated_at: DateTime<Utc>,
}

impl From<TestAccount> for TestAccountView {
    fn from(row: TestAccount) -> Self {
        Self {
            profile: row.profile.into(),
            profile_label: row.profile.label(),
            login: row.login,
            cas_identifier: row.cas_identifier,
            password_set: !row.password_sealed.is_empty(),
            updated_at: row.updated_at,
        }
    }
}

/// How one test account fared in a validation.
#[derive(SimpleObject)]
#[graphql(name = "ModelAccountResult")]
pub(crate) struct AccountResultView {
    pub profile: ProfileName,
    pub profile_label: &'static str,
    pub login: String,
    pub declared_identifier: String,
    /// What the CAS server returned (Subject or identifier attribute).
    pub returned_identifier: Option<String>,
    pub passed: bool,
    pub steps: Vec<StepView>,
}

/// The validation of a model revision with its four test accounts.
#[derive(SimpleObject)]
#[graphql(name = "ModelValidation")]
pub(crate) struct ModelValidationView {
    pub revision: i32,
    pub validated_at: DateTime<Utc>,
    pub validated_by: Option<String>,
    /// All four accounts logged in, with the declared identifiers and the
    /// attributes the identification mode needs.
    pub passed: bool,
    /// The service the accounts logged in to.
    pub service_url: String,
    pub accounts: Vec<AccountResultView>,
}

impl From<ModelValidation> for ModelValidationView {
    fn from(row: ModelValidation) -> Self {
        Self {
            revision: row.revision,
            validated_at: row.validated_at,
            validated_by: row.validated_by,
            passed: row.passed,
            service_url: row.service_url,
            accounts: row
                .results
                .into_iter()
                .map(|a| AccountResultView {
                    profile: a.profile.into(),
                    profile_label: a.profile.label(),
                    login: a.login,
                    declared_identifier: a.declared_identifier,
                    returned_identifier: a.returned_identifier,
                    passed: a.passed,
                    steps: a.steps.into_iter().map(Into::into).collect(),
                })
                .collect(),
        }
    }
}

#[ComplexObject]
impl EntModelView {
    /// The four test accounts recorded for this model (docs/domain.md §3); none for a
    /// school administrator (they are the operator's).
    async fn test_accounts(&self, ctx: &Context<'_>) -> Result<Vec<TestAccountView>, ApiError> {
        let id = parse_id("id", &self.id)?;
        Ok(ctx
            .test_accounts_loader()?
            .load_one(id)
            .await
            .map_err(|_| ApiError::internal())?
            .unwrap_or_default()
            .into_iter()
            .map(TestAccountView::from)
            .collect())
    }

    /// The validation of the current revision with the test accounts; empty
    /// when it was not validated since its last change.
    async fn validation(&self, ctx: &Context<'_>) -> Result<Option<ModelValidationView>, ApiError> {
        let id = parse_id("id", &self.id)?;
        Ok(ctx
            .model_validation_loader()?
            .load_one((id, self.revision))
            .await
            .map_err(|_| ApiError::internal())?
            .map(Into::into))
    }
}
