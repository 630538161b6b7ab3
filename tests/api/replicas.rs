//! Several replicas on one PostgreSQL database (issue 18): what one
//! replica counts, the others see. On SQLite Relais runs as one process and
//! its counters stay in memory.

use secrecy::SecretString;

use crate::helpers::*;
use crate::typed::{Refused, TenantById, UpdateTenant, tenant_by_id, update_tenant};
use crate::use_cases::Session;

/// A second replica on the primary's PostgreSQL database.
pub(crate) async fn replica(
    database_url: &str,
    limits: impl Fn(&mut relais_server::Settings),
) -> TestApp {
    let url = database_url.to_owned();
    // `Backend::Sqlite` creates no database: the settings name the
    // primary's PostgreSQL one.
    spawn_app_with(Backend::Sqlite, move |settings| {
        settings.database.url = Some(SecretString::from(url));
        limits(settings);
    })
    .await
}

async fn tenant_name(app: &TestApp, token: &str, tenant: &str) -> String {
    let variables = tenant_by_id::Variables {
        id: tenant.to_owned(),
    };
    app.run::<TenantById>(Some(token), variables)
        .await
        .map(|data| data.tenant.name)
        .unwrap_or_default()
}

/// A login's refusal code (`UNAUTHENTICATED`, `RATE_LIMITED`…); empty when
/// the login succeeded.
fn code_of(answer: &Result<Session, Refused>) -> &str {
    answer.as_ref().err().map_or("", Refused::code)
}

mod postgres {
    use super::*;

    #[tokio::test]
    async fn the_per_address_login_limit_holds_across_replicas() {
        if relais_tests::services::postgres::skipped() {
            relais_tests::services::skip("PostgreSQL absent");
            return;
        }
        let limits = |s: &mut relais_server::Settings| s.auth.login_attempts_per_address = 4;
        let first = spawn_app_with(Backend::Postgres, limits).await;
        let second = replica(&first.settings.database_url().unwrap(), limits).await;

        // Four attempts from one address, alternating between the replicas:
        // within the limit of one.
        for i in 0..4 {
            let app = if i % 2 == 0 { &first } else { &second };
            let refused = app.log_in(&format!("inconnu{i}@relais.test"), "x").await;
            assert_eq!(code_of(&refused), "UNAUTHENTICATED", "{refused:?}");
        }
        // The fifth is refused by either, the right password included: with
        // counters per process each replica would have allowed four.
        let answer = second.log_in(ADMIN_EMAIL, ADMIN_PASSWORD).await;
        assert_eq!(code_of(&answer), "RATE_LIMITED", "{answer:?}");
        let answer = first.log_in("inconnu@relais.test", "x").await;
        assert_eq!(code_of(&answer), "RATE_LIMITED", "{answer:?}");
    }

    #[tokio::test]
    async fn simultaneous_attempts_from_one_address_on_two_replicas_are_each_counted() {
        if relais_tests::services::postgres::skipped() {
            relais_tests::services::skip("PostgreSQL absent");
            return;
        }
        // The counters change with a compare-and-set; attempts that race on
        // the same row take their turn under its lock: none is lost.
        let limits = |s: &mut relais_server::Settings| s.auth.login_attempts_per_address = 5;
        let first = spawn_app_with(Backend::Postgres, limits).await;
        let second = replica(&first.settings.database_url().unwrap(), limits).await;
        let attempts = (0..16).map(|i| {
            let app = if i % 2 == 0 { &first } else { &second };
            async move { app.log_in(&format!("course{i}@relais.test"), "x").await }
        });
        let answers = futures_util::future::join_all(attempts).await;
        let codes: Vec<&str> = answers.iter().map(code_of).collect();
        let counted = codes.iter().filter(|c| **c == "UNAUTHENTICATED").count();
        let refused = codes.iter().filter(|c| **c == "RATE_LIMITED").count();
        assert_eq!((counted, refused), (5, 11), "{codes:?}");
    }

    #[tokio::test]
    async fn an_accounts_failures_count_across_replicas_and_the_right_password_resets_them() {
        if relais_tests::services::postgres::skipped() {
            relais_tests::services::skip("PostgreSQL absent");
            return;
        }
        let limits = |s: &mut relais_server::Settings| {
            s.auth.login_attempts_per_account = 3;
            s.auth.login_slowdown_seconds = 1;
            s.auth.login_max_wait_seconds = 0;
        };
        let first = spawn_app_with(Backend::Postgres, limits).await;
        let second = replica(&first.settings.database_url().unwrap(), limits).await;

        // Three failures, spread over both replicas.
        for app in [&first, &second, &first] {
            let answer = app.log_in(ADMIN_EMAIL, "mauvais mot de passe").await;
            assert_eq!(code_of(&answer), "UNAUTHENTICATED", "{answer:?}");
        }
        // Past the limit: one attempt has the turn, the next one (on the
        // other replica) would have to wait and is refused.
        let answer = second.log_in(ADMIN_EMAIL, "mauvais mot de passe").await;
        assert_eq!(code_of(&answer), "UNAUTHENTICATED", "{answer:?}");
        let answer = first.log_in(ADMIN_EMAIL, ADMIN_PASSWORD).await;
        assert_eq!(code_of(&answer), "RATE_LIMITED", "{answer:?}");

        // On its turn the right password works, on either replica, and
        // resets the count for both.
        tokio::time::sleep(std::time::Duration::from_millis(2_100)).await;
        let answer = first.log_in(ADMIN_EMAIL, ADMIN_PASSWORD).await;
        assert!(
            answer
                .as_ref()
                .is_ok_and(|session| !session.access_token.is_empty()),
            "{answer:?}"
        );
        let answer = second.log_in(ADMIN_EMAIL, "mauvais mot de passe").await;
        assert_eq!(code_of(&answer), "UNAUTHENTICATED", "{answer:?}");
    }

    #[tokio::test]
    async fn an_event_recorded_by_one_replica_reaches_the_other_and_its_tenant_cache() {
        if relais_tests::services::postgres::skipped() {
            relais_tests::services::skip("PostgreSQL absent");
            return;
        }
        let first = spawn_app(Backend::Postgres).await;
        let second = replica(&first.settings.database_url().unwrap(), |_| {}).await;
        let (admin_first, admin_second) = (
            first.token(ADMIN_EMAIL, ADMIN_PASSWORD).await,
            second.token(ADMIN_EMAIL, ADMIN_PASSWORD).await,
        );
        let tenant = first.create_tenant(&admin_first, "replique").await;
        // The second replica reads the tenant, and keeps it in its cache.
        assert_eq!(
            tenant_name(&second, &admin_second, &tenant).await,
            "Opérateur replique"
        );

        // Renamed through the first replica…
        let mut events = second.store.subscribe();
        let variables = update_tenant::Variables {
            id: tenant.clone(),
            input: update_tenant::UpdateTenantInput {
                name: Some("Région renommée".to_owned()),
                contact_email: None,
                helpdesk_email: None,
            },
        };
        let renamed = first
            .run_ok::<UpdateTenant>(Some(&admin_first), variables)
            .await;
        assert_eq!(renamed.update_tenant.name, "Région renommée");

        // …the second hears the event (recorded in the rename's transaction)…
        let event = tokio::time::timeout(std::time::Duration::from_secs(30), events.recv())
            .await
            .expect("the other replica never heard of the change")
            .unwrap();
        assert_eq!(
            event,
            relais_domain::events::DomainEvent::TenantChanged {
                tenant_id: tenant.parse().unwrap()
            }
        );
        // …and shows the new name, not its cached copy (kept 30 s otherwise).
        assert_eq!(
            tenant_name(&second, &admin_second, &tenant).await,
            "Région renommée"
        );
    }
}
