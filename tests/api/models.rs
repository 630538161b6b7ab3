//! Integrators' models (docs/domain.md §3): the central promise — a model update never
//! changes a base by itself; a person sees the diff and applies or dismisses.

use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::helpers::*;
use crate::typed::create_model_source::CreateModelSourceInput;
use crate::typed::{
    ApplyModelUpdate, BasesByModel, CreateModelSource, DismissModelUpdate, ModelAuditActions,
    ModelCatalog, ModelDashboard, RefreshModelFeed, Refused, apply_model, apply_model_update,
    bases_by_model, create_model_source, dismiss_model_update, import_models, model_audit_actions,
    model_catalog, model_dashboard, refresh_model_feed,
};
use crate::use_cases::{
    AppliedModel, BaseModel, Espace, EspaceDelegation, ImportReport, NewBase, NewEstablishment,
    cas_settings, espace,
};

/// A `relais-models/1` feed with one model per (name, CAS root).
fn feed(models: &[(&str, &str)]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListeModeles xmlns=\"urn:relais:models:1\" version=\"relais-models/1\">\n",
    );
    for (name, root) in models {
        xml.push_str(&format!(
            "<ENT><Nom>{name}</Nom><Localisation>Région Centre-Val de Loire</Localisation>\
             <PronoteNet><Url_ServeurCAS><UrlRacine>{root}</UrlRacine></Url_ServeurCAS>\
             <ModeIdentificationPremiereConnexion><AvecIdentite><AttributNom>nom</AttributNom>\
             <AttributPrenom>prenom</AttributPrenom><AttributDateNaissance>dateNaissance</AttributDateNaissance>\
             <AttributProfil>categories</AttributProfil><ValeursProfil><Profil code=\"ELEVE\">National_1</Profil>\
             <Profil code=\"PROFESSEUR\">National_3</Profil></ValeursProfil></AvecIdentite>\
             </ModeIdentificationPremiereConnexion></PronoteNet></ENT>\n"
        ));
    }
    xml.push_str("</ListeModeles>\n");
    xml
}

struct Fixture {
    app: TestApp,
    tenant: String,
    operator: String,
    school: String,
    other_operator: String,
    source: String,
    base: String,
}

async fn fixture(backend: Backend) -> Fixture {
    fixture_on(spawn_app(backend).await).await
}

/// A test platform: its operator lets feeds be read over http from
/// loopback (the tests' feed servers); no source can ask for it.
async fn test_platform_fixture(backend: Backend) -> Fixture {
    fixture_on(
        spawn_app_with(backend, |s| {
            s.models.allow_http = true;
            s.models.allowed_networks = vec!["127.0.0.0/8".to_owned()];
        })
        .await,
    )
    .await
}

async fn fixture_on(app: TestApp) -> Fixture {
    let [alpha, beta] = app.two_tenants().await;
    let source = app
        .create_model_source(&alpha.operator, "Modèles de l'opérateur")
        .await;
    let establishment = app
        .create_establishment(
            &alpha.operator,
            NewEstablishment::lycee("0410017W", "Lycée Augustin Thierry"),
        )
        .await;
    let base = app
        .create_base(
            &alpha.operator,
            NewBase::hosted(&establishment).at("https://0410017w.index-education.net/pronote"),
        )
        .await
        .id;
    app.grant_establishment(&alpha.operator, &alpha.school_id, &establishment)
        .await;
    Fixture {
        app,
        tenant: alpha.id,
        operator: alpha.operator,
        school: alpha.school,
        other_operator: beta.operator,
        source,
        base,
    }
}

/// A source fed from `url` (plain http allowed by the test platform).
fn feed_source(name: &str, url: &str, cron: Option<&str>) -> CreateModelSourceInput {
    CreateModelSourceInput {
        tenant_id: None,
        name: name.to_owned(),
        feed_url: Some(url.to_owned()),
        cron: cron.map(str::to_owned),
        allow_http_for_testing: true,
    }
}

/// Model names as the API lists them.
fn names(names: &[&str]) -> Vec<String> {
    names.iter().map(|name| (*name).to_owned()).collect()
}

impl Fixture {
    async fn import(&self, token: &str, xml: &str) -> Result<ImportReport, Refused> {
        self.app.import_models(token, &self.source, xml).await
    }

    async fn model_id(&self, name: &str) -> String {
        self.app.model_id(&self.operator, name).await
    }

    async fn base(&self, token: &str) -> BaseModel {
        self.app.base_model_state(token, &self.base).await
    }

    async fn create_source(
        &self,
        token: &str,
        input: CreateModelSourceInput,
    ) -> Result<CreatedSource, Refused> {
        self.app
            .run::<CreateModelSource>(Some(token), create_model_source::Variables { input })
            .await
            .map(|created| created.create_model_source)
    }

    async fn refresh(&self, token: &str, source: &str) -> Result<RefreshReport, Refused> {
        self.app
            .run::<RefreshModelFeed>(
                Some(token),
                refresh_model_feed::Variables {
                    id: source.to_owned(),
                },
            )
            .await
            .map(|refreshed| refreshed.refresh_model_feed)
    }

    async fn catalog(&self, token: &str) -> model_catalog::ResponseData {
        self.app
            .run_ok::<ModelCatalog>(Some(token), model_catalog::Variables)
            .await
    }

    async fn dashboard(
        &self,
        first: Option<i64>,
    ) -> Vec<model_dashboard::ModelDashboardDashboardRows> {
        self.app
            .run_ok::<ModelDashboard>(Some(&self.operator), model_dashboard::Variables { first })
            .await
            .dashboard
            .rows
    }
}

type CreatedSource = create_model_source::CreateModelSourceCreateModelSource;
type RefreshReport = refresh_model_feed::RefreshModelFeedRefreshModelFeed;

async fn a_model_update_never_changes_a_base_until_a_person_applies_it(backend: Backend) {
    let f = fixture(backend).await;
    let v1 = feed(&[
        ("NetO'Centre", "https://ent.netocentre.fr/cas"),
        ("Arsène76", "https://cas.arsene76.fr"),
    ]);
    let report = f.import(&f.operator, &v1).await.unwrap();
    assert_eq!(
        report,
        ImportReport {
            new_version: true,
            added: names(&["NetO'Centre", "Arsène76"]),
            changed: vec![],
            withdrawn: vec![],
            bases_with_pending_update: 0,
            changes: vec![],
        },
        "{report:?}"
    );
    let neto = f.model_id("NetO'Centre").await;

    // A new base takes the model without confirmation.
    let applied = f
        .app
        .apply_model(&f.school, &f.base, &neto, 1)
        .await
        .unwrap();
    assert_eq!(
        applied,
        AppliedModel {
            base: apply_model::ApplyModelApplyModelBase { version: 2 },
            overwritten: vec![],
        },
        "{applied:?}"
    );
    let before = f.base(&f.operator).await;
    assert_eq!(
        before.settings.cas_urls.as_ref().unwrap().root.as_deref(),
        Some("https://ent.netocentre.fr/cas")
    );
    let model = before.model.as_ref().unwrap();
    assert_eq!(model.applied_revision, 1);
    assert_eq!(model.drift, vec![]);
    assert_eq!(model.pending_update, None);

    // The integrator changes its CAS root and withdraws the other model.
    let mut events = f.app.store.subscribe();
    let v2 = feed(&[("NetO'Centre", "https://cas.netocentre.fr/cas")]);
    let report = f.import(&f.operator, &v2).await.unwrap();
    match events.try_recv() {
        Ok(relais_domain::events::DomainEvent::ModelUpdatePending {
            model,
            to_revision,
            bases,
            ..
        }) => assert_eq!(
            (model.as_str(), to_revision, bases),
            ("NetO'Centre", Some(2), 1)
        ),
        other => panic!("expected a ModelUpdatePending event, got {other:?}"),
    }
    // The withdrawn model was applied by no base: no event.
    assert!(events.try_recv().is_err());
    assert_eq!(
        report,
        ImportReport {
            new_version: true,
            added: vec![],
            changed: names(&["NetO'Centre"]),
            withdrawn: names(&["Arsène76"]),
            bases_with_pending_update: 1,
            changes: vec![import_models::ImportModelsImportModelsChanges {
                model: "NetO'Centre".to_owned(),
                changes: vec![import_models::ImportModelsImportModelsChangesChanges {
                    field: "CAS_URLS".to_owned(),
                }],
            }],
        },
        "{report:?}"
    );

    let after = f.base(&f.operator).await;
    // The settings did not move, field for field; the version neither.
    assert_eq!(after.settings, before.settings);
    assert_eq!(after.version, before.version);
    let pending = after
        .model
        .as_ref()
        .and_then(|model| model.pending_update.as_ref())
        .unwrap_or_else(|| panic!("no pending update: {after:?}"));
    assert_eq!(pending.from_revision, 1, "{after:?}");
    assert_eq!(pending.to_revision, Some(2));
    assert!(
        pending.changes.iter().any(|c| c.field == "CAS_URLS"
            && c.old.as_deref() == Some("https://ent.netocentre.fr/cas/login")
            || c.new.as_deref().unwrap_or("").contains("cas.netocentre.fr")),
        "{pending:?}"
    );
    let dashboard = f.dashboard(Some(10)).await;
    assert_eq!(
        dashboard,
        vec![model_dashboard::ModelDashboardDashboardRows {
            uai: "0410017W".to_owned(),
            model: Some("NetO'Centre".to_owned()),
            model_status: model_dashboard::ModelStatus::UPDATE_PENDING,
        }],
        "{dashboard:?}"
    );
    let by_model = f
        .app
        .run_ok::<BasesByModel>(
            Some(&f.operator),
            bases_by_model::Variables {
                model_id: neto.clone(),
            },
        )
        .await;
    let uais = |nodes: &[bases_by_model::BasesByModelWithModelNodes]| {
        nodes
            .iter()
            .map(|node| node.group_uai.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        uais(&by_model.with_model.nodes),
        names(&["0410017W"]),
        "{by_model:?}"
    );
    let pending_uais: Vec<_> = by_model
        .pending
        .nodes
        .iter()
        .map(|node| node.group_uai.clone())
        .collect();
    assert_eq!(pending_uais, names(&["0410017W"]), "{by_model:?}");
    // The same content again creates nothing.
    assert!(!f.import(&f.operator, &v2).await.unwrap().new_version);

    // The school applies the update it was shown.
    while events.try_recv().is_ok() {}
    let updated = f
        .app
        .run::<ApplyModelUpdate>(
            Some(&f.school),
            apply_model_update::Variables {
                base_id: f.base.clone(),
                expected_version: 2,
            },
        )
        .await;
    assert_eq!(
        updated
            .as_ref()
            .map(|updated| updated.apply_model_update.base.version)
            .ok(),
        Some(3),
        "{updated:?}"
    );
    // Recorded with the change: the open screens hear of it.
    let heard: Vec<_> = std::iter::from_fn(|| events.try_recv().ok()).collect();
    assert!(
        heard.iter().any(|event| matches!(
            event,
            relais_domain::events::DomainEvent::ModelUpdateApplied { revision: 2, .. }
        )),
        "{heard:?}"
    );
    let now = f.base(&f.operator).await;
    assert_eq!(
        now.settings.cas_urls.as_ref().unwrap().root.as_deref(),
        Some("https://cas.netocentre.fr/cas")
    );
    let model = now.model.as_ref().unwrap();
    assert_eq!(model.applied_revision, 2);
    assert_eq!(model.pending_update, None);
    let dashboard = f.dashboard(None).await;
    assert_eq!(
        dashboard.first().map(|row| &row.model_status),
        Some(&model_dashboard::ModelStatus::APPLIED),
        "{dashboard:?}"
    );

    // Someone edits by hand: drift shows; applying again needs a confirmation.
    let mut settings = cas_settings("https://cas.autre.fr/cas");
    settings.espaces = vec![espace(Espace::PAGE_COMMUNE, EspaceDelegation::CAS)];
    let edited = f
        .app
        .update_delegation_settings(&f.operator, &f.base, 3, settings.clone())
        .await;
    assert_eq!(edited.as_ref().ok(), Some(&4), "{edited:?}");
    let drifted = f.base(&f.operator).await;
    let fields: Vec<&str> = drifted
        .model
        .as_ref()
        .unwrap()
        .drift
        .iter()
        .map(|d| d.field.as_str())
        .collect();
    assert!(
        fields.contains(&"CAS_URLS") && fields.contains(&"IDENTIFICATION_MODE"),
        "{fields:?}"
    );
    let unconfirmed = f
        .app
        .apply_model(&f.operator, &f.base, &neto, 4)
        .await
        .expect_err("applied over hand-made changes without a confirmation");
    assert_eq!(unconfirmed.code(), "CONFLICT", "{unconfirmed:?}");
    assert_eq!(
        unconfirmed.field(),
        Some("confirmOverwrite"),
        "{unconfirmed:?}"
    );
    assert!(
        unconfirmed.message().contains("https://cas.autre.fr/cas"),
        "{unconfirmed:?}"
    );
    assert_eq!(f.base(&f.operator).await.version, 4);

    // A further change, dismissed: the settings stay, the pending update goes.
    let v3 = feed(&[("NetO'Centre", "https://cas3.netocentre.fr/cas")]);
    f.import(&f.operator, &v3).await.unwrap();
    let before_dismiss = f.base(&f.operator).await;
    assert_eq!(
        before_dismiss
            .model
            .as_ref()
            .and_then(|model| model.pending_update.as_ref())
            .and_then(|pending| pending.to_revision),
        Some(3),
        "{before_dismiss:?}"
    );
    let dismissed = f
        .app
        .run::<DismissModelUpdate>(
            Some(&f.school),
            dismiss_model_update::Variables {
                base_id: f.base.clone(),
            },
        )
        .await;
    assert!(
        dismissed
            .as_ref()
            .is_ok_and(|dismissed| dismissed.dismiss_model_update),
        "{dismissed:?}"
    );
    let heard: Vec<_> = std::iter::from_fn(|| events.try_recv().ok()).collect();
    assert!(
        matches!(
            heard.last(),
            Some(relais_domain::events::DomainEvent::ModelUpdateDismissed { .. })
        ),
        "{heard:?}"
    );
    let after_dismiss = f.base(&f.operator).await;
    assert_eq!(after_dismiss.model.as_ref().unwrap().pending_update, None);
    assert_eq!(after_dismiss.settings, before_dismiss.settings);
    settings.cas_urls.as_mut().unwrap().root = Some("https://cas.autre.fr/cas".to_owned());
    assert_eq!(
        after_dismiss.settings.cas_urls.as_ref().unwrap().root,
        settings.cas_urls.as_ref().unwrap().root
    );
    let audit = f
        .app
        .run_ok::<ModelAuditActions>(Some(&f.operator), model_audit_actions::Variables)
        .await;
    let actions: Vec<&str> = audit
        .audit_events
        .nodes
        .iter()
        .map(|a| a.action.as_str())
        .collect();
    for action in [
        "MODEL_APPLIED",
        "MODEL_UPDATE_DISMISSED",
        "MODEL_CATALOG_UPDATED",
    ] {
        assert!(
            actions.contains(&action),
            "{action} missing from {actions:?}"
        );
    }
}

async fn bad_feeds_and_sources_are_refused_and_change_nothing(backend: Backend) {
    let f = fixture(backend).await;
    f.import(
        &f.operator,
        &feed(&[("NetO'Centre", "https://ent.netocentre.fr/cas")]),
    )
    .await
    .unwrap();
    let broken = f
        .import(&f.operator, "<ListeModeles xmlns=\"urn:relais:models:1\" version=\"relais-models/1\">\n<ENT><Nom>X</Nom></ListeModeles>")
        .await
        .expect_err("a broken feed imported");
    assert_eq!(broken.code(), "VALIDATION", "{broken:?}");
    assert_eq!(broken.field(), Some("feed"), "{broken:?}");
    assert!(broken.message().contains("ligne"), "{broken:?}");
    let dtd = f
        .import(
            &f.operator,
            "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"a\">]><ListeModeles/>",
        )
        .await
        .expect_err("a feed with a DTD imported");
    assert_eq!(dtd.code(), "VALIDATION", "{dtd:?}");
    assert_eq!(
        f.app.model_names(&f.operator).await,
        names(&["NetO'Centre"])
    );

    for (name, feed_url, cron, field) in [
        (
            "Flux",
            Some("http://feeds.example.fr/modeles.xml"),
            None,
            "feedUrl",
        ),
        ("Flux", Some("javascript:alert(1)"), None, "feedUrl"),
        (
            "Flux",
            Some("https://feeds.example.fr/m.xml"),
            Some("tous les jours"),
            "cron",
        ),
        ("  ", None, None, "name"),
    ] {
        let input = CreateModelSourceInput {
            tenant_id: None,
            name: name.to_owned(),
            feed_url: feed_url.map(str::to_owned),
            cron: cron.map(str::to_owned),
            allow_http_for_testing: false,
        };
        let answer = f
            .create_source(&f.operator, input)
            .await
            .expect_err("an invalid source created");
        assert_eq!(answer.code(), "VALIDATION", "{answer:?}");
        assert_eq!(answer.field(), Some(field), "{answer:?}");
    }

    // The platform offers a list to every operator: they read it, only the
    // platform changes it.
    let admin = f.app.admin_token().await;
    let offered = f
        .create_source(
            &admin,
            CreateModelSourceInput {
                tenant_id: None,
                name: "Modèles nationaux".to_owned(),
                feed_url: None,
                cron: None,
                allow_http_for_testing: false,
            },
        )
        .await
        .unwrap();
    assert!(offered.offered_to_all, "{offered:?}");
    let import_into = |token: String, xml: String| {
        let app = &f.app;
        let id = offered.id.clone();
        async move { app.import_models(&token, &id, &xml).await }
    };
    let national = import_into(
        admin.clone(),
        feed(&[("Mon bureau numérique", "https://cas.monbureaunumerique.fr")]),
    )
    .await
    .unwrap();
    assert_eq!(
        national.added,
        names(&["Mon bureau numérique"]),
        "{national:?}"
    );
    assert_eq!(
        import_into(f.operator.clone(), feed(&[("X", "https://cas.x.fr")]))
            .await
            .expect_err("an operator changed the platform's list")
            .code(),
        "FORBIDDEN"
    );
    assert_eq!(
        f.app.model_names(&f.other_operator).await,
        names(&["Mon bureau numérique"])
    );

    // Roles: a school administrator reads but does not edit the lists;
    // another operator does not see them.
    assert_eq!(
        f.import(&f.school, &feed(&[("X", "https://cas.x.fr")]))
            .await
            .expect_err("a school administrator imported models")
            .code(),
        "FORBIDDEN"
    );
    assert_eq!(
        f.import(&f.other_operator, &feed(&[("X", "https://cas.x.fr")]))
            .await
            .expect_err("another operator imported into the source")
            .code(),
        "NOT_FOUND"
    );
    let theirs = f.catalog(&f.other_operator).await;
    let model_names: Vec<&str> = theirs.models.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(model_names, ["Mon bureau numérique"], "{theirs:?}");
    let source_names: Vec<&str> = theirs
        .model_sources
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(source_names, ["Modèles nationaux"], "{theirs:?}");
    assert_eq!(
        f.app.model_names(&f.school).await,
        names(&["Mon bureau numérique", "NetO'Centre"])
    );
}

/// A one-shot HTTP server on loopback: answers each request with the next
/// `(status, etag, body)`; records whether `If-None-Match` was sent.
async fn feed_server(
    answers: Vec<(u16, &'static str, String)>,
) -> (String, tokio::task::JoinHandle<Vec<String>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = format!("http://{}/modeles.xml", listener.local_addr().unwrap());
    let handle = tokio::spawn(async move {
        let mut seen = Vec::new();
        for (status, etag, body) in answers {
            let (mut socket, _) = listener.accept().await.unwrap();
            let mut request = vec![0u8; 8192];
            let n = socket.read(&mut request).await.unwrap();
            seen.push(String::from_utf8_lossy(&request[..n]).to_string());
            let reason = match status {
                200 => "OK",
                304 => "Not Modified",
                _ => "Error",
            };
            let response = format!(
                "HTTP/1.1 {status} {reason}\r\nETag: {etag}\r\nContent-Type: application/xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            socket.write_all(response.as_bytes()).await.unwrap();
            socket.shutdown().await.ok();
        }
        seen
    });
    (address, handle)
}

async fn refreshing_a_feed_keeps_the_last_good_version_on_failure(backend: Backend) {
    let f = test_platform_fixture(backend).await;
    let v1 = feed(&[("NetO'Centre", "https://ent.netocentre.fr/cas")]);
    let (url, server) = feed_server(vec![
        (200, "\"v1\"", v1),
        (304, "\"v1\"", String::new()),
        (500, "\"x\"", "panne".to_owned()),
    ])
    .await;
    let source = f
        .create_source(&f.operator, feed_source("Flux d'essai", &url, None))
        .await
        .unwrap();
    assert_eq!(source.cron.as_deref(), Some("0 0 3 * * *"), "{source:?}");
    let id = source.id;
    // A school administrator cannot make Relais fetch the operator's feed,
    // nor write a fetch on its source (the feed server's first answer is
    // still there for the operator's refresh below).
    let refused = f
        .refresh(&f.school, &id)
        .await
        .expect_err("a school administrator refreshed the feed");
    assert_eq!(refused.code(), "FORBIDDEN", "{refused:?}");
    let untouched = f.catalog(&f.operator).await;
    let untouched = untouched
        .model_sources
        .iter()
        .find(|s| s.name == "Flux d'essai")
        .unwrap_or_else(|| panic!("{untouched:?}"));
    assert_eq!(untouched.last_fetched_at, None, "{untouched:?}");
    assert_eq!(untouched.last_error, None, "{untouched:?}");
    let first = f.refresh(&f.operator, &id).await.unwrap();
    assert!(first.new_version, "{first:?}");
    assert_eq!(first.added, names(&["NetO'Centre"]), "{first:?}");
    let second = f.refresh(&f.operator, &id).await.unwrap();
    assert!(!second.new_version, "{second:?}");
    let failed = f
        .refresh(&f.operator, &id)
        .await
        .expect_err("a failed fetch refreshed the feed");
    assert_eq!(failed.code(), "UPSTREAM", "{failed:?}");
    let requests = server.await.unwrap();
    assert!(
        requests[1].to_lowercase().contains("if-none-match: \"v1\""),
        "{}",
        requests[1]
    );

    let sources = f.catalog(&f.operator).await;
    let feed_source = sources
        .model_sources
        .iter()
        .find(|s| s.name == "Flux d'essai")
        .unwrap_or_else(|| panic!("{sources:?}"));
    // A bad answer, without its status (issue 13, item 6).
    assert_eq!(
        feed_source.last_error.as_deref(),
        Some("Réponse inexploitable du serveur."),
        "{feed_source:?}"
    );
    let model_names: Vec<&str> = sources.models.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(model_names, ["NetO'Centre"], "{sources:?}");
}
/// Two `relais` servers on one database, both ticking the scheduled refresh
/// at the same moment: the feed is fetched once, not once per process.
async fn two_servers_refresh_a_due_feed_once(backend: Backend) {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    let f = test_platform_fixture(backend).await;
    let second = spawn_app_with(backend, |s| {
        s.data_dir = f.app.settings.data_dir.clone();
        s.database.url = f.app.settings.database.url.clone();
        s.models = f.app.settings.models.clone();
    })
    .await;

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/modeles.xml", listener.local_addr().unwrap());
    let requests = Arc::new(AtomicUsize::new(0));
    let counter = requests.clone();
    let body = feed(&[("NetO'Centre", "https://ent.netocentre.fr/cas")]);
    let server = tokio::spawn(async move {
        loop {
            let (mut socket, _) = listener.accept().await.unwrap();
            counter.fetch_add(1, Ordering::SeqCst);
            let mut request = vec![0u8; 8192];
            let _ = socket.read(&mut request).await;
            let response = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            socket.write_all(response.as_bytes()).await.ok();
            socket.shutdown().await.ok();
        }
    });
    let created = f
        .create_source(
            &f.operator,
            feed_source("Flux planifié", &url, Some("* * * * * *")),
        )
        .await;
    assert!(
        created.as_ref().is_ok_and(|created| !created.id.is_empty()),
        "{created:?}"
    );
    // The every-second cron falls due.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;

    let fetcher = || f.app.settings.models.fetcher().unwrap();
    let first = relais_server::model_refresh::RefreshModelFeeds::new(
        f.app.store.clone(),
        fetcher(),
        links(),
    );
    let other = relais_server::model_refresh::RefreshModelFeeds::new(
        second.store.clone(),
        fetcher(),
        links(),
    );
    let now = chrono::Utc::now();
    let (a, b) = tokio::join!(first.tick(now), other.tick(now));
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a + b, 1, "refreshed by the first: {a}, by the second: {b}");
    assert_eq!(requests.load(Ordering::SeqCst), 1);
    // Not due again within the same second, in either process.
    assert_eq!(
        first.tick(now).await.unwrap() + other.tick(now).await.unwrap(),
        0
    );
    server.abort();

    assert_eq!(
        second.model_names(&f.operator).await,
        names(&["NetO'Centre"])
    );
}

fn links() -> relais_app::MailLinks {
    relais_app::MailLinks {
        public_url: "https://relais.test".into(),
    }
}

/// Issue 18: a refresh that leaves bases with a pending update writes, in
/// its own transaction, one digest per operator administrator of the tenant
/// and one e-mail per school administrator of the bases concerned; two
/// outbox senders (two replicas) deliver each once; a second refresh with
/// nothing new sends nothing; no setting moves.
async fn a_pending_update_is_mailed_once_to_operators_and_school_administrators(backend: Backend) {
    use relais_server::mail::{MailSettings, MailTransport, OutboxJob, SmtpTls, build_mailer};
    use relais_tests::services::maildev::MailDev;

    let Some(maildev) = MailDev::start().await.unwrap_or_else(|err| panic!("{err}")) else {
        relais_tests::services::skip("MailDev absent");
        return;
    };
    let port = maildev.smtp_port();
    let f = fixture_on(
        spawn_app_with(backend, move |s| {
            s.models.allow_http = true;
            s.models.allowed_networks = vec!["127.0.0.0/8".to_owned()];
            let mut mail = MailSettings {
                transport: MailTransport::Smtp,
                from: "Relais <relais@relais.test>".into(),
                ..MailSettings::default()
            };
            mail.smtp.host = "127.0.0.1".into();
            mail.smtp.port = Some(port);
            mail.smtp.tls = SmtpTls::None;
            mail.smtp.timeout_seconds = 5;
            s.mail = mail;
        })
        .await,
    )
    .await;
    // A second operator administrator of the same tenant; the other
    // tenant's operator must hear nothing.
    let admin = f.app.admin_token().await;
    let second = f
        .app
        .create_user(
            &admin,
            "operateur2@alpha.test",
            "OPERATOR_ADMIN",
            Some(f.tenant.as_str()),
        )
        .await;
    assert!(second["data"]["createUser"]["id"].is_string(), "{second}");

    let v1 = feed(&[("NetO'Centre", "https://ent.netocentre.fr/cas")]);
    let v2 = feed(&[("NetO'Centre", "https://cas.netocentre.fr/cas")]);
    let (url, server) = feed_server(vec![
        (200, "\"v1\"", v1),
        (200, "\"v2\"", v2.clone()),
        (200, "\"v2b\"", v2),
    ])
    .await;
    let source = f
        .create_source(&f.operator, feed_source("Flux régional", &url, None))
        .await
        .unwrap()
        .id;
    let first = f.refresh(&f.operator, &source).await.unwrap();
    assert_eq!(
        (first.new_version, first.bases_with_pending_update),
        (true, 0),
        "{first:?}"
    );
    let neto = f.model_id("NetO'Centre").await;
    let applied = f.app.apply_model(&f.school, &f.base, &neto, 1).await;
    assert!(applied.is_ok(), "{applied:?}");
    let before = f.base(&f.operator).await;

    let senders = || {
        let sender = || {
            OutboxJob::new(
                f.app.store.clone(),
                build_mailer(&f.app.settings).unwrap(),
                &f.app.settings.mail,
            )
        };
        (sender(), sender())
    };
    // What the users' creation may have sent is forgotten: only what the
    // refresh writes counts from here.
    let (a, b) = senders();
    let (ra, rb) = tokio::join!(a.run_once(), b.run_once());
    ra.unwrap();
    rb.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    maildev.clear().await.unwrap();

    let second_refresh = f.refresh(&f.operator, &source).await.unwrap();
    assert_eq!(
        (
            second_refresh.new_version,
            second_refresh.bases_with_pending_update
        ),
        (true, 1),
        "{second_refresh:?}"
    );
    // Two replicas' senders at once.
    let (a, b) = senders();
    let (ra, rb) = tokio::join!(a.run_once(), b.run_once());
    assert_eq!(ra.unwrap().sent + rb.unwrap().sent, 3);
    maildev.wait_for(3).await.unwrap();
    // Anything more would have arrived by now.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let emails = maildev.emails().await.unwrap();
    let mut received: Vec<(String, String)> = emails
        .iter()
        .map(|e| {
            (
                e["to"][0]["address"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
                e["subject"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    received.sort();
    let digest_subject = "ENT_Pronote — mises à jour de modèles en attente (Flux régional)";
    assert_eq!(
        received,
        vec![
            (
                "operateur2@alpha.test".to_owned(),
                digest_subject.to_owned()
            ),
            (
                "operator_admin@alpha.test".to_owned(),
                digest_subject.to_owned()
            ),
            (
                "school_admin@alpha.test".to_owned(),
                "ENT_Pronote — 0410017W — mise à jour du modèle en attente".to_owned()
            ),
        ],
        "{emails:#?}"
    );
    let text_to = |address: &str| {
        emails
            .iter()
            .find(|e| e["to"][0]["address"] == address)
            .and_then(|e| e["text"].as_str())
            .unwrap_or_default()
            .to_owned()
    };
    let digest = text_to("operator_admin@alpha.test");
    assert!(
        digest.contains("• « NetO'Centre » (nouvelle révision 2) : 1 base concernée"),
        "{digest}"
    );
    assert!(
        digest.contains("Aucun paramétrage n'a été modifié"),
        "{digest}"
    );
    let school = text_to("school_admin@alpha.test");
    assert!(
        school.contains(
            "• Base 0410017W — Lycée Augustin Thierry : modèle « NetO'Centre » (nouvelle révision 2)"
        ),
        "{school}"
    );
    assert!(school.contains(&format!("/bases/{}", f.base)), "{school}");

    // Nothing new in the feed: no version, no e-mail.
    maildev.clear().await.unwrap();
    let third = f.refresh(&f.operator, &source).await.unwrap();
    assert_eq!(
        (third.new_version, third.bases_with_pending_update),
        (false, 0),
        "{third:?}"
    );
    let (a, _) = senders();
    assert_eq!(a.run_once().await.unwrap().sent, 0);
    assert!(maildev.emails().await.unwrap().is_empty());
    server.await.unwrap();

    // Never applied: the settings and the version did not move.
    let after = f.base(&f.operator).await;
    assert_eq!(after.settings, before.settings);
    assert_eq!(after.version, before.version);
    assert_eq!(
        after
            .model
            .as_ref()
            .and_then(|model| model.pending_update.as_ref())
            .and_then(|pending| pending.to_revision),
        Some(2),
        "{after:?}"
    );
}

/// A model source whose kind no version of Relais wrote, or a feed without
/// its address, is told as an internal error, never listed as an own list
/// nor refreshed without an address (issue 16).
async fn an_unreadable_source_is_an_error_not_a_default(backend: Backend) {
    use relais_store::entities::model_source;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};

    let f = test_platform_fixture(backend).await;
    let source = f
        .create_source(
            &f.operator,
            feed_source("Flux abîmé", "http://127.0.0.1:9/modeles.xml", None),
        )
        .await
        .unwrap();
    let id = uuid::Uuid::parse_str(&source.id).unwrap();
    let catalog = || async {
        f.app
            .run::<ModelCatalog>(Some(&f.operator), model_catalog::Variables)
            .await
    };
    assert!(catalog().await.is_ok());
    let db = f.app.store.connection();
    for (column, value) in [
        (model_source::Column::Kind, Some("FTP")),
        (model_source::Column::Url, None),
    ] {
        model_source::Entity::update_many()
            .col_expr(column, Expr::value(value))
            .filter(model_source::Column::Id.eq(id))
            .exec(db)
            .await
            .unwrap();
        let refused = catalog()
            .await
            .expect_err("an unreadable source was listed");
        assert_eq!(refused.code(), "INTERNAL", "{column:?}: {refused:?}");
        let refused = f
            .refresh(&f.operator, &source.id)
            .await
            .expect_err("an unreadable source was refreshed");
        assert_eq!(refused.code(), "INTERNAL", "{column:?}: {refused:?}");
        // Put back as it was before spoiling the next column.
        model_source::Entity::update_many()
            .col_expr(model_source::Column::Kind, Expr::value("FEED"))
            .col_expr(
                model_source::Column::Url,
                Expr::value("http://127.0.0.1:9/modeles.xml"),
            )
            .filter(model_source::Column::Id.eq(id))
            .exec(db)
            .await
            .unwrap();
        assert!(catalog().await.is_ok());
    }
}

on_both_databases!(
    a_model_update_never_changes_a_base_until_a_person_applies_it,
    bad_feeds_and_sources_are_refused_and_change_nothing,
    refreshing_a_feed_keeps_the_last_good_version_on_failure,
    two_servers_refresh_a_due_feed_once,
    a_pending_update_is_mailed_once_to_operators_and_school_administrators,
    an_unreadable_source_is_an_error_not_a_default,
);
