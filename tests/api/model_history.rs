//! The operator's « Modèles » screen (issue 17): a source's catalog
//! versions, a model's revisions and the diff between two, read with the
//! visibility of the source.

use std::fmt::Debug;

use graphql_client::Response;

use crate::helpers::*;
use crate::typed::{
    CatalogVersions, EntModelById, ModelRevisionDiff, ModelRevisions, ModelsOfSource, Refused,
    catalog_versions, ent_model_by_id, model_revision_diff, model_revisions, models_of_source,
};

/// A `relais-models/1` feed with one model, « ENT Région », on CAS `root`.
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

struct History {
    app: TestApp,
    alpha: TenantFixture,
    beta: TenantFixture,
    source: String,
    model: String,
}

/// Alpha's source, imported twice with another CAS root: two catalog
/// versions, a model at revision 2.
async fn history(backend: Backend) -> History {
    let app = spawn_app(backend).await;
    let [alpha, beta] = app.two_tenants().await;
    let source = app
        .create_model_source(&alpha.operator, "Modèles de l'opérateur")
        .await;
    for root in [
        "https://cas.ent-region.fr/cas",
        "https://auth.ent-region.fr/cas",
    ] {
        let imported = app
            .import_models(&alpha.operator, &source, &feed(root))
            .await;
        assert!(
            imported.as_ref().is_ok_and(|report| report.new_version),
            "{imported:?}"
        );
    }
    let models = app
        .run_ok::<ModelsOfSource>(
            Some(&alpha.operator),
            models_of_source::Variables {
                source_id: Some(source.clone()),
            },
        )
        .await
        .models;
    let first = models.first().unwrap_or_else(|| panic!("{models:?}"));
    assert_eq!(first.revision, 2, "{models:?}");
    let model = first.id.clone();
    History {
        app,
        alpha,
        beta,
        source,
        model,
    }
}

impl History {
    async fn catalog_versions(
        &self,
        token: &str,
        source: &str,
    ) -> Response<catalog_versions::ResponseData> {
        let variables = catalog_versions::Variables {
            source_id: source.to_owned(),
        };
        self.app
            .answer::<CatalogVersions>(Some(token), variables)
            .await
    }

    async fn ent_model(&self, token: &str) -> Response<ent_model_by_id::ResponseData> {
        let variables = ent_model_by_id::Variables {
            id: self.model.clone(),
        };
        self.app
            .answer::<EntModelById>(Some(token), variables)
            .await
    }

    async fn revisions(&self, token: &str) -> Response<model_revisions::ResponseData> {
        let variables = model_revisions::Variables {
            model_id: self.model.clone(),
        };
        self.app
            .answer::<ModelRevisions>(Some(token), variables)
            .await
    }

    async fn diff(
        &self,
        token: &str,
        model: &str,
        from: i64,
        to: i64,
    ) -> Response<model_revision_diff::ResponseData> {
        let variables = model_revision_diff::Variables {
            model_id: model.to_owned(),
            from,
            to,
        };
        self.app
            .answer::<ModelRevisionDiff>(Some(token), variables)
            .await
    }
}

/// The data of an answer the test expects to succeed.
fn data<T: Debug>(answer: Response<T>) -> T {
    match answer.errors {
        Some(errors) if !errors.is_empty() => panic!("refused: {errors:?}"),
        _ => answer.data.expect("an answer without data"),
    }
}

/// The errors of an answer the test expects refused, after checking it
/// carries no data.
fn refusal<T: Debug>(what: &str, answer: Response<T>) -> Refused {
    assert!(answer.data.is_none(), "{what}: {answer:?}");
    let errors = answer.errors.unwrap_or_default();
    assert!(!errors.is_empty(), "{what}: no error");
    Refused(errors)
}

async fn a_source_lists_its_catalog_versions_and_a_model_the_diff_between_revisions(
    backend: Backend,
) {
    let h = history(backend).await;
    let versions = data(h.catalog_versions(&h.alpha.operator, &h.source).await);
    let counts: Vec<(i64, i64, i64, i64)> = versions
        .catalog_versions
        .iter()
        .map(|v| (v.models, v.added, v.changed, v.withdrawn))
        .collect();
    assert_eq!(counts, [(1, 0, 1, 0), (1, 1, 0, 0)], "{versions:?}");
    let model = data(h.ent_model(&h.alpha.operator).await);
    assert_eq!(model.ent_model.name, "ENT Région", "{model:?}");
    let revisions: Vec<i64> = data(h.revisions(&h.alpha.operator).await)
        .model_revisions
        .iter()
        .map(|r| r.revision)
        .collect();
    assert_eq!(revisions, [2, 1]);
    let diff = data(h.diff(&h.alpha.operator, &h.model, 1, 2).await);
    let changes = &diff.model_revision_diff;
    assert!(!changes.is_empty(), "{diff:?}");
    let text = format!("{changes:?}");
    assert!(
        text.contains("cas.ent-region.fr") && text.contains("auth.ent-region.fr"),
        "{diff:?}"
    );
    // The other way round, old and new swap.
    let back = data(h.diff(&h.alpha.operator, &h.model, 2, 1).await);
    assert_eq!(
        back.model_revision_diff.first().map(|c| &c.old),
        changes.first().map(|c| &c.new),
        "{back:?}"
    );
}

async fn another_tenant_or_a_bad_revision_gets_an_error(backend: Backend) {
    let h = history(backend).await;
    let other = h.beta.operator.as_str();
    let refusals = [
        (
            "catalogVersions",
            refusal(
                "catalogVersions",
                h.catalog_versions(other, &h.source).await,
            ),
        ),
        (
            "modelRevisions",
            refusal("modelRevisions", h.revisions(other).await),
        ),
        ("entModel", refusal("entModel", h.ent_model(other).await)),
        (
            "modelRevisionDiff",
            refusal("modelRevisionDiff", h.diff(other, &h.model, 1, 2).await),
        ),
    ];
    for (what, refused) in refusals {
        assert_eq!(refused.code(), "NOT_FOUND", "{what}: {refused:?}");
    }
    for (model, from, to, code, field) in [
        (h.model.as_str(), 0, 2, "VALIDATION", Some("from")),
        (h.model.as_str(), 2, 2, "VALIDATION", Some("to")),
        (h.model.as_str(), 1, 3, "NOT_FOUND", None),
        ("nope", 1, 2, "VALIDATION", Some("modelId")),
    ] {
        let what = format!("{model} {from}→{to}");
        let answer = refusal(&what, h.diff(&h.alpha.operator, model, from, to).await);
        assert_eq!(answer.code(), code, "{what}: {answer:?}");
        if let Some(field) = field {
            assert_eq!(answer.field(), Some(field), "{answer:?}");
        }
    }
    let bad_source = refusal(
        "catalogVersions of nope",
        h.catalog_versions(&h.alpha.operator, "nope").await,
    );
    assert_eq!(bad_source.code(), "VALIDATION", "{bad_source:?}");
}

/// A model's or a revision's values no version of Relais wrote: the read
/// fails as an internal error, it never shows something else.
async fn a_body_no_version_wrote_is_an_internal_error_not_a_default(backend: Backend) {
    use relais_store::entities::{ent_model, model_revision};
    use sea_orm::sea_query::Expr;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

    let h = history(backend).await;
    let model: uuid::Uuid = h.model.parse().unwrap();
    let db = h.app.store.connection();

    let changed = model_revision::Entity::update_many()
        .col_expr(model_revision::Column::Body, Expr::value("{\"name\":"))
        .filter(model_revision::Column::ModelId.eq(model))
        .filter(model_revision::Column::Revision.eq(1))
        .exec(db)
        .await
        .unwrap();
    assert_eq!(changed.rows_affected, 1);
    let diff = refusal(
        "modelRevisionDiff",
        h.diff(&h.alpha.operator, &h.model, 1, 2).await,
    );
    assert_eq!(diff.code(), "INTERNAL", "{diff:?}");

    let changed = ent_model::Entity::update_many()
        .col_expr(ent_model::Column::Body, Expr::value("[]"))
        .filter(ent_model::Column::Id.eq(model))
        .exec(db)
        .await
        .unwrap();
    assert_eq!(changed.rows_affected, 1);
    let read = refusal("entModel", h.ent_model(&h.alpha.operator).await);
    assert_eq!(read.code(), "INTERNAL", "{read:?}");
}

on_both_databases!(
    a_source_lists_its_catalog_versions_and_a_model_the_diff_between_revisions,
    another_tenant_or_a_bad_revision_gets_an_error,
    a_body_no_version_wrote_is_an_internal_error_not_a_default,
);
