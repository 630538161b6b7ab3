//! Checking a document against an XML schema the operator supplied
//! (Index-Education's `ModelesConfiguration_CAS.xsd`, not public), with
//! xmllint's rules: `xmllint --noout --nonet --schema`, the same program
//! Index-Education's own checks and the tests use. Every error comes back
//! in French with its line (docs/formats/index-education-models.md).
//!
//! xmllint (Debian's `libxml2-utils`) runs as a child process on files in a
//! temporary directory, without network access (`--nonet`), under a time
//! limit; it is killed if the request goes away.

use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use tokio::process::Command;

/// The longest an xmllint run may take.
const TIMEOUT: Duration = Duration::from_secs(20);
/// The names the files get in the temporary directory (xmllint prefixes
/// its messages with them).
const SCHEMA: &str = "schema.xsd";
const DOCUMENT: &str = "document.xml";

/// One problem xmllint found, in French.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaIssue {
    /// The line in the document (or in the schema, for a schema that does
    /// not compile).
    pub line: Option<u32>,
    pub message: String,
}

/// Why a check could not run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum XsdError {
    /// xmllint is not installed on the server.
    Unavailable,
    /// The schema itself does not compile.
    SchemaInvalid(Vec<SchemaIssue>),
    /// xmllint did not answer in time.
    Timeout,
    /// Temporary files or the process failed.
    Io(String),
}

impl XsdError {
    /// The message shown to the person (French).
    pub fn message(&self) -> String {
        match self {
            XsdError::Unavailable => "La vérification est impossible : xmllint n'est pas installé \
                                      sur le serveur Relais (paquet Debian libxml2-utils). \
                                      Prévenez l'administrateur de la plateforme."
                .to_owned(),
            XsdError::SchemaInvalid(issues) => format!(
                "Le schéma fourni ne se compile pas : {}",
                issues
                    .iter()
                    .map(|i| match i.line {
                        Some(line) => format!("ligne {line} : {}", i.message),
                        None => i.message.clone(),
                    })
                    .collect::<Vec<_>>()
                    .join(" ; ")
            ),
            XsdError::Timeout => {
                "La vérification a dépassé 20 secondes : réessayez ; si cela persiste, \
                 contactez l'assistance."
                    .to_owned()
            }
            XsdError::Io(_) => "La vérification n'a pas pu être lancée sur le serveur : \
                                réessayez ; si cela persiste, contactez l'assistance."
                .to_owned(),
        }
    }
}

/// Checks that `schema` compiles (an upload is refused otherwise).
pub async fn check_schema(schema: &str) -> Result<(), XsdError> {
    // Any document will do: a schema that compiles only rejects it.
    run(schema, b"<relais-verification/>").await.map(|_| ())
}

/// The problems of `document` against `schema`; empty: valid.
pub async fn check_document(schema: &str, document: &[u8]) -> Result<Vec<SchemaIssue>, XsdError> {
    run(schema, document).await
}

async fn run(schema: &str, document: &[u8]) -> Result<Vec<SchemaIssue>, XsdError> {
    let directory = tempfile::tempdir().map_err(|e| XsdError::Io(e.to_string()))?;
    let write = |name: &str, bytes: &[u8]| {
        std::fs::write(directory.path().join(name), bytes).map_err(|e| XsdError::Io(e.to_string()))
    };
    write(SCHEMA, schema.as_bytes())?;
    write(DOCUMENT, document)?;
    let output = xmllint(directory.path()).await?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    match output.status.code() {
        Some(0) => Ok(Vec::new()),
        Some(3 | 4) => Ok(document_issues(&stderr)),
        Some(5) => Err(XsdError::SchemaInvalid(schema_issues(&stderr))),
        _ => Err(XsdError::Io(stderr.chars().take(500).collect())),
    }
}

async fn xmllint(directory: &Path) -> Result<std::process::Output, XsdError> {
    let child = Command::new("xmllint")
        .args(["--noout", "--nonet", "--schema", SCHEMA, DOCUMENT])
        .current_dir(directory)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => XsdError::Unavailable,
            _ => XsdError::Io(e.to_string()),
        })?;
    tokio::time::timeout(TIMEOUT, child.wait_with_output())
        .await
        .map_err(|_| XsdError::Timeout)?
        .map_err(|e| XsdError::Io(e.to_string()))
}

/// `document.xml:12: element ENT: Schemas validity error : Element
/// '{urn:x}ENT': …` lines, in French.
fn document_issues(stderr: &str) -> Vec<SchemaIssue> {
    let prefix = format!("{DOCUMENT}:");
    let mut issues: Vec<SchemaIssue> = stderr
        .lines()
        .filter_map(|line| line.strip_prefix(&prefix))
        .map(|rest| {
            let (line, text) = split_line(rest);
            SchemaIssue {
                line,
                message: french(text),
            }
        })
        .collect();
    if issues.is_empty() {
        // Not a message xmllint usually writes: keep its text.
        issues.push(SchemaIssue {
            line: None,
            message: format!(
                "Document non valide (message d'xmllint : {})",
                stderr.trim().chars().take(300).collect::<String>()
            ),
        });
    }
    issues
}

/// The lines about the schema when it does not compile.
fn schema_issues(stderr: &str) -> Vec<SchemaIssue> {
    let prefix = format!("{SCHEMA}:");
    let issues: Vec<SchemaIssue> = stderr
        .lines()
        .filter_map(|line| line.strip_prefix(&prefix))
        .map(|rest| {
            let (line, text) = split_line(rest);
            let detail = text.split_once("error : ").map_or(text, |(_, d)| d).trim();
            SchemaIssue {
                line,
                message: if detail.contains("Start tag expected") {
                    "ce n'est pas un fichier XML".to_owned()
                } else {
                    format!("erreur du schéma (message d'xmllint : {detail})")
                },
            }
        })
        .collect();
    if issues.is_empty() {
        vec![SchemaIssue {
            line: None,
            message: "le fichier n'est pas un schéma XML lisible".to_owned(),
        }]
    } else {
        issues
    }
}

/// `12: element X: …` → (Some(12), `element X: …`).
fn split_line(rest: &str) -> (Option<u32>, &str) {
    match rest.split_once(':') {
        Some((number, text)) => (number.trim().parse().ok(), text.trim()),
        None => (None, rest.trim()),
    }
}

/// `{urn:x}ENT` → `ENT`, in every name of a message (a set of values such
/// as `{'A', 'B'}` is kept).
fn local_names(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open..];
        match after.find('}') {
            Some(close) if !after[..close].contains('\'') => rest = &after[close + 1..],
            Some(close) => {
                out.push_str(&after[..=close]);
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(after);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The value between the first pair of single quotes after `start`.
fn quoted<'t>(text: &'t str, start: &str) -> Option<&'t str> {
    let rest = &text[text.find(start)? + start.len()..];
    let end = rest.find('\'')?;
    Some(&rest[..end])
}

/// xmllint's English validity message, in French.
fn french(text: &str) -> String {
    let detail = text
        .split_once("validity error : ")
        .map_or(text, |(_, d)| d)
        .trim();
    let detail = local_names(detail);
    let element = quoted(&detail, "Element '").unwrap_or("?").to_owned();
    let reason = detail
        .split_once("': ")
        .map_or(detail.as_str(), |(_, r)| r)
        .trim()
        .trim_end_matches('.');
    let expected = |r: &str| {
        r.split_once("Expected is").map(|(_, e)| {
            e.trim()
                .trim_start_matches('(')
                .trim_end_matches(')')
                .trim()
                .to_owned()
        })
    };
    let said = if let Some(attribute) =
        quoted(reason, "The attribute '").filter(|_| reason.ends_with("is required but missing"))
    {
        format!("l'attribut obligatoire « {attribute} » manque")
    } else if let Some(attribute) =
        quoted(reason, "The attribute '").filter(|_| reason.ends_with("is not allowed"))
    {
        format!("l'attribut « {attribute} » n'est pas permis")
    } else if reason.starts_with("Missing child element(s)") {
        match expected(reason) {
            Some(e) => format!("il manque un élément enfant (attendu : {e})"),
            None => "il manque un élément enfant".to_owned(),
        }
    } else if reason.starts_with("This element is not expected") {
        match expected(reason) {
            Some(e) => format!("cet élément n'est pas attendu à cet endroit (attendu : {e})"),
            None => "cet élément n'est pas attendu à cet endroit".to_owned(),
        }
    } else if reason.starts_with("No matching global declaration") {
        "cet élément racine n'est pas déclaré par le schéma (nom ou espace de noms différent)"
            .to_owned()
    } else if reason.starts_with("[facet 'enumeration']") {
        format!(
            "la valeur « {} » n'est pas une des valeurs permises{}",
            quoted(reason, "The value '").unwrap_or("?"),
            reason
                .find("set {")
                .map(|at| format!(" ({})", &reason[at + 4..]))
                .unwrap_or_default()
        )
    } else if reason.starts_with("[facet 'pattern']") {
        format!(
            "la valeur « {} » ne respecte pas le motif « {} »",
            quoted(reason, "The value '").unwrap_or("?"),
            quoted(reason, "the pattern '").unwrap_or("?")
        )
    } else if reason.starts_with("[facet 'maxLength']") {
        format!(
            "la valeur « {} » est trop longue ({} caractères au plus)",
            quoted(reason, "The value '").unwrap_or("?"),
            quoted(reason, "maximum length of '").unwrap_or("?")
        )
    } else if reason.starts_with("[facet 'minLength']") {
        format!(
            "la valeur « {} » est trop courte ({} caractères au moins)",
            quoted(reason, "The value '").unwrap_or("?"),
            quoted(reason, "minimum length of '").unwrap_or("?")
        )
    } else if reason.contains("is not a valid value of the") {
        format!(
            "la valeur « {} » n'est pas du type {}",
            reason.split('\'').nth(1).unwrap_or("?"),
            reason.rsplit('\'').nth(1).unwrap_or("?")
        )
    } else if reason.starts_with("Character content other than whitespace is not allowed") {
        "du texte n'est pas permis ici (seuls des éléments le sont)".to_owned()
    } else if reason.starts_with("Element content is not allowed") {
        "des éléments ne sont pas permis ici (une valeur simple est attendue)".to_owned()
    } else {
        format!("non conforme au schéma (message d'xmllint : {reason})")
    };
    format!("élément « {element} » : {said}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xmllint_messages_are_said_in_french_with_their_line() {
        let stderr = "document.xml:3: element Modele: Schemas validity error : Element '{urn:t}Modele': The attribute 'id' is required but missing.
document.xml:3: element Code: Schemas validity error : Element '{urn:t}Code': [facet 'enumeration'] The value 'C' is not an element of the set {'A', 'B'}.
document.xml:3: element N: Schemas validity error : Element '{urn:t}N': 'abc' is not a valid value of the atomic type 'xs:int'.
document.xml:4: element Modele: Schemas validity error : Element '{urn:t}Modele', attribute 'foo': The attribute 'foo' is not allowed.
document.xml:4: element Modele: Schemas validity error : Element '{urn:t}Modele': Missing child element(s). Expected is ( {urn:t}Code ).
document.xml:5: element Autre: Schemas validity error : Element '{urn:t}Autre': This element is not expected. Expected is ( {urn:t}Modele ).
document.xml:1: element x: Schemas validity error : Element 'x': No matching global declaration available for the validation root.
document.xml:9: element Z: Schemas validity error : Element '{urn:t}Z': Something new.
document.xml fails to validate";
        let issues = document_issues(stderr);
        let lines: Vec<(Option<u32>, &str)> = issues
            .iter()
            .map(|i| (i.line, i.message.as_str()))
            .collect();
        assert_eq!(
            lines,
            [
                (
                    Some(3),
                    "élément « Modele » : l'attribut obligatoire « id » manque"
                ),
                (
                    Some(3),
                    "élément « Code » : la valeur « C » n'est pas une des valeurs permises ({'A', 'B'})"
                ),
                (
                    Some(3),
                    "élément « N » : la valeur « abc » n'est pas du type xs:int"
                ),
                (
                    Some(4),
                    "élément « Modele » : l'attribut « foo » n'est pas permis"
                ),
                (
                    Some(4),
                    "élément « Modele » : il manque un élément enfant (attendu : Code)"
                ),
                (
                    Some(5),
                    "élément « Autre » : cet élément n'est pas attendu à cet endroit (attendu : Modele)"
                ),
                (
                    Some(1),
                    "élément « x » : cet élément racine n'est pas déclaré par le schéma (nom ou espace de noms différent)"
                ),
                (
                    Some(9),
                    "élément « Z » : non conforme au schéma (message d'xmllint : Something new)"
                ),
            ]
        );
    }

    #[test]
    fn a_schema_that_does_not_compile_says_where() {
        let stderr = "schema.xsd:1: element element: Schemas parser error : element decl. 'a', attribute 'type': The QName value 'nope' does not resolve to a(n) type definition.
WXS schema schema.xsd failed to compile";
        let issues = schema_issues(stderr);
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].line, Some(1));
        assert!(issues[0].message.starts_with("erreur du schéma"));
        let message = XsdError::SchemaInvalid(issues).message();
        assert!(
            message.starts_with("Le schéma fourni ne se compile pas : ligne 1 : "),
            "{message}"
        );
    }
}
