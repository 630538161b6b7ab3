//! Benchmark of the models feed (issue 4, « Performance »):
//! - parse + validate a feed of 1,000 ENT models (a few MB): goal ≥ 100 MB/s;
//! - diff two versions of that feed: goal ≤ 10 ms.
//!
//! Run with `cargo run --release -p relais-formats --example models_feed_bench`
//! (optionally followed by the number of repetitions, default 30). MB are
//! 10^6 bytes. Exits with status 1 if a goal is missed.
#![allow(clippy::indexing_slicing, reason = "a measuring tool, not the service")]

use std::collections::BTreeMap;
use std::error::Error;
use std::hint::black_box;
use std::time::{Duration, Instant};

use relais_domain::delegation::{
    AttributeName, CasUrls, CommonIdentifier, FirstConnectionMode, IdentityAttributes, Profile,
};
use relais_domain::models::{Client, ClientSettings, EntModel, ModelFeed, diff_feeds};
use relais_domain::web_url::WebUrl;
use relais_formats::models_feed::{Limits, parse, write};

const MODELS: usize = 1_000;
const PARSE_GOAL_MB_S: f64 = 100.0;
const DIFF_GOAL: Duration = Duration::from_millis(10);

type Result<T> = std::result::Result<T, Box<dyn Error>>;

fn url(raw: &str) -> Result<WebUrl> {
    Ok(WebUrl::parse("url", raw)?)
}

fn attribute(raw: &str) -> Result<AttributeName> {
    Ok(AttributeName::parse("attribute", raw)?)
}

/// A realistic model: both clients, most by identity with the `ENTPerson*`
/// attributes, some by PRONOTE identifier with personalised addresses, and a
/// description of 1,200 to 2,000 characters (accents included).
fn model(i: usize) -> Result<EntModel> {
    let host = format!("cas.ent-{i:04}.region.fr");
    let identity = |root: &str| -> Result<ClientSettings> {
        let mut attributes = IdentityAttributes::short_names();
        attributes.last_name = attribute("sn")?;
        attributes.first_name = attribute("givenName")?;
        attributes.birth_date = attribute("ENTPersonDateNaissance")?;
        attributes.postal_code = Some(attribute("ENTPersonCodePostal")?);
        attributes.profile = attribute("ENTPersonProfils")?;
        attributes.profile_values.set(
            Profile::Professeur,
            vec!["National_3".into(), "ENS".into(), "DOC".into()],
        );
        attributes
            .profile_values
            .set(Profile::Inspecteur, vec!["National_6".into()]);
        Ok(ClientSettings {
            common_identifier: CommonIdentifier::Subject,
            cas_urls: Some(CasUrls::standard(url(root)?)),
            first_connection: FirstConnectionMode::Identity(attributes),
        })
    };
    let root = format!("https://{host}/cas");
    let net = if i % 4 == 3 {
        ClientSettings {
            common_identifier: CommonIdentifier::Attribute(attribute("idPronote")?),
            cas_urls: Some(CasUrls::Custom {
                login: url(&format!(
                    "https://{host}/auth/realms/ent/protocol/cas/login"
                ))?,
                validation: url(&format!(
                    "https://{host}/auth/realms/ent/protocol/cas/samlValidate"
                ))?,
            }),
            first_connection: FirstConnectionMode::PronoteIdentifier {
                attribute: attribute("idPronote")?,
            },
        }
    } else {
        identity(&root)?
    };
    let sentence = "Les comptes des élèves, des parents et des personnels sont alimentés \
                    chaque nuit depuis l'annuaire académique ; contactez l'assistance \
                    « ENT_Pronote » en cas d'échec d'identification. ";
    let target = 1_200 + (i * 37) % 800;
    let mut description = String::new();
    while description.chars().count() + sentence.chars().count() <= target {
        description.push_str(sentence);
    }
    Ok(EntModel {
        name: format!("ENT n° {i} (Région {} : Mode avec alimentation)", i % 13),
        location: format!("Département {:02} & académie « {} »", i % 95, i % 30),
        description: Some(description.trim().to_owned()),
        documentation_url: Some(url(&format!("https://www.ent-{i:04}.fr/pronote/aide"))?),
        clients: BTreeMap::from([
            (Client::PronoteClient, identity(&root)?),
            (Client::PronoteNet, net),
        ]),
    })
}

/// The next version: 50 models changed, 5 withdrawn, 5 added.
fn next_version(feed: &ModelFeed) -> Result<ModelFeed> {
    let mut models = Vec::with_capacity(feed.models.len());
    for (i, model) in feed.models.iter().enumerate() {
        if i % 200 == 199 {
            continue; // withdrawn
        }
        let mut model = model.clone();
        if i % 20 == 10 {
            if let Some(settings) = model.clients.get_mut(&Client::PronoteNet) {
                settings.cas_urls = Some(CasUrls::standard(url(&format!(
                    "https://cas2.ent-{i:04}.region.fr/cas"
                ))?));
                settings.common_identifier = CommonIdentifier::Attribute(attribute("uid")?);
            }
            model.location.push_str(" (nouveau)");
        }
        models.push(model);
    }
    for i in MODELS..MODELS + 5 {
        models.push(model(i)?);
    }
    Ok(ModelFeed { models })
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() -> Result<()> {
    let repetitions: usize = match std::env::args().nth(1) {
        Some(raw) => raw.parse()?,
        None => 30,
    };
    let feed = ModelFeed {
        models: (0..MODELS).map(model).collect::<Result<_>>()?,
    };
    feed.check()?;
    let xml = write(&feed);
    let size = xml.len();
    let mb = size as f64 / 1e6;
    println!(
        "feed: {MODELS} models, {size} bytes ({mb:.2} MB), {repetitions} repetitions, \
         release build: {}",
        !cfg!(debug_assertions)
    );

    let limits = Limits::default();
    let mut parse_times = Vec::with_capacity(repetitions);
    for _ in 0..repetitions.max(1) {
        let started = Instant::now();
        let parsed = parse(black_box(xml.as_bytes()), &limits)?;
        parse_times.push(started.elapsed());
        if parsed != feed {
            return Err("the parsed feed differs from the written one".into());
        }
    }
    let best = parse_times.iter().min().copied().unwrap_or_default();
    let parse_median = median(&mut parse_times);
    let best_rate = mb / best.as_secs_f64();
    let median_rate = mb / parse_median.as_secs_f64();
    println!(
        "parse + validate: best {:.2} ms ({best_rate:.0} MB/s), median {:.2} ms \
         ({median_rate:.0} MB/s); goal ≥ {PARSE_GOAL_MB_S:.0} MB/s: median is {:.1}× the goal",
        best.as_secs_f64() * 1e3,
        parse_median.as_secs_f64() * 1e3,
        median_rate / PARSE_GOAL_MB_S
    );

    let mut write_times = Vec::with_capacity(repetitions);
    for _ in 0..repetitions.max(1) {
        let started = Instant::now();
        black_box(write(black_box(&feed)));
        write_times.push(started.elapsed());
    }
    let write_median = median(&mut write_times);
    println!(
        "write: median {:.2} ms ({:.0} MB/s)",
        write_median.as_secs_f64() * 1e3,
        mb / write_median.as_secs_f64()
    );

    let next = next_version(&feed)?;
    next.check()?;
    let diff = diff_feeds(&feed, &next);
    let changes: usize = diff.changed.iter().map(|(_, c)| c.len()).sum();
    println!(
        "diff: {} added, {} changed ({changes} field changes), {} withdrawn",
        diff.added.len(),
        diff.changed.len(),
        diff.withdrawn.len()
    );
    if (diff.added.len(), diff.changed.len(), diff.withdrawn.len()) != (5, 50, 5) {
        return Err("unexpected diff".into());
    }
    let mut diff_times = Vec::with_capacity(repetitions * 3);
    for _ in 0..(repetitions * 3).max(1) {
        let started = Instant::now();
        black_box(diff_feeds(black_box(&feed), black_box(&next)));
        diff_times.push(started.elapsed());
    }
    let diff_median = median(&mut diff_times);
    println!(
        "diff_feeds: median {:.3} ms; goal ≤ {} ms: {:.0}× under the goal",
        diff_median.as_secs_f64() * 1e3,
        DIFF_GOAL.as_millis(),
        DIFF_GOAL.as_secs_f64() / diff_median.as_secs_f64()
    );

    if median_rate < PARSE_GOAL_MB_S || diff_median > DIFF_GOAL {
        println!("GOAL MISSED");
        std::process::exit(1);
    }
    println!("goals met");
    Ok(())
}
