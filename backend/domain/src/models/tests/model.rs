//! Clients, models and lists of models, and their checks.

use super::*;

#[test]
fn clients_have_labels_and_stable_names() {
    assert_eq!(Client::PronoteClient.label(), "Client PRONOTE");
    assert_eq!(Client::PronoteNet.to_string(), "PRONOTE.net");
    for client in Client::ALL {
        let json = serde_json::to_string(&client).unwrap();
        assert_eq!(json, format!("\"{}\"", client.as_str()));
        assert_eq!(serde_json::from_str::<Client>(&json).unwrap(), client);
    }
    assert!(Client::PronoteClient < Client::PronoteNet);
}

#[test]
fn models_check_and_round_trip_in_json() {
    for model in [netocentre(), oze()] {
        assert_eq!(model.check(), Ok(()));
        let json = serde_json::to_string(&model).unwrap();
        assert_eq!(serde_json::from_str::<EntModel>(&json).unwrap(), model);
    }
    let json = serde_json::to_string(&oze()).unwrap();
    assert!(
        json.starts_with(
            "{\"name\":\"oZe Hauts-de-Seine\",\"location\":\"Hauts-de-Seine\",\
             \"description\":null,\"documentationUrl\":null,\"clients\":{\"PRONOTE_NET\":\
             {\"commonIdentifier\":{\"kind\":\"ATTRIBUTE\",\"attribute\":\"idPronote\"},\
             \"casUrls\":{\"kind\":\"CUSTOM\","
        ),
        "{json}"
    );
    let feed = ModelFeed {
        models: vec![netocentre(), oze()],
    };
    assert_eq!(feed.check(), Ok(()));
    let json = serde_json::to_string(&feed).unwrap();
    assert_eq!(serde_json::from_str::<ModelFeed>(&json).unwrap(), feed);
}

#[test]
fn labels_are_checked() {
    let mut model = netocentre();
    model.name = String::new();
    let err = model.check().unwrap_err();
    assert_eq!(err.field(), "name");
    assert_eq!(err.to_string(), "Le nom du modèle est obligatoire.");
    model.name = "é".repeat(200);
    assert_eq!(model.check(), Ok(()));
    model.name = "é".repeat(201);
    assert!(model.check().unwrap_err().to_string().contains("200"));
    for bad in [" NetO'Centre", "Net  O", "Net\nO", "Net\u{7}O"] {
        model.name = bad.to_owned();
        let err = model.check().unwrap_err();
        assert!(err.to_string().contains("caractère de contrôle"), "{bad:?}");
    }
    let mut model = netocentre();
    model.location = "\t".to_owned();
    assert_eq!(model.check().unwrap_err().field(), "location");
    assert_eq!(
        EntModel::clean_label("  Région\n Centre\t: x "),
        "Région Centre : x"
    );
}

#[test]
fn descriptions_are_checked() {
    let mut model = netocentre();
    model.description = Some("x".repeat(2_000));
    assert_eq!(model.check(), Ok(()));
    model.description = Some("x".repeat(2_001));
    let err = model.check().unwrap_err();
    assert_eq!(err.field(), "description");
    assert!(err.to_string().contains("2 000"));
    for bad in ["", " x", "x\n", "a\rb", "a\u{0}b"] {
        model.description = Some(bad.to_owned());
        assert_eq!(model.check().unwrap_err().field(), "description", "{bad:?}");
    }
    model.description = Some("a\n\tb".to_owned());
    assert_eq!(model.check(), Ok(()));
    assert_eq!(
        EntModel::clean_description(" a\r\nb\rc \n"),
        Some("a\nb\nc".to_owned())
    );
    assert_eq!(EntModel::clean_description(" \n "), None);
}

#[test]
fn a_model_needs_a_client_with_profile_values() {
    let mut model = netocentre();
    model.clients.clear();
    let err = model.check().unwrap_err();
    assert_eq!(err.field(), "clients");

    let mut model = netocentre();
    let Some(ClientSettings {
        first_connection: FirstConnectionMode::Identity(attributes),
        ..
    }) = model.clients.get_mut(&Client::PronoteNet)
    else {
        panic!("identity");
    };
    attributes.profile_values = ProfileValues::default();
    let err = model.check().unwrap_err();
    assert_eq!(err.field(), "clients.PRONOTE_NET.profileValues");
    assert!(
        err.to_string()
            .starts_with("PRONOTE.net : Indiquez, pour au moins un profil"),
        "{err}"
    );
    let settings = &model.clients[&Client::PronoteNet];
    assert_eq!(settings.check().unwrap_err().field(), "profileValues");
}

#[test]
fn feeds_need_models_with_distinct_names() {
    assert_eq!(
        ModelFeed::default().check().unwrap_err().to_string(),
        "La liste ne contient aucun modèle."
    );
    let mut twin = oze();
    twin.name = "OZE HAUTS-DE-SEINE".to_owned();
    let feed = ModelFeed {
        models: vec![oze(), netocentre(), twin],
    };
    let err = feed.check().unwrap_err();
    assert_eq!(err.field(), "name");
    assert!(
        err.to_string()
            .starts_with("Le nom « OZE HAUTS-DE-SEINE » est déjà celui du modèle n° 1"),
        "{err}"
    );
    let mut bad = netocentre();
    bad.location = String::new();
    let feed = ModelFeed {
        models: vec![oze(), bad],
    };
    let err = feed.check().unwrap_err();
    assert_eq!(err.field(), "location");
    assert!(
        err.to_string().starts_with("Modèle n° 2 « NetO'Centre"),
        "{err}"
    );
}
