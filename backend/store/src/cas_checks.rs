//! Live CAS checks (issue 8): the latest check of each base, the four test
//! accounts of each model and the validations of model revisions.
//!
//! Rights: whoever sees a base may test it (the result is stored with the
//! base); a model's test accounts and validations are written by those who
//! may change its source (its operator's administrators, or platform
//! administrators), and read by whoever sees the model.

use crate::write_transaction::BeginWrite;
use std::collections::HashSet;

use chrono::Utc;
use relais_domain::cas_check::{AccountResult, CasProtocol, CheckStep, outcome};
use relais_domain::delegation::Profile;
use relais_domain::{BaseId, DomainError};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

use crate::caller::TenantFilter;
use crate::cas_check_record::CasCheck;
use crate::entities::{cas_check, model_test_account, model_validation};
use crate::event_log::EventLog;
use crate::model_validation_record::{ModelValidation, validations};
use crate::models::CatalogModel;
use crate::test_account_record::{TestAccount, test_accounts_of};
use crate::{AuditAction, AuditEntry, BaseRepo, Caller, ModelRepo, Result, StoreError};

/// A check to record for a base (values already computed by the checker).
#[derive(Debug, Clone)]
pub struct NewBaseCheck {
    pub protocol: CasProtocol,
    pub with_credentials: bool,
    pub settings_hash: String,
    /// The steps as they ran; the check's outcome is their worst status.
    pub steps: Vec<CheckStep>,
}

/// One test account to record; the password already sealed.
#[derive(Debug, Clone)]
pub struct TestAccountRow {
    pub profile: Profile,
    pub login: String,
    pub cas_identifier: String,
    pub password_sealed: Vec<u8>,
}

/// A validation run to record for the model's current revision.
#[derive(Debug, Clone)]
pub struct NewValidation {
    pub revision: i32,
    pub passed: bool,
    pub service_url: String,
    /// How each test account fared.
    pub results: Vec<AccountResult>,
}

pub struct CasCheckRepo<'a> {
    db: &'a DatabaseConnection,
    caller: &'a Caller,
    events: &'a EventLog,
}

impl<'a> CasCheckRepo<'a> {
    pub(crate) fn new(
        db: &'a DatabaseConnection,
        caller: &'a Caller,
        events: &'a EventLog,
    ) -> Self {
        Self { db, caller, events }
    }

    fn models(&self) -> ModelRepo<'a> {
        ModelRepo::new(self.db, self.caller, self.events)
    }

    /// The latest checks of `bases` (already read by the caller), in one
    /// statement; filtered by the caller's tenant once more.
    pub async fn checks_of_bases(&self, bases: &[BaseId]) -> Result<Vec<CasCheck>> {
        let query = cas_check::Entity::find()
            .filter(cas_check::Column::BaseId.is_in(bases.iter().map(|b| b.uuid())));
        let query = match self.caller.tenant_filter() {
            TenantFilter::All => query,
            TenantFilter::Only(tenant) => query.filter(cas_check::Column::TenantId.eq(tenant)),
            TenantFilter::Nothing => return Ok(Vec::new()),
        };
        query
            .all(self.db)
            .await?
            .into_iter()
            .map(CasCheck::try_from)
            .collect()
    }

    /// The test accounts of `models` (already read by the caller), in one
    /// statement; only the caller's tenant's rows.
    pub async fn test_accounts_of(&self, models: &[Uuid]) -> Result<Vec<TestAccount>> {
        // The operator's accounts: their logins are not a school's business.
        if self.caller.role == relais_domain::Role::SchoolAdmin {
            return Ok(Vec::new());
        }
        let query = model_test_account::Entity::find()
            .filter(model_test_account::Column::ModelId.is_in(models.to_vec()));
        let query = match self.caller.tenant_filter() {
            TenantFilter::All => query,
            TenantFilter::Only(tenant) => {
                query.filter(model_test_account::Column::TenantId.eq(tenant))
            }
            TenantFilter::Nothing => return Ok(Vec::new()),
        };
        test_accounts_of(query.all(self.db).await?)
    }

    /// The validations of `models` (already read by the caller) at every
    /// revision, in one statement; only the caller's tenant's rows.
    pub async fn validations_of(&self, models: &[Uuid]) -> Result<Vec<ModelValidation>> {
        let query = model_validation::Entity::find()
            .filter(model_validation::Column::ModelId.is_in(models.to_vec()));
        let query = match self.caller.tenant_filter() {
            TenantFilter::All => query,
            TenantFilter::Only(tenant) => {
                query.filter(model_validation::Column::TenantId.eq(tenant))
            }
            TenantFilter::Nothing => return Ok(Vec::new()),
        };
        validations(query.all(self.db).await?)
    }

    /// Records the latest check of a visible base (replacing the previous
    /// one), audited in the same transaction.
    #[tracing::instrument(skip_all, err(level = "info"), fields(base = %base_id))]
    pub async fn record_base_check(
        &self,
        base_id: BaseId,
        check: NewBaseCheck,
    ) -> Result<CasCheck> {
        let base = BaseRepo::new(self.db, self.caller).get(base_id).await?;
        let outcome = outcome(&check.steps).outcome_name();
        let steps = serde_json::to_string(&check.steps)
            .map_err(|e| StoreError::Database(sea_orm::DbErr::Type(e.to_string())))?;
        let row = cas_check::ActiveModel {
            base_id: Set(base.id.uuid()),
            tenant_id: Set(base.tenant_id.uuid()),
            checked_at: Set(Utc::now()),
            checked_by: Set(self.caller.email.clone()),
            outcome: Set(outcome.to_owned()),
            protocol: Set(check.protocol.as_str().to_owned()),
            with_credentials: Set(check.with_credentials),
            settings_hash: Set(check.settings_hash),
            steps: Set(steps),
        };
        let txn = self.db.begin_write().await?;
        cas_check::Entity::insert(row)
            .on_conflict(
                OnConflict::column(cas_check::Column::BaseId)
                    .update_columns([
                        cas_check::Column::CheckedAt,
                        cas_check::Column::CheckedBy,
                        cas_check::Column::Outcome,
                        cas_check::Column::Protocol,
                        cas_check::Column::WithCredentials,
                        cas_check::Column::SettingsHash,
                        cas_check::Column::Steps,
                    ])
                    .to_owned(),
            )
            .exec(&txn)
            .await?;
        AuditEntry::by(self.caller, AuditAction::CasSettingsTested, "pronote_base")
            .tenant(Some(base.tenant_id.uuid()))
            .target(base.id.uuid())
            .summary(format!(
                "Test de l'authentification CAS de la base {} : {}{}.",
                base.group_uai,
                outcome,
                if check.with_credentials {
                    " (avec un compte de test)"
                } else {
                    ""
                }
            ))
            .write(&txn)
            .await?;
        let saved = cas_check::Entity::find_by_id(base.id.uuid())
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound)?;
        txn.commit().await?;
        saved.try_into()
    }

    /// A model the caller may change (its source's writers), with its tenant.
    pub async fn writable_model(&self, model_id: Uuid) -> Result<(CatalogModel, Uuid)> {
        let model = self.models().model(model_id).await?;
        self.models().require_writer(model.tenant_id)?;
        let tenant = model.tenant_id.ok_or_else(|| {
            StoreError::Domain(DomainError::validation(
                "modelId",
                "Ce modèle est offert par la plateforme à tous les opérateurs : ses comptes de \
                 test et sa validation relèvent de l'intégrateur qui le publie. Validez les \
                 modèles de votre propre liste.",
            ))
        })?;
        Ok((model, tenant))
    }

    /// The recorded test accounts of a visible model.
    pub async fn test_accounts(&self, model_id: Uuid) -> Result<Vec<TestAccount>> {
        let model = self.models().model(model_id).await?;
        test_accounts_of(
            model_test_account::Entity::find()
                .filter(model_test_account::Column::ModelId.eq(model.id))
                .all(self.db)
                .await?,
        )
    }

    /// Records (or replaces) test accounts of a writable model, in one
    /// transaction with its audit entry (profiles only, never a password).
    #[tracing::instrument(skip_all, err(level = "info"), fields(model = %model_id))]
    pub async fn save_test_accounts(
        &self,
        model_id: Uuid,
        accounts: Vec<TestAccountRow>,
    ) -> Result<Vec<TestAccount>> {
        let (model, tenant) = self.writable_model(model_id).await?;
        let profiles: Vec<&str> = accounts.iter().map(|a| a.profile.as_str()).collect();
        let now = Utc::now();
        let txn = self.db.begin_write().await?;
        for account in accounts {
            let row = model_test_account::ActiveModel {
                model_id: Set(model.id),
                profile: Set(account.profile.as_str().to_owned()),
                tenant_id: Set(tenant),
                login: Set(account.login),
                cas_identifier: Set(account.cas_identifier),
                password_sealed: Set(account.password_sealed),
                updated_at: Set(now),
            };
            model_test_account::Entity::insert(row)
                .on_conflict(
                    OnConflict::columns([
                        model_test_account::Column::ModelId,
                        model_test_account::Column::Profile,
                    ])
                    .update_columns([
                        model_test_account::Column::Login,
                        model_test_account::Column::CasIdentifier,
                        model_test_account::Column::PasswordSealed,
                        model_test_account::Column::UpdatedAt,
                    ])
                    .to_owned(),
                )
                .exec(&txn)
                .await?;
        }
        AuditEntry::by(
            self.caller,
            AuditAction::ModelTestAccountsUpdated,
            "ent_model",
        )
        .tenant(Some(tenant))
        .target(model.id)
        .summary(format!(
            "Comptes de test du modèle « {} » enregistrés : {}.",
            model.name,
            profiles.join(", ")
        ))
        .write(&txn)
        .await?;
        let saved = model_test_account::Entity::find()
            .filter(model_test_account::Column::ModelId.eq(model.id))
            .all(&txn)
            .await?;
        txn.commit().await?;
        test_accounts_of(saved)
    }

    /// Records the validation of a writable model's revision (the latest run
    /// per revision is kept), audited in the same transaction.
    #[tracing::instrument(skip_all, err(level = "info"), fields(model = %model_id))]
    pub async fn record_validation(
        &self,
        model_id: Uuid,
        validation: NewValidation,
    ) -> Result<ModelValidation> {
        let (model, tenant) = self.writable_model(model_id).await?;
        let results = serde_json::to_string(&validation.results)
            .map_err(|e| StoreError::Database(sea_orm::DbErr::Type(e.to_string())))?;
        let row = model_validation::ActiveModel {
            model_id: Set(model.id),
            revision: Set(validation.revision),
            tenant_id: Set(tenant),
            validated_at: Set(Utc::now()),
            validated_by: Set(self.caller.email.clone()),
            passed: Set(validation.passed),
            service_url: Set(validation.service_url),
            results: Set(results),
        };
        let txn = self.db.begin_write().await?;
        model_validation::Entity::insert(row)
            .on_conflict(
                OnConflict::columns([
                    model_validation::Column::ModelId,
                    model_validation::Column::Revision,
                ])
                .update_columns([
                    model_validation::Column::ValidatedAt,
                    model_validation::Column::ValidatedBy,
                    model_validation::Column::Passed,
                    model_validation::Column::ServiceUrl,
                    model_validation::Column::Results,
                ])
                .to_owned(),
            )
            .exec(&txn)
            .await?;
        AuditEntry::by(self.caller, AuditAction::ModelValidated, "ent_model")
            .tenant(Some(tenant))
            .target(model.id)
            .summary(format!(
                "Validation du modèle « {} » (révision {}) avec les comptes de test : {}.",
                model.name,
                validation.revision,
                if validation.passed {
                    "réussie"
                } else {
                    "échouée"
                }
            ))
            .write(&txn)
            .await?;
        let saved = model_validation::Entity::find_by_id((model.id, validation.revision))
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound)?;
        txn.commit().await?;
        saved.try_into()
    }

    /// Which of `models` (visible ones, at their current revision) passed
    /// their validation: one statement.
    pub async fn validated(&self, models: &[CatalogModel]) -> Result<HashSet<Uuid>> {
        let ids: Vec<Uuid> = models.iter().map(|m| m.id).collect();
        let rows = model_validation::Entity::find()
            .filter(model_validation::Column::ModelId.is_in(ids))
            .filter(model_validation::Column::Passed.eq(true))
            .all(self.db)
            .await?;
        Ok(rows
            .into_iter()
            .filter(|row| {
                models
                    .iter()
                    .any(|m| m.id == row.model_id && m.revision == row.revision)
            })
            .map(|row| row.model_id)
            .collect())
    }
}
