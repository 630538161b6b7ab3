//! Helpdesk tickets (docs/domain.md §7): a ticket and its e-mails are written
//! together, the helpdesk works it, schools see only theirs.

use relais_store::entities::{outbox_message, ticket, ticket_event};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};

use crate::helpers::*;
use crate::typed::change_ticket_status::TicketStatusName as Moved;
use crate::typed::{
    HelpdeskDashboardFigures, HelpdeskMailFindings, HelpdeskOutbox, TicketAttachments, TicketIds,
    TicketKnownAnswers, TicketStatus, TicketTimeline, helpdesk_outbox, open_ticket,
    ticket_attachments, ticket_known_answers, ticket_status, ticket_timeline,
};
use crate::use_cases::{NewEstablishment, NewTicket, TicketCategoryName};

/// Two operators; in the first, a lycée with its base, granted to the
/// school administrator.
pub(crate) struct Fixture {
    pub(crate) app: TestApp,
    pub(crate) alpha: TenantFixture,
    pub(crate) beta: TenantFixture,
    pub(crate) lycee: String,
}

pub(crate) async fn fixture(backend: Backend) -> Fixture {
    fixture_on(spawn_app(backend).await).await
}

/// The fixture on an app started with settings of its own.
pub(crate) async fn fixture_on(app: TestApp) -> Fixture {
    let [alpha, beta] = app.two_tenants().await;
    let school = app
        .school_with_base(
            &alpha,
            NewEstablishment::lycee("0410017W", "Lycée Augustin Thierry")
                .in_academy("Orléans-Tours"),
        )
        .await;
    Fixture {
        app,
        alpha,
        beta,
        lycee: school.establishment,
    }
}

/// The refusal of a step the test expects refused (the step's answer
/// shown otherwise).
fn refused<T: std::fmt::Debug>(answer: Result<T, crate::typed::Refused>) -> crate::typed::Refused {
    answer.expect_err("the step should have been refused")
}

/// A ticket's status as `token`'s holder reads it.
async fn read_status(
    app: &TestApp,
    token: &str,
    id: &str,
) -> Result<ticket_status::ResponseData, crate::typed::Refused> {
    app.run::<TicketStatus>(Some(token), ticket_status::Variables { id: id.to_owned() })
        .await
}

/// The ids of the tickets `token`'s holder sees.
async fn ticket_ids(app: &TestApp, token: &str) -> Vec<String> {
    app.run_ok::<TicketIds>(Some(token), crate::typed::ticket_ids::Variables)
        .await
        .tickets
        .edges
        .into_iter()
        .map(|edge| edge.node.id)
        .collect()
}

/// The outbox as `token`'s holder follows it, of one status or all.
async fn helpdesk_outbox(
    app: &TestApp,
    token: &str,
    status: Option<helpdesk_outbox::OutboxStatusName>,
) -> Result<Vec<helpdesk_outbox::HelpdeskOutboxOutboxMessagesEdgesNode>, crate::typed::Refused> {
    app.run::<HelpdeskOutbox>(Some(token), helpdesk_outbox::Variables { status })
        .await
        .map(|data| {
            data.outbox_messages
                .edges
                .into_iter()
                .map(|edge| edge.node)
                .collect()
        })
}

async fn outbox(app: &TestApp) -> Vec<outbox_message::Model> {
    outbox_message::Entity::find()
        .order_by_asc(outbox_message::Column::Id)
        .all(app.store.connection())
        .await
        .unwrap()
}

async fn a_school_opens_a_ticket_and_the_helpdesk_works_it(backend: Backend) {
    let Fixture {
        app,
        alpha,
        beta,
        lycee,
    } = fixture(backend).await;

    // Before sending: the known answers of the category and diagnostics.
    let answers = app
        .run_ok::<TicketKnownAnswers>(
            Some(&alpha.school),
            ticket_known_answers::Variables {
                category: ticket_known_answers::TicketCategoryName::CAS_CONFIGURATION,
                establishment_id: lycee.clone(),
            },
        )
        .await;
    let codes: Vec<&str> = answers
        .known_answers
        .iter()
        .map(|a| a.code.as_str())
        .collect();
    assert!(codes.contains(&"DELEGATION_NOT_CONFIGURED"), "{codes:?}");

    let ticket = app
        .open_ticket(
            &alpha.school,
            NewTicket::about(
                &lycee,
                TicketCategoryName::CAS_CONFIGURATION,
                "Échec de l'authentification CAS",
                "Les élèves voient « Identification impossible ».",
            )
            .contact_phone("02 38 00 00 00"),
        )
        .await
        .unwrap_or_else(|refused| panic!("{refused:?}"));
    assert_eq!(
        ticket.status,
        open_ticket::TicketStatusName::OPEN,
        "{ticket:?}"
    );
    assert_eq!(ticket.contact_email, "school_admin@alpha.test");
    assert_eq!(ticket.establishment.uai, "0410017W");
    assert!(
        ticket
            .settings_snapshot
            .as_ref()
            .is_some_and(Value::is_object),
        "{ticket:?}"
    );
    // The snapshot's findings are JSON in the schema (`code`, `severity`, `message`).
    let findings: Vec<&str> = ticket
        .diagnostics_snapshot
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["code"].as_str())
        .collect();
    assert!(findings.contains(&"NO_DELEGATION"), "{findings:?}");
    assert!(
        ticket
            .known_answers
            .iter()
            .any(|a| a.code == "DELEGATION_NOT_CONFIGURED"),
        "answers after sending too: {ticket:?}"
    );
    let id = ticket.id;

    // Written with the ticket: the message to the helpdesk, the acknowledgement.
    let messages = outbox(&app).await;
    assert_eq!(messages.len(), 2);
    assert_eq!(messages[0].to_addresses, "[\"assistance@alpha.test\"]");
    assert_eq!(
        messages[0].subject,
        "ENT_Pronote — 0410017W — Échec de l'authentification CAS"
    );
    assert_eq!(
        messages[0].reply_to.as_deref(),
        Some("school_admin@alpha.test")
    );
    assert!(messages[0].text_body.contains("Identification impossible"));
    assert_eq!(messages[1].to_addresses, "[\"school_admin@alpha.test\"]");
    assert_eq!(
        messages[1].in_reply_to.as_deref(),
        Some(messages[0].message_id.as_str())
    );

    // The helpdesk answers; the school is told; the first answer is timed.
    let status = app
        .change_ticket_status(&alpha.helpdesk, &id, Moved::IN_PROGRESS)
        .await
        .unwrap_or_else(|refused| panic!("{refused:?}"));
    assert_eq!(status.status, Moved::IN_PROGRESS, "{status:?}");
    assert!(status.first_answer_at.is_some(), "{status:?}");
    let comment = app
        .comment_ticket(&alpha.school, &id, "Merci, c'est réglé.")
        .await
        .unwrap_or_else(|refused| panic!("{refused:?}"));
    let timeline = &comment.timeline;
    assert_eq!(timeline[0].kind, "STATUS", "{comment:?}");
    assert_eq!(timeline[1].body.as_deref(), Some("Merci, c'est réglé."));
    let messages = outbox(&app).await;
    assert_eq!(messages.len(), 4);
    assert_eq!(messages[2].to_addresses, "[\"school_admin@alpha.test\"]");
    assert!(messages[2].text_body.contains("En cours de traitement"));
    assert_eq!(messages[3].to_addresses, "[\"assistance@alpha.test\"]");
    assert!(
        messages
            .iter()
            .all(|m| m.subject.starts_with("ENT_Pronote"))
    );

    // An attachment, kept encrypted, readable by the helpdesk only in the tenant.
    // Raw: a multipart upload, which the typed operations do not send.
    let attached = app
        .graphql_upload(
            &alpha.school,
            "mutation($t: ID!, $file: Upload!) { attachToTicket(ticketId: $t, file: $file) { id fileName kind downloadPath } }",
            json!({ "t": id }),
            "capture écran (1).png",
            b"PNG-bytes".to_vec(),
        )
        .await;
    let attachment = &attached["data"]["attachToTicket"];
    assert_eq!(attachment["kind"], "TICKET_ATTACHMENT", "{attached}");
    assert_eq!(attachment["fileName"], "capture__cran__1_.png");
    let path = attachment["downloadPath"].as_str().unwrap();
    let downloaded = app.get_with_token(path, &alpha.helpdesk).await;
    assert_eq!(downloaded.status(), 200);
    assert_eq!(downloaded.bytes().await.unwrap().as_ref(), b"PNG-bytes");
    assert_eq!(app.get_with_token(path, &beta.helpdesk).await.status(), 404);
    let listed = app
        .run_ok::<TicketAttachments>(
            Some(&alpha.helpdesk),
            ticket_attachments::Variables { id: id.clone() },
        )
        .await;
    assert_eq!(
        listed
            .ticket
            .attachments
            .first()
            .map(|a| a.file_name.as_str()),
        Some("capture__cran__1_.png"),
        "{listed:?}"
    );

    // Rules of the workflow and of access.
    let by_school = refused(
        app.change_ticket_status(&alpha.school, &id, Moved::RESOLVED)
            .await,
    );
    assert_eq!(by_school.code(), "FORBIDDEN", "{by_school:?}");
    for step in [Moved::RESOLVED, Moved::CLOSED] {
        app.change_ticket_status(&alpha.helpdesk, &id, step)
            .await
            .unwrap_or_else(|refused| panic!("{refused:?}"));
    }
    let reopened = refused(
        app.change_ticket_status(&alpha.helpdesk, &id, Moved::OPEN)
            .await,
    );
    assert_eq!(reopened.code(), "VALIDATION", "{reopened:?}");
    let closed_comment = refused(app.comment_ticket(&alpha.school, &id, "Encore").await);
    assert_eq!(closed_comment.code(), "VALIDATION", "{closed_comment:?}");
    let foreign = refused(read_status(&app, &beta.helpdesk, &id).await);
    assert_eq!(foreign.code(), "NOT_FOUND", "{foreign:?}");
    assert_eq!(ticket_ids(&app, &beta.operator).await, Vec::<String>::new());
    assert_eq!(
        outbox(&app).await.len(),
        6,
        "two status e-mails, nothing for refused changes"
    );

    // The helpdesk follows the e-mails; schools do not see the outbox.
    let queued = helpdesk_outbox(&app, &alpha.helpdesk, None)
        .await
        .unwrap_or_else(|refused| panic!("{refused:?}"));
    assert_eq!(queued.len(), 6, "{queued:?}");
    assert!(
        queued
            .iter()
            .all(|m| m.status == helpdesk_outbox::OutboxStatusName::PENDING),
        "{queued:?}"
    );
    let refused_to_school = refused(helpdesk_outbox(&app, &alpha.school, None).await);
    assert_eq!(
        refused_to_school.code(),
        "FORBIDDEN",
        "{refused_to_school:?}"
    );
    let other = helpdesk_outbox(&app, &beta.helpdesk, None)
        .await
        .unwrap_or_else(|refused| panic!("{refused:?}"));
    assert!(other.is_empty(), "{other:?}");

    // The dashboard counts it.
    let dashboard = app
        .run_ok::<HelpdeskDashboardFigures>(
            Some(&alpha.helpdesk),
            crate::typed::helpdesk_dashboard_figures::Variables,
        )
        .await
        .helpdesk_dashboard;
    assert_eq!(dashboard.open_tickets, 0, "{dashboard:?}");
    assert_eq!(dashboard.answered_tickets, 1);
    let most: Vec<(&str, i64)> = dashboard
        .establishments_with_most_tickets
        .iter()
        .map(|c| (c.key.as_str(), c.tickets))
        .collect();
    assert_eq!(most, [("0410017W", 1)]);
}

async fn bad_tickets_are_refused_and_write_nothing(backend: Backend) {
    let Fixture {
        app,
        alpha,
        beta,
        lycee,
    } = fixture(backend).await;
    let other = |title: &'static str, description: &'static str| {
        NewTicket::about(&lycee, TicketCategoryName::OTHER, title, description)
    };
    let cases = [
        (other("Bonjour\r\nBcc: espion@exemple.fr", "x"), "title"),
        (other("", "x"), "title"),
        (other("Titre", "   "), "description"),
        (
            other("Titre", "x").contact_email("pas une adresse\r\nBcc: x@y.z"),
            "contactEmail",
        ),
        (
            other("Titre", "x").contact_phone("appelez-moi"),
            "contactPhone",
        ),
    ];
    for (new, field) in cases {
        let refused = refused(app.open_ticket(&alpha.school, new).await);
        assert_eq!(refused.code(), "VALIDATION", "{refused:?}");
        assert_eq!(refused.field(), Some(field), "{refused:?}");
    }
    let foreign = refused(app.open_ticket(&beta.school, other("Titre", "x")).await);
    assert_eq!(foreign.code(), "NOT_FOUND", "{foreign:?}");
    assert!(outbox(&app).await.is_empty());
    assert_eq!(
        ticket_ids(&app, &alpha.helpdesk).await,
        Vec::<String>::new()
    );
}

/// A school administrator's ticket « Connexion impossible » about `lycee`.
async fn connection_ticket(app: &TestApp, token: &str, lycee: &str) -> String {
    app.opened_ticket(
        token,
        NewTicket::about(
            lycee,
            TicketCategoryName::CAS_CONFIGURATION,
            "Connexion impossible",
            "Les élèves ne se connectent pas.",
        ),
    )
    .await
}

async fn a_status_no_version_wrote_is_an_internal_error_not_open(backend: Backend) {
    let Fixture {
        app, alpha, lycee, ..
    } = fixture(backend).await;
    let id = connection_ticket(&app, &alpha.school, &lycee).await;
    let uuid: uuid::Uuid = id.parse().unwrap();
    let changed = ticket::Entity::update_many()
        .col_expr(ticket::Column::Status, Expr::value("PERDU"))
        .filter(ticket::Column::Id.eq(uuid))
        .exec(app.store.connection())
        .await
        .unwrap();
    assert_eq!(changed.rows_affected, 1);
    // Read back: never shown as OPEN (the silent default it used to be).
    let read = refused(read_status(&app, &alpha.helpdesk, &id).await);
    assert_eq!(read.code(), "INTERNAL", "{read:?}");
    let dashboard = refused(
        app.run::<HelpdeskDashboardFigures>(
            Some(&alpha.helpdesk),
            crate::typed::helpdesk_dashboard_figures::Variables,
        )
        .await,
    );
    assert_eq!(dashboard.code(), "INTERNAL", "{dashboard:?}");
}

/// A timeline entry whose kind or status no version wrote: the timeline
/// fails as an internal error, never shows the stored text as it is.
async fn a_timeline_entry_no_version_wrote_is_an_internal_error(backend: Backend) {
    let Fixture {
        app, alpha, lycee, ..
    } = fixture(backend).await;
    let id = connection_ticket(&app, &alpha.school, &lycee).await;
    app.change_ticket_status(&alpha.helpdesk, &id, Moved::IN_PROGRESS)
        .await
        .unwrap_or_else(|refused| panic!("{refused:?}"));
    let timeline = || {
        app.run::<TicketTimeline>(
            Some(&alpha.helpdesk),
            ticket_timeline::Variables { id: id.clone() },
        )
    };
    let read = timeline()
        .await
        .unwrap_or_else(|refused| panic!("{refused:?}"));
    let entry = &read.ticket.timeline[0];
    assert_eq!(
        (
            entry.kind.as_str(),
            entry.status_from.as_deref(),
            entry.status_to.as_deref()
        ),
        ("STATUS", Some("OPEN"), Some("IN_PROGRESS"))
    );
    let ticket_id: uuid::Uuid = id.parse().unwrap();
    for (column, spoiled, good) in [
        (ticket_event::Column::Kind, "NOTE", "STATUS"),
        (ticket_event::Column::StatusTo, "PERDU", "IN_PROGRESS"),
    ] {
        let spoil = |value: &'static str| {
            ticket_event::Entity::update_many()
                .col_expr(column, Expr::value(value))
                .filter(ticket_event::Column::TicketId.eq(ticket_id))
                .exec(app.store.connection())
        };
        assert_eq!(spoil(spoiled).await.unwrap().rows_affected, 1);
        let unreadable = refused(timeline().await);
        assert_eq!(unreadable.code(), "INTERNAL", "{spoiled}: {unreadable:?}");
        spoil(good).await.unwrap();
    }
    assert_eq!(
        timeline()
            .await
            .unwrap_or_else(|refused| panic!("{refused:?}"))
            .ticket
            .timeline,
        read.ticket.timeline
    );
}

on_both_databases!(
    a_school_opens_a_ticket_and_the_helpdesk_works_it,
    bad_tickets_are_refused_and_write_nothing,
    a_status_no_version_wrote_is_an_internal_error_not_open,
    a_timeline_entry_no_version_wrote_is_an_internal_error,
);

/// The outbox job of `app`, sending through `maildev` (run by hand).
fn outbox_job_to(
    app: &TestApp,
    maildev: &relais_tests::services::maildev::MailDev,
) -> relais_server::mail::outbox_job::OutboxJob {
    let mut settings = app.settings.clone();
    settings.mail.transport = relais_server::mail::MailTransport::Smtp;
    settings.mail.smtp.host = "127.0.0.1".into();
    settings.mail.smtp.port = Some(maildev.smtp_port());
    settings.mail.smtp.tls = relais_server::mail::SmtpTls::None;
    let mailer = relais_server::mail::build_mailer(&settings).unwrap();
    relais_server::mail::outbox_job::OutboxJob::new(app.store.clone(), mailer, &settings.mail)
}

#[tokio::test]
async fn the_helpdesk_receives_the_ticket_by_e_mail_threaded() {
    use relais_tests::services::maildev::MailDev;
    let Some(maildev) = MailDev::start().await.unwrap_or_else(|e| panic!("{e}")) else {
        return;
    };
    let Fixture {
        app, alpha, lycee, ..
    } = fixture(Backend::Sqlite).await;
    let job = outbox_job_to(&app, &maildev);

    let id = app
        .opened_ticket(
            &alpha.school,
            NewTicket::about(
                &lycee,
                TicketCategoryName::DIRECT_ACCESS,
                "L'ancienne adresse ne marche plus",
                "Depuis lundi.",
            ),
        )
        .await;
    job.run_once().await.unwrap();
    let received = maildev.wait_for(2).await.unwrap();
    let to_helpdesk = received
        .iter()
        .find(|m| m["to"][0]["address"] == "assistance@alpha.test")
        .unwrap_or_else(|| panic!("{received:?}"));
    assert_eq!(
        to_helpdesk["subject"],
        "ENT_Pronote — 0410017W — L'ancienne adresse ne marche plus"
    );
    assert!(
        to_helpdesk["text"]
            .as_str()
            .unwrap()
            .contains("Depuis lundi.")
    );
    assert!(
        to_helpdesk["html"]
            .as_str()
            .unwrap()
            .contains("Depuis lundi.")
    );
    let root = maildev.source(to_helpdesk).await.unwrap();
    assert!(root.contains(&format!(
        "ticket-{}",
        uuid::Uuid::parse_str(&id).unwrap().simple()
    )));

    app.comment_ticket(&alpha.helpdesk, &id, "Utilisez l'adresse avec ?login=true.")
        .await
        .unwrap_or_else(|refused| panic!("{refused:?}"));
    job.run_once().await.unwrap();
    let received = maildev.wait_for(3).await.unwrap();
    let answer = received
        .iter()
        .find(|m| {
            m["text"]
                .as_str()
                .is_some_and(|t| t.contains("?login=true"))
        })
        .unwrap_or_else(|| panic!("{received:?}"));
    assert_eq!(answer["to"][0]["address"], "school_admin@alpha.test");
    let source = maildev.source(answer).await.unwrap();
    assert!(source.contains("In-Reply-To: <ticket-"), "{source}");
    assert!(source.contains("References: <ticket-"), "{source}");
    // Nothing left to send: exactly three messages, once each.
    job.run_once().await.unwrap();
    assert_eq!(maildev.emails().await.unwrap().len(), 3);
}

#[tokio::test]
async fn a_title_with_markup_and_line_breaks_arrives_escaped_and_on_one_line() {
    use relais_store::entities::ticket;
    use relais_tests::services::maildev::MailDev;
    use sea_orm::sea_query::Expr;
    use sea_orm::{ColumnTrait, QueryFilter};
    let Some(maildev) = MailDev::start().await.unwrap_or_else(|e| panic!("{e}")) else {
        return;
    };
    // Arrange: a title with markup (one line of text: accepted), and then
    // the same title with a line break, as a row written around the checks
    // (an older version) would hold it: the API refuses line breaks.
    let Fixture {
        app, alpha, lycee, ..
    } = fixture(Backend::Sqlite).await;
    let job = outbox_job_to(&app, &maildev);
    let title = "Échec <script>alert(1)</script>";
    let id = app
        .opened_ticket(
            &alpha.school,
            NewTicket::about(
                &lycee,
                TicketCategoryName::OTHER,
                title,
                "Voir <b>ici</b> & là",
            ),
        )
        .await;
    let broken = format!("{title}\r\nBcc: espion@pirate.test");
    ticket::Entity::update_many()
        .col_expr(ticket::Column::Title, Expr::value(broken))
        .filter(ticket::Column::Id.eq(uuid::Uuid::parse_str(&id).unwrap()))
        .exec(app.store.connection())
        .await
        .unwrap();

    // Act: the helpdesk moves the ticket on; the requester is told.
    app.change_ticket_status(&alpha.helpdesk, &id, Moved::IN_PROGRESS)
        .await
        .unwrap_or_else(|refused| panic!("{refused:?}"));
    job.run_once().await.unwrap();

    // Assert
    let received = maildev.wait_for(3).await.unwrap();
    let escaped = "Échec &#60;script&#62;alert(1)&#60;/script&#62;";
    for email in &received {
        let html = email["html"].as_str().unwrap();
        assert!(!html.contains("<script") && !html.contains("<b>"), "{html}");
        let source = maildev.source(email).await.unwrap();
        let headers = raw_headers(&source);
        assert_eq!(
            (
                count_header(&headers, "Subject"),
                count_header(&headers, "Bcc")
            ),
            (1, 0),
            "{headers:?}"
        );
        assert!(
            !email["envelope"]["to"]
                .to_string()
                .contains("espion@pirate.test")
        );
    }
    let to_helpdesk = received
        .iter()
        .find(|m| m["to"][0]["address"] == "assistance@alpha.test")
        .unwrap_or_else(|| panic!("{received:?}"));
    assert_eq!(
        to_helpdesk["subject"],
        format!("ENT_Pronote — 0410017W — {title}")
    );
    let html = to_helpdesk["html"].as_str().unwrap();
    assert!(
        html.contains("Voir &#60;b&#62;ici&#60;/b&#62; &#38; là"),
        "{html}"
    );
    assert!(
        to_helpdesk["text"]
            .as_str()
            .unwrap()
            .contains("Voir <b>ici</b> & là")
    );
    let to_school: Vec<&Value> = received
        .iter()
        .filter(|m| m["to"][0]["address"] == "school_admin@alpha.test")
        .collect();
    let acknowledgement = to_school
        .iter()
        .find(|m| m["text"].as_str().unwrap().contains("bien été transmise"))
        .unwrap_or_else(|| panic!("{to_school:?}"));
    assert!(
        acknowledgement["html"].as_str().unwrap().contains(escaped),
        "{acknowledgement}"
    );
    let status = to_school
        .iter()
        .find(|m| m["text"].as_str().unwrap().contains("est maintenant"))
        .unwrap_or_else(|| panic!("{to_school:?}"));
    assert_eq!(
        status["subject"],
        format!("ENT_Pronote — 0410017W — {title} Bcc: espion@pirate.test")
    );
    assert!(
        status["html"].as_str().unwrap().contains(escaped),
        "{status}"
    );
}

#[tokio::test]
async fn an_e_mail_given_up_on_raises_a_finding_for_the_helpdesk() {
    let Fixture {
        app,
        alpha,
        beta,
        lycee,
    } = fixture(Backend::Sqlite).await;
    let findings = |token: &str| {
        let token = token.to_owned();
        let app = &app;
        async move {
            app.run_ok::<HelpdeskMailFindings>(
                Some(&token),
                crate::typed::helpdesk_mail_findings::Variables,
            )
            .await
            .mail_findings
        }
    };
    let none = findings(&alpha.helpdesk).await;
    assert!(none.is_empty(), "{none:?}");
    app.opened_ticket(
        &alpha.school,
        NewTicket::about(&lycee, TicketCategoryName::OTHER, "Titre", "x"),
    )
    .await;
    let first = outbox(&app).await.remove(0);
    assert!(
        app.store
            .outbox()
            .mark_poisoned(first.id, "550 relay denied")
            .await
            .unwrap()
    );
    let raised = findings(&alpha.helpdesk).await;
    let first = raised.first().unwrap_or_else(|| panic!("{raised:?}"));
    assert_eq!(first.code, "MAIL_DELIVERY_FAILED", "{raised:?}");
    assert!(first.message.starts_with("1 courriel"), "{raised:?}");
    let failed = helpdesk_outbox(
        &app,
        &alpha.helpdesk,
        Some(helpdesk_outbox::OutboxStatusName::FAILED),
    )
    .await
    .unwrap_or_else(|refused| panic!("{refused:?}"));
    assert_eq!(
        failed.first().and_then(|m| m.last_error.as_deref()),
        Some("550 relay denied"),
        "{failed:?}"
    );
    let other = findings(&beta.helpdesk).await;
    assert!(
        other.is_empty(),
        "another operator's failures are not its own: {other:?}"
    );
}
