//! Field-level differences and drift.

use super::*;

#[test]
fn equal_models_have_no_difference() {
    assert!(diff_models(&netocentre(), &netocentre()).is_empty());
    let feed = ModelFeed {
        models: vec![netocentre(), oze()],
    };
    assert!(diff_feeds(&feed, &feed).is_empty());
}

#[test]
fn descriptive_fields_and_clients_are_diffed() {
    let old = netocentre();
    let mut new = netocentre();
    new.name = "NETO'CENTRE (Région Centre : Mode avec alimentation)".to_owned();
    new.description = None;
    new.documentation_url = Some(url("https://doc.netocentre.fr"));
    new.clients.remove(&Client::PronoteClient);
    let changes = diff_models(&old, &new);
    let codes: Vec<_> = changes.iter().map(|c| c.field.code()).collect();
    assert_eq!(
        codes,
        ["NAME", "DESCRIPTION", "DOCUMENTATION_URL", "CLIENT_REMOVED"]
    );
    assert_eq!(
        changes[1].old.as_deref(),
        Some("ENT des lycées\net collèges.")
    );
    assert_eq!(changes[1].new, None);
    assert_eq!(changes[3].client, Some(Client::PronoteClient));
    assert_eq!(
        changes[3].old.as_deref(),
        Some("https://ent.netocentre.fr/cas ; Subject CAS ; Avec l'identité de l'utilisateur")
    );
    assert_eq!(
        changes[2].to_string(),
        "Adresse de la documentation : https://www.netocentre.fr/pronote → \
         https://doc.netocentre.fr"
    );
    let back = diff_models(&new, &old);
    assert_eq!(back[3].field, ModelField::ClientAdded);
    assert_eq!(back[3].new, changes[3].old);
}

#[test]
fn compared_fields_are_diffed_one_by_one() {
    let old = identity_settings("https://ent.netocentre.fr/cas");
    let mut new = old.clone();
    new.cas_urls = Some(CasUrls::Custom {
        login: url("https://ent.netocentre.fr/cas/login"),
        validation: url("https://ent.netocentre.fr/cas/p3/samlValidate"),
    });
    new.common_identifier = CommonIdentifier::Attribute(name("uid"));
    let FirstConnectionMode::Identity(attributes) = &mut new.first_connection else {
        panic!("identity");
    };
    attributes.first_name = name("givenName");
    attributes.postal_code = None;
    attributes
        .profile_values
        .set(Profile::Professeur, vec!["National_3".into(), "ENS".into()]);
    attributes.profile_values.set(Profile::Parent, vec![]);
    let changes = diff_client_settings(Client::PronoteNet, &old, &new);
    let rendered: Vec<_> = changes.iter().map(ToString::to_string).collect();
    assert_eq!(
        rendered,
        [
            "PRONOTE.net — Forme des adresses du serveur CAS : Standard (une adresse racine) \
             → Personnalisée (adresses d'authentification et de validation)",
            "PRONOTE.net — Adresses du serveur CAS : https://ent.netocentre.fr/cas → \
             authentification https://ent.netocentre.fr/cas/login ; validation \
             https://ent.netocentre.fr/cas/p3/samlValidate",
            "PRONOTE.net — Identifiant commun : Subject CAS → Attribut CAS uid",
            "PRONOTE.net — Attribut du prénom : prenom → givenName",
            "PRONOTE.net — Attribut du code postal : codePostal → (aucun)",
            "PRONOTE.net — Valeurs du profil Parent : National_2 → (aucun)",
            "PRONOTE.net — Valeurs du profil Professeur : National_3 → National_3;ENS",
        ]
    );
    let codes: Vec<_> = changes.iter().map(|c| c.field.code()).collect();
    assert_eq!(
        codes,
        [
            "CAS_URL_SHAPE",
            "CAS_URLS",
            "IDENTIFIER_ATTRIBUTE",
            "ATTRIBUTE_NAMES",
            "ATTRIBUTE_NAMES",
            "PROFILE_VALUES",
            "PROFILE_VALUES"
        ]
    );
    assert!(
        changes
            .iter()
            .all(|c| ModelField::COMPARED.contains(&c.field))
    );
}

#[test]
fn a_change_of_mode_lists_the_attributes_it_brings() {
    let old = identity_settings("https://ent.netocentre.fr/cas");
    let mut new = old.clone();
    new.cas_urls = None;
    new.first_connection = FirstConnectionMode::PronoteIdentifier {
        attribute: name("idPronote"),
    };
    let changes = diff_client_settings(Client::PronoteClient, &old, &new);
    let labels: Vec<_> = changes.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Forme des adresses du serveur CAS",
            "Adresses du serveur CAS",
            "Mode d'identification à la première connexion",
            "Attribut du nom",
            "Attribut du prénom",
            "Attribut de la date de naissance",
            "Attribut du code postal",
            "Attribut du profil",
            "Attribut de l'identifiant PRONOTE",
            "Valeurs du profil Élève",
            "Valeurs du profil Parent",
            "Valeurs du profil Professeur",
            "Valeurs du profil Personnel",
        ]
    );
    assert_eq!(
        changes[0].new.as_deref(),
        Some("Non fournie (saisie par l'établissement)")
    );
    assert_eq!(changes[1].new, None);
    assert_eq!(
        changes[2].new.as_deref(),
        Some("Avec l'identifiant PRONOTE")
    );
    assert_eq!(changes[8].old, None);
    assert_eq!(changes[8].new.as_deref(), Some("idPronote"));

    let refuse = ClientSettings {
        first_connection: FirstConnectionMode::RefuseAccess,
        ..new.clone()
    };
    let double = ClientSettings {
        first_connection: FirstConnectionMode::DoubleAuthentication,
        ..new.clone()
    };
    let changes = diff_client_settings(Client::PronoteClient, &refuse, &double);
    assert_eq!(changes.len(), 1);
    assert_eq!(
        changes[0].to_string(),
        "Client PRONOTE — Mode d'identification à la première connexion : \
         Refuser l'accès → Double authentification"
    );
}

#[test]
fn drift_compares_a_base_with_its_model() {
    let model = identity_settings("https://ent.netocentre.fr/cas");
    let base = DelegationSettings::advised(
        url("https://ent.netocentre.fr/cas/"),
        IdentityAttributes::short_names(),
    );
    assert!(
        diff_client_settings(
            Client::PronoteNet,
            &model,
            &ClientSettings::of_delegation(&base)
        )
        .is_empty()
    );
    let mut base = base;
    base.common_identifier = CommonIdentifier::Attribute(name("uid"));
    let changes = diff_client_settings(
        Client::PronoteNet,
        &model,
        &ClientSettings::of_delegation(&base),
    );
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].field, ModelField::IdentifierAttribute);
}

#[test]
fn feeds_are_diffed_by_name_case_ignored() {
    let mut renamed = oze();
    renamed.name = "OZE Hauts-de-Seine".to_owned();
    let known = known_ent_models();
    let old = ModelFeed {
        models: vec![known[3].clone(), netocentre(), oze(), known[4].clone()],
    };
    let mut changed = netocentre();
    changed.location = "Centre-Val de Loire".to_owned();
    let new = ModelFeed {
        models: vec![known[5].clone(), renamed, changed, known[3].clone()],
    };
    let diff = diff_feeds(&old, &new);
    assert_eq!(diff.added, ["Cybercollèges 42 (Loire)"]);
    assert_eq!(diff.withdrawn, ["Arsène 76 (Seine-Maritime)"]);
    let names: Vec<_> = diff.changed.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "OZE Hauts-de-Seine",
            "NetO'Centre (Région Centre : Mode avec alimentation)"
        ]
    );
    assert_eq!(diff.changed[0].1[0].field, ModelField::Name);
    assert_eq!(diff.changed[1].1.len(), 1);
    assert_eq!(diff.changed[1].1[0].field, ModelField::Location);
    let json = serde_json::to_string(&diff).unwrap();
    assert!(json.contains("\"field\":\"LOCATION\""), "{json}");
    assert_eq!(serde_json::from_str::<FeedDiff>(&json).unwrap(), diff);
}

#[test]
fn field_codes_are_the_json_form() {
    for field in ModelField::ALL {
        assert_eq!(
            serde_json::to_string(&field).unwrap(),
            format!("\"{}\"", field.code())
        );
        assert!(!field.label().is_empty());
    }
}
