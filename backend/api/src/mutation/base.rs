use async_graphql::{Context, ID, InputObject, Object};
use relais_domain::delegation::DelegationSettings;
use relais_domain::web_url::WebUrl;
use relais_domain::{DomainError, PronoteVersion, Publication, SchoolYear, ServerAddress};
use relais_store::{BaseFields, NewBase};

use crate::ApiError;
use crate::context::ContextExt;
use crate::objects::{
    DelegationSettingsInput, HostingName, PronoteBase, PublicationName, parse_id,
};

/// A base's own values.
#[derive(InputObject)]
pub struct BaseFieldsInput {
    pub hosting: HostingName,
    /// PRONOTE release year, e.g. 2026.
    pub pronote_version: Option<i32>,
    /// `2026-2027`.
    pub school_year: String,
    /// PRONOTE.net public URL.
    pub public_url: Option<String>,
    /// The PRONOTE server's address for the client (self-hosted bases).
    pub server_address: Option<String>,
    #[graphql(default)]
    pub ent_credentials_distributed: bool,
}

impl BaseFieldsInput {
    fn parse(self) -> Result<BaseFields, DomainError> {
        let given = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        };
        Ok(BaseFields {
            hosting: self.hosting.into(),
            pronote_version: self
                .pronote_version
                .map(|v| PronoteVersion::parse("pronoteVersion", v))
                .transpose()?,
            school_year: SchoolYear::parse("schoolYear", &self.school_year)?,
            public_url: given(&self.public_url)
                .map(|u| WebUrl::parse("publicUrl", &u))
                .transpose()?,
            server_address: given(&self.server_address)
                .map(|a| ServerAddress::parse("serverAddress", &a))
                .transpose()?,
            ent_credentials_distributed: self.ent_credentials_distributed,
        })
    }
}

/// A new base and the establishments it serves.
#[derive(InputObject)]
pub struct CreateBaseInput {
    /// The main establishment: its UAI keys the exports.
    pub group_establishment_id: ID,
    /// The other establishments of a cité scolaire.
    #[graphql(default)]
    pub other_establishment_ids: Vec<ID>,
    pub fields: BaseFieldsInput,
}

#[derive(Default)]
pub struct BaseMutation;

#[Object]
impl BaseMutation {
    /// Operator administrators. The base starts unpublished, with nothing
    /// delegated yet.
    async fn create_base(
        &self,
        ctx: &Context<'_>,
        input: CreateBaseInput,
    ) -> Result<PronoteBase, ApiError> {
        let scoped = ctx.scoped()?;
        let group_establishment = parse_id("groupEstablishmentId", &input.group_establishment_id)?;
        let other_establishments = input
            .other_establishment_ids
            .iter()
            .map(|id| parse_id("otherEstablishmentIds", id))
            .collect::<Result<_, _>>()?;
        let fields = input.fields.parse()?;
        let created = scoped
            .bases()
            .create(NewBase {
                group_establishment,
                other_establishments,
                fields,
                settings: DelegationSettings::initial(),
            })
            .await?;
        Ok(PronoteBase(created))
    }

    /// Changes a base's own values (hosting, version, URLs).
    async fn update_base(
        &self,
        ctx: &Context<'_>,
        id: ID,
        version: i32,
        fields: BaseFieldsInput,
    ) -> Result<PronoteBase, ApiError> {
        let scoped = ctx.scoped()?;
        let id = parse_id("id", &id)?;
        let fields = fields.parse()?;
        Ok(PronoteBase(
            scoped.bases().update(id, version, fields).await?,
        ))
    }

    /// Replaces the delegation settings. The base must not be published
    /// (BRIEF §2) and `version` must be the one read.
    async fn update_delegation_settings(
        &self,
        ctx: &Context<'_>,
        base_id: ID,
        version: i32,
        settings: DelegationSettingsInput,
    ) -> Result<PronoteBase, ApiError> {
        let scoped = ctx.scoped()?;
        let id = parse_id("baseId", &base_id)?;
        let settings = settings.parse()?;
        Ok(PronoteBase(
            scoped
                .bases()
                .update_settings(id, version, &settings)
                .await?,
        ))
    }

    /// Puts the advised settings on the base: every espace delegated to the
    /// CAS server at `casRoot`, identity mode with the usual attributes.
    async fn apply_recommended_settings(
        &self,
        ctx: &Context<'_>,
        base_id: ID,
        version: i32,
        cas_root: String,
    ) -> Result<PronoteBase, ApiError> {
        let scoped = ctx.scoped()?;
        let id = parse_id("baseId", &base_id)?;
        let settings = DelegationSettings::recommended(WebUrl::parse("casRoot", &cas_root)?);
        Ok(PronoteBase(
            scoped
                .bases()
                .update_settings(id, version, &settings)
                .await?,
        ))
    }

    /// Publishes the base, or stops its publication (« Arrêter la
    /// publication ») before a change of settings.
    async fn set_publication(
        &self,
        ctx: &Context<'_>,
        base_id: ID,
        version: i32,
        publication: PublicationName,
    ) -> Result<PronoteBase, ApiError> {
        let scoped = ctx.scoped()?;
        let id = parse_id("baseId", &base_id)?;
        let publication: Publication = publication.into();
        Ok(PronoteBase(
            scoped
                .bases()
                .set_publication(id, version, publication)
                .await?,
        ))
    }

    /// Rentrée (BRIEF §6): the base moves to a later school year, with the
    /// PRONOTE version the ENT must expect, and starts unpublished.
    async fn start_school_year(
        &self,
        ctx: &Context<'_>,
        base_id: ID,
        version: i32,
        school_year: String,
        pronote_version: Option<i32>,
    ) -> Result<PronoteBase, ApiError> {
        let scoped = ctx.scoped()?;
        let id = parse_id("baseId", &base_id)?;
        let year = SchoolYear::parse("schoolYear", &school_year)?;
        let pronote_version = pronote_version
            .map(|v| PronoteVersion::parse("pronoteVersion", v))
            .transpose()?;
        Ok(PronoteBase(
            scoped
                .bases()
                .start_school_year(id, version, year, pronote_version)
                .await?,
        ))
    }

    /// Operator administrators: serves an establishment by another base
    /// (cité scolaire), audited. Answers the receiving base.
    async fn move_establishment(
        &self,
        ctx: &Context<'_>,
        establishment_id: ID,
        base_id: ID,
    ) -> Result<PronoteBase, ApiError> {
        let scoped = ctx.scoped()?;
        let establishment = parse_id("establishmentId", &establishment_id)?;
        let base = parse_id("baseId", &base_id)?;
        Ok(PronoteBase(
            scoped
                .bases()
                .move_establishment(establishment, base)
                .await?,
        ))
    }
}
