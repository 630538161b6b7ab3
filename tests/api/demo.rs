//! Issue 14: the demo looks like the field — establishments spread over the
//! communes of each department with their postal codes, no two with one
//! name in a commune, cités scolaires pairing a collège and a lycée of one
//! site and one name; the ENTs' models under their guides' names, the demo
//! operator's recommended settings from its model.

use std::collections::{BTreeMap, BTreeSet};

use relais_server::bootstrap::{DEMO_ACCOUNTS, DEMO_PASSWORD};
use serde_json::{Value, json};

use crate::helpers::*;

async fn all_establishments(app: &TestApp, token: &str) -> Vec<Value> {
    let mut rows = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let page = app
            .graphql(
                Some(token),
                "query($a: String) { establishments(first: 100, after: $a) { nodes { uai name kind commune postalCode base { id } } pageInfo { hasNextPage endCursor } } }",
                json!({ "a": after }),
            )
            .await;
        let connection = &page["data"]["establishments"];
        rows.extend(
            connection["nodes"]
                .as_array()
                .unwrap_or_else(|| panic!("{page}"))
                .iter()
                .cloned(),
        );
        if connection["pageInfo"]["hasNextPage"] != true {
            return rows;
        }
        after = connection["pageInfo"]["endCursor"]
            .as_str()
            .map(str::to_owned);
    }
}

#[tokio::test]
async fn the_demo_looks_like_the_field() {
    let app = spawn_app_with_options(
        Backend::Sqlite,
        relais_server::BuildOptions {
            demo: true,
            ..Default::default()
        },
        |_| {},
    )
    .await;
    let operator = DEMO_ACCOUNTS
        .iter()
        .find(|(_, _, role)| *role == relais_domain::Role::OperatorAdmin)
        .unwrap()
        .0;
    let token = app.token(operator, DEMO_PASSWORD).await;
    let rows = all_establishments(&app, &token).await;
    assert_eq!(rows.len(), 300);

    let text = |row: &Value, field: &str| row[field].as_str().unwrap_or("").to_owned();
    let mut communes: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut postal_codes: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut names = BTreeSet::new();
    for row in &rows {
        let (uai, commune, postal_code) = (
            text(row, "uai"),
            text(row, "commune"),
            text(row, "postalCode"),
        );
        // The postal code is the department's (UAI 0DD…).
        assert_eq!(&postal_code[..2], &uai[1..3], "{row}");
        assert_eq!(postal_code.len(), 5, "{row}");
        communes
            .entry(uai[..3].to_owned())
            .or_default()
            .insert(commune.clone());
        postal_codes
            .entry(commune.clone())
            .or_default()
            .insert(postal_code);
        assert!(
            names.insert((commune, text(row, "name"))),
            "two establishments named alike in one commune: {row}"
        );
    }
    for (department, set) in &communes {
        assert!(set.len() >= 6, "{department}: {set:?}");
    }
    for (commune, codes) in &postal_codes {
        assert_eq!(codes.len(), 1, "{commune}: {codes:?}");
    }
    assert!(postal_codes["Bourges"].contains("18000"));
    assert!(postal_codes["Joué-lès-Tours"].contains("37300"));

    // Each cité scolaire: a collège and a lycée of one site and one name.
    let mut by_base: BTreeMap<String, Vec<&Value>> = BTreeMap::new();
    for row in &rows {
        if let Some(base) = row["base"]["id"].as_str() {
            by_base.entry(base.to_owned()).or_default().push(row);
        }
    }
    let cites: Vec<&Vec<&Value>> = by_base.values().filter(|m| m.len() > 1).collect();
    assert_eq!(cites.len(), 6);
    for members in cites {
        let kinds: BTreeSet<String> = members.iter().map(|m| text(m, "kind")).collect();
        assert_eq!(
            kinds,
            BTreeSet::from(["COLLEGE".to_owned(), "LYCEE".to_owned()]),
            "{members:?}"
        );
        let sites: BTreeSet<(String, String)> = members
            .iter()
            .map(|m| (text(m, "commune"), text(m, "postalCode")))
            .collect();
        assert_eq!(sites.len(), 1, "{members:?}");
        let stems: BTreeSet<String> = members
            .iter()
            .map(|m| {
                let name = text(m, "name");
                name.split_once(' ')
                    .map(|(_, stem)| stem.to_owned())
                    .unwrap_or(name)
            })
            .collect();
        assert_eq!(stems.len(), 1, "{members:?}");
    }

    // The ENTs' models under their guides' names, the operator's default
    // model among them.
    let models = app
        .graphql(
            Some(&token),
            "{ models { name } me { tenant { defaultModel { name } } } }",
            json!({}),
        )
        .await;
    let listed: Vec<&str> = models["data"]["models"]
        .as_array()
        .unwrap_or_else(|| panic!("{models}"))
        .iter()
        .filter_map(|m| m["name"].as_str())
        .collect();
    for name in [
        "NetO'Centre (Région Centre : Mode avec alimentation)",
        "E-lyco (ENT des Pays de la Loire)",
        "Mon Bureau Numérique (Région Grand Est)",
    ] {
        assert!(listed.contains(&name), "{name}: {listed:?}");
    }
    assert_eq!(
        models["data"]["me"]["tenant"]["defaultModel"]["name"],
        "NetO'Centre (Région Centre : Mode avec alimentation)"
    );
}
