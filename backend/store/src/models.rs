//! Integrators' CAS configuration models (docs/domain.md §3): sources, catalog
//! versions, models and their revisions, and the pending updates of the
//! bases that applied them.
//!
//! The central rule lives here: installing a new catalog version never
//! touches a base's settings. It records, for every base whose applied model
//! changed or was withdrawn, a pending update with the field-level diff, in
//! set-based statements whose memory does not grow with the number of bases.

mod history;
mod record;
mod source_record;

pub use history::{MAX_CATALOG_VERSIONS, RevisionStamp};
pub use record::{CatalogModel, PendingModelUpdate};
pub(crate) use record::{catalog_models, model_values, revision_values};
pub use source_record::{ModelSource, SourceKind, Validators};

use crate::write_transaction::BeginWrite;
use std::collections::HashMap;

use chrono::Utc;
use relais_domain::events::DomainEvent;
use relais_domain::model_apply::update_changes;
use relais_domain::models::{EntModel, FieldChange, ModelFeed, diff_models};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use uuid::Uuid;

use crate::caller::TenantFilter;
use crate::entities::{
    base_model, catalog_version, ent_model, model_revision, model_source, pending_model_update,
};
use crate::event_log::EventLog;
use crate::outbox::enqueue;
use crate::pending_notice::{PendingModel, PendingUpdateMails, notice_of};
use crate::{AuditAction, AuditEntry, Caller, Result, StoreError};
use relais_domain::TenantId;
use source_record::model_sources;

/// A source to register.
#[derive(Debug, Clone)]
pub struct NewSource {
    /// Platform administrators may leave it empty: the models are offered
    /// to every tenant.
    pub tenant: Option<Uuid>,
    pub name: String,
    pub kind: SourceKind,
}

/// What installing a feed did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InstallReport {
    /// False: same content as the current version, nothing created.
    pub new_version: bool,
    pub added: Vec<String>,
    pub changed: Vec<String>,
    pub withdrawn: Vec<String>,
    /// Bases that got (or kept) a pending update from this version.
    pub bases_with_pending_update: u64,
    /// Per changed model, the field-level diff from its previous revision.
    pub changes: Vec<(String, Vec<FieldChange>)>,
}

pub struct ModelRepo<'a> {
    db: &'a DatabaseConnection,
    caller: &'a Caller,
    events: &'a EventLog,
}

impl<'a> ModelRepo<'a> {
    pub(crate) fn new(
        db: &'a DatabaseConnection,
        caller: &'a Caller,
        events: &'a EventLog,
    ) -> Self {
        Self { db, caller, events }
    }

    /// Sources the caller sees: its tenant's and those offered to every
    /// tenant.
    fn visible_sources(&self) -> Result<sea_orm::Select<model_source::Entity>> {
        let query = model_source::Entity::find();
        Ok(match self.caller.tenant_filter() {
            TenantFilter::All => query,
            TenantFilter::Only(id) => query.filter(
                Condition::any()
                    .add(model_source::Column::TenantId.eq(id))
                    .add(model_source::Column::TenantId.is_null()),
            ),
            TenantFilter::Nothing => return Err(StoreError::NotFound),
        })
    }

    /// Operators change their tenant's sources; platform administrators
    /// every source, including those offered to all.
    pub(crate) fn require_writer(&self, source_tenant: Option<Uuid>) -> Result<()> {
        self.caller.require_tenant_administrator()?;
        match (self.caller.tenant_filter(), source_tenant) {
            (TenantFilter::All, _) => Ok(()),
            (TenantFilter::Only(own), Some(tenant)) if own == tenant => Ok(()),
            (TenantFilter::Only(_), None) => Err(StoreError::Forbidden),
            _ => Err(StoreError::NotFound),
        }
    }

    pub async fn sources(&self) -> Result<Vec<ModelSource>> {
        model_sources(
            self.visible_sources()?
                .order_by_asc(model_source::Column::Name)
                .all(self.db)
                .await?,
        )
    }

    pub async fn source(&self, id: Uuid) -> Result<ModelSource> {
        self.source_row(id).await?.try_into()
    }

    /// The visible source's row, for the writes that update it.
    async fn source_row(&self, id: Uuid) -> Result<model_source::Model> {
        self.visible_sources()?
            .filter(model_source::Column::Id.eq(id))
            .one(self.db)
            .await?
            .ok_or(StoreError::NotFound)
    }

    /// A source the caller may change: refresh it, record its fetches
    /// (operators their tenant's, platform administrators every one).
    /// Others get `Forbidden` before anything is fetched or written.
    pub async fn writable_source(&self, id: Uuid) -> Result<ModelSource> {
        let source = self.source(id).await?;
        self.require_writer(source.tenant_id.map(TenantId::uuid))?;
        Ok(source)
    }

    /// Every feed source of every tenant (the scheduler, acting as the
    /// platform).
    pub async fn feed_sources(&self) -> Result<Vec<ModelSource>> {
        model_sources(
            self.visible_sources()?
                .filter(model_source::Column::Kind.eq(SourceKind::FEED))
                .all(self.db)
                .await?,
        )
    }

    pub async fn create_source(&self, new: NewSource) -> Result<ModelSource> {
        let tenant = match (self.caller.tenant_filter(), new.tenant) {
            (TenantFilter::Only(own), None) => Some(own),
            (_, requested) => requested,
        };
        self.require_writer(tenant)?;
        let now = Utc::now();
        let kind = new.kind.name();
        let (url, cron, allow_http) = match new.kind {
            SourceKind::Own => (None, None, false),
            SourceKind::Feed {
                url,
                cron,
                allow_http_for_testing,
            } => (Some(url), Some(cron), allow_http_for_testing),
        };
        let txn = self.db.begin_write().await?;
        let source = model_source::ActiveModel {
            id: Set(Uuid::now_v7()),
            tenant_id: Set(tenant),
            kind: Set(kind.to_owned()),
            name: Set(new.name.clone()),
            url: Set(url),
            cron: Set(cron),
            allow_http_for_testing: Set(allow_http),
            etag: Set(None),
            last_modified: Set(None),
            content_hash: Set(None),
            last_fetched_at: Set(None),
            last_success_at: Set(None),
            last_error: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(&txn)
        .await?;
        AuditEntry::by(self.caller, AuditAction::ModelSourceCreated, "MODEL_SOURCE")
            .tenant(tenant)
            .target(source.id)
            .summary(format!("Source de modèles « {} » ajoutée.", new.name))
            .write(&txn)
            .await?;
        txn.commit().await?;
        source.try_into()
    }

    /// Current models of the visible sources (or of one), by name.
    pub async fn models(&self, source: Option<Uuid>) -> Result<Vec<CatalogModel>> {
        let sources: Vec<Uuid> = match source {
            Some(id) => vec![self.source(id).await?.id],
            None => self.sources().await?.into_iter().map(|s| s.id).collect(),
        };
        catalog_models(
            ent_model::Entity::find()
                .filter(ent_model::Column::SourceId.is_in(sources))
                .filter(ent_model::Column::Withdrawn.eq(false))
                .order_by_asc(ent_model::Column::NameKey)
                .all(self.db)
                .await?,
        )
    }

    /// A model of a visible source (withdrawn ones included).
    pub async fn model(&self, id: Uuid) -> Result<CatalogModel> {
        let model = ent_model::Entity::find_by_id(id)
            .one(self.db)
            .await?
            .ok_or(StoreError::NotFound)?;
        self.source(model.source_id).await?;
        model.try_into()
    }

    /// The values of a model at a revision.
    pub async fn revision(&self, model: Uuid, revision: i32) -> Result<EntModel> {
        let row = model_revision::Entity::find_by_id((model, revision))
            .one(self.db)
            .await?
            .ok_or(StoreError::NotFound)?;
        revision_values(&row)
    }

    /// Records a failed fetch or parse: the catalog is left as it was.
    pub async fn record_failure(&self, source: Uuid, message: &str) -> Result<()> {
        let current = self.source_row(source).await?;
        self.require_writer(current.tenant_id)?;
        let mut row: model_source::ActiveModel = current.into();
        row.last_fetched_at = Set(Some(Utc::now()));
        row.last_error = Set(Some(message.to_owned()));
        row.update(self.db).await?;
        Ok(())
    }

    /// Records a fetch that found the feed unchanged (HTTP 304, or the same
    /// content).
    pub async fn record_unchanged(&self, source: Uuid) -> Result<()> {
        let current = self.source_row(source).await?;
        self.require_writer(current.tenant_id)?;
        let now = Utc::now();
        let mut row: model_source::ActiveModel = current.into();
        row.last_fetched_at = Set(Some(now));
        row.last_success_at = Set(Some(now));
        row.last_error = Set(None);
        row.update(self.db).await?;
        Ok(())
    }

    /// Installs `feed` as the source's catalog, unless its content hash is
    /// the current one. Bases are never modified: those whose applied model
    /// changed or was withdrawn get a pending update.
    #[tracing::instrument(skip_all, err(level = "info"), fields(source = %source))]
    pub async fn install(
        &self,
        source: Uuid,
        feed: &ModelFeed,
        content_hash: &str,
        validators: Validators,
        mails: PendingUpdateMails<'_>,
    ) -> Result<InstallReport> {
        let current = self.source_row(source).await?;
        self.require_writer(current.tenant_id)?;
        if current.content_hash.as_deref() == Some(content_hash) {
            self.record_unchanged(source).await?;
            return Ok(InstallReport::default());
        }
        let now = Utc::now();
        let txn = self.db.begin_write().await?;
        // Two installs of the same content (a replica's scheduled refresh
        // and an operator's « Actualiser ») take turns on the source's row:
        // the second finds the version installed and creates nothing, so
        // its pending updates and e-mails exist once.
        let locked = model_source::Entity::find_by_id(source)
            .lock_exclusive()
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound)?;
        if locked.content_hash.as_deref() == Some(content_hash) {
            drop(txn);
            self.record_unchanged(source).await?;
            return Ok(InstallReport::default());
        }
        let current = locked;
        let existing: HashMap<String, ent_model::Model> = ent_model::Entity::find()
            .filter(ent_model::Column::SourceId.eq(source))
            .all(&txn)
            .await?
            .into_iter()
            .map(|m| (m.name_key.clone(), m))
            .collect();
        let mut report = InstallReport {
            new_version: true,
            ..InstallReport::default()
        };
        // (model id, new revision or None when withdrawn)
        let mut moved: Vec<(Uuid, Option<(i32, EntModel)>)> = Vec::new();
        for model in &feed.models {
            let key = model.key();
            let body = body_json(model)?;
            match existing.get(&key) {
                None => {
                    let id = Uuid::now_v7();
                    ent_model::ActiveModel {
                        id: Set(id),
                        source_id: Set(source),
                        tenant_id: Set(current.tenant_id),
                        name_key: Set(key),
                        name: Set(model.name.clone()),
                        body: Set(body.clone()),
                        revision: Set(1),
                        withdrawn: Set(false),
                        updated_at: Set(now),
                    }
                    .insert(&txn)
                    .await?;
                    insert_revision(&txn, id, 1, &body, now).await?;
                    report.added.push(model.name.clone());
                }
                Some(row) if row.body == body && !row.withdrawn => {}
                Some(row) => {
                    let revision = row.revision + 1;
                    let mut update: ent_model::ActiveModel = row.clone().into();
                    update.name = Set(model.name.clone());
                    update.body = Set(body.clone());
                    update.revision = Set(revision);
                    update.withdrawn = Set(false);
                    update.updated_at = Set(now);
                    update.update(&txn).await?;
                    insert_revision(&txn, row.id, revision, &body, now).await?;
                    report.changed.push(model.name.clone());
                    let old = model_values(row)?;
                    report
                        .changes
                        .push((model.name.clone(), diff_models(&old, model)));
                    moved.push((row.id, Some((revision, model.clone()))));
                }
            }
        }
        let kept: std::collections::HashSet<String> =
            feed.models.iter().map(EntModel::key).collect();
        for row in existing.values() {
            if !row.withdrawn && !kept.contains(&row.name_key) {
                let mut update: ent_model::ActiveModel = row.clone().into();
                update.withdrawn = Set(true);
                update.updated_at = Set(now);
                update.update(&txn).await?;
                report.withdrawn.push(row.name.clone());
                moved.push((row.id, None));
            }
        }
        let mut events = Vec::new();
        for (model, target) in moved {
            let bases = record_pending_updates(&txn, model, target.as_ref(), now).await?;
            report.bases_with_pending_update += bases;
            if bases > 0 {
                events.push(DomainEvent::ModelUpdatePending {
                    tenant_id: current.tenant_id,
                    source_id: source,
                    model_id: model,
                    model: target
                        .as_ref()
                        .map(|(_, m)| m.name.clone())
                        .or_else(|| {
                            existing
                                .values()
                                .find(|r| r.id == model)
                                .map(|r| r.name.clone())
                        })
                        .unwrap_or_default(),
                    to_revision: target.as_ref().map(|(revision, _)| *revision),
                    bases,
                });
            }
        }
        catalog_version::ActiveModel {
            id: Set(Uuid::now_v7()),
            source_id: Set(source),
            content_hash: Set(content_hash.to_owned()),
            models: Set(feed.models.len() as i32),
            added: Set(report.added.len() as i32),
            changed: Set(report.changed.len() as i32),
            withdrawn: Set(report.withdrawn.len() as i32),
            created_at: Set(now),
        }
        .insert(&txn)
        .await?;
        let mut row: model_source::ActiveModel = current.clone().into();
        row.content_hash = Set(Some(content_hash.to_owned()));
        row.etag = Set(validators.etag);
        row.last_modified = Set(validators.last_modified);
        row.last_fetched_at = Set(Some(now));
        row.last_success_at = Set(Some(now));
        row.last_error = Set(None);
        row.updated_at = Set(now);
        row.update(&txn).await?;
        AuditEntry::by(self.caller, AuditAction::ModelCatalogUpdated, "MODEL_SOURCE")
            .tenant(current.tenant_id)
            .target(source)
            .summary(format!(
                "Liste de modèles « {} » : {} ajouté(s), {} modifié(s), {} retiré(s) ; {} base(s) avec une mise à jour en attente.",
                current.name,
                report.added.len(),
                report.changed.len(),
                report.withdrawn.len(),
                report.bases_with_pending_update
            ))
            .write(&txn)
            .await?;
        for event in &events {
            EventLog::record(&txn, event).await?;
        }
        // The e-mails of the pending updates, in this transaction (issue 18):
        // they exist if and only if the updates do.
        let pending: Vec<PendingModel> = events
            .iter()
            .filter_map(|event| match event {
                DomainEvent::ModelUpdatePending {
                    model_id,
                    model,
                    to_revision,
                    ..
                } => Some(PendingModel {
                    id: *model_id,
                    name: model.clone(),
                    to_revision: *to_revision,
                }),
                _ => None,
            })
            .collect();
        if !pending.is_empty() {
            let notice = notice_of(&txn, &current.name, &pending).await?;
            if !notice.is_empty() {
                for message in mails(&notice) {
                    enqueue(&txn, message).await?;
                }
            }
        }
        txn.commit().await?;
        if !events.is_empty() {
            self.events.hand_out_committed(self.db).await;
        }
        Ok(report)
    }

    /// Per model of the visible sources: bases that applied it, and of those
    /// with a pending update. Two grouped statements.
    pub async fn usage(&self) -> Result<HashMap<Uuid, (u64, u64)>> {
        let visible: Vec<Uuid> = self.sources().await?.into_iter().map(|s| s.id).collect();
        let models = Query::select()
            .column(ent_model::Column::Id)
            .from(ent_model::Entity)
            .and_where(ent_model::Column::SourceId.is_in(visible))
            .to_owned();
        let mut bases_filter = base_model::Column::ModelId.in_subquery(models.clone());
        if let TenantFilter::Only(tenant) = self.caller.tenant_filter() {
            let tenant_bases = Query::select()
                .column(crate::entities::pronote_base::Column::Id)
                .from(crate::entities::pronote_base::Entity)
                .and_where(crate::entities::pronote_base::Column::TenantId.eq(tenant))
                .to_owned();
            bases_filter = bases_filter.and(base_model::Column::BaseId.in_subquery(tenant_bases));
        }
        let applied: Vec<(Uuid, i64)> = base_model::Entity::find()
            .select_only()
            .column(base_model::Column::ModelId)
            .column_as(base_model::Column::BaseId.count(), "count")
            .filter(bases_filter.clone())
            .group_by(base_model::Column::ModelId)
            .into_tuple()
            .all(self.db)
            .await?;
        let pending: Vec<(Uuid, i64)> = pending_model_update::Entity::find()
            .select_only()
            .column(pending_model_update::Column::ModelId)
            .column_as(pending_model_update::Column::BaseId.count(), "count")
            .filter(
                pending_model_update::Column::BaseId.in_subquery(
                    Query::select()
                        .column(base_model::Column::BaseId)
                        .from(base_model::Entity)
                        .cond_where(bases_filter)
                        .to_owned(),
                ),
            )
            .group_by(pending_model_update::Column::ModelId)
            .into_tuple()
            .all(self.db)
            .await?;
        let mut out: HashMap<Uuid, (u64, u64)> = HashMap::new();
        for (model, count) in applied {
            out.entry(model).or_default().0 = count as u64;
        }
        for (model, count) in pending {
            out.entry(model).or_default().1 = count as u64;
        }
        Ok(out)
    }

    /// The model each of `bases` applied, and their pending updates.
    pub async fn status_of_bases(
        &self,
        bases: &[Uuid],
    ) -> Result<(
        HashMap<Uuid, base_model::Model>,
        HashMap<Uuid, PendingModelUpdate>,
    )> {
        let applied = base_model::Entity::find()
            .filter(base_model::Column::BaseId.is_in(bases.iter().copied()))
            .all(self.db)
            .await?
            .into_iter()
            .map(|m| (m.base_id, m))
            .collect();
        let pending = pending_model_update::Entity::find()
            .filter(pending_model_update::Column::BaseId.is_in(bases.iter().copied()))
            .all(self.db)
            .await?
            .into_iter()
            .map(|row| PendingModelUpdate::try_from(row).map(|p| (p.base_id, p)))
            .collect::<Result<_>>()?;
        Ok((applied, pending))
    }
}

/// For every base that applied `model`, a pending update towards `target`
/// (None: withdrawn), with the diff from the revision it applied. One
/// INSERT … SELECT per applied revision: memory does not grow with the
/// number of bases.
async fn record_pending_updates<C: ConnectionTrait>(
    conn: &C,
    model: Uuid,
    target: Option<&(i32, EntModel)>,
    now: chrono::DateTime<Utc>,
) -> Result<u64> {
    let revisions: Vec<i32> = base_model::Entity::find()
        .select_only()
        .column(base_model::Column::Revision)
        .distinct()
        .filter(base_model::Column::ModelId.eq(model))
        .into_tuple()
        .all(conn)
        .await?;
    let mut count = 0;
    for applied in revisions {
        let changes: Vec<FieldChange> = match target {
            None => Vec::new(),
            Some((_, new)) => {
                let old = model_revision::Entity::find_by_id((model, applied))
                    .one(conn)
                    .await?
                    .map(|r| revision_values(&r))
                    .transpose()?;
                // Both clients (issue 14: a change of the PRONOTE client part
                // alone must be listed).
                old.as_ref()
                    .map(|old| update_changes(old, new))
                    .unwrap_or_default()
            }
        };
        let changes = serde_json::to_string(&changes)
            .map_err(|e| StoreError::Database(sea_orm::DbErr::Type(e.to_string())))?;
        let select = Query::select()
            .column(base_model::Column::BaseId)
            .column(base_model::Column::ModelId)
            .column(base_model::Column::Revision)
            .expr(Expr::val(target.map(|(revision, _)| *revision)))
            .expr(Expr::val(changes))
            .expr(Expr::val(now))
            .from(base_model::Entity)
            .and_where(base_model::Column::ModelId.eq(model))
            .and_where(base_model::Column::Revision.eq(applied))
            .to_owned();
        let insert = Query::insert()
            .into_table(pending_model_update::Entity)
            .columns([
                pending_model_update::Column::BaseId,
                pending_model_update::Column::ModelId,
                pending_model_update::Column::FromRevision,
                pending_model_update::Column::ToRevision,
                pending_model_update::Column::Changes,
                pending_model_update::Column::CreatedAt,
            ])
            .select_from(select)
            .map_err(|e| StoreError::Database(sea_orm::DbErr::Custom(e.to_string())))?
            .on_conflict(
                OnConflict::column(pending_model_update::Column::BaseId)
                    .update_columns([
                        pending_model_update::Column::ModelId,
                        pending_model_update::Column::FromRevision,
                        pending_model_update::Column::ToRevision,
                        pending_model_update::Column::Changes,
                        pending_model_update::Column::CreatedAt,
                    ])
                    .to_owned(),
            )
            .to_owned();
        count += conn.execute(&insert).await?.rows_affected();
    }
    Ok(count)
}

async fn insert_revision<C: ConnectionTrait>(
    conn: &C,
    model: Uuid,
    revision: i32,
    body: &str,
    now: chrono::DateTime<Utc>,
) -> Result<()> {
    model_revision::ActiveModel {
        model_id: Set(model),
        revision: Set(revision),
        body: Set(body.to_owned()),
        created_at: Set(now),
    }
    .insert(conn)
    .await?;
    Ok(())
}

fn body_json(model: &EntModel) -> Result<String> {
    serde_json::to_string(model)
        .map_err(|e| StoreError::Database(sea_orm::DbErr::Type(e.to_string())))
}
