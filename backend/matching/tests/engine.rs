//! Behaviour of the matching engine (docs/domain.md §5), on small hand-made bases.
#![allow(
    clippy::indexing_slicing,
    reason = "tests: a wrong index fails the test"
)]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::NaiveDate;
use proptest::prelude::*;
use relais_matching::{
    LinkRule, Options, Outcome, Population, Record, ReviewReason, Side, match_records,
};

/// An owned record, so that tests can build bases freely.
#[derive(Clone, Debug)]
struct Person {
    id: String,
    scope: u32,
    population: Population,
    last: String,
    first: String,
    date: Option<NaiveDate>,
    related: Vec<u32>,
}

fn date(s: &str) -> Option<NaiveDate> {
    Some(NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap())
}

fn pupil(id: &str, last: &str, first: &str, born: &str) -> Person {
    Person {
        id: id.to_owned(),
        scope: 1,
        population: Population::Eleves,
        last: last.to_owned(),
        first: first.to_owned(),
        date: date(born),
        related: Vec::new(),
    }
}

fn with(mut p: Person, f: impl FnOnce(&mut Person)) -> Person {
    f(&mut p);
    p
}

fn records(people: &[Person]) -> Vec<Record<'_>> {
    people
        .iter()
        .map(|p| Record {
            id: &p.id,
            scope: p.scope,
            population: p.population,
            last_name: &p.last,
            first_name: &p.first,
            birth_date: p.date,
            related: &p.related,
            sex: None,
        })
        .collect()
}

fn run(ent: &[Person], pronote: &[Person]) -> Outcome {
    match_records(&records(ent), &records(pronote), &Options::default())
}

/// A class of unremarkable pupils, so that noise is tested among neighbours.
fn class(prefix: &str) -> Vec<Person> {
    let names = [
        ("BERNARD", "Lucas", "2009-01-14"),
        ("PETIT", "Emma", "2009-05-02"),
        ("ROBERT", "Hugo", "2008-11-23"),
        ("RICHARD", "Chloé", "2009-07-30"),
        ("DURAND", "Nathan", "2009-02-08"),
        ("LEROY", "Manon", "2008-12-19"),
    ];
    names
        .iter()
        .enumerate()
        .map(|(i, (l, f, d))| pupil(&format!("{prefix}{i}"), l, f, d))
        .collect()
}

fn linked_pairs(outcome: &Outcome, ent: &[Person], pronote: &[Person]) -> Vec<(String, String)> {
    outcome
        .links
        .iter()
        .map(|l| {
            (
                ent[l.ent as usize].id.clone(),
                pronote[l.pronote as usize].id.clone(),
            )
        })
        .collect()
}

#[test]
fn identical_identities_are_linked_by_the_exact_pass() {
    let ent = class("e");
    let pronote = class("p");
    let outcome = run(&ent, &pronote);
    assert_eq!(outcome.links.len(), ent.len());
    for link in &outcome.links {
        assert_eq!(link.ent, link.pronote);
        assert_eq!(link.rule, LinkRule::Exact);
        assert_eq!(link.score, 1.0);
    }
    assert!(outcome.reviews.is_empty());
    assert!(outcome.links.windows(2).all(|w| w[0].ent < w[1].ent));
}

#[test]
fn every_kind_of_field_noise_is_still_linked() {
    let clean = pupil("p", "MARTIN-DUBOIS", "Jean-Marie", "2009-03-12");
    let noisy: [(&str, Person); 9] = [
        (
            "case and accents",
            with(clean.clone(), |p| p.first = "jean-marié".into()),
        ),
        (
            "typo",
            with(clean.clone(), |p| p.last = "MARTIN-DUBIOS".into()),
        ),
        (
            "hyphen/space",
            with(clean.clone(), |p| p.first = "Jean Marie".into()),
        ),
        (
            "swapped names",
            with(clean.clone(), |p| {
                p.last = "Jean-Marie".into();
                p.first = "MARTIN-DUBOIS".into();
            }),
        ),
        (
            "day/month",
            with(clean.clone(), |p| p.date = date("2009-12-03")),
        ),
        (
            "year digits",
            with(clean.clone(), |p| p.date = date("2090-03-12")),
        ),
        (
            "damaged",
            with(clean.clone(), |p| p.first = "Je$n-Marie".into()),
        ),
        (
            "mojibake",
            with(clean.clone(), |p| p.first = "JÃ©an-Marie".into()),
        ),
        (
            "no date on the ENT side",
            with(clean.clone(), |p| p.date = None),
        ),
    ];
    for (kind, ent_person) in noisy {
        let mut ent = class("e");
        ent.push(with(ent_person, |p| p.id = "e-noisy".into()));
        let mut pronote = class("p");
        pronote.push(with(clean.clone(), |p| p.id = "p-clean".into()));
        let outcome = run(&ent, &pronote);
        let pairs = linked_pairs(&outcome, &ent, &pronote);
        assert!(
            pairs.contains(&("e-noisy".into(), "p-clean".into())),
            "{kind}: {outcome:?}"
        );
        assert_eq!(pairs.len(), ent.len(), "{kind}");
    }
}

#[test]
fn homonyms_go_to_review_and_are_never_linked() {
    let lea = pupil("x", "MARTIN", "Léa", "2009-03-12");
    let ent = vec![
        with(lea.clone(), |p| p.id = "e1".into()),
        with(lea.clone(), |p| p.id = "e2".into()),
    ];
    let pronote = vec![
        with(lea.clone(), |p| p.id = "p1".into()),
        with(lea.clone(), |p| {
            p.id = "p2".into();
            p.first = "LEA".into();
        }),
    ];
    let outcome = run(&ent, &pronote);
    assert!(outcome.links.is_empty(), "{outcome:?}");
    assert_eq!(outcome.reviews.len(), 2);
    for review in &outcome.reviews {
        assert_eq!(review.reason, ReviewReason::Homonym);
        assert_eq!(review.candidates.len(), 2);
    }

    // One ENT account against two PRONOTE homonyms: still a review.
    let outcome = run(&ent[..1], &pronote);
    assert!(outcome.links.is_empty());
    assert_eq!(outcome.reviews[0].reason, ReviewReason::Homonym);

    // A teacher without birth date against two same-named PRONOTE teachers
    // born on different days: homonyms from the ENT record's point of view.
    let teacher = |id: &str, born: Option<NaiveDate>| Person {
        id: id.into(),
        scope: 1,
        population: Population::Professeurs,
        last: "MOREAU".into(),
        first: "Paul".into(),
        date: born,
        related: Vec::new(),
    };
    let outcome = run(
        &[teacher("e", None)],
        &[
            teacher("p1", date("1975-01-01")),
            teacher("p2", date("1980-06-06")),
        ],
    );
    assert!(outcome.links.is_empty());
    assert_eq!(outcome.reviews[0].reason, ReviewReason::Homonym);
}

#[test]
fn twins_with_different_first_names_are_each_linked_to_their_own_record() {
    let mut ent = class("e");
    let mut pronote = class("p");
    for (id, first) in [("lea", "Léa"), ("leo", "Léo")] {
        ent.push(pupil(&format!("e-{id}"), "FONTAINE", first, "2010-04-04"));
        pronote.push(pupil(&format!("p-{id}"), "FONTAINE", first, "2010-04-04"));
    }
    // And with a slip on one twin's ENT last name.
    ent.push(pupil("e-tom", "FONTAINNE", "Tom", "2010-04-04"));
    pronote.push(pupil("p-tom", "FONTAINE", "Tom", "2010-04-04"));
    let outcome = run(&ent, &pronote);
    let pairs = linked_pairs(&outcome, &ent, &pronote);
    for twin in ["lea", "leo", "tom"] {
        assert!(
            pairs.contains(&(format!("e-{twin}"), format!("p-{twin}"))),
            "{pairs:?}"
        );
    }
    assert!(
        pairs
            .iter()
            .all(|(e, p)| e[2..] == p[2..] || e[1..] == p[1..])
    );
}

#[test]
fn duplicates_on_one_side_are_reported_and_not_linked() {
    let mut ent = class("e");
    ent.push(pupil("e-dup1", "GIRARD", "Inès", "2009-09-09"));
    ent.push(pupil("e-dup2", "Girard", "Ines", "2009-09-09"));
    let mut pronote = class("p");
    pronote.push(pupil("p-ines", "GIRARD", "Inès", "2009-09-09"));
    let outcome = run(&ent, &pronote);
    let dup = outcome
        .duplicates
        .iter()
        .find(|d| d.side == Side::Ent)
        .expect("the ENT duplicate is reported");
    assert_eq!(dup.records, vec![6, 7]);
    assert!(outcome.links.iter().all(|l| l.ent < 6));
    assert_eq!(outcome.links.len(), 6);
    assert!(outcome.reviews.iter().all(|r| r.ent >= 6));

    // A duplicate with a slip in PRONOTE: the exact record is linked, the
    // other is reported.
    let mut pronote = class("p");
    pronote.push(pupil("p-a", "GIRARD", "Inès", "2009-09-09"));
    pronote.push(pupil("p-b", "GIRARD", "Ines", "2009-09-09"));
    let outcome = run(&ent[..7], &pronote);
    assert!(outcome.duplicates.iter().any(|d| d.side == Side::Pronote));
    assert!(outcome.links.iter().all(|l| l.ent < 6), "{outcome:?}");
}

#[test]
fn records_only_match_within_their_scope_and_population() {
    let ent = vec![pupil("e", "BLANC", "Julie", "2009-10-10")];
    let other_scope = vec![with(ent[0].clone(), |p| p.scope = 2)];
    assert!(run(&ent, &other_scope).links.is_empty());
    assert!(run(&ent, &other_scope).reviews.is_empty());
    let other_population = vec![with(ent[0].clone(), |p| p.population = Population::Parents)];
    assert!(run(&ent, &other_population).links.is_empty());
    assert!(run(&ent, &other_population).reviews.is_empty());
}

#[test]
fn a_guardian_gains_evidence_from_the_links_of_their_pupils() {
    let parent = |id: &str, last: &str, related: Vec<u32>| Person {
        id: id.into(),
        scope: 1,
        population: Population::Parents,
        last: last.into(),
        first: "Anne".into(),
        date: None,
        related,
    };
    // Pupils 0 and 1, guardians 2 (and 3 on the PRONOTE side).
    let mut ent = vec![
        pupil("e-x", "LEROY", "Paul", "2009-01-01"),
        pupil("e-y", "LEROI", "Zoé", "2010-02-02"),
        parent("e-anne", "LEROIY", vec![0]),
    ];
    ent[0].related = vec![2];
    let mut pronote = vec![
        pupil("p-x", "LEROY", "Paul", "2009-01-01"),
        pupil("p-y", "LEROI", "Zoé", "2010-02-02"),
        parent("p-leroi", "LEROI", vec![1]),
        parent("p-leroy", "LEROY", vec![0]),
    ];
    pronote[0].related = vec![3];
    pronote[1].related = vec![2];
    let outcome = run(&ent, &pronote);
    let pairs = linked_pairs(&outcome, &ent, &pronote);
    assert!(
        pairs.contains(&("e-anne".into(), "p-leroy".into())),
        "{outcome:?}"
    );

    // Without the relation, the two PRONOTE guardians are too close.
    let mut unrelated = ent.clone();
    unrelated[2].related.clear();
    let outcome = run(&unrelated, &pronote);
    assert!(outcome.links.iter().all(|l| l.ent != 2), "{outcome:?}");
}

#[test]
fn the_outcome_does_not_depend_on_the_number_of_threads() {
    let mut ent = Vec::new();
    let mut pronote = Vec::new();
    for scope in 0..40 {
        for p in class("e") {
            ent.push(with(p, |p| {
                p.scope = scope;
                p.last.push('X');
            }));
        }
        for p in class("p") {
            pronote.push(with(p, |p| p.scope = scope));
        }
    }
    let (e, p) = (records(&ent), records(&pronote));
    let reference = match_records(
        &e,
        &p,
        &Options {
            threads: 1,
            ..Options::default()
        },
    );
    assert_eq!(reference.links.len(), ent.len());
    for threads in [1, 2, 3, 8] {
        let options = Options {
            threads,
            ..Options::default()
        };
        assert_eq!(match_records(&e, &p, &options), reference);
    }
}

#[test]
fn empty_and_nameless_inputs_give_an_empty_outcome() {
    assert_eq!(run(&[], &[]), Outcome::default());
    let nameless = vec![pupil("e", "", "", "2009-01-01")];
    assert!(run(&nameless, &nameless).links.is_empty());
    assert!(run(&class("e"), &[]).links.is_empty());
}

fn any_person() -> impl Strategy<Value = Person> {
    (
        "\\PC{0,12}",
        "\\PC{0,12}",
        prop::option::of(0i32..40_000),
        0u32..3,
        0usize..6,
        prop::collection::vec(0u32..12, 0..3),
    )
        .prop_map(|(last, first, days, scope, pop, related)| Person {
            id: format!("{last}{first}"),
            scope,
            population: Population::ALL[pop],
            last,
            first,
            date: days.and_then(|d| NaiveDate::from_num_days_from_ce_opt(700_000 + d)),
            related,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn any_input_gives_a_consistent_outcome_without_panicking(
        ent in prop::collection::vec(any_person(), 0..10),
        pronote in prop::collection::vec(any_person(), 0..10),
    ) {
        let outcome = run(&ent, &pronote);
        let mut seen_ent: Vec<u32> = outcome.links.iter().map(|l| l.ent)
            .chain(outcome.reviews.iter().map(|r| r.ent)).collect();
        let total = seen_ent.len();
        seen_ent.sort_unstable();
        seen_ent.dedup();
        prop_assert_eq!(seen_ent.len(), total);
        let mut seen_pronote: Vec<u32> = outcome.links.iter().map(|l| l.pronote).collect();
        seen_pronote.sort_unstable();
        seen_pronote.dedup();
        prop_assert_eq!(seen_pronote.len(), outcome.links.len());
        for link in &outcome.links {
            let (e, p) = (&ent[link.ent as usize], &pronote[link.pronote as usize]);
            prop_assert_eq!(e.scope, p.scope);
            prop_assert_eq!(e.population, p.population);
            prop_assert!((0.0..=1.0).contains(&link.score));
        }
        prop_assert_eq!(run(&ent, &pronote), outcome);
    }
}
