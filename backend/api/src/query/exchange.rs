use async_graphql::connection::Connection;
use async_graphql::{Context, ID, Object, SimpleObject};
use relais_store::FileFilter;

use crate::ApiError;
use crate::context::ContextExt;
use crate::objects::{ExchangeSettings, FileKindName, StoredFile, parse_id};
use crate::pagination::{connection, page_request};

/// ENT accounts of an establishment, per profile.
#[derive(SimpleObject)]
pub(crate) struct ProfileCount {
    /// `ELEVE`, `RESPONSABLE`, `ENSEIGNANT`, `PERSONNEL`…
    pub profile: String,
    pub accounts: i32,
}

#[derive(Default)]
pub struct ExchangeQuery;

#[Object]
impl ExchangeQuery {
    /// The operator's exchange settings with Index-Education.
    async fn exchange_settings(
        &self,
        ctx: &Context<'_>,
        tenant_id: Option<ID>,
    ) -> Result<ExchangeSettings, ApiError> {
        let tenant = ctx.tenant_or_own(tenant_id)?;
        let row = ctx.scoped()?.exchange().get(tenant.into()).await?;
        let vault = ctx.vault()?;
        Ok(ExchangeSettings {
            row,
            default_account_matching_days: vault.settings.retention_account_matching_days,
            default_identifiers_export_days: vault.settings.retention_identifiers_export_days,
        })
    }

    /// Files kept by Relais, newest first.
    #[graphql(complexity = "crate::cost::page(first, 50, 100, child_complexity)")]
    async fn stored_files(
        &self,
        ctx: &Context<'_>,
        establishment_id: Option<ID>,
        kind: Option<FileKindName>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, StoredFile>, ApiError> {
        let filter = FileFilter {
            establishment_id: establishment_id
                .map(|id| parse_id("establishmentId", &id))
                .transpose()?,
            kind: kind.map(Into::into),
            ticket_id: None,
        };
        let had_cursor = after.is_some();
        let page = ctx
            .scoped()?
            .files()
            .list(&filter, page_request(first, after)?)
            .await?;
        Ok(connection(page, had_cursor, |f| f.id, StoredFile))
    }

    async fn stored_file(&self, ctx: &Context<'_>, id: ID) -> Result<StoredFile, ApiError> {
        let id = parse_id("id", &id)?;
        Ok(StoredFile(ctx.scoped()?.files().get(id).await?))
    }

    /// How many ENT accounts an establishment has, per profile.
    async fn ent_account_counts(
        &self,
        ctx: &Context<'_>,
        establishment_id: ID,
    ) -> Result<Vec<ProfileCount>, ApiError> {
        let id = parse_id("establishmentId", &establishment_id)?;
        Ok(ctx
            .scoped()?
            .directory()
            .counts(id)
            .await?
            .into_iter()
            .map(|(profile, accounts)| ProfileCount {
                profile,
                accounts: accounts as i32,
            })
            .collect())
    }
}
