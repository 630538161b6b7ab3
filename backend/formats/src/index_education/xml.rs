//! A small, bounded XML reader shared by the Index-Education formats: it
//! builds a tree of the (shallow) documents exchanged, refusing any DTD and
//! every entity but the predefined ones, and writing helpers that escape
//! values for attributes and text.
//!
//! The documents read here are a few elements deep; building a tree keeps
//! each format's reading code a plain walk over it.

use std::borrow::Cow;

use quick_xml::Reader;
use quick_xml::XmlVersion;
use quick_xml::errors::{Error as QuickError, IllFormedError, SyntaxError};
use quick_xml::events::{BytesStart, Event};

/// Bounds checked while reading.
#[derive(Debug, Clone, Copy)]
pub(crate) struct XmlLimits {
    pub max_bytes: usize,
    pub max_depth: usize,
    pub max_elements: usize,
}

/// One element: local name, resolved namespace, attributes (values
/// normalised), child elements and the text directly inside it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Element {
    pub name: String,
    pub namespace: Option<String>,
    pub attributes: Vec<(String, String)>,
    pub children: Vec<Element>,
    pub text: String,
    /// Byte offset of the start tag in the document.
    pub pos: usize,
}

impl Element {
    /// The value of an attribute, by (unprefixed) name.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// The first child element with this local name.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    /// The child elements with this local name.
    pub fn children_named<'s>(&'s self, name: &'s str) -> impl Iterator<Item = &'s Element> {
        self.children.iter().filter(move |c| c.name == name)
    }
}

/// Why a document could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum XmlError {
    /// Larger than [`XmlLimits::max_bytes`].
    TooLarge {
        size: usize,
        max: usize,
    },
    /// Empty, or only white space.
    Empty,
    NotUtf8,
    /// A `<!DOCTYPE>`: refused.
    Dtd,
    /// An entity reference other than the predefined ones.
    Entity(String),
    /// The document ends before its root element does.
    Truncated,
    TooDeep {
        max: usize,
    },
    TooManyElements {
        max: usize,
    },
    /// Not well-formed; `line` is 1-based.
    Malformed {
        line: usize,
        detail: String,
    },
}

impl XmlError {
    /// French description, for the formats' own error messages.
    pub fn describe(&self) -> String {
        match self {
            XmlError::TooLarge { size, max } => {
                format!("{size} octets, au plus {max} acceptés")
            }
            XmlError::Empty => "le fichier est vide".into(),
            XmlError::NotUtf8 => "le fichier n'est pas encodé en UTF-8".into(),
            XmlError::Dtd => "les déclarations <!DOCTYPE> (DTD) sont refusées".into(),
            XmlError::Entity(name) => format!("référence d'entité « &{name}; » refusée"),
            XmlError::Truncated => "le fichier s'arrête avant la fin du document".into(),
            XmlError::TooDeep { max } => format!("plus de {max} niveaux d'éléments imbriqués"),
            XmlError::TooManyElements { max } => format!("plus de {max} éléments"),
            XmlError::Malformed { line, detail } => format!("ligne {line} : {detail}"),
        }
    }
}

/// Reads a whole document into a tree and returns its root.
pub(crate) fn parse_document(bytes: &[u8], limits: &XmlLimits) -> Result<Element, XmlError> {
    if bytes.len() > limits.max_bytes {
        return Err(XmlError::TooLarge {
            size: bytes.len(),
            max: limits.max_bytes,
        });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let src = std::str::from_utf8(bytes).map_err(|_| XmlError::NotUtf8)?;
    if src.trim().is_empty() {
        return Err(XmlError::Empty);
    }
    let mut reader = Reader::from_str(src);
    let config = reader.config_mut();
    config.check_end_names = true;
    config.check_comments = true;
    config.allow_dangling_amp = false;
    config.expand_empty_elements = false;

    // Open elements, root first, and the namespace declarations in scope.
    let mut stack: Vec<Element> = Vec::new();
    let mut scopes: Vec<Vec<(String, String)>> = Vec::new();
    let mut elements = 0usize;
    let mut root: Option<Element> = None;
    loop {
        let pos = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(error) => return Err(convert(src, &reader, &error, !stack.is_empty())),
        };
        match event {
            Event::Start(_) | Event::Empty(_) if root.is_some() => {
                return Err(malformed(src, pos, "un seul élément racine est permis"));
            }
            Event::Start(start) => {
                let element = open(src, &start, pos, &stack, &mut scopes, limits, &mut elements)?;
                stack.push(element);
            }
            Event::Empty(start) => {
                let element = open(src, &start, pos, &stack, &mut scopes, limits, &mut elements)?;
                scopes.pop();
                close(element, &mut stack, &mut root);
            }
            Event::End(_) => {
                scopes.pop();
                if let Some(element) = stack.pop() {
                    close(element, &mut stack, &mut root);
                }
            }
            Event::Text(text) => {
                let content = text.xml10_content();
                match stack.last_mut() {
                    Some(parent) => parent.text.push_str(&content),
                    None if content.trim().is_empty() => {}
                    None => return Err(malformed(src, pos, "texte hors de l'élément racine")),
                }
            }
            Event::CData(data) => match stack.last_mut() {
                Some(parent) => parent.text.push_str(&data.xml10_content()),
                None => return Err(malformed(src, pos, "texte hors de l'élément racine")),
            },
            Event::GeneralRef(reference) => {
                let c = resolve(&reference).map_err(|e| match e {
                    Resolve::Entity(name) => XmlError::Entity(name),
                    Resolve::BadChar => malformed(
                        src,
                        pos,
                        &format!("référence « &{}; » invalide", &*reference),
                    ),
                })?;
                match stack.last_mut() {
                    Some(parent) => parent.text.push(c),
                    None => return Err(malformed(src, pos, "texte hors de l'élément racine")),
                }
            }
            Event::DocType(_) => return Err(XmlError::Dtd),
            Event::Decl(_) | Event::Comment(_) | Event::PI(_) => {}
            Event::Eof => {
                return match root {
                    Some(root) if stack.is_empty() => Ok(root),
                    _ if !stack.is_empty() => Err(XmlError::Truncated),
                    _ => Err(malformed(src, pos, "aucun élément racine")),
                };
            }
        }
    }
}

fn close(element: Element, stack: &mut [Element], root: &mut Option<Element>) {
    match stack.last_mut() {
        Some(parent) => parent.children.push(element),
        None => *root = Some(element),
    }
}

/// The element of a start tag: counted, depth-checked, namespace resolved.
fn open(
    src: &str,
    start: &BytesStart<'_>,
    pos: usize,
    stack: &[Element],
    scopes: &mut Vec<Vec<(String, String)>>,
    limits: &XmlLimits,
    elements: &mut usize,
) -> Result<Element, XmlError> {
    *elements += 1;
    if *elements > limits.max_elements {
        return Err(XmlError::TooManyElements {
            max: limits.max_elements,
        });
    }
    if stack.len() >= limits.max_depth {
        return Err(XmlError::TooDeep {
            max: limits.max_depth,
        });
    }
    let mut declared = Vec::new();
    let mut attributes = Vec::new();
    for attribute in start.attributes().with_checks(true) {
        let attribute = attribute.map_err(|_| {
            malformed(
                src,
                pos,
                "attribut mal formé (attendu nom=\"valeur\", chaque attribut une seule fois)",
            )
        })?;
        let value = attribute
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|error| match error {
                QuickError::Escape(quick_xml::escape::EscapeError::UnrecognizedEntity(_, name)) => {
                    XmlError::Entity(name)
                }
                _ => malformed(src, pos, "valeur d'attribut invalide"),
            })?
            .into_owned();
        let key = attribute.key.0.to_owned();
        if key == "xmlns" {
            declared.push((String::new(), value));
        } else if let Some(prefix) = key.strip_prefix("xmlns:") {
            declared.push((prefix.to_owned(), value));
        } else {
            attributes.push((key, value));
        }
    }
    scopes.push(declared);
    let qualified = start.name().0.to_owned();
    let (prefix, name) = match qualified.split_once(':') {
        Some((prefix, local)) => (prefix.to_owned(), local.to_owned()),
        None => (String::new(), qualified),
    };
    let namespace = scopes
        .iter()
        .rev()
        .flat_map(|scope| scope.iter())
        .find(|(p, _)| *p == prefix)
        .map(|(_, uri)| uri.clone())
        .filter(|uri| !uri.is_empty());
    Ok(Element {
        name,
        namespace,
        attributes,
        children: Vec::new(),
        text: String::new(),
        pos,
    })
}

enum Resolve {
    Entity(String),
    BadChar,
}

/// The five predefined entities and numeric character references only.
fn resolve(reference: &str) -> Result<char, Resolve> {
    if let Some(number) = reference.strip_prefix('#') {
        let code = match number.strip_prefix('x') {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => number.parse::<u32>().ok(),
        };
        return code
            .filter(|_| !number.starts_with('+') && !number.starts_with("x+"))
            .and_then(char::from_u32)
            .filter(|c| is_xml_char(*c))
            .ok_or(Resolve::BadChar);
    }
    match reference {
        "lt" => Ok('<'),
        "gt" => Ok('>'),
        "amp" => Ok('&'),
        "apos" => Ok('\''),
        "quot" => Ok('"'),
        other => Err(Resolve::Entity(other.to_owned())),
    }
}

fn convert(src: &str, reader: &Reader<&[u8]>, error: &QuickError, open: bool) -> XmlError {
    let pos = usize::try_from(reader.error_position()).unwrap_or(usize::MAX);
    match error {
        QuickError::Encoding(_) => XmlError::NotUtf8,
        QuickError::Syntax(SyntaxError::UnclosedDoctype)
        | QuickError::IllFormed(IllFormedError::MissingDoctypeName) => XmlError::Dtd,
        QuickError::Escape(quick_xml::escape::EscapeError::UnrecognizedEntity(_, name)) => {
            XmlError::Entity(name.clone())
        }
        // A file cut in the middle of a tag or of the document.
        QuickError::Syntax(
            SyntaxError::UnclosedTag
            | SyntaxError::UnclosedSingleQuotedAttributeValue
            | SyntaxError::UnclosedDoubleQuotedAttributeValue
            | SyntaxError::UnclosedCData
            | SyntaxError::UnclosedComment,
        ) if open => XmlError::Truncated,
        QuickError::IllFormed(IllFormedError::MissingEndTag(_)) => XmlError::Truncated,
        QuickError::IllFormed(IllFormedError::MismatchedEndTag { expected, found }) => malformed(
            src,
            pos,
            &format!("attendu </{expected}>, trouvé </{found}>"),
        ),
        QuickError::IllFormed(IllFormedError::UnmatchedEndTag(tag)) => malformed(
            src,
            pos,
            &format!("balise fermante </{tag}> sans balise ouvrante"),
        ),
        _ => malformed(src, pos, "XML mal formé"),
    }
}

fn malformed(src: &str, pos: usize, detail: &str) -> XmlError {
    XmlError::Malformed {
        line: line_of(src, pos),
        detail: detail.to_owned(),
    }
}

/// 1-based line of byte offset `pos`.
pub(crate) fn line_of(src: &str, pos: usize) -> usize {
    src.as_bytes()
        .get(..pos.min(src.len()))
        .map_or(1, |before| {
            before.iter().filter(|b| **b == b'\n').count() + 1
        })
}

/// A character XML 1.0 allows in a document.
pub(crate) fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Escapes a value for a double-quoted attribute: `& < > "` as entities,
/// tab and line ends as character references (so they survive attribute
/// normalisation), characters XML 1.0 forbids dropped.
pub(crate) fn escape_attribute(value: &str) -> Cow<'_, str> {
    if !value
        .chars()
        .any(|c| matches!(c, '&' | '<' | '>' | '"' | '\t' | '\n' | '\r') || !is_xml_char(c))
    {
        return Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len() + 16);
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if is_xml_char(c) => out.push(c),
            _ => {}
        }
    }
    Cow::Owned(out)
}

/// Escapes element text: `& < >` as entities, `\r` as a character
/// reference, characters XML 1.0 forbids dropped.
pub(crate) fn escape_text(value: &str) -> Cow<'_, str> {
    if !value
        .chars()
        .any(|c| matches!(c, '&' | '<' | '>' | '\r') || !is_xml_char(c))
    {
        return Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len() + 16);
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            c if is_xml_char(c) => out.push(c),
            _ => {}
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: XmlLimits = XmlLimits {
        max_bytes: 10_000,
        max_depth: 4,
        max_elements: 20,
    };

    #[test]
    fn reads_a_tree_with_namespaces_text_and_attributes() {
        let xml = "\u{feff}<?xml version=\"1.0\"?><!-- c --><a:R xmlns:a=\"urn:x\" k=\"v &amp; w&#10;\">\
                   <a:C>t&lt;1<![CDATA[<2>]]></a:C><D xmlns=\"urn:y\"/></a:R>";
        let root = parse_document(xml.as_bytes(), &LIMITS).unwrap();
        assert_eq!(root.name, "R");
        assert_eq!(root.namespace.as_deref(), Some("urn:x"));
        assert_eq!(root.attribute("k"), Some("v & w\n"));
        assert_eq!(root.child("C").unwrap().text, "t<1<2>");
        assert_eq!(root.child("D").unwrap().namespace.as_deref(), Some("urn:y"));
    }

    #[test]
    fn refuses_dtds_entities_and_excess() {
        let parse = |xml: &str| parse_document(xml.as_bytes(), &LIMITS).unwrap_err();
        assert_eq!(
            parse("<!DOCTYPE r [<!ENTITY x \"y\">]><r>&x;</r>"),
            XmlError::Dtd
        );
        assert_eq!(parse("<r>&x;</r>"), XmlError::Entity("x".into()));
        assert_eq!(parse("<r k=\"&x;\"/>"), XmlError::Entity("x".into()));
        assert_eq!(
            parse("<a><b><c><d><e/></d></c></b></a>"),
            XmlError::TooDeep { max: 4 }
        );
        assert_eq!(
            parse(&format!("<a>{}</a>", "<b/>".repeat(20))),
            XmlError::TooManyElements { max: 20 }
        );
        assert_eq!(parse("<a><b>text"), XmlError::Truncated);
        assert_eq!(parse("<a><b k=\"te"), XmlError::Truncated);
        assert_eq!(parse("   "), XmlError::Empty);
        assert!(matches!(parse("not xml"), XmlError::Malformed { .. }));
        assert!(matches!(
            parse("<a></b>"),
            XmlError::Malformed { line: 1, .. }
        ));
        assert!(matches!(parse("<a/><b/>"), XmlError::Malformed { .. }));
        assert_eq!(
            parse_document(&[b'<'; 10_001], &LIMITS).unwrap_err(),
            XmlError::TooLarge {
                size: 10_001,
                max: 10_000
            }
        );
        assert_eq!(
            parse_document(b"<a>\xff</a>", &LIMITS).unwrap_err(),
            XmlError::NotUtf8
        );
    }

    #[test]
    fn escaping_keeps_values_intact() {
        let value = "a&b<c>\"d\"\te\r\nf\u{1}g";
        let xml = format!(
            "<r k=\"{}\">{}</r>",
            escape_attribute(value),
            escape_text(value)
        );
        let root = parse_document(xml.as_bytes(), &LIMITS).unwrap();
        assert_eq!(root.attribute("k"), Some("a&b<c>\"d\"\te\r\nfg"));
        assert_eq!(root.text, "a&b<c>\"d\"\te\r\nfg");
        assert!(matches!(escape_attribute("plain"), Cow::Borrowed(_)));
    }
}
