//! Tenants (regional ENT operators), as the caller may see them.

use crate::event_log::EventLog;
use crate::write_transaction::BeginWrite;
use chrono::Utc;
use relais_domain::events::DomainEvent;
use relais_domain::{Email, TenantId, TenantName, TenantSlug};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

use crate::caller::TenantFilter;
use crate::entities::tenant;
use crate::page::{Order, fetch_page};
use crate::tenant_cache::TenantCache;
use crate::tenant_record::tenants_of;
use crate::{AuditAction, AuditEntry, Caller, Page, PageRequest, Result, StoreError, Tenant};

/// A tenant to create; every value already checked.
#[derive(Debug, Clone)]
pub struct NewTenant {
    pub slug: TenantSlug,
    pub name: TenantName,
    pub contact_email: Email,
    pub helpdesk_email: Email,
}

/// Fields to change; `None` keeps the current value.
#[derive(Debug, Clone, Default)]
pub struct TenantPatch {
    pub name: Option<TenantName>,
    pub contact_email: Option<Email>,
    pub helpdesk_email: Option<Email>,
}

pub struct TenantRepo<'a> {
    db: &'a DatabaseConnection,
    cache: &'a TenantCache,
    events: &'a EventLog,
    caller: &'a Caller,
}

impl<'a> TenantRepo<'a> {
    pub(crate) fn new(
        db: &'a DatabaseConnection,
        cache: &'a TenantCache,
        events: &'a EventLog,
        caller: &'a Caller,
    ) -> Self {
        Self {
            db,
            cache,
            events,
            caller,
        }
    }

    fn visible(&self) -> Result<sea_orm::Select<tenant::Entity>> {
        let query = tenant::Entity::find();
        match self.caller.tenant_filter() {
            TenantFilter::All => Ok(query),
            TenantFilter::Only(id) => Ok(query.filter(tenant::Column::Id.eq(id))),
            TenantFilter::Nothing => Err(StoreError::NotFound),
        }
    }

    /// A tenant the caller may see, from the cache when it holds it.
    #[tracing::instrument(skip_all, err(level = "info"), fields(tenant = %id))]
    pub async fn get(&self, id: TenantId) -> Result<Tenant> {
        let mut tenants = self.get_many(&[id]).await?;
        tenants.pop().ok_or(StoreError::NotFound)
    }

    /// Several tenants at once (for dataloaders); invisible ids are skipped.
    /// Visibility is decided before the cache is read.
    pub async fn get_many(&self, ids: &[TenantId]) -> Result<Vec<Tenant>> {
        let filter = self.caller.tenant_filter();
        let mut found = Vec::with_capacity(ids.len());
        let mut missing = Vec::new();
        for id in ids
            .iter()
            .copied()
            .filter(|id| filter.admits(Some(id.uuid())))
        {
            match self.cache.get(&id) {
                Some(tenant) => found.push(tenant),
                None => missing.push(id.uuid()),
            }
        }
        if !missing.is_empty() {
            let rows = self
                .visible()?
                .filter(tenant::Column::Id.is_in(missing))
                .all(self.db)
                .await?;
            let read = tenants_of(rows)?;
            read.iter().for_each(|tenant| self.cache.put(tenant));
            found.extend(read);
        }
        Ok(found)
    }

    pub async fn find_by_slug(&self, slug: &TenantSlug) -> Result<Tenant> {
        self.visible()?
            .filter(tenant::Column::Slug.eq(slug.as_str()))
            .one(self.db)
            .await?
            .ok_or(StoreError::NotFound)?
            .try_into()
    }

    #[tracing::instrument(skip_all, err(level = "info"))]
    pub async fn list(&self, page: PageRequest) -> Result<Page<Tenant>> {
        fetch_page(
            self.db,
            self.visible()?,
            tenant::Column::Id,
            Order::OldestFirst,
            page,
        )
        .await?
        .try_map(Tenant::try_from)
    }

    /// Platform administrators only.
    #[tracing::instrument(skip_all, err(level = "info"), fields(slug = %new.slug))]
    pub async fn create(&self, new: NewTenant) -> Result<Tenant> {
        if self.caller.tenant_filter() != TenantFilter::All {
            return Err(StoreError::Forbidden);
        }
        let now = Utc::now();
        let id = Uuid::now_v7();
        let txn = self.db.begin_write().await?;
        let row = tenant::ActiveModel {
            id: Set(id),
            slug: Set(new.slug.as_str().to_owned()),
            name: Set(new.name.as_str().to_owned()),
            contact_email: Set(new.contact_email.as_str().to_owned()),
            helpdesk_email: Set(new.helpdesk_email.as_str().to_owned()),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(&txn)
        .await
        .map_err(|e| {
            StoreError::unique(
                e,
                "slug",
                format!("L'identifiant court « {} » est déjà utilisé.", new.slug),
            )
        })?;
        AuditEntry::by(self.caller, AuditAction::TenantCreated, "TENANT")
            .tenant(Some(id))
            .target(id)
            .summary(format!("Opérateur « {} » créé ({}).", new.name, new.slug))
            .write(&txn)
            .await?;
        txn.commit().await?;
        let created = Tenant::try_from(row)?;
        self.cache.put(&created);
        Ok(created)
    }

    /// Platform administrators, and operator administrators for their own
    /// tenant.
    #[tracing::instrument(skip_all, err(level = "info"), fields(tenant = %id))]
    pub async fn update(&self, id: TenantId, patch: TenantPatch) -> Result<Tenant> {
        let current = self.get(id).await?;
        self.caller.require_tenant_administrator()?;
        let mut model = tenant::ActiveModel {
            id: sea_orm::ActiveValue::Unchanged(id.uuid()),
            ..Default::default()
        };
        let mut changed = Vec::new();
        if let Some(name) = patch.name {
            model.name = Set(name.as_str().to_owned());
            changed.push("nom");
        }
        if let Some(email) = patch.contact_email {
            model.contact_email = Set(email.as_str().to_owned());
            changed.push("adresse de contact");
        }
        if let Some(email) = patch.helpdesk_email {
            model.helpdesk_email = Set(email.as_str().to_owned());
            changed.push("adresse de l'assistance");
        }
        if changed.is_empty() {
            return Ok(current);
        }
        model.updated_at = Set(Utc::now());
        let txn = self.db.begin_write().await?;
        let updated = Tenant::try_from(model.update(&txn).await?)?;
        AuditEntry::by(self.caller, AuditAction::TenantUpdated, "TENANT")
            .tenant(Some(id.uuid()))
            .target(id)
            .summary(format!("Opérateur modifié : {}.", changed.join(", ")))
            .write(&txn)
            .await?;
        // Every process forgets its cached copy (issue 18).
        EventLog::record(
            &txn,
            &DomainEvent::TenantChanged {
                tenant_id: id.uuid(),
            },
        )
        .await?;
        txn.commit().await?;
        self.events.hand_out_committed(self.db).await;
        self.cache.put(&updated);
        Ok(updated)
    }
}
