use async_graphql::{Context, ID, InputObject, Object};
use relais_domain::delegation::DelegationSettings;
use relais_domain::model_apply::advised_settings;
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

/// The ENT model advised settings come from: the one named, else the one
/// the base applied, else the operator's default.
async fn ent_model_for(
    scoped: relais_store::Scoped<'_>,
    base: &relais_store::Base,
    model_id: Option<ID>,
) -> Result<relais_store::CatalogModel, ApiError> {
    if let Some(id) = model_id {
        return Ok(scoped.models().model(parse_id("modelId", &id)?).await?);
    }
    let (applied, _) = scoped.models().status_of_bases(&[base.id.uuid()]).await?;
    if let Some(applied) = applied.get(&base.id.uuid()) {
        return Ok(scoped.models().model(applied.model_id).await?);
    }
    scoped
        .default_models()
        .get(base.tenant_id.uuid())
        .await?
        .ok_or_else(|| {
            ApiError::validation(
                "modelId",
                "Aucun modèle d'ENT n'est choisi pour cette base : indiquez le modèle de \
                 votre ENT (chaque ENT nomme ses attributs), ou demandez à votre opérateur de \
                 définir son modèle par défaut.",
            )
        })
}

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
    /// (docs/domain.md §2) and `version` must be the one read.
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

    /// Puts the advised settings of the ENT's model on the base (the base
    /// must not be published): every espace delegated to CAS, direct
    /// authentication only when the CAS server does not answer, and the
    /// model's values for both clients — its identifier, CAS addresses,
    /// identification mode and attribute names (each ENT names its own,
    /// there is no default set). The model is `modelId`, else the one the
    /// base applied, else the operator's default model (`setDefaultModel`);
    /// none: `VALIDATION` on `modelId`. `casRoot` only when the model leaves
    /// the CAS address to the school. The base then follows the model
    /// (pending updates, drift).
    async fn apply_recommended_settings(
        &self,
        ctx: &Context<'_>,
        base_id: ID,
        version: i32,
        model_id: Option<ID>,
        cas_root: Option<String>,
    ) -> Result<PronoteBase, ApiError> {
        let scoped = ctx.scoped()?;
        let id = parse_id("baseId", &base_id)?;
        let cas_root = cas_root
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(|r| WebUrl::parse("casRoot", r))
            .transpose()?;
        let base = scoped.bases().get(id).await?;
        let model = ent_model_for(scoped, &base, model_id).await?;
        if model.withdrawn {
            return Err(ApiError::conflict(
                "modelId",
                "Ce modèle a été retiré de sa liste : choisissez-en un autre.",
            ));
        }
        let settings = advised_settings(&model.values, cas_root)?;
        Ok(PronoteBase(
            scoped
                .bases()
                .apply_model(
                    base.id,
                    version,
                    &settings,
                    model.id,
                    model.revision,
                    format!(
                        "Paramètres conseillés du modèle « {} » (révision {}) appliqués à la \
                         base {}.",
                        model.name, model.revision, base.group_uai
                    ),
                )
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

    /// Rentrée (docs/domain.md §6): the base moves to a later school year, with the
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
