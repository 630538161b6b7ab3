//! The helpdesk's queue and ticket page (issue 17): filters, oldest first,
//! counts per status, a constant number of statements, the allowed
//! transitions, the base now beside its snapshot, the thread's e-mails;
//! nobody sees another tenant's or another school's tickets.

use chrono::{Duration, Utc};
use relais_store::entities::ticket;
use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use serde_json::json;

use crate::helpers::*;
use crate::tickets::{Fixture, fixture};
use crate::typed::change_ticket_status::TicketStatusName as Moved;
use crate::typed::ticket_queue::{
    TicketAgeName, TicketCategoryName as Category, TicketFilterInput as Filter,
    TicketQueueTicketQueue as Queue, TicketStatusName as Status,
};
use crate::typed::{
    AssignTicket, Refused, TicketEmails, TicketPage, TicketQueue, assign_ticket, ticket_emails,
    ticket_page, ticket_queue,
};
use crate::use_cases::{NewEstablishment, NewTicket, TicketCategoryName};

/// No criterion: every ticket the caller may see.
fn all() -> Filter {
    Filter {
        status: None,
        category: None,
        establishment_id: None,
        open_only: false,
        uai: None,
        academy: None,
        age: None,
        mine: false,
        assignee_id: None,
        unassigned: false,
    }
}

/// A page of the queue as `token`'s holder reads it, or the refusal.
async fn queue_page(
    app: &TestApp,
    token: Option<&str>,
    filter: Filter,
    first: Option<i64>,
    after: Option<String>,
) -> Result<Queue, Refused> {
    let variables = ticket_queue::Variables {
        filter: Some(filter),
        first,
        after,
    };
    app.run::<TicketQueue>(token, variables)
        .await
        .map(|data| data.ticket_queue)
}

async fn queue(app: &TestApp, token: &str, filter: Filter) -> Queue {
    queue_page(app, Some(token), filter.clone(), None, None)
        .await
        .unwrap_or_else(|refused| panic!("{filter:?}: {refused:?}"))
}

/// The titles of a queue's rows, in order.
fn titles(queue: &Queue) -> Vec<String> {
    queue.rows.iter().map(|r| r.title.clone()).collect()
}

/// The non-zero counts per status of a queue.
fn counts(queue: &Queue) -> Vec<(String, i64)> {
    queue
        .by_status
        .iter()
        .filter(|c| c.tickets != 0)
        .map(|c| (c.key.clone(), c.tickets))
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

async fn open(
    f: &Fixture,
    establishment: &str,
    category: TicketCategoryName,
    title: &str,
) -> String {
    f.app
        .opened_ticket(
            &f.alpha.school,
            NewTicket::about(establishment, category, title, "Décrit."),
        )
        .await
}

async fn the_queue_filters_counts_and_shows_the_oldest_first(backend: Backend) {
    let f = fixture(backend).await;
    let college = college(&f).await;
    let a = open(&f, &f.lycee, TicketCategoryName::CAS_CONFIGURATION, "A").await;
    let b = open(&f, &f.lycee, TicketCategoryName::OTHER, "B").await;
    let c = open(&f, &college, TicketCategoryName::OTHER, "C").await;
    let assigned = f
        .app
        .run_ok::<AssignTicket>(
            Some(&f.alpha.helpdesk),
            assign_ticket::Variables {
                ticket_id: a,
                assignee_id: f.alpha.helpdesk_id.clone(),
            },
        )
        .await;
    assert_eq!(
        assigned.assign_ticket.assignee_id.as_ref(),
        Some(&f.alpha.helpdesk_id),
        "{assigned:?}"
    );
    f.app
        .change_ticket_status(&f.alpha.helpdesk, &b, Moved::IN_PROGRESS)
        .await
        .unwrap_or_else(|refused| panic!("{refused:?}"));
    let token = f.alpha.helpdesk.as_str();

    let all_tickets = queue(&f.app, token, all()).await;
    assert_eq!(
        titles(&all_tickets),
        ["A", "B", "C"],
        "oldest first: {all_tickets:?}"
    );
    assert_eq!(
        counts(&all_tickets),
        [count("OPEN", 2), count("IN_PROGRESS", 1)]
    );
    let first = &all_tickets.rows[0];
    assert_eq!(first.uai, "0410017W");
    assert_eq!(first.academy.as_deref(), Some("Orléans-Tours"));
    assert_eq!(first.assignee_name.as_deref(), Some("Personne de test"));
    assert_eq!(all_tickets.rows[1].assignee_name, None);

    // The status narrows the rows, not the counts of the other statuses.
    let open_only = queue(
        &f.app,
        token,
        Filter {
            status: Some(Status::OPEN),
            ..all()
        },
    )
    .await;
    assert_eq!(titles(&open_only), ["A", "C"]);
    assert_eq!(counts(&open_only), counts(&all_tickets));
    let not_closed = queue(
        &f.app,
        token,
        Filter {
            open_only: true,
            ..all()
        },
    )
    .await;
    assert_eq!(titles(&not_closed), ["A", "B", "C"]);

    let academy = queue(
        &f.app,
        token,
        Filter {
            academy: Some("Orléans-Tours".into()),
            ..all()
        },
    )
    .await;
    assert_eq!(titles(&academy), ["A", "B"]);
    assert_eq!(
        counts(&academy),
        [count("OPEN", 1), count("IN_PROGRESS", 1)]
    );
    let category = queue(
        &f.app,
        token,
        Filter {
            category: Some(Category::OTHER),
            ..all()
        },
    )
    .await;
    assert_eq!(titles(&category), ["B", "C"]);
    let establishment = queue(
        &f.app,
        token,
        Filter {
            establishment_id: Some(college.clone()),
            ..all()
        },
    )
    .await;
    assert_eq!(titles(&establishment), ["C"]);
    let by_uai = queue(
        &f.app,
        token,
        Filter {
            uai: Some(" 0410017w ".into()),
            ..all()
        },
    )
    .await;
    assert_eq!(titles(&by_uai), ["A", "B"]);
    let mine = Filter {
        mine: true,
        ..all()
    };
    let own = queue(&f.app, token, mine.clone()).await;
    assert_eq!(titles(&own), ["A"]);
    assert_eq!(counts(&own), [count("OPEN", 1)]);
    let theirs = queue(&f.app, &f.alpha.operator, mine).await;
    assert_eq!(titles(&theirs), Vec::<String>::new(), "not the operator's");
    let by_agent = queue(
        &f.app,
        &f.alpha.operator,
        Filter {
            assignee_id: Some(f.alpha.helpdesk_id.clone()),
            ..all()
        },
    )
    .await;
    assert_eq!(titles(&by_agent), ["A"]);
    let nobody = queue(
        &f.app,
        token,
        Filter {
            unassigned: true,
            ..all()
        },
    )
    .await;
    assert_eq!(titles(&nobody), ["B", "C"]);
    let combined = queue(
        &f.app,
        token,
        Filter {
            category: Some(Category::OTHER),
            academy: Some("Versailles".into()),
            status: Some(Status::OPEN),
            ..all()
        },
    )
    .await;
    assert_eq!(titles(&combined), ["C"]);

    // Pages follow the same order.
    let page = queue_page(&f.app, Some(token), all(), Some(2), None)
        .await
        .unwrap_or_else(|refused| panic!("{refused:?}"));
    assert_eq!(titles(&page), ["A", "B"]);
    assert!(page.has_next_page, "{page:?}");
    let next = queue_page(&f.app, Some(token), all(), Some(2), page.end_cursor)
        .await
        .unwrap_or_else(|refused| panic!("{refused:?}"));
    assert_eq!(titles(&next), ["C"]);
    assert!(!next.has_next_page, "{next:?}");

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
        (TicketAgeName::LESS_THAN_ONE_DAY, vec!["A", "B"]),
        (TicketAgeName::ONE_TO_SEVEN_DAYS, vec![]),
        (TicketAgeName::MORE_THAN_SEVEN_DAYS, vec!["C"]),
    ] {
        let aged = queue(
            &f.app,
            token,
            Filter {
                age: Some(age.clone()),
                ..all()
            },
        )
        .await;
        assert_eq!(titles(&aged), expected, "{age:?}");
    }
}

fn uuid(id: &str) -> uuid::Uuid {
    uuid::Uuid::parse_str(id).unwrap()
}

async fn the_queue_runs_as_many_statements_for_one_row_as_for_many(backend: Backend) {
    let f = fixture(backend).await;
    let college = college(&f).await;
    for (establishment, title) in [(&f.lycee, "A"), (&college, "B"), (&f.lycee, "C")] {
        let id = open(&f, establishment, TicketCategoryName::OTHER, title).await;
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
        let answer = queue_page(&f.app, Some(&f.alpha.helpdesk), all(), Some(first), None).await;
        statements.push(f.app.store.statements_executed_except_relay() - before);
        let answer = answer.unwrap_or_else(|refused| panic!("{refused:?}"));
        assert_eq!(titles(&answer).len(), first as usize, "{answer:?}");
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
    let own = open(
        &f,
        &f.lycee,
        TicketCategoryName::OTHER,
        "De l'établissement",
    )
    .await;
    // An establishment of alpha not granted to its school administrator.
    let other = f
        .app
        .create_establishment(
            &f.alpha.operator,
            NewEstablishment::lycee("0180006J", "Lycée Alain-Fournier").in_academy("Orléans-Tours"),
        )
        .await;
    f.app
        .opened_ticket(
            &f.alpha.operator,
            NewTicket::about(&other, TicketCategoryName::OTHER, "D'un autre", "Décrit."),
        )
        .await;

    let helpdesk = queue(&f.app, &f.alpha.helpdesk, all()).await;
    assert_eq!(titles(&helpdesk), ["De l'établissement", "D'un autre"]);
    let school = queue(&f.app, &f.alpha.school, all()).await;
    assert_eq!(titles(&school), ["De l'établissement"]);
    assert_eq!(counts(&school), [count("OPEN", 1)]);
    for token in [&f.beta.helpdesk, &f.beta.operator, &f.beta.school] {
        let foreign = queue(
            &f.app,
            token,
            Filter {
                academy: Some("Orléans-Tours".into()),
                ..all()
            },
        )
        .await;
        assert_eq!(titles(&foreign), Vec::<String>::new(), "{foreign:?}");
        assert_eq!(counts(&foreign), Vec::<(String, i64)>::new());
        let guessed = queue(
            &f.app,
            token,
            Filter {
                establishment_id: Some(f.lycee.clone()),
                ..all()
            },
        )
        .await;
        assert_eq!(titles(&guessed), Vec::<String>::new(), "{guessed:?}");
    }

    // The thread's e-mails: the helpdesk's, never the school's nor another tenant's.
    let emails = |token: &str| {
        let token = token.to_owned();
        let app = &f.app;
        let id = own.clone();
        async move {
            app.run::<TicketEmails>(Some(&token), ticket_emails::Variables { id })
                .await
                .map(|data| data.ticket.emails)
        }
    };
    let seen = emails(&f.alpha.helpdesk)
        .await
        .unwrap_or_else(|refused| panic!("{refused:?}"));
    let kinds: Vec<&str> = seen.iter().map(|m| m.kind.as_str()).collect();
    assert_eq!(kinds, ["TICKET_OPENED", "TICKET_ACKNOWLEDGED"], "{seen:?}");
    let refused = emails(&f.alpha.school).await.expect_err("refused");
    assert_eq!(refused.code(), "FORBIDDEN", "{refused:?}");
    let foreign = emails(&f.beta.helpdesk).await.expect_err("refused");
    assert_eq!(foreign.code(), "NOT_FOUND", "{foreign:?}");
}

async fn bad_queue_filters_are_refused(backend: Backend) {
    let f = fixture(backend).await;
    let cases = [
        (
            Filter {
                mine: true,
                unassigned: true,
                ..all()
            },
            "assigneeId",
        ),
        (
            Filter {
                mine: true,
                assignee_id: Some(f.alpha.helpdesk_id.clone()),
                ..all()
            },
            "assigneeId",
        ),
        (
            Filter {
                assignee_id: Some("pas-un-identifiant".into()),
                ..all()
            },
            "assigneeId",
        ),
        (
            Filter {
                establishment_id: Some("42".into()),
                ..all()
            },
            "establishmentId",
        ),
        (
            Filter {
                academy: Some("   ".into()),
                ..all()
            },
            "academy",
        ),
        (
            Filter {
                uai: Some("41".into()),
                ..all()
            },
            "uai",
        ),
        (
            Filter {
                academy: Some("Orléans\nTours".into()),
                ..all()
            },
            "academy",
        ),
    ];
    for (filter, field) in cases {
        let refused = queue_page(&f.app, Some(&f.alpha.helpdesk), filter.clone(), None, None)
            .await
            .expect_err("refused");
        assert_eq!(refused.code(), "VALIDATION", "{filter:?}: {refused:?}");
        assert_eq!(refused.field(), Some(field), "{refused:?}");
    }
    // Raw: an age the schema does not know, which the typed filter cannot hold.
    let unknown_age = f
        .app
        .graphql(
            Some(&f.alpha.helpdesk),
            "query($f: TicketFilterInput) { ticketQueue(filter: $f) { rows { id } } }",
            json!({ "f": { "age": "YESTERDAY" } }),
        )
        .await;
    assert!(unknown_age["data"].is_null(), "{unknown_age}");
    let no_rows = queue_page(&f.app, Some(&f.alpha.helpdesk), all(), Some(0), None)
        .await
        .expect_err("refused");
    assert_eq!(no_rows.code(), "VALIDATION", "{no_rows:?}");
    let anonymous = queue_page(&f.app, None, all(), None, None)
        .await
        .expect_err("refused");
    assert_eq!(anonymous.code(), "UNAUTHENTICATED", "{anonymous:?}");
}

async fn the_ticket_page_offers_the_allowed_transitions_and_the_base_now(backend: Backend) {
    let f = fixture(backend).await;
    let id = open(
        &f,
        &f.lycee,
        TicketCategoryName::CAS_CONFIGURATION,
        "Transitions",
    )
    .await;
    let page = |token: &str| {
        let token = token.to_owned();
        let app = &f.app;
        let id = id.clone();
        async move {
            app.run_ok::<TicketPage>(Some(&token), ticket_page::Variables { id })
                .await
                .ticket
        }
    };

    let opened = page(&f.alpha.helpdesk).await;
    {
        use ticket_page::TicketStatusName::*;
        assert_eq!(
            opened.allowed_statuses,
            [IN_PROGRESS, WAITING_SCHOOL, RESOLVED, CLOSED],
            "{opened:?}"
        );
    }
    assert!(opened.current.base_id.is_some(), "{opened:?}");
    assert_eq!(opened.current.settings, opened.settings_snapshot);
    // The findings are JSON in the schema (`code`, `severity`, `message`).
    assert!(
        opened
            .current
            .diagnostics
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["code"] == "NO_DELEGATION"),
        "{opened:?}"
    );
    let school = page(&f.alpha.school).await;
    assert!(
        school.allowed_statuses.is_empty(),
        "the school moves nothing: {school:?}"
    );

    let resolved = f
        .app
        .change_ticket_status(&f.alpha.helpdesk, &id, Moved::RESOLVED)
        .await
        .unwrap_or_else(|refused| panic!("{refused:?}"));
    assert_eq!(
        resolved.allowed_statuses,
        [Moved::IN_PROGRESS, Moved::CLOSED],
        "{resolved:?}"
    );
}

on_both_databases!(
    the_queue_filters_counts_and_shows_the_oldest_first,
    the_queue_runs_as_many_statements_for_one_row_as_for_many,
    nobody_sees_another_tenant_s_or_school_s_tickets_in_the_queue,
    bad_queue_filters_are_refused,
    the_ticket_page_offers_the_allowed_transitions_and_the_base_now,
);
