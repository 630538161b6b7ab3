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

/// The seeded user base: the four test accounts of docs/domain.md §3 with the
/// attributes of docs/domain.md §2 (`nom`, `prenom`, `dateNaissance` for the pupil,
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
        let services: Vec<Value> = service_patterns
            .iter()
            .enumerate()
            .map(|(i, pattern)| json!({ "name": format!("service-{i}"), "pattern": pattern }))
            .collect();
        Self::start_with_services(users, &Value::Array(services)).await
    }

    /// Starts a CAS server whose services are a Django fixture of
    /// `cas_server` models (`servicepattern`, `replaceattributname`,
    /// `filterattributvalue`…), loaded with `loaddata`: Relais's
    /// django-cas-server export (issue 21).
    pub async fn start_with_fixture(
        users: &Value,
        fixture: &Value,
    ) -> Result<Option<Self>, String> {
        Self::start_with_services(users, fixture).await
    }

    async fn start_with_services(users: &Value, services: &Value) -> Result<Option<Self>, String> {
        let python = venv().join("bin/python");
        if !python.is_file() {
            if in_ci() {
                return Err(format!(
                    "django-cas-server est absent alors que CI=true ({}) : lancez \
                     scripts/ensure-test-tools.sh",
                    python.display()
                ));
            }
            super::skip("django-cas-server absent");
            return Ok(None);
        }
        let dir =
            std::env::temp_dir().join(format!("relais-cas-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).map_err(|err| format!("{}: {err}", dir.display()))?;
        write_json(&dir.join("services.json"), services)?;
        let server = Self {
            port: free_port()?,
            dir,
            child: Mutex::new(None),
        };
        server.set_users(users)?;
        server.spawn().await?;
        Ok(Some(server))
    }

    /// Runs `serve.py` on the server's port and directory, and waits until
    /// it answers.
    async fn spawn(&self) -> Result<(), String> {
        let python = venv().join("bin/python");
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.dir.join("cas.log"))
            .map_err(|err| format!("journal du serveur CAS : {err}"))?;
        let log_err = log.try_clone().map_err(|err| err.to_string())?;
        let process = Command::new(&python)
            .arg(project().join("serve.py"))
            .arg(&self.dir)
            .arg(self.port.to_string())
            .arg(self.dir.join("services.json"))
            .arg(self.dir.join("users.json"))
            .stdin(Stdio::null())
            .stdout(log)
            .stderr(log_err)
            .spawn()
            .map_err(|err| format!("{}: {err}", python.display()))?;
        watchdog(process.id())?;
        if let Ok(mut child) = self.child.lock() {
            *child = Some(process);
        }
        self.wait_until_up().await
    }

    /// Replaces the services with a Django fixture of `cas_server` models
    /// (as [`CasServer::start_with_fixture`]): the server is restarted on
    /// the same port, so its root — already in the bases' settings — does
    /// not change. Tickets and sessions of before are lost.
    pub async fn reload_fixture(&self, fixture: &Value) -> Result<(), String> {
        self.stop();
        write_json(&self.dir.join("services.json"), fixture)?;
        self.spawn().await
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

/// An https server whose certificate is self-signed (made by the `openssl`
/// command, served by Python's `ssl`): what a CAS server without a real
/// certificate looks like to the checker. Answers every request with a page
/// holding a login form.
pub struct SelfSignedServer {
    port: u16,
    dir: PathBuf,
    child: Option<Child>,
}

const TLS_SERVER: &str = r#"
import http.server, ssl, sys
class Page(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(b"<form method=post><input type=text name=u><input type=password name=p></form>")
    do_POST = do_GET
    def log_message(self, *args):
        pass
server = http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Page)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(sys.argv[2], sys.argv[3])
server.socket = context.wrap_socket(server.socket, server_side=True)
server.serve_forever()
"#;

impl SelfSignedServer {
    /// `Ok(None)` (after printing `SKIPPED (openssl or python absent)`) when
    /// the venv's Python or `openssl` is missing, outside CI.
    pub async fn start() -> Result<Option<Self>, String> {
        let python = venv().join("bin/python");
        let openssl = std::env::var_os("PATH").and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|dir| dir.join("openssl"))
                .find(|candidate| candidate.is_file())
        });
        let Some(openssl) = openssl.filter(|_| python.is_file()) else {
            if in_ci() {
                return Err(
                    "openssl ou le Python de django-cas-server manque alors que CI=true".into(),
                );
            }
            super::skip("openssl or python absent");
            return Ok(None);
        };
        let dir =
            std::env::temp_dir().join(format!("relais-tls-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).map_err(|err| format!("{}: {err}", dir.display()))?;
        let made = Command::new(openssl)
            .args([
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            ])
            .args([
                "-subj",
                "/CN=127.0.0.1",
                "-addext",
                "subjectAltName=IP:127.0.0.1",
            ])
            .arg("-keyout")
            .arg(dir.join("key.pem"))
            .arg("-out")
            .arg(dir.join("cert.pem"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .map_err(|err| format!("openssl: {err}"))?;
        if !made.success() {
            return Err(format!("openssl req a échoué ({made})"));
        }
        let port = free_port()?;
        let process = Command::new(&python)
            .args(["-c", TLS_SERVER, &port.to_string()])
            .arg(dir.join("cert.pem"))
            .arg(dir.join("key.pem"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|err| format!("{}: {err}", python.display()))?;
        watchdog(process.id())?;
        let server = Self {
            port,
            dir,
            child: Some(process),
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        let address = std::net::SocketAddr::from(([127, 0, 0, 1], port));
        while std::net::TcpStream::connect_timeout(&address, Duration::from_millis(200)).is_err() {
            if Instant::now() > deadline {
                return Err("le serveur https de test n'a pas démarré".into());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Ok(Some(server))
    }

    /// `https://127.0.0.1:<port>/cas`.
    pub fn root(&self) -> String {
        format!("https://127.0.0.1:{}/cas", self.port)
    }
}

impl Drop for SelfSignedServer {
    fn drop(&mut self) {
        if let Some(mut process) = self.child.take() {
            let _ = process.kill();
            let _ = process.wait();
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
