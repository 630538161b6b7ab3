//! What is wrong in a feed, and where: [`FeedError`] (a place and a
//! [`Problem`]), quick-xml's errors in French, line and column of an offset.

use quick_xml::errors::{Error as XmlError, IllFormedError, SyntaxError};
use thiserror::Error;

/// What is wrong at a place of the document. French: shown to the operator
/// who published the feed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Problem {
    #[error("le flux n'est pas encodé en UTF-8")]
    NotUtf8,
    #[error("XML mal formé : {0}")]
    Malformed(String),
    #[error(
        "les déclarations <!DOCTYPE> (DTD) sont refusées : le flux ne doit déclarer ni DTD ni entité"
    )]
    DtdRefused,
    #[error(
        "référence d'entité « &{0}; » refusée : seules &lt; &gt; &amp; &apos; &quot; et les \
         références numériques (&#…;) sont acceptées"
    )]
    Entity(String),
    #[error("plus de {max} niveaux d'éléments imbriqués")]
    TooDeep { max: usize },
    #[error("plus de {max} éléments dans le flux")]
    TooManyElements { max: usize },
    #[error("plus de {max} modèles <ENT> dans le flux")]
    TooManyModels { max: usize },
    #[error("attendu {expected}, trouvé {found}")]
    Unexpected { expected: String, found: String },
    #[error("élément <{0}> en double")]
    Duplicate(String),
    #[error("attribut « {0} » inconnu")]
    UnknownAttribute(String),
    #[error("attribut « {0} » obligatoire manquant")]
    MissingAttribute(&'static str),
    #[error("version « {0} » non prise en charge : attendu version=\"relais-models/1\"")]
    Version(String),
    #[error("espace de noms « {0} » inattendu : attendu xmlns=\"urn:relais:models:1\"")]
    Namespace(String),
    /// A value refused by the domain rules; `field` is the domain's field.
    #[error("{message}")]
    Invalid {
        field: &'static str,
        message: String,
    },
}

/// Why a feed could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FeedError {
    #[error(
        "le flux dépasse la taille maximale : {size} octets reçus, au plus {max} octets acceptés"
    )]
    TooLarge { size: usize, max: usize },
    /// `line` and `column` are 1-based, the column counted in characters;
    /// `element` is the innermost element concerned (none before the root),
    /// `path` the elements from the root, e.g.
    /// `ListeModeles/ENT[2]/PronoteNet/Url_ServeurCAS`.
    #[error("ligne {line}, colonne {column}{} : {problem}", in_element(.element))]
    At {
        line: usize,
        column: usize,
        element: Option<String>,
        path: String,
        problem: Problem,
    },
}

fn in_element(element: &Option<String>) -> String {
    element
        .as_ref()
        .map_or_else(String::new, |name| format!(", élément <{name}>"))
}

impl FeedError {
    /// The problem, if the error has a place in the document.
    pub fn problem(&self) -> Option<&Problem> {
        match self {
            FeedError::TooLarge { .. } => None,
            FeedError::At { problem, .. } => Some(problem),
        }
    }

    /// `(line, column)`, 1-based, if the error has a place in the document.
    pub fn position(&self) -> Option<(usize, usize)> {
        match self {
            FeedError::TooLarge { .. } => None,
            FeedError::At { line, column, .. } => Some((*line, *column)),
        }
    }
}

pub(super) type Result<T, E = FeedError> = std::result::Result<T, E>;

/// 1-based line and column (in characters) of byte offset `pos` in `src`.
pub(super) fn line_column(src: &str, pos: usize) -> (usize, usize) {
    let mut pos = pos.min(src.len());
    while !src.is_char_boundary(pos) {
        pos -= 1;
    }
    let before = &src[..pos];
    let line = before.bytes().filter(|b| *b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// quick-xml's errors, in French.
pub(super) fn french_xml_error(error: &XmlError) -> String {
    match error {
        XmlError::Syntax(syntax) => match syntax {
            SyntaxError::InvalidBangMarkup => "balise « <! » inconnue".into(),
            SyntaxError::UnclosedPI => "instruction de traitement <? … ?> non fermée".into(),
            SyntaxError::UnclosedXmlDecl => "déclaration <?xml … ?> non fermée".into(),
            SyntaxError::UnclosedComment => "commentaire <!-- … --> non fermé".into(),
            SyntaxError::UnclosedDoctype => "déclaration <!DOCTYPE> non fermée".into(),
            SyntaxError::UnclosedCData => "section <![CDATA[ … ]]> non fermée".into(),
            SyntaxError::UnclosedTag => "balise non fermée (« > » manquant)".into(),
            SyntaxError::UnclosedSingleQuotedAttributeValue
            | SyntaxError::UnclosedDoubleQuotedAttributeValue => {
                "valeur d'attribut non fermée (guillemet manquant)".into()
            }
        },
        XmlError::IllFormed(ill) => match ill {
            IllFormedError::MissingDeclVersion(_) => {
                "la déclaration <?xml … ?> doit commencer par version=\"1.0\"".into()
            }
            IllFormedError::UnknownVersion => "version XML inconnue : attendu 1.0".into(),
            IllFormedError::MissingDoctypeName => "déclaration <!DOCTYPE> sans nom".into(),
            IllFormedError::MissingEndTag(tag) => {
                format!("balise </{tag}> manquante avant la fin du flux")
            }
            IllFormedError::UnmatchedEndTag(tag) => {
                format!("balise fermante </{tag}> sans balise ouvrante")
            }
            IllFormedError::MismatchedEndTag { expected, found } => {
                format!("attendu </{expected}>, trouvé </{found}>")
            }
            IllFormedError::DoubleHyphenInComment => "« -- » interdit dans un commentaire".into(),
            IllFormedError::UnclosedReference => {
                "référence « & » non terminée par « ; » (écrivez &amp; pour « & »)".into()
            }
        },
        XmlError::InvalidAttr(_) => {
            "attribut mal formé (attendu nom=\"valeur\", chaque attribut une seule fois)".into()
        }
        XmlError::Escape(_) => "référence d'entité ou de caractère invalide".into(),
        XmlError::Encoding(_) => "le flux n'est pas encodé en UTF-8".into(),
        XmlError::Io(_) | XmlError::Namespace(_) => "lecture impossible".into(),
    }
}
