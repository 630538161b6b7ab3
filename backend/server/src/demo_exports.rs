//! Demo exchange settings and ENT accounts, so that a newcomer can generate
//! an account-matching file (`generateAccountMatchingFile`) right after
//! `make run`. The keys are the test keys of `backend/formats/tests/fixtures`:
//! public, for demonstration only.

use std::sync::Arc;

use relais_app::file_vault::FileVault;
use relais_domain::directory::{EntProfile, PronoteId, PronoteUser};
use relais_domain::export_scope::ExportScope;
use relais_store::{DirectoryAccount, DirectoryImportMode, ExchangePatch, ExportImport, Scoped};

use crate::error::ServerError;

const DEMO_INDEX_EDUCATION_PUBLIC_KEY: &str =
    include_str!("../../formats/tests/fixtures/index-education-test.pub.pem");
const DEMO_PARTNER_PRIVATE_KEY: &str =
    include_str!("../../formats/tests/fixtures/partner-test.pem");
const DEMO_PARTNER_PUBLIC_KEY: &str =
    include_str!("../../formats/tests/fixtures/partner-test.pub.pem");

const LAST_NAMES: [&str; 10] = [
    "MARTIN", "BERNARD", "THOMAS", "PETIT", "ROBERT", "RICHARD", "DURAND", "DUBOIS", "MOREAU",
    "LAURENT",
];
const FIRST_NAMES: [&str; 10] = [
    "Léa", "Hugo", "Chloé", "Lucas", "Emma", "Louis", "Manon", "Jules", "Inès", "Gabriel",
];

/// Guardians' first names: one each, so that the demo's guardians (who have
/// no birth date) are not homonyms of one another.
const GUARDIAN_FIRST_NAMES: [&str; 20] = [
    "Claire",
    "Marc",
    "Sophie",
    "Thomas",
    "Nathalie",
    "Julien",
    "Isabelle",
    "Nicolas",
    "Céline",
    "Laurent",
    "Sandrine",
    "Olivier",
    "Valérie",
    "Stéphane",
    "Aurélie",
    "Frédéric",
    "Émilie",
    "Sébastien",
    "Karine",
    "Christophe",
];

/// Exchange settings for the demo operator and a small directory (20
/// pupils, their guardians, 5 teachers, 2 staff) for `establishment`.
#[allow(
    clippy::indexing_slicing,
    reason = "the demo's names are taken modulo the constant tables' lengths"
)]
pub(crate) async fn seed_demo_exports(
    scoped: Scoped<'_>,
    vault: &Arc<FileVault>,
    tenant_id: uuid::Uuid,
    establishment: &relais_store::Establishment,
) -> Result<(), ServerError> {
    let sealed = vault
        .seal_secret(
            tenant_id,
            "partner-private-key",
            DEMO_PARTNER_PRIVATE_KEY.trim().as_bytes(),
        )
        .await?;
    scoped
        .exchange()
        .update(
            tenant_id.into(),
            ExchangePatch {
                partner_id: Some("DEMO-ENT-0001".into()),
                partner_name: Some("ENT de démonstration".into()),
                index_education_public_key: Some(DEMO_INDEX_EDUCATION_PUBLIC_KEY.trim().into()),
                partner_key_pair: Some((DEMO_PARTNER_PUBLIC_KEY.trim().into(), sealed)),
                ..ExchangePatch::default()
            },
        )
        .await?;
    let mut accounts = Vec::new();
    for n in 0..20usize {
        let pupil = format!("DEMO-ELV-{n:03}");
        accounts.push(account(
            &pupil,
            LAST_NAMES[n % 10],
            FIRST_NAMES[(n * 3) % 10],
            chrono::NaiveDate::from_ymd_opt(
                2009 + (n % 4) as i32,
                1 + (n % 12) as u32,
                1 + (n % 28) as u32,
            ),
            "ELEVE",
            vec![],
        ));
        accounts.push(account(
            &format!("DEMO-RES-{n:03}"),
            LAST_NAMES[n % 10],
            GUARDIAN_FIRST_NAMES[n % 20],
            None,
            "RESPONSABLE",
            vec![pupil],
        ));
    }
    for n in 0..5usize {
        accounts.push(account(
            &format!("DEMO-ENS-{n:03}"),
            LAST_NAMES[(n + 3) % 10],
            FIRST_NAMES[(n + 5) % 10],
            None,
            "ENSEIGNANT",
            vec![],
        ));
    }
    for n in 0..2usize {
        accounts.push(account(
            &format!("DEMO-PER-{n:03}"),
            LAST_NAMES[(n + 6) % 10],
            FIRST_NAMES[(n + 2) % 10],
            None,
            "PERSONNEL",
            vec![],
        ));
    }
    let users = pronote_side(&accounts);
    scoped
        .directory()
        .import(
            vec![(establishment.id.uuid(), accounts)],
            DirectoryImportMode::Complete,
            false,
        )
        .await?;
    // The same people as PRONOTE lists them (file B), so that the demo can
    // run the rapprochement: names in capitals, one pupil's first and last
    // names swapped, one guardian missing (not a legal representative).
    if let Some((base, _)) = scoped.bases().serving(establishment.id).await? {
        scoped
            .pronote_users()
            .import(&ExportImport {
                base_id: base.id.uuid(),
                scope: &ExportScope::WholeBase,
                users: &users,
                mode: DirectoryImportMode::Complete,
                confirm_link_removal: false,
            })
            .await?;
    }
    Ok(())
}

fn pronote_side(accounts: &[DirectoryAccount]) -> Vec<PronoteUser> {
    accounts
        .iter()
        .enumerate()
        .filter(|(n, a)| !(a.profile == "RESPONSABLE" && *n == 7))
        .filter_map(|(n, a)| {
            let category = EntProfile::parse("profile", &a.profile)
                .ok()?
                .pronote_category();
            let (last, first) = if n == 4 {
                (a.first_name.to_uppercase(), a.last_name.clone())
            } else {
                (a.last_name.to_uppercase(), a.first_name.clone())
            };
            Some(PronoteUser {
                pronote_id: PronoteId::parse("pronoteId", &format!("DEMO{n:012}")).ok()?,
                last_name: last,
                first_name: first,
                birth_date: a.birth_date,
                category,
                cas_id: None,
            })
        })
        .collect()
}

fn account(
    ent_id: &str,
    last_name: &str,
    first_name: &str,
    birth_date: Option<chrono::NaiveDate>,
    profile: &str,
    pupil_ids: Vec<String>,
) -> DirectoryAccount {
    DirectoryAccount {
        ent_id: ent_id.into(),
        last_name: last_name.into(),
        first_name: first_name.into(),
        birth_date,
        profile: profile.into(),
        postal_code: None,
        sex: None,
        civility: None,
        pupil_ids,
    }
}
