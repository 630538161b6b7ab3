//! Index-Education's schema of CAS configuration models
//! (`ModelesConfiguration_CAS.xsd`): it is not public, so the operator
//! uploads the copy Index-Education gave it, and Relais checks the
//! `modelsFeed` export against it with xmllint's rules before the operator
//! sends its list for validation (docs/formats/index-education-models.md).

use relais_domain::TenantId;
use relais_domain::models::ModelFeed;
use relais_formats::models_feed;
use relais_store::{ModelSchema, NewModelSchema, Scoped};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::xsd_check::{SchemaIssue, XsdError, check_document, check_schema};
use crate::{AppError, ErrorCode};
use relais_domain::formatting::hex;

/// The largest schema accepted.
const MAX_SCHEMA_BYTES: usize = 2 * 1024 * 1024;

/// The `relais-models/1` document of a source's models (all of them, or
/// those whose current revision passed its validation).
pub async fn feed_xml(
    scoped: Scoped<'_>,
    source: Uuid,
    validated_only: bool,
) -> Result<String, AppError> {
    let mut rows = scoped.models().models(Some(source)).await?;
    if validated_only {
        let validated = scoped.cas_checks().validated(&rows).await?;
        rows.retain(|row| validated.contains(&row.id));
    }
    let models = rows.into_iter().map(|row| row.values).collect();
    Ok(models_feed::write(&ModelFeed { models }))
}

fn xsd_error(error: XsdError) -> AppError {
    match error {
        XsdError::SchemaInvalid(_) => AppError::invalid_file("SCHEMA_INVALID", error.message()),
        XsdError::Io(detail) => {
            tracing::error!(error = %detail, "xmllint could not run");
            AppError::new(ErrorCode::Internal, XsdError::Io(detail).message())
        }
        other => AppError::new(ErrorCode::Internal, other.message()),
    }
}

/// Checks and keeps an uploaded schema as the tenant's: UTF-8 XML, an
/// `xs:schema`, that xmllint compiles.
pub async fn upload_schema(
    scoped: Scoped<'_>,
    tenant: Uuid,
    file_name: &str,
    bytes: Vec<u8>,
) -> Result<ModelSchema, AppError> {
    scoped.caller().require_tenant_administrator()?;
    if bytes.len() > MAX_SCHEMA_BYTES {
        return Err(AppError::invalid_file(
            "FILE_TOO_LARGE",
            format!("Le schéma dépasse {MAX_SCHEMA_BYTES} octets."),
        ));
    }
    let content = String::from_utf8(bytes).map_err(|_| {
        AppError::invalid_file(
            "SCHEMA_INVALID",
            "Le schéma n'est pas un texte UTF-8 : déposez le fichier .xsd reçu d'Index-Education.",
        )
    })?;
    if !content.contains("http://www.w3.org/2001/XMLSchema") {
        return Err(AppError::invalid_file(
            "SCHEMA_INVALID",
            "Ce fichier n'est pas un schéma XML (XSD) : déposez le fichier \
             ModelesConfiguration_CAS.xsd reçu d'Index-Education.",
        ));
    }
    check_schema(&content).await.map_err(xsd_error)?;
    let file_name = crate::file_vault::safe_file_name(file_name);
    let sha256 = hex(&Sha256::digest(content.as_bytes()));
    Ok(scoped
        .model_schemas()
        .set(
            tenant.into(),
            NewModelSchema {
                file_name: if file_name.is_empty() {
                    "ModelesConfiguration_CAS.xsd".to_owned()
                } else {
                    file_name
                },
                content,
                sha256,
            },
        )
        .await?)
}

/// The result of checking a feed against the tenant's schema.
pub struct FeedCheck {
    /// `None`: the tenant gave no schema, nothing was checked.
    pub schema: Option<ModelSchema>,
    pub issues: Vec<SchemaIssue>,
    pub feed: String,
}

/// Checks the source's export against the schema of the source's tenant
/// (for a list offered to every operator, the caller's).
pub async fn check_feed(
    scoped: Scoped<'_>,
    caller_tenant: Option<Uuid>,
    source: Uuid,
    validated_only: bool,
) -> Result<FeedCheck, AppError> {
    let row = scoped.models().source(source).await?;
    let feed = feed_xml(scoped, source, validated_only).await?;
    let Some(tenant) = row.tenant_id.or(caller_tenant.map(TenantId::from)) else {
        return Err(AppError::validation(
            "sourceId",
            "Cette liste est proposée à tous les opérateurs : vérifiez-la depuis le compte \
             d'un opérateur qui a déposé le schéma d'Index-Education.",
        ));
    };
    let Some(schema) = scoped.model_schemas().get(tenant).await? else {
        return Ok(FeedCheck {
            schema: None,
            issues: Vec::new(),
            feed,
        });
    };
    let issues = check_document(&schema.content, feed.as_bytes())
        .await
        .map_err(xsd_error)?;
    Ok(FeedCheck {
        schema: Some(schema),
        issues,
        feed,
    })
}
