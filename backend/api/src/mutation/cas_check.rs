//! Live CAS checks (issue 8): « Tester l'authentification » of a base, the
//! test accounts of a model and its validation.

use async_graphql::{Context, ID, InputObject, Object};
use relais_domain::helpdesk::single_line;
use relais_domain::web_url::WebUrl;
use zeroize::Zeroizing;

use crate::ApiError;
use crate::context::ContextExt;
use crate::objects::{CasCheckView, ModelValidationView, TestAccountView, parse_id};
use relais_app::cas_check_service::{
    TestAccountInput, check_password, save_test_accounts, test_base, validate_model,
};
use relais_outbound::cas_check::{CasChecker, TestCredentials};

/// A CAS account to log in with during one test only: never stored, never
/// logged.
#[derive(InputObject)]
pub struct CasTestCredentialsInput {
    pub login: String,
    #[graphql(secret)]
    pub password: String,
    /// The profile the account has: its profile attribute must carry a value
    /// accepted for it. Empty: any profile of the settings will do.
    pub expected_profile: Option<crate::objects::ProfileName>,
}

/// One of the four test accounts of docs/domain.md §3.
#[derive(InputObject)]
pub struct ModelTestAccountInput {
    /// `PERSONNEL`, `PROFESSEUR`, `ELEVE` or `PARENT`.
    pub profile: crate::objects::ProfileName,
    /// The CAS identifier the integrator declares for this account.
    pub cas_identifier: String,
    /// Stored encrypted, never shown again.
    #[graphql(secret)]
    pub password: String,
    /// The login typed on the CAS form; default the brief's
    /// (`PronotePersonnel`, `PronoteProfesseur`, `PronoteEleve`, `PronoteParent`).
    pub login: Option<String>,
}

fn checker<'a>(ctx: &'a Context<'_>) -> Result<&'a CasChecker, ApiError> {
    ctx.data::<CasChecker>().map_err(|_| ApiError::internal())
}

#[derive(Default)]
pub struct CasCheckMutation;

#[Object]
impl CasCheckMutation {
    /// « Tester l'authentification »: checks the base's CAS settings against
    /// the real CAS server (login page, form, validation endpoint; with
    /// `credentials`, a full login, the ticket and the attributes). The
    /// result is kept with the base (`PronoteBase.casCheck`, diagnostics).
    #[graphql(complexity = "crate::cost::REMOTE_CALL + child_complexity")]
    async fn test_cas_settings(
        &self,
        ctx: &Context<'_>,
        base_id: ID,
        credentials: Option<CasTestCredentialsInput>,
    ) -> Result<CasCheckView, ApiError> {
        ctx.expensive().await?;
        let scoped = ctx.scoped()?;
        let base_id = parse_id("baseId", &base_id)?;
        let (credentials, profile) = match credentials {
            None => (None, None),
            Some(input) => {
                let login = single_line(
                    "credentials.login",
                    &input.login,
                    128,
                    "L'identifiant du compte de test",
                )?;
                check_password(
                    "credentials.password",
                    &input.password,
                    "Le mot de passe du compte de test",
                )?;
                (
                    Some(TestCredentials {
                        login,
                        password: Zeroizing::new(input.password),
                    }),
                    input.expected_profile.map(Into::into),
                )
            }
        };
        let (row, settings) =
            test_base(scoped, checker(ctx)?, base_id, credentials, profile).await?;
        CasCheckView::new(row, &settings)
    }

    /// Records the CAS identifiers and passwords of a model's test accounts
    /// (one or several of the four; others are kept). Passwords are stored
    /// encrypted and never shown again.
    async fn set_model_test_accounts(
        &self,
        ctx: &Context<'_>,
        model_id: ID,
        accounts: Vec<ModelTestAccountInput>,
    ) -> Result<Vec<TestAccountView>, ApiError> {
        let scoped = ctx.scoped()?;
        let model_id = parse_id("modelId", &model_id)?;
        let inputs = accounts
            .into_iter()
            .map(|a| TestAccountInput {
                profile: a.profile.into(),
                login: a.login,
                cas_identifier: a.cas_identifier,
                password: Zeroizing::new(a.password),
            })
            .collect();
        let rows = save_test_accounts(scoped, ctx.vault()?, model_id, inputs).await?;
        Ok(rows.into_iter().map(TestAccountView::from).collect())
    }

    /// Validates the model's current revision with its four test accounts,
    /// as Index-Education does: each logs in through the model's CAS
    /// settings for `serviceUrl` (default: `cas_check.model_validation_service_url`),
    /// and the returned identifier and attributes are checked. The result
    /// is kept with the revision (`EntModel.validation`).
    #[graphql(complexity = "crate::cost::REMOTE_CALL + child_complexity")]
    async fn validate_model(
        &self,
        ctx: &Context<'_>,
        model_id: ID,
        service_url: Option<String>,
    ) -> Result<ModelValidationView, ApiError> {
        ctx.expensive().await?;
        let scoped = ctx.scoped()?;
        let model_id = parse_id("modelId", &model_id)?;
        let checker = checker(ctx)?;
        let service = match service_url {
            Some(url) => WebUrl::parse("serviceUrl", &url)?,
            None => checker.model_service().cloned().ok_or_else(|| {
                ApiError::validation(
                    "serviceUrl",
                    "Indiquez l'adresse PRONOTE.net de test à laquelle les comptes se connectent.",
                )
            })?,
        };
        Ok(
            validate_model(scoped, checker, ctx.vault()?, model_id, &service)
                .await?
                .into(),
        )
    }
}
