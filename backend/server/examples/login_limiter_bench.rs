//! Part of `make bench` (scripts/bench-logins.sh), issue 18: what the login
//! rate limits cost per login when their counters live in PostgreSQL
//! (shared by the replicas) rather than in the process's memory.
//!
//! A fresh database on the PostgreSQL at URL (default
//! postgres://postgres@127.0.0.1:5432), migrated; then, for each kind of
//! counters, 2,000 successful logins (`check` + `succeeded`) spread over
//! 100 accounts and 20 addresses, and 2,000 failed ones (`check` +
//! `failed`, accounts kept under their limit): p50 / p99 / max of the
//! limiter's own time per login, and what the shared counters add.
//!
//! Usage: login_limiter_bench [URL]

use std::net::IpAddr;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use relais_app::auth::{LoginLimiter, RateLimits};
use relais_migration::{Migrator, MigratorTrait};
use relais_store::Store;
use sea_orm::ConnectionTrait;

const LOGINS: usize = 2_000;

#[tokio::main]
async fn main() -> Result<()> {
    let server = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "postgres://postgres@127.0.0.1:5432".to_owned());
    let name = format!("relais_limiter_bench_{}", std::process::id());
    let admin = Store::connect(&format!("{server}/postgres"), 1)
        .await
        .context("PostgreSQL must answer at URL")?;
    admin
        .connection()
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await?;
    let outcome = measure(&format!("{server}/{name}")).await;
    admin
        .connection()
        .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .await?;
    outcome
}

async fn measure(url: &str) -> Result<()> {
    let store = Store::connect(url, 4).await?;
    Migrator::up(store.connection(), None).await?;
    let limits = RateLimits {
        per_account: 1_000_000,
        per_address: 1_000_000,
        window: Duration::from_secs(900),
        slowdown: Duration::from_secs(1),
        max_wait: Duration::from_secs(20),
    };
    let memory = LoginLimiter::new(limits);
    let shared = LoginLimiter::shared(limits, store.clone());
    println!(
        "\n== Login rate limits: the limiter's time per login ({LOGINS} logins, 100 accounts, 20 addresses)"
    );
    println!(
        "{:38} {:>9} {:>9} {:>9}",
        "counters, outcome", "p50 ms", "p99 ms", "max ms"
    );
    let mut p99 = Vec::new();
    for (label, limiter) in [("in memory", &memory), ("PostgreSQL (shared)", &shared)] {
        for success in [true, false] {
            let times = logins(limiter, success).await?;
            let (p50, q99, max) = percentiles(times);
            let outcome = if success {
                "right password"
            } else {
                "wrong password"
            };
            println!(
                "{:38} {p50:>9.3} {q99:>9.3} {max:>9.3}",
                format!("{label}, {outcome}")
            );
            p99.push(q99);
        }
    }
    if let [memory_ok, memory_failed, shared_ok, shared_failed] = p99.as_slice() {
        println!(
            "added by the shared counters, p99: {:.3} ms (right password), {:.3} ms (wrong password) (goal ≤ 1 ms)",
            shared_ok - memory_ok,
            shared_failed - memory_failed
        );
    }
    Ok(())
}

/// The limiter's time for each of `LOGINS` logins, in milliseconds.
async fn logins(limiter: &LoginLimiter, success: bool) -> Result<Vec<f64>> {
    let mut times = Vec::with_capacity(LOGINS);
    for i in 0..LOGINS {
        let account = format!("compte{}@mesure.test", i % 100);
        let address: IpAddr = format!("10.0.0.{}", i % 20).parse()?;
        let started = Instant::now();
        let attempt = limiter
            .check(&account, Some(address))
            .await
            .map_err(|e| anyhow::anyhow!("{}", e.message))?;
        let ended = if success {
            limiter.succeeded(&account, &attempt).await
        } else {
            limiter.failed(&account, &attempt).await
        };
        ended.map_err(|e| anyhow::anyhow!("{}", e.message))?;
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    Ok(times)
}

fn percentiles(mut times: Vec<f64>) -> (f64, f64, f64) {
    times.sort_by(f64::total_cmp);
    let at = |q: f64| {
        let index = ((times.len() as f64 - 1.0) * q).round() as usize;
        times.get(index).copied().unwrap_or(0.0)
    };
    (at(0.5), at(0.99), at(1.0))
}
