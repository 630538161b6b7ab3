use async_graphql::{Context, Enum, ID, Object};
use chrono::{DateTime, Utc};
use relais_domain::{EstablishmentKind, EstablishmentStatus};

use super::{PronoteBase, Tenant};
use crate::ApiError;
use crate::context::ContextExt;

/// Kind of establishment.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(name = "EstablishmentKind")]
pub(crate) enum KindName {
    College,
    Lycee,
    LyceeProfessionnel,
    Erea,
    Other,
}

impl From<KindName> for EstablishmentKind {
    fn from(kind: KindName) -> Self {
        match kind {
            KindName::College => EstablishmentKind::College,
            KindName::Lycee => EstablishmentKind::Lycee,
            KindName::LyceeProfessionnel => EstablishmentKind::LyceeProfessionnel,
            KindName::Erea => EstablishmentKind::Erea,
            KindName::Other => EstablishmentKind::Other,
        }
    }
}

impl From<EstablishmentKind> for KindName {
    fn from(kind: EstablishmentKind) -> Self {
        match kind {
            EstablishmentKind::College => KindName::College,
            EstablishmentKind::Lycee => KindName::Lycee,
            EstablishmentKind::LyceeProfessionnel => KindName::LyceeProfessionnel,
            EstablishmentKind::Erea => KindName::Erea,
            EstablishmentKind::Other => KindName::Other,
        }
    }
}

/// Whether the establishment is open.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(name = "EstablishmentStatus")]
pub(crate) enum StatusName {
    Open,
    Closed,
}

impl From<StatusName> for EstablishmentStatus {
    fn from(status: StatusName) -> Self {
        match status {
            StatusName::Open => EstablishmentStatus::Open,
            StatusName::Closed => EstablishmentStatus::Closed,
        }
    }
}

impl From<EstablishmentStatus> for StatusName {
    fn from(status: EstablishmentStatus) -> Self {
        match status {
            EstablishmentStatus::Open => StatusName::Open,
            EstablishmentStatus::Closed => StatusName::Closed,
        }
    }
}

/// A collège, lycée… of an operator, identified by its UAI.
pub(crate) struct Establishment(pub relais_store::Establishment);

#[Object]
impl Establishment {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    /// 7 digits and a check letter, e.g. `0410017W`.
    async fn uai(&self) -> &str {
        self.0.uai.as_str()
    }
    /// The check letter is wrong, and an operator confirmed the code as the
    /// official directory writes it.
    async fn uai_checksum_acknowledged(&self) -> bool {
        self.0.uai_checksum_acknowledged
    }
    async fn name(&self) -> &str {
        self.0.fields.name.as_str()
    }
    async fn kind(&self) -> KindName {
        self.0.fields.kind.into()
    }
    /// French label of the kind.
    async fn kind_label(&self) -> &'static str {
        self.0.fields.kind.label()
    }
    async fn commune(&self) -> Option<&str> {
        self.0.fields.commune.as_ref().map(|c| c.as_str())
    }
    async fn postal_code(&self) -> Option<&str> {
        self.0.fields.postal_code.as_ref().map(|p| p.as_str())
    }
    async fn academy(&self) -> Option<&str> {
        self.0.fields.academy.as_ref().map(|a| a.as_str())
    }
    async fn status(&self) -> StatusName {
        self.0.fields.status.into()
    }
    async fn tenant(&self, ctx: &Context<'_>) -> Result<Option<Tenant>, ApiError> {
        let tenant = ctx
            .tenant_loader()?
            .load_one(self.0.tenant_id)
            .await
            .map_err(|_| ApiError::internal())?;
        Ok(tenant.map(Tenant))
    }
    /// The PRONOTE base serving the establishment, if any.
    async fn base(&self, ctx: &Context<'_>) -> Result<Option<PronoteBase>, ApiError> {
        let base = ctx
            .base_loader()?
            .load_one(self.0.id)
            .await
            .map_err(|_| ApiError::internal())?;
        Ok(base.map(PronoteBase))
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }
}
