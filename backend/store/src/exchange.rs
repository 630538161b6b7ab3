//! How each tenant exchanges files with Index-Education (docs/domain.md §4), and the
//! tenant keys of the envelope encryption.

use crate::write_transaction::BeginWrite;
use chrono::Utc;
use relais_domain::TenantId;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set, SqlErr,
};
use uuid::Uuid;

use crate::entities::{exchange_settings, tenant_key};
use crate::{AuditAction, AuditEntry, Caller, ExchangeSettings, Result, StoreError};

/// Changes to a tenant's exchange settings; `None` keeps the current value.
/// Every value already checked (PEM keys parsed, private key sealed).
#[derive(Debug, Clone, Default)]
pub struct ExchangePatch {
    pub partner_id: Option<String>,
    pub partner_name: Option<String>,
    pub index_education_public_key: Option<String>,
    /// The partner's public key and its private key sealed by the tenant key.
    pub partner_key_pair: Option<(String, Vec<u8>)>,
    /// `Some(None)` goes back to the platform default.
    pub retention_account_matching_days: Option<Option<i32>>,
    pub retention_identifiers_export_days: Option<Option<i32>>,
}

pub struct ExchangeRepo<'a> {
    db: &'a DatabaseConnection,
    caller: &'a Caller,
}

impl<'a> ExchangeRepo<'a> {
    pub(crate) fn new(db: &'a DatabaseConnection, caller: &'a Caller) -> Self {
        Self { db, caller }
    }

    /// The tenant's settings (empty ones when never saved). Any member of
    /// the tenant reads them; the sealed private key never leaves the store
    /// except to the server's file vault.
    pub async fn get(&self, tenant: TenantId) -> Result<ExchangeSettings> {
        let tenant_id = tenant.uuid();
        if !self.caller.tenant_filter().admits(Some(tenant_id)) {
            return Err(StoreError::NotFound);
        }
        exchange_settings::Entity::find_by_id(tenant_id)
            .one(self.db)
            .await?
            .unwrap_or_else(|| empty_settings(tenant_id))
            .try_into()
    }

    /// Saves a patch; operator and platform administrators only. Audited
    /// without the keys themselves.
    #[tracing::instrument(skip_all, err(level = "info"), fields(tenant = %tenant))]
    pub async fn update(&self, tenant: TenantId, patch: ExchangePatch) -> Result<ExchangeSettings> {
        let tenant_id = tenant.uuid();
        if !self.caller.tenant_filter().admits(Some(tenant_id)) {
            return Err(StoreError::NotFound);
        }
        self.caller.require_tenant_administrator()?;
        let transaction = self.db.begin_write().await?;
        let existing = exchange_settings::Entity::find_by_id(tenant_id)
            .one(&transaction)
            .await?;
        let is_new = existing.is_none();
        let mut row = existing.unwrap_or_else(|| empty_settings(tenant_id));
        let mut changed = Vec::new();
        if let Some(value) = patch.partner_id {
            row.partner_id = Some(value);
            changed.push("identifiant partenaire");
        }
        if let Some(value) = patch.partner_name {
            row.partner_name = Some(value);
            changed.push("nom du partenaire");
        }
        if let Some(value) = patch.index_education_public_key {
            row.index_education_public_key = Some(value);
            changed.push("clé publique Index-Education");
        }
        if let Some((public, sealed_private)) = patch.partner_key_pair {
            row.partner_public_key = Some(public);
            row.partner_private_key_sealed = Some(sealed_private);
            changed.push("bi-clé du partenaire");
        }
        if let Some(value) = patch.retention_account_matching_days {
            row.retention_account_matching_days = value;
            changed.push("conservation des fichiers de rapprochement");
        }
        if let Some(value) = patch.retention_identifiers_export_days {
            row.retention_identifiers_export_days = value;
            changed.push("conservation des exports d'identifiants");
        }
        row.updated_at = Utc::now();
        let active: exchange_settings::ActiveModel = row.clone().into();
        let saved = if is_new {
            active.insert(&transaction).await?
        } else {
            let mut active = active.reset_all();
            active.tenant_id = sea_orm::ActiveValue::Unchanged(tenant_id);
            active.update(&transaction).await?
        };
        AuditEntry::by(self.caller, AuditAction::ExchangeSettingsUpdated, "tenant")
            .tenant(Some(tenant_id))
            .target(tenant_id)
            .summary(changed.join(", "))
            .write(&transaction)
            .await?;
        let saved = ExchangeSettings::try_from(saved)?;
        transaction.commit().await?;
        Ok(saved)
    }
}

fn empty_settings(tenant_id: Uuid) -> exchange_settings::Model {
    exchange_settings::Model {
        tenant_id,
        partner_id: None,
        partner_name: None,
        index_education_public_key: None,
        partner_public_key: None,
        partner_private_key_sealed: None,
        retention_account_matching_days: None,
        retention_identifiers_export_days: None,
        updated_at: Utc::now(),
    }
}

/// The wrapped tenant keys: infrastructure of the server's file vault, never
/// reachable from a resolver.
pub struct KeyRing<'a> {
    db: &'a DatabaseConnection,
}

impl<'a> KeyRing<'a> {
    pub(crate) fn new(db: &'a DatabaseConnection) -> Self {
        Self { db }
    }

    pub async fn get(&self, tenant_id: Uuid) -> Result<Option<tenant_key::Model>> {
        Ok(tenant_key::Entity::find_by_id(tenant_id)
            .one(self.db)
            .await?)
    }

    /// Stores a first key for the tenant; when another process stored one
    /// meanwhile, keeps and returns that one.
    pub async fn insert_or_get(
        &self,
        tenant_id: Uuid,
        wrapped_key: Vec<u8>,
        master_key_id: &str,
    ) -> Result<tenant_key::Model> {
        let now = Utc::now();
        let inserted = tenant_key::ActiveModel {
            tenant_id: Set(tenant_id),
            wrapped_key: Set(wrapped_key),
            master_key_id: Set(master_key_id.to_owned()),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(self.db)
        .await;
        match inserted {
            Ok(row) => Ok(row),
            Err(err) if matches!(err.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
                self.get(tenant_id).await?.ok_or(StoreError::NotFound)
            }
            Err(err) => Err(err.into()),
        }
    }

    /// Every tenant key (master-key rotation).
    pub async fn all(&self) -> Result<Vec<tenant_key::Model>> {
        Ok(tenant_key::Entity::find().all(self.db).await?)
    }

    /// Replaces the wrapping of one tenant key, only if it is still wrapped
    /// by `previous_master_key_id` (a concurrent rotation wins once).
    pub async fn rewrap(
        &self,
        tenant_id: Uuid,
        previous_master_key_id: &str,
        wrapped_key: Vec<u8>,
        master_key_id: &str,
    ) -> Result<bool> {
        let updated = tenant_key::Entity::update_many()
            .set(tenant_key::ActiveModel {
                wrapped_key: Set(wrapped_key),
                master_key_id: Set(master_key_id.to_owned()),
                updated_at: Set(Utc::now()),
                ..Default::default()
            })
            .filter(tenant_key::Column::TenantId.eq(tenant_id))
            .filter(tenant_key::Column::MasterKeyId.eq(previous_master_key_id))
            .exec(self.db)
            .await?
            .rows_affected;
        if updated == 1 {
            AuditEntry::by(
                &Caller::command_line(),
                AuditAction::MasterKeyRotated,
                "tenant",
            )
            .tenant(Some(tenant_id))
            .target(tenant_id)
            .summary(format!("{previous_master_key_id} → {master_key_id}"))
            .write(self.db)
            .await?;
        }
        Ok(updated == 1)
    }
}
