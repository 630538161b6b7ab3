//! The ENT's CAS service registry of a tenant (issue 21): the ENT's
//! attribute names, and the registry last exported (per base, the entry,
//! read and written as the caller's type: the entries themselves are built
//! by `relais_formats::cas_registry` from the bases' settings, in the
//! application layer).
//!
//! Rights: whoever sees the tenant's bases reads the last export (it names
//! no one); operator administrators change the attribute names and record
//! an export. A platform administrator acts on one tenant at a time
//! (`tenant` argument); every other caller on its own tenant.

use crate::write_transaction::BeginWrite;
use std::collections::{BTreeMap, HashMap};

use chrono::Utc;
use relais_domain::BaseId;
use relais_domain::DomainError;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, Set};
use serde::Serialize;
use serde::de::DeserializeOwned;
use uuid::Uuid;

use crate::caller::TenantFilter;
use crate::cas_registry_record::{CasRegistrySettings, ExportedEntry, records};
use crate::entities::{cas_registry_entry, cas_registry_tenant};
use crate::{AuditAction, AuditEntry, Caller, Result, StoreError};

/// Rows inserted per statement when recording an export.
const CHUNK: usize = 500;

pub struct CasRegistryRepo<'a> {
    db: &'a DatabaseConnection,
    caller: &'a Caller,
}

impl<'a> CasRegistryRepo<'a> {
    pub(crate) fn new(db: &'a DatabaseConnection, caller: &'a Caller) -> Self {
        Self { db, caller }
    }

    /// The tenant acted on: the caller's, or for a platform administrator
    /// the one named.
    pub fn tenant(&self, named: Option<Uuid>) -> Result<Uuid> {
        match (self.caller.tenant_filter(), named) {
            (TenantFilter::Only(own), None) => Ok(own),
            (TenantFilter::Only(own), Some(other)) if other == own => Ok(own),
            (TenantFilter::All, Some(tenant)) => Ok(tenant),
            (TenantFilter::All, None) => Err(StoreError::Domain(DomainError::validation(
                "tenant",
                "Choisissez l'opérateur dont exporter le registre CAS (tenant).",
            ))),
            _ => Err(StoreError::NotFound),
        }
    }

    fn require_administrator(&self) -> Result<()> {
        if self.caller.role.administers_tenant() {
            Ok(())
        } else {
            Err(StoreError::Forbidden)
        }
    }

    fn require_reader(&self) -> Result<()> {
        if self.caller.role.sees_whole_tenant() {
            Ok(())
        } else {
            Err(StoreError::Forbidden)
        }
    }

    /// The tenant's registry row (attribute names, last export), if any.
    pub async fn settings(&self, tenant: Uuid) -> Result<Option<CasRegistrySettings>> {
        cas_registry_tenant::Entity::find_by_id(tenant)
            .one(self.db)
            .await?
            .map(CasRegistrySettings::try_from)
            .transpose()
    }

    /// The ENT's attribute names that differ from PRONOTE's; none when
    /// never set.
    pub async fn attribute_mapping(&self, tenant: Uuid) -> Result<BTreeMap<String, String>> {
        Ok(self
            .settings(tenant)
            .await?
            .map(|settings| settings.attribute_mapping)
            .unwrap_or_default())
    }

    /// Replaces the ENT's attribute names (checked by the caller), audited.
    #[tracing::instrument(skip_all, err(level = "info"), fields(tenant = %tenant))]
    pub async fn set_attribute_mapping(
        &self,
        tenant: Uuid,
        mapping: &BTreeMap<String, String>,
    ) -> Result<()> {
        self.require_administrator()?;
        let mapping = to_json(mapping)?;
        let transaction = self.db.begin_write().await?;
        cas_registry_tenant::Entity::insert(cas_registry_tenant::ActiveModel {
            tenant_id: Set(tenant),
            attribute_mapping: Set(mapping.clone()),
            exported_at: Set(None),
            exported_by: Set(None),
            services: Set(0),
        })
        .on_conflict(
            OnConflict::column(cas_registry_tenant::Column::TenantId)
                .update_column(cas_registry_tenant::Column::AttributeMapping)
                .to_owned(),
        )
        .exec_without_returning(&transaction)
        .await?;
        AuditEntry::by(
            self.caller,
            AuditAction::CasRegistryMappingUpdated,
            "tenant",
        )
        .tenant(Some(tenant))
        .target(tenant)
        .summary(mapping)
        .write(&transaction)
        .await?;
        transaction.commit().await?;
        Ok(())
    }

    /// The entries last exported, by base.
    pub async fn exported<T: DeserializeOwned>(&self, tenant: Uuid) -> Result<HashMap<BaseId, T>> {
        self.require_reader()?;
        let rows = cas_registry_entry::Entity::find()
            .filter(cas_registry_entry::Column::TenantId.eq(tenant))
            .all(self.db)
            .await?;
        Ok(records::<ExportedEntry<T>, _>(rows)?
            .into_iter()
            .map(|row| (row.base_id, row.entry))
            .collect())
    }

    /// The registry rows of every tenant the caller sees, and the entries
    /// last exported by those that exported; two statements whatever the
    /// number of bases (`CAS_REGISTRY_OUTDATED` counted in the bases'
    /// summary). Operator administrators, helpdesk and platform only.
    pub async fn of_visible_tenants<T: DeserializeOwned>(
        &self,
    ) -> Result<(Vec<CasRegistrySettings>, Vec<ExportedEntry<T>>)> {
        self.require_reader()?;
        let query = match self.caller.tenant_filter() {
            TenantFilter::All => cas_registry_tenant::Entity::find(),
            TenantFilter::Only(own) => cas_registry_tenant::Entity::find()
                .filter(cas_registry_tenant::Column::TenantId.eq(own)),
            TenantFilter::Nothing => return Ok((Vec::new(), Vec::new())),
        };
        let rows = query.all(self.db).await?;
        let exported: Vec<Uuid> = rows
            .iter()
            .filter(|row| row.exported_at.is_some())
            .map(|row| row.tenant_id)
            .collect();
        let entries = if exported.is_empty() {
            Vec::new()
        } else {
            cas_registry_entry::Entity::find()
                .filter(cas_registry_entry::Column::TenantId.is_in(exported))
                .all(self.db)
                .await?
        };
        Ok((records(rows)?, records(entries)?))
    }

    /// For each (tenant, base) of `keys`: the tenant's registry row and the
    /// base's last exported entry; two statements whatever the number of
    /// keys (the per-base diagnostic of a list of bases). Tenants the
    /// caller does not see are left out.
    pub async fn of_bases<T: DeserializeOwned>(
        &self,
        keys: &[(Uuid, Uuid)],
    ) -> Result<(Vec<CasRegistrySettings>, Vec<ExportedEntry<T>>)> {
        let filter = self.caller.tenant_filter();
        let mut tenants: Vec<Uuid> = keys
            .iter()
            .map(|(tenant, _)| *tenant)
            .filter(|tenant| filter.admits(Some(*tenant)))
            .collect();
        tenants.sort();
        tenants.dedup();
        if tenants.is_empty() {
            return Ok((Vec::new(), Vec::new()));
        }
        let rows = cas_registry_tenant::Entity::find()
            .filter(cas_registry_tenant::Column::TenantId.is_in(tenants.iter().copied()))
            .all(self.db)
            .await?;
        let exported: Vec<Uuid> = rows
            .iter()
            .filter(|row| row.exported_at.is_some())
            .map(|row| row.tenant_id)
            .collect();
        let entries = if exported.is_empty() {
            Vec::new()
        } else {
            cas_registry_entry::Entity::find()
                .filter(cas_registry_entry::Column::TenantId.is_in(exported))
                .filter(
                    cas_registry_entry::Column::BaseId.is_in(keys.iter().map(|(_, base)| *base)),
                )
                .all(self.db)
                .await?
        };
        Ok((records(rows)?, records(entries)?))
    }

    /// Records `entries` (base, entry) as the registry exported now,
    /// replacing the previous export, in one transaction, audited.
    #[tracing::instrument(skip_all, err(level = "info"), fields(tenant = %tenant, services = entries.len()))]
    pub async fn record_export<T: Serialize>(
        &self,
        tenant: Uuid,
        entries: &[(BaseId, T)],
    ) -> Result<()> {
        self.require_administrator()?;
        let services = i32::try_from(entries.len()).unwrap_or(i32::MAX);
        let entries = entries
            .iter()
            .map(|(base, entry)| Ok((base.uuid(), to_json(entry)?)))
            .collect::<Result<Vec<_>>>()?;
        let transaction = self.db.begin_write().await?;
        cas_registry_entry::Entity::delete_many()
            .filter(cas_registry_entry::Column::TenantId.eq(tenant))
            .exec(&transaction)
            .await?;
        let mut rows = entries
            .into_iter()
            .map(|(base, entry)| cas_registry_entry::ActiveModel {
                tenant_id: Set(tenant),
                base_id: Set(base),
                entry: Set(entry),
            });
        loop {
            let chunk: Vec<_> = rows.by_ref().take(CHUNK).collect();
            if chunk.is_empty() {
                break;
            }
            cas_registry_entry::Entity::insert_many(chunk)
                .exec_without_returning(&transaction)
                .await?;
        }
        let now = Utc::now();
        cas_registry_tenant::Entity::insert(cas_registry_tenant::ActiveModel {
            tenant_id: Set(tenant),
            attribute_mapping: Set("{}".to_owned()),
            exported_at: Set(Some(now)),
            exported_by: Set(self.caller.email.clone()),
            services: Set(services),
        })
        .on_conflict(
            OnConflict::column(cas_registry_tenant::Column::TenantId)
                .update_columns([
                    cas_registry_tenant::Column::ExportedAt,
                    cas_registry_tenant::Column::ExportedBy,
                    cas_registry_tenant::Column::Services,
                ])
                .to_owned(),
        )
        .exec_without_returning(&transaction)
        .await?;
        AuditEntry::by(self.caller, AuditAction::CasRegistryExported, "tenant")
            .tenant(Some(tenant))
            .target(tenant)
            .summary(format!("{services} service(s)"))
            .write(&transaction)
            .await?;
        transaction.commit().await?;
        Ok(())
    }

    /// Audits a download of the registry (`what`: the archive, or one
    /// base's entry in one format).
    pub async fn record_download(&self, tenant: Uuid, what: String) -> Result<()> {
        AuditEntry::by(self.caller, AuditAction::CasRegistryDownloaded, "tenant")
            .tenant(Some(tenant))
            .target(tenant)
            .summary(what)
            .write(self.db)
            .await
    }
}

/// The JSON a column stores.
fn to_json<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| StoreError::Database(DbErr::Json(e.to_string())))
}
