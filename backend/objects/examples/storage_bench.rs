//! Storage benchmark (`scripts/bench-storage.sh`, part of `make bench`).
//!
//! (a) Encryption alone, one core: the envelope's AES-256-GCM chunk sealing,
//!     against `openssl speed -evp aes-256-gcm -bytes 16384` in the same run
//!     (goal: at least 60 % of OpenSSL).
//! (b) Encrypt + store against storing the same bytes unencrypted through
//!     the same backend: the local directory, and Garage on loopback when
//!     `RELAIS_BENCH_S3_ENDPOINT` is set (goal: at least 80 %).
//! (c) Peak RSS growth (VmHWM, reset through /proc/self/clear_refs) during
//!     encrypt + store of 1 GiB and 4 GiB (goal: at most 64 MiB): objects are
//!     streamed from a generator, never held in memory.
//!
//! Environment: `RELAIS_BENCH_DIR` (local store, default /var/tmp),
//! `RELAIS_BENCH_SIZE_MIB` (b, default 1024), `RELAIS_BENCH_RSS_MIB`
//! (c, default "1024,4096"), `RELAIS_BENCH_ENCRYPT_MIB` (a, default 4096),
//! `RELAIS_BENCH_S3_{ENDPOINT,BUCKET,REGION,ACCESS_KEY_ID,SECRET_ACCESS_KEY}`.
#![allow(clippy::indexing_slicing, reason = "a measuring tool, not the service")]

use std::error::Error;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::{Bytes, BytesMut};
use futures_util::StreamExt;
use relais_objects::envelope::{CHUNK_SIZE, ChunkSealer, EncryptedStore};
use relais_objects::keys::TenantKey;
use relais_objects::s3::{S3Settings, S3Store};
use relais_objects::{ByteStream, LocalDirStore, ObjectKey, ObjectStore};

type Result<T> = std::result::Result<T, Box<dyn Error>>;

const MIB: u64 = 1024 * 1024;
const PIECE: usize = 1024 * 1024;
const POOL: usize = 17 * PIECE;
const CONTEXT: &[u8] = b"relais/object/bench/bench/object";

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().collect();
    if let [_, mode, backend, mib] = args.as_slice()
        && mode == "rss"
    {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()?;
        return runtime.block_on(rss_run(backend, mib.parse()?));
    }
    let encrypt_mib = env_u64("RELAIS_BENCH_ENCRYPT_MIB", 4096)?;
    println!("\nRelais storage benchmark — release build, 1 MB = 10^6 bytes\n");

    // (a) runs before the runtime exists: one thread, one core.
    let ours = seal_throughput(encrypt_mib * MIB)?;
    let ours_hashed = seal_and_hash_throughput(encrypt_mib * MIB)?;
    println!("(a) encryption alone, one core, {encrypt_mib} MiB in 64 KiB chunks");
    println!(
        "    relais envelope (AES-256-GCM, ring)      {:>9.0} MB/s",
        ours / 1e6
    );
    println!(
        "    relais envelope + SHA-256 of plaintext   {:>9.0} MB/s",
        ours_hashed / 1e6
    );
    match openssl_speed() {
        Ok(theirs) => {
            let ratio = ours / theirs;
            println!(
                "    openssl speed -evp aes-256-gcm (16 KiB)  {:>9.0} MB/s",
                theirs / 1e6
            );
            println!(
                "    ratio relais / openssl: {:.0} % (goal ≥ 60 %) — {}",
                ratio * 100.0,
                verdict(ratio >= 0.60)
            );
        }
        Err(err) => println!("    openssl speed unavailable: {err}"),
    }

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(stores())
}

async fn stores() -> Result<()> {
    let size = env_u64("RELAIS_BENCH_SIZE_MIB", 1024)? * MIB;
    let rss_sizes = std::env::var("RELAIS_BENCH_RSS_MIB").unwrap_or_else(|_| "1024,4096".into());
    let dir = bench_dir()?;

    let mut backends: Vec<(&str, Arc<dyn ObjectStore>)> =
        vec![("local directory", Arc::new(LocalDirStore::new(&dir)))];
    if let Some(settings) = s3_settings()? {
        backends.push((
            "Garage (S3, loopback)",
            Arc::new(S3Store::connect(&settings).await?),
        ));
    } else {
        println!("\n    (RELAIS_BENCH_S3_ENDPOINT not set: Garage skipped)");
    }

    let tenant_key = TenantKey::generate();
    let pool = random_bytes(POOL);
    let key = ObjectKey::parse("bench/object")?;

    println!(
        "\n(b) store {} MiB, plain vs encrypt + store (best of 3 runs each, `sync` before each)",
        size / MIB
    );
    for (name, backend) in &backends {
        let encrypted = EncryptedStore::new(backend.clone());
        // Each kind's rounds back to back: on this machine's virtual disk
        // a plain write right after an encrypted one is often slow, which
        // would flatter the ratio.
        let mut plain = Duration::MAX;
        for _ in 0..3 {
            sync_disks();
            let started = Instant::now();
            backend.put(&key, generated(size, &pool)).await?;
            plain = plain.min(started.elapsed());
            backend.delete(&key).await?;
        }
        let mut sealed = Duration::MAX;
        for _ in 0..3 {
            sync_disks();
            let started = Instant::now();
            encrypted
                .put(&key, &tenant_key, CONTEXT, generated(size, &pool))
                .await?;
            sealed = sealed.min(started.elapsed());
            encrypted.delete(&key).await?;
        }
        let mut unhashed = Duration::MAX;
        for _ in 0..3 {
            sync_disks();
            let started = Instant::now();
            backend
                .put(&key, sealed_without_digest(size, &pool, &tenant_key)?)
                .await?;
            unhashed = unhashed.min(started.elapsed());
            backend.delete(&key).await?;
        }
        let plain_rate = size as f64 / plain.as_secs_f64();
        let sealed_rate = size as f64 / sealed.as_secs_f64();
        let ratio = sealed_rate / plain_rate;
        println!("    {name}");
        println!("      plain store         {:>8.0} MB/s", plain_rate / 1e6);
        println!("      encrypt + store     {:>8.0} MB/s", sealed_rate / 1e6);
        println!(
            "      ratio: {:.0} % (goal ≥ 80 %) — {}",
            ratio * 100.0,
            verdict(ratio >= 0.80)
        );
        println!(
            "      diagnostic: the same chunks without the plaintext SHA-256: {:.0} MB/s ({:.0} %)",
            size as f64 / unhashed.as_secs_f64() / 1e6,
            plain.as_secs_f64() / unhashed.as_secs_f64() * 100.0
        );
    }

    println!(
        "\n(c) peak RSS growth during encrypt + store, then get + decrypt (fresh process each)"
    );
    for (kind, name) in [
        ("local", "local directory"),
        ("s3", "Garage (S3, loopback)"),
    ] {
        if kind == "s3" && backends.len() < 2 {
            continue;
        }
        for mib in rss_sizes.split(',').filter(|s| !s.trim().is_empty()) {
            let output = std::process::Command::new(std::env::current_exe()?)
                .args(["rss", kind, mib.trim()])
                .output()?;
            if !output.status.success() {
                return Err(format!(
                    "RSS run failed: {}",
                    String::from_utf8_lossy(&output.stderr)
                )
                .into());
            }
            println!(
                "    {name}, {} MiB: {}",
                mib.trim(),
                String::from_utf8_lossy(&output.stdout).trim()
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

/// One (c) measurement, in a process of its own so that no earlier run's
/// memory (kept by the allocator) hides this one's peak.
async fn rss_run(kind: &str, mib: u64) -> Result<()> {
    let size = mib * MIB;
    let backend: Arc<dyn ObjectStore> = match kind {
        "s3" => Arc::new(S3Store::connect(&s3_settings()?.ok_or("no S3 settings")?).await?),
        _ => Arc::new(LocalDirStore::new(bench_dir()?)),
    };
    let encrypted = EncryptedStore::new(backend);
    let tenant_key = TenantKey::generate();
    let pool = random_bytes(POOL);
    let key = ObjectKey::parse("bench/rss")?;

    let before = reset_peak_rss()?;
    let started = Instant::now();
    encrypted
        .put(&key, &tenant_key, CONTEXT, generated(size, &pool))
        .await?;
    let put_time = started.elapsed();
    let put_growth = peak_rss()?.saturating_sub(before);

    let before = reset_peak_rss()?;
    let started = Instant::now();
    let mut stream = encrypted.get(&key, &tenant_key, CONTEXT).await?;
    let mut read = 0u64;
    while let Some(chunk) = stream.next().await {
        read += chunk?.len() as u64;
    }
    let get_time = started.elapsed();
    let get_growth = peak_rss()?.saturating_sub(before);
    encrypted.delete(&key).await?;
    let _ = std::fs::remove_dir_all(bench_dir()?);
    if read != size {
        return Err(format!("read back {read} bytes instead of {size}").into());
    }
    println!(
        "put +{:.1} MiB ({:.0} MB/s), get +{:.1} MiB ({:.0} MB/s) — goal ≤ 64 MiB {}",
        put_growth as f64 / MIB as f64,
        size as f64 / put_time.as_secs_f64() / 1e6,
        get_growth as f64 / MIB as f64,
        size as f64 / get_time.as_secs_f64() / 1e6,
        verdict(put_growth.max(get_growth) <= 64 * MIB)
    );
    Ok(())
}

fn bench_dir() -> Result<std::path::PathBuf> {
    let dir = std::env::var("RELAIS_BENCH_DIR").unwrap_or_else(|_| "/var/tmp".into());
    Ok(std::path::PathBuf::from(dir).join(format!("relais-bench-{}", std::process::id())))
}

/// Flushes dirty pages, so that one run's write-back does not slow the next.
fn sync_disks() {
    let _ = std::process::Command::new("sync").status();
}

/// Bytes per second of sealing `total` bytes, chunk by chunk, one thread.
fn seal_throughput(total: u64) -> Result<f64> {
    let key = TenantKey::generate();
    let plaintext = random_bytes(PIECE);
    let chunk = &plaintext[..CHUNK_SIZE];
    let mut sealer = ChunkSealer::new(&key, CONTEXT)?;
    let mut buffer = BytesMut::with_capacity(CHUNK_SIZE + 16);
    let chunks = total / CHUNK_SIZE as u64;
    let started = Instant::now();
    for _ in 0..chunks {
        buffer.clear();
        buffer.extend_from_slice(chunk);
        sealer.seal_chunk(&mut buffer, false)?;
    }
    std::hint::black_box(&buffer);
    Ok((chunks * CHUNK_SIZE as u64) as f64 / started.elapsed().as_secs_f64())
}

/// The same with the SHA-256 of the plaintext that `put` also computes.
fn seal_and_hash_throughput(total: u64) -> Result<f64> {
    let key = TenantKey::generate();
    let plaintext = random_bytes(PIECE);
    let chunk = &plaintext[..CHUNK_SIZE];
    let mut sealer = ChunkSealer::new(&key, CONTEXT)?;
    let mut digest = ring::digest::Context::new(&ring::digest::SHA256);
    let mut buffer = BytesMut::with_capacity(CHUNK_SIZE + 16);
    let chunks = total / CHUNK_SIZE as u64;
    let started = Instant::now();
    for _ in 0..chunks {
        digest.update(chunk);
        buffer.clear();
        buffer.extend_from_slice(chunk);
        sealer.seal_chunk(&mut buffer, false)?;
    }
    std::hint::black_box(digest.finish());
    Ok((chunks * CHUNK_SIZE as u64) as f64 / started.elapsed().as_secs_f64())
}

/// The envelope's chunks sealed straight from the generator, without the
/// plaintext SHA-256 that `EncryptedStore::put` adds: shows what that
/// digest costs.
fn sealed_without_digest(size: u64, piece: &Bytes, tenant_key: &TenantKey) -> Result<ByteStream> {
    const BATCH: usize = 16;
    let mut sealer = ChunkSealer::new(tenant_key, CONTEXT)?;
    let header = Bytes::copy_from_slice(sealer.header());
    let piece = piece.clone();
    let batches = size / (BATCH * CHUNK_SIZE) as u64;
    let body = futures_util::stream::iter(0..batches).map(move |_| {
        let mut out = BytesMut::with_capacity(BATCH * (CHUNK_SIZE + 16));
        for index in 0..BATCH {
            let mut chunk = BytesMut::with_capacity(CHUNK_SIZE + 16);
            chunk.extend_from_slice(&piece[index * CHUNK_SIZE..(index + 1) * CHUNK_SIZE]);
            sealer.seal_chunk(&mut chunk, false)?;
            out.extend_from_slice(&chunk);
        }
        Ok(out.freeze())
    });
    Ok(futures_util::stream::once(async move { Ok(header) })
        .chain(body)
        .boxed())
}

/// OpenSSL's AES-256-GCM bytes per second on 16 KiB blocks, one core.
fn openssl_speed() -> Result<f64> {
    let output = std::process::Command::new("openssl")
        .args([
            "speed",
            "-evp",
            "aes-256-gcm",
            "-bytes",
            "16384",
            "-seconds",
            "3",
        ])
        .stderr(std::process::Stdio::null())
        .output()?;
    let text = String::from_utf8_lossy(&output.stdout);
    // The result line: "AES-256-GCM   1234567.89k" (thousands of bytes/s).
    let value = text
        .lines()
        .rev()
        .find(|line| line.to_ascii_uppercase().starts_with("AES-256-GCM"))
        .and_then(|line| line.split_whitespace().last())
        .and_then(|field| field.strip_suffix('k'))
        .ok_or_else(|| format!("unexpected openssl output: {text}"))?;
    Ok(value.parse::<f64>()? * 1000.0)
}

/// Random bytes: 1 MiB pieces for (a), a 17 MiB pool for [`generated`].
fn random_bytes(len: usize) -> Bytes {
    let mut piece = vec![0u8; len];
    rand::RngCore::fill_bytes(&mut rand::rng(), &mut piece);
    Bytes::from(piece)
}

/// `size` bytes streamed 1 MiB at a time, as windows of a random pool that
/// start at a random offset and move by an odd stride: no allocation per
/// piece (which would put the allocator in the measurement), and no two
/// 1 MiB blocks alike within a run or across runs (Garage deduplicates
/// identical blocks and frees deleted ones late, which would flatter the
/// plain store).
fn generated(size: u64, pool: &Bytes) -> ByteStream {
    const STRIDE: usize = 4099;
    let span = pool.len() - PIECE;
    let pool = pool.clone();
    let start = rand::RngCore::next_u64(&mut rand::rng()) as usize % span;
    futures_util::stream::unfold((size, 0usize), move |(left, index)| {
        let pool = pool.clone();
        async move {
            if left == 0 {
                return None;
            }
            let len = (PIECE as u64).min(left) as usize;
            let offset = (start + index * STRIDE) % span;
            Some((
                Ok(pool.slice(offset..offset + len)),
                (left - len as u64, index + 1),
            ))
        }
    })
    .boxed()
}

fn s3_settings() -> Result<Option<S3Settings>> {
    let Ok(endpoint) = std::env::var("RELAIS_BENCH_S3_ENDPOINT") else {
        return Ok(None);
    };
    let bucket = std::env::var("RELAIS_BENCH_S3_BUCKET").unwrap_or_else(|_| "relais-bench".into());
    let region = std::env::var("RELAIS_BENCH_S3_REGION").unwrap_or_else(|_| "garage".into());
    Ok(Some(S3Settings {
        endpoint: Some(endpoint),
        path_style: true,
        access_key_id: std::env::var("RELAIS_BENCH_S3_ACCESS_KEY_ID").ok(),
        secret_access_key: std::env::var("RELAIS_BENCH_S3_SECRET_ACCESS_KEY").ok(),
        ..S3Settings::new(bucket, region)
    }))
}

/// Resets VmHWM to the current RSS (Linux ≥ 4.0) and returns that RSS.
fn reset_peak_rss() -> Result<u64> {
    std::fs::write("/proc/self/clear_refs", "5")?;
    status_kib("VmRSS:").map(|kib| kib * 1024)
}

fn peak_rss() -> Result<u64> {
    status_kib("VmHWM:").map(|kib| kib * 1024)
}

fn status_kib(field: &str) -> Result<u64> {
    let status = std::fs::read_to_string("/proc/self/status")?;
    let value = status
        .lines()
        .find_map(|line| line.strip_prefix(field))
        .and_then(|rest| rest.split_whitespace().next())
        .ok_or_else(|| format!("{field} missing from /proc/self/status"))?;
    Ok(value.parse()?)
}

fn env_u64(name: &str, default: u64) -> Result<u64> {
    match std::env::var(name) {
        Ok(value) => Ok(value.trim().parse()?),
        Err(_) => Ok(default),
    }
}

fn verdict(met: bool) -> &'static str {
    if met { "met" } else { "NOT met" }
}
