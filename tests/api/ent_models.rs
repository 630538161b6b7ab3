//! Issue 14: each ENT names its CAS attributes (recommended settings come
//! from the ENT's model, never from one set), a model's values are visible
//! before anyone applies them, and the PRONOTE client part of a model is
//! applied, diffed and drift-checked like PRONOTE.net's (docs/domain.md « Les
//! attributs de chaque ENT », « Le Serveur PRONOTE et le client »).

use serde_json::{Value, json};

use crate::helpers::*;
use crate::use_cases::{NewBase, NewEstablishment};

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

const SETTINGS: &str = "version settings { casUrls { root } commonIdentifierAttribute firstConnection { mode identity { lastName firstName birthDate postalCode profile } } pronoteClient { commonIdentifierAttribute casUrls { root } firstConnection { mode pronoteIdentifierAttribute } } } model { model { name } appliedRevision pendingUpdate { changes { client field old new summary } } drift { client field old new } }";

impl Fixture {
    async fn new(backend: Backend) -> Self {
        let app = spawn_app(backend).await;
        let [alpha, _] = app.two_tenants().await;
        let source = app
            .graphql(
                Some(&alpha.operator),
                "mutation { createModelSource(input: { name: \"Modèles de l'opérateur\" }) { id } }",
                json!({}),
            )
            .await;
        let source = source["data"]["createModelSource"]["id"]
            .as_str()
            .unwrap_or_else(|| panic!("{source}"))
            .to_owned();
        Self {
            app,
            operator: alpha.operator,
            helpdesk: alpha.helpdesk,
            source,
        }
    }

    async fn import(&self, xml: &str) -> Value {
        let answer = self
            .app
            .graphql(
                Some(&self.operator),
                "mutation($s: ID!, $x: String!) { importModels(sourceId: $s, feedXml: $x) { changed basesWithPendingUpdate changes { model changes { client field summary } } } }",
                json!({ "s": self.source, "x": xml }),
            )
            .await;
        assert!(answer["errors"].is_null(), "{answer}");
        answer["data"]["importModels"].clone()
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
    ) -> Value {
        self.app
            .graphql(
                Some(&self.operator),
                &format!("mutation($b: ID!, $v: Int!, $m: ID, $r: String) {{ applyRecommendedSettings(baseId: $b, version: $v, modelId: $m, casRoot: $r) {{ {SETTINGS} }} }}"),
                json!({ "b": base, "v": version, "m": model, "r": root }),
            )
            .await
    }

    async fn base(&self, id: &str) -> Value {
        let answer = self
            .app
            .graphql(
                Some(&self.operator),
                &format!("query($id: ID!) {{ base(id: $id) {{ {SETTINGS} }} }}"),
                json!({ "id": id }),
            )
            .await;
        answer["data"]["base"].clone()
    }
}

async fn recommended_settings_come_from_the_ents_model(backend: Backend) {
    let f = Fixture::new(backend).await;
    let base = f.new_base("0410017W").await;

    // No model anywhere: no hard-coded attribute names either.
    let refused = f
        .recommend(&base, 1, None, Some("https://cas.x.fr/cas"))
        .await;
    assert_eq!(error_code(&refused), "VALIDATION", "{refused}");
    assert_eq!(refused["errors"][0]["extensions"]["field"], "modelId");

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
        .graphql(
            Some(&f.operator),
            "{ models { name clients { client casUrls { root } firstConnection { mode identity { lastName firstName birthDate postalCode profile profileValues { profile values } } } } } }",
            json!({}),
        )
        .await;
    let elyco = models["data"]["models"]
        .as_array()
        .unwrap_or_else(|| panic!("{models}"))
        .iter()
        .find(|m| m["name"] == ELYCO)
        .unwrap();
    let net = &elyco["clients"][1];
    assert_eq!(net["client"], "PRONOTE_NET");
    assert_eq!(net["casUrls"]["root"], "https://cas3.e-lyco.fr/access");
    let identity = &net["firstConnection"]["identity"];
    assert_eq!(
        (
            &identity["lastName"],
            &identity["firstName"],
            &identity["birthDate"],
            &identity["postalCode"],
            &identity["profile"]
        ),
        (
            &json!("sn"),
            &json!("givenName"),
            &json!("ENTPersonDateNaissance"),
            &json!("ENTPersonCodePostal"),
            &json!("ENTPersonProfils")
        ),
        "{elyco}"
    );
    assert_eq!(
        identity["profileValues"][0],
        json!({ "profile": "ELEVE", "values": ["National_1"] })
    );

    // The chosen model gives the names.
    let elyco_id = f.model_id(ELYCO).await;
    let applied = f.recommend(&base, 1, Some(&elyco_id), None).await;
    let settings = &applied["data"]["applyRecommendedSettings"];
    let identity = &settings["settings"]["firstConnection"]["identity"];
    assert_eq!(identity["lastName"], "sn", "{applied}");
    assert_eq!(identity["firstName"], "givenName");
    assert_eq!(identity["profile"], "ENTPersonProfils");
    assert_eq!(
        settings["settings"]["casUrls"]["root"],
        "https://cas3.e-lyco.fr/access"
    );
    // The base follows the model it took its values from.
    assert_eq!(settings["model"]["model"]["name"], ELYCO);
    assert_eq!(settings["model"]["drift"], json!([]));
    // A CAS address the model already gives is not taken silently.
    let twice = f
        .recommend(&base, 2, Some(&elyco_id), Some("https://cas.autre.fr/cas"))
        .await;
    assert_eq!(error_code(&twice), "VALIDATION", "{twice}");
    assert_eq!(twice["errors"][0]["extensions"]["field"], "casRoot");

    // The operator's default model, for a base that names none.
    let kosmos = f.model_id(KOSMOS).await;
    let set = f
        .app
        .graphql(
            Some(&f.operator),
            "mutation($m: ID!) { setDefaultModel(modelId: $m) { name } }",
            json!({ "m": kosmos }),
        )
        .await;
    assert_eq!(set["data"]["setDefaultModel"]["name"], KOSMOS, "{set}");
    let me = f
        .app
        .graphql(
            Some(&f.operator),
            "{ me { tenant { defaultModel { name } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        me["data"]["me"]["tenant"]["defaultModel"]["name"], KOSMOS,
        "{me}"
    );
    let other = f.new_base("0410018X").await;
    let applied = f.recommend(&other, 1, None, None).await;
    let identity =
        &applied["data"]["applyRecommendedSettings"]["settings"]["firstConnection"]["identity"];
    assert_eq!(identity["lastName"], "nom", "{applied}");
    assert_eq!(identity["profile"], "categories");
    // The base that applied e-lyco keeps e-lyco's names when asked again.
    let again = f.recommend(&base, 2, None, None).await;
    assert_eq!(
        again["data"]["applyRecommendedSettings"]["settings"]["firstConnection"]["identity"]["lastName"],
        "sn",
        "{again}"
    );
    // Identity mode typed by hand needs the ENT's names.
    let typed = f
        .app
        .graphql(
            Some(&f.operator),
            "mutation($b: ID!, $s: DelegationSettingsInput!) { updateDelegationSettings(baseId: $b, version: 3, settings: $s) { version } }",
            json!({ "b": base, "s": {
                "delegations": { "cas": true }, "espaces": [], "casUrls": { "root": "https://cas.x.fr/cas" },
                "directAccess": "ALWAYS", "clientDirectAccess": true,
                "firstConnection": { "mode": "IDENTITY", "profileValues": [{ "profile": "ELEVE", "values": "National_1" }] } } }),
        )
        .await;
    assert_eq!(error_code(&typed), "VALIDATION", "{typed}");
    assert_eq!(typed["errors"][0]["extensions"]["field"], "lastName");
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
    let applied = f
        .app
        .graphql(
            Some(&f.operator),
            "mutation($b: ID!, $m: ID!) { applyModel(baseId: $b, modelId: $m, expectedVersion: 1) { base { version } } }",
            json!({ "b": base, "m": model }),
        )
        .await;
    assert_eq!(
        applied["data"]["applyModel"]["base"]["version"], 2,
        "{applied}"
    );
    let before = f.base(&base).await;
    assert_eq!(before["settings"]["pronoteClient"], Value::Null, "{before}");

    // Version 2 changes only the PRONOTE client part: the update lists it.
    let report = f
        .import(&feed(&[ent(NAME, ROOT, ID_PRONOTE, IDENTITY_SDET)]))
        .await;
    assert_eq!(report["basesWithPendingUpdate"], 1, "{report}");
    let pending = f.base(&base).await;
    let changes = pending["model"]["pendingUpdate"]["changes"]
        .as_array()
        .unwrap_or_else(|| panic!("{pending}"));
    assert!(!changes.is_empty(), "{pending}");
    assert!(
        changes.iter().all(|c| c["client"] == "PRONOTE_CLIENT"),
        "{pending}"
    );
    assert!(
        changes.iter().any(
            |c| c["field"] == "IDENTIFICATION_MODE" && c["new"] == "Avec l'identifiant PRONOTE"
        ),
        "{pending}"
    );
    // Nothing moved yet; the base drifts from the new version on the
    // client only once applied… and applying changes the base.
    assert_eq!(pending["settings"], before["settings"]);
    let updated = f
        .app
        .graphql(
            Some(&f.operator),
            "mutation($b: ID!) { applyModelUpdate(baseId: $b, expectedVersion: 2) { base { version } } }",
            json!({ "b": base }),
        )
        .await;
    assert_eq!(
        updated["data"]["applyModelUpdate"]["base"]["version"], 3,
        "{updated}"
    );
    let after = f.base(&base).await;
    let client = &after["settings"]["pronoteClient"];
    assert_eq!(
        client["firstConnection"]["mode"], "PRONOTE_IDENTIFIER",
        "{after}"
    );
    assert_eq!(
        client["firstConnection"]["pronoteIdentifierAttribute"],
        "idPronote"
    );
    assert_eq!(after["settings"]["firstConnection"]["mode"], "IDENTITY");
    assert_eq!(after["model"]["drift"], json!([]));
    assert_eq!(after["model"]["pendingUpdate"], Value::Null);

    // The client definition edited by hand is a drift of the client.
    let edited = f
        .app
        .graphql(
            Some(&f.operator),
            "mutation($b: ID!, $s: DelegationSettingsInput!) { updateDelegationSettings(baseId: $b, version: 3, settings: $s) { version } }",
            json!({ "b": base, "s": {
                "delegations": { "cas": true },
                "espaces": [{ "espace": "PAGE_COMMUNE", "delegation": "CAS" }],
                "casUrls": { "root": ROOT },
                "directAccess": "WHEN_CAS_UNAVAILABLE", "clientDirectAccess": true,
                "firstConnection": { "mode": "IDENTITY", "lastName": "sn", "firstName": "givenName",
                    "birthDate": "ENTPersonDateNaissance", "postalCode": "ENTPersonCodePostal",
                    "profile": "ENTPersonProfils",
                    "profileValues": [{ "profile": "ELEVE", "values": "National_1" },
                                      { "profile": "PARENT", "values": "National_2" },
                                      { "profile": "PROFESSEUR", "values": "National_3" },
                                      { "profile": "PERSONNEL", "values": "National_4" }] },
                "pronoteClient": { "firstConnection": { "mode": "DOUBLE_AUTHENTICATION" } } } }),
        )
        .await;
    assert_eq!(
        edited["data"]["updateDelegationSettings"]["version"], 4,
        "{edited}"
    );
    let drifted = f.base(&base).await;
    let drift = drifted["model"]["drift"].as_array().unwrap();
    assert!(!drift.is_empty(), "{drifted}");
    assert!(
        drift.iter().all(|c| c["client"] == "PRONOTE_CLIENT"),
        "{drifted}"
    );
    assert!(
        drift
            .iter()
            .any(|c| c["field"] == "IDENTIFICATION_MODE" && c["new"] == "Double authentification"),
        "{drifted}"
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

    use super::*;

    const RELAIS_XSD: &str = include_str!("../../docs/formats/relais-models-1.xsd");

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

    async fn check(f: &Fixture) -> Value {
        let answer = f
            .app
            .graphql(
                Some(&f.operator),
                "query($s: ID!) { checkModelsFeed(sourceId: $s) { checked valid schema { fileName } errors { line message } feed } }",
                json!({ "s": f.source }),
            )
            .await;
        answer["data"]["checkModelsFeed"].clone()
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
        assert_eq!(unchecked["checked"], false, "{unchecked}");
        assert_eq!(unchecked["schema"], Value::Null);

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
        assert_eq!(
            (valid["checked"].clone(), valid["valid"].clone()),
            (json!(true), json!(true)),
            "{valid}"
        );
        assert_eq!(valid["errors"], json!([]));

        // A schema that names an element otherwise: each error in French,
        // with the line of the feed where it is.
        let other = RELAIS_XSD.replace("name=\"Localisation\"", "name=\"Region\"");
        upload(&f, &f.operator, "ModelesConfiguration_CAS.xsd", &other).await;
        let invalid = check(&f).await;
        assert_eq!(invalid["valid"], false, "{invalid}");
        let feed = invalid["feed"].as_str().unwrap();
        let line = feed
            .lines()
            .position(|l| l.contains("<Localisation>"))
            .unwrap()
            + 1;
        let errors = invalid["errors"].as_array().unwrap();
        assert_eq!(errors.len(), 1, "{invalid}");
        assert_eq!(errors[0]["line"], line as i64);
        assert_eq!(
            errors[0]["message"],
            "élément « Localisation » : cet élément n'est pas attendu à cet endroit (attendu : Region)"
        );
        // The schema is listed, not shown.
        let shown = f
            .app
            .graphql(
                Some(&f.operator),
                "{ modelsSchema { fileName sha256 } }",
                json!({}),
            )
            .await;
        assert_eq!(
            shown["data"]["modelsSchema"]["fileName"], "ModelesConfiguration_CAS.xsd",
            "{shown}"
        );
        let deleted = f
            .app
            .graphql(
                Some(&f.operator),
                "mutation { deleteModelsSchema }",
                json!({}),
            )
            .await;
        assert_eq!(deleted["data"]["deleteModelsSchema"], true, "{deleted}");
        assert_eq!(check(&f).await["checked"], false);
    }
}

async fn the_feed_is_checked_against_the_schema_the_operator_supplied(backend: Backend) {
    schema::the_feed_is_checked_against_the_schema_the_operator_supplied(backend).await;
}
