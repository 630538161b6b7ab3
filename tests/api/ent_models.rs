//! Issue 14: each ENT names its CAS attributes (recommended settings come
//! from the ENT's model, never from one set), a model's values are visible
//! before anyone applies them, and the PRONOTE client part of a model is
//! applied, diffed and drift-checked like PRONOTE.net's (docs/domain.md « Les
//! attributs de chaque ENT », « Le Serveur PRONOTE et le client »).

use crate::helpers::*;
use crate::typed::{
    ApplyModelUpdate, BaseEntModelState, DefaultModelOfTenant, ModelClients, RecommendFromModel,
    Refused, SetDefaultModel, apply_model_update, base_ent_model_state, default_model_of_tenant,
    model_clients, recommend_from_model, set_default_model,
};
use crate::use_cases::{
    ClientDelegationInput, DelegationSettingsInput, DirectAccess, Espace, EspaceDelegation,
    FirstConnectionInput, FirstConnectionMode, ImportReport, NewBase, NewEstablishment, Profile,
    cas_settings, espace, first_connection, identity_first_connection, profile_values,
};

const IDENTITY_SDET: &str = "<AvecIdentite><AttributNom>sn</AttributNom><AttributPrenom>givenName</AttributPrenom><AttributDateNaissance>ENTPersonDateNaissance</AttributDateNaissance><AttributCodePostal>ENTPersonCodePostal</AttributCodePostal><AttributProfil>ENTPersonProfils</AttributProfil><ValeursProfil><Profil code=\"ELEVE\">National_1</Profil><Profil code=\"PARENT\">National_2</Profil><Profil code=\"PROFESSEUR\">National_3</Profil><Profil code=\"PERSONNEL\">National_4</Profil></ValeursProfil></AvecIdentite>";
const IDENTITY_SHORT: &str = "<AvecIdentite><AttributNom>nom</AttributNom><AttributPrenom>prenom</AttributPrenom><AttributDateNaissance>dateNaissance</AttributDateNaissance><AttributProfil>categories</AttributProfil><ValeursProfil><Profil code=\"ELEVE\">National_1</Profil><Profil code=\"PROFESSEUR\">National_3</Profil></ValeursProfil></AvecIdentite>";
const ID_PRONOTE: &str = "<AvecIdentifiantPronote><AttributIdentifiant>idPronote</AttributIdentifiant></AvecIdentifiantPronote>";

/// One ENT: its PRONOTE client section (mode) and PRONOTE.net section.
fn ent(name: &str, root: &str, client_mode: &str, net_mode: &str) -> String {
    let section = |tag: &str, mode: &str| {
        format!(
            "<{tag}><Url_ServeurCAS><UrlRacine>{root}</UrlRacine></Url_ServeurCAS>\
             <ModeIdentificationPremiereConnexion>{mode}</ModeIdentificationPremiereConnexion></{tag}>"
        )
    };
    format!(
        "<ENT><Nom>{name}</Nom><Localisation>Région</Localisation>{}{}</ENT>",
        section("ClientPronote", client_mode),
        section("PronoteNet", net_mode)
    )
}

fn feed(ents: &[String]) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListeModeles xmlns=\"urn:relais:models:1\" version=\"relais-models/1\">{}</ListeModeles>",
        ents.concat()
    )
}

const ELYCO: &str = "E-lyco (ENT des Pays de la Loire)";
const KOSMOS: &str = "Mon Bureau Numérique (Région Grand Est)";

struct Fixture {
    app: TestApp,
    operator: String,
    helpdesk: String,
    source: String,
}

impl Fixture {
    async fn new(backend: Backend) -> Self {
        let app = spawn_app(backend).await;
        let [alpha, _] = app.two_tenants().await;
        let source = app
            .create_model_source(&alpha.operator, "Modèles de l'opérateur")
            .await;
        Self {
            app,
            operator: alpha.operator,
            helpdesk: alpha.helpdesk,
            source,
        }
    }

    async fn import(&self, xml: &str) -> ImportReport {
        self.app
            .import_models(&self.operator, &self.source, xml)
            .await
            .unwrap_or_else(|refused| panic!("import refused: {refused:?}"))
    }

    async fn model_id(&self, name: &str) -> String {
        self.app.model_id(&self.operator, name).await
    }

    async fn new_base(&self, uai: &str) -> String {
        let establishment = self
            .app
            .create_establishment(&self.operator, NewEstablishment::lycee(uai, "Lycée"))
            .await;
        let base = NewBase::hosted(&establishment).at("https://x.index-education.net/pronote");
        self.app.create_base(&self.operator, base).await.id
    }

    async fn recommend(
        &self,
        base: &str,
        version: i64,
        model: Option<&str>,
        root: Option<&str>,
    ) -> Result<recommend_from_model::EntModelBase, Refused> {
        let variables = recommend_from_model::Variables {
            base_id: base.to_owned(),
            version,
            model_id: model.map(str::to_owned),
            cas_root: root.map(str::to_owned),
        };
        self.app
            .run::<RecommendFromModel>(Some(&self.operator), variables)
            .await
            .map(|recommended| recommended.apply_recommended_settings)
    }

    async fn base(&self, id: &str) -> base_ent_model_state::EntModelBase {
        self.app
            .run_ok::<BaseEntModelState>(
                Some(&self.operator),
                base_ent_model_state::Variables { id: id.to_owned() },
            )
            .await
            .base
    }
}

async fn recommended_settings_come_from_the_ents_model(backend: Backend) {
    let f = Fixture::new(backend).await;
    let base = f.new_base("0410017W").await;

    // No model anywhere: no hard-coded attribute names either.
    let refused = f
        .recommend(&base, 1, None, Some("https://cas.x.fr/cas"))
        .await
        .expect_err("recommended settings without any model");
    assert_eq!(refused.code(), "VALIDATION", "{refused:?}");
    assert_eq!(refused.field(), Some("modelId"), "{refused:?}");

    f.import(&feed(&[
        ent(
            ELYCO,
            "https://cas3.e-lyco.fr/access/",
            IDENTITY_SDET,
            IDENTITY_SDET,
        ),
        ent(
            KOSMOS,
            "https://cas.monbureaunumerique.fr",
            IDENTITY_SHORT,
            IDENTITY_SHORT,
        ),
    ]))
    .await;
    // Each model's attribute names and profile values, before anyone
    // applies it.
    let models = f
        .app
        .run_ok::<ModelClients>(Some(&f.operator), model_clients::Variables)
        .await;
    let elyco = models
        .models
        .iter()
        .find(|m| m.name == ELYCO)
        .unwrap_or_else(|| panic!("{models:?}"));
    let net = &elyco.clients[1];
    assert_eq!(net.client, model_clients::ModelClient::PRONOTE_NET);
    assert_eq!(
        net.cas_urls.as_ref().and_then(|urls| urls.root.as_deref()),
        Some("https://cas3.e-lyco.fr/access")
    );
    let identity = net
        .first_connection
        .identity
        .as_ref()
        .unwrap_or_else(|| panic!("{elyco:?}"));
    assert_eq!(
        (
            identity.last_name.as_str(),
            identity.first_name.as_str(),
            identity.birth_date.as_str(),
            identity.postal_code.as_deref(),
            identity.profile.as_str()
        ),
        (
            "sn",
            "givenName",
            "ENTPersonDateNaissance",
            Some("ENTPersonCodePostal"),
            "ENTPersonProfils"
        ),
        "{elyco:?}"
    );
    let values = identity.profile_values.first().unwrap();
    assert_eq!(
        (&values.profile, values.values.as_slice()),
        (
            &model_clients::Profile::ELEVE,
            ["National_1".to_owned()].as_slice()
        )
    );

    // The chosen model gives the names.
    let elyco_id = f.model_id(ELYCO).await;
    let applied = f.recommend(&base, 1, Some(&elyco_id), None).await.unwrap();
    let identity = applied
        .settings
        .first_connection
        .identity
        .as_ref()
        .unwrap_or_else(|| panic!("{applied:?}"));
    assert_eq!(identity.last_name, "sn", "{applied:?}");
    assert_eq!(identity.first_name, "givenName");
    assert_eq!(identity.profile, "ENTPersonProfils");
    assert_eq!(
        applied
            .settings
            .cas_urls
            .as_ref()
            .and_then(|urls| urls.root.as_deref()),
        Some("https://cas3.e-lyco.fr/access")
    );
    // The base follows the model it took its values from.
    let model = applied.model.as_ref().unwrap();
    assert_eq!(model.model.name, ELYCO);
    assert_eq!(model.drift, vec![]);
    // A CAS address the model already gives is not taken silently.
    let twice = f
        .recommend(&base, 2, Some(&elyco_id), Some("https://cas.autre.fr/cas"))
        .await
        .expect_err("a CAS address taken over the model's");
    assert_eq!(twice.code(), "VALIDATION", "{twice:?}");
    assert_eq!(twice.field(), Some("casRoot"), "{twice:?}");

    // The operator's default model, for a base that names none.
    let kosmos = f.model_id(KOSMOS).await;
    let set = f
        .app
        .run::<SetDefaultModel>(
            Some(&f.operator),
            set_default_model::Variables { model_id: kosmos },
        )
        .await;
    assert_eq!(
        set.as_ref()
            .ok()
            .and_then(|set| set.set_default_model.as_ref())
            .map(|model| model.name.as_str()),
        Some(KOSMOS),
        "{set:?}"
    );
    let me = f
        .app
        .run_ok::<DefaultModelOfTenant>(Some(&f.operator), default_model_of_tenant::Variables)
        .await;
    assert_eq!(
        me.me
            .tenant
            .as_ref()
            .and_then(|tenant| tenant.default_model.as_ref())
            .map(|model| model.name.as_str()),
        Some(KOSMOS),
        "{me:?}"
    );
    let other = f.new_base("0410018X").await;
    let applied = f.recommend(&other, 1, None, None).await.unwrap();
    let identity = applied
        .settings
        .first_connection
        .identity
        .as_ref()
        .unwrap_or_else(|| panic!("{applied:?}"));
    assert_eq!(identity.last_name, "nom", "{applied:?}");
    assert_eq!(identity.profile, "categories");
    // The base that applied e-lyco keeps e-lyco's names when asked again.
    let again = f.recommend(&base, 2, None, None).await.unwrap();
    assert_eq!(
        again
            .settings
            .first_connection
            .identity
            .as_ref()
            .map(|identity| identity.last_name.as_str()),
        Some("sn"),
        "{again:?}"
    );
    // Identity mode typed by hand needs the ENT's names.
    let settings = DelegationSettingsInput {
        first_connection: FirstConnectionInput {
            profile_values: profile_values(&[(Profile::ELEVE, "National_1")]),
            ..first_connection(FirstConnectionMode::IDENTITY)
        },
        ..cas_settings("https://cas.x.fr/cas")
    };
    let typed = f
        .app
        .update_delegation_settings(&f.operator, &base, 3, settings)
        .await
        .expect_err("identity mode saved without the ENT's names");
    assert_eq!(typed.code(), "VALIDATION", "{typed:?}");
    assert_eq!(typed.field(), Some("lastName"), "{typed:?}");
}

async fn the_pronote_client_part_is_applied_diffed_and_drift_checked(backend: Backend) {
    let f = Fixture::new(backend).await;
    let base = f.new_base("0410017W").await;
    const ROOT: &str = "https://ent.netocentre.fr/cas";
    const NAME: &str = "NetO'Centre (Région Centre : Mode avec alimentation)";
    // Version 1: the same values for both clients.
    f.import(&feed(&[ent(NAME, ROOT, IDENTITY_SDET, IDENTITY_SDET)]))
        .await;
    let model = f.model_id(NAME).await;
    let applied = f.app.apply_model(&f.operator, &base, &model, 1).await;
    assert_eq!(
        applied.as_ref().ok().map(|applied| applied.base.version),
        Some(2),
        "{applied:?}"
    );
    let before = f.base(&base).await;
    assert_eq!(before.settings.pronote_client, None, "{before:?}");

    // Version 2 changes only the PRONOTE client part: the update lists it.
    let report = f
        .import(&feed(&[ent(NAME, ROOT, ID_PRONOTE, IDENTITY_SDET)]))
        .await;
    assert_eq!(report.bases_with_pending_update, 1, "{report:?}");
    let pending = f.base(&base).await;
    let changes = &pending
        .model
        .as_ref()
        .and_then(|model| model.pending_update.as_ref())
        .unwrap_or_else(|| panic!("{pending:?}"))
        .changes;
    assert!(!changes.is_empty(), "{pending:?}");
    assert!(
        changes
            .iter()
            .all(|c| c.client == Some(base_ent_model_state::ModelClient::PRONOTE_CLIENT)),
        "{pending:?}"
    );
    assert!(
        changes.iter().any(|c| c.field == "IDENTIFICATION_MODE"
            && c.new.as_deref() == Some("Avec l'identifiant PRONOTE")),
        "{pending:?}"
    );
    // Nothing moved yet; the base drifts from the new version on the
    // client only once applied… and applying changes the base.
    assert_eq!(pending.settings, before.settings);
    let updated = f
        .app
        .run::<ApplyModelUpdate>(
            Some(&f.operator),
            apply_model_update::Variables {
                base_id: base.clone(),
                expected_version: 2,
            },
        )
        .await;
    assert_eq!(
        updated
            .as_ref()
            .ok()
            .map(|updated| updated.apply_model_update.base.version),
        Some(3),
        "{updated:?}"
    );
    let after = f.base(&base).await;
    let client = after
        .settings
        .pronote_client
        .as_ref()
        .unwrap_or_else(|| panic!("{after:?}"));
    assert_eq!(
        client.first_connection.mode,
        base_ent_model_state::FirstConnectionMode::PRONOTE_IDENTIFIER,
        "{after:?}"
    );
    assert_eq!(
        client
            .first_connection
            .pronote_identifier_attribute
            .as_deref(),
        Some("idPronote")
    );
    assert_eq!(
        after.settings.first_connection.mode,
        base_ent_model_state::FirstConnectionMode::IDENTITY
    );
    let model = after.model.as_ref().unwrap();
    assert_eq!(model.drift, vec![]);
    assert_eq!(model.pending_update, None);

    // The client definition edited by hand is a drift of the client.
    let settings = DelegationSettingsInput {
        espaces: vec![espace(Espace::PAGE_COMMUNE, EspaceDelegation::CAS)],
        direct_access: DirectAccess::WHEN_CAS_UNAVAILABLE,
        first_connection: identity_first_connection(
            "sn",
            "givenName",
            "ENTPersonDateNaissance",
            "ENTPersonCodePostal",
            "ENTPersonProfils",
        ),
        pronote_client: Some(ClientDelegationInput {
            common_identifier_attribute: None,
            cas_urls: None,
            first_connection: first_connection(FirstConnectionMode::DOUBLE_AUTHENTICATION),
        }),
        ..cas_settings(ROOT)
    };
    let edited = f
        .app
        .update_delegation_settings(&f.operator, &base, 3, settings)
        .await;
    assert_eq!(edited.as_ref().ok(), Some(&4), "{edited:?}");
    let drifted = f.base(&base).await;
    let drift = &drifted.model.as_ref().unwrap().drift;
    assert!(!drift.is_empty(), "{drifted:?}");
    assert!(
        drift
            .iter()
            .all(|c| c.client == Some(base_ent_model_state::ModelClient::PRONOTE_CLIENT)),
        "{drifted:?}"
    );
    assert!(
        drift.iter().any(|c| c.field == "IDENTIFICATION_MODE"
            && c.new.as_deref() == Some("Double authentification")),
        "{drifted:?}"
    );
}

on_both_databases!(
    recommended_settings_come_from_the_ents_model,
    the_pronote_client_part_is_applied_diffed_and_drift_checked,
    the_feed_is_checked_against_the_schema_the_operator_supplied,
);

mod schema {
    //! Index-Education's schema of models, supplied by the operator: the
    //! tests use Relais's own XSD and a changed copy of it, never an
    //! invented Index-Education schema.

    use serde_json::{Value, json};

    use super::*;
    use crate::typed::{
        CheckModelsFeed, DeleteModelsSchema, ModelsSchemaFile, check_models_feed,
        delete_models_schema, models_schema_file,
    };

    const RELAIS_XSD: &str = include_str!("../../docs/formats/relais-models-1.xsd");

    // A multipart upload: graphql_client has no Upload scalar to send, the
    // request stays a string.
    async fn upload(f: &Fixture, token: &str, name: &str, content: &str) -> Value {
        f.app
            .graphql_upload(
                token,
                "mutation($file: Upload!) { uploadModelsSchema(file: $file) { fileName sha256 } }",
                json!({}),
                name,
                content.as_bytes().to_vec(),
            )
            .await
    }

    async fn check(f: &Fixture) -> check_models_feed::CheckModelsFeedCheckModelsFeed {
        f.app
            .run_ok::<CheckModelsFeed>(
                Some(&f.operator),
                check_models_feed::Variables {
                    source_id: f.source.clone(),
                },
            )
            .await
            .check_models_feed
    }

    pub(super) async fn the_feed_is_checked_against_the_schema_the_operator_supplied(
        backend: Backend,
    ) {
        let f = Fixture::new(backend).await;
        f.import(&feed(&[ent(
            ELYCO,
            "https://cas3.e-lyco.fr/access/",
            IDENTITY_SDET,
            IDENTITY_SDET,
        )]))
        .await;
        // No schema yet: nothing checked, said so.
        let unchecked = check(&f).await;
        assert!(!unchecked.checked, "{unchecked:?}");
        assert_eq!(unchecked.schema, None);

        // What is not a schema, or does not compile, is refused.
        let refused = upload(&f, &f.operator, "modeles.xsd", "bonjour").await;
        assert_eq!(error_code(&refused), "INVALID_FILE", "{refused}");
        assert_eq!(
            refused["errors"][0]["extensions"]["reason"],
            "SCHEMA_INVALID"
        );
        let broken = RELAIS_XSD.replace("type=\"r:Libelle\"", "type=\"r:Inconnu\"");
        let refused = upload(&f, &f.operator, "modeles.xsd", &broken).await;
        assert_eq!(
            refused["errors"][0]["extensions"]["reason"], "SCHEMA_INVALID",
            "{refused}"
        );
        assert!(
            error_message(&refused).starts_with("Le schéma fourni ne se compile pas : ligne "),
            "{refused}"
        );
        // Only operators give it.
        let refused = upload(&f, &f.helpdesk, "modeles.xsd", RELAIS_XSD).await;
        assert_eq!(error_code(&refused), "FORBIDDEN", "{refused}");

        // A schema the export follows: valid.
        let kept = upload(&f, &f.operator, "ModelesConfiguration_CAS.xsd", RELAIS_XSD).await;
        assert_eq!(
            kept["data"]["uploadModelsSchema"]["fileName"], "ModelesConfiguration_CAS.xsd",
            "{kept}"
        );
        let valid = check(&f).await;
        assert_eq!((valid.checked, valid.valid), (true, true), "{valid:?}");
        assert_eq!(valid.errors, vec![]);

        // A schema that names an element otherwise: each error in French,
        // with the line of the feed where it is.
        let other = RELAIS_XSD.replace("name=\"Localisation\"", "name=\"Region\"");
        upload(&f, &f.operator, "ModelesConfiguration_CAS.xsd", &other).await;
        let invalid = check(&f).await;
        assert!(!invalid.valid, "{invalid:?}");
        let line = invalid
            .feed
            .lines()
            .position(|l| l.contains("<Localisation>"))
            .unwrap()
            + 1;
        let errors = &invalid.errors;
        assert_eq!(errors.len(), 1, "{invalid:?}");
        assert_eq!(errors[0].line, Some(line as i64));
        assert_eq!(
            errors[0].message,
            "élément « Localisation » : cet élément n'est pas attendu à cet endroit (attendu : Region)"
        );
        // The schema is listed, not shown.
        let shown = f
            .app
            .run_ok::<ModelsSchemaFile>(Some(&f.operator), models_schema_file::Variables)
            .await;
        assert_eq!(
            shown
                .models_schema
                .as_ref()
                .map(|schema| schema.file_name.as_str()),
            Some("ModelesConfiguration_CAS.xsd"),
            "{shown:?}"
        );
        let deleted = f
            .app
            .run::<DeleteModelsSchema>(Some(&f.operator), delete_models_schema::Variables)
            .await;
        assert!(
            deleted
                .as_ref()
                .is_ok_and(|deleted| deleted.delete_models_schema),
            "{deleted:?}"
        );
        assert!(!check(&f).await.checked);
    }
}

async fn the_feed_is_checked_against_the_schema_the_operator_supplied(backend: Backend) {
    schema::the_feed_is_checked_against_the_schema_the_operator_supplied(backend).await;
}
