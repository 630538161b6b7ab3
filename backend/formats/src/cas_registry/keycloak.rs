//! Keycloak with the CAS protocol extension (keycloak-protocol-cas): one
//! client representation per base, importable with the admin CLI
//! (`kcadm.sh create clients -r <realm> -f <file>`) or, all together, as a
//! partial realm import (`{"clients": [...]}`).
//!
//! The extension finds a client by matching the `service` against its
//! redirect URIs (a trailing `*` is the only wildcard) and releases the
//! attributes its protocol mappers produce (`cas-usermodel-attribute-mapper`:
//! the user attribute `user.attribute` under the name `claim.name`).
//! Keycloak clients have no equivalent of Apereo's required attribute
//! values: restricting populations is left to the realm (docs).

use serde_json::{Value, json};

use super::ServiceEntry;

/// The protocol mapper of a user attribute in the CAS extension.
pub const ATTRIBUTE_MAPPER: &str = "cas-usermodel-attribute-mapper";

/// `keycloak/<name>.json`.
pub fn file_name(entry: &ServiceEntry) -> String {
    format!("{}.json", entry.name)
}

/// The client representation of the entry.
pub fn to_json(entry: &ServiceEntry) -> Value {
    let profile = entry.required.as_ref().map(|r| r.attribute.as_str());
    let mappers: Vec<Value> = entry
        .attributes
        .iter()
        .map(|attribute| {
            let multivalued = Some(attribute.source.as_str()) == profile;
            json!({
                "name": attribute.name,
                "protocol": "cas",
                "protocolMapper": ATTRIBUTE_MAPPER,
                "consentRequired": false,
                "config": {
                    "user.attribute": attribute.source,
                    "claim.name": attribute.name,
                    "jsonType.label": "String",
                    "multivalued": if multivalued { "true" } else { "false" },
                },
            })
        })
        .collect();
    json!({
        "clientId": entry.name,
        "name": entry.name,
        "description": entry.description,
        "enabled": true,
        "protocol": "cas",
        "publicClient": true,
        "standardFlowEnabled": true,
        "frontchannelLogout": false,
        "rootUrl": entry.service_url,
        "redirectUris": [format!("{}*", entry.service_url)],
        "attributes": {
            "relais.id": entry.id.to_string(),
            "relais.uais": entry.uais.join(","),
            "relais.mode": entry.mode,
        },
        "protocolMappers": mappers,
    })
}

/// One client's file: pretty JSON, a final newline.
pub fn to_bytes(entry: &ServiceEntry) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(&to_json(entry)).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// Every client, as a partial realm import.
pub fn realm_import(entries: &[ServiceEntry]) -> Vec<u8> {
    let mut realm = RealmImport::new();
    for entry in entries {
        realm.push(&to_bytes(entry));
    }
    realm.finish()
}

/// A partial realm import built client by client from each client's own
/// file (`{"clients": [ … ]}`), so the clients are rendered once.
pub struct RealmImport {
    bytes: Vec<u8>,
    first: bool,
}

impl RealmImport {
    pub fn new() -> Self {
        Self {
            bytes: b"{\n\"clients\": [\n".to_vec(),
            first: true,
        }
    }

    /// Appends one client's file (as [`to_bytes`] wrote it).
    pub fn push(&mut self, client: &[u8]) {
        if !self.first {
            self.bytes.extend_from_slice(b",\n");
        }
        self.first = false;
        self.bytes.extend_from_slice(client.trim_ascii_end());
    }

    pub fn finish(mut self) -> Vec<u8> {
        self.bytes.extend_from_slice(b"\n]\n}\n");
        self.bytes
    }
}

impl Default for RealmImport {
    fn default() -> Self {
        Self::new()
    }
}
