//! Each format against a reviewed example, the round trip of the Apereo
//! registry, bad inputs, the diff and the archive.

use relais_domain::delegation::{
    AttributeName, CasUrls, CommonIdentifier, DelegationSettings, Espace, EspaceDelegation,
    FirstConnectionMode, IdentityAttributes,
};
use relais_domain::web_url::WebUrl;
use serde_json::json;

use super::*;

pub(crate) const BASE_ID: &str = "0b6f3c2e-6a55-4d1b-9d8e-3f0f1f7c9a10";
const BASE_NUMBER: i64 = 104_321_974_533_651;
const PUBLIC: &str = "https://0410017w.index-education.net/pronote";

fn url(raw: &str) -> WebUrl {
    WebUrl::parse("url", raw).unwrap()
}

/// A cité scolaire on NetO'Centre-like settings: every espace on CAS,
/// identity with the short names, SAML 1.1.
pub(crate) fn cite() -> BaseSource {
    BaseSource {
        base_id: BASE_ID.to_owned(),
        label: "Lycée Jean Moulin".to_owned(),
        uais: vec!["0410017W".to_owned(), "0410018X".to_owned()],
        public_url: Some(url(PUBLIC)),
        settings: DelegationSettings::advised(
            url("https://ent.netocentre.fr/cas"),
            IdentityAttributes::short_names(),
        ),
    }
}

fn one(base: &BaseSource, mapping: &AttributeMapping) -> ServiceEntry {
    let registry = build([base], mapping);
    assert_eq!(registry.entries.len(), 1, "{:?}", registry.report);
    registry.entries.into_iter().next().unwrap()
}

#[test]
fn apereo_service_of_an_identity_base_is_the_reviewed_example() {
    let entry = one(&cite(), &AttributeMapping::default());
    // Reviewed by hand against the Apereo CAS JSON registry documentation:
    // CasRegisteredService, Jackson collections as [class, [values]],
    // allowed attributes exactly the identity mode's. No access strategy:
    // see the next test.
    let expected = json!({
        "@class": "org.apereo.cas.services.CasRegisteredService",
        "serviceId": "^https://0410017w\\.index-education\\.net/pronote/.*$",
        "name": "PRONOTE-0410017W",
        "id": BASE_NUMBER,
        "description": "PRONOTE — Lycée Jean Moulin (0410017W, 0410018X)",
        "evaluationOrder": 9956,
        "supportedProtocols": ["java.util.HashSet", ["SAML1"]],
        "attributeReleasePolicy": {
            "@class": "org.apereo.cas.services.ReturnAllowedAttributeReleasePolicy",
            "allowedAttributes": ["java.util.ArrayList",
                ["categories", "codePostal", "dateNaissance", "nom", "prenom"]]
        },
        "properties": {
            "@class": "java.util.HashMap",
            "relaisServiceUrl": {
                "@class": "org.apereo.cas.services.DefaultRegisteredServiceProperty",
                "values": ["java.util.HashSet", ["https://0410017w.index-education.net/pronote/"]]
            },
            "relaisDirectAccessUrl": {
                "@class": "org.apereo.cas.services.DefaultRegisteredServiceProperty",
                "values": ["java.util.HashSet", ["https://0410017w.index-education.net/pronote/?login=true"]]
            },
            "relaisUais": {
                "@class": "org.apereo.cas.services.DefaultRegisteredServiceProperty",
                "values": ["java.util.HashSet", ["0410017W", "0410018X"]]
            },
            "relaisMode": {
                "@class": "org.apereo.cas.services.DefaultRegisteredServiceProperty",
                "values": ["java.util.HashSet", ["IDENTITY"]]
            }
        }
    });
    assert_eq!(apereo::to_json(&entry), expected);
    assert_eq!(
        apereo::file_name(&entry),
        format!("PRONOTE-0410017W-{BASE_NUMBER}.json")
    );
}

#[test]
fn every_espace_on_cas_with_profiles_lacking_values_is_not_restricted_but_noted() {
    // The advised settings delegate Académie (Inspecteur) and Entreprise
    // (Maître de stage), which have no recommended profile value:
    // restricting would lock them out, so the report says so.
    let registry = build([&cite()], &AttributeMapping::default());
    let entry = &registry.entries[0];
    assert_eq!(entry.required, None);
    assert_eq!(registry.report.len(), 1, "{:?}", registry.report);
    let note = &registry.report[0];
    assert_eq!(note.level, ReportLevel::Note);
    assert_eq!(note.code, "ACCESS_NOT_RESTRICTED");
    assert!(
        note.message.contains("profil Inspecteur") && note.message.contains("« categories »"),
        "{}",
        note.message
    );
}

/// The cité with only the pupils', parents', teachers' and staff espaces on
/// CAS (the others on « Aucune »).
fn four_populations() -> BaseSource {
    let mut base = cite();
    for espace in [Espace::Entreprise, Espace::Academie] {
        base.settings.espaces.set(espace, EspaceDelegation::Aucune);
    }
    base
}

#[test]
fn access_is_restricted_to_the_delegated_populations() {
    let mut base = four_populations();
    base.settings
        .espaces
        .set(Espace::Parents, EspaceDelegation::Aucune);
    let registry = build([&base], &AttributeMapping::default());
    assert!(registry.report.is_empty(), "{:?}", registry.report);
    let entry = &registry.entries[0];
    // Pupils, teachers, staff (Direction, Vie scolaire, Accompagnant): no parents.
    assert_eq!(
        entry.required,
        Some(RequiredValues {
            attribute: "categories".into(),
            values: vec![
                "National_1".into(),
                "National_3".into(),
                "National_4".into()
            ],
        })
    );
    let json = apereo::to_json(entry);
    assert_eq!(
        json["accessStrategy"],
        json!({
            "@class": "org.apereo.cas.services.DefaultRegisteredServiceAccessStrategy",
            "enabled": true,
            "ssoEnabled": true,
            "requireAllAttributes": true,
            "requiredAttributes": {
                "@class": "java.util.HashMap",
                "categories": ["java.util.HashSet", ["National_1", "National_3", "National_4"]]
            }
        })
    );
}

#[test]
fn different_internal_names_give_a_mapped_release_policy() {
    let mapping = AttributeMapping(
        [
            ("nom", "sn"),
            ("prenom", "givenName"),
            ("categories", "ENTPersonProfils"),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
        .collect(),
    );
    let entry = one(&four_populations(), &mapping);
    assert!(entry.is_mapped());
    let json = apereo::to_json(&entry);
    assert_eq!(
        json["attributeReleasePolicy"],
        json!({
            "@class": "org.apereo.cas.services.ReturnMappedAttributeReleasePolicy",
            "allowedAttributes": {
                "@class": "java.util.TreeMap",
                "ENTPersonProfils": "categories",
                "codePostal": "codePostal",
                "dateNaissance": "dateNaissance",
                "givenName": "prenom",
                "sn": "nom"
            }
        })
    );
    // The access strategy reads the principal's (internal) attribute.
    assert!(
        json["accessStrategy"]["requiredAttributes"]["ENTPersonProfils"].is_array(),
        "{json}"
    );
}

#[test]
fn pronote_identifier_with_cas2_validation() {
    let mut base = cite();
    let id = AttributeName::parse("a", "idPronote").unwrap();
    base.settings.common_identifier = CommonIdentifier::Attribute(id.clone());
    base.settings.first_connection = FirstConnectionMode::PronoteIdentifier { attribute: id };
    base.settings.cas_urls = Some(CasUrls::Custom {
        login: url("https://ent.example.fr/cas/login"),
        validation: url("https://ent.example.fr/cas/serviceValidate"),
    });
    let entry = one(&base, &AttributeMapping::default());
    assert_eq!(entry.mode, "PRONOTE_IDENTIFIER");
    assert_eq!(entry.validation, Validation::Cas2);
    assert_eq!(entry.required, None, "no profile attribute in this mode");
    let json = apereo::to_json(&entry);
    assert_eq!(
        json["attributeReleasePolicy"]["allowedAttributes"],
        json!(["java.util.ArrayList", ["idPronote"]])
    );
    assert_eq!(
        json["supportedProtocols"],
        json!(["java.util.HashSet", ["CAS20"]])
    );
    assert!(json.get("accessStrategy").is_none());
}

#[test]
fn ids_are_stable_and_regexes_anchored_and_escaped() {
    let first = build([&cite()], &AttributeMapping::default());
    let second = build([&cite()], &AttributeMapping::default());
    assert_eq!(first, second);
    assert_eq!(first.entries[0].id, BASE_NUMBER);
    assert_eq!(stable_id(BASE_ID), BASE_NUMBER);
    assert!(stable_id("another") > 0 && stable_id("another") < 1 << 48);
    let entry = &first.entries[0];
    assert!(entry.service_id.starts_with('^') && entry.service_id.ends_with("/.*$"));
    assert_eq!(
        regex_escape("https://a.b/p?x=(1)+[2]{3}|^$*\\"),
        "https://a\\.b/p\\?x=\\(1\\)\\+\\[2\\]\\{3\\}\\|\\^\\$\\*\\\\"
    );
    // The service and the direct-access form both start with the pattern's
    // literal prefix (the regex engines are the CAS servers').
    let prefix = "https://0410017w.index-education.net/pronote/";
    assert!(entry.service_url.starts_with(prefix));
    assert!(entry.direct_access_url.starts_with(prefix));
    assert_eq!(entry.direct_access_url, format!("{prefix}?login=true"));
}

#[test]
fn bad_bases_get_a_reason_instead_of_an_entry() {
    let mut no_url = cite();
    no_url.base_id = "7c1d2e3f-0000-4000-8000-000000000002".into();
    no_url.uais = vec!["0690028F".into()];
    no_url.public_url = None;
    let mut no_cas = cite();
    no_cas.base_id = "no-cas".into();
    no_cas.uais = vec!["0180005H".into()];
    no_cas.settings = DelegationSettings::initial();
    let mut double = four_populations();
    double.base_id = "double".into();
    double.uais = vec!["0370001A".into()];
    double.public_url = Some(url("https://double.index-education.net/pronote"));
    double.settings.first_connection = FirstConnectionMode::DoubleAuthentication;

    let registry = build([&no_url, &no_cas, &double], &AttributeMapping::default());
    let codes: Vec<(&str, &str, ReportLevel)> = registry
        .report
        .iter()
        .map(|l| (l.uai.as_str(), l.code.as_str(), l.level))
        .collect();
    assert_eq!(
        codes,
        [
            ("0690028F", "PUBLIC_URL_MISSING", ReportLevel::Skipped),
            ("0180005H", "CAS_NOT_USED", ReportLevel::Skipped),
            ("0370001A", "NO_ATTRIBUTES_NEEDED", ReportLevel::Note),
        ]
    );
    assert!(
        registry.report[0]
            .message
            .contains("l'adresse publique de PRONOTE.net n'est pas renseignée")
    );
    assert!(
        registry.report[2]
            .message
            .contains("Double authentification")
    );
    // The double-authentication base is still authorised, releasing nothing.
    assert_eq!(registry.entries.len(), 1);
    let json = apereo::to_json(&registry.entries[0]);
    assert_eq!(
        json["attributeReleasePolicy"],
        json!({ "@class": "org.apereo.cas.services.DenyAllAttributeReleasePolicy" })
    );
}

#[test]
fn an_exported_apereo_registry_reads_back_to_the_same_services() {
    let mut other = four_populations();
    other.base_id = "other".into();
    other.uais = vec!["0370001A".into()];
    other.public_url = Some(url("https://autre.index-education.net/pronote"));
    let mapped = AttributeMapping([("nom".to_owned(), "sn".to_owned())].into_iter().collect());
    let registry = build([&cite(), &other], &mapped);
    let files: Vec<(String, Vec<u8>)> = registry
        .entries
        .iter()
        .map(|e| {
            (
                format!("apereo/{}", apereo::file_name(e)),
                apereo::to_bytes(e),
            )
        })
        .collect();
    let back = apereo::read(files.iter().map(|(n, b)| (n.as_str(), b.as_slice()))).unwrap();
    assert_eq!(back, registry.entries);

    // A file renamed by hand, or not a CAS service, is named in French.
    let wrong = apereo::read([("x.json", files[0].1.as_slice())]).unwrap_err();
    assert!(
        wrong
            .to_string()
            .starts_with("x.json : le nom du fichier devrait être"),
        "{wrong}"
    );
    let saml = br#"{"@class":"org.apereo.cas.support.saml.services.SamlRegisteredService"}"#;
    let wrong = apereo::read([("s.json", saml.as_slice())]).unwrap_err();
    assert!(
        wrong.message.contains("n'est pas un service CAS"),
        "{wrong}"
    );
}

#[test]
fn keycloak_client_has_a_mapper_per_attribute() {
    let entry = one(&four_populations(), &AttributeMapping::default());
    let client = keycloak::to_json(&entry);
    assert_eq!(client["protocol"], "cas");
    assert_eq!(client["clientId"], "PRONOTE-0410017W");
    assert_eq!(
        client["redirectUris"],
        json!(["https://0410017w.index-education.net/pronote/*"])
    );
    let mappers = client["protocolMappers"].as_array().unwrap();
    let names: Vec<&str> = mappers
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["categories", "codePostal", "dateNaissance", "nom", "prenom"]
    );
    assert_eq!(
        mappers[0],
        json!({
            "name": "categories",
            "protocol": "cas",
            "protocolMapper": "cas-usermodel-attribute-mapper",
            "consentRequired": false,
            "config": {
                "user.attribute": "categories",
                "claim.name": "categories",
                "jsonType.label": "String",
                "multivalued": "true"
            }
        })
    );
    assert_eq!(mappers[3]["config"]["multivalued"], "false");
    let realm: serde_json::Value =
        serde_json::from_slice(&keycloak::realm_import(std::slice::from_ref(&entry))).unwrap();
    assert_eq!(realm["clients"][0], client);
}

#[test]
fn django_fixture_has_patterns_attributes_and_filters() {
    let entry = one(
        &four_populations(),
        &AttributeMapping([("nom".to_owned(), "sn".to_owned())].into_iter().collect()),
    );
    let fixture = django::fixture(std::slice::from_ref(&entry));
    let rows = fixture.as_array().unwrap();
    assert_eq!(rows.len(), 1 + 5 + 1);
    assert_eq!(
        rows[0],
        json!({
            "model": "cas_server.servicepattern",
            "pk": 1,
            "fields": {
                "pos": 1,
                "name": "PRONOTE-0410017W",
                "pattern": "^https://0410017w\\.index-education\\.net/pronote/.*$",
                "user_field": "",
                "restrict_users": false,
                "proxy": false,
                "proxy_callback": false,
                "single_log_out": false,
                "single_log_out_callback": ""
            }
        })
    );
    let renamed = rows.iter().find(|r| r["fields"]["name"] == "sn").unwrap();
    assert_eq!(renamed["model"], "cas_server.replaceattributname");
    assert_eq!(renamed["fields"]["replace"], "nom");
    assert_eq!(renamed["fields"]["service_pattern"], 1);
    let filter = rows.last().unwrap();
    assert_eq!(filter["model"], "cas_server.filterattributvalue");
    assert_eq!(filter["fields"]["attribut"], "categories");
    assert_eq!(
        filter["fields"]["pattern"],
        "^(?:National_1|National_2|National_3|National_4)$"
    );
}

#[test]
fn csv_lists_one_base_per_line() {
    let entry = one(&four_populations(), &AttributeMapping::default());
    let text = String::from_utf8(csv::to_bytes(std::slice::from_ref(&entry))).unwrap();
    let mut lines = text.split("\r\n");
    assert_eq!(
        lines.next().unwrap(),
        "nom;url_service;url_acces_direct;expression_reguliere;uai;mode_identification;\
         attributs;attribut_profil;valeurs_profil;validation"
    );
    assert_eq!(
        lines.next().unwrap(),
        "PRONOTE-0410017W;https://0410017w.index-education.net/pronote/;\
         https://0410017w.index-education.net/pronote/?login=true;\
         ^https://0410017w\\.index-education\\.net/pronote/.*$;0410017W|0410018X;IDENTITY;\
         categories|codePostal|dateNaissance|nom|prenom;categories;\
         National_1|National_2|National_3|National_4;SAML11"
    );
}

#[test]
fn the_diff_names_services_fields_and_files() {
    let mut moved = four_populations();
    let mut gone = four_populations();
    gone.base_id = "gone".into();
    gone.uais = vec!["0370001A".into()];
    gone.public_url = Some(url("https://gone.index-education.net/pronote"));
    let before = build([&moved, &gone], &AttributeMapping::default()).entries;

    // At the rentrée the cité moves to a new address and drops the
    // postal code; another base appears.
    moved.public_url = Some(url("https://0410017w.pronote.fr/pronote"));
    if let FirstConnectionMode::Identity(identity) = &mut moved.settings.first_connection {
        identity.postal_code = None;
    }
    moved
        .settings
        .espaces
        .set(Espace::Parents, EspaceDelegation::Aucune);
    let mut new = four_populations();
    new.base_id = "new".into();
    new.uais = vec!["0180005H".into()];
    new.public_url = Some(url("https://new.index-education.net/pronote"));
    let after = build([&moved, &new], &AttributeMapping::default()).entries;

    let diff = diff(&before, &after);
    assert!(!diff.is_empty());
    assert_eq!(diff.added.len(), 1);
    assert_eq!(diff.added[0].name, "PRONOTE-0180005H");
    assert_eq!(diff.removed.len(), 1);
    assert_eq!(diff.removed[0].name, "PRONOTE-0370001A");
    assert_eq!(diff.changed.len(), 1);
    let fields: Vec<&str> = diff.changed[0]
        .fields
        .iter()
        .map(|f| f.field.as_str())
        .collect();
    assert_eq!(
        fields,
        [
            "serviceId",
            "serviceUrl",
            "directAccessUrl",
            "evaluationOrder",
            "attributes",
            "requiredValues"
        ]
    );
    let attributes = &diff.changed[0].fields[4];
    assert_eq!(
        attributes.before,
        "categories, codePostal, dateNaissance, nom, prenom"
    );
    assert_eq!(attributes.after, "categories, dateNaissance, nom, prenom");
    let required = &diff.changed[0].fields[5];
    assert_eq!(
        required.after,
        "categories ∈ {National_1, National_3, National_4}"
    );

    let files = diff.files();
    assert_eq!(files.add, [apereo::file_name(&diff.added[0])]);
    assert_eq!(
        files.replace,
        [format!("PRONOTE-0410017W-{BASE_NUMBER}.json")]
    );
    assert_eq!(files.delete, [apereo::file_name(&diff.removed[0])]);
    assert!(super::diff(&after, &after).is_empty());
}

/// Every file of a ZIP archive, `(name, bytes)` in directory order, read
/// with the zip crate (which checks each CRC).
fn read_archive(bytes: &[u8]) -> zip::result::ZipResult<Vec<(String, Vec<u8>)>> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))?;
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i)?;
            let mut data = Vec::new();
            file.read_to_end(&mut data)?;
            Ok((file.name()?.into_owned(), data))
        })
        .collect()
}

#[test]
fn the_archive_holds_every_format_and_the_report() {
    let mut no_url = cite();
    no_url.base_id = "no-url".into();
    no_url.uais = vec!["0690028F".into()];
    no_url.public_url = None;
    let registry = build([&four_populations(), &no_url], &AttributeMapping::default());
    let actions = diff(&[], &registry.entries).files();
    let bytes = archive::write(Vec::new(), &registry, Some(&actions)).unwrap();
    let again = archive::write(Vec::new(), &registry, Some(&actions)).unwrap();
    assert_eq!(bytes, again, "same registry, same bytes");
    let files = read_archive(&bytes).unwrap();
    assert!(read_archive(&bytes[..bytes.len() - 1]).is_err());
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    let apereo_file = format!("apereo/PRONOTE-0410017W-{BASE_NUMBER}.json");
    assert_eq!(
        names,
        [
            "LISEZMOI.txt",
            apereo_file.as_str(),
            "keycloak/PRONOTE-0410017W.json",
            "keycloak/realm-clients.json",
            "django-cas-server/pronote-services.json",
            "pronote-services.csv",
        ]
    );
    let readme = String::from_utf8(files[0].1.clone()).unwrap();
    assert!(
        readme.contains("[PUBLIC_URL_MISSING] Base 0690028F"),
        "{readme}"
    );
    assert!(
        readme.contains(&format!("Fichiers à ajouter (1) :\r\n- {apereo_file}")),
        "{readme}"
    );
    let back = apereo::read([(apereo_file.as_str(), files[1].1.as_slice())]).unwrap();
    assert_eq!(back, registry.entries);
}

#[test]
fn one_entry_in_each_format() {
    let entry = one(&four_populations(), &AttributeMapping::default());
    for format in archive::Format::ALL {
        assert_eq!(archive::Format::parse(format.as_str()), Some(format));
        let (name, bytes) = archive::render_one(&entry, format);
        assert!(name.starts_with("PRONOTE-0410017W"), "{name}");
        assert!(!bytes.is_empty());
    }
    assert_eq!(archive::Format::parse("xml"), None);
}

/// Entries covering every branch of the two per-service formats: plain,
/// restricted, mapped, denying all, several UAIs, characters JSON escapes,
/// a profile attribute sorting before `@class`.
fn varied_entries() -> Vec<ServiceEntry> {
    let plain = one(&cite(), &AttributeMapping::default());
    let mut restricted = one(&four_populations(), &AttributeMapping::default());
    restricted.required = Some(RequiredValues {
        attribute: "categories".into(),
        values: vec!["National_1".into(), "National_3".into()],
    });
    let mapping = AttributeMapping(
        [("nom", "sn"), ("categories", "ENTPersonProfils")]
            .into_iter()
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
            .collect(),
    );
    let mapped = one(&four_populations(), &mapping);
    let mut deny_all = plain.clone();
    deny_all.attributes.clear();
    deny_all.mode = "DOUBLE_AUTHENTICATION".into();
    let mut odd = restricted.clone();
    odd.description = "Lycée « Jean \"Moulin\" » \\ \u{1}\ttab".into();
    odd.uais = vec!["0410017W".into(), "0410018X".into(), "0410019Y".into()];
    odd.required = Some(RequiredValues {
        attribute: "0profil".into(),
        values: vec!["a\"b".into()],
    });
    odd.attributes.push(ReleasedAttribute {
        name: "0profil".into(),
        source: "0profil".into(),
    });
    let mut empty = plain.clone();
    empty.uais.clear();
    empty.validation = Validation::Cas3;
    vec![plain, restricted, mapped, deny_all, odd, empty]
}

#[test]
fn the_typed_renderings_write_the_bytes_of_the_json_trees() {
    // The archive writes each file from borrowed fields (no JSON tree per
    // service): the bytes must be those of the reviewed trees, printed.
    for entry in varied_entries() {
        let mut apereo_tree = serde_json::to_vec_pretty(&apereo::to_json(&entry)).unwrap();
        apereo_tree.push(b'\n');
        assert_eq!(
            String::from_utf8(apereo::to_bytes(&entry)).unwrap(),
            String::from_utf8(apereo_tree).unwrap()
        );
        let mut keycloak_tree = serde_json::to_vec_pretty(&keycloak::to_json(&entry)).unwrap();
        keycloak_tree.push(b'\n');
        assert_eq!(
            String::from_utf8(keycloak::to_bytes(&entry)).unwrap(),
            String::from_utf8(keycloak_tree).unwrap()
        );
        // Appending to a buffer already holding a file.
        let mut buffer = b"x".to_vec();
        apereo::write_to(&entry, &mut buffer);
        assert_eq!(&buffer[1..], apereo::to_bytes(&entry).as_slice());
    }
}

#[test]
fn a_large_archive_holds_every_service_in_order_and_reads_back() {
    // More services than one batch, an odd number: the halves of every
    // batch are copied in order, the last batch's first half is short.
    let sources: Vec<BaseSource> = (0..1_101)
        .map(|i| {
            let mut base = four_populations();
            base.base_id = format!("base-{i}");
            base.uais = vec![format!("{:07}A", 4_100_000 + i)];
            base.public_url = Some(url(&format!("https://b{i}.index-education.net/pronote")));
            base
        })
        .collect();
    let registry = build(&sources, &AttributeMapping::default());
    assert_eq!(registry.entries.len(), 1_101);
    let bytes = archive::write(Vec::new(), &registry, None).unwrap();
    assert_eq!(bytes, archive::write(Vec::new(), &registry, None).unwrap());
    let files = read_archive(&bytes).unwrap();
    assert_eq!(files.len(), 1 + 2 * 1_101 + 3);
    for (i, entry) in registry.entries.iter().enumerate() {
        let (apereo_name, apereo_bytes) = &files[1 + 2 * i];
        assert_eq!(apereo_name, &format!("apereo/{}", apereo::file_name(entry)));
        assert_eq!(apereo_bytes, &apereo::to_bytes(entry));
        let (keycloak_name, keycloak_bytes) = &files[2 + 2 * i];
        assert_eq!(
            keycloak_name,
            &format!("keycloak/{}", keycloak::file_name(entry))
        );
        assert_eq!(keycloak_bytes, &keycloak::to_bytes(entry));
    }
    let (realm_name, realm) = &files[1 + 2 * 1_101];
    assert_eq!(realm_name, "keycloak/realm-clients.json");
    assert_eq!(realm, &keycloak::realm_import(&registry.entries));
    let realm: serde_json::Value = serde_json::from_slice(realm).unwrap();
    assert_eq!(realm["clients"].as_array().unwrap().len(), 1_101);
}
