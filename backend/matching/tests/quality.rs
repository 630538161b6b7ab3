//! Quality on generated populations with the noise of real directories
//! (issues 7 and 19), scored as the bench scores it
//! (`synthetic::evaluation`).
#![allow(
    clippy::indexing_slicing,
    reason = "tests: a wrong index fails the test"
)]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use relais_matching::synthetic::Scale;
use relais_matching::synthetic::dataset::{Dataset, SideData};
use relais_matching::synthetic::evaluation::{
    Relation, Report, TruthSide, structural_homonym_links,
};
use relais_matching::{Options, Outcome, Population, Record, match_records};

fn report(ds: &Dataset, ent: &[Record], pronote: &[Record], outcome: &Outcome) -> Report {
    let populations =
        |records: &[Record]| -> Vec<Population> { records.iter().map(|r| r.population).collect() };
    let (ent_pop, pronote_pop) = (populations(ent), populations(pronote));
    Report::compute(
        &TruthSide {
            truth: &ds.ent.truth,
            population: &ent_pop,
        },
        &TruthSide {
            truth: &ds.pronote.truth,
            population: &pronote_pop,
        },
        outcome.links.iter().map(|l| (l.ent, l.pronote)),
        outcome
            .reviews
            .iter()
            .map(|r| (r.ent, r.candidates.iter().map(|c| c.pronote))),
    )
}

#[test]
fn noisy_directories_are_linked_precisely_and_relatives_are_never_confused() {
    for seed in [42, 43] {
        let ds = Dataset::generate(seed, Scale::Accounts(30_000), 2);
        let ent = SideData::records(&ds.ent.store, &ds.ent.rows);
        let pronote = SideData::records(&ds.pronote.store, &ds.pronote.rows);
        let outcome = match_records(&ent, &pronote, &Options::default());
        let r = report(&ds, &ent, &pronote, &outcome);
        let q = r.quality;
        let lines = r.lines().join("\n");
        assert!(
            q.precision() >= 0.9995,
            "seed {seed}: precision {}\n{lines}",
            q.precision()
        );
        assert!(
            q.recall() >= 0.93,
            "seed {seed}: recall {}\n{lines}",
            q.recall()
        );
        for relation in [Relation::Twins, Relation::CoParents, Relation::Siblings] {
            assert_eq!(
                r.wrong[relation as usize], 0,
                "seed {seed}: {relation:?}\n{lines}"
            );
        }
        assert!(
            r.reviews.among_share() >= 0.95,
            "seed {seed}: reviews {:?}\n{lines}",
            r.reviews
        );
        let homonyms = structural_homonym_links(
            &ent,
            &pronote,
            outcome.links.iter().map(|l| (l.ent, l.pronote)),
        );
        assert_eq!(homonyms, 0);

        let single_thread = match_records(
            &ent,
            &pronote,
            &Options {
                threads: 1,
                ..Options::default()
            },
        );
        assert_eq!(single_thread, outcome);
    }
}

#[test]
fn generation_does_not_depend_on_the_number_of_threads() {
    let a = Dataset::generate(5, Scale::Accounts(8_000), 1);
    let b = Dataset::generate(5, Scale::Accounts(8_000), 3);
    assert_eq!(a.ent.store.text, b.ent.store.text);
    assert_eq!(a.pronote.store.text, b.pronote.store.text);
    assert_eq!(a.ent.truth, b.ent.truth);
    assert_eq!(a.pronote.store.related, b.pronote.store.related);
    let c = Dataset::generate(6, Scale::Accounts(8_000), 1);
    assert_ne!(a.ent.store.text, c.ent.store.text);
}

#[test]
fn the_generator_produces_every_kind_of_noise_of_issue_19() {
    // Each kind the issue lists (and the hazards: twins, namesakes,
    // look-alike spouses, homonyms, persons on one side only) is drawn by
    // the generator, so that the bench's per-kind lines are measured on
    // something; a kind no base draws would read as perfect.
    use relais_matching::synthetic::kinds::Kind;
    let ds = Dataset::generate(42, Scale::Accounts(30_000), 2);
    for kind in Kind::ALL {
        let count = ds
            .ent
            .truth
            .iter()
            .chain(&ds.pronote.truth)
            .filter(|t| kind.in_mask(t.kinds))
            .count();
        assert!(count >= 10, "{}: {count} records", kind.name());
    }
}
