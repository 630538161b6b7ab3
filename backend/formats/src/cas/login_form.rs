//! The login form of a CAS login page, found by a small HTML tag scanner.

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
            rest = find_ignoring_ascii_case(rest, &end).map_or("", |at| &rest[at..]);
        }
        tags.push(tag);
    }
    tags
}

/// Where `needle` (ASCII) first appears in `haystack`, ASCII case ignored,
/// without copying the page.
fn find_ignoring_ascii_case(haystack: &str, needle: &str) -> Option<usize> {
    let (hay, needle) = (haystack.as_bytes(), needle.as_bytes());
    hay.windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle))
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
}
