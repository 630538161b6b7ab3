//! The operator's « Utilisateurs » and « Journal d'audit » screens (issue
//! 17): the journal filtered by person, action, object and date on the
//! server, each entry with the base its object belongs to, and the
//! establishments granted to a school administrator.

use graphql_client::Response;

use crate::helpers::*;
use crate::typed::audit_journal::{AuditFilterInput as Filter, AuditTargetType as Target};
use crate::typed::{
    AuditActionList, AuditJournal, JournalPasswordReset, Refused, RevokeSchoolAdminGrant,
    SchoolAdminGrants, audit_action_list, audit_journal, journal_password_reset,
    revoke_school_admin_grant, school_admin_grants,
};
use crate::use_cases::{NewBase, NewEstablishment, NewTicket, TicketCategoryName};

type Entry = audit_journal::AuditJournalAuditEventsNodes;

/// No criterion.
fn any() -> Filter {
    Filter {
        actor_user_id: None,
        actor_email: None,
        action: None,
        target_type: None,
        target_id: None,
        since: None,
        until: None,
    }
}

/// What happened to one object.
fn about(target: Target, id: &str) -> Filter {
    Filter {
        target_type: Some(target),
        target_id: Some(id.to_owned()),
        ..any()
    }
}

/// The journal's whole answer for `filter` (100 entries at most), of
/// `tenant` or the caller's own.
async fn journal_answer(
    app: &TestApp,
    token: &str,
    filter: Filter,
    tenant: Option<&str>,
) -> Response<audit_journal::ResponseData> {
    let variables = audit_journal::Variables {
        filter: Some(filter),
        first: Some(100),
        tenant_id: tenant.map(str::to_owned),
    };
    app.answer::<AuditJournal>(Some(token), variables).await
}

/// The journal's entries for `filter`, or the refusal.
async fn journal(app: &TestApp, token: &str, filter: Filter) -> Result<Vec<Entry>, Refused> {
    let answer = journal_answer(app, token, filter, None).await;
    match (answer.data, answer.errors) {
        (_, Some(errors)) if !errors.is_empty() => Err(Refused(errors)),
        (Some(data), _) => Ok(data.audit_events.nodes),
        (None, _) => panic!("an answer with neither data nor errors"),
    }
}

fn entries(answer: Result<Vec<Entry>, Refused>) -> Vec<Entry> {
    answer.unwrap_or_else(|refused| panic!("{refused:?}"))
}

fn actions(entries: &[Entry]) -> Vec<&str> {
    entries.iter().map(|e| e.action.as_str()).collect()
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
    let ticket = app
        .opened_ticket(
            &alpha.school,
            NewTicket::about(
                &establishment,
                TicketCategoryName::CAS_CONFIGURATION,
                "Échec de l'authentification",
                "Les élèves ne se connectent plus.",
            ),
        )
        .await;
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
        .run_ok::<JournalPasswordReset>(
            Some(&alpha.operator),
            journal_password_reset::Variables {
                user_id: jeanne.clone(),
            },
        )
        .await;
    assert!(reset.request_password_reset, "{reset:?}");
    let o = objects(&app, &alpha).await;
    let foreign = app
        .create_user(&beta.operator, "paul@beta.test", "HELPDESK", None)
        .await;
    let paul = foreign["data"]["createUser"]["id"]
        .as_str()
        .unwrap()
        .to_owned();

    // By object: what happened to Jeanne's account, newest first.
    let about_jeanne = entries(journal(&app, &alpha.operator, about(Target::USER, &jeanne)).await);
    assert_eq!(
        actions(&about_jeanne),
        ["PASSWORD_RESET_REQUESTED", "USER_CREATED"],
        "{about_jeanne:?}"
    );
    assert_eq!(about_jeanne[1].action_label, "Compte créé");

    // By action and person.
    let created_by_operator = entries(
        journal(
            &app,
            &alpha.operator,
            Filter {
                action: Some("USER_CREATED".into()),
                actor_email: Some(" OPERATOR_ADMIN@alpha.test ".into()),
                ..any()
            },
        )
        .await,
    );
    assert_eq!(actions(&created_by_operator), ["USER_CREATED"]);
    assert_eq!(
        created_by_operator[0].target_id.as_deref(),
        Some(jeanne.as_str())
    );
    let by_school = entries(
        journal(
            &app,
            &alpha.operator,
            Filter {
                actor_user_id: Some(alpha.school_id.clone()),
                ..any()
            },
        )
        .await,
    );
    assert!(
        actions(&by_school)
            .iter()
            .all(|a| *a == "TICKET_OPENED" || a.starts_with("LOGIN")),
        "{by_school:?}"
    );
    assert!(actions(&by_school).contains(&"TICKET_OPENED"));

    // Each entry knows the base its object is, is about or is served by;
    // writers' spellings of the object's type are one (`ticket` → TICKET).
    let ticket = entries(journal(&app, &alpha.operator, about(Target::TICKET, &o.ticket)).await);
    assert_eq!(actions(&ticket), ["TICKET_OPENED"]);
    assert_eq!(ticket[0].target_type, "TICKET");
    assert_eq!(ticket[0].base_id.as_deref(), Some(o.base.as_str()));
    let establishment = entries(
        journal(
            &app,
            &alpha.operator,
            Filter {
                action: Some("ESTABLISHMENT_CREATED".into()),
                ..about(Target::ESTABLISHMENT, &o.establishment)
            },
        )
        .await,
    );
    assert_eq!(establishment.len(), 1, "{establishment:?}");
    assert_eq!(establishment[0].base_id.as_deref(), Some(o.base.as_str()));
    let base = entries(
        journal(
            &app,
            &alpha.operator,
            Filter {
                action: Some("BASE_CREATED".into()),
                ..any()
            },
        )
        .await,
    );
    assert_eq!(base[0].base_id.as_deref(), Some(o.base.as_str()));
    assert!(about_jeanne.iter().all(|e| e.base_id.is_none()));

    // By date: nothing after tomorrow, everything since yesterday.
    let now = chrono::Utc::now();
    let later = entries(
        journal(
            &app,
            &alpha.operator,
            Filter {
                since: Some((now + chrono::Duration::days(1)).to_rfc3339()),
                ..any()
            },
        )
        .await,
    );
    assert!(later.is_empty(), "{later:?}");
    let window = entries(
        journal(
            &app,
            &alpha.operator,
            Filter {
                since: Some((now - chrono::Duration::days(1)).to_rfc3339()),
                until: Some((now + chrono::Duration::minutes(5)).to_rfc3339()),
                action: Some("USER_CREATED".into()),
                ..any()
            },
        )
        .await,
    );
    // Alpha's three accounts of the fixture, and Jeanne.
    assert_eq!(actions(&window), ["USER_CREATED"; 4]);
    let before = entries(
        journal(
            &app,
            &alpha.operator,
            Filter {
                until: Some((now - chrono::Duration::days(1)).to_rfc3339()),
                ..any()
            },
        )
        .await,
    );
    assert!(before.is_empty(), "{before:?}");

    // Another tenant's entries are not found, whatever the filter.
    let about_paul = entries(journal(&app, &alpha.operator, about(Target::USER, &paul)).await);
    assert!(about_paul.is_empty(), "{about_paul:?}");
    let from_beta = entries(journal(&app, &beta.operator, about(Target::TICKET, &o.ticket)).await);
    assert!(from_beta.is_empty(), "{from_beta:?}");
    let narrowed = journal_answer(&app, &alpha.operator, any(), Some(&beta.id)).await;
    let refused = Refused(narrowed.errors.clone().unwrap_or_default());
    assert_eq!(refused.code(), "NOT_FOUND", "{narrowed:?}");
}

async fn a_bad_journal_filter_or_a_reader_gets_an_error_and_no_entry(backend: Backend) {
    let app = spawn_app(backend).await;
    let [alpha, _] = app.two_tenants().await;
    for (filter, field) in [
        (
            Filter {
                action: Some("DROP_TABLE".into()),
                ..any()
            },
            "filter.action",
        ),
        (
            Filter {
                actor_email: Some("pas une adresse".into()),
                ..any()
            },
            "filter.actorEmail",
        ),
        (
            Filter {
                actor_user_id: Some("nope".into()),
                ..any()
            },
            "filter.actorUserId",
        ),
        (
            Filter {
                target_id: Some("0410017W".into()),
                ..any()
            },
            "filter.targetType",
        ),
        (about(Target::USER, &"x".repeat(65)), "filter.targetId"),
        (
            Filter {
                since: Some("2026-12-04T10:00:00Z".into()),
                until: Some("2026-12-04T10:00:00Z".into()),
                ..any()
            },
            "filter.until",
        ),
    ] {
        let answer = journal_answer(&app, &alpha.operator, filter.clone(), None).await;
        let refused = Refused(answer.errors.clone().unwrap_or_default());
        assert_eq!(refused.code(), "VALIDATION", "{filter:?}: {answer:?}");
        assert_eq!(refused.field(), Some(field), "{answer:?}");
        assert!(answer.data.is_none(), "{answer:?}");
    }
    for reader in [&alpha.helpdesk, &alpha.school] {
        let refused = journal(&app, reader, any()).await.expect_err("refused");
        assert_eq!(refused.code(), "FORBIDDEN", "{refused:?}");
    }
    let actions = app
        .run_ok::<AuditActionList>(Some(&alpha.operator), audit_action_list::Variables)
        .await;
    assert!(
        actions
            .audit_actions
            .iter()
            .any(|a| a.code == "USER_CREATED" && a.label == "Compte créé"),
        "{actions:?}"
    );
}

async fn a_journal_page_costs_the_same_statements_whatever_its_objects(backend: Backend) {
    let app = spawn_app(backend).await;
    let [alpha, _] = app.two_tenants().await;
    objects(&app, &alpha).await;
    let page = || async { entries(journal(&app, &alpha.operator, any()).await) };
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

    assert!(second.len() >= first.len() + 4, "{first:?}\n{second:?}");
    let kinds: Vec<&str> = second.iter().map(|e| e.target_type.as_str()).collect();
    assert!(
        kinds.contains(&"TICKET") && kinds.contains(&"ESTABLISHMENT"),
        "{kinds:?}"
    );
    assert_eq!(
        with_first,
        with_second,
        "statements for {} then {} entries",
        first.len(),
        second.len()
    );
}

async fn an_operator_lists_the_establishments_granted_to_a_school_administrator(backend: Backend) {
    let app = spawn_app(backend).await;
    let [alpha, beta] = app.two_tenants().await;
    let o = objects(&app, &alpha).await;
    let grants = |token: &str, user: &str| {
        let app = &app;
        let token = token.to_owned();
        let user_id = user.to_owned();
        async move {
            app.run::<SchoolAdminGrants>(Some(&token), school_admin_grants::Variables { user_id })
                .await
                .map(|data| {
                    data.granted_establishments
                        .into_iter()
                        .map(|e| (e.id, e.uai))
                        .collect::<Vec<_>>()
                })
        }
    };
    let granted = grants(&alpha.operator, &alpha.school_id)
        .await
        .unwrap_or_else(|refused| panic!("{refused:?}"));
    assert_eq!(
        granted,
        [(o.establishment.clone(), "0410017W".to_owned())],
        "{granted:?}"
    );
    let revoked = app
        .run_ok::<RevokeSchoolAdminGrant>(
            Some(&alpha.operator),
            revoke_school_admin_grant::Variables {
                user_id: alpha.school_id.clone(),
                establishment_id: o.establishment.clone(),
            },
        )
        .await;
    assert!(revoked.revoke_establishment, "{revoked:?}");
    let none = grants(&alpha.operator, &alpha.school_id)
        .await
        .unwrap_or_else(|refused| panic!("{refused:?}"));
    assert!(none.is_empty(), "{none:?}");

    // Another tenant's operator does not find the account; readers may not ask.
    let foreign = grants(&beta.operator, &alpha.school_id)
        .await
        .expect_err("refused");
    assert_eq!(foreign.code(), "NOT_FOUND", "{foreign:?}");
    for reader in [&alpha.school, &alpha.helpdesk] {
        let refused = grants(reader, &alpha.school_id).await.expect_err("refused");
        assert_eq!(refused.code(), "FORBIDDEN", "{refused:?}");
    }
    let bad = grants(&alpha.operator, "nope").await.expect_err("refused");
    assert_eq!(bad.code(), "VALIDATION", "{bad:?}");
}

/// An entry whose action no version wrote: the journal fails as an
/// internal error, never shows the stored name as its label.
async fn an_action_no_version_wrote_is_an_internal_error(backend: Backend) {
    use relais_store::entities::audit_event;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};

    let app = spawn_app(backend).await;
    let [alpha, _] = app.two_tenants().await;
    let o = objects(&app, &alpha).await;
    let opened = about(Target::TICKET, &o.ticket);
    assert_eq!(
        actions(&entries(
            journal(&app, &alpha.operator, opened.clone()).await
        )),
        ["TICKET_OPENED"]
    );
    let spoil = |action: &'static str| {
        audit_event::Entity::update_many()
            .col_expr(audit_event::Column::Action, Expr::value(action))
            .filter(audit_event::Column::TargetId.eq(o.ticket.as_str()))
            .exec(app.store.connection())
    };
    assert_eq!(spoil("TICKET_LOST").await.unwrap().rows_affected, 1);
    let unreadable = journal(&app, &alpha.operator, opened.clone())
        .await
        .expect_err("the journal should have been refused");
    assert_eq!(unreadable.code(), "INTERNAL", "{unreadable:?}");
    spoil("TICKET_OPENED").await.unwrap();
    assert_eq!(
        actions(&entries(journal(&app, &alpha.operator, opened).await)),
        ["TICKET_OPENED"]
    );
}

on_both_databases!(
    the_journal_filters_by_person_action_object_and_date,
    a_bad_journal_filter_or_a_reader_gets_an_error_and_no_entry,
    a_journal_page_costs_the_same_statements_whatever_its_objects,
    an_operator_lists_the_establishments_granted_to_a_school_administrator,
    an_action_no_version_wrote_is_an_internal_error,
);
