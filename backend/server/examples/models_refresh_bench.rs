//! Benchmark of issue 4: a refresh that changes 50 models used by 10,000
//! bases creates the pending updates in ≤ 1 s on PostgreSQL, with memory that
//! does not grow with the number of bases.
//!
//! `cargo run --release -p relais-server --example models_refresh_bench -- <database url> [bases…]`
//! (run by `make bench` on a fresh PostgreSQL database). For each number of
//! bases (default 1,000 and 10,000) it seeds a tenant with that many bases,
//! each having applied one of 50 models of a 1,000-model list, installs a new
//! version of the list where those 50 models changed, and prints the time of
//! the install and the growth of the process' peak memory during it.
//! `scripts/bench-guard.sh` counts the install's instructions for 10,000
//! bases on SQLite (`models_refresh_10k_bases`, see [`handshake`]).
#![allow(clippy::indexing_slicing, reason = "a measuring tool, not the service")]

use std::error::Error;
use std::time::{Duration, Instant};

use chrono::Utc;
use relais_domain::delegation::{CasUrls, DelegationSettings};
use relais_domain::models::{Client, EntModel, ModelFeed, known_ent_models};
use relais_domain::web_url::WebUrl;
use relais_domain::{Email, TenantName, TenantSlug};
use relais_migration::{Migrator, MigratorTrait};
use relais_store::entities::{base_model, ent_model, pronote_base};
use relais_store::{Caller, NewSource, NewTenant, SourceKind, Store, Validators};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use uuid::Uuid;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

const MODELS: usize = 1_000;
const CHANGED: usize = 50;
const GOAL: Duration = Duration::from_secs(1);
const CHUNK: usize = 500;

fn feed(version: u32) -> Result<ModelFeed> {
    let known = known_ent_models();
    let mut models = Vec::with_capacity(MODELS);
    for i in 0..MODELS {
        let mut model: EntModel = known[i % known.len()].clone();
        model.name = format!("{} — modèle {i}", model.name);
        if i < CHANGED && version > 1 {
            let root = WebUrl::parse("root", &format!("https://cas{version}-{i}.example.fr/cas"))?;
            if let Some(client) = model.clients.get_mut(&Client::PronoteNet) {
                client.cas_urls = Some(CasUrls::standard(root));
            }
        }
        models.push(model);
    }
    Ok(ModelFeed { models })
}

/// With `MODELS_REFRESH_BENCH_HANDSHAKE=1` (scripts/bench-guard.sh, which
/// counts the install's instructions under callgrind): prints `word` and
/// waits for a line on the standard input, so that the caller can switch
/// instrumentation on before the install and dump it after.
fn handshake(word: &str) -> Result<()> {
    if std::env::var_os("MODELS_REFRESH_BENCH_HANDSHAKE").is_none() {
        return Ok(());
    }
    use std::io::Write;
    println!("{word}");
    std::io::stdout().flush()?;
    std::io::stdin().read_line(&mut String::new())?;
    Ok(())
}

/// Peak resident memory of this process so far, in KiB (Linux).
fn peak_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

async fn run(store: &Store, bases: usize, round: usize) -> Result<(Duration, u64, u64)> {
    let caller = Caller::command_line();
    let scoped = store.scoped(&caller);
    let tenant = scoped
        .tenants()
        .create(NewTenant {
            slug: TenantSlug::parse("slug", &format!("mesure-{round}"))?,
            name: TenantName::parse("name", &format!("Opérateur de mesure {round}"))?,
            contact_email: Email::parse("email", "contact@bench.test")?,
            helpdesk_email: Email::parse("email", "assistance@bench.test")?,
        })
        .await?;
    let source = scoped
        .models()
        .create_source(NewSource {
            tenant: Some(tenant.id.uuid()),
            name: "Modèles de mesure".to_owned(),
            kind: SourceKind::Own,
        })
        .await?;
    scoped
        .models()
        .install(source.id, &feed(1)?, "v1", Validators::default(), &|_| {
            Vec::new()
        })
        .await?;
    let used: Vec<Uuid> = ent_model::Entity::find()
        .filter(ent_model::Column::SourceId.eq(source.id))
        .order_by_asc(ent_model::Column::NameKey)
        .all(store.connection())
        .await?
        .into_iter()
        .filter(|m| {
            m.name
                .rsplit(' ')
                .next()
                .and_then(|n| n.parse::<usize>().ok())
                .is_some_and(|n| n < CHANGED)
        })
        .map(|m| m.id)
        .collect();
    assert_eq!(used.len(), CHANGED);
    let settings = serde_json::to_string(&DelegationSettings::initial())?;
    let now = Utc::now();
    for start in (0..bases).step_by(CHUNK) {
        let ids: Vec<Uuid> = (start..(start + CHUNK).min(bases))
            .map(|_| Uuid::now_v7())
            .collect();
        pronote_base::Entity::insert_many(ids.iter().enumerate().map(|(k, id)| {
            pronote_base::ActiveModel {
                id: Set(*id),
                tenant_id: Set(tenant.id.uuid()),
                group_uai: Set(format!("{:07}X", start + k)),
                hosting: Set("HOSTED".to_owned()),
                pronote_version: Set(Some(2026)),
                school_year: Set("2026-2027".to_owned()),
                public_url: Set(None),
                server_address: Set(None),
                publication: Set("STOPPED".to_owned()),
                ent_credentials_distributed: Set(true),
                settings: Set(settings.clone()),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
            }
        }))
        .exec(store.connection())
        .await?;
        base_model::Entity::insert_many(ids.iter().enumerate().map(|(k, id)| {
            base_model::ActiveModel {
                base_id: Set(*id),
                model_id: Set(used[(start + k) % CHANGED]),
                revision: Set(1),
                applied_at: Set(now),
                applied_by: Set(None),
            }
        }))
        .exec(store.connection())
        .await?;
    }
    let v2 = feed(2)?;
    handshake("READY")?;
    let before = peak_kib();
    let started = Instant::now();
    let report = scoped
        .models()
        .install(source.id, &v2, "v2", Validators::default(), &|_| Vec::new())
        .await?;
    let elapsed = started.elapsed();
    handshake("DONE")?;
    assert_eq!(report.changed.len(), CHANGED);
    assert_eq!(report.bases_with_pending_update, bases as u64);
    Ok((elapsed, before, peak_kib()))
}

#[tokio::main]
async fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let url = args
        .next()
        .ok_or("usage: models_refresh_bench <database url> [bases…]")?;
    let sizes: Vec<usize> = {
        let given: Vec<usize> = args.filter_map(|a| a.parse().ok()).collect();
        if given.is_empty() {
            vec![1_000, 10_000]
        } else {
            given
        }
    };
    let store = Store::connect(&url, 10).await?;
    Migrator::up(store.connection(), None).await?;
    println!(
        "\nModels refresh: {CHANGED} of {MODELS} models change; every base applied one of them ({})\n",
        if url.starts_with("postgres") {
            "PostgreSQL"
        } else {
            "SQLite"
        }
    );
    println!(
        "{:>8} {:>12} {:>22} {:>14}",
        "bases", "install ms", "peak memory growth KiB", "vs 1 s goal"
    );
    let mut met = true;
    for (round, bases) in sizes.into_iter().enumerate() {
        let (elapsed, before, after) = run(&store, bases, round).await?;
        let ratio = elapsed.as_secs_f64() / GOAL.as_secs_f64();
        met &= elapsed <= GOAL;
        println!(
            "{bases:>8} {:>12.1} {:>22} {:>13.0}%",
            elapsed.as_secs_f64() * 1000.0,
            after.saturating_sub(before),
            ratio * 100.0
        );
    }
    println!("\n{}", if met { "goal met" } else { "goal NOT met" });
    Ok(())
}
