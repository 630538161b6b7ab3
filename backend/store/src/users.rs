//! Users, as the caller may see and create them.

use crate::write_transaction::BeginWrite;
use chrono::{DateTime, Utc};
use relais_domain::{DisplayName, Email, Role, TenantId, UserId};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

use crate::caller::TenantFilter;
use crate::entities::{password_reset, refresh_token, tenant, user};
use crate::page::{Order, fetch_page};
use crate::session_cache::SessionCache;
use crate::{AuditAction, AuditEntry, Caller, Page, PageRequest, Result, StoreError, User};

/// A user to create; the password is already hashed.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub email: Email,
    pub display_name: DisplayName,
    pub role: Role,
    /// Required for every role but `PLATFORM_ADMIN`, which must leave it empty.
    pub tenant_id: Option<TenantId>,
    pub password_hash: String,
}

pub struct UserRepo<'a> {
    db: &'a DatabaseConnection,
    /// Dropped entries on changes; `None` for read-only uses.
    sessions: Option<&'a SessionCache>,
    caller: &'a Caller,
}

impl<'a> UserRepo<'a> {
    pub(crate) fn new(
        db: &'a DatabaseConnection,
        sessions: Option<&'a SessionCache>,
        caller: &'a Caller,
    ) -> Self {
        Self {
            db,
            sessions,
            caller,
        }
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
    pub async fn get(&self, id: UserId) -> Result<User> {
        self.visible()?
            .filter(user::Column::Id.eq(id.uuid()))
            .one(self.db)
            .await?
            .ok_or(StoreError::NotFound)?
            .try_into()
    }

    #[tracing::instrument(skip_all, err(level = "info"))]
    pub async fn list(&self, tenant: Option<TenantId>, page: PageRequest) -> Result<Page<User>> {
        let mut query = self.visible()?;
        if let Some(tenant) = tenant {
            query = query.filter(user::Column::TenantId.eq(tenant.uuid()));
        }
        fetch_page(self.db, query, user::Column::Id, Order::OldestFirst, page)
            .await?
            .try_map(User::try_from)
    }

    /// Creates a user after checking that the caller may create that role in
    /// that tenant. An operator administrator naming another tenant gets
    /// `NotFound`, as if the tenant did not exist.
    #[tracing::instrument(skip_all, err(level = "info"), fields(role = %new.role))]
    pub async fn create(&self, new: NewUser) -> Result<User> {
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
                if !self.caller.tenant_filter().admits(Some(id.uuid())) {
                    return Err(StoreError::NotFound);
                }
                Some(id.uuid())
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
        let row = user::ActiveModel {
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
            session_generation: Set(0),
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
        row.try_into()
    }

    /// The account `id`, when the caller may manage it: visible, of a role
    /// the caller may create, and not the caller itself (an administrator
    /// does not lock themselves out by mistake).
    async fn manageable(&self, id: UserId) -> Result<User> {
        let target = self.get(id).await?;
        if !self.caller.role.may_create(target.role) {
            return Err(StoreError::Forbidden);
        }
        if self.caller.user_id == Some(id.uuid()) {
            return Err(relais_domain::DomainError::validation(
                "userId",
                "Vous ne pouvez pas désactiver ni supprimer votre propre compte : demandez-le à un autre administrateur.",
            )
            .into());
        }
        Ok(target)
    }

    /// Disables (or enables again) an account. Disabling bumps its session
    /// generation and revokes its refresh tokens: its access tokens stop
    /// working within seconds (issue 13, item 10).
    #[tracing::instrument(skip_all, err(level = "info"), fields(user = %id))]
    pub async fn set_disabled(&self, id: UserId, disabled: bool) -> Result<User> {
        let target = self.manageable(id).await?;
        let now = Utc::now();
        let txn = self.db.begin_write().await?;
        user::Entity::update_many()
            .col_expr(user::Column::Disabled, Expr::value(disabled))
            .col_expr(
                user::Column::SessionGeneration,
                Expr::col(user::Column::SessionGeneration).add(1),
            )
            .col_expr(user::Column::UpdatedAt, Expr::value(now))
            .filter(user::Column::Id.eq(id.uuid()))
            .exec(&txn)
            .await?;
        revoke_sessions(&txn, id, now).await?;
        let (action, summary) = if disabled {
            (
                AuditAction::UserDisabled,
                format!("Compte {} désactivé.", target.email),
            )
        } else {
            (
                AuditAction::UserEnabled,
                format!("Compte {} réactivé.", target.email),
            )
        };
        AuditEntry::by(self.caller, action, "USER")
            .tenant(target.tenant_id.map(TenantId::uuid))
            .target(id)
            .summary(summary)
            .write(&txn)
            .await?;
        let updated = User::try_from(
            user::Entity::find_by_id(id.uuid())
                .one(&txn)
                .await?
                .ok_or(StoreError::NotFound)?,
        )?;
        txn.commit().await?;
        if let Some(sessions) = self.sessions {
            sessions.invalidate(id.uuid());
        }
        Ok(updated)
    }

    /// Deletes an account: its sessions, grants and reset links go with it;
    /// what it did stays in the audit log.
    #[tracing::instrument(skip_all, err(level = "info"), fields(user = %id))]
    pub async fn delete(&self, id: UserId) -> Result<()> {
        let target = self.manageable(id).await?;
        let txn = self.db.begin_write().await?;
        user::Entity::delete_by_id(id.uuid()).exec(&txn).await?;
        AuditEntry::by(self.caller, AuditAction::UserDeleted, "USER")
            .tenant(target.tenant_id.map(TenantId::uuid))
            .target(id)
            .summary(format!("Compte {} supprimé.", target.email))
            .write(&txn)
            .await?;
        txn.commit().await?;
        if let Some(sessions) = self.sessions {
            sessions.invalidate(id.uuid());
        }
        Ok(())
    }

    /// Records a password reset link for an account the caller may manage
    /// (the caller's own account too: resetting is not locking out), with
    /// the e-mail carrying it (`mail`, given the account) in the outbox, in
    /// one transaction.
    #[tracing::instrument(skip_all, err(level = "info"), fields(user = %id))]
    pub async fn request_password_reset(
        &self,
        id: UserId,
        token_hash: String,
        expires_at: DateTime<Utc>,
        mail: impl FnOnce(&User) -> crate::outbox::NewOutboxMessage,
    ) -> Result<User> {
        let target = self.get(id).await?;
        if !self.caller.role.may_create(target.role) {
            return Err(StoreError::Forbidden);
        }
        let txn = self.db.begin_write().await?;
        insert_reset(&txn, id, token_hash, self.caller.user_id, expires_at).await?;
        crate::outbox::enqueue(&txn, mail(&target)).await?;
        AuditEntry::by(self.caller, AuditAction::PasswordResetRequested, "USER")
            .tenant(target.tenant_id.map(TenantId::uuid))
            .target(id)
            .summary(format!(
                "Lien de réinitialisation du mot de passe envoyé à {}.",
                target.email
            ))
            .write(&txn)
            .await?;
        txn.commit().await?;
        Ok(target)
    }
}

/// Revokes every refresh token of `user_id`.
pub(crate) async fn revoke_sessions<C: sea_orm::ConnectionTrait>(
    conn: &C,
    user_id: UserId,
    now: DateTime<Utc>,
) -> Result<()> {
    refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(now))
        .filter(refresh_token::Column::UserId.eq(user_id.uuid()))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(conn)
        .await?;
    Ok(())
}

/// Stores a reset link; earlier unused links of the account stop working.
pub(crate) async fn insert_reset<C: sea_orm::ConnectionTrait>(
    conn: &C,
    user_id: UserId,
    token_hash: String,
    created_by: Option<Uuid>,
    expires_at: DateTime<Utc>,
) -> Result<()> {
    let now = Utc::now();
    password_reset::Entity::update_many()
        .col_expr(password_reset::Column::UsedAt, Expr::value(now))
        .filter(password_reset::Column::UserId.eq(user_id.uuid()))
        .filter(password_reset::Column::UsedAt.is_null())
        .exec(conn)
        .await?;
    password_reset::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user_id.uuid()),
        token_hash: Set(token_hash),
        created_by: Set(created_by),
        created_at: Set(now),
        expires_at: Set(expires_at),
        used_at: Set(None),
    }
    .insert(conn)
    .await?;
    Ok(())
}
