//! « Mises à jour de modèles » (issue 17): the tenant's bases with a model
//! update waiting, flat, for the operator's bulk actions. A page of up to
//! 500 rows is read in a constant number of statements whatever its size
//! (the bases, their establishments, their applied model and pending
//! update, the current models; one more per withdrawn model).

use std::collections::HashMap;

use async_graphql::connection::{Connection, Edge};
use async_graphql::{Context, ID, Object, SimpleObject};
use chrono::{DateTime, Utc};
use relais_store::{BaseFilter, PageRequest};

use crate::ApiError;
use crate::context::ContextExt;
use crate::objects::{PublicationName, parse_id};
use crate::pagination::page_request;

/// Rows per page at most: flat rows, read in a constant number of statements.
const MAX_ROWS: u64 = 500;

/// A base with a model update waiting, as the bulk screen lists it.
#[derive(SimpleObject)]
pub(crate) struct PendingModelUpdateRow {
    pub base_id: ID,
    pub group_uai: String,
    /// The base's version: send it back with `applyModelUpdates`.
    pub version: i32,
    pub publication: PublicationName,
    /// The establishments served, `UAI — name`, by UAI.
    pub establishments: Vec<String>,
    pub model_id: ID,
    pub model_name: String,
    pub from_revision: i32,
    /// Empty: the model was withdrawn from its list.
    pub to_revision: Option<i32>,
    pub withdrawn: bool,
    /// The labels of the fields the update changes.
    pub changes: Vec<String>,
    pub since: DateTime<Utc>,
}

#[derive(Default)]
pub struct ModelUpdatesQuery;

#[Object]
impl ModelUpdatesQuery {
    /// The caller's bases with a model update waiting (of `modelId` only,
    /// when given), up to 500 per page, oldest base first. Operators and
    /// helpdesk see the tenant's, school administrators their own.
    #[graphql(complexity = "crate::cost::dashboard(first.map(|f| f.min(500)), child_complexity)")]
    async fn pending_model_updates(
        &self,
        ctx: &Context<'_>,
        model_id: Option<ID>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, PendingModelUpdateRow>, ApiError> {
        let scoped = ctx.scoped()?;
        let filter = BaseFilter {
            model: model_id
                .as_ref()
                .map(|id| parse_id("modelId", id))
                .transpose()?,
            pending_model_update: Some(true),
            ..BaseFilter::default()
        };
        let request = page_request(first, after)?;
        let request = PageRequest::up_to(
            request.after,
            Some(first.map_or(100, |f| f as u64)),
            MAX_ROWS,
        );
        let had_cursor = request.after.is_some();
        let page = scoped.bases().list(&filter, request).await?;
        let ids: Vec<_> = page.items.iter().map(|b| b.id.uuid()).collect();
        let members = scoped
            .bases()
            .members(&page.items.iter().map(|b| b.id).collect::<Vec<_>>())
            .await?;
        let (_, mut pending) = scoped.models().status_of_bases(&ids).await?;
        let mut models: HashMap<_, _> = scoped
            .models()
            .models(None)
            .await?
            .into_iter()
            .map(|m| (m.id, m.name))
            .collect();
        // Withdrawn models are not in the current list: read each once.
        let withdrawn: std::collections::BTreeSet<_> = pending
            .values()
            .map(|p| p.model_id)
            .filter(|id| !models.contains_key(id))
            .collect();
        for id in withdrawn {
            let row = scoped.models().model(id).await?;
            models.insert(row.id, row.name);
        }
        let mut connection = Connection::new(had_cursor, page.has_next_page);
        for base in page.items {
            // Applied or dismissed between the two statements: not listed.
            let Some(update) = pending.remove(&base.id.uuid()) else {
                continue;
            };
            let changes = update.changes.into_iter().map(|c| c.label).collect();
            connection.edges.push(Edge::new(
                base.id.to_string(),
                PendingModelUpdateRow {
                    base_id: ID(base.id.to_string()),
                    establishments: members
                        .get(&base.id)
                        .map(|rows| rows.iter().map(|e| e.uai_and_name()).collect())
                        .unwrap_or_default(),
                    model_id: ID(update.model_id.to_string()),
                    model_name: models.get(&update.model_id).cloned().unwrap_or_default(),
                    from_revision: update.from_revision,
                    to_revision: update.to_revision,
                    withdrawn: update.to_revision.is_none(),
                    changes,
                    since: update.created_at,
                    group_uai: base.group_uai.as_str().to_owned(),
                    version: base.version,
                    publication: base.publication.into(),
                },
            ));
        }
        Ok(connection)
    }
}
