//! The ENT directory accounts of each establishment: what feeds the
//! account-matching file (docs/domain.md §4, file A) and, later, the rapprochement.

use crate::write_transaction::BeginWrite;
use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

use crate::ent_account_record::ent_accounts_of;
use crate::entities::ent_account;
use crate::establishments::EstablishmentRepo;
use crate::{AuditAction, AuditEntry, Caller, EntAccount, Result, StoreError};
use relais_domain::EstablishmentId;

/// One account as imported, every value already checked by the CSV parser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirectoryAccount {
    pub ent_id: String,
    pub last_name: String,
    pub first_name: String,
    pub birth_date: Option<NaiveDate>,
    /// API name of the profile (`ELEVE`, `RESPONSABLE`…).
    pub profile: String,
    pub postal_code: Option<String>,
    pub sex: Option<String>,
    pub civility: Option<String>,
    /// For a guardian: their pupils' ENT identifiers.
    pub pupil_ids: Vec<String>,
}

/// docs/domain.md §5: **complet** replaces the establishment's accounts, **partiel**
/// adds and updates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DirectoryImportMode {
    Complete,
    Partial,
}

/// What an import did (or would do) to one establishment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DirectoryImportCounts {
    pub created: u32,
    pub updated: u32,
    pub unchanged: u32,
    pub removed: u32,
}

const INSERT_CHUNK: usize = 400;

pub struct DirectoryRepo<'a> {
    db: &'a DatabaseConnection,
    caller: &'a Caller,
}

impl<'a> DirectoryRepo<'a> {
    pub(crate) fn new(db: &'a DatabaseConnection, caller: &'a Caller) -> Self {
        Self { db, caller }
    }

    /// The establishment, if the caller may see it; its tenant.
    async fn tenant_of(&self, establishment_id: Uuid) -> Result<Uuid> {
        Ok(EstablishmentRepo::new(self.db, self.caller)
            .get(EstablishmentId::from(establishment_id))
            .await?
            .tenant_id
            .uuid())
    }

    /// Imports accounts per establishment in one transaction. Helpdesk agents
    /// only read; school administrators import for their establishments.
    #[tracing::instrument(skip_all, err(level = "info"))]
    pub async fn import(
        &self,
        per_establishment: Vec<(Uuid, Vec<DirectoryAccount>)>,
        mode: DirectoryImportMode,
        dry_run: bool,
    ) -> Result<Vec<(Uuid, DirectoryImportCounts)>> {
        self.caller.require_editor()?;
        let mut tenants = HashMap::new();
        for (establishment, _) in &per_establishment {
            tenants.insert(*establishment, self.tenant_of(*establishment).await?);
        }
        let transaction = self.db.begin_write().await?;
        let mut report = Vec::with_capacity(per_establishment.len());
        let now = Utc::now();
        for (establishment, accounts) in per_establishment {
            let tenant_id = *tenants.get(&establishment).ok_or(StoreError::NotFound)?;
            let existing: HashMap<String, ent_account::Model> = ent_account::Entity::find()
                .filter(ent_account::Column::EstablishmentId.eq(establishment))
                .all(&transaction)
                .await?
                .into_iter()
                .map(|row| (row.ent_id.clone(), row))
                .collect();
            let mut counts = DirectoryImportCounts::default();
            let mut inserts = Vec::new();
            let mut seen = std::collections::HashSet::new();
            for account in accounts {
                seen.insert(account.ent_id.clone());
                match existing.get(&account.ent_id) {
                    None => {
                        counts.created += 1;
                        inserts.push(active_row(tenant_id, establishment, &account, now));
                    }
                    Some(row) if same(row, &account) => counts.unchanged += 1,
                    Some(row) => {
                        counts.updated += 1;
                        if !dry_run {
                            let mut active = active_row(tenant_id, establishment, &account, now);
                            active.id = Set(row.id);
                            active.update(&transaction).await?;
                        }
                    }
                }
            }
            if mode == DirectoryImportMode::Complete {
                let removed: Vec<Uuid> = existing
                    .values()
                    .filter(|row| !seen.contains(&row.ent_id))
                    .map(|row| row.id)
                    .collect();
                counts.removed = removed.len() as u32;
                if !dry_run {
                    for chunk in removed.chunks(INSERT_CHUNK) {
                        ent_account::Entity::delete_many()
                            .filter(ent_account::Column::Id.is_in(chunk.iter().copied()))
                            .exec(&transaction)
                            .await?;
                    }
                }
            }
            if !dry_run {
                for chunk in inserts.chunks(INSERT_CHUNK) {
                    ent_account::Entity::insert_many(chunk.to_vec())
                        .exec_without_returning(&transaction)
                        .await?;
                }
                AuditEntry::by(
                    self.caller,
                    AuditAction::EntAccountsImported,
                    "establishment",
                )
                .tenant(Some(tenant_id))
                .target(establishment)
                .summary(format!(
                    "{} créé(s), {} mis à jour, {} supprimé(s) ({})",
                    counts.created,
                    counts.updated,
                    counts.removed,
                    match mode {
                        DirectoryImportMode::Complete => "complet",
                        DirectoryImportMode::Partial => "partiel",
                    }
                ))
                .write(&transaction)
                .await?;
            }
            report.push((establishment, counts));
        }
        if dry_run {
            transaction.rollback().await?;
        } else {
            transaction.commit().await?;
        }
        Ok(report)
    }

    /// The accounts of the given establishments (each visible to the
    /// caller), ordered by establishment then ENT identifier.
    pub async fn accounts(&self, establishment_ids: &[EstablishmentId]) -> Result<Vec<EntAccount>> {
        for id in establishment_ids {
            self.tenant_of(id.uuid()).await?;
        }
        ent_accounts_of(
            ent_account::Entity::find()
                .filter(
                    ent_account::Column::EstablishmentId
                        .is_in(establishment_ids.iter().map(|id| id.uuid())),
                )
                .order_by_asc(ent_account::Column::EstablishmentId)
                .order_by_asc(ent_account::Column::EntId)
                .all(self.db)
                .await?,
        )
    }

    /// How many accounts per profile an establishment has.
    pub async fn counts(&self, establishment_id: Uuid) -> Result<Vec<(String, u64)>> {
        use sea_orm::QuerySelect;
        self.tenant_of(establishment_id).await?;
        let rows: Vec<(String, i64)> = ent_account::Entity::find()
            .select_only()
            .column(ent_account::Column::Profile)
            .column_as(ent_account::Column::Id.count(), "count")
            .filter(ent_account::Column::EstablishmentId.eq(establishment_id))
            .group_by(ent_account::Column::Profile)
            .order_by_asc(ent_account::Column::Profile)
            .into_tuple()
            .all(self.db)
            .await?;
        Ok(rows
            .into_iter()
            .map(|(profile, count)| (profile, count.max(0) as u64))
            .collect())
    }
}

fn joined(ids: &[String]) -> Option<String> {
    (!ids.is_empty()).then(|| ids.join("|"))
}

fn same(row: &ent_account::Model, account: &DirectoryAccount) -> bool {
    row.last_name == account.last_name
        && row.first_name == account.first_name
        && row.birth_date == account.birth_date
        && row.profile == account.profile
        && row.postal_code == account.postal_code
        && row.sex == account.sex
        && row.civility == account.civility
        && row.pupil_ids == joined(&account.pupil_ids)
}

fn active_row(
    tenant_id: Uuid,
    establishment_id: Uuid,
    account: &DirectoryAccount,
    now: chrono::DateTime<Utc>,
) -> ent_account::ActiveModel {
    ent_account::ActiveModel {
        id: Set(Uuid::now_v7()),
        tenant_id: Set(tenant_id),
        establishment_id: Set(establishment_id),
        ent_id: Set(account.ent_id.clone()),
        last_name: Set(account.last_name.clone()),
        first_name: Set(account.first_name.clone()),
        birth_date: Set(account.birth_date),
        profile: Set(account.profile.clone()),
        postal_code: Set(account.postal_code.clone()),
        sex: Set(account.sex.clone()),
        civility: Set(account.civility.clone()),
        pupil_ids: Set(joined(&account.pupil_ids)),
        updated_at: Set(now),
    }
}
