//! What happens before anyone is authenticated: finding an account by e-mail,
//! recording login attempts, issuing, rotating and revoking refresh tokens.
//!
//! These functions are not tenant-scoped by nature; they never return another
//! user's data to the caller beyond the account being logged in.

use crate::write_transaction::BeginWrite;
use chrono::{DateTime, Utc};
use relais_domain::{Email, TenantId, UserId};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    Set,
};
use uuid::Uuid;

use crate::entities::{password_reset, refresh_token, tenant, user};
use crate::session_cache::SessionCache;
use crate::user_record::user_of;
use crate::{AuditAction, AuditEntry, Result, Tenant, User};

/// What presenting a refresh token led to.
#[derive(Debug)]
pub enum RefreshOutcome {
    /// The token was valid and is now spent; a new one was stored.
    Rotated { user: User },
    /// The token had already been spent: its family is now revoked.
    Reused,
    /// Unknown, expired, revoked, or its user is disabled.
    Invalid,
}

pub struct Credentials<'a> {
    db: &'a DatabaseConnection,
    sessions: &'a SessionCache,
}

/// What presenting a password reset link led to.
#[derive(Debug)]
pub enum ResetOutcome {
    /// The password is replaced; every session of the account is closed.
    Done { user: User },
    /// Unknown, already used or expired.
    Invalid,
}

impl<'a> Credentials<'a> {
    pub(crate) fn new(db: &'a DatabaseConnection, sessions: &'a SessionCache) -> Self {
        Self { db, sessions }
    }

    /// Replaces the password of `account` (its current one was checked by
    /// the caller), closes every other session (refresh tokens revoked,
    /// access tokens of the older generation refused) and opens a new one
    /// for the device that asked, in one transaction.
    #[tracing::instrument(skip_all, err(level = "info"), fields(user = %account.id))]
    pub async fn change_password(
        &self,
        account: &User,
        new_hash: String,
        token_hash: String,
        expires_at: DateTime<Utc>,
    ) -> Result<User> {
        let now = Utc::now();
        let txn = self.db.begin_write().await?;
        set_password(&txn, account.id, new_hash, now).await?;
        crate::users::revoke_sessions(&txn, account.id, now).await?;
        insert_token(&txn, account.id, Uuid::now_v7(), token_hash, expires_at).await?;
        account_entry(
            account,
            AuditAction::PasswordChanged,
            "Mot de passe changé ; les sessions des autres appareils sont fermées.",
        )
        .write(&txn)
        .await?;
        let changed = User::try_from(
            user::Entity::find_by_id(account.id.uuid())
                .one(&txn)
                .await?
                .ok_or(crate::StoreError::NotFound)?,
        )?;
        txn.commit().await?;
        self.sessions.invalidate(account.id.uuid());
        Ok(changed)
    }

    /// Whether a reset link is unused and unexpired (read only).
    pub async fn reset_is_valid(&self, token_hash: &str) -> Result<bool> {
        Ok(password_reset::Entity::find()
            .filter(password_reset::Column::TokenHash.eq(token_hash))
            .one(self.db)
            .await?
            .is_some_and(|link| link.used_at.is_none() && link.expires_at > Utc::now()))
    }

    /// Spends a reset link and sets the new password. The link is spent by
    /// one conditional UPDATE, so it serves once even when presented twice
    /// at once.
    #[tracing::instrument(skip_all, err(level = "info"))]
    pub async fn reset_password(&self, token_hash: &str, new_hash: String) -> Result<ResetOutcome> {
        let now = Utc::now();
        let txn = self.db.begin_write().await?;
        let Some(link) = password_reset::Entity::find()
            .filter(password_reset::Column::TokenHash.eq(token_hash))
            .one(&txn)
            .await?
        else {
            return Ok(ResetOutcome::Invalid);
        };
        if link.used_at.is_some() || link.expires_at <= now {
            return Ok(ResetOutcome::Invalid);
        }
        let spent = password_reset::Entity::update_many()
            .col_expr(password_reset::Column::UsedAt, Expr::value(now))
            .filter(password_reset::Column::Id.eq(link.id))
            .filter(password_reset::Column::UsedAt.is_null())
            .exec(&txn)
            .await?;
        if spent.rows_affected == 0 {
            return Ok(ResetOutcome::Invalid);
        }
        let Some(account) = user_of(user::Entity::find_by_id(link.user_id).one(&txn).await?)?
        else {
            return Ok(ResetOutcome::Invalid);
        };
        set_password(&txn, account.id, new_hash, now).await?;
        crate::users::revoke_sessions(&txn, account.id, now).await?;
        account_entry(
            &account,
            AuditAction::PasswordReset,
            "Mot de passe réinitialisé par un lien ; toutes les sessions sont fermées.",
        )
        .write(&txn)
        .await?;
        txn.commit().await?;
        self.sessions.invalidate(account.id.uuid());
        Ok(ResetOutcome::Done { user: account })
    }

    /// A reset link for the account `email`, asked for by the platform
    /// operator on the command line (`relais admin reset-password`).
    #[tracing::instrument(skip_all, err(level = "info"))]
    pub async fn request_reset_by_operator(
        &self,
        email: &Email,
        token_hash: String,
        expires_at: DateTime<Utc>,
        mail: impl FnOnce(&User) -> crate::outbox::NewOutboxMessage,
    ) -> Result<Option<User>> {
        let Some(account) = self.find_by_email(email).await? else {
            return Ok(None);
        };
        let txn = self.db.begin_write().await?;
        crate::users::insert_reset(&txn, account.id, token_hash, None, expires_at).await?;
        crate::outbox::enqueue(&txn, mail(&account)).await?;
        AuditEntry {
            tenant_id: account.tenant_id.map(TenantId::uuid),
            actor_user_id: None,
            actor_email: None,
            action: AuditAction::PasswordResetRequested,
            target_type: "USER",
            target_id: Some(account.id.to_string()),
            summary: format!(
                "Lien de réinitialisation du mot de passe de {} demandé en ligne de commande.",
                account.email
            ),
        }
        .write(&txn)
        .await?;
        txn.commit().await?;
        Ok(Some(account))
    }

    /// The account with this e-mail address, if any.
    pub async fn find_by_email(&self, email: &Email) -> Result<Option<User>> {
        user_of(
            user::Entity::find()
                .filter(user::Column::Email.eq(email.as_str()))
                .one(self.db)
                .await?,
        )
    }

    pub async fn find_user(&self, id: UserId) -> Result<Option<User>> {
        user_of(user::Entity::find_by_id(id.uuid()).one(self.db).await?)
    }

    /// The tenant of the account being logged in.
    pub async fn tenant_of(&self, account: &User) -> Result<Option<Tenant>> {
        match account.tenant_id {
            Some(id) => tenant::Entity::find_by_id(id.uuid())
                .one(self.db)
                .await?
                .map(Tenant::try_from)
                .transpose(),
            None => Ok(None),
        }
    }

    pub async fn count_users(&self) -> Result<u64> {
        Ok(user::Entity::find().count(self.db).await?)
    }

    /// Records a successful login and stores the first refresh token of a new
    /// family, in one transaction.
    #[tracing::instrument(skip_all, err(level = "info"), fields(user = %account.id))]
    pub async fn login_succeeded(
        &self,
        account: &User,
        token_hash: String,
        expires_at: DateTime<Utc>,
    ) -> Result<()> {
        let now = Utc::now();
        let txn = self.db.begin_write().await?;
        user::Entity::update_many()
            .col_expr(user::Column::LastLoginAt, Expr::value(now))
            .filter(user::Column::Id.eq(account.id.uuid()))
            .exec(&txn)
            .await?;
        insert_token(&txn, account.id, Uuid::now_v7(), token_hash, expires_at).await?;
        account_entry(account, AuditAction::LoginSucceeded, "Connexion réussie.")
            .write(&txn)
            .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Records a failed login on an existing account.
    pub async fn login_failed(&self, account: &User, reason: &str) -> Result<()> {
        account_entry(account, AuditAction::LoginFailed, reason)
            .write(self.db)
            .await
    }

    /// Spends a refresh token and stores its successor in the same family.
    /// Spending is one conditional UPDATE, so two concurrent uses of one token
    /// cannot both succeed.
    #[tracing::instrument(skip_all, err(level = "info"))]
    pub async fn rotate(
        &self,
        presented_hash: &str,
        next_hash: String,
        next_expires_at: DateTime<Utc>,
    ) -> Result<RefreshOutcome> {
        let now = Utc::now();
        let txn = self.db.begin_write().await?;
        let Some(token) = find_token(&txn, presented_hash).await? else {
            return Ok(RefreshOutcome::Invalid);
        };
        if token.revoked_at.is_some() || token.expires_at <= now {
            return Ok(RefreshOutcome::Invalid);
        }
        let spent = refresh_token::Entity::update_many()
            .col_expr(refresh_token::Column::UsedAt, Expr::value(now))
            .filter(refresh_token::Column::Id.eq(token.id))
            .filter(refresh_token::Column::UsedAt.is_null())
            .exec(&txn)
            .await?;
        let account = user_of(user::Entity::find_by_id(token.user_id).one(&txn).await?)?;
        if spent.rows_affected == 0 {
            revoke_family(&txn, token.family_id, now).await?;
            if let Some(account) = &account {
                account_entry(
                    account,
                    AuditAction::RefreshTokenReused,
                    "Jeton de renouvellement réutilisé : la session a été révoquée.",
                )
                .write(&txn)
                .await?;
            }
            txn.commit().await?;
            return Ok(RefreshOutcome::Reused);
        }
        let Some(account) = account.filter(|a| !a.disabled) else {
            txn.rollback().await?;
            return Ok(RefreshOutcome::Invalid);
        };
        insert_token(
            &txn,
            account.id,
            token.family_id,
            next_hash,
            next_expires_at,
        )
        .await?;
        txn.commit().await?;
        Ok(RefreshOutcome::Rotated { user: account })
    }

    /// Revokes the family of the presented token. Returns whether a token
    /// matched.
    #[tracing::instrument(skip_all, err(level = "info"))]
    pub async fn logout(&self, presented_hash: &str) -> Result<bool> {
        let txn = self.db.begin_write().await?;
        let Some(token) = find_token(&txn, presented_hash).await? else {
            return Ok(false);
        };
        revoke_family(&txn, token.family_id, Utc::now()).await?;
        if let Some(account) = user_of(user::Entity::find_by_id(token.user_id).one(&txn).await?)? {
            account_entry(&account, AuditAction::Logout, "Déconnexion.")
                .write(&txn)
                .await?;
        }
        txn.commit().await?;
        Ok(true)
    }
    /// Deletes refresh tokens that expired or were revoked more than a day
    /// ago. Returns how many were deleted.
    #[tracing::instrument(skip_all, err(level = "info"))]
    pub async fn purge_expired_sessions(&self, now: DateTime<Utc>) -> Result<u64> {
        let horizon = now - chrono::Duration::days(1);
        let deleted = refresh_token::Entity::delete_many()
            .filter(
                sea_orm::Condition::any()
                    .add(refresh_token::Column::ExpiresAt.lt(horizon))
                    .add(refresh_token::Column::RevokedAt.lt(horizon)),
            )
            .exec(self.db)
            .await?;
        Ok(deleted.rows_affected)
    }
}

/// Sets a new password hash and bumps the session generation.
async fn set_password<C: sea_orm::ConnectionTrait>(
    conn: &C,
    id: UserId,
    hash: String,
    now: DateTime<Utc>,
) -> Result<()> {
    user::Entity::update_many()
        .col_expr(user::Column::PasswordHash, Expr::value(hash))
        .col_expr(
            user::Column::SessionGeneration,
            Expr::col(user::Column::SessionGeneration).add(1),
        )
        .col_expr(user::Column::UpdatedAt, Expr::value(now))
        .filter(user::Column::Id.eq(id.uuid()))
        .exec(conn)
        .await?;
    Ok(())
}

fn account_entry(account: &User, action: AuditAction, summary: &str) -> AuditEntry {
    AuditEntry {
        tenant_id: account.tenant_id.map(TenantId::uuid),
        actor_user_id: Some(account.id.uuid()),
        actor_email: Some(account.email.as_str().to_owned()),
        action,
        target_type: "USER",
        target_id: Some(account.id.to_string()),
        summary: summary.to_owned(),
    }
}

async fn find_token<C: sea_orm::ConnectionTrait>(
    conn: &C,
    token_hash: &str,
) -> Result<Option<refresh_token::Model>> {
    Ok(refresh_token::Entity::find()
        .filter(refresh_token::Column::TokenHash.eq(token_hash))
        .one(conn)
        .await?)
}

async fn insert_token<C: sea_orm::ConnectionTrait>(
    conn: &C,
    user_id: UserId,
    family_id: Uuid,
    token_hash: String,
    expires_at: DateTime<Utc>,
) -> Result<()> {
    refresh_token::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user_id.uuid()),
        family_id: Set(family_id),
        token_hash: Set(token_hash),
        created_at: Set(Utc::now()),
        expires_at: Set(expires_at),
        used_at: Set(None),
        revoked_at: Set(None),
    }
    .insert(conn)
    .await?;
    Ok(())
}

async fn revoke_family<C: sea_orm::ConnectionTrait>(
    conn: &C,
    family_id: Uuid,
    now: DateTime<Utc>,
) -> Result<()> {
    refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(now))
        .filter(refresh_token::Column::FamilyId.eq(family_id))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(conn)
        .await?;
    Ok(())
}
