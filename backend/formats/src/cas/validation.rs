//! The SAML 1.1 validation request and the SAML 1.1 / CAS 2-3 answers.

use std::collections::BTreeMap;

use quick_xml::Reader;
use quick_xml::events::Event;
use relais_domain::cas_check::CasIdentity;

/// The SOAP envelope of a SAML 1.1 validation request for `ticket`
/// (docs/domain.md §8): `samlp:Request/samlp:AssertionArtifact`.
pub fn saml_validation_request(ticket: &str, request_id: &str, issue_instant: &str) -> String {
    format!(
        "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\">\
         <SOAP-ENV:Header/><SOAP-ENV:Body>\
         <samlp:Request xmlns:samlp=\"urn:oasis:names:tc:SAML:1.0:protocol\" MajorVersion=\"1\" \
         MinorVersion=\"1\" RequestID=\"{}\" IssueInstant=\"{}\">\
         <samlp:AssertionArtifact>{}</samlp:AssertionArtifact>\
         </samlp:Request></SOAP-ENV:Body></SOAP-ENV:Envelope>",
        escape(request_id),
        escape(issue_instant),
        escape(ticket)
    )
}

fn escape(text: &str) -> String {
    quick_xml::escape::escape(text).into_owned()
}

/// What a validation endpoint answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValidationAnswer {
    /// The ticket is good: who it names.
    Success(CasIdentity),
    /// The ticket was refused: the code (`INVALID_TICKET`, `AuthnFailed`…)
    /// and the server's message.
    Failure { code: String, message: String },
}

/// Why an answer could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnswerError {
    #[error("la réponse n'est pas du XML lisible ({0})")]
    Xml(String),
    #[error("la réponse n'est pas une réponse de validation {0}")]
    NotAnAnswer(&'static str),
}

/// A flat view of an XML document: for each element, its local name, path
/// depth, attributes and text. Enough for the two small answers below.
struct Element {
    name: String,
    attributes: Vec<(String, String)>,
    text: String,
    parents: Vec<String>,
}

fn elements(xml: &[u8]) -> Result<Vec<Element>, AnswerError> {
    let text = std::str::from_utf8(xml).map_err(|e| AnswerError::Xml(e.to_string()))?;
    let mut reader = Reader::from_str(text);
    let mut stack: Vec<usize> = Vec::new();
    let mut path: Vec<String> = Vec::new();
    let mut out: Vec<Element> = Vec::new();
    loop {
        let event = reader
            .read_event()
            .map_err(|e| AnswerError::Xml(e.to_string()))?;
        let is_empty = matches!(event, Event::Empty(_));
        match event {
            Event::Start(start) | Event::Empty(start) => {
                let name = start.local_name().as_ref().to_owned();
                let mut attributes = Vec::new();
                for attribute in start.attributes().flatten() {
                    let key = attribute.key.local_name().as_ref().to_owned();
                    let value = attribute
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map(|v| v.into_owned())
                        .unwrap_or_default();
                    attributes.push((key, value));
                }
                out.push(Element {
                    name: name.clone(),
                    attributes,
                    text: String::new(),
                    parents: path.clone(),
                });
                if !is_empty {
                    stack.push(out.len() - 1);
                    path.push(name);
                }
            }
            Event::End(_) => {
                stack.pop();
                path.pop();
            }
            Event::Text(text) => {
                if let Some(element) = stack.last().and_then(|&at| out.get_mut(at)) {
                    element.text.push_str(&text.xml10_content());
                }
            }
            Event::CData(data) => {
                if let Some(element) = stack.last().and_then(|&at| out.get_mut(at)) {
                    element.text.push_str(&data.xml10_content());
                }
            }
            Event::GeneralRef(reference) => {
                if let Some(element) = stack.last().and_then(|&at| out.get_mut(at)) {
                    let c = match &*reference {
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "amp" => Some('&'),
                        "apos" => Some('\''),
                        "quot" => Some('"'),
                        other => other.strip_prefix('#').and_then(|n| {
                            match n.strip_prefix('x') {
                                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                                None => n.parse().ok(),
                            }
                            .and_then(char::from_u32)
                        }),
                    };
                    if let Some(c) = c {
                        element.text.push(c);
                    }
                }
            }
            Event::DocType(_) => return Err(AnswerError::Xml("DTD refusée".into())),
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

impl Element {
    fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Reads a SAML 1.1 answer of `samlValidate`: `Success` with the
/// `NameIdentifier` and the `Attribute`s (values of a name repeated over
/// several elements are gathered), or the `StatusCode` and message.
pub fn parse_saml_answer(xml: &[u8]) -> Result<ValidationAnswer, AnswerError> {
    let elements = elements(xml)?;
    let status = elements
        .iter()
        .find(|e| e.name == "StatusCode" && e.parents.iter().any(|p| p == "Status"))
        .ok_or(AnswerError::NotAnAnswer("SAML 1.1"))?;
    let code = status.attribute("Value").unwrap_or_default();
    let code = code.rsplit(':').next().unwrap_or(code).to_owned();
    if code != "Success" {
        let message = elements
            .iter()
            .find(|e| e.name == "StatusMessage")
            .map(|e| e.text.trim().to_owned())
            .filter(|m| !m.is_empty())
            .unwrap_or_else(|| status.text.trim().to_owned());
        return Ok(ValidationAnswer::Failure { code, message });
    }
    let user = elements
        .iter()
        .find(|e| e.name == "NameIdentifier")
        .map(|e| e.text.trim().to_owned())
        .ok_or(AnswerError::NotAnAnswer("SAML 1.1"))?;
    let mut attributes: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut current: Option<String> = None;
    for element in &elements {
        if element.name == "Attribute" {
            current = element.attribute("AttributeName").map(str::to_owned);
        } else if element.name == "AttributeValue"
            && element.parents.last().is_some_and(|p| p == "Attribute")
            && let Some(name) = &current
        {
            attributes
                .entry(name.clone())
                .or_default()
                .push(element.text.trim().to_owned());
        }
    }
    Ok(ValidationAnswer::Success(CasIdentity { user, attributes }))
}

/// Reads a CAS 2/3 answer of `serviceValidate`: `cas:authenticationSuccess`
/// with `cas:user` and the children of `cas:attributes`, or
/// `cas:authenticationFailure` with its `code`.
pub fn parse_cas_answer(xml: &[u8]) -> Result<ValidationAnswer, AnswerError> {
    let elements = elements(xml)?;
    if !elements.iter().any(|e| e.name == "serviceResponse") {
        return Err(AnswerError::NotAnAnswer("CAS"));
    }
    if let Some(failure) = elements.iter().find(|e| e.name == "authenticationFailure") {
        return Ok(ValidationAnswer::Failure {
            code: failure.attribute("code").unwrap_or_default().to_owned(),
            message: failure.text.trim().to_owned(),
        });
    }
    let user = elements
        .iter()
        .find(|e| {
            e.name == "user"
                && e.parents
                    .last()
                    .is_some_and(|p| p == "authenticationSuccess")
        })
        .map(|e| e.text.trim().to_owned())
        .ok_or(AnswerError::NotAnAnswer("CAS"))?;
    let mut attributes: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for element in &elements {
        if element.parents.last().is_some_and(|p| p == "attributes") {
            attributes
                .entry(element.name.clone())
                .or_default()
                .push(element.text.trim().to_owned());
        }
    }
    Ok(ValidationAnswer::Success(CasIdentity { user, attributes }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saml_request_holds_the_ticket() {
        let xml = saml_validation_request("ST-1&2", "_r1", "2026-11-23T10:00:00Z");
        assert!(xml.contains("<samlp:AssertionArtifact>ST-1&amp;2</samlp:AssertionArtifact>"));
        assert!(xml.starts_with("<SOAP-ENV:Envelope"));
    }

    const SAML_SUCCESS: &str = r#"<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body>
<Response xmlns="urn:oasis:names:tc:SAML:1.0:protocol" xmlns:samlp="urn:oasis:names:tc:SAML:1.0:protocol">
<Status><StatusCode Value="samlp:Success"></StatusCode></Status>
<Assertion xmlns="urn:oasis:names:tc:SAML:1.0:assertion"><AttributeStatement>
<Subject><NameIdentifier>
  PronoteEleve
</NameIdentifier></Subject>
<Attribute AttributeName="nom"><AttributeValue>Pronote_&#233;leve</AttributeValue></Attribute>
<Attribute AttributeName="categories"><AttributeValue>National_1</AttributeValue></Attribute>
<Attribute AttributeName="categories"><AttributeValue>X &amp; Y</AttributeValue></Attribute>
</AttributeStatement></Assertion></Response></SOAP-ENV:Body></SOAP-ENV:Envelope>"#;

    #[test]
    fn saml_success_gives_the_subject_and_attributes() {
        let ValidationAnswer::Success(identity) =
            parse_saml_answer(SAML_SUCCESS.as_bytes()).unwrap()
        else {
            panic!("not a success");
        };
        assert_eq!(identity.user, "PronoteEleve");
        assert_eq!(identity.attributes["nom"], ["Pronote_éleve"]);
        assert_eq!(identity.attributes["categories"], ["National_1", "X & Y"]);
    }

    #[test]
    fn saml_and_cas_failures() {
        let saml = r#"<SOAP-ENV:Envelope xmlns:SOAP-ENV="x"><SOAP-ENV:Body><Response><Status>
            <StatusCode Value="samlp:AuthnFailed">ticket ST-X not found</StatusCode></Status>
            </Response></SOAP-ENV:Body></SOAP-ENV:Envelope>"#;
        assert_eq!(
            parse_saml_answer(saml.as_bytes()).unwrap(),
            ValidationAnswer::Failure {
                code: "AuthnFailed".into(),
                message: "ticket ST-X not found".into()
            }
        );
        let cas = r#"<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas">
 <cas:authenticationFailure code="INVALID_TICKET">ticket not found</cas:authenticationFailure>
</cas:serviceResponse>"#;
        assert_eq!(
            parse_cas_answer(cas.as_bytes()).unwrap(),
            ValidationAnswer::Failure {
                code: "INVALID_TICKET".into(),
                message: "ticket not found".into()
            }
        );
    }

    #[test]
    fn cas3_success() {
        let cas = r#"<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas">
<cas:authenticationSuccess><cas:user>u42</cas:user><cas:attributes>
<cas:idPronote>E1</cas:idPronote><cas:categories>National_2</cas:categories>
<cas:categories>National_9</cas:categories></cas:attributes></cas:authenticationSuccess>
</cas:serviceResponse>"#;
        let ValidationAnswer::Success(identity) = parse_cas_answer(cas.as_bytes()).unwrap() else {
            panic!("not a success");
        };
        assert_eq!(identity.user, "u42");
        assert_eq!(identity.attributes["idPronote"], ["E1"]);
        assert_eq!(
            identity.attributes["categories"],
            ["National_2", "National_9"]
        );
    }

    #[test]
    fn not_answers() {
        for (bytes, saml) in [
            (&b"<html><body>Bienvenue</body></html>"[..], true),
            (b"<html><body>Bienvenue</body></html>", false),
            (b"\xff\xfe", true),
            (b"<a><b></a>", false),
        ] {
            let result = if saml {
                parse_saml_answer(bytes)
            } else {
                parse_cas_answer(bytes)
            };
            assert!(result.is_err(), "{result:?}");
        }
    }
}
