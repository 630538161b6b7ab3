//! The ENT's side (issue 21): the CAS service registry Relais generates
//! from the bases' settings, proven on a real django-cas-server
//! (tests/services/cas.rs) with `testCasSettings`; its downloads, rights,
//! audit, diff against the last export and the per-base diagnostic.

use relais_tests::services::cas::{CasServer, test_accounts};
use serde_json::{Value, json};

use crate::helpers::*;
use crate::use_cases::{CreatedBase, NewBase, NewEstablishment};

/// Every file of a ZIP archive, `(name, bytes)` in directory order, read
/// with the zip crate (which checks each CRC).
fn read_archive(bytes: &[u8]) -> zip::result::ZipResult<Vec<(String, Vec<u8>)>> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))?;
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i)?;
            let mut data = Vec::new();
            file.read_to_end(&mut data)?;
            Ok((file.name()?.into_owned(), data))
        })
        .collect()
}

const TEST: &str = "mutation($b: ID!, $c: CasTestCredentialsInput) { testCasSettings(baseId: $b, credentials: $c) { outcome steps { kind status message } } }";
const REGISTRY: &str = "query { casRegistry { digest exportedAt exportedServices services { name fileName serviceId uais attributes { name source } } report { uai level code message } diff { added { name } removed { name } changed { name fields { field before after } } filesToAdd filesToReplace filesToDelete } attributeMapping { name source } } }";
const RECORD: &str = "mutation($d: String) { recordCasRegistryExport(digest: $d) { exportedAt exportedServices diff { filesToAdd } } }";

struct Tenant {
    app: TestApp,
    operator: String,
    helpdesk: String,
    school: String,
    other_operator: String,
}

async fn tenant(app: TestApp) -> Tenant {
    let [alpha, beta] = app.two_tenants().await;
    app.default_ent_model(&alpha.operator).await;
    Tenant {
        app,
        operator: alpha.operator,
        helpdesk: alpha.helpdesk,
        school: alpha.school,
        other_operator: beta.operator,
    }
}

impl Tenant {
    /// A base of a new establishment `uai`, published at `public_url` when
    /// given, on the recommended settings with `cas_root`; returns its id.
    async fn base(&self, uai: &str, public_url: Option<&str>, cas_root: &str) -> String {
        let establishment = self
            .app
            .create_establishment(
                &self.operator,
                NewEstablishment::lycee(uai, "Lycée de test"),
            )
            .await;
        let mut base = NewBase::hosted(&establishment);
        if let Some(public_url) = public_url {
            base = base.at(public_url);
        }
        let CreatedBase { id, version } = self.app.create_base(&self.operator, base).await;
        self.app
            .apply_recommended_settings(&self.operator, &id, version, cas_root)
            .await;
        id
    }

    async fn registry(&self, token: &str) -> Value {
        let answer = self.app.graphql(Some(token), REGISTRY, json!({})).await;
        assert!(answer["errors"].is_null(), "{answer}");
        answer["data"]["casRegistry"].clone()
    }

    async fn record(&self, token: &str, digest: Option<&str>) -> Value {
        self.app
            .graphql(Some(token), RECORD, json!({ "d": digest }))
            .await
    }

    /// The archive the operator downloads, as (name, bytes).
    async fn archive(&self) -> Vec<(String, Vec<u8>)> {
        let response = self
            .app
            .get_with_token("/cas-registry/archive", &self.operator)
            .await;
        assert_eq!(response.status(), 200);
        assert_eq!(
            response.headers()["content-type"].to_str().unwrap(),
            "application/zip"
        );
        let digest = response.headers()["x-relais-registry-digest"]
            .to_str()
            .unwrap()
            .to_owned();
        let files = read_archive(&response.bytes().await.unwrap()).expect("a readable archive");
        let readme = String::from_utf8_lossy(file(&files, "LISEZMOI.txt")).into_owned();
        assert!(
            digest.len() == 64 && readme.contains(&digest),
            "the header gives the digest of LISEZMOI.txt: {digest}"
        );
        files
    }

    async fn check(&self, base: &str) -> Value {
        let answer = self
            .app
            .graphql(
                Some(&self.operator),
                TEST,
                json!({ "b": base, "c": { "login": "PronoteEleve", "password": "PronoteEleve-mdp", "expectedProfile": "ELEVE" } }),
            )
            .await;
        let check = answer["data"]["testCasSettings"].clone();
        assert!(check.is_object(), "testCasSettings failed: {answer}");
        check
    }

    async fn diagnostics(&self, base: &str) -> Vec<String> {
        let answer = self
            .app
            .graphql(
                Some(&self.operator),
                "query($id: ID!) { base(id: $id) { diagnostics { code } } }",
                json!({ "id": base }),
            )
            .await;
        answer["data"]["base"]["diagnostics"]
            .as_array()
            .unwrap_or_else(|| panic!("{answer}"))
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_owned())
            .collect()
    }
}

fn step<'a>(check: &'a Value, kind: &str) -> &'a Value {
    check["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["kind"] == kind)
        .unwrap_or_else(|| panic!("no step {kind} in {check}"))
}

fn file<'a>(files: &'a [(String, Vec<u8>)], name: &str) -> &'a [u8] {
    &files
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no {name} in the archive"))
        .1
}

async fn the_django_cas_server_export_lets_every_base_in_and_no_other(backend: Backend) {
    // The CAS first, empty: its root goes into the bases' settings.
    let Some(cas) = CasServer::start(&test_accounts(), &[]).await.unwrap() else {
        return;
    };
    let app = spawn_app_with(backend, |settings| {
        settings.cas_check.allowed_networks = vec!["127.0.0.0/8".into()];
        settings.cas_check.timeout_seconds = 5;
    })
    .await;
    let t = tenant(app).await;
    let lycee = t
        .base(
            "0410017W",
            Some("https://0410017w.index-education.net/pronote"),
            &cas.root(),
        )
        .await;
    let college = t
        .base(
            "0690028F",
            Some("https://college.index-education.net/pronote"),
            &cas.root(),
        )
        .await;
    // A base whose only espace on CAS is the pupils': its service lets
    // pupils in and no one else (the profile filter of the fixture).
    let pupils = t
        .base(
            "0370001A",
            Some("https://eleves.index-education.net/pronote"),
            &cas.root(),
        )
        .await;
    let version = t
        .app
        .graphql(
            Some(&t.operator),
            "query($id: ID!) { base(id: $id) { version } }",
            json!({ "id": pupils }),
        )
        .await["data"]["base"]["version"]
        .as_i64()
        .unwrap();
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
    .map(|e| json!({ "espace": e, "delegation": if *e == "ELEVES" { "CAS" } else { "AUCUNE" } }))
    .collect();
    let updated = t
        .app
        .graphql(
            Some(&t.operator),
            "mutation($b: ID!, $v: Int!, $s: DelegationSettingsInput!) { updateDelegationSettings(baseId: $b, version: $v, settings: $s) { version } }",
            json!({ "b": pupils, "v": version, "s": {
                "delegations": { "cas": true },
                "espaces": espaces,
                "casUrls": { "root": cas.root() },
                "directAccess": "ALWAYS", "clientDirectAccess": true,
                "firstConnection": { "mode": "IDENTITY", "lastName": "nom", "firstName": "prenom",
                    "birthDate": "dateNaissance", "postalCode": "codePostal", "profile": "categories",
                    "profileValues": [{ "profile": "ELEVE", "values": "National_1" },
                                      { "profile": "PARENT", "values": "National_2" },
                                      { "profile": "PROFESSEUR", "values": "National_3" },
                                      { "profile": "PERSONNEL", "values": "National_4" }] } } }),
        )
        .await;
    assert!(updated["errors"].is_null(), "{updated}");

    // Before any export, no diagnostic about the registry.
    assert!(
        !t.diagnostics(&lycee)
            .await
            .contains(&"CAS_REGISTRY_OUTDATED".to_owned())
    );

    let registry = t.registry(&t.operator).await;
    assert_eq!(
        registry["services"].as_array().unwrap().len(),
        3,
        "{registry}"
    );
    assert_eq!(registry["diff"]["added"].as_array().unwrap().len(), 3);
    assert!(registry["exportedAt"].is_null());
    let files = t.archive().await;
    let readme = String::from_utf8(file(&files, "LISEZMOI.txt").to_vec()).unwrap();
    let digest = registry["digest"].as_str().unwrap();
    assert!(readme.contains(digest), "{readme}");
    assert!(readme.contains("Fichiers à ajouter (3)"), "{readme}");
    let recorded = t.record(&t.operator, Some(digest)).await;
    assert_eq!(
        recorded["data"]["recordCasRegistryExport"]["exportedServices"], 3,
        "{recorded}"
    );

    // The export loaded into the real CAS: every base passes the check.
    let fixture: Value =
        serde_json::from_slice(file(&files, "django-cas-server/pronote-services.json")).unwrap();
    cas.reload_fixture(&fixture).await.unwrap();
    for base in [&lycee, &college] {
        let check = t.check(base).await;
        assert_ne!(check["outcome"], "FAILED", "{check}");
        for kind in ["LOGIN", "TICKET_VALIDATION", "ATTRIBUTES"] {
            assert_eq!(step(&check, kind)["status"], "OK", "{kind}: {check}");
        }
        assert!(
            !t.diagnostics(base)
                .await
                .contains(&"CAS_REGISTRY_OUTDATED".to_owned())
        );
    }

    // The pupils' base: a pupil passes, a teacher is refused by the CAS.
    let check = t.check(&pupils).await;
    assert_eq!(step(&check, "ATTRIBUTES")["status"], "OK", "{check}");
    let teacher = t
        .app
        .graphql(
            Some(&t.operator),
            TEST,
            json!({ "b": pupils, "c": { "login": "PronoteProfesseur", "password": "PronoteProfesseur-mdp" } }),
        )
        .await;
    let teacher = &teacher["data"]["testCasSettings"];
    assert_eq!(step(teacher, "LOGIN")["status"], "FAILED", "{teacher}");
    assert!(
        fixture.as_array().unwrap().iter().any(|row| {
            row["model"] == "cas_server.filterattributvalue"
                && row["fields"]["attribut"] == "categories"
                && row["fields"]["pattern"] == "^(?:National_1)$"
        }),
        "{fixture}"
    );
    // The same teacher on a base open to every population gets in.
    let on_lycee = t
        .app
        .graphql(
            Some(&t.operator),
            TEST,
            json!({ "b": lycee, "c": { "login": "PronoteProfesseur", "password": "PronoteProfesseur-mdp" } }),
        )
        .await;
    let on_lycee = &on_lycee["data"]["testCasSettings"];
    assert_eq!(step(on_lycee, "LOGIN")["status"], "OK", "{on_lycee}");

    // A base left out of the export: the CAS refuses its service.
    let new = t
        .base(
            "0180005H",
            Some("https://nouveau.index-education.net/pronote"),
            &cas.root(),
        )
        .await;
    let check = t.check(&new).await;
    assert_eq!(step(&check, "LOGIN")["status"], "FAILED", "{check}");
    let message = step(&check, "LOGIN")["message"].as_str().unwrap();
    assert!(
        message.contains("https://nouveau.index-education.net/pronote/")
            && message.contains("n'est probablement pas autorisé"),
        "{check}"
    );
    // … and Relais says the registry is to export again.
    assert!(
        t.diagnostics(&new)
            .await
            .contains(&"CAS_REGISTRY_OUTDATED".to_owned())
    );
    let registry = t.registry(&t.operator).await;
    assert_eq!(
        registry["diff"]["added"][0]["name"], "PRONOTE-0180005H",
        "{registry}"
    );
    assert_eq!(registry["diff"]["changed"], json!([]));

    // An attribute missing from the release shows up as missing.
    let mut fixture = fixture;
    let rows = fixture.as_array_mut().unwrap();
    rows.retain(|row| {
        !(row["model"] == "cas_server.replaceattributname"
            && row["fields"]["name"] == "dateNaissance"
            && row["fields"]["service_pattern"] == 1)
    });
    cas.reload_fixture(&fixture).await.unwrap();
    let first_pattern = fixture[0]["fields"]["name"].as_str().unwrap().to_owned();
    let base = if first_pattern == "PRONOTE-0410017W" {
        &lycee
    } else {
        &college
    };
    let check = t.check(base).await;
    assert_eq!(step(&check, "LOGIN")["status"], "OK", "{check}");
    assert_eq!(step(&check, "ATTRIBUTES")["status"], "FAILED", "{check}");
    assert!(
        step(&check, "ATTRIBUTES")["message"]
            .as_str()
            .unwrap()
            .contains("« dateNaissance »"),
        "{check}"
    );
    drop(cas);
}

async fn downloads_are_authorised_audited_and_bad_input_refused(backend: Backend) {
    let t = tenant(spawn_app(backend).await).await;
    let root = "https://ent.example.fr/cas";
    let lycee = t
        .base(
            "0410017W",
            Some("https://0410017w.index-education.net/pronote"),
            root,
        )
        .await;
    let without_url = t.base("0690028F", None, root).await;

    // One base's entry, in each format.
    for (format, marker) in [
        ("apereo", "org.apereo.cas.services.CasRegisteredService"),
        ("keycloak", "cas-usermodel-attribute-mapper"),
        ("django", "cas_server.servicepattern"),
        ("csv", "url_service;"),
    ] {
        let response = t
            .app
            .get_with_token(
                &format!("/bases/{lycee}/cas-registry?format={format}"),
                &t.operator,
            )
            .await;
        assert_eq!(response.status(), 200, "{format}");
        assert!(
            response.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .contains("PRONOTE-0410017W"),
            "{format}"
        );
        let body = response.text().await.unwrap();
        assert!(body.contains(marker), "{format}: {body}");
    }
    // The helpdesk reads it too.
    let response = t
        .app
        .get_with_token(&format!("/bases/{lycee}/cas-registry"), &t.helpdesk)
        .await;
    assert_eq!(response.status(), 200);

    // Bad input: French message and stable code.
    let response = t
        .app
        .get_with_token(
            &format!("/bases/{lycee}/cas-registry?format=xml"),
            &t.operator,
        )
        .await;
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["code"], "VALIDATION");
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .starts_with("Format inconnu"),
        "{body}"
    );
    let response = t
        .app
        .get_with_token(&format!("/bases/{without_url}/cas-registry"), &t.operator)
        .await;
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["reason"], "CAS_REGISTRY_NO_ENTRY", "{body}");
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("l'adresse publique de PRONOTE.net n'est pas renseignée"),
        "{body}"
    );
    // Another tenant's base is not found; no token, no registry.
    let response = t
        .app
        .get_with_token(&format!("/bases/{lycee}/cas-registry"), &t.other_operator)
        .await;
    assert_eq!(response.status(), 404);
    assert_eq!(t.app.get("/cas-registry/archive").await.status(), 401);
    let response = t
        .app
        .get_with_token("/cas-registry/archive", &t.school)
        .await;
    assert_eq!(response.status(), 403);
    // The other operator downloads its own, empty registry.
    let response = t
        .app
        .get_with_token("/cas-registry/archive", &t.other_operator)
        .await;
    assert_eq!(response.status(), 200);
    let files = read_archive(&response.bytes().await.unwrap()).unwrap();
    assert!(!files.iter().any(|(n, _)| n.contains("0410017W")));

    // The report names the base without a public URL.
    let registry = t.registry(&t.operator).await;
    let report = registry["report"].as_array().unwrap();
    assert!(
        report.iter().any(|l| l["uai"] == "0690028F"
            && l["code"] == "PUBLIC_URL_MISSING"
            && l["level"] == "SKIPPED"),
        "{registry}"
    );

    // Recording an export: administrators only, and the digest must match.
    let refused = t.record(&t.helpdesk, None).await;
    assert_eq!(error_code(&refused), "FORBIDDEN", "{refused}");
    let stale = t.record(&t.operator, Some("0000")).await;
    assert_eq!(error_code(&stale), "CONFLICT", "{stale}");
    assert!(error_message(&stale).contains("a changé depuis son téléchargement"));
    assert!(
        t.registry(&t.operator).await["exportedAt"].is_null(),
        "nothing recorded"
    );
    let recorded = t.record(&t.operator, None).await;
    assert!(recorded["errors"].is_null(), "{recorded}");
    assert!(!t.registry(&t.operator).await["exportedAt"].is_null());

    // The ENT's own names: a mapping, checked, then shown as a change.
    let bad = t
        .app
        .graphql(
            Some(&t.operator),
            "mutation { setCasRegistryAttributeMapping(mapping: [{ name: \"nom\", source: \"s n\" }]) { digest } }",
            json!({}),
        )
        .await;
    assert_eq!(error_code(&bad), "VALIDATION", "{bad}");
    assert!(error_message(&bad).contains("n'est pas un nom d'attribut CAS valide"));
    let mapped = t
        .app
        .graphql(
            Some(&t.operator),
            "mutation { setCasRegistryAttributeMapping(mapping: [{ name: \"nom\", source: \"sn\" }]) { attributeMapping { name source } diff { changed { name fields { field before after } } filesToReplace } } }",
            json!({}),
        )
        .await;
    let view = &mapped["data"]["setCasRegistryAttributeMapping"];
    assert_eq!(
        view["attributeMapping"],
        json!([{ "name": "nom", "source": "sn" }]),
        "{mapped}"
    );
    let change = &view["diff"]["changed"][0];
    assert_eq!(change["name"], "PRONOTE-0410017W");
    assert_eq!(change["fields"][0]["field"], "attributes");
    assert!(
        change["fields"][0]["after"]
            .as_str()
            .unwrap()
            .contains("nom=sn")
    );
    assert_eq!(view["diff"]["filesToReplace"].as_array().unwrap().len(), 1);
    assert!(
        t.diagnostics(&lycee)
            .await
            .contains(&"CAS_REGISTRY_OUTDATED".to_owned())
    );
    let base_view = t
        .app
        .graphql(
            Some(&t.operator),
            "query($id: ID!) { base(id: $id) { casRegistry { status entry { name } changes { field } } } }",
            json!({ "id": lycee }),
        )
        .await;
    assert_eq!(
        base_view["data"]["base"]["casRegistry"]["status"], "CHANGED",
        "{base_view}"
    );

    // A list of bases with their registry state: the same number of
    // statements whatever the number of bases (dataloaders).
    const LIST: &str = "{ bases(first: 50) { edges { node { diagnostics { code } casRegistry { status entry { name } } } } } }";
    let count = |answer: &Value| {
        answer["data"]["bases"]["edges"]
            .as_array()
            .map_or(0, Vec::len)
    };
    let before = t.app.store.statements_executed_except_relay();
    let two = t.app.graphql(Some(&t.operator), LIST, json!({})).await;
    let with_two = t.app.store.statements_executed_except_relay() - before;
    assert_eq!(count(&two), 2, "{two}");
    for (uai, host) in [("0180005H", "trois"), ("0370001A", "quatre")] {
        t.base(
            uai,
            Some(&format!("https://{host}.index-education.net/pronote")),
            root,
        )
        .await;
    }
    let before = t.app.store.statements_executed_except_relay();
    let four = t.app.graphql(Some(&t.operator), LIST, json!({})).await;
    let with_four = t.app.store.statements_executed_except_relay() - before;
    assert_eq!(count(&four), 4, "{four}");
    assert_eq!(with_two, with_four, "statements for 2 and 4 bases");
    assert!(four.to_string().contains("\"status\":\"ADDED\""), "{four}");

    // Every download is audited.
    let audit = t
        .app
        .graphql(
            Some(&t.operator),
            "{ auditEvents(first: 100) { edges { node { action summary } } } }",
            json!({}),
        )
        .await;
    let actions: Vec<&str> = audit["data"]["auditEvents"]["edges"]
        .as_array()
        .unwrap_or_else(|| panic!("{audit}"))
        .iter()
        .map(|e| e["node"]["action"].as_str().unwrap())
        .collect();
    assert!(
        actions
            .iter()
            .filter(|a| **a == "CAS_REGISTRY_DOWNLOADED")
            .count()
            >= 5,
        "{actions:?}"
    );
    assert!(actions.contains(&"CAS_REGISTRY_EXPORTED"));
    assert!(actions.contains(&"CAS_REGISTRY_MAPPING_UPDATED"));
}

async fn the_bases_summary_counts_the_outdated_registry_entries(backend: Backend) {
    let t = tenant(spawn_app(backend).await).await;
    let root = "https://ent.example.fr/cas";
    for (uai, host) in [("0410017W", "un"), ("0180005H", "deux")] {
        t.base(
            uai,
            Some(&format!("https://{host}.index-education.net/pronote")),
            root,
        )
        .await;
    }
    const SUMMARY: &str =
        "{ basesSummary { bases withWarnings casRegistryOutdated findings { code bases } } }";
    let summary = |token: String| {
        let app = &t.app;
        async move {
            let answer = app.graphql(Some(&token), SUMMARY, json!({})).await;
            assert!(answer["errors"].is_null(), "{answer}");
            answer["data"]["basesSummary"].clone()
        }
    };
    let outdated_finding = |summary: &Value| {
        summary["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["code"] == "CAS_REGISTRY_OUTDATED")
            .map(|f| f["bases"].as_i64().unwrap())
    };

    // Never exported: no base is outdated (every one would be).
    let before = summary(t.operator.clone()).await;
    assert_eq!(before["casRegistryOutdated"], 0, "{before}");
    assert_eq!(outdated_finding(&before), None);
    let recorded = t.record(&t.operator, None).await;
    assert!(recorded["errors"].is_null(), "{recorded}");
    assert_eq!(summary(t.operator.clone()).await["casRegistryOutdated"], 0);

    // The ENT's names change every base's release policy: both outdated.
    let mapped = t
        .app
        .graphql(
            Some(&t.operator),
            "mutation { setCasRegistryAttributeMapping(mapping: [{ name: \"nom\", source: \"sn\" }]) { digest } }",
            json!({}),
        )
        .await;
    assert!(mapped["errors"].is_null(), "{mapped}");
    let statements = t.app.store.statements_executed_except_relay();
    let two = summary(t.operator.clone()).await;
    let with_two = t.app.store.statements_executed_except_relay() - statements;
    assert_eq!(two["casRegistryOutdated"], 2, "{two}");
    assert_eq!(outdated_finding(&two), Some(2), "{two}");
    // A base added since the export is outdated too; the statements do
    // not grow with the bases.
    t.base(
        "0370001A",
        Some("https://trois.index-education.net/pronote"),
        root,
    )
    .await;
    let statements = t.app.store.statements_executed_except_relay();
    let three = summary(t.operator.clone()).await;
    let with_three = t.app.store.statements_executed_except_relay() - statements;
    assert_eq!(three["casRegistryOutdated"], 3, "{three}");
    assert_eq!(outdated_finding(&three), Some(3));
    assert_eq!(with_two, with_three, "statements for 2 and 3 bases");
    // The helpdesk sees it as the operator does; a school administrator
    // (who cannot act on the registry) and another tenant do not.
    assert_eq!(summary(t.helpdesk.clone()).await["casRegistryOutdated"], 3);
    let school = summary(t.school.clone()).await;
    assert_eq!(school["casRegistryOutdated"], 0, "{school}");
    assert_eq!(outdated_finding(&school), None);
    assert_eq!(
        summary(t.other_operator.clone()).await["casRegistryOutdated"],
        0
    );

    // Exported again: nothing outdated.
    let recorded = t.record(&t.operator, None).await;
    assert!(recorded["errors"].is_null(), "{recorded}");
    let after = summary(t.operator.clone()).await;
    assert_eq!(after["casRegistryOutdated"], 0, "{after}");
    assert_eq!(outdated_finding(&after), None);
}

on_both_databases!(
    the_django_cas_server_export_lets_every_base_in_and_no_other,
    downloads_are_authorised_audited_and_bad_input_refused,
    the_bases_summary_counts_the_outdated_registry_entries,
);
