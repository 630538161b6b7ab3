//! The size of a parsed document once every fragment spread is replaced by
//! its fragment — what async-graphql's depth and complexity visitors walk —
//! computed without expanding anything: each fragment's size is computed
//! once and reused at each of its spreads (memoisation), so a chain of k
//! fragments each spreading the next twice costs k steps, not 2^k.

use std::collections::HashMap;

use async_graphql::parser::types::{
    Directive, ExecutableDocument, FragmentDefinition, Selection, SelectionSet,
};
use async_graphql::{Name, Positioned};
use async_graphql_value::Value;

/// Sizes after expansion, saturating (2^1000 is `u64::MAX`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Expanded {
    /// Fields, inline fragments, spreads, directives and argument values.
    pub nodes: u64,
    /// Fields with an alias.
    pub aliases: u64,
}

impl Expanded {
    fn add(&mut self, other: Expanded) {
        self.nodes = self.nodes.saturating_add(other.nodes);
        self.aliases = self.aliases.saturating_add(other.aliases);
    }
}

/// What the walk found besides the sizes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The fragment spreads itself, directly or through others.
    Cycle(String),
    /// Defined and never spread from an operation.
    Unused(String),
}

/// The expanded size of every operation of `doc`, added up (async-graphql
/// validates them all, whichever is executed), and the spreads as written.
pub fn expand(doc: &ExecutableDocument) -> Result<(Expanded, u64), Refusal> {
    let mut walk = Walk {
        fragments: &doc.fragments,
        memo: HashMap::new(),
        spreads_written: 0,
    };
    let mut total = Expanded::default();
    for (_, operation) in doc.operations.iter() {
        total.add(walk.directives(&operation.node.directives));
        total.add(walk.selection_set(&operation.node.selection_set)?);
    }
    // Fragments the operations never reach are still walked by the
    // validation rules; async-graphql refuses them anyway, so refuse them
    // first, by name.
    let mut unused: Vec<&str> = doc
        .fragments
        .keys()
        .filter(|name| !walk.memo.contains_key(name.as_str()))
        .map(|name| name.as_str())
        .collect();
    unused.sort_unstable();
    if let Some(name) = unused.first() {
        return Err(Refusal::Unused((*name).to_owned()));
    }
    Ok((total, walk.spreads_written))
}

enum State {
    /// On the current path: spreading it again is a cycle.
    Visiting,
    Done(Expanded),
}

struct Walk<'a> {
    fragments: &'a HashMap<Name, Positioned<FragmentDefinition>>,
    memo: HashMap<&'a str, State>,
    spreads_written: u64,
}

impl<'a> Walk<'a> {
    fn selection_set(&mut self, set: &'a Positioned<SelectionSet>) -> Result<Expanded, Refusal> {
        let mut size = Expanded::default();
        for item in &set.node.items {
            size.nodes = size.nodes.saturating_add(1);
            match &item.node {
                Selection::Field(field) => {
                    let field = &field.node;
                    if field.alias.is_some() {
                        size.aliases = size.aliases.saturating_add(1);
                    }
                    for (_, value) in &field.arguments {
                        size.nodes = size.nodes.saturating_add(value_nodes(&value.node));
                    }
                    size.add(self.directives(&field.directives));
                    size.add(self.selection_set(&field.selection_set)?);
                }
                Selection::InlineFragment(inline) => {
                    size.add(self.directives(&inline.node.directives));
                    size.add(self.selection_set(&inline.node.selection_set)?);
                }
                Selection::FragmentSpread(spread) => {
                    self.spreads_written += 1;
                    size.add(self.directives(&spread.node.directives));
                    size.add(self.fragment(spread.node.fragment_name.node.as_str())?);
                }
            }
        }
        Ok(size)
    }

    fn fragment(&mut self, name: &'a str) -> Result<Expanded, Refusal> {
        match self.memo.get(name) {
            Some(State::Done(size)) => return Ok(*size),
            Some(State::Visiting) => return Err(Refusal::Cycle(name.to_owned())),
            None => {}
        }
        // An unknown fragment weighs nothing here; the validation names it.
        let Some((key, definition)) = self.fragments.get_key_value(name) else {
            return Ok(Expanded::default());
        };
        self.memo.insert(key.as_str(), State::Visiting);
        let mut size = self.directives(&definition.node.directives);
        size.add(self.selection_set(&definition.node.selection_set)?);
        self.memo.insert(key.as_str(), State::Done(size));
        Ok(size)
    }

    fn directives(&self, directives: &[Positioned<Directive>]) -> Expanded {
        let mut nodes = 0u64;
        for directive in directives {
            nodes = nodes.saturating_add(1);
            for (_, value) in &directive.node.arguments {
                nodes = nodes.saturating_add(value_nodes(&value.node));
            }
        }
        Expanded { nodes, aliases: 0 }
    }
}

/// Nodes of an argument value: lists and objects count their items. The
/// scan bounded the nesting, so this recursion is shallow.
fn value_nodes(value: &Value) -> u64 {
    match value {
        Value::List(items) => items
            .iter()
            .fold(1u64, |n, item| n.saturating_add(value_nodes(item))),
        Value::Object(fields) => fields
            .values()
            .fold(1u64, |n, item| n.saturating_add(value_nodes(item))),
        _ => 1,
    }
}

#[cfg(test)]
pub(crate) mod tests_support {
    /// `{ me { ...G0 } }`, each fragment spreading the next twice.
    pub(crate) fn fragment_chain(k: usize) -> String {
        let mut text = String::from("{ me { ...G0 } }\n");
        for i in 0..k {
            text.push_str(&format!(
                "fragment G{i} on User {{ ...G{next} ...G{next} }}\n",
                next = i + 1
            ));
        }
        text.push_str(&format!("fragment G{k} on User {{ id }}\n"));
        text
    }
}

#[cfg(test)]
mod tests {
    use super::tests_support::fragment_chain;
    use super::*;
    use async_graphql::parser::parse_query;

    #[test]
    fn a_fragment_chain_is_counted_without_being_expanded() {
        let doc = parse_query(fragment_chain(10)).unwrap();
        let (size, spreads) = expand(&doc).unwrap();
        // me + spread + 2^10 leaves + every spread of the binary tree.
        assert_eq!(size.nodes, 1 + 1 + 1024 + (2048 - 2));
        assert_eq!(spreads, 1 + 20);
        let doc = parse_query(fragment_chain(1000)).unwrap();
        let (size, _) = expand(&doc).unwrap();
        assert_eq!(size.nodes, u64::MAX);
    }

    #[test]
    fn aliases_count_at_each_expansion() {
        let doc = parse_query(
            "{ ...A ...A b: me { id } } fragment A on Query { a1: me { id } a2: me { id } }",
        )
        .unwrap();
        let (size, _) = expand(&doc).unwrap();
        assert_eq!(size.aliases, 5);
    }

    #[test]
    fn a_cycle_is_named() {
        let doc = parse_query(
            "{ me { ...A } } fragment A on User { ...B } fragment B on User { id ...A }",
        )
        .unwrap();
        assert!(matches!(expand(&doc), Err(Refusal::Cycle(name)) if name == "A"));
        let doc =
            parse_query("{ me { ...A } } fragment A on User { id ... on User { ...A } }").unwrap();
        assert!(matches!(expand(&doc), Err(Refusal::Cycle(_))));
    }

    #[test]
    fn an_unused_fragment_is_named() {
        let doc = parse_query("{ me { id } } fragment Z on User { id }").unwrap();
        assert_eq!(expand(&doc), Err(Refusal::Unused("Z".into())));
    }

    #[test]
    fn arguments_and_directives_weigh_at_each_spread() {
        let doc = parse_query(
            "{ ...A ...A } fragment A on Query { me @include(if: true) { id } t: tenants(first: 1) { nodes { id } } }",
        )
        .unwrap();
        let (size, _) = expand(&doc).unwrap();
        // per spread: 1 + A (me 1 + @include 2 + id 1 + tenants 1 + first 1 + nodes 1 + id 1 = 8)
        assert_eq!(size.nodes, 2 * 9);
    }
}
