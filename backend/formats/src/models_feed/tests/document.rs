//! The document: the documented example, the structure, unique names.

use super::*;

#[test]
fn the_documented_example_parses() {
    let feed = parse_str(EXAMPLE).unwrap();
    assert_eq!(feed.check(), Ok(()));
    assert_eq!(feed.models.len(), 2);
    let neto = &feed.models[0];
    assert_eq!(
        neto.name,
        "NetO'Centre (Région Centre : Mode avec alimentation)"
    );
    assert_eq!(neto.location, "Région Centre-Val de Loire");
    assert_eq!(
        neto.description.as_deref(),
        Some(
            "ENT des lycées et collèges de la région Centre-Val de Loire.\n\
             Les comptes sont alimentés depuis l'annuaire académique."
        )
    );
    assert_eq!(
        neto.documentation_url.as_ref().map(WebUrl::as_str),
        Some("https://www.netocentre.fr/documentation/pronote")
    );
    let client = &neto.clients[&Client::PronoteClient];
    assert_eq!(client.common_identifier, CommonIdentifier::Subject);
    assert_eq!(
        client.cas_urls.as_ref().map(CasUrls::login_url).as_deref(),
        Some("https://ent.netocentre.fr/cas/login")
    );
    let FirstConnectionMode::Identity(identity) = &client.first_connection else {
        panic!("identity expected");
    };
    assert_eq!(identity.last_name.as_str(), "sn");
    assert_eq!(
        identity.postal_code.as_ref().map(AttributeName::as_str),
        Some("ENTPersonCodePostal")
    );
    assert_eq!(
        identity.profile_values.joined(Profile::Professeur),
        "National_3;ENS"
    );
    let FirstConnectionMode::Identity(identity) =
        &neto.clients[&Client::PronoteNet].first_connection
    else {
        panic!("identity expected");
    };
    assert_eq!(identity.postal_code, None);

    let oze = &feed.models[1];
    assert_eq!(oze.clients.len(), 1);
    let net = &oze.clients[&Client::PronoteNet];
    assert_eq!(
        net.common_identifier,
        CommonIdentifier::Attribute(AttributeName::parse("a", "idPronote").unwrap())
    );
    assert!(matches!(net.cas_urls, Some(CasUrls::Custom { .. })));
    assert_eq!(net.first_connection.code(), "PRONOTE_IDENTIFIER");
    // And it writes back to the same models.
    assert_eq!(parse_str(&write(&feed)).unwrap(), feed);
}

#[test]
fn known_models_round_trip_and_match_the_schema() {
    let feed = ModelFeed {
        models: relais_domain::models::known_ent_models(),
    };
    let xml = write(&feed);
    assert!(
        xml.starts_with(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <ListeModeles xmlns=\"urn:relais:models:1\" version=\"relais-models/1\">\n  <ENT>\n    \
             <Nom>NetO&apos;Centre (Région Centre : Mode avec alimentation)</Nom>\n"
        ),
        "{}",
        &xml[..300]
    );
    assert_eq!(parse_str(&xml).unwrap(), feed);
    assert_eq!(write(&parse_str(&xml).unwrap()), xml);
    xmllint(&xml, true);
}

#[test]
fn every_shape_and_mode_is_written_valid_against_the_schema() {
    let feed = parse_str(EXAMPLE).unwrap();
    let mut models = feed.models.clone();
    let mut other = feed.models[1].clone();
    other.name = "Mode <refus> & \"double\" d'accès".to_owned();
    other.description = Some("Ligne 1 <b>\n\tLigne 2 & ]]>".to_owned());
    let mut refuse = other.clients[&Client::PronoteNet].clone();
    refuse.first_connection = FirstConnectionMode::RefuseAccess;
    refuse.cas_urls = None;
    let mut double = refuse.clone();
    double.first_connection = FirstConnectionMode::DoubleAuthentication;
    other.clients.insert(Client::PronoteClient, refuse);
    other.clients.insert(Client::PronoteNet, double);
    models.push(other);
    let feed = ModelFeed { models };
    assert_eq!(feed.check(), Ok(()));
    let xml = write(&feed);
    assert!(xml.contains("<Nom>Mode &lt;refus&gt; &amp; &quot;double&quot; d&apos;accès</Nom>"));
    assert!(xml.contains("<RefuserAcces/>") && xml.contains("<DoubleAuthentification/>"));
    assert_eq!(parse_str(&xml).unwrap(), feed);
    xmllint(&xml, true);
    xmllint(EXAMPLE, true);
}

#[test]
fn structure_errors_are_refused() {
    let cases: Vec<(String, &str)> = vec![
        (
            feed_with("<Nom>N</Nom><Nom>M</Nom>"),
            "élément <ENT> : élément <Nom> en double",
        ),
        (
            net(&format!("{DOUBLE}{DOUBLE}")),
            "élément <PronoteNet> : élément <ModeIdentificationPremiereConnexion> en double",
        ),
        (
            feed_with(&format!(
                "{NAMES}<PronoteNet>{DOUBLE}</PronoteNet><ClientPronote>{DOUBLE}</ClientPronote>"
            )),
            "élément <ENT> : attendu </ENT>, trouvé <ClientPronote>",
        ),
        (
            feed_with(NAMES),
            "élément <ENT> : attendu <ClientPronote> ou <PronoteNet>, trouvé </ENT>",
        ),
        (
            net(""),
            "élément <PronoteNet> : attendu <AttributIDCas>, <Url_ServeurCAS> ou \
             <ModeIdentificationPremiereConnexion>, trouvé </PronoteNet>",
        ),
        (
            net(
                "<ModeIdentificationPremiereConnexion><DoubleAuthentification/>\
                 <RefuserAcces/></ModeIdentificationPremiereConnexion>",
            ),
            "attendu </ModeIdentificationPremiereConnexion> (un seul mode), trouvé <RefuserAcces>",
        ),
        (
            net(
                "<ModeIdentificationPremiereConnexion><Sms/></ModeIdentificationPremiereConnexion>",
            ),
            "attendu <AvecIdentite>, <AvecIdentifiantPronote>, <DoubleAuthentification> ou \
             <RefuserAcces>, trouvé <Sms>",
        ),
        (
            net(&format!(
                "<Url_ServeurCAS><UrlAuthentification>https://a.fr/login\
                 </UrlAuthentification></Url_ServeurCAS>{DOUBLE}"
            )),
            "élément <Url_ServeurCAS> : attendu <UrlValidation>, trouvé </Url_ServeurCAS>",
        ),
        (
            net(&format!(
                "<Url_ServeurCAS><UrlRacine>https://a.fr</UrlRacine>\
                 <UrlValidation>https://a.fr/v</UrlValidation></Url_ServeurCAS>{DOUBLE}"
            )),
            "attendu </Url_ServeurCAS>, trouvé <UrlValidation>",
        ),
        (
            net(
                "<ModeIdentificationPremiereConnexion><AvecIdentifiantPronote>\
                 </AvecIdentifiantPronote></ModeIdentificationPremiereConnexion>",
            ),
            "attendu <AttributIdentifiant>, trouvé </AvecIdentifiantPronote>",
        ),
        (
            net(
                "<ModeIdentificationPremiereConnexion><RefuserAcces><x/></RefuserAcces>\
                 </ModeIdentificationPremiereConnexion>",
            ),
            "élément <RefuserAcces> : attendu </RefuserAcces>, trouvé <x>",
        ),
        (
            net(
                "<ModeIdentificationPremiereConnexion><AvecIdentite><AttributNom>sn\
                 </AttributNom><AttributProfil>p</AttributProfil></AvecIdentite>\
                 </ModeIdentificationPremiereConnexion>",
            ),
            "élément <AvecIdentite> : attendu <AttributPrenom>, trouvé <AttributProfil>",
        ),
        (identity(""), "attendu <Profil>, trouvé </ValeursProfil>"),
        (
            identity("<Profil code=\"ELEVE\">a</Profil><Eleve>b</Eleve>"),
            "attendu <Profil> ou </ValeursProfil>, trouvé <Eleve>",
        ),
        (
            feed_with("<Nom lang=\"fr\">N</Nom>"),
            "élément <Nom> : attribut « lang » inconnu",
        ),
        (
            feed_with(&format!("{NAMES} texte <PronoteNet>{DOUBLE}</PronoteNet>")),
            "élément <ENT> : attendu un élément ou </ENT>, trouvé le texte « texte »",
        ),
        (
            feed_with("<Nom>N<b>gras</b></Nom>"),
            "élément <Nom> : attendu du texte ou </Nom>, trouvé <b>",
        ),
        (
            feed_with("<r:Nom xmlns:r=\"urn:relais:models:1\">N</r:Nom>"),
            "attendu <Nom>, trouvé <r:Nom>",
        ),
        (
            "<Modeles/>".to_owned(),
            "ligne 1, colonne 1 : attendu <ListeModeles>, trouvé <Modeles>",
        ),
        (
            String::new(),
            "ligne 1, colonne 1 : attendu <ListeModeles>, trouvé la fin du flux",
        ),
        (
            "<ListeModeles xmlns=\"urn:relais:models:1\" version=\"relais-models/1\"/>".to_owned(),
            "ligne 1, colonne 70, élément <ListeModeles> : attendu <ENT>, trouvé </ListeModeles>",
        ),
        (
            "<ListeModeles xmlns=\"urn:relais:models:1\" version=\"relais-models/2\"/>".to_owned(),
            "version « relais-models/2 » non prise en charge : attendu version=\"relais-models/1\"",
        ),
        (
            "<ListeModeles xmlns=\"urn:relais:models:1\"/>".to_owned(),
            "attribut « version » obligatoire manquant",
        ),
        (
            "<ListeModeles version=\"relais-models/1\"/>".to_owned(),
            "attribut « xmlns » obligatoire manquant",
        ),
        (
            "<ListeModeles xmlns=\"urn:other\" version=\"relais-models/1\"/>".to_owned(),
            "espace de noms « urn:other » inattendu",
        ),
        (
            "<ListeModeles xmlns=\"urn:relais:models:1\" version=\"relais-models/1\" id=\"x\"/>"
                .to_owned(),
            "attribut « id » inconnu",
        ),
        (
            format!("{}<x/>", net(DOUBLE)),
            "ligne 6, colonne 1 : attendu la fin du flux, trouvé <x>",
        ),
        (
            "<ListeModeles xmlns=\"urn:relais:models:1\" version=\"relais-models/1\"><ENT>\
             </ListeModeles>"
                .to_owned(),
            "ligne 1, colonne 74, élément <ENT> : XML mal formé : attendu </ENT>, trouvé \
             </ListeModeles>",
        ),
        (
            "<ListeModeles xmlns=\"urn:relais:models:1\" version=\"relais-models/1\"><ENT>"
                .to_owned(),
            "ligne 1, colonne 74, élément <ENT> : attendu </ENT>, trouvé la fin du flux",
        ),
        (
            "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><ListeModeles/>".to_owned(),
            "ligne 1, colonne 1 : XML mal formé : encodage « ISO-8859-1 » non pris en charge",
        ),
        (
            feed_with("<Nom>N & M</Nom>"),
            "élément <Nom> : XML mal formé : référence « & » non terminée par « ; »",
        ),
    ];
    for (xml, expected) in cases {
        let err = refusal(&xml);
        assert!(
            err.to_string().contains(expected),
            "{err}\nexpected: {expected}\n{xml}"
        );
        // The schema refuses them too (most rules are structural).
        if !expected.contains("mal formé") && !xml.is_empty() {
            xmllint(&xml, false);
        }
    }
}

#[test]
fn model_names_are_unique_case_ignored() {
    let model = |name: &str| {
        format!(
            "<ENT><Nom>{name}</Nom><Localisation>L</Localisation>\
             <PronoteNet>{DOUBLE}</PronoteNet></ENT>\n"
        )
    };
    let xml = format!(
        "<ListeModeles xmlns=\"urn:relais:models:1\" version=\"relais-models/1\">\n{}{}{}\
         </ListeModeles>",
        model("ENT27"),
        model("Atrium"),
        model("  ent27 ")
    );
    let err = refusal(&xml);
    assert_eq!(err.position(), Some((4, 6)));
    assert!(
        err.to_string().ends_with(
            "élément <Nom> : le nom « ent27 » est déjà celui du modèle n° 1 : chaque modèle \
             doit avoir un nom différent (majuscules et minuscules confondues)"
        ),
        "{err}"
    );
}
