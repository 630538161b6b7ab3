//! Rendering of the configuration sheet.
use chrono::TimeZone;
use relais_domain::delegation::{
    AttributeName, CasUrls, CommonIdentifier, DiagnosticContext, DirectAccess, Espace,
    EspaceDelegation, FirstConnectionMode, Severity, diagnose,
};

use super::*;

fn url(raw: &str) -> WebUrl {
    WebUrl::parse("url", raw).unwrap()
}

/// What the template prints for `text`: askama's own HTML escaping.
fn escaped(text: &str) -> String {
    match askama::filters::escape(text, askama::filters::Html) {
        Ok(safe) => safe.to_string(),
        Err(never) => match never {},
    }
}

fn establishment(uai: &str, name: &str, kind: &str) -> FicheEstablishment {
    FicheEstablishment {
        uai: uai.to_owned(),
        name: name.to_owned(),
        kind_label: kind.to_owned(),
        commune: Some("Blois".to_owned()),
    }
}

fn base(settings: DelegationSettings, public_url: Option<&str>) -> FicheBase {
    let public_url = public_url.map(url);
    let findings = diagnose(
        &settings,
        &DiagnosticContext {
            public_url: public_url.clone(),
            published: false,
            establishments_closed: Vec::new(),
            ent_credentials_distributed: true,
        },
    );
    FicheBase {
        group_uai: "0410017W".to_owned(),
        hosting: Hosting::Hosted,
        pronote_version: Some(2025),
        school_year: "2025-2026".to_owned(),
        public_url,
        server_address: None,
        publication: Publication::Stopped,
        settings,
        findings,
        model: None,
        exchanges: FicheExchanges::default(),
    }
}

fn data(base: Option<FicheBase>) -> FicheData {
    FicheData {
        tenant_name: "NetO'Centre (GIP RECIA)".to_owned(),
        helpdesk_email: "assistance@netocentre.fr".to_owned(),
        establishment_uai: "0410017W".to_owned(),
        establishments: vec![establishment("0410017W", "Lycée Augustin Thierry", "Lycée")],
        base,
        current_school_year: "2025-2026".to_owned(),
        generated_at: Utc.with_ymd_and_hms(2025, 11, 23, 14, 5, 0).unwrap(),
    }
}

fn netocentre() -> DelegationSettings {
    DelegationSettings::advised(
        url("https://ent.netocentre.fr/cas"),
        relais_domain::delegation::IdentityAttributes::short_names(),
    )
}

const PUBLIC: &str = "https://0410017w.index-education.net/pronote/";

#[test]
fn recommended_settings_give_the_exact_values() {
    let html = render_fiche(&data(Some(base(netocentre(), Some(PUBLIC)))));
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.contains("<meta charset=\"utf-8\">"));
    assert!(html.contains("@media print"));
    assert!(html.trim_end().ends_with("</html>"));
    // Header.
    for text in [
        "NetO&#39;Centre (GIP RECIA)",
        "Lycée Augustin Thierry",
        "0410017W",
        "2025-2026",
        "PRONOTE 2025",
        "Hébergé chez Index-Education",
        "23/11/2025",
    ] {
        assert!(html.contains(text), "{text}");
    }
    // The service URL, in its box.
    assert!(html.contains(
        "<p class=\"service-url\"><code>https://0410017w.index-education.net/pronote/**</code></p>"
    ));
    assert!(html.contains("URL à communiquer au socle ENT"));
    // Standard CAS address and the derived links.
    assert!(html.contains("<code>https://ent.netocentre.fr/cas</code>"));
    assert!(html.contains(&escaped(
        "https://ent.netocentre.fr/cas/login?service=\
         https%3A%2F%2F0410017w.index-education.net%2Fpronote"
    )));
    assert!(html.contains(&escaped(
        "https://ent.netocentre.fr/cas/samlValidate?TARGET=\
         https%3A%2F%2F0410017w.index-education.net%2Fpronote"
    )));
    // Every espace, all on CAS, none on « Aucune ».
    for espace in Espace::ALL {
        assert!(
            html.contains(&format!("<td>{}</td>", escaped(espace.label()))),
            "{espace}"
        );
    }
    assert_eq!(html.matches("<td>CAS</td></tr>").count(), 9);
    assert!(!html.contains("class=\"aucune\""));
    // Identity mode: attribute names and accepted values.
    assert!(html.contains(&escaped("Avec l'identité de l'utilisateur")));
    for attribute in ["nom", "prenom", "dateNaissance", "codePostal", "categories"] {
        assert!(
            html.contains(&format!("<code>{attribute}</code>")),
            "{attribute}"
        );
    }
    assert!(html.contains("format jj/mm/aaaa"));
    for value in ["National_1", "National_2", "National_3", "National_4"] {
        assert!(html.contains(&format!("<code>{value}</code>")), "{value}");
    }
    // Direct access.
    assert!(html.contains("Uniquement si le serveur CAS ne répond pas"));
    assert!(html.contains(&escaped(
        "https://0410017w.index-education.net/pronote/?login=true"
    )));
    assert!(html.contains("sans interroger le serveur CAS"));
    assert!(html.contains("Subject CAS"));
    // Not published: no need to stop it.
    assert!(!html.contains(Publication::STOP_FIRST));
    // Entered twice: PRONOTE.net, then the PRONOTE server.
    assert!(html.contains("La délégation se saisit deux fois"));
    assert!(html.contains("« Déléguer l'authentification »"));
    assert!(html.contains("mêmes valeurs"));
    // No model: « Paramétrage manuel ».
    assert!(html.contains(&escaped("« Paramétrage manuel »")));
    assert!(html.contains("Publiez la base"));
    assert!(html.contains("assistance@netocentre.fr"));
    assert!(html.contains("ENT_Pronote 0410017W"));
    // A hosted base has no server address line.
    assert!(!html.contains("Adresse du serveur PRONOTE"));
}

#[test]
fn custom_cas_and_pronote_identifier() {
    let mut settings = netocentre();
    settings.cas_urls = Some(CasUrls::Custom {
        login: url("https://www.atrium-paca.fr/connexion/login"),
        validation: url("https://cas.atrium-paca.fr/cas/samlValidate"),
    });
    let id_pronote = AttributeName::parse("attribute", "idPronote").unwrap();
    settings.common_identifier = CommonIdentifier::Attribute(id_pronote.clone());
    settings.first_connection = FirstConnectionMode::PronoteIdentifier {
        attribute: id_pronote,
    };
    settings.direct_access = DirectAccess::Off;
    settings.client_direct_access = false;
    settings
        .espaces
        .set(Espace::Entreprise, EspaceDelegation::Aucune);
    let html = render_fiche(&data(Some(base(settings, Some(PUBLIC)))));

    assert!(html.contains(
        "Cochez l'option « Les adresses d'authentification et de validation sont différentes »"
    ));
    assert!(html.contains("<code>https://www.atrium-paca.fr/connexion/login</code>"));
    assert!(html.contains("<code>https://cas.atrium-paca.fr/cas/samlValidate</code>"));
    assert!(html.contains(&escaped(
        "https://www.atrium-paca.fr/connexion/login?service=https%3A%2F%2F"
    )));
    assert!(html.contains(&escaped("Avec l'identifiant PRONOTE")));
    assert!(html.contains("<code>idPronote</code>"));
    assert!(html.contains("Exporter les identifiants PRONOTE"));
    assert!(html.contains(&escaped("Attribut CAS idPronote")));
    assert!(!html.contains("National_1"));
    // The espace on « Aucune » is highlighted, with the advice.
    assert!(html.contains("<tr class=\"aucune\"><td>Espace Entreprise</td><td>Aucune</td>"));
    assert!(html.contains("fortement recommandé"));
    assert!(html.contains("Un espace reste sur « Aucune » (surligné) : ses utilisateurs"));
    assert!(html.contains("Désactivée"));
}

#[test]
fn a_published_base_must_be_stopped_first() {
    let mut hosted = base(netocentre(), Some(PUBLIC));
    hosted.publication = Publication::Published;
    let html = render_fiche(&data(Some(hosted.clone())));
    assert!(html.contains(Publication::STOP_FIRST));
    assert!(html.contains("Arrêtez la publication de la base"));
    assert!(html.contains(&escaped("console d'hébergement")));

    let mut self_hosted = hosted;
    self_hosted.hosting = Hosting::SelfHosted;
    let html = render_fiche(&data(Some(self_hosted)));
    assert!(html.contains(Publication::STOP_FIRST));
    // A self-hosted base's publication is stopped from the « Administration
    // PRONOTE.net » console, not from the server's.
    assert!(html.contains(&escaped(
        "Depuis la console « Administration PRONOTE.net », cliquez sur « Arrêter la publication »"
    )));
    assert!(!html.contains(&escaped("console d'hébergement")));
}

#[test]
fn without_a_base_the_sheet_says_whom_to_contact() {
    let html = render_fiche(&data(None));
    assert!(html.contains("Aucune base PRONOTE"), "{html}");
    assert!(html.contains("Lycée Augustin Thierry"));
    assert!(html.contains("assistance@netocentre.fr"));
    assert!(html.contains("ENT_Pronote 0410017W"));
    assert!(!html.contains("URL à communiquer au socle ENT"));
    assert!(!html.contains("Délégation par espace"));
}

#[test]
fn a_missing_public_url_is_said() {
    let html = render_fiche(&data(Some(base(netocentre(), None))));
    assert!(!html.contains("**</code>"));
    assert!(!html.contains("?service="));
    // Said in the box for the ENT and among the findings.
    assert!(
        html.contains(
            "<p class=\"missing\">L'adresse publique de PRONOTE.net n'est pas renseignée"
        )
    );
    assert!(html.contains(&escaped(
        "L'adresse publique de PRONOTE.net n'est pas renseignée"
    )));
    assert!(html.contains("Adresse publique de PRONOTE.net</dt><dd>Non renseignée"));
}

#[test]
fn every_value_is_escaped() {
    let evil = "<script>alert(1)</script> & Cie";
    let mut fiche = data(Some(base(netocentre(), Some(PUBLIC))));
    fiche.tenant_name = evil.to_owned();
    fiche.establishments = vec![
        establishment("0410017W", evil, evil),
        establishment("0410018X", "Collège \"O'Hara\"", "Collège"),
    ];
    let base = fiche.base.as_mut().unwrap();
    base.school_year = evil.to_owned();
    base.findings.push(Finding {
        code: "TEST",
        severity: Severity::Warning,
        message: evil.to_owned(),
    });
    let html = render_fiche(&fiche);
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("& Cie"));
    assert!(html.contains(&escaped(evil)));
    assert!(html.contains("Collège &#34;O&#39;Hara&#34;"));
    // Two establishments: a cité scolaire, named by its group UAI.
    assert!(html.contains("Cité scolaire"));

    let mut no_base = data(None);
    no_base.establishments[0].name = evil.to_owned();
    no_base.helpdesk_email = evil.to_owned();
    let html = render_fiche(&no_base);
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("& Cie"));
}

#[test]
fn a_self_hosted_base_shows_its_server_address() {
    let mut self_hosted = base(netocentre(), Some(PUBLIC));
    self_hosted.hosting = Hosting::SelfHosted;
    self_hosted.server_address = Some("pronote.lycee-thierry.fr:49300".to_owned());
    let html = render_fiche(&data(Some(self_hosted.clone())));
    assert!(html.contains("Non hébergé"));
    assert!(html.contains("Adresse du serveur PRONOTE"));
    assert!(html.contains("<code>pronote.lycee-thierry.fr:49300</code>"));

    // Not given: said, not invented.
    self_hosted.server_address = None;
    let html = render_fiche(&data(Some(self_hosted.clone())));
    assert!(html.contains("Adresse du serveur PRONOTE"));
    assert!(!html.contains(":49300"));

    // A hosted base never shows one.
    self_hosted.hosting = Hosting::Hosted;
    self_hosted.server_address = Some("pronote.lycee-thierry.fr:49300".to_owned());
    let html = render_fiche(&data(Some(self_hosted)));
    assert!(!html.contains(":49300"));
}

#[test]
fn other_modes_get_their_sentence() {
    let mut settings = DelegationSettings::initial();
    let html = render_fiche(&data(Some(base(settings.clone(), Some(PUBLIC)))));
    assert!(html.contains("Double authentification"));
    assert!(html.contains("aucune donnée personnelle"));
    assert!(html.contains("Aucune délégation n'est activée pour cette base"));
    assert!(!html.contains("?service="));
    assert!(html.contains("La délégation CAS n'est pas utilisée"));
    assert_eq!(html.matches("<tr class=\"aucune\">").count(), 9);
    assert!(html.contains("9 espaces restent sur « Aucune »"));

    settings.first_connection = FirstConnectionMode::RefuseAccess;
    let html = render_fiche(&data(Some(base(settings, Some(PUBLIC)))));
    assert!(html.contains(&escaped("Refuser l'accès")));
    assert!(html.contains("par import"));
}

#[test]
fn the_model_to_choose_in_mon_ent_is_named_exactly() {
    let mut with_model = base(netocentre(), Some(PUBLIC));
    let name = "NetO'Centre (Région Centre : Mode avec alimentation)";
    with_model.model = Some(FicheModel {
        name: name.to_owned(),
        gives_cas_urls: true,
        drift: vec!["PRONOTE.net — Attribut du nom : sn → nom".to_owned()],
        update_pending: true,
    });
    let html = render_fiche(&data(Some(with_model.clone())));
    assert!(html.contains(&format!("« {} »", escaped(name))), "{html}");
    assert!(html.contains("Prenez bien le mode « avec alimentation »"));
    assert!(!html.contains("« Paramétrage manuel »"));
    assert!(html.contains("Paramètres non conformes au modèle"));
    assert!(html.contains(&escaped("PRONOTE.net — Attribut du nom : sn → nom")));
    assert!(html.contains("Une nouvelle version de ce modèle attend"));
    // A model without CAS address: the school types it.
    with_model.model = Some(FicheModel {
        name: "Atrium (Région Sud)".to_owned(),
        gives_cas_urls: false,
        drift: Vec::new(),
        update_pending: false,
    });
    let html = render_fiche(&data(Some(with_model)));
    assert!(html.contains("sauf l'adresse du serveur CAS"));
    assert!(!html.contains("avec alimentation"));
    assert!(!html.contains("Paramètres non conformes"));
}

#[test]
fn the_pronote_server_gets_the_delegation_a_second_time() {
    let mut settings = netocentre();
    let id_pronote = AttributeName::parse("attribute", "idPronote").unwrap();
    settings.pronote_client = Some(relais_domain::delegation::ClientSettings {
        common_identifier: CommonIdentifier::Attribute(id_pronote.clone()),
        cas_urls: None,
        first_connection: FirstConnectionMode::PronoteIdentifier {
            attribute: id_pronote,
        },
    });
    let html = render_fiche(&data(Some(base(settings, Some(PUBLIC)))));
    let server = &html[html.find("id=\"serveur\"").unwrap()..];
    let server = &server[..server.find("</section>").unwrap()];
    assert!(server.contains("hors service"), "{server}");
    assert!(server.contains("« Déléguer l'authentification »"));
    assert!(server.contains("Saisissez les valeurs propres au client PRONOTE"));
    assert!(server.contains("<code>idPronote</code>"), "{server}");
    assert!(server.contains("les mêmes que pour PRONOTE.net"));
    assert!(server.contains("Remettez la base en service"));
    // PRONOTE.net keeps its identity attributes.
    let net = &html[html.find("id=\"identification\"").unwrap()..];
    assert!(net[..net.find("</section>").unwrap()].contains("<code>categories</code>"));
}

#[test]
fn a_self_hosted_base_gets_its_publication_settings() {
    let mut self_hosted = base(
        netocentre(),
        Some("https://pronote.lycee-thierry.fr/pronote"),
    );
    self_hosted.hosting = Hosting::SelfHosted;
    let html = render_fiche(&data(Some(self_hosted.clone())));
    let section = &html[html.find("id=\"publication\"").unwrap()..];
    let section = &section[..section.find("</section>").unwrap()];
    assert!(
        section.contains("« Administration PRONOTE.net »"),
        "{section}"
    );
    assert!(section.contains("(et non dans celle du Serveur PRONOTE)"));
    assert!(section.contains("Racine de publication</th><td><code>pronote</code></td>"));
    assert!(section.contains("Préfixe d'URL"));
    assert!(!section.contains("idPronote"));

    // Published without the root: the guides' idPronote error.
    self_hosted.public_url = Some(url("https://pronote.lycee-thierry.fr/"));
    let html = render_fiche(&data(Some(self_hosted.clone())));
    assert!(html.contains("La racine <code>pronote</code> manque"));
    assert!(html.contains("renvoyer un attribut idPronote. Or aucun attribut n'a été renvoyé"));
    self_hosted.public_url = Some(url("https://pronote.lycee-thierry.fr/espace"));
    let html = render_fiche(&data(Some(self_hosted)));
    assert!(html.contains("se termine par <code>espace</code>"));

    // A hosted base has no such section.
    let html = render_fiche(&data(Some(base(netocentre(), Some(PUBLIC)))));
    assert!(!html.contains("id=\"publication\""));
}

#[test]
fn the_rapprochement_and_the_rentree_show_what_relais_knows() {
    let mut known = base(netocentre(), Some(PUBLIC));
    known.exchanges = FicheExchanges {
        account_matching_file: Some((
            Utc.with_ymd_and_hms(2025, 9, 2, 9, 0, 0).unwrap(),
            "0410017W.xml".to_owned(),
        )),
        identifiers_export: Some(Utc.with_ymd_and_hms(2025, 3, 2, 9, 0, 0).unwrap()),
        pronote_users: 1_200,
        links: 0,
    };
    let html = render_fiche(&data(Some(known.clone())));
    for step in [
        "Sauvegardez la base",
        "<code>0410017W.xml</code>",
        "« Récupérer les identifiants »",
        "<strong>conserver</strong>",
        "<strong>remplacer</strong>",
        "« Exporter les identifiants PRONOTE »",
        "Uniquement les utilisateurs sans identifiants CAS",
        "« Supprimer tous les identifiants CAS »",
        "<strong>dans PRONOTE</strong>",
    ] {
        assert!(html.contains(step), "{step}");
    }
    let rentree = &html[html.find("id=\"rentree\"").unwrap()..];
    let rentree = &rentree[..rentree.find("</section>").unwrap()];
    let row = |step: &str| -> String {
        let at = rentree
            .find(&escaped(step))
            .unwrap_or_else(|| panic!("{step}: {rentree}"));
        rentree[at..at + rentree[at..].find("</tr>").unwrap()].to_owned()
    };
    assert!(row("Nouvelle base de l'année").contains(">Fait<"));
    assert!(row("Version de PRONOTE").contains(">Fait<"));
    assert!(row("Délégation d'authentification").contains(">Fait<"));
    let file_a = row("Fichier de rapprochement (ENT → PRONOTE)");
    assert!(
        file_a.contains(">Fait<") && file_a.contains("02/09/2025"),
        "{file_a}"
    );
    let file_b = row("Export des identifiants PRONOTE (PRONOTE → ENT)");
    assert!(
        file_b.contains(">À faire<") && file_b.contains("02/03/2025"),
        "{file_b}"
    );
    assert!(row("Rapprochement des comptes").contains(">À faire<"));
    assert!(row("Publication").contains(">À faire<"));

    // Last year's base, an old PRONOTE version.
    known.school_year = "2024-2025".to_owned();
    known.pronote_version = Some(2023);
    known.publication = Publication::Published;
    let html = render_fiche(&data(Some(known)));
    let rentree = &html[html.find("id=\"rentree\"").unwrap()..];
    assert!(rentree.contains("créez la base 2025-2026"), "{rentree}");
    assert!(
        rentree.contains("PRONOTE 2023 est enregistré : installez PRONOTE 2024 pour 2024-2025"),
        "{rentree}"
    );
}

#[test]
fn the_header_names_the_ent_as_the_tenant_calls_it() {
    let mut fiche = data(Some(base(netocentre(), Some(PUBLIC))));
    fiche.tenant_name = "ENT de démonstration".to_owned();
    let html = render_fiche(&fiche);
    assert!(html.contains("PRONOTE ⇄ ENT de démonstration –"), "{html}");
    assert!(!html.contains("ENT ENT"));
}
