//! `run --examples N`: prints up to N wrong automatic links and N missed
//! pairs (no correct link, no review holding the partner) per kind, with
//! the records of both sides, to see what the engine gets wrong.

use relais_matching::synthetic::dataset::Dataset;
use relais_matching::synthetic::kinds::Kind;
use relais_matching::{Outcome, Record};
use std::collections::HashMap;

fn show(r: &Record, kinds: u32) -> String {
    let names: Vec<&str> = Kind::ALL
        .into_iter()
        .filter(|k| k.in_mask(kinds))
        .map(Kind::name)
        .collect();
    format!(
        "{} {:?} [{}] [{}] {} {}({})",
        r.id,
        r.population,
        r.last_name,
        r.first_name,
        r.birth_date.map_or("-".to_owned(), |d| d.to_string()),
        r.sex.map_or("", |s| if s == relais_matching::Sex::Male {
            "M. "
        } else {
            "F. "
        }),
        names.join(",")
    )
}

pub fn print(ds: &Dataset, ent: &[Record], pronote: &[Record], outcome: &Outcome, n: usize) {
    let mut by_person: HashMap<u32, Vec<u32>> = HashMap::new();
    for (i, t) in ds.pronote.truth.iter().enumerate() {
        by_person.entry(t.person).or_default().push(i as u32);
    }
    let partners = |e: u32| by_person.get(&ds.ent.truth[e as usize].person);
    println!("--- wrong automatic links");
    for l in outcome
        .links
        .iter()
        .filter(|l| {
            ds.ent.truth[l.ent as usize].person != ds.pronote.truth[l.pronote as usize].person
        })
        .take(n)
    {
        println!(
            "ENT     {}",
            show(&ent[l.ent as usize], ds.ent.truth[l.ent as usize].kinds)
        );
        println!(
            "linked  {} score {:.3} {:?}",
            show(
                &pronote[l.pronote as usize],
                ds.pronote.truth[l.pronote as usize].kinds
            ),
            l.score,
            l.rule
        );
        for &p in partners(l.ent).map_or(&[][..], |v| v.as_slice()) {
            println!(
                "partner {}",
                show(&pronote[p as usize], ds.pronote.truth[p as usize].kinds)
            );
        }
        if std::env::var_os("RELAIS_EXAMPLES_FAMILY").is_some() {
            print_family(ent, pronote, outcome, l.ent, &[l.pronote]);
        }
    }
    let linked: HashMap<u32, u32> = outcome.links.iter().map(|l| (l.ent, l.pronote)).collect();
    let reviewed: HashMap<u32, &relais_matching::Review> =
        outcome.reviews.iter().map(|r| (r.ent, r)).collect();
    let mut shown = vec![0usize; Kind::ALL.len() + 1];
    let family = std::env::var_os("RELAIS_EXAMPLES_FAMILY").is_some();
    let only = std::env::var("RELAIS_EXAMPLES_KIND")
        .ok()
        .and_then(|name| Kind::ALL.into_iter().find(|k| k.name() == name));
    println!("--- missed pairs (not linked correctly), by kind");
    for (e, t) in ds.ent.truth.iter().enumerate() {
        let Some(ps) = partners(e as u32) else {
            continue;
        };
        if linked.get(&(e as u32)).is_some_and(|p| ps.contains(p)) {
            continue;
        }
        let kinds = ps
            .iter()
            .fold(t.kinds, |m, &p| m | ds.pronote.truth[p as usize].kinds);
        // `RELAIS_EXAMPLES_KIND=married_name` shows the pairs of that kind
        // only (duplicates included when asked for).
        let slot = if let Some(wanted) = &only {
            if !wanted.in_mask(kinds) {
                continue;
            }
            *wanted as usize
        } else {
            if Kind::Duplicate.in_mask(kinds) {
                continue;
            }
            Kind::ALL
                .into_iter()
                .position(|k| k.in_mask(kinds))
                .unwrap_or(Kind::ALL.len())
        };
        if shown[slot] >= n {
            continue;
        }
        shown[slot] += 1;
        let what = match (linked.get(&(e as u32)), reviewed.get(&(e as u32))) {
            (Some(p), _) => format!("linked to {}", pronote[*p as usize].id),
            (None, Some(r)) => format!(
                "review {:?} candidates {:?}",
                r.reason,
                r.candidates
                    .iter()
                    .map(|c| format!("{}:{:.3}", pronote[c.pronote as usize].id, c.score))
                    .collect::<Vec<_>>()
            ),
            (None, None) => "nothing".to_owned(),
        };
        println!("ENT     {}  => {what}", show(&ent[e], t.kinds));
        if family {
            print_family(ent, pronote, outcome, e as u32, ps);
        }
        for &p in ps {
            println!(
                "partner {}",
                show(&pronote[p as usize], ds.pronote.truth[p as usize].kinds)
            );
        }
    }
}

/// The family around an ENT record and its partners, with what each
/// record got.
fn print_family(ent: &[Record], pronote: &[Record], outcome: &Outcome, e: u32, ps: &[u32]) {
    let linked: HashMap<u32, u32> = outcome.links.iter().map(|l| (l.ent, l.pronote)).collect();
    let linked_back: HashMap<u32, u32> = outcome.links.iter().map(|l| (l.pronote, l.ent)).collect();
    let e = e as usize;
    // The family around the record, with what each one got.
    let status = |side_ent: bool, i: u32| -> String {
        if side_ent {
            match linked.get(&i) {
                Some(p) => format!("linked {}", pronote[*p as usize].id),
                None => "not linked".to_owned(),
            }
        } else {
            match linked_back.get(&i) {
                Some(e) => format!("linked {}", ent[*e as usize].id),
                None => "not linked".to_owned(),
            }
        }
    };
    for &c in ent[e].related {
        println!(
            "  ent pupil   {} {}",
            show(&ent[c as usize], 0),
            status(true, c)
        );
        for &g in ent[c as usize].related {
            println!(
                "    ent guardian {} {}",
                show(&ent[g as usize], 0),
                status(true, g)
            );
        }
    }
    for &p in ps {
        for &c in pronote[p as usize].related {
            println!(
                "  pronote pupil {} {}",
                show(&pronote[c as usize], 0),
                status(false, c)
            );
            for &g in pronote[c as usize].related {
                println!(
                    "    pronote guardian {} {}",
                    show(&pronote[g as usize], 0),
                    status(false, g)
                );
            }
        }
    }
}
