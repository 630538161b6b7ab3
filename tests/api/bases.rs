//! PRONOTE bases: cités scolaires, derived URLs, delegation settings under
//! the console's rules (docs/domain.md §2), roles, moves, rentrée, diagnostics.

use serde_json::{Value, json};

use crate::helpers::*;

const BASE_FIELDS: &str = "id groupUai version publication schoolYear pronoteVersion serviceUrl directAccessUrl casAuthenticationLink casValidationLink establishments { uai } diagnostics { code severity message } settings { delegations { cas } espaces { espace delegation } casUrls { shape root loginUrl validationUrl } directAccess commonIdentifierAttribute firstConnection { mode pronoteIdentifierAttribute identity { profileValues { profile values } } } }";

/// Three establishments of tenant `alpha`: a lycée and a collège of one cité
/// scolaire, and another collège. Returns their ids.
async fn three_establishments(app: &TestApp, token: &str) -> [String; 3] {
    let mut ids = Vec::new();
    for (uai, name, kind) in [
        ("0410017W", "Lycée Augustin Thierry", "LYCEE"),
        ("0410018X", "Collège Augustin Thierry", "COLLEGE"),
        ("0690028F", "Collège du Parc", "COLLEGE"),
    ] {
        let answer = app
            .graphql(
                Some(token),
                "mutation($i: CreateEstablishmentInput!) { createEstablishment(input: $i) { id } }",
                json!({ "i": { "uai": uai, "name": name, "kind": kind, "acknowledgeChecksumMismatch": true } }),
            )
            .await;
        ids.push(
            answer["data"]["createEstablishment"]["id"]
                .as_str()
                .unwrap_or_else(|| panic!("{answer}"))
                .to_owned(),
        );
    }
    ids.try_into().unwrap()
}

async fn create_base(
    app: &TestApp,
    token: &str,
    group: &str,
    others: &[&str],
    public_url: Option<&str>,
) -> Value {
    app.graphql(
        Some(token),
        &format!(
            "mutation($i: CreateBaseInput!) {{ createBase(input: $i) {{ {BASE_FIELDS} }} }}"
        ),
        json!({ "i": { "groupEstablishmentId": group, "otherEstablishmentIds": others,
                       "fields": { "hosting": "HOSTED", "pronoteVersion": 2025, "schoolYear": "2025-2026",
                                   "publicUrl": public_url } } }),
    )
    .await
}

async fn base(app: &TestApp, token: &str, id: &str) -> Value {
    app.graphql(
        Some(token),
        &format!("query($id: ID!) {{ base(id: $id) {{ {BASE_FIELDS} }} }}"),
        json!({ "id": id }),
    )
    .await
}

async fn recommend(app: &TestApp, token: &str, id: &str, version: i64) -> Value {
    app.graphql(
        Some(token),
        &format!("mutation($id: ID!, $v: Int!) {{ applyRecommendedSettings(baseId: $id, version: $v, casRoot: \"https://ent.netocentre.fr/cas/\") {{ {BASE_FIELDS} }} }}"),
        json!({ "id": id, "v": version }),
    )
    .await
}

async fn set_publication(app: &TestApp, token: &str, id: &str, version: i64, state: &str) -> Value {
    app.graphql(
        Some(token),
        "mutation($id: ID!, $v: Int!, $p: Publication!) { setPublication(baseId: $id, version: $v, publication: $p) { version publication } }",
        json!({ "id": id, "v": version, "p": state }),
    )
    .await
}

async fn update_settings(
    app: &TestApp,
    token: &str,
    id: &str,
    version: i64,
    settings: Value,
) -> Value {
    app.graphql(
        Some(token),
        &format!("mutation($id: ID!, $v: Int!, $s: DelegationSettingsInput!) {{ updateDelegationSettings(baseId: $id, version: $v, settings: $s) {{ {BASE_FIELDS} }} }}"),
        json!({ "id": id, "v": version, "s": settings }),
    )
    .await
}

/// Every espace on CAS, PRONOTE identifier mode.
fn pronote_identifier_settings(cas_urls: Value) -> Value {
    let espaces: Vec<Value> = [
        "PAGE_COMMUNE",
        "DIRECTION",
        "PROFESSEURS",
        "VIE_SCOLAIRE",
        "PARENTS",
        "ACCOMPAGNANTS",
        "ELEVES",
        "ENTREPRISE",
        "ACADEMIE",
    ]
    .iter()
    .map(|e| json!({ "espace": e, "delegation": "CAS" }))
    .collect();
    json!({
        "delegations": { "cas": true },
        "espaces": espaces,
        "casUrls": cas_urls,
        "directAccess": "ALWAYS",
        "clientDirectAccess": true,
        "commonIdentifierAttribute": "uid",
        "firstConnection": { "mode": "PRONOTE_IDENTIFIER", "pronoteIdentifierAttribute": "idPronote" }
    })
}

fn codes(base: &Value) -> Vec<String> {
    base["diagnostics"]
        .as_array()
        .unwrap_or_else(|| panic!("no diagnostics in {base}"))
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_owned())
        .collect()
}

async fn a_cite_scolaire_gets_one_base_with_derived_urls(backend: Backend) {
    let app = spawn_app(backend).await;
    let [alpha, _] = app.two_tenants().await;
    app.default_ent_model(&alpha.operator).await;
    let [lycee, college, other] = three_establishments(&app, &alpha.operator).await;

    let created = create_base(
        &app,
        &alpha.operator,
        &lycee,
        &[&college],
        Some("https://0410017W.index-education.net/pronote/"),
    )
    .await;
    let created = &created["data"]["createBase"];
    assert_eq!(created["groupUai"], "0410017W", "{created}");
    assert_eq!(created["version"], 1);
    assert_eq!(created["publication"], "STOPPED");
    assert_eq!(
        created["establishments"],
        json!([{ "uai": "0410017W" }, { "uai": "0410018X" }])
    );
    assert_eq!(
        created["serviceUrl"],
        "https://0410017w.index-education.net/pronote/**"
    );
    assert_eq!(
        created["directAccessUrl"],
        "https://0410017w.index-education.net/pronote/?login=true"
    );
    assert!(
        codes(created).contains(&"NO_DELEGATION".to_owned()),
        "{created}"
    );
    let id = created["id"].as_str().unwrap();

    // Both establishments of the cité scolaire point to the base.
    let by_uai = app
        .graphql(
            Some(&alpha.operator),
            "{ establishmentByUai(uai: \"0410018X\") { base { groupUai } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        by_uai["data"]["establishmentByUai"]["base"]["groupUai"],
        "0410017W"
    );

    let recommended = recommend(&app, &alpha.operator, id, 1).await;
    let recommended = &recommended["data"]["applyRecommendedSettings"];
    assert_eq!(recommended["version"], 2, "{recommended}");
    assert_eq!(
        recommended["casAuthenticationLink"],
        "https://ent.netocentre.fr/cas/login?service=https%3A%2F%2F0410017w.index-education.net%2Fpronote%2F"
    );
    assert_eq!(
        recommended["casValidationLink"],
        "https://ent.netocentre.fr/cas/samlValidate?TARGET=https%3A%2F%2F0410017w.index-education.net%2Fpronote%2F"
    );
    assert_eq!(recommended["settings"]["casUrls"]["shape"], "STANDARD");
    assert_eq!(
        recommended["settings"]["firstConnection"]["identity"]["profileValues"][0],
        json!({ "profile": "ELEVE", "values": ["National_1"] })
    );
    assert!(
        recommended["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["severity"] != "ERROR"),
        "{recommended}"
    );

    // An establishment serves one base only.
    let twice = create_base(&app, &alpha.operator, &other, &[&college], None).await;
    assert_eq!(error_code(&twice), "CONFLICT", "{twice}");
    assert_eq!(
        twice["errors"][0]["extensions"]["field"],
        "establishmentIds"
    );
    assert!(error_message(&twice).contains("0410018X"));
    // Nothing was half-written: the third establishment has no base.
    let third = app
        .graphql(
            Some(&alpha.operator),
            "{ establishmentByUai(uai: \"0690028F\") { base { id } } }",
            json!({}),
        )
        .await;
    assert_eq!(third["data"]["establishmentByUai"]["base"], Value::Null);
}

async fn settings_change_only_while_stopped_and_from_the_version_read(backend: Backend) {
    let app = spawn_app(backend).await;
    let [alpha, _] = app.two_tenants().await;
    let [lycee, _, _] = three_establishments(&app, &alpha.operator).await;
    let created = create_base(
        &app,
        &alpha.operator,
        &lycee,
        &[],
        Some("https://pronote.lycee.fr/pronote"),
    )
    .await;
    let id = created["data"]["createBase"]["id"].as_str().unwrap();
    let settings = pronote_identifier_settings(json!({ "root": "https://cas.ent.fr/cas" }));

    let published = set_publication(&app, &alpha.operator, id, 1, "PUBLISHED").await;
    assert_eq!(published["data"]["setPublication"]["version"], 2);
    let refused = update_settings(&app, &alpha.operator, id, 2, settings.clone()).await;
    assert_eq!(error_code(&refused), "CONFLICT");
    assert_eq!(
        error_message(&refused),
        "Vous devez arrêter la publication de la base pour pouvoir modifier ces paramètres."
    );

    let stopped = set_publication(&app, &alpha.operator, id, 2, "STOPPED").await;
    assert_eq!(stopped["data"]["setPublication"]["version"], 3);
    let stale = update_settings(&app, &alpha.operator, id, 2, settings.clone()).await;
    assert_eq!(error_code(&stale), "CONFLICT");
    assert_eq!(stale["errors"][0]["extensions"]["field"], "version");
    let unchanged = base(&app, &alpha.operator, id).await;
    assert_eq!(unchanged["data"]["base"]["version"], 3);
    assert_eq!(
        unchanged["data"]["base"]["settings"]["delegations"]["cas"],
        false
    );

    let saved = update_settings(&app, &alpha.operator, id, 3, settings.clone()).await;
    let saved = &saved["data"]["updateDelegationSettings"];
    assert_eq!(saved["version"], 4, "{saved}");
    assert_eq!(saved["settings"]["commonIdentifierAttribute"], "uid");
    assert_eq!(
        saved["settings"]["firstConnection"],
        json!({ "mode": "PRONOTE_IDENTIFIER", "pronoteIdentifierAttribute": "idPronote", "identity": null })
    );
    assert_eq!(
        saved["settings"]["casUrls"]["validationUrl"],
        "https://cas.ent.fr/cas/samlValidate"
    );

    // Bad input: a clear French error on the field, nothing written.
    let mut not_active = settings.clone();
    not_active["delegations"]["cas"] = json!(false);
    let mut both_shapes = settings.clone();
    both_shapes["casUrls"] =
        json!({ "root": "https://cas.ent.fr/cas", "loginUrl": "https://cas.ent.fr/login" });
    let mut script = settings.clone();
    script["casUrls"] = json!({ "root": "javascript:alert(1)" });
    let mut credentials = settings.clone();
    credentials["casUrls"] = json!({ "root": "https://user:secret@cas.ent.fr/cas" });
    let mut no_attribute = settings.clone();
    no_attribute["firstConnection"] = json!({ "mode": "PRONOTE_IDENTIFIER" });
    let mut twice = settings.clone();
    twice["espaces"][1]["espace"] = json!("PAGE_COMMUNE");
    for (bad, field) in [
        (not_active, "espaces"),
        (both_shapes, "casUrls"),
        (script, "casUrls.root"),
        (credentials, "casUrls.root"),
        (no_attribute, "pronoteIdentifierAttribute"),
        (twice, "espaces"),
    ] {
        let answer = update_settings(&app, &alpha.operator, id, 4, bad).await;
        assert_eq!(error_code(&answer), "VALIDATION", "{answer}");
        assert_eq!(
            answer["errors"][0]["extensions"]["field"], field,
            "{answer}"
        );
    }
    assert_eq!(
        base(&app, &alpha.operator, id).await["data"]["base"]["version"],
        4
    );

    // http is accepted, with a warning; custom URLs keep their own paths.
    let mut http = settings.clone();
    http["casUrls"] = json!({ "loginUrl": "http://cas.ent.fr/cas/connexion", "validationUrl": "http://cas.ent.fr/cas/valider" });
    let saved = update_settings(&app, &alpha.operator, id, 4, http).await;
    let saved = &saved["data"]["updateDelegationSettings"];
    assert_eq!(saved["settings"]["casUrls"]["shape"], "CUSTOM", "{saved}");
    assert_eq!(
        saved["settings"]["casUrls"]["loginUrl"],
        "http://cas.ent.fr/cas/connexion"
    );
    assert!(codes(saved).contains(&"CAS_URL_HTTP".to_owned()), "{saved}");
}

async fn each_role_reaches_the_bases_it_should(backend: Backend) {
    let app = spawn_app(backend).await;
    let [alpha, beta] = app.two_tenants().await;
    app.default_ent_model(&alpha.operator).await;
    let [lycee, _, other] = three_establishments(&app, &alpha.operator).await;
    let mine = create_base(&app, &alpha.operator, &lycee, &[], None).await;
    let mine = mine["data"]["createBase"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let theirs = create_base(&app, &alpha.operator, &other, &[], None).await;
    let theirs = theirs["data"]["createBase"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let grant = app
        .graphql(
            Some(&alpha.operator),
            "mutation($u: ID!, $e: ID!) { grantEstablishment(userId: $u, establishmentId: $e) }",
            json!({ "u": alpha.school_id, "e": lycee }),
        )
        .await;
    assert_eq!(grant["data"]["grantEstablishment"], true, "{grant}");
    let list = "{ bases(first: 100) { nodes { groupUai } } }";
    let group_uais = |answer: &Value| -> Vec<String> {
        answer["data"]["bases"]["nodes"]
            .as_array()
            .unwrap_or_else(|| panic!("{answer}"))
            .iter()
            .map(|b| b["groupUai"].as_str().unwrap().to_owned())
            .collect()
    };

    // Operators and helpdesk see the tenant; the school its own base.
    assert_eq!(
        group_uais(&app.graphql(Some(&alpha.operator), list, json!({})).await).len(),
        2
    );
    assert_eq!(
        group_uais(&app.graphql(Some(&alpha.helpdesk), list, json!({})).await).len(),
        2
    );
    assert_eq!(
        group_uais(&app.graphql(Some(&alpha.school), list, json!({})).await),
        vec!["0410017W"]
    );
    assert!(group_uais(&app.graphql(Some(&beta.operator), list, json!({})).await).is_empty());

    // The school administrator edits its own base, and only that one.
    assert_eq!(
        recommend(&app, &alpha.school, &mine, 1).await["data"]["applyRecommendedSettings"]["version"],
        2
    );
    assert_eq!(
        error_code(&recommend(&app, &alpha.school, &theirs, 1).await),
        "NOT_FOUND"
    );
    assert_eq!(
        error_code(&base(&app, &alpha.school, &theirs).await),
        "NOT_FOUND"
    );
    let school_creates = create_base(&app, &alpha.school, &lycee, &[], None).await;
    assert_eq!(error_code(&school_creates), "FORBIDDEN");
    let school_moves = app
        .graphql(
            Some(&alpha.school),
            "mutation($e: ID!, $b: ID!) { moveEstablishment(establishmentId: $e, baseId: $b) { id } }",
            json!({ "e": lycee, "b": theirs }),
        )
        .await;
    assert_eq!(error_code(&school_moves), "FORBIDDEN");

    // Helpdesk reads but does not write.
    assert_eq!(
        base(&app, &alpha.helpdesk, &mine).await["data"]["base"]["groupUai"],
        "0410017W"
    );
    assert_eq!(
        error_code(&set_publication(&app, &alpha.helpdesk, &mine, 2, "PUBLISHED").await),
        "FORBIDDEN"
    );
    assert_eq!(
        error_code(&recommend(&app, &alpha.helpdesk, &mine, 2).await),
        "FORBIDDEN"
    );

    // Another operator cannot tell the base exists.
    assert_eq!(
        error_code(&base(&app, &beta.operator, &mine).await),
        "NOT_FOUND"
    );
    assert_eq!(
        error_code(&recommend(&app, &beta.operator, &mine, 2).await),
        "NOT_FOUND"
    );
    assert_eq!(
        error_code(&set_publication(&app, &beta.school, &mine, 2, "PUBLISHED").await),
        "NOT_FOUND"
    );
    assert_eq!(
        error_code(&create_base(&app, &beta.operator, &other, &[], None).await),
        "NOT_FOUND"
    );
    // Nothing moved.
    assert_eq!(
        base(&app, &alpha.operator, &mine).await["data"]["base"]["version"],
        2
    );
}

async fn moving_an_establishment_is_audited_and_keeps_the_group(backend: Backend) {
    let app = spawn_app(backend).await;
    let [alpha, _] = app.two_tenants().await;
    let [lycee, college, other] = three_establishments(&app, &alpha.operator).await;
    let cite = create_base(&app, &alpha.operator, &lycee, &[&college], None).await;
    let cite = cite["data"]["createBase"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let single = create_base(&app, &alpha.operator, &other, &[], None).await;
    let single = single["data"]["createBase"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let mv = |e: &str, b: &str| {
        app.graphql(
            Some(&alpha.operator),
            "mutation($e: ID!, $b: ID!) { moveEstablishment(establishmentId: $e, baseId: $b) { groupUai establishments { uai } } }",
            json!({ "e": e, "b": b }),
        )
    };

    let moved = mv(&college, &single).await;
    assert_eq!(
        moved["data"]["moveEstablishment"]["establishments"],
        json!([{ "uai": "0410018X" }, { "uai": "0690028F" }]),
        "{moved}"
    );
    assert_eq!(
        base(&app, &alpha.operator, &cite).await["data"]["base"]["establishments"],
        json!([{ "uai": "0410017W" }])
    );
    let audit = app
        .graphql(
            Some(&alpha.operator),
            "{ auditEvents(first: 10) { nodes { action summary } } }",
            json!({}),
        )
        .await;
    let moved_entry = audit["data"]["auditEvents"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "ESTABLISHMENT_MOVED")
        .unwrap_or_else(|| panic!("no ESTABLISHMENT_MOVED in {audit}"))
        .clone();
    assert!(
        moved_entry["summary"]
            .as_str()
            .unwrap()
            .contains("de la base 0410017W vers la base 0690028F"),
        "{moved_entry}"
    );

    let group_leaves = mv(&lycee, &single).await;
    assert_eq!(error_code(&group_leaves), "CONFLICT");
    assert_eq!(
        group_leaves["errors"][0]["extensions"]["field"],
        "establishmentId"
    );
    let already = mv(&college, &single).await;
    assert_eq!(error_code(&already), "CONFLICT");
}

async fn the_rentree_moves_bases_to_the_next_school_year(backend: Backend) {
    let app = spawn_app(backend).await;
    let [alpha, _] = app.two_tenants().await;
    let [lycee, _, other] = three_establishments(&app, &alpha.operator).await;
    let first = create_base(&app, &alpha.operator, &lycee, &[], None).await;
    let first = first["data"]["createBase"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    create_base(&app, &alpha.operator, &other, &[], None).await;
    let rentree =
        "{ rentree(schoolYear: \"2026-2027\") { schoolYear done toDo pendingGroupUais } }";

    assert_eq!(
        app.graphql(Some(&alpha.operator), rentree, json!({})).await["data"]["rentree"],
        json!({ "schoolYear": "2026-2027", "done": 0, "toDo": 2, "pendingGroupUais": ["0410017W", "0690028F"] })
    );
    set_publication(&app, &alpha.operator, &first, 1, "PUBLISHED").await;
    let start = |year: &'static str, version: i64| {
        app.graphql(
            Some(&alpha.operator),
            "mutation($id: ID!, $v: Int!, $y: String!) { startSchoolYear(baseId: $id, version: $v, schoolYear: $y, pronoteVersion: 2026) { schoolYear pronoteVersion publication version } }",
            json!({ "id": first, "v": version, "y": year }),
        )
    };
    let started = start("2026-2027", 2).await;
    assert_eq!(
        started["data"]["startSchoolYear"],
        json!({ "schoolYear": "2026-2027", "pronoteVersion": 2026, "publication": "STOPPED", "version": 3 }),
        "{started}"
    );
    assert_eq!(
        app.graphql(Some(&alpha.operator), rentree, json!({})).await["data"]["rentree"],
        json!({ "schoolYear": "2026-2027", "done": 1, "toDo": 1, "pendingGroupUais": ["0690028F"] })
    );
    let backwards = start("2025-2026", 3).await;
    assert_eq!(error_code(&backwards), "VALIDATION");
    assert_eq!(backwards["errors"][0]["extensions"]["field"], "schoolYear");
    let malformed = start("2026-2028", 3).await;
    assert_eq!(error_code(&malformed), "VALIDATION");
    let pending = app
        .graphql(
            Some(&alpha.operator),
            "{ bases(filter: { schoolYearBefore: \"2026-2027\" }) { nodes { groupUai } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        pending["data"]["bases"]["nodes"],
        json!([{ "groupUai": "0690028F" }])
    );
}

async fn the_tenant_summary_counts_bases_per_finding(backend: Backend) {
    let app = spawn_app(backend).await;
    let [alpha, beta] = app.two_tenants().await;
    app.default_ent_model(&alpha.operator).await;
    let [lycee, _, other] = three_establishments(&app, &alpha.operator).await;
    let good = create_base(
        &app,
        &alpha.operator,
        &lycee,
        &[],
        Some("https://0410017w.index-education.net/pronote"),
    )
    .await;
    let good = good["data"]["createBase"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    recommend(&app, &alpha.operator, &good, 1).await;
    create_base(&app, &alpha.operator, &other, &[], None).await;
    let query = "{ basesSummary { bases published withErrors findings { code bases } } }";

    let summary = app.graphql(Some(&alpha.helpdesk), query, json!({})).await;
    let summary = &summary["data"]["basesSummary"];
    assert_eq!(summary["bases"], 2, "{summary}");
    assert_eq!(summary["withErrors"], 1, "{summary}");
    let count = |code: &str| {
        summary["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["code"] == code)
            .map(|f| f["bases"].as_i64().unwrap())
    };
    assert_eq!(count("NO_DELEGATION"), Some(1));
    assert_eq!(count("PUBLIC_URL_MISSING"), Some(1));
    assert_eq!(count("NOT_PUBLISHED"), Some(2));
    assert_eq!(
        app.graphql(Some(&beta.operator), query, json!({})).await["data"]["basesSummary"]["bases"],
        0
    );
}

/// Every query and mutation of the bases, for every role of the owning
/// tenant and for the other tenant: allowed, `FORBIDDEN` or `NOT_FOUND`.
async fn every_role_against_every_base_operation(backend: Backend) {
    let app = spawn_app(backend).await;
    let [alpha, beta] = app.two_tenants().await;
    let admin = app.admin_token().await;
    let [lycee, college, other] = three_establishments(&app, &alpha.operator).await;
    let created = create_base(&app, &alpha.operator, &lycee, &[], None).await;
    let base_id = created["data"]["createBase"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    app.graphql(
        Some(&alpha.operator),
        "mutation($u: ID!, $e: ID!) { grantEstablishment(userId: $u, establishmentId: $e) }",
        json!({ "u": alpha.school_id, "e": lycee }),
    )
    .await;
    let settings = pronote_identifier_settings(json!({ "root": "https://cas.ent.fr/cas" }));

    // (who, expected outcome for reads, for base edits, for operator-only writes)
    let callers = [
        ("platform", admin.as_str(), "OK", "OK", "OK"),
        ("operator", alpha.operator.as_str(), "OK", "OK", "OK"),
        (
            "helpdesk",
            alpha.helpdesk.as_str(),
            "OK",
            "FORBIDDEN",
            "FORBIDDEN",
        ),
        ("school", alpha.school.as_str(), "OK", "OK", "FORBIDDEN"),
        (
            "other operator",
            beta.operator.as_str(),
            "NOT_FOUND",
            "NOT_FOUND",
            "NOT_FOUND",
        ),
        (
            "other school",
            beta.school.as_str(),
            "NOT_FOUND",
            "NOT_FOUND",
            "FORBIDDEN",
        ),
    ];
    for (who, token, read, edit, operator_only) in callers {
        let version = base(&app, &alpha.operator, &base_id).await["data"]["base"]["version"]
            .as_i64()
            .unwrap();
        let outcome = |answer: &Value| -> String {
            match answer["errors"][0]["extensions"]["code"].as_str() {
                Some(code) => code.to_owned(),
                None => "OK".to_owned(),
            }
        };
        let check = |what: &str, answer: Value, expected: &str| {
            assert_eq!(outcome(&answer), expected, "{who} / {what}: {answer}");
        };
        check("base", base(&app, token, &base_id).await, read);
        check(
            "updateBase",
            app.graphql(
                Some(token),
                "mutation($id: ID!, $v: Int!) { updateBase(id: $id, version: $v, fields: { hosting: SELF_HOSTED, schoolYear: \"2025-2026\", serverAddress: \"pronote.lycee.fr:49300\" }) { version } }",
                json!({ "id": base_id, "v": version }),
            )
            .await,
            edit,
        );
        let version = base(&app, &alpha.operator, &base_id).await["data"]["base"]["version"]
            .as_i64()
            .unwrap();
        check(
            "updateDelegationSettings",
            update_settings(&app, token, &base_id, version, settings.clone()).await,
            edit,
        );
        let version = base(&app, &alpha.operator, &base_id).await["data"]["base"]["version"]
            .as_i64()
            .unwrap();
        check(
            "setPublication",
            set_publication(&app, token, &base_id, version, "STOPPED").await,
            edit,
        );
        let version = base(&app, &alpha.operator, &base_id).await["data"]["base"]["version"]
            .as_i64()
            .unwrap();
        let year = format!("{}-{}", 2030 + version, 2031 + version);
        check(
            "startSchoolYear",
            app.graphql(
                Some(token),
                "mutation($id: ID!, $v: Int!, $y: String!) { startSchoolYear(baseId: $id, version: $v, schoolYear: $y) { version } }",
                json!({ "id": base_id, "v": version, "y": year }),
            )
            .await,
            edit,
        );
        check(
            "moveEstablishment",
            app.graphql(
                Some(token),
                "mutation($e: ID!, $b: ID!) { moveEstablishment(establishmentId: $e, baseId: $b) { id } }",
                json!({ "e": if who == "platform" { &college } else { &other }, "b": base_id }),
            )
            .await,
            operator_only,
        );
        // Lists never fail: they show what the caller may see.
        for list in [
            "{ bases { nodes { id } } }",
            "{ basesSummary { bases } }",
            "{ rentree { toDo } }",
            "{ dashboard(first: 10) { rows { uai } } }",
        ] {
            check(list, app.graphql(Some(token), list, json!({})).await, "OK");
        }
        let seen = app
            .graphql(Some(token), "{ basesSummary { bases } }", json!({}))
            .await["data"]["basesSummary"]["bases"]
            .as_i64()
            .unwrap();
        let expected = if read == "OK" { 1 } else { 0 };
        assert_eq!(seen, expected, "{who} sees {seen} bases");
    }
}

on_both_databases!(
    a_cite_scolaire_gets_one_base_with_derived_urls,
    settings_change_only_while_stopped_and_from_the_version_read,
    each_role_reaches_the_bases_it_should,
    moving_an_establishment_is_audited_and_keeps_the_group,
    the_rentree_moves_bases_to_the_next_school_year,
    the_tenant_summary_counts_bases_per_finding,
    every_role_against_every_base_operation,
);
