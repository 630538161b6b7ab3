//! A real S3 server for the tests: one Garage process per test binary,
//! started on first use on free loopback ports, and a fresh bucket per test.
//!
//! The process lives in a temporary directory with a single-node layout
//! (SQLite metadata, replication factor 1, region `garage`). A small shell
//! watchdog beside it stops it and removes the directory once the test
//! binary has exited (statics are never dropped, and `unsafe` is
//! forbidden, so no parent-death signal).

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use relais_objects::s3::{MIN_PART_SIZE, S3Settings};

/// The S3 region Garage is configured with.
pub const REGION: &str = "garage";
const KEY_NAME: &str = "relais-tests";

/// The `garage` binary: `RELAIS_TEST_GARAGE_BIN`, else `garage` on the
/// `PATH`, else `~/.cargo/bin/garage` (where `scripts/ensure-test-tools.sh`
/// installs it).
pub fn binary() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("RELAIS_TEST_GARAGE_BIN") {
        return Some(PathBuf::from(path));
    }
    let on_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join("garage"))
            .find(|candidate| candidate.is_file())
    });
    on_path.or_else(|| {
        let cargo = std::env::var_os("CARGO_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))?;
        Some(cargo.join("bin/garage")).filter(|candidate| candidate.is_file())
    })
}

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// S3 settings for a bucket created for one test, on the shared Garage.
///
/// `Ok(None)` (after printing `SKIPPED (Garage absent)`) when Garage is not
/// installed, outside CI; with `CI=true` a missing Garage is an error.
pub async fn test_bucket() -> Result<Option<S3Settings>, String> {
    let bucket = tokio::task::spawn_blocking(test_bucket_blocking)
        .await
        .map_err(|err| err.to_string())??;
    if bucket.is_none() {
        // Here, on the test's own thread, so that the skip carries its name.
        super::skip("Garage absent");
    }
    Ok(bucket)
}

fn test_bucket_blocking() -> Result<Option<S3Settings>, String> {
    let Some(bin) = binary() else {
        if in_ci() {
            return Err(
                "Garage est absent alors que CI=true : lancez scripts/ensure-test-tools.sh \
                 (cargo install garage) ou définissez RELAIS_TEST_GARAGE_BIN"
                    .into(),
            );
        }
        return Ok(None);
    };
    static GARAGE: OnceLock<Result<Garage, String>> = OnceLock::new();
    let garage = GARAGE
        .get_or_init(|| Garage::start(bin))
        .as_ref()
        .map_err(Clone::clone)?;
    let bucket = format!("relais-test-{}", uuid::Uuid::new_v4().simple());
    garage.cli(&["bucket", "create", &bucket])?;
    garage.cli(&[
        "bucket", "allow", "--read", "--write", "--owner", &bucket, "--key", KEY_NAME,
    ])?;
    Ok(Some(garage.settings(bucket)))
}

/// The running server and the access key the tests use.
struct Garage {
    bin: PathBuf,
    config: PathBuf,
    endpoint: String,
    key_id: String,
    secret: String,
}

impl Garage {
    fn start(bin: PathBuf) -> Result<Self, String> {
        let dir =
            std::env::temp_dir().join(format!("relais-garage-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).map_err(|err| format!("{}: {err}", dir.display()))?;
        let s3 = free_port()?;
        let rpc = free_port()?;
        let config = dir.join("garage.toml");
        let rpc_secret = format!(
            "{}{}",
            uuid::Uuid::new_v4().simple(),
            uuid::Uuid::new_v4().simple()
        );
        std::fs::write(
            &config,
            format!(
                r#"metadata_dir = "{dir}/meta"
data_dir = "{dir}/data"
db_engine = "sqlite"
replication_factor = 1
metadata_fsync = false
data_fsync = false
rpc_bind_addr = "127.0.0.1:{rpc}"
rpc_public_addr = "127.0.0.1:{rpc}"
rpc_secret = "{rpc_secret}"

[s3_api]
s3_region = "{REGION}"
api_bind_addr = "127.0.0.1:{s3}"
root_domain = ".s3.garage.localhost"
"#,
                dir = dir.display()
            ),
        )
        .map_err(|err| format!("{}: {err}", config.display()))?;
        spawn_with_watchdog(&bin, &config, &dir)?;

        let mut garage = Self {
            bin,
            config,
            endpoint: format!("http://127.0.0.1:{s3}"),
            key_id: String::new(),
            secret: String::new(),
        };
        garage.wait_until_up(s3, &dir)?;
        let node = garage.cli(&["node", "id", "-q"])?;
        let node = node.trim().split('@').next().unwrap_or_default().to_owned();
        garage.cli(&["layout", "assign", "-z", "dc1", "-c", "10G", &node])?;
        garage.cli(&["layout", "apply", "--version", "1"])?;
        let created = garage.cli(&["key", "create", KEY_NAME])?;
        garage.key_id = field(&created, "Key ID:")?;
        garage.secret = field(&created, "Secret key:")?;
        Ok(garage)
    }

    fn wait_until_up(&self, s3: u16, dir: &Path) -> Result<(), String> {
        let deadline = Instant::now() + Duration::from_secs(30);
        let address = SocketAddr::from(([127, 0, 0, 1], s3));
        loop {
            let rpc_ready = self.cli(&["status"]).is_ok();
            if rpc_ready && TcpStream::connect_timeout(&address, Duration::from_millis(200)).is_ok()
            {
                return Ok(());
            }
            if Instant::now() > deadline {
                let log = std::fs::read_to_string(dir.join("garage.log")).unwrap_or_default();
                return Err(format!("Garage n'a pas démarré en 30 s ; journal :\n{log}"));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Runs `garage -c <config> <args>`; its standard output, or an error.
    fn cli(&self, args: &[&str]) -> Result<String, String> {
        let output = Command::new(&self.bin)
            .arg("-c")
            .arg(&self.config)
            .args(args)
            .stdin(Stdio::null())
            .output()
            .map_err(|err| format!("{}: {err}", self.bin.display()))?;
        if output.status.success() {
            Ok(String::from_utf8_lossy(&output.stdout).into_owned())
        } else {
            Err(format!(
                "garage {} a échoué : {}{}",
                args.join(" "),
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            ))
        }
    }

    fn settings(&self, bucket: String) -> S3Settings {
        S3Settings {
            endpoint: Some(self.endpoint.clone()),
            region: REGION.into(),
            bucket,
            path_style: true,
            access_key_id: Some(self.key_id.clone()),
            secret_access_key: Some(self.secret.clone()),
            // The smallest parts S3 allows, so that tests exercise
            // multipart uploads with modest files.
            part_size_bytes: MIN_PART_SIZE,
            timeout: Duration::from_secs(30),
        }
    }
}

/// Starts `garage server` under `sh`, which stops it and removes `dir` as
/// soon as this process is gone.
fn spawn_with_watchdog(bin: &Path, config: &Path, dir: &Path) -> Result<(), String> {
    const SCRIPT: &str = r#"
"$1" -c "$2" server >"$3/garage.log" 2>&1 &
garage=$!
while kill -0 "$4" 2>/dev/null && kill -0 "$garage" 2>/dev/null; do sleep 1; done
kill "$garage" 2>/dev/null
wait "$garage" 2>/dev/null
rm -rf "$3"
"#;
    Command::new("sh")
        .arg("-c")
        .arg(SCRIPT)
        .arg("relais-garage-watchdog")
        .arg(bin)
        .arg(config)
        .arg(dir)
        .arg(std::process::id().to_string())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map(|_| ())
        .map_err(|err| format!("sh: {err}"))
}

fn free_port() -> Result<u16, String> {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .map_err(|err| err.to_string())
}

/// The value after `label` in `garage key create`'s output.
fn field(output: &str, label: &str) -> Result<String, String> {
    output
        .lines()
        .find_map(|line| line.trim().strip_prefix(label))
        .map(|value| value.trim().to_owned())
        .filter(|value| !value.is_empty())
        .ok_or_else(|| format!("« {label} » absent de la sortie de garage :\n{output}"))
}
