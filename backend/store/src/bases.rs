//! PRONOTE bases and the establishments each serves, as the caller may see
//! and change them.
//!
//! Operator administrators see and change their tenant's bases; helpdesk
//! agents read them; school administrators see and edit the bases that serve
//! an establishment granted to them, and nothing else (docs/domain.md §1).

use crate::write_transaction::BeginWrite;
use std::collections::HashMap;

use chrono::Utc;
use relais_domain::delegation::DelegationSettings;
use relais_domain::events::DomainEvent;
use relais_domain::web_url::WebUrl;
use relais_domain::{
    BaseId, EstablishmentId, Hosting, PronoteVersion, Publication, Role, SchoolYear, ServerAddress,
};
use sea_orm::sea_query::Query;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

use crate::base_record::{Base, bases_of};
use crate::caller::TenantFilter;
use crate::entities::{
    base_member, base_model, establishment, pending_model_update, pronote_base, school_admin_grant,
};
use crate::establishment_record::Establishment;
use crate::establishments::EstablishmentRepo;
use crate::event_log::EventLog;
use crate::page::{Order, fetch_page};
use crate::{AuditAction, AuditEntry, Caller, Page, PageRequest, Result, StoreError};

/// The values of a base besides its establishments and settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseFields {
    pub hosting: Hosting,
    pub pronote_version: Option<PronoteVersion>,
    pub school_year: SchoolYear,
    pub public_url: Option<WebUrl>,
    pub server_address: Option<ServerAddress>,
    /// The ENT has given its users their credentials (direct access may be
    /// turned off).
    pub ent_credentials_distributed: bool,
}

/// A base to create: its main establishment (whose UAI keys the exports)
/// and the others of the cité scolaire.
#[derive(Debug, Clone)]
pub struct NewBase {
    pub group_establishment: Uuid,
    pub other_establishments: Vec<Uuid>,
    pub fields: BaseFields,
    pub settings: DelegationSettings,
}

/// List criteria; combined with AND.
#[derive(Debug, Clone, Default)]
pub struct BaseFilter {
    pub publication: Option<Publication>,
    /// Bases still on an older school year than this one (rentrée).
    pub school_year_before: Option<SchoolYear>,
    /// Bases already on this school year or a later one (rentrée done).
    pub school_year_from: Option<SchoolYear>,
    /// Bases whose settings came from this model.
    pub model: Option<Uuid>,
    /// Bases with a model update waiting for a person.
    pub pending_model_update: Option<bool>,
}

pub struct BaseRepo<'a> {
    db: &'a DatabaseConnection,
    caller: &'a Caller,
    /// Where this process's subscribers hear the events of its writes at
    /// once; without it (a repository only read from inside another), the
    /// relay's next read hands them out.
    events: Option<&'a EventLog>,
}

impl<'a> BaseRepo<'a> {
    pub(crate) fn new(db: &'a DatabaseConnection, caller: &'a Caller) -> Self {
        Self {
            db,
            caller,
            events: None,
        }
    }

    pub(crate) fn with_events(mut self, events: &'a EventLog) -> Self {
        self.events = Some(events);
        self
    }

    /// Records `event` in `txn`, commits, and hands it to this process's
    /// subscribers.
    async fn commit_with(&self, txn: DatabaseTransaction, event: &DomainEvent) -> Result<()> {
        EventLog::record(&txn, event).await?;
        txn.commit().await?;
        if let Some(events) = self.events {
            events.hand_out_committed(self.db).await;
        }
        Ok(())
    }

    /// Bases the caller may see.
    pub(crate) fn visible(&self) -> Result<sea_orm::Select<pronote_base::Entity>> {
        let mut query = pronote_base::Entity::find();
        match self.caller.tenant_filter() {
            TenantFilter::All => {}
            TenantFilter::Only(id) => query = query.filter(pronote_base::Column::TenantId.eq(id)),
            TenantFilter::Nothing => return Err(StoreError::NotFound),
        }
        if self.caller.role == Role::SchoolAdmin {
            let user = self.caller.user_id.ok_or(StoreError::NotFound)?;
            query = query.filter(
                pronote_base::Column::Id.in_subquery(
                    Query::select()
                        .column(base_member::Column::BaseId)
                        .from(base_member::Entity)
                        .and_where(
                            base_member::Column::EstablishmentId.in_subquery(
                                Query::select()
                                    .column(school_admin_grant::Column::EstablishmentId)
                                    .from(school_admin_grant::Entity)
                                    .and_where(school_admin_grant::Column::UserId.eq(user))
                                    .to_owned(),
                            ),
                        )
                        .to_owned(),
                ),
            );
        }
        Ok(query)
    }

    /// Operator administrators create bases and move establishments.
    fn require_administrator(&self) -> Result<()> {
        self.caller.require_tenant_administrator()
    }

    /// Operator administrators, and school administrators on their own
    /// bases, edit a base; helpdesk agents only read.
    fn require_editor(&self) -> Result<()> {
        self.caller.require_editor()
    }

    #[tracing::instrument(skip_all, err(level = "info"), fields(base = %id))]
    pub async fn get(&self, id: BaseId) -> Result<Base> {
        self.visible()?
            .filter(pronote_base::Column::Id.eq(id.uuid()))
            .one(self.db)
            .await?
            .ok_or(StoreError::NotFound)?
            .try_into()
    }

    #[tracing::instrument(skip_all, err(level = "info"))]
    pub async fn list(&self, filter: &BaseFilter, page: PageRequest) -> Result<Page<Base>> {
        let mut query = self.visible()?;
        if let Some(publication) = filter.publication {
            query = query.filter(pronote_base::Column::Publication.eq(publication.as_str()));
        }
        if let Some(year) = filter.school_year_before {
            // `2025-2026` < `2026-2027` as strings: same width, year first.
            query = query.filter(pronote_base::Column::SchoolYear.lt(year.to_string()));
        }
        if let Some(year) = filter.school_year_from {
            query = query.filter(pronote_base::Column::SchoolYear.gte(year.to_string()));
        }
        if let Some(model) = filter.model {
            query = query.filter(
                pronote_base::Column::Id.in_subquery(
                    Query::select()
                        .column(base_model::Column::BaseId)
                        .from(base_model::Entity)
                        .and_where(base_model::Column::ModelId.eq(model))
                        .to_owned(),
                ),
            );
        }
        if let Some(pending) = filter.pending_model_update {
            let with_pending = Query::select()
                .column(pending_model_update::Column::BaseId)
                .from(pending_model_update::Entity)
                .to_owned();
            query = query.filter(if pending {
                pronote_base::Column::Id.in_subquery(with_pending)
            } else {
                pronote_base::Column::Id.not_in_subquery(with_pending)
            });
        }
        fetch_page(
            self.db,
            query,
            pronote_base::Column::Id,
            Order::OldestFirst,
            page,
        )
        .await?
        .try_map(Base::try_from)
    }

    /// Every visible base (per-tenant summaries).
    pub async fn all(&self) -> Result<Vec<Base>> {
        bases_of(
            self.visible()?
                .order_by_asc(pronote_base::Column::GroupUai)
                .all(self.db)
                .await?,
        )
    }

    /// The bases serving `establishments`, keyed by establishment id; two
    /// statements whatever the number of ids.
    pub async fn for_establishments(
        &self,
        establishments: &[EstablishmentId],
    ) -> Result<HashMap<EstablishmentId, Base>> {
        let members = base_member::Entity::find()
            .filter(
                base_member::Column::EstablishmentId
                    .is_in(establishments.iter().map(|id| id.uuid())),
            )
            .all(self.db)
            .await?;
        if members.is_empty() {
            return Ok(HashMap::new());
        }
        let bases: HashMap<BaseId, Base> = bases_of(
            self.visible()?
                .filter(pronote_base::Column::Id.is_in(members.iter().map(|m| m.base_id)))
                .all(self.db)
                .await?,
        )?
        .into_iter()
        .map(|b| (b.id, b))
        .collect();
        Ok(members
            .into_iter()
            .filter_map(|m| {
                bases
                    .get(&BaseId::from(m.base_id))
                    .map(|b| (EstablishmentId::from(m.establishment_id), b.clone()))
            })
            .collect())
    }

    /// The establishments each of `bases` serves, by UAI; two statements
    /// whatever the number of bases. Rows of another tenant are filtered
    /// out.
    pub async fn members(&self, bases: &[BaseId]) -> Result<HashMap<BaseId, Vec<Establishment>>> {
        let mut members = base_member::Entity::find()
            .filter(base_member::Column::BaseId.is_in(bases.iter().map(|id| id.uuid())));
        match self.caller.tenant_filter() {
            TenantFilter::All => {}
            TenantFilter::Only(tenant) => {
                members = members.filter(base_member::Column::TenantId.eq(tenant))
            }
            TenantFilter::Nothing => return Err(StoreError::NotFound),
        }
        let members = members.all(self.db).await?;
        if members.is_empty() {
            return Ok(HashMap::new());
        }
        let base_of: HashMap<Uuid, Uuid> = members
            .iter()
            .map(|m| (m.establishment_id, m.base_id))
            .collect();
        let rows = establishment::Entity::find()
            .filter(establishment::Column::Id.is_in(base_of.keys().copied()))
            .order_by_asc(establishment::Column::Uai)
            .all(self.db)
            .await?;
        let mut out: HashMap<BaseId, Vec<Establishment>> = HashMap::new();
        for row in rows {
            if let Some(base) = base_of.get(&row.id) {
                out.entry(BaseId::from(*base))
                    .or_default()
                    .push(row.try_into()?);
            }
        }
        Ok(out)
    }

    /// The base serving `establishment`, if any, with all the
    /// establishments it serves (a cité scolaire has several), by UAI.
    pub async fn serving(
        &self,
        establishment: EstablishmentId,
    ) -> Result<Option<(Base, Vec<Establishment>)>> {
        let Some(base) = self
            .for_establishments(&[establishment])
            .await?
            .remove(&establishment)
        else {
            return Ok(None);
        };
        let members = self
            .members(&[base.id])
            .await?
            .remove(&base.id)
            .unwrap_or_default();
        Ok(Some((base, members)))
    }

    #[tracing::instrument(skip_all, err(level = "info"))]
    pub async fn create(&self, new: NewBase) -> Result<Base> {
        self.require_administrator()?;
        let establishments = EstablishmentRepo::new(self.db, self.caller);
        let group = establishments
            .get(EstablishmentId::from(new.group_establishment))
            .await?;
        let mut others = Vec::new();
        for id in new
            .other_establishments
            .iter()
            .map(|id| EstablishmentId::from(*id))
            .filter(|id| *id != group.id)
        {
            let other = establishments.get(id).await?;
            if other.tenant_id != group.tenant_id {
                return Err(StoreError::NotFound);
            }
            if !others.iter().any(|o: &Establishment| o.id == other.id) {
                others.push(other);
            }
        }
        let now = Utc::now();
        let txn = self.db.begin_write().await?;
        let row = pronote_base::ActiveModel {
            id: Set(Uuid::now_v7()),
            tenant_id: Set(group.tenant_id.uuid()),
            group_uai: Set(group.uai.as_str().to_owned()),
            settings: Set(settings_json(&new.settings)?),
            version: Set(1),
            publication: Set(Publication::Stopped.as_str().to_owned()),
            created_at: Set(now),
            updated_at: Set(now),
            ..fields_model(&new.fields)
        }
        .insert(&txn)
        .await
        .map_err(|e| {
            StoreError::unique(
                e,
                "groupEstablishmentId",
                format!(
                    "Une base PRONOTE est déjà regroupée sous l'UAI {}.",
                    group.uai
                ),
            )
        })?;
        let base = Base::try_from(row)?;
        for member in std::iter::once(&group).chain(&others) {
            add_member(&txn, &base, member).await?;
        }
        crate::base_diagnostics::record(&txn, &base).await?;
        let uais: Vec<&str> = std::iter::once(&group)
            .chain(&others)
            .map(|e| e.uai.as_str())
            .collect();
        AuditEntry::by(self.caller, AuditAction::BaseCreated, "PRONOTE_BASE")
            .tenant(Some(base.tenant_id.uuid()))
            .target(base.id.uuid())
            .summary(format!(
                "Base PRONOTE {} créée pour {}.",
                base.fields.school_year,
                uais.join(", ")
            ))
            .write(&txn)
            .await?;
        txn.commit().await?;
        Ok(base)
    }

    /// Changes the base's own values. The version must be the one the
    /// client read.
    #[tracing::instrument(skip_all, err(level = "info"), fields(base = %id))]
    pub async fn update(
        &self,
        id: BaseId,
        expected_version: i32,
        fields: BaseFields,
    ) -> Result<Base> {
        self.require_editor()?;
        let current = self.get(id).await?;
        let model = fields_model(&fields);
        self.write_versioned(
            &current,
            expected_version,
            model,
            AuditAction::BaseUpdated,
            format!("Base PRONOTE {} modifiée.", current.group_uai),
            AfterWrite::SettingsChanged,
        )
        .await
    }

    /// Replaces the delegation settings: only while the base is not
    /// published (docs/domain.md §2), and only from the version the client read.
    #[tracing::instrument(skip_all, err(level = "info"), fields(base = %id))]
    pub async fn update_settings(
        &self,
        id: BaseId,
        expected_version: i32,
        settings: &DelegationSettings,
    ) -> Result<Base> {
        self.require_editor()?;
        let current = self.get(id).await?;
        if current.publication != Publication::Stopped {
            return Err(StoreError::Conflict {
                field: "publication",
                message: Publication::STOP_FIRST.to_owned(),
            });
        }
        let model = pronote_base::ActiveModel {
            settings: Set(settings_json(settings)?),
            ..Default::default()
        };
        self.write_versioned(
            &current,
            expected_version,
            model,
            AuditAction::DelegationSettingsUpdated,
            format!(
                "Paramètres de délégation de la base {} modifiés.",
                current.group_uai
            ),
            AfterWrite::SettingsChanged,
        )
        .await
    }

    /// Replaces the settings with those a model gives (computed by the
    /// caller) and records the model and revision they came from; the
    /// base's pending model update, if any, is resolved. Same rules as
    /// [`BaseRepo::update_settings`].
    #[tracing::instrument(skip_all, err(level = "info"), fields(base = %id))]
    pub async fn apply_model(
        &self,
        id: BaseId,
        expected_version: i32,
        settings: &DelegationSettings,
        model: Uuid,
        revision: i32,
        summary: String,
    ) -> Result<Base> {
        self.require_editor()?;
        let current = self.get(id).await?;
        if current.publication != Publication::Stopped {
            return Err(StoreError::Conflict {
                field: "publication",
                message: Publication::STOP_FIRST.to_owned(),
            });
        }
        let model_row = pronote_base::ActiveModel {
            settings: Set(settings_json(settings)?),
            ..Default::default()
        };
        self.write_versioned(
            &current,
            expected_version,
            model_row,
            AuditAction::ModelApplied,
            summary,
            AfterWrite::RecordModel { model, revision },
        )
        .await
    }

    /// Dismisses the base's pending model update: its settings stay as they
    /// are (and may no longer match the model). Answers whether there was one.
    #[tracing::instrument(skip_all, err(level = "info"), fields(base = %id))]
    pub async fn dismiss_model_update(&self, id: BaseId) -> Result<bool> {
        self.require_editor()?;
        let current = self.get(id).await?;
        let txn = self.db.begin_write().await?;
        let deleted = pending_model_update::Entity::delete_by_id(id.uuid())
            .exec(&txn)
            .await?
            .rows_affected;
        if deleted == 0 {
            return Ok(false);
        }
        AuditEntry::by(
            self.caller,
            AuditAction::ModelUpdateDismissed,
            "PRONOTE_BASE",
        )
        .tenant(Some(current.tenant_id.uuid()))
        .target(id.uuid())
        .summary(format!(
            "Mise à jour du modèle ignorée pour la base {} : ses paramètres restent inchangés.",
            current.group_uai
        ))
        .write(&txn)
        .await?;
        let dismissed = DomainEvent::ModelUpdateDismissed {
            tenant_id: current.tenant_id.uuid(),
            base_id: id.uuid(),
        };
        self.commit_with(txn, &dismissed).await?;
        Ok(true)
    }

    /// Publishes the base or stops its publication.
    #[tracing::instrument(skip_all, err(level = "info"), fields(base = %id))]
    pub async fn set_publication(
        &self,
        id: BaseId,
        expected_version: i32,
        publication: Publication,
    ) -> Result<Base> {
        self.require_editor()?;
        let current = self.get(id).await?;
        let model = pronote_base::ActiveModel {
            publication: Set(publication.as_str().to_owned()),
            ..Default::default()
        };
        self.write_versioned(
            &current,
            expected_version,
            model,
            AuditAction::BasePublicationChanged,
            format!("Base {} : {}.", current.group_uai, publication.label()),
            AfterWrite::PublicationChanged,
        )
        .await
    }

    /// Rentrée (docs/domain.md §6): the base moves to a later school year, with the
    /// PRONOTE version the ENT portal must expect; it starts unpublished.
    #[tracing::instrument(skip_all, err(level = "info"), fields(base = %id))]
    pub async fn start_school_year(
        &self,
        id: BaseId,
        expected_version: i32,
        year: SchoolYear,
        pronote_version: Option<PronoteVersion>,
    ) -> Result<Base> {
        self.require_editor()?;
        let current = self.get(id).await?;
        let current_year = current.fields.school_year;
        if year <= current_year {
            return Err(relais_domain::DomainError::validation(
                "schoolYear",
                format!(
                    "La base est déjà sur l'année {current_year} : choisissez une année scolaire postérieure."
                ),
            )
            .into());
        }
        let mut model = pronote_base::ActiveModel {
            school_year: Set(year.to_string()),
            publication: Set(Publication::Stopped.as_str().to_owned()),
            ..Default::default()
        };
        if let Some(version) = pronote_version {
            model.pronote_version = Set(Some(i32::from(version.year())));
        }
        self.write_versioned(
            &current,
            expected_version,
            model,
            AuditAction::BaseSchoolYearStarted,
            format!(
                "Rentrée : base {} passée de {} à {year}.",
                current.group_uai, current.fields.school_year
            ),
            AfterWrite::SettingsChanged,
        )
        .await
    }

    /// Moves an establishment onto `target` (from its current base, if
    /// any). The main establishment of a base cannot leave it.
    #[tracing::instrument(skip_all, err(level = "info"))]
    pub async fn move_establishment(&self, establishment_id: Uuid, target: BaseId) -> Result<Base> {
        self.require_administrator()?;
        let moved = EstablishmentRepo::new(self.db, self.caller)
            .get(EstablishmentId::from(establishment_id))
            .await?;
        let target = self.get(target).await?;
        if target.tenant_id != moved.tenant_id {
            return Err(StoreError::NotFound);
        }
        let current = base_member::Entity::find_by_id(establishment_id)
            .one(self.db)
            .await?;
        let from = match &current {
            Some(member) if member.base_id == target.id.uuid() => {
                return Err(StoreError::Conflict {
                    field: "baseId",
                    message: format!(
                        "L'établissement {} est déjà servi par cette base.",
                        moved.uai
                    ),
                });
            }
            Some(member) => Some(self.get(BaseId::from(member.base_id)).await?),
            None => None,
        };
        if let Some(from) = &from
            && from.group_uai == moved.uai
        {
            return Err(StoreError::Conflict {
                field: "establishmentId",
                message: format!(
                    "L'établissement {} est l'établissement principal de sa base (UAI de regroupement des exports) : il ne peut pas la quitter.",
                    moved.uai
                ),
            });
        }
        let txn = self.db.begin_write().await?;
        base_member::Entity::delete_by_id(establishment_id)
            .exec(&txn)
            .await?;
        add_member(&txn, &target, &moved).await?;
        AuditEntry::by(
            self.caller,
            AuditAction::EstablishmentMoved,
            "ESTABLISHMENT",
        )
        .tenant(Some(moved.tenant_id.uuid()))
        .target(moved.id.uuid())
        .summary(match &from {
            Some(from) => format!(
                "Établissement {} déplacé de la base {} vers la base {}.",
                moved.uai, from.group_uai, target.group_uai
            ),
            None => format!(
                "Établissement {} rattaché à la base {}.",
                moved.uai, target.group_uai
            ),
        })
        .write(&txn)
        .await?;
        txn.commit().await?;
        Ok(target)
    }

    /// Writes `changes` if the row is still at `expected_version`, bumping
    /// it; otherwise a `CONFLICT` (never a lost update).
    async fn write_versioned(
        &self,
        current: &Base,
        expected_version: i32,
        mut changes: pronote_base::ActiveModel,
        action: AuditAction,
        summary: String,
        after: AfterWrite,
    ) -> Result<Base> {
        let stale = || {
            StoreError::Conflict {
            field: "version",
            message: "La base a été modifiée entre-temps par quelqu'un d'autre : rechargez-la, puis refaites vos changements.".to_owned(),
        }
        };
        if current.version != expected_version {
            return Err(stale());
        }
        changes.version = Set(expected_version + 1);
        changes.updated_at = Set(Utc::now());
        let txn = self.db.begin_write().await?;
        let result = pronote_base::Entity::update_many()
            .set(changes)
            .filter(pronote_base::Column::Id.eq(current.id.uuid()))
            .filter(pronote_base::Column::Version.eq(expected_version))
            .exec(&txn)
            .await?;
        if result.rows_affected != 1 {
            return Err(stale());
        }
        after.run(&txn, current.id.uuid(), self.caller).await?;
        AuditEntry::by(self.caller, action, "PRONOTE_BASE")
            .tenant(Some(current.tenant_id.uuid()))
            .target(current.id.uuid())
            .summary(summary)
            .write(&txn)
            .await?;
        let updated = Base::try_from(
            pronote_base::Entity::find_by_id(current.id.uuid())
                .one(&txn)
                .await?
                .ok_or(StoreError::NotFound)?,
        )?;
        crate::base_diagnostics::record(&txn, &updated).await?;
        self.commit_with(txn, &after.of(&updated)).await?;
        Ok(updated)
    }
}

/// What a versioned write of a base also does, in the same transaction,
/// and the domain event it records.
#[derive(Clone, Copy)]
pub(crate) enum AfterWrite {
    /// Its own values or settings changed (edit, rentrée).
    SettingsChanged,
    /// Published or stopped.
    PublicationChanged,
    /// The settings now come from `model` at `revision`: remember it, and
    /// the base has no pending model update any more.
    RecordModel { model: Uuid, revision: i32 },
}

impl AfterWrite {
    /// The event of the write, once `base` is written.
    fn of(self, base: &Base) -> DomainEvent {
        let (tenant_id, base_id) = (base.tenant_id.uuid(), base.id.uuid());
        match self {
            AfterWrite::SettingsChanged => DomainEvent::BaseSettingsChanged {
                tenant_id,
                base_id,
                version: base.version,
            },
            AfterWrite::PublicationChanged => DomainEvent::BasePublicationChanged {
                tenant_id,
                base_id,
                version: base.version,
                published: base.publication != Publication::Stopped,
            },
            AfterWrite::RecordModel { model, revision } => DomainEvent::ModelUpdateApplied {
                tenant_id,
                base_id,
                model_id: model,
                revision,
            },
        }
    }

    async fn run<C: ConnectionTrait>(self, conn: &C, base: Uuid, caller: &Caller) -> Result<()> {
        match self {
            AfterWrite::SettingsChanged | AfterWrite::PublicationChanged => Ok(()),
            AfterWrite::RecordModel { model, revision } => {
                base_model::Entity::delete_by_id(base).exec(conn).await?;
                base_model::ActiveModel {
                    base_id: Set(base),
                    model_id: Set(model),
                    revision: Set(revision),
                    applied_at: Set(Utc::now()),
                    applied_by: Set(caller.email.clone()),
                }
                .insert(conn)
                .await?;
                pending_model_update::Entity::delete_by_id(base)
                    .exec(conn)
                    .await?;
                Ok(())
            }
        }
    }
}

fn settings_json(settings: &DelegationSettings) -> Result<String> {
    serde_json::to_string(settings)
        .map_err(|e| StoreError::Database(sea_orm::DbErr::Type(e.to_string())))
}

fn fields_model(fields: &BaseFields) -> pronote_base::ActiveModel {
    pronote_base::ActiveModel {
        hosting: Set(fields.hosting.as_str().to_owned()),
        pronote_version: Set(fields.pronote_version.map(|v| i32::from(v.year()))),
        school_year: Set(fields.school_year.to_string()),
        public_url: Set(fields.public_url.as_ref().map(|u| u.as_str().to_owned())),
        server_address: Set(fields
            .server_address
            .as_ref()
            .map(|a| a.as_str().to_owned())),
        ent_credentials_distributed: Set(fields.ent_credentials_distributed),
        ..Default::default()
    }
}

async fn add_member<C: ConnectionTrait>(
    conn: &C,
    base: &Base,
    member: &Establishment,
) -> Result<()> {
    base_member::ActiveModel {
        establishment_id: Set(member.id.uuid()),
        base_id: Set(base.id.uuid()),
        tenant_id: Set(base.tenant_id.uuid()),
    }
    .insert(conn)
    .await
    .map_err(|e| {
        StoreError::unique(
            e,
            "establishmentIds",
            format!(
                "L'établissement {} est déjà servi par une autre base PRONOTE : déplacez-le plutôt.",
                member.uai
            ),
        )
    })?;
    Ok(())
}
