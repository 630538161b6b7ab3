//! A real SMTP server for the tests: MailDev 2.2.1 (npm), one per test, on
//! free loopback ports, its messages read through its HTTP API.
//!
//! MailDev is installed into `tests/services/node/node_modules` from the
//! committed `package-lock.json` (`scripts/ensure-test-tools.sh` runs
//! `npm ci`). Each instance keeps its messages in a directory of its own,
//! so that [`MailDev::stop`] then [`MailDev::restart`] (same ports, same
//! directory) brings the received messages back, as a real server would.
//! A small shell watchdog stops the process if the test binary dies.

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde_json::Value;

/// The MailDev entry point: `RELAIS_TEST_MAILDEV_BIN`, else the project's
/// npm install.
pub fn script() -> PathBuf {
    std::env::var_os("RELAIS_TEST_MAILDEV_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("services/node/node_modules/maildev/bin/maildev")
        })
}

fn node() -> Option<PathBuf> {
    let paths = std::env::var_os("PATH")?;
    std::env::split_paths(&paths)
        .map(|dir| dir.join("node"))
        .find(|candidate| candidate.is_file())
}

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// A running MailDev of one test; stopped and removed when dropped.
pub struct MailDev {
    node: PathBuf,
    smtp_port: u16,
    web_port: u16,
    dir: PathBuf,
    child: Mutex<Option<Child>>,
    http: reqwest::Client,
}

impl MailDev {
    /// Starts a MailDev for one test.
    ///
    /// `Ok(None)` (after printing `SKIPPED (MailDev absent)`) when node or
    /// MailDev is missing, outside CI; with `CI=true` that is an error.
    pub async fn start() -> Result<Option<Self>, String> {
        let script = script();
        let Some(node) = node().filter(|_| script.is_file()) else {
            if in_ci() {
                return Err(format!(
                    "MailDev est absent alors que CI=true ({}) : installez node et npm, puis \
                     lancez scripts/ensure-test-tools.sh (npm ci dans tests/services/node)",
                    script.display()
                ));
            }
            super::skip("MailDev absent");
            return Ok(None);
        };
        let dir =
            std::env::temp_dir().join(format!("relais-maildev-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(dir.join("mail"))
            .map_err(|err| format!("{}: {err}", dir.display()))?;
        let maildev = Self {
            node,
            smtp_port: free_port()?,
            web_port: free_port()?,
            dir,
            child: Mutex::new(None),
            http: reqwest::Client::new(),
        };
        maildev.restart().await?;
        Ok(Some(maildev))
    }

    pub fn smtp_port(&self) -> u16 {
        self.smtp_port
    }

    pub fn web_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.web_port)
    }

    /// Kills the server at once (a crash, not a clean shutdown).
    pub fn stop(&self) {
        if let Ok(mut child) = self.child.lock()
            && let Some(mut process) = child.take()
        {
            let _ = process.kill();
            let _ = process.wait();
        }
    }

    /// Starts the server again on the same ports and directory, and waits
    /// until SMTP and HTTP answer.
    pub async fn restart(&self) -> Result<(), String> {
        self.stop();
        let log = std::fs::File::create(self.dir.join("maildev.log"))
            .map_err(|err| format!("journal de MailDev : {err}"))?;
        let log_err = log.try_clone().map_err(|err| err.to_string())?;
        let process = Command::new(&self.node)
            .arg(script())
            .args(["--ip", "127.0.0.1", "--web-ip", "127.0.0.1"])
            .args(["--smtp", &self.smtp_port.to_string()])
            .args(["--web", &self.web_port.to_string()])
            .arg("--mail-directory")
            .arg(self.dir.join("mail"))
            .stdin(Stdio::null())
            .stdout(log)
            .stderr(log_err)
            .spawn()
            .map_err(|err| format!("{}: {err}", self.node.display()))?;
        watchdog(process.id())?;
        if let Ok(mut child) = self.child.lock() {
            *child = Some(process);
        }
        self.wait_until_up().await
    }

    async fn wait_until_up(&self) -> Result<(), String> {
        let deadline = Instant::now() + Duration::from_secs(30);
        let smtp = SocketAddr::from(([127, 0, 0, 1], self.smtp_port));
        loop {
            let smtp_up = TcpStream::connect_timeout(&smtp, Duration::from_millis(200)).is_ok();
            let web_up = self
                .http
                .get(format!("{}/healthz", self.web_url()))
                .send()
                .await
                .is_ok_and(|response| response.status().is_success());
            if smtp_up && web_up {
                return Ok(());
            }
            if Instant::now() > deadline {
                let log = std::fs::read_to_string(self.dir.join("maildev.log")).unwrap_or_default();
                return Err(format!(
                    "MailDev n'a pas démarré en 30 s ; journal :\n{log}"
                ));
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Every message received (MailDev's JSON: `subject`, `text`, `html`,
    /// `headers`, `envelope.to`…), oldest first.
    pub async fn emails(&self) -> Result<Vec<Value>, String> {
        let response = self
            .http
            .get(format!("{}/email", self.web_url()))
            .send()
            .await
            .map_err(|err| format!("MailDev GET /email : {err}"))?;
        response
            .json::<Vec<Value>>()
            .await
            .map_err(|err| format!("MailDev GET /email : {err}"))
    }

    /// Waits until at least `count` messages arrived (MailDev files a
    /// message a moment after it accepted it), then gives all of them.
    pub async fn wait_for(&self, count: usize) -> Result<Vec<Value>, String> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let emails = self.emails().await?;
            if emails.len() >= count {
                return Ok(emails);
            }
            if Instant::now() > deadline {
                return Err(format!(
                    "{} message(s) reçu(s) par MailDev au lieu de {count}",
                    emails.len()
                ));
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The raw message as received (headers and bodies).
    pub async fn source(&self, email: &Value) -> Result<String, String> {
        let id = email["id"].as_str().ok_or("message MailDev sans id")?;
        self.http
            .get(format!("{}/email/{id}/source", self.web_url()))
            .send()
            .await
            .map_err(|err| err.to_string())?
            .text()
            .await
            .map_err(|err| err.to_string())
    }

    /// Forgets every received message.
    pub async fn clear(&self) -> Result<(), String> {
        self.http
            .delete(format!("{}/email/all", self.web_url()))
            .send()
            .await
            .map_err(|err| err.to_string())?;
        Ok(())
    }
}

impl Drop for MailDev {
    fn drop(&mut self) {
        self.stop();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Kills `pid` once this test process is gone (the test was killed before
/// its `MailDev` was dropped).
pub(crate) fn watchdog(pid: u32) -> Result<(), String> {
    const SCRIPT: &str = r#"
while kill -0 "$1" 2>/dev/null && kill -0 "$2" 2>/dev/null; do sleep 1; done
kill "$2" 2>/dev/null
"#;
    Command::new("sh")
        .arg("-c")
        .arg(SCRIPT)
        .arg("relais-maildev-watchdog")
        .arg(std::process::id().to_string())
        .arg(pid.to_string())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map(|_| ())
        .map_err(|err| format!("sh: {err}"))
}

pub(crate) fn free_port() -> Result<u16, String> {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .map_err(|err| err.to_string())
}
