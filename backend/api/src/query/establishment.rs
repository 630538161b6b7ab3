use async_graphql::connection::Connection;
use async_graphql::{Context, Enum, ID, InputObject, Object};
use relais_domain::Uai;
use relais_formats::establishments_csv;
use relais_store::{ConfigurationState, EstablishmentFilter};

use crate::ApiError;
use crate::context::ContextExt;
use crate::objects::{Establishment, KindName, StatusName, parse_id};
use crate::pagination::{connection, page_request};

/// Search criteria, combined with AND.
#[derive(InputObject, Default)]
pub struct EstablishmentFilterInput {
    /// The first characters of the UAI, e.g. `041`.
    pub uai_prefix: Option<String>,
    /// Words of the name, in any order; case and accents ignored.
    pub name: Option<String>,
    pub academy: Option<String>,
    pub kind: Option<KindName>,
    pub status: Option<StatusName>,
    /// Where the establishment stands with its PRONOTE base.
    pub configuration: Option<ConfigurationStateName>,
}

/// Where an establishment stands with its PRONOTE base.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(name = "ConfigurationState")]
pub enum ConfigurationStateName {
    /// No base serves it yet.
    NoBase,
    /// Its base is not published.
    Stopped,
    /// Its base is published.
    Published,
}

impl From<ConfigurationStateName> for ConfigurationState {
    fn from(state: ConfigurationStateName) -> Self {
        match state {
            ConfigurationStateName::NoBase => ConfigurationState::NoBase,
            ConfigurationStateName::Stopped => ConfigurationState::Stopped,
            ConfigurationStateName::Published => ConfigurationState::Published,
        }
    }
}

impl EstablishmentFilterInput {
    pub(crate) fn into_filter(self) -> EstablishmentFilter {
        EstablishmentFilter {
            uai_prefix: self.uai_prefix,
            name_words: self.name,
            academy: self.academy,
            kind: self.kind.map(Into::into),
            status: self.status.map(Into::into),
            configuration: self.configuration.map(Into::into),
        }
    }
}

#[derive(Default)]
pub struct EstablishmentQuery;

#[Object]
impl EstablishmentQuery {
    /// Establishments the caller may see: the whole tenant for operators and
    /// helpdesk, the granted ones for school administrators.
    #[graphql(complexity = "first.unwrap_or(50).clamp(1, 100) as usize * child_complexity")]
    async fn establishments(
        &self,
        ctx: &Context<'_>,
        filter: Option<EstablishmentFilterInput>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, Establishment>, ApiError> {
        let filter = filter.unwrap_or_default().into_filter();
        let had_cursor = after.is_some();
        let page = ctx
            .scoped()?
            .establishments()
            .search(&filter, page_request(first, after)?)
            .await?;
        Ok(connection(page, had_cursor, |e| e.id.uuid(), Establishment))
    }

    async fn establishment(&self, ctx: &Context<'_>, id: ID) -> Result<Establishment, ApiError> {
        let id = parse_id("id", &id)?;
        Ok(Establishment(ctx.scoped()?.establishments().get(id).await?))
    }

    /// By UAI; a code with a wrong check letter is looked up as written.
    /// Two operators may hold the same UAI: a platform administrator names
    /// the operator (`tenantId`), else gets `VALIDATION` on `tenantId` when
    /// the UAI is shared (`establishmentsByUai` lists them all).
    async fn establishment_by_uai(
        &self,
        ctx: &Context<'_>,
        uai: String,
        tenant_id: Option<ID>,
    ) -> Result<Establishment, ApiError> {
        let uai = Uai::parse_acknowledging_checksum("uai", &uai)?;
        let tenant = tenant_id
            .map(|id| crate::objects::parse_id("tenantId", &id))
            .transpose()?;
        Ok(Establishment(
            ctx.scoped()?
                .establishments()
                .get_by_uai_in(&uai, tenant)
                .await?,
        ))
    }

    /// Every establishment with this UAI the caller sees: one per operator
    /// holding it (platform administrators may see several).
    async fn establishments_by_uai(
        &self,
        ctx: &Context<'_>,
        uai: String,
    ) -> Result<Vec<Establishment>, ApiError> {
        let uai = Uai::parse_acknowledging_checksum("uai", &uai)?;
        Ok(ctx
            .scoped()?
            .establishments()
            .list_by_uai(&uai)
            .await?
            .into_iter()
            .map(Establishment)
            .collect())
    }

    /// The visible establishments as CSV (`;`, UTF-8, French labels), the
    /// columns the import reads (docs/formats/establishments-csv.md).
    #[graphql(complexity = "crate::cost::EXPORT")]
    async fn establishments_csv(&self, ctx: &Context<'_>) -> Result<String, ApiError> {
        ctx.expensive().await?;
        let rows = ctx.scoped()?.establishments().all_by_uai().await?;
        let bytes = establishments_csv::write(rows.into_iter().map(|e| {
            let f = e.fields;
            let text = |value: Option<&str>| value.unwrap_or_default().to_owned();
            [
                e.uai.to_string(),
                f.name.to_string(),
                f.kind.label().to_owned(),
                text(f.commune.as_ref().map(|c| c.as_str())),
                text(f.postal_code.as_ref().map(|p| p.as_str())),
                text(f.academy.as_ref().map(|a| a.as_str())),
                f.status.label().to_owned(),
            ]
        }));
        String::from_utf8(bytes).map_err(|_| ApiError::internal())
    }
}
