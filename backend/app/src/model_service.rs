//! Model lists in, model values onto bases: the steps shared by the
//! mutations and the scheduled refresh (issue 4, docs/domain.md §3).

use relais_domain::formatting::hex;
use relais_domain::model_apply::{apply_model, drift, overwritten};
use relais_domain::models::FieldChange;
use relais_formats::models_feed::{self, Limits};
use relais_store::{Base, CatalogModel, InstallReport, Scoped, Validators};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::{AppError, MailLinks};
use relais_outbound::guarded_http::{Conditional, FetchOutcome, GuardedHttpClient};

/// Parses a `relais-models/1` document and installs it as the source's
/// catalog (a new version only if the content differs). The pending updates
/// it creates are notified by e-mail (`model_mail`), in the same
/// transaction.
pub async fn install_xml(
    scoped: Scoped<'_>,
    links: &MailLinks,
    source: Uuid,
    bytes: &[u8],
    validators: Validators,
) -> Result<InstallReport, AppError> {
    let feed = models_feed::parse(bytes, &Limits::default())
        .map_err(|e| AppError::validation("feed", e.to_string()))?;
    // The canonical form is hashed, so formatting changes are not versions.
    let canonical = models_feed::write(&feed);
    let hash = hex(&Sha256::digest(canonical.as_bytes()));
    Ok(scoped
        .models()
        .install(source, &feed, &hash, validators, &|notice| {
            crate::model_mail::messages(links, notice)
        })
        .await?)
}

/// « Actualiser »: fetches a feed source and installs what it holds. A
/// failure is recorded on the source and leaves the catalog as it was.
pub async fn refresh_source(
    scoped: Scoped<'_>,
    links: &MailLinks,
    fetcher: &GuardedHttpClient,
    source: Uuid,
) -> Result<InstallReport, AppError> {
    // The right to change the source first: a reader never makes Relais
    // fetch a feed, nor records a fetch on the operator's source.
    let row = scoped.models().writable_source(source).await?;
    let Some(url) = row.kind.url().map(str::to_owned) else {
        return Err(AppError::validation(
            "id",
            "Cette source est la liste de l'opérateur : elle se modifie dans Relais, elle ne s'actualise pas.",
        ));
    };
    let conditional = Conditional {
        etag: row.validators.etag,
        last_modified: row.validators.last_modified,
    };
    let outcome = fetcher.fetch(&url, &conditional).await;
    let result = match outcome {
        Ok(FetchOutcome::NotModified) => {
            scoped.models().record_unchanged(source).await?;
            return Ok(InstallReport::default());
        }
        Ok(FetchOutcome::Fetched {
            body,
            etag,
            last_modified,
        }) => install_xml(
            scoped,
            links,
            source,
            &body,
            Validators {
                etag,
                last_modified,
            },
        )
        .await
        .map_err(|error| {
            // The details could quote what an internal page holds: the
            // server's log only (issue 13, item 6).
            tracing::warn!(source = %source, error = %error.message, "model feed unreadable");
            AppError::upstream(
                "Réponse inexploitable du serveur : ce n'est pas une liste de modèles relais-models/1 valide.",
            )
        }),
        Err(error) => {
            tracing::warn!(source = %source, error = %error, "model feed fetch failed");
            Err(AppError::upstream(error.public_message()))
        }
    };
    if let Err(error) = &result {
        scoped
            .models()
            .record_failure(source, &error.message)
            .await?;
        tracing::warn!(source = %source, error = %error.message, "model feed refresh failed");
    }
    result
}

/// What applying `model` to `base` changes: the new settings, the values
/// overwritten, and the model's current revision.
pub fn plan_apply(
    base: &Base,
    model: &CatalogModel,
) -> Result<
    (
        relais_domain::delegation::DelegationSettings,
        Vec<FieldChange>,
    ),
    AppError,
> {
    if model.withdrawn {
        return Err(AppError::conflict(
            "modelId",
            "Ce modèle a été retiré de sa liste : choisissez-en un autre.",
        ));
    }
    let replaced = overwritten(&base.settings, &model.values);
    Ok((apply_model(&base.settings, &model.values), replaced))
}

/// The fields where `base` differs from the revision of the model it applied.
pub fn drift_of(base: &Base, applied: &relais_domain::models::EntModel) -> Vec<FieldChange> {
    drift(&base.settings, applied)
}
