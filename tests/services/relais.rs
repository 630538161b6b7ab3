//! `relais serve` as a process of its own, for what only a process shows:
//! signals, exit codes, several replicas on one database.
//!
//! The binary is the tests' copy (`relais-test-server`, same code as
//! `relais`); integration tests pass its path with
//! `env!("CARGO_BIN_EXE_relais-test-server")`. The process listens on a free
//! port (port 0: the address is read from the line it prints when it
//! listens); its standard output and error are kept for the test to read.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What `relais serve` prints once it listens.
const LISTENING: &str = "Relais écoute sur ";

pub struct RelaisProcess {
    child: Child,
    /// `http://127.0.0.1:<port>`
    pub address: String,
    output: Arc<Mutex<String>>,
}

impl RelaisProcess {
    /// Starts `binary serve` with `env` (settings as `RELAIS_*` variables;
    /// the port is forced to 0) and waits until it listens.
    pub fn serve(binary: &Path, env: &[(&str, String)]) -> Result<Self, String> {
        let mut command = Command::new(binary);
        command
            .arg("serve")
            .env("RELAIS_HTTP__HOST", "127.0.0.1")
            .env("RELAIS_HTTP__PORT", "0")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (key, value) in env {
            command.env(key, value);
        }
        let mut child = command
            .spawn()
            .map_err(|err| format!("{} cannot start: {err}", binary.display()))?;
        let output = Arc::new(Mutex::new(String::new()));
        let (address_tx, address_rx) = std::sync::mpsc::channel();
        if let Some(stdout) = child.stdout.take() {
            let output = output.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                    if let Some(address) = line.trim().strip_prefix(LISTENING) {
                        let _ = address_tx.send(address.trim().to_owned());
                    }
                    if let Ok(mut all) = output.lock() {
                        all.push_str(&line);
                        all.push('\n');
                    }
                }
            });
        }
        if let Some(stderr) = child.stderr.take() {
            let output = output.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                    if let Ok(mut all) = output.lock() {
                        all.push_str(&line);
                        all.push('\n');
                    }
                }
            });
        }
        let mut process = Self {
            child,
            address: String::new(),
            output,
        };
        match address_rx.recv_timeout(Duration::from_secs(120)) {
            Ok(address) => {
                process.address = address;
                Ok(process)
            }
            Err(_) => Err(format!(
                "relais did not start listening; its output:\n{}",
                process.output()
            )),
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Sends a signal by name (`TERM`, `KILL`, `INT`).
    pub fn signal(&self, name: &str) -> Result<(), String> {
        // The shell's own `kill`: no procps needed.
        let status = Command::new("sh")
            .arg("-c")
            .arg(format!("kill -s {name} {}", self.pid()))
            .status()
            .map_err(|err| format!("kill: {err}"))?;
        if status.success() {
            Ok(())
        } else {
            Err(format!("kill -s {name} {} failed", self.pid()))
        }
    }

    /// Waits for the process to exit, at most `limit`.
    pub fn wait(&mut self, limit: Duration) -> Result<ExitStatus, String> {
        let until = Instant::now() + limit;
        loop {
            match self.child.try_wait() {
                Ok(Some(status)) => return Ok(status),
                Ok(None) if Instant::now() < until => std::thread::sleep(Duration::from_millis(50)),
                Ok(None) => return Err(format!("still running after {limit:?}")),
                Err(err) => return Err(err.to_string()),
            }
        }
    }

    /// Everything the process printed so far (standard output and error).
    pub fn output(&self) -> String {
        self.output
            .lock()
            .map(|all| all.clone())
            .unwrap_or_default()
    }
}

impl Drop for RelaisProcess {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
