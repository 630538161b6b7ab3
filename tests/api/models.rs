//! Integrators' models (docs/domain.md §3): the central promise — a model update never
//! changes a base by itself; a person sees the diff and applies or dismisses.

use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::helpers::*;
use crate::use_cases::{NewBase, NewEstablishment};

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

const SETTINGS: &str = "settings { delegations { cas wsFederation eduConnect } espaces { espace delegation } casUrls { shape root loginUrl validationUrl } directAccess clientDirectAccess commonIdentifierAttribute firstConnection { mode pronoteIdentifierAttribute identity { lastName firstName birthDate postalCode profile profileValues { profile values } } } }";
const STATUS: &str = "model { model { name revision withdrawn } appliedRevision pendingUpdate { fromRevision toRevision withdrawn changes { field label old new summary } } drift { field old new } }";

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
        .graphql(
            Some(&alpha.operator),
            "mutation { createModelSource(input: { name: \"Modèles de l'opérateur\" }) { id kind } }",
            json!({}),
        )
        .await;
    let source = source["data"]["createModelSource"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{source}"))
        .to_owned();
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

impl Fixture {
    async fn import(&self, token: &str, xml: &str) -> Value {
        self.app
            .graphql(
                Some(token),
                "mutation($s: ID!, $x: String!) { importModels(sourceId: $s, feedXml: $x) { newVersion added changed withdrawn basesWithPendingUpdate changes { model changes { field } } } }",
                json!({ "s": self.source, "x": xml }),
            )
            .await
    }

    async fn model_id(&self, name: &str) -> String {
        let models = self
            .app
            .graphql(Some(&self.operator), "{ models { id name } }", json!({}))
            .await;
        models["data"]["models"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["name"] == name)
            .unwrap_or_else(|| panic!("no model {name} in {models}"))["id"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    async fn base(&self, token: &str) -> Value {
        let answer = self
            .app
            .graphql(
                Some(token),
                &format!("query($id: ID!) {{ base(id: $id) {{ version {SETTINGS} {STATUS} }} }}"),
                json!({ "id": self.base }),
            )
            .await;
        answer["data"]["base"].clone()
    }
}

async fn a_model_update_never_changes_a_base_until_a_person_applies_it(backend: Backend) {
    let f = fixture(backend).await;
    let v1 = feed(&[
        ("NetO'Centre", "https://ent.netocentre.fr/cas"),
        ("Arsène76", "https://cas.arsene76.fr"),
    ]);
    let report = f.import(&f.operator, &v1).await;
    assert_eq!(
        report["data"]["importModels"],
        json!({ "newVersion": true, "added": ["NetO'Centre", "Arsène76"], "changed": [], "withdrawn": [], "basesWithPendingUpdate": 0, "changes": [] }),
        "{report}"
    );
    let neto = f.model_id("NetO'Centre").await;

    // A new base takes the model without confirmation.
    let applied = f
        .app
        .graphql(
            Some(&f.school),
            "mutation($b: ID!, $m: ID!) { applyModel(baseId: $b, modelId: $m, expectedVersion: 1) { base { version } overwritten { field } } }",
            json!({ "b": f.base, "m": neto }),
        )
        .await;
    assert_eq!(
        applied["data"]["applyModel"],
        json!({ "base": { "version": 2 }, "overwritten": [] }),
        "{applied}"
    );
    let before = f.base(&f.operator).await;
    assert_eq!(
        before["settings"]["casUrls"]["root"],
        "https://ent.netocentre.fr/cas"
    );
    assert_eq!(before["model"]["appliedRevision"], 1);
    assert_eq!(before["model"]["drift"], json!([]));
    assert_eq!(before["model"]["pendingUpdate"], Value::Null);

    // The integrator changes its CAS root and withdraws the other model.
    let mut events = f.app.store.subscribe();
    let v2 = feed(&[("NetO'Centre", "https://cas.netocentre.fr/cas")]);
    let report = f.import(&f.operator, &v2).await;
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
        report["data"]["importModels"],
        json!({ "newVersion": true, "added": [], "changed": ["NetO'Centre"], "withdrawn": ["Arsène76"], "basesWithPendingUpdate": 1,
                "changes": [{ "model": "NetO'Centre", "changes": [{ "field": "CAS_URLS" }] }] }),
        "{report}"
    );

    let after = f.base(&f.operator).await;
    // The settings did not move, byte for byte; the version neither.
    assert_eq!(
        serde_json::to_string(&after["settings"]).unwrap(),
        serde_json::to_string(&before["settings"]).unwrap()
    );
    assert_eq!(after["version"], before["version"]);
    let pending = &after["model"]["pendingUpdate"];
    assert_eq!(pending["fromRevision"], 1, "{after}");
    assert_eq!(pending["toRevision"], 2);
    assert!(
        pending["changes"]
            .as_array()
            .unwrap()
            .iter()
            .any(
                |c| c["field"] == "CAS_URLS" && c["old"] == "https://ent.netocentre.fr/cas/login"
                    || c["new"]
                        .as_str()
                        .unwrap_or("")
                        .contains("cas.netocentre.fr")
            ),
        "{pending}"
    );
    let dashboard = f
        .app
        .graphql(
            Some(&f.operator),
            "{ dashboard(first: 10) { rows { uai model modelStatus } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        dashboard["data"]["dashboard"]["rows"],
        json!([{ "uai": "0410017W", "model": "NetO'Centre", "modelStatus": "UPDATE_PENDING" }]),
        "{dashboard}"
    );
    let by_model = f
        .app
        .graphql(
            Some(&f.operator),
            "query($m: ID!) { withModel: bases(filter: { modelId: $m }) { nodes { groupUai } } pending: bases(filter: { pendingModelUpdate: true }) { nodes { groupUai } } }",
            json!({ "m": neto }),
        )
        .await;
    assert_eq!(
        by_model["data"]["withModel"]["nodes"],
        json!([{ "groupUai": "0410017W" }]),
        "{by_model}"
    );
    assert_eq!(
        by_model["data"]["pending"]["nodes"],
        json!([{ "groupUai": "0410017W" }])
    );
    // The same content again creates nothing.
    assert_eq!(
        f.import(&f.operator, &v2).await["data"]["importModels"]["newVersion"],
        false
    );

    // The school applies the update it was shown.
    while events.try_recv().is_ok() {}
    let updated = f
        .app
        .graphql(
            Some(&f.school),
            "mutation($b: ID!) { applyModelUpdate(baseId: $b, expectedVersion: 2) { base { version } } }",
            json!({ "b": f.base }),
        )
        .await;
    assert_eq!(
        updated["data"]["applyModelUpdate"]["base"]["version"], 3,
        "{updated}"
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
        now["settings"]["casUrls"]["root"],
        "https://cas.netocentre.fr/cas"
    );
    assert_eq!(now["model"]["appliedRevision"], 2);
    assert_eq!(now["model"]["pendingUpdate"], Value::Null);
    let dashboard = f
        .app
        .graphql(
            Some(&f.operator),
            "{ dashboard { rows { modelStatus } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        dashboard["data"]["dashboard"]["rows"][0]["modelStatus"],
        "APPLIED"
    );

    // Someone edits by hand: drift shows; applying again needs a confirmation.
    let mut settings = json!({
        "delegations": { "cas": true },
        "espaces": [{ "espace": "PAGE_COMMUNE", "delegation": "CAS" }],
        "casUrls": { "root": "https://cas.autre.fr/cas" },
        "directAccess": "ALWAYS", "clientDirectAccess": true,
        "firstConnection": { "mode": "DOUBLE_AUTHENTICATION" }
    });
    let edited = f
        .app
        .graphql(
            Some(&f.operator),
            "mutation($b: ID!, $s: DelegationSettingsInput!) { updateDelegationSettings(baseId: $b, version: 3, settings: $s) { version } }",
            json!({ "b": f.base, "s": settings }),
        )
        .await;
    assert_eq!(
        edited["data"]["updateDelegationSettings"]["version"], 4,
        "{edited}"
    );
    let drifted = f.base(&f.operator).await;
    let fields: Vec<&str> = drifted["model"]["drift"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["field"].as_str().unwrap())
        .collect();
    assert!(
        fields.contains(&"CAS_URLS") && fields.contains(&"IDENTIFICATION_MODE"),
        "{fields:?}"
    );
    let unconfirmed = f
        .app
        .graphql(
            Some(&f.operator),
            "mutation($b: ID!, $m: ID!) { applyModel(baseId: $b, modelId: $m, expectedVersion: 4) { base { version } } }",
            json!({ "b": f.base, "m": neto }),
        )
        .await;
    assert_eq!(error_code(&unconfirmed), "CONFLICT");
    assert_eq!(
        unconfirmed["errors"][0]["extensions"]["field"],
        "confirmOverwrite"
    );
    assert!(
        error_message(&unconfirmed).contains("https://cas.autre.fr/cas"),
        "{unconfirmed}"
    );
    assert_eq!(f.base(&f.operator).await["version"], 4);

    // A further change, dismissed: the settings stay, the pending update goes.
    let v3 = feed(&[("NetO'Centre", "https://cas3.netocentre.fr/cas")]);
    f.import(&f.operator, &v3).await;
    let before_dismiss = f.base(&f.operator).await;
    assert_eq!(before_dismiss["model"]["pendingUpdate"]["toRevision"], 3);
    let dismissed = f
        .app
        .graphql(
            Some(&f.school),
            "mutation($b: ID!) { dismissModelUpdate(baseId: $b) }",
            json!({ "b": f.base }),
        )
        .await;
    assert_eq!(dismissed["data"]["dismissModelUpdate"], true, "{dismissed}");
    let heard: Vec<_> = std::iter::from_fn(|| events.try_recv().ok()).collect();
    assert!(
        matches!(
            heard.last(),
            Some(relais_domain::events::DomainEvent::ModelUpdateDismissed { .. })
        ),
        "{heard:?}"
    );
    let after_dismiss = f.base(&f.operator).await;
    assert_eq!(after_dismiss["model"]["pendingUpdate"], Value::Null);
    assert_eq!(after_dismiss["settings"], before_dismiss["settings"]);
    settings["casUrls"]["root"] = json!("https://cas.autre.fr/cas");
    assert_eq!(
        after_dismiss["settings"]["casUrls"]["root"],
        settings["casUrls"]["root"]
    );
    let audit = f
        .app
        .graphql(
            Some(&f.operator),
            "{ auditEvents(first: 50) { nodes { action } } }",
            json!({}),
        )
        .await;
    let actions: Vec<&str> = audit["data"]["auditEvents"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["action"].as_str().unwrap())
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
    .await;
    let broken = f
        .import(&f.operator, "<ListeModeles xmlns=\"urn:relais:models:1\" version=\"relais-models/1\">\n<ENT><Nom>X</Nom></ListeModeles>")
        .await;
    assert_eq!(error_code(&broken), "VALIDATION");
    assert_eq!(broken["errors"][0]["extensions"]["field"], "feed");
    assert!(error_message(&broken).contains("ligne"), "{broken}");
    let dtd = f
        .import(
            &f.operator,
            "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"a\">]><ListeModeles/>",
        )
        .await;
    assert_eq!(error_code(&dtd), "VALIDATION");
    let models = f
        .app
        .graphql(Some(&f.operator), "{ models { name } }", json!({}))
        .await;
    assert_eq!(models["data"]["models"], json!([{ "name": "NetO'Centre" }]));

    for (input, field) in [
        (
            json!({ "name": "Flux", "feedUrl": "http://feeds.example.fr/modeles.xml" }),
            "feedUrl",
        ),
        (
            json!({ "name": "Flux", "feedUrl": "javascript:alert(1)" }),
            "feedUrl",
        ),
        (
            json!({ "name": "Flux", "feedUrl": "https://feeds.example.fr/m.xml", "cron": "tous les jours" }),
            "cron",
        ),
        (json!({ "name": "  " }), "name"),
    ] {
        let answer = f
            .app
            .graphql(
                Some(&f.operator),
                "mutation($i: CreateModelSourceInput!) { createModelSource(input: $i) { id } }",
                json!({ "i": input }),
            )
            .await;
        assert_eq!(error_code(&answer), "VALIDATION", "{answer}");
        assert_eq!(
            answer["errors"][0]["extensions"]["field"], field,
            "{answer}"
        );
    }

    // The platform offers a list to every operator: they read it, only the
    // platform changes it.
    let admin = f.app.admin_token().await;
    let offered = f
        .app
        .graphql(
            Some(&admin),
            "mutation { createModelSource(input: { name: \"Modèles nationaux\" }) { id offeredToAll } }",
            json!({}),
        )
        .await;
    assert_eq!(
        offered["data"]["createModelSource"]["offeredToAll"], true,
        "{offered}"
    );
    let offered_id = offered["data"]["createModelSource"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let import_into = |token: String, xml: String| {
        let app = &f.app;
        let id = offered_id.clone();
        async move {
            app.graphql(
                Some(&token),
                "mutation($s: ID!, $x: String!) { importModels(sourceId: $s, feedXml: $x) { added } }",
                json!({ "s": id, "x": xml }),
            )
            .await
        }
    };
    let national = import_into(
        admin.clone(),
        feed(&[("Mon bureau numérique", "https://cas.monbureaunumerique.fr")]),
    )
    .await;
    assert_eq!(
        national["data"]["importModels"]["added"],
        json!(["Mon bureau numérique"]),
        "{national}"
    );
    assert_eq!(
        error_code(&import_into(f.operator.clone(), feed(&[("X", "https://cas.x.fr")])).await),
        "FORBIDDEN"
    );
    let seen = f
        .app
        .graphql(Some(&f.other_operator), "{ models { name } }", json!({}))
        .await;
    assert_eq!(
        seen["data"]["models"],
        json!([{ "name": "Mon bureau numérique" }])
    );

    // Roles: a school administrator reads but does not edit the lists;
    // another operator does not see them.
    assert_eq!(
        error_code(
            &f.import(&f.school, &feed(&[("X", "https://cas.x.fr")]))
                .await
        ),
        "FORBIDDEN"
    );
    assert_eq!(
        error_code(
            &f.import(&f.other_operator, &feed(&[("X", "https://cas.x.fr")]))
                .await
        ),
        "NOT_FOUND"
    );
    let theirs = f
        .app
        .graphql(
            Some(&f.other_operator),
            "{ models { name } modelSources { name } }",
            json!({}),
        )
        .await;
    assert_eq!(
        theirs["data"]["models"],
        json!([{ "name": "Mon bureau numérique" }])
    );
    assert_eq!(
        theirs["data"]["modelSources"],
        json!([{ "name": "Modèles nationaux" }])
    );
    let school = f
        .app
        .graphql(Some(&f.school), "{ models { name } }", json!({}))
        .await;
    assert_eq!(
        school["data"]["models"],
        json!([{ "name": "Mon bureau numérique" }, { "name": "NetO'Centre" }])
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
        .app
        .graphql(
            Some(&f.operator),
            "mutation($u: String!) { createModelSource(input: { name: \"Flux d'essai\", feedUrl: $u, allowHttpForTesting: true }) { id cron } }",
            json!({ "u": url }),
        )
        .await;
    assert_eq!(
        source["data"]["createModelSource"]["cron"], "0 0 3 * * *",
        "{source}"
    );
    let id = source["data"]["createModelSource"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let refresh = "mutation($id: ID!) { refreshModelFeed(id: $id) { newVersion added } }";
    // A school administrator cannot make Relais fetch the operator's feed,
    // nor write a fetch on its source (the feed server's first answer is
    // still there for the operator's refresh below).
    let refused = f
        .app
        .graphql(Some(&f.school), refresh, json!({ "id": id }))
        .await;
    assert_eq!(error_code(&refused), "FORBIDDEN", "{refused}");
    let untouched = f
        .app
        .graphql(
            Some(&f.operator),
            "{ modelSources { name lastFetchedAt lastError } }",
            json!({}),
        )
        .await;
    let untouched = untouched["data"]["modelSources"]
        .as_array()
        .unwrap_or_else(|| panic!("{untouched}"))
        .iter()
        .find(|s| s["name"] == "Flux d'essai")
        .cloned()
        .unwrap();
    assert!(untouched["lastFetchedAt"].is_null(), "{untouched}");
    assert!(untouched["lastError"].is_null(), "{untouched}");
    let first = f
        .app
        .graphql(Some(&f.operator), refresh, json!({ "id": id }))
        .await;
    assert_eq!(
        first["data"]["refreshModelFeed"],
        json!({ "newVersion": true, "added": ["NetO'Centre"] }),
        "{first}"
    );
    let second = f
        .app
        .graphql(Some(&f.operator), refresh, json!({ "id": id }))
        .await;
    assert_eq!(
        second["data"]["refreshModelFeed"]["newVersion"], false,
        "{second}"
    );
    let failed = f
        .app
        .graphql(Some(&f.operator), refresh, json!({ "id": id }))
        .await;
    assert_eq!(error_code(&failed), "UPSTREAM", "{failed}");
    let requests = server.await.unwrap();
    assert!(
        requests[1].to_lowercase().contains("if-none-match: \"v1\""),
        "{}",
        requests[1]
    );

    let sources = f
        .app
        .graphql(
            Some(&f.operator),
            "{ modelSources { name lastError } models { name } }",
            json!({}),
        )
        .await;
    let feed_source = sources["data"]["modelSources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "Flux d'essai")
        .unwrap()
        .clone();
    // A bad answer, without its status (issue 13, item 6).
    assert_eq!(
        feed_source["lastError"], "Réponse inexploitable du serveur.",
        "{feed_source}"
    );
    assert_eq!(
        sources["data"]["models"],
        json!([{ "name": "NetO'Centre" }])
    );
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
        .app
        .graphql(
            Some(&f.operator),
            "mutation($u: String!) { createModelSource(input: { name: \"Flux planifié\", feedUrl: $u, cron: \"* * * * * *\", allowHttpForTesting: true }) { id } }",
            json!({ "u": url }),
        )
        .await;
    assert!(
        created["data"]["createModelSource"]["id"].is_string(),
        "{created}"
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

    let models = second
        .graphql(Some(&f.operator), "{ models { name } }", json!({}))
        .await;
    assert_eq!(
        models["data"]["models"],
        json!([{ "name": "NetO'Centre" }]),
        "{models}"
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
        eprintln!("SKIPPED (MailDev absent)");
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
        .app
        .graphql(
            Some(&f.operator),
            "mutation($u: String!) { createModelSource(input: { name: \"Flux régional\", feedUrl: $u, allowHttpForTesting: true }) { id } }",
            json!({ "u": url }),
        )
        .await["data"]["createModelSource"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let refresh =
        "mutation($id: ID!) { refreshModelFeed(id: $id) { newVersion basesWithPendingUpdate } }";
    let first = f
        .app
        .graphql(Some(&f.operator), refresh, json!({ "id": source }))
        .await;
    assert_eq!(
        first["data"]["refreshModelFeed"],
        json!({ "newVersion": true, "basesWithPendingUpdate": 0 }),
        "{first}"
    );
    let neto = f.model_id("NetO'Centre").await;
    let applied = f
        .app
        .graphql(
            Some(&f.school),
            "mutation($b: ID!, $m: ID!) { applyModel(baseId: $b, modelId: $m, expectedVersion: 1) { base { version } } }",
            json!({ "b": f.base, "m": neto }),
        )
        .await;
    assert!(applied["data"]["applyModel"].is_object(), "{applied}");
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

    let second_refresh = f
        .app
        .graphql(Some(&f.operator), refresh, json!({ "id": source }))
        .await;
    assert_eq!(
        second_refresh["data"]["refreshModelFeed"],
        json!({ "newVersion": true, "basesWithPendingUpdate": 1 }),
        "{second_refresh}"
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
    let third = f
        .app
        .graphql(Some(&f.operator), refresh, json!({ "id": source }))
        .await;
    assert_eq!(
        third["data"]["refreshModelFeed"],
        json!({ "newVersion": false, "basesWithPendingUpdate": 0 }),
        "{third}"
    );
    let (a, _) = senders();
    assert_eq!(a.run_once().await.unwrap().sent, 0);
    assert!(maildev.emails().await.unwrap().is_empty());
    server.await.unwrap();

    // Never applied: the settings and the version did not move.
    let after = f.base(&f.operator).await;
    assert_eq!(
        serde_json::to_string(&after["settings"]).unwrap(),
        serde_json::to_string(&before["settings"]).unwrap()
    );
    assert_eq!(after["version"], before["version"]);
    assert_eq!(after["model"]["pendingUpdate"]["toRevision"], 2, "{after}");
}

on_both_databases!(
    a_model_update_never_changes_a_base_until_a_person_applies_it,
    bad_feeds_and_sources_are_refused_and_change_nothing,
    refreshing_a_feed_keeps_the_last_good_version_on_failure,
    two_servers_refresh_a_due_feed_once,
    a_pending_update_is_mailed_once_to_operators_and_school_administrators,
);
