//! Exchanges with PRONOTE (docs/domain.md §4): exchange settings, the
//! account-matching file (A), the PRONOTE identifiers export (B), deletion.

use async_graphql::{Context, ID, InputObject, Object, Upload};
use relais_domain::formatting::sentence;
use relais_formats::index_education::{parse_private_key_pem, parse_public_key_pem};
use relais_store::{ExchangePatch, FileKind};
use rsa::pkcs8::{EncodePublicKey, LineEnding};

use crate::ApiError;
use crate::context::ContextExt;
use crate::mutation::directory::DirectoryImportModeName;
use crate::objects::{
    CategoryCount, ExchangeSettings, IdentifiersExportResult, StoredFile, parse_id,
};
use crate::upload::read_upload;
use relais_app::exchange_service::{
    ExportUpload, PARTNER_KEY_PURPOSE, generate_account_matching, receive_identifiers_export,
};

/// Changes to the exchange settings; omitted fields keep their value.
#[derive(InputObject)]
pub struct ExchangeSettingsInput {
    /// Platform administrators name the operator.
    pub tenant_id: Option<ID>,
    pub partner_id: Option<String>,
    pub partner_name: Option<String>,
    /// Index-Education's RSA public key (PEM), used to seal file A.
    pub index_education_public_key_pem: Option<String>,
    /// The operator's RSA private key (PEM) for PRONOTE's exports. Stored
    /// sealed; never shown again.
    #[graphql(secret)]
    pub partner_private_key_pem: Option<String>,
    /// 1 to 3650 days.
    pub retention_account_matching_days: Option<i32>,
    pub retention_identifiers_export_days: Option<i32>,
}

#[derive(Default)]
pub struct ExchangeMutation;

fn retention(field: &'static str, days: Option<i32>) -> Result<Option<Option<i32>>, ApiError> {
    match days {
        None => Ok(None),
        Some(d) if relais_store::RETENTION_DAYS.contains(&d) => Ok(Some(Some(d))),
        Some(_) => Err(ApiError::validation(
            field,
            "La durée de conservation doit être comprise entre 1 et 3650 jours.",
        )),
    }
}

fn text(
    field: &'static str,
    value: Option<String>,
    max: usize,
) -> Result<Option<String>, ApiError> {
    match value.map(|v| v.trim().to_owned()) {
        None => Ok(None),
        Some(v)
            if !v.is_empty() && v.chars().count() <= max && !v.chars().any(char::is_control) =>
        {
            Ok(Some(v))
        }
        Some(_) => Err(ApiError::validation(
            field,
            format!("Valeur obligatoire, sur une ligne, de {max} caractères au plus."),
        )),
    }
}

#[Object]
impl ExchangeMutation {
    /// Operator administrators: partner id and name, Index-Education's
    /// public key, the operator's key pair, retention.
    async fn update_exchange_settings(
        &self,
        ctx: &Context<'_>,
        input: ExchangeSettingsInput,
    ) -> Result<ExchangeSettings, ApiError> {
        let scoped = ctx.scoped()?;
        let tenant = ctx.tenant_or_own(input.tenant_id)?;
        let mut patch = ExchangePatch {
            partner_id: text("partnerId", input.partner_id, 100)?,
            partner_name: text("partnerName", input.partner_name, 200)?,
            retention_account_matching_days: retention(
                "retentionAccountMatchingDays",
                input.retention_account_matching_days,
            )?,
            retention_identifiers_export_days: retention(
                "retentionIdentifiersExportDays",
                input.retention_identifiers_export_days,
            )?,
            ..ExchangePatch::default()
        };
        if let Some(pem) = input.index_education_public_key_pem {
            parse_public_key_pem(&pem).map_err(|err| {
                ApiError::validation("indexEducationPublicKeyPem", sentence(&err.to_string()))
            })?;
            patch.index_education_public_key = Some(pem.trim().to_owned());
        }
        // Rights first: nothing is sealed for a caller who may not write.
        ctx.caller()?.require_tenant_administrator()?;
        scoped.exchange().get(tenant.into()).await?;
        if let Some(pem) = input.partner_private_key_pem {
            let private = parse_private_key_pem(&pem).map_err(|err| {
                ApiError::validation("partnerPrivateKeyPem", sentence(&err.to_string()))
            })?;
            let public = rsa::RsaPublicKey::from(&private)
                .to_public_key_pem(LineEnding::LF)
                .map_err(|_| ApiError::internal())?;
            let sealed = ctx
                .vault()?
                .seal_secret(tenant, PARTNER_KEY_PURPOSE, pem.trim().as_bytes())
                .await?;
            patch.partner_key_pair = Some((public, sealed));
        }
        let row = scoped.exchange().update(tenant.into(), patch).await?;
        let vault = ctx.vault()?;
        Ok(ExchangeSettings {
            row,
            default_account_matching_days: vault.settings.retention_account_matching_days,
            default_identifiers_export_days: vault.settings.retention_identifiers_export_days,
        })
    }

    /// Builds the account-matching file (A) of an establishment — of its
    /// whole cité scolaire when its base serves several — sealed for
    /// Index-Education, named `<UAI>.xml`, kept encrypted until its
    /// retention ends.
    #[graphql(complexity = "crate::cost::FILE_BUILD + child_complexity")]
    async fn generate_account_matching_file(
        &self,
        ctx: &Context<'_>,
        establishment_id: ID,
    ) -> Result<StoredFile, ApiError> {
        ctx.expensive().await?;
        let id = parse_id("establishmentId", &establishment_id)?;
        let scoped = ctx.scoped()?;
        scoped.files().require_writer(FileKind::AccountMatching)?;
        Ok(StoredFile(
            generate_account_matching(scoped, ctx.vault()?, id).await?,
        ))
    }

    /// Receives PRONOTE's identifiers export (`EXPORT_INDEX_EDUCATION`
    /// container) for an establishment: decrypted with the operator's key,
    /// checked, read, and kept encrypted. Nothing is kept when it fails.
    /// The export must be the one of the base serving the establishment:
    /// its UAI is the base's group UAI (a cité's « Tous les
    /// établissements ») or one of its establishments', otherwise
    /// `INVALID_FILE` with reason `EXPORT_WRONG_ESTABLISHMENT`. Its users
    /// become the base's PRONOTE users for the rapprochement (a cité
    /// scolaire's users once): `COMPLETE` (a full export, at the start of
    /// the year) replaces those of its scope, `PARTIAL` (« uniquement les
    /// utilisateurs sans identifiants CAS ») adds to them. A complete export
    /// that would remove links is refused (`CONFLICT` on
    /// `confirmLinkRemoval`, `extensions.count` = the links) unless
    /// `confirmLinkRemoval: true`.
    #[graphql(complexity = "crate::cost::IMPORT + child_complexity")]
    async fn upload_identifiers_export(
        &self,
        ctx: &Context<'_>,
        establishment_id: ID,
        file: Upload,
        #[graphql(default_with = "DirectoryImportModeName::Complete")]
        mode: DirectoryImportModeName,
        #[graphql(default)] confirm_link_removal: bool,
    ) -> Result<IdentifiersExportResult, ApiError> {
        ctx.expensive().await?;
        let id = parse_id("establishmentId", &establishment_id)?;
        let scoped = ctx.scoped()?;
        scoped.files().require_writer(FileKind::IdentifiersExport)?;
        scoped.establishments().get(id).await?;
        let (_, bytes) = read_upload(ctx, &file)?;
        let received = receive_identifiers_export(
            scoped,
            ctx.vault()?,
            ExportUpload {
                establishment_id: id,
                container: bytes,
                mode: mode.into(),
                confirm_link_removal,
            },
        )
        .await?;
        Ok(IdentifiersExportResult {
            users: received.users as i32,
            by_category: received
                .by_category
                .into_iter()
                .map(|(category, users)| CategoryCount {
                    category: category.to_owned(),
                    users: users as i32,
                })
                .collect(),
            without_cas_id: received.without_cas_id as i32,
            base_id: ID(received.base_id.to_string()),
            export_uai: received.export_uai,
            created: received.imported.users.created as i32,
            updated: received.imported.users.updated as i32,
            removed: received.imported.users.removed as i32,
            links_removed: received.imported.links_removed as i32,
            existing_links: received.imported.existing_links as i32,
            file: StoredFile(received.file),
        })
    }

    /// « Supprimer le fichier exporté » : deletes a stored file at once.
    async fn delete_stored_file(&self, ctx: &Context<'_>, id: ID) -> Result<ID, ApiError> {
        let file_id = parse_id("id", &id)?;
        ctx.vault()?.delete(ctx.scoped()?, file_id).await?;
        Ok(id)
    }
}
