//! The known ENTs' models.

use super::*;

#[test]
fn known_models_carry_each_ents_names() {
    let models = known_ent_models();
    assert_eq!(models.len(), 13);
    let feed = ModelFeed {
        models: models.clone(),
    };
    assert_eq!(feed.check(), Ok(()));
    let named = |name: &str| models.iter().find(|m| m.name == name).unwrap();
    let identity = |model: &EntModel| match &model.clients[&Client::PronoteNet].first_connection {
        FirstConnectionMode::Identity(attributes) => attributes.clone(),
        other => panic!("{}: {other:?}", model.name),
    };
    // The guides' full names, and the directory's attribute names for
    // NetO'Centre and e-lyco.
    let neto = named("NetO'Centre (Région Centre : Mode avec alimentation)");
    assert_eq!(neto.location, "Région Centre-Val de Loire");
    assert_eq!(neto.clients.len(), 2);
    let settings = &neto.clients[&Client::PronoteNet];
    assert_eq!(
        settings.cas_urls,
        Some(CasUrls::standard(url("https://ent.netocentre.fr/cas")))
    );
    assert_eq!(settings.common_identifier, CommonIdentifier::Subject);
    let elyco = identity(named("E-lyco (ENT des Pays de la Loire)"));
    for attributes in [identity(neto), elyco] {
        assert_eq!(attributes.last_name.as_str(), "sn");
        assert_eq!(attributes.first_name.as_str(), "givenName");
        assert_eq!(attributes.birth_date.as_str(), "ENTPersonDateNaissance");
        assert_eq!(
            attributes.postal_code.as_ref().map(|a| a.as_str()),
            Some("ENTPersonCodePostal")
        );
        assert_eq!(attributes.profile.as_str(), "ENTPersonProfils");
    }
    // Kosmos's K-d'école ENTs are listed, with their own names.
    let kosmos: Vec<&EntModel> = models
        .iter()
        .filter(|m| {
            m.description
                .as_deref()
                .is_some_and(|d| d.contains("K-d'école"))
        })
        .collect();
    assert!(kosmos.len() >= 6, "{kosmos:?}");
    assert!(
        kosmos
            .iter()
            .any(|m| m.name == "Mon Bureau Numérique (Région Grand Est)")
    );
    assert_eq!(identity(kosmos[0]).last_name.as_str(), "nom");
    // Not one set for all.
    let sets: HashSet<String> = models
        .iter()
        .filter_map(|m| match &m.clients[&Client::PronoteNet].first_connection {
            FirstConnectionMode::Identity(a) => Some(a.last_name.as_str().to_owned()),
            _ => None,
        })
        .collect();
    assert!(sets.len() >= 2, "{sets:?}");
    // oZe identifies by the PRONOTE identifier; Atrium leaves the CAS
    // address to the school.
    assert_eq!(
        named("oZe (Hauts-de-Seine)").clients[&Client::PronoteNet]
            .first_connection
            .code(),
        "PRONOTE_IDENTIFIER"
    );
    assert_eq!(
        named("Atrium (Région Sud)").clients[&Client::PronoteNet].cas_urls,
        None
    );
}
