//! Control characters in text values (issue 13, item 7).
//!
//! NUL, ESC, BEL and the other control characters have no place in any text
//! Relais stores or shows: SQLite stored them, PostgreSQL's text type
//! refused NUL with an internal error. Every string of a request — in its
//! variables and in the document's own argument values — is checked here,
//! once, before execution: the first one holding a control character (tab,
//! line feed and carriage return excepted, see
//! `relais_domain::control_character`) refuses the request with
//! `VALIDATION` naming its field. The domain's parsers refuse them too, and
//! the CSV readers refuse the line (with its number).

use std::borrow::Cow;

use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};
use async_graphql::{Name, Value as ConstValue, Variables};

use crate::ApiError;

/// The first string of `variables` or of `document`'s arguments holding a
/// control character, as a `VALIDATION` error naming its field.
pub fn check_text_values(
    document: &ExecutableDocument,
    variables: &Variables,
) -> Result<(), ApiError> {
    for (name, value) in variables.iter() {
        check_const(name.as_str(), value)?;
    }
    for (_, operation) in document.operations.iter() {
        for definition in &operation.node.variable_definitions {
            if let Some(default) = &definition.node.default_value {
                check_const(definition.node.name.node.as_str(), &default.node)?;
            }
        }
        check_selections(&operation.node.selection_set.node)?;
    }
    for fragment in document.fragments.values() {
        check_selections(&fragment.node.selection_set.node)?;
    }
    Ok(())
}

fn check_selections(set: &SelectionSet) -> Result<(), ApiError> {
    for item in &set.items {
        match &item.node {
            Selection::Field(field) => {
                for (name, value) in &field.node.arguments {
                    // The document's own values, as JSON (the parser's value
                    // type is not exported; a variable shows as its name).
                    let json = serde_json::to_value(&value.node).unwrap_or_default();
                    check_value(name.node.as_str(), &json)?;
                }
                check_selections(&field.node.selection_set.node)?;
            }
            Selection::InlineFragment(inline) => {
                check_selections(&inline.node.selection_set.node)?;
            }
            Selection::FragmentSpread(_) => {}
        }
    }
    Ok(())
}

fn check_value(field: &str, value: &serde_json::Value) -> Result<(), ApiError> {
    match value {
        serde_json::Value::String(text) => check_string(field, text),
        serde_json::Value::Array(items) => {
            items.iter().try_for_each(|item| check_value(field, item))
        }
        serde_json::Value::Object(fields) => fields
            .iter()
            .try_for_each(|(name, item)| check_value(name.as_str(), item)),
        _ => Ok(()),
    }
}

fn check_const(field: &str, value: &ConstValue) -> Result<(), ApiError> {
    match value {
        ConstValue::String(text) => check_string(field, text),
        ConstValue::List(items) => items.iter().try_for_each(|item| check_const(field, item)),
        ConstValue::Object(fields) => fields
            .iter()
            .try_for_each(|(name, item): (&Name, &ConstValue)| check_const(name.as_str(), item)),
        _ => Ok(()),
    }
}

fn check_string(field: &str, text: &str) -> Result<(), ApiError> {
    match relais_domain::refuse_control("value", text) {
        Ok(()) => Ok(()),
        Err(error) => Err(ApiError::from(error)
            .about_field(Cow::Owned(short(field)))
            .with_reason("CONTROL_CHARACTER")),
    }
}

/// A field name as sent (a variable's key may be anything): at most 64
/// characters, themselves without control characters.
fn short(field: &str) -> String {
    field.chars().filter(|c| !c.is_control()).take(64).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(query: &str, variables: serde_json::Value) -> Result<(), ApiError> {
        let document = async_graphql::parser::parse_query(query).unwrap();
        check_text_values(&document, &Variables::from_json(variables))
    }

    #[test]
    fn a_control_character_anywhere_is_refused_naming_its_field() {
        let error = check(
            "mutation($i: CreateUserInput!) { createUser(input: $i) { id } }",
            serde_json::json!({ "i": { "email": "a@b.fr", "displayName": "Bob\u{1b}[31m" } }),
        )
        .unwrap_err();
        assert_eq!(error.field.as_deref(), Some("displayName"));
        assert_eq!(error.reason, Some("CONTROL_CHARACTER"));
        assert!(error.message.contains("U+001B"), "{}", error.message);

        let error = check(
            "mutation { createTenant(input: { slug: \"x\", name: \"A\\u0000B\" }) { id } }",
            serde_json::json!({}),
        )
        .unwrap_err();
        assert_eq!(error.field.as_deref(), Some("name"));
        let error = check(
            "query($q: String) { establishments(filter: { search: $q }) { nodes { id } } }",
            serde_json::json!({ "q": "bip\u{7}" }),
        )
        .unwrap_err();
        assert_eq!(error.field.as_deref(), Some("q"));
    }

    #[test]
    fn multi_line_text_passes() {
        assert!(
            check(
                "mutation($d: String!) { x(description: $d) }",
                serde_json::json!({ "d": "Ligne 1\r\nLigne 2\tfin" }),
            )
            .is_ok()
        );
    }
}
