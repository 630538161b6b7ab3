//! The helpdesk's queue and ticket page (issue 17): filters, oldest first,
//! counts per status, a constant number of statements, the allowed
//! transitions, the base now beside its snapshot, the thread's e-mails;
//! nobody sees another tenant's or another school's tickets.

use chrono::{Duration, Utc};
use relais_store::entities::ticket;
use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use serde_json::{Value, json};

use crate::helpers::*;
use crate::tickets::{Fixture, fixture, open_ticket};
use crate::typed::{AssignTicket, assign_ticket};
use crate::use_cases::NewEstablishment;

const QUEUE: &str = "query($f: TicketFilterInput, $first: Int, $after: String) { ticketQueue(filter: $f, first: $first, after: $after) { rows { id title status uai establishmentName academy assigneeId assigneeName } hasNextPage endCursor byStatus { key tickets } } }";

async fn queue(app: &TestApp, token: &str, filter: Value) -> Value {
    app.graphql(Some(token), QUEUE, json!({ "f": filter }))
        .await
}

/// The titles of a queue's rows, in order.
fn titles(answer: &Value) -> Vec<String> {
    answer["data"]["ticketQueue"]["rows"]
        .as_array()
        .unwrap_or_else(|| panic!("{answer}"))
        .iter()
        .map(|r| r["title"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// The non-zero counts per status of a queue.
fn counts(answer: &Value) -> Vec<(String, i64)> {
    answer["data"]["ticketQueue"]["byStatus"]
        .as_array()
        .unwrap_or_else(|| panic!("{answer}"))
        .iter()
        .filter(|c| c["tickets"].as_i64() != Some(0))
        .map(|c| {
            (
                c["key"].as_str().unwrap_or_default().to_owned(),
                c["tickets"].as_i64().unwrap_or_default(),
            )
        })
        .collect()
}

fn count(key: &str, n: i64) -> (String, i64) {
    (key.to_owned(), n)
}

/// A collège of another academy, granted to alpha's school administrator.
async fn college(f: &Fixture) -> String {
    let college =
        NewEstablishment::college("0450782F", "Collège Jean Rostand").in_academy("Versailles");
    let id = f.app.create_establishment(&f.alpha.operator, college).await;
    f.app
        .grant_establishment(&f.alpha.operator, &f.alpha.school_id, &id)
        .await;
    id
}

async fn open(f: &Fixture, establishment: &str, category: &str, title: &str) -> String {
    let opened = open_ticket(
        &f.app,
        &f.alpha.school,
        json!({ "establishmentId": establishment, "category": category, "title": title, "description": "Décrit." }),
    )
    .await;
    opened["data"]["openTicket"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{opened}"))
        .to_owned()
}

async fn the_queue_filters_counts_and_shows_the_oldest_first(backend: Backend) {
    let f = fixture(backend).await;
    let college = college(&f).await;
    let a = open(&f, &f.lycee, "CAS_CONFIGURATION", "A").await;
    let b = open(&f, &f.lycee, "OTHER", "B").await;
    let c = open(&f, &college, "OTHER", "C").await;
    let assigned = f
        .app
        .graphql(
            Some(&f.alpha.helpdesk),
            "mutation($t: ID!, $u: ID!) { assignTicket(ticketId: $t, assigneeId: $u) { assigneeId } }",
            json!({ "t": a, "u": f.alpha.helpdesk_id }),
        )
        .await;
    assert_eq!(
        assigned["data"]["assignTicket"]["assigneeId"], f.alpha.helpdesk_id,
        "{assigned}"
    );
    let moved = f
        .app
        .graphql(
            Some(&f.alpha.helpdesk),
            "mutation($t: ID!) { changeTicketStatus(ticketId: $t, status: IN_PROGRESS) { id } }",
            json!({ "t": b }),
        )
        .await;
    assert!(moved["errors"].is_null(), "{moved}");
    let token = f.alpha.helpdesk.as_str();

    let all = queue(&f.app, token, json!({})).await;
    assert_eq!(titles(&all), ["A", "B", "C"], "oldest first: {all}");
    assert_eq!(counts(&all), [count("OPEN", 2), count("IN_PROGRESS", 1)]);
    let first = &all["data"]["ticketQueue"]["rows"][0];
    assert_eq!(first["uai"], "0410017W");
    assert_eq!(first["academy"], "Orléans-Tours");
    assert_eq!(first["assigneeName"], "Personne de test");
    assert!(all["data"]["ticketQueue"]["rows"][1]["assigneeName"].is_null());

    // The status narrows the rows, not the counts of the other statuses.
    let open_only = queue(&f.app, token, json!({ "status": "OPEN" })).await;
    assert_eq!(titles(&open_only), ["A", "C"]);
    assert_eq!(counts(&open_only), counts(&all));
    let not_closed = queue(&f.app, token, json!({ "openOnly": true })).await;
    assert_eq!(titles(&not_closed), ["A", "B", "C"]);

    let academy = queue(&f.app, token, json!({ "academy": "Orléans-Tours" })).await;
    assert_eq!(titles(&academy), ["A", "B"]);
    assert_eq!(
        counts(&academy),
        [count("OPEN", 1), count("IN_PROGRESS", 1)]
    );
    let category = queue(&f.app, token, json!({ "category": "OTHER" })).await;
    assert_eq!(titles(&category), ["B", "C"]);
    let establishment = queue(&f.app, token, json!({ "establishmentId": college })).await;
    assert_eq!(titles(&establishment), ["C"]);
    let by_uai = queue(&f.app, token, json!({ "uai": " 0410017w " })).await;
    assert_eq!(titles(&by_uai), ["A", "B"]);
    let mine = queue(&f.app, token, json!({ "mine": true })).await;
    assert_eq!(titles(&mine), ["A"]);
    assert_eq!(counts(&mine), [count("OPEN", 1)]);
    let theirs = queue(&f.app, &f.alpha.operator, json!({ "mine": true })).await;
    assert_eq!(titles(&theirs), Vec::<String>::new(), "not the operator's");
    let by_agent = queue(
        &f.app,
        &f.alpha.operator,
        json!({ "assigneeId": f.alpha.helpdesk_id }),
    )
    .await;
    assert_eq!(titles(&by_agent), ["A"]);
    let nobody = queue(&f.app, token, json!({ "unassigned": true })).await;
    assert_eq!(titles(&nobody), ["B", "C"]);
    let combined = queue(
        &f.app,
        token,
        json!({ "category": "OTHER", "academy": "Versailles", "status": "OPEN" }),
    )
    .await;
    assert_eq!(titles(&combined), ["C"]);

    // Pages follow the same order.
    let page = f
        .app
        .graphql(Some(token), QUEUE, json!({ "f": {}, "first": 2 }))
        .await;
    assert_eq!(titles(&page), ["A", "B"]);
    assert_eq!(page["data"]["ticketQueue"]["hasNextPage"], true);
    let cursor = page["data"]["ticketQueue"]["endCursor"].clone();
    let next = f
        .app
        .graphql(
            Some(token),
            QUEUE,
            json!({ "f": {}, "first": 2, "after": cursor }),
        )
        .await;
    assert_eq!(titles(&next), ["C"]);
    assert_eq!(next["data"]["ticketQueue"]["hasNextPage"], false);

    // Ages: C was opened ten days ago.
    let mut row: ticket::ActiveModel = ticket::Entity::find_by_id(uuid(&c))
        .one(f.app.store.connection())
        .await
        .unwrap()
        .unwrap()
        .into();
    row.created_at = Set(Utc::now() - Duration::days(10));
    row.update(f.app.store.connection()).await.unwrap();
    for (age, expected) in [
        ("LESS_THAN_ONE_DAY", vec!["A", "B"]),
        ("ONE_TO_SEVEN_DAYS", vec![]),
        ("MORE_THAN_SEVEN_DAYS", vec!["C"]),
    ] {
        let aged = queue(&f.app, token, json!({ "age": age })).await;
        assert_eq!(titles(&aged), expected, "{age}");
    }
}

fn uuid(id: &str) -> uuid::Uuid {
    uuid::Uuid::parse_str(id).unwrap()
}

async fn the_queue_runs_as_many_statements_for_one_row_as_for_many(backend: Backend) {
    let f = fixture(backend).await;
    let college = college(&f).await;
    for (establishment, title) in [(&f.lycee, "A"), (&college, "B"), (&f.lycee, "C")] {
        let id = open(&f, establishment, "OTHER", title).await;
        let agent = if title == "B" {
            &f.alpha.operator_id
        } else {
            &f.alpha.helpdesk_id
        };
        let assigned = f
            .app
            .run_ok::<AssignTicket>(
                Some(&f.alpha.helpdesk),
                assign_ticket::Variables {
                    ticket_id: id,
                    assignee_id: agent.clone(),
                },
            )
            .await;
        assert_eq!(assigned.assign_ticket.assignee_id.as_ref(), Some(agent));
    }
    let mut statements = Vec::new();
    for first in [1, 3] {
        let before = f.app.store.statements_executed_except_relay();
        let answer = f
            .app
            .graphql(
                Some(&f.alpha.helpdesk),
                QUEUE,
                json!({ "f": {}, "first": first }),
            )
            .await;
        statements.push(f.app.store.statements_executed_except_relay() - before);
        assert_eq!(titles(&answer).len(), first as usize, "{answer}");
    }
    assert_eq!(statements[0], statements[1], "statements for 1 and 3 rows");
    assert!(
        statements[1] <= 4,
        "counts, page, establishments, agents: {statements:?}"
    );
    println!(
        "ticketQueue: {} SQL statements for a page of 1 row, {} for 3 rows (sign-in checks included)",
        statements[0], statements[1]
    );
}

async fn nobody_sees_another_tenant_s_or_school_s_tickets_in_the_queue(backend: Backend) {
    let f = fixture(backend).await;
    let own = open(&f, &f.lycee, "OTHER", "De l'établissement").await;
    // An establishment of alpha not granted to its school administrator.
    let created = f
        .app
        .graphql(
            Some(&f.alpha.operator),
            "mutation { createEstablishment(input: { uai: \"0180006J\", name: \"Lycée Alain-Fournier\", kind: LYCEE, academy: \"Orléans-Tours\" }) { id } }",
            json!({}),
        )
        .await;
    let other = created["data"]["createEstablishment"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{created}"))
        .to_owned();
    let by_operator = open_ticket(
        &f.app,
        &f.alpha.operator,
        json!({ "establishmentId": other, "category": "OTHER", "title": "D'un autre", "description": "Décrit." }),
    )
    .await;
    assert!(by_operator["errors"].is_null(), "{by_operator}");

    let helpdesk = queue(&f.app, &f.alpha.helpdesk, json!({})).await;
    assert_eq!(titles(&helpdesk), ["De l'établissement", "D'un autre"]);
    let school = queue(&f.app, &f.alpha.school, json!({})).await;
    assert_eq!(titles(&school), ["De l'établissement"]);
    assert_eq!(counts(&school), [count("OPEN", 1)]);
    for token in [&f.beta.helpdesk, &f.beta.operator, &f.beta.school] {
        let foreign = queue(&f.app, token, json!({ "academy": "Orléans-Tours" })).await;
        assert_eq!(titles(&foreign), Vec::<String>::new(), "{foreign}");
        assert_eq!(counts(&foreign), Vec::<(String, i64)>::new());
        let guessed = queue(&f.app, token, json!({ "establishmentId": f.lycee })).await;
        assert_eq!(titles(&guessed), Vec::<String>::new(), "{guessed}");
    }

    // The thread's e-mails: the helpdesk's, never the school's nor another tenant's.
    let emails = "query($t: ID!) { ticket(id: $t) { emails { kind to subject status } } }";
    let seen = f
        .app
        .graphql(Some(&f.alpha.helpdesk), emails, json!({ "t": own }))
        .await;
    let kinds: Vec<&str> = seen["data"]["ticket"]["emails"]
        .as_array()
        .unwrap_or_else(|| panic!("{seen}"))
        .iter()
        .filter_map(|m| m["kind"].as_str())
        .collect();
    assert_eq!(kinds, ["TICKET_OPENED", "TICKET_ACKNOWLEDGED"]);
    let refused = f
        .app
        .graphql(Some(&f.alpha.school), emails, json!({ "t": own }))
        .await;
    assert_eq!(error_code(&refused), "FORBIDDEN", "{refused}");
    let foreign = f
        .app
        .graphql(Some(&f.beta.helpdesk), emails, json!({ "t": own }))
        .await;
    assert_eq!(error_code(&foreign), "NOT_FOUND", "{foreign}");
}

async fn bad_queue_filters_are_refused(backend: Backend) {
    let f = fixture(backend).await;
    let cases = [
        (json!({ "mine": true, "unassigned": true }), "assigneeId"),
        (
            json!({ "mine": true, "assigneeId": f.alpha.helpdesk_id }),
            "assigneeId",
        ),
        (json!({ "assigneeId": "pas-un-identifiant" }), "assigneeId"),
        (json!({ "establishmentId": "42" }), "establishmentId"),
        (json!({ "academy": "   " }), "academy"),
        (json!({ "uai": "41" }), "uai"),
        (json!({ "academy": "Orléans\nTours" }), "academy"),
    ];
    for (filter, field) in cases {
        let refused = queue(&f.app, &f.alpha.helpdesk, filter.clone()).await;
        assert_eq!(error_code(&refused), "VALIDATION", "{filter}: {refused}");
        assert_eq!(
            refused["errors"][0]["extensions"]["field"], field,
            "{refused}"
        );
    }
    let unknown_age = queue(&f.app, &f.alpha.helpdesk, json!({ "age": "YESTERDAY" })).await;
    assert!(unknown_age["data"].is_null(), "{unknown_age}");
    let no_rows = f
        .app
        .graphql(
            Some(&f.alpha.helpdesk),
            QUEUE,
            json!({ "f": {}, "first": 0 }),
        )
        .await;
    assert_eq!(error_code(&no_rows), "VALIDATION");
    let anonymous = f.app.graphql(None, QUEUE, json!({ "f": {} })).await;
    assert_eq!(error_code(&anonymous), "UNAUTHENTICATED", "{anonymous}");
}

async fn the_ticket_page_offers_the_allowed_transitions_and_the_base_now(backend: Backend) {
    let f = fixture(backend).await;
    let id = open(&f, &f.lycee, "CAS_CONFIGURATION", "Transitions").await;
    let page = "query($t: ID!) { ticket(id: $t) { allowedStatuses settingsSnapshot current { baseId settings diagnostics } } }";
    let allowed = |answer: &Value| answer["data"]["ticket"]["allowedStatuses"].clone();

    let opened = f
        .app
        .graphql(Some(&f.alpha.helpdesk), page, json!({ "t": id }))
        .await;
    assert_eq!(
        allowed(&opened),
        json!(["IN_PROGRESS", "WAITING_SCHOOL", "RESOLVED", "CLOSED"]),
        "{opened}"
    );
    let ticket = &opened["data"]["ticket"];
    assert!(ticket["current"]["baseId"].is_string(), "{opened}");
    assert_eq!(ticket["current"]["settings"], ticket["settingsSnapshot"]);
    assert!(
        ticket["current"]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["code"] == "NO_DELEGATION"),
        "{opened}"
    );
    let school = f
        .app
        .graphql(Some(&f.alpha.school), page, json!({ "t": id }))
        .await;
    assert_eq!(allowed(&school), json!([]), "the school moves nothing");

    let resolved = f
        .app
        .graphql(
            Some(&f.alpha.helpdesk),
            "mutation($t: ID!) { changeTicketStatus(ticketId: $t, status: RESOLVED) { allowedStatuses } }",
            json!({ "t": id }),
        )
        .await;
    assert_eq!(
        resolved["data"]["changeTicketStatus"]["allowedStatuses"],
        json!(["IN_PROGRESS", "CLOSED"]),
        "{resolved}"
    );
}

on_both_databases!(
    the_queue_filters_counts_and_shows_the_oldest_first,
    the_queue_runs_as_many_statements_for_one_row_as_for_many,
    nobody_sees_another_tenant_s_or_school_s_tickets_in_the_queue,
    bad_queue_filters_are_refused,
    the_ticket_page_offers_the_allowed_transitions_and_the_base_now,
);
