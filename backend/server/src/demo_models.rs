//! CAS configuration models of the demo (issue 4): a feed source holding the
//! known ENT models of docs/domain.md §3, read every minute from Relais' own
//! `/demo/modeles.xml`, which serves a newer version of one model — so a
//! newcomer sees, a minute or two after `make run`, the pending updates of
//! the bases that applied it, and can apply or dismiss them.

use relais_app::model_service::install_xml;
use relais_domain::delegation::{FirstConnectionMode, Profile};
use relais_domain::models::{EntModel, ModelFeed, known_ent_models};
use relais_formats::models_feed;
use relais_store::{NewSource, Scoped, SourceKind, Validators};
use uuid::Uuid;

use crate::error::ServerError;

/// The model the demo bases apply, and whose newer version the demo feed
/// serves.
pub const DEMO_MODEL: &str = "NetO'Centre";

/// Every minute, so the first refresh comes soon after start.
const DEMO_CRON: &str = "0 * * * * *";

/// The list as first installed.
pub fn first_version() -> ModelFeed {
    ModelFeed {
        models: known_ent_models(),
    }
}

/// The list `/demo/modeles.xml` serves: NetO'Centre also accepts
/// `National_7` for the Personnel profile.
pub fn served_version() -> ModelFeed {
    let mut feed = first_version();
    for model in feed.models.iter_mut().filter(|m| is_demo_model(m)) {
        for client in model.clients.values_mut() {
            if let FirstConnectionMode::Identity(identity) = &mut client.first_connection {
                let mut values = identity.profile_values.get(Profile::Personnel).to_vec();
                values.push("National_7".to_owned());
                identity.profile_values.set(Profile::Personnel, values);
            }
        }
    }
    feed
}

pub fn is_demo_model(model: &EntModel) -> bool {
    model.name.starts_with(DEMO_MODEL)
}

/// `GET /demo/modeles.xml` (only with `--demo`).
pub async fn demo_feed() -> actix_web::HttpResponse {
    actix_web::HttpResponse::Ok()
        .content_type("application/xml; charset=utf-8")
        .body(models_feed::write(&served_version()))
}

/// Registers the demo source (reading `feed_url`) with the first version
/// installed; answers the id of the model the demo bases apply.
pub async fn seed_demo_models(
    scoped: Scoped<'_>,
    tenant: Uuid,
    feed_url: &str,
) -> Result<Uuid, ServerError> {
    let source = scoped
        .models()
        .create_source(NewSource {
            tenant: Some(tenant),
            name: "Modèles des ENT (démonstration)".to_owned(),
            kind: SourceKind::Feed {
                url: feed_url.to_owned(),
                cron: DEMO_CRON.to_owned(),
                allow_http_for_testing: true,
            },
        })
        .await?;
    // The demo's own public URL, which serves the feed.
    let links = relais_app::MailLinks {
        public_url: feed_url
            .strip_suffix("/demo/modeles.xml")
            .unwrap_or(feed_url)
            .to_owned(),
    };
    install_xml(
        scoped,
        &links,
        source.id,
        models_feed::write(&first_version()).as_bytes(),
        Validators::default(),
    )
    .await
    .map_err(|e| ServerError::Config(e.message))?;
    scoped
        .models()
        .models(Some(source.id))
        .await?
        .into_iter()
        .find(|m| m.name.starts_with(DEMO_MODEL))
        .map(|m| m.id)
        .ok_or_else(|| ServerError::Config("demo model missing".to_owned()))
}
