//! PRONOTE bases of the demo region: one cité scolaire per department, bases
//! in both hosting modes, most configured as advised and published, a few
//! with findings to look at (no delegation, an espace left on « Aucune »,
//! http, rentrée not done).

use relais_app::model_service::plan_apply;
use relais_domain::delegation::{DelegationSettings, Espace, EspaceDelegation};
use relais_domain::web_url::WebUrl;
use relais_domain::{DomainError, Hosting, PronoteVersion, Publication, SchoolYear, ServerAddress};
use relais_store::{BaseFields, Establishment, NewBase, Scoped};
use uuid::Uuid;

use crate::error::ServerError;

/// Creates bases for the first 30 establishments of each department
/// (`establishments` sorted by UAI, 50 per department).
pub async fn seed_demo_bases(
    scoped: Scoped<'_>,
    establishments: &[Establishment],
    model: Uuid,
) -> Result<usize, ServerError> {
    let model = scoped.models().model(model).await?;
    let values = &model.values;
    let config = |e: DomainError| ServerError::Config(e.to_string());
    let mut created = 0;
    for department in establishments.chunks(50) {
        // n = 0 (a collège) joins n = 6 (the lycée of the same site and
        // name) in a cité scolaire.
        for (n, group) in department.iter().enumerate().take(30) {
            if n == 0 {
                continue;
            }
            let others = if n == crate::bootstrap::CITE_PARTNER as usize {
                department
                    .first()
                    .map(|c| vec![c.id.uuid()])
                    .unwrap_or_default()
            } else {
                Vec::new()
            };
            let hosting = if n % 2 == 0 {
                Hosting::Hosted
            } else {
                Hosting::SelfHosted
            };
            let uai = group.uai.as_str().to_lowercase();
            let scheme = if n % 11 == 3 { "http" } else { "https" };
            let public_url = match hosting {
                Hosting::Hosted => format!("https://{uai}.index-education.net/pronote"),
                Hosting::SelfHosted => {
                    format!("{scheme}://pronote-{uai}.ac-orleans-tours.fr/pronote")
                }
            };
            let late = n % 8 == 7;
            let fields = BaseFields {
                hosting,
                pronote_version: Some(
                    PronoteVersion::parse("pronoteVersion", if late { 2025 } else { 2026 })
                        .map_err(config)?,
                ),
                school_year: SchoolYear::parse(
                    "schoolYear",
                    if late { "2025-2026" } else { "2026-2027" },
                )
                .map_err(config)?,
                public_url: Some(WebUrl::parse("publicUrl", &public_url).map_err(config)?),
                server_address: match hosting {
                    Hosting::Hosted => None,
                    Hosting::SelfHosted => Some(
                        ServerAddress::parse(
                            "serverAddress",
                            &format!("pronote-{uai}.ac-orleans-tours.fr:49300"),
                        )
                        .map_err(config)?,
                    ),
                },
                ent_credentials_distributed: n % 5 != 1,
            };
            let base = scoped
                .bases()
                .create(NewBase {
                    group_establishment: group.id.uuid(),
                    other_establishments: others,
                    fields,
                    settings: DelegationSettings::initial(),
                })
                .await?;
            created += 1;
            if n % 7 == 5 {
                continue; // never configured: « aucune délégation »
            }
            // Most bases applied the demo ENT's model; every fourth was typed
            // by hand with the advised values.
            let base = if n % 4 == 3 {
                // Typed by hand: the model's advised values, model not recorded.
                let settings =
                    relais_domain::model_apply::advised_settings(values, None).map_err(config)?;
                scoped
                    .bases()
                    .update_settings(base.id, base.version, &settings)
                    .await?
            } else {
                let (settings, _) =
                    plan_apply(&base, &model).map_err(|e| ServerError::Config(e.message))?;
                scoped
                    .bases()
                    .apply_model(
                        base.id,
                        base.version,
                        &settings,
                        model.id,
                        model.revision,
                        format!("Modèle « {} » appliqué (démonstration).", model.name),
                    )
                    .await?
            };
            let base = if n % 9 == 4 {
                let mut settings = base.settings.clone();
                settings
                    .espaces
                    .set(Espace::Parents, EspaceDelegation::Aucune);
                scoped
                    .bases()
                    .update_settings(base.id, base.version, &settings)
                    .await?
            } else {
                base
            };
            scoped
                .bases()
                .set_publication(base.id, base.version, Publication::Published)
                .await?;
        }
    }
    Ok(created)
}
