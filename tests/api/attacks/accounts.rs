//! Accounts and sessions (issue 13, items 9–11): a disabled or deleted
//! account's access token stops working within seconds, in this process at
//! once and in another process after `auth.session_check_seconds`; failed
//! logins slow an account down without locking its owner out; passwords can
//! be changed and reset.

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::probe::{Probe, outcome};
use crate::helpers::*;

const TICKETS: &str = "{ tickets(first: 5) { nodes { id } } }";
const REFRESH: &str =
    "mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken } }";

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
    let login = app.login("agent@alpha.test", USER_PASSWORD).await;
    let access = login["data"]["login"]["accessToken"]
        .as_str()
        .unwrap()
        .to_owned();
    let refresh = login["data"]["login"]["refreshToken"]
        .as_str()
        .unwrap()
        .to_owned();
    (id, access, refresh)
}

fn code(answer: &Value) -> &str {
    answer["errors"][0]["extensions"]["code"]
        .as_str()
        .unwrap_or("OK")
}

async fn a_disabled_account_s_token_stops_reading_at_once(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.admin_token().await;
    let (id, access, refresh) = helpdesk_session(&app).await;
    let before = app.graphql(Some(&access), TICKETS, json!({})).await;
    assert!(before["errors"].is_null(), "{before}");

    let disabled = app
        .graphql(
            Some(&admin),
            "mutation($u: ID!) { setUserDisabled(userId: $u, disabled: true) { id disabled } }",
            json!({ "u": id }),
        )
        .await;
    assert_eq!(
        disabled["data"]["setUserDisabled"]["disabled"], true,
        "{disabled}"
    );

    let probe = Probe::start(backend, "disabled account's access token → tickets");
    let after = app.graphql(Some(&access), TICKETS, json!({})).await;
    probe.report(&outcome(&after));
    assert_eq!(code(&after), "UNAUTHENTICATED", "{after}");
    assert_eq!(
        after["errors"][0]["extensions"]["reason"], "SESSION_REVOKED",
        "{after}"
    );
    let me = app.graphql(Some(&access), "{ me { id } }", json!({})).await;
    assert_eq!(code(&me), "UNAUTHENTICATED", "{me}");
    let renewed = app.graphql(None, REFRESH, json!({ "t": refresh })).await;
    assert_eq!(code(&renewed), "UNAUTHENTICATED", "{renewed}");
    let login = app.login("agent@alpha.test", USER_PASSWORD).await;
    assert_eq!(code(&login), "UNAUTHENTICATED", "{login}");
    let fiche = app
        .get_with_token("/establishments/0000000A/fiche", &access)
        .await;
    assert_eq!(fiche.status().as_u16(), 401);

    // Enabled again: a new login works, the old token stays dead.
    let enabled = app
        .graphql(
            Some(&admin),
            "mutation($u: ID!) { setUserDisabled(userId: $u, disabled: false) { disabled } }",
            json!({ "u": id }),
        )
        .await;
    assert_eq!(
        enabled["data"]["setUserDisabled"]["disabled"], false,
        "{enabled}"
    );
    let old = app.graphql(Some(&access), TICKETS, json!({})).await;
    assert_eq!(code(&old), "UNAUTHENTICATED", "{old}");
    let fresh = app.token("agent@alpha.test", USER_PASSWORD).await;
    let read = app.graphql(Some(&fresh), TICKETS, json!({})).await;
    assert!(read["errors"].is_null(), "{read}");
}

async fn a_deleted_account_s_token_reads_nothing(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.admin_token().await;
    let (id, access, _) = helpdesk_session(&app).await;
    let deleted = app
        .graphql(
            Some(&admin),
            "mutation($u: ID!) { deleteUser(userId: $u) }",
            json!({ "u": id }),
        )
        .await;
    assert_eq!(deleted["data"]["deleteUser"], true, "{deleted}");

    let probe = Probe::start(backend, "deleted account's access token → tickets");
    let tickets = app.graphql(Some(&access), TICKETS, json!({})).await;
    probe.report(&outcome(&tickets));
    assert_eq!(code(&tickets), "UNAUTHENTICATED", "{tickets}");
    let me = app.graphql(Some(&access), "{ me { id } }", json!({})).await;
    assert_eq!(code(&me), "UNAUTHENTICATED", "{me}");
    let login = app.login("agent@alpha.test", USER_PASSWORD).await;
    assert_eq!(code(&login), "UNAUTHENTICATED", "{login}");
}

async fn accounts_are_managed_within_the_caller_s_rights(backend: Backend) {
    let app = spawn_app(backend).await;
    let [alpha, beta] = app.two_tenants().await;
    let disable = "mutation($u: ID!) { setUserDisabled(userId: $u, disabled: true) { id } }";
    // Another operator's account: as if it did not exist.
    let foreign = app
        .graphql(
            Some(&alpha.operator),
            disable,
            json!({ "u": beta.helpdesk_id }),
        )
        .await;
    assert_eq!(code(&foreign), "NOT_FOUND", "{foreign}");
    // A helpdesk agent manages nobody.
    let helpdesk = app
        .graphql(
            Some(&alpha.helpdesk),
            disable,
            json!({ "u": alpha.school_id }),
        )
        .await;
    assert!(
        ["FORBIDDEN", "NOT_FOUND"].contains(&code(&helpdesk)),
        "{helpdesk}"
    );
    // Nobody locks themselves out.
    let own = app
        .graphql(
            Some(&alpha.operator),
            disable,
            json!({ "u": alpha.operator_id }),
        )
        .await;
    assert_eq!(code(&own), "VALIDATION", "{own}");
    assert_eq!(own["errors"][0]["extensions"]["field"], "userId");
    // Within the operator: allowed; beta's sessions are untouched.
    let ok = app
        .graphql(
            Some(&alpha.operator),
            disable,
            json!({ "u": alpha.school_id }),
        )
        .await;
    assert!(ok["errors"].is_null(), "{ok}");
    let beta_reads = app
        .graphql(Some(&beta.school), "{ me { id } }", json!({}))
        .await;
    assert!(beta_reads["errors"].is_null(), "{beta_reads}");
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
    let read = replica.graphql(Some(&access), TICKETS, json!({})).await;
    assert!(read["errors"].is_null(), "{read}");

    let disabled = app
        .graphql(
            Some(&admin),
            "mutation($u: ID!) { setUserDisabled(userId: $u, disabled: true) { id } }",
            json!({ "u": id }),
        )
        .await;
    assert!(disabled["errors"].is_null(), "{disabled}");
    let probe = Probe::start(
        backend,
        "disabled in process A, token presented to process B",
    );
    let started = Instant::now();
    let mut last = Value::Null;
    // Generous bound (a loaded test machine); the setting is 1 s.
    while started.elapsed() < Duration::from_secs(30) {
        last = replica.graphql(Some(&access), TICKETS, json!({})).await;
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
    assert_eq!(code(&last), "UNAUTHENTICATED", "{last}");
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
        let ok = app.login(ADMIN_EMAIL, ADMIN_PASSWORD).await;
        assert!(ok["errors"].is_null(), "successes do not count: {ok}");
    }
    for _ in 0..5 {
        let wrong = app.login(ADMIN_EMAIL, "mauvais mot de passe").await;
        assert_eq!(code(&wrong), "UNAUTHENTICATED", "{wrong}");
    }
    let probe = Probe::start(
        backend,
        "right password after 5 wrong ones (limit 3, slowdown 1 s)",
    );
    let started = Instant::now();
    let owner = app.login(ADMIN_EMAIL, ADMIN_PASSWORD).await;
    probe.report(&format!(
        "{} after waiting {:.1} s",
        outcome(&owner),
        started.elapsed().as_secs_f64()
    ));
    assert!(owner["errors"].is_null(), "{owner}");
}

const CHANGE: &str = "mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { accessToken refreshToken } }";
const NEW_PASSWORD: &str = "une phrase de passe toute neuve";

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

    let wrong = app
        .graphql(
            Some(&first_device),
            CHANGE,
            json!({ "c": "pas le bon mot de passe", "n": NEW_PASSWORD }),
        )
        .await;
    assert_eq!(code(&wrong), "VALIDATION", "{wrong}");
    assert_eq!(wrong["errors"][0]["extensions"]["field"], "currentPassword");
    let short = app
        .graphql(
            Some(&first_device),
            CHANGE,
            json!({ "c": USER_PASSWORD, "n": "court" }),
        )
        .await;
    assert_eq!(
        short["errors"][0]["extensions"]["field"], "newPassword",
        "{short}"
    );
    assert!(error_message(&short).contains("au moins 12 caractères"));

    let probe = Probe::start(backend, "changePassword, then the other device's token");
    let changed = app
        .graphql(
            Some(&first_device),
            CHANGE,
            json!({ "c": USER_PASSWORD, "n": NEW_PASSWORD }),
        )
        .await;
    assert!(changed["errors"].is_null(), "{changed}");
    let other = app.graphql(Some(&other_device), TICKETS, json!({})).await;
    probe.report(&outcome(&other));
    assert_eq!(code(&other), "UNAUTHENTICATED", "{other}");
    let old_refresh = app
        .graphql(None, REFRESH, json!({ "t": first_refresh }))
        .await;
    assert_eq!(code(&old_refresh), "UNAUTHENTICATED", "{old_refresh}");
    // This device goes on with the tokens the change gave it.
    let token = changed["data"]["changePassword"]["accessToken"]
        .as_str()
        .unwrap();
    let read = app.graphql(Some(token), TICKETS, json!({})).await;
    assert!(read["errors"].is_null(), "{read}");
    assert_eq!(
        code(&app.login("agent@alpha.test", USER_PASSWORD).await),
        "UNAUTHENTICATED"
    );
    assert_eq!(
        code(&app.login("agent@alpha.test", NEW_PASSWORD).await),
        "OK"
    );

    // The rules, in French, for the forms.
    let rules = app
        .graphql(None, "{ passwordRules { minLength rules } }", json!({}))
        .await;
    assert_eq!(rules["data"]["passwordRules"]["minLength"], 12, "{rules}");
    assert!(
        rules["data"]["passwordRules"]["rules"][0]
            .as_str()
            .unwrap()
            .contains("caractères")
    );
}

async fn an_administrator_reset_mails_a_single_use_link(backend: Backend) {
    let app = spawn_app(backend).await;
    let [alpha, beta] = app.two_tenants().await;
    let request = "mutation($u: ID!) { requestPasswordReset(userId: $u) }";
    let foreign = app
        .graphql(
            Some(&alpha.operator),
            request,
            json!({ "u": beta.helpdesk_id }),
        )
        .await;
    assert_eq!(code(&foreign), "NOT_FOUND", "{foreign}");
    let helpdesk = app
        .graphql(
            Some(&alpha.helpdesk),
            request,
            json!({ "u": alpha.school_id }),
        )
        .await;
    assert!(
        ["FORBIDDEN", "NOT_FOUND"].contains(&code(&helpdesk)),
        "{helpdesk}"
    );

    let asked = app
        .graphql(
            Some(&alpha.operator),
            request,
            json!({ "u": alpha.helpdesk_id }),
        )
        .await;
    assert_eq!(asked["data"]["requestPasswordReset"], true, "{asked}");
    let token = reset_token_sent_to(&app, "helpdesk@alpha.test").await;
    // Until the link is used, the current password still works.
    assert_eq!(
        code(&app.login("helpdesk@alpha.test", USER_PASSWORD).await),
        "OK"
    );

    let reset = "mutation($t: String!, $n: String!) { resetPassword(token: $t, newPassword: $n) }";
    let probe = Probe::start(backend, "reset link used twice");
    let first = app
        .graphql(None, reset, json!({ "t": token, "n": NEW_PASSWORD }))
        .await;
    let second = app
        .graphql(
            None,
            reset,
            json!({ "t": token, "n": "encore un autre mot de passe" }),
        )
        .await;
    probe.report(&format!(
        "first {}, second {}",
        outcome(&first),
        outcome(&second)
    ));
    assert_eq!(first["data"]["resetPassword"], true, "{first}");
    assert_eq!(code(&second), "VALIDATION", "{second}");
    assert_eq!(
        second["errors"][0]["extensions"]["reason"],
        "RESET_LINK_INVALID"
    );
    // Every session of the account is closed; the new password works.
    let old = app.graphql(Some(&alpha.helpdesk), TICKETS, json!({})).await;
    assert_eq!(code(&old), "UNAUTHENTICATED", "{old}");
    assert_eq!(
        code(&app.login("helpdesk@alpha.test", USER_PASSWORD).await),
        "UNAUTHENTICATED"
    );
    assert_eq!(
        code(&app.login("helpdesk@alpha.test", NEW_PASSWORD).await),
        "OK"
    );
    let made_up = app
        .graphql(None, reset, json!({ "t": "inventé", "n": NEW_PASSWORD }))
        .await;
    assert_eq!(code(&made_up), "VALIDATION", "{made_up}");
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
    assert_eq!(code(&app.login(ADMIN_EMAIL, NEW_PASSWORD).await), "OK");
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
