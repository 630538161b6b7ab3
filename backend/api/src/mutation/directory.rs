//! The ENT directory accounts import (docs/formats/ent-accounts-csv.md):
//! what feeds the account-matching file (docs/domain.md §4, file A).

use std::collections::{BTreeMap, HashMap};

use async_graphql::{Context, Enum, ID, Object, SimpleObject, Upload};
use relais_domain::directory::EntAccount;
use relais_formats::ent_accounts_csv;
use relais_store::{DirectoryAccount, StoreError};
use uuid::Uuid;

use crate::ApiError;
use crate::context::ContextExt;
use crate::objects::parse_id;
use crate::upload::read_upload;

/// docs/domain.md §5: **complet** replaces each establishment's accounts with the
/// file's, **partiel** adds and updates.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(remote = "relais_store::DirectoryImportMode")]
pub(crate) enum DirectoryImportModeName {
    Complete,
    Partial,
}

/// What the import did, or would do, to one establishment.
#[derive(SimpleObject)]
pub(crate) struct EstablishmentAccountsCount {
    pub uai: String,
    pub created: i32,
    pub updated: i32,
    pub unchanged: i32,
    pub removed: i32,
}

/// The report of an ENT accounts import.
#[derive(SimpleObject)]
pub(crate) struct EntAccountsImportReport {
    /// Whether the accounts were written (false for a dry run or when a line
    /// was refused: nothing is written then).
    pub committed: bool,
    /// Accounts read from the file.
    pub accounts: i32,
    pub establishments: Vec<EstablishmentAccountsCount>,
    /// One French message per refused line (`ligne 4, colonne nom : …`).
    pub errors: Vec<String>,
}

#[derive(Default)]
pub struct DirectoryMutation;

#[Object]
impl DirectoryMutation {
    /// Imports ENT accounts (CSV). Accounts are attached to the
    /// establishments of their `uai` column, or to `establishmentId` when the
    /// column is empty. Any refused line refuses the whole file.
    #[graphql(complexity = "crate::cost::IMPORT + child_complexity")]
    async fn import_ent_accounts(
        &self,
        ctx: &Context<'_>,
        file: Upload,
        establishment_id: Option<ID>,
        #[graphql(default_with = "DirectoryImportModeName::Partial")] mode: DirectoryImportModeName,
        #[graphql(default)] dry_run: bool,
    ) -> Result<EntAccountsImportReport, ApiError> {
        ctx.expensive().await?;
        let scoped = ctx.scoped()?;
        let default_establishment = match establishment_id {
            Some(id) => Some(
                scoped
                    .establishments()
                    .get(parse_id("establishmentId", &id)?)
                    .await?,
            ),
            None => None,
        };
        let (_, bytes) = read_upload(ctx, &file)?;
        let parsed = ent_accounts_csv::parse(&bytes).map_err(|err| {
            ApiError::invalid_file("CSV_UNREADABLE", format!("Fichier illisible : {err}."))
        })?;
        let mut errors: Vec<String> = parsed.errors.iter().map(ToString::to_string).collect();

        // Resolve each UAI once, within the caller's reach.
        let mut establishments: HashMap<String, (Uuid, String)> = HashMap::new();
        if let Some(row) = &default_establishment {
            establishments.insert(row.uai.to_string(), (row.id.uuid(), row.uai.to_string()));
        }
        let mut per_establishment: BTreeMap<String, Vec<DirectoryAccount>> = BTreeMap::new();
        if let Some(row) = &default_establishment {
            per_establishment.entry(row.uai.to_string()).or_default();
        }
        for parsed_account in &parsed.accounts {
            let account = &parsed_account.account;
            let mut uais: Vec<String> =
                account.uais.iter().map(|u| u.as_str().to_owned()).collect();
            if uais.is_empty() {
                match &default_establishment {
                    Some(row) => uais.push(row.uai.to_string()),
                    None => {
                        errors.push(format!(
                            "ligne {} : aucun établissement (colonne uai vide) : indiquez l'UAI ou importez depuis la page de l'établissement",
                            parsed_account.line
                        ));
                        continue;
                    }
                }
            }
            for uai in uais {
                if !establishments.contains_key(&uai) {
                    let parsed_uai = relais_domain::Uai::parse_acknowledging_checksum("uai", &uai)?;
                    match scoped.establishments().get_by_uai(&parsed_uai).await {
                        Ok(row) => {
                            establishments
                                .insert(uai.clone(), (row.id.uuid(), row.uai.to_string()));
                        }
                        Err(StoreError::NotFound) => {
                            errors.push(format!(
                                "ligne {} : établissement {uai} inconnu ou hors de votre périmètre",
                                parsed_account.line
                            ));
                            continue;
                        }
                        Err(err) => return Err(err.into()),
                    }
                }
                per_establishment
                    .entry(uai)
                    .or_default()
                    .push(directory_account(account));
            }
        }
        let accounts = parsed.accounts.len() as i32;
        if !errors.is_empty() {
            return Ok(EntAccountsImportReport {
                committed: false,
                accounts,
                establishments: Vec::new(),
                errors,
            });
        }
        let uai_of: HashMap<Uuid, String> = establishments
            .values()
            .map(|(id, uai)| (*id, uai.clone()))
            .collect();
        let batches = per_establishment
            .into_iter()
            .filter_map(|(uai, accounts)| establishments.get(&uai).map(|(id, _)| (*id, accounts)))
            .collect();
        let report = scoped
            .directory()
            .import(batches, mode.into(), dry_run)
            .await?;
        Ok(EntAccountsImportReport {
            committed: !dry_run,
            accounts,
            establishments: report
                .into_iter()
                .map(|(id, counts)| EstablishmentAccountsCount {
                    uai: uai_of.get(&id).cloned().unwrap_or_default(),
                    created: counts.created as i32,
                    updated: counts.updated as i32,
                    unchanged: counts.unchanged as i32,
                    removed: counts.removed as i32,
                })
                .collect(),
            errors,
        })
    }
}

fn directory_account(account: &EntAccount) -> DirectoryAccount {
    DirectoryAccount {
        ent_id: account.ent_id.clone(),
        last_name: account.last_name.clone(),
        first_name: account.first_name.clone(),
        birth_date: account.birth_date,
        profile: account.profile.as_str().to_owned(),
        postal_code: account.postal_code.clone(),
        sex: account.sex.map(|s| s.as_str().to_owned()),
        civility: account.civility.map(|c| c.as_str().to_owned()),
        pupil_ids: account.pupil_ids.clone(),
    }
}
