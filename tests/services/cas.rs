//! A real CAS server for the tests: django-cas-server 3.1 (PyPI) in a venv,
//! one per test, on a free loopback port, over http, with the users and
//! service patterns the test gives.
//!
//! The Django project is committed in `tests/services/cas/` (settings, a
//! users-file authentication class, `serve.py`); the venv is built by
//! `scripts/ensure-test-tools.sh` from `tests/services/cas/requirements.txt`
//! into `/var/tmp/relais-cas-venv` (or `RELAIS_TEST_CAS_VENV`). Users are
//! read from a JSON file at every login, so [`CasServer::set_users`] changes
//! passwords and attributes without a restart. A watchdog stops the server
//! if the test binary dies.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::maildev::{free_port, watchdog};

/// The venv's directory: `RELAIS_TEST_CAS_VENV`, else `/var/tmp/relais-cas-venv`.
pub fn venv() -> PathBuf {
    std::env::var_os("RELAIS_TEST_CAS_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/var/tmp/relais-cas-venv"))
}

fn project() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("services/cas")
}

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// The seeded user base: the four test accounts of BRIEF §3 with the
/// attributes of BRIEF §2 (`nom`, `prenom`, `dateNaissance` for the pupil,
/// `categories` National_1…4, `idPronote`), password `<login>-mdp`.
pub fn test_accounts() -> Value {
    let mut users = serde_json::Map::new();
    for (login, nom, category, id) in [
        (
            "PronotePersonnel",
            "Pronote_personnel",
            "National_4",
            "P0004",
        ),
        (
            "PronoteProfesseur",
            "Pronote_professeur",
            "National_3",
            "P0003",
        ),
        ("PronoteEleve", "Pronote_eleve", "National_1", "P0001"),
        ("PronoteParent", "Pronote_parent", "National_2", "P0002"),
    ] {
        let mut attributes = json!({
            "nom": nom,
            "prenom": "Pronote",
            "categories": [category],
            "idPronote": id,
            "uid": format!("uid-{login}"),
        });
        if login == "PronoteEleve" {
            attributes["dateNaissance"] = json!("01/01/2000");
        }
        users.insert(
            login.to_owned(),
            json!({ "password": format!("{login}-mdp"), "attributes": attributes }),
        );
    }
    Value::Object(users)
}

/// A running django-cas-server of one test; stopped when dropped.
pub struct CasServer {
    port: u16,
    dir: PathBuf,
    child: Mutex<Option<Child>>,
}

impl CasServer {
    /// Starts a CAS server that knows `users` (see [`test_accounts`]) and
    /// allows the services matching `service_patterns` (Python regexes).
    ///
    /// `Ok(None)` (after printing `SKIPPED (django-cas-server absent)`) when
    /// the venv is missing, outside CI; with `CI=true` that is an error.
    pub async fn start(users: &Value, service_patterns: &[&str]) -> Result<Option<Self>, String> {
        let python = venv().join("bin/python");
        if !python.is_file() {
            if in_ci() {
                return Err(format!(
                    "django-cas-server est absent alors que CI=true ({}) : lancez \
                     scripts/ensure-test-tools.sh",
                    python.display()
                ));
            }
            println!("SKIPPED (django-cas-server absent)");
            return Ok(None);
        }
        let dir =
            std::env::temp_dir().join(format!("relais-cas-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).map_err(|err| format!("{}: {err}", dir.display()))?;
        let services: Vec<Value> = service_patterns
            .iter()
            .enumerate()
            .map(|(i, pattern)| json!({ "name": format!("service-{i}"), "pattern": pattern }))
            .collect();
        write_json(&dir.join("services.json"), &Value::Array(services))?;
        let server = Self {
            port: free_port()?,
            dir,
            child: Mutex::new(None),
        };
        server.set_users(users)?;
        let log = std::fs::File::create(server.dir.join("cas.log"))
            .map_err(|err| format!("journal du serveur CAS : {err}"))?;
        let log_err = log.try_clone().map_err(|err| err.to_string())?;
        let process = Command::new(&python)
            .arg(project().join("serve.py"))
            .arg(&server.dir)
            .arg(server.port.to_string())
            .arg(server.dir.join("services.json"))
            .arg(server.dir.join("users.json"))
            .stdin(Stdio::null())
            .stdout(log)
            .stderr(log_err)
            .spawn()
            .map_err(|err| format!("{}: {err}", python.display()))?;
        watchdog(process.id())?;
        if let Ok(mut child) = server.child.lock() {
            *child = Some(process);
        }
        server.wait_until_up().await?;
        Ok(Some(server))
    }

    /// The CAS root, e.g. `http://127.0.0.1:41234/cas`.
    pub fn root(&self) -> String {
        format!("http://127.0.0.1:{}/cas", self.port)
    }

    /// Replaces the user base (read again at the next login).
    pub fn set_users(&self, users: &Value) -> Result<(), String> {
        write_json(&self.dir.join("users.json"), users)
    }

    /// Kills the server at once.
    pub fn stop(&self) {
        if let Ok(mut child) = self.child.lock()
            && let Some(mut process) = child.take()
        {
            let _ = process.kill();
            let _ = process.wait();
        }
    }

    async fn wait_until_up(&self) -> Result<(), String> {
        let deadline = Instant::now() + Duration::from_secs(60);
        let client = reqwest::Client::new();
        loop {
            let up = client
                .get(format!("{}/login", self.root()))
                .send()
                .await
                .is_ok_and(|response| response.status().is_success());
            if up {
                return Ok(());
            }
            let exited = self
                .child
                .lock()
                .ok()
                .and_then(|mut child| child.as_mut().and_then(|c| c.try_wait().ok().flatten()));
            if exited.is_some() || Instant::now() > deadline {
                let log = std::fs::read_to_string(self.dir.join("cas.log")).unwrap_or_default();
                return Err(format!("le serveur CAS n'a pas démarré ; journal :\n{log}"));
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for CasServer {
    fn drop(&mut self) {
        self.stop();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Writes `value` atomically (a login never reads half a file).
fn write_json(path: &Path, value: &Value) -> Result<(), String> {
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, value.to_string())
        .and_then(|()| std::fs::rename(&tmp, path))
        .map_err(|err| format!("{}: {err}", path.display()))
}
