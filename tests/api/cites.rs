//! Issue 14: a cité scolaire is one PRONOTE base, and an identifiers export
//! (file B) is checked against the base it is uploaded to
//! (docs/domain.md « Cités scolaires », « Fichier B »). The fixture's cité:
//! lycée 0410017W (group) + collège 0410018X.

use chrono::NaiveDate;
use relais_domain::directory::{PronoteCategory, PronoteId, PronoteUser};
use relais_formats::index_education::identifiers_list::write_identifiers_list;
use relais_formats::index_education::{RsaPublicKey, parse_private_key_pem};
use relais_migration::{Migrator, MigratorTrait};
use sea_orm::sea_query::{Alias, Query};
use sea_orm::{ConnectionTrait, EntityTrait};
use serde_json::{Value, json};

use crate::exports::{
    Fixture, PARTNER_PRIVATE, create_establishment, fixture, sealed_with_uai, stored_files,
};
use crate::helpers::*;
use crate::typed::matching_supervision::Population as Pop;
use crate::typed::{
    CiteMemberByUai, MatchingSupervision, StartMatching, cite_member_by_uai, matching_supervision,
    start_matching,
};
use crate::use_cases::NewBase;

fn user(id: &str, last: &str, first: &str, category: PronoteCategory) -> PronoteUser {
    PronoteUser {
        pronote_id: PronoteId::parse("id", id).unwrap(),
        last_name: last.into(),
        first_name: first.into(),
        birth_date: (category == PronoteCategory::Eleve)
            .then(|| NaiveDate::from_ymd_opt(2009, 3, 12).unwrap()),
        category,
        cas_id: None,
    }
}

/// The cité's PRONOTE base as « Tous les établissements » exports it: the
/// lycée's pupil Léa, the collège's pupil Hugo, a teacher of both, whose
/// CAS identifier PRONOTE already holds (a link from the start).
fn cite_export() -> Vec<PronoteUser> {
    let mut anne = user(
        "A1B2C3D4E5F6G7H8",
        "LEROY",
        "Anne",
        PronoteCategory::Professeur,
    );
    anne.cas_id = Some("T001".into());
    let mut hugo = user("HUGO000000000002", "DURAND", "Hugo", PronoteCategory::Eleve);
    hugo.birth_date = NaiveDate::from_ymd_opt(2010, 1, 30);
    vec![
        user("8P4BHZJQ79SUNFX3", "MARTIN", "Léa", PronoteCategory::Eleve),
        hugo,
        anne,
    ]
}

fn partner() -> RsaPublicKey {
    RsaPublicKey::from(&parse_private_key_pem(PARTNER_PRIVATE).unwrap())
}

// Raw: a multipart upload, which the typed operations do not send.
async fn upload(
    app: &TestApp,
    token: &str,
    establishment: &str,
    users: &[PronoteUser],
    uai: Option<&str>,
    mode: &str,
) -> Value {
    app.graphql_upload(
        token,
        "mutation($e: ID!, $file: Upload!, $m: DirectoryImportModeName!) { uploadIdentifiersExport(establishmentId: $e, file: $file, mode: $m) { baseId exportUai users created updated removed linksRemoved existingLinks file { fileName establishmentId } } }",
        json!({ "e": establishment, "m": mode }),
        "export.xml",
        sealed_with_uai(&write_identifiers_list(users), partner(), uai),
    )
    .await
}

type Line = matching_supervision::MatchingSupervisionMatchingSupervisionPopulations;

async fn supervision(app: &TestApp, token: &str, base: &str) -> Vec<Line> {
    app.run_ok::<MatchingSupervision>(
        Some(token),
        matching_supervision::Variables {
            base_id: base.to_owned(),
        },
    )
    .await
    .matching_supervision
    .populations
}

fn line(populations: &[Line], population: Pop) -> &Line {
    populations
        .iter()
        .find(|p| p.population == population)
        .unwrap_or_else(|| panic!("no {population:?} in {populations:?}"))
}

async fn establishment_id(app: &TestApp, token: &str, uai: &str) -> String {
    let answer = app
        .run_ok::<CiteMemberByUai>(
            Some(token),
            cite_member_by_uai::Variables {
                uai: uai.to_owned(),
            },
        )
        .await;
    answer
        .establishments
        .nodes
        .first()
        .unwrap_or_else(|| panic!("{answer:?}"))
        .id
        .clone()
}

async fn a_cites_export_lands_on_its_one_base_whichever_member_it_is_uploaded_for(
    backend: Backend,
) {
    let Fixture {
        app, alpha, lycee, ..
    } = fixture(backend, |_| {}).await;
    let token = &alpha.operator;
    let college = establishment_id(&app, token, "0410018X").await;
    let base = app.first_base_id(token).await;

    let first = upload(
        &app,
        token,
        &lycee,
        &cite_export(),
        Some("0410017W"),
        "COMPLETE",
    )
    .await;
    let result = &first["data"]["uploadIdentifiersExport"];
    assert_eq!(result["baseId"], base.as_str(), "{first}");
    assert_eq!(result["exportUai"], "0410017W");
    assert_eq!(result["created"], 3);
    assert_eq!(result["existingLinks"], 1);
    // The same export again, for the collège: the base already has them.
    let again = upload(
        &app,
        token,
        &college,
        &cite_export(),
        Some("0410017W"),
        "COMPLETE",
    )
    .await;
    let result = &again["data"]["uploadIdentifiersExport"];
    assert_eq!(result["baseId"], base.as_str(), "{again}");
    assert_eq!(result["created"], 0, "{again}");
    assert_eq!(result["removed"], 0);
    let table = supervision(&app, token, &base).await;
    assert_eq!(line(&table, Pop::ELEVE).pronote_users, 2, "{table:?}");
    assert_eq!(line(&table, Pop::PROFESSEUR).pronote_users, 1, "{table:?}");
    assert_eq!(line(&table, Pop::PROFESSEUR).linked, 1, "{table:?}");

    // Each PRONOTE user is one candidate: the pupils are linked
    // automatically, nobody is a homonym of themself.
    let started = app
        .run_ok::<StartMatching>(
            Some(token),
            start_matching::Variables {
                base_id: base.clone(),
                existing_links: start_matching::ExistingLinksPolicy::KEEP,
            },
        )
        .await
        .start_matching;
    for (ent, pronote) in [("E001", "8P4BHZJQ79SUNFX3"), ("E002", "HUGO000000000002")] {
        let proposal = started
            .proposals
            .iter()
            .find(|p| p.ent_id == ent)
            .unwrap_or_else(|| panic!("no proposal for {ent}: {started:?}"));
        assert_eq!(
            proposal.decision,
            start_matching::MatchingDecision::AUTO,
            "{proposal:?}"
        );
        assert_eq!(proposal.pronote_id.as_deref(), Some(pronote));
    }
}

async fn an_export_of_one_member_of_a_cite_replaces_only_that_members_users(backend: Backend) {
    let Fixture {
        app, alpha, lycee, ..
    } = fixture(backend, |_| {}).await;
    let token = &alpha.operator;
    let base = app.first_base_id(token).await;
    upload(
        &app,
        token,
        &lycee,
        &cite_export(),
        Some("0410017W"),
        "COMPLETE",
    )
    .await;
    // The collège alone (PRONOTE's export of one establishment): a new
    // pupil of the collège.
    let newcomer = user(
        "NINA000000000009",
        "NOUVEAU",
        "Nina",
        PronoteCategory::Eleve,
    );
    let mut college = vec![newcomer.clone()];
    let member = upload(&app, token, &lycee, &college, Some("0410018X"), "COMPLETE").await;
    let result = &member["data"]["uploadIdentifiersExport"];
    assert_eq!(result["exportUai"], "0410018X", "{member}");
    assert_eq!(result["created"], 1);
    // The users of the whole-base export stay: they are not this
    // export's to remove.
    assert_eq!(result["removed"], 0, "{member}");
    assert_eq!(
        line(&supervision(&app, token, &base).await, Pop::ELEVE).pronote_users,
        3
    );
    // Nina leaves the collège: the collège's next complete export removes
    // her, and only her.
    college.clear();
    college.push(user(
        "OTHER00000000010",
        "AUTRE",
        "Paul",
        PronoteCategory::Eleve,
    ));
    let next = upload(&app, token, &lycee, &college, Some("0410018X"), "COMPLETE").await;
    let result = &next["data"]["uploadIdentifiersExport"];
    assert_eq!(result["removed"], 1, "{next}");
    assert_eq!(
        line(&supervision(&app, token, &base).await, Pop::ELEVE).pronote_users,
        3
    );
}

async fn another_schools_export_is_refused_and_nothing_is_stored_or_removed(backend: Backend) {
    let Fixture {
        app, alpha, lycee, ..
    } = fixture(backend, |_| {}).await;
    let token = &alpha.operator;
    let base = app.first_base_id(token).await;
    let done = upload(
        &app,
        token,
        &lycee,
        &cite_export(),
        Some("0410017W"),
        "COMPLETE",
    )
    .await;
    assert!(done["errors"].is_null(), "{done}");
    let before = supervision(&app, token, &base).await;
    let files = stored_files(&app, token).await.len();

    // An export sealed for another collège, in mode complet: refused, the
    // base keeps its users and its validated link.
    let other_school = vec![user(
        "ZZZZ000000000001",
        "AUTRE",
        "Élève",
        PronoteCategory::Eleve,
    )];
    for (uai, mode) in [("0690028F", "COMPLETE"), ("0690028f", "PARTIAL")] {
        let refused = upload(&app, token, &lycee, &other_school, Some(uai), mode).await;
        assert_eq!(error_code(&refused), "INVALID_FILE", "{refused}");
        let error = &refused["errors"][0];
        assert_eq!(error["extensions"]["reason"], "EXPORT_WRONG_ESTABLISHMENT");
        let message = error_message(&refused);
        assert!(
            message.contains("l'établissement 0690028F")
                && message.contains("0410017W (Lycée Augustin Thierry)")
                && message.contains("cité scolaire 0410017W (0410017W, 0410018X)")
                && message.contains("rien n'a été importé ni supprimé"),
            "{message}"
        );
    }
    assert_eq!(supervision(&app, token, &base).await, before);
    assert_eq!(stored_files(&app, token).await.len(), files);

    // The other way round: the cité's export on another school's base.
    let other = create_establishment(&app, token, "0690028F", "Collège de Lyon").await;
    app.create_base(token, NewBase::hosted(&other)).await;
    let refused = upload(
        &app,
        token,
        &other,
        &cite_export(),
        Some("0410018X"),
        "COMPLETE",
    )
    .await;
    assert_eq!(
        refused["errors"][0]["extensions"]["reason"], "EXPORT_WRONG_ESTABLISHMENT",
        "{refused}"
    );
    assert!(error_message(&refused).contains("pas de 0690028F (Collège de Lyon) :"));
    assert_eq!(stored_files(&app, token).await.len(), files);
}

async fn an_establishment_without_base_cannot_receive_an_export(backend: Backend) {
    let Fixture { app, alpha, .. } = fixture(backend, |_| {}).await;
    let token = &alpha.operator;
    let alone = create_establishment(&app, token, "0590083V", "Lycée sans base").await;
    let refused = upload(&app, token, &alone, &cite_export(), None, "COMPLETE").await;
    assert_eq!(error_code(&refused), "VALIDATION", "{refused}");
    assert!(
        error_message(&refused).contains("n'est servi par aucune base PRONOTE"),
        "{refused}"
    );
    assert!(stored_files(&app, token).await.is_empty());
}

/// The migration of issue 14 moves the establishments' lists to their
/// bases: a user uploaded once per member of a cité is kept once (its most
/// recent row), a list of an establishment without base is dropped.
async fn existing_pronote_users_move_to_their_base(backend: Backend) {
    let Fixture {
        app, alpha, lycee, ..
    } = fixture(backend, |_| {}).await;
    let token = &alpha.operator;
    let college = establishment_id(&app, token, "0410018X").await;
    let alone = create_establishment(&app, token, "0590083V", "Lycée sans base").await;
    let base = app.first_base_id(token).await;
    let conn = app.store.connection();
    let names: Vec<String> = Migrator::migrations()
        .iter()
        .map(|m| m.name().to_owned())
        .collect();
    let position = names
        .iter()
        .position(|n| n == "m20261203_000020_base_pronote_users")
        .unwrap();
    Migrator::down(conn, Some((names.len() - position) as u32))
        .await
        .unwrap();

    // The lists as the old schema kept them: Léa uploaded for both members
    // (renamed in between), Hugo for the collège, one user for a lycée
    // without base.
    let tenant: uuid::Uuid = alpha.id.parse().unwrap();
    let id = |raw: &str| -> uuid::Uuid { raw.parse().unwrap() };
    let rows = [
        (&lycee, "8P4BHZJQ79SUNFX3", "MARTIN", 1),
        (&college, "8P4BHZJQ79SUNFX3", "MARTIN-DUPONT", 2),
        (&college, "HUGO000000000002", "DURAND", 1),
        (&alone, "SEUL000000000001", "SEUL", 1),
    ];
    for (establishment, pronote_id, last_name, day) in rows {
        let insert = Query::insert()
            .into_table(Alias::new("pronote_users"))
            .columns(
                [
                    "id",
                    "tenant_id",
                    "establishment_id",
                    "pronote_id",
                    "last_name",
                    "first_name",
                    "birth_date",
                    "category",
                    "cas_id",
                    "updated_at",
                ]
                .map(Alias::new),
            )
            .values_panic([
                uuid::Uuid::now_v7().into(),
                tenant.into(),
                id(establishment).into(),
                pronote_id.into(),
                last_name.into(),
                "Prénom".into(),
                NaiveDate::from_ymd_opt(2009, 3, 12).into(),
                "ELEVE".into(),
                Option::<String>::None.into(),
                chrono::Utc::now()
                    .with_time(chrono::NaiveTime::MIN)
                    .unwrap()
                    .checked_add_days(chrono::Days::new(day))
                    .into(),
            ])
            .to_owned();
        conn.execute(&insert).await.unwrap();
    }

    Migrator::up(conn, None).await.unwrap();

    use relais_store::entities::pronote_user;
    let mut moved = pronote_user::Entity::find().all(conn).await.unwrap();
    moved.sort_by(|a, b| a.pronote_id.cmp(&b.pronote_id));
    let summary: Vec<(String, &str, &str, &str)> = moved
        .iter()
        .map(|u| {
            (
                u.base_id.to_string(),
                u.pronote_id.as_str(),
                u.last_name.as_str(),
                u.export_uai.as_str(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                base.clone(),
                "8P4BHZJQ79SUNFX3",
                "MARTIN-DUPONT",
                "0410018X"
            ),
            (base.clone(), "HUGO000000000002", "DURAND", "0410018X"),
        ]
    );
    assert_eq!(
        line(&supervision(&app, token, &base).await, Pop::ELEVE).pronote_users,
        2
    );
}

on_both_databases!(
    a_cites_export_lands_on_its_one_base_whichever_member_it_is_uploaded_for,
    an_export_of_one_member_of_a_cite_replaces_only_that_members_users,
    another_schools_export_is_refused_and_nothing_is_stored_or_removed,
    an_establishment_without_base_cannot_receive_an_export,
    existing_pronote_users_move_to_their_base,
);
