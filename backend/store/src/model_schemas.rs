//! Index-Education's schema of CAS configuration models
//! (`ModelesConfiguration_CAS.xsd`), which Index-Education gives integrators
//! but does not publish: an operator uploads its copy, and Relais checks the
//! operator's `modelsFeed` export against it (docs/formats/
//! index-education-models.md). One per tenant; operator administrators
//! change it, whoever sees the tenant reads it.

use crate::write_transaction::BeginWrite;
use chrono::Utc;
use relais_domain::TenantId;
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, Set};

use crate::entities::tenant_model_schema;
use crate::{AuditAction, AuditEntry, Caller, ModelSchema, Result, StoreError};

/// A schema file to keep, checked by the caller.
pub struct NewModelSchema {
    pub file_name: String,
    pub content: String,
    pub sha256: String,
}

pub struct ModelSchemaRepo<'a> {
    db: &'a DatabaseConnection,
    caller: &'a Caller,
}

impl<'a> ModelSchemaRepo<'a> {
    pub(crate) fn new(db: &'a DatabaseConnection, caller: &'a Caller) -> Self {
        Self { db, caller }
    }

    fn visible_tenant(&self, tenant: TenantId) -> Result<()> {
        if self.caller.tenant_filter().admits(Some(tenant.uuid())) {
            Ok(())
        } else {
            Err(StoreError::NotFound)
        }
    }

    fn require_administrator(&self, tenant: TenantId) -> Result<()> {
        self.visible_tenant(tenant)?;
        if self.caller.role.administers_tenant() {
            Ok(())
        } else {
            Err(StoreError::Forbidden)
        }
    }

    /// The tenant's schema, if it uploaded one.
    pub async fn get(&self, tenant: TenantId) -> Result<Option<ModelSchema>> {
        self.visible_tenant(tenant)?;
        tenant_model_schema::Entity::find_by_id(tenant.uuid())
            .one(self.db)
            .await?
            .map(ModelSchema::try_from)
            .transpose()
    }

    /// Keeps `schema` as the tenant's (replacing the previous one), audited.
    #[tracing::instrument(skip_all, err(level = "info"))]
    pub async fn set(&self, tenant: TenantId, schema: NewModelSchema) -> Result<ModelSchema> {
        self.require_administrator(tenant)?;
        let transaction = self.db.begin_write().await?;
        tenant_model_schema::Entity::delete_by_id(tenant.uuid())
            .exec(&transaction)
            .await?;
        let row = tenant_model_schema::ActiveModel {
            tenant_id: Set(tenant.uuid()),
            file_name: Set(schema.file_name),
            content: Set(schema.content),
            sha256: Set(schema.sha256),
            uploaded_by: Set(self.caller.user_id),
            uploaded_at: Set(Utc::now()),
        }
        .insert(&transaction)
        .await?;
        let row = ModelSchema::try_from(row)?;
        AuditEntry::by(self.caller, AuditAction::TenantUpdated, "tenant")
            .tenant(Some(tenant.uuid()))
            .target(tenant)
            .summary(format!(
                "Schéma des modèles d'Index-Education déposé : {} (SHA-256 {})",
                row.file_name, row.sha256
            ))
            .write(&transaction)
            .await?;
        transaction.commit().await?;
        Ok(row)
    }

    /// Forgets the tenant's schema; answers whether there was one.
    #[tracing::instrument(skip_all, err(level = "info"))]
    pub async fn delete(&self, tenant: TenantId) -> Result<bool> {
        self.require_administrator(tenant)?;
        let transaction = self.db.begin_write().await?;
        let deleted = tenant_model_schema::Entity::delete_by_id(tenant.uuid())
            .exec(&transaction)
            .await?
            .rows_affected;
        if deleted > 0 {
            AuditEntry::by(self.caller, AuditAction::TenantUpdated, "tenant")
                .tenant(Some(tenant.uuid()))
                .target(tenant)
                .summary("Schéma des modèles d'Index-Education retiré")
                .write(&transaction)
                .await?;
        }
        transaction.commit().await?;
        Ok(deleted > 0)
    }
}
