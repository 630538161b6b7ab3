//! Live CAS checks (issue 8) against a real CAS server (django-cas-server,
//! tests/services/cas.rs): « Tester l'authentification » of a base, and the
//! validation of a model with the four test accounts of docs/domain.md §3.

use relais_tests::services::cas::{CasServer, SelfSignedServer, test_accounts};
use serde_json::{Value, json};

use crate::helpers::*;
use crate::use_cases::{CreatedBase, NewBase, NewEstablishment};

const SERVICE_PATTERN: &str = r"^https://0410017w\.index-education\.net/pronote/.*$";
const DEMO_PATTERN: &str = r"^https://modelesconfigurationcas\.index-education\.france/pronote/.*$";
const CHECK: &str = "checkedAt checkedBy outcome protocol withCredentials outdated steps { kind label status durationMs message }";
const TEST: &str = "mutation($b: ID!, $c: CasTestCredentialsInput) { testCasSettings(baseId: $b, credentials: $c) { checkedAt checkedBy outcome protocol withCredentials outdated steps { kind label status durationMs message } } }";

/// The app, with loopback allowed to CAS checks (`cas_check.allowed_networks`).
async fn app_reaching_loopback(backend: Backend, timeout_seconds: u64) -> TestApp {
    spawn_app_with(backend, |settings| {
        settings.cas_check.allowed_networks = vec!["127.0.0.0/8".into()];
        settings.cas_check.timeout_seconds = timeout_seconds;
    })
    .await
}

struct Fixture {
    app: TestApp,
    operator: String,
    helpdesk: String,
    school: String,
    other_operator: String,
}

async fn fixture(app: TestApp) -> Fixture {
    let [alpha, beta] = app.two_tenants().await;
    app.default_ent_model(&alpha.operator).await;
    Fixture {
        app,
        operator: alpha.operator,
        helpdesk: alpha.helpdesk,
        school: alpha.school,
        other_operator: beta.operator,
    }
}

impl Fixture {
    /// A base of a new establishment `uai` published at `public_url`, with
    /// the recommended settings on `cas_root` (identity mode, SAML 1.1)
    /// when given; returns its id and version.
    async fn base(&self, uai: &str, public_url: &str, cas_root: Option<&str>) -> (String, i64) {
        let establishment = self
            .app
            .create_establishment(
                &self.operator,
                NewEstablishment::lycee(uai, "Lycée de test"),
            )
            .await;
        let CreatedBase { id, mut version } = self
            .app
            .create_base(
                &self.operator,
                NewBase::hosted(&establishment).at(public_url),
            )
            .await;
        if let Some(root) = cas_root {
            version = self
                .app
                .apply_recommended_settings(&self.operator, &id, version, root)
                .await;
        }
        (id, version)
    }

    async fn test(&self, token: &str, base: &str, credentials: Value) -> Value {
        self.app
            .graphql(Some(token), TEST, json!({ "b": base, "c": credentials }))
            .await
    }

    async fn check(&self, base: &str, credentials: Value) -> Value {
        let answer = self.test(&self.operator, base, credentials).await;
        let check = answer["data"]["testCasSettings"].clone();
        assert!(check.is_object(), "testCasSettings failed: {answer}");
        check
    }

    async fn stored(&self, base: &str) -> Value {
        let answer = self
            .app
            .graphql(
                Some(&self.operator),
                &format!("query($id: ID!) {{ base(id: $id) {{ casCheck {{ {CHECK} }} diagnostics {{ code severity message }} }} }}"),
                json!({ "id": base }),
            )
            .await;
        answer["data"]["base"].clone()
    }
}

/// The step of `kind` in a check.
fn step<'a>(check: &'a Value, kind: &str) -> &'a Value {
    check["steps"]
        .as_array()
        .unwrap_or_else(|| panic!("no steps in {check}"))
        .iter()
        .find(|s| s["kind"] == kind)
        .unwrap_or_else(|| panic!("no step {kind} in {check}"))
}

fn status<'a>(check: &'a Value, kind: &str) -> &'a str {
    step(check, kind)["status"].as_str().unwrap()
}

fn message<'a>(check: &'a Value, kind: &str) -> &'a str {
    step(check, kind)["message"].as_str().unwrap()
}

fn codes(base: &Value) -> Vec<&str> {
    base["diagnostics"]
        .as_array()
        .unwrap_or_else(|| panic!("no diagnostics in {base}"))
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect()
}

fn pupil() -> Value {
    json!({ "login": "PronoteEleve", "password": "PronoteEleve-mdp", "expectedProfile": "ELEVE" })
}

async fn a_base_is_checked_against_a_real_cas_server(backend: Backend) {
    let Some(cas) = CasServer::start(&test_accounts(), &[SERVICE_PATTERN])
        .await
        .unwrap()
    else {
        return;
    };
    let f = fixture(app_reaching_loopback(backend, 5).await).await;
    let (base, version) = f
        .base(
            "0410017W",
            "https://0410017w.index-education.net/pronote",
            Some(&cas.root()),
        )
        .await;

    // Without credentials: the page, its form and the validation endpoint.
    let check = f.check(&base, Value::Null).await;
    assert_eq!(check["protocol"], "SAML11", "{check}");
    assert_eq!(check["withCredentials"], false);
    assert_eq!(check["outcome"], "WARNING", "http is flagged: {check}");
    assert_eq!(status(&check, "LOGIN_PAGE"), "WARNING");
    assert!(message(&check, "LOGIN_PAGE").contains("en http"), "{check}");
    assert_eq!(status(&check, "LOGIN_FORM"), "OK", "{check}");
    assert!(message(&check, "LOGIN_FORM").contains("« username »"));
    assert_ne!(status(&check, "VALIDATION_ENDPOINT"), "FAILED", "{check}");
    assert!(message(&check, "VALIDATION_ENDPOINT").contains("refuse un ticket inventé"));
    for kind in ["LOGIN", "TICKET_VALIDATION", "ATTRIBUTES"] {
        assert_eq!(status(&check, kind), "SKIPPED", "{kind}: {check}");
    }

    // A helpdesk agent may test a base it sees (it changes no setting).
    let by_helpdesk = f.test(&f.helpdesk, &base, Value::Null).await;
    assert_eq!(
        by_helpdesk["data"]["testCasSettings"]["checkedBy"], "helpdesk@alpha.test",
        "{by_helpdesk}"
    );

    // With a test account: a full login, the ticket, the attributes.
    let check = f.check(&base, pupil()).await;
    assert_eq!(check["withCredentials"], true);
    assert_eq!(check["outcome"], "WARNING", "{check}");
    assert_eq!(check["checkedBy"], "operator_admin@alpha.test");
    for kind in ["LOGIN", "TICKET_VALIDATION", "ATTRIBUTES"] {
        assert_eq!(status(&check, kind), "OK", "{kind}: {check}");
    }
    assert!(message(&check, "TICKET_VALIDATION").contains("« PronoteEleve »"));
    assert!(
        message(&check, "ATTRIBUTES").contains("dateNaissance"),
        "{check}"
    );
    assert!(!check.to_string().contains("PronoteEleve-mdp"));

    // Kept with the base and shown with its diagnostics.
    let stored = f.stored(&base).await;
    assert_eq!(stored["casCheck"]["outcome"], "WARNING");
    assert_eq!(stored["casCheck"]["outdated"], false);
    assert_eq!(stored["casCheck"]["steps"], check["steps"]);
    let found = codes(&stored);
    assert!(found.contains(&"CAS_CHECK_WARNING"), "{found:?}");
    assert!(found.contains(&"CAS_CHECK_PASSED"), "{found:?}");
    assert!(!found.contains(&"CAS_CHECK_FAILED"), "{found:?}");

    // Changing the settings makes the result outdated: CAS 3 addresses,
    // identifier attribute `uid`, identification by PRONOTE identifier.
    let settings = json!({
        "delegations": { "cas": true },
        "espaces": [ { "espace": "ELEVES", "delegation": "CAS" } ],
        "casUrls": { "loginUrl": format!("{}/login", cas.root()),
                     "validationUrl": format!("{}/p3/serviceValidate", cas.root()) },
        "directAccess": "ALWAYS",
        "clientDirectAccess": true,
        "commonIdentifierAttribute": "uid",
        "firstConnection": { "mode": "PRONOTE_IDENTIFIER", "pronoteIdentifierAttribute": "idPronote" }
    });
    let saved = f
        .app
        .graphql(
            Some(&f.operator),
            "mutation($id: ID!, $v: Int!, $s: DelegationSettingsInput!) { updateDelegationSettings(baseId: $id, version: $v, settings: $s) { version } }",
            json!({ "id": base, "v": version, "s": settings }),
        )
        .await;
    assert!(saved["data"].is_object(), "{saved}");
    let stored = f.stored(&base).await;
    assert_eq!(stored["casCheck"]["outdated"], true);
    assert!(codes(&stored).contains(&"CAS_CHECK_OUTDATED"));

    let parent = json!({ "login": "PronoteParent", "password": "PronoteParent-mdp" });
    let check = f.check(&base, parent).await;
    assert_eq!(check["protocol"], "CAS3", "{check}");
    assert_eq!(check["outdated"], false);
    assert!(
        message(&check, "VALIDATION_ENDPOINT").contains("INVALID_TICKET"),
        "{check}"
    );
    assert_eq!(status(&check, "TICKET_VALIDATION"), "OK", "{check}");
    assert_eq!(status(&check, "ATTRIBUTES"), "OK", "{check}");
    assert!(
        message(&check, "ATTRIBUTES").contains("« uid-PronoteParent »"),
        "{check}"
    );
    drop(cas);
}

async fn wrong_password_missing_attribute_and_unknown_service_are_named(backend: Backend) {
    let Some(cas) = CasServer::start(&test_accounts(), &[SERVICE_PATTERN])
        .await
        .unwrap()
    else {
        return;
    };
    let f = fixture(app_reaching_loopback(backend, 5).await).await;
    let (base, _) = f
        .base(
            "0410017W",
            "https://0410017w.index-education.net/pronote",
            Some(&cas.root()),
        )
        .await;

    let wrong = json!({ "login": "PronoteEleve", "password": "pas-le-bon" });
    let check = f.check(&base, wrong).await;
    assert_eq!(check["outcome"], "FAILED", "{check}");
    assert_eq!(status(&check, "LOGIN_FORM"), "OK");
    assert_eq!(status(&check, "LOGIN"), "FAILED");
    assert!(
        message(&check, "LOGIN")
            .contains("refuse l'identifiant « PronoteEleve » ou son mot de passe"),
        "{check}"
    );
    assert_eq!(status(&check, "TICKET_VALIDATION"), "SKIPPED");
    assert!(!check.to_string().contains("pas-le-bon"));
    let stored = f.stored(&base).await;
    let failed = stored["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "CAS_CHECK_FAILED")
        .unwrap_or_else(|| panic!("{stored}"));
    assert_eq!(failed["severity"], "ERROR");
    assert!(
        failed["message"]
            .as_str()
            .unwrap()
            .contains("Connexion avec le compte de test")
    );

    // The pupil loses its birth date: the identity mode needs it.
    let mut users = test_accounts();
    users["PronoteEleve"]["attributes"]
        .as_object_mut()
        .unwrap()
        .remove("dateNaissance");
    cas.set_users(&users).unwrap();
    let check = f.check(&base, pupil()).await;
    assert_eq!(status(&check, "LOGIN"), "OK", "{check}");
    assert_eq!(status(&check, "TICKET_VALIDATION"), "OK", "{check}");
    assert_eq!(status(&check, "ATTRIBUTES"), "FAILED", "{check}");
    assert!(
        message(&check, "ATTRIBUTES").contains("« dateNaissance »"),
        "{check}"
    );

    // A profile value the settings do not accept for the expected profile.
    let teacher_as_pupil = json!({ "login": "PronoteProfesseur", "password": "PronoteProfesseur-mdp", "expectedProfile": "ELEVE" });
    let check = f.check(&base, teacher_as_pupil).await;
    assert_eq!(status(&check, "ATTRIBUTES"), "FAILED", "{check}");
    assert!(
        message(&check, "ATTRIBUTES").contains("National_3"),
        "{check}"
    );

    // A base whose service the CAS server does not allow.
    let (other, _) = f
        .base(
            "0690028F",
            "https://autre.index-education.net/pronote",
            Some(&cas.root()),
        )
        .await;
    let check = f.check(&other, pupil()).await;
    assert_eq!(status(&check, "LOGIN"), "FAILED", "{check}");
    assert!(
        message(&check, "LOGIN").contains("https://autre.index-education.net/pronote/")
            && message(&check, "LOGIN").contains("n'est probablement pas autorisé"),
        "{check}"
    );
    drop(cas);
}

async fn an_unreachable_slow_or_private_cas_server_fails_in_time(backend: Backend) {
    let f = fixture(app_reaching_loopback(backend, 1).await).await;

    // Server down: nothing listens on the port.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let down = format!("http://127.0.0.1:{port}/cas");
    let (base, _) = f
        .base(
            "0410017W",
            "https://0410017w.index-education.net/pronote",
            Some(&down),
        )
        .await;
    let check = f.check(&base, pupil()).await;
    assert_eq!(check["outcome"], "FAILED");
    assert_eq!(status(&check, "LOGIN_PAGE"), "FAILED", "{check}");
    assert!(
        message(&check, "LOGIN_PAGE").contains("ne répond pas"),
        "{check}"
    );
    // Unreachable, without the transport's words (issue 13, item 6: the
    // step's message must not work as a port scanner).
    assert!(
        message(&check, "LOGIN_PAGE").contains("Serveur injoignable."),
        "{check}"
    );
    assert!(
        !message(&check, "LOGIN_PAGE")
            .to_lowercase()
            .contains("refused"),
        "{check}"
    );
    assert_eq!(status(&check, "LOGIN_FORM"), "SKIPPED");
    assert_eq!(status(&check, "VALIDATION_ENDPOINT"), "FAILED");
    assert_eq!(status(&check, "LOGIN"), "SKIPPED");

    // Slow server: accepts connections and never answers.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let slow = format!("http://{}/cas", listener.local_addr().unwrap());
    let hold = tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = listener.accept().await {
            held.push(socket);
        }
    });
    let (base, _) = f
        .base(
            "0690028F",
            "https://0690028f.index-education.net/pronote",
            Some(&slow),
        )
        .await;
    let started = std::time::Instant::now();
    let check = f.check(&base, Value::Null).await;
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
    assert_eq!(status(&check, "LOGIN_PAGE"), "FAILED", "{check}");
    assert!(
        message(&check, "LOGIN_PAGE")
            .contains("Délai dépassé : le serveur n'a pas répondu dans les 1 s"),
        "{check}"
    );
    assert!(step(&check, "LOGIN_PAGE")["durationMs"].as_i64().unwrap() >= 900);
    assert_eq!(status(&check, "VALIDATION_ENDPOINT"), "FAILED", "{check}");
    hold.abort();

    // https with a self-signed certificate: the certificate is named.
    if let Some(tls) = SelfSignedServer::start().await.unwrap() {
        let (base, _) = f
            .base(
                "0590083V",
                "https://0590083v.index-education.net/pronote",
                Some(&tls.root()),
            )
            .await;
        let check = f.check(&base, Value::Null).await;
        assert_eq!(status(&check, "LOGIN_PAGE"), "FAILED", "{check}");
        assert!(
            message(&check, "LOGIN_PAGE").contains("le certificat TLS du serveur n'est pas valide"),
            "{check}"
        );
        assert_eq!(status(&check, "LOGIN_FORM"), "SKIPPED");
    }

    // Without the allowance, loopback is refused before any connection.
    let strict = fixture(spawn_app(backend).await).await;
    let (base, _) = strict
        .base(
            "0410017W",
            "https://0410017w.index-education.net/pronote",
            Some(&down),
        )
        .await;
    let check = strict.check(&base, Value::Null).await;
    assert_eq!(status(&check, "LOGIN_PAGE"), "FAILED");
    assert!(
        message(&check, "LOGIN_PAGE").contains("Adresse refusée : Relais n'accepte pas ce serveur"),
        "{check}"
    );
    assert!(
        !message(&check, "LOGIN_PAGE").contains("127.0.0.1 est"),
        "{check}"
    );
}

/// A `relais-models/1` feed: per (name, CAS root), identity mode with the
/// four profiles' values.
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
             <Profil code=\"PARENT\">National_2</Profil><Profil code=\"PROFESSEUR\">National_3</Profil>\
             <Profil code=\"PERSONNEL\">National_4</Profil></ValeursProfil></AvecIdentite>\
             </ModeIdentificationPremiereConnexion></PronoteNet></ENT>\n"
        ));
    }
    xml.push_str("</ListeModeles>\n");
    xml
}

impl Fixture {
    /// The operator's own source with `xml` imported; its id and the models' ids by name.
    async fn models(&self, xml: &str) -> (String, Vec<(String, String)>) {
        let source = self
            .app
            .graphql(
                Some(&self.operator),
                "mutation { createModelSource(input: { name: \"Modèles de l'opérateur\" }) { id } }",
                json!({}),
            )
            .await["data"]["createModelSource"]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let imported = self
            .app
            .graphql(
                Some(&self.operator),
                "mutation($s: ID!, $x: String!) { importModels(sourceId: $s, feedXml: $x) { newVersion } }",
                json!({ "s": source, "x": xml }),
            )
            .await;
        assert_eq!(
            imported["data"]["importModels"]["newVersion"], true,
            "{imported}"
        );
        let models = self
            .app
            .graphql(Some(&self.operator), "{ models { id name } }", json!({}))
            .await;
        let ids = models["data"]["models"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| {
                (
                    m["name"].as_str().unwrap().to_owned(),
                    m["id"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        (source, ids)
    }

    async fn set_accounts(&self, token: &str, model: &str, accounts: Value) -> Value {
        self.app
            .graphql(
                Some(token),
                "mutation($m: ID!, $a: [ModelTestAccountInput!]!) { setModelTestAccounts(modelId: $m, accounts: $a) { profile login casIdentifier passwordSet } }",
                json!({ "m": model, "a": accounts }),
            )
            .await
    }

    async fn validate(&self, model: &str) -> Value {
        self.app
            .graphql(
                Some(&self.operator),
                "mutation($m: ID!) { validateModel(modelId: $m) { revision passed serviceUrl validatedBy accounts { profile login declaredIdentifier returnedIdentifier passed steps { kind status message } } } }",
                json!({ "m": model }),
            )
            .await
    }

    async fn feed_of(&self, source: &str, validated_only: bool) -> String {
        let answer = self
            .app
            .graphql(
                Some(&self.operator),
                "query($s: ID!, $v: Boolean!) { modelsFeed(sourceId: $s, validatedOnly: $v) }",
                json!({ "s": source, "v": validated_only }),
            )
            .await;
        answer["data"]["modelsFeed"]
            .as_str()
            .unwrap_or_else(|| panic!("{answer}"))
            .to_owned()
    }
}

fn four_accounts() -> Value {
    json!([
        { "profile": "PERSONNEL", "casIdentifier": "PronotePersonnel", "password": "PronotePersonnel-mdp" },
        { "profile": "PROFESSEUR", "casIdentifier": "PronoteProfesseur", "password": "PronoteProfesseur-mdp" },
        { "profile": "ELEVE", "casIdentifier": "PronoteEleve", "password": "PronoteEleve-mdp" },
        { "profile": "PARENT", "casIdentifier": "PronoteParent", "password": "PronoteParent-mdp" },
    ])
}

async fn a_model_is_validated_with_the_four_test_accounts(backend: Backend) {
    let Some(cas) = CasServer::start(&test_accounts(), &[DEMO_PATTERN])
        .await
        .unwrap()
    else {
        return;
    };
    let f = fixture(app_reaching_loopback(backend, 5).await).await;
    let (source, ids) = f
        .models(&feed(&[
            ("ENT Test", &cas.root()),
            ("ENT Autre", "https://cas.autre.invalid/cas"),
        ]))
        .await;
    let model = &ids.iter().find(|(n, _)| n == "ENT Test").unwrap().1;

    let early = f.validate(model).await;
    assert_eq!(error_code(&early), "VALIDATION", "{early}");
    assert!(
        error_message(&early).contains("quatre comptes de test"),
        "{early}"
    );

    let saved = f.set_accounts(&f.operator, model, four_accounts()).await;
    let saved = saved["data"]["setModelTestAccounts"]
        .as_array()
        .unwrap_or_else(|| panic!("{saved}"));
    assert_eq!(saved.len(), 4);
    assert!(saved.iter().all(|a| a["passwordSet"] == true));
    assert!(saved.iter().any(|a| a["login"] == "PronoteEleve"));
    // The password is never shown again, and is not stored in clear.
    let asked = f
        .app
        .graphql(
            Some(&f.operator),
            "{ models { testAccounts { password } } }",
            json!({}),
        )
        .await;
    assert_eq!(error_code(&asked), "VALIDATION", "{asked}");
    {
        use relais_store::entities::model_test_account;
        use sea_orm::EntityTrait;
        let rows = model_test_account::Entity::find()
            .all(f.app.store.connection())
            .await
            .unwrap();
        assert_eq!(rows.len(), 4);
        for row in rows {
            let clear = format!("{}-mdp", row.login);
            assert!(
                !row.password_sealed
                    .windows(clear.len())
                    .any(|w| w == clear.as_bytes()),
                "{} stored in clear",
                row.profile
            );
        }
    }

    let validation = f.validate(model).await;
    let validation = &validation["data"]["validateModel"];
    assert_eq!(validation["passed"], true, "{validation}");
    assert_eq!(validation["revision"], 1);
    assert_eq!(
        validation["serviceUrl"],
        "https://modelesconfigurationcas.index-education.france/pronote/"
    );
    let accounts = validation["accounts"].as_array().unwrap();
    assert_eq!(accounts.len(), 4);
    for account in accounts {
        assert_eq!(account["passed"], true, "{account}");
        assert_eq!(account["returnedIdentifier"], account["declaredIdentifier"]);
    }
    let shown = f
        .app
        .graphql(
            Some(&f.operator),
            "{ models { name validation { passed revision accounts { profile passed } } testAccounts { profile casIdentifier } } }",
            json!({}),
        )
        .await;
    let models = shown["data"]["models"].as_array().unwrap();
    let test = models.iter().find(|m| m["name"] == "ENT Test").unwrap();
    assert_eq!(test["validation"]["passed"], true, "{shown}");
    assert_eq!(test["testAccounts"].as_array().unwrap().len(), 4);
    // Test accounts are the operator's: a school administrator reads the
    // models, never their test logins.
    let by_school = f
        .app
        .graphql(
            Some(&f.school),
            "{ models { name testAccounts { profile login } } }",
            json!({}),
        )
        .await;
    let test = by_school["data"]["models"]
        .as_array()
        .unwrap_or_else(|| panic!("{by_school}"))
        .iter()
        .find(|m| m["name"] == "ENT Test")
        .cloned()
        .unwrap_or_else(|| panic!("{by_school}"));
    assert_eq!(test["testAccounts"], json!([]), "{by_school}");
    let other = models.iter().find(|m| m["name"] == "ENT Autre").unwrap();
    assert_eq!(other["validation"], Value::Null);

    // The export restricted to validated models.
    let all = f.feed_of(&source, false).await;
    assert!(all.contains("ENT Test") && all.contains("ENT Autre"));
    let validated = f.feed_of(&source, true).await;
    assert!(validated.contains("ENT Test"), "{validated}");
    assert!(!validated.contains("ENT Autre"), "{validated}");

    // A declared identifier the CAS server does not return fails the pupil.
    let wrong = json!([{ "profile": "ELEVE", "casIdentifier": "eleve-0001", "password": "PronoteEleve-mdp" }]);
    let saved = f.set_accounts(&f.operator, model, wrong).await;
    assert_eq!(
        saved["data"]["setModelTestAccounts"]
            .as_array()
            .unwrap()
            .len(),
        4
    );
    let validation = f.validate(model).await;
    let validation = &validation["data"]["validateModel"];
    assert_eq!(validation["passed"], false, "{validation}");
    for account in validation["accounts"].as_array().unwrap() {
        let pupil = account["profile"] == "ELEVE";
        assert_eq!(account["passed"], !pupil, "{account}");
        if pupil {
            assert_eq!(account["returnedIdentifier"], "PronoteEleve");
            let attributes = account["steps"]
                .as_array()
                .unwrap()
                .iter()
                .find(|s| s["kind"] == "ATTRIBUTES")
                .unwrap();
            assert_eq!(attributes["status"], "FAILED");
            assert!(
                attributes["message"]
                    .as_str()
                    .unwrap()
                    .contains("« PronoteEleve » au lieu de « eleve-0001 »"),
                "{attributes}"
            );
        }
    }
    let validated = f.feed_of(&source, true).await;
    assert!(!validated.contains("ENT Test"), "{validated}");
    drop(cas);
}

async fn bad_input_is_refused_in_french_and_writes_nothing(backend: Backend) {
    let f = fixture(spawn_app(backend).await).await;
    let (base, _) = f
        .base(
            "0410017W",
            "https://0410017w.index-education.net/pronote",
            None,
        )
        .await;

    let answer = f.test(&f.operator, &base, Value::Null).await;
    assert_eq!(error_code(&answer), "VALIDATION", "{answer}");
    assert_eq!(answer["errors"][0]["extensions"]["field"], "baseId");
    assert!(error_message(&answer).contains("Aucune adresse de serveur CAS"));
    let blank = json!({ "login": " ", "password": "x" });
    let answer = f.test(&f.operator, &base, blank).await;
    assert_eq!(
        answer["errors"][0]["extensions"]["field"],
        "credentials.login"
    );
    assert_eq!(f.stored(&base).await["casCheck"], Value::Null);
    let answer = f.test(&f.other_operator, &base, Value::Null).await;
    assert_eq!(error_code(&answer), "NOT_FOUND", "{answer}");

    let (_, ids) = f
        .models(&feed(&[("ENT Test", "https://cas.test.invalid/cas")]))
        .await;
    let model = &ids[0].1;
    let one = |profile: &str, password: &str| json!({ "profile": profile, "casIdentifier": "id", "password": password });
    for (accounts, needle) in [
        (
            json!([one("ELEVE", "a"), one("ELEVE", "b")]),
            "indiqué deux fois",
        ),
        (
            json!([one("ELEVE", "a"), one("INSPECTEUR", "b")]),
            "pas de compte de test",
        ),
        (
            json!([one("ELEVE", "a"), one("PARENT", "")]),
            "mot de passe",
        ),
        (json!([]), "au moins un compte"),
        (
            json!([{ "profile": "ELEVE", "casIdentifier": "a\nb", "password": "x" }]),
            "identifiant CAS",
        ),
    ] {
        let answer = f.set_accounts(&f.operator, model, accounts).await;
        assert_eq!(error_code(&answer), "VALIDATION", "{answer}");
        assert!(
            error_message(&answer).contains(needle),
            "{needle}: {answer}"
        );
    }
    let answer = f.set_accounts(&f.helpdesk, model, four_accounts()).await;
    assert_eq!(error_code(&answer), "FORBIDDEN", "{answer}");
    let answer = f
        .set_accounts(&f.other_operator, model, four_accounts())
        .await;
    assert_eq!(error_code(&answer), "NOT_FOUND", "{answer}");
    let left = f
        .app
        .graphql(
            Some(&f.operator),
            "{ models { testAccounts { profile } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        left["data"]["models"][0]["testAccounts"],
        json!([]),
        "{left}"
    );

    let answer = f
        .app
        .graphql(
            Some(&f.operator),
            "mutation($m: ID!) { validateModel(modelId: $m, serviceUrl: \"ftp://x\") { passed } }",
            json!({ "m": model }),
        )
        .await;
    assert_eq!(error_code(&answer), "VALIDATION", "{answer}");
    assert_eq!(answer["errors"][0]["extensions"]["field"], "serviceUrl");
}

on_both_databases!(
    a_base_is_checked_against_a_real_cas_server,
    wrong_password_missing_attribute_and_unknown_service_are_named,
    an_unreachable_slow_or_private_cas_server_fails_in_time,
    a_model_is_validated_with_the_four_test_accounts,
    bad_input_is_refused_in_french_and_writes_nothing,
);

/// Wall time of one `testCasSettings` (with a test account) and one
/// `validateModel` against the local django-cas-server, through the whole
/// API (docs/performance.md). Run by `scripts/bench-cas.sh`.
#[tokio::test]
#[ignore = "a measure, not a check: scripts/bench-cas.sh"]
async fn bench_cas_checks() {
    let Some(cas) = CasServer::start(&test_accounts(), &[SERVICE_PATTERN, DEMO_PATTERN])
        .await
        .unwrap()
    else {
        return;
    };
    let f = fixture(app_reaching_loopback(Backend::Sqlite, 5).await).await;
    let (base, _) = f
        .base(
            "0410017W",
            "https://0410017w.index-education.net/pronote",
            Some(&cas.root()),
        )
        .await;
    let (_, ids) = f.models(&feed(&[("ENT Test", &cas.root())])).await;
    let model = &ids[0].1;
    f.set_accounts(&f.operator, model, four_accounts()).await;
    let median = |mut times: Vec<std::time::Duration>| {
        times.sort();
        times[times.len() / 2]
    };
    let mut checks = Vec::new();
    let mut checks_bare = Vec::new();
    let mut validations = Vec::new();
    for _ in 0..11 {
        let started = std::time::Instant::now();
        let check = f.check(&base, pupil()).await;
        checks.push(started.elapsed());
        assert_ne!(check["outcome"], "FAILED", "{check}");
        let started = std::time::Instant::now();
        f.check(&base, Value::Null).await;
        checks_bare.push(started.elapsed());
        let started = std::time::Instant::now();
        let validation = f.validate(model).await;
        validations.push(started.elapsed());
        assert_eq!(
            validation["data"]["validateModel"]["passed"], true,
            "{validation}"
        );
    }
    println!(
        "BENCH testCasSettings without account: median {:?} (min {:?}, max {:?})",
        median(checks_bare.clone()),
        checks_bare.iter().min().unwrap(),
        checks_bare.iter().max().unwrap()
    );
    println!(
        "BENCH testCasSettings with a test account: median {:?} (min {:?}, max {:?})",
        median(checks.clone()),
        checks.iter().min().unwrap(),
        checks.iter().max().unwrap()
    );
    println!(
        "BENCH validateModel (4 accounts): median {:?} (min {:?}, max {:?})",
        median(validations.clone()),
        validations.iter().min().unwrap(),
        validations.iter().max().unwrap()
    );
}
