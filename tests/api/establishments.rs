//! Establishments: UAI rules, roles and grants, CSV import and export, search.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Value, json};

use crate::helpers::*;
use crate::typed::{GrantEstablishment, grant_establishment};

const CREATE: &str = "mutation($i: CreateEstablishmentInput!) { createEstablishment(input: $i) { id uai uaiChecksumAcknowledged name kind kindLabel status tenant { id } } }";
const LIST: &str = "query($f: EstablishmentFilterInput) { establishments(filter: $f, first: 100) { edges { node { uai name } } } }";
const IMPORT: &str = "mutation($i: ImportEstablishmentsInput!) { importEstablishments(input: $i) { committed encoding delimiter created updated unchanged rejected lines { line uai outcome reason } } }";

async fn create(app: &TestApp, token: &str, uai: &str, name: &str, ack: bool) -> Value {
    app.graphql(
        Some(token),
        CREATE,
        json!({ "i": { "uai": uai, "name": name, "kind": "COLLEGE", "commune": "Blois",
                       "postalCode": "41000", "academy": "Orléans-Tours",
                       "acknowledgeChecksumMismatch": ack } }),
    )
    .await
}

fn uais(answer: &Value) -> Vec<String> {
    answer["data"]["establishments"]["edges"]
        .as_array()
        .unwrap_or_else(|| panic!("no establishments in {answer}"))
        .iter()
        .map(|e| e["node"]["uai"].as_str().unwrap().to_owned())
        .collect()
}

async fn import(app: &TestApp, token: &str, bytes: &[u8], commit: bool, accept: bool) -> Value {
    app.graphql(
        Some(token),
        IMPORT,
        json!({ "i": { "contentBase64": STANDARD.encode(bytes), "commit": commit, "acceptRejectedLines": accept } }),
    )
    .await
}

async fn a_wrong_check_letter_names_the_expected_one_unless_acknowledged(backend: Backend) {
    let app = spawn_app(backend).await;
    let [alpha, _] = app.two_tenants().await;

    let wrong = create(
        &app,
        &alpha.operator,
        "0410017X",
        "Collège Augustin Thierry",
        false,
    )
    .await;
    assert_eq!(error_code(&wrong), "VALIDATION");
    assert_eq!(wrong["errors"][0]["extensions"]["field"], "uai");
    assert!(error_message(&wrong).contains('W'), "{wrong}");

    let kept = create(
        &app,
        &alpha.operator,
        "0410017x",
        "Collège Augustin Thierry",
        true,
    )
    .await;
    let created = &kept["data"]["createEstablishment"];
    assert_eq!(created["uai"], "0410017X");
    assert_eq!(created["uaiChecksumAcknowledged"], true);
    assert_eq!(created["kindLabel"], "Collège");
    assert_eq!(created["status"], "OPEN");
    assert_eq!(created["tenant"]["id"], alpha.id.as_str());

    let right = create(&app, &alpha.operator, "0410017w", "Collège", false).await;
    assert_eq!(
        right["data"]["createEstablishment"]["uaiChecksumAcknowledged"],
        false
    );
    let twice = create(&app, &alpha.operator, "0410017W", "Collège bis", false).await;
    assert_eq!(error_code(&twice), "CONFLICT");
    assert_eq!(twice["errors"][0]["extensions"]["field"], "uai");
}

async fn each_role_sees_the_establishments_it_should(backend: Backend) {
    let app = spawn_app(backend).await;
    let [alpha, beta] = app.two_tenants().await;
    let blois = create(
        &app,
        &alpha.operator,
        "0410017W",
        "Collège Augustin Thierry",
        false,
    )
    .await;
    let blois_id = blois["data"]["createEstablishment"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    create(&app, &alpha.operator, "0690028F", "Lycée du Parc", false).await;
    create(&app, &beta.operator, "0590083V", "Lycée Faidherbe", false).await;

    assert_eq!(
        uais(&app.graphql(Some(&alpha.operator), LIST, json!({})).await),
        ["0410017W", "0690028F"]
    );
    assert_eq!(
        uais(&app.graphql(Some(&alpha.helpdesk), LIST, json!({})).await),
        ["0410017W", "0690028F"]
    );
    assert_eq!(
        uais(&app.graphql(Some(&beta.helpdesk), LIST, json!({})).await),
        ["0590083V"]
    );
    assert_eq!(
        uais(&app.graphql(Some(&alpha.school), LIST, json!({})).await),
        Vec::<String>::new()
    );

    // Helpdesk and school administrators do not write establishments.
    for token in [&alpha.helpdesk, &alpha.school] {
        assert_eq!(
            error_code(&create(&app, token, "0850024P", "X", false).await),
            "FORBIDDEN"
        );
    }

    let revoke =
        "mutation($u: ID!, $e: ID!) { revokeEstablishment(userId: $u, establishmentId: $e) }";
    let ids = json!({ "u": alpha.school_id, "e": blois_id });
    let grant = async |token: &str, user: &str| {
        let variables = grant_establishment::Variables {
            user_id: user.to_owned(),
            establishment_id: blois_id.clone(),
        };
        match app.run::<GrantEstablishment>(Some(token), variables).await {
            Ok(data) => Ok(data.grant_establishment),
            Err(refused) => Err((refused.code().to_owned(), refused.message().to_owned())),
        }
    };
    let code = |answer: Result<bool, (String, String)>| answer.err().unwrap_or_default().0;
    assert_eq!(
        code(grant(&beta.operator, &alpha.school_id).await),
        "NOT_FOUND"
    );
    assert_eq!(
        code(grant(&alpha.helpdesk, &alpha.school_id).await),
        "FORBIDDEN"
    );
    let not_school = grant(&alpha.operator, &alpha.helpdesk_id)
        .await
        .unwrap_err();
    assert_eq!(not_school.0, "VALIDATION");
    assert!(!not_school.1.is_empty(), "a French message says why");
    assert_eq!(grant(&alpha.operator, &alpha.school_id).await, Ok(true));
    assert_eq!(
        code(grant(&alpha.operator, &alpha.school_id).await),
        "CONFLICT"
    );

    assert_eq!(
        uais(&app.graphql(Some(&alpha.school), LIST, json!({})).await),
        ["0410017W"]
    );
    let update = "mutation($id: ID!) { updateEstablishment(id: $id, input: { name: \"Renommé\", kind: COLLEGE, status: OPEN }) { name } }";
    assert_eq!(
        error_code(
            &app.graphql(Some(&alpha.school), update, json!({ "id": blois_id }))
                .await
        ),
        "FORBIDDEN"
    );
    let foreign = app
        .graphql(
            Some(&beta.operator),
            "query($id: ID!) { establishment(id: $id) { uai } }",
            json!({ "id": blois_id }),
        )
        .await;
    assert_eq!(error_code(&foreign), "NOT_FOUND");
    let by_uai = app
        .graphql(
            Some(&beta.operator),
            "{ establishmentByUai(uai: \"0410017W\") { uai } }",
            json!({}),
        )
        .await;
    assert_eq!(error_code(&by_uai), "NOT_FOUND");

    // Who administers the establishment: its operator asks, others cannot.
    let administrators =
        "query($e: ID!) { establishmentAdministrators(establishmentId: $e) { email role } }";
    let of_blois = json!({ "e": blois_id });
    let listed = app
        .graphql(Some(&alpha.operator), administrators, of_blois.clone())
        .await;
    assert_eq!(
        listed["data"]["establishmentAdministrators"],
        json!([{ "email": "school_admin@alpha.test", "role": "SCHOOL_ADMIN" }]),
        "{listed}"
    );
    for (token, code) in [
        (&alpha.helpdesk, "FORBIDDEN"),
        (&alpha.school, "FORBIDDEN"),
        (&beta.operator, "NOT_FOUND"),
    ] {
        let refused = app
            .graphql(Some(token), administrators, of_blois.clone())
            .await;
        assert_eq!(error_code(&refused), code, "{refused}");
    }

    assert_eq!(
        app.graphql(Some(&alpha.operator), revoke, ids).await["data"]["revokeEstablishment"],
        true
    );
    assert_eq!(
        uais(&app.graphql(Some(&alpha.school), LIST, json!({})).await),
        Vec::<String>::new()
    );
    let after = app
        .graphql(Some(&alpha.operator), administrators, of_blois)
        .await;
    assert_eq!(
        after["data"]["establishmentAdministrators"],
        json!([]),
        "{after}"
    );
}

const GOOD_CSV: &str = "Identifiant_de_l_etablissement;Nom_etablissement;Type_etablissement;Code_postal;Nom_commune;Libelle_academie;Etat\n\
0410017W;Collège Augustin Thierry;Collège;41000;Blois;Orléans-Tours;OUVERT\n\
0690028F;Lycée du Parc;Lycée;69006;Lyon;Lyon;OUVERT\n\
0590083V;Lycée Faidherbe;Lycée;59000;Lille;Lille;OUVERT\n";

async fn a_csv_import_reports_each_line_and_a_second_run_changes_nothing(backend: Backend) {
    let app = spawn_app(backend).await;
    let [alpha, _] = app.two_tenants().await;
    let with_bad_lines = format!(
        "{GOOD_CSV}0410017X;Mauvaise lettre;Collège;41000;Blois;Orléans-Tours;OUVERT\n0690028F;Doublon;Lycée;69006;Lyon;Lyon;OUVERT\n"
    );

    let dry = import(
        &app,
        &alpha.operator,
        with_bad_lines.as_bytes(),
        false,
        false,
    )
    .await;
    let report = &dry["data"]["importEstablishments"];
    assert_eq!(report["committed"], false);
    assert_eq!(
        (report["created"].as_i64(), report["rejected"].as_i64()),
        (Some(3), Some(2))
    );
    assert_eq!(report["delimiter"], ";");
    assert_eq!(report["lines"][3]["line"], 5);
    assert!(report["lines"][3]["reason"].as_str().unwrap().contains('W'));
    assert!(
        report["lines"][4]["reason"]
            .as_str()
            .unwrap()
            .contains("ligne 3")
    );
    assert_eq!(
        uais(&app.graphql(Some(&alpha.operator), LIST, json!({})).await).len(),
        0
    );

    let refused = import(
        &app,
        &alpha.operator,
        with_bad_lines.as_bytes(),
        true,
        false,
    )
    .await;
    assert_eq!(error_code(&refused), "VALIDATION");
    assert_eq!(
        refused["errors"][0]["extensions"]["field"],
        "acceptRejectedLines"
    );
    assert_eq!(
        uais(&app.graphql(Some(&alpha.operator), LIST, json!({})).await).len(),
        0
    );

    let committed = import(&app, &alpha.operator, with_bad_lines.as_bytes(), true, true).await;
    assert_eq!(committed["data"]["importEstablishments"]["created"], 3);
    assert_eq!(
        uais(&app.graphql(Some(&alpha.operator), LIST, json!({})).await).len(),
        3
    );

    let again = import(&app, &alpha.operator, GOOD_CSV.as_bytes(), true, false).await;
    let report = &again["data"]["importEstablishments"];
    assert_eq!(
        (
            report["created"].as_i64(),
            report["updated"].as_i64(),
            report["unchanged"].as_i64()
        ),
        (Some(0), Some(0), Some(3))
    );

    // The export re-imports as unchanged, and a changed line is an update.
    let export = app
        .graphql(Some(&alpha.operator), "{ establishmentsCsv }", json!({}))
        .await;
    let csv = export["data"]["establishmentsCsv"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(csv.starts_with("uai;nom;type;commune;code_postal;academie;etat\r\n"));
    assert!(csv.contains(
        "0410017W;Collège Augustin Thierry;Collège;Blois;41000;Orléans-Tours;Ouvert\r\n"
    ));
    let reimport = import(&app, &alpha.operator, csv.as_bytes(), false, false).await;
    assert_eq!(
        reimport["data"]["importEstablishments"]["unchanged"], 3,
        "{reimport}"
    );
    let renamed = GOOD_CSV.replace("Lycée du Parc", "Lycée du Parc (cité scolaire)");
    let update = import(&app, &alpha.operator, renamed.as_bytes(), true, false).await;
    assert_eq!(update["data"]["importEstablishments"]["updated"], 1);

    // Only administrators import, and a platform administrator names the operator.
    assert_eq!(
        error_code(&import(&app, &alpha.helpdesk, GOOD_CSV.as_bytes(), false, false).await),
        "FORBIDDEN"
    );
    let admin = app.admin_token().await;
    let unnamed = import(&app, &admin, GOOD_CSV.as_bytes(), false, false).await;
    assert_eq!(unnamed["errors"][0]["extensions"]["field"], "tenantId");
}

async fn a_windows_1252_file_with_commas_keeps_its_accents(backend: Backend) {
    let app = spawn_app(backend).await;
    let [alpha, _] = app.two_tenants().await;
    let mut bytes = b"uai,nom,type,commune\n0850024P,Lyc".to_vec();
    bytes.push(0xE9); // é in Windows-1252
    bytes.extend_from_slice(b"e Georges Clemenceau,LYCEE,La Roche-sur-Yon\n");

    let answer = import(&app, &alpha.operator, &bytes, true, false).await;

    let report = &answer["data"]["importEstablishments"];
    assert_eq!(report["encoding"], "Windows-1252", "{answer}");
    assert_eq!(report["delimiter"], ",");
    let found = app
        .graphql(
            Some(&alpha.operator),
            "{ establishmentByUai(uai: \"0850024P\") { name kind status } }",
            json!({}),
        )
        .await;
    assert_eq!(
        found["data"]["establishmentByUai"]["name"],
        "Lycée Georges Clemenceau"
    );
    assert_eq!(found["data"]["establishmentByUai"]["kind"], "LYCEE");
    let broken = app
        .graphql(
            Some(&alpha.operator),
            IMPORT,
            json!({ "i": { "contentBase64": "pas du base64 !" } }),
        )
        .await;
    assert_eq!(broken["errors"][0]["extensions"]["field"], "contentBase64");
}

async fn search_filters_by_uai_prefix_name_words_academy_and_kind(backend: Backend) {
    let app = spawn_app(backend).await;
    let [alpha, _] = app.two_tenants().await;
    import(&app, &alpha.operator, GOOD_CSV.as_bytes(), true, false).await;
    let search = |filter: Value| {
        let app = &app;
        let token = alpha.operator.clone();
        async move {
            uais(
                &app.graphql(Some(&token), LIST, json!({ "f": filter }))
                    .await,
            )
        }
    };

    assert_eq!(search(json!({ "uaiPrefix": "041" })).await, ["0410017W"]);
    assert_eq!(
        search(json!({ "name": "lycee FAIDHERBE" })).await,
        ["0590083V"]
    );
    assert_eq!(
        search(json!({ "name": "lycée" })).await,
        ["0690028F", "0590083V"]
    );
    assert_eq!(search(json!({ "academy": "Lyon" })).await, ["0690028F"]);
    assert_eq!(search(json!({ "kind": "COLLEGE" })).await, ["0410017W"]);
    assert_eq!(
        search(json!({ "kind": "LYCEE", "name": "parc" })).await,
        ["0690028F"]
    );
    assert_eq!(
        search(json!({ "status": "CLOSED" })).await,
        Vec::<String>::new()
    );
}

on_both_databases!(
    a_wrong_check_letter_names_the_expected_one_unless_acknowledged,
    each_role_sees_the_establishments_it_should,
    a_csv_import_reports_each_line_and_a_second_run_changes_nothing,
    a_windows_1252_file_with_commas_keeps_its_accents,
    search_filters_by_uai_prefix_name_words_academy_and_kind,
);
