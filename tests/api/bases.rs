//! PRONOTE bases: cités scolaires, derived URLs, delegation settings under
//! the console's rules (docs/domain.md §2), roles, moves, rentrée, diagnostics.

use std::fmt::Debug;

use crate::helpers::*;
use crate::typed::{
    BaseAuditSummaries, BaseDetailed, BasesSummaryCounts, CreateBaseDetailed,
    EstablishmentBaseByUai, ModelDashboard, MoveEstablishment, RecommendDetailed, Refused,
    RentreeProgress, SetPublication, StartSchoolYear, UpdateBase, UpdateDelegationSettings,
    VisibleBases, base_audit_summaries, base_detailed, bases_summary_counts, create_base_detailed,
    establishment_base_by_uai, model_dashboard, move_establishment, recommend_detailed,
    rentree_progress, set_publication, start_school_year, update_base, update_delegation_settings,
    visible_bases,
};
use crate::use_cases::{
    CasUrlsInput, DelegationSettingsInput, Espace, EspaceDelegation, FirstConnectionInput,
    FirstConnectionMode, NewEstablishment, cas_settings, espace, first_connection,
};

use set_publication::Publication;

/// The codes of a base's diagnostics (any operation's `BaseDetails`).
macro_rules! codes {
    ($base:expr) => {
        $base
            .diagnostics
            .iter()
            .map(|finding| finding.code.clone())
            .collect::<Vec<String>>()
    };
}

/// The UAIs of a base's establishments.
macro_rules! uais {
    ($base:expr) => {
        $base
            .establishments
            .iter()
            .map(|establishment| establishment.uai.as_str())
            .collect::<Vec<&str>>()
    };
}

/// Three establishments of tenant `alpha`: a lycée and a collège of one cité
/// scolaire, and another collège. Returns their ids.
async fn three_establishments(app: &TestApp, token: &str) -> [String; 3] {
    [
        app.create_establishment(
            token,
            NewEstablishment::lycee("0410017W", "Lycée Augustin Thierry"),
        )
        .await,
        app.create_establishment(
            token,
            NewEstablishment::college("0410018X", "Collège Augustin Thierry"),
        )
        .await,
        app.create_establishment(
            token,
            NewEstablishment::college("0690028F", "Collège du Parc"),
        )
        .await,
    ]
}

async fn create_base(
    app: &TestApp,
    token: &str,
    group: &str,
    others: &[&str],
    public_url: Option<&str>,
) -> Result<create_base_detailed::BaseDetails, Refused> {
    let input = create_base_detailed::CreateBaseInput {
        group_establishment_id: group.to_owned(),
        other_establishment_ids: others.iter().map(|id| (*id).to_owned()).collect(),
        fields: create_base_detailed::BaseFieldsInput {
            hosting: create_base_detailed::Hosting::HOSTED,
            pronote_version: Some(2025),
            school_year: "2025-2026".to_owned(),
            public_url: public_url.map(str::to_owned),
            server_address: None,
            ent_credentials_distributed: false,
        },
    };
    app.run::<CreateBaseDetailed>(Some(token), create_base_detailed::Variables { input })
        .await
        .map(|created| created.create_base)
}

async fn base(app: &TestApp, token: &str, id: &str) -> Result<base_detailed::BaseDetails, Refused> {
    app.run::<BaseDetailed>(Some(token), base_detailed::Variables { id: id.to_owned() })
        .await
        .map(|read| read.base)
}

/// The version the operator reads.
async fn version(app: &TestApp, token: &str, id: &str) -> i64 {
    base(app, token, id).await.unwrap().version
}

async fn recommend(
    app: &TestApp,
    token: &str,
    id: &str,
    version: i64,
) -> Result<recommend_detailed::BaseDetails, Refused> {
    let variables = recommend_detailed::Variables {
        base_id: id.to_owned(),
        version,
        cas_root: Some("https://ent.netocentre.fr/cas/".to_owned()),
    };
    app.run::<RecommendDetailed>(Some(token), variables)
        .await
        .map(|recommended| recommended.apply_recommended_settings)
}

/// The base's new version.
async fn set_publication(
    app: &TestApp,
    token: &str,
    id: &str,
    version: i64,
    publication: Publication,
) -> Result<i64, Refused> {
    let variables = set_publication::Variables {
        base_id: id.to_owned(),
        version,
        publication,
    };
    app.run::<SetPublication>(Some(token), variables)
        .await
        .map(|set| set.set_publication.version)
}

async fn update_settings(
    app: &TestApp,
    token: &str,
    id: &str,
    version: i64,
    settings: DelegationSettingsInput,
) -> Result<update_delegation_settings::BaseDetails, Refused> {
    let variables = update_delegation_settings::Variables {
        base_id: id.to_owned(),
        version,
        settings,
    };
    app.run::<UpdateDelegationSettings>(Some(token), variables)
        .await
        .map(|saved| saved.update_delegation_settings)
}

async fn move_establishment(
    app: &TestApp,
    token: &str,
    establishment: &str,
    base: &str,
) -> Result<move_establishment::MoveEstablishmentMoveEstablishment, Refused> {
    let variables = move_establishment::Variables {
        establishment_id: establishment.to_owned(),
        base_id: base.to_owned(),
    };
    app.run::<MoveEstablishment>(Some(token), variables)
        .await
        .map(|moved| moved.move_establishment)
}

/// The bases `token`'s holder sees (`filter`, `first`): their group UAIs.
async fn group_uais(
    app: &TestApp,
    token: &str,
    filter: Option<visible_bases::BaseFilterInput>,
    first: Option<i64>,
) -> Result<Vec<String>, Refused> {
    app.run::<VisibleBases>(Some(token), visible_bases::Variables { filter, first })
        .await
        .map(|bases| {
            bases
                .bases
                .nodes
                .into_iter()
                .map(|node| node.group_uai)
                .collect()
        })
}

async fn establishment_base(
    app: &TestApp,
    token: &str,
    uai: &str,
) -> Option<establishment_base_by_uai::EstablishmentBaseByUaiEstablishmentByUaiBase> {
    app.run_ok::<EstablishmentBaseByUai>(
        Some(token),
        establishment_base_by_uai::Variables {
            uai: uai.to_owned(),
        },
    )
    .await
    .establishment_by_uai
    .base
}

async fn summary(
    app: &TestApp,
    token: &str,
) -> Result<bases_summary_counts::BasesSummaryCountsBasesSummary, Refused> {
    app.run::<BasesSummaryCounts>(Some(token), bases_summary_counts::Variables)
        .await
        .map(|summary| summary.bases_summary)
}

async fn rentree(
    app: &TestApp,
    token: &str,
    school_year: Option<&str>,
) -> Result<rentree_progress::RentreeProgressRentree, Refused> {
    let variables = rentree_progress::Variables {
        school_year: school_year.map(str::to_owned),
    };
    app.run::<RentreeProgress>(Some(token), variables)
        .await
        .map(|progress| progress.rentree)
}

/// The error of an answer the test expects refused; fails on a success.
fn refusal<T: Debug>(answer: Result<T, Refused>) -> Refused {
    answer.expect_err("accepted where a refusal was expected")
}

/// "OK", or the code of the error answered.
fn outcome<T>(answer: &Result<T, Refused>) -> String {
    match answer {
        Ok(_) => "OK".to_owned(),
        Err(refused) => refused.code().to_owned(),
    }
}

fn cas_root(root: &str) -> CasUrlsInput {
    CasUrlsInput {
        root: Some(root.to_owned()),
        login_url: None,
        validation_url: None,
    }
}

/// Every espace on CAS, PRONOTE identifier mode.
fn pronote_identifier_settings(cas_urls: CasUrlsInput) -> DelegationSettingsInput {
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
    .map(|e| espace(e, EspaceDelegation::CAS))
    .collect();
    DelegationSettingsInput {
        espaces,
        cas_urls: Some(cas_urls),
        common_identifier_attribute: Some("uid".to_owned()),
        first_connection: FirstConnectionInput {
            pronote_identifier_attribute: Some("idPronote".to_owned()),
            ..first_connection(FirstConnectionMode::PRONOTE_IDENTIFIER)
        },
        ..cas_settings("https://cas.ent.fr/cas")
    }
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
    .await
    .unwrap();
    assert_eq!(created.group_uai, "0410017W", "{created:?}");
    assert_eq!(created.version, 1);
    assert_eq!(
        created.publication,
        create_base_detailed::Publication::STOPPED
    );
    assert_eq!(uais!(created), ["0410017W", "0410018X"]);
    assert_eq!(
        created.service_url.as_deref(),
        Some("https://0410017w.index-education.net/pronote/**")
    );
    assert_eq!(
        created.direct_access_url.as_deref(),
        Some("https://0410017w.index-education.net/pronote/?login=true")
    );
    assert!(
        codes!(created).contains(&"NO_DELEGATION".to_owned()),
        "{created:?}"
    );
    let id = created.id.as_str();

    // Both establishments of the cité scolaire point to the base.
    assert_eq!(
        establishment_base(&app, &alpha.operator, "0410018X")
            .await
            .map(|base| base.group_uai)
            .as_deref(),
        Some("0410017W")
    );

    let recommended = recommend(&app, &alpha.operator, id, 1).await.unwrap();
    assert_eq!(recommended.version, 2, "{recommended:?}");
    assert_eq!(
        recommended.cas_authentication_link.as_deref(),
        Some(
            "https://ent.netocentre.fr/cas/login?service=https%3A%2F%2F0410017w.index-education.net%2Fpronote%2F"
        )
    );
    assert_eq!(
        recommended.cas_validation_link.as_deref(),
        Some(
            "https://ent.netocentre.fr/cas/samlValidate?TARGET=https%3A%2F%2F0410017w.index-education.net%2Fpronote%2F"
        )
    );
    assert_eq!(
        recommended
            .settings
            .cas_urls
            .as_ref()
            .map(|urls| &urls.shape),
        Some(&recommend_detailed::CasUrlShape::STANDARD)
    );
    let first_values = recommended
        .settings
        .first_connection
        .identity
        .as_ref()
        .and_then(|identity| identity.profile_values.first())
        .map(|values| (values.profile.clone(), values.values.clone()));
    assert_eq!(
        first_values,
        Some((
            recommend_detailed::Profile::ELEVE,
            vec!["National_1".to_owned()]
        )),
        "{recommended:?}"
    );
    assert!(
        recommended
            .diagnostics
            .iter()
            .all(|f| f.severity != recommend_detailed::Severity::ERROR),
        "{recommended:?}"
    );

    // An establishment serves one base only.
    let twice = refusal(create_base(&app, &alpha.operator, &other, &[&college], None).await);
    assert_eq!(twice.code(), "CONFLICT", "{twice:?}");
    assert_eq!(twice.field(), Some("establishmentIds"), "{twice:?}");
    assert!(twice.message().contains("0410018X"), "{twice:?}");
    // Nothing was half-written: the third establishment has no base.
    assert_eq!(
        establishment_base(&app, &alpha.operator, "0690028F").await,
        None
    );
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
    .await
    .unwrap();
    let id = created.id.as_str();
    let settings = pronote_identifier_settings(cas_root("https://cas.ent.fr/cas"));

    let published = set_publication(&app, &alpha.operator, id, 1, Publication::PUBLISHED).await;
    assert_eq!(published.as_ref().ok(), Some(&2), "{published:?}");
    let refused = refusal(update_settings(&app, &alpha.operator, id, 2, settings.clone()).await);
    assert_eq!(refused.code(), "CONFLICT", "{refused:?}");
    assert_eq!(
        refused.message(),
        "Vous devez arrêter la publication de la base pour pouvoir modifier ces paramètres."
    );

    let stopped = set_publication(&app, &alpha.operator, id, 2, Publication::STOPPED).await;
    assert_eq!(stopped.as_ref().ok(), Some(&3), "{stopped:?}");
    let stale = refusal(update_settings(&app, &alpha.operator, id, 2, settings.clone()).await);
    assert_eq!(stale.code(), "CONFLICT", "{stale:?}");
    assert_eq!(stale.field(), Some("version"), "{stale:?}");
    let unchanged = base(&app, &alpha.operator, id).await.unwrap();
    assert_eq!(unchanged.version, 3);
    assert!(!unchanged.settings.delegations.cas, "{unchanged:?}");

    let saved = update_settings(&app, &alpha.operator, id, 3, settings.clone())
        .await
        .unwrap();
    assert_eq!(saved.version, 4, "{saved:?}");
    assert_eq!(
        saved.settings.common_identifier_attribute.as_deref(),
        Some("uid")
    );
    let first = &saved.settings.first_connection;
    assert_eq!(
        (
            &first.mode,
            first.pronote_identifier_attribute.as_deref(),
            first.identity.is_none()
        ),
        (
            &update_delegation_settings::FirstConnectionMode::PRONOTE_IDENTIFIER,
            Some("idPronote"),
            true
        ),
        "{saved:?}"
    );
    assert_eq!(
        saved
            .settings
            .cas_urls
            .as_ref()
            .map(|urls| urls.validation_url.as_str()),
        Some("https://cas.ent.fr/cas/samlValidate")
    );

    // Bad input: a clear French error on the field, nothing written.
    let mut not_active = settings.clone();
    not_active.delegations.cas = false;
    let mut both_shapes = settings.clone();
    both_shapes.cas_urls = Some(CasUrlsInput {
        login_url: Some("https://cas.ent.fr/login".to_owned()),
        ..cas_root("https://cas.ent.fr/cas")
    });
    let mut script = settings.clone();
    script.cas_urls = Some(cas_root("javascript:alert(1)"));
    let mut credentials = settings.clone();
    credentials.cas_urls = Some(cas_root("https://user:secret@cas.ent.fr/cas"));
    let mut no_attribute = settings.clone();
    no_attribute.first_connection = first_connection(FirstConnectionMode::PRONOTE_IDENTIFIER);
    let mut twice = settings.clone();
    twice.espaces[1].espace = Espace::PAGE_COMMUNE;
    for (bad, field) in [
        (not_active, "espaces"),
        (both_shapes, "casUrls"),
        (script, "casUrls.root"),
        (credentials, "casUrls.root"),
        (no_attribute, "pronoteIdentifierAttribute"),
        (twice, "espaces"),
    ] {
        let answer = refusal(update_settings(&app, &alpha.operator, id, 4, bad).await);
        assert_eq!(answer.code(), "VALIDATION", "{answer:?}");
        assert_eq!(answer.field(), Some(field), "{answer:?}");
    }
    assert_eq!(version(&app, &alpha.operator, id).await, 4);

    // http is accepted, with a warning; custom URLs keep their own paths.
    let mut http = settings.clone();
    http.cas_urls = Some(CasUrlsInput {
        root: None,
        login_url: Some("http://cas.ent.fr/cas/connexion".to_owned()),
        validation_url: Some("http://cas.ent.fr/cas/valider".to_owned()),
    });
    let saved = update_settings(&app, &alpha.operator, id, 4, http)
        .await
        .unwrap();
    let urls = saved.settings.cas_urls.as_ref();
    assert_eq!(
        urls.map(|urls| &urls.shape),
        Some(&update_delegation_settings::CasUrlShape::CUSTOM),
        "{saved:?}"
    );
    assert_eq!(
        urls.map(|urls| urls.login_url.as_str()),
        Some("http://cas.ent.fr/cas/connexion")
    );
    assert!(
        codes!(saved).contains(&"CAS_URL_HTTP".to_owned()),
        "{saved:?}"
    );
}

async fn each_role_reaches_the_bases_it_should(backend: Backend) {
    let app = spawn_app(backend).await;
    let [alpha, beta] = app.two_tenants().await;
    app.default_ent_model(&alpha.operator).await;
    let [lycee, _, other] = three_establishments(&app, &alpha.operator).await;
    let mine = create_base(&app, &alpha.operator, &lycee, &[], None)
        .await
        .unwrap()
        .id;
    let theirs = create_base(&app, &alpha.operator, &other, &[], None)
        .await
        .unwrap()
        .id;
    app.grant_establishment(&alpha.operator, &alpha.school_id, &lycee)
        .await;
    let seen = |token: String| {
        let app = &app;
        async move { group_uais(app, &token, None, Some(100)).await.unwrap() }
    };

    // Operators and helpdesk see the tenant; the school its own base.
    assert_eq!(seen(alpha.operator.clone()).await.len(), 2);
    assert_eq!(seen(alpha.helpdesk.clone()).await.len(), 2);
    assert_eq!(seen(alpha.school.clone()).await, vec!["0410017W"]);
    assert!(seen(beta.operator.clone()).await.is_empty());

    // The school administrator edits its own base, and only that one.
    assert_eq!(
        recommend(&app, &alpha.school, &mine, 1)
            .await
            .unwrap()
            .version,
        2
    );
    assert_eq!(
        refusal(recommend(&app, &alpha.school, &theirs, 1).await).code(),
        "NOT_FOUND"
    );
    assert_eq!(
        refusal(base(&app, &alpha.school, &theirs).await).code(),
        "NOT_FOUND"
    );
    let school_creates = refusal(create_base(&app, &alpha.school, &lycee, &[], None).await);
    assert_eq!(school_creates.code(), "FORBIDDEN", "{school_creates:?}");
    let school_moves = refusal(move_establishment(&app, &alpha.school, &lycee, &theirs).await);
    assert_eq!(school_moves.code(), "FORBIDDEN", "{school_moves:?}");

    // Helpdesk reads but does not write.
    assert_eq!(
        base(&app, &alpha.helpdesk, &mine).await.unwrap().group_uai,
        "0410017W"
    );
    assert_eq!(
        refusal(set_publication(&app, &alpha.helpdesk, &mine, 2, Publication::PUBLISHED).await)
            .code(),
        "FORBIDDEN"
    );
    assert_eq!(
        refusal(recommend(&app, &alpha.helpdesk, &mine, 2).await).code(),
        "FORBIDDEN"
    );

    // Another operator cannot tell the base exists.
    assert_eq!(
        refusal(base(&app, &beta.operator, &mine).await).code(),
        "NOT_FOUND"
    );
    assert_eq!(
        refusal(recommend(&app, &beta.operator, &mine, 2).await).code(),
        "NOT_FOUND"
    );
    assert_eq!(
        refusal(set_publication(&app, &beta.school, &mine, 2, Publication::PUBLISHED).await).code(),
        "NOT_FOUND"
    );
    assert_eq!(
        refusal(create_base(&app, &beta.operator, &other, &[], None).await).code(),
        "NOT_FOUND"
    );
    // Nothing moved.
    assert_eq!(version(&app, &alpha.operator, &mine).await, 2);
}

async fn moving_an_establishment_is_audited_and_keeps_the_group(backend: Backend) {
    let app = spawn_app(backend).await;
    let [alpha, _] = app.two_tenants().await;
    let [lycee, college, other] = three_establishments(&app, &alpha.operator).await;
    let cite = create_base(&app, &alpha.operator, &lycee, &[&college], None)
        .await
        .unwrap()
        .id;
    let single = create_base(&app, &alpha.operator, &other, &[], None)
        .await
        .unwrap()
        .id;
    let operator = alpha.operator.as_str();

    let moved = move_establishment(&app, operator, &college, &single)
        .await
        .unwrap();
    assert_eq!(uais!(moved), ["0410018X", "0690028F"], "{moved:?}");
    assert_eq!(
        uais!(base(&app, &alpha.operator, &cite).await.unwrap()),
        ["0410017W"]
    );
    let audit = app
        .run_ok::<BaseAuditSummaries>(Some(&alpha.operator), base_audit_summaries::Variables)
        .await;
    let moved_entry = audit
        .audit_events
        .nodes
        .iter()
        .find(|e| e.action == "ESTABLISHMENT_MOVED")
        .unwrap_or_else(|| panic!("no ESTABLISHMENT_MOVED in {audit:?}"));
    assert!(
        moved_entry
            .summary
            .contains("de la base 0410017W vers la base 0690028F"),
        "{moved_entry:?}"
    );

    let group_leaves = refusal(move_establishment(&app, operator, &lycee, &single).await);
    assert_eq!(group_leaves.code(), "CONFLICT", "{group_leaves:?}");
    assert_eq!(
        group_leaves.field(),
        Some("establishmentId"),
        "{group_leaves:?}"
    );
    let already = refusal(move_establishment(&app, operator, &college, &single).await);
    assert_eq!(already.code(), "CONFLICT", "{already:?}");
}

async fn the_rentree_moves_bases_to_the_next_school_year(backend: Backend) {
    let app = spawn_app(backend).await;
    let [alpha, _] = app.two_tenants().await;
    let [lycee, _, other] = three_establishments(&app, &alpha.operator).await;
    let first = create_base(&app, &alpha.operator, &lycee, &[], None)
        .await
        .unwrap()
        .id;
    create_base(&app, &alpha.operator, &other, &[], None)
        .await
        .unwrap();
    let progress =
        |done: i64, to_do: i64, pending: &[&str]| rentree_progress::RentreeProgressRentree {
            school_year: "2026-2027".to_owned(),
            done,
            to_do,
            pending_group_uais: pending.iter().map(|uai| (*uai).to_owned()).collect(),
        };

    assert_eq!(
        rentree(&app, &alpha.operator, Some("2026-2027"))
            .await
            .unwrap(),
        progress(0, 2, &["0410017W", "0690028F"])
    );
    set_publication(&app, &alpha.operator, &first, 1, Publication::PUBLISHED)
        .await
        .unwrap();
    let start = |year: &'static str, version: i64| {
        let variables = start_school_year::Variables {
            base_id: first.clone(),
            version,
            school_year: year.to_owned(),
            pronote_version: Some(2026),
        };
        app.run::<StartSchoolYear>(Some(&alpha.operator), variables)
    };
    let started = start("2026-2027", 2).await.unwrap().start_school_year;
    assert_eq!(
        started,
        start_school_year::StartSchoolYearStartSchoolYear {
            school_year: "2026-2027".to_owned(),
            pronote_version: Some(2026),
            publication: start_school_year::Publication::STOPPED,
            version: 3,
        },
        "{started:?}"
    );
    assert_eq!(
        rentree(&app, &alpha.operator, Some("2026-2027"))
            .await
            .unwrap(),
        progress(1, 1, &["0690028F"])
    );
    let backwards = refusal(start("2025-2026", 3).await);
    assert_eq!(backwards.code(), "VALIDATION", "{backwards:?}");
    assert_eq!(backwards.field(), Some("schoolYear"), "{backwards:?}");
    let malformed = refusal(start("2026-2028", 3).await);
    assert_eq!(malformed.code(), "VALIDATION", "{malformed:?}");
    let before = visible_bases::BaseFilterInput {
        publication: None,
        school_year_before: Some("2026-2027".to_owned()),
        school_year_from: None,
        model_id: None,
        pending_model_update: None,
    };
    assert_eq!(
        group_uais(&app, &alpha.operator, Some(before), None)
            .await
            .unwrap(),
        vec!["0690028F"]
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
    .await
    .unwrap()
    .id;
    recommend(&app, &alpha.operator, &good, 1).await.unwrap();
    create_base(&app, &alpha.operator, &other, &[], None)
        .await
        .unwrap();

    let summary_seen = summary(&app, &alpha.helpdesk).await.unwrap();
    assert_eq!(summary_seen.bases, 2, "{summary_seen:?}");
    assert_eq!(summary_seen.with_errors, 1, "{summary_seen:?}");
    let count = |code: &str| {
        summary_seen
            .findings
            .iter()
            .find(|f| f.code == code)
            .map(|f| f.bases)
    };
    assert_eq!(count("NO_DELEGATION"), Some(1));
    assert_eq!(count("PUBLIC_URL_MISSING"), Some(1));
    assert_eq!(count("NOT_PUBLISHED"), Some(2));
    assert_eq!(summary(&app, &beta.operator).await.unwrap().bases, 0);
}

/// Checks one operation's outcome for one caller.
fn check<T: Debug>(who: &str, what: &str, answer: Result<T, Refused>, expected: &str) {
    assert_eq!(outcome(&answer), expected, "{who} / {what}: {answer:?}");
}

/// Every query and mutation of the bases, for every role of the owning
/// tenant and for the other tenant: allowed, `FORBIDDEN` or `NOT_FOUND`.
async fn every_role_against_every_base_operation(backend: Backend) {
    let app = spawn_app(backend).await;
    let [alpha, beta] = app.two_tenants().await;
    let admin = app.admin_token().await;
    let [lycee, college, other] = three_establishments(&app, &alpha.operator).await;
    let base_id = create_base(&app, &alpha.operator, &lycee, &[], None)
        .await
        .unwrap()
        .id;
    app.grant_establishment(&alpha.operator, &alpha.school_id, &lycee)
        .await;
    let settings = pronote_identifier_settings(cas_root("https://cas.ent.fr/cas"));

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
        let version_now = version(&app, &alpha.operator, &base_id).await;
        check(who, "base", base(&app, token, &base_id).await, read);
        let fields = update_base::BaseFieldsInput {
            hosting: update_base::Hosting::SELF_HOSTED,
            pronote_version: None,
            school_year: "2025-2026".to_owned(),
            public_url: None,
            server_address: Some("pronote.lycee.fr:49300".to_owned()),
            ent_credentials_distributed: false,
        };
        check(
            who,
            "updateBase",
            app.run::<UpdateBase>(
                Some(token),
                update_base::Variables {
                    id: base_id.clone(),
                    version: version_now,
                    fields,
                },
            )
            .await,
            edit,
        );
        let version_now = version(&app, &alpha.operator, &base_id).await;
        check(
            who,
            "updateDelegationSettings",
            update_settings(&app, token, &base_id, version_now, settings.clone()).await,
            edit,
        );
        let version_now = version(&app, &alpha.operator, &base_id).await;
        check(
            who,
            "setPublication",
            set_publication(&app, token, &base_id, version_now, Publication::STOPPED).await,
            edit,
        );
        let version_now = version(&app, &alpha.operator, &base_id).await;
        let year = format!("{}-{}", 2030 + version_now, 2031 + version_now);
        check(
            who,
            "startSchoolYear",
            app.run::<StartSchoolYear>(
                Some(token),
                start_school_year::Variables {
                    base_id: base_id.clone(),
                    version: version_now,
                    school_year: year,
                    pronote_version: None,
                },
            )
            .await,
            edit,
        );
        let moved = if who == "platform" { &college } else { &other };
        check(
            who,
            "moveEstablishment",
            move_establishment(&app, token, moved, &base_id).await,
            operator_only,
        );
        // Lists never fail: they show what the caller may see.
        check(
            who,
            "bases",
            group_uais(&app, token, None, None).await,
            "OK",
        );
        check(who, "basesSummary", summary(&app, token).await, "OK");
        check(who, "rentree", rentree(&app, token, None).await, "OK");
        check(
            who,
            "dashboard",
            app.run::<ModelDashboard>(Some(token), model_dashboard::Variables { first: Some(10) })
                .await,
            "OK",
        );
        let seen = summary(&app, token).await.unwrap().bases;
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
