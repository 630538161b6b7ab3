//! `spawn_app()`, GraphQL calls and fixtures.

use relais_server::bootstrap::BootstrapOutcome;
use relais_server::config::LogSettings;
use relais_server::{Application, BuildOptions, Settings};
use relais_store::Store;
use relais_tests::services::postgres::TestDatabase;
use serde_json::{Value, json};
use tempfile::TempDir;

use crate::typed;
use crate::typed::create_user_in_tenant::Role;

pub const ADMIN_EMAIL: &str = "admin@relais.test";
pub const ADMIN_PASSWORD: &str = "mot-de-passe-admin-test";
pub const USER_PASSWORD: &str = "mot-de-passe-utilisateur";
/// Known to the tests so they can forge tokens.
pub const JWT_SECRET: &str = "secret-de-test-de-trente-deux-octets-au-moins";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Runs each named scenario (`async fn name(backend: Backend)`) once on
/// SQLite and once on PostgreSQL.
macro_rules! on_both_databases {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $name() {
                    super::$name($crate::helpers::Backend::Sqlite).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $name() {
                    if relais_tests::services::postgres::skipped() {
                        relais_tests::services::skip("PostgreSQL absent");
                        return;
                    }
                    super::$name($crate::helpers::Backend::Postgres).await;
                }
            )*
        }
    };
}

pub struct TestApp {
    pub address: String,
    /// The separate `/metrics` listener, when `metrics.address` is set.
    pub metrics_address: Option<String>,
    pub client: reqwest::Client,
    pub store: Store,
    pub bootstrap: BootstrapOutcome,
    pub settings: Settings,
    /// Shuts the application down as SIGTERM would.
    pub shutdown: relais_server::shutdown::ShutdownTrigger,
    // Field order matters: the database is dropped after the app's handles.
    _postgres: Option<TestDatabase>,
    _data_dir: TempDir,
}

pub async fn spawn_app(backend: Backend) -> TestApp {
    spawn_app_with(backend, |_| {}).await
}

/// Settings for a test: a private data directory, port 0, one worker, a known
/// signing key and bootstrap administrator.
pub async fn spawn_app_with(backend: Backend, adjust: impl FnOnce(&mut Settings)) -> TestApp {
    spawn_app_with_options(backend, BuildOptions::default(), adjust).await
}

/// Like [`spawn_app_with`], with start-up options (`--demo`).
pub async fn spawn_app_with_options(
    backend: Backend,
    options: BuildOptions,
    adjust: impl FnOnce(&mut Settings),
) -> TestApp {
    let data_dir = tempfile::tempdir().unwrap();
    let postgres = match backend {
        Backend::Sqlite => None,
        Backend::Postgres => Some(
            TestDatabase::create()
                .await
                .unwrap_or_else(|e| panic!("{e}")),
        ),
    };
    let mut settings = Settings {
        data_dir: data_dir.path().to_path_buf(),
        log: LogSettings {
            level: std::env::var("RELAIS_TEST_LOG").unwrap_or_else(|_| "off".into()),
            ..LogSettings::default()
        },
        ..Settings::default()
    };
    settings.http.port = 0;
    settings.http.workers = Some(1);
    settings.database.max_connections = 5;
    settings.database.url = postgres.as_ref().map(|db| db.url.clone().into());
    settings.auth.jwt_secret = Some(JWT_SECRET.to_owned().into());
    settings.bootstrap.admin_email = Some(ADMIN_EMAIL.into());
    settings.bootstrap.admin_password = Some(ADMIN_PASSWORD.to_owned().into());
    settings.jobs.enabled = false;
    // The suite shares the cores with other suites and CI's niced release
    // build: in the idle scheduling class, the tests' exports would get
    // only what those leave. The class is checked by the expensive
    // runtime's own test, its effect by scripts/bench-soak.sh.
    settings.graphql.expensive.idle = false;
    adjust(&mut settings);
    relais_server::telemetry::init(&settings.log);

    let app = Application::build(settings.clone(), options)
        .await
        .expect("the application starts");
    let address = format!("http://127.0.0.1:{}", app.port());
    let metrics_address = app
        .metrics_port()
        .map(|port| format!("http://127.0.0.1:{port}"));
    let store = app.store().clone();
    let bootstrap = app.report().bootstrap.clone();
    let shutdown = app.shutdown_trigger();
    tokio::spawn(app.run_until_stopped());
    TestApp {
        address,
        metrics_address,
        client: reqwest::Client::new(),
        store,
        bootstrap,
        settings,
        shutdown,
        _postgres: postgres,
        _data_dir: data_dir,
    }
}

impl TestApp {
    /// Posts a GraphQL request; returns the whole JSON answer.
    pub async fn graphql(&self, token: Option<&str>, query: &str, variables: Value) -> Value {
        self.post_graphql(token, &json!({ "query": query, "variables": variables }))
            .await
    }

    /// Posts a GraphQL request body (`query`, `variables`, `operationName`).
    pub async fn post_graphql(&self, token: Option<&str>, body: &Value) -> Value {
        let mut request = self
            .client
            .post(format!("{}/graphql", self.address))
            .json(body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.expect("request sent");
        assert!(
            response.status().is_success(),
            "GraphQL answered HTTP {}",
            response.status()
        );
        response.json().await.expect("JSON answer")
    }

    /// A GraphQL multipart request (the upload spec): `file` goes to the
    /// variable `$file`.
    pub async fn graphql_upload(
        &self,
        token: &str,
        query: &str,
        mut variables: Value,
        file_name: &str,
        file: Vec<u8>,
    ) -> Value {
        variables["file"] = Value::Null;
        let operations = json!({ "query": query, "variables": variables });
        let form = reqwest::multipart::Form::new()
            .text("operations", operations.to_string())
            .text("map", json!({ "0": ["variables.file"] }).to_string())
            .part(
                "0",
                reqwest::multipart::Part::bytes(file).file_name(file_name.to_owned()),
            );
        let response = self
            .client
            .post(format!("{}/graphql", self.address))
            .bearer_auth(token)
            .multipart(form)
            .send()
            .await
            .expect("request sent");
        let status = response.status();
        let body = response.text().await.expect("body");
        serde_json::from_str(&body)
            .unwrap_or_else(|_| panic!("GraphQL upload answered HTTP {status}: {body}"))
    }

    /// A GET with a bearer token.
    pub async fn get_with_token(&self, path: &str, token: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.address))
            .bearer_auth(token)
            .send()
            .await
            .expect("request sent")
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.address))
            .send()
            .await
            .expect("request sent")
    }

    /// Logs in and returns the access token; fails the test otherwise.
    pub async fn token(&self, email: &str, password: &str) -> String {
        self.log_in(email, password)
            .await
            .unwrap_or_else(|refused| panic!("login failed for {email}: {refused:?}"))
            .access_token
    }

    pub async fn admin_token(&self) -> String {
        self.token(ADMIN_EMAIL, ADMIN_PASSWORD).await
    }

    /// The id of the first PRONOTE base `token` sees.
    pub async fn first_base_id(&self, token: &str) -> String {
        let variables = typed::visible_bases::Variables {
            filter: None,
            first: None,
        };
        let bases = self
            .run_ok::<typed::VisibleBases>(Some(token), variables)
            .await
            .bases;
        bases
            .nodes
            .first()
            .unwrap_or_else(|| panic!("no base: {bases:?}"))
            .id
            .clone()
    }

    /// Gives `token`'s operator a default ENT model, « ENT de test », which
    /// leaves the CAS address to the school (`applyRecommendedSettings`
    /// then takes `casRoot`) and names its identity attributes the short
    /// way (`nom`, `prenom`, `dateNaissance`, `codePostal`, `categories`).
    /// Returns the model's id.
    pub async fn default_ent_model(&self, token: &str) -> String {
        let source = self.create_model_source(token, "Modèles de test").await;
        let feed = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListeModeles xmlns=\"urn:relais:models:1\" version=\"relais-models/1\"><ENT><Nom>ENT de test</Nom><Localisation>Région de test</Localisation><PronoteNet><ModeIdentificationPremiereConnexion><AvecIdentite><AttributNom>nom</AttributNom><AttributPrenom>prenom</AttributPrenom><AttributDateNaissance>dateNaissance</AttributDateNaissance><AttributCodePostal>codePostal</AttributCodePostal><AttributProfil>categories</AttributProfil><ValeursProfil><Profil code=\"ELEVE\">National_1</Profil><Profil code=\"PARENT\">National_2</Profil><Profil code=\"PROFESSEUR\">National_3</Profil><Profil code=\"PERSONNEL\">National_4</Profil></ValeursProfil></AvecIdentite></ModeIdentificationPremiereConnexion></PronoteNet></ENT></ListeModeles>";
        let imported = self.import_models(token, &source, feed).await;
        assert!(imported.is_ok(), "{imported:?}");
        let model = self.model_id(token, "ENT de test").await;
        let set = self
            .run_ok::<typed::SetDefaultModel>(
                Some(token),
                typed::set_default_model::Variables {
                    model_id: model.clone(),
                },
            )
            .await;
        assert_eq!(
            set.set_default_model.map(|model| model.name).as_deref(),
            Some("ENT de test")
        );
        model
    }

    /// Creates a tenant as platform administrator; returns its id.
    pub async fn create_tenant(&self, admin: &str, slug: &str) -> String {
        let input = typed::create_operator_tenant::CreateTenantInput {
            slug: slug.to_owned(),
            name: format!("Opérateur {slug}"),
            contact_email: format!("contact@{slug}.test"),
            helpdesk_email: format!("assistance@{slug}.test"),
        };
        self.run::<typed::CreateOperatorTenant>(
            Some(admin),
            typed::create_operator_tenant::Variables { input },
        )
        .await
        .unwrap_or_else(|refused| panic!("createTenant failed: {refused:?}"))
        .create_tenant
        .id
    }

    /// Creates a user with `USER_PASSWORD` (the typed
    /// `CreateUserInTenant`); returns the whole JSON answer, which the
    /// callers read or check for errors.
    pub async fn create_user(
        &self,
        token: &str,
        email: &str,
        role: &str,
        tenant_id: Option<&str>,
    ) -> Value {
        self.run_json(
            Some(token),
            typed::create_user_in_tenant::QUERY,
            typed::create_user_in_tenant::OPERATION_NAME,
            json!({ "input": {
                "email": email,
                "displayName": "Personne de test",
                "role": role,
                "tenantId": tenant_id,
                "password": USER_PASSWORD,
            }}),
        )
        .await
    }

    /// Two operators, each with an operator administrator, a helpdesk agent
    /// and a school administrator, all logged in.
    pub async fn two_tenants(&self) -> [TenantFixture; 2] {
        let admin = self.admin_token().await;
        let mut fixtures = Vec::new();
        for slug in ["alpha", "beta"] {
            let id = self.create_tenant(&admin, slug).await;
            let mut tokens = Vec::new();
            let mut user_ids = Vec::new();
            for (role, name) in [
                (Role::OPERATOR_ADMIN, "operator_admin"),
                (Role::HELPDESK, "helpdesk"),
                (Role::SCHOOL_ADMIN, "school_admin"),
            ] {
                let email = format!("{name}@{slug}.test");
                let input = typed::create_user_in_tenant::CreateUserInput {
                    email: email.clone(),
                    display_name: "Personne de test".to_owned(),
                    role: role.clone(),
                    tenant_id: Some(id.clone()),
                    password: USER_PASSWORD.to_owned(),
                };
                let created = self
                    .run::<typed::CreateUserInTenant>(
                        Some(&admin),
                        typed::create_user_in_tenant::Variables { input },
                    )
                    .await
                    .unwrap_or_else(|refused| panic!("createUser failed: {refused:?}"))
                    .create_user;
                assert_eq!(created.role, role);
                assert_eq!(created.email, email);
                assert_eq!(created.tenant.map(|tenant| tenant.id), Some(id.clone()));
                let user_id = created.id;
                user_ids.push(user_id);
                tokens.push(self.token(&email, USER_PASSWORD).await);
            }
            let [operator, helpdesk, school] = tokens.try_into().unwrap();
            let [operator_id, helpdesk_id, school_id] = user_ids.try_into().unwrap();
            fixtures.push(TenantFixture {
                id,
                operator,
                helpdesk,
                school,
                operator_id,
                helpdesk_id,
                school_id,
            });
        }
        fixtures.try_into().unwrap_or_else(|_| unreachable!())
    }
}

pub struct TenantFixture {
    pub id: String,
    pub operator: String,
    pub helpdesk: String,
    pub school: String,
    pub operator_id: String,
    pub helpdesk_id: String,
    pub school_id: String,
}

/// The first error's `extensions.code`.
pub fn error_code(answer: &Value) -> &str {
    answer["errors"][0]["extensions"]["code"]
        .as_str()
        .unwrap_or_else(|| panic!("no error code in {answer}"))
}

pub fn error_message(answer: &Value) -> &str {
    answer["errors"][0]["message"]
        .as_str()
        .unwrap_or_else(|| panic!("no error message in {answer}"))
}

/// The header block of a raw message, unfolded, one header per line.
pub fn raw_headers(source: &str) -> Vec<String> {
    let head = source
        .split("\r\n\r\n")
        .next()
        .unwrap()
        .replace("\r\n ", " ")
        .replace("\r\n\t", " ");
    head.split("\r\n").map(str::to_owned).collect()
}

/// How many headers named `name` (case ignored) `headers` holds.
pub fn count_header(headers: &[String], name: &str) -> usize {
    let prefix = format!("{}:", name.to_ascii_lowercase());
    headers
        .iter()
        .filter(|line| line.to_ascii_lowercase().starts_with(&prefix))
        .count()
}
