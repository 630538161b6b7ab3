//! The reader: errors placed, text, DTDs and entities, limits, encoding.

use super::*;

#[test]
fn errors_say_where_and_what_was_expected() {
    let xml = net(&format!(
        "<Url_ServeurCAS>\n  <Url>https://a.fr</Url>\n</Url_ServeurCAS>{DOUBLE}"
    ));
    let err = refusal(&xml);
    assert_eq!(err.position(), Some((4, 3)));
    assert_eq!(
        err.to_string(),
        "ligne 4, colonne 3, élément <Url_ServeurCAS> : attendu <UrlRacine> ou \
         <UrlAuthentification>, trouvé <Url>"
    );
    let FeedError::At { element, path, .. } = &err else {
        panic!("placed error expected");
    };
    assert_eq!(element.as_deref(), Some("Url_ServeurCAS"));
    assert_eq!(path, "ListeModeles/ENT[1]/PronoteNet/Url_ServeurCAS");

    // Columns count characters, not bytes.
    let xml = "<ListeModeles xmlns=\"urn:relais:models:1\" version=\"relais-models/1\">\n\
               <ENT>\n  <Nom>Écoles é</Nom> <Description>d</Description>\n</ENT>\n\
               </ListeModeles>";
    let err = refusal(xml);
    assert_eq!(
        err.to_string(),
        "ligne 3, colonne 23, élément <ENT> : attendu <Localisation>, trouvé <Description>"
    );

    // The second model is named in the path.
    let model = format!("<ENT>{NAMES}<PronoteNet>{DOUBLE}</PronoteNet></ENT>");
    let xml = format!(
        "<ListeModeles xmlns=\"urn:relais:models:1\" version=\"relais-models/1\">\r\n\
         {model}\r\n<ENT><Nom>M</Nom><Localisation>L</Localisation>\r\n\
         <PronoteNet><AttributIDCas>id pronote</AttributIDCas>{DOUBLE}</PronoteNet></ENT>\r\n\
         </ListeModeles>"
    );
    let err = refusal(&xml);
    assert_eq!(err.position(), Some((4, 13)));
    let FeedError::At { path, problem, .. } = &err else {
        panic!("placed error expected");
    };
    assert_eq!(path, "ListeModeles/ENT[2]/PronoteNet/AttributIDCas");
    assert!(
        matches!(problem, Problem::Invalid { field: "commonIdentifier", message }
            if message.contains("n'est pas un nom d'attribut CAS valide")),
        "{problem:?}"
    );
}

#[test]
fn text_is_unescaped_trimmed_and_folded() {
    let xml = "\u{feff}<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!-- en-tête -->\n\
         <ListeModeles xmlns=\"urn:relais:models:1\" xmlns:xsi=\
         \"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"urn:relais:models:1 \
         relais-models-1.xsd\" version=\" relais-models/1 \">\n<ENT>\n\
         <Nom>\n  A &amp; B\n  &#233;&#xE9; &lt;<![CDATA[<x> & y]]>&gt; &apos;&quot;</Nom>\n\
         <Localisation><!-- c -->Région   Centre</Localisation>\n\
         <Description>\r\n  ligne 1\r\n\tligne 2  \n</Description>\n\
         <PronoteNet><?pi x?><Url_ServeurCAS><UrlRacine> HTTPS://ENT.Example.FR/cas/ \
         </UrlRacine></Url_ServeurCAS>\
         <ModeIdentificationPremiereConnexion><RefuserAcces></RefuserAcces>\
         </ModeIdentificationPremiereConnexion></PronoteNet>\n</ENT>\n</ListeModeles>\n\
         <!-- fin -->\n";
    let feed = parse_str(xml).unwrap();
    let model = &feed.models[0];
    assert_eq!(model.name, "A & B éé <<x> & y> '\"");
    assert_eq!(model.location, "Région Centre");
    assert_eq!(model.description.as_deref(), Some("ligne 1\n\tligne 2"));
    let net = &model.clients[&Client::PronoteNet];
    assert_eq!(
        net.cas_urls,
        Some(CasUrls::standard(
            WebUrl::parse("u", "https://ent.example.fr/cas").unwrap()
        ))
    );
    assert_eq!(net.first_connection, FirstConnectionMode::RefuseAccess);
    assert_eq!(feed.check(), Ok(()));
}

#[test]
fn dtds_and_entities_are_refused_quickly() {
    // Billion laughs: refused at the DOCTYPE, before any expansion.
    let mut laughs =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
    for i in 1..10 {
        let previous = if i == 1 {
            "lol".to_owned()
        } else {
            format!("lol{}", i - 1)
        };
        laughs.push_str(&format!(
            " <!ENTITY lol{i} \"{}\">\n",
            format!("&{previous};").repeat(10)
        ));
    }
    laughs.push_str(
        "]>\n<ListeModeles xmlns=\"urn:relais:models:1\" version=\"relais-models/1\">\
                     <ENT><Nom>&lol9;</Nom></ENT></ListeModeles>",
    );
    let started = std::time::Instant::now();
    let err = refusal(&laughs);
    assert!(started.elapsed() < std::time::Duration::from_millis(100));
    assert_eq!(err.problem(), Some(&Problem::DtdRefused));
    assert_eq!(err.position(), Some((2, 1)));
    assert_eq!(
        err.to_string(),
        "ligne 2, colonne 1 : les déclarations <!DOCTYPE> (DTD) sont refusées : le flux ne \
         doit déclarer ni DTD ni entité"
    );

    // External entities: refused at the DOCTYPE too.
    for doctype in [
        "<!DOCTYPE ListeModeles SYSTEM \"file:///etc/passwd\">",
        "<!DOCTYPE ListeModeles [<!ENTITY xxe SYSTEM \"http://169.254.169.254/\">]>",
        "<!DOCTYPE ListeModeles>",
        "<!DOCTYPE",
    ] {
        let xml = format!("{doctype}<ListeModeles>&xxe;</ListeModeles>");
        assert_eq!(problem(&xml), Problem::DtdRefused, "{doctype}");
    }
    // A DOCTYPE after the root's start is refused as well.
    let xml = net(DOUBLE).replace("<ENT>", "<!DOCTYPE x><ENT>");
    assert!(matches!(
        problem(&xml),
        Problem::DtdRefused | Problem::Malformed(_)
    ));

    // Without a DTD, only the predefined entities exist.
    let xml = feed_with("<Nom>&lol;</Nom>");
    assert_eq!(problem(&xml), Problem::Entity("lol".into()));
    let xml = feed_with("<Nom>&#0;</Nom>");
    assert!(matches!(problem(&xml), Problem::Malformed(m) if m.contains("&#0;")));
    let xml = feed_with("<Nom>&#x1;</Nom>");
    assert!(matches!(problem(&xml), Problem::Malformed(_)));
    let xml = identity("<Profil code=\"&xxe;\">a</Profil>");
    assert_eq!(problem(&xml), Problem::Entity("xxe".into()));
    let xml = "<ListeModeles xmlns=\"urn:relais:models:1\" version=\"&v;\"/>";
    assert_eq!(problem(xml), Problem::Entity("v".into()));
}

#[test]
fn limits_are_enforced() {
    let xml = net(DOUBLE);
    assert!(parse_str(&xml).is_ok());

    let limits = Limits {
        max_bytes: xml.len() - 1,
        ..Limits::default()
    };
    let err = parse(xml.as_bytes(), &limits).unwrap_err();
    assert_eq!(
        err,
        FeedError::TooLarge {
            size: xml.len(),
            max: xml.len() - 1
        }
    );
    assert!(
        err.to_string()
            .starts_with("le flux dépasse la taille maximale")
    );
    assert_eq!(err.position(), None);

    // ListeModeles > ENT > PronoteNet > Mode > DoubleAuthentification.
    let limits = Limits {
        max_depth: 4,
        ..Limits::default()
    };
    let err = parse(xml.as_bytes(), &limits).unwrap_err();
    assert_eq!(err.problem(), Some(&Problem::TooDeep { max: 4 }));
    assert!(
        err.to_string()
            .contains("élément <ModeIdentificationPremiereConnexion> : plus de 4 niveaux"),
        "{err}"
    );
    let limits = Limits {
        max_depth: 5,
        ..Limits::default()
    };
    assert!(parse(xml.as_bytes(), &limits).is_ok());

    // 7 elements: ListeModeles, ENT, Nom, Localisation, PronoteNet, Mode, Double.
    let limits = Limits {
        max_elements: 6,
        ..Limits::default()
    };
    let err = parse(xml.as_bytes(), &limits).unwrap_err();
    assert_eq!(err.problem(), Some(&Problem::TooManyElements { max: 6 }));
    let limits = Limits {
        max_elements: 7,
        ..Limits::default()
    };
    assert!(parse(xml.as_bytes(), &limits).is_ok());

    let two = write(&parse_str(EXAMPLE).unwrap());
    let limits = Limits {
        max_models: 1,
        ..Limits::default()
    };
    let err = parse(two.as_bytes(), &limits).unwrap_err();
    assert_eq!(err.problem(), Some(&Problem::TooManyModels { max: 1 }));
    assert!(err.to_string().contains("plus de 1 modèles <ENT>"), "{err}");

    // Deep nesting of unknown elements stops at the first stranger.
    let deep = format!(
        "<ListeModeles xmlns=\"urn:relais:models:1\" version=\"relais-models/1\">{}",
        "<a>".repeat(100_000)
    );
    assert!(matches!(
        problem(&deep),
        Problem::Unexpected { found, .. } if found == "<a>"
    ));
    // Deep nesting in text elements hits the depth limit.
    let limits = Limits {
        max_depth: 16,
        ..Limits::default()
    };
    let deep = feed_with(&format!("<Nom>{}", "<Nom>".repeat(100)));
    assert!(matches!(
        parse(deep.as_bytes(), &limits).unwrap_err().problem(),
        Some(Problem::Unexpected { .. })
    ));
}

#[test]
fn bytes_that_are_not_utf8_are_placed() {
    let mut bytes = net(DOUBLE).into_bytes();
    let at = bytes.windows(6).position(|w| w == b"<Nom>N").unwrap();
    bytes.insert(at + 6, 0xe9);
    let err = parse(&bytes, &Limits::default()).unwrap_err();
    assert_eq!(err.problem(), Some(&Problem::NotUtf8));
    assert_eq!(err.position(), Some((3, 7)));
    assert_eq!(
        err.to_string(),
        "ligne 3, colonne 7 : le flux n'est pas encodé en UTF-8"
    );
}
