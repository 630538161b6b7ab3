//! The mail outbox against a real SMTP server (MailDev, `services::maildev`)
//! and the embedded `.eml` transport. The outbox job is run by hand
//! (`run_once`), as the job runner would, so that each step is observable.
//! Without MailDev (outside CI) the SMTP scenarios print
//! `SKIPPED (MailDev absent)`.

use chrono::Utc;
use relais_domain::{Email, Role, TenantName, TenantSlug};
use relais_server::Settings;
use relais_server::mail::{
    MailError, MailSettings, MailTemplate, MailTransport, Notification, OutboxJob, OutgoingMail,
    SmtpTls, build_mailer,
};
use relais_store::entities::outbox_message;
use relais_store::{
    Caller, NewOutboxMessage, NewTenant, OutboxFilter, OutboxMessage, OutboxStatus, PageRequest,
    StoreError, new_message_id,
};
use relais_tests::services::maildev::MailDev;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set, TransactionTrait};
use serde_json::Value;
use uuid::Uuid;

use crate::helpers::{Backend, TestApp, count_header, raw_headers, spawn_app_with};

const DOMAIN: &str = "relais.test";

/// A loopback port nothing listens on.
fn closed_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// `[mail]` for a MailDev on `port`: plain SMTP on loopback.
fn smtp_settings(port: u16) -> MailSettings {
    let mut mail = MailSettings {
        transport: MailTransport::Smtp,
        from: "Relais <relais@relais.test>".into(),
        ..MailSettings::default()
    };
    mail.smtp.host = "127.0.0.1".into();
    mail.smtp.port = Some(port);
    mail.smtp.tls = SmtpTls::None;
    mail.smtp.timeout_seconds = 5;
    mail
}

async fn maildev() -> Option<MailDev> {
    MailDev::start().await.unwrap_or_else(|err| panic!("{err}"))
}

async fn app_with_mail(backend: Backend, mail: MailSettings) -> TestApp {
    spawn_app_with(backend, move |settings: &mut Settings| settings.mail = mail).await
}

fn job(app: &TestApp) -> OutboxJob {
    OutboxJob::new(
        app.store.clone(),
        build_mailer(&app.settings).unwrap(),
        &app.settings.mail,
    )
}

/// A helpdesk ticket as the ticket repository will enqueue it.
fn ticket(tenant_id: Option<Uuid>, title: &str) -> NewOutboxMessage {
    let rendered = Notification::new(format!("ENT_Pronote : {title}"))
        .paragraph("Échec de l'authentification par le serveur CAS : aucun attribut idPronote.")
        .paragraph("Établissement : <Collège Jean Moulin> & co.")
        .action("Voir le ticket", "https://relais.test/tickets/1")
        .render()
        .unwrap();
    let mut message = rendered.into_outbox(
        "TICKET_OPENED",
        tenant_id,
        vec![
            "Assistance <assistance@ac-orleans-tours.test>".into(),
            "suivi@relais.test".into(),
        ],
        new_message_id(DOMAIN),
    );
    message.reply_to = Some("Jeanne Dupont <jeanne.dupont@college.test>".into());
    message.in_reply_to = Some("<premier@relais.test>".into());
    message.references = Some("<premier@relais.test>".into());
    message
}

async fn enqueue(app: &TestApp, message: NewOutboxMessage) -> OutboxMessage {
    relais_store::outbox::enqueue(app.store.connection(), message)
        .await
        .unwrap()
}

async fn row(app: &TestApp, id: Uuid) -> OutboxMessage {
    app.store.outbox().find(id).await.unwrap()
}

/// Time passes: the message's next attempt is due now.
async fn make_due(app: &TestApp, id: Uuid) {
    outbox_message::Entity::update_many()
        .col_expr(
            outbox_message::Column::NextAttemptAt,
            Expr::value(Utc::now()),
        )
        .filter(outbox_message::Column::Id.eq(id))
        .exec(app.store.connection())
        .await
        .unwrap();
}

fn header<'a>(email: &'a Value, name: &str) -> &'a str {
    email["headers"][name]
        .as_str()
        .unwrap_or_else(|| panic!("no {name} header in {email}"))
}

fn envelope_recipients(email: &Value) -> Vec<String> {
    let mut to: Vec<String> = email["envelope"]["to"]
        .as_array()
        .unwrap()
        .iter()
        .map(|to| to["address"].as_str().unwrap().to_owned())
        .collect();
    to.sort();
    to
}

async fn a_queued_message_reaches_the_smtp_server_with_its_headers_and_bodies(backend: Backend) {
    // Arrange
    let Some(maildev) = maildev().await else {
        return;
    };
    let app = app_with_mail(backend, smtp_settings(maildev.smtp_port())).await;
    let queued = enqueue(&app, ticket(None, "Échec de l'authentification CAS")).await;

    // Act
    let run = job(&app).run_once().await.unwrap();

    // Assert
    assert_eq!((run.sent, run.retried, run.failed), (1, 0, 0));
    let sent = row(&app, queued.id).await;
    assert_eq!(sent.status, OutboxStatus::Sent);
    assert!(sent.sent_at.is_some());
    let emails = maildev.wait_for(1).await.unwrap();
    assert_eq!(emails.len(), 1);
    let email = &emails[0];
    assert_eq!(
        envelope_recipients(email),
        ["assistance@ac-orleans-tours.test", "suivi@relais.test"]
    );
    assert_eq!(
        email["subject"],
        "ENT_Pronote : Échec de l'authentification CAS"
    );
    assert_eq!(header(email, "message-id"), queued.message_id);
    assert_eq!(header(email, "in-reply-to"), "<premier@relais.test>");
    assert_eq!(header(email, "references"), "<premier@relais.test>");
    assert_eq!(email["replyTo"][0]["address"], "jeanne.dupont@college.test");
    assert_eq!(email["from"][0]["address"], "relais@relais.test");
    let text = email["text"].as_str().unwrap();
    assert!(text.contains("aucun attribut idPronote"), "{text}");
    assert!(text.contains("<Collège Jean Moulin> & co."), "{text}");
    let html = email["html"].as_str().unwrap();
    assert!(
        html.contains("Jean Moulin&#62; &#38; co.") || html.contains("Jean Moulin&gt; &amp; co."),
        "{html}"
    );
    assert!(html.contains("https://relais.test/tickets/1"), "{html}");
    let source = maildev.source(email).await.unwrap();
    let headers = raw_headers(&source);
    assert_eq!(count_header(&headers, "Subject"), 1);
    // The prefix helpdesk filters look for is not encoded away.
    assert!(
        headers
            .iter()
            .any(|h| h.starts_with("Subject: ENT_Pronote : ")),
        "{headers:?}"
    );
    assert!(source.contains("multipart/alternative"));
}

async fn a_message_queued_while_smtp_is_down_is_delivered_once_it_is_back(backend: Backend) {
    // Arrange: the server is down when the message is queued and tried.
    let Some(maildev) = maildev().await else {
        return;
    };
    let app = app_with_mail(backend, smtp_settings(maildev.smtp_port())).await;
    let job = job(&app);
    maildev.stop();
    let queued = enqueue(&app, ticket(None, "serveur SMTP arrêté")).await;
    let run = job.run_once().await.unwrap();
    assert_eq!((run.sent, run.retried), (0, 1));
    let waiting = row(&app, queued.id).await;
    assert_eq!(waiting.status, OutboxStatus::Pending);
    assert_eq!(waiting.attempts, 1);
    assert!(waiting.last_error.as_deref().unwrap().contains("SMTP"));
    assert!(waiting.next_attempt_at > Utc::now() + chrono::Duration::seconds(20));
    // Not due yet: a run in between sends nothing.
    maildev.restart().await.unwrap();
    assert_eq!(job.run_once().await.unwrap().sent, 0);

    // Act: the retry is due; the job runs twice.
    make_due(&app, queued.id).await;
    let first = job.run_once().await.unwrap();
    let second = job.run_once().await.unwrap();

    // Assert: exactly one copy.
    assert_eq!((first.sent, second.sent), (1, 0));
    let sent = row(&app, queued.id).await;
    assert_eq!(sent.status, OutboxStatus::Sent);
    assert_eq!(sent.attempts, 1);
    let emails = maildev.wait_for(1).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let emails_later = maildev.emails().await.unwrap();
    assert_eq!(emails.len(), 1);
    assert_eq!(emails_later.len(), 1);
    assert_eq!(header(&emails_later[0], "message-id"), queued.message_id);
}

async fn a_message_sent_but_not_marked_is_sent_again_once_with_the_same_message_id(
    backend: Backend,
) {
    // Arrange: the process "dies" after the server accepted the message
    // and before the row was marked sent.
    let Some(maildev) = maildev().await else {
        return;
    };
    let app = app_with_mail(backend, smtp_settings(maildev.smtp_port())).await;
    let queued = enqueue(&app, ticket(None, "processus interrompu")).await;
    let mailer = build_mailer(&app.settings).unwrap();
    mailer
        .send(&OutgoingMail::from_outbox(&queued))
        .await
        .unwrap();
    assert_eq!(row(&app, queued.id).await.status, OutboxStatus::Pending);

    // Act: the restarted process runs the job, twice.
    let job = job(&app);
    let first = job.run_once().await.unwrap();
    let second = job.run_once().await.unwrap();

    // Assert: one duplicate at most, recognisable by its Message-ID.
    assert_eq!((first.sent, second.sent), (1, 0));
    assert_eq!(row(&app, queued.id).await.status, OutboxStatus::Sent);
    let emails = maildev.wait_for(2).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(maildev.emails().await.unwrap().len(), 2);
    for email in &emails {
        assert_eq!(header(email, "message-id"), queued.message_id);
    }
}

async fn line_breaks_in_titles_and_names_never_add_a_header(backend: Backend) {
    let Some(maildev) = maildev().await else {
        return;
    };
    let app = app_with_mail(backend, smtp_settings(maildev.smtp_port())).await;
    let job = job(&app);

    // A header field with a line break is refused at enqueue time.
    let mut raw_subject = ticket(None, "x");
    raw_subject.subject = "ENT_Pronote : titre\r\nBcc: espion@pirate.test".into();
    let refused = relais_store::outbox::enqueue(app.store.connection(), raw_subject).await;
    assert!(matches!(refused, Err(StoreError::Domain(_))), "{refused:?}");
    let mut raw_name = ticket(None, "x");
    raw_name.reply_to = Some("Jeanne\r\nBcc: espion@pirate.test <jeanne@college.test>".into());
    assert!(
        relais_store::outbox::enqueue(app.store.connection(), raw_name)
            .await
            .is_err()
    );

    // A title typed with line breaks goes through the template: one line.
    let folded = enqueue(
        &app,
        ticket(
            None,
            "Identification impossible\r\nBcc: espion@pirate.test\r\nX-Injecte: oui",
        ),
    )
    .await;
    assert!(!folded.subject.contains('\n'));

    // A row written around the checks (an older version, a bug) is refused
    // by the mailer: given up on at once, never sent.
    let mut bypass = ticket(None, "contournement");
    bypass.subject = "ENT_Pronote : contournement\r\nBcc: espion@pirate.test".into();
    let bypass_id = Uuid::now_v7();
    outbox_message::ActiveModel {
        id: Set(bypass_id),
        tenant_id: Set(None),
        kind: Set(bypass.kind),
        message_id: Set(bypass.message_id),
        in_reply_to: Set(None),
        references: Set(None),
        to_addresses: Set(serde_json::to_string(&bypass.to).unwrap()),
        reply_to: Set(Some(
            "Jeanne\nBcc: espion@pirate.test <jeanne@college.test>".into(),
        )),
        subject: Set(bypass.subject),
        text_body: Set(bypass.text_body),
        html_body: Set(None),
        status: Set("PENDING".into()),
        attempts: Set(0),
        next_attempt_at: Set(Utc::now()),
        last_error: Set(None),
        created_at: Set(Utc::now()),
        sent_at: Set(None),
    }
    .insert(app.store.connection())
    .await
    .unwrap();

    // And the mailer alone refuses a name with a line break.
    let mailer = build_mailer(&app.settings).unwrap();
    let direct = OutgoingMail {
        reply_to: Some("Jeanne\r\nBcc: espion@pirate.test <jeanne@college.test>".into()),
        ..OutgoingMail::from_outbox(&folded)
    };
    assert!(matches!(
        mailer.send(&direct).await,
        Err(MailError::Permanent(_))
    ));

    // Act
    let run = job.run_once().await.unwrap();

    // Assert
    assert_eq!((run.sent, run.failed), (1, 1));
    let poisoned = row(&app, bypass_id).await;
    assert_eq!(poisoned.status, OutboxStatus::Failed);
    assert!(poisoned.last_error.unwrap().contains("saut de ligne"));
    let emails = maildev.wait_for(1).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(maildev.emails().await.unwrap().len(), 1);
    let email = &emails[0];
    assert_eq!(
        email["subject"],
        "ENT_Pronote : Identification impossible Bcc: espion@pirate.test X-Injecte: oui"
    );
    assert!(!envelope_recipients(email).contains(&"espion@pirate.test".to_owned()));
    let headers = raw_headers(&maildev.source(email).await.unwrap());
    assert_eq!(count_header(&headers, "Subject"), 1);
    assert_eq!(count_header(&headers, "Bcc"), 0);
    assert_eq!(count_header(&headers, "X-Injecte"), 0);
}

async fn a_message_that_keeps_failing_is_given_up_after_max_attempts(backend: Backend) {
    // Arrange: nothing listens on the SMTP port.
    let mut mail = smtp_settings(closed_port());
    mail.max_attempts = 3;
    let app = app_with_mail(backend, mail).await;
    let job = job(&app);
    let queued = enqueue(&app, ticket(None, "jamais distribué")).await;

    // Act
    let mut runs = Vec::new();
    for _ in 0..3 {
        make_due(&app, queued.id).await;
        runs.push(job.run_once().await.unwrap());
    }
    make_due(&app, queued.id).await;
    let after = job.run_once().await.unwrap();

    // Assert
    let outcomes: Vec<_> = runs.iter().map(|r| (r.retried, r.failed)).collect();
    assert_eq!(outcomes, [(1, 0), (1, 0), (0, 1)]);
    assert_eq!((after.sent, after.retried, after.failed), (0, 0, 0));
    let failed = row(&app, queued.id).await;
    assert_eq!(failed.status, OutboxStatus::Failed);
    assert_eq!(failed.attempts, 3);
    assert!(failed.last_error.unwrap().contains("SMTP"));
    // Once the cause is fixed, it may be put back in the queue.
    assert!(app.store.outbox().retry(queued.id).await.unwrap());
    let again = row(&app, queued.id).await;
    assert_eq!((again.status.as_str(), again.attempts), ("PENDING", 0));
}

async fn the_outbox_is_listed_per_tenant_with_status_and_last_error(backend: Backend) {
    // Arrange: two tenants, one failed message each, one sent for alpha.
    let mut mail = smtp_settings(closed_port());
    mail.max_attempts = 1;
    let app = app_with_mail(backend, mail).await;
    let platform = Caller::command_line();
    let mut tenants = Vec::new();
    for slug in ["alpha", "beta"] {
        let tenant = app
            .store
            .scoped(&platform)
            .tenants()
            .create(NewTenant {
                slug: TenantSlug::parse("slug", slug).unwrap(),
                name: TenantName::parse("name", &format!("Opérateur {slug}")).unwrap(),
                contact_email: Email::parse("email", &format!("contact@{slug}.test")).unwrap(),
                helpdesk_email: Email::parse("email", &format!("assistance@{slug}.test")).unwrap(),
            })
            .await
            .unwrap();
        tenants.push(tenant.id.uuid());
    }
    let [alpha, beta] = [tenants[0], tenants[1]];
    let failed = enqueue(&app, ticket(Some(alpha), "échec alpha")).await;
    enqueue(&app, ticket(Some(beta), "échec beta")).await;
    job(&app).run_once().await.unwrap();
    let sent = enqueue(&app, ticket(Some(alpha), "envoyé alpha")).await;
    app.store
        .outbox()
        .mark_sent(sent.id, Utc::now())
        .await
        .unwrap();
    let caller = |role, tenant| Caller {
        user_id: None,
        email: None,
        role,
        tenant_id: Some(tenant),
    };

    // Act
    let operator = caller(Role::OperatorAdmin, alpha);
    let listed = app
        .store
        .scoped(&operator)
        .outbox()
        .list(OutboxFilter::default(), PageRequest::new(None, None))
        .await
        .unwrap();
    let helpdesk = caller(Role::Helpdesk, alpha);
    let failures = app
        .store
        .scoped(&helpdesk)
        .outbox()
        .list(
            OutboxFilter {
                status: Some(OutboxStatus::Failed),
                ..OutboxFilter::default()
            },
            PageRequest::new(None, None),
        )
        .await
        .unwrap();

    // Assert
    let ids: Vec<Uuid> = listed.items.iter().map(|m| m.id).collect();
    assert_eq!(ids, [sent.id, failed.id]);
    assert_eq!(failures.items.len(), 1);
    let shown = &failures.items[0];
    assert_eq!((shown.status.as_str(), shown.attempts), ("FAILED", 1));
    assert!(shown.last_error.as_deref().unwrap().contains("SMTP"));
    let count = |caller: Caller, tenant| {
        let store = app.store.clone();
        async move { store.scoped(&caller).outbox().failures_count(tenant).await }
    };
    assert_eq!(count(operator.clone(), None).await.unwrap(), 1);
    assert_eq!(count(Caller::command_line(), None).await.unwrap(), 2);
    assert_eq!(count(Caller::command_line(), Some(beta)).await.unwrap(), 1);
    assert!(matches!(
        count(operator.clone(), Some(beta)).await,
        Err(StoreError::NotFound)
    ));
    assert!(
        app.store
            .scoped(&operator)
            .outbox()
            .get(failures.items[0].id)
            .await
            .is_ok()
    );
    let other = caller(Role::OperatorAdmin, beta);
    assert!(matches!(
        app.store.scoped(&other).outbox().get(failed.id).await,
        Err(StoreError::NotFound)
    ));
    let school = caller(Role::SchoolAdmin, alpha);
    assert!(matches!(
        count(school, None).await,
        Err(StoreError::Forbidden)
    ));
}

async fn a_message_is_enqueued_with_the_change_it_tells_about_or_not_at_all(backend: Backend) {
    let app = app_with_mail(backend, MailSettings::default()).await;
    let message = ticket(None, "transaction annulée");
    let message_id = message.message_id.clone();

    let transaction = app.store.connection().begin().await.unwrap();
    relais_store::outbox::enqueue(&transaction, message)
        .await
        .unwrap();
    transaction.rollback().await.unwrap();

    let found = outbox_message::Entity::find()
        .filter(outbox_message::Column::MessageId.eq(message_id))
        .one(app.store.connection())
        .await
        .unwrap();
    assert!(found.is_none());
    assert_eq!(
        app.store
            .outbox()
            .count(OutboxStatus::Pending)
            .await
            .unwrap(),
        0
    );
}

/// Issue 16: an outbox row holding what no version of Relais wrote reads
/// as `Corrupt` naming its table and column, never as a default; the
/// sending job gives up on an unreadable one at once and sends the others.
async fn an_unreadable_message_is_corrupt_not_a_default_and_holds_up_no_other(backend: Backend) {
    // Arrange: a status and a recipient list written around the store.
    let app = app_with_mail(backend, smtp_settings(closed_port())).await;
    let lost = enqueue(&app, ticket(None, "statut inconnu")).await;
    let unreadable = enqueue(&app, ticket(None, "destinataires illisibles")).await;
    let readable = enqueue(&app, ticket(None, "lisible")).await;
    for (id, column, value) in [
        (lost.id, outbox_message::Column::Status, "EN_ROUTE"),
        (
            unreadable.id,
            outbox_message::Column::ToAddresses,
            "assistance@exemple.fr",
        ),
    ] {
        outbox_message::Entity::update_many()
            .col_expr(column, Expr::value(value))
            .filter(outbox_message::Column::Id.eq(id))
            .exec(app.store.connection())
            .await
            .unwrap();
    }

    // Act
    let found = app.store.outbox().find(lost.id).await;
    let listed = app
        .store
        .scoped(&Caller::command_line())
        .outbox()
        .list(OutboxFilter::default(), PageRequest::new(None, None))
        .await;
    let run = job(&app).run_once().await.unwrap();

    // Assert
    // Newest first, the list meets the unreadable recipients first.
    for (read, expected) in [
        (found.map(|_| ()), "status"),
        (listed.map(|_| ()), "to_addresses"),
    ] {
        match read {
            Err(StoreError::Corrupt {
                table,
                column,
                value,
                ..
            }) => assert_eq!((table, column), ("outbox_messages", expected), "{value}"),
            other => panic!("{other:?}"),
        }
    }
    // The unreadable one is given up on, its reason kept; the readable one
    // is tried (the server is down: it waits for another attempt).
    assert_eq!((run.sent, run.retried), (0, 1));
    let given_up = outbox_message::Entity::find_by_id(unreadable.id)
        .one(app.store.connection())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(given_up.status, "FAILED");
    let reason = given_up.last_error.unwrap();
    assert!(reason.contains("outbox_messages.to_addresses"), "{reason}");
    let tried = row(&app, readable.id).await;
    assert_eq!((tried.status, tried.attempts), (OutboxStatus::Pending, 1));
}

on_both_databases!(
    a_queued_message_reaches_the_smtp_server_with_its_headers_and_bodies,
    a_message_queued_while_smtp_is_down_is_delivered_once_it_is_back,
    a_message_that_keeps_failing_is_given_up_after_max_attempts,
    the_outbox_is_listed_per_tenant_with_status_and_last_error,
    an_unreadable_message_is_corrupt_not_a_default_and_holds_up_no_other,
);

mod single {
    use super::*;

    #[tokio::test]
    async fn a_message_sent_but_not_marked_is_sent_again_once_with_the_same_message_id() {
        super::a_message_sent_but_not_marked_is_sent_again_once_with_the_same_message_id(
            Backend::Sqlite,
        )
        .await;
    }

    #[tokio::test]
    async fn line_breaks_in_titles_and_names_never_add_a_header() {
        super::line_breaks_in_titles_and_names_never_add_a_header(Backend::Sqlite).await;
    }

    #[tokio::test]
    async fn a_message_is_enqueued_with_the_change_it_tells_about_or_not_at_all() {
        super::a_message_is_enqueued_with_the_change_it_tells_about_or_not_at_all(Backend::Sqlite)
            .await;
    }

    #[tokio::test]
    async fn the_embedded_file_transport_writes_a_readable_eml() {
        // Arrange: zero configuration, the embedded default.
        let app = spawn_app_with(Backend::Sqlite, |_| {}).await;
        assert_eq!(app.settings.mail.transport, MailTransport::File);
        let queued = enqueue(&app, ticket(None, "fichier .eml")).await;

        // Act
        let run = job(&app).run_once().await.unwrap();

        // Assert
        assert_eq!(run.sent, 1);
        assert_eq!(row(&app, queued.id).await.status, OutboxStatus::Sent);
        let dir = app.settings.data_dir.join("outbox");
        let files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .collect();
        assert_eq!(files.len(), 1, "{files:?}");
        let name = files[0].file_name().unwrap().to_str().unwrap().to_owned();
        assert_eq!(
            format!("<{}>", name.trim_end_matches(".eml")),
            queued.message_id
        );
        let eml = std::fs::read_to_string(&files[0]).unwrap();
        let headers = raw_headers(&eml);
        assert!(headers.contains(&format!("Message-ID: {}", queued.message_id)));
        assert!(headers.contains(&"In-Reply-To: <premier@relais.test>".to_owned()));
        assert!(
            headers
                .iter()
                .any(|h| h.starts_with("From: Relais <relais@localhost>"))
        );
        assert!(headers.iter().any(|h| h.starts_with("To: ")
            && h.contains("assistance@ac-orleans-tours.test")
            && h.contains("suivi@relais.test")));
        assert_eq!(count_header(&headers, "Subject"), 1);
        assert!(eml.contains("multipart/alternative"));
        assert!(eml.contains("text/plain"));
        assert!(eml.contains("text/html"));
    }
}
