//! The configuration sheet (« fiche de configuration »): a printable French
//! HTML page telling a school, step by step and with its base's exact
//! values, what to type into PRONOTE to delegate authentication to its ENT
//! (docs/domain.md §2), and what to give the ENT in return.
//!
//! It covers every step of the partner guides (docs/domain.md « La fiche de
//! configuration ») : which model to pick in « Mon ENT » (or « Paramétrage
//! manuel »), the settings of PRONOTE.net and, entered a second time, of the
//! PRONOTE server (client lourd), the publication of a self-hosted base, the
//! rapprochement on the PRONOTE side and the rentrée checklist.
//!
//! The HTTP route gathers a [`FicheData`] from the store; [`render_fiche`]
//! turns it into a complete document. Rendering goes through an askama
//! template (`templates/fiche.html`) that HTML-escapes every value it prints;
//! the values are prepared in a view model (`sheet.rs`), so that the
//! template only lays them out.

mod rentree;
mod sheet;

use askama::Template;
use chrono::{DateTime, Utc};
use relais_domain::delegation::{DelegationSettings, Finding};
use relais_domain::web_url::WebUrl;
use relais_domain::{Hosting, Publication};

use sheet::Sheet;

/// Everything the sheet shows; built by the HTTP route from the store.
#[derive(Debug, Clone)]
pub struct FicheData {
    /// The ENT operator, e.g. « NetO'Centre (GIP RECIA) ».
    pub tenant_name: String,
    /// Where the school writes for help (subject starting with `ENT_Pronote`).
    pub helpdesk_email: String,
    /// The establishment the sheet was asked for.
    pub establishment_uai: String,
    /// Every establishment the base serves (a cité scolaire has several), or
    /// just the requested one when there is no base.
    pub establishments: Vec<FicheEstablishment>,
    /// `None`: no PRONOTE base yet; the sheet says so and whom to contact.
    pub base: Option<FicheBase>,
    /// The school year running when the sheet is made (`2026-2027`), for
    /// the rentrée checklist.
    pub current_school_year: String,
    pub generated_at: DateTime<Utc>,
}

/// One establishment, as listed in the sheet's header.
#[derive(Debug, Clone)]
pub struct FicheEstablishment {
    pub uai: String,
    pub name: String,
    /// e.g. « Lycée », « Collège ».
    pub kind_label: String,
    pub commune: Option<String>,
}

/// The PRONOTE base the sheet describes.
#[derive(Debug, Clone)]
pub struct FicheBase {
    /// The UAI the base's exports are keyed by.
    pub group_uai: String,
    pub hosting: Hosting,
    /// PRONOTE release, named by its year.
    pub pronote_version: Option<i32>,
    /// `2026-2027`.
    pub school_year: String,
    /// PRONOTE.net public URL.
    pub public_url: Option<WebUrl>,
    /// Address of the PRONOTE server for the client (self-hosted bases).
    pub server_address: Option<String>,
    pub publication: Publication,
    pub settings: DelegationSettings,
    /// What is wrong or risky, most serious first.
    pub findings: Vec<Finding>,
    /// The model the settings came from (« Mon ENT »); `None`: entered by
    /// hand (« Paramétrage manuel »).
    pub model: Option<FicheModel>,
    /// What Relais knows of the rapprochement, for the rentrée checklist.
    pub exchanges: FicheExchanges,
}

/// The ENT model a base applied.
#[derive(Debug, Clone)]
pub struct FicheModel {
    /// Its exact name in « Mon ENT », e.g. « NetO'Centre (Région Centre :
    /// Mode avec alimentation) ».
    pub name: String,
    /// The model gives the CAS address (otherwise the school types it).
    pub gives_cas_urls: bool,
    /// « Paramètres non conformes au modèle »: one line per field.
    pub drift: Vec<String>,
    /// A newer version of the model waits to be applied.
    pub update_pending: bool,
}

/// The files exchanged for the base and its links, as Relais knows them.
#[derive(Debug, Clone, Default)]
pub struct FicheExchanges {
    /// The latest account-matching file (A) generated: when, and its name.
    pub account_matching_file: Option<(DateTime<Utc>, String)>,
    /// When PRONOTE's identifiers export (B) was last received.
    pub identifiers_export: Option<DateTime<Utc>>,
    /// PRONOTE users of the base, and how many are linked.
    pub pronote_users: u64,
    pub links: u64,
}

/// The printable French HTML page (a complete document, UTF-8, inline CSS
/// with `@media print`). Every value from `data` is HTML-escaped.
pub fn render_fiche(data: &FicheData) -> String {
    let sheet = Sheet::new(data);
    match sheet.render() {
        Ok(html) => html,
        Err(err) => {
            // Only a failing `Display` of a value could get here; none of
            // the values printed can fail.
            tracing::error!(error = %err, "fiche de configuration: rendu impossible");
            String::from(RENDER_FAILED)
        }
    }
}

/// Shown if the template ever fails to render.
const RENDER_FAILED: &str = "<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\">\
<title>Fiche de configuration</title></head><body><p>La fiche de configuration n'a pas pu \
être générée. Réessayez ou contactez l'assistance.</p></body></html>\n";

#[cfg(test)]
mod tests;
