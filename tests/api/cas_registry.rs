//! The ENT's side (issue 21): the CAS service registry Relais generates
//! from the bases' settings, proven on a real django-cas-server
//! (tests/services/cas.rs) with `testCasSettings`; its downloads, rights,
//! audit, diff against the last export and the per-base diagnostic.

use relais_tests::services::cas::{CasServer, test_accounts};
use serde_json::Value;

use crate::helpers::*;
use crate::typed::{
    AuditTrail, BaseCasRegistryState, BaseVersionAndDiagnostics, BasesWithRegistryState,
    CasRegistrySummary, CasRegistryView, RecordCasRegistryExport, Refused,
    SetCasRegistryAttributeMapping, TestCasSettingsSteps, audit_trail, base_cas_registry_state,
    base_version_and_diagnostics, bases_with_registry_state, cas_registry_summary,
    cas_registry_view, record_cas_registry_export, set_cas_registry_attribute_mapping,
    test_cas_settings_steps,
};
use crate::use_cases::{
    CreatedBase, DelegationSettingsInput, Espace, EspaceDelegation, NewBase, NewEstablishment,
    cas_settings, espace, identity_first_connection,
};

use test_cas_settings_steps::{CasCheckStatus, CasCheckStepKind};

type Registry = cas_registry_view::CasRegistryViewCasRegistry;
type Check = test_cas_settings_steps::TestCasSettingsStepsTestCasSettings;
type Step = test_cas_settings_steps::TestCasSettingsStepsTestCasSettingsSteps;
type Summary = cas_registry_summary::CasRegistrySummaryBasesSummary;

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

    async fn registry(&self, token: &str) -> Registry {
        self.app
            .run_ok::<CasRegistryView>(Some(token), cas_registry_view::Variables)
            .await
            .cas_registry
    }

    async fn record(
        &self,
        token: &str,
        digest: Option<&str>,
    ) -> Result<record_cas_registry_export::ResponseData, Refused> {
        let variables = record_cas_registry_export::Variables {
            digest: digest.map(str::to_owned),
        };
        self.app
            .run::<RecordCasRegistryExport>(Some(token), variables)
            .await
    }

    /// Sets the ENT's name of attribute `name` to `source`.
    async fn map_attribute(
        &self,
        name: &str,
        source: &str,
    ) -> Result<set_cas_registry_attribute_mapping::SetCasRegistryAttributeMappingSetCasRegistryAttributeMapping, Refused>
    {
        let variables = set_cas_registry_attribute_mapping::Variables {
            mapping: vec![
                set_cas_registry_attribute_mapping::CasAttributeMappingInput {
                    name: name.to_owned(),
                    source: source.to_owned(),
                },
            ],
        };
        self.app
            .run::<SetCasRegistryAttributeMapping>(Some(&self.operator), variables)
            .await
            .map(|mapped| mapped.set_cas_registry_attribute_mapping)
    }

    async fn summary(&self, token: &str) -> Summary {
        self.app
            .run_ok::<CasRegistrySummary>(Some(token), cas_registry_summary::Variables)
            .await
            .bases_summary
    }

    /// The bases with their registry state; the statements it took.
    async fn bases_with_state(
        &self,
    ) -> (
        Vec<bases_with_registry_state::BasesWithRegistryStateBasesEdges>,
        u64,
    ) {
        let before = self.app.store.statements_executed_except_relay();
        let bases = self
            .app
            .run_ok::<BasesWithRegistryState>(
                Some(&self.operator),
                bases_with_registry_state::Variables,
            )
            .await
            .bases
            .edges;
        let statements = self.app.store.statements_executed_except_relay() - before;
        (bases, statements)
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

    /// A CAS check of `base` with a pupil's account.
    async fn check(&self, base: &str) -> Check {
        self.check_as(base, "PronoteEleve", "PronoteEleve-mdp", true)
            .await
    }

    /// A CAS check of `base` with `login`'s account (expected a pupil when
    /// `pupil`).
    async fn check_as(&self, base: &str, login: &str, password: &str, pupil: bool) -> Check {
        let variables = test_cas_settings_steps::Variables {
            base_id: base.to_owned(),
            credentials: Some(test_cas_settings_steps::CasTestCredentialsInput {
                login: login.to_owned(),
                password: password.to_owned(),
                expected_profile: pupil.then_some(test_cas_settings_steps::Profile::ELEVE),
            }),
        };
        self.app
            .run::<TestCasSettingsSteps>(Some(&self.operator), variables)
            .await
            .unwrap_or_else(|refused| panic!("testCasSettings failed: {refused:?}"))
            .test_cas_settings
    }

    async fn base_state(
        &self,
        base: &str,
    ) -> base_version_and_diagnostics::BaseVersionAndDiagnosticsBase {
        self.app
            .run_ok::<BaseVersionAndDiagnostics>(
                Some(&self.operator),
                base_version_and_diagnostics::Variables {
                    id: base.to_owned(),
                },
            )
            .await
            .base
    }

    async fn diagnostics(&self, base: &str) -> Vec<String> {
        self.base_state(base)
            .await
            .diagnostics
            .into_iter()
            .map(|d| d.code)
            .collect()
    }
}

fn step(check: &Check, kind: CasCheckStepKind) -> &Step {
    check
        .steps
        .iter()
        .find(|s| s.kind == kind)
        .unwrap_or_else(|| panic!("no step {kind:?} in {check:?}"))
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
    let version = t.base_state(&pupils).await.version;
    let espaces = [
        Espace::PAGE_COMMUNE,
        Espace::DIRECTION,
        Espace::PROFESSEURS,
        Espace::VIE_SCOLAIRE,
        Espace::PARENTS,
        Espace::ACCOMPAGNANTS,
        Espace::ELEVES,
        Espace::ENTREPRISE,
        Espace::ACADEMIE,
    ]
    .into_iter()
    .map(|e| {
        let delegation = if matches!(e, Espace::ELEVES) {
            EspaceDelegation::CAS
        } else {
            EspaceDelegation::AUCUNE
        };
        espace(e, delegation)
    })
    .collect();
    let settings = DelegationSettingsInput {
        espaces,
        first_connection: identity_first_connection(
            "nom",
            "prenom",
            "dateNaissance",
            "codePostal",
            "categories",
        ),
        ..cas_settings(&cas.root())
    };
    let updated = t
        .app
        .update_delegation_settings(&t.operator, &pupils, version, settings)
        .await;
    assert!(updated.is_ok(), "{updated:?}");

    // Before any export, no diagnostic about the registry.
    assert!(
        !t.diagnostics(&lycee)
            .await
            .contains(&"CAS_REGISTRY_OUTDATED".to_owned())
    );

    let registry = t.registry(&t.operator).await;
    assert_eq!(registry.services.len(), 3, "{registry:?}");
    assert_eq!(registry.diff.added.len(), 3, "{registry:?}");
    assert_eq!(registry.exported_at, None);
    let files = t.archive().await;
    let readme = String::from_utf8(file(&files, "LISEZMOI.txt").to_vec()).unwrap();
    let digest = registry.digest.as_str();
    assert!(readme.contains(digest), "{readme}");
    assert!(readme.contains("Fichiers à ajouter (3)"), "{readme}");
    let recorded = t.record(&t.operator, Some(digest)).await;
    assert_eq!(
        recorded
            .as_ref()
            .ok()
            .map(|recorded| recorded.record_cas_registry_export.exported_services),
        Some(3),
        "{recorded:?}"
    );

    // The export loaded into the real CAS: every base passes the check.
    let fixture: Value =
        serde_json::from_slice(file(&files, "django-cas-server/pronote-services.json")).unwrap();
    cas.reload_fixture(&fixture).await.unwrap();
    for base in [&lycee, &college] {
        let check = t.check(base).await;
        assert_ne!(check.outcome, CasCheckStatus::FAILED, "{check:?}");
        for kind in [
            CasCheckStepKind::LOGIN,
            CasCheckStepKind::TICKET_VALIDATION,
            CasCheckStepKind::ATTRIBUTES,
        ] {
            assert_eq!(
                step(&check, kind.clone()).status,
                CasCheckStatus::OK,
                "{kind:?}: {check:?}"
            );
        }
        assert!(
            !t.diagnostics(base)
                .await
                .contains(&"CAS_REGISTRY_OUTDATED".to_owned())
        );
    }

    // The pupils' base: a pupil passes, a teacher is refused by the CAS.
    let check = t.check(&pupils).await;
    assert_eq!(
        step(&check, CasCheckStepKind::ATTRIBUTES).status,
        CasCheckStatus::OK,
        "{check:?}"
    );
    let teacher = t
        .check_as(&pupils, "PronoteProfesseur", "PronoteProfesseur-mdp", false)
        .await;
    assert_eq!(
        step(&teacher, CasCheckStepKind::LOGIN).status,
        CasCheckStatus::FAILED,
        "{teacher:?}"
    );
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
        .check_as(&lycee, "PronoteProfesseur", "PronoteProfesseur-mdp", false)
        .await;
    assert_eq!(
        step(&on_lycee, CasCheckStepKind::LOGIN).status,
        CasCheckStatus::OK,
        "{on_lycee:?}"
    );

    // A base left out of the export: the CAS refuses its service.
    let new = t
        .base(
            "0180005H",
            Some("https://nouveau.index-education.net/pronote"),
            &cas.root(),
        )
        .await;
    let check = t.check(&new).await;
    let login = step(&check, CasCheckStepKind::LOGIN);
    assert_eq!(login.status, CasCheckStatus::FAILED, "{check:?}");
    assert!(
        login
            .message
            .contains("https://nouveau.index-education.net/pronote/")
            && login.message.contains("n'est probablement pas autorisé"),
        "{check:?}"
    );
    // … and Relais says the registry is to export again.
    assert!(
        t.diagnostics(&new)
            .await
            .contains(&"CAS_REGISTRY_OUTDATED".to_owned())
    );
    let registry = t.registry(&t.operator).await;
    assert_eq!(
        registry.diff.added.first().map(|entry| entry.name.as_str()),
        Some("PRONOTE-0180005H"),
        "{registry:?}"
    );
    assert_eq!(registry.diff.changed, vec![]);

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
    assert_eq!(
        step(&check, CasCheckStepKind::LOGIN).status,
        CasCheckStatus::OK,
        "{check:?}"
    );
    let attributes = step(&check, CasCheckStepKind::ATTRIBUTES);
    assert_eq!(attributes.status, CasCheckStatus::FAILED, "{check:?}");
    assert!(
        attributes.message.contains("« dateNaissance »"),
        "{check:?}"
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
    assert!(
        registry.report.iter().any(|l| l.uai == "0690028F"
            && l.code == "PUBLIC_URL_MISSING"
            && l.level == cas_registry_view::CasRegistryReportLevel::SKIPPED),
        "{registry:?}"
    );

    // Recording an export: administrators only, and the digest must match.
    let refused = t
        .record(&t.helpdesk, None)
        .await
        .expect_err("the helpdesk recorded an export");
    assert_eq!(refused.code(), "FORBIDDEN", "{refused:?}");
    let stale = t
        .record(&t.operator, Some("0000"))
        .await
        .expect_err("an export of another digest recorded");
    assert_eq!(stale.code(), "CONFLICT", "{stale:?}");
    assert!(
        stale
            .message()
            .contains("a changé depuis son téléchargement"),
        "{stale:?}"
    );
    assert_eq!(
        t.registry(&t.operator).await.exported_at,
        None,
        "nothing recorded"
    );
    let recorded = t.record(&t.operator, None).await;
    assert!(recorded.is_ok(), "{recorded:?}");
    assert!(t.registry(&t.operator).await.exported_at.is_some());

    // The ENT's own names: a mapping, checked, then shown as a change.
    let bad = t
        .map_attribute("nom", "s n")
        .await
        .expect_err("an attribute name with a space accepted");
    assert_eq!(bad.code(), "VALIDATION", "{bad:?}");
    assert!(
        bad.message()
            .contains("n'est pas un nom d'attribut CAS valide"),
        "{bad:?}"
    );
    let view = t.map_attribute("nom", "sn").await.unwrap();
    let mapping: Vec<(&str, &str)> = view
        .attribute_mapping
        .iter()
        .map(|m| (m.name.as_str(), m.source.as_str()))
        .collect();
    assert_eq!(mapping, [("nom", "sn")], "{view:?}");
    let change = view
        .diff
        .changed
        .first()
        .unwrap_or_else(|| panic!("{view:?}"));
    assert_eq!(change.name, "PRONOTE-0410017W");
    assert_eq!(change.fields[0].field, "attributes");
    assert!(change.fields[0].after.contains("nom=sn"), "{change:?}");
    assert_eq!(view.diff.files_to_replace.len(), 1);
    assert!(
        t.diagnostics(&lycee)
            .await
            .contains(&"CAS_REGISTRY_OUTDATED".to_owned())
    );
    let base_view = t
        .app
        .run_ok::<BaseCasRegistryState>(
            Some(&t.operator),
            base_cas_registry_state::Variables { id: lycee.clone() },
        )
        .await;
    assert_eq!(
        base_view.base.cas_registry.status,
        base_cas_registry_state::CasRegistryStatus::CHANGED,
        "{base_view:?}"
    );

    // A list of bases with their registry state: the same number of
    // statements whatever the number of bases (dataloaders).
    let (two, with_two) = t.bases_with_state().await;
    assert_eq!(two.len(), 2, "{two:?}");
    for (uai, host) in [("0180005H", "trois"), ("0370001A", "quatre")] {
        t.base(
            uai,
            Some(&format!("https://{host}.index-education.net/pronote")),
            root,
        )
        .await;
    }
    let (four, with_four) = t.bases_with_state().await;
    assert_eq!(four.len(), 4, "{four:?}");
    assert_eq!(with_two, with_four, "statements for 2 and 4 bases");
    assert!(
        four.iter().any(|edge| edge.node.cas_registry.status
            == bases_with_registry_state::CasRegistryStatus::ADDED),
        "{four:?}"
    );

    // Every download is audited.
    let audit = t
        .app
        .run_ok::<AuditTrail>(
            Some(&t.operator),
            audit_trail::Variables {
                tenant_id: None,
                first: Some(100),
            },
        )
        .await;
    let actions: Vec<&str> = audit
        .audit_events
        .edges
        .iter()
        .map(|e| e.node.action.as_str())
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
    let outdated_finding = |summary: &Summary| {
        summary
            .findings
            .iter()
            .find(|f| f.code == "CAS_REGISTRY_OUTDATED")
            .map(|f| f.bases)
    };

    // Never exported: no base is outdated (every one would be).
    let before = t.summary(&t.operator).await;
    assert_eq!(before.cas_registry_outdated, 0, "{before:?}");
    assert_eq!(outdated_finding(&before), None);
    let recorded = t.record(&t.operator, None).await;
    assert!(recorded.is_ok(), "{recorded:?}");
    assert_eq!(t.summary(&t.operator).await.cas_registry_outdated, 0);

    // The ENT's names change every base's release policy: both outdated.
    let mapped = t.map_attribute("nom", "sn").await;
    assert!(mapped.is_ok(), "{mapped:?}");
    let statements = t.app.store.statements_executed_except_relay();
    let two = t.summary(&t.operator).await;
    let with_two = t.app.store.statements_executed_except_relay() - statements;
    assert_eq!(two.cas_registry_outdated, 2, "{two:?}");
    assert_eq!(outdated_finding(&two), Some(2), "{two:?}");
    // A base added since the export is outdated too; the statements do
    // not grow with the bases.
    t.base(
        "0370001A",
        Some("https://trois.index-education.net/pronote"),
        root,
    )
    .await;
    let statements = t.app.store.statements_executed_except_relay();
    let three = t.summary(&t.operator).await;
    let with_three = t.app.store.statements_executed_except_relay() - statements;
    assert_eq!(three.cas_registry_outdated, 3, "{three:?}");
    assert_eq!(outdated_finding(&three), Some(3));
    assert_eq!(with_two, with_three, "statements for 2 and 3 bases");
    // The helpdesk sees it as the operator does; a school administrator
    // (who cannot act on the registry) and another tenant do not.
    assert_eq!(t.summary(&t.helpdesk).await.cas_registry_outdated, 3);
    let school = t.summary(&t.school).await;
    assert_eq!(school.cas_registry_outdated, 0, "{school:?}");
    assert_eq!(outdated_finding(&school), None);
    assert_eq!(t.summary(&t.other_operator).await.cas_registry_outdated, 0);

    // Exported again: nothing outdated.
    let recorded = t.record(&t.operator, None).await;
    assert!(recorded.is_ok(), "{recorded:?}");
    let after = t.summary(&t.operator).await;
    assert_eq!(after.cas_registry_outdated, 0, "{after:?}");
    assert_eq!(outdated_finding(&after), None);
}

/// A registry row no version of Relais wrote (an exported entry or the
/// attribute names that are not JSON of their kind) is told as an internal
/// error naming nothing to the user, never read as « not exported » or as
/// the same names (issue 16).
async fn an_unreadable_registry_row_is_an_error_not_a_default(backend: Backend) {
    use relais_store::entities::{cas_registry_entry, cas_registry_tenant};
    use sea_orm::{EntityTrait, sea_query::Expr};

    let t = tenant(spawn_app(backend).await).await;
    t.base(
        "0410017W",
        Some("https://un.index-education.net/pronote"),
        "https://ent.example.fr/cas",
    )
    .await;
    let recorded = t.record(&t.operator, None).await;
    assert!(recorded.is_ok(), "{recorded:?}");
    let summary = || async {
        t.app
            .run::<CasRegistrySummary>(Some(&t.operator), cas_registry_summary::Variables)
            .await
    };
    let view = || async {
        t.app
            .run::<CasRegistryView>(Some(&t.operator), cas_registry_view::Variables)
            .await
    };
    assert!(summary().await.is_ok());
    assert!(view().await.is_ok());

    let db = t.app.store.connection();
    cas_registry_entry::Entity::update_many()
        .col_expr(cas_registry_entry::Column::Entry, Expr::value("{\"name\":"))
        .exec(db)
        .await
        .unwrap();
    for refused in [summary().await.map(drop), view().await.map(drop)] {
        let refused = refused.expect_err("an unreadable entry was read");
        assert_eq!(refused.code(), "INTERNAL", "{refused:?}");
    }

    cas_registry_entry::Entity::delete_many()
        .exec(db)
        .await
        .unwrap();
    assert!(summary().await.is_ok());
    cas_registry_tenant::Entity::update_many()
        .col_expr(
            cas_registry_tenant::Column::AttributeMapping,
            Expr::value("[\"nom\"]"),
        )
        .exec(db)
        .await
        .unwrap();
    for refused in [summary().await.map(drop), view().await.map(drop)] {
        let refused = refused.expect_err("unreadable attribute names were read");
        assert_eq!(refused.code(), "INTERNAL", "{refused:?}");
    }
}

on_both_databases!(
    the_django_cas_server_export_lets_every_base_in_and_no_other,
    downloads_are_authorised_audited_and_bad_input_refused,
    the_bases_summary_counts_the_outdated_registry_entries,
    an_unreadable_registry_row_is_an_error_not_a_default,
);
