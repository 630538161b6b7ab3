//! Running the rapprochement engine (`relais-matching`, docs/domain.md §5) over a
//! base: the ENT accounts and PRONOTE users of the establishments it
//! serves, without those already linked when existing links are kept. The
//! engine's links and reviews become a run's proposals, validated by a
//! person population by population.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::str::FromStr;

use relais_domain::directory::{EntProfile, PronoteCategory};
use relais_formats::pronote_identifiers_csv::{self, IdentifierLine};
use relais_matching::{Population, Record, ReviewReason, Side};
use relais_store::{
    Decision, ExistingLinks, MatchingAccount, MatchingInputs, MatchingRun, MatchingStep,
    MatchingUser, NewProposal, NewRun, ProposalCandidate, Scoped,
};
use uuid::Uuid;

use crate::AppError;

/// The engine's population of a PRONOTE category.
pub fn population_of(category: PronoteCategory) -> Population {
    match category {
        PronoteCategory::Eleve => Population::Eleves,
        PronoteCategory::Responsable => Population::Parents,
        PronoteCategory::Professeur => Population::Professeurs,
        PronoteCategory::Personnel => Population::Personnels,
        PronoteCategory::Inspecteur => Population::Inspecteurs,
        PronoteCategory::MaitreDeStage => Population::MaitresDeStage,
    }
}

/// The PRONOTE category an ENT account is matched in.
pub fn category_of_account(row: &MatchingAccount) -> Option<PronoteCategory> {
    EntProfile::from_str(&row.profile)
        .ok()
        .map(EntProfile::pronote_category)
}

/// Runs the engine over the base and stores its proposals as a run;
/// returns the run with its steps.
pub async fn start_matching(
    scoped: Scoped<'_>,
    base_id: Uuid,
    existing: ExistingLinks,
) -> Result<(MatchingRun, Vec<MatchingStep>), AppError> {
    let inputs = scoped.matching().inputs(base_id).await?;
    if inputs.ent_accounts.is_empty() || inputs.pronote_users.is_empty() {
        return Err(AppError::validation(
            "baseId",
            "Rien à rapprocher : importez d'abord les comptes ENT et l'export des identifiants \
             PRONOTE des établissements de cette base.",
        ));
    }
    let new_run = tokio::task::spawn_blocking(move || propose(&inputs, existing))
        .await
        .map_err(|_| AppError::internal())?;
    if new_run.populations.is_empty() {
        return Err(AppError::validation(
            "baseId",
            "Tous les utilisateurs sont déjà rapprochés : rien à proposer.",
        ));
    }
    Ok(scoped.matching().create_run(new_run).await?)
}

/// The engine's proposals for a base (pure: no I/O).
#[allow(
    clippy::indexing_slicing,
    reason = "the engine answers indices into the record slices it was given, built here from `accounts` and `users`"
)]
pub fn propose(inputs: &MatchingInputs, existing: ExistingLinks) -> NewRun {
    let keep = existing == ExistingLinks::Keep;
    let linked_pronote: HashSet<&str> =
        inputs.links.iter().map(|l| l.pronote_id.as_str()).collect();
    let linked_ent: HashSet<(PronoteCategory, &str)> = inputs
        .links
        .iter()
        .map(|l| (l.population, l.ent_id.as_str()))
        .collect();
    let accounts: Vec<(&MatchingAccount, PronoteCategory)> = inputs
        .ent_accounts
        .iter()
        .filter_map(|row| category_of_account(row).map(|c| (row, c)))
        .filter(|(row, c)| !keep || !linked_ent.contains(&(*c, row.ent_id.as_str())))
        .collect();
    let users: Vec<(&MatchingUser, PronoteCategory)> = inputs
        .pronote_users
        .iter()
        .map(|row| (row, row.category))
        .filter(|(row, _)| !keep || !linked_pronote.contains(row.pronote_id.as_str()))
        .collect();

    // A guardian's pupils, and a pupil's guardians, as indices on the ENT
    // side: evidence for the engine.
    let pupil_index: HashMap<&str, u32> = accounts
        .iter()
        .enumerate()
        .filter(|(_, (_, c))| *c == PronoteCategory::Eleve)
        .map(|(i, (row, _))| (row.ent_id.as_str(), i as u32))
        .collect();
    let mut related: Vec<Vec<u32>> = vec![Vec::new(); accounts.len()];
    for (i, (row, category)) in accounts.iter().enumerate() {
        if *category != PronoteCategory::Responsable {
            continue;
        }
        for pupil in row.pupil_ids() {
            if let Some(&p) = pupil_index.get(pupil) {
                related[i].push(p);
                related[p as usize].push(i as u32);
            }
        }
    }
    let ent_records: Vec<Record<'_>> = accounts
        .iter()
        .zip(&related)
        .map(|((row, category), related)| Record {
            id: &row.ent_id,
            scope: 0,
            population: population_of(*category),
            last_name: &row.last_name,
            first_name: &row.first_name,
            birth_date: row.birth_date,
            related,
            // Not read: the engine uses a known sex only where the
            // family settles a guardian, and PRONOTE's identifiers export
            // gives no family (its records relate to nothing below), so
            // through the API a guardian without birth date is at most
            // reviewed whatever its civility (checked: a grand-father `M.`
            // against the father, the case of docs/domain.md « Fifth pass »).
            sex: None,
        })
        .collect();
    let pronote_records: Vec<Record<'_>> = users
        .iter()
        .map(|(row, category)| Record {
            id: &row.pronote_id,
            scope: 0,
            population: population_of(*category),
            last_name: &row.last_name,
            first_name: &row.first_name,
            birth_date: row.birth_date,
            related: &[],
            // PRONOTE's identifiers export gives no civility nor sex.
            sex: None,
        })
        .collect();
    let outcome = relais_matching::match_records(
        &ent_records,
        &pronote_records,
        &relais_matching::Options::default(),
    );

    let mut proposals = Vec::new();
    let mut decided: HashSet<u32> = HashSet::new();
    for link in &outcome.links {
        let (account, category) = accounts[link.ent as usize];
        decided.insert(link.ent);
        proposals.push(NewProposal {
            population: category,
            ent_id: account.ent_id.clone(),
            pronote_id: Some(users[link.pronote as usize].0.pronote_id.clone()),
            decision: Decision::Auto,
            reason: None,
            score: Some(f64::from(link.score)),
            candidates: Vec::new(),
        });
    }
    // A review without any candidate leaves nothing to choose: the account
    // simply stays to link (« Utilisateurs CAS à rapprocher »).
    for review in outcome.reviews.iter().filter(|r| !r.candidates.is_empty()) {
        let (account, category) = accounts[review.ent as usize];
        decided.insert(review.ent);
        let candidates: Vec<ProposalCandidate> = review
            .candidates
            .iter()
            .map(|c| ProposalCandidate {
                pronote_id: users[c.pronote as usize].0.pronote_id.clone(),
                score: f64::from(c.score),
            })
            .collect();
        proposals.push(NewProposal {
            population: category,
            ent_id: account.ent_id.clone(),
            pronote_id: None,
            decision: Decision::Review,
            reason: Some(reason_name(review.reason)),
            score: review.candidates.first().map(|c| f64::from(c.score)),
            candidates,
        });
    }
    for duplicate in outcome.duplicates.iter().filter(|d| d.side == Side::Ent) {
        for &ent in &duplicate.records {
            if !decided.insert(ent) {
                continue;
            }
            let (account, category) = accounts[ent as usize];
            proposals.push(NewProposal {
                population: category,
                ent_id: account.ent_id.clone(),
                pronote_id: None,
                decision: Decision::Duplicate,
                reason: Some("DUPLICATE"),
                score: None,
                candidates: Vec::new(),
            });
        }
    }
    let with_proposals: BTreeSet<PronoteCategory> =
        proposals.iter().map(|p| p.population).collect();
    NewRun {
        base_id: inputs.base.id.uuid(),
        existing_links: existing,
        populations: PronoteCategory::ALL
            .into_iter()
            .filter(|p| with_proposals.contains(p))
            .collect(),
        proposals,
    }
}

fn reason_name(reason: ReviewReason) -> &'static str {
    match reason {
        ReviewReason::Homonym => "HOMONYM",
        ReviewReason::NearTie => "NEAR_TIE",
        ReviewReason::LowScore => "LOW_SCORE",
        ReviewReason::Duplicate => "DUPLICATE",
    }
}

/// Per population: PRONOTE users, ENT accounts, links, ENT accounts left to
/// link (docs/domain.md §5's supervision table).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PopulationCounts {
    pub pronote_users: u32,
    pub ent_accounts: u32,
    pub linked: u32,
    pub ent_to_link: u32,
}

pub fn supervision(inputs: &MatchingInputs) -> Vec<(PronoteCategory, PopulationCounts)> {
    let linked_ent: HashSet<(PronoteCategory, &str)> = inputs
        .links
        .iter()
        .map(|l| (l.population, l.ent_id.as_str()))
        .collect();
    PronoteCategory::ALL
        .into_iter()
        .map(|category| {
            let mut counts = PopulationCounts {
                pronote_users: inputs
                    .pronote_users
                    .iter()
                    .filter(|u| u.category == category)
                    .count() as u32,
                linked: inputs
                    .links
                    .iter()
                    .filter(|l| l.population == category)
                    .count() as u32,
                ..PopulationCounts::default()
            };
            for account in &inputs.ent_accounts {
                if category_of_account(account) == Some(category) {
                    counts.ent_accounts += 1;
                    if !linked_ent.contains(&(category, account.ent_id.as_str())) {
                        counts.ent_to_link += 1;
                    }
                }
            }
            (category, counts)
        })
        .collect()
}

/// The CSV the ENT loads to fill its `idPronote` attribute (docs/domain.md §2, mode
/// « avec l'identifiant PRONOTE »): one line per link of the base.
pub fn pronote_identifiers_csv(inputs: &MatchingInputs) -> (Vec<u8>, usize) {
    let lines: Vec<IdentifierLine<'_>> = inputs
        .links
        .iter()
        .map(|link| IdentifierLine {
            ent_id: &link.ent_id,
            pronote_id: &link.pronote_id,
            population: link.population.as_str(),
        })
        .collect();
    let count = lines.len();
    (pronote_identifiers_csv::write(lines), count)
}
