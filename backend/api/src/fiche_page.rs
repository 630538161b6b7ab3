//! Loads what the configuration sheet of one establishment shows, with the
//! caller's rights, and renders it (`GET /establishments/{uai}/fiche`).

use relais_domain::delegation::diagnose;
use relais_domain::web_url::WebUrl;
use relais_domain::{EstablishmentKind, Hosting, Publication, Uai};
use relais_store::entities::establishment;
use relais_store::{Caller, Store, settings_of};

use crate::ApiError;
use crate::fiche::{FicheBase, FicheData, FicheEstablishment, render_fiche};
use crate::objects::diagnostic_context;

/// The sheet of the establishment `uai` as the caller may see it:
/// `NOT_FOUND` for an establishment of another tenant or not granted.
pub async fn fiche_page(store: &Store, caller: &Caller, uai: &str) -> Result<String, ApiError> {
    let uai = Uai::parse_acknowledging_checksum("uai", uai)?;
    let scoped = store.scoped(caller);
    let establishment = scoped.establishments().get_by_uai(&uai).await?;
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
            let settings = settings_of(&base)?;
            let findings = diagnose(&settings, &diagnostic_context(&base, &members));
            Some(FicheBase {
                hosting: Hosting::parse("hosting", &base.hosting)?,
                publication: Publication::parse("publication", &base.publication)?,
                public_url: base
                    .public_url
                    .as_deref()
                    .and_then(|u| WebUrl::parse("publicUrl", u).ok()),
                group_uai: base.group_uai,
                pronote_version: base.pronote_version,
                school_year: base.school_year,
                server_address: base.server_address,
                settings,
                findings,
            })
        }
    };
    Ok(render_fiche(&FicheData {
        tenant_name: tenant.name,
        helpdesk_email: tenant.helpdesk_email,
        establishment_uai: establishment.uai,
        establishments: members.iter().map(fiche_establishment).collect(),
        base,
        generated_at: chrono::Utc::now(),
    }))
}

fn fiche_establishment(e: &establishment::Model) -> FicheEstablishment {
    FicheEstablishment {
        uai: e.uai.clone(),
        name: e.name.clone(),
        kind_label: EstablishmentKind::parse("kind", &e.kind)
            .map_or("", EstablishmentKind::label)
            .to_owned(),
        commune: e.commune.clone(),
    }
}
