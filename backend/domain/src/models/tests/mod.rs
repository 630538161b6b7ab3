//! Tests of the models, one file per part: `model` (clients, models,
//! lists and their checks), `diff`, `known`.

mod diff;
mod known;
mod model;

use super::*;
use std::collections::{BTreeMap, HashSet};

use crate::delegation::{
    AttributeName, CasUrls, CommonIdentifier, DelegationSettings, FirstConnectionMode,
    IdentityAttributes, Profile, ProfileValues,
};
use crate::web_url::WebUrl;

fn url(raw: &str) -> WebUrl {
    WebUrl::parse("url", raw).unwrap()
}

fn name(raw: &str) -> AttributeName {
    AttributeName::parse("attribute", raw).unwrap()
}

fn identity_settings(root: &str) -> ClientSettings {
    ClientSettings {
        common_identifier: CommonIdentifier::Subject,
        cas_urls: Some(CasUrls::standard(url(root))),
        first_connection: FirstConnectionMode::Identity(IdentityAttributes::short_names()),
    }
}

fn netocentre() -> EntModel {
    EntModel {
        name: "NetO'Centre (Région Centre : Mode avec alimentation)".to_owned(),
        location: "Région Centre-Val de Loire".to_owned(),
        description: Some("ENT des lycées\net collèges.".to_owned()),
        documentation_url: Some(url("https://www.netocentre.fr/pronote")),
        clients: Client::ALL
            .into_iter()
            .map(|c| (c, identity_settings("https://ent.netocentre.fr/cas")))
            .collect(),
    }
}

fn oze() -> EntModel {
    let settings = ClientSettings {
        common_identifier: CommonIdentifier::Attribute(name("idPronote")),
        cas_urls: Some(CasUrls::Custom {
            login: url("https://enc.hauts-de-seine.fr/cas/login"),
            validation: url("https://enc.hauts-de-seine.fr/cas/samlValidate"),
        }),
        first_connection: FirstConnectionMode::PronoteIdentifier {
            attribute: name("idPronote"),
        },
    };
    EntModel {
        name: "oZe Hauts-de-Seine".to_owned(),
        location: "Hauts-de-Seine".to_owned(),
        description: None,
        documentation_url: None,
        clients: BTreeMap::from([(Client::PronoteNet, settings)]),
    }
}
