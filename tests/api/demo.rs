//! Issue 14: the demo looks like the field — establishments spread over the
//! communes of each department with their postal codes, no two with one
//! name in a commune, cités scolaires pairing a collège and a lycée of one
//! site and one name; the ENTs' models under their guides' names, the demo
//! operator's recommended settings from its model.

use std::collections::{BTreeMap, BTreeSet};

use relais_server::bootstrap::{DEMO_ACCOUNTS, DEMO_PASSWORD};

use crate::helpers::*;
use crate::typed::demo_establishments_page::{
    DemoEstablishmentsPageEstablishmentsNodes as Row, EstablishmentKind,
};
use crate::typed::{
    DemoEstablishmentsPage, DemoModelsAndDefault, demo_establishments_page, demo_models_and_default,
};

async fn all_establishments(app: &TestApp, token: &str) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let connection = app
            .run_ok::<DemoEstablishmentsPage>(
                Some(token),
                demo_establishments_page::Variables { after },
            )
            .await
            .establishments;
        rows.extend(connection.nodes);
        if !connection.page_info.has_next_page {
            return rows;
        }
        after = connection.page_info.end_cursor;
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

    let text = |field: &Option<String>| field.clone().unwrap_or_default();
    let mut communes: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut postal_codes: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut names = BTreeSet::new();
    for row in &rows {
        let (uai, commune, postal_code) =
            (row.uai.clone(), text(&row.commune), text(&row.postal_code));
        // The postal code is the department's (UAI 0DD…).
        assert_eq!(&postal_code[..2], &uai[1..3], "{row:?}");
        assert_eq!(postal_code.len(), 5, "{row:?}");
        communes
            .entry(uai[..3].to_owned())
            .or_default()
            .insert(commune.clone());
        postal_codes
            .entry(commune.clone())
            .or_default()
            .insert(postal_code);
        assert!(
            names.insert((commune, row.name.clone())),
            "two establishments named alike in one commune: {row:?}"
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
    let mut by_base: BTreeMap<String, Vec<&Row>> = BTreeMap::new();
    for row in &rows {
        if let Some(base) = &row.base {
            by_base.entry(base.id.clone()).or_default().push(row);
        }
    }
    let cites: Vec<&Vec<&Row>> = by_base.values().filter(|m| m.len() > 1).collect();
    assert_eq!(cites.len(), 6);
    for members in cites {
        // A collège and a lycée, nothing else.
        let site_kinds = [EstablishmentKind::COLLEGE, EstablishmentKind::LYCEE];
        let kinds: Vec<EstablishmentKind> = members.iter().map(|m| m.kind.clone()).collect();
        assert!(
            kinds.iter().all(|kind| site_kinds.contains(kind)),
            "{members:?}"
        );
        assert!(
            site_kinds.iter().all(|kind| kinds.contains(kind)),
            "{members:?}"
        );
        let sites: BTreeSet<(String, String)> = members
            .iter()
            .map(|m| (text(&m.commune), text(&m.postal_code)))
            .collect();
        assert_eq!(sites.len(), 1, "{members:?}");
        let stems: BTreeSet<String> = members
            .iter()
            .map(|m| {
                let name = m.name.clone();
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
        .run_ok::<DemoModelsAndDefault>(Some(&token), demo_models_and_default::Variables)
        .await;
    let listed: Vec<&str> = models.models.iter().map(|m| m.name.as_str()).collect();
    for name in [
        "NetO'Centre (Région Centre : Mode avec alimentation)",
        "E-lyco (ENT des Pays de la Loire)",
        "Mon Bureau Numérique (Région Grand Est)",
    ] {
        assert!(listed.contains(&name), "{name}: {listed:?}");
    }
    let default_model = models
        .me
        .tenant
        .and_then(|tenant| tenant.default_model)
        .map(|model| model.name);
    assert_eq!(
        default_model.as_deref(),
        Some("NetO'Centre (Région Centre : Mode avec alimentation)")
    );
}
