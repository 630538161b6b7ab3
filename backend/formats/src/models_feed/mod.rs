//! The models feed `relais-models/1`: the XML list of integrators' CAS
//! configuration models (docs/domain.md §3) that Relais downloads, and that operators
//! export to send to Index-Education.
//!
//! Schema: `docs/formats/relais-models-1.xsd`; prose, limits and messages:
//! `docs/formats/models-feed.md`.
//!
//! [`parse`] streams over the bytes with quick-xml (no tree is built) and is
//! bounded ([`Limits`]): size, nesting depth, element count and model count.
//! It refuses any `<!DOCTYPE>` and every entity reference other than the five
//! predefined ones and numeric character references, so no DTD, external
//! entity or entity expansion is ever processed. It follows the schema
//! strictly (unknown, missing, repeated or misplaced elements are refused)
//! and sends every value through the domain parsers, then
//! [`EntModel::check`](relais_domain::models::EntModel::check) and the feed-level name uniqueness: what it returns
//! passes [`ModelFeed::check`]. Errors are in French and say where (line,
//! column, element) and what was expected.
//!
//! [`write()`] gives the canonical, indented form: `parse(write(feed))` gives
//! `feed` back for every feed that passes [`ModelFeed::check`], and equal
//! feeds give equal bytes (hash `write(feed)` to identify a content).
//!
//! The parts: `error` (what is wrong and where), `names` (the schema's
//! element names), `sequence` (the children each element allows, in
//! order), `reader` (events, text, entities, limits), `document` (the root
//! and each `<ENT>`), `values` (clients, URLs, identification modes,
//! profiles), `write` (the canonical form).

mod document;
mod error;
mod names;
mod reader;
mod sequence;
mod values;
mod write;

use relais_domain::models::ModelFeed;

pub use error::{FeedError, Problem};
pub use write::write;

use error::{Result, line_column};
use reader::Parser;

/// The value of the root's `version` attribute.
pub const VERSION: &str = "relais-models/1";
/// The namespace of every element, declared as the default namespace.
pub const NAMESPACE: &str = "urn:relais:models:1";

/// Bounds on what [`parse`] reads, checked as it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest document, in bytes (default 20 MiB).
    pub max_bytes: usize,
    /// Deepest nesting of elements, the root being 1 (default 16; the
    /// schema needs 7).
    pub max_depth: usize,
    /// Most elements in the document, the root included (default 200 000).
    pub max_elements: usize,
    /// Most `<ENT>` models (default 5 000).
    pub max_models: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_bytes: 20 * 1024 * 1024,
            max_depth: 16,
            max_elements: 200_000,
            max_models: 5_000,
        }
    }
}

/// Reads a feed. See the module documentation.
pub fn parse(bytes: &[u8], limits: &Limits) -> Result<ModelFeed> {
    if bytes.len() > limits.max_bytes {
        return Err(FeedError::TooLarge {
            size: bytes.len(),
            max: limits.max_bytes,
        });
    }
    let src = match std::str::from_utf8(bytes) {
        Ok(src) => src,
        Err(error) => {
            // The valid prefix is text: count lines and columns in it.
            let valid = bytes.get(..error.valid_up_to()).unwrap_or_default();
            let prefix = std::str::from_utf8(valid).unwrap_or_default();
            let (line, column) = line_column(prefix, prefix.len());
            return Err(FeedError::At {
                line,
                column,
                element: None,
                path: String::new(),
                problem: Problem::NotUtf8,
            });
        }
    };
    Parser::new(src, limits).document()
}

#[cfg(test)]
mod tests;
