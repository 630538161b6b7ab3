//! The live-state benchmark (issue 17, docs/performance.md): 100 open
//! subscriptions on one process, a ticket commented 30 times; for each
//! comment, the time from sending the mutation (its commit happens inside)
//! to each subscriber receiving the event. Printed, never asserted:
//!
//! ```text
//! cargo test --release -p relais-tests --test api live::bench -- --ignored --nocapture
//! ```

use std::time::{Duration, Instant};

use serde_json::json;
use tokio::sync::mpsc;

use super::{follow, next_event, ticket_on};
use crate::helpers::*;
use crate::tickets::{Fixture, fixture_on};

const SUBSCRIBERS: usize = 100;
const CHANGES: usize = 30;

/// Half the subscribers are the helpdesk agent (whole tenant), half the
/// school administrator (each event checked against its grants).
async fn measure(label: &str, backend: Backend, other_process: bool) {
    let app = spawn_app_with(backend, |settings| {
        settings.graphql.live.per_user = SUBSCRIBERS;
        settings.graphql.live.idle_seconds = 600;
    })
    .await;
    let Fixture {
        app, alpha, lycee, ..
    } = fixture_on(app).await;
    let replica = if other_process {
        Some(
            crate::replicas::replica(&app.settings.database_url().unwrap(), |settings| {
                settings.graphql.live.per_user = SUBSCRIBERS;
                settings.graphql.live.idle_seconds = 600;
            })
            .await,
        )
    } else {
        None
    };
    let listening = replica.as_ref().unwrap_or(&app);
    let ticket = ticket_on(&app, &alpha.school, &lycee).await;

    let (received, mut receipts) = mpsc::unbounded_channel::<(usize, Instant)>();
    let mut subscribers = Vec::new();
    for i in 0..SUBSCRIBERS {
        let token = if i % 2 == 0 {
            &alpha.helpdesk
        } else {
            &alpha.school
        };
        let mut socket = follow(
            &listening.address,
            token,
            json!({ "kinds": ["TICKET_COMMENTED"] }),
        )
        .await;
        let received = received.clone();
        subscribers.push(tokio::spawn(async move {
            for change in 0..CHANGES {
                next_event(&mut socket).await;
                let _ = received.send((change, Instant::now()));
            }
        }));
    }

    let mut latencies = Vec::with_capacity(SUBSCRIBERS * CHANGES);
    for change in 0..CHANGES {
        let sent = Instant::now();
        let answer = app
            .graphql(
                Some(&alpha.helpdesk),
                "mutation($t: ID!) { commentTicket(ticketId: $t, body: \"Nous regardons.\") { id } }",
                json!({ "t": ticket }),
            )
            .await;
        assert!(answer["errors"].is_null(), "{answer}");
        for _ in 0..SUBSCRIBERS {
            let (heard, at) = receipts.recv().await.unwrap();
            assert_eq!(heard, change);
            latencies.push(at.duration_since(sent));
        }
    }
    for subscriber in subscribers {
        subscriber.await.unwrap();
    }
    latencies.sort();
    let at = |percent: usize| latencies[(latencies.len() * percent / 100).min(latencies.len() - 1)];
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "live events, {label}: {SUBSCRIBERS} subscriptions × {CHANGES} changes: p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        ms(at(50)),
        ms(at(95)),
        ms(at(99)),
        ms(latencies[latencies.len() - 1]),
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "benchmark: run in release with --ignored --nocapture"]
async fn live_latency_with_100_subscriptions() {
    measure("SQLite, one process", Backend::Sqlite, false).await;
    if relais_tests::services::postgres::skipped() {
        relais_tests::services::skip("PostgreSQL absent");
        return;
    }
    measure("PostgreSQL, one process", Backend::Postgres, false).await;
    measure(
        "PostgreSQL, subscribers on a second process",
        Backend::Postgres,
        true,
    )
    .await;
}
