//! The operator's « Utilisateurs » and « Journal d'audit » screens (issue
//! 17): the journal filtered by person, action, object and date on the
//! server, each entry with the base its object belongs to, and the
//! establishments granted to a school administrator.

use serde_json::{Value, json};

use crate::helpers::*;
use crate::use_cases::{NewBase, NewEstablishment};

const JOURNAL: &str = "query($f: AuditFilterInput, $first: Int, $t: ID) { auditEvents(filter: $f, first: $first, tenantId: $t) { pageInfo { hasNextPage } nodes { action actionLabel actorEmail targetType targetId baseId summary } } }";

/// The journal's entries for `filter`, or the raw answer when it failed.
async fn journal(app: &TestApp, token: &str, filter: Value) -> Result<Vec<Value>, Value> {
    let answer = app
        .graphql(Some(token), JOURNAL, json!({ "f": filter, "first": 100 }))
        .await;
    match answer["data"]["auditEvents"]["nodes"].as_array() {
        Some(nodes) => Ok(nodes.clone()),
        None => Err(answer),
    }
}

fn actions(entries: &[Value]) -> Vec<&str> {
    entries
        .iter()
        .filter_map(|e| e["action"].as_str())
        .collect()
}

/// Alpha's lycée served by a base, and a ticket opened on it; their ids.
struct Objects {
    establishment: String,
    base: String,
    ticket: String,
}

async fn objects(app: &TestApp, alpha: &TenantFixture) -> Objects {
    let school = app
        .school_with_base(
            alpha,
            NewEstablishment::lycee("0410017W", "Lycée Augustin Thierry"),
        )
        .await;
    let (establishment, base) = (school.establishment, school.base);
    let opened = app
        .graphql(
            Some(&alpha.school),
            "mutation($i: OpenTicketInput!) { openTicket(input: $i) { id } }",
            json!({ "i": { "establishmentId": establishment, "category": "CAS_CONFIGURATION",
                    "title": "Échec de l'authentification", "description": "Les élèves ne se connectent plus." } }),
        )
        .await;
    let ticket = opened["data"]["openTicket"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{opened}"))
        .to_owned();
    Objects {
        establishment,
        base,
        ticket,
    }
}

async fn the_journal_filters_by_person_action_object_and_date(backend: Backend) {
    // Arrange: alpha's operator creates an account and asks for its
    // password reset; alpha's lycée, base and ticket; beta's own account.
    let app = spawn_app(backend).await;
    let [alpha, beta] = app.two_tenants().await;
    let created = app
        .create_user(&alpha.operator, "jeanne@alpha.test", "HELPDESK", None)
        .await;
    let jeanne = created["data"]["createUser"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let reset = app
        .graphql(
            Some(&alpha.operator),
            "mutation($u: ID!) { requestPasswordReset(userId: $u) }",
            json!({ "u": jeanne }),
        )
        .await;
    assert_eq!(reset["data"]["requestPasswordReset"], true, "{reset}");
    let o = objects(&app, &alpha).await;
    let foreign = app
        .create_user(&beta.operator, "paul@beta.test", "HELPDESK", None)
        .await;
    let paul = foreign["data"]["createUser"]["id"]
        .as_str()
        .unwrap()
        .to_owned();

    // By object: what happened to Jeanne's account, newest first.
    let about_jeanne = journal(
        &app,
        &alpha.operator,
        json!({ "targetType": "USER", "targetId": jeanne }),
    )
    .await
    .unwrap();
    assert_eq!(
        actions(&about_jeanne),
        ["PASSWORD_RESET_REQUESTED", "USER_CREATED"],
        "{about_jeanne:?}"
    );
    assert_eq!(about_jeanne[1]["actionLabel"], "Compte créé");

    // By action and person.
    let created_by_operator = journal(
        &app,
        &alpha.operator,
        json!({ "action": "USER_CREATED", "actorEmail": " OPERATOR_ADMIN@alpha.test " }),
    )
    .await
    .unwrap();
    assert_eq!(actions(&created_by_operator), ["USER_CREATED"]);
    assert_eq!(created_by_operator[0]["targetId"], jeanne.as_str());
    let by_school = journal(
        &app,
        &alpha.operator,
        json!({ "actorUserId": alpha.school_id }),
    )
    .await
    .unwrap();
    assert!(
        actions(&by_school)
            .iter()
            .all(|a| *a == "TICKET_OPENED" || a.starts_with("LOGIN")),
        "{by_school:?}"
    );
    assert!(actions(&by_school).contains(&"TICKET_OPENED"));

    // Each entry knows the base its object is, is about or is served by;
    // writers' spellings of the object's type are one (`ticket` → TICKET).
    let ticket = journal(
        &app,
        &alpha.operator,
        json!({ "targetType": "TICKET", "targetId": o.ticket }),
    )
    .await
    .unwrap();
    assert_eq!(actions(&ticket), ["TICKET_OPENED"]);
    assert_eq!(ticket[0]["targetType"], "TICKET");
    assert_eq!(ticket[0]["baseId"], o.base.as_str());
    let establishment = journal(
        &app,
        &alpha.operator,
        json!({ "targetType": "ESTABLISHMENT", "targetId": o.establishment, "action": "ESTABLISHMENT_CREATED" }),
    )
    .await
    .unwrap();
    assert_eq!(establishment.len(), 1, "{establishment:?}");
    assert_eq!(establishment[0]["baseId"], o.base.as_str());
    let base = journal(&app, &alpha.operator, json!({ "action": "BASE_CREATED" }))
        .await
        .unwrap();
    assert_eq!(base[0]["baseId"], o.base.as_str());
    assert!(about_jeanne.iter().all(|e| e["baseId"].is_null()));

    // By date: nothing after tomorrow, everything since yesterday.
    let now = chrono::Utc::now();
    let later = journal(
        &app,
        &alpha.operator,
        json!({ "since": (now + chrono::Duration::days(1)).to_rfc3339() }),
    )
    .await
    .unwrap();
    assert!(later.is_empty(), "{later:?}");
    let window = journal(
        &app,
        &alpha.operator,
        json!({ "since": (now - chrono::Duration::days(1)).to_rfc3339(), "until": (now + chrono::Duration::minutes(5)).to_rfc3339(), "action": "USER_CREATED" }),
    )
    .await
    .unwrap();
    // Alpha's three accounts of the fixture, and Jeanne.
    assert_eq!(actions(&window), ["USER_CREATED"; 4]);
    let before = journal(
        &app,
        &alpha.operator,
        json!({ "until": (now - chrono::Duration::days(1)).to_rfc3339() }),
    )
    .await
    .unwrap();
    assert!(before.is_empty(), "{before:?}");

    // Another tenant's entries are not found, whatever the filter.
    let about_paul = journal(
        &app,
        &alpha.operator,
        json!({ "targetType": "USER", "targetId": paul }),
    )
    .await
    .unwrap();
    assert!(about_paul.is_empty(), "{about_paul:?}");
    let from_beta = journal(
        &app,
        &beta.operator,
        json!({ "targetType": "TICKET", "targetId": o.ticket }),
    )
    .await
    .unwrap();
    assert!(from_beta.is_empty(), "{from_beta:?}");
    let narrowed = app
        .graphql(Some(&alpha.operator), JOURNAL, json!({ "t": beta.id }))
        .await;
    assert_eq!(error_code(&narrowed), "NOT_FOUND", "{narrowed}");
}

async fn a_bad_journal_filter_or_a_reader_gets_an_error_and_no_entry(backend: Backend) {
    let app = spawn_app(backend).await;
    let [alpha, _] = app.two_tenants().await;
    for (filter, field) in [
        (json!({ "action": "DROP_TABLE" }), "filter.action"),
        (
            json!({ "actorEmail": "pas une adresse" }),
            "filter.actorEmail",
        ),
        (json!({ "actorUserId": "nope" }), "filter.actorUserId"),
        (json!({ "targetId": "0410017W" }), "filter.targetType"),
        (
            json!({ "targetType": "USER", "targetId": "x".repeat(65) }),
            "filter.targetId",
        ),
        (
            json!({ "since": "2026-12-04T10:00:00Z", "until": "2026-12-04T10:00:00Z" }),
            "filter.until",
        ),
    ] {
        let answer = journal(&app, &alpha.operator, filter.clone())
            .await
            .unwrap_err();
        assert_eq!(error_code(&answer), "VALIDATION", "{filter}: {answer}");
        assert_eq!(
            answer["errors"][0]["extensions"]["field"], field,
            "{answer}"
        );
        assert!(answer["data"].is_null(), "{answer}");
    }
    for reader in [&alpha.helpdesk, &alpha.school] {
        let answer = journal(&app, reader, json!({})).await.unwrap_err();
        assert_eq!(error_code(&answer), "FORBIDDEN", "{answer}");
    }
    let actions = app
        .graphql(
            Some(&alpha.operator),
            "{ auditActions { code label } }",
            json!({}),
        )
        .await;
    let list = actions["data"]["auditActions"].as_array().unwrap();
    assert!(
        list.iter()
            .any(|a| a["code"] == "USER_CREATED" && a["label"] == "Compte créé"),
        "{actions}"
    );
}

async fn a_journal_page_costs_the_same_statements_whatever_its_objects(backend: Backend) {
    let app = spawn_app(backend).await;
    let [alpha, _] = app.two_tenants().await;
    objects(&app, &alpha).await;
    let page = || app.graphql(Some(&alpha.operator), JOURNAL, json!({ "first": 100 }));
    let count = |v: &Value| {
        v["data"]["auditEvents"]["nodes"]
            .as_array()
            .map_or(0, Vec::len)
    };
    page().await;
    let before = app.store.statements_executed_except_relay();
    let first = page().await;
    let with_first = app.store.statements_executed_except_relay() - before;

    // More entries about more establishments, bases and tickets.
    for (uai, name) in [
        ("0180005H", "Collège Jean Moulin"),
        ("0370001A", "Lycée Balzac"),
    ] {
        let id = app
            .create_establishment(&alpha.operator, NewEstablishment::college(uai, name))
            .await;
        app.create_base(&alpha.operator, NewBase::hosted(&id)).await;
    }
    let before = app.store.statements_executed_except_relay();
    let second = page().await;
    let with_second = app.store.statements_executed_except_relay() - before;

    assert!(count(&second) >= count(&first) + 4, "{first}\n{second}");
    let kinds: Vec<&str> = second["data"]["auditEvents"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["targetType"].as_str())
        .collect();
    assert!(
        kinds.contains(&"TICKET") && kinds.contains(&"ESTABLISHMENT"),
        "{kinds:?}"
    );
    assert_eq!(
        with_first,
        with_second,
        "statements for {} then {} entries",
        count(&first),
        count(&second)
    );
}

async fn an_operator_lists_the_establishments_granted_to_a_school_administrator(backend: Backend) {
    let app = spawn_app(backend).await;
    let [alpha, beta] = app.two_tenants().await;
    let o = objects(&app, &alpha).await;
    const GRANTS: &str = "query($u: ID!) { grantedEstablishments(userId: $u) { id uai } }";
    let granted = app
        .graphql(
            Some(&alpha.operator),
            GRANTS,
            json!({ "u": alpha.school_id }),
        )
        .await;
    assert_eq!(
        granted["data"]["grantedEstablishments"],
        json!([{ "id": o.establishment, "uai": "0410017W" }]),
        "{granted}"
    );
    let revoked = app
        .graphql(
            Some(&alpha.operator),
            "mutation($u: ID!, $e: ID!) { revokeEstablishment(userId: $u, establishmentId: $e) }",
            json!({ "u": alpha.school_id, "e": o.establishment }),
        )
        .await;
    assert_eq!(revoked["data"]["revokeEstablishment"], true, "{revoked}");
    let none = app
        .graphql(
            Some(&alpha.operator),
            GRANTS,
            json!({ "u": alpha.school_id }),
        )
        .await;
    assert_eq!(none["data"]["grantedEstablishments"], json!([]), "{none}");

    // Another tenant's operator does not find the account; readers may not ask.
    let foreign = app
        .graphql(
            Some(&beta.operator),
            GRANTS,
            json!({ "u": alpha.school_id }),
        )
        .await;
    assert_eq!(error_code(&foreign), "NOT_FOUND", "{foreign}");
    for reader in [&alpha.school, &alpha.helpdesk] {
        let refused = app
            .graphql(Some(reader), GRANTS, json!({ "u": alpha.school_id }))
            .await;
        assert_eq!(error_code(&refused), "FORBIDDEN", "{refused}");
    }
    let bad = app
        .graphql(Some(&alpha.operator), GRANTS, json!({ "u": "nope" }))
        .await;
    assert_eq!(error_code(&bad), "VALIDATION", "{bad}");
}

on_both_databases!(
    the_journal_filters_by_person_action_object_and_date,
    a_bad_journal_filter_or_a_reader_gets_an_error_and_no_entry,
    a_journal_page_costs_the_same_statements_whatever_its_objects,
    an_operator_lists_the_establishments_granted_to_a_school_administrator,
);
