//! The document guard: a bounded pre-pass over every GraphQL document,
//! before async-graphql parses or validates it (issue 13).
//!
//! async-graphql's depth and complexity visitors walk each fragment again at
//! each of its spreads, so a 1 KB document of 25 fragments each spreading the
//! next twice cost 2^25 steps of validation. Here the text is scanned once
//! (size, tokens, nesting, top-level definitions), parsed, and measured with
//! each fragment counted once (`expand`); past a limit the request is refused
//! with `VALIDATION` and a stable `reason`, before any other validation runs.
//! What passes is small enough that async-graphql's own passes are linear in
//! it, and the parsed document is handed on so it is not parsed twice.

mod expand;
mod heavy;
mod scan;
mod text;

pub use heavy::{EXPENSIVE_FIELDS, asks_expensive};
pub use text::check_text_values;

use async_graphql::parser::types::ExecutableDocument;
use serde::{Deserialize, Serialize};

use crate::ApiError;
use crate::error::ErrorCode;

/// Limits on one document. Every field is a configuration key under
/// `[graphql]` (docs/operations.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DocumentLimits {
    /// Bytes of the query text (variables are bounded by the body limit).
    pub max_document_bytes: usize,
    /// Tokens of the query text (names, punctuators, strings, numbers).
    pub max_tokens: usize,
    /// Nesting of `{`, `[` and `(`.
    pub max_nesting: usize,
    /// Operations in one document.
    pub max_operations: usize,
    /// Fragment definitions.
    pub max_fragments: usize,
    /// Fragment spreads as written.
    pub max_spreads: u64,
    /// Aliased fields once fragments are expanded.
    pub max_aliases: u64,
    /// Fields, inline fragments, spreads, directives and argument values
    /// once every spread is replaced by its fragment.
    pub max_expanded_nodes: u64,
}

impl Default for DocumentLimits {
    fn default() -> Self {
        Self {
            max_document_bytes: 64 * 1024,
            max_tokens: 10_000,
            max_nesting: 40,
            max_operations: 20,
            max_fragments: 100,
            max_spreads: 500,
            max_aliases: 100,
            max_expanded_nodes: 10_000,
        }
    }
}

/// What the guard measured on a document it let through.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DocumentStats {
    pub bytes: usize,
    pub tokens: usize,
    pub nesting: usize,
    pub operations: usize,
    pub fragments: usize,
    pub spreads: u64,
    pub aliases: u64,
    pub expanded_nodes: u64,
}

/// Checks `query` against `limits`; returns the parsed document when it
/// passes. Parse errors are `VALIDATION` too, with the parser's position.
pub fn check_document(
    query: &str,
    limits: &DocumentLimits,
) -> Result<(ExecutableDocument, DocumentStats), ApiError> {
    if query.len() > limits.max_document_bytes {
        return Err(refusal(
            "DOCUMENT_TOO_LARGE",
            format!(
                "La requête GraphQL fait {} octets ; la limite est de {} octets. Passez les données volumineuses en variables.",
                query.len(),
                limits.max_document_bytes
            ),
        ));
    }
    let scan_limits = scan::ScanLimits {
        tokens: limits.max_tokens,
        nesting: limits.max_nesting,
        fragments: limits.max_fragments,
        operations: limits.max_operations,
    };
    let counts = scan::scan(query, &scan_limits).map_err(|stop| match stop {
        scan::ScanStop::Tokens => refusal(
            "TOO_MANY_TOKENS",
            format!(
                "La requête GraphQL compte plus de {} éléments : découpez-la en plusieurs requêtes.",
                limits.max_tokens
            ),
        ),
        scan::ScanStop::Nesting => refusal(
            "TOO_DEEP",
            format!(
                "La requête GraphQL imbrique plus de {} niveaux d'accolades, de crochets ou de parenthèses.",
                limits.max_nesting
            ),
        ),
        scan::ScanStop::Fragments => refusal(
            "TOO_MANY_FRAGMENTS",
            format!(
                "La requête GraphQL définit plus de {} fragments.",
                limits.max_fragments
            ),
        ),
        scan::ScanStop::Operations => refusal(
            "TOO_MANY_OPERATIONS",
            format!(
                "La requête GraphQL contient plus de {} opérations : envoyez-les séparément.",
                limits.max_operations
            ),
        ),
    })?;
    let document = async_graphql::parser::parse_query(query)
        .map_err(|err| refusal("SYNTAX", format!("Requête GraphQL invalide : {err}")))?;
    let (expanded, spreads) = expand::expand(&document).map_err(|refused| match refused {
        expand::Refusal::Cycle(name) => refusal(
            "FRAGMENT_CYCLE",
            format!(
                "Le fragment « {name} » s'inclut lui-même, directement ou par d'autres fragments."
            ),
        ),
        expand::Refusal::Unused(name) => refusal(
            "UNUSED_FRAGMENT",
            format!("Le fragment « {name} » est défini mais jamais utilisé : retirez-le."),
        ),
    })?;
    if spreads > limits.max_spreads {
        return Err(refusal(
            "TOO_MANY_SPREADS",
            format!(
                "La requête GraphQL utilise {spreads} fois des fragments ; la limite est de {}.",
                limits.max_spreads
            ),
        ));
    }
    if expanded.nodes > limits.max_expanded_nodes {
        return Err(refusal(
            "QUERY_TOO_LARGE",
            format!(
                "Une fois ses fragments développés, la requête GraphQL dépasse {} éléments : demandez moins de champs ou découpez-la.",
                limits.max_expanded_nodes
            ),
        ));
    }
    if expanded.aliases > limits.max_aliases {
        return Err(refusal(
            "TOO_MANY_ALIASES",
            format!(
                "La requête GraphQL utilise plus de {} alias : découpez-la en plusieurs requêtes.",
                limits.max_aliases
            ),
        ));
    }
    Ok((
        document,
        DocumentStats {
            bytes: query.len(),
            tokens: counts.tokens,
            nesting: counts.nesting,
            operations: counts.operations,
            fragments: counts.fragments,
            spreads,
            aliases: expanded.aliases,
            expanded_nodes: expanded.nodes,
        },
    ))
}

fn refusal(reason: &'static str, message: String) -> ApiError {
    ApiError::new(ErrorCode::Validation, message).with_reason(reason)
}

#[cfg(test)]
mod tests {
    use std::time::Instant;

    use super::*;

    fn reason(query: &str) -> &'static str {
        match check_document(query, &DocumentLimits::default()) {
            Ok(_) => "OK",
            Err(err) => err.reason.unwrap_or("NONE"),
        }
    }

    #[test]
    fn ordinary_documents_pass_with_their_figures() {
        let (_, stats) = check_document(
            "query Moi { me { id email tenant { name } } }",
            &DocumentLimits::default(),
        )
        .unwrap();
        assert_eq!(stats.operations, 1);
        assert_eq!(stats.expanded_nodes, 5);
    }

    #[test]
    fn the_introspection_query_of_graphiql_passes() {
        let introspection = include_str!("introspection_test_query.graphql");
        assert_eq!(reason(introspection), "OK");
    }

    #[test]
    fn fragment_chains_are_refused_quickly() {
        for k in [25usize, 30, 99] {
            let text = expand::tests_support::fragment_chain(k);
            let started = Instant::now();
            assert_eq!(reason(&text), "QUERY_TOO_LARGE", "k = {k}");
            // Not a timing assertion of the product: a sanity bound so that
            // an exponential regression shows up as a hang, not a pass.
            assert!(started.elapsed().as_secs() < 5);
        }
        let text = expand::tests_support::fragment_chain(1000);
        assert_eq!(reason(&text), "TOO_MANY_FRAGMENTS");
    }

    #[test]
    fn each_limit_has_its_reason() {
        assert_eq!(
            reason(&format!("{{ me {{ id }} }} # {}", "x".repeat(70_000))),
            "DOCUMENT_TOO_LARGE"
        );
        assert_eq!(
            reason(&format!("{{ {} }}", "a ".repeat(10_001))),
            "TOO_MANY_TOKENS"
        );
        assert_eq!(
            reason(&format!("{}{}", "{a".repeat(41), "}".repeat(41))),
            "TOO_DEEP"
        );
        assert_eq!(
            reason(&"query { me { id } } ".repeat(21)),
            "TOO_MANY_OPERATIONS"
        );
        let aliases: String = (0..101).map(|i| format!("a{i}: me {{ id }} ")).collect();
        assert_eq!(reason(&format!("{{ {aliases} }}")), "TOO_MANY_ALIASES");
        let spreads = "...F ".repeat(501);
        assert_eq!(
            reason(&format!(
                "{{ me {{ {spreads} }} }} fragment F on User {{ id }}"
            )),
            "TOO_MANY_SPREADS"
        );
        assert_eq!(
            reason("{ me { ...A } } fragment A on User { ...A }"),
            "FRAGMENT_CYCLE"
        );
        assert_eq!(
            reason("{ me { id } } fragment A on User { id }"),
            "UNUSED_FRAGMENT"
        );
        assert_eq!(reason("{ me { id "), "SYNTAX");
    }

    #[test]
    fn refusals_speak_french_and_are_validation_errors() {
        let err = check_document(
            "{ me { ...A } } fragment A on User { ...A }",
            &DocumentLimits::default(),
        )
        .unwrap_err();
        assert_eq!(err.code, ErrorCode::Validation);
        assert!(err.message.contains("s'inclut lui-même"), "{}", err.message);
    }
}
