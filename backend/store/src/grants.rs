//! Which establishments a school administrator is granted.

use crate::write_transaction::BeginWrite;
use chrono::Utc;
use relais_domain::{EstablishmentId, Role, UserId};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

use crate::entities::{establishment, school_admin_grant, user};
use crate::user_record::users_of;
use crate::{
    AuditAction, AuditEntry, Caller, Establishment, EstablishmentRepo, Result, StoreError, User,
    UserRepo,
};

pub struct GrantRepo<'a> {
    db: &'a DatabaseConnection,
    caller: &'a Caller,
}

impl<'a> GrantRepo<'a> {
    pub(crate) fn new(db: &'a DatabaseConnection, caller: &'a Caller) -> Self {
        Self { db, caller }
    }

    /// Both ends must be visible to the caller, in the same tenant, and the
    /// user must be a school administrator. Only administrators grant.
    async fn check(
        &self,
        user_id: UserId,
        establishment_id: Uuid,
    ) -> Result<(User, Establishment)> {
        let account = UserRepo::new(self.db, None, self.caller)
            .get(user_id)
            .await?;
        let establishment = EstablishmentRepo::new(self.db, self.caller)
            .get(EstablishmentId::from(establishment_id))
            .await?;
        self.caller.require_tenant_administrator()?;
        if account.tenant_id != Some(establishment.tenant_id) {
            return Err(StoreError::NotFound);
        }
        if account.role != Role::SchoolAdmin {
            return Err(relais_domain::DomainError::validation(
                "userId",
                "Seul un administrateur d'établissement reçoit des établissements : les autres rôles voient déjà tout l'opérateur.",
            )
            .into());
        }
        Ok((account, establishment))
    }

    #[tracing::instrument(skip_all, err(level = "info"))]
    pub async fn grant(&self, user_id: UserId, establishment_id: Uuid) -> Result<()> {
        let (account, establishment) = self.check(user_id, establishment_id).await?;
        let txn = self.db.begin_write().await?;
        school_admin_grant::ActiveModel {
            id: Set(Uuid::now_v7()),
            tenant_id: Set(establishment.tenant_id.uuid()),
            user_id: Set(user_id.uuid()),
            establishment_id: Set(establishment_id),
            created_at: Set(Utc::now()),
        }
        .insert(&txn)
        .await
        .map_err(|e| {
            StoreError::unique(
                e,
                "establishmentId",
                format!("{} administre déjà {}.", account.email, establishment.uai),
            )
        })?;
        AuditEntry::by(
            self.caller,
            AuditAction::EstablishmentGranted,
            "ESTABLISHMENT",
        )
        .tenant(Some(establishment.tenant_id.uuid()))
        .target(establishment_id)
        .summary(format!(
            "{} administre désormais {}.",
            account.email, establishment.uai
        ))
        .write(&txn)
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Returns whether a grant was removed.
    #[tracing::instrument(skip_all, err(level = "info"))]
    pub async fn revoke(&self, user_id: UserId, establishment_id: Uuid) -> Result<bool> {
        let (account, establishment) = self.check(user_id, establishment_id).await?;
        let txn = self.db.begin_write().await?;
        let deleted = school_admin_grant::Entity::delete_many()
            .filter(school_admin_grant::Column::UserId.eq(user_id.uuid()))
            .filter(school_admin_grant::Column::EstablishmentId.eq(establishment_id))
            .exec(&txn)
            .await?;
        if deleted.rows_affected > 0 {
            AuditEntry::by(
                self.caller,
                AuditAction::EstablishmentGrantRevoked,
                "ESTABLISHMENT",
            )
            .tenant(Some(establishment.tenant_id.uuid()))
            .target(establishment_id)
            .summary(format!(
                "{} n'administre plus {}.",
                account.email, establishment.uai
            ))
            .write(&txn)
            .await?;
        }
        txn.commit().await?;
        Ok(deleted.rows_affected > 0)
    }
}

impl GrantRepo<'_> {
    /// The school administrators an establishment is granted to, by
    /// e-mail. Only administrators of its tenant ask; three statements
    /// whatever the number of grants.
    #[tracing::instrument(skip_all, err(level = "info"))]
    pub async fn administrators_of(&self, establishment_id: Uuid) -> Result<Vec<User>> {
        self.caller.require_tenant_administrator()?;
        let establishment = EstablishmentRepo::new(self.db, self.caller)
            .get(EstablishmentId::from(establishment_id))
            .await?;
        let ids: Vec<Uuid> = school_admin_grant::Entity::find()
            .filter(school_admin_grant::Column::EstablishmentId.eq(establishment.id.uuid()))
            .filter(school_admin_grant::Column::TenantId.eq(establishment.tenant_id.uuid()))
            .all(self.db)
            .await?
            .into_iter()
            .map(|g| g.user_id)
            .collect();
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        users_of(
            user::Entity::find()
                .filter(user::Column::Id.is_in(ids))
                .filter(user::Column::TenantId.eq(establishment.tenant_id.uuid()))
                .order_by_asc(user::Column::Email)
                .all(self.db)
                .await?,
        )
    }

    /// The establishments granted to a school administrator, by UAI. Only
    /// administrators of the user's tenant ask; three statements whatever
    /// the number of grants.
    #[tracing::instrument(skip_all, err(level = "info"))]
    pub async fn establishments_of(&self, user_id: UserId) -> Result<Vec<Establishment>> {
        let account = UserRepo::new(self.db, None, self.caller)
            .get(user_id)
            .await?;
        self.caller.require_tenant_administrator()?;
        let Some(tenant) = account.tenant_id else {
            return Ok(Vec::new());
        };
        let ids: Vec<Uuid> = school_admin_grant::Entity::find()
            .filter(school_admin_grant::Column::UserId.eq(user_id.uuid()))
            .filter(school_admin_grant::Column::TenantId.eq(tenant.uuid()))
            .all(self.db)
            .await?
            .into_iter()
            .map(|g| g.establishment_id)
            .collect();
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        establishment::Entity::find()
            .filter(establishment::Column::Id.is_in(ids))
            .filter(establishment::Column::TenantId.eq(tenant.uuid()))
            .order_by_asc(establishment::Column::Uai)
            .all(self.db)
            .await?
            .into_iter()
            .map(Establishment::try_from)
            .collect()
    }
}
