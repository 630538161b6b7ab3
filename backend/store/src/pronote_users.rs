//! The PRONOTE users of each base, as read from its identifiers export
//! (file B, docs/domain.md §4): one side of the rapprochement (docs/domain.md §5). A cité
//! scolaire is one PRONOTE base, so its users are listed once whichever
//! member the export was uploaded for (docs/domain.md « Cités scolaires »).

use crate::write_transaction::BeginWrite;
use std::collections::{HashMap, HashSet};

use chrono::Utc;
use relais_domain::BaseId;
use relais_domain::directory::PronoteUser;
use relais_domain::export_scope::ExportScope;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, PaginatorTrait, QueryFilter, Set,
};
use uuid::Uuid;

use crate::Base;
use crate::bases::BaseRepo;
use crate::entities::{account_link, pronote_user};
use crate::{AuditAction, AuditEntry, Caller, DirectoryImportCounts, DirectoryImportMode, Result};
use crate::{StoreError, matching::LinkOrigin};

const CHUNK: usize = 400;

/// An identifiers export to import into a base.
#[derive(Debug, Clone, Copy)]
pub struct ExportImport<'a> {
    pub base_id: Uuid,
    /// The part of the base the export covers (checked against the
    /// container's UAI by [`relais_domain::export_scope::export_scope`]).
    pub scope: &'a ExportScope,
    pub users: &'a [PronoteUser],
    pub mode: DirectoryImportMode,
    /// A complete export that would remove links (validated rapprochements)
    /// needs this confirmation (docs/domain.md « Fichier B »).
    pub confirm_link_removal: bool,
}

/// What an import does (or would do) to the base.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExportImportCounts {
    pub users: DirectoryImportCounts,
    /// Links of users no longer listed by a complete export.
    pub links_removed: u32,
    /// Links created for users whose CAS identifier PRONOTE already holds.
    pub existing_links: u32,
}

/// What a complete import would remove, computed before writing.
struct Plan {
    existing: HashMap<String, pronote_user::Model>,
    removed: Vec<(Uuid, String)>,
    links_removed: u32,
}

pub struct PronoteUserRepo<'a> {
    db: &'a DatabaseConnection,
    caller: &'a Caller,
}

impl<'a> PronoteUserRepo<'a> {
    pub(crate) fn new(db: &'a DatabaseConnection, caller: &'a Caller) -> Self {
        Self { db, caller }
    }

    async fn editable_base(&self, base_id: Uuid) -> Result<Base> {
        self.caller.require_editor()?;
        BaseRepo::new(self.db, self.caller)
            .get(BaseId::from(base_id))
            .await
    }

    /// How many PRONOTE users the base has, and how many are linked to an
    /// ENT account (the configuration sheet's rentrée checklist).
    pub async fn counts(&self, base_id: Uuid) -> Result<(u64, u64)> {
        let base = BaseRepo::new(self.db, self.caller)
            .get(BaseId::from(base_id))
            .await?;
        let users = pronote_user::Entity::find()
            .filter(pronote_user::Column::BaseId.eq(base.id.uuid()))
            .count(self.db)
            .await?;
        let links = account_link::Entity::find()
            .filter(account_link::Column::BaseId.eq(base.id.uuid()))
            .count(self.db)
            .await?;
        Ok((users, links))
    }

    /// What [`PronoteUserRepo::import`] would do, without writing: the
    /// counts, and how many links a complete export would remove.
    pub async fn preview(&self, import: &ExportImport<'_>) -> Result<ExportImportCounts> {
        let base = self.editable_base(import.base_id).await?;
        let plan = plan(self.db, &base, import).await?;
        let mut counts = ExportImportCounts {
            links_removed: plan.links_removed,
            ..ExportImportCounts::default()
        };
        counts.users.removed = plan.removed.len() as u32;
        let mut seen = HashSet::new();
        for user in import.users {
            if !seen.insert(user.pronote_id.as_str()) {
                continue;
            }
            match plan.existing.get(user.pronote_id.as_str()) {
                None => counts.users.created += 1,
                Some(old) if same(old, user) => counts.users.unchanged += 1,
                Some(_) => counts.users.updated += 1,
            }
        }
        Ok(counts)
    }

    /// Replaces (**complet**) or adds to and updates (**partiel**) the
    /// base's PRONOTE users, in one transaction (docs/domain.md §4: a full export at
    /// the start of the year, only new users later). A complete export
    /// replaces the users of its scope: the whole base, or for an export of
    /// one establishment of a cité, the users that establishment's exports
    /// listed. The links of the users it removes go too, which needs
    /// `confirm_link_removal` when there are any (`CONFLICT` on
    /// `confirmLinkRemoval` otherwise, nothing written). A user whose CAS
    /// identifier is already set in PRONOTE is linked to that ENT account
    /// (origin `EXISTING`) unless the base already links either of them.
    #[tracing::instrument(skip_all, err(level = "info"))]
    pub async fn import(&self, import: &ExportImport<'_>) -> Result<ExportImportCounts> {
        let base = self.editable_base(import.base_id).await?;
        let transaction = self.db.begin_write().await?;
        let plan = plan(&transaction, &base, import).await?;
        if plan.links_removed > 0 && !import.confirm_link_removal {
            return Err(links_removal_unconfirmed(plan.links_removed));
        }
        let export_uai = import.scope.key(base.group_uai.as_str()).to_owned();
        let now = Utc::now();
        let mut counts = ExportImportCounts::default();
        let mut inserts = Vec::new();
        let mut seen = HashSet::new();
        for user in import.users {
            let pronote_id = user.pronote_id.as_str().to_owned();
            if !seen.insert(pronote_id.clone()) {
                continue;
            }
            let mut row = pronote_user::ActiveModel {
                id: Set(Uuid::now_v7()),
                tenant_id: Set(base.tenant_id.uuid()),
                base_id: Set(base.id.uuid()),
                pronote_id: Set(pronote_id.clone()),
                last_name: Set(user.last_name.clone()),
                first_name: Set(user.first_name.clone()),
                birth_date: Set(user.birth_date),
                category: Set(user.category.as_str().to_owned()),
                cas_id: Set(user.cas_id.clone()),
                export_uai: Set(export_uai.clone()),
                updated_at: Set(now),
            };
            match plan.existing.get(&pronote_id) {
                None => {
                    counts.users.created += 1;
                    inserts.push(row);
                }
                Some(old) => {
                    let unchanged = same(old, user);
                    if unchanged {
                        counts.users.unchanged += 1;
                    } else {
                        counts.users.updated += 1;
                    }
                    if !unchanged || old.export_uai != export_uai {
                        row.id = Set(old.id);
                        row.update(&transaction).await?;
                    }
                }
            }
        }
        counts.users.removed = plan.removed.len() as u32;
        for chunk in plan.removed.chunks(CHUNK) {
            pronote_user::Entity::delete_many()
                .filter(pronote_user::Column::Id.is_in(chunk.iter().map(|(id, _)| *id)))
                .exec(&transaction)
                .await?;
            counts.links_removed += account_link::Entity::delete_many()
                .filter(account_link::Column::BaseId.eq(base.id.uuid()))
                .filter(
                    account_link::Column::PronoteId.is_in(chunk.iter().map(|(_, pid)| pid.clone())),
                )
                .exec(&transaction)
                .await?
                .rows_affected as u32;
        }
        for chunk in inserts.chunks(CHUNK) {
            pronote_user::Entity::insert_many(chunk.to_vec())
                .exec_without_returning(&transaction)
                .await?;
        }
        counts.existing_links = self
            .link_existing_cas_ids(&transaction, &base, import.users, now)
            .await?;
        AuditEntry::by(
            self.caller,
            AuditAction::PronoteUsersImported,
            "pronote_base",
        )
        .tenant(Some(base.tenant_id.uuid()))
        .target(base.id.uuid())
        .summary(format!(
            "Export {} ({}) : {} créé(s), {} mis à jour, {} supprimé(s), {} rapprochement(s) \
                 supprimé(s), {} identifiant(s) CAS déjà rapproché(s)",
            export_uai,
            match import.mode {
                DirectoryImportMode::Complete => "complet",
                DirectoryImportMode::Partial => "partiel",
            },
            counts.users.created,
            counts.users.updated,
            counts.users.removed,
            counts.links_removed,
            counts.existing_links,
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
        base: &Base,
        users: &[PronoteUser],
        now: chrono::DateTime<Utc>,
    ) -> Result<u32> {
        let links = account_link::Entity::find()
            .filter(account_link::Column::BaseId.eq(base.id.uuid()))
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
                tenant_id: Set(base.tenant_id.uuid()),
                base_id: Set(base.id.uuid()),
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
}

/// The base's users, and what a complete import of `import` would remove:
/// the users of its scope it does not list, and their links.
async fn plan<C: ConnectionTrait>(
    conn: &C,
    base: &Base,
    import: &ExportImport<'_>,
) -> Result<Plan> {
    let existing: HashMap<String, pronote_user::Model> = pronote_user::Entity::find()
        .filter(pronote_user::Column::BaseId.eq(base.id.uuid()))
        .all(conn)
        .await?
        .into_iter()
        .map(|row| (row.pronote_id.clone(), row))
        .collect();
    let mut plan = Plan {
        existing,
        removed: Vec::new(),
        links_removed: 0,
    };
    if import.mode != DirectoryImportMode::Complete {
        return Ok(plan);
    }
    let listed: HashSet<&str> = import.users.iter().map(|u| u.pronote_id.as_str()).collect();
    let key = import.scope.key(base.group_uai.as_str());
    plan.removed = plan
        .existing
        .values()
        .filter(|row| !listed.contains(row.pronote_id.as_str()))
        .filter(|row| match import.scope {
            ExportScope::WholeBase => true,
            ExportScope::Member(_) => row.export_uai == key,
        })
        .map(|row| (row.id, row.pronote_id.clone()))
        .collect();
    for chunk in plan.removed.chunks(CHUNK) {
        plan.links_removed += account_link::Entity::find()
            .filter(account_link::Column::BaseId.eq(base.id.uuid()))
            .filter(account_link::Column::PronoteId.is_in(chunk.iter().map(|(_, pid)| pid.clone())))
            .count(conn)
            .await? as u32;
    }
    Ok(plan)
}

/// The refusal of a complete import that would remove links unconfirmed.
pub fn links_removal_unconfirmed(links: u32) -> StoreError {
    StoreError::Conflict {
        field: "confirmLinkRemoval",
        message: format!(
            "Cet export complet supprimerait {links} rapprochement(s) déjà validé(s) : les \
             utilisateurs PRONOTE concernés ne figurent plus dans l'export. Vérifiez qu'il \
             s'agit du bon fichier (export complet, sans cocher « Uniquement les utilisateurs \
             sans identifiants CAS »), puis confirmez la suppression pour l'importer. Rien n'a \
             été importé."
        ),
    }
}

fn same(row: &pronote_user::Model, user: &PronoteUser) -> bool {
    row.last_name == user.last_name
        && row.first_name == user.first_name
        && row.birth_date == user.birth_date
        && row.category == user.category.as_str()
        && row.cas_id == user.cas_id
}
