//! Benchmark of the ENT's CAS service registry (issue 21, « Figures »):
//! - build the entries of 10,000 bases and write them in every format,
//!   zipped (Apereo, Keycloak, realm import, django-cas-server, CSV,
//!   report): goal ≤ 2 s, memory flat (peak RSS printed, before and after
//!   repeated exports);
//! - diff against the previous export (5 % of the bases changed, 1 %
//!   added, 1 % removed), including reading the previous export back from
//!   its stored JSON: goal ≤ 200 ms.
//!
//! Run with `cargo run --release -p relais-formats --example cas_registry_bench`
//! (optionally followed by the number of repetitions, default 5). Exits
//! with status 1 if a goal is missed. `CAS_REGISTRY_BENCH_ARCHIVE=<path>`
//! keeps the archive (e.g. to check it with `python3 -m zipfile -t`).
#![allow(clippy::indexing_slicing, reason = "a measuring tool, not the service")]

use std::error::Error;
use std::hint::black_box;
use std::io::Write;
use std::time::{Duration, Instant};

use relais_domain::delegation::{
    AttributeName, CommonIdentifier, DelegationSettings, Espace, EspaceDelegation,
    FirstConnectionMode, IdentityAttributes,
};
use relais_domain::web_url::WebUrl;
use relais_formats::cas_registry::{
    AttributeMapping, BaseSource, ServiceEntry, archive, build, diff,
};

const BASES: usize = 10_000;
const EXPORT_GOAL: Duration = Duration::from_secs(2);
const DIFF_GOAL: Duration = Duration::from_millis(200);

type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// Peak resident set size of this process, in MB (Linux, `VmHWM`).
fn peak_rss_mb() -> f64 {
    status_mb("VmHWM:")
}

/// Resident set size now, in MB (Linux, `VmRSS`).
fn rss_mb() -> f64 {
    status_mb("VmRSS:")
}

fn status_mb(field: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// A writer that counts bytes and keeps none: the archive streamed out.
struct Counting(usize);

impl Write for Counting {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Base `i`: identity with the short or the SDET names, every fourth one
/// by PRONOTE identifier, a few without public URL, a cité every tenth.
fn base(i: usize, generation: usize) -> Result<BaseSource> {
    let cas = WebUrl::parse("cas", &format!("https://cas.ent-{}.fr/cas", i % 13))?;
    let identity = if i.is_multiple_of(2) {
        IdentityAttributes::short_names()
    } else {
        IdentityAttributes::sdet_names()
    };
    let mut settings = DelegationSettings::advised(cas, identity);
    for espace in [Espace::Entreprise, Espace::Academie] {
        settings.espaces.set(espace, EspaceDelegation::Aucune);
    }
    if i % 4 == 3 {
        let id = AttributeName::parse("a", "idPronote")?;
        settings.common_identifier = CommonIdentifier::Attribute(id.clone());
        settings.first_connection = FirstConnectionMode::PronoteIdentifier { attribute: id };
    }
    let uai = format!("{:07}{}", 4_100_000 + i, (b'A' + (i % 26) as u8) as char);
    let mut uais = vec![uai.clone()];
    if i.is_multiple_of(10) {
        uais.push(format!("{:07}Z", 5_100_000 + i));
    }
    // Generation 1: 5 % of the bases moved to a new address.
    let host = if generation > 0 && i.is_multiple_of(20) {
        format!("{}.pronote.fr", uai.to_lowercase())
    } else {
        format!("{}.index-education.net", uai.to_lowercase())
    };
    Ok(BaseSource {
        base_id: format!("00000000-0000-4000-8000-{i:012}"),
        label: format!("Lycée numéro {i}"),
        uais,
        public_url: if i.is_multiple_of(97) {
            None
        } else {
            Some(WebUrl::parse(
                "publicUrl",
                &format!("https://{host}/pronote"),
            )?)
        },
        settings,
    })
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() -> Result<()> {
    let repetitions: usize = match std::env::args().nth(1) {
        Some(raw) => raw.parse()?,
        None => 5,
    };
    let mapping = AttributeMapping::default();
    let sources: Vec<BaseSource> = (0..BASES).map(|i| base(i, 0)).collect::<Result<_>>()?;
    let rss_start = peak_rss_mb();
    println!(
        "{BASES} bases, {repetitions} repetitions, release build: {}, MALLOC_ARENA_MAX={}; peak RSS before: {rss_start:.1} MB",
        !cfg!(debug_assertions),
        std::env::var("MALLOC_ARENA_MAX").unwrap_or_else(|_| "(unset)".to_owned())
    );

    let mut export_times = Vec::new();
    let mut rss_first = 0.0;
    for round in 0..repetitions.max(1) {
        let started = Instant::now();
        let registry = build(black_box(&sources), &mapping);
        let actions = diff(&[], &registry.entries).files();
        let out = archive::write(Counting(0), &registry, Some(&actions))?;
        export_times.push(started.elapsed());
        if round == 4 {
            println!(
                "  after 5 exports: peak RSS {:.1} MB, RSS {:.1} MB",
                peak_rss_mb(),
                rss_mb()
            );
        }
        if round == 0 {
            rss_first = peak_rss_mb();
            println!(
                "  after 1 export: peak RSS {rss_first:.1} MB, RSS {:.1} MB",
                rss_mb()
            );
            println!(
                "  {} services, {} report lines, archive {:.2} MB",
                registry.entries.len(),
                registry.report.len(),
                out.0 as f64 / 1e6
            );
        }
    }
    let rss_end = peak_rss_mb();
    let export = median(&mut export_times);
    println!(
        "export (build + every format + zip, streamed): median {:.0} ms, best {:.0} ms; goal ≤ {} ms",
        export.as_secs_f64() * 1e3,
        export_times[0].as_secs_f64() * 1e3,
        EXPORT_GOAL.as_millis()
    );
    println!(
        "peak RSS: {rss_first:.1} MB after the first export, {rss_end:.1} MB after {} (flat: +{:.1} MB); RSS now {:.1} MB",
        repetitions.max(1),
        rss_end - rss_first,
        rss_mb()
    );

    // Where the time goes: building the entries, rendering each format
    // (no compression), compressing.
    let started = Instant::now();
    let registry = build(&sources, &mapping);
    let built = started.elapsed();
    let started = Instant::now();
    let mut rendered = 0usize;
    for entry in &registry.entries {
        rendered += relais_formats::cas_registry::apereo::to_bytes(entry).len();
    }
    let apereo_time = started.elapsed();
    let started = Instant::now();
    for entry in &registry.entries {
        rendered += relais_formats::cas_registry::keycloak::to_bytes(entry).len();
    }
    rendered += relais_formats::cas_registry::keycloak::realm_import(&registry.entries).len();
    let keycloak_time = started.elapsed();
    let started = Instant::now();
    rendered += relais_formats::cas_registry::django::to_bytes(&registry.entries).len();
    rendered += relais_formats::cas_registry::csv::to_bytes(&registry.entries).len();
    let others_time = started.elapsed();
    println!(
        "  breakdown: build {:.0} ms, Apereo files {:.0} ms, Keycloak files + realm import {:.0} ms, \
         django-cas-server + CSV {:.0} ms; {:.1} MB before compression",
        built.as_secs_f64() * 1e3,
        apereo_time.as_secs_f64() * 1e3,
        keycloak_time.as_secs_f64() * 1e3,
        others_time.as_secs_f64() * 1e3,
        rendered as f64 / 1e6
    );

    // The archive kept in memory, as the download route does.
    let started = Instant::now();
    let registry = build(&sources, &mapping);
    let bytes = archive::write(Vec::new(), &registry, None)?;
    println!(
        "export into memory (the route): {:.0} ms, {} bytes; peak RSS {:.1} MB",
        started.elapsed().as_secs_f64() * 1e3,
        bytes.len(),
        peak_rss_mb()
    );
    if let Some(path) = std::env::var_os("CAS_REGISTRY_BENCH_ARCHIVE") {
        std::fs::write(path, &bytes)?;
    }
    drop(bytes);

    // The previous export, as stored (one JSON document per base).
    let stored: Vec<String> = registry
        .entries
        .iter()
        .map(serde_json::to_string)
        .collect::<std::result::Result<_, _>>()?;
    let mut next_sources: Vec<BaseSource> = (0..BASES)
        .filter(|i| i % 100 != 1)
        .map(|i| base(i, 1))
        .collect::<Result<_>>()?;
    next_sources.extend(
        (BASES..BASES + 100)
            .map(|i| base(i, 1))
            .collect::<Result<Vec<_>>>()?,
    );
    let next = build(&next_sources, &mapping).entries;
    let mut diff_times = Vec::new();
    let mut counts = (0, 0, 0);
    for _ in 0..(repetitions * 3).max(1) {
        let started = Instant::now();
        let previous: Vec<ServiceEntry> = stored
            .iter()
            .map(|json| serde_json::from_str(json))
            .collect::<std::result::Result<_, _>>()?;
        let result = diff(black_box(&previous), black_box(&next));
        let files = result.files();
        diff_times.push(started.elapsed());
        counts = (
            result.added.len(),
            result.changed.len(),
            result.removed.len(),
        );
        black_box(files);
    }
    let diff_median = median(&mut diff_times);
    println!(
        "diff against the previous export (read back + diff + files): median {:.1} ms; \
         {} added, {} changed, {} removed; goal ≤ {} ms",
        diff_median.as_secs_f64() * 1e3,
        counts.0,
        counts.1,
        counts.2,
        DIFF_GOAL.as_millis()
    );
    println!("peak RSS at the end: {:.1} MB", peak_rss_mb());
    if export > EXPORT_GOAL || diff_median > DIFF_GOAL {
        eprintln!("a goal is missed");
        std::process::exit(1);
    }
    Ok(())
}
