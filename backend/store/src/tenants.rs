//! Tenants (regional ENT operators), as the caller may see them.

use crate::event_log::EventLog;
use crate::write_transaction::BeginWrite;
use chrono::Utc;
use relais_domain::events::DomainEvent;
use relais_domain::{Email, TenantName, TenantSlug};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

use crate::caller::TenantFilter;
use crate::entities::tenant;
use crate::page::{Order, fetch_page};
use crate::tenant_cache::TenantCache;
use crate::{AuditAction, AuditEntry, Caller, Page, PageRequest, Result, StoreError};

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
    pub async fn get(&self, id: Uuid) -> Result<tenant::Model> {
        let mut rows = self.get_many(&[id]).await?;
        rows.pop().ok_or(StoreError::NotFound)
    }

    /// Several tenants at once (for dataloaders); invisible ids are skipped.
    /// Visibility is decided before the cache is read.
    pub async fn get_many(&self, ids: &[Uuid]) -> Result<Vec<tenant::Model>> {
        let filter = self.caller.tenant_filter();
        let mut found = Vec::with_capacity(ids.len());
        let mut missing = Vec::new();
        for id in ids.iter().copied().filter(|id| filter.admits(Some(*id))) {
            match self.cache.get(&id) {
                Some(row) => found.push(row),
                None => missing.push(id),
            }
        }
        if !missing.is_empty() {
            let rows = self
                .visible()?
                .filter(tenant::Column::Id.is_in(missing))
                .all(self.db)
                .await?;
            rows.iter().for_each(|row| self.cache.put(row));
            found.extend(rows);
        }
        Ok(found)
    }

    pub async fn find_by_slug(&self, slug: &TenantSlug) -> Result<tenant::Model> {
        self.visible()?
            .filter(tenant::Column::Slug.eq(slug.as_str()))
            .one(self.db)
            .await?
            .ok_or(StoreError::NotFound)
    }

    #[tracing::instrument(skip_all, err(level = "info"))]
    pub async fn list(&self, page: PageRequest) -> Result<Page<tenant::Model>> {
        fetch_page(
            self.db,
            self.visible()?,
            tenant::Column::Id,
            Order::OldestFirst,
            page,
        )
        .await
    }

    /// Platform administrators only.
    #[tracing::instrument(skip_all, err(level = "info"), fields(slug = %new.slug))]
    pub async fn create(&self, new: NewTenant) -> Result<tenant::Model> {
        if self.caller.tenant_filter() != TenantFilter::All {
            return Err(StoreError::Forbidden);
        }
        let now = Utc::now();
        let id = Uuid::now_v7();
        let txn = self.db.begin_write().await?;
        let model = tenant::ActiveModel {
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
        self.cache.put(&model);
        Ok(model)
    }

    /// Platform administrators, and operator administrators for their own
    /// tenant.
    #[tracing::instrument(skip_all, err(level = "info"), fields(tenant = %id))]
    pub async fn update(&self, id: Uuid, patch: TenantPatch) -> Result<tenant::Model> {
        let current = self.get(id).await?;
        self.caller.require_tenant_administrator()?;
        let mut model: tenant::ActiveModel = current.clone().into();
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
        let updated = model.update(&txn).await?;
        AuditEntry::by(self.caller, AuditAction::TenantUpdated, "TENANT")
            .tenant(Some(id))
            .target(id)
            .summary(format!("Opérateur modifié : {}.", changed.join(", ")))
            .write(&txn)
            .await?;
        // Every process forgets its cached copy (issue 18).
        EventLog::record(&txn, &DomainEvent::TenantChanged { tenant_id: id }).await?;
        txn.commit().await?;
        self.events.hand_out_committed(self.db).await;
        self.cache.put(&updated);
        Ok(updated)
    }
}
