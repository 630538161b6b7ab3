//! Who hears of the pending model updates an install created (issue 18):
//! a digest per operator administrator of each tenant whose bases got one,
//! and a message per school administrator of the bases concerned.
//!
//! [`ModelRepo::install`](crate::ModelRepo::install) reads the recipients
//! with [`notice_of`] inside its own transaction, hands the
//! [`PendingUpdateNotice`] to the caller's [`PendingUpdateMails`] (the API
//! renders the French e-mails) and enqueues what it returns in that same
//! transaction: the e-mails exist if and only if the pending updates do, so
//! a crash never loses them and the lease-based outbox sender delivers each
//! once across the replicas. Three grouped statements, whose rows grow with
//! the recipients, not with the bases.

use std::collections::BTreeMap;

use sea_orm::sea_query::{Alias, Expr, ExprTrait, Order, Query, SelectStatement};
use sea_orm::{ConnectionTrait, QueryResult};
use uuid::Uuid;

use crate::Result;
use crate::entities::{
    base_member, base_model, establishment, pronote_base, school_admin_grant, user,
};
use crate::outbox::NewOutboxMessage;

/// A model whose bases got a pending update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingModel {
    pub id: Uuid,
    pub name: String,
    /// `None`: the model was withdrawn from its list.
    pub to_revision: Option<i32>,
}

/// Someone told about pending updates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    pub user_id: Uuid,
    pub tenant_id: Uuid,
    pub email: String,
    pub display_name: String,
}

/// An operator administrator's digest: per model, how many of the tenant's
/// bases have a pending update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperatorDigest {
    pub recipient: Recipient,
    /// (model, bases of the tenant), by model name.
    pub models: Vec<(PendingModel, u64)>,
}

/// A base with a pending update, as a school administrator knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingBase {
    pub base_id: Uuid,
    pub group_uai: String,
    /// The name of the establishment whose UAI is the base's group UAI.
    pub establishment: Option<String>,
    pub model: PendingModel,
}

/// A school administrator's message: the bases of their establishments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchoolAdminNotice {
    pub recipient: Recipient,
    /// By group UAI.
    pub bases: Vec<PendingBase>,
}

/// What an install's pending updates are notified with.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PendingUpdateNotice {
    /// The name of the model list (source).
    pub source_name: String,
    pub operators: Vec<OperatorDigest>,
    pub school_admins: Vec<SchoolAdminNotice>,
}

impl PendingUpdateNotice {
    pub fn is_empty(&self) -> bool {
        self.operators.is_empty() && self.school_admins.is_empty()
    }
}

/// Renders the e-mails of a notice (the API's French templates). Called
/// inside the install's transaction: it must not fail nor wait.
pub type PendingUpdateMails<'f> =
    &'f (dyn Fn(&PendingUpdateNotice) -> Vec<NewOutboxMessage> + Send + Sync);

fn get<T: sea_orm::TryGetable>(row: &QueryResult, column: &str) -> Result<T> {
    Ok(row.try_get("", column)?)
}

/// The bases that apply one of `models` (those the install just gave a
/// pending update), joined with their base row.
fn concerned_bases(models: &[Uuid]) -> SelectStatement {
    Query::select()
        .from(base_model::Entity)
        .inner_join(
            pronote_base::Entity,
            Expr::col((pronote_base::Entity, pronote_base::Column::Id))
                .equals((base_model::Entity, base_model::Column::BaseId)),
        )
        .and_where(
            Expr::col((base_model::Entity, base_model::Column::ModelId))
                .is_in(models.iter().copied()),
        )
        .to_owned()
}

/// The recipients of the pending updates of `models`, read on `conn` (the
/// install's transaction).
pub(crate) async fn notice_of<C: ConnectionTrait>(
    conn: &C,
    source_name: &str,
    models: &[PendingModel],
) -> Result<PendingUpdateNotice> {
    let mut notice = PendingUpdateNotice {
        source_name: source_name.to_owned(),
        ..PendingUpdateNotice::default()
    };
    if models.is_empty() {
        return Ok(notice);
    }
    let by_id: BTreeMap<Uuid, &PendingModel> = models.iter().map(|m| (m.id, m)).collect();
    let ids: Vec<Uuid> = by_id.keys().copied().collect();

    // Per tenant and model, the number of bases.
    let counts = concerned_bases(&ids)
        .column((pronote_base::Entity, pronote_base::Column::TenantId))
        .column((base_model::Entity, base_model::Column::ModelId))
        .expr_as(
            Expr::col((base_model::Entity, base_model::Column::BaseId)).count(),
            Alias::new("bases"),
        )
        .group_by_col((pronote_base::Entity, pronote_base::Column::TenantId))
        .group_by_col((base_model::Entity, base_model::Column::ModelId))
        .to_owned();
    let mut per_tenant: BTreeMap<Uuid, Vec<(PendingModel, u64)>> = BTreeMap::new();
    for row in conn.query_all(&counts).await? {
        let tenant: Uuid = get(&row, "tenant_id")?;
        let model: Uuid = get(&row, "model_id")?;
        let bases: i64 = get(&row, "bases")?;
        if let Some(model) = by_id.get(&model) {
            per_tenant
                .entry(tenant)
                .or_default()
                .push(((*model).clone(), u64::try_from(bases).unwrap_or(0)));
        }
    }
    for models in per_tenant.values_mut() {
        models.sort_by(|a, b| a.0.name.cmp(&b.0.name));
    }
    if per_tenant.is_empty() {
        return Ok(notice);
    }

    let operators = Query::select()
        .columns([
            user::Column::Id,
            user::Column::TenantId,
            user::Column::Email,
            user::Column::DisplayName,
        ])
        .from(user::Entity)
        .and_where(Expr::col(user::Column::Role).eq("OPERATOR_ADMIN"))
        .and_where(Expr::col(user::Column::Disabled).eq(false))
        .and_where(Expr::col(user::Column::TenantId).is_in(per_tenant.keys().copied()))
        .order_by(user::Column::Email, Order::Asc)
        .to_owned();
    for row in conn.query_all(&operators).await? {
        let recipient = Recipient {
            user_id: get(&row, "id")?,
            tenant_id: get(&row, "tenant_id")?,
            email: get(&row, "email")?,
            display_name: get(&row, "display_name")?,
        };
        if let Some(models) = per_tenant.get(&recipient.tenant_id) {
            notice.operators.push(OperatorDigest {
                models: models.clone(),
                recipient,
            });
        }
    }

    // Each (school administrator, base) once, whatever the number of the
    // base's establishments granted to them.
    let admins = concerned_bases(&ids)
        .distinct()
        .expr_as(
            Expr::col((user::Entity, user::Column::Id)),
            Alias::new("user_id"),
        )
        .expr_as(
            Expr::col((user::Entity, user::Column::TenantId)),
            Alias::new("tenant_id"),
        )
        .column((user::Entity, user::Column::Email))
        .column((user::Entity, user::Column::DisplayName))
        .column((base_model::Entity, base_model::Column::BaseId))
        .column((base_model::Entity, base_model::Column::ModelId))
        .column((pronote_base::Entity, pronote_base::Column::GroupUai))
        .expr_as(
            Expr::col((establishment::Entity, establishment::Column::Name)),
            Alias::new("establishment"),
        )
        .inner_join(
            base_member::Entity,
            Expr::col((base_member::Entity, base_member::Column::BaseId))
                .equals((pronote_base::Entity, pronote_base::Column::Id)),
        )
        .inner_join(
            school_admin_grant::Entity,
            Expr::col((
                school_admin_grant::Entity,
                school_admin_grant::Column::EstablishmentId,
            ))
            .equals((base_member::Entity, base_member::Column::EstablishmentId))
            .and(
                Expr::col((
                    school_admin_grant::Entity,
                    school_admin_grant::Column::TenantId,
                ))
                .equals((pronote_base::Entity, pronote_base::Column::TenantId)),
            ),
        )
        .inner_join(
            user::Entity,
            Expr::col((user::Entity, user::Column::Id)).equals((
                school_admin_grant::Entity,
                school_admin_grant::Column::UserId,
            )),
        )
        .left_join(
            establishment::Entity,
            Expr::col((establishment::Entity, establishment::Column::TenantId))
                .equals((pronote_base::Entity, pronote_base::Column::TenantId))
                .and(
                    Expr::col((establishment::Entity, establishment::Column::Uai))
                        .equals((pronote_base::Entity, pronote_base::Column::GroupUai)),
                ),
        )
        .and_where(Expr::col((user::Entity, user::Column::Role)).eq("SCHOOL_ADMIN"))
        .and_where(Expr::col((user::Entity, user::Column::Disabled)).eq(false))
        .order_by((user::Entity, user::Column::Email), Order::Asc)
        .order_by((user::Entity, user::Column::Id), Order::Asc)
        .order_by(
            (pronote_base::Entity, pronote_base::Column::GroupUai),
            Order::Asc,
        )
        .to_owned();
    for row in conn.query_all(&admins).await? {
        let recipient = Recipient {
            user_id: get(&row, "user_id")?,
            tenant_id: get(&row, "tenant_id")?,
            email: get(&row, "email")?,
            display_name: get(&row, "display_name")?,
        };
        let model: Uuid = get(&row, "model_id")?;
        let Some(model) = by_id.get(&model) else {
            continue;
        };
        let base = PendingBase {
            base_id: get(&row, "base_id")?,
            group_uai: get(&row, "group_uai")?,
            establishment: get(&row, "establishment")?,
            model: (*model).clone(),
        };
        match notice.school_admins.last_mut() {
            Some(last) if last.recipient.user_id == recipient.user_id => last.bases.push(base),
            _ => notice.school_admins.push(SchoolAdminNotice {
                recipient,
                bases: vec![base],
            }),
        }
    }
    Ok(notice)
}
