//! Loads what the configuration sheet of one establishment shows, with the
//! caller's rights, and renders it (`GET /establishments/{uai}/fiche`).

use chrono::Datelike;
use relais_domain::delegation::diagnose;
use relais_domain::{SchoolYear, Uai};
use relais_store::{Base, Caller, Establishment, FileKind, Scoped, Store};

use crate::AppError;
use crate::diagnostics::diagnostic_context;
use crate::fiche::{
    FicheBase, FicheData, FicheEstablishment, FicheExchanges, FicheModel, render_fiche,
};
use crate::model_service::drift_of;

/// The sheet of the establishment `uai` as the caller may see it:
/// `NOT_FOUND` for an establishment of another tenant or not granted. A
/// platform administrator names the operator (`?tenant=<id>`) when two hold
/// the UAI.
pub async fn fiche_page(
    store: &Store,
    caller: &Caller,
    uai: &str,
    tenant: Option<uuid::Uuid>,
) -> Result<String, AppError> {
    let uai = Uai::parse_acknowledging_checksum("uai", uai)?;
    let scoped = store.scoped(caller);
    let establishment = scoped.establishments().get_by_uai_in(&uai, tenant).await?;
    let bases = scoped.bases();
    let base = bases
        .for_establishments(&[establishment.id])
        .await?
        .remove(&establishment.id);
    let members = match &base {
        Some(base) => bases
            .members(&[base.id])
            .await?
            .remove(&base.id)
            .unwrap_or_default(),
        None => vec![establishment.clone()],
    };
    let tenant = scoped.tenants().get(establishment.tenant_id).await?;
    let base = match base {
        None => None,
        Some(base) => {
            let findings = diagnose(&base.settings, &diagnostic_context(&base, &members));
            let model = model_of(scoped, &base).await?;
            let exchanges = exchanges_of(scoped, &base, &members).await?;
            let fields = base.fields;
            Some(FicheBase {
                model,
                exchanges,
                hosting: fields.hosting,
                publication: base.publication,
                public_url: fields.public_url,
                group_uai: base.group_uai.as_str().to_owned(),
                pronote_version: fields.pronote_version.map(|v| i32::from(v.year())),
                school_year: fields.school_year.to_string(),
                server_address: fields.server_address.map(|a| a.as_str().to_owned()),
                settings: base.settings,
                findings,
            })
        }
    };
    let now = chrono::Utc::now();
    Ok(render_fiche(&FicheData {
        current_school_year: SchoolYear::containing(now.year(), now.month()).to_string(),
        tenant_name: tenant.name,
        helpdesk_email: tenant.helpdesk_email.into(),
        establishment_uai: establishment.uai.to_string(),
        establishments: members.iter().map(fiche_establishment).collect(),
        base,
        generated_at: now,
    }))
}

/// The model the base applied (« Mon ENT »), with its drift.
async fn model_of(scoped: Scoped<'_>, base: &Base) -> Result<Option<FicheModel>, AppError> {
    let id = base.id.uuid();
    let (applied, pending) = scoped.models().status_of_bases(&[id]).await?;
    let Some(applied) = applied.get(&id) else {
        return Ok(None);
    };
    let row = scoped.models().model(applied.model_id).await?;
    let values = scoped
        .models()
        .revision(applied.model_id, applied.revision)
        .await?;
    Ok(Some(FicheModel {
        name: values.name.clone(),
        gives_cas_urls: values.clients.values().any(|c| c.cas_urls.is_some()),
        drift: drift_of(base, &values)
            .iter()
            .map(ToString::to_string)
            .collect(),
        update_pending: pending.contains_key(&id) && !row.withdrawn,
    }))
}

/// The files exchanged for the base and its links.
async fn exchanges_of(
    scoped: Scoped<'_>,
    base: &Base,
    members: &[Establishment],
) -> Result<FicheExchanges, AppError> {
    let ids: Vec<uuid::Uuid> = members.iter().map(|m| m.id.uuid()).collect();
    let files = scoped.files();
    let id = base.id.uuid();
    let account_matching = files
        .latest_of_base(id, &ids, FileKind::AccountMatching)
        .await?;
    let identifiers = files
        .latest_of_base(id, &ids, FileKind::IdentifiersExport)
        .await?;
    let (pronote_users, links) = scoped.pronote_users().counts(id).await?;
    Ok(FicheExchanges {
        account_matching_file: account_matching.map(|f| (f.created_at, f.file_name)),
        identifiers_export: identifiers.map(|f| f.created_at),
        pronote_users,
        links,
    })
}

fn fiche_establishment(e: &Establishment) -> FicheEstablishment {
    FicheEstablishment {
        uai: e.uai.to_string(),
        name: e.fields.name.to_string(),
        kind_label: e.fields.kind.label().to_owned(),
        commune: e.fields.commune.as_ref().map(ToString::to_string),
    }
}
