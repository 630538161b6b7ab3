//! Live CAS checks (issue 8) against a real CAS server (django-cas-server,
//! tests/services/cas.rs): « Tester l'authentification » of a base, and the
//! validation of a model with the four test accounts of docs/domain.md §3.

use relais_tests::services::cas::{CasServer, SelfSignedServer, test_accounts};

use crate::helpers::*;
use crate::typed::{
    BaseCasCheck, ModelTestLogins, ModelsFeed, ModelsWithValidation, Refused, SetModelTestAccounts,
    TestCasSettingsDetailed, ValidateModel, base_cas_check, model_test_logins, models_feed,
    models_with_validation, set_model_test_accounts, test_cas_settings_detailed, validate_model,
};
use crate::use_cases::{
    CasUrlsInput, CreatedBase, DelegationSettingsInput, Espace, EspaceDelegation,
    FirstConnectionInput, FirstConnectionMode, NewBase, NewEstablishment, cas_settings, espace,
    first_connection,
};

use test_cas_settings_detailed::{CasCheckStatus as Status, CasCheckStepKind as Kind};

type Check = test_cas_settings_detailed::CasCheckDetails;
type Step = test_cas_settings_detailed::CasCheckDetailsSteps;
type Credentials = test_cas_settings_detailed::CasTestCredentialsInput;
type Stored = base_cas_check::BaseCasCheckBase;
type Account = set_model_test_accounts::ModelTestAccountInput;
type Validation = validate_model::ValidateModelValidateModel;

const SERVICE_PATTERN: &str = r"^https://0410017w\.index-education\.net/pronote/.*$";
const DEMO_PATTERN: &str = r"^https://modelesconfigurationcas\.index-education\.france/pronote/.*$";

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

    async fn test(
        &self,
        token: &str,
        base: &str,
        credentials: Option<Credentials>,
    ) -> Result<Check, Refused> {
        let variables = test_cas_settings_detailed::Variables {
            base_id: base.to_owned(),
            credentials,
        };
        self.app
            .run::<TestCasSettingsDetailed>(Some(token), variables)
            .await
            .map(|tested| tested.test_cas_settings)
    }

    async fn check(&self, base: &str, credentials: Option<Credentials>) -> Check {
        self.test(&self.operator, base, credentials)
            .await
            .unwrap_or_else(|refused| panic!("testCasSettings failed: {refused:?}"))
    }

    async fn stored(&self, base: &str) -> Stored {
        self.app
            .run_ok::<BaseCasCheck>(
                Some(&self.operator),
                base_cas_check::Variables {
                    id: base.to_owned(),
                },
            )
            .await
            .base
    }
}

/// The step of `kind` in a check.
fn step(check: &Check, kind: Kind) -> &Step {
    check
        .steps
        .iter()
        .find(|s| s.kind == kind)
        .unwrap_or_else(|| panic!("no step {kind:?} in {check:?}"))
}

fn status(check: &Check, kind: Kind) -> Status {
    step(check, kind).status.clone()
}

fn message(check: &Check, kind: Kind) -> &str {
    &step(check, kind).message
}

fn codes(base: &Stored) -> Vec<&str> {
    base.diagnostics.iter().map(|f| f.code.as_str()).collect()
}

/// A check's steps, comparable across operations: (kind, label, status,
/// duration, message).
macro_rules! steps {
    ($check:expr) => {
        $check
            .steps
            .iter()
            .map(|s| {
                (
                    format!("{:?}", s.kind),
                    s.label.clone(),
                    format!("{:?}", s.status),
                    s.duration_ms,
                    s.message.clone(),
                )
            })
            .collect::<Vec<_>>()
    };
}

fn credentials(login: &str, password: &str, pupil: bool) -> Option<Credentials> {
    Some(Credentials {
        login: login.to_owned(),
        password: password.to_owned(),
        expected_profile: pupil.then_some(test_cas_settings_detailed::Profile::ELEVE),
    })
}

fn pupil() -> Option<Credentials> {
    credentials("PronoteEleve", "PronoteEleve-mdp", true)
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
    let check = f.check(&base, None).await;
    assert_eq!(check.protocol, "SAML11", "{check:?}");
    assert!(!check.with_credentials);
    assert_eq!(check.outcome, Status::WARNING, "http is flagged: {check:?}");
    assert_eq!(status(&check, Kind::LOGIN_PAGE), Status::WARNING);
    assert!(
        message(&check, Kind::LOGIN_PAGE).contains("en http"),
        "{check:?}"
    );
    assert_eq!(status(&check, Kind::LOGIN_FORM), Status::OK, "{check:?}");
    assert!(message(&check, Kind::LOGIN_FORM).contains("« username »"));
    assert_ne!(
        status(&check, Kind::VALIDATION_ENDPOINT),
        Status::FAILED,
        "{check:?}"
    );
    assert!(message(&check, Kind::VALIDATION_ENDPOINT).contains("refuse un ticket inventé"));
    for kind in [Kind::LOGIN, Kind::TICKET_VALIDATION, Kind::ATTRIBUTES] {
        assert_eq!(
            status(&check, kind.clone()),
            Status::SKIPPED,
            "{kind:?}: {check:?}"
        );
    }

    // A helpdesk agent may test a base it sees (it changes no setting).
    let by_helpdesk = f.test(&f.helpdesk, &base, None).await;
    assert_eq!(
        by_helpdesk
            .as_ref()
            .ok()
            .and_then(|check| check.checked_by.as_deref()),
        Some("helpdesk@alpha.test"),
        "{by_helpdesk:?}"
    );

    // With a test account: a full login, the ticket, the attributes.
    let check = f.check(&base, pupil()).await;
    assert!(check.with_credentials);
    assert_eq!(check.outcome, Status::WARNING, "{check:?}");
    assert_eq!(
        check.checked_by.as_deref(),
        Some("operator_admin@alpha.test")
    );
    for kind in [Kind::LOGIN, Kind::TICKET_VALIDATION, Kind::ATTRIBUTES] {
        assert_eq!(
            status(&check, kind.clone()),
            Status::OK,
            "{kind:?}: {check:?}"
        );
    }
    assert!(message(&check, Kind::TICKET_VALIDATION).contains("« PronoteEleve »"));
    assert!(
        message(&check, Kind::ATTRIBUTES).contains("dateNaissance"),
        "{check:?}"
    );
    assert!(!format!("{check:?}").contains("PronoteEleve-mdp"));

    // Kept with the base and shown with its diagnostics.
    let stored = f.stored(&base).await;
    let kept = stored
        .cas_check
        .as_ref()
        .unwrap_or_else(|| panic!("{stored:?}"));
    assert_eq!(kept.outcome, base_cas_check::CasCheckStatus::WARNING);
    assert!(!kept.outdated);
    assert_eq!(steps!(kept), steps!(check));
    let found = codes(&stored);
    assert!(found.contains(&"CAS_CHECK_WARNING"), "{found:?}");
    assert!(found.contains(&"CAS_CHECK_PASSED"), "{found:?}");
    assert!(!found.contains(&"CAS_CHECK_FAILED"), "{found:?}");

    // Changing the settings makes the result outdated: CAS 3 addresses,
    // identifier attribute `uid`, identification by PRONOTE identifier.
    let settings = DelegationSettingsInput {
        espaces: vec![espace(Espace::ELEVES, EspaceDelegation::CAS)],
        cas_urls: Some(CasUrlsInput {
            root: None,
            login_url: Some(format!("{}/login", cas.root())),
            validation_url: Some(format!("{}/p3/serviceValidate", cas.root())),
        }),
        common_identifier_attribute: Some("uid".to_owned()),
        first_connection: FirstConnectionInput {
            pronote_identifier_attribute: Some("idPronote".to_owned()),
            ..first_connection(FirstConnectionMode::PRONOTE_IDENTIFIER)
        },
        ..cas_settings(&cas.root())
    };
    let saved = f
        .app
        .update_delegation_settings(&f.operator, &base, version, settings)
        .await;
    assert!(saved.is_ok(), "{saved:?}");
    let stored = f.stored(&base).await;
    assert_eq!(
        stored.cas_check.as_ref().map(|check| check.outdated),
        Some(true),
        "{stored:?}"
    );
    assert!(codes(&stored).contains(&"CAS_CHECK_OUTDATED"));

    let parent = credentials("PronoteParent", "PronoteParent-mdp", false);
    let check = f.check(&base, parent).await;
    assert_eq!(check.protocol, "CAS3", "{check:?}");
    assert!(!check.outdated);
    assert!(
        message(&check, Kind::VALIDATION_ENDPOINT).contains("INVALID_TICKET"),
        "{check:?}"
    );
    assert_eq!(
        status(&check, Kind::TICKET_VALIDATION),
        Status::OK,
        "{check:?}"
    );
    assert_eq!(status(&check, Kind::ATTRIBUTES), Status::OK, "{check:?}");
    assert!(
        message(&check, Kind::ATTRIBUTES).contains("« uid-PronoteParent »"),
        "{check:?}"
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

    let wrong = credentials("PronoteEleve", "pas-le-bon", false);
    let check = f.check(&base, wrong).await;
    assert_eq!(check.outcome, Status::FAILED, "{check:?}");
    assert_eq!(status(&check, Kind::LOGIN_FORM), Status::OK);
    assert_eq!(status(&check, Kind::LOGIN), Status::FAILED);
    assert!(
        message(&check, Kind::LOGIN)
            .contains("refuse l'identifiant « PronoteEleve » ou son mot de passe"),
        "{check:?}"
    );
    assert_eq!(status(&check, Kind::TICKET_VALIDATION), Status::SKIPPED);
    assert!(!format!("{check:?}").contains("pas-le-bon"));
    let stored = f.stored(&base).await;
    let failed = stored
        .diagnostics
        .iter()
        .find(|d| d.code == "CAS_CHECK_FAILED")
        .unwrap_or_else(|| panic!("{stored:?}"));
    assert_eq!(failed.severity, base_cas_check::Severity::ERROR);
    assert!(
        failed.message.contains("Connexion avec le compte de test"),
        "{failed:?}"
    );

    // The pupil loses its birth date: the identity mode needs it.
    let mut users = test_accounts();
    users["PronoteEleve"]["attributes"]
        .as_object_mut()
        .unwrap()
        .remove("dateNaissance");
    cas.set_users(&users).unwrap();
    let check = f.check(&base, pupil()).await;
    assert_eq!(status(&check, Kind::LOGIN), Status::OK, "{check:?}");
    assert_eq!(
        status(&check, Kind::TICKET_VALIDATION),
        Status::OK,
        "{check:?}"
    );
    assert_eq!(
        status(&check, Kind::ATTRIBUTES),
        Status::FAILED,
        "{check:?}"
    );
    assert!(
        message(&check, Kind::ATTRIBUTES).contains("« dateNaissance »"),
        "{check:?}"
    );

    // A profile value the settings do not accept for the expected profile.
    let teacher_as_pupil = credentials("PronoteProfesseur", "PronoteProfesseur-mdp", true);
    let check = f.check(&base, teacher_as_pupil).await;
    assert_eq!(
        status(&check, Kind::ATTRIBUTES),
        Status::FAILED,
        "{check:?}"
    );
    assert!(
        message(&check, Kind::ATTRIBUTES).contains("National_3"),
        "{check:?}"
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
    assert_eq!(status(&check, Kind::LOGIN), Status::FAILED, "{check:?}");
    assert!(
        message(&check, Kind::LOGIN).contains("https://autre.index-education.net/pronote/")
            && message(&check, Kind::LOGIN).contains("n'est probablement pas autorisé"),
        "{check:?}"
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
    assert_eq!(check.outcome, Status::FAILED, "{check:?}");
    assert_eq!(
        status(&check, Kind::LOGIN_PAGE),
        Status::FAILED,
        "{check:?}"
    );
    assert!(
        message(&check, Kind::LOGIN_PAGE).contains("ne répond pas"),
        "{check:?}"
    );
    // Unreachable, without the transport's words (issue 13, item 6: the
    // step's message must not work as a port scanner).
    assert!(
        message(&check, Kind::LOGIN_PAGE).contains("Serveur injoignable."),
        "{check:?}"
    );
    assert!(
        !message(&check, Kind::LOGIN_PAGE)
            .to_lowercase()
            .contains("refused"),
        "{check:?}"
    );
    assert_eq!(status(&check, Kind::LOGIN_FORM), Status::SKIPPED);
    assert_eq!(status(&check, Kind::VALIDATION_ENDPOINT), Status::FAILED);
    assert_eq!(status(&check, Kind::LOGIN), Status::SKIPPED);

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
    let check = f.check(&base, None).await;
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
    assert_eq!(
        status(&check, Kind::LOGIN_PAGE),
        Status::FAILED,
        "{check:?}"
    );
    assert!(
        message(&check, Kind::LOGIN_PAGE)
            .contains("Délai dépassé : le serveur n'a pas répondu dans les 1 s"),
        "{check:?}"
    );
    assert!(step(&check, Kind::LOGIN_PAGE).duration_ms >= 900);
    assert_eq!(
        status(&check, Kind::VALIDATION_ENDPOINT),
        Status::FAILED,
        "{check:?}"
    );
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
        let check = f.check(&base, None).await;
        assert_eq!(
            status(&check, Kind::LOGIN_PAGE),
            Status::FAILED,
            "{check:?}"
        );
        assert!(
            message(&check, Kind::LOGIN_PAGE)
                .contains("le certificat TLS du serveur n'est pas valide"),
            "{check:?}"
        );
        assert_eq!(status(&check, Kind::LOGIN_FORM), Status::SKIPPED);
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
    let check = strict.check(&base, None).await;
    assert_eq!(status(&check, Kind::LOGIN_PAGE), Status::FAILED);
    assert!(
        message(&check, Kind::LOGIN_PAGE)
            .contains("Adresse refusée : Relais n'accepte pas ce serveur"),
        "{check:?}"
    );
    assert!(
        !message(&check, Kind::LOGIN_PAGE).contains("127.0.0.1 est"),
        "{check:?}"
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
            .create_model_source(&self.operator, "Modèles de l'opérateur")
            .await;
        let imported = self.app.import_models(&self.operator, &source, xml).await;
        assert!(
            imported.as_ref().is_ok_and(|report| report.new_version),
            "{imported:?}"
        );
        let ids = self
            .app
            .run_ok::<crate::typed::ModelCatalog>(
                Some(&self.operator),
                crate::typed::model_catalog::Variables,
            )
            .await
            .models
            .into_iter()
            .map(|m| (m.name, m.id))
            .collect();
        (source, ids)
    }

    async fn set_accounts(
        &self,
        token: &str,
        model: &str,
        accounts: Vec<Account>,
    ) -> Result<Vec<set_model_test_accounts::SetModelTestAccountsSetModelTestAccounts>, Refused>
    {
        let variables = set_model_test_accounts::Variables {
            model_id: model.to_owned(),
            accounts,
        };
        self.app
            .run::<SetModelTestAccounts>(Some(token), variables)
            .await
            .map(|saved| saved.set_model_test_accounts)
    }

    async fn validate_at(
        &self,
        model: &str,
        service_url: Option<&str>,
    ) -> Result<Validation, Refused> {
        let variables = validate_model::Variables {
            model_id: model.to_owned(),
            service_url: service_url.map(str::to_owned),
        };
        self.app
            .run::<ValidateModel>(Some(&self.operator), variables)
            .await
            .map(|validated| validated.validate_model)
    }

    async fn validate(&self, model: &str) -> Result<Validation, Refused> {
        self.validate_at(model, None).await
    }

    async fn feed_of(&self, source: &str, validated_only: bool) -> String {
        let variables = models_feed::Variables {
            source_id: source.to_owned(),
            validated_only,
        };
        self.app
            .run_ok::<ModelsFeed>(Some(&self.operator), variables)
            .await
            .models_feed
    }

    /// The models with their test logins, as `token`'s holder reads them.
    async fn test_logins(&self, token: &str) -> Vec<model_test_logins::ModelTestLoginsModels> {
        self.app
            .run_ok::<ModelTestLogins>(Some(token), model_test_logins::Variables)
            .await
            .models
    }
}

fn account(
    profile: set_model_test_accounts::Profile,
    cas_identifier: &str,
    password: &str,
) -> Account {
    Account {
        profile,
        cas_identifier: cas_identifier.to_owned(),
        password: password.to_owned(),
        login: None,
    }
}

fn four_accounts() -> Vec<Account> {
    use set_model_test_accounts::Profile;
    vec![
        account(
            Profile::PERSONNEL,
            "PronotePersonnel",
            "PronotePersonnel-mdp",
        ),
        account(
            Profile::PROFESSEUR,
            "PronoteProfesseur",
            "PronoteProfesseur-mdp",
        ),
        account(Profile::ELEVE, "PronoteEleve", "PronoteEleve-mdp"),
        account(Profile::PARENT, "PronoteParent", "PronoteParent-mdp"),
    ]
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

    let early = f
        .validate(model)
        .await
        .expect_err("a model validated without its test accounts");
    assert_eq!(early.code(), "VALIDATION", "{early:?}");
    assert!(
        early.message().contains("quatre comptes de test"),
        "{early:?}"
    );

    let saved = f
        .set_accounts(&f.operator, model, four_accounts())
        .await
        .unwrap();
    assert_eq!(saved.len(), 4);
    assert!(saved.iter().all(|a| a.password_set), "{saved:?}");
    assert!(saved.iter().any(|a| a.login == "PronoteEleve"), "{saved:?}");
    // The password is never shown again, and is not stored in clear.
    // (`password` is no field of a test account: a typed document could
    // not ask for it, so the request stays a string.)
    let asked = f
        .app
        .graphql(
            Some(&f.operator),
            "{ models { testAccounts { password } } }",
            serde_json::json!({}),
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

    let validation = f.validate(model).await.unwrap();
    assert!(validation.passed, "{validation:?}");
    assert_eq!(validation.revision, 1);
    assert_eq!(
        validation.service_url,
        "https://modelesconfigurationcas.index-education.france/pronote/"
    );
    assert_eq!(validation.accounts.len(), 4);
    for account in &validation.accounts {
        assert!(account.passed, "{account:?}");
        assert_eq!(
            account.returned_identifier.as_deref(),
            Some(account.declared_identifier.as_str())
        );
    }
    let shown = f
        .app
        .run_ok::<ModelsWithValidation>(Some(&f.operator), models_with_validation::Variables)
        .await;
    let models = &shown.models;
    let test = models.iter().find(|m| m.name == "ENT Test").unwrap();
    assert_eq!(
        test.validation.as_ref().map(|v| v.passed),
        Some(true),
        "{shown:?}"
    );
    assert_eq!(test.test_accounts.len(), 4);
    // Test accounts are the operator's: a school administrator reads the
    // models, never their test logins.
    let by_school = f.test_logins(&f.school).await;
    let test = by_school
        .iter()
        .find(|m| m.name == "ENT Test")
        .unwrap_or_else(|| panic!("{by_school:?}"));
    assert_eq!(test.test_accounts, vec![], "{by_school:?}");
    let other = models.iter().find(|m| m.name == "ENT Autre").unwrap();
    assert_eq!(other.validation, None);

    // The export restricted to validated models.
    let all = f.feed_of(&source, false).await;
    assert!(all.contains("ENT Test") && all.contains("ENT Autre"));
    let validated = f.feed_of(&source, true).await;
    assert!(validated.contains("ENT Test"), "{validated}");
    assert!(!validated.contains("ENT Autre"), "{validated}");

    // A declared identifier the CAS server does not return fails the pupil.
    let wrong = vec![account(
        set_model_test_accounts::Profile::ELEVE,
        "eleve-0001",
        "PronoteEleve-mdp",
    )];
    let saved = f.set_accounts(&f.operator, model, wrong).await.unwrap();
    assert_eq!(saved.len(), 4);
    let validation = f.validate(model).await.unwrap();
    assert!(!validation.passed, "{validation:?}");
    for account in &validation.accounts {
        let pupil = account.profile == validate_model::Profile::ELEVE;
        assert_eq!(account.passed, !pupil, "{account:?}");
        if pupil {
            assert_eq!(account.returned_identifier.as_deref(), Some("PronoteEleve"));
            let attributes = account
                .steps
                .iter()
                .find(|s| s.kind == validate_model::CasCheckStepKind::ATTRIBUTES)
                .unwrap();
            assert_eq!(attributes.status, validate_model::CasCheckStatus::FAILED);
            assert!(
                attributes
                    .message
                    .contains("« PronoteEleve » au lieu de « eleve-0001 »"),
                "{attributes:?}"
            );
        }
    }
    let validated = f.feed_of(&source, true).await;
    assert!(!validated.contains("ENT Test"), "{validated}");
    drop(cas);
}

async fn bad_input_is_refused_in_french_and_writes_nothing(backend: Backend) {
    use set_model_test_accounts::Profile;

    let f = fixture(spawn_app(backend).await).await;
    let (base, _) = f
        .base(
            "0410017W",
            "https://0410017w.index-education.net/pronote",
            None,
        )
        .await;

    let answer = f
        .test(&f.operator, &base, None)
        .await
        .expect_err("a base without a CAS address checked");
    assert_eq!(answer.code(), "VALIDATION", "{answer:?}");
    assert_eq!(answer.field(), Some("baseId"), "{answer:?}");
    assert!(
        answer.message().contains("Aucune adresse de serveur CAS"),
        "{answer:?}"
    );
    let blank = credentials(" ", "x", false);
    let answer = f
        .test(&f.operator, &base, blank)
        .await
        .expect_err("a blank login accepted");
    assert_eq!(answer.field(), Some("credentials.login"), "{answer:?}");
    assert_eq!(f.stored(&base).await.cas_check, None);
    let answer = f
        .test(&f.other_operator, &base, None)
        .await
        .expect_err("another operator checked the base");
    assert_eq!(answer.code(), "NOT_FOUND", "{answer:?}");

    let (_, ids) = f
        .models(&feed(&[("ENT Test", "https://cas.test.invalid/cas")]))
        .await;
    let model = &ids[0].1;
    let one = |profile: Profile, password: &str| account(profile, "id", password);
    for (accounts, needle) in [
        (
            vec![one(Profile::ELEVE, "a"), one(Profile::ELEVE, "b")],
            "indiqué deux fois",
        ),
        (
            vec![one(Profile::ELEVE, "a"), one(Profile::INSPECTEUR, "b")],
            "pas de compte de test",
        ),
        (
            vec![one(Profile::ELEVE, "a"), one(Profile::PARENT, "")],
            "mot de passe",
        ),
        (vec![], "au moins un compte"),
        (
            vec![account(Profile::ELEVE, "a\nb", "x")],
            "identifiant CAS",
        ),
    ] {
        let answer = f
            .set_accounts(&f.operator, model, accounts)
            .await
            .expect_err("bad test accounts saved");
        assert_eq!(answer.code(), "VALIDATION", "{answer:?}");
        assert!(answer.message().contains(needle), "{needle}: {answer:?}");
    }
    let answer = f
        .set_accounts(&f.helpdesk, model, four_accounts())
        .await
        .expect_err("the helpdesk saved test accounts");
    assert_eq!(answer.code(), "FORBIDDEN", "{answer:?}");
    let answer = f
        .set_accounts(&f.other_operator, model, four_accounts())
        .await
        .expect_err("another operator saved test accounts");
    assert_eq!(answer.code(), "NOT_FOUND", "{answer:?}");
    let left = f.test_logins(&f.operator).await;
    assert_eq!(
        left.first().map(|m| m.test_accounts.len()),
        Some(0),
        "{left:?}"
    );

    let answer = f
        .validate_at(model, Some("ftp://x"))
        .await
        .expect_err("an ftp service address accepted");
    assert_eq!(answer.code(), "VALIDATION", "{answer:?}");
    assert_eq!(answer.field(), Some("serviceUrl"), "{answer:?}");
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
    f.set_accounts(&f.operator, model, four_accounts())
        .await
        .unwrap();
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
        assert_ne!(check.outcome, Status::FAILED, "{check:?}");
        let started = std::time::Instant::now();
        f.check(&base, None).await;
        checks_bare.push(started.elapsed());
        let started = std::time::Instant::now();
        let validation = f.validate(model).await;
        validations.push(started.elapsed());
        assert!(
            validation
                .as_ref()
                .is_ok_and(|validation| validation.passed),
            "{validation:?}"
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
