//! An operator's default CAS configuration model: the ENT model its
//! recommended settings come from when a base names none (docs/domain.md
//! « Les attributs de chaque ENT »). Operator administrators choose it among
//! the models their tenant sees (its own lists and those offered to every
//! operator).

use crate::write_transaction::BeginWrite;
use chrono::Utc;
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, Set};
use uuid::Uuid;

use crate::entities::{ent_model, model_source, tenant_default_model};
use crate::models::CatalogModel;
use crate::{AuditAction, AuditEntry, Caller, Result, StoreError};

pub struct DefaultModelRepo<'a> {
    db: &'a DatabaseConnection,
    caller: &'a Caller,
}

impl<'a> DefaultModelRepo<'a> {
    pub(crate) fn new(db: &'a DatabaseConnection, caller: &'a Caller) -> Self {
        Self { db, caller }
    }

    fn visible_tenant(&self, tenant: Uuid) -> Result<()> {
        if self.caller.tenant_filter().admits(Some(tenant)) {
            Ok(())
        } else {
            Err(StoreError::NotFound)
        }
    }

    /// The tenant's default model, if it chose one (a withdrawn one too:
    /// the caller says it is withdrawn).
    pub async fn get(&self, tenant: Uuid) -> Result<Option<CatalogModel>> {
        self.visible_tenant(tenant)?;
        let Some(row) = tenant_default_model::Entity::find_by_id(tenant)
            .one(self.db)
            .await?
        else {
            return Ok(None);
        };
        ent_model::Entity::find_by_id(row.model_id)
            .one(self.db)
            .await?
            .map(CatalogModel::try_from)
            .transpose()
    }

    /// Chooses (or with `None` clears) the tenant's default model: one of
    /// the models it sees, not withdrawn. Operator and platform
    /// administrators; audited.
    #[tracing::instrument(skip_all, err(level = "info"))]
    pub async fn set(&self, tenant: Uuid, model: Option<Uuid>) -> Result<Option<CatalogModel>> {
        self.visible_tenant(tenant)?;
        self.caller.require_tenant_administrator()?;
        let chosen = match model {
            None => None,
            Some(id) => {
                let row = CatalogModel::try_from(
                    ent_model::Entity::find_by_id(id)
                        .one(self.db)
                        .await?
                        .ok_or(StoreError::NotFound)?,
                )?;
                let source = model_source::Entity::find_by_id(row.source_id)
                    .one(self.db)
                    .await?
                    .ok_or(StoreError::NotFound)?;
                // The tenant's own lists, or those offered to every tenant.
                if source.tenant_id.is_some_and(|t| t != tenant) {
                    return Err(StoreError::NotFound);
                }
                if row.withdrawn {
                    return Err(StoreError::Conflict {
                        field: "modelId",
                        message: "Ce modèle a été retiré de sa liste : choisissez-en un autre."
                            .into(),
                    });
                }
                Some(row)
            }
        };
        let transaction = self.db.begin_write().await?;
        tenant_default_model::Entity::delete_by_id(tenant)
            .exec(&transaction)
            .await?;
        if let Some(row) = &chosen {
            tenant_default_model::ActiveModel {
                tenant_id: Set(tenant),
                model_id: Set(row.id),
                set_by: Set(self.caller.user_id),
                set_at: Set(Utc::now()),
            }
            .insert(&transaction)
            .await?;
        }
        AuditEntry::by(self.caller, AuditAction::TenantUpdated, "tenant")
            .tenant(Some(tenant))
            .target(tenant)
            .summary(match &chosen {
                Some(row) => format!("Modèle par défaut : « {} »", row.name),
                None => "Modèle par défaut retiré".to_owned(),
            })
            .write(&transaction)
            .await?;
        transaction.commit().await?;
        Ok(chosen)
    }
}
