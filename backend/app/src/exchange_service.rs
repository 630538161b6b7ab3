//! The files exchanged with PRONOTE (docs/domain.md §4): building and sealing the
//! account-matching file (A), opening a PRONOTE identifiers export (B).
//! CPU work (RSA, zlib, AES) runs on blocking threads.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::Utc;
use relais_domain::directory::EntAccount;
use relais_domain::export_scope::{UploadTarget, export_scope};
use relais_domain::formatting::sentence;
use relais_domain::{EstablishmentId, Uai};
use relais_formats::index_education::account_matching::{
    AccountMatchingFile, DirectoryEstablishment,
};
use relais_formats::index_education::export_container::{ExportLimits, open_export_container};
use relais_formats::index_education::identifiers_list::parse_identifiers_list;
use relais_formats::index_education::import_chiffre::{ContainerHeader, seal_import_chiffre};
use relais_formats::index_education::{OsRng, parse_private_key_pem, parse_public_key_pem};
use relais_store::{
    DirectoryImportMode, Establishment, ExportImport, ExportImportCounts, FileKind, Scoped,
    StoredFile, links_removal_unconfirmed,
};
use serde_json::json;
use uuid::Uuid;

use crate::AppError;
use crate::file_vault::{FileToStore, FileVault};

/// Purpose under which the partner's private key is sealed.
pub const PARTNER_KEY_PURPOSE: &str = "partner-private-key";

/// The establishments a file for `establishment` covers: all those of its
/// base when a base serves it (a cité scolaire gets one file), keyed by the
/// base's group UAI; otherwise the establishment alone.
async fn group_of(
    scoped: Scoped<'_>,
    establishment: &Establishment,
) -> Result<(String, Option<Uuid>, Vec<Establishment>), AppError> {
    let Some((base, mut members)) = scoped.bases().serving(establishment.id).await? else {
        return Ok((
            establishment.uai.to_string(),
            None,
            vec![establishment.clone()],
        ));
    };
    if members.is_empty() {
        members.push(establishment.clone());
    }
    // A school administrator needs every establishment of the cité.
    for member in &members {
        scoped.establishments().get(member.id).await.map_err(|_| {
            AppError::new(
                crate::ErrorCode::Forbidden,
                format!(
                    "Ce fichier couvre toute la cité scolaire {} : l'établissement {} ne vous est pas attribué. Demandez-le à votre opérateur ENT.",
                    base.group_uai, member.uai
                ),
            )
        })?;
    }
    Ok((
        base.group_uai.as_str().to_owned(),
        Some(base.id.uuid()),
        members,
    ))
}

fn not_configured(what: &str) -> AppError {
    AppError::validation(
        "exchangeSettings",
        format!(
            "{what} n'est pas renseigné(e) dans les paramètres d'échange de l'opérateur : un administrateur de l'opérateur doit le saisir."
        ),
    )
}

/// Builds file (A) for the establishment (or its cité scolaire), seals it
/// for Index-Education and stores it; returns its row.
pub async fn generate_account_matching(
    scoped: Scoped<'_>,
    vault: &Arc<FileVault>,
    establishment_id: EstablishmentId,
) -> Result<StoredFile, AppError> {
    let establishment = scoped.establishments().get(establishment_id).await?;
    let settings = scoped.exchange().get(establishment.tenant_id).await?;
    let partner_id = settings
        .partner_id
        .clone()
        .ok_or_else(|| not_configured("L'identifiant partenaire Index-Education"))?;
    let partner_name = settings
        .partner_name
        .clone()
        .unwrap_or_else(|| partner_id.clone());
    let public_pem = settings
        .index_education_public_key
        .clone()
        .ok_or_else(|| not_configured("La clé publique d'Index-Education"))?;
    let (group_uai, base_id, members) = group_of(scoped, &establishment).await?;
    let ids: Vec<EstablishmentId> = members.iter().map(|m| m.id).collect();
    let rows = scoped.directory().accounts(&ids).await?;
    let uai_of: BTreeMap<EstablishmentId, Uai> =
        members.iter().map(|m| (m.id, m.uai.clone())).collect();
    let accounts = merge_accounts(rows, &uai_of);
    if accounts.is_empty() {
        return Err(AppError::validation(
            "establishmentId",
            format!(
                "Aucun compte ENT n'est importé pour {group_uai} : importez d'abord l'annuaire de l'établissement (importEntAccounts)."
            ),
        ));
    }
    let establishments: Vec<DirectoryEstablishment> = members
        .iter()
        .map(|m| DirectoryEstablishment {
            uai: m.uai.clone(),
            name: m.fields.name.to_string(),
            postal_code: m.fields.postal_code.as_ref().map(|p| p.as_str().to_owned()),
            town: m.fields.commune.as_ref().map(ToString::to_string),
        })
        .collect();
    let summary = population_counts(&accounts, &members);
    let header_uai = group_uai.clone();
    let sealed = tokio::task::spawn_blocking(move || -> Result<Vec<u8>, AppError> {
        let public_key = parse_public_key_pem(&public_pem)
            .map_err(|err| AppError::invalid_file(err.code(), err.to_string()))?;
        let now = Utc::now();
        let file =
            AccountMatchingFile::from_directory(&partner_id, now, &establishments, &accounts)
                .map_err(|err| AppError::invalid_file(err.code(), sentence(&err.to_string())))?;
        let xml = file.write();
        let header = ContainerHeader {
            partner_name,
            description: format!("Rapprochement des comptes ENT — {header_uai}"),
            export_date: now,
            uai: header_uai,
        };
        seal_import_chiffre(&xml, &public_key, &header, &mut OsRng)
            .map_err(|err| AppError::invalid_file(err.code(), sentence(&err.to_string())))
    })
    .await
    .map_err(|_| AppError::internal())??;
    let retention = settings
        .retention_account_matching_days
        .unwrap_or(vault.settings.retention_account_matching_days);
    vault
        .store_bytes(
            scoped,
            FileToStore {
                tenant_id: establishment.tenant_id.uuid(),
                establishment_id: establishment.id.uuid(),
                base_id,
                ticket_id: None,
                kind: FileKind::AccountMatching,
                file_name: format!("{group_uai}.xml"),
                summary,
                retention_days: retention,
            },
            sealed,
        )
        .await
}

/// One ENT account per identifier: an account of several establishments of
/// the cité appears once, with all its UAIs.
fn merge_accounts(
    rows: Vec<relais_store::EntAccount>,
    uai_of: &BTreeMap<EstablishmentId, Uai>,
) -> Vec<EntAccount> {
    let mut merged: BTreeMap<String, EntAccount> = BTreeMap::new();
    for row in rows {
        let uai = uai_of.get(&row.establishment_id).cloned();
        if let Some(existing) = merged.get_mut(&row.ent_id) {
            if let Some(uai) = uai {
                existing.uais.push(uai);
            }
            continue;
        }
        merged.insert(
            row.ent_id.clone(),
            EntAccount {
                ent_id: row.ent_id,
                last_name: row.last_name,
                first_name: row.first_name,
                birth_date: row.birth_date,
                profile: row.profile,
                uais: uai.into_iter().collect(),
                postal_code: row.postal_code,
                sex: row.sex,
                civility: row.civility,
                pupil_ids: row.pupil_ids,
            },
        );
    }
    merged.into_values().collect()
}

/// Counts per population and the UAIs covered: what the file row keeps
/// (never a name).
fn population_counts(accounts: &[EntAccount], members: &[Establishment]) -> serde_json::Value {
    let mut counts: BTreeMap<&'static str, u64> = BTreeMap::new();
    for account in accounts {
        *counts.entry(account.profile.as_str()).or_default() += 1;
    }
    json!({
        "accounts": accounts.len(),
        "byProfile": counts,
        "uais": members.iter().map(|m| m.uai.to_string()).collect::<Vec<_>>(),
    })
}

/// What a received identifiers export contained: counts, never names.
pub struct ReceivedExport {
    pub file: StoredFile,
    pub users: u64,
    /// Users per PRONOTE category (`ELEVE`…).
    pub by_category: BTreeMap<&'static str, u64>,
    /// Users PRONOTE lists without a CAS identifier yet.
    pub without_cas_id: u64,
    /// The base the users now belong to.
    pub base_id: Uuid,
    /// The UAI the export covers: the group UAI for the whole base (a
    /// cité's « Tous les établissements »), a member's otherwise.
    pub export_uai: String,
    /// What the export did to the base's PRONOTE users and links.
    pub imported: ExportImportCounts,
}

/// An identifiers export to receive for an establishment.
pub struct ExportUpload {
    pub establishment_id: EstablishmentId,
    pub container: Vec<u8>,
    pub mode: DirectoryImportMode,
    pub confirm_link_removal: bool,
}

/// Opens an `EXPORT_INDEX_EDUCATION` container with the tenant's partner
/// key, checks it, reads its list, checks that it is the export of the base
/// serving the establishment (docs/domain.md « Fichier B »), stores the
/// decrypted list and imports its users into the base. Any failure stores
/// nothing and removes nothing.
pub async fn receive_identifiers_export(
    scoped: Scoped<'_>,
    vault: &Arc<FileVault>,
    upload: ExportUpload,
) -> Result<ReceivedExport, AppError> {
    let establishment = scoped.establishments().get(upload.establishment_id).await?;
    let (group_uai, base_id, members) = group_of(scoped, &establishment).await?;
    let base_id = base_id.ok_or_else(|| {
        AppError::validation(
            "establishmentId",
            format!(
                "L'établissement {} n'est servi par aucune base PRONOTE dans Relais : les \
                 utilisateurs PRONOTE appartiennent à la base, créez-la d'abord puis déposez \
                 son export des identifiants.",
                establishment.uai
            ),
        )
    })?;
    let settings = scoped.exchange().get(establishment.tenant_id).await?;
    let sealed_key = settings
        .partner_private_key_sealed
        .clone()
        .ok_or_else(|| not_configured("La clé privée du partenaire (bi-clé d'échange)"))?;
    let partner_name = settings
        .partner_name
        .clone()
        .or_else(|| settings.partner_id.clone())
        .ok_or_else(|| not_configured("Le nom du partenaire"))?;
    let private_pem = vault
        .open_secret(
            establishment.tenant_id.uuid(),
            PARTNER_KEY_PURPOSE,
            &sealed_key,
        )
        .await?;
    let private_pem = String::from_utf8(private_pem.to_vec()).map_err(|_| AppError::internal())?;
    let limits = ExportLimits {
        max_inner_bytes: vault.settings.inflate_max_bytes as usize,
        max_container_bytes: vault.settings.upload_max_bytes as usize,
        ..ExportLimits::default()
    };
    let container = upload.container;
    let (opened, users) = tokio::task::spawn_blocking(move || {
        let private_key = parse_private_key_pem(&private_pem).map_err(|_| AppError::internal())?;
        let opened = open_export_container(&container, &partner_name, &private_key, &limits)
            .map_err(|err| AppError::invalid_file(err.code(), sentence(&err.to_string())))?;
        let users = parse_identifiers_list(&opened.inner)
            .map_err(|err| AppError::invalid_file(err.code(), sentence(&err.to_string())))?;
        Ok::<_, AppError>((opened, users))
    })
    .await
    .map_err(|_| AppError::internal())??;
    // Another school's export never reaches the base (issue 14: one sealed
    // for a collège wiped another school's links).
    let member_uais: Vec<&str> = members.iter().map(|m| m.uai.as_str()).collect();
    let scope = export_scope(
        opened.header.uai.as_deref(),
        &UploadTarget {
            group_uai: &group_uai,
            member_uais: &member_uais,
            chosen_uai: establishment.uai.as_str(),
            chosen_name: establishment.fields.name.as_str(),
        },
    )
    .map_err(|err| AppError::invalid_file("EXPORT_WRONG_ESTABLISHMENT", err.to_string()))?;
    let import = ExportImport {
        base_id,
        scope: &scope,
        users: &users,
        mode: upload.mode,
        confirm_link_removal: upload.confirm_link_removal,
    };
    let preview = scoped.pronote_users().preview(&import).await?;
    if preview.links_removed > 0 && !upload.confirm_link_removal {
        let mut refusal: AppError = links_removal_unconfirmed(preview.links_removed).into();
        refusal.count = Some(u64::from(preview.links_removed));
        return Err(refusal);
    }
    let mut by_category: BTreeMap<&'static str, u64> = BTreeMap::new();
    let mut without_cas = 0u64;
    for user in &users {
        *by_category.entry(user.category.as_str()).or_default() += 1;
        if user.cas_id.is_none() {
            without_cas += 1;
        }
    }
    let export_uai = scope.key(&group_uai).to_owned();
    let retention = settings
        .retention_identifiers_export_days
        .unwrap_or(vault.settings.retention_identifiers_export_days);
    let file = vault
        .store_bytes(
            scoped,
            FileToStore {
                tenant_id: establishment.tenant_id.uuid(),
                establishment_id: establishment.id.uuid(),
                base_id: Some(base_id),
                ticket_id: None,
                kind: FileKind::IdentifiersExport,
                file_name: format!("identifiants-pronote-{export_uai}.xml"),
                summary: json!({
                    "users": users.len(),
                    "byCategory": &by_category,
                    "withoutCasId": without_cas,
                    "exportUai": &export_uai,
                }),
                retention_days: retention,
            },
            opened.inner,
        )
        .await?;
    // docs/domain.md §4: a full export (mode complet) replaces the base's PRONOTE
    // users of its scope, an export of new users only (partiel) adds to
    // them.
    let imported = match scoped.pronote_users().import(&import).await {
        Ok(imported) => imported,
        Err(error) => {
            // The list changed since the preview: keep nothing.
            if let Err(cleanup) = vault.delete(scoped, file.id).await {
                tracing::warn!(file = %file.id, error = %cleanup.message, "stored export left behind");
            }
            return Err(error.into());
        }
    };
    Ok(ReceivedExport {
        file,
        users: users.len() as u64,
        by_category,
        without_cas_id: without_cas,
        base_id,
        export_uai,
        imported,
    })
}
