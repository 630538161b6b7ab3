//! Which documents ask for an expensive field (issue 13, tenant isolation).
//!
//! The server runs such documents on a runtime of their own, so that the
//! CPU an export or a 1,000-row page takes never queues the light requests
//! of other tenants behind it on the main runtime's threads. The decision
//! is made on the parsed document before execution: a root field of an
//! operation (directly, or through fragments and inline fragments at the
//! root) named in [`EXPENSIVE_FIELDS`].

use std::collections::HashSet;

use async_graphql::Positioned;
use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};

/// The root fields whose resolver takes an expensive-request permit
/// (`ContextExt::expensive`, `crate::admission`). A test reads the
/// resolvers' sources and fails when one that takes a permit is missing.
pub const EXPENSIVE_FIELDS: &[&str] = &[
    // Queries.
    "basesSummary",
    "casRegistry",
    "dashboard",
    "driftedBases",
    "establishmentsCsv",
    "helpdeskDashboard",
    "matchingRows",
    "matchingSupervision",
    "modelUsage",
    "modelsFeed",
    "rentree",
    "unmatchedEntAccounts",
    // Mutations.
    "applyModelUpdates",
    "dismissModelUpdates",
    "generateAccountMatchingFile",
    "generatePronoteIdentifiersFile",
    "importEntAccounts",
    "importEstablishments",
    "importModels",
    "recordCasRegistryExport",
    "refreshModelFeed",
    "setCasRegistryAttributeMapping",
    "startMatching",
    "testCasSettings",
    "uploadIdentifiersExport",
    "validateModel",
];

/// Whether any operation of `document` asks for an expensive root field.
/// Every operation counts, not only the one that will run: a document the
/// guard let through is small, and erring towards the expensive runtime
/// costs nothing but a thread hop.
pub fn asks_expensive(document: &ExecutableDocument) -> bool {
    let mut seen = HashSet::new();
    document
        .operations
        .iter()
        .any(|(_, operation)| root_asks(document, &operation.node.selection_set, &mut seen))
}

fn root_asks<'a>(
    document: &'a ExecutableDocument,
    set: &'a Positioned<SelectionSet>,
    seen: &mut HashSet<&'a str>,
) -> bool {
    set.node.items.iter().any(|item| match &item.node {
        Selection::Field(field) => EXPENSIVE_FIELDS.contains(&field.node.name.node.as_str()),
        Selection::InlineFragment(inline) => root_asks(document, &inline.node.selection_set, seen),
        Selection::FragmentSpread(spread) => {
            let name = spread.node.fragment_name.node.as_str();
            // Each fragment is looked at once: cycles and repeated spreads
            // cost nothing more.
            seen.insert(name)
                && document
                    .fragments
                    .get(&spread.node.fragment_name.node)
                    .is_some_and(|fragment| root_asks(document, &fragment.node.selection_set, seen))
        }
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn asks(text: &str) -> bool {
        asks_expensive(&async_graphql::parser::parse_query(text).unwrap())
    }

    #[test]
    fn expensive_root_fields_are_found_directly_and_behind_fragments() {
        assert!(asks("{ establishmentsCsv }"));
        assert!(asks("{ me { id } dashboard(first: 10) { rows { uai } } }"));
        assert!(asks("{ ... on Query { basesSummary { bases } } }"));
        assert!(asks(
            "{ ...A } fragment A on Query { ...B } fragment B on Query { rentree { bases } }"
        ));
        assert!(asks("mutation { startMatching(baseId: \"x\") { id } }"));
        assert!(asks("query A { me { id } } query B { modelsFeed }"));
    }

    #[test]
    fn light_documents_and_nested_namesakes_are_not_expensive() {
        assert!(!asks("{ me { id email } }"));
        assert!(!asks(
            "{ establishments(first: 20) { nodes { uai name } } }"
        ));
        // Only root fields count: a nested field of the same name is not
        // the whole-tenant resolver.
        assert!(!asks("{ me { dashboard } }"));
        // A cycle of fragments (refused later by validation) ends here.
        assert!(!asks(
            "{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }"
        ));
    }

    /// Every resolver that takes an expensive permit is in the list; else
    /// it would run on the main runtime and slow the other tenants.
    #[test]
    fn every_resolver_taking_a_permit_is_listed() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut found = Vec::new();
        for folder in ["query", "mutation"] {
            let Ok(entries) = std::fs::read_dir(root.join(folder)) else {
                panic!("the resolvers' folder {folder} is missing");
            };
            for entry in entries.flatten() {
                let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
                let mut resolver = None;
                for line in text.lines() {
                    if let Some(rest) = line.trim_start().split("async fn ").nth(1) {
                        resolver = rest.split(['(', '<']).next().map(camel_case);
                    }
                    if line.contains("ctx.expensive()") {
                        found.push(resolver.clone().unwrap_or_default());
                    }
                }
            }
        }
        assert!(found.len() >= 20, "too few resolvers found: {found:?}");
        for name in found {
            assert!(
                EXPENSIVE_FIELDS.contains(&name.as_str()),
                "{name} takes an expensive permit but is not in EXPENSIVE_FIELDS"
            );
        }
    }

    fn camel_case(snake: &str) -> String {
        let mut out = String::new();
        let mut upper = false;
        for c in snake.chars() {
            if c == '_' {
                upper = true;
            } else if upper {
                out.extend(c.to_uppercase());
                upper = false;
            } else {
                out.push(c);
            }
        }
        out
    }
}
