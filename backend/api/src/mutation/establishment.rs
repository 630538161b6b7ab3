use std::collections::HashSet;

use async_graphql::{Context, ID, InputObject, Object};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use relais_domain::Uai;
use relais_store::NewEstablishment;

use crate::ApiError;
use crate::context::ContextExt;
use crate::objects::{Establishment, ImportReport, KindName, StatusName, parse_id};
use relais_app::import::{ImportRequest, establishment_fields, import_establishments};

/// An establishment to create.
#[derive(InputObject)]
pub struct CreateEstablishmentInput {
    /// Platform administrators name the operator; others leave it empty.
    pub tenant_id: Option<ID>,
    pub uai: String,
    /// Keep a UAI whose check letter is wrong because the official directory
    /// really uses it.
    #[graphql(default)]
    pub acknowledge_checksum_mismatch: bool,
    pub name: String,
    pub kind: KindName,
    pub commune: Option<String>,
    pub postal_code: Option<String>,
    pub academy: Option<String>,
    #[graphql(default_with = "StatusName::Open")]
    pub status: StatusName,
}

/// New values of an establishment (its UAI does not change).
#[derive(InputObject)]
pub struct UpdateEstablishmentInput {
    pub name: String,
    pub kind: KindName,
    pub commune: Option<String>,
    pub postal_code: Option<String>,
    pub academy: Option<String>,
    pub status: StatusName,
}

/// A CSV file of establishments to import.
#[derive(InputObject)]
pub struct ImportEstablishmentsInput {
    pub tenant_id: Option<ID>,
    /// The file, base64-encoded (UTF-8 or Windows-1252, `;` or `,`).
    pub content_base64: String,
    /// False: a dry run that writes nothing and reports what would happen.
    #[graphql(default)]
    pub commit: bool,
    /// Import the valid lines even when others are rejected.
    #[graphql(default)]
    pub accept_rejected_lines: bool,
    /// UAIs whose wrong check letter is confirmed.
    #[graphql(default)]
    pub acknowledge_checksum_mismatch: Vec<String>,
}

/// Decoded files may not be larger than this.
const MAX_IMPORT_BYTES: usize = 20 * 1024 * 1024;

#[derive(Default)]
pub struct EstablishmentMutation;

#[Object]
impl EstablishmentMutation {
    /// Operator administrators (and platform administrators, naming the
    /// operator).
    async fn create_establishment(
        &self,
        ctx: &Context<'_>,
        input: CreateEstablishmentInput,
    ) -> Result<Establishment, ApiError> {
        let scoped = ctx.scoped()?;
        let tenant = input
            .tenant_id
            .map(|id| parse_id("tenantId", &id))
            .transpose()?;
        let uai = if input.acknowledge_checksum_mismatch {
            Uai::parse_acknowledging_checksum("uai", &input.uai)?
        } else {
            Uai::parse("uai", &input.uai)?
        };
        let fields = establishment_fields(
            &input.name,
            input.kind.into(),
            input.commune.as_deref(),
            input.postal_code.as_deref(),
            input.academy.as_deref(),
            input.status.into(),
        )?;
        let created = scoped
            .establishments()
            .create(tenant, NewEstablishment { uai, fields })
            .await?;
        Ok(Establishment(created))
    }

    async fn update_establishment(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: UpdateEstablishmentInput,
    ) -> Result<Establishment, ApiError> {
        let scoped = ctx.scoped()?;
        let id = parse_id("id", &id)?;
        let fields = establishment_fields(
            &input.name,
            input.kind.into(),
            input.commune.as_deref(),
            input.postal_code.as_deref(),
            input.academy.as_deref(),
            input.status.into(),
        )?;
        Ok(Establishment(
            scoped.establishments().update(id, fields).await?,
        ))
    }

    /// Imports (upserts by UAI) a CSV of establishments. Run it first with
    /// `commit: false` to read the report.
    #[graphql(complexity = "crate::cost::IMPORT + child_complexity")]
    async fn import_establishments(
        &self,
        ctx: &Context<'_>,
        input: ImportEstablishmentsInput,
    ) -> Result<ImportReport, ApiError> {
        ctx.expensive().await?;
        let scoped = ctx.scoped()?;
        let tenant = input
            .tenant_id
            .map(|id| parse_id("tenantId", &id))
            .transpose()?;
        if input.content_base64.len() > MAX_IMPORT_BYTES / 3 * 4 + 4 {
            return Err(ApiError::validation(
                "contentBase64",
                "Fichier trop volumineux (20 Mo au plus) : découpez-le.",
            ));
        }
        let content = STANDARD.decode(input.content_base64.trim()).map_err(|_| {
            ApiError::validation("contentBase64", "Le fichier n'est pas encodé en base64.")
        })?;
        let acknowledged: HashSet<String> = input
            .acknowledge_checksum_mismatch
            .iter()
            .map(|uai| uai.trim().to_uppercase())
            .collect();
        import_establishments(
            scoped,
            ImportRequest {
                tenant,
                content,
                commit: input.commit,
                accept_rejected_lines: input.accept_rejected_lines,
                acknowledged,
            },
        )
        .await
        .map(ImportReport::from)
        .map_err(ApiError::from)
    }

    /// Lets a school administrator see and manage an establishment.
    async fn grant_establishment(
        &self,
        ctx: &Context<'_>,
        user_id: ID,
        establishment_id: ID,
    ) -> Result<bool, ApiError> {
        let scoped = ctx.scoped()?;
        let user = parse_id("userId", &user_id)?;
        let establishment = parse_id("establishmentId", &establishment_id)?;
        scoped.grants().grant(user, establishment).await?;
        Ok(true)
    }

    /// Answers whether a grant was removed.
    async fn revoke_establishment(
        &self,
        ctx: &Context<'_>,
        user_id: ID,
        establishment_id: ID,
    ) -> Result<bool, ApiError> {
        let scoped = ctx.scoped()?;
        let user = parse_id("userId", &user_id)?;
        let establishment = parse_id("establishmentId", &establishment_id)?;
        Ok(scoped.grants().revoke(user, establishment).await?)
    }
}
