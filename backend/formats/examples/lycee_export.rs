//! Data for the console's scrolling benchmark (issue 15,
//! `scripts/bench-console.sh`): a lycée of 3,000 pupils as PRONOTE's
//! identifiers export (file B) lists them, sealed for the demo ENT (the
//! public test key of `tests/fixtures`, as `relais serve --demo` holds it),
//! and the same pupils as the ENT's accounts CSV. Nine pupils in ten carry
//! the CAS identifier PRONOTE already holds (a rapprochement done the year
//! before: the import links them), the tenth is left to link.
//!
//! `cargo run --release -p relais-formats --example lycee_export -- <UAI> <directory> [pupils]`
//! writes `<directory>/identifiants.xml` and `<directory>/comptes-ent.csv`.
#![allow(clippy::indexing_slicing, reason = "a measuring tool, not the service")]

use std::error::Error;
use std::fmt::Write as _;
use std::path::PathBuf;

use chrono::NaiveDate;
use relais_domain::directory::{PronoteCategory, PronoteId, PronoteUser};
use relais_formats::index_education::export_container::{ExportHeader, seal_export_container};
use relais_formats::index_education::identifiers_list::write_identifiers_list;
use relais_formats::index_education::{OsRng, parse_public_key_pem};

const DEMO_PARTNER_PUBLIC_KEY: &str = include_str!("../tests/fixtures/partner-test.pub.pem");

const LAST_NAMES: [&str; 40] = [
    "MARTIN",
    "BERNARD",
    "THOMAS",
    "PETIT",
    "ROBERT",
    "RICHARD",
    "DURAND",
    "DUBOIS",
    "MOREAU",
    "LAURENT",
    "SIMON",
    "MICHEL",
    "LEFÈVRE",
    "LEROY",
    "ROUX",
    "DAVID",
    "BERTRAND",
    "MOREL",
    "FOURNIER",
    "GIRARD",
    "BONNET",
    "DUPONT",
    "LAMBERT",
    "FONTAINE",
    "ROUSSEAU",
    "VINCENT",
    "MULLER",
    "LEFÈBVRE",
    "FAURE",
    "ANDRÉ",
    "MERCIER",
    "BLANC",
    "GUÉRIN",
    "BOYER",
    "GARNIER",
    "CHEVALIER",
    "FRANÇOIS",
    "LEGRAND",
    "GAUTHIER",
    "GARCIA",
];
const FIRST_NAMES: [&str; 40] = [
    "Léa",
    "Hugo",
    "Chloé",
    "Lucas",
    "Emma",
    "Louis",
    "Manon",
    "Jules",
    "Inès",
    "Gabriel",
    "Camille",
    "Arthur",
    "Sarah",
    "Nathan",
    "Zoé",
    "Raphaël",
    "Lina",
    "Tom",
    "Jade",
    "Théo",
    "Louise",
    "Enzo",
    "Alice",
    "Mathis",
    "Juliette",
    "Noé",
    "Anaïs",
    "Maël",
    "Clémence",
    "Adam",
    "Océane",
    "Paul",
    "Margaux",
    "Baptiste",
    "Élise",
    "Victor",
    "Lucie",
    "Antoine",
    "Maëlys",
    "Jean-Baptiste",
];

type Result<T> = std::result::Result<T, Box<dyn Error>>;

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let (Some(uai), Some(directory)) = (args.next(), args.next()) else {
        return Err("usage: lycee_export <UAI> <directory> [pupils]".into());
    };
    let pupils: usize = args.next().map(|n| n.parse()).transpose()?.unwrap_or(3_000);
    let directory = PathBuf::from(directory);

    let mut csv = String::from("id_ent;nom;prenom;date_naissance;profil\n");
    let mut users = Vec::with_capacity(pupils);
    for n in 0..pupils {
        let last = LAST_NAMES[n % LAST_NAMES.len()];
        // The first name turns with each round of last names (a few
        // homonyms, told apart by their birth dates, as in a real lycée).
        let first = FIRST_NAMES[(n / LAST_NAMES.len() + n) % FIRST_NAMES.len()];
        let born = NaiveDate::from_ymd_opt(
            2008 + (n % 4) as i32,
            1 + (n % 12) as u32,
            1 + (n % 28) as u32,
        );
        let ent_id = format!("LYC-ELV-{n:05}");
        let _ = writeln!(
            csv,
            "{ent_id};{last};{first};{};ELEVE",
            born.map(|d| d.format("%d/%m/%Y").to_string())
                .unwrap_or_default()
        );
        users.push(PronoteUser {
            pronote_id: PronoteId::parse("pronoteId", &format!("LYCE{n:012}"))?,
            last_name: last.to_owned(),
            first_name: first.to_owned(),
            birth_date: born,
            category: PronoteCategory::Eleve,
            cas_id: (n % 10 != 9).then_some(ent_id),
        });
    }
    let public = parse_public_key_pem(DEMO_PARTNER_PUBLIC_KEY)?;
    let sealed = seal_export_container(
        &write_identifiers_list(&users),
        &[("ENT de démonstration".to_owned(), public)],
        &ExportHeader {
            version: Some("1".into()),
            software: Some("PRONOTE 2026".into()),
            uai: Some(uai),
            ..ExportHeader::default()
        },
        &mut OsRng,
    )?;
    std::fs::write(directory.join("identifiants.xml"), sealed)?;
    std::fs::write(directory.join("comptes-ent.csv"), csv)?;
    println!("{pupils} élèves écrits dans {}", directory.display());
    Ok(())
}
