//! Values go through the domain rules.

use super::*;

#[test]
fn values_go_through_the_domain_rules() {
    let cases: Vec<(String, &str, &str)> = vec![
        (
            net(&format!(
                "<Url_ServeurCAS><UrlRacine>javascript:alert(1)</UrlRacine></Url_ServeurCAS>{DOUBLE}"
            )),
            "UrlRacine",
            "seules les adresses http:// et https:// sont acceptées",
        ),
        (
            net(&format!(
                "<Url_ServeurCAS><UrlRacine>https://ent.fr/cas?x=1</UrlRacine></Url_ServeurCAS>{DOUBLE}"
            )),
            "UrlRacine",
            "ne doit pas contenir de paramètres",
        ),
        (
            net(
                "<ModeIdentificationPremiereConnexion><AvecIdentifiantPronote>\
                 <AttributIdentifiant>id/pronote</AttributIdentifiant>\
                 </AvecIdentifiantPronote></ModeIdentificationPremiereConnexion>",
            ),
            "AttributIdentifiant",
            "n'est pas un nom d'attribut CAS valide",
        ),
        (
            identity("<Profil code=\"ELEVE\"> ; </Profil>"),
            "PronoteNet",
            "PRONOTE.net : Indiquez, pour au moins un profil, les valeurs de l'attribut \
             « categories »",
        ),
        (
            identity(&format!(
                "<Profil code=\"ELEVE\">{}</Profil>",
                "x".repeat(65)
            )),
            "Profil",
            "profil ELEVE : La valeur",
        ),
        (
            identity("<Profil code=\"CPE\">b</Profil>"),
            "Profil",
            "code de profil « CPE » inconnu",
        ),
        (
            identity("<Profil code=\"ELEVE\">a</Profil><Profil code=\"ELEVE\">b</Profil>"),
            "Profil",
            "le profil « ELEVE » est donné deux fois",
        ),
        (
            identity("<Profil>a</Profil>"),
            "Profil",
            "attribut « code » obligatoire manquant",
        ),
        (
            feed_with(&format!(
                "<Nom>{}</Nom><Localisation>L</Localisation><PronoteNet>{DOUBLE}</PronoteNet>",
                "é".repeat(201)
            )),
            "Nom",
            "Le nom du modèle ne doit pas dépasser 200 caractères.",
        ),
        (
            feed_with(&format!(
                "<Nom>N</Nom><Localisation> </Localisation><PronoteNet>{DOUBLE}</PronoteNet>"
            )),
            "Localisation",
            "La localisation du modèle est obligatoire.",
        ),
        (
            feed_with(&format!(
                "{NAMES}<Description>{}</Description><PronoteNet>{DOUBLE}</PronoteNet>",
                "d".repeat(2_001)
            )),
            "Description",
            "2 000 caractères",
        ),
        (
            feed_with(&format!(
                "{NAMES}<UrlDocumentation>doc</UrlDocumentation><PronoteNet>{DOUBLE}</PronoteNet>"
            )),
            "UrlDocumentation",
            "n'est pas une adresse valide",
        ),
    ];
    for (xml, element, expected) in cases {
        let err = refusal(&xml);
        let FeedError::At {
            element: found,
            problem,
            ..
        } = &err
        else {
            panic!("placed error expected: {err}");
        };
        assert_eq!(found.as_deref(), Some(element), "{err}");
        assert!(
            matches!(
                problem,
                Problem::Invalid { .. } | Problem::MissingAttribute(_)
            ),
            "{err}"
        );
        assert!(err.to_string().contains(expected), "{err}\n{expected}");
    }
}
