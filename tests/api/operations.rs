//! The operator's daily tools in the console (issue 17): pending model
//! updates applied or dismissed in bulk, and a failed e-mail put back in
//! the queue.

use relais_domain::Uai;
use serde_json::{Value, json};

use crate::helpers::*;
use crate::use_cases::{NewBase, NewEstablishment};

/// A `relais-models/1` feed with one model, « ENT Région », on `root`.
fn feed(root: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListeModeles xmlns=\"urn:relais:models:1\" version=\"relais-models/1\">\n\
         <ENT><Nom>ENT Région</Nom><Localisation>Région Centre-Val de Loire</Localisation>\
         <PronoteNet><Url_ServeurCAS><UrlRacine>{root}</UrlRacine></Url_ServeurCAS>\
         <ModeIdentificationPremiereConnexion><AvecIdentite><AttributNom>nom</AttributNom>\
         <AttributPrenom>prenom</AttributPrenom><AttributDateNaissance>dateNaissance</AttributDateNaissance>\
         <AttributProfil>categories</AttributProfil><ValeursProfil><Profil code=\"ELEVE\">National_1</Profil>\
         </ValeursProfil></AvecIdentite></ModeIdentificationPremiereConnexion></PronoteNet></ENT>\n</ListeModeles>\n"
    )
}

/// A valid UAI of department 41 numbered `n`.
fn uai(n: usize) -> String {
    let digits = format!("041{n:04}");
    let letter = Uai::expected_check_letter(&digits).unwrap();
    format!("{digits}{letter}")
}

/// A base of `token`'s tenant serving a new establishment; its id.
async fn new_base(app: &TestApp, token: &str, n: usize) -> String {
    let uai = uai(n);
    let establishment = app
        .create_establishment(token, NewEstablishment::college(&uai, "Collège"))
        .await;
    let public_url = format!("https://{}.index-education.net/pronote", uai.to_lowercase());
    app.create_base(token, NewBase::hosted(&establishment).at(&public_url))
        .await
        .id
}

/// Alpha's `count` bases, all on « ENT Région » with an update pending
/// (version 2), and a base of beta's.
struct Region {
    app: TestApp,
    alpha: TenantFixture,
    beta_operator: String,
    bases: Vec<String>,
    foreign: String,
}

async fn region(backend: Backend, count: usize) -> Region {
    let app = spawn_app(backend).await;
    let [alpha, beta] = app.two_tenants().await;
    let source = app
        .graphql(
            Some(&alpha.operator),
            "mutation { createModelSource(input: { name: \"Modèles de l'opérateur\" }) { id } }",
            json!({}),
        )
        .await["data"]["createModelSource"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let import = |xml: String| {
        let app = &app;
        let token = alpha.operator.clone();
        let source = source.clone();
        async move {
            let report = app
                .graphql(
                    Some(&token),
                    "mutation($s: ID!, $x: String!) { importModels(sourceId: $s, feedXml: $x) { basesWithPendingUpdate } }",
                    json!({ "s": source, "x": xml }),
                )
                .await;
            report["data"]["importModels"]["basesWithPendingUpdate"]
                .as_i64()
                .unwrap_or_else(|| panic!("{report}"))
        }
    };
    import(feed("https://ent.region.fr/cas")).await;
    let models = app
        .graphql(Some(&alpha.operator), "{ models { id name } }", json!({}))
        .await;
    let model = models["data"]["models"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut bases = Vec::new();
    for n in 0..count {
        let base = new_base(&app, &alpha.operator, n).await;
        let applied = app
            .graphql(
                Some(&alpha.operator),
                "mutation($b: ID!, $m: ID!) { applyModel(baseId: $b, modelId: $m, expectedVersion: 1) { base { version } } }",
                json!({ "b": base, "m": model }),
            )
            .await;
        assert_eq!(
            applied["data"]["applyModel"]["base"]["version"], 2,
            "{applied}"
        );
        bases.push(base);
    }
    assert_eq!(
        import(feed("https://cas.region.fr/cas")).await,
        count as i64
    );
    let foreign = new_base(&app, &beta.operator, 900).await;
    Region {
        app,
        alpha,
        beta_operator: beta.operator,
        bases,
        foreign,
    }
}

const APPLY: &str = "mutation($items: [ModelUpdateItemInput!]!) { applyModelUpdates(items: $items) { baseId groupUai status code message version } }";
const DISMISS: &str = "mutation($items: [ModelUpdateItemInput!]!) { dismissModelUpdates(items: $items) { baseId groupUai status code message version } }";

impl Region {
    async fn base(&self, id: &str) -> Value {
        let answer = self
            .app
            .graphql(
                Some(&self.alpha.operator),
                "query($id: ID!) { base(id: $id) { version publication settings { casUrls { root } } model { appliedRevision pendingUpdate { toRevision } } } }",
                json!({ "id": id }),
            )
            .await;
        answer["data"]["base"].clone()
    }

    async fn audit_count(&self, action: &str) -> usize {
        let audit = self
            .app
            .graphql(
                Some(&self.alpha.operator),
                "{ auditEvents(first: 100) { nodes { action } } }",
                json!({}),
            )
            .await;
        audit["data"]["auditEvents"]["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["action"] == action)
            .count()
    }
}

fn item(base: &str, version: i64) -> Value {
    json!({ "baseId": base, "expectedVersion": version })
}

async fn a_bulk_apply_reports_changed_published_and_foreign_bases_and_forces_none(
    backend: Backend,
) {
    // Arrange: four bases with an update pending; meanwhile someone edits
    // the second and publishes the third.
    let r = region(backend, 4).await;
    let [first, edited, published, last] = [&r.bases[0], &r.bases[1], &r.bases[2], &r.bases[3]];
    const LIST: &str = "{ pendingModelUpdates(first: 500) { nodes { baseId groupUai version publication establishments modelName fromRevision toRevision withdrawn changes } } }";
    let listed = r
        .app
        .graphql(Some(&r.alpha.operator), LIST, json!({}))
        .await;
    let nodes = listed["data"]["pendingModelUpdates"]["nodes"]
        .as_array()
        .unwrap_or_else(|| panic!("{listed}"));
    let ids: Vec<&str> = nodes
        .iter()
        .map(|n| n["baseId"].as_str().unwrap())
        .collect();
    assert_eq!(ids, r.bases.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(
        (
            &nodes[0]["groupUai"],
            &nodes[0]["version"],
            &nodes[0]["publication"],
            &nodes[0]["modelName"],
            &nodes[0]["fromRevision"],
            &nodes[0]["toRevision"],
            &nodes[0]["withdrawn"],
        ),
        (
            &json!(uai(0)),
            &json!(2),
            &json!("STOPPED"),
            &json!("ENT Région"),
            &json!(1),
            &json!(2),
            &json!(false)
        ),
        "{listed}"
    );
    assert_eq!(
        nodes[0]["establishments"],
        json!([format!("{} — Collège", uai(0))])
    );
    assert!(
        !nodes[0]["changes"].as_array().unwrap().is_empty(),
        "{listed}"
    );
    let theirs = r.app.graphql(Some(&r.beta_operator), LIST, json!({})).await;
    assert_eq!(
        theirs["data"]["pendingModelUpdates"]["nodes"],
        json!([]),
        "{theirs}"
    );
    let changed = r
        .app
        .graphql(
            Some(&r.alpha.operator),
            "mutation($b: ID!) { updateBase(id: $b, version: 2, fields: { hosting: HOSTED, schoolYear: \"2026-2027\", publicUrl: \"https://autre.index-education.net/pronote\" }) { version } }",
            json!({ "b": edited }),
        )
        .await;
    assert_eq!(changed["data"]["updateBase"]["version"], 3, "{changed}");
    assert_eq!(r.app.publish(&r.alpha.operator, published, 2).await, 3);

    // Act: the operator applies what it read (version 2 everywhere), plus
    // a base of another tenant.
    let answer = r
        .app
        .graphql(
            Some(&r.alpha.operator),
            APPLY,
            json!({ "items": [item(first, 2), item(edited, 2), item(published, 2), item(&r.foreign, 2), item(last, 2)] }),
        )
        .await;

    // Assert: one outcome per base, in order.
    let outcomes = answer["data"]["applyModelUpdates"]
        .as_array()
        .unwrap_or_else(|| panic!("{answer}"));
    let summary: Vec<(&str, Option<&str>, Value)> = outcomes
        .iter()
        .map(|o| {
            (
                o["status"].as_str().unwrap(),
                o["code"].as_str(),
                o["version"].clone(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("APPLIED", None, json!(3)),
            ("REFUSED", Some("CONFLICT"), json!(3)),
            ("REFUSED", Some("CONFLICT"), json!(3)),
            ("REFUSED", Some("NOT_FOUND"), Value::Null),
            ("APPLIED", None, json!(3)),
        ],
        "{answer}"
    );
    assert!(
        outcomes[1]["message"]
            .as_str()
            .unwrap()
            .contains("modifiée entre-temps"),
        "{answer}"
    );
    assert!(
        outcomes[2]["message"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("publication"),
        "{answer}"
    );
    assert_eq!(
        outcomes[3]["groupUai"],
        Value::Null,
        "nothing of another tenant leaks"
    );
    assert_eq!(outcomes[0]["groupUai"], uai(0));
    for applied in [first, last] {
        let base = r.base(applied).await;
        assert_eq!(
            base["settings"]["casUrls"]["root"],
            "https://cas.region.fr/cas"
        );
        assert_eq!(base["model"]["appliedRevision"], 2);
        assert_eq!(base["model"]["pendingUpdate"], Value::Null);
    }
    for refused in [edited, published] {
        let base = r.base(refused).await;
        assert_eq!(
            base["settings"]["casUrls"]["root"],
            "https://ent.region.fr/cas"
        );
        assert_eq!(base["version"], 3);
        assert_eq!(base["model"]["pendingUpdate"]["toRevision"], 2, "{base}");
    }
    assert_eq!(r.base(published).await["publication"], "PUBLISHED");
    assert_eq!(r.audit_count("MODEL_APPLIED").await, 4 + 2);

    // The edited base, read again, is dismissed; a stale dismissal is refused.
    let dismissed = r
        .app
        .graphql(
            Some(&r.alpha.operator),
            DISMISS,
            json!({ "items": [item(edited, 3), item(published, 2)] }),
        )
        .await;
    let outcomes = dismissed["data"]["dismissModelUpdates"]
        .as_array()
        .unwrap_or_else(|| panic!("{dismissed}"));
    assert_eq!(outcomes[0]["status"], "DISMISSED", "{dismissed}");
    assert_eq!(outcomes[1]["status"], "REFUSED");
    assert_eq!(outcomes[1]["code"], "CONFLICT");
    assert_eq!(r.base(edited).await["model"]["pendingUpdate"], Value::Null);
    assert_eq!(
        r.base(edited).await["settings"]["casUrls"]["root"],
        "https://ent.region.fr/cas"
    );
    assert_eq!(
        r.base(published).await["model"]["pendingUpdate"]["toRevision"],
        2
    );
    assert_eq!(r.audit_count("MODEL_UPDATE_DISMISSED").await, 1);

    // Applying again what is already applied: reported, nothing written.
    let again = r
        .app
        .graphql(
            Some(&r.alpha.operator),
            APPLY,
            json!({ "items": [item(first, 3)] }),
        )
        .await;
    assert_eq!(
        again["data"]["applyModelUpdates"][0]["code"], "CONFLICT",
        "{again}"
    );
    assert_eq!(r.base(first).await["version"], 3);
}

async fn a_bulk_request_out_of_bounds_or_by_a_reader_writes_nothing(backend: Backend) {
    // Arrange
    let r = region(backend, 1).await;
    let base = &r.bases[0];
    let refused = |token: String, items: Value| {
        let app = &r.app;
        async move {
            app.graphql(Some(&token), APPLY, json!({ "items": items }))
                .await
        }
    };

    // Act / Assert: 101 items.
    let too_many: Vec<Value> = (0..101)
        .map(|_| item(&uuid::Uuid::new_v4().to_string(), 1))
        .collect();
    let answer = refused(r.alpha.operator.clone(), json!(too_many)).await;
    assert_eq!(error_code(&answer), "VALIDATION", "{answer}");
    assert_eq!(answer["errors"][0]["extensions"]["field"], "items");
    assert!(error_message(&answer).contains("100 au plus"), "{answer}");
    // Nothing, twice the same base, a malformed id, a version below 1.
    for (items, field) in [
        (json!([]), "items"),
        (json!([item(base, 2), item(base, 2)]), "items.baseId"),
        (json!([item("pas-un-identifiant", 2)]), "items.baseId"),
        (json!([item(base, 0)]), "items.expectedVersion"),
    ] {
        let answer = refused(r.alpha.operator.clone(), items).await;
        assert_eq!(error_code(&answer), "VALIDATION", "{answer}");
        assert_eq!(
            answer["errors"][0]["extensions"]["field"], field,
            "{answer}"
        );
    }
    // The helpdesk reads bases, never changes them; a school administrator
    // does not act on the region.
    for token in [r.alpha.helpdesk.clone(), r.alpha.school.clone()] {
        for query in [APPLY, DISMISS] {
            let answer = r
                .app
                .graphql(Some(&token), query, json!({ "items": [item(base, 2)] }))
                .await;
            assert_eq!(error_code(&answer), "FORBIDDEN", "{answer}");
        }
    }
    let after = r.base(base).await;
    assert_eq!(after["version"], 2);
    assert_eq!(after["model"]["pendingUpdate"]["toRevision"], 2);
}

async fn a_failed_email_is_requeued_once_by_its_operator_and_audited(backend: Backend) {
    // Arrange: a message of alpha given up on by the outbox job.
    let app = spawn_app(backend).await;
    let [alpha, beta] = app.two_tenants().await;
    let tenant = uuid::Uuid::parse_str(&alpha.id).unwrap();
    let queued = relais_store::outbox::enqueue(
        app.store.connection(),
        relais_store::NewOutboxMessage {
            tenant_id: Some(tenant),
            kind: "TICKET_OPENED".into(),
            message_id: relais_store::new_message_id("relais.test"),
            in_reply_to: None,
            references: None,
            to: vec!["assistance@alpha.test".into()],
            reply_to: None,
            subject: "Nouveau ticket".into(),
            text_body: "Bonjour".into(),
            html_body: None,
        },
    )
    .await
    .unwrap();
    assert!(
        app.store
            .outbox()
            .mark_poisoned(queued.id, "550 boîte inconnue")
            .await
            .unwrap()
    );
    const REQUEUE: &str =
        "mutation($id: ID!) { requeueOutboxMessage(id: $id) { status attempts lastError } }";
    let id = json!({ "id": queued.id.to_string() });

    // Act / Assert: neither another operator, nor the helpdesk, nor a
    // school administrator.
    let foreign = app.graphql(Some(&beta.operator), REQUEUE, id.clone()).await;
    assert_eq!(error_code(&foreign), "NOT_FOUND", "{foreign}");
    for token in [&alpha.helpdesk, &alpha.school] {
        let answer = app.graphql(Some(token), REQUEUE, id.clone()).await;
        assert_eq!(error_code(&answer), "FORBIDDEN", "{answer}");
    }
    let malformed = app
        .graphql(Some(&alpha.operator), REQUEUE, json!({ "id": "42" }))
        .await;
    assert_eq!(error_code(&malformed), "VALIDATION", "{malformed}");
    assert_eq!(
        app.store.outbox().find(queued.id).await.unwrap().status,
        "FAILED"
    );

    // Its operator requeues it: pending, attempts afresh, the error kept.
    let requeued = app
        .graphql(Some(&alpha.operator), REQUEUE, id.clone())
        .await;
    assert_eq!(
        requeued["data"]["requeueOutboxMessage"],
        json!({ "status": "PENDING", "attempts": 0, "lastError": "550 boîte inconnue" }),
        "{requeued}"
    );
    // Twice: it is not failed any more.
    let twice = app.graphql(Some(&alpha.operator), REQUEUE, id).await;
    assert_eq!(error_code(&twice), "CONFLICT", "{twice}");
    let audit = app
        .graphql(
            Some(&alpha.operator),
            "{ auditEvents(first: 20) { nodes { action targetType summary } } }",
            json!({}),
        )
        .await;
    let requeues: Vec<&Value> = audit["data"]["auditEvents"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "OUTBOX_MESSAGE_REQUEUED")
        .collect();
    assert_eq!(requeues.len(), 1, "{audit}");
    assert!(
        requeues[0]["summary"]
            .as_str()
            .unwrap()
            .contains("Nouveau ticket")
    );
}

on_both_databases!(
    a_bulk_apply_reports_changed_published_and_foreign_bases_and_forces_none,
    a_bulk_request_out_of_bounds_or_by_a_reader_writes_nothing,
    a_failed_email_is_requeued_once_by_its_operator_and_audited,
);
