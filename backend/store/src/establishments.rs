//! Establishments, as the caller may see and change them.
//!
//! Operator administrators see and change their tenant's; helpdesk agents
//! read them; school administrators read the establishments granted to them.

use crate::write_transaction::BeginWrite;
use std::collections::HashMap;

use chrono::Utc;
use relais_domain::{
    Academy, Commune, EstablishmentId, EstablishmentKind, EstablishmentName, EstablishmentStatus,
    PostalCode, Publication, Role, Uai, fold_for_search,
};
use sea_orm::sea_query::Query;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait,
    FromQueryResult, JoinType, QueryFilter, QueryOrder, QuerySelect, QueryTrait, RelationTrait,
    Set, Statement, Unchanged,
};
use uuid::Uuid;

use crate::caller::TenantFilter;
use crate::entities::{
    base_diagnostics, base_member, base_model, cas_check, ent_model, establishment,
    pending_model_update, pronote_base, school_admin_grant,
};
use crate::establishment_record::{Establishment, establishments_of};
use crate::page::{Order, fetch_page};
use crate::{AuditAction, AuditEntry, Caller, Page, PageRequest, Result, StoreError};

/// The values of an establishment besides its UAI, every one checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EstablishmentFields {
    pub name: EstablishmentName,
    pub kind: EstablishmentKind,
    pub commune: Option<Commune>,
    pub postal_code: Option<PostalCode>,
    pub academy: Option<Academy>,
    pub status: EstablishmentStatus,
}

/// An establishment to create (or to import).
#[derive(Debug, Clone)]
pub struct NewEstablishment {
    /// Parsed with `Uai::parse`, or with `Uai::parse_acknowledging_checksum`
    /// when an operator confirmed a code whose check letter is wrong.
    pub uai: Uai,
    pub fields: EstablishmentFields,
}

/// Search criteria; all optional, combined with AND.
#[derive(Debug, Clone, Default)]
pub struct EstablishmentFilter {
    pub uai_prefix: Option<String>,
    /// Words that must all appear in the name (case and accents ignored).
    pub name_words: Option<String>,
    pub academy: Option<String>,
    pub kind: Option<EstablishmentKind>,
    pub status: Option<EstablishmentStatus>,
    pub configuration: Option<ConfigurationState>,
}

/// One row of the operator dashboard: an establishment and, when a base
/// serves it, the base's values the dashboard and its diagnostics need.
#[derive(Debug, Clone, FromQueryResult)]
pub struct DashboardRecord {
    pub id: Uuid,
    pub uai: String,
    pub name: String,
    pub kind: String,
    pub commune: Option<String>,
    pub academy: Option<String>,
    pub status: String,
    pub base_id: Option<Uuid>,
    pub group_uai: Option<String>,
    pub hosting: Option<String>,
    pub school_year: Option<String>,
    pub publication: Option<String>,
    /// When the base's last « Tester l'authentification » ran and how it
    /// went (`OK`, `WARNING`, `FAILED`); empty when never run.
    pub cas_checked_at: Option<chrono::DateTime<Utc>>,
    pub cas_outcome: Option<String>,
    /// The public URL and settings are read only when the base's
    /// diagnostics summary is missing or stale (then the caller diagnoses
    /// the base itself); otherwise `diagnostics_errors` and
    /// `diagnostics_warnings` hold the summary.
    pub public_url: Option<String>,
    pub ent_credentials_distributed: Option<bool>,
    pub settings: Option<String>,
    pub diagnostics_errors: Option<i32>,
    pub diagnostics_warnings: Option<i32>,
    /// The model the base applied, whether it was withdrawn since, and the
    /// revision a pending update starts from.
    pub model_name: Option<String>,
    pub model_withdrawn: Option<bool>,
    pub pending_from: Option<i32>,
}

/// Where an establishment stands with its PRONOTE base.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfigurationState {
    /// No base serves it yet.
    NoBase,
    /// Its base is not published.
    Stopped,
    /// Its base is published.
    Published,
}

/// What an import did, or would do, to one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportOutcome {
    Created,
    Updated,
    Unchanged,
}

/// Past this many rows per INSERT, statements are split (SQLite's limit on
/// bound parameters).
const INSERT_CHUNK: usize = 500;

pub struct EstablishmentRepo<'a> {
    db: &'a DatabaseConnection,
    caller: &'a Caller,
}

impl<'a> EstablishmentRepo<'a> {
    pub(crate) fn new(db: &'a DatabaseConnection, caller: &'a Caller) -> Self {
        Self { db, caller }
    }

    /// Establishments the caller may see.
    fn visible(&self) -> Result<sea_orm::Select<establishment::Entity>> {
        let mut query = establishment::Entity::find();
        match self.caller.tenant_filter() {
            TenantFilter::All => {}
            TenantFilter::Only(id) => query = query.filter(establishment::Column::TenantId.eq(id)),
            TenantFilter::Nothing => return Err(StoreError::NotFound),
        }
        if self.caller.role == Role::SchoolAdmin {
            let user = self.caller.user_id.ok_or(StoreError::NotFound)?;
            query = query.filter(
                establishment::Column::Id.in_subquery(
                    Query::select()
                        .column(school_admin_grant::Column::EstablishmentId)
                        .from(school_admin_grant::Entity)
                        .and_where(school_admin_grant::Column::UserId.eq(user))
                        .to_owned(),
                ),
            );
        }
        Ok(query)
    }

    /// The tenant a write goes to: the caller's own, or for platform
    /// administrators the one they name. Only administrators write.
    fn write_tenant(&self, requested: Option<Uuid>) -> Result<Uuid> {
        self.caller.require_tenant_administrator()?;
        match (self.caller.tenant_filter(), requested) {
            (TenantFilter::Only(own), None) => Ok(own),
            (TenantFilter::Only(own), Some(id)) if id == own => Ok(own),
            (TenantFilter::All, Some(id)) => Ok(id),
            (TenantFilter::All, None) => Err(relais_domain::DomainError::validation(
                "tenantId",
                "Choisissez l'opérateur auquel ces établissements appartiennent.",
            )
            .into()),
            _ => Err(StoreError::NotFound),
        }
    }

    #[tracing::instrument(skip_all, err(level = "info"), fields(establishment = %id))]
    pub async fn get(&self, id: EstablishmentId) -> Result<Establishment> {
        self.visible()?
            .filter(establishment::Column::Id.eq(id.uuid()))
            .one(self.db)
            .await?
            .ok_or(StoreError::NotFound)?
            .try_into()
    }

    /// By UAI within the caller's tenant. Two tenants may hold the same UAI
    /// (each its own copy of the establishment): a platform administrator
    /// who sees both gets `VALIDATION` on `tenantId`, never one of them at
    /// random (issue 13, item 13); see [`Self::get_by_uai_in`] and
    /// [`Self::list_by_uai`].
    pub async fn get_by_uai(&self, uai: &Uai) -> Result<Establishment> {
        self.get_by_uai_in(uai, None).await
    }

    /// By UAI, in `tenant` when given.
    pub async fn get_by_uai_in(&self, uai: &Uai, tenant: Option<Uuid>) -> Result<Establishment> {
        let mut query = self
            .visible()?
            .filter(establishment::Column::Uai.eq(uai.as_str()));
        if let Some(tenant) = tenant {
            query = query.filter(establishment::Column::TenantId.eq(tenant));
        }
        let mut found = query
            .order_by_asc(establishment::Column::TenantId)
            .limit(2)
            .all(self.db)
            .await?;
        match found.len() {
            0 => Err(StoreError::NotFound),
            1 => found.pop().ok_or(StoreError::NotFound)?.try_into(),
            _ => Err(relais_domain::DomainError::validation(
                "tenantId",
                format!(
                    "Le code UAI {uai} existe chez plusieurs opérateurs : précisez l'opérateur (tenantId), ou listez-les (establishmentsByUai)."
                ),
            )
            .into()),
        }
    }

    /// Every visible establishment with this UAI (one per tenant at most).
    pub async fn list_by_uai(&self, uai: &Uai) -> Result<Vec<Establishment>> {
        establishments_of(
            self.visible()?
                .filter(establishment::Column::Uai.eq(uai.as_str()))
                .order_by_asc(establishment::Column::TenantId)
                .limit(1000)
                .all(self.db)
                .await?,
        )
    }

    #[tracing::instrument(skip_all, err(level = "info"))]
    pub async fn search(
        &self,
        filter: &EstablishmentFilter,
        page: PageRequest,
    ) -> Result<Page<Establishment>> {
        fetch_page(
            self.db,
            self.filtered(filter)?,
            establishment::Column::Id,
            Order::OldestFirst,
            page,
        )
        .await?
        .try_map(Establishment::try_from)
    }

    /// Like [`EstablishmentRepo::search`], each establishment with what the
    /// operator dashboard shows of its base, in one statement reading only
    /// the columns needed.
    #[tracing::instrument(skip_all, err(level = "info"))]
    pub async fn search_dashboard(
        &self,
        filter: &EstablishmentFilter,
        page: PageRequest,
    ) -> Result<Page<DashboardRecord>> {
        let mut query = self.filtered(filter)?;
        if let Some(after) = page.after {
            query = query.filter(establishment::Column::Id.gt(after));
        }
        let rows = query
            .select_only()
            .column(establishment::Column::Id)
            .column(establishment::Column::Uai)
            .column(establishment::Column::Name)
            .column(establishment::Column::Kind)
            .column(establishment::Column::Commune)
            .column(establishment::Column::Academy)
            .column(establishment::Column::Status)
            .column_as(pronote_base::Column::Id, "base_id")
            .column_as(pronote_base::Column::GroupUai, "group_uai")
            .column_as(pronote_base::Column::Hosting, "hosting")
            .column_as(pronote_base::Column::SchoolYear, "school_year")
            .column_as(pronote_base::Column::Publication, "publication")
            .column_as(cas_check::Column::CheckedAt, "cas_checked_at")
            .column_as(cas_check::Column::Outcome, "cas_outcome")
            .expr_as(
                only_when_stale(pronote_base::Column::PublicUrl),
                "public_url",
            )
            .column_as(
                pronote_base::Column::EntCredentialsDistributed,
                "ent_credentials_distributed",
            )
            .expr_as(only_when_stale(pronote_base::Column::Settings), "settings")
            .column_as(base_diagnostics::Column::Errors, "diagnostics_errors")
            .column_as(base_diagnostics::Column::Warnings, "diagnostics_warnings")
            .column_as(ent_model::Column::Name, "model_name")
            .column_as(ent_model::Column::Withdrawn, "model_withdrawn")
            .column_as(pending_model_update::Column::FromRevision, "pending_from")
            .join(
                JoinType::LeftJoin,
                base_member::Relation::Establishment.def().rev(),
            )
            .join(JoinType::LeftJoin, base_member::Relation::Base.def())
            .join(JoinType::LeftJoin, base_model::Relation::Base.def().rev())
            .join(JoinType::LeftJoin, base_model::Relation::Model.def())
            .join(
                JoinType::LeftJoin,
                pending_model_update::Relation::Base.def().rev(),
            )
            .join(
                JoinType::LeftJoin,
                base_diagnostics::Relation::Base.def().rev(),
            )
            .join(JoinType::LeftJoin, last_cas_check())
            .order_by_asc(establishment::Column::Id)
            .limit(page.first + 1);
        let rows = if self.db.get_database_backend() == DbBackend::Sqlite {
            dashboard_rows_as_one_document(self.db, rows).await?
        } else {
            rows.into_model::<DashboardRecord>().all(self.db).await?
        };
        Ok(Page::from_overfetch(rows, page))
    }

    /// The UAIs of the closed establishments served by a base, per base, for
    /// every base the caller may see: one statement (closed establishments
    /// are few).
    pub async fn closed_by_base(&self) -> Result<HashMap<Uuid, Vec<String>>> {
        let rows = self
            .visible()?
            .filter(establishment::Column::Status.eq(EstablishmentStatus::Closed.as_str()))
            .join(
                JoinType::InnerJoin,
                base_member::Relation::Establishment.def().rev(),
            )
            .select_also(base_member::Entity)
            .all(self.db)
            .await?;
        let mut out: HashMap<Uuid, Vec<String>> = HashMap::new();
        for (establishment, member) in rows {
            if let Some(member) = member {
                out.entry(member.base_id)
                    .or_default()
                    .push(establishment.uai);
            }
        }
        Ok(out)
    }

    /// The visible establishments matching `filter`, unordered.
    fn filtered(
        &self,
        filter: &EstablishmentFilter,
    ) -> Result<sea_orm::Select<establishment::Entity>> {
        let mut query = self.visible()?;
        if let Some(prefix) = filter
            .uai_prefix
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            let prefix: String = prefix
                .to_uppercase()
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect();
            query = query.filter(establishment::Column::Uai.starts_with(prefix));
        }
        if let Some(words) = filter.name_words.as_deref() {
            for word in fold_for_search(words).split(' ').filter(|w| !w.is_empty()) {
                query = query.filter(establishment::Column::NameSearch.contains(word));
            }
        }
        if let Some(academy) = filter
            .academy
            .as_deref()
            .map(str::trim)
            .filter(|a| !a.is_empty())
        {
            query = query.filter(establishment::Column::Academy.eq(academy));
        }
        if let Some(kind) = filter.kind {
            query = query.filter(establishment::Column::Kind.eq(kind.as_str()));
        }
        if let Some(status) = filter.status {
            query = query.filter(establishment::Column::Status.eq(status.as_str()));
        }
        if let Some(state) = filter.configuration {
            let mut on_a_base = Query::select()
                .column(base_member::Column::EstablishmentId)
                .from(base_member::Entity)
                .to_owned();
            query = match state {
                ConfigurationState::NoBase => {
                    query.filter(establishment::Column::Id.not_in_subquery(on_a_base))
                }
                ConfigurationState::Stopped | ConfigurationState::Published => {
                    let publication = if state == ConfigurationState::Published {
                        Publication::Published
                    } else {
                        Publication::Stopped
                    };
                    let bases = Query::select()
                        .column(pronote_base::Column::Id)
                        .from(pronote_base::Entity)
                        .and_where(pronote_base::Column::Publication.eq(publication.as_str()))
                        .to_owned();
                    query.filter(
                        establishment::Column::Id.in_subquery(
                            on_a_base
                                .and_where(base_member::Column::BaseId.in_subquery(bases))
                                .to_owned(),
                        ),
                    )
                }
            };
        }
        Ok(query)
    }

    /// Every visible establishment, by UAI (CSV export).
    pub async fn all_by_uai(&self) -> Result<Vec<Establishment>> {
        establishments_of(
            self.visible()?
                .order_by_asc(establishment::Column::Uai)
                .all(self.db)
                .await?,
        )
    }

    #[tracing::instrument(skip_all, err(level = "info"), fields(uai = %new.uai))]
    pub async fn create(
        &self,
        tenant: Option<Uuid>,
        new: NewEstablishment,
    ) -> Result<Establishment> {
        let tenant_id = self.write_tenant(tenant)?;
        let txn = self.db.begin_write().await?;
        let now = Utc::now();
        let model = active_model(tenant_id, Uuid::now_v7(), &new, now)
            .insert(&txn)
            .await
            .map_err(|e| {
                StoreError::unique(
                    e,
                    "uai",
                    format!(
                        "L'établissement {} existe déjà chez cet opérateur.",
                        new.uai
                    ),
                )
            })?;
        AuditEntry::by(
            self.caller,
            AuditAction::EstablishmentCreated,
            "ESTABLISHMENT",
        )
        .tenant(Some(tenant_id))
        .target(model.id)
        .summary(format!(
            "Établissement {} créé ({}).",
            new.uai, new.fields.name
        ))
        .write(&txn)
        .await?;
        txn.commit().await?;
        model.try_into()
    }

    #[tracing::instrument(skip_all, err(level = "info"), fields(establishment = %id))]
    pub async fn update(
        &self,
        id: EstablishmentId,
        fields: EstablishmentFields,
    ) -> Result<Establishment> {
        let current = self.get(id).await?;
        let tenant_id = current.tenant_id.uuid();
        self.write_tenant(Some(tenant_id))?;
        let txn = self.db.begin_write().await?;
        let mut model = establishment::ActiveModel {
            id: Unchanged(id.uuid()),
            ..Default::default()
        };
        set_fields(&mut model, &fields);
        model.updated_at = Set(Utc::now());
        let updated = Establishment::try_from(model.update(&txn).await?)?;
        AuditEntry::by(
            self.caller,
            AuditAction::EstablishmentUpdated,
            "ESTABLISHMENT",
        )
        .tenant(Some(tenant_id))
        .target(id.uuid())
        .summary(format!("Établissement {} modifié.", current.uai))
        .write(&txn)
        .await?;
        txn.commit().await?;
        Ok(updated)
    }

    /// Upserts `rows` keyed by UAI into the tenant. Returns one outcome per
    /// row. With `commit` false nothing is written (dry run); with `commit`
    /// true everything is written in one transaction, or nothing.
    /// `rows` must not repeat a UAI.
    #[tracing::instrument(skip_all, err(level = "info"), fields(rows = rows.len(), commit))]
    pub async fn import(
        &self,
        tenant: Option<Uuid>,
        rows: &[NewEstablishment],
        commit: bool,
    ) -> Result<Vec<ImportOutcome>> {
        let tenant_id = self.write_tenant(tenant)?;
        let existing: HashMap<String, establishment::Model> = establishment::Entity::find()
            .filter(establishment::Column::TenantId.eq(tenant_id))
            .all(self.db)
            .await?
            .into_iter()
            .map(|m| (m.uai.clone(), m))
            .collect();
        let now = Utc::now();
        let mut outcomes = Vec::with_capacity(rows.len());
        let mut inserts = Vec::new();
        let mut updates = Vec::new();
        for row in rows {
            match existing.get(row.uai.as_str()) {
                None => {
                    outcomes.push(ImportOutcome::Created);
                    inserts.push(active_model(tenant_id, Uuid::now_v7(), row, now));
                }
                Some(current) if same_values(current, row) => {
                    outcomes.push(ImportOutcome::Unchanged)
                }
                Some(current) => {
                    outcomes.push(ImportOutcome::Updated);
                    let mut model: establishment::ActiveModel = current.clone().into();
                    set_fields(&mut model, &row.fields);
                    model.uai_checksum_acknowledged = Set(!row.uai.has_valid_check_letter());
                    model.updated_at = Set(now);
                    updates.push(model);
                }
            }
        }
        if !commit || (inserts.is_empty() && updates.is_empty()) {
            return Ok(outcomes);
        }
        let (created, updated) = (inserts.len(), updates.len());
        let txn = self.db.begin_write().await?;
        let mut inserts = inserts.into_iter().peekable();
        while inserts.peek().is_some() {
            let chunk: Vec<_> = inserts.by_ref().take(INSERT_CHUNK).collect();
            establishment::Entity::insert_many(chunk).exec(&txn).await?;
        }
        for model in updates {
            model.update(&txn).await?;
        }
        AuditEntry::by(
            self.caller,
            AuditAction::EstablishmentsImported,
            "ESTABLISHMENT",
        )
        .tenant(Some(tenant_id))
        .summary(format!(
            "Import d'établissements : {created} créé(s), {updated} modifié(s), {} inchangé(s).",
            rows.len() - created - updated
        ))
        .write(&txn)
        .await?;
        txn.commit().await?;
        Ok(outcomes)
    }
}

fn active_model(
    tenant_id: Uuid,
    id: Uuid,
    new: &NewEstablishment,
    now: chrono::DateTime<Utc>,
) -> establishment::ActiveModel {
    let mut model = establishment::ActiveModel {
        id: Set(id),
        tenant_id: Set(tenant_id),
        uai: Set(new.uai.as_str().to_owned()),
        uai_checksum_acknowledged: Set(!new.uai.has_valid_check_letter()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    set_fields(&mut model, &new.fields);
    model
}

fn set_fields(model: &mut establishment::ActiveModel, fields: &EstablishmentFields) {
    model.name = Set(fields.name.as_str().to_owned());
    model.name_search = Set(fold_for_search(fields.name.as_str()));
    model.kind = Set(fields.kind.as_str().to_owned());
    model.commune = Set(fields.commune.as_ref().map(|v| v.as_str().to_owned()));
    model.postal_code = Set(fields.postal_code.as_ref().map(|v| v.as_str().to_owned()));
    model.academy = Set(fields.academy.as_ref().map(|v| v.as_str().to_owned()));
    model.status = Set(fields.status.as_str().to_owned());
}

fn same_values(current: &establishment::Model, row: &NewEstablishment) -> bool {
    let f = &row.fields;
    current.name == f.name.as_str()
        && current.kind == f.kind.as_str()
        && current.commune.as_deref() == f.commune.as_ref().map(|v| v.as_str())
        && current.postal_code.as_deref() == f.postal_code.as_ref().map(|v| v.as_str())
        && current.academy.as_deref() == f.academy.as_ref().map(|v| v.as_str())
        && current.status == f.status.as_str()
        && current.uai_checksum_acknowledged != row.uai.has_valid_check_letter()
}

/// The base's last « Tester l'authentification » (one row per base).
fn last_cas_check() -> sea_orm::RelationDef {
    let check: sea_orm::RelationDef = cas_check::Entity::belongs_to(pronote_base::Entity)
        .from(cas_check::Column::BaseId)
        .to(pronote_base::Column::Id)
        .into();
    check.rev()
}

/// `column` of the base when its diagnostics summary is missing or older
/// than the base, NULL otherwise: the dashboard reads and parses a base's
/// settings only when it must diagnose the base itself.
fn only_when_stale(column: pronote_base::Column) -> sea_orm::sea_query::SimpleExpr {
    use sea_orm::sea_query::{Expr, ExprTrait};
    Expr::case(
        Expr::col((
            base_diagnostics::Entity,
            base_diagnostics::Column::BaseVersion,
        ))
        .eq(Expr::col((
            pronote_base::Entity,
            pronote_base::Column::Version,
        ))),
        Expr::cust("NULL"),
    )
    .finally(Expr::col((pronote_base::Entity, column)))
    .into()
}

/// The dashboard's page on SQLite, as one row holding a JSON array of rows.
///
/// The SQLite driver runs statements on a worker thread and hands every
/// result row to the async side through a channel: 1,000 rows are 1,000
/// cross-thread wake-ups and as many row copies, most of the dashboard's
/// time (issue 20). Aggregated by SQLite itself, the page crosses once.
/// Identifiers (BLOBs) travel as hex (or as they are, were one stored as
/// text), booleans as 0/1.
async fn dashboard_rows_as_one_document(
    db: &DatabaseConnection,
    select: sea_orm::Select<establishment::Entity>,
) -> Result<Vec<DashboardRecord>> {
    let inner = select.build(DbBackend::Sqlite);
    let sql = format!(
        "SELECT json_group_array(json_array(iif(typeof(id) = 'blob', hex(id), id), uai, name, kind, academy, status, \
         iif(typeof(base_id) = 'blob', hex(base_id), base_id), group_uai, school_year, publication, public_url, \
         ent_credentials_distributed, settings, diagnostics_errors, diagnostics_warnings, \
         model_name, model_withdrawn, pending_from, commune, hosting, \
         strftime('%Y-%m-%dT%H:%M:%SZ', cas_checked_at), cas_outcome) ORDER BY id) AS page \
         FROM ({}) AS dashboard_page",
        inner.sql
    );
    let statement = match inner.values {
        Some(values) => Statement::from_sql_and_values(DbBackend::Sqlite, sql, values),
        None => Statement::from_string(DbBackend::Sqlite, sql),
    };
    let document: String = db
        .query_one_raw(statement)
        .await?
        .ok_or_else(|| corrupt("no row"))?
        .try_get("", "page")?;
    let rows: Vec<JsonDashboardRow> =
        serde_json::from_str(&document).map_err(|e| corrupt(&e.to_string()))?;
    rows.into_iter()
        .map(JsonDashboardRow::into_record)
        .collect()
}

fn corrupt(what: &str) -> StoreError {
    StoreError::Database(sea_orm::DbErr::Type(format!("dashboard page: {what}")))
}

/// One element of [`dashboard_rows_as_one_document`]'s array, in the
/// order of its `json_array`.
#[derive(serde::Deserialize)]
struct JsonDashboardRow(
    String,
    String,
    String,
    String,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<i64>,
    Option<String>,
    Option<i32>,
    Option<i32>,
    Option<String>,
    Option<i64>,
    Option<i32>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

impl JsonDashboardRow {
    fn into_record(self) -> Result<DashboardRecord> {
        let uuid = |hex: &str| Uuid::try_parse(hex).map_err(|e| corrupt(&e.to_string()));
        Ok(DashboardRecord {
            id: uuid(&self.0)?,
            uai: self.1,
            name: self.2,
            kind: self.3,
            commune: self.18,
            academy: self.4,
            status: self.5,
            base_id: self
                .6
                .as_deref()
                .filter(|h| !h.is_empty())
                .map(uuid)
                .transpose()?,
            group_uai: self.7,
            hosting: self.19,
            school_year: self.8,
            publication: self.9,
            cas_checked_at: self
                .20
                .as_deref()
                .map(|at| {
                    chrono::DateTime::parse_from_rfc3339(at)
                        .map(|at| at.with_timezone(&Utc))
                        .map_err(|e| corrupt(&e.to_string()))
                })
                .transpose()?,
            cas_outcome: self.21,
            public_url: self.10,
            ent_credentials_distributed: self.11.map(|b| b != 0),
            settings: self.12,
            diagnostics_errors: self.13,
            diagnostics_warnings: self.14,
            model_name: self.15,
            model_withdrawn: self.16.map(|b| b != 0),
            pending_from: self.17,
        })
    }
}
