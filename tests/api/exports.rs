//! Encrypted exports (docs/domain.md §4): the account-matching file (A) PRONOTE
//! imports, the PRONOTE identifiers export (B) Relais reads, kept encrypted
//! in the object storage, downloaded with authorisation, deleted at once or
//! when their retention ends.

use relais_domain::directory::{PronoteCategory, PronoteId, PronoteUser};
use relais_formats::index_education::account_matching::AccountMatchingFile;
use relais_formats::index_education::export_container::{ExportHeader, seal_export_container};
use relais_formats::index_education::identifiers_list::write_identifiers_list;
use relais_formats::index_education::import_chiffre::open_import_chiffre;
use relais_formats::index_education::{
    OsRng, RsaPublicKey, parse_private_key_pem, parse_public_key_pem,
};
use serde_json::{Value, json};

use crate::helpers::*;
use crate::typed::update_exchange_settings::ExchangeSettingsInput;
use crate::typed::{
    CreateCiteScolaireBase, CreateEstablishment, DeleteStoredFile, DemoSchoolEstablishments,
    EntAccountCounts, ExchangeSettings, GenerateAccountMatchingFile, OperatorAuditEvents, Refused,
    StartMatching, StoredFiles, UpdateExchangeSettings, create_cite_scolaire_base,
    create_establishment, delete_stored_file, demo_school_establishments, ent_account_counts,
    exchange_settings, generate_account_matching_file, operator_audit_events, start_matching,
    stored_files, update_exchange_settings,
};

const IE_PRIVATE: &str =
    include_str!("../../backend/formats/tests/fixtures/index-education-test.pem");
pub(crate) const IE_PUBLIC: &str =
    include_str!("../../backend/formats/tests/fixtures/index-education-test.pub.pem");
pub(crate) const PARTNER_PRIVATE: &str =
    include_str!("../../backend/formats/tests/fixtures/partner-test.pem");
const OTHER_PRIVATE: &str = include_str!("../../backend/formats/tests/fixtures/other-test.pem");

const ACCOUNTS_CSV: &str = "id_ent;nom;prenom;date_naissance;profil;uai;sexe;civilite;eleves
E001;MARTIN;Léa;12/03/2009;Élève;0410017W;F;;
E002;DURAND;Hugo;2010-01-30;ELEVE;0410018X;M;;
P001;MARTIN;Claire;;Parent;0410017W;;Mme;E001
P002;DURAND;Marc;;Parent;0410018X|0410017W;;M.;E002
T001;LEROY;Anne;;Enseignant;0410017W|0410018X;;;
S001;PETIT;Jean;;Personnel;0410018X;;;
";

pub(crate) struct Fixture {
    pub app: TestApp,
    pub alpha: TenantFixture,
    pub beta: TenantFixture,
    pub lycee: String,
}

/// A lycée of Blois (its town and postal code go into file A).
pub(crate) async fn create_establishment(
    app: &TestApp,
    token: &str,
    uai: &str,
    name: &str,
) -> String {
    let input = create_establishment::CreateEstablishmentInput {
        tenant_id: None,
        uai: uai.to_owned(),
        acknowledge_checksum_mismatch: false,
        name: name.to_owned(),
        kind: create_establishment::EstablishmentKind::LYCEE,
        commune: Some("Blois".to_owned()),
        postal_code: Some("41000".to_owned()),
        academy: None,
        status: create_establishment::EstablishmentStatus::OPEN,
    };
    app.run_ok::<CreateEstablishment>(Some(token), create_establishment::Variables { input })
        .await
        .create_establishment
        .id
}

/// A cité scolaire (lycée 0410017W + collège 0410018X on one base) with its
/// exchange settings and its ENT accounts.
pub(crate) async fn fixture(
    backend: Backend,
    adjust: impl FnOnce(&mut relais_server::Settings),
) -> Fixture {
    let app = spawn_app_with(backend, adjust).await;
    let [alpha, beta] = app.two_tenants().await;
    let lycee =
        create_establishment(&app, &alpha.operator, "0410017W", "Lycée Augustin Thierry").await;
    let college = create_establishment(
        &app,
        &alpha.operator,
        "0410018X",
        "Collège Augustin Thierry",
    )
    .await;
    let input = create_cite_scolaire_base::CreateBaseInput {
        group_establishment_id: lycee.clone(),
        other_establishment_ids: vec![college],
        fields: create_cite_scolaire_base::BaseFieldsInput {
            hosting: create_cite_scolaire_base::Hosting::HOSTED,
            pronote_version: None,
            school_year: "2026-2027".to_owned(),
            public_url: None,
            server_address: None,
            ent_credentials_distributed: false,
        },
    };
    let base = app
        .run_ok::<CreateCiteScolaireBase>(
            Some(&alpha.operator),
            create_cite_scolaire_base::Variables { input },
        )
        .await;
    assert_eq!(base.create_base.group_uai, "0410017W", "{base:?}");
    let settings = update_settings(
        &app,
        &alpha.operator,
        ExchangeSettingsInput {
            partner_id: Some("ENT-RECIA-42".into()),
            partner_name: Some("GIP RECIA".into()),
            index_education_public_key_pem: Some(IE_PUBLIC.into()),
            partner_private_key_pem: Some(PARTNER_PRIVATE.into()),
            ..no_settings()
        },
    )
    .await
    .unwrap_or_else(|refused| panic!("{refused:?}"));
    assert!(
        settings
            .partner_public_key
            .as_deref()
            .is_some_and(|pem| pem.contains("BEGIN PUBLIC KEY")),
        "{settings:?}"
    );
    let imported = import_accounts(&app, &alpha.operator, ACCOUNTS_CSV, "PARTIAL").await;
    assert_eq!(
        imported["data"]["importEntAccounts"]["committed"], true,
        "{imported}"
    );
    Fixture {
        app,
        alpha,
        beta,
        lycee,
    }
}

/// Index-Education's schema (`docs/formats/index-education/`, copies of
/// the published ones) accepts the file, as xmllint reads it.
pub(crate) fn xmllint_valid(xml: &[u8], schema: &str) {
    let xsd = format!(
        "{}/../docs/formats/index-education/{schema}",
        env!("CARGO_MANIFEST_DIR")
    );
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), xml).unwrap();
    let output = std::process::Command::new("xmllint")
        .args(["--noout", "--nonet", "--schema", &xsd])
        .arg(file.path())
        .output()
        .expect("xmllint (scripts/ensure-test-tools.sh installs libxml2-utils)");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// No change: every setting left as it is.
fn no_settings() -> ExchangeSettingsInput {
    ExchangeSettingsInput {
        tenant_id: None,
        partner_id: None,
        partner_name: None,
        index_education_public_key_pem: None,
        partner_private_key_pem: None,
        retention_account_matching_days: None,
        retention_identifiers_export_days: None,
    }
}

async fn update_settings(
    app: &TestApp,
    token: &str,
    input: ExchangeSettingsInput,
) -> Result<update_exchange_settings::UpdateExchangeSettingsUpdateExchangeSettings, Refused> {
    app.run::<UpdateExchangeSettings>(Some(token), update_exchange_settings::Variables { input })
        .await
        .map(|data| data.update_exchange_settings)
}

// Raw: a multipart upload, which the typed operations do not send.
async fn import_accounts(app: &TestApp, token: &str, csv: &str, mode: &str) -> Value {
    app.graphql_upload(
        token,
        "mutation($file: Upload!, $m: DirectoryImportModeName!) { importEntAccounts(file: $file, mode: $m) { committed accounts errors establishments { uai created updated unchanged removed } } }",
        json!({ "m": mode }),
        "comptes.csv",
        csv.as_bytes().to_vec(),
    )
    .await
}

/// A stored file as `generateAccountMatchingFile` answers it.
pub(crate) type GeneratedFile =
    generate_account_matching_file::GenerateAccountMatchingFileGenerateAccountMatchingFile;

/// `token`'s holder generates the account-matching file (A) of
/// `establishment`: the stored file, or the refusal.
pub(crate) async fn generate_file(
    app: &TestApp,
    token: &str,
    establishment: &str,
) -> Result<GeneratedFile, Refused> {
    app.run::<GenerateAccountMatchingFile>(
        Some(token),
        generate_account_matching_file::Variables {
            establishment_id: establishment.to_owned(),
        },
    )
    .await
    .map(|data| data.generate_account_matching_file)
}

/// [`generate_file`] answering JSON, for the modules that still read it
/// (restore, key_rotation).
pub(crate) async fn generate(app: &TestApp, token: &str, establishment: &str) -> Value {
    app.run_json(
        Some(token),
        generate_account_matching_file::QUERY,
        generate_account_matching_file::OPERATION_NAME,
        json!({ "establishmentId": establishment }),
    )
    .await
}

pub(crate) async fn stored_files(
    app: &TestApp,
    token: &str,
) -> Vec<stored_files::StoredFilesStoredFilesEdgesNode> {
    app.run_ok::<StoredFiles>(Some(token), stored_files::Variables)
        .await
        .stored_files
        .edges
        .into_iter()
        .map(|edge| edge.node)
        .collect()
}

fn refused<T: std::fmt::Debug>(answer: Result<T, Refused>) -> Refused {
    answer.expect_err("the step should have been refused")
}

async fn a_cite_scolaire_gets_one_sealed_file_that_pronote_can_read(backend: Backend) {
    let Fixture {
        app,
        alpha,
        beta,
        lycee,
    } = fixture(backend, |_| {}).await;

    let file = generate_file(&app, &alpha.operator, &lycee)
        .await
        .unwrap_or_else(|refused| panic!("{refused:?}"));
    assert_eq!(file.file_name, "0410017W.xml", "{file:?}");
    assert_eq!(
        file.kind,
        generate_account_matching_file::FileKindName::ACCOUNT_MATCHING
    );
    // The summary is JSON in the schema.
    assert_eq!(file.summary["accounts"], 6);
    assert_eq!(file.summary["uais"], json!(["0410017W", "0410018X"]));

    let response = app
        .get_with_token(&file.download_path, &alpha.operator)
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["cache-control"], "no-store");
    assert_eq!(
        response.headers()["content-disposition"],
        "attachment; filename=\"0410017W.xml\""
    );
    let container = response.bytes().await.unwrap();
    assert_eq!(file.size as usize, container.len(), "size recorded");

    // What PRONOTE does: decrypt with Index-Education's key, read the file.
    let ie_key = parse_private_key_pem(IE_PRIVATE).unwrap();
    let xml = open_import_chiffre(&container, &ie_key).unwrap();
    xmllint_valid(&xml, "RapprochementSSO.xsd");
    let matching = AccountMatchingFile::parse(&xml).unwrap();
    assert_eq!(matching.partner_id, "ENT-RECIA-42");
    // Each establishment with the postal code and town Relais knows.
    for establishment in &matching.establishments {
        assert_eq!(establishment.postal_code.as_deref(), Some("41000"));
        assert_eq!(establishment.town.as_deref(), Some("Blois"));
    }
    let uais: Vec<&str> = matching
        .establishments
        .iter()
        .map(|e| e.uai.as_str())
        .collect();
    assert_eq!(uais, ["0410017W", "0410018X"]);
    let ids = |people: &[relais_formats::index_education::account_matching::MatchingPerson]| {
        people.iter().map(|p| p.ent_id.clone()).collect::<Vec<_>>()
    };
    assert_eq!(ids(&matching.pupils), ["E001", "E002"]);
    assert_eq!(ids(&matching.guardians), ["P001", "P002"]);
    assert_eq!(ids(&matching.teachers), ["T001"]);
    assert_eq!(ids(&matching.staff), ["S001"]);
    let lea = &matching.pupils[0];
    assert_eq!(
        (lea.last_name.as_str(), lea.first_name.as_str()),
        ("MARTIN", "Léa")
    );
    assert_eq!(lea.birth_date.unwrap().to_string(), "2009-03-12");
    assert_eq!(lea.guardians, [matching.guardians[0].ident]);

    // Every download is audited.
    let audit = app
        .run_ok::<OperatorAuditEvents>(
            Some(&alpha.operator),
            operator_audit_events::Variables { first: Some(20) },
        )
        .await;
    let actions: Vec<&str> = audit
        .audit_events
        .nodes
        .iter()
        .map(|e| e.action.as_str())
        .collect();
    assert!(actions.contains(&"STORED_FILE_DOWNLOADED"), "{actions:?}");
    assert!(
        actions.contains(&"ACCOUNT_MATCHING_FILE_GENERATED"),
        "{actions:?}"
    );

    // Another operator, and an ungranted school administrator, see nothing.
    let path = file.download_path.as_str();
    assert_eq!(app.get_with_token(path, &beta.operator).await.status(), 404);
    assert_eq!(app.get_with_token(path, &alpha.school).await.status(), 404);
    assert_eq!(app.get(path).await.status(), 401);
    assert!(stored_files(&app, &beta.operator).await.is_empty());
    // The helpdesk reads the list but generates nothing.
    assert_eq!(stored_files(&app, &alpha.helpdesk).await.len(), 1);
    let by_helpdesk = refused(generate_file(&app, &alpha.helpdesk, &lycee).await);
    assert_eq!(by_helpdesk.code(), "FORBIDDEN", "{by_helpdesk:?}");
}

async fn bad_settings_and_bad_account_files_are_refused_and_change_nothing(backend: Backend) {
    let Fixture {
        app,
        alpha,
        beta,
        lycee,
    } = fixture(backend, |_| {}).await;

    let bad_key = refused(
        update_settings(
            &app,
            &alpha.operator,
            ExchangeSettingsInput {
                index_education_public_key_pem: Some("pas une clé".into()),
                ..no_settings()
            },
        )
        .await,
    );
    assert_eq!(bad_key.code(), "VALIDATION", "{bad_key:?}");
    assert_eq!(bad_key.field(), Some("indexEducationPublicKeyPem"));
    let private_as_public = refused(
        update_settings(
            &app,
            &alpha.operator,
            ExchangeSettingsInput {
                index_education_public_key_pem: Some(IE_PRIVATE.into()),
                ..no_settings()
            },
        )
        .await,
    );
    assert_eq!(
        private_as_public.code(),
        "VALIDATION",
        "{private_as_public:?}"
    );
    let retention = refused(
        update_settings(
            &app,
            &alpha.operator,
            ExchangeSettingsInput {
                retention_account_matching_days: Some(0),
                ..no_settings()
            },
        )
        .await,
    );
    assert_eq!(retention.code(), "VALIDATION", "{retention:?}");
    let helpdesk = refused(
        update_settings(
            &app,
            &alpha.helpdesk,
            ExchangeSettingsInput {
                partner_id: Some("X".into()),
                ..no_settings()
            },
        )
        .await,
    );
    assert_eq!(helpdesk.code(), "FORBIDDEN", "{helpdesk:?}");
    let kept = app
        .run_ok::<ExchangeSettings>(Some(&alpha.operator), exchange_settings::Variables)
        .await;
    assert_eq!(
        kept.exchange_settings.partner_id.as_deref(),
        Some("ENT-RECIA-42"),
        "{kept:?}"
    );

    // One bad line refuses the whole file: nothing is written.
    let csv = "id_ent;nom;prenom;date_naissance;profil;uai\nE009;NOUVEAU;Élève;;ELEVE;0410017W\nE010;AUTRE;Élève;01/01/2010;ELEVE;0999999Z\n";
    let rejected = import_accounts(&app, &alpha.operator, csv, "COMPLETE").await;
    let report = &rejected["data"]["importEntAccounts"];
    assert_eq!(report["committed"], false, "{rejected}");
    assert_eq!(report["errors"].as_array().unwrap().len(), 2, "{rejected}");
    let counts = app
        .run_ok::<EntAccountCounts>(
            Some(&alpha.operator),
            ent_account_counts::Variables {
                establishment_id: lycee.clone(),
            },
        )
        .await
        .ent_account_counts;
    let total: i64 = counts.iter().map(|c| c.accounts).sum();
    assert_eq!(total, 4, "the lycée keeps its 4 accounts: {counts:?}");

    // Complete mode replaces the lycée's accounts; unknown columns are ignored.
    let csv = "id_ent;nom;prenom;date_naissance;profil;uai;sexe;commentaire\nE001;MARTIN;Léa;12/03/2009;ELEVE;0410017W;F;rien\n";
    let replaced = import_accounts(&app, &alpha.operator, csv, "COMPLETE").await;
    assert_eq!(
        replaced["data"]["importEntAccounts"]["establishments"],
        json!([{ "uai": "0410017W", "created": 0, "updated": 0, "unchanged": 1, "removed": 3 }]),
        "{replaced}"
    );

    // Without ENT accounts, no (empty) file is generated.
    let empty = create_establishment(&app, &alpha.operator, "0410019Y", "Collège vide").await;
    let nothing = refused(generate_file(&app, &alpha.operator, &empty).await);
    assert_eq!(nothing.code(), "VALIDATION", "{nothing:?}");
    assert_eq!(nothing.field(), Some("establishmentId"));

    // Without Index-Education's key, no file is generated.
    let beta_lycee =
        create_establishment(&app, &beta.operator, "0180005H", "Lycée Alain-Fournier").await;
    let unset = refused(generate_file(&app, &beta.operator, &beta_lycee).await);
    assert_eq!(unset.code(), "VALIDATION", "{unset:?}");
    assert_eq!(unset.field(), Some("exchangeSettings"));
    assert!(stored_files(&app, &beta.operator).await.is_empty());
}

fn pronote_users() -> Vec<PronoteUser> {
    vec![
        PronoteUser {
            pronote_id: PronoteId::parse("id", "8P4BHZJQ79SUNFX3").unwrap(),
            last_name: "MARTIN".into(),
            first_name: "Léa".into(),
            birth_date: chrono::NaiveDate::from_ymd_opt(2009, 3, 12),
            category: PronoteCategory::Eleve,
            cas_id: None,
        },
        PronoteUser {
            pronote_id: PronoteId::parse("id", "A1B2C3D4E5F6G7H8").unwrap(),
            last_name: "LEROY".into(),
            first_name: "Anne".into(),
            birth_date: None,
            category: PronoteCategory::Professeur,
            cas_id: Some("T001".into()),
        },
    ]
}

pub(crate) fn sealed_for(inner: &[u8], public: RsaPublicKey) -> Vec<u8> {
    sealed_with_uai(inner, public, Some("0410017W"))
}

/// An export as PRONOTE seals it for the base whose UAI is `uai`.
pub(crate) fn sealed_with_uai(inner: &[u8], public: RsaPublicKey, uai: Option<&str>) -> Vec<u8> {
    seal_export_container(
        inner,
        &[("GIP RECIA".to_owned(), public)],
        &ExportHeader {
            uai: uai.map(str::to_owned),
            ..ExportHeader::default()
        },
        &mut OsRng,
    )
    .unwrap()
}

// Raw: a multipart upload, which the typed operations do not send.
async fn upload_export(app: &TestApp, token: &str, establishment: &str, bytes: Vec<u8>) -> Value {
    app.graphql_upload(
        token,
        "mutation($e: ID!, $file: Upload!) { uploadIdentifiersExport(establishmentId: $e, file: $file) { users withoutCasId byCategory { category users } file { id fileName kind summary } } }",
        json!({ "e": establishment }),
        "export.xml",
        bytes,
    )
    .await
}

async fn a_pronote_export_is_read_and_a_bad_one_stores_nothing(backend: Backend) {
    let Fixture {
        app, alpha, lycee, ..
    } = fixture(backend, |settings| {
        settings.storage.max_inflated_bytes = 1024 * 1024;
    })
    .await;
    let partner_public = RsaPublicKey::from(&parse_private_key_pem(PARTNER_PRIVATE).unwrap());
    let list = write_identifiers_list(&pronote_users());

    let received = upload_export(
        &app,
        &alpha.operator,
        &lycee,
        sealed_for(&list, partner_public.clone()),
    )
    .await;
    let result = &received["data"]["uploadIdentifiersExport"];
    assert_eq!(result["users"], 2, "{received}");
    assert_eq!(result["withoutCasId"], 1);
    assert_eq!(result["file"]["kind"], "IDENTIFIERS_EXPORT");
    assert_eq!(result["file"]["summary"]["users"], 2);

    // Each bad file has its own reason, and leaves no file behind.
    let other_public = RsaPublicKey::from(&parse_private_key_pem(OTHER_PRIVATE).unwrap());
    let good = sealed_for(&list, partner_public.clone());
    let mut corrupted = good.clone();
    let middle = String::from_utf8(good.clone())
        .unwrap()
        .find("<CONTENU")
        .unwrap()
        + 60;
    corrupted[middle] = if corrupted[middle] == b'A' {
        b'B'
    } else {
        b'A'
    };
    let bomb = sealed_for(&vec![b'0'; 4 * 1024 * 1024], partner_public.clone());
    let cases: Vec<(&str, Vec<u8>, &[&str])> = vec![
        (
            "wrong key",
            sealed_for(&list, other_public),
            &["EXPORT_WRONG_KEY"],
        ),
        (
            "truncated",
            good[..good.len() / 2].to_vec(),
            &["EXPORT_TRUNCATED", "EXPORT_NOT_A_CONTAINER"],
        ),
        (
            "corrupted",
            corrupted,
            &["EXPORT_CORRUPTED", "EXPORT_HASH_MISMATCH"],
        ),
        ("zip bomb", bomb, &["EXPORT_TOO_LARGE"]),
        (
            "not a container",
            b"bonjour".to_vec(),
            &["EXPORT_NOT_A_CONTAINER"],
        ),
        (
            "not our list",
            sealed_for(b"<autre/>", partner_public.clone()),
            &[
                "IDENTIFIERS_NOT_A_LIST",
                "IDENTIFIERS_UNREADABLE",
                "IDENTIFIERS_INVALID",
            ],
        ),
    ];
    for (case, bytes, reasons) in cases {
        let refused = upload_export(&app, &alpha.operator, &lycee, bytes).await;
        assert_eq!(error_code(&refused), "INVALID_FILE", "{case}: {refused}");
        let reason = refused["errors"][0]["extensions"]["reason"]
            .as_str()
            .unwrap_or_default();
        assert!(reasons.contains(&reason), "{case}: {refused}");
        assert!(!error_message(&refused).is_empty());
    }
    let files = stored_files(&app, &alpha.operator).await;
    assert_eq!(files.len(), 1, "only the good export is kept: {files:?}");
    let helpdesk = upload_export(&app, &alpha.helpdesk, &lycee, good).await;
    assert_eq!(error_code(&helpdesk), "FORBIDDEN");
}

/// Moves a stored file's expiry to yesterday, then runs the retention job
/// as the server's scheduler does; how many files it deleted.
async fn expire_and_purge(app: &TestApp, id: uuid::Uuid) -> usize {
    use relais_store::entities::stored_file;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
    stored_file::Entity::update_many()
        .col_expr(
            stored_file::Column::ExpiresAt,
            Expr::value(chrono::Utc::now() - chrono::Duration::days(1)),
        )
        .filter(stored_file::Column::Id.eq(id))
        .exec(app.store.connection())
        .await
        .unwrap();
    let vault = relais_server::file_storage::file_vault(&app.settings, &app.store)
        .await
        .unwrap();
    vault.purge_expired().await.unwrap()
}

async fn a_deleted_or_expired_file_is_gone_with_its_object(backend: Backend) {
    let Fixture {
        app, alpha, lycee, ..
    } = fixture(backend, |_| {}).await;
    let objects = app.settings.data_dir.join("objects");
    let count_objects = || walk(&objects);
    let generated = || {
        let app = &app;
        let token = alpha.operator.clone();
        let lycee = lycee.clone();
        async move {
            generate_file(app, &token, &lycee)
                .await
                .unwrap_or_else(|refused| panic!("{refused:?}"))
                .id
        }
    };
    let first_id = generated().await;
    let second_id = generated().await;
    assert_eq!(count_objects(), 2);

    // « Supprimer le fichier exporté ».
    let delete = |token: &str| {
        let token = token.to_owned();
        let app = &app;
        let id = first_id.clone();
        async move {
            app.run::<DeleteStoredFile>(Some(&token), delete_stored_file::Variables { id })
                .await
                .map(|data| data.delete_stored_file)
        }
    };
    let helpdesk = refused(delete(&alpha.helpdesk).await);
    assert_eq!(helpdesk.code(), "FORBIDDEN", "{helpdesk:?}");
    let deleted = delete(&alpha.operator)
        .await
        .unwrap_or_else(|refused| panic!("{refused:?}"));
    assert_eq!(deleted, first_id);
    assert_eq!(count_objects(), 1);
    let path = format!("/files/{first_id}/download");
    assert_eq!(
        app.get_with_token(&path, &alpha.operator).await.status(),
        404
    );

    // Retention: the job deletes the row, then the object.
    assert_eq!(
        expire_and_purge(&app, uuid::Uuid::parse_str(&second_id).unwrap()).await,
        1
    );
    assert_eq!(count_objects(), 0);
    assert!(stored_files(&app, &alpha.operator).await.is_empty());

    // An object without its row (a crash between the two) is swept.
    let vault = relais_server::file_storage::file_vault(&app.settings, &app.store)
        .await
        .unwrap();
    std::fs::create_dir_all(objects.join("tenants/orphan")).unwrap();
    std::fs::write(objects.join("tenants/orphan/object"), b"x").unwrap();
    assert_eq!(
        vault
            .sweep_orphans(chrono::Duration::hours(1))
            .await
            .unwrap(),
        0,
        "too young"
    );
    assert_eq!(
        vault
            .sweep_orphans(chrono::Duration::seconds(-1))
            .await
            .unwrap(),
        1
    );
    assert_eq!(count_objects(), 0);
}

/// A stored file whose kind or summary no version of Relais wrote is told
/// as an internal error, never as another kind or an empty summary (issue
/// 16); its retention still ends, the row and its object with it.
async fn an_unreadable_stored_file_is_an_error_not_a_default_and_still_expires(backend: Backend) {
    use relais_store::entities::stored_file;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};

    let Fixture {
        app, alpha, lycee, ..
    } = fixture(backend, |_| {}).await;
    let objects = app.settings.data_dir.join("objects");
    let id = generate_file(&app, &alpha.operator, &lycee)
        .await
        .unwrap_or_else(|refused| panic!("{refused:?}"))
        .id;
    let id = uuid::Uuid::parse_str(&id).unwrap();
    let spoil = |column: stored_file::Column, value: &'static str| {
        let app = &app;
        async move {
            stored_file::Entity::update_many()
                .col_expr(column, Expr::value(value))
                .filter(stored_file::Column::Id.eq(id))
                .exec(app.store.connection())
                .await
                .unwrap();
        }
    };
    for (column, value, good) in [
        (
            stored_file::Column::Kind,
            "INCONNU",
            "ACCOUNT_MATCHING_FILE",
        ),
        (stored_file::Column::Summary, "{\"accounts\":", "{}"),
    ] {
        spoil(column, value).await;
        let unreadable = refused(
            app.run::<StoredFiles>(Some(&alpha.operator), stored_files::Variables)
                .await,
        );
        assert_eq!(unreadable.code(), "INTERNAL", "{value}: {unreadable:?}");
        spoil(column, good).await;
    }
    assert_eq!(stored_files(&app, &alpha.operator).await.len(), 1);

    spoil(stored_file::Column::Summary, "pas du JSON").await;
    assert_eq!(expire_and_purge(&app, id).await, 1);
    assert_eq!(walk(&objects), 0);
    assert!(stored_files(&app, &alpha.operator).await.is_empty());
}

/// An ENT account or exchange settings holding a value no version wrote:
/// the file is refused as an internal error, never built from a default
/// (the profile was read as the user's VALIDATION error, a retention of
/// zero days as one day).
async fn an_unreadable_account_or_setting_is_an_internal_error(backend: Backend) {
    use relais_store::entities::{ent_account, exchange_settings as settings_row};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};

    let Fixture {
        app, alpha, lycee, ..
    } = fixture(backend, |_| {}).await;
    let db = app.store.connection();
    let spoiled = ent_account::Entity::update_many()
        .col_expr(ent_account::Column::Profile, Expr::value("DIRECTEUR"))
        .filter(ent_account::Column::EntId.eq("T001"))
        .exec(db)
        .await
        .unwrap();
    assert_eq!(spoiled.rows_affected, 2, "T001 is in both establishments");
    let unreadable = refused(generate_file(&app, &alpha.operator, &lycee).await);
    assert_eq!(unreadable.code(), "INTERNAL", "{unreadable:?}");
    ent_account::Entity::update_many()
        .col_expr(ent_account::Column::Profile, Expr::value("ENSEIGNANT"))
        .filter(ent_account::Column::EntId.eq("T001"))
        .exec(db)
        .await
        .unwrap();

    settings_row::Entity::update_many()
        .col_expr(
            settings_row::Column::RetentionAccountMatchingDays,
            Expr::value(0),
        )
        .exec(db)
        .await
        .unwrap();
    let settings = refused(
        app.run::<ExchangeSettings>(Some(&alpha.operator), exchange_settings::Variables)
            .await,
    );
    assert_eq!(settings.code(), "INTERNAL", "{settings:?}");
    let unreadable = refused(generate_file(&app, &alpha.operator, &lycee).await);
    assert_eq!(unreadable.code(), "INTERNAL", "{unreadable:?}");
    assert!(stored_files(&app, &alpha.operator).await.is_empty());
}

/// The vault asks for the caller's rights on the tenant before it writes
/// anything: an object is never written for a tenant the caller does not
/// act for, nor an exchanged file by the helpdesk.
async fn the_vault_writes_no_object_before_the_tenant_and_role_checks(backend: Backend) {
    use relais_api::ErrorCode;
    use relais_app::file_vault::FileToStore;
    use relais_domain::Role;
    use relais_store::{Caller, FileKind};

    let Fixture {
        app,
        alpha,
        beta,
        lycee,
    } = fixture(backend, |_| {}).await;
    let objects = app.settings.data_dir.join("objects");
    let before = walk(&objects);
    let vault = relais_server::file_storage::file_vault(&app.settings, &app.store)
        .await
        .unwrap();
    let caller = |role: Role, user: &str| Caller {
        user_id: Some(uuid::Uuid::parse_str(user).unwrap()),
        email: None,
        role,
        tenant_id: Some(uuid::Uuid::parse_str(&alpha.id).unwrap()),
    };
    let file = |tenant: &str| FileToStore {
        tenant_id: uuid::Uuid::parse_str(tenant).unwrap(),
        establishment_id: uuid::Uuid::parse_str(&lycee).unwrap(),
        base_id: None,
        ticket_id: None,
        kind: FileKind::AccountMatching,
        file_name: "0410017W.xml".to_owned(),
        summary: json!({}),
        retention_days: 30,
    };
    let operator = caller(Role::OperatorAdmin, &alpha.operator_id);
    let beta_id = uuid::Uuid::parse_str(&beta.id).unwrap();
    let beta_key = app.store.key_ring().get(beta_id).await.unwrap();
    assert!(beta_key.is_none(), "beta has no key yet");
    let foreign = vault
        .store_bytes(
            app.store.scoped(&operator),
            file(&beta.id),
            b"secret".to_vec(),
        )
        .await
        .unwrap_err();
    assert_eq!(foreign.code, ErrorCode::NotFound, "{foreign:?}");
    // Not even beta's key was made on alpha's behalf.
    assert!(app.store.key_ring().get(beta_id).await.unwrap().is_none());
    let helpdesk = caller(Role::Helpdesk, &alpha.helpdesk_id);
    let refused = vault
        .store_bytes(
            app.store.scoped(&helpdesk),
            file(&alpha.id),
            b"secret".to_vec(),
        )
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::Forbidden, "{refused:?}");
    assert_eq!(
        walk(&objects),
        before,
        "an object was written before the checks"
    );
    // The same file, for its own tenant by its operator, is written.
    vault
        .store_bytes(
            app.store.scoped(&operator),
            file(&alpha.id),
            b"secret".to_vec(),
        )
        .await
        .unwrap();
    assert_eq!(walk(&objects), before + 1);
}

fn walk(dir: &std::path::Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|entry| {
            let path = entry.path();
            if path.is_dir() { walk(&path) } else { 1 }
        })
        .sum()
}

on_both_databases!(
    the_vault_writes_no_object_before_the_tenant_and_role_checks,
    a_cite_scolaire_gets_one_sealed_file_that_pronote_can_read,
    bad_settings_and_bad_account_files_are_refused_and_change_nothing,
    a_pronote_export_is_read_and_a_bad_one_stores_nothing,
    a_deleted_or_expired_file_is_gone_with_its_object,
    an_unreadable_stored_file_is_an_error_not_a_default_and_still_expires,
    an_unreadable_account_or_setting_is_an_internal_error,
);

#[tokio::test]
async fn an_unreachable_s3_refuses_the_file_and_records_nothing() {
    let Fixture {
        app, alpha, lycee, ..
    } = fixture(Backend::Sqlite, |settings| {
        settings.storage.backend = relais_server::file_storage::StorageBackend::S3;
        settings.storage.s3.endpoint = Some("http://127.0.0.1:9".into());
        settings.storage.s3.bucket = "relais".into();
        settings.storage.s3.path_style = true;
        settings.storage.s3.access_key_id = Some("GK-test".into());
        settings.storage.s3.secret_access_key = Some("secret".to_owned().into());
        settings.storage.s3.timeout_seconds = 5;
    })
    .await;
    let unavailable = refused(generate_file(&app, &alpha.operator, &lycee).await);
    assert_eq!(unavailable.code(), "STORAGE_UNAVAILABLE", "{unavailable:?}");
    assert!(unavailable.message().contains("injoignable"));
    assert!(stored_files(&app, &alpha.operator).await.is_empty());
}

#[tokio::test]
async fn files_go_to_garage_encrypted_and_come_back() {
    let Some(s3) = relais_tests::services::garage::test_bucket()
        .await
        .unwrap_or_else(|e| panic!("{e}"))
    else {
        return;
    };
    let Fixture {
        app, alpha, lycee, ..
    } = fixture(Backend::Sqlite, |settings| {
        settings.storage.backend = relais_server::file_storage::StorageBackend::S3;
        settings.storage.s3.endpoint = s3.endpoint.clone();
        settings.storage.s3.region = s3.region.clone();
        settings.storage.s3.bucket = s3.bucket.clone();
        settings.storage.s3.path_style = s3.path_style;
        settings.storage.s3.access_key_id = s3.access_key_id.clone();
        settings.storage.s3.secret_access_key = s3.secret_access_key.clone().map(Into::into);
    })
    .await;
    let file = generate_file(&app, &alpha.operator, &lycee)
        .await
        .unwrap_or_else(|refused| panic!("{refused:?}"));
    let response = app
        .get_with_token(&file.download_path, &alpha.operator)
        .await;
    assert_eq!(response.status(), 200);
    let container = response.bytes().await.unwrap();
    let ie_key = parse_private_key_pem(IE_PRIVATE).unwrap();
    let matching =
        AccountMatchingFile::parse(&open_import_chiffre(&container, &ie_key).unwrap()).unwrap();
    assert_eq!(matching.pupils.len(), 2);
    // What Garage holds is not the file: it is our envelope.
    let vault = relais_server::file_storage::object_store(&app.settings)
        .await
        .unwrap();
    let listed = vault.list("tenants/").await.unwrap();
    assert_eq!(listed.len(), 1);
    assert!(listed[0].size > container.len() as u64);
    let _ = parse_public_key_pem(IE_PUBLIC).unwrap();
}

#[tokio::test]
async fn the_demo_school_can_generate_its_account_matching_file() {
    use relais_server::bootstrap::{DEMO_ACCOUNTS, DEMO_PASSWORD};
    let app = spawn_app_with_options(
        Backend::Sqlite,
        relais_server::BuildOptions {
            demo: true,
            ..Default::default()
        },
        |_| {},
    )
    .await;
    let school = DEMO_ACCOUNTS
        .iter()
        .find(|(_, _, role)| *role == relais_domain::Role::SchoolAdmin)
        .unwrap()
        .0;
    let token = app.token(school, DEMO_PASSWORD).await;
    let mine = app
        .run_ok::<DemoSchoolEstablishments>(Some(&token), demo_school_establishments::Variables)
        .await;
    let establishment = mine
        .establishments
        .edges
        .first()
        .unwrap_or_else(|| panic!("{mine:?}"))
        .node
        .id
        .clone();
    let file = generate_file(&app, &token, &establishment)
        .await
        .unwrap_or_else(|refused| panic!("{refused:?}"));
    let container = app
        .get_with_token(&file.download_path, &token)
        .await
        .bytes()
        .await
        .unwrap();
    let ie_key = parse_private_key_pem(IE_PRIVATE).unwrap();
    let matching =
        AccountMatchingFile::parse(&open_import_chiffre(&container, &ie_key).unwrap()).unwrap();
    assert_eq!(matching.partner_id, "DEMO-ENT-0001");
    assert_eq!((matching.pupils.len(), matching.guardians.len()), (20, 20));
    assert!(matching.pupils.iter().all(|p| p.guardians.len() == 1));

    // The demo cité also holds its PRONOTE users: the school can run the
    // rapprochement and finds most pupils linked and most guardians
    // proposed (for review: PRONOTE's export gives no guardian's pupils,
    // and names alone never link a guardian, issue 19).
    let base = app.first_base_id(&token).await;
    let run = app
        .run_ok::<StartMatching>(
            Some(&token),
            start_matching::Variables {
                base_id: base,
                existing_links: start_matching::ExistingLinksPolicy::KEEP,
            },
        )
        .await
        .start_matching;
    let step = |population: start_matching::Population| {
        run.steps
            .iter()
            .find(|s| s.population == population)
            .unwrap_or_else(|| panic!("{run:?}"))
    };
    assert!(
        step(start_matching::Population::ELEVE).auto_links >= 15,
        "{run:?}"
    );
    assert!(
        step(start_matching::Population::RESPONSABLE).reviews >= 15,
        "{run:?}"
    );
}
