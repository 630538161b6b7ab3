//! Users, as the caller may see and create them.

use crate::write_transaction::BeginWrite;
use chrono::Utc;
use relais_domain::{DisplayName, Email, Role};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

use crate::caller::TenantFilter;
use crate::entities::{tenant, user};
use crate::page::{Order, fetch_page};
use crate::{AuditAction, AuditEntry, Caller, Page, PageRequest, Result, StoreError};

/// A user to create; the password is already hashed.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub email: Email,
    pub display_name: DisplayName,
    pub role: Role,
    /// Required for every role but `PLATFORM_ADMIN`, which must leave it empty.
    pub tenant_id: Option<Uuid>,
    pub password_hash: String,
}

pub struct UserRepo<'a> {
    db: &'a DatabaseConnection,
    caller: &'a Caller,
}

impl<'a> UserRepo<'a> {
    pub(crate) fn new(db: &'a DatabaseConnection, caller: &'a Caller) -> Self {
        Self { db, caller }
    }

    /// Users the caller may see: everyone for platform administrators, the
    /// tenant for operator administrators and helpdesk, themselves for school
    /// administrators.
    fn visible(&self) -> Result<sea_orm::Select<user::Entity>> {
        let query = user::Entity::find();
        if self.caller.role == Role::SchoolAdmin {
            let own = self.caller.user_id.ok_or(StoreError::NotFound)?;
            return Ok(query.filter(user::Column::Id.eq(own)));
        }
        match self.caller.tenant_filter() {
            TenantFilter::All => Ok(query),
            TenantFilter::Only(id) => Ok(query.filter(user::Column::TenantId.eq(id))),
            TenantFilter::Nothing => Err(StoreError::NotFound),
        }
    }

    #[tracing::instrument(skip_all, err(level = "info"), fields(user = %id))]
    pub async fn get(&self, id: Uuid) -> Result<user::Model> {
        self.visible()?
            .filter(user::Column::Id.eq(id))
            .one(self.db)
            .await?
            .ok_or(StoreError::NotFound)
    }

    #[tracing::instrument(skip_all, err(level = "info"))]
    pub async fn list(&self, tenant: Option<Uuid>, page: PageRequest) -> Result<Page<user::Model>> {
        let mut query = self.visible()?;
        if let Some(tenant) = tenant {
            query = query.filter(user::Column::TenantId.eq(tenant));
        }
        fetch_page(self.db, query, user::Column::Id, Order::OldestFirst, page).await
    }

    /// Creates a user after checking that the caller may create that role in
    /// that tenant. An operator administrator naming another tenant gets
    /// `NotFound`, as if the tenant did not exist.
    #[tracing::instrument(skip_all, err(level = "info"), fields(role = %new.role))]
    pub async fn create(&self, new: NewUser) -> Result<user::Model> {
        if !self.caller.role.may_create(new.role) {
            return Err(StoreError::Forbidden);
        }
        let tenant_id = match (new.role.belongs_to_tenant(), new.tenant_id) {
            (false, None) => None,
            (false, Some(_)) => {
                return Err(relais_domain::DomainError::validation(
                    "tenantId",
                    "Un administrateur de la plateforme n'appartient à aucun opérateur : laissez l'opérateur vide.",
                )
                .into());
            }
            (true, None) => match self.caller.tenant_filter() {
                TenantFilter::Only(own) => Some(own),
                _ => {
                    return Err(relais_domain::DomainError::validation(
                        "tenantId",
                        "Choisissez l'opérateur auquel ce compte appartient.",
                    )
                    .into());
                }
            },
            (true, Some(id)) => {
                if !self.caller.tenant_filter().admits(Some(id)) {
                    return Err(StoreError::NotFound);
                }
                Some(id)
            }
        };
        let txn = self.db.begin_write().await?;
        if let Some(id) = tenant_id {
            tenant::Entity::find_by_id(id)
                .one(&txn)
                .await?
                .ok_or(StoreError::NotFound)?;
        }
        let now = Utc::now();
        let id = Uuid::now_v7();
        let model = user::ActiveModel {
            id: Set(id),
            tenant_id: Set(tenant_id),
            email: Set(new.email.as_str().to_owned()),
            display_name: Set(new.display_name.as_str().to_owned()),
            role: Set(new.role.as_str().to_owned()),
            password_hash: Set(new.password_hash),
            disabled: Set(false),
            created_at: Set(now),
            updated_at: Set(now),
            last_login_at: Set(None),
        }
        .insert(&txn)
        .await
        .map_err(|e| {
            StoreError::unique(
                e,
                "email",
                format!("Un compte existe déjà avec l'adresse « {} ».", new.email),
            )
        })?;
        AuditEntry::by(self.caller, AuditAction::UserCreated, "USER")
            .tenant(tenant_id)
            .target(id)
            .summary(format!(
                "Compte {} créé avec le rôle {}.",
                new.email,
                new.role.as_str()
            ))
            .write(&txn)
            .await?;
        txn.commit().await?;
        Ok(model)
    }
}
