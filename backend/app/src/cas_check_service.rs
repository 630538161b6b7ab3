//! The CAS checks with their storage (issue 8): « Tester l'authentification »
//! of a base, the four test accounts of a model and its validation.

use relais_domain::BaseId;
use relais_domain::cas_check::{
    AccountResult, CasProtocol, Expectations, StepStatus, TEST_ACCOUNTS, outcome, test_account,
};
use relais_domain::delegation::{CasUrls, DelegationSettings, Profile, cas_service};
use relais_domain::helpdesk::single_line;
use relais_domain::model_apply::client_of;
use relais_domain::web_url::WebUrl;
use relais_store::{
    CasCheck, ModelValidation, NewBaseCheck, NewValidation, Scoped, TestAccount, TestAccountRow,
};
use sha2::{Digest, Sha256};
use uuid::Uuid;
use zeroize::Zeroizing;

use crate::AppError;
use crate::file_vault::FileVault;
use relais_domain::formatting::hex;
use relais_outbound::cas_check::{CasChecker, CasTarget, TestCredentials};

/// The addresses to check for `cas_urls` and the service `service`.
fn target(cas_urls: &CasUrls, service: String) -> CasTarget {
    let validation_url = cas_urls.validation_url();
    CasTarget {
        login_url: cas_urls.login_url(),
        protocol: CasProtocol::of_validation_url(&validation_url),
        validation_url,
        service,
    }
}

/// SHA-256 of a base's settings (their JSON, as stored), to tell when they
/// changed after a check.
pub fn settings_hash(settings: &DelegationSettings) -> Result<String, AppError> {
    let json = serde_json::to_vec(settings).map_err(|_| AppError::internal())?;
    Ok(hex(&Sha256::digest(&json)))
}

/// « Tester l'authentification » of a base: runs the check against the
/// base's CAS server and keeps the result with the base. Returns the result
/// and the base's settings it was run with.
pub async fn test_base(
    scoped: Scoped<'_>,
    checker: &CasChecker,
    base_id: BaseId,
    credentials: Option<TestCredentials>,
    expected_profile: Option<Profile>,
) -> Result<(CasCheck, DelegationSettings), AppError> {
    let base = scoped.bases().get(base_id).await?;
    let settings = &base.settings;
    let cas_urls = settings.cas_urls.as_ref().ok_or_else(|| {
        AppError::validation(
            "baseId",
            "Aucune adresse de serveur CAS n'est renseignée pour cette base : saisissez-la ou \
             appliquez un modèle avant de tester l'authentification.",
        )
    })?;
    let public_url = base.fields.public_url.as_ref().ok_or_else(|| {
        AppError::validation(
            "baseId",
            "L'adresse publique de PRONOTE.net n'est pas renseignée : c'est le service que \
                 le serveur CAS doit autoriser. Renseignez-la avant de tester.",
        )
    })?;
    let target = target(cas_urls, cas_service(public_url));
    let expect = Expectations {
        common_identifier: &settings.common_identifier,
        first_connection: &settings.first_connection,
        profile: expected_profile,
        account: None,
        identifier: None,
    };
    let with_credentials = credentials.is_some();
    let run = checker
        .check(&target, credentials.as_ref(), &expect, true)
        .await;
    let row = scoped
        .cas_checks()
        .record_base_check(
            base.id,
            NewBaseCheck {
                protocol: target.protocol,
                with_credentials,
                settings_hash: settings_hash(settings)?,
                steps: run.steps,
            },
        )
        .await?;
    Ok((row, base.settings))
}

/// One test account as typed by the operator.
pub struct TestAccountInput {
    pub profile: Profile,
    pub login: Option<String>,
    pub cas_identifier: String,
    pub password: Zeroizing<String>,
}

/// The purpose a test account's password is sealed under: bound to the
/// model and profile, so a sealed password moved to another row does not open.
fn password_purpose(model_id: Uuid, profile: Profile) -> String {
    format!("cas-test-account:{model_id}:{}", profile.as_str())
}

/// Longest test-account password accepted, in characters.
const PASSWORD_MAX_CHARS: usize = 256;

/// A test account's password: given, and not longer than a CAS accepts.
pub fn check_password(field: &'static str, password: &str, what: &str) -> Result<(), AppError> {
    if password.is_empty() || password.chars().count() > PASSWORD_MAX_CHARS {
        return Err(AppError::validation(
            field,
            format!("{what} est obligatoire ({PASSWORD_MAX_CHARS} caractères au plus)."),
        ));
    }
    Ok(())
}

/// Records test accounts of a model: every input checked first (nothing
/// written when one is wrong), passwords sealed by the operator's tenant key.
pub async fn save_test_accounts(
    scoped: Scoped<'_>,
    vault: &FileVault,
    model_id: Uuid,
    inputs: Vec<TestAccountInput>,
) -> Result<Vec<TestAccount>, AppError> {
    let (model, tenant) = scoped.cas_checks().writable_model(model_id).await?;
    if inputs.is_empty() {
        return Err(AppError::validation(
            "accounts",
            "Indiquez au moins un compte de test.",
        ));
    }
    let mut checked = Vec::new();
    for input in &inputs {
        let Some(account) = test_account(input.profile) else {
            return Err(AppError::validation(
                "accounts",
                format!(
                    "Il n'y a pas de compte de test pour le profil {} : les quatre comptes sont \
                     Personnel, Professeur, Élève et Parent.",
                    input.profile
                ),
            ));
        };
        if checked.iter().any(|(p, _, _)| *p == input.profile) {
            return Err(AppError::validation(
                "accounts",
                format!("Le compte de test {} est indiqué deux fois.", input.profile),
            ));
        }
        let login = match &input.login {
            Some(login) => single_line("accounts", login, 128, "L'identifiant de connexion")?,
            None => account.login.to_owned(),
        };
        let identifier = single_line(
            "accounts",
            &input.cas_identifier,
            256,
            "L'identifiant CAS déclaré",
        )?;
        check_password(
            "accounts",
            &input.password,
            &format!("Le mot de passe du compte {}", input.profile),
        )?;
        checked.push((input.profile, login, identifier));
    }
    let mut rows = Vec::new();
    for ((profile, login, cas_identifier), input) in checked.into_iter().zip(&inputs) {
        let password_sealed = vault
            .seal_secret(
                tenant,
                &password_purpose(model.id, profile),
                input.password.as_bytes(),
            )
            .await?;
        rows.push(TestAccountRow {
            profile,
            login,
            cas_identifier,
            password_sealed,
        });
    }
    Ok(scoped
        .cas_checks()
        .save_test_accounts(model.id, rows)
        .await?)
}

/// Validates a model's current revision the way Index-Education does: each
/// of the four test accounts logs in through the model's CAS settings for
/// `service`, its ticket is validated, and the identifier and attributes are
/// compared with the declared identifier and the identification mode.
pub async fn validate_model(
    scoped: Scoped<'_>,
    checker: &CasChecker,
    vault: &FileVault,
    model_id: Uuid,
    service: &WebUrl,
) -> Result<ModelValidation, AppError> {
    let (model, tenant) = scoped.cas_checks().writable_model(model_id).await?;
    let (_, settings) = client_of(&model.values).ok_or_else(AppError::internal)?;
    let cas_urls = settings.cas_urls.as_ref().ok_or_else(|| {
        AppError::validation(
            "modelId",
            "Ce modèle ne donne pas d'adresse de serveur CAS (une adresse par établissement) : \
             il ne peut pas être validé avec les comptes de test.",
        )
    })?;
    let accounts = scoped.cas_checks().test_accounts(model.id).await?;
    let missing: Vec<&str> = TEST_ACCOUNTS
        .iter()
        .filter(|a| !accounts.iter().any(|r| r.profile == a.profile))
        .map(|a| a.profile.label())
        .collect();
    if !missing.is_empty() {
        return Err(AppError::validation(
            "modelId",
            format!(
                "Enregistrez d'abord les quatre comptes de test (manquant : {}).",
                missing.join(", ")
            ),
        ));
    }
    let target = target(cas_urls, cas_service(service));
    let mut results = Vec::new();
    for account in &TEST_ACCOUNTS {
        let Some(row) = accounts.iter().find(|r| r.profile == account.profile) else {
            continue;
        };
        let password = vault
            .open_secret(
                tenant,
                &password_purpose(model.id, account.profile),
                &row.password_sealed,
            )
            .await?;
        let password =
            Zeroizing::new(String::from_utf8(password.to_vec()).map_err(|_| AppError::internal())?);
        let credentials = TestCredentials {
            login: row.login.clone(),
            password,
        };
        let expect = Expectations {
            common_identifier: &settings.common_identifier,
            first_connection: &settings.first_connection,
            profile: Some(account.profile),
            account: Some(account),
            identifier: Some(&row.cas_identifier),
        };
        let run = checker
            .check(&target, Some(&credentials), &expect, false)
            .await;
        results.push(AccountResult {
            profile: account.profile,
            login: row.login.clone(),
            declared_identifier: row.cas_identifier.clone(),
            returned_identifier: run.identifier,
            passed: outcome(&run.steps) != StepStatus::Failed,
            steps: run.steps,
        });
    }
    let passed = results.iter().all(|r| r.passed);
    Ok(scoped
        .cas_checks()
        .record_validation(
            model.id,
            NewValidation {
                revision: model.revision,
                passed,
                service_url: target.service,
                results,
            },
        )
        .await?)
}
