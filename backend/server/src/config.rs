//! Configuration in layers: built-in defaults → `relais.toml` → `RELAIS_*`
//! environment variables (`__` separates levels). Secrets may also come from
//! a file named by the same key with `_file` appended
//! (`RELAIS_AUTH__JWT_SECRET_FILE=/run/secrets/jwt`).
//!
//! Every key is documented in docs/operations.md.

use std::path::{Path, PathBuf};

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

use crate::error::ServerError;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Where the embedded defaults keep their files (database, keys, objects,
    /// outbox).
    pub data_dir: PathBuf,
    pub http: HttpSettings,
    pub database: DatabaseSettings,
    pub auth: AuthConfig,
    pub bootstrap: BootstrapSettings,
    pub graphql: GraphqlSettings,
    pub log: LogSettings,
    pub jobs: JobSettings,
    pub models: crate::model_feeds::ModelFeedSettings,
    pub cas_check: crate::cas_checks::CasCheckSettings,
    pub storage: crate::file_storage::StorageSettings,
    pub mail: crate::mail::MailSettings,
    pub shutdown: crate::shutdown::ShutdownSettings,
    pub security: SecuritySettings,
    pub metrics: MetricsSettings,
    pub console: crate::console::ConsoleSettings,
}

/// The production profile (issue 13): on unless `relais serve --demo`,
/// or as set here.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct SecuritySettings {
    /// `true`: introspection needs a signed-in user, field suggestions are
    /// off, GraphiQL is off unless `graphql.graphiql = true`, and `/metrics`
    /// needs `metrics.token` (or moves to `metrics.address`). Unset: on,
    /// except with `--demo`.
    pub production: Option<bool>,
}

/// Where and how `/metrics` is served.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct MetricsSettings {
    /// A separate listener (`127.0.0.1:9464`) serving only `/metrics`; the
    /// public listener then has no `/metrics`.
    pub address: Option<String>,
    /// Bearer token `/metrics` asks for (`Authorization: Bearer …`).
    #[serde(skip_serializing)]
    pub token: Option<SecretString>,
    pub token_file: Option<PathBuf>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HttpSettings {
    pub host: String,
    /// 0 picks a free port (tests).
    pub port: u16,
    /// The address people reach Relais at (links in e-mails); defaults to
    /// `http://<host>:<port>`.
    pub public_url: Option<String>,
    /// Read the client address from `X-Forwarded-For`/`Forwarded` (only behind
    /// a reverse proxy that sets them).
    pub trust_forwarded_for: bool,
    pub workers: Option<usize>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DatabaseSettings {
    /// `sqlite://…` or `postgres://…`; default `sqlite://<data_dir>/relais.db`.
    #[serde(skip_serializing)]
    pub url: Option<SecretString>,
    pub url_file: Option<PathBuf>,
    pub max_connections: u32,
    /// Apply pending migrations at start.
    pub run_migrations: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AuthConfig {
    /// HMAC key of access tokens (at least 32 bytes). Generated into
    /// `<data_dir>/jwt-secret` when absent.
    #[serde(skip_serializing)]
    pub jwt_secret: Option<SecretString>,
    pub jwt_secret_file: Option<PathBuf>,
    pub issuer: String,
    pub audience: String,
    pub access_token_ttl_seconds: i64,
    pub refresh_token_ttl_days: i64,
    pub login_attempts_per_account: u32,
    pub login_attempts_per_address: u32,
    pub login_window_seconds: u64,
    /// Past `login_attempts_per_account` failures, attempts on the account
    /// wait their turn, turns this many seconds apart (doubling with each
    /// further failure, up to 30 s): slowed down, never locked out.
    pub login_slowdown_seconds: u64,
    /// An attempt that would wait longer is refused (`RATE_LIMITED`).
    pub login_max_wait_seconds: u64,
    /// Threads computing password hashes (0: one per core).
    pub hashing_threads: usize,
    /// Logins waiting for a hashing thread before `RATE_LIMITED`.
    pub hashing_queue: usize,
    /// Minutes a password reset link stays valid (it serves once).
    pub password_reset_minutes: i64,
    /// How long a process may keep serving the access tokens of an account
    /// disabled, deleted or whose password changed in another process
    /// (seconds; changes through the same process apply at once).
    pub session_check_seconds: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct BootstrapSettings {
    /// First platform administrator, created on an empty database.
    pub admin_email: Option<String>,
    #[serde(skip_serializing)]
    pub admin_password: Option<SecretString>,
    pub admin_password_file: Option<PathBuf>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GraphqlSettings {
    pub max_depth: usize,
    pub max_complexity: usize,
    /// Serve GraphiQL at `/graphiql`. Unset: outside the production profile
    /// only.
    pub graphiql: Option<bool>,
    /// Largest JSON body of `POST /graphql`; a longer one is refused with
    /// 413 before it is read. Uploads have their own limit
    /// (`storage.upload_max_bytes`).
    pub max_body_bytes: usize,
    /// A query (validation and execution) is cut after this many seconds.
    pub query_timeout_seconds: u64,
    /// A mutation is cut after this many seconds (CAS checks and imports
    /// take longer than reads); its open transaction rolls back.
    pub mutation_timeout_seconds: u64,
    /// Limits of the document guard.
    pub document: relais_api::guard::DocumentLimits,
    /// Concurrent expensive requests (summaries, exports, imports…).
    pub expensive: relais_api::admission::ExpensiveLimits,
    /// Subscriptions of the live WebSocket (`/graphql/live`).
    pub live: relais_api::live::LiveLimits,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Pretty,
    Json,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LogSettings {
    pub format: LogFormat,
    /// A tracing filter, e.g. `info` or `relais_server=debug,info`.
    pub level: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct JobSettings {
    /// Run the periodic jobs in this process.
    pub enabled: bool,
    /// Seconds between two purges of expired sessions.
    pub session_purge_interval_seconds: u64,
    /// Seconds between two looks for due model feeds (a divisor of 60;
    /// each period is taken by one process). 60 in production; the cluster
    /// test uses a shorter one.
    pub model_refresh_tick_seconds: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            data_dir: PathBuf::from("./data"),
            http: HttpSettings::default(),
            database: DatabaseSettings::default(),
            auth: AuthConfig::default(),
            bootstrap: BootstrapSettings::default(),
            graphql: GraphqlSettings::default(),
            log: LogSettings::default(),
            jobs: JobSettings::default(),
            models: Default::default(),
            cas_check: Default::default(),
            storage: Default::default(),
            mail: Default::default(),
            shutdown: Default::default(),
            security: Default::default(),
            metrics: Default::default(),
            console: Default::default(),
        }
    }
}

impl Default for HttpSettings {
    fn default() -> Self {
        Self {
            host: "127.0.0.1".into(),
            port: 8080,
            public_url: None,
            trust_forwarded_for: false,
            workers: None,
        }
    }
}

impl Default for DatabaseSettings {
    fn default() -> Self {
        Self {
            url: None,
            url_file: None,
            max_connections: 10,
            run_migrations: true,
        }
    }
}

impl Default for AuthConfig {
    fn default() -> Self {
        Self {
            jwt_secret: None,
            jwt_secret_file: None,
            issuer: "relais".into(),
            audience: "relais-api".into(),
            access_token_ttl_seconds: 15 * 60,
            refresh_token_ttl_days: 30,
            login_attempts_per_account: 5,
            login_attempts_per_address: 50,
            login_window_seconds: 15 * 60,
            session_check_seconds: 5,
            login_slowdown_seconds: 2,
            login_max_wait_seconds: 20,
            hashing_threads: 0,
            hashing_queue: 16,
            password_reset_minutes: 60,
        }
    }
}

impl Default for GraphqlSettings {
    fn default() -> Self {
        Self {
            // GraphiQL's introspection query nests 13 levels.
            max_depth: 15,
            max_complexity: 2_000,
            graphiql: None,
            max_body_bytes: 2 * 1024 * 1024,
            query_timeout_seconds: 30,
            mutation_timeout_seconds: 300,
            document: Default::default(),
            expensive: Default::default(),
            live: Default::default(),
        }
    }
}

impl Default for LogSettings {
    fn default() -> Self {
        Self {
            format: LogFormat::Pretty,
            level: "info".into(),
        }
    }
}

impl Default for JobSettings {
    fn default() -> Self {
        Self {
            enabled: true,
            session_purge_interval_seconds: 3600,
            model_refresh_tick_seconds: 60,
        }
    }
}

impl Settings {
    /// Reads the layers. `config_file`, when given, must exist.
    pub fn load(config_file: Option<&Path>) -> Result<Self, ServerError> {
        let mut figment = Figment::from(Serialized::defaults(Settings::default()));
        if let Some(path) = config_file {
            if !path.is_file() {
                return Err(ServerError::Config(format!(
                    "fichier de configuration introuvable : {}",
                    path.display()
                )));
            }
            figment = figment.merge(Toml::file(path));
        }
        figment = figment.merge(Env::prefixed("RELAIS_").filter(is_setting).split("__"));
        let settings: Self = figment
            .extract()
            .map_err(|err| ServerError::Config(err.to_string()))?;
        settings.check()?;
        Ok(settings)
    }

    /// What the types alone do not refuse.
    fn check(&self) -> Result<(), ServerError> {
        let share = self.graphql.expensive.share;
        if !(share > 0.0 && share <= 1.0) {
            return Err(ServerError::Config(format!(
                "graphql.expensive.share doit être supérieur à 0 et au plus 1 (1 : pas de cadencement), lu : {share}"
            )));
        }
        Ok(())
    }

    /// The database URL: configured, from its file, or the embedded SQLite.
    pub fn database_url(&self) -> Result<String, ServerError> {
        match read_secret(&self.database.url, &self.database.url_file, "database.url")? {
            Some(url) => Ok(url.expose_secret().to_owned()),
            None => Ok(format!(
                "sqlite://{}?mode=rwc",
                self.data_dir.join("relais.db").display()
            )),
        }
    }

    /// The production profile is on unless configured off, or `--demo` and
    /// not configured.
    pub fn production(&self, demo: bool) -> bool {
        self.security.production.unwrap_or(!demo)
    }

    /// The bearer token `/metrics` asks for, if any.
    pub fn metrics_token(&self) -> Result<Option<SecretString>, ServerError> {
        read_secret(
            &self.metrics.token,
            &self.metrics.token_file,
            "metrics.token",
        )
    }

    pub fn public_url(&self, port: u16) -> String {
        self.http
            .public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}:{}", self.http.host, port))
    }
}

/// Top-level keys of `Settings`. Other `RELAIS_*` variables (`RELAIS_CONFIG`,
/// `RELAIS_NEW_USER_PASSWORD`, the tests' own) are not settings.
const SECTIONS: [&str; 16] = [
    "data_dir",
    "http",
    "database",
    "auth",
    "bootstrap",
    "graphql",
    "log",
    "jobs",
    "models",
    "cas_check",
    "storage",
    "mail",
    "shutdown",
    "security",
    "metrics",
    "console",
];

fn is_setting(key: &figment::value::UncasedStr) -> bool {
    let key = key.as_str().to_ascii_lowercase();
    SECTIONS.iter().any(|section| {
        key == *section
            || key.starts_with(&format!("{section}__"))
            || key.starts_with(&format!("{section}."))
    })
}

/// A secret given directly or through `<key>_file` (trailing newline
/// dropped). Both at once is an error.
pub fn read_secret(
    value: &Option<SecretString>,
    file: &Option<PathBuf>,
    key: &str,
) -> Result<Option<SecretString>, ServerError> {
    match (value, file) {
        (Some(_), Some(_)) => Err(ServerError::Config(format!(
            "{key} et {key}_file sont tous deux définis : gardez-en un seul."
        ))),
        (Some(value), None) => Ok(Some(value.clone())),
        (None, Some(path)) => {
            let content = std::fs::read_to_string(path).map_err(|err| {
                ServerError::Config(format!(
                    "{key}_file : lecture de {} impossible ({err}).",
                    path.display()
                ))
            })?;
            Ok(Some(SecretString::from(
                content.trim_end_matches(['\r', '\n']).to_owned(),
            )))
        }
        (None, None) => Ok(None),
    }
}

#[cfg(test)]
#[allow(clippy::result_large_err)] // figment::Jail returns figment::Error.
mod tests {
    use super::*;

    #[test]
    fn a_secret_comes_from_its_file_without_the_newline() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secret");
        std::fs::write(&path, "s3cr3t\n").unwrap();
        let secret = read_secret(&None, &Some(path.clone()), "auth.jwt_secret")
            .unwrap()
            .unwrap();
        assert_eq!(secret.expose_secret(), "s3cr3t");
        let both = read_secret(&Some("x".to_owned().into()), &Some(path), "auth.jwt_secret");
        assert!(both.is_err());
    }

    #[test]
    fn a_share_of_the_expensive_runtime_outside_0_to_1_is_refused() {
        figment::Jail::expect_with(|jail| {
            for bad in ["0", "-0.5", "1.5", "NaN"] {
                jail.set_env("RELAIS_GRAPHQL__EXPENSIVE__SHARE", bad);
                let error = Settings::load(None).map(|_| ()).unwrap_err().to_string();
                let named = error.to_lowercase().contains("graphql.expensive.share");
                assert!(named, "{bad}: {error}");
            }
            jail.set_env("RELAIS_GRAPHQL__EXPENSIVE__SHARE", "1");
            let settings = Settings::load(None).map_err(|e| e.to_string())?;
            assert_eq!(settings.graphql.expensive.share, 1.0);
            Ok(())
        });
    }

    #[test]
    fn the_embedded_database_lives_in_the_data_directory() {
        let settings = Settings::default();
        assert_eq!(
            settings.database_url().unwrap(),
            "sqlite://./data/relais.db?mode=rwc"
        );
    }

    #[test]
    fn the_shipped_example_configuration_loads() {
        // Inside a Jail: other tests set RELAIS_* variables meanwhile.
        figment::Jail::expect_with(|_| {
            let path =
                Path::new(env!("CARGO_MANIFEST_DIR")).join("../../infra/relais.example.toml");
            let settings = Settings::load(Some(&path)).map_err(|e| e.to_string())?;
            assert_eq!(settings.http.port, 8080);
            assert_eq!(settings.auth.access_token_ttl_seconds, 900);
            Ok(())
        });
    }

    #[test]
    fn the_kubernetes_configurations_load_with_secrets_from_files() {
        figment::Jail::expect_with(|_| {
            let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../infra/kubernetes");
            for file in [
                "base/relais.toml",
                "overlays/region/relais.toml",
                "overlays/national/relais.toml",
            ] {
                let settings =
                    Settings::load(Some(&root.join(file))).map_err(|e| format!("{file}: {e}"))?;
                assert!(!settings.database.run_migrations, "{file}");
                assert!(settings.database.url.is_none() && settings.database.url_file.is_some());
                assert!(settings.auth.jwt_secret_file.is_some(), "{file}");
                assert!(settings.storage.master_key_file.is_some(), "{file}");
                assert!(settings.storage.s3.access_key_id_file.is_some(), "{file}");
                assert!(
                    settings.storage.s3.secret_access_key_file.is_some(),
                    "{file}"
                );
                assert!(settings.mail.smtp.password_file.is_some(), "{file}");
                assert_eq!(settings.log.format, LogFormat::Json, "{file}");
            }
            Ok(())
        });
    }

    #[test]
    fn every_secret_can_come_from_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, value: &str| {
            let path = dir.path().join(name);
            std::fs::write(&path, format!("{value}\n")).unwrap();
            path
        };
        let mut settings = Settings::default();
        settings.database.url_file = Some(write("db", "postgres://relais@db/relais"));
        settings.storage.s3.bucket = "relais".into();
        settings.storage.s3.access_key_id_file = Some(write("id", "GK123"));
        settings.storage.s3.secret_access_key_file = Some(write("secret", "s3cr3t"));
        settings.storage.master_key_file = Some(write(
            "master",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        ));
        settings.auth.jwt_secret_file = Some(write("jwt", &"j".repeat(40)));

        assert_eq!(
            settings.database_url().unwrap(),
            "postgres://relais@db/relais"
        );
        let s3 = settings.storage.s3_settings().unwrap();
        assert_eq!(s3.access_key_id.as_deref(), Some("GK123"));
        assert_eq!(s3.secret_access_key.as_deref(), Some("s3cr3t"));
        assert!(crate::file_storage::master_key(&settings).is_ok());
        assert_eq!(
            crate::keys::jwt_secret(&settings).unwrap(),
            "j".repeat(40).into_bytes()
        );
        // A file that cannot be read is a clear error, never a silent default.
        settings.storage.s3.access_key_id_file = Some(dir.path().join("missing"));
        let error = settings.storage.s3_settings().unwrap_err().to_string();
        assert!(error.contains("storage.s3.access_key_id_file"), "{error}");
    }

    #[test]
    fn environment_variables_override_the_file_and_strangers_are_ignored() {
        figment::Jail::expect_with(|jail| {
            jail.create_file("relais.toml", "[http]\nport = 9000\nhost = \"0.0.0.0\"\n")?;
            jail.set_env("RELAIS_HTTP__PORT", "9100");
            jail.set_env("RELAIS_DATABASE__MAX_CONNECTIONS", "3");
            jail.set_env("RELAIS_NEW_USER_PASSWORD", "not a setting");
            jail.set_env("RELAIS_TEST_SKIP_POSTGRES", "1");
            let settings =
                Settings::load(Some(Path::new("relais.toml"))).map_err(|e| e.to_string())?;
            assert_eq!(settings.http.port, 9100);
            assert_eq!(settings.http.host, "0.0.0.0");
            assert_eq!(settings.database.max_connections, 3);
            Ok(())
        });
    }

    #[test]
    fn an_unknown_key_in_the_file_is_refused() {
        figment::Jail::expect_with(|jail| {
            jail.create_file("relais.toml", "[http]\nprot = 9000\n")?;
            assert!(Settings::load(Some(Path::new("relais.toml"))).is_err());
            Ok(())
        });
    }

    #[test]
    fn a_missing_config_file_is_an_error() {
        assert!(Settings::load(Some(Path::new("/nonexistent/relais.toml"))).is_err());
    }
}
