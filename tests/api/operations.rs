//! The operator's daily tools in the console (issue 17): pending model
//! updates applied or dismissed in bulk, and a failed e-mail put back in
//! the queue.

use relais_domain::Uai;

use crate::helpers::*;
use crate::typed::{
    BulkApplyModelUpdates, BulkDismissModelUpdates, BulkPendingModelUpdates, OperatorAuditEvents,
    Refused, RegionApplyModel, RegionBaseModel, RegionEditBase, RegionImportModels,
    RegionModelSource, RegionModels, RequeueOutboxMessage, bulk_apply_model_updates,
    bulk_dismiss_model_updates, bulk_pending_model_updates, operator_audit_events,
    region_apply_model, region_base_model, region_edit_base, region_import_models,
    region_model_source, region_models, requeue_outbox_message,
};
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
    let input = region_model_source::CreateModelSourceInput {
        tenant_id: None,
        name: "Modèles de l'opérateur".into(),
        feed_url: None,
        cron: None,
        allow_http_for_testing: false,
    };
    let source = app
        .run_ok::<RegionModelSource>(
            Some(&alpha.operator),
            region_model_source::Variables { input },
        )
        .await
        .create_model_source
        .id;
    let import = |xml: String| {
        let app = &app;
        let token = alpha.operator.clone();
        let source = source.clone();
        async move {
            app.run_ok::<RegionImportModels>(
                Some(&token),
                region_import_models::Variables {
                    source_id: source,
                    feed_xml: xml,
                },
            )
            .await
            .import_models
            .bases_with_pending_update
        }
    };
    import(feed("https://ent.region.fr/cas")).await;
    let models = app
        .run_ok::<RegionModels>(Some(&alpha.operator), region_models::Variables)
        .await
        .models;
    let model = models
        .first()
        .unwrap_or_else(|| panic!("{models:?}"))
        .id
        .clone();
    let mut bases = Vec::new();
    for n in 0..count {
        let base = new_base(&app, &alpha.operator, n).await;
        let applied = app
            .run_ok::<RegionApplyModel>(
                Some(&alpha.operator),
                region_apply_model::Variables {
                    base_id: base.clone(),
                    model_id: model.clone(),
                    expected_version: 1,
                },
            )
            .await;
        assert_eq!(applied.apply_model.base.version, 2, "{applied:?}");
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

type BaseModel = region_base_model::RegionBaseModelBase;
type Applied = bulk_apply_model_updates::BulkApplyModelUpdatesApplyModelUpdates;
type Dismissed = bulk_dismiss_model_updates::BulkDismissModelUpdatesDismissModelUpdates;

impl Region {
    async fn base(&self, id: &str) -> BaseModel {
        self.app
            .run_ok::<RegionBaseModel>(
                Some(&self.alpha.operator),
                region_base_model::Variables { id: id.to_owned() },
            )
            .await
            .base
    }

    async fn audit_count(&self, action: &str) -> usize {
        audit_events(&self.app, &self.alpha.operator, 100)
            .await
            .iter()
            .filter(|a| a.action == action)
            .count()
    }

    /// `token`'s holder applies the pending updates of `items` (base,
    /// expected version).
    async fn apply(&self, token: &str, items: &[(&str, i64)]) -> Result<Vec<Applied>, Refused> {
        let items = items
            .iter()
            .map(
                |(base, version)| bulk_apply_model_updates::ModelUpdateItemInput {
                    base_id: (*base).to_owned(),
                    expected_version: *version,
                },
            )
            .collect();
        self.app
            .run::<BulkApplyModelUpdates>(
                Some(token),
                bulk_apply_model_updates::Variables { items },
            )
            .await
            .map(|data| data.apply_model_updates)
    }

    /// `token`'s holder dismisses the pending updates of `items`.
    async fn dismiss(&self, token: &str, items: &[(&str, i64)]) -> Result<Vec<Dismissed>, Refused> {
        let items = items
            .iter()
            .map(
                |(base, version)| bulk_dismiss_model_updates::ModelUpdateItemInput {
                    base_id: (*base).to_owned(),
                    expected_version: *version,
                },
            )
            .collect();
        self.app
            .run::<BulkDismissModelUpdates>(
                Some(token),
                bulk_dismiss_model_updates::Variables { items },
            )
            .await
            .map(|data| data.dismiss_model_updates)
    }
}

/// The operator's journal, newest first.
async fn audit_events(
    app: &TestApp,
    token: &str,
    first: i64,
) -> Vec<operator_audit_events::OperatorAuditEventsAuditEventsNodes> {
    app.run_ok::<OperatorAuditEvents>(
        Some(token),
        operator_audit_events::Variables { first: Some(first) },
    )
    .await
    .audit_events
    .nodes
}

/// A base's CAS root now.
fn cas_root(base: &BaseModel) -> Option<&str> {
    base.settings.cas_urls.as_ref()?.root.as_deref()
}

/// The revision of the model a base has applied.
fn applied_revision(base: &BaseModel) -> Option<i64> {
    base.model.as_ref().map(|m| m.applied_revision)
}

/// The revision a base's pending update would bring, if one is pending.
fn pending_revision(base: &BaseModel) -> Option<Option<i64>> {
    let pending = base.model.as_ref()?.pending_update.as_ref()?;
    Some(pending.to_revision)
}

async fn a_bulk_apply_reports_changed_published_and_foreign_bases_and_forces_none(
    backend: Backend,
) {
    // Arrange: four bases with an update pending; meanwhile someone edits
    // the second and publishes the third.
    let r = region(backend, 4).await;
    let [first, edited, published, last] = [&r.bases[0], &r.bases[1], &r.bases[2], &r.bases[3]];
    let list = |token: &str| {
        let app = &r.app;
        let token = token.to_owned();
        async move {
            app.run_ok::<BulkPendingModelUpdates>(
                Some(&token),
                bulk_pending_model_updates::Variables,
            )
            .await
            .pending_model_updates
            .nodes
        }
    };
    let nodes = list(&r.alpha.operator).await;
    let ids: Vec<&str> = nodes.iter().map(|n| n.base_id.as_str()).collect();
    assert_eq!(ids, r.bases.iter().map(String::as_str).collect::<Vec<_>>());
    let node = &nodes[0];
    assert_eq!(
        (
            node.group_uai.as_str(),
            node.version,
            &node.publication,
            node.model_name.as_str(),
            node.from_revision,
            node.to_revision,
            node.withdrawn,
        ),
        (
            uai(0).as_str(),
            2,
            &bulk_pending_model_updates::Publication::STOPPED,
            "ENT Région",
            1,
            Some(2),
            false
        ),
        "{nodes:?}"
    );
    assert_eq!(node.establishments, [format!("{} — Collège", uai(0))]);
    assert!(!node.changes.is_empty(), "{nodes:?}");
    let theirs = list(&r.beta_operator).await;
    assert!(theirs.is_empty(), "{theirs:?}");
    let fields = region_edit_base::BaseFieldsInput {
        hosting: region_edit_base::Hosting::HOSTED,
        pronote_version: None,
        school_year: "2026-2027".into(),
        public_url: Some("https://autre.index-education.net/pronote".into()),
        server_address: None,
        ent_credentials_distributed: false,
    };
    let changed = r
        .app
        .run_ok::<RegionEditBase>(
            Some(&r.alpha.operator),
            region_edit_base::Variables {
                id: edited.clone(),
                version: 2,
                fields,
            },
        )
        .await;
    assert_eq!(changed.update_base.version, 3, "{changed:?}");
    assert_eq!(r.app.publish(&r.alpha.operator, published, 2).await, 3);

    // Act: the operator applies what it read (version 2 everywhere), plus
    // a base of another tenant.
    let outcomes = r
        .apply(
            &r.alpha.operator,
            &[
                (first, 2),
                (edited, 2),
                (published, 2),
                (&r.foreign, 2),
                (last, 2),
            ],
        )
        .await
        .unwrap_or_else(|refused| panic!("{refused:?}"));

    // Assert: one outcome per base, in order.
    use bulk_apply_model_updates::ModelUpdateOutcomeStatus::{APPLIED, REFUSED};
    let summary: Vec<_> = outcomes
        .iter()
        .map(|o| (o.status.clone(), o.code.as_deref(), o.version))
        .collect();
    assert_eq!(
        summary,
        [
            (APPLIED, None, Some(3)),
            (REFUSED, Some("CONFLICT"), Some(3)),
            (REFUSED, Some("CONFLICT"), Some(3)),
            (REFUSED, Some("NOT_FOUND"), None),
            (APPLIED, None, Some(3)),
        ],
        "{outcomes:?}"
    );
    assert!(
        outcomes[1]
            .message
            .as_deref()
            .unwrap()
            .contains("modifiée entre-temps"),
        "{outcomes:?}"
    );
    assert!(
        outcomes[2]
            .message
            .as_deref()
            .unwrap()
            .to_lowercase()
            .contains("publication"),
        "{outcomes:?}"
    );
    assert_eq!(
        outcomes[3].group_uai, None,
        "nothing of another tenant leaks"
    );
    assert_eq!(outcomes[0].group_uai.as_deref(), Some(uai(0).as_str()));
    for applied in [first, last] {
        let base = r.base(applied).await;
        assert_eq!(cas_root(&base), Some("https://cas.region.fr/cas"));
        assert_eq!(applied_revision(&base), Some(2));
        assert_eq!(pending_revision(&base), None);
    }
    for refused in [edited, published] {
        let base = r.base(refused).await;
        assert_eq!(cas_root(&base), Some("https://ent.region.fr/cas"));
        assert_eq!(base.version, 3);
        assert_eq!(pending_revision(&base), Some(Some(2)), "{base:?}");
    }
    assert_eq!(
        r.base(published).await.publication,
        region_base_model::Publication::PUBLISHED
    );
    assert_eq!(r.audit_count("MODEL_APPLIED").await, 4 + 2);

    // The edited base, read again, is dismissed; a stale dismissal is refused.
    let outcomes = r
        .dismiss(&r.alpha.operator, &[(edited, 3), (published, 2)])
        .await
        .unwrap_or_else(|refused| panic!("{refused:?}"));
    use bulk_dismiss_model_updates::ModelUpdateOutcomeStatus as Dismissal;
    assert_eq!(outcomes[0].status, Dismissal::DISMISSED, "{outcomes:?}");
    assert_eq!(outcomes[1].status, Dismissal::REFUSED);
    assert_eq!(outcomes[1].code.as_deref(), Some("CONFLICT"));
    assert_eq!(pending_revision(&r.base(edited).await), None);
    assert_eq!(
        cas_root(&r.base(edited).await),
        Some("https://ent.region.fr/cas")
    );
    assert_eq!(pending_revision(&r.base(published).await), Some(Some(2)));
    assert_eq!(r.audit_count("MODEL_UPDATE_DISMISSED").await, 1);

    // Applying again what is already applied: reported, nothing written.
    let again = r
        .apply(&r.alpha.operator, &[(first, 3)])
        .await
        .unwrap_or_else(|refused| panic!("{refused:?}"));
    assert_eq!(again[0].code.as_deref(), Some("CONFLICT"), "{again:?}");
    assert_eq!(r.base(first).await.version, 3);
}

async fn a_bulk_request_out_of_bounds_or_by_a_reader_writes_nothing(backend: Backend) {
    // Arrange
    let r = region(backend, 1).await;
    let base = r.bases[0].as_str();

    // Act / Assert: 101 items.
    let ids: Vec<String> = (0..101).map(|_| uuid::Uuid::new_v4().to_string()).collect();
    let too_many: Vec<(&str, i64)> = ids.iter().map(|id| (id.as_str(), 1)).collect();
    let answer = r
        .apply(&r.alpha.operator, &too_many)
        .await
        .expect_err("refused");
    assert_eq!(answer.code(), "VALIDATION", "{answer:?}");
    assert_eq!(answer.field(), Some("items"));
    assert!(answer.message().contains("100 au plus"), "{answer:?}");
    // Nothing, twice the same base, a malformed id, a version below 1.
    let cases: [(&[(&str, i64)], &str); 4] = [
        (&[], "items"),
        (&[(base, 2), (base, 2)], "items.baseId"),
        (&[("pas-un-identifiant", 2)], "items.baseId"),
        (&[(base, 0)], "items.expectedVersion"),
    ];
    for (items, field) in cases {
        let answer = r
            .apply(&r.alpha.operator, items)
            .await
            .expect_err("refused");
        assert_eq!(answer.code(), "VALIDATION", "{answer:?}");
        assert_eq!(answer.field(), Some(field), "{answer:?}");
    }
    // The helpdesk reads bases, never changes them; a school administrator
    // does not act on the region.
    for token in [&r.alpha.helpdesk, &r.alpha.school] {
        let applied = r.apply(token, &[(base, 2)]).await.expect_err("refused");
        assert_eq!(applied.code(), "FORBIDDEN", "{applied:?}");
        let dismissed = r.dismiss(token, &[(base, 2)]).await.expect_err("refused");
        assert_eq!(dismissed.code(), "FORBIDDEN", "{dismissed:?}");
    }
    let after = r.base(base).await;
    assert_eq!(after.version, 2);
    assert_eq!(pending_revision(&after), Some(Some(2)));
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
    let requeue = |token: &str, id: String| {
        let app = &app;
        let token = token.to_owned();
        async move {
            app.run::<RequeueOutboxMessage>(Some(&token), requeue_outbox_message::Variables { id })
                .await
                .map(|data| data.requeue_outbox_message)
        }
    };
    let id = queued.id.to_string();

    // Act / Assert: neither another operator, nor the helpdesk, nor a
    // school administrator.
    let foreign = requeue(&beta.operator, id.clone())
        .await
        .expect_err("refused");
    assert_eq!(foreign.code(), "NOT_FOUND", "{foreign:?}");
    for token in [&alpha.helpdesk, &alpha.school] {
        let answer = requeue(token, id.clone()).await.expect_err("refused");
        assert_eq!(answer.code(), "FORBIDDEN", "{answer:?}");
    }
    let malformed = requeue(&alpha.operator, "42".into())
        .await
        .expect_err("refused");
    assert_eq!(malformed.code(), "VALIDATION", "{malformed:?}");
    assert_eq!(
        app.store.outbox().find(queued.id).await.unwrap().status,
        relais_store::OutboxStatus::Failed
    );

    // Its operator requeues it: pending, attempts afresh, the error kept.
    let requeued = requeue(&alpha.operator, id.clone())
        .await
        .unwrap_or_else(|refused| panic!("{refused:?}"));
    assert_eq!(
        requeued,
        requeue_outbox_message::RequeueOutboxMessageRequeueOutboxMessage {
            status: requeue_outbox_message::OutboxStatusName::PENDING,
            attempts: 0,
            last_error: Some("550 boîte inconnue".into()),
        }
    );
    // Twice: it is not failed any more.
    let twice = requeue(&alpha.operator, id).await.expect_err("refused");
    assert_eq!(twice.code(), "CONFLICT", "{twice:?}");
    let audit = audit_events(&app, &alpha.operator, 20).await;
    let requeues: Vec<_> = audit
        .iter()
        .filter(|e| e.action == "OUTBOX_MESSAGE_REQUEUED")
        .collect();
    assert_eq!(requeues.len(), 1, "{audit:?}");
    assert!(requeues[0].summary.contains("Nouveau ticket"));
}

on_both_databases!(
    a_bulk_apply_reports_changed_published_and_foreign_bases_and_forces_none,
    a_bulk_request_out_of_bounds_or_by_a_reader_writes_nothing,
    a_failed_email_is_requeued_once_by_its_operator_and_audited,
);
