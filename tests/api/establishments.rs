//! Establishments: UAI rules, roles and grants, CSV import and export, search.

use crate::helpers::*;
use crate::typed::{
    AdministratorsOfEstablishment, CreateEstablishmentDetailed, EstablishmentFoundByUai,
    EstablishmentUaiById, EstablishmentsAsCsv, EstablishmentsFiltered, GrantEstablishment,
    ImportEstablishmentsReport, Refused, RenameEstablishment, RevokeEstablishmentAccess,
    administrators_of_establishment, create_establishment_detailed, establishment_found_by_uai,
    establishment_uai_by_id, establishments_as_csv, establishments_filtered, grant_establishment,
    import_establishments_report, rename_establishment, revoke_establishment_access,
};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;

type Created = create_establishment_detailed::CreateEstablishmentDetailedCreateEstablishment;
type Report = import_establishments_report::ImportEstablishmentsReportImportEstablishments;
type Filter = establishments_filtered::EstablishmentFilterInput;

async fn create(
    app: &TestApp,
    token: &str,
    uai: &str,
    name: &str,
    ack: bool,
) -> Result<Created, Refused> {
    let input = create_establishment_detailed::CreateEstablishmentInput {
        tenant_id: None,
        uai: uai.to_owned(),
        acknowledge_checksum_mismatch: ack,
        name: name.to_owned(),
        kind: create_establishment_detailed::EstablishmentKind::COLLEGE,
        commune: Some("Blois".to_owned()),
        postal_code: Some("41000".to_owned()),
        academy: Some("Orléans-Tours".to_owned()),
        status: create_establishment_detailed::EstablishmentStatus::OPEN,
    };
    app.run::<CreateEstablishmentDetailed>(
        Some(token),
        create_establishment_detailed::Variables { input },
    )
    .await
    .map(|created| created.create_establishment)
}

/// No criterion: every establishment the caller sees.
fn any() -> Filter {
    Filter {
        uai_prefix: None,
        name: None,
        academy: None,
        kind: None,
        status: None,
        configuration: None,
    }
}

/// The UAIs of the establishments `token`'s holder finds with `filter`.
async fn uais(app: &TestApp, token: &str, filter: Option<Filter>) -> Vec<String> {
    app.run_ok::<EstablishmentsFiltered>(Some(token), establishments_filtered::Variables { filter })
        .await
        .establishments
        .edges
        .into_iter()
        .map(|edge| edge.node.uai)
        .collect()
}

async fn import(
    app: &TestApp,
    token: &str,
    bytes: &[u8],
    commit: bool,
    accept: bool,
) -> Result<Report, Refused> {
    import_base64(app, token, STANDARD.encode(bytes), commit, accept).await
}

async fn import_base64(
    app: &TestApp,
    token: &str,
    content_base64: String,
    commit: bool,
    accept: bool,
) -> Result<Report, Refused> {
    let input = import_establishments_report::ImportEstablishmentsInput {
        tenant_id: None,
        content_base64,
        commit,
        accept_rejected_lines: accept,
        acknowledge_checksum_mismatch: Vec::new(),
    };
    app.run::<ImportEstablishmentsReport>(
        Some(token),
        import_establishments_report::Variables { input },
    )
    .await
    .map(|imported| imported.import_establishments)
}

async fn administrators(
    app: &TestApp,
    token: &str,
    establishment: &str,
) -> Result<
    Vec<administrators_of_establishment::AdministratorsOfEstablishmentEstablishmentAdministrators>,
    Refused,
> {
    let variables = administrators_of_establishment::Variables {
        establishment_id: establishment.to_owned(),
    };
    app.run::<AdministratorsOfEstablishment>(Some(token), variables)
        .await
        .map(|listed| listed.establishment_administrators)
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
    .await
    .expect_err("a wrong check letter accepted");
    assert_eq!(wrong.code(), "VALIDATION", "{wrong:?}");
    assert_eq!(wrong.field(), Some("uai"), "{wrong:?}");
    assert!(wrong.message().contains('W'), "{wrong:?}");

    let created = create(
        &app,
        &alpha.operator,
        "0410017x",
        "Collège Augustin Thierry",
        true,
    )
    .await
    .unwrap();
    assert_eq!(created.uai, "0410017X", "{created:?}");
    assert!(created.uai_checksum_acknowledged, "{created:?}");
    assert_eq!(created.kind_label, "Collège");
    assert_eq!(
        created.status,
        create_establishment_detailed::EstablishmentStatus::OPEN
    );
    assert_eq!(
        created.tenant.as_ref().map(|tenant| tenant.id.as_str()),
        Some(alpha.id.as_str())
    );

    let right = create(&app, &alpha.operator, "0410017w", "Collège", false)
        .await
        .unwrap();
    assert!(!right.uai_checksum_acknowledged, "{right:?}");
    let twice = create(&app, &alpha.operator, "0410017W", "Collège bis", false)
        .await
        .expect_err("a UAI created twice");
    assert_eq!(twice.code(), "CONFLICT", "{twice:?}");
    assert_eq!(twice.field(), Some("uai"), "{twice:?}");
}

async fn each_role_sees_the_establishments_it_should(backend: Backend) {
    let app = spawn_app(backend).await;
    let [alpha, beta] = app.two_tenants().await;
    let blois_id = create(
        &app,
        &alpha.operator,
        "0410017W",
        "Collège Augustin Thierry",
        false,
    )
    .await
    .unwrap()
    .id;
    create(&app, &alpha.operator, "0690028F", "Lycée du Parc", false)
        .await
        .unwrap();
    create(&app, &beta.operator, "0590083V", "Lycée Faidherbe", false)
        .await
        .unwrap();

    assert_eq!(
        uais(&app, &alpha.operator, None).await,
        ["0410017W", "0690028F"]
    );
    assert_eq!(
        uais(&app, &alpha.helpdesk, None).await,
        ["0410017W", "0690028F"]
    );
    assert_eq!(uais(&app, &beta.helpdesk, None).await, ["0590083V"]);
    assert_eq!(uais(&app, &alpha.school, None).await, Vec::<String>::new());

    // Helpdesk and school administrators do not write establishments.
    for token in [&alpha.helpdesk, &alpha.school] {
        let refused = create(&app, token, "0850024P", "X", false)
            .await
            .expect_err("an establishment created without the right");
        assert_eq!(refused.code(), "FORBIDDEN", "{refused:?}");
    }

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

    assert_eq!(uais(&app, &alpha.school, None).await, ["0410017W"]);
    let rename = rename_establishment::Variables {
        id: blois_id.clone(),
        input: rename_establishment::UpdateEstablishmentInput {
            name: "Renommé".to_owned(),
            kind: rename_establishment::EstablishmentKind::COLLEGE,
            commune: None,
            postal_code: None,
            academy: None,
            status: rename_establishment::EstablishmentStatus::OPEN,
        },
    };
    let renamed = app
        .run::<RenameEstablishment>(Some(&alpha.school), rename)
        .await
        .expect_err("a school administrator renamed its establishment");
    assert_eq!(renamed.code(), "FORBIDDEN", "{renamed:?}");
    let foreign = app
        .run::<EstablishmentUaiById>(
            Some(&beta.operator),
            establishment_uai_by_id::Variables {
                id: blois_id.clone(),
            },
        )
        .await
        .expect_err("another operator read the establishment");
    assert_eq!(foreign.code(), "NOT_FOUND", "{foreign:?}");
    let by_uai = app
        .run::<EstablishmentFoundByUai>(
            Some(&beta.operator),
            establishment_found_by_uai::Variables {
                uai: "0410017W".to_owned(),
            },
        )
        .await
        .expect_err("another operator found the establishment by UAI");
    assert_eq!(by_uai.code(), "NOT_FOUND", "{by_uai:?}");

    // Who administers the establishment: its operator asks, others cannot.
    let listed = administrators(&app, &alpha.operator, &blois_id)
        .await
        .unwrap();
    assert_eq!(
        listed,
        vec![
            administrators_of_establishment::AdministratorsOfEstablishmentEstablishmentAdministrators {
                email: "school_admin@alpha.test".to_owned(),
                role: administrators_of_establishment::Role::SCHOOL_ADMIN,
            }
        ],
        "{listed:?}"
    );
    for (token, code) in [
        (&alpha.helpdesk, "FORBIDDEN"),
        (&alpha.school, "FORBIDDEN"),
        (&beta.operator, "NOT_FOUND"),
    ] {
        let refused = administrators(&app, token, &blois_id)
            .await
            .expect_err("the administrators listed without the right");
        assert_eq!(refused.code(), code, "{refused:?}");
    }

    let revoked = app
        .run::<RevokeEstablishmentAccess>(
            Some(&alpha.operator),
            revoke_establishment_access::Variables {
                user_id: alpha.school_id.clone(),
                establishment_id: blois_id.clone(),
            },
        )
        .await;
    assert!(
        revoked
            .as_ref()
            .is_ok_and(|revoked| revoked.revoke_establishment),
        "{revoked:?}"
    );
    assert_eq!(uais(&app, &alpha.school, None).await, Vec::<String>::new());
    let after = administrators(&app, &alpha.operator, &blois_id)
        .await
        .unwrap();
    assert_eq!(after, vec![], "{after:?}");
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

    let report = import(
        &app,
        &alpha.operator,
        with_bad_lines.as_bytes(),
        false,
        false,
    )
    .await
    .unwrap();
    assert!(!report.committed, "{report:?}");
    assert_eq!((report.created, report.rejected), (3, 2), "{report:?}");
    assert_eq!(report.delimiter, ";");
    assert_eq!(report.lines[3].line, 5, "{report:?}");
    assert!(
        report.lines[3].reason.as_deref().unwrap().contains('W'),
        "{report:?}"
    );
    assert!(
        report.lines[4]
            .reason
            .as_deref()
            .unwrap()
            .contains("ligne 3"),
        "{report:?}"
    );
    assert_eq!(uais(&app, &alpha.operator, None).await.len(), 0);

    let refused = import(
        &app,
        &alpha.operator,
        with_bad_lines.as_bytes(),
        true,
        false,
    )
    .await
    .expect_err("rejected lines committed without being accepted");
    assert_eq!(refused.code(), "VALIDATION", "{refused:?}");
    assert_eq!(refused.field(), Some("acceptRejectedLines"), "{refused:?}");
    assert_eq!(uais(&app, &alpha.operator, None).await.len(), 0);

    let committed = import(&app, &alpha.operator, with_bad_lines.as_bytes(), true, true)
        .await
        .unwrap();
    assert_eq!(committed.created, 3, "{committed:?}");
    assert_eq!(uais(&app, &alpha.operator, None).await.len(), 3);

    let report = import(&app, &alpha.operator, GOOD_CSV.as_bytes(), true, false)
        .await
        .unwrap();
    assert_eq!(
        (report.created, report.updated, report.unchanged),
        (0, 0, 3),
        "{report:?}"
    );

    // The export re-imports as unchanged, and a changed line is an update.
    let csv = app
        .run_ok::<EstablishmentsAsCsv>(Some(&alpha.operator), establishments_as_csv::Variables)
        .await
        .establishments_csv;
    assert!(csv.starts_with("uai;nom;type;commune;code_postal;academie;etat\r\n"));
    assert!(csv.contains(
        "0410017W;Collège Augustin Thierry;Collège;Blois;41000;Orléans-Tours;Ouvert\r\n"
    ));
    let reimport = import(&app, &alpha.operator, csv.as_bytes(), false, false)
        .await
        .unwrap();
    assert_eq!(reimport.unchanged, 3, "{reimport:?}");
    let renamed = GOOD_CSV.replace("Lycée du Parc", "Lycée du Parc (cité scolaire)");
    let update = import(&app, &alpha.operator, renamed.as_bytes(), true, false)
        .await
        .unwrap();
    assert_eq!(update.updated, 1, "{update:?}");

    // Only administrators import, and a platform administrator names the operator.
    let helpdesk = import(&app, &alpha.helpdesk, GOOD_CSV.as_bytes(), false, false)
        .await
        .expect_err("the helpdesk imported establishments");
    assert_eq!(helpdesk.code(), "FORBIDDEN", "{helpdesk:?}");
    let admin = app.admin_token().await;
    let unnamed = import(&app, &admin, GOOD_CSV.as_bytes(), false, false)
        .await
        .expect_err("a platform administrator imported without naming the operator");
    assert_eq!(unnamed.field(), Some("tenantId"), "{unnamed:?}");
}

async fn a_windows_1252_file_with_commas_keeps_its_accents(backend: Backend) {
    let app = spawn_app(backend).await;
    let [alpha, _] = app.two_tenants().await;
    let mut bytes = b"uai,nom,type,commune\n0850024P,Lyc".to_vec();
    bytes.push(0xE9); // é in Windows-1252
    bytes.extend_from_slice(b"e Georges Clemenceau,LYCEE,La Roche-sur-Yon\n");

    let answer = import(&app, &alpha.operator, &bytes, true, false).await;

    let report = answer.as_ref().unwrap();
    assert_eq!(report.encoding, "Windows-1252", "{answer:?}");
    assert_eq!(report.delimiter, ",");
    let found = app
        .run_ok::<EstablishmentFoundByUai>(
            Some(&alpha.operator),
            establishment_found_by_uai::Variables {
                uai: "0850024P".to_owned(),
            },
        )
        .await
        .establishment_by_uai;
    assert_eq!(found.name, "Lycée Georges Clemenceau", "{found:?}");
    assert_eq!(
        found.kind,
        establishment_found_by_uai::EstablishmentKind::LYCEE
    );
    let broken = import_base64(
        &app,
        &alpha.operator,
        "pas du base64 !".to_owned(),
        false,
        false,
    )
    .await
    .expect_err("a content that is not base64 imported");
    assert_eq!(broken.field(), Some("contentBase64"), "{broken:?}");
}

async fn search_filters_by_uai_prefix_name_words_academy_and_kind(backend: Backend) {
    use establishments_filtered::{EstablishmentKind, EstablishmentStatus};

    let app = spawn_app(backend).await;
    let [alpha, _] = app.two_tenants().await;
    import(&app, &alpha.operator, GOOD_CSV.as_bytes(), true, false)
        .await
        .unwrap();
    let search = |filter: Filter| {
        let app = &app;
        let token = alpha.operator.clone();
        async move { uais(app, &token, Some(filter)).await }
    };
    let text = |value: &str| Some(value.to_owned());

    assert_eq!(
        search(Filter {
            uai_prefix: text("041"),
            ..any()
        })
        .await,
        ["0410017W"]
    );
    assert_eq!(
        search(Filter {
            name: text("lycee FAIDHERBE"),
            ..any()
        })
        .await,
        ["0590083V"]
    );
    assert_eq!(
        search(Filter {
            name: text("lycée"),
            ..any()
        })
        .await,
        ["0690028F", "0590083V"]
    );
    assert_eq!(
        search(Filter {
            academy: text("Lyon"),
            ..any()
        })
        .await,
        ["0690028F"]
    );
    assert_eq!(
        search(Filter {
            kind: Some(EstablishmentKind::COLLEGE),
            ..any()
        })
        .await,
        ["0410017W"]
    );
    assert_eq!(
        search(Filter {
            kind: Some(EstablishmentKind::LYCEE),
            name: text("parc"),
            ..any()
        })
        .await,
        ["0690028F"]
    );
    assert_eq!(
        search(Filter {
            status: Some(EstablishmentStatus::CLOSED),
            ..any()
        })
        .await,
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
