//! Tests of the models feed, one file per part: `document` (the example,
//! the structure, unique names), `reader` (placing, text, DTDs and
//! entities, limits, encoding), `values` (the domain rules), `write` (the
//! round trip, against the schema).

mod document;
mod reader;
mod values;
mod write;

use std::collections::BTreeMap;

use super::*;
use relais_domain::delegation::{
    AttributeName, CasUrls, CommonIdentifier, FirstConnectionMode, IdentityAttributes, Profile,
    ProfileValues,
};
use relais_domain::models::{Client, ClientSettings, EntModel};
use relais_domain::web_url::WebUrl;

const EXAMPLE: &str = include_str!("../../../../../docs/formats/relais-models-1.example.xml");

fn parse_str(xml: &str) -> Result<ModelFeed> {
    parse(xml.as_bytes(), &Limits::default())
}

fn refusal(xml: &str) -> FeedError {
    parse_str(xml).unwrap_err()
}

/// A one-model document whose `<ENT>` content is `ent`.
fn feed_with(ent: &str) -> String {
    format!(
        "<ListeModeles xmlns=\"urn:relais:models:1\" version=\"relais-models/1\">\n\
         <ENT>\n{ent}\n</ENT>\n</ListeModeles>\n"
    )
}

const DOUBLE: &str = "<ModeIdentificationPremiereConnexion><DoubleAuthentification/>\
                      </ModeIdentificationPremiereConnexion>";

/// Validates `xml` with xmllint against the schema, expecting `valid`.
/// Skipped, with a note, where xmllint is not installed (CI installs
/// libxml2-utils).
fn xmllint(xml: &str, valid: bool) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let xsd = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/formats/relais-models-1.xsd"
    );
    let path = std::env::temp_dir().join(format!(
        "relais-models-{}-{}.xml",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::write(&path, xml).unwrap();
    let output = std::process::Command::new("xmllint")
        .args(["--noout", "--nonet", "--schema", xsd])
        .arg(&path)
        .output();
    let _ = std::fs::remove_file(&path);
    match output {
        Err(_) => eprintln!(
            "NOTE: xmllint is not installed (apt-get install libxml2-utils): \
             schema validation skipped"
        ),
        Ok(output) => assert_eq!(
            output.status.success(),
            valid,
            "xmllint: {}\n{xml}",
            String::from_utf8_lossy(&output.stderr)
        ),
    }
}

const NAMES: &str = "<Nom>N</Nom><Localisation>L</Localisation>";

fn net(content: &str) -> String {
    feed_with(&format!("{NAMES}<PronoteNet>{content}</PronoteNet>"))
}

fn identity(values: &str) -> String {
    net(&format!(
        "<ModeIdentificationPremiereConnexion><AvecIdentite>\
         <AttributNom>sn</AttributNom><AttributPrenom>givenName</AttributPrenom>\
         <AttributDateNaissance>dateNaissance</AttributDateNaissance>\
         <AttributProfil>categories</AttributProfil>\
         <ValeursProfil>{values}</ValeursProfil>\
         </AvecIdentite></ModeIdentificationPremiereConnexion>"
    ))
}

fn problem(xml: &str) -> Problem {
    refusal(xml).problem().cloned().unwrap()
}
