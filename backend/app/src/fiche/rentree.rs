//! The rentrée checklist of a base (docs/domain.md §6, docs/domain.md « La fiche de
//! configuration »): new year, PRONOTE version, delegation, identifiers,
//! publication, each with its state as far as Relais knows it.

use chrono::{DateTime, TimeZone, Utc};
use relais_domain::{Publication, SchoolYear};

use super::{FicheBase, FicheData};

/// One step of the checklist.
pub(super) struct RentreeLine {
    pub step: &'static str,
    /// « Fait », « À faire ».
    pub state: &'static str,
    /// CSS class: `done` or `todo`.
    pub class: &'static str,
    pub detail: String,
}

fn line(step: &'static str, done: bool, detail: String) -> RentreeLine {
    RentreeLine {
        step,
        state: if done { "Fait" } else { "À faire" },
        class: if done { "done" } else { "todo" },
        detail,
    }
}

fn day(at: &DateTime<Utc>) -> String {
    at.format("%d/%m/%Y").to_string()
}

/// The checklist of `base`, from what Relais knows.
pub(super) fn rentree_lines(data: &FicheData, base: &FicheBase) -> Vec<RentreeLine> {
    let year = SchoolYear::parse("schoolYear", &base.school_year).ok();
    // Files of this school year: made from August of its first year on.
    let year_start = year.and_then(|y| {
        Utc.with_ymd_and_hms(i32::from(y.start()), 8, 1, 0, 0, 0)
            .single()
    });
    let this_year = |at: &DateTime<Utc>| year_start.is_some_and(|start| *at >= start);
    let exchanges = &base.exchanges;
    let mut lines = Vec::new();

    lines.push(line(
        "Nouvelle base de l'année",
        base.school_year == data.current_school_year,
        if base.school_year == data.current_school_year {
            format!("La base est celle de {}.", base.school_year)
        } else {
            format!(
                "La base enregistrée est celle de {} : créez la base {} dans PRONOTE, puis \
                 déclarez la rentrée dans Relais.",
                base.school_year, data.current_school_year
            )
        },
    ));

    let expected_version = year.map(|y| i32::from(y.start()));
    lines.push(match (base.pronote_version, expected_version) {
        (Some(version), Some(expected)) if version == expected => line(
            "Version de PRONOTE",
            true,
            format!("PRONOTE {version} : l'ENT attend cette version."),
        ),
        (Some(version), Some(expected)) => line(
            "Version de PRONOTE",
            false,
            format!(
                "PRONOTE {version} est enregistré : installez PRONOTE {expected} pour {} et \
                 indiquez la nouvelle version (l'ENT l'attend).",
                base.school_year
            ),
        ),
        _ => line(
            "Version de PRONOTE",
            false,
            "Non renseignée : indiquez la version de PRONOTE de la base (l'ENT l'attend)."
                .to_owned(),
        ),
    });

    let delegated = base.settings.delegations.cas && base.settings.uses_cas();
    lines.push(line(
        "Délégation d'authentification",
        delegated,
        if delegated {
            "La délégation CAS est active dans les paramètres enregistrés.".to_owned()
        } else {
            "La délégation CAS n'est pas active : suivez les étapes de cette fiche.".to_owned()
        },
    ));

    lines.push(match &exchanges.account_matching_file {
        Some((at, name)) if this_year(at) => line(
            "Fichier de rapprochement (ENT → PRONOTE)",
            true,
            format!("{name} généré le {} : chargez-le dans PRONOTE.", day(at)),
        ),
        Some((at, _)) => line(
            "Fichier de rapprochement (ENT → PRONOTE)",
            false,
            format!(
                "Le dernier date du {} (année précédente) : demandez un nouveau fichier.",
                day(at)
            ),
        ),
        None => line(
            "Fichier de rapprochement (ENT → PRONOTE)",
            false,
            "Aucun fichier généré : demandez-le à votre ENT.".to_owned(),
        ),
    });

    lines.push(match &exchanges.identifiers_export {
        Some(at) if this_year(at) => line(
            "Export des identifiants PRONOTE (PRONOTE → ENT)",
            true,
            format!(
                "Reçu le {} : {} utilisateur(s) PRONOTE.",
                day(at),
                exchanges.pronote_users
            ),
        ),
        other => line(
            "Export des identifiants PRONOTE (PRONOTE → ENT)",
            false,
            match other {
                Some(at) => format!(
                    "Le dernier reçu date du {} (année précédente) : faites l'export complet \
                     de la nouvelle base.",
                    day(at)
                ),
                None => "Aucun export reçu : faites l'export complet des identifiants et \
                         déposez-le."
                    .to_owned(),
            },
        ),
    });

    lines.push(line(
        "Rapprochement des comptes",
        exchanges.links > 0,
        format!(
            "{} utilisateur(s) PRONOTE rapproché(s) sur {}.",
            exchanges.links, exchanges.pronote_users
        ),
    ));

    let published = base.publication == Publication::Published;
    lines.push(line(
        "Publication",
        published,
        if published {
            "La base est publiée.".to_owned()
        } else {
            "La publication est arrêtée : relancez-la une fois les paramètres saisis.".to_owned()
        },
    ));
    lines
}
