//! Quality on a generated population of about 20,000 ENT accounts, scored as
//! the bench scores it (see `Quality`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use relais_matching::synthetic::Scale;
use relais_matching::synthetic::dataset::{
    Dataset, HOMONYM_BIT, Quality, SideData, ent_with_partner, structural_homonym_links,
};
use relais_matching::{Options, match_records};

#[test]
fn twenty_thousand_accounts_are_linked_precisely_and_homonyms_are_left_alone() {
    let ds = Dataset::generate(42, Scale::Accounts(20_000), 2);
    let ent = SideData::records(&ds.ent.store, &ds.ent.rows);
    let pronote = SideData::records(&ds.pronote.store, &ds.pronote.rows);
    let outcome = match_records(&ent, &pronote, &Options::default());

    let person = |t: u32| t & !HOMONYM_BIT;
    let correct = outcome
        .links
        .iter()
        .filter(|l| {
            person(ds.ent.truth[l.ent as usize]) == person(ds.pronote.truth[l.pronote as usize])
        })
        .count() as u64;
    let q = Quality {
        links: outcome.links.len() as u64,
        correct,
        recalled: correct,
        ent_with_partner: ent_with_partner(&ds).iter().filter(|&&b| b).count() as u64,
    };
    assert!(q.precision() >= 0.999, "{q:?} precision {}", q.precision());
    // Duplicates (2 % per side) are never linked automatically, which caps
    // recall near 0.95; F1 0.95 still fails on any real loss elsewhere.
    assert!(q.f1() >= 0.95, "{q:?} F1 {}", q.f1());
    let homonyms = structural_homonym_links(
        &ent,
        &pronote,
        outcome.links.iter().map(|l| (l.ent, l.pronote)),
    );
    assert_eq!(homonyms, 0);
    let review_share = outcome.reviews.len() as f64 / ent.len() as f64;
    assert!(review_share < 0.1, "{review_share}");

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
