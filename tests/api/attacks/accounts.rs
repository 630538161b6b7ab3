//! Accounts and sessions (issue 13, items 9–11): a disabled or deleted
//! account's access token stops working within seconds, in this process at
//! once and in another process after `auth.session_check_seconds`; failed
//! logins slow an account down without locking its owner out; passwords can
//! be changed and reset.

use std::time::{Duration, Instant};

use super::probe::{Probe, typed_outcome as outcome};
use crate::helpers::*;
use crate::typed::{
    AccountMe, AccountTickets, ChangePassword, DeleteUser, PasswordRules, Refused,
    RequestPasswordReset, ResetPassword, SetUserDisabled, account_me, account_tickets,
    change_password, delete_user, password_rules, request_password_reset, reset_password,
    set_user_disabled,
};

async fn helpdesk_session(app: &TestApp) -> (String, String, String) {
    let admin = app.admin_token().await;
    let tenant = app.create_tenant(&admin, "alpha").await;
    let created = app
        .create_user(&admin, "agent@alpha.test", "HELPDESK", Some(&tenant))
        .await;
    let id = created["data"]["createUser"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{created}"))
        .to_owned();
    let login = app
        .log_in("agent@alpha.test", USER_PASSWORD)
        .await
        .unwrap_or_else(|refused| panic!("{refused:?}"));
    (id, login.access_token, login.refresh_token)
}

/// The first error's code, `OK` without one.
fn code<T>(answer: &Result<T, Refused>) -> &str {
    match answer {
        Ok(_) => "OK",
        Err(refused) => refused.code(),
    }
}

/// The first error's `extensions.reason`.
fn reason<T>(answer: &Result<T, Refused>) -> Option<&str> {
    answer
        .as_ref()
        .err()
        .and_then(|refused| refused.extension("reason"))
        .and_then(|reason| reason.as_str())
}

async fn tickets(app: &TestApp, token: &str) -> Result<account_tickets::ResponseData, Refused> {
    app.run::<AccountTickets>(Some(token), account_tickets::Variables)
        .await
}

async fn me(app: &TestApp, token: &str) -> Result<account_me::ResponseData, Refused> {
    app.run::<AccountMe>(Some(token), account_me::Variables)
        .await
}

async fn refresh(app: &TestApp, token: &str) -> Result<(), Refused> {
    let variables = crate::typed::auth_refresh_session::Variables {
        refresh_token: token.to_owned(),
    };
    app.run::<crate::typed::AuthRefreshSession>(None, variables)
        .await
        .map(drop)
}

async fn set_disabled(
    app: &TestApp,
    token: &str,
    user: &str,
    disabled: bool,
) -> Result<set_user_disabled::SetUserDisabledSetUserDisabled, Refused> {
    let variables = set_user_disabled::Variables {
        user_id: user.to_owned(),
        disabled,
    };
    app.run::<SetUserDisabled>(Some(token), variables)
        .await
        .map(|data| data.set_user_disabled)
}

async fn a_disabled_account_s_token_stops_reading_at_once(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.admin_token().await;
    let (id, access, refresh_token) = helpdesk_session(&app).await;
    let before = tickets(&app, &access).await;
    assert!(before.is_ok(), "{before:?}");

    let disabled = set_disabled(&app, &admin, &id, true).await.unwrap();
    assert_eq!(disabled.id, id);
    assert!(disabled.disabled);

    let probe = Probe::start(backend, "disabled account's access token → tickets");
    let after = tickets(&app, &access).await;
    probe.report(&outcome(&after));
    assert_eq!(code(&after), "UNAUTHENTICATED", "{after:?}");
    assert_eq!(reason(&after), Some("SESSION_REVOKED"), "{after:?}");
    let me_read = me(&app, &access).await;
    assert_eq!(code(&me_read), "UNAUTHENTICATED", "{me_read:?}");
    let renewed = refresh(&app, &refresh_token).await;
    assert_eq!(code(&renewed), "UNAUTHENTICATED", "{renewed:?}");
    let login = app.log_in("agent@alpha.test", USER_PASSWORD).await;
    assert_eq!(code(&login), "UNAUTHENTICATED", "{login:?}");
    let fiche = app
        .get_with_token("/establishments/0000000A/fiche", &access)
        .await;
    assert_eq!(fiche.status().as_u16(), 401);

    // Enabled again: a new login works, the old token stays dead.
    let enabled = set_disabled(&app, &admin, &id, false).await.unwrap();
    assert!(!enabled.disabled);
    let old = tickets(&app, &access).await;
    assert_eq!(code(&old), "UNAUTHENTICATED", "{old:?}");
    let fresh = app.token("agent@alpha.test", USER_PASSWORD).await;
    let read = tickets(&app, &fresh).await;
    assert!(read.is_ok(), "{read:?}");
}

async fn a_deleted_account_s_token_reads_nothing(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.admin_token().await;
    let (id, access, _) = helpdesk_session(&app).await;
    let deleted = app
        .run_ok::<DeleteUser>(Some(&admin), delete_user::Variables { user_id: id })
        .await;
    assert!(deleted.delete_user);

    let probe = Probe::start(backend, "deleted account's access token → tickets");
    let read = tickets(&app, &access).await;
    probe.report(&outcome(&read));
    assert_eq!(code(&read), "UNAUTHENTICATED", "{read:?}");
    let me_read = me(&app, &access).await;
    assert_eq!(code(&me_read), "UNAUTHENTICATED", "{me_read:?}");
    let login = app.log_in("agent@alpha.test", USER_PASSWORD).await;
    assert_eq!(code(&login), "UNAUTHENTICATED", "{login:?}");
}

async fn accounts_are_managed_within_the_caller_s_rights(backend: Backend) {
    let app = spawn_app(backend).await;
    let [alpha, beta] = app.two_tenants().await;
    // Another operator's account: as if it did not exist.
    let foreign = set_disabled(&app, &alpha.operator, &beta.helpdesk_id, true).await;
    assert_eq!(code(&foreign), "NOT_FOUND", "{foreign:?}");
    // A helpdesk agent manages nobody.
    let helpdesk = set_disabled(&app, &alpha.helpdesk, &alpha.school_id, true).await;
    assert!(
        ["FORBIDDEN", "NOT_FOUND"].contains(&code(&helpdesk)),
        "{helpdesk:?}"
    );
    // Nobody locks themselves out.
    let own = set_disabled(&app, &alpha.operator, &alpha.operator_id, true).await;
    assert_eq!(code(&own), "VALIDATION", "{own:?}");
    assert_eq!(own.unwrap_err().field(), Some("userId"));
    // Within the operator: allowed; beta's sessions are untouched.
    let ok = set_disabled(&app, &alpha.operator, &alpha.school_id, true).await;
    assert_eq!(ok.unwrap().id, alpha.school_id);
    let beta_reads = me(&app, &beta.school).await;
    assert!(beta_reads.is_ok(), "{beta_reads:?}");
}

/// A second process on the same database (a replica) stops honouring the
/// token once its cache entry expires: within `auth.session_check_seconds`.
async fn another_process_stops_honouring_a_disabled_account_within_seconds(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.admin_token().await;
    let (id, access, _) = helpdesk_session(&app).await;
    let url = match backend {
        Backend::Sqlite => format!(
            "sqlite://{}?mode=rwc",
            app.settings.data_dir.join("relais.db").display()
        ),
        Backend::Postgres => {
            use secrecy::ExposeSecret;
            app.settings
                .database
                .url
                .as_ref()
                .unwrap()
                .expose_secret()
                .to_owned()
        }
    };
    // The replica's own backend argument only decides whether a fresh
    // database is created: its URL points at the first process's.
    let replica = spawn_app_with(Backend::Sqlite, |settings| {
        settings.database.url = Some(url.into());
        settings.auth.session_check_seconds = 1;
    })
    .await;
    let read = tickets(&replica, &access).await;
    assert!(read.is_ok(), "{read:?}");

    let disabled = set_disabled(&app, &admin, &id, true).await;
    assert!(disabled.is_ok(), "{disabled:?}");
    let probe = Probe::start(
        backend,
        "disabled in process A, token presented to process B",
    );
    let started = Instant::now();
    let mut last = tickets(&replica, &access).await;
    // Generous bound (a loaded test machine); the setting is 1 s.
    while started.elapsed() < Duration::from_secs(30) {
        last = tickets(&replica, &access).await;
        if code(&last) == "UNAUTHENTICATED" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    probe.report(&format!(
        "{} after {:.1} s",
        outcome(&last),
        started.elapsed().as_secs_f64()
    ));
    assert_eq!(code(&last), "UNAUTHENTICATED", "{last:?}");
}

/// One wrong attempt every few minutes used to keep a known account locked
/// (and successful logins counted too): failures only count now, and past
/// the limit the account is slowed down, never locked.
async fn wrong_attempts_slow_an_account_down_without_locking_its_owner_out(backend: Backend) {
    let app = spawn_app_with(backend, |s| {
        s.auth.login_attempts_per_account = 3;
        s.auth.login_slowdown_seconds = 1;
    })
    .await;
    for _ in 0..6 {
        let ok = app.log_in(ADMIN_EMAIL, ADMIN_PASSWORD).await;
        assert!(ok.is_ok(), "successes do not count: {ok:?}");
    }
    for _ in 0..5 {
        let wrong = app.log_in(ADMIN_EMAIL, "mauvais mot de passe").await;
        assert_eq!(code(&wrong), "UNAUTHENTICATED", "{wrong:?}");
    }
    let probe = Probe::start(
        backend,
        "right password after 5 wrong ones (limit 3, slowdown 1 s)",
    );
    let started = Instant::now();
    let owner = app.log_in(ADMIN_EMAIL, ADMIN_PASSWORD).await;
    probe.report(&format!(
        "{} after waiting {:.1} s",
        outcome(&owner),
        started.elapsed().as_secs_f64()
    ));
    assert!(owner.is_ok(), "{owner:?}");
}

const NEW_PASSWORD: &str = "une phrase de passe toute neuve";

async fn change(
    app: &TestApp,
    token: &str,
    current: &str,
    new: &str,
) -> Result<change_password::ChangePasswordChangePassword, Refused> {
    let variables = change_password::Variables {
        current_password: current.to_owned(),
        new_password: new.to_owned(),
    };
    app.run::<ChangePassword>(Some(token), variables)
        .await
        .map(|data| data.change_password)
}

async fn request_reset(app: &TestApp, token: &str, user: &str) -> Result<bool, Refused> {
    let variables = request_password_reset::Variables {
        user_id: user.to_owned(),
    };
    app.run::<RequestPasswordReset>(Some(token), variables)
        .await
        .map(|data| data.request_password_reset)
}

async fn reset(app: &TestApp, token: &str, new: &str) -> Result<bool, Refused> {
    let variables = reset_password::Variables {
        token: token.to_owned(),
        new_password: new.to_owned(),
    };
    app.run::<ResetPassword>(None, variables)
        .await
        .map(|data| data.reset_password)
}

async fn reset_token_sent_to(app: &TestApp, address: &str) -> String {
    use relais_store::entities::outbox_message;
    use sea_orm::{EntityTrait, QueryOrder};
    let messages = outbox_message::Entity::find()
        .order_by_desc(outbox_message::Column::Id)
        .all(app.store.connection())
        .await
        .unwrap();
    let mail = messages
        .iter()
        .find(|m| m.kind == "PASSWORD_RESET" && m.to_addresses.contains(address))
        .unwrap_or_else(|| panic!("no reset mail to {address}: {messages:?}"));
    assert!(!mail.text_body.contains(USER_PASSWORD));
    assert!(!mail.text_body.contains(ADMIN_PASSWORD));
    let (_, rest) = mail.text_body.split_once("jeton=").unwrap();
    rest.chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

async fn a_password_change_needs_the_current_one_and_closes_other_sessions(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, first_device, first_refresh) = helpdesk_session(&app).await;
    let other_device = app.token("agent@alpha.test", USER_PASSWORD).await;

    let wrong = change(&app, &first_device, "pas le bon mot de passe", NEW_PASSWORD).await;
    assert_eq!(code(&wrong), "VALIDATION", "{wrong:?}");
    assert_eq!(wrong.unwrap_err().field(), Some("currentPassword"));
    let short = change(&app, &first_device, USER_PASSWORD, "court")
        .await
        .unwrap_err();
    assert_eq!(short.field(), Some("newPassword"), "{short:?}");
    assert!(short.message().contains("au moins 12 caractères"));

    let probe = Probe::start(backend, "changePassword, then the other device's token");
    let changed = change(&app, &first_device, USER_PASSWORD, NEW_PASSWORD)
        .await
        .unwrap_or_else(|refused| panic!("{refused:?}"));
    let other = tickets(&app, &other_device).await;
    probe.report(&outcome(&other));
    assert_eq!(code(&other), "UNAUTHENTICATED", "{other:?}");
    let old_refresh = refresh(&app, &first_refresh).await;
    assert_eq!(code(&old_refresh), "UNAUTHENTICATED", "{old_refresh:?}");
    // This device goes on with the tokens the change gave it.
    let read = tickets(&app, &changed.access_token).await;
    assert!(read.is_ok(), "{read:?}");
    assert_eq!(
        code(&app.log_in("agent@alpha.test", USER_PASSWORD).await),
        "UNAUTHENTICATED"
    );
    assert_eq!(
        code(&app.log_in("agent@alpha.test", NEW_PASSWORD).await),
        "OK"
    );

    // The rules, in French, for the forms.
    let rules = app
        .run_ok::<PasswordRules>(None, password_rules::Variables)
        .await
        .password_rules;
    assert_eq!(rules.min_length, 12, "{rules:?}");
    assert!(rules.rules[0].contains("caractères"), "{rules:?}");
}

async fn an_administrator_reset_mails_a_single_use_link(backend: Backend) {
    let app = spawn_app(backend).await;
    let [alpha, beta] = app.two_tenants().await;
    let foreign = request_reset(&app, &alpha.operator, &beta.helpdesk_id).await;
    assert_eq!(code(&foreign), "NOT_FOUND", "{foreign:?}");
    let helpdesk = request_reset(&app, &alpha.helpdesk, &alpha.school_id).await;
    assert!(
        ["FORBIDDEN", "NOT_FOUND"].contains(&code(&helpdesk)),
        "{helpdesk:?}"
    );

    let asked = request_reset(&app, &alpha.operator, &alpha.helpdesk_id).await;
    assert!(asked.unwrap());
    let token = reset_token_sent_to(&app, "helpdesk@alpha.test").await;
    // Until the link is used, the current password still works.
    assert_eq!(
        code(&app.log_in("helpdesk@alpha.test", USER_PASSWORD).await),
        "OK"
    );

    let probe = Probe::start(backend, "reset link used twice");
    let first = reset(&app, &token, NEW_PASSWORD).await;
    let second = reset(&app, &token, "encore un autre mot de passe").await;
    probe.report(&format!(
        "first {}, second {}",
        outcome(&first),
        outcome(&second)
    ));
    assert!(first.unwrap());
    assert_eq!(code(&second), "VALIDATION", "{second:?}");
    assert_eq!(reason(&second), Some("RESET_LINK_INVALID"));
    // Every session of the account is closed; the new password works.
    let old = tickets(&app, &alpha.helpdesk).await;
    assert_eq!(code(&old), "UNAUTHENTICATED", "{old:?}");
    assert_eq!(
        code(&app.log_in("helpdesk@alpha.test", USER_PASSWORD).await),
        "UNAUTHENTICATED"
    );
    assert_eq!(
        code(&app.log_in("helpdesk@alpha.test", NEW_PASSWORD).await),
        "OK"
    );
    let made_up = reset(&app, "inventé", NEW_PASSWORD).await;
    assert_eq!(code(&made_up), "VALIDATION", "{made_up:?}");
}

/// A lost first administrator password: `relais admin reset-password`
/// e-mails (and prints) a link; the page it opens sets the new password.
async fn the_operator_resets_a_lost_administrator_password_from_the_command_line(backend: Backend) {
    let app = spawn_app(backend).await;
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_relais-test-server"));
    command
        .args(["admin", "reset-password", ADMIN_EMAIL])
        .env("RELAIS_DATA_DIR", &app.settings.data_dir)
        .env("RELAIS_HTTP__PUBLIC_URL", &app.address)
        .env("RELAIS_LOG__LEVEL", "warn");
    if backend == Backend::Postgres {
        use secrecy::ExposeSecret;
        command.env(
            "RELAIS_DATABASE__URL",
            app.settings.database.url.as_ref().unwrap().expose_secret(),
        );
    }
    let output = command.output().unwrap();
    let said = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "{said} {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(!said.contains(ADMIN_PASSWORD), "{said}");
    let link = said
        .lines()
        .find_map(|line| line.trim().strip_prefix(&app.address).map(str::to_owned))
        .unwrap_or_else(|| panic!("no link in {said}"));
    let mailed = reset_token_sent_to(&app, ADMIN_EMAIL).await;
    assert!(link.ends_with(&mailed), "{link} vs {mailed}");

    let page = app.get(&link).await;
    assert_eq!(page.status().as_u16(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("Au moins 12 caractères"), "{html}");
    let submit = |password: &str, confirmation: &str| {
        app.client
            .post(format!("{}/mot-de-passe/reinitialiser", app.address))
            .form(&[
                ("jeton", mailed.as_str()),
                ("mot_de_passe", password),
                ("confirmation", confirmation),
            ])
            .send()
    };
    let mismatch = submit(NEW_PASSWORD, "autre chose encore").await.unwrap();
    assert_eq!(mismatch.status().as_u16(), 400);
    let done = submit(NEW_PASSWORD, NEW_PASSWORD).await.unwrap();
    assert_eq!(done.status().as_u16(), 200);
    assert!(done.text().await.unwrap().contains("Mot de passe changé"));
    assert_eq!(code(&app.log_in(ADMIN_EMAIL, NEW_PASSWORD).await), "OK");
    let again = submit("un troisième mot de passe", "un troisième mot de passe")
        .await
        .unwrap();
    assert_eq!(again.status().as_u16(), 400);
}

on_both_databases!(
    a_password_change_needs_the_current_one_and_closes_other_sessions,
    an_administrator_reset_mails_a_single_use_link,
    the_operator_resets_a_lost_administrator_password_from_the_command_line,
    wrong_attempts_slow_an_account_down_without_locking_its_owner_out,
    a_disabled_account_s_token_stops_reading_at_once,
    a_deleted_account_s_token_reads_nothing,
    accounts_are_managed_within_the_caller_s_rights,
    another_process_stops_honouring_a_disabled_account_within_seconds,
);
