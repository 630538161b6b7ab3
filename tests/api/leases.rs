//! Job leases across replicas (`job_leases`): a replica that dies holding a
//! lease blocks the job until the lease expires, then exactly one other
//! replica takes over; the dead one, should it wake up, finds it lost the
//! lease and stops, and cannot give away the new holder's lease.

use chrono::Utc;
use relais_server::mail::{MailTemplate, Notification, OutboxJob, build_mailer};
use relais_store::entities::job_lease;
use relais_store::{OutboxStatus, new_message_id};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Set};

use crate::helpers::{Backend, TestApp, spawn_app};

/// Time passes for `name`: its lease ended a minute ago (its holder died).
async fn expire(app: &TestApp, name: &str) {
    job_lease::Entity::update_many()
        .set(job_lease::ActiveModel {
            expires_at: Set(Utc::now() - chrono::Duration::minutes(1)),
            ..Default::default()
        })
        .filter(job_lease::Column::Name.eq(name))
        .exec(app.store.connection())
        .await
        .unwrap();
}

async fn a_lease_left_by_a_dead_replica_is_taken_over_once_expired_by_one_replica_only(
    backend: Backend,
) {
    let app = spawn_app(backend).await;
    let leases = app.store.leases();
    let five_minutes = chrono::Duration::minutes(5);
    assert!(
        leases
            .acquire("job", "replica-a", five_minutes)
            .await
            .unwrap()
    );

    // While replica A's lease runs, nobody else takes it, dead A or not.
    assert!(
        !leases
            .acquire("job", "replica-b", five_minutes)
            .await
            .unwrap()
    );

    // A died; its lease expires; B and C race for it: one wins.
    expire(&app, "job").await;
    let (b, c) = tokio::join!(
        leases.acquire("job", "replica-b", five_minutes),
        leases.acquire("job", "replica-c", five_minutes),
    );
    let (b, c) = (b.unwrap(), c.unwrap());
    assert!(b ^ c, "exactly one replica takes over (b: {b}, c: {c})");
    let winner = if b { "replica-b" } else { "replica-c" };

    // A was only paused: it finds it lost the lease, and its release does
    // not free the winner's.
    assert!(
        !leases
            .renew("job", "replica-a", five_minutes)
            .await
            .unwrap()
    );
    leases.release("job", "replica-a").await.unwrap();
    assert_eq!(
        leases
            .holder_of("job")
            .await
            .unwrap()
            .map(|(holder, _)| holder),
        Some(winner.to_owned())
    );
    assert!(leases.renew("job", winner, five_minutes).await.unwrap());
}

async fn the_outbox_of_a_replica_that_died_while_sending_is_sent_once_its_lease_expired(
    backend: Backend,
) {
    // Arrange: a message waits; a replica died holding the outbox lease.
    let app = spawn_app(backend).await;
    let message = Notification::new("Ticket ouvert")
        .paragraph("Un ticket attend une réponse.")
        .render()
        .unwrap()
        .into_outbox(
            "TICKET_OPENED",
            None,
            vec!["assistance@relais.test".into()],
            new_message_id("relais.test"),
        );
    let queued = relais_store::outbox::enqueue(app.store.connection(), message)
        .await
        .unwrap();
    assert!(
        app.store
            .leases()
            .acquire("mail_outbox", "dead-replica", chrono::Duration::minutes(5))
            .await
            .unwrap()
    );
    let job = OutboxJob::new(
        app.store.clone(),
        build_mailer(&app.settings).unwrap(),
        &app.settings.mail,
    );

    // Act / Assert: while the lease may still be in use, nothing is sent
    // twice…
    let blocked = job.run_once().await.unwrap();
    assert!(blocked.skipped);
    assert_eq!(
        app.store.outbox().find(queued.id).await.unwrap().status,
        OutboxStatus::Pending
    );

    // …once it expired, the message goes, once, and the lease is given back.
    expire(&app, "mail_outbox").await;
    let run = job.run_once().await.unwrap();
    assert_eq!((run.skipped, run.sent), (false, 1));
    assert_eq!(
        app.store.outbox().find(queued.id).await.unwrap().status,
        OutboxStatus::Sent
    );
    assert_eq!(
        app.store.leases().holder_of("mail_outbox").await.unwrap(),
        None
    );
    assert_eq!(job.run_once().await.unwrap().sent, 0);
}

on_both_databases!(
    a_lease_left_by_a_dead_replica_is_taken_over_once_expired_by_one_replica_only,
    the_outbox_of_a_replica_that_died_while_sending_is_sent_once_its_lease_expired,
);
