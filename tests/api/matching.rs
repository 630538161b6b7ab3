//! The rapprochement of a base (docs/domain.md §5, §6): PRONOTE users from the
//! identifiers export, the engine's proposals validated population by
//! population, a cancelled run keeping its validated steps, manual links,
//! the rentrée reset with its confirmation, the `idPronote` file for the
//! ENT, audit, roles and tenants.

use chrono::NaiveDate;
use relais_domain::directory::{PronoteCategory, PronoteId, PronoteUser};
use relais_formats::index_education::identifiers_list::write_identifiers_list;
use relais_formats::index_education::{RsaPublicKey, parse_private_key_pem};
use serde_json::{Value, json};

use crate::exports::{Fixture, PARTNER_PRIVATE, fixture, sealed_for};
use crate::helpers::*;

/// Added to the fixture's accounts (E001 MARTIN Léa, E002 DURAND Hugo,
/// P001 MARTIN Claire, P002 DURAND Marc, T001 LEROY Anne, S001 PETIT Jean).
const MORE_ACCOUNTS_CSV: &str = "id_ent;nom;prenom;date_naissance;profil;uai;sexe;civilite;eleves
E003;DE LA FONTAINE;Jean-Marie;04/05/2009;Élève;0410017W;M;;
E004;BERNARD;Chloé;05/11/2009;Élève;0410017W;F;;
E005;PETIT;Lucas;07/07/2009;Élève;0410017W;M;;
E006;PETIT;Lucas;07/07/2009;Élève;0410018X;M;;
";

const LEA: &str = "8P4BHZJQ79SUNFX3";
const HUGO: &str = "HUGO000000000002";
const JEAN_MARIE: &str = "JEANMARIE0000003";
const CHLOE: &str = "CHLOE00000000004";
const LUCAS_1: &str = "LUCASPETIT000001";
const LUCAS_2: &str = "LUCASPETIT000002";
const PAUL: &str = "ANCIENELEVE00007";
const CLAIRE: &str = "CLAIREMARTIN0008";
const ANNE: &str = "A1B2C3D4E5F6G7H8";

fn user(
    id: &str,
    last: &str,
    first: &str,
    birth: Option<(i32, u32, u32)>,
    category: PronoteCategory,
    cas_id: Option<&str>,
) -> PronoteUser {
    PronoteUser {
        pronote_id: PronoteId::parse("id", id).unwrap(),
        last_name: last.into(),
        first_name: first.into(),
        birth_date: birth.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
        category,
        cas_id: cas_id.map(str::to_owned),
    }
}

/// PRONOTE's side, written differently from the ENT's where the field is:
/// joined compound name, first name with a space, transposed birth date,
/// two homonym pupils, a former pupil, a teacher already linked.
fn pronote_side() -> Vec<PronoteUser> {
    use PronoteCategory::*;
    vec![
        user(LEA, "MARTIN", "Léa", Some((2009, 3, 12)), Eleve, None),
        user(HUGO, "DURAND", "Hugo", Some((2010, 1, 30)), Eleve, None),
        user(
            JEAN_MARIE,
            "DELAFONTAINE",
            "JEAN MARIE",
            Some((2009, 5, 4)),
            Eleve,
            None,
        ),
        user(CHLOE, "BERNARD", "Chloe", Some((2009, 5, 11)), Eleve, None),
        user(LUCAS_1, "PETIT", "Lucas", Some((2009, 7, 7)), Eleve, None),
        user(LUCAS_2, "PETIT", "Lucas", Some((2009, 7, 7)), Eleve, None),
        user(PAUL, "ANCIEN", "Paul", Some((2005, 2, 2)), Eleve, None),
        user(CLAIRE, "MARTIN", "Claire", None, Responsable, None),
        user(ANNE, "LEROY", "Anne", None, Professeur, Some("T001")),
    ]
}

struct Base {
    fixture: Fixture,
    base: String,
}

async fn matched_base(backend: Backend) -> Base {
    let fixture = fixture(backend, |_| {}).await;
    let app = &fixture.app;
    let token = &fixture.alpha.operator;
    let more = app
        .graphql_upload(
            token,
            "mutation($file: Upload!) { importEntAccounts(file: $file, mode: PARTIAL) { committed errors } }",
            json!({}),
            "comptes.csv",
            MORE_ACCOUNTS_CSV.as_bytes().to_vec(),
        )
        .await;
    assert_eq!(
        more["data"]["importEntAccounts"]["committed"], true,
        "{more}"
    );
    let partner = RsaPublicKey::from(&parse_private_key_pem(PARTNER_PRIVATE).unwrap());
    let received = upload_export(
        app,
        token,
        &fixture.lycee,
        sealed_for(&write_identifiers_list(&pronote_side()), partner),
        "COMPLETE",
    )
    .await;
    let result = &received["data"]["uploadIdentifiersExport"];
    assert_eq!(result["created"], 9, "{received}");
    assert_eq!(result["removed"], 0);
    let base = app.first_base_id(token).await;
    Base { fixture, base }
}

async fn upload_export(
    app: &TestApp,
    token: &str,
    establishment: &str,
    bytes: Vec<u8>,
    mode: &str,
) -> Value {
    app.graphql_upload(
        token,
        "mutation($e: ID!, $file: Upload!, $m: DirectoryImportModeName!) { uploadIdentifiersExport(establishmentId: $e, file: $file, mode: $m) { users created updated removed } }",
        json!({ "e": establishment, "m": mode }),
        "export.xml",
        bytes,
    )
    .await
}

async fn supervision(app: &TestApp, token: &str, base: &str) -> Value {
    let answer = app
        .graphql(
            Some(token),
            "query($b: ID!) { matchingSupervision(baseId: $b) { populations { population label pronoteUsers entAccounts linked entToLink } latestRun { id status } } }",
            json!({ "b": base }),
        )
        .await;
    assert!(answer["errors"].is_null(), "{answer}");
    answer["data"]["matchingSupervision"].clone()
}

fn line<'a>(supervision: &'a Value, population: &str) -> &'a Value {
    supervision["populations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["population"] == population)
        .unwrap_or_else(|| panic!("no {population} in {supervision}"))
}

async fn start(app: &TestApp, token: &str, base: &str, existing: &str) -> Value {
    app.graphql(
        Some(token),
        "mutation($b: ID!, $e: ExistingLinksPolicy!) { startMatching(baseId: $b, existingLinks: $e) { id status existingLinks steps { population label status autoLinks reviews duplicates } proposals { population entId decision reason pronoteId score candidates { pronoteId score } } } }",
        json!({ "b": base, "e": existing }),
    )
    .await
}

async fn validate(app: &TestApp, token: &str, run: &str, population: &str) -> Value {
    app.graphql(
        Some(token),
        "mutation($r: ID!, $p: Population!) { validateMatchingStep(runId: $r, population: $p) { population status linksCreated validatedAt } }",
        json!({ "r": run, "p": population }),
    )
    .await
}

async fn link(app: &TestApp, token: &str, base: &str, pronote: &str, ent: &str) -> Value {
    app.graphql(
        Some(token),
        "mutation($b: ID!, $p: String!, $e: String!) { linkAccounts(baseId: $b, pronoteId: $p, entId: $e) { pronoteId entId origin population } }",
        json!({ "b": base, "p": pronote, "e": ent }),
    )
    .await
}

fn proposal<'a>(run: &'a Value, ent: &str) -> &'a Value {
    run["proposals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["entId"] == ent)
        .unwrap_or_else(|| panic!("no proposal for {ent} in {run}"))
}

async fn a_base_is_matched_population_by_population(backend: Backend) {
    let Base { fixture, base } = matched_base(backend).await;
    let app = &fixture.app;
    let token = &fixture.alpha.operator;

    // The teacher whose CAS identifier PRONOTE already holds is linked.
    let before = supervision(app, token, &base).await;
    let pupils = line(&before, "ELEVE");
    assert_eq!(pupils["label"], "Élèves");
    assert_eq!(pupils["pronoteUsers"], 7);
    assert_eq!(pupils["entAccounts"], 6);
    assert_eq!(pupils["linked"], 0);
    assert_eq!(pupils["entToLink"], 6);
    assert_eq!(line(&before, "PROFESSEUR")["linked"], 1);
    assert_eq!(line(&before, "PROFESSEUR")["entToLink"], 0);
    assert!(before["latestRun"].is_null());

    let started = start(app, token, &base, "KEEP").await;
    let run = &started["data"]["startMatching"];
    assert_eq!(run["status"], "IN_PROGRESS", "{started}");
    let run_id = run["id"].as_str().unwrap().to_owned();
    // Exact, compound-name and transposed-date pupils are proposed…
    for (ent, pronote) in [
        ("E001", LEA),
        ("E002", HUGO),
        ("E003", JEAN_MARIE),
        ("E004", CHLOE),
    ] {
        let p = proposal(run, ent);
        assert_eq!(p["decision"], "AUTO", "{ent}: {p}");
        assert_eq!(p["pronoteId"], pronote, "{ent}: {p}");
    }
    // …the two homonyms never are: a person chooses among both candidates
    // (or sorts out what the engine reports as duplicate accounts).
    for ent in ["E005", "E006"] {
        let p = proposal(run, ent);
        assert_ne!(p["decision"], "AUTO", "{ent}: {p}");
        assert!(p["pronoteId"].is_null(), "{p}");
        if p["decision"] == "REVIEW" {
            let candidates: Vec<&str> = p["candidates"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["pronoteId"].as_str().unwrap())
                .collect();
            assert!(
                candidates.contains(&LUCAS_1) && candidates.contains(&LUCAS_2),
                "{p}"
            );
        }
    }
    // The already linked teacher is left out when links are kept.
    assert!(
        run["proposals"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["entId"] != "T001"),
        "{run}"
    );
    let steps: Vec<&str> = run["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["population"].as_str().unwrap())
        .collect();
    assert_eq!(steps, ["ELEVE", "RESPONSABLE"], "{run}");
    // Nothing is linked before a person validates.
    assert_eq!(
        line(&supervision(app, token, &base).await, "ELEVE")["linked"],
        0
    );

    // One run at a time.
    let again = start(app, token, &base, "KEEP").await;
    assert_eq!(error_code(&again), "CONFLICT", "{again}");

    let validated = validate(app, token, &run_id, "ELEVE").await;
    let step = &validated["data"]["validateMatchingStep"];
    assert_eq!(step["status"], "VALIDATED", "{validated}");
    assert_eq!(step["linksCreated"], 4);
    let twice = validate(app, token, &run_id, "ELEVE").await;
    assert_eq!(error_code(&twice), "CONFLICT", "{twice}");
    let nothing = validate(app, token, &run_id, "PERSONNEL").await;
    assert_eq!(error_code(&nothing), "CONFLICT", "{nothing}");

    // Cancelling keeps the validated step.
    let cancelled = app
        .graphql(
            Some(token),
            "mutation($r: ID!) { cancelMatching(runId: $r) { status steps { population status } } }",
            json!({ "r": run_id }),
        )
        .await;
    assert_eq!(
        cancelled["data"]["cancelMatching"]["status"], "CANCELLED",
        "{cancelled}"
    );
    let after = supervision(app, token, &base).await;
    assert_eq!(line(&after, "ELEVE")["linked"], 4);
    assert_eq!(line(&after, "ELEVE")["entToLink"], 2);
    assert_eq!(line(&after, "RESPONSABLE")["linked"], 0);
    assert_eq!(after["latestRun"]["status"], "CANCELLED");
    let late = validate(app, token, &run_id, "RESPONSABLE").await;
    assert_eq!(error_code(&late), "CONFLICT", "{late}");

    // « Uniquement les non rapprochés »: the homonyms and the former pupil.
    let rows = app
        .graphql(
            Some(token),
            "query($b: ID!) { matchingRows(baseId: $b, population: ELEVE, onlyUnmatched: true) { pronoteUser { pronoteId } link { entId } } }",
            json!({ "b": base }),
        )
        .await;
    let mut unmatched: Vec<&str> = rows["data"]["matchingRows"]
        .as_array()
        .unwrap_or_else(|| panic!("{rows}"))
        .iter()
        .map(|r| r["pronoteUser"]["pronoteId"].as_str().unwrap())
        .collect();
    unmatched.sort_unstable();
    assert_eq!(unmatched, [PAUL, LUCAS_1, LUCAS_2]);

    // A person settles the homonyms by hand.
    let manual = link(app, token, &base, LUCAS_1, "E005").await;
    assert_eq!(
        manual["data"]["linkAccounts"]["origin"], "MANUAL",
        "{manual}"
    );
    for (pronote, ent, code, field) in [
        (LUCAS_1, "E006", "CONFLICT", "pronoteId"),
        (LUCAS_2, "E005", "CONFLICT", "entId"),
        (LUCAS_2, "P001", "CONFLICT", "entId"),
        (LUCAS_2, "INCONNU", "CONFLICT", "entId"),
        ("PASUNIDENTIFIANT", "E006", "CONFLICT", "pronoteId"),
        ("trop court", "E006", "VALIDATION", "pronoteId"),
    ] {
        let refused = link(app, token, &base, pronote, ent).await;
        assert_eq!(error_code(&refused), code, "{pronote} {ent}: {refused}");
        assert_eq!(
            refused["errors"][0]["extensions"]["field"], field,
            "{refused}"
        );
        assert!(!error_message(&refused).is_empty());
    }
    let unmatched_ent = app
        .graphql(
            Some(token),
            "query($b: ID!) { unmatchedEntAccounts(baseId: $b, population: ELEVE) { entId } }",
            json!({ "b": base }),
        )
        .await;
    assert_eq!(
        unmatched_ent["data"]["unmatchedEntAccounts"],
        json!([{ "entId": "E006" }]),
        "{unmatched_ent}"
    );
    let unlinked = app
        .graphql(
            Some(token),
            "mutation($b: ID!, $p: String!) { unlinkAccount(baseId: $b, pronoteId: $p) { entId } }",
            json!({ "b": base, "p": LUCAS_1 }),
        )
        .await;
    assert_eq!(
        unlinked["data"]["unlinkAccount"]["entId"], "E005",
        "{unlinked}"
    );
    let gone = app
        .graphql(
            Some(token),
            "mutation($b: ID!, $p: String!) { unlinkAccount(baseId: $b, pronoteId: $p) { entId } }",
            json!({ "b": base, "p": LUCAS_1 }),
        )
        .await;
    assert_eq!(error_code(&gone), "NOT_FOUND", "{gone}");

    // The ENT's file: one line per linked account.
    let generated = app
        .graphql(
            Some(token),
            "mutation($b: ID!) { generatePronoteIdentifiersFile(baseId: $b) { kind fileName downloadPath summary } }",
            json!({ "b": base }),
        )
        .await;
    let file = &generated["data"]["generatePronoteIdentifiersFile"];
    assert_eq!(file["kind"], "PRONOTE_IDENTIFIERS", "{generated}");
    assert_eq!(file["fileName"], "idPronote-0410017W.csv");
    assert_eq!(file["summary"]["links"], 5);
    let csv = app
        .get_with_token(file["downloadPath"].as_str().unwrap(), token)
        .await
        .text()
        .await
        .unwrap();
    assert!(
        csv.starts_with("identifiant_ent;idPronote;population\r\n"),
        "{csv}"
    );
    assert!(csv.contains(&format!("E001;{LEA};ELEVE\r\n")), "{csv}");
    assert!(
        csv.contains(&format!("T001;{ANNE};PROFESSEUR\r\n")),
        "{csv}"
    );
    assert!(!csv.contains("E005"), "{csv}");

    // Rentrée: a wrong confirmation deletes nothing; the right one deletes
    // the chosen populations only.
    let reset = |confirmation: &'static str, populations: Value| {
        let base = base.clone();
        async move {
            app.graphql(
                Some(token),
                "mutation($b: ID!, $p: [Population!]!, $c: String!) { resetAccountLinks(baseId: $b, populations: $p, confirmation: $c) }",
                json!({ "b": base, "p": populations, "c": confirmation }),
            )
            .await
        }
    };
    let unconfirmed = reset("oui", json!(["ELEVE"])).await;
    assert_eq!(error_code(&unconfirmed), "VALIDATION", "{unconfirmed}");
    assert_eq!(
        unconfirmed["errors"][0]["extensions"]["field"],
        "confirmation"
    );
    let empty = reset("SUPPRIMER", json!([])).await;
    assert_eq!(error_code(&empty), "VALIDATION", "{empty}");
    assert_eq!(
        line(&supervision(app, token, &base).await, "ELEVE")["linked"],
        4
    );
    let done = reset("SUPPRIMER", json!(["ELEVE"])).await;
    assert_eq!(done["data"]["resetAccountLinks"], 4, "{done}");
    let reset_state = supervision(app, token, &base).await;
    assert_eq!(line(&reset_state, "ELEVE")["linked"], 0);
    assert_eq!(line(&reset_state, "PROFESSEUR")["linked"], 1);

    // Every decision is audited.
    let audit = app
        .graphql(
            Some(token),
            "{ auditEvents(first: 50) { edges { node { action } } } }",
            json!({}),
        )
        .await;
    let actions: Vec<&str> = audit["data"]["auditEvents"]["edges"]
        .as_array()
        .unwrap_or_else(|| panic!("{audit}"))
        .iter()
        .map(|e| e["node"]["action"].as_str().unwrap())
        .collect();
    for action in [
        "PRONOTE_USERS_IMPORTED",
        "MATCHING_STARTED",
        "MATCHING_STEP_VALIDATED",
        "MATCHING_CANCELLED",
        "ACCOUNT_LINKED",
        "ACCOUNT_UNLINKED",
        "ACCOUNT_LINKS_RESET",
    ] {
        assert!(actions.contains(&action), "{action} in {actions:?}");
    }
}

async fn replacing_links_rematches_and_a_partial_export_adds_users(backend: Backend) {
    let Base { fixture, base } = matched_base(backend).await;
    let app = &fixture.app;
    let token = &fixture.alpha.operator;
    // A wrong manual link, then a run that replaces existing links.
    let wrong = link(app, token, &base, LEA, "E002").await;
    assert_eq!(wrong["data"]["linkAccounts"]["origin"], "MANUAL", "{wrong}");
    let started = start(app, token, &base, "REPLACE").await;
    let run = &started["data"]["startMatching"];
    assert_eq!(run["existingLinks"], "REPLACE", "{started}");
    assert_eq!(proposal(run, "E001")["pronoteId"], LEA);
    assert_eq!(proposal(run, "E002")["pronoteId"], HUGO);
    let run_id = run["id"].as_str().unwrap();
    let validated = validate(app, token, run_id, "ELEVE").await;
    assert_eq!(
        validated["data"]["validateMatchingStep"]["linksCreated"], 4,
        "{validated}"
    );
    let rows = app
        .graphql(
            Some(token),
            "query($b: ID!) { matchingRows(baseId: $b, population: ELEVE) { pronoteUser { pronoteId } link { entId origin } entAccount { lastName } } }",
            json!({ "b": base }),
        )
        .await;
    let lea = rows["data"]["matchingRows"]
        .as_array()
        .unwrap_or_else(|| panic!("{rows}"))
        .iter()
        .find(|r| r["pronoteUser"]["pronoteId"] == LEA)
        .unwrap();
    assert_eq!(lea["link"]["entId"], "E001", "{lea}");
    assert_eq!(lea["link"]["origin"], "AUTOMATIC");
    assert_eq!(lea["entAccount"]["lastName"], "MARTIN");
    // With links replaced, the already linked teacher is proposed again.
    assert_eq!(proposal(run, "T001")["pronoteId"], ANNE, "{run}");
    // The run completes when its last step is validated.
    let steps: Vec<&str> = run["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["population"].as_str().unwrap())
        .filter(|p| *p != "ELEVE")
        .collect();
    assert!(steps.contains(&"RESPONSABLE"), "{run}");
    for population in steps {
        let state = supervision(app, token, &base).await;
        assert_eq!(state["latestRun"]["status"], "IN_PROGRESS", "{state}");
        let validated = validate(app, token, run_id, population).await;
        assert_eq!(
            validated["data"]["validateMatchingStep"]["status"], "VALIDATED",
            "{validated}"
        );
    }
    let state = supervision(app, token, &base).await;
    assert_eq!(state["latestRun"]["status"], "COMPLETED", "{state}");
    // A guardian is never linked on names alone (issue 19): PRONOTE's
    // export gives no guardian's pupils, so Claire is proposed for review,
    // and validating the step links nothing.
    let claire = proposal(run, "P001");
    assert_eq!(claire["decision"], "REVIEW", "{claire}");
    assert_eq!(claire["candidates"][0]["pronoteId"], CLAIRE, "{claire}");
    assert_eq!(line(&state, "RESPONSABLE")["linked"], 0);

    // Later in the year, a partial export adds a new pupil and removes
    // no one.
    let partner = RsaPublicKey::from(&parse_private_key_pem(PARTNER_PRIVATE).unwrap());
    let newcomer = vec![user(
        "NOUVEAU000000009",
        "NOUVEAU",
        "Nina",
        Some((2010, 9, 1)),
        PronoteCategory::Eleve,
        None,
    )];
    let partial = upload_export(
        app,
        token,
        &fixture.lycee,
        sealed_for(&write_identifiers_list(&newcomer), partner.clone()),
        "PARTIAL",
    )
    .await;
    let result = &partial["data"]["uploadIdentifiersExport"];
    assert_eq!(result["created"], 1, "{partial}");
    assert_eq!(result["removed"], 0);
    assert_eq!(
        line(&supervision(app, token, &base).await, "ELEVE")["pronoteUsers"],
        8
    );
    // A complete export replaces the list, and drops the links of users
    // who left: it says how many and needs a confirmation first.
    let before = supervision(app, token, &base).await;
    let linked: i64 = before["populations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["linked"].as_i64().unwrap())
        .sum();
    assert!(linked > 0, "{before}");
    let sealed = sealed_for(&write_identifiers_list(&newcomer), partner);
    let unconfirmed = upload_export(app, token, &fixture.lycee, sealed.clone(), "COMPLETE").await;
    assert_eq!(error_code(&unconfirmed), "CONFLICT", "{unconfirmed}");
    let error = &unconfirmed["errors"][0];
    assert_eq!(error["extensions"]["field"], "confirmLinkRemoval");
    assert_eq!(error["extensions"]["count"], linked, "{unconfirmed}");
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains(&format!("supprimerait {linked} rapprochement(s)")),
        "{unconfirmed}"
    );
    assert_eq!(
        supervision(app, token, &base).await,
        before,
        "nothing changed"
    );
    let complete = app
        .graphql_upload(
            token,
            "mutation($e: ID!, $file: Upload!) { uploadIdentifiersExport(establishmentId: $e, file: $file, mode: COMPLETE, confirmLinkRemoval: true) { removed linksRemoved } }",
            json!({ "e": &fixture.lycee }),
            "export.xml",
            sealed,
        )
        .await;
    assert_eq!(
        complete["data"]["uploadIdentifiersExport"]["removed"], 9,
        "{complete}"
    );
    assert_eq!(
        complete["data"]["uploadIdentifiersExport"]["linksRemoved"],
        linked
    );
    let emptied = supervision(app, token, &base).await;
    assert_eq!(line(&emptied, "ELEVE")["pronoteUsers"], 1);
    assert_eq!(line(&emptied, "ELEVE")["linked"], 0);
    assert_eq!(line(&emptied, "PROFESSEUR")["linked"], 0);
}

async fn roles_and_tenants_are_kept_apart(backend: Backend) {
    let Base { fixture, base } = matched_base(backend).await;
    let app = &fixture.app;
    let helpdesk = &fixture.alpha.helpdesk;
    // The helpdesk reads the table but decides nothing.
    supervision(app, helpdesk, &base).await;
    let refused = start(app, helpdesk, &base, "KEEP").await;
    assert_eq!(error_code(&refused), "FORBIDDEN", "{refused}");
    let refused = link(app, helpdesk, &base, LEA, "E001").await;
    assert_eq!(error_code(&refused), "FORBIDDEN", "{refused}");
    // Another tenant does not even see the base.
    let other = app
        .graphql(
            Some(&fixture.beta.operator),
            "query($b: ID!) { matchingSupervision(baseId: $b) { populations { linked } } }",
            json!({ "b": base }),
        )
        .await;
    assert_eq!(error_code(&other), "NOT_FOUND", "{other}");
    let other = start(app, &fixture.beta.operator, &base, "KEEP").await;
    assert_eq!(error_code(&other), "NOT_FOUND", "{other}");
    // A base without anything to match says what to do first.
    let bad_id = start(app, &fixture.alpha.operator, "pas-un-id", "KEEP").await;
    assert_eq!(error_code(&bad_id), "VALIDATION", "{bad_id}");
}

on_both_databases!(
    a_base_is_matched_population_by_population,
    replacing_links_rematches_and_a_partial_export_adds_users,
    roles_and_tenants_are_kept_apart,
);

/// `scripts/bench-matching-api.sh`: re-matching one lycée (≈1,400 ENT
/// accounts, the generator's lycée with its noise) through the product —
/// read the base's rows, run the engine, store the proposals — on SQLite,
/// then on PostgreSQL when it answers. Prints `BENCH` lines.
#[tokio::test]
#[ignore = "a measure, not a check: scripts/bench-matching-api.sh"]
async fn bench_rematching_one_establishment() {
    for backend in [Backend::Sqlite, Backend::Postgres] {
        if backend == Backend::Postgres && relais_tests::services::postgres::skipped() {
            println!("BENCH postgres SKIPPED (PostgreSQL absent)");
            continue;
        }
        let Fixture {
            app, alpha, lycee, ..
        } = fixture(backend, |_| {}).await;
        let token = &alpha.operator;
        let (csv, users) = synthetic_lycee();
        let accounts = csv.lines().count() - 1;
        let imported = app
            .graphql_upload(
                token,
                "mutation($file: Upload!) { importEntAccounts(file: $file, mode: COMPLETE) { committed errors } }",
                json!({}),
                "comptes.csv",
                csv.into_bytes(),
            )
            .await;
        assert_eq!(
            imported["data"]["importEntAccounts"]["committed"], true,
            "{imported}"
        );
        let partner = RsaPublicKey::from(&parse_private_key_pem(PARTNER_PRIVATE).unwrap());
        let received = upload_export(
            &app,
            token,
            &lycee,
            sealed_for(&write_identifiers_list(&users), partner),
            "COMPLETE",
        )
        .await;
        assert!(received["errors"].is_null(), "{received}");
        let base = app.first_base_id(token).await;
        // The issue's rule for a figure: at least 1,000 requests.
        let runs: usize = std::env::var("MATCHING_API_RUNS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(1_000);
        let mut times = Vec::new();
        let mut links = 0;
        for _ in 0..runs {
            let started = std::time::Instant::now();
            let run = app
                .graphql(
                    Some(token),
                    "mutation($b: ID!) { startMatching(baseId: $b) { id steps { autoLinks } } }",
                    json!({ "b": base }),
                )
                .await;
            times.push(started.elapsed());
            let run = &run["data"]["startMatching"];
            links = run["steps"]
                .as_array()
                .unwrap_or_else(|| panic!("{run}"))
                .iter()
                .map(|s| s["autoLinks"].as_i64().unwrap())
                .sum::<i64>();
            let cancelled = app
                .graphql(
                    Some(token),
                    "mutation($r: ID!) { cancelMatching(runId: $r) { status } }",
                    json!({ "r": run["id"] }),
                )
                .await;
            assert_eq!(cancelled["data"]["cancelMatching"]["status"], "CANCELLED");
        }
        times.sort();
        let ms =
            |q: f64| times[((times.len() - 1) as f64 * q).round() as usize].as_secs_f64() * 1e3;
        let goal = match backend {
            Backend::Sqlite => 20.0,
            Backend::Postgres => 40.0,
        };
        println!(
            "BENCH {backend:?} startMatching, {accounts} ENT accounts × {} PRONOTE users, {links} links proposed, {} runs: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms; goal p99 {goal:.0} ms, ratio {:.2}",
            users.len(),
            times.len(),
            ms(0.5),
            ms(0.99),
            ms(1.0),
            ms(0.99) / goal
        );
    }
}

/// The generator's lycée as the ENT accounts CSV and file B's users.
fn synthetic_lycee() -> (String, Vec<PronoteUser>) {
    use relais_matching::Population;
    use relais_matching::synthetic::Scale;
    use relais_matching::synthetic::dataset::{Dataset, SideData};
    let ds = Dataset::generate(1, Scale::Lycee, 1);
    let ent = SideData::records(&ds.ent.store, &ds.ent.rows);
    let pronote = SideData::records(&ds.pronote.store, &ds.pronote.rows);
    // The generator's noise includes C1 control characters (mojibake),
    // which the import refuses (issue 13): an ENT's file would not have
    // them, so they are left out.
    let field = |v: &str| {
        let v: String = v.chars().filter(|c| !c.is_control()).collect();
        if v.contains([';', '"']) {
            format!("\"{}\"", v.replace('"', "\"\""))
        } else {
            v.to_owned()
        }
    };
    let date = |d: Option<NaiveDate>| {
        d.map(|d| d.format("%d/%m/%Y").to_string())
            .unwrap_or_default()
    };
    let mut csv =
        String::from("id_ent;nom;prenom;date_naissance;profil;uai;sexe;civilite;eleves\n");
    for (i, r) in ent.iter().enumerate() {
        let profile = match r.population {
            Population::Eleves => "ELEVE",
            Population::Parents => "RESPONSABLE",
            Population::Professeurs => "ENSEIGNANT",
            Population::Personnels => "PERSONNEL",
            Population::Inspecteurs => "INSPECTEUR",
            Population::MaitresDeStage => "MAITRE_DE_STAGE",
        };
        let pupils: Vec<String> = if r.population == Population::Parents {
            r.related.iter().map(|p| format!("E{p}")).collect()
        } else {
            Vec::new()
        };
        csv.push_str(&format!(
            "E{i};{};{};{};{profile};0410017W;;;{}\n",
            field(r.last_name),
            field(r.first_name),
            date(r.birth_date),
            pupils.join("|")
        ));
    }
    let users = pronote
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let category = match r.population {
                Population::Eleves => PronoteCategory::Eleve,
                Population::Parents => PronoteCategory::Responsable,
                Population::Professeurs => PronoteCategory::Professeur,
                Population::Personnels => PronoteCategory::Personnel,
                Population::Inspecteurs => PronoteCategory::Inspecteur,
                Population::MaitresDeStage => PronoteCategory::MaitreDeStage,
            };
            PronoteUser {
                pronote_id: PronoteId::parse("id", &format!("P{i:015}")).unwrap(),
                last_name: r.last_name.to_owned(),
                first_name: r.first_name.to_owned(),
                birth_date: r.birth_date,
                category,
                cas_id: None,
            }
        })
        .collect();
    (csv, users)
}
