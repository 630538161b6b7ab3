//! The PRONOTE users of each establishment, as read from its identifiers
//! export (file B, BRIEF §4): one side of the rapprochement (BRIEF §5).

use crate::write_transaction::BeginWrite;
use std::collections::{HashMap, HashSet};

use chrono::Utc;
use relais_domain::Role;
use relais_domain::directory::PronoteUser;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
    QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

use crate::bases::BaseRepo;
use crate::entities::{account_link, pronote_user};
use crate::establishments::EstablishmentRepo;
use crate::{AuditAction, AuditEntry, Caller, DirectoryImportCounts, DirectoryImportMode, Result};
use crate::{StoreError, matching::LinkOrigin};

const CHUNK: usize = 400;

pub struct PronoteUserRepo<'a> {
    db: &'a DatabaseConnection,
    caller: &'a Caller,
}

impl<'a> PronoteUserRepo<'a> {
    pub(crate) fn new(db: &'a DatabaseConnection, caller: &'a Caller) -> Self {
        Self { db, caller }
    }

    /// Replaces (**complet**) or adds to and updates (**partiel**) the
    /// establishment's PRONOTE users, in one transaction (BRIEF §4: a full
    /// export at the start of the year, only new users later). A user whose
    /// CAS identifier is already set in PRONOTE is linked to that ENT
    /// account (origin `EXISTING`) on the base serving the establishment,
    /// unless the base already links either of them. In mode complet, the
    /// links of users no longer in the export are deleted.
    #[tracing::instrument(skip_all, err(level = "info"))]
    pub async fn import(
        &self,
        establishment_id: Uuid,
        users: &[PronoteUser],
        mode: DirectoryImportMode,
    ) -> Result<DirectoryImportCounts> {
        if self.caller.role == Role::Helpdesk {
            return Err(StoreError::Forbidden);
        }
        let establishment = EstablishmentRepo::new(self.db, self.caller)
            .get(establishment_id)
            .await?;
        let base = BaseRepo::new(self.db, self.caller)
            .serving(establishment_id)
            .await?
            .map(|(base, _)| base);
        let transaction = self.db.begin_write().await?;
        let existing: HashMap<String, pronote_user::Model> = pronote_user::Entity::find()
            .filter(pronote_user::Column::EstablishmentId.eq(establishment_id))
            .all(&transaction)
            .await?
            .into_iter()
            .map(|row| (row.pronote_id.clone(), row))
            .collect();
        let now = Utc::now();
        let mut counts = DirectoryImportCounts::default();
        let mut inserts = Vec::new();
        let mut seen = HashSet::new();
        for user in users {
            let pronote_id = user.pronote_id.as_str().to_owned();
            if !seen.insert(pronote_id.clone()) {
                continue;
            }
            let mut row = pronote_user::ActiveModel {
                id: Set(Uuid::now_v7()),
                tenant_id: Set(establishment.tenant_id),
                establishment_id: Set(establishment_id),
                pronote_id: Set(pronote_id.clone()),
                last_name: Set(user.last_name.clone()),
                first_name: Set(user.first_name.clone()),
                birth_date: Set(user.birth_date),
                category: Set(user.category.as_str().to_owned()),
                cas_id: Set(user.cas_id.clone()),
                updated_at: Set(now),
            };
            match existing.get(&pronote_id) {
                None => {
                    counts.created += 1;
                    inserts.push(row);
                }
                Some(old) if same(old, user) => counts.unchanged += 1,
                Some(old) => {
                    counts.updated += 1;
                    row.id = Set(old.id);
                    row.update(&transaction).await?;
                }
            }
        }
        let mut removed_ids = Vec::new();
        if mode == DirectoryImportMode::Complete {
            removed_ids = existing
                .values()
                .filter(|row| !seen.contains(&row.pronote_id))
                .map(|row| (row.id, row.pronote_id.clone()))
                .collect::<Vec<_>>();
            counts.removed = removed_ids.len() as u32;
            for chunk in removed_ids.chunks(CHUNK) {
                pronote_user::Entity::delete_many()
                    .filter(pronote_user::Column::Id.is_in(chunk.iter().map(|(id, _)| *id)))
                    .exec(&transaction)
                    .await?;
            }
        }
        for chunk in inserts.chunks(CHUNK) {
            pronote_user::Entity::insert_many(chunk.to_vec())
                .exec_without_returning(&transaction)
                .await?;
        }
        let mut existing_links = 0;
        if let Some(base) = &base {
            if !removed_ids.is_empty() {
                for chunk in removed_ids.chunks(CHUNK) {
                    account_link::Entity::delete_many()
                        .filter(account_link::Column::BaseId.eq(base.id))
                        .filter(
                            account_link::Column::PronoteId
                                .is_in(chunk.iter().map(|(_, pid)| pid.clone())),
                        )
                        .exec(&transaction)
                        .await?;
                }
            }
            existing_links = self
                .link_existing_cas_ids(&transaction, base.tenant_id, base.id, users, now)
                .await?;
        }
        AuditEntry::by(
            self.caller,
            AuditAction::PronoteUsersImported,
            "establishment",
        )
        .tenant(Some(establishment.tenant_id))
        .target(establishment_id)
        .summary(format!(
            "{} créé(s), {} mis à jour, {} supprimé(s), {} identifiant(s) CAS déjà \
                 rapproché(s) ({})",
            counts.created,
            counts.updated,
            counts.removed,
            existing_links,
            match mode {
                DirectoryImportMode::Complete => "complet",
                DirectoryImportMode::Partial => "partiel",
            }
        ))
        .write(&transaction)
        .await?;
        transaction.commit().await?;
        Ok(counts)
    }

    /// Links users whose CAS identifier PRONOTE already holds, where the
    /// base links neither side yet. Returns how many links were created.
    async fn link_existing_cas_ids(
        &self,
        transaction: &DatabaseTransaction,
        tenant_id: Uuid,
        base_id: Uuid,
        users: &[PronoteUser],
        now: chrono::DateTime<Utc>,
    ) -> Result<u32> {
        let links = account_link::Entity::find()
            .filter(account_link::Column::BaseId.eq(base_id))
            .all(transaction)
            .await?;
        let mut linked_pronote: HashSet<String> =
            links.iter().map(|l| l.pronote_id.clone()).collect();
        let mut linked_ent: HashSet<(String, String)> = links
            .iter()
            .map(|l| (l.population.clone(), l.ent_id.clone()))
            .collect();
        let mut rows = Vec::new();
        for user in users {
            let Some(cas_id) = &user.cas_id else { continue };
            let population = user.category.as_str().to_owned();
            let pronote_id = user.pronote_id.as_str().to_owned();
            if linked_pronote.contains(&pronote_id)
                || linked_ent.contains(&(population.clone(), cas_id.clone()))
            {
                continue;
            }
            linked_pronote.insert(pronote_id.clone());
            linked_ent.insert((population.clone(), cas_id.clone()));
            rows.push(account_link::ActiveModel {
                id: Set(Uuid::now_v7()),
                tenant_id: Set(tenant_id),
                base_id: Set(base_id),
                population: Set(population),
                pronote_id: Set(pronote_id),
                ent_id: Set(cas_id.clone()),
                origin: Set(LinkOrigin::Existing.as_str().to_owned()),
                score: Set(None),
                run_id: Set(None),
                created_by: Set(self.caller.user_id),
                created_at: Set(now),
            });
        }
        let created = rows.len() as u32;
        for chunk in rows.chunks(CHUNK) {
            account_link::Entity::insert_many(chunk.to_vec())
                .exec_without_returning(transaction)
                .await?;
        }
        Ok(created)
    }

    /// The PRONOTE users of the given establishments (each visible to the
    /// caller), by establishment then PRONOTE identifier.
    pub async fn of_establishments(
        &self,
        establishment_ids: &[Uuid],
    ) -> Result<Vec<pronote_user::Model>> {
        let establishments = EstablishmentRepo::new(self.db, self.caller);
        for id in establishment_ids {
            establishments.get(*id).await?;
        }
        Ok(pronote_user::Entity::find()
            .filter(pronote_user::Column::EstablishmentId.is_in(establishment_ids.iter().copied()))
            .order_by_asc(pronote_user::Column::EstablishmentId)
            .order_by_asc(pronote_user::Column::PronoteId)
            .all(self.db)
            .await?)
    }
}

fn same(row: &pronote_user::Model, user: &PronoteUser) -> bool {
    row.last_name == user.last_name
        && row.first_name == user.first_name
        && row.birth_date == user.birth_date
        && row.category == user.category.as_str()
        && row.cas_id == user.cas_id
}
