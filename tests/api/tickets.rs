//! Helpdesk tickets (docs/domain.md §7): a ticket and its e-mails are written
//! together, the helpdesk works it, schools see only theirs.

use relais_store::entities::{outbox_message, ticket};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};

use crate::helpers::*;
use crate::use_cases::NewEstablishment;

const TICKET_FIELDS: &str = "id status category title contactEmail firstAnswerAt establishment { uai } settingsSnapshot diagnosticsSnapshot knownAnswers { code } timeline { kind body statusFrom statusTo authorEmail }";

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

pub(crate) async fn open_ticket(app: &TestApp, token: &str, input: Value) -> Value {
    app.graphql(
        Some(token),
        &format!(
            "mutation($i: OpenTicketInput!) {{ openTicket(input: $i) {{ {TICKET_FIELDS} }} }}"
        ),
        json!({ "i": input }),
    )
    .await
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
        .graphql(
            Some(&alpha.school),
            "query($e: ID!) { knownAnswers(category: CAS_CONFIGURATION, establishmentId: $e) { code title answer } }",
            json!({ "e": lycee }),
        )
        .await;
    let codes: Vec<&str> = answers["data"]["knownAnswers"]
        .as_array()
        .unwrap_or_else(|| panic!("{answers}"))
        .iter()
        .filter_map(|a| a["code"].as_str())
        .collect();
    assert!(codes.contains(&"DELEGATION_NOT_CONFIGURED"), "{codes:?}");

    let opened = open_ticket(
        &app,
        &alpha.school,
        json!({ "establishmentId": lycee, "category": "CAS_CONFIGURATION",
                "title": "Échec de l'authentification CAS", "description": "Les élèves voient « Identification impossible ».",
                "contactPhone": "02 38 00 00 00" }),
    )
    .await;
    let ticket = &opened["data"]["openTicket"];
    assert_eq!(ticket["status"], "OPEN", "{opened}");
    assert_eq!(ticket["contactEmail"], "school_admin@alpha.test");
    assert_eq!(ticket["establishment"]["uai"], "0410017W");
    assert!(ticket["settingsSnapshot"].is_object(), "{ticket}");
    let findings: Vec<&str> = ticket["diagnosticsSnapshot"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["code"].as_str())
        .collect();
    assert!(findings.contains(&"NO_DELEGATION"), "{findings:?}");
    assert!(
        ticket["knownAnswers"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["code"] == "DELEGATION_NOT_CONFIGURED"),
        "answers after sending too: {ticket}"
    );
    let id = ticket["id"].as_str().unwrap().to_owned();

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
        .graphql(
            Some(&alpha.helpdesk),
            &format!("mutation($t: ID!) {{ changeTicketStatus(ticketId: $t, status: IN_PROGRESS) {{ {TICKET_FIELDS} }} }}"),
            json!({ "t": id }),
        )
        .await;
    assert_eq!(
        status["data"]["changeTicketStatus"]["status"], "IN_PROGRESS",
        "{status}"
    );
    assert!(status["data"]["changeTicketStatus"]["firstAnswerAt"].is_string());
    let comment = app
        .graphql(
            Some(&alpha.school),
            &format!("mutation($t: ID!) {{ commentTicket(ticketId: $t, body: \"Merci, c'est réglé.\") {{ {TICKET_FIELDS} }} }}"),
            json!({ "t": id }),
        )
        .await;
    let timeline = &comment["data"]["commentTicket"]["timeline"];
    assert_eq!(timeline[0]["kind"], "STATUS", "{comment}");
    assert_eq!(timeline[1]["body"], "Merci, c'est réglé.");
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
        .graphql(
            Some(&alpha.helpdesk),
            "query($t: ID!) { ticket(id: $t) { attachments { fileName } } }",
            json!({ "t": id }),
        )
        .await;
    assert_eq!(
        listed["data"]["ticket"]["attachments"][0]["fileName"], "capture__cran__1_.png",
        "{listed}"
    );

    // Rules of the workflow and of access.
    let by_school = app
        .graphql(
            Some(&alpha.school),
            "mutation($t: ID!) { changeTicketStatus(ticketId: $t, status: RESOLVED) { id } }",
            json!({ "t": id }),
        )
        .await;
    assert_eq!(error_code(&by_school), "FORBIDDEN");
    for step in ["RESOLVED", "CLOSED"] {
        let moved = app
            .graphql(Some(&alpha.helpdesk), &format!("mutation($t: ID!) {{ changeTicketStatus(ticketId: $t, status: {step}) {{ id }} }}"), json!({ "t": id }))
            .await;
        assert!(moved["errors"].is_null(), "{moved}");
    }
    let reopened = app
        .graphql(
            Some(&alpha.helpdesk),
            "mutation($t: ID!) { changeTicketStatus(ticketId: $t, status: OPEN) { id } }",
            json!({ "t": id }),
        )
        .await;
    assert_eq!(error_code(&reopened), "VALIDATION");
    let closed_comment = app
        .graphql(
            Some(&alpha.school),
            "mutation($t: ID!) { commentTicket(ticketId: $t, body: \"Encore\") { id } }",
            json!({ "t": id }),
        )
        .await;
    assert_eq!(error_code(&closed_comment), "VALIDATION");
    let foreign = app
        .graphql(
            Some(&beta.helpdesk),
            "query($t: ID!) { ticket(id: $t) { id } }",
            json!({ "t": id }),
        )
        .await;
    assert_eq!(error_code(&foreign), "NOT_FOUND");
    let listed = app
        .graphql(
            Some(&beta.operator),
            "{ tickets { edges { node { id } } } }",
            json!({}),
        )
        .await;
    assert_eq!(listed["data"]["tickets"]["edges"], json!([]));
    assert_eq!(
        outbox(&app).await.len(),
        6,
        "two status e-mails, nothing for refused changes"
    );

    // The helpdesk follows the e-mails; schools do not see the outbox.
    let queued = app
        .graphql(
            Some(&alpha.helpdesk),
            "{ outboxMessages { edges { node { subject status attempts lastError to } } } }",
            json!({}),
        )
        .await;
    let edges = queued["data"]["outboxMessages"]["edges"]
        .as_array()
        .unwrap_or_else(|| panic!("{queued}"));
    assert_eq!(edges.len(), 6);
    assert!(edges.iter().all(|e| e["node"]["status"] == "PENDING"));
    let refused = app
        .graphql(
            Some(&alpha.school),
            "{ outboxMessages { edges { node { id } } } }",
            json!({}),
        )
        .await;
    assert_eq!(error_code(&refused), "FORBIDDEN");
    let other = app
        .graphql(
            Some(&beta.helpdesk),
            "{ outboxMessages { edges { node { id } } } }",
            json!({}),
        )
        .await;
    assert_eq!(other["data"]["outboxMessages"]["edges"], json!([]));

    // The dashboard counts it.
    let dashboard = app
        .graphql(
            Some(&alpha.helpdesk),
            "{ helpdeskDashboard { openTickets answeredTickets medianFirstAnswerSeconds establishmentsWithMostTickets { key tickets } } }",
            json!({}),
        )
        .await;
    let dashboard = &dashboard["data"]["helpdeskDashboard"];
    assert_eq!(dashboard["openTickets"], 0, "{dashboard}");
    assert_eq!(dashboard["answeredTickets"], 1);
    assert_eq!(
        dashboard["establishmentsWithMostTickets"],
        json!([{ "key": "0410017W", "tickets": 1 }])
    );
}

async fn bad_tickets_are_refused_and_write_nothing(backend: Backend) {
    let Fixture {
        app,
        alpha,
        beta,
        lycee,
    } = fixture(backend).await;
    let cases = [
        (
            json!({ "title": "Bonjour\r\nBcc: espion@exemple.fr", "description": "x" }),
            "title",
        ),
        (json!({ "title": "", "description": "x" }), "title"),
        (
            json!({ "title": "Titre", "description": "   " }),
            "description",
        ),
        (
            json!({ "title": "Titre", "description": "x", "contactEmail": "pas une adresse\r\nBcc: x@y.z" }),
            "contactEmail",
        ),
        (
            json!({ "title": "Titre", "description": "x", "contactPhone": "appelez-moi" }),
            "contactPhone",
        ),
    ];
    for (mut input, field) in cases {
        input["establishmentId"] = json!(lycee);
        input["category"] = json!("OTHER");
        let refused = open_ticket(&app, &alpha.school, input).await;
        assert_eq!(error_code(&refused), "VALIDATION", "{refused}");
        assert_eq!(
            refused["errors"][0]["extensions"]["field"], field,
            "{refused}"
        );
    }
    let foreign = open_ticket(
        &app,
        &beta.school,
        json!({ "establishmentId": lycee, "category": "OTHER", "title": "Titre", "description": "x" }),
    )
    .await;
    assert_eq!(error_code(&foreign), "NOT_FOUND");
    assert!(outbox(&app).await.is_empty());
    let listed = app
        .graphql(
            Some(&alpha.helpdesk),
            "{ tickets { edges { node { id } } } }",
            json!({}),
        )
        .await;
    assert_eq!(listed["data"]["tickets"]["edges"], json!([]));
}

async fn a_status_no_version_wrote_is_an_internal_error_not_open(backend: Backend) {
    let Fixture {
        app, alpha, lycee, ..
    } = fixture(backend).await;
    let opened = open_ticket(
        &app,
        &alpha.school,
        json!({ "establishmentId": lycee, "category": "CAS_CONFIGURATION",
                "title": "Connexion impossible", "description": "Les élèves ne se connectent pas." }),
    )
    .await;
    let id = opened["data"]["openTicket"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let uuid: uuid::Uuid = id.parse().unwrap();
    let changed = ticket::Entity::update_many()
        .col_expr(ticket::Column::Status, Expr::value("PERDU"))
        .filter(ticket::Column::Id.eq(uuid))
        .exec(app.store.connection())
        .await
        .unwrap();
    assert_eq!(changed.rows_affected, 1);
    // Read back: never shown as OPEN (the silent default it used to be).
    let read = app
        .graphql(
            Some(&alpha.helpdesk),
            "query($id: ID!) { ticket(id: $id) { status } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(error_code(&read), "INTERNAL", "{read}");
    let dashboard = app
        .graphql(
            Some(&alpha.helpdesk),
            "{ helpdeskDashboard { openTickets } }",
            json!({}),
        )
        .await;
    assert_eq!(error_code(&dashboard), "INTERNAL", "{dashboard}");
}

on_both_databases!(
    a_school_opens_a_ticket_and_the_helpdesk_works_it,
    bad_tickets_are_refused_and_write_nothing,
    a_status_no_version_wrote_is_an_internal_error_not_open,
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

    let opened = open_ticket(
        &app,
        &alpha.school,
        json!({ "establishmentId": lycee, "category": "DIRECT_ACCESS",
                "title": "L'ancienne adresse ne marche plus", "description": "Depuis lundi." }),
    )
    .await;
    let id = opened["data"]["openTicket"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{opened}"))
        .to_owned();
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

    let answered = app
        .graphql(
            Some(&alpha.helpdesk),
            "mutation($t: ID!) { commentTicket(ticketId: $t, body: \"Utilisez l'adresse avec ?login=true.\") { id } }",
            json!({ "t": id }),
        )
        .await;
    assert!(answered["errors"].is_null(), "{answered}");
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
    let opened = open_ticket(
        &app,
        &alpha.school,
        json!({ "establishmentId": lycee, "category": "OTHER", "title": title,
                "description": "Voir <b>ici</b> & là" }),
    )
    .await;
    let id = opened["data"]["openTicket"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{opened}"))
        .to_owned();
    let broken = format!("{title}\r\nBcc: espion@pirate.test");
    ticket::Entity::update_many()
        .col_expr(ticket::Column::Title, Expr::value(broken))
        .filter(ticket::Column::Id.eq(uuid::Uuid::parse_str(&id).unwrap()))
        .exec(app.store.connection())
        .await
        .unwrap();

    // Act: the helpdesk moves the ticket on; the requester is told.
    let moved = app
        .graphql(
            Some(&alpha.helpdesk),
            "mutation($t: ID!) { changeTicketStatus(ticketId: $t, status: IN_PROGRESS) { id } }",
            json!({ "t": id }),
        )
        .await;
    assert!(moved["errors"].is_null(), "{moved}");
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
    let findings = "{ mailFindings { code severity message } }";
    let none = app
        .graphql(Some(&alpha.helpdesk), findings, json!({}))
        .await;
    assert_eq!(none["data"]["mailFindings"], json!([]), "{none}");
    let opened = open_ticket(
        &app,
        &alpha.school,
        json!({ "establishmentId": lycee, "category": "OTHER", "title": "Titre", "description": "x" }),
    )
    .await;
    assert!(opened["errors"].is_null(), "{opened}");
    let first = outbox(&app).await.remove(0);
    assert!(
        app.store
            .outbox()
            .mark_poisoned(first.id, "550 relay denied")
            .await
            .unwrap()
    );
    let raised = app
        .graphql(Some(&alpha.helpdesk), findings, json!({}))
        .await;
    assert_eq!(
        raised["data"]["mailFindings"][0]["code"], "MAIL_DELIVERY_FAILED",
        "{raised}"
    );
    assert!(
        raised["data"]["mailFindings"][0]["message"]
            .as_str()
            .unwrap()
            .starts_with("1 courriel")
    );
    let failed = app
        .graphql(
            Some(&alpha.helpdesk),
            "{ outboxMessages(status: FAILED) { edges { node { lastError status } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        failed["data"]["outboxMessages"]["edges"][0]["node"]["lastError"], "550 relay denied",
        "{failed}"
    );
    let other = app.graphql(Some(&beta.helpdesk), findings, json!({})).await;
    assert_eq!(
        other["data"]["mailFindings"],
        json!([]),
        "another operator's failures are not its own"
    );
}
