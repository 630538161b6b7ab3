//! Index-Education's schema of models, and the check of a feed against it.

use async_graphql::SimpleObject;
use chrono::{DateTime, Utc};

/// The operator's copy of Index-Education's `ModelesConfiguration_CAS.xsd`
/// (not public; its content is not shown).
#[derive(SimpleObject)]
#[graphql(name = "ModelsSchema")]
pub(crate) struct ModelsSchemaView {
    pub file_name: String,
    /// SHA-256 of the file, hexadecimal.
    pub sha256: String,
    pub uploaded_at: DateTime<Utc>,
}

impl From<relais_store::ModelSchema> for ModelsSchemaView {
    fn from(row: relais_store::ModelSchema) -> Self {
        Self {
            file_name: row.file_name,
            sha256: row.sha256,
            uploaded_at: row.uploaded_at,
        }
    }
}

/// One error xmllint found, in French.
#[derive(SimpleObject)]
pub(crate) struct SchemaIssueView {
    /// The line in the checked feed.
    pub line: Option<i32>,
    pub message: String,
}

/// A `modelsFeed` export checked against Index-Education's schema.
#[derive(SimpleObject)]
pub(crate) struct ModelsFeedCheck {
    /// The schema used; empty: the operator gave none, nothing was checked.
    pub schema: Option<ModelsSchemaView>,
    pub checked: bool,
    /// Checked and without error.
    pub valid: bool,
    /// Every error, in French with its line.
    pub errors: Vec<SchemaIssueView>,
    /// The checked document, as `modelsFeed` returns it.
    pub feed: String,
}

impl From<relais_app::model_schema_service::FeedCheck> for ModelsFeedCheck {
    fn from(check: relais_app::model_schema_service::FeedCheck) -> Self {
        let checked = check.schema.is_some();
        Self {
            valid: checked && check.issues.is_empty(),
            checked,
            schema: check.schema.map(Into::into),
            errors: check
                .issues
                .into_iter()
                .map(|issue| SchemaIssueView {
                    line: issue.line.map(|l| l as i32),
                    message: issue.message,
                })
                .collect(),
            feed: check.feed,
        }
    }
}
