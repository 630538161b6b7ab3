//! Apereo CAS JSON service registry: one file per service,
//! `<name>-<id>.json`, in the Jackson form with `@class` markers that the
//! JSON service registry of current Apereo CAS releases reads
//! (`org.apereo.cas.services.CasRegisteredService`). Read back by [`read`].

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::{ReleasedAttribute, RequiredValues, ServiceEntry, Validation};

/// The class of a CAS service in current releases.
pub const SERVICE_CLASS: &str = "org.apereo.cas.services.CasRegisteredService";
/// The class older releases (before 6.6) write; read as well.
pub const LEGACY_SERVICE_CLASS: &str = "org.apereo.cas.services.RegexRegisteredService";
const ALLOWED: &str = "org.apereo.cas.services.ReturnAllowedAttributeReleasePolicy";
const MAPPED: &str = "org.apereo.cas.services.ReturnMappedAttributeReleasePolicy";
const DENY_ALL: &str = "org.apereo.cas.services.DenyAllAttributeReleasePolicy";
const ACCESS: &str = "org.apereo.cas.services.DefaultRegisteredServiceAccessStrategy";
const PROPERTY: &str = "org.apereo.cas.services.DefaultRegisteredServiceProperty";

/// Properties carrying what Apereo's own fields do not (read back by [`read`]).
const P_SERVICE_URL: &str = "relaisServiceUrl";
const P_DIRECT: &str = "relaisDirectAccessUrl";
const P_UAIS: &str = "relaisUais";
const P_MODE: &str = "relaisMode";

/// `<name>-<id>.json`, the file name the JSON registry expects.
pub fn file_name(entry: &ServiceEntry) -> String {
    format!("{}-{}.json", entry.name, entry.id)
}

/// The entry as an Apereo CAS service definition.
pub fn to_json(entry: &ServiceEntry) -> Value {
    let mut service = json!({
        "@class": SERVICE_CLASS,
        "serviceId": entry.service_id,
        "name": entry.name,
        "id": entry.id,
        "description": entry.description,
        "evaluationOrder": entry.evaluation_order,
        "supportedProtocols": ["java.util.HashSet", [entry.validation.apereo()]],
        "attributeReleasePolicy": release_policy(&entry.attributes),
        "properties": {
            "@class": "java.util.HashMap",
            P_SERVICE_URL: property(std::slice::from_ref(&entry.service_url)),
            P_DIRECT: property(std::slice::from_ref(&entry.direct_access_url)),
            P_UAIS: property(&entry.uais),
            P_MODE: property(std::slice::from_ref(&entry.mode)),
        },
    });
    if let (Some(required), Some(object)) = (&entry.required, service.as_object_mut()) {
        object.insert(
            "accessStrategy".to_owned(),
            json!({
                "@class": ACCESS,
                "enabled": true,
                "ssoEnabled": true,
                "requireAllAttributes": true,
                "requiredAttributes": {
                    "@class": "java.util.HashMap",
                    required.attribute.clone(): ["java.util.HashSet", required.values],
                },
            }),
        );
    }
    service
}

/// The file's bytes: pretty JSON, a final newline.
pub fn to_bytes(entry: &ServiceEntry) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(2048);
    write_to(entry, &mut bytes);
    bytes
}

/// Appends the file's bytes to `out`: the same bytes as [`to_json`]
/// printed pretty (keys sorted, as `serde_json` sorts an object's keys),
/// written from borrowed fields without building the JSON tree — the
/// archive renders 10,000 of them per export into one reused buffer.
pub fn write_to(entry: &ServiceEntry, out: &mut Vec<u8>) {
    let service = typed::Service::of(entry);
    // Serializing borrowed strings and numbers into a Vec cannot fail.
    let _ = serde_json::to_writer_pretty(&mut *out, &service);
    out.push(b'\n');
}

/// The service definition as borrowed, typed fields, declared in the
/// order of their sorted keys so the bytes equal those of [`to_json`].
mod typed {
    use serde::Serialize;
    use serde::ser::{SerializeMap, Serializer};
    use serde_json::Value;

    use super::{ACCESS, ALLOWED, PROPERTY, SERVICE_CLASS, ServiceEntry, release_policy};
    use crate::cas_registry::RequiredValues;

    /// A Jackson collection, `["java.util.HashSet", [..]]`.
    type Collection<'a, T> = (&'static str, &'a [T]);

    #[derive(Serialize)]
    pub(super) struct Service<'a> {
        #[serde(rename = "@class")]
        class: &'static str,
        #[serde(rename = "accessStrategy", skip_serializing_if = "Option::is_none")]
        access_strategy: Option<Access<'a>>,
        #[serde(rename = "attributeReleasePolicy")]
        release: Release<'a>,
        description: &'a str,
        #[serde(rename = "evaluationOrder")]
        evaluation_order: i32,
        id: i64,
        name: &'a str,
        properties: Properties<'a>,
        #[serde(rename = "serviceId")]
        service_id: &'a str,
        #[serde(rename = "supportedProtocols")]
        supported_protocols: (&'static str, [&'static str; 1]),
    }

    impl<'a> Service<'a> {
        pub(super) fn of(entry: &'a ServiceEntry) -> Self {
            let release = if entry.attributes.is_empty() || entry.is_mapped() {
                // Deny-all and mapped policies are rare: the JSON tree.
                Release::Tree(release_policy(&entry.attributes))
            } else {
                Release::Allowed(Allowed {
                    class: ALLOWED,
                    allowed: ("java.util.ArrayList", Names(&entry.attributes)),
                })
            };
            Self {
                class: SERVICE_CLASS,
                access_strategy: entry.required.as_ref().map(|required| Access {
                    class: ACCESS,
                    enabled: true,
                    require_all: true,
                    required: Required(required),
                    sso_enabled: true,
                }),
                release,
                description: &entry.description,
                evaluation_order: entry.evaluation_order,
                id: entry.id,
                name: &entry.name,
                properties: Properties {
                    class: "java.util.HashMap",
                    direct: Property::of(std::slice::from_ref(&entry.direct_access_url)),
                    mode: Property::of(std::slice::from_ref(&entry.mode)),
                    service_url: Property::of(std::slice::from_ref(&entry.service_url)),
                    uais: Property::of(&entry.uais),
                },
                service_id: &entry.service_id,
                supported_protocols: ("java.util.HashSet", [entry.validation.apereo()]),
            }
        }
    }

    #[derive(Serialize)]
    #[serde(untagged)]
    enum Release<'a> {
        Allowed(Allowed<'a>),
        Tree(Value),
    }

    #[derive(Serialize)]
    struct Allowed<'a> {
        #[serde(rename = "@class")]
        class: &'static str,
        #[serde(rename = "allowedAttributes")]
        allowed: (&'static str, Names<'a>),
    }

    /// The released names of attributes, as a JSON array.
    struct Names<'a>(&'a [crate::cas_registry::ReleasedAttribute]);

    impl Serialize for Names<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_seq(self.0.iter().map(|a| a.name.as_str()))
        }
    }

    #[derive(Serialize)]
    struct Access<'a> {
        #[serde(rename = "@class")]
        class: &'static str,
        enabled: bool,
        #[serde(rename = "requireAllAttributes")]
        require_all: bool,
        #[serde(rename = "requiredAttributes")]
        required: Required<'a>,
        #[serde(rename = "ssoEnabled")]
        sso_enabled: bool,
    }

    /// `{"@class": "java.util.HashMap", <attribute>: ["java.util.HashSet", [..]]}`,
    /// its two keys in sorted order.
    struct Required<'a>(&'a RequiredValues);

    impl Serialize for Required<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            const CLASS: &str = "@class";
            let values: Collection<'_, String> = ("java.util.HashSet", &self.0.values);
            let attribute = self.0.attribute.as_str();
            let mut map = serializer.serialize_map(Some(2))?;
            if attribute < CLASS {
                map.serialize_entry(attribute, &values)?;
                map.serialize_entry(CLASS, "java.util.HashMap")?;
            } else {
                map.serialize_entry(CLASS, "java.util.HashMap")?;
                map.serialize_entry(attribute, &values)?;
            }
            map.end()
        }
    }

    #[derive(Serialize)]
    struct Properties<'a> {
        #[serde(rename = "@class")]
        class: &'static str,
        #[serde(rename = "relaisDirectAccessUrl")]
        direct: Property<'a>,
        #[serde(rename = "relaisMode")]
        mode: Property<'a>,
        #[serde(rename = "relaisServiceUrl")]
        service_url: Property<'a>,
        #[serde(rename = "relaisUais")]
        uais: Property<'a>,
    }

    #[derive(Serialize)]
    struct Property<'a> {
        #[serde(rename = "@class")]
        class: &'static str,
        values: Collection<'a, String>,
    }

    impl<'a> Property<'a> {
        fn of(values: &'a [String]) -> Self {
            Self {
                class: PROPERTY,
                values: ("java.util.HashSet", values),
            }
        }
    }
}

fn property(values: &[String]) -> Value {
    json!({ "@class": PROPERTY, "values": ["java.util.HashSet", values] })
}

fn release_policy(attributes: &[ReleasedAttribute]) -> Value {
    if attributes.is_empty() {
        return json!({ "@class": DENY_ALL });
    }
    if !attributes.iter().any(ReleasedAttribute::is_renamed) {
        let names: Vec<&str> = attributes.iter().map(|a| a.name.as_str()).collect();
        return json!({ "@class": ALLOWED, "allowedAttributes": ["java.util.ArrayList", names] });
    }
    // ENT attribute → the name(s) it is released under.
    let mut by_source: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for attribute in attributes {
        by_source
            .entry(attribute.source.as_str())
            .or_default()
            .push(attribute.name.as_str());
    }
    let mut map = Map::new();
    map.insert("@class".to_owned(), json!("java.util.TreeMap"));
    for (source, names) in by_source {
        let value = match names.as_slice() {
            [one] => json!(one),
            many => json!(["java.util.ArrayList", many]),
        };
        map.insert(source.to_owned(), value);
    }
    json!({ "@class": MAPPED, "allowedAttributes": map })
}

/// Why a registry file could not be read back (French, naming the file).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file} : {message}")]
pub struct ReadError {
    pub file: String,
    pub message: String,
}

/// Reads service files `(file name, bytes)` back into entries, sorted by
/// name. Every file must be a CAS service whose file name is
/// `<name>-<id>.json`.
pub fn read<'a>(
    files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
) -> Result<Vec<ServiceEntry>, ReadError> {
    let mut entries = Vec::new();
    for (file, bytes) in files {
        let fail = |message: String| ReadError {
            file: file.to_owned(),
            message,
        };
        let value: Value = serde_json::from_slice(bytes)
            .map_err(|err| fail(format!("JSON illisible ({err}).")))?;
        let entry = read_service(&value).map_err(fail)?;
        if file.rsplit('/').next() != Some(file_name(&entry).as_str()) {
            return Err(fail(format!(
                "le nom du fichier devrait être « {} » (nom et id du service).",
                file_name(&entry)
            )));
        }
        entries.push(entry);
    }
    entries.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(entries)
}

/// One service definition back into an entry.
pub fn read_service(value: &Value) -> Result<ServiceEntry, String> {
    let class = str_field(value, "@class")?;
    if class != SERVICE_CLASS && class != LEGACY_SERVICE_CLASS {
        return Err(format!("« {class} » n'est pas un service CAS."));
    }
    let id = value
        .get("id")
        .and_then(Value::as_i64)
        .ok_or("le champ « id » manque ou n'est pas un nombre.")?;
    let evaluation_order = value
        .get("evaluationOrder")
        .and_then(Value::as_i64)
        .and_then(|v| i32::try_from(v).ok())
        .unwrap_or(0);
    let validation = java_collection(value.get("supportedProtocols"))
        .first()
        .and_then(|name| Validation::from_apereo(name))
        .unwrap_or(Validation::Saml11);
    let properties = value.get("properties");
    let property_values = |name: &str| {
        java_collection(
            properties
                .and_then(|p| p.get(name))
                .and_then(|p| p.get("values")),
        )
    };
    let first = |name: &str| property_values(name).into_iter().next().unwrap_or_default();
    Ok(ServiceEntry {
        id,
        name: str_field(value, "name")?.to_owned(),
        description: value
            .get("description")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned(),
        service_url: first(P_SERVICE_URL),
        direct_access_url: first(P_DIRECT),
        service_id: str_field(value, "serviceId")?.to_owned(),
        evaluation_order,
        uais: property_values(P_UAIS),
        mode: first(P_MODE),
        attributes: read_release(value.get("attributeReleasePolicy"))?,
        required: read_access(value.get("accessStrategy"))?,
        validation,
    })
}

fn str_field<'a>(value: &'a Value, name: &str) -> Result<&'a str, String> {
    value
        .get(name)
        .and_then(Value::as_str)
        .ok_or_else(|| format!("le champ « {name} » manque."))
}

/// The values of a Jackson collection, `["java.util.HashSet", [..]]`, or
/// of a plain array.
fn java_collection(value: Option<&Value>) -> Vec<String> {
    let items = match value {
        Some(Value::Array(items)) => match items.as_slice() {
            [Value::String(_), Value::Array(inner)] => inner.as_slice(),
            other => other,
        },
        Some(Value::String(one)) => return vec![one.clone()],
        _ => &[],
    };
    items
        .iter()
        .filter_map(Value::as_str)
        .map(str::to_owned)
        .collect()
}

fn read_release(policy: Option<&Value>) -> Result<Vec<ReleasedAttribute>, String> {
    let Some(policy) = policy else {
        return Ok(Vec::new());
    };
    let class = str_field(policy, "@class")?;
    let allowed = policy.get("allowedAttributes");
    let mut attributes = match class {
        DENY_ALL => Vec::new(),
        ALLOWED => java_collection(allowed)
            .into_iter()
            .map(|name| ReleasedAttribute {
                source: name.clone(),
                name,
            })
            .collect(),
        MAPPED => {
            let map = allowed
                .and_then(Value::as_object)
                .ok_or("« allowedAttributes » doit être un objet.")?;
            let mut attributes = Vec::new();
            for (source, names) in map.iter().filter(|(k, _)| *k != "@class") {
                for name in java_collection(Some(names)) {
                    attributes.push(ReleasedAttribute {
                        name,
                        source: source.clone(),
                    });
                }
            }
            attributes
        }
        other => {
            return Err(format!(
                "politique de diffusion « {other} » non prise en charge."
            ));
        }
    };
    attributes.sort();
    Ok(attributes)
}

fn read_access(strategy: Option<&Value>) -> Result<Option<RequiredValues>, String> {
    let Some(required) = strategy
        .and_then(|s| s.get("requiredAttributes"))
        .and_then(Value::as_object)
    else {
        return Ok(None);
    };
    let mut found = required.iter().filter(|(k, _)| *k != "@class");
    let Some((attribute, values)) = found.next() else {
        return Ok(None);
    };
    if found.next().is_some() {
        return Err("plusieurs attributs exigés : Relais n'en écrit qu'un (le profil).".into());
    }
    Ok(Some(RequiredValues {
        attribute: attribute.clone(),
        values: java_collection(Some(values)),
    }))
}
