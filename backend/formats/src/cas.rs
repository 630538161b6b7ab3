//! What a CAS server sends and expects (BRIEF §8): the login form of its
//! HTML login page, the SAML 1.1 validation request, and the SAML 1.1 and
//! CAS 2/3 validation answers. Bytes in, values out.
//!
//! The login page is HTML, not XML (unquoted attributes, void elements,
//! scripts), so the form is found by a small tag scanner rather than an XML
//! parser: it reads `<form>`, `<input>`, `<button>` tags and their
//! attributes, skips comments, scripts and styles, and decodes character
//! references. That is all a login form needs (docs/decisions.md, issue 8).

use std::collections::BTreeMap;

use quick_xml::Reader;
use quick_xml::events::Event;
use relais_domain::cas_check::CasIdentity;

/// The form a person would fill on a CAS login page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoginForm {
    /// The `action` attribute as written (relative or empty: the page itself).
    pub action: Option<String>,
    /// `post` unless the form says `get`.
    pub method: String,
    /// Every other named field with its value, in page order (hidden
    /// `lt`/`execution`/CSRF tokens, the service, `_eventId`…). Checkboxes
    /// are sent only when checked, as a browser does.
    pub fields: Vec<(String, String)>,
    /// Name of the text input that takes the login.
    pub username_field: String,
    /// Name of the password input.
    pub password_field: String,
}

impl LoginForm {
    /// The fields to post with `login` and `password` filled in.
    pub fn filled(&self, login: &str, password: &str) -> Vec<(String, String)> {
        let mut fields = self.fields.clone();
        fields.push((self.username_field.clone(), login.to_owned()));
        fields.push((self.password_field.clone(), password.to_owned()));
        fields
    }
}

/// One tag of the page, lower-cased name, decoded attributes.
#[derive(Debug)]
struct Tag {
    name: String,
    closing: bool,
    attributes: Vec<(String, String)>,
}

impl Tag {
    fn get(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

/// Finds the first form of `html` that has a password input and a text
/// input for the login. `None` when the page has no such form.
pub fn find_login_form(html: &str) -> Option<LoginForm> {
    let tags = scan_tags(html);
    let mut current: Option<Vec<&Tag>> = None;
    let mut forms: Vec<(&Tag, Vec<&Tag>)> = Vec::new();
    let mut opener: Option<&Tag> = None;
    for tag in &tags {
        match (tag.name.as_str(), tag.closing) {
            ("form", false) => {
                if let (Some(open), Some(inner)) = (opener, current.take()) {
                    forms.push((open, inner));
                }
                opener = Some(tag);
                current = Some(Vec::new());
            }
            ("form", true) => {
                if let (Some(open), Some(inner)) = (opener.take(), current.take()) {
                    forms.push((open, inner));
                }
            }
            ("input" | "button" | "select" | "textarea", false) => {
                if let Some(inner) = current.as_mut() {
                    inner.push(tag);
                }
            }
            _ => {}
        }
    }
    if let (Some(open), Some(inner)) = (opener, current) {
        forms.push((open, inner));
    }
    forms
        .into_iter()
        .find_map(|(open, inner)| login_form(open, &inner))
}

fn login_form(open: &Tag, inner: &[&Tag]) -> Option<LoginForm> {
    let mut fields = Vec::new();
    let mut username_field = None;
    let mut password_field = None;
    for tag in inner {
        let Some(name) = tag.get("name").filter(|n| !n.is_empty()) else {
            continue;
        };
        let kind = tag.get("type").unwrap_or("text").to_ascii_lowercase();
        let value = tag.get("value").unwrap_or_default().to_owned();
        match (tag.name.as_str(), kind.as_str()) {
            ("input", "password") if password_field.is_none() => {
                password_field = Some(name.to_owned());
            }
            ("input", "text" | "email" | "") if username_field.is_none() => {
                username_field = Some(name.to_owned());
            }
            ("input", "checkbox" | "radio") if tag.get("checked").is_some() => {
                let value = if value.is_empty() { "on".into() } else { value };
                fields.push((name.to_owned(), value));
            }
            ("input", "checkbox" | "radio") => {}
            ("input", "submit" | "button" | "image" | "reset" | "file") | ("button", _) => {}
            ("input", _) => fields.push((name.to_owned(), value)),
            _ => {}
        }
    }
    Some(LoginForm {
        action: open.get("action").map(str::to_owned),
        method: open
            .get("method")
            .map(str::to_ascii_lowercase)
            .filter(|m| m == "get")
            .unwrap_or_else(|| "post".to_owned()),
        fields,
        username_field: username_field?,
        password_field: password_field?,
    })
}

/// The tags of `html` in order; comments, `<script>` and `<style>` bodies
/// skipped.
fn scan_tags(html: &str) -> Vec<Tag> {
    let mut tags = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        rest = &rest[start..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let Some((tag, after)) = read_tag(&rest[1..]) else {
            rest = &rest[1..];
            continue;
        };
        rest = after;
        if !tag.closing && (tag.name == "script" || tag.name == "style") {
            let end = format!("</{}", tag.name);
            let lower = rest.to_ascii_lowercase();
            rest = lower.find(&end).map_or("", |at| &rest[at..]);
        }
        tags.push(tag);
    }
    tags
}

/// Reads one tag after its `<`; returns it and the text after its `>`.
fn read_tag(text: &str) -> Option<(Tag, &str)> {
    let (closing, text) = match text.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let name_len = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == ':'))
        .unwrap_or(text.len());
    if name_len == 0 {
        return None;
    }
    let name = text[..name_len].to_ascii_lowercase();
    let mut rest = &text[name_len..];
    let mut attributes = Vec::new();
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if let Some(after) = rest.strip_prefix('>') {
            return Some((
                Tag {
                    name,
                    closing,
                    attributes,
                },
                after,
            ));
        }
        if rest.is_empty() {
            return None;
        }
        let key_len = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '>' || c == '/')
            .unwrap_or(rest.len())
            .max(1);
        let key = rest[..key_len].to_ascii_lowercase();
        rest = rest[key_len..].trim_start();
        let mut value = String::new();
        if let Some(after_eq) = rest.strip_prefix('=') {
            let after_eq = after_eq.trim_start();
            let (raw, after) = match after_eq.chars().next() {
                Some(quote @ ('"' | '\'')) => {
                    let body = &after_eq[1..];
                    let end = body.find(quote)?;
                    (&body[..end], &body[end + 1..])
                }
                _ => {
                    let end = after_eq
                        .find(|c: char| c.is_whitespace() || c == '>')
                        .unwrap_or(after_eq.len());
                    (&after_eq[..end], &after_eq[end..])
                }
            };
            value = decode_references(raw);
            rest = after;
        }
        attributes.push((key, value));
    }
}

/// Decodes HTML character references: numeric ones and the few named ones
/// a form's values hold. Unknown names stay as written.
fn decode_references(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let decoded = rest.find(';').filter(|end| *end <= 10).and_then(|end| {
            let name = &rest[1..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => name.strip_prefix('#').and_then(|n| {
                    let code = match n.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => n.parse().ok(),
                    };
                    code.and_then(char::from_u32)
                }),
            };
            c.map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The SOAP envelope of a SAML 1.1 validation request for `ticket`
/// (BRIEF §8): `samlp:Request/samlp:AssertionArtifact`.
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
                if let Some(&at) = stack.last() {
                    out[at].text.push_str(&text.xml10_content());
                }
            }
            Event::CData(data) => {
                if let Some(&at) = stack.last() {
                    out[at].text.push_str(&data.xml10_content());
                }
            }
            Event::GeneralRef(reference) => {
                if let Some(&at) = stack.last() {
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
                        out[at].text.push(c);
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

    const DJANGO_CAS_PAGE: &str = r#"<!DOCTYPE html><html><head>
<script>if (a < b && c) { document.write("<form><input type=password name=x>"); }</script>
<style>.x > input { color: red }</style></head><body>
<!-- <form action="/fake"><input type="password" name="nope"></form> -->
<form action="/search"><input type="text" name="q"></form>
<form class="form-signin" method="post" id="login_form">
<input type="hidden" name="csrfmiddlewaretoken" value="Q6c&amp;7R">
<input type="hidden" name="service" value="https://pronote.test/pronote/" id="id_service"><input type="hidden" name="lt" value="LT-8ldB1x" id="id_lt"><input type="hidden" name="gateway" id="id_gateway">
<label for="id_username">Nom d&rsquo;utilisateur</label><input type="text" name="username" autofocus="autofocus" required id="id_username">
<input type="password" name="password" class="form-control" required id="id_password">
<input type="checkbox" name="warn" placeholder="Prévenez-moi avant d&#x27;accéder" id="id_warn">
<button class="btn" type="submit">Connexion</button>
</form></body></html>"#;

    #[test]
    fn finds_the_login_form_and_its_hidden_fields() {
        let form = find_login_form(DJANGO_CAS_PAGE).unwrap();
        assert_eq!(form.action, None);
        assert_eq!(form.method, "post");
        assert_eq!(form.username_field, "username");
        assert_eq!(form.password_field, "password");
        assert_eq!(
            form.fields,
            vec![
                ("csrfmiddlewaretoken".into(), "Q6c&7R".into()),
                ("service".into(), "https://pronote.test/pronote/".into()),
                ("lt".into(), "LT-8ldB1x".into()),
                ("gateway".into(), String::new()),
            ]
        );
        let filled = form.filled("PronoteEleve", "s3cret");
        assert_eq!(filled.len(), 6);
        assert_eq!(filled[5], ("password".into(), "s3cret".into()));
    }

    #[test]
    fn apereo_style_form_with_unquoted_attributes() {
        let page = "<FORM method=POST action='login;jsessionid=1?service=x&amp;y=1' id=fm1>\
            <INPUT id=username name=username tabindex=1 type=text>\
            <input type=password name=password>\
            <input type=hidden name=execution value=e1s1>\
            <input type=hidden name=_eventId value=submit>\
            <input type=checkbox name=rememberMe checked>\
            <input type=submit name=submit value=LOGIN>";
        let form = find_login_form(page).unwrap();
        assert_eq!(
            form.action.as_deref(),
            Some("login;jsessionid=1?service=x&y=1")
        );
        assert_eq!(
            form.fields,
            vec![
                ("execution".into(), "e1s1".into()),
                ("_eventId".into(), "submit".into()),
                ("rememberMe".into(), "on".into()),
            ]
        );
    }

    #[test]
    fn pages_without_a_login_form() {
        for page in [
            "",
            "<html><body>Service non autorisé</body></html>",
            "<form><input type=text name=q></form>",
            "<form><input type=password name=p></form>",
            "<form><input type=\"password\" name=\"p",
            "<<<>>> <form <input",
        ] {
            assert_eq!(find_login_form(page), None, "{page}");
        }
    }

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
