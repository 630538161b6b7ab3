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

use std::io::Write;

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
    let mut bytes = Vec::with_capacity(2048);
    write_to(entry, &mut bytes);
    bytes
}

/// Appends the client's file to `out`: the same bytes as [`to_json`]
/// printed pretty, from borrowed fields (see `apereo::write_to`).
pub fn write_to(entry: &ServiceEntry, out: &mut Vec<u8>) {
    let client = typed::Client::of(entry);
    // Serializing borrowed strings into a Vec cannot fail.
    let _ = serde_json::to_writer_pretty(&mut *out, &client);
    out.push(b'\n');
}

/// The client as borrowed, typed fields in the order of their sorted keys.
mod typed {
    use std::fmt;

    use serde::{Serialize, Serializer};

    use super::{ATTRIBUTE_MAPPER, ServiceEntry};

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    pub(super) struct Client<'a> {
        attributes: Attributes<'a>,
        client_id: &'a str,
        description: &'a str,
        enabled: bool,
        frontchannel_logout: bool,
        name: &'a str,
        protocol: &'static str,
        protocol_mappers: Mappers<'a>,
        public_client: bool,
        redirect_uris: [Shown<Wildcard<'a>>; 1],
        root_url: &'a str,
        standard_flow_enabled: bool,
    }

    impl<'a> Client<'a> {
        pub(super) fn of(entry: &'a ServiceEntry) -> Self {
            Self {
                attributes: Attributes {
                    id: Shown(entry.id),
                    mode: &entry.mode,
                    uais: Shown(Joined(&entry.uais)),
                },
                client_id: &entry.name,
                description: &entry.description,
                enabled: true,
                frontchannel_logout: false,
                name: &entry.name,
                protocol: "cas",
                protocol_mappers: Mappers(entry),
                public_client: true,
                redirect_uris: [Shown(Wildcard(&entry.service_url))],
                root_url: &entry.service_url,
                standard_flow_enabled: true,
            }
        }
    }

    #[derive(Serialize)]
    struct Attributes<'a> {
        #[serde(rename = "relais.id")]
        id: Shown<i64>,
        #[serde(rename = "relais.mode")]
        mode: &'a str,
        #[serde(rename = "relais.uais")]
        uais: Shown<Joined<'a>>,
    }

    /// A value written as the JSON string of its `Display`.
    struct Shown<T>(T);

    impl<T: fmt::Display> Serialize for Shown<T> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_str(&self.0)
        }
    }

    /// `<url>*`.
    struct Wildcard<'a>(&'a str);

    impl fmt::Display for Wildcard<'_> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "{}*", self.0)
        }
    }

    /// The values separated by commas.
    struct Joined<'a>(&'a [String]);

    impl fmt::Display for Joined<'_> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            for (i, value) in self.0.iter().enumerate() {
                if i > 0 {
                    f.write_str(",")?;
                }
                f.write_str(value)?;
            }
            Ok(())
        }
    }

    struct Mappers<'a>(&'a ServiceEntry);

    impl Serialize for Mappers<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let profile = self.0.required.as_ref().map(|r| r.attribute.as_str());
            serializer.collect_seq(self.0.attributes.iter().map(|attribute| Mapper {
                config: Config {
                    claim: &attribute.name,
                    json_type: "String",
                    multivalued: if Some(attribute.source.as_str()) == profile {
                        "true"
                    } else {
                        "false"
                    },
                    user_attribute: &attribute.source,
                },
                consent_required: false,
                name: &attribute.name,
                protocol: "cas",
                protocol_mapper: ATTRIBUTE_MAPPER,
            }))
        }
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Mapper<'a> {
        config: Config<'a>,
        consent_required: bool,
        name: &'a str,
        protocol: &'static str,
        protocol_mapper: &'static str,
    }

    #[derive(Serialize)]
    struct Config<'a> {
        #[serde(rename = "claim.name")]
        claim: &'a str,
        #[serde(rename = "jsonType.label")]
        json_type: &'static str,
        multivalued: &'static str,
        #[serde(rename = "user.attribute")]
        user_attribute: &'a str,
    }
}

/// Every client, as a partial realm import.
pub fn realm_import(entries: &[ServiceEntry]) -> Vec<u8> {
    let mut realm = RealmImport::new();
    let mut client = Vec::with_capacity(4096);
    for entry in entries {
        client.clear();
        write_to(entry, &mut client);
        // Writing into a Vec cannot fail.
        let _ = realm.push(&client);
    }
    realm.finish().unwrap_or_default()
}

/// A partial realm import built client by client from each client's own
/// file (`{"clients": [ … ]}`), so the clients are rendered once; written
/// into any `Write` (the archive deflates it as it comes).
pub struct RealmImport<W: Write = Vec<u8>> {
    out: W,
    first: bool,
}

impl RealmImport {
    /// A realm import kept in memory.
    pub fn new() -> Self {
        Self::into_writer(Vec::new())
    }
}

impl<W: Write> RealmImport<W> {
    /// A realm import written into `out`; nothing is written before the
    /// first client or [`RealmImport::finish`].
    pub fn into_writer(out: W) -> Self {
        Self { out, first: true }
    }

    /// Appends one client's file (as [`to_bytes`] wrote it), or several
    /// clients' files already joined by `,\n`.
    pub fn push(&mut self, client: &[u8]) -> std::io::Result<()> {
        let separator: &[u8] = if self.first {
            b"{\n\"clients\": [\n"
        } else {
            b",\n"
        };
        self.first = false;
        self.out.write_all(separator)?;
        self.out.write_all(client.trim_ascii_end())
    }

    /// Closes the import and hands the writer back.
    pub fn finish(mut self) -> std::io::Result<W> {
        if self.first {
            self.out.write_all(b"{\n\"clients\": [\n")?;
        }
        self.out.write_all(b"\n]\n}\n")?;
        Ok(self.out)
    }
}

impl Default for RealmImport {
    fn default() -> Self {
        Self::new()
    }
}
