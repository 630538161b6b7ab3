//! The models feed `relais-models/1`: the XML list of integrators' CAS
//! configuration models (BRIEF §3) that Relais downloads, and that operators
//! export to send to Index-Education.
//!
//! Schema: `docs/formats/relais-models-1.xsd`; prose, limits and messages:
//! `docs/formats/models-feed.md`.
//!
//! [`parse`] streams over the bytes with quick-xml (no tree is built) and is
//! bounded ([`Limits`]): size, nesting depth, element count and model count.
//! It refuses any `<!DOCTYPE>` and every entity reference other than the five
//! predefined ones and numeric character references, so no DTD, external
//! entity or entity expansion is ever processed. It follows the schema
//! strictly (unknown, missing, repeated or misplaced elements are refused)
//! and sends every value through the domain parsers, then
//! [`EntModel::check`] and the feed-level name uniqueness: what it returns
//! passes [`ModelFeed::check`]. Errors are in French and say where (line,
//! column, element) and what was expected.
//!
//! [`write`] gives the canonical, indented form: `parse(write(feed))` gives
//! `feed` back for every feed that passes [`ModelFeed::check`], and equal
//! feeds give equal bytes (hash `write(feed)` to identify a content).

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use quick_xml::Reader;
use quick_xml::XmlVersion;
use quick_xml::errors::{Error as XmlError, IllFormedError, SyntaxError};
use quick_xml::escape::escape;
use quick_xml::events::{BytesStart, Event};
use relais_domain::DomainError;
use relais_domain::delegation::{
    AttributeName, CasUrls, CommonIdentifier, FirstConnectionMode, IdentityAttributes, Profile,
    ProfileValues,
};
use relais_domain::models::{Client, ClientSettings, EntModel, ModelFeed};
use relais_domain::web_url::WebUrl;
use thiserror::Error;

/// The value of the root's `version` attribute.
pub const VERSION: &str = "relais-models/1";
/// The namespace of every element, declared as the default namespace.
pub const NAMESPACE: &str = "urn:relais:models:1";

/// Bounds on what [`parse`] reads, checked as it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest document, in bytes (default 20 MiB).
    pub max_bytes: usize,
    /// Deepest nesting of elements, the root being 1 (default 16; the
    /// schema needs 7).
    pub max_depth: usize,
    /// Most elements in the document, the root included (default 200 000).
    pub max_elements: usize,
    /// Most `<ENT>` models (default 5 000).
    pub max_models: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_bytes: 20 * 1024 * 1024,
            max_depth: 16,
            max_elements: 200_000,
            max_models: 5_000,
        }
    }
}

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

type Result<T, E = FeedError> = std::result::Result<T, E>;

// Element names, as published.
const LISTE_MODELES: &str = "ListeModeles";
const ENT: &str = "ENT";
const NOM: &str = "Nom";
const LOCALISATION: &str = "Localisation";
const DESCRIPTION: &str = "Description";
const URL_DOCUMENTATION: &str = "UrlDocumentation";
const CLIENT_PRONOTE: &str = "ClientPronote";
const PRONOTE_NET: &str = "PronoteNet";
const ATTRIBUT_ID_CAS: &str = "AttributIDCas";
const URL_SERVEUR_CAS: &str = "Url_ServeurCAS";
const URL_RACINE: &str = "UrlRacine";
const URL_AUTHENTIFICATION: &str = "UrlAuthentification";
const URL_VALIDATION: &str = "UrlValidation";
const MODE: &str = "ModeIdentificationPremiereConnexion";
const AVEC_IDENTITE: &str = "AvecIdentite";
const AVEC_IDENTIFIANT_PRONOTE: &str = "AvecIdentifiantPronote";
const DOUBLE_AUTHENTIFICATION: &str = "DoubleAuthentification";
const REFUSER_ACCES: &str = "RefuserAcces";
const ATTRIBUT_NOM: &str = "AttributNom";
const ATTRIBUT_PRENOM: &str = "AttributPrenom";
const ATTRIBUT_DATE_NAISSANCE: &str = "AttributDateNaissance";
const ATTRIBUT_CODE_POSTAL: &str = "AttributCodePostal";
const ATTRIBUT_PROFIL: &str = "AttributProfil";
const VALEURS_PROFIL: &str = "ValeursProfil";
const PROFIL: &str = "Profil";
const ATTRIBUT_IDENTIFIANT: &str = "AttributIdentifiant";

/// The element name of a client.
fn client_element(client: Client) -> &'static str {
    match client {
        Client::PronoteClient => CLIENT_PRONOTE,
        Client::PronoteNet => PRONOTE_NET,
    }
}

/// Reads a feed. See the module documentation.
pub fn parse(bytes: &[u8], limits: &Limits) -> Result<ModelFeed> {
    if bytes.len() > limits.max_bytes {
        return Err(FeedError::TooLarge {
            size: bytes.len(),
            max: limits.max_bytes,
        });
    }
    let src = match std::str::from_utf8(bytes) {
        Ok(src) => src,
        Err(error) => {
            // The valid prefix is text: count lines and columns in it.
            let valid = &bytes[..error.valid_up_to()];
            let prefix = std::str::from_utf8(valid).unwrap_or_default();
            let (line, column) = line_column(prefix, prefix.len());
            return Err(FeedError::At {
                line,
                column,
                element: None,
                path: String::new(),
                problem: Problem::NotUtf8,
            });
        }
    };
    Parser::new(src, limits).document()
}

/// An element met where a child (or the end of the parent) was expected.
struct Tag<'a> {
    /// The element's name if it is one of the schema's.
    known: Option<&'static str>,
    start: BytesStart<'a>,
    empty: bool,
    /// Byte offset of its `<`.
    pos: usize,
}

impl Tag<'_> {
    fn shown(&self) -> String {
        format!("<{}>", self.start.name().0)
    }
}

/// What comes next inside the current element.
enum Child<'a> {
    Start(Tag<'a>),
    /// The end of the current element, at this byte offset.
    End(usize),
}

/// The children allowed in an element, in order, and which are required.
struct Sequence {
    parent: &'static str,
    slots: &'static [(&'static str, bool)],
    next: usize,
    seen: u32,
}

impl Sequence {
    fn new(parent: &'static str, slots: &'static [(&'static str, bool)]) -> Self {
        Self {
            parent,
            slots,
            next: 0,
            seen: 0,
        }
    }

    /// What may come now: the optional slots up to the next required one,
    /// or the parent's end.
    fn expected(&self) -> String {
        let mut names: Vec<String> = Vec::new();
        let mut required = false;
        for (name, mandatory) in &self.slots[self.next..] {
            names.push(format!("<{name}>"));
            if *mandatory {
                required = true;
                break;
            }
        }
        if !required {
            names.push(format!("</{}>", self.parent));
        }
        either(&names)
    }

    /// Accepts `name` as the next child, or says why not.
    fn accept(&mut self, tag: &Tag<'_>) -> Result<usize, Problem> {
        let index = tag
            .known
            .and_then(|name| self.slots.iter().position(|(n, _)| *n == name));
        match index {
            Some(index)
                if index >= self.next && !self.slots[self.next..index].iter().any(|s| s.1) =>
            {
                self.next = index + 1;
                self.seen |= 1 << index;
                Ok(index)
            }
            Some(index) if self.seen & (1 << index) != 0 => {
                Err(Problem::Duplicate(self.slots[index].0.to_owned()))
            }
            _ => Err(Problem::Unexpected {
                expected: self.expected(),
                found: tag.shown(),
            }),
        }
    }

    /// Checks that no required child is missing at the parent's end.
    fn finish(&self) -> Result<(), Problem> {
        if self.slots[self.next..].iter().any(|s| s.1) {
            return Err(self.missing());
        }
        Ok(())
    }

    /// What the parent's end lacks.
    fn missing(&self) -> Problem {
        Problem::Unexpected {
            expected: self.expected(),
            found: format!("</{}>", self.parent),
        }
    }
}

/// « <A>, <B> ou <C> ».
fn either(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} ou {last}", init.join(", ")),
    }
}

const ENT_SLOTS: &[(&str, bool)] = &[
    (NOM, true),
    (LOCALISATION, true),
    (DESCRIPTION, false),
    (URL_DOCUMENTATION, false),
    (CLIENT_PRONOTE, false),
    (PRONOTE_NET, false),
];
const CLIENT_SLOTS: &[(&str, bool)] = &[
    (ATTRIBUT_ID_CAS, false),
    (URL_SERVEUR_CAS, false),
    (MODE, true),
];
const IDENTITY_SLOTS: &[(&str, bool)] = &[
    (ATTRIBUT_NOM, true),
    (ATTRIBUT_PRENOM, true),
    (ATTRIBUT_DATE_NAISSANCE, true),
    (ATTRIBUT_CODE_POSTAL, false),
    (ATTRIBUT_PROFIL, true),
    (VALEURS_PROFIL, true),
];
const PRONOTE_IDENTIFIER_SLOTS: &[(&str, bool)] = &[(ATTRIBUT_IDENTIFIANT, true)];

/// The schema's element names, to tell a known element from a stranger.
fn known_name(name: &str) -> Option<&'static str> {
    Some(match name {
        LISTE_MODELES => LISTE_MODELES,
        ENT => ENT,
        NOM => NOM,
        LOCALISATION => LOCALISATION,
        DESCRIPTION => DESCRIPTION,
        URL_DOCUMENTATION => URL_DOCUMENTATION,
        CLIENT_PRONOTE => CLIENT_PRONOTE,
        PRONOTE_NET => PRONOTE_NET,
        ATTRIBUT_ID_CAS => ATTRIBUT_ID_CAS,
        URL_SERVEUR_CAS => URL_SERVEUR_CAS,
        URL_RACINE => URL_RACINE,
        URL_AUTHENTIFICATION => URL_AUTHENTIFICATION,
        URL_VALIDATION => URL_VALIDATION,
        MODE => MODE,
        AVEC_IDENTITE => AVEC_IDENTITE,
        AVEC_IDENTIFIANT_PRONOTE => AVEC_IDENTIFIANT_PRONOTE,
        DOUBLE_AUTHENTIFICATION => DOUBLE_AUTHENTIFICATION,
        REFUSER_ACCES => REFUSER_ACCES,
        ATTRIBUT_NOM => ATTRIBUT_NOM,
        ATTRIBUT_PRENOM => ATTRIBUT_PRENOM,
        ATTRIBUT_DATE_NAISSANCE => ATTRIBUT_DATE_NAISSANCE,
        ATTRIBUT_CODE_POSTAL => ATTRIBUT_CODE_POSTAL,
        ATTRIBUT_PROFIL => ATTRIBUT_PROFIL,
        VALEURS_PROFIL => VALEURS_PROFIL,
        PROFIL => PROFIL,
        ATTRIBUT_IDENTIFIANT => ATTRIBUT_IDENTIFIANT,
        _ => return None,
    })
}

/// Where each part of the model being read starts, to place the errors of
/// [`EntModel::check`].
#[derive(Default)]
struct ModelPositions {
    ent: usize,
    name: usize,
    location: usize,
    description: usize,
    documentation: usize,
    clients: [usize; 2],
}

struct Parser<'a, 'l> {
    src: &'a str,
    reader: Reader<&'a [u8]>,
    limits: &'l Limits,
    /// The open elements, root first.
    stack: Vec<&'static str>,
    elements: usize,
    /// 1-based number of the `<ENT>` being read.
    model_number: usize,
    /// The element just entered was `<X/>`: its end comes next.
    pending_end: bool,
    /// Reused for the text of each element.
    text: String,
}

impl<'a, 'l> Parser<'a, 'l> {
    fn new(src: &'a str, limits: &'l Limits) -> Self {
        let mut reader = Reader::from_str(src);
        let config = reader.config_mut();
        config.check_end_names = true;
        config.check_comments = true;
        config.allow_dangling_amp = false;
        config.expand_empty_elements = false;
        Self {
            src,
            reader,
            limits,
            stack: Vec::with_capacity(16),
            elements: 0,
            model_number: 0,
            pending_end: false,
            text: String::with_capacity(4096),
        }
    }

    // ----- errors -----

    /// An error at byte offset `pos`, in the current element.
    fn at(&self, pos: usize, problem: Problem) -> FeedError {
        self.at_element(pos, self.stack.last().copied(), problem)
    }

    fn at_element(&self, pos: usize, element: Option<&str>, problem: Problem) -> FeedError {
        let (line, column) = line_column(self.src, pos);
        FeedError::At {
            line,
            column,
            element: element.map(str::to_owned),
            path: self.path(element),
            problem,
        }
    }

    /// `ListeModeles/ENT[2]/PronoteNet`, ending with `element` if it is not
    /// the innermost open element.
    fn path(&self, element: Option<&str>) -> String {
        let mut path = String::new();
        for name in &self.stack {
            if !path.is_empty() {
                path.push('/');
            }
            path.push_str(name);
            if *name == ENT {
                let _ = write!(path, "[{}]", self.model_number);
            }
        }
        if let Some(element) = element
            && self.stack.last() != Some(&element)
        {
            if !path.is_empty() {
                path.push('/');
            }
            path.push_str(element);
        }
        path
    }

    fn xml_error(&self, error: &XmlError) -> FeedError {
        let pos = usize::try_from(self.reader.error_position()).unwrap_or(usize::MAX);
        let problem = match error {
            XmlError::Encoding(_) => Problem::NotUtf8,
            XmlError::Syntax(SyntaxError::UnclosedDoctype)
            | XmlError::IllFormed(IllFormedError::MissingDoctypeName) => Problem::DtdRefused,
            XmlError::Escape(quick_xml::escape::EscapeError::UnrecognizedEntity(_, name)) => {
                Problem::Entity(name.clone())
            }
            other => Problem::Malformed(french_xml_error(other)),
        };
        self.at(pos.min(self.src.len()), problem)
    }

    fn invalid(&self, pos: usize, element: &'static str, error: DomainError) -> FeedError {
        self.at_element(
            pos,
            Some(element),
            Problem::Invalid {
                field: error.field(),
                message: error.to_string(),
            },
        )
    }

    // ----- reading -----

    fn position(&self) -> usize {
        usize::try_from(self.reader.buffer_position()).unwrap_or(usize::MAX)
    }

    fn read(&mut self) -> Result<(Event<'a>, usize)> {
        let pos = self.position();
        match self.reader.read_event() {
            Ok(event) => Ok((event, pos)),
            Err(error) => Err(self.xml_error(&error)),
        }
    }

    /// Counts an element met at `pos` against the limits.
    fn tag(&mut self, start: BytesStart<'a>, empty: bool, pos: usize) -> Result<Tag<'a>> {
        self.elements += 1;
        if self.elements > self.limits.max_elements {
            return Err(self.at(
                pos,
                Problem::TooManyElements {
                    max: self.limits.max_elements,
                },
            ));
        }
        if self.stack.len() + 1 > self.limits.max_depth {
            return Err(self.at(
                pos,
                Problem::TooDeep {
                    max: self.limits.max_depth,
                },
            ));
        }
        let known = known_name(start.name().0);
        Ok(Tag {
            known,
            start,
            empty,
            pos,
        })
    }

    /// The next child element of the current element, or its end; skips
    /// white space, comments and processing instructions.
    fn next_child(&mut self) -> Result<Child<'a>> {
        if self.pending_end {
            self.pending_end = false;
            self.stack.pop();
            return Ok(Child::End(self.position()));
        }
        loop {
            let (event, pos) = self.read()?;
            match event {
                Event::Start(start) => return self.tag(start, false, pos).map(Child::Start),
                Event::Empty(start) => return self.tag(start, true, pos).map(Child::Start),
                Event::End(_) => {
                    self.stack.pop();
                    return Ok(Child::End(pos));
                }
                Event::Text(text) => {
                    if !is_blank(&text) {
                        return Err(self.text_here(pos, &text));
                    }
                }
                Event::CData(data) => {
                    if !is_blank(&data) {
                        return Err(self.text_here(pos, &data));
                    }
                }
                Event::GeneralRef(reference) => {
                    self.resolve(&reference, pos)?;
                    return Err(self.text_here(pos, &format!("&{};", &*reference)));
                }
                Event::Comment(_) | Event::PI(_) => {}
                Event::Decl(_) => {
                    return Err(self.at(
                        pos,
                        Problem::Malformed(
                            "la déclaration <?xml …?> n'est permise qu'au début du flux".into(),
                        ),
                    ));
                }
                Event::DocType(_) => return Err(self.at(pos, Problem::DtdRefused)),
                Event::Eof => {
                    let expected = self
                        .stack
                        .last()
                        .map_or_else(|| "la fin du flux".to_owned(), |n| format!("</{n}>"));
                    return Err(self.at(
                        pos,
                        Problem::Unexpected {
                            expected,
                            found: "la fin du flux".into(),
                        },
                    ));
                }
            }
        }
    }

    /// Text where only elements may be.
    fn text_here(&self, pos: usize, text: &str) -> FeedError {
        let excerpt: String = text.trim().chars().take(40).collect();
        let expected = match self.stack.last() {
            Some(parent) => format!("un élément ou </{parent}>"),
            None => "un élément".to_owned(),
        };
        self.at(
            pos,
            Problem::Unexpected {
                expected,
                found: format!("le texte « {excerpt} »"),
            },
        )
    }

    /// Resolves a reference: the five predefined entities and numeric
    /// character references only.
    fn resolve(&self, reference: &str, pos: usize) -> Result<char> {
        if let Some(number) = reference.strip_prefix('#') {
            let code = match number.strip_prefix('x') {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => number.parse::<u32>().ok(),
            };
            return code
                .filter(|_| !number.starts_with('+') && !number.starts_with("x+"))
                .and_then(char::from_u32)
                .filter(|c| is_xml_char(*c))
                .ok_or_else(|| {
                    self.at(
                        pos,
                        Problem::Malformed(format!(
                            "référence de caractère « &{reference}; » invalide"
                        )),
                    )
                });
        }
        match reference {
            "lt" => Ok('<'),
            "gt" => Ok('>'),
            "amp" => Ok('&'),
            "apos" => Ok('\''),
            "quot" => Ok('"'),
            other => Err(self.at(pos, Problem::Entity(other.to_owned()))),
        }
    }

    /// Enters `tag`, known as `name`, refusing any attribute.
    fn enter(&mut self, tag: &Tag<'a>, name: &'static str) -> Result<()> {
        self.enter_with_attributes(tag, name)?;
        if !tag.start.attributes_raw().trim().is_empty() {
            let found = tag
                .start
                .attributes()
                .with_checks(false)
                .flatten()
                .next()
                .map_or_else(
                    || tag.start.attributes_raw().trim().to_owned(),
                    |a| a.key.0.to_owned(),
                );
            return Err(self.at(tag.pos, Problem::UnknownAttribute(found)));
        }
        Ok(())
    }

    /// Enters `tag`; its attributes are the caller's to read.
    fn enter_with_attributes(&mut self, tag: &Tag<'a>, name: &'static str) -> Result<()> {
        self.stack.push(name);
        self.pending_end = tag.empty;
        Ok(())
    }

    /// Reads the text of the element just entered, up to its end, into
    /// `self.text`; white space kept, line ends normalised.
    fn read_text(&mut self) -> Result<()> {
        self.text.clear();
        if self.pending_end {
            self.pending_end = false;
            self.stack.pop();
            return Ok(());
        }
        loop {
            let (event, pos) = self.read()?;
            match event {
                Event::Text(text) => self.text.push_str(&text.xml10_content()),
                Event::CData(data) => self.text.push_str(&data.xml10_content()),
                Event::GeneralRef(reference) => {
                    let c = self.resolve(&reference, pos)?;
                    self.text.push(c);
                }
                Event::End(_) => {
                    self.stack.pop();
                    return Ok(());
                }
                Event::Comment(_) | Event::PI(_) => {}
                Event::Start(start) | Event::Empty(start) => {
                    let parent = self.stack.last().copied().unwrap_or(LISTE_MODELES);
                    return Err(self.at(
                        pos,
                        Problem::Unexpected {
                            expected: format!("du texte ou </{parent}>"),
                            found: format!("<{}>", start.name().0),
                        },
                    ));
                }
                Event::DocType(_) => return Err(self.at(pos, Problem::DtdRefused)),
                Event::Decl(_) | Event::Eof => {
                    let parent = self.stack.last().copied().unwrap_or(LISTE_MODELES);
                    return Err(self.at(
                        pos,
                        Problem::Unexpected {
                            expected: format!("du texte ou </{parent}>"),
                            found: "la fin du flux".into(),
                        },
                    ));
                }
            }
        }
    }

    /// Enters `tag` and reads its text.
    fn text_of(&mut self, tag: &Tag<'a>, name: &'static str) -> Result<&str> {
        self.enter(tag, name)?;
        self.read_text()?;
        Ok(&self.text)
    }

    fn unexpected(&self, pos: usize, expected: &str, found: String) -> FeedError {
        self.at(
            pos,
            Problem::Unexpected {
                expected: expected.to_owned(),
                found,
            },
        )
    }

    /// The current element must end now.
    fn expect_end(&mut self) -> Result<()> {
        let parent = self.stack.last().copied().unwrap_or(LISTE_MODELES);
        match self.next_child()? {
            Child::End(_) => Ok(()),
            Child::Start(tag) => {
                Err(self.unexpected(tag.pos, &format!("</{parent}>"), tag.shown()))
            }
        }
    }

    /// A `Sequence` refusal, placed on the child refused.
    fn refuse(&self, tag: &Tag<'a>, problem: Problem) -> FeedError {
        self.at(tag.pos, problem)
    }

    // ----- the document -----

    fn document(mut self) -> Result<ModelFeed> {
        let root = self.prolog()?;
        self.root_attributes(&root)?;
        let mut models: Vec<EntModel> = Vec::new();
        let mut names: HashMap<String, usize> = HashMap::new();
        loop {
            match self.next_child()? {
                Child::Start(tag) if tag.known == Some(ENT) => {
                    if models.len() == self.limits.max_models {
                        return Err(self.at(
                            tag.pos,
                            Problem::TooManyModels {
                                max: self.limits.max_models,
                            },
                        ));
                    }
                    self.model_number = models.len() + 1;
                    let (model, positions) = self.ent(&tag)?;
                    if let Some(first) = names.insert(model.key(), self.model_number) {
                        return Err(self.at_element(
                            positions.name,
                            Some(NOM),
                            Problem::Invalid {
                                field: "name",
                                message: format!(
                                    "le nom « {} » est déjà celui du modèle n° {first} : chaque \
                                     modèle doit avoir un nom différent (majuscules et \
                                     minuscules confondues)",
                                    model.name
                                ),
                            },
                        ));
                    }
                    models.push(model);
                }
                Child::Start(tag) => {
                    let expected = if models.is_empty() {
                        "<ENT>"
                    } else {
                        "<ENT> ou </ListeModeles>"
                    };
                    return Err(self.unexpected(tag.pos, expected, tag.shown()));
                }
                Child::End(pos) => {
                    if models.is_empty() {
                        self.stack.push(LISTE_MODELES);
                        return Err(self.unexpected(pos, "<ENT>", "</ListeModeles>".into()));
                    }
                    break;
                }
            }
        }
        self.epilog()?;
        Ok(ModelFeed { models })
    }

    /// Up to the root element, which must be `<ListeModeles>`.
    fn prolog(&mut self) -> Result<Tag<'a>> {
        let mut first = true;
        loop {
            let (event, pos) = self.read()?;
            let tag = match event {
                Event::Start(start) => self.tag(start, false, pos)?,
                Event::Empty(start) => self.tag(start, true, pos)?,
                Event::Decl(decl) => {
                    if !first {
                        return Err(self.at(
                            pos,
                            Problem::Malformed(
                                "la déclaration <?xml …?> n'est permise qu'au début du flux".into(),
                            ),
                        ));
                    }
                    if let Some(encoding) = decl.encoding() {
                        let encoding = encoding.map_err(|e| self.xml_error(&e.into()))?;
                        if !encoding.eq_ignore_ascii_case("utf-8") {
                            return Err(self.at(
                                pos,
                                Problem::Malformed(format!(
                                    "encodage « {encoding} » non pris en charge : le flux doit \
                                     être en UTF-8"
                                )),
                            ));
                        }
                    }
                    first = false;
                    continue;
                }
                Event::DocType(_) => return Err(self.at(pos, Problem::DtdRefused)),
                Event::Comment(_) | Event::PI(_) => {
                    first = false;
                    continue;
                }
                Event::Text(text) if is_blank(&text) => {
                    first = false;
                    continue;
                }
                Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) => {
                    return Err(self.unexpected(
                        pos,
                        "<ListeModeles>",
                        "du texte avant l'élément racine".into(),
                    ));
                }
                Event::End(end) => {
                    return Err(self.unexpected(
                        pos,
                        "<ListeModeles>",
                        format!("</{}>", end.name().0),
                    ));
                }
                Event::Eof => {
                    return Err(self.unexpected(pos, "<ListeModeles>", "la fin du flux".into()));
                }
            };
            if tag.known != Some(LISTE_MODELES) {
                return Err(self.unexpected(tag.pos, "<ListeModeles>", tag.shown()));
            }
            return Ok(tag);
        }
    }

    /// `version` and the default namespace are required; namespace
    /// declarations and `xsi:` attributes are allowed, nothing else.
    fn root_attributes(&mut self, root: &Tag<'a>) -> Result<()> {
        self.enter_with_attributes(root, LISTE_MODELES)?;
        let mut version = None;
        let mut namespace = None;
        for attribute in root.start.attributes() {
            let attribute = attribute.map_err(|e| self.xml_error(&e.into()))?;
            let value = attribute
                .normalized_value(XmlVersion::Implicit1_0)
                .map_err(|e| self.attribute_error(root.pos, &e))?;
            match attribute.key.0 {
                "version" => version = Some(value.into_owned()),
                "xmlns" => namespace = Some(value.into_owned()),
                key if key.starts_with("xmlns:") || key.starts_with("xsi:") => {}
                key => return Err(self.at(root.pos, Problem::UnknownAttribute(key.to_owned()))),
            }
        }
        match version {
            None => return Err(self.at(root.pos, Problem::MissingAttribute("version"))),
            Some(version) if version.trim() != VERSION => {
                return Err(self.at(root.pos, Problem::Version(version)));
            }
            Some(_) => {}
        }
        match namespace {
            Some(namespace) if namespace.trim() == NAMESPACE => Ok(()),
            Some(other) => Err(self.at(root.pos, Problem::Namespace(other))),
            None => Err(self.at(root.pos, Problem::MissingAttribute("xmlns"))),
        }
    }

    fn attribute_error(&self, pos: usize, error: &XmlError) -> FeedError {
        match error {
            XmlError::Escape(quick_xml::escape::EscapeError::UnrecognizedEntity(_, name)) => {
                self.at(pos, Problem::Entity(name.clone()))
            }
            other => self.at(pos, Problem::Malformed(french_xml_error(other))),
        }
    }

    /// After the root: only white space, comments and processing
    /// instructions.
    fn epilog(&mut self) -> Result<()> {
        loop {
            let (event, pos) = self.read()?;
            match event {
                Event::Eof => return Ok(()),
                Event::Comment(_) | Event::PI(_) => {}
                Event::Text(text) if is_blank(&text) => {}
                Event::DocType(_) => return Err(self.at(pos, Problem::DtdRefused)),
                Event::Start(start) | Event::Empty(start) => {
                    return Err(self.unexpected(
                        pos,
                        "la fin du flux",
                        format!("<{}>", start.name().0),
                    ));
                }
                _ => {
                    return Err(self.unexpected(
                        pos,
                        "la fin du flux",
                        "du contenu après </ListeModeles>".into(),
                    ));
                }
            }
        }
    }

    fn ent(&mut self, tag: &Tag<'a>) -> Result<(EntModel, ModelPositions)> {
        self.enter(tag, ENT)?;
        let mut positions = ModelPositions {
            ent: tag.pos,
            ..ModelPositions::default()
        };
        let mut sequence = Sequence::new(ENT, ENT_SLOTS);
        let mut name = String::new();
        let mut location = String::new();
        let mut description = None;
        let mut documentation_url = None;
        let mut clients = BTreeMap::new();
        let end = loop {
            let child = match self.next_child()? {
                Child::End(pos) => break pos,
                Child::Start(child) => child,
            };
            let slot = sequence
                .accept(&child)
                .map_err(|problem| self.refuse(&child, problem))?;
            match ENT_SLOTS[slot].0 {
                NOM => {
                    positions.name = child.pos;
                    name = EntModel::clean_label(self.text_of(&child, NOM)?);
                }
                LOCALISATION => {
                    positions.location = child.pos;
                    location = EntModel::clean_label(self.text_of(&child, LOCALISATION)?);
                }
                DESCRIPTION => {
                    positions.description = child.pos;
                    description = EntModel::clean_description(self.text_of(&child, DESCRIPTION)?);
                }
                URL_DOCUMENTATION => {
                    positions.documentation = child.pos;
                    let text = self.text_of(&child, URL_DOCUMENTATION)?;
                    let url = WebUrl::parse("documentationUrl", text)
                        .map_err(|e| self.invalid(child.pos, URL_DOCUMENTATION, e))?;
                    documentation_url = Some(url);
                }
                CLIENT_PRONOTE => {
                    positions.clients[0] = child.pos;
                    let settings = self.client(&child, CLIENT_PRONOTE)?;
                    clients.insert(Client::PronoteClient, settings);
                }
                _ => {
                    positions.clients[1] = child.pos;
                    let settings = self.client(&child, PRONOTE_NET)?;
                    clients.insert(Client::PronoteNet, settings);
                }
            }
        };
        // The end tag was read: put ENT back for the messages.
        self.stack.push(ENT);
        sequence.finish().map_err(|problem| self.at(end, problem))?;
        if clients.is_empty() {
            return Err(self.unexpected(end, "<ClientPronote> ou <PronoteNet>", "</ENT>".into()));
        }
        let model = EntModel {
            name,
            location,
            description,
            documentation_url,
            clients,
        };
        if let Err(error) = model.check() {
            let (pos, element) = match error.field() {
                "name" => (positions.name, NOM),
                "location" => (positions.location, LOCALISATION),
                "description" => (positions.description, DESCRIPTION),
                "documentationUrl" => (positions.documentation, URL_DOCUMENTATION),
                field if field.starts_with("clients.PRONOTE_CLIENT") => {
                    (positions.clients[0], CLIENT_PRONOTE)
                }
                field if field.starts_with("clients.PRONOTE_NET") => {
                    (positions.clients[1], PRONOTE_NET)
                }
                _ => (positions.ent, ENT),
            };
            return Err(self.invalid(pos, element, error));
        }
        self.stack.pop();
        Ok((model, positions))
    }

    fn client(&mut self, tag: &Tag<'a>, name: &'static str) -> Result<ClientSettings> {
        self.enter(tag, name)?;
        let mut sequence = Sequence::new(name, CLIENT_SLOTS);
        let mut common_identifier = CommonIdentifier::Subject;
        let mut cas_urls = None;
        let mut first_connection = None;
        let end = loop {
            let child = match self.next_child()? {
                Child::End(pos) => break pos,
                Child::Start(child) => child,
            };
            let slot = sequence
                .accept(&child)
                .map_err(|problem| self.refuse(&child, problem))?;
            match CLIENT_SLOTS[slot].0 {
                ATTRIBUT_ID_CAS => {
                    let attribute = self.attribute(&child, ATTRIBUT_ID_CAS, "commonIdentifier")?;
                    common_identifier = CommonIdentifier::Attribute(attribute);
                }
                URL_SERVEUR_CAS => cas_urls = Some(self.cas_urls(&child)?),
                _ => first_connection = Some(self.mode(&child)?),
            }
        };
        match first_connection {
            Some(first_connection) => Ok(ClientSettings {
                common_identifier,
                cas_urls,
                first_connection,
            }),
            None => {
                self.stack.push(name);
                Err(self.at(end, sequence.missing()))
            }
        }
    }

    fn attribute(
        &mut self,
        tag: &Tag<'a>,
        name: &'static str,
        field: &'static str,
    ) -> Result<AttributeName> {
        let text = self.text_of(tag, name)?;
        AttributeName::parse(field, text).map_err(|e| self.invalid(tag.pos, name, e))
    }

    fn url(&mut self, tag: &Tag<'a>, name: &'static str) -> Result<WebUrl> {
        let text = self.text_of(tag, name)?;
        WebUrl::parse("casUrls", text).map_err(|e| self.invalid(tag.pos, name, e))
    }

    fn cas_urls(&mut self, tag: &Tag<'a>) -> Result<CasUrls> {
        const FIRST: &str = "<UrlRacine> ou <UrlAuthentification>";
        self.enter(tag, URL_SERVEUR_CAS)?;
        let first = match self.next_child()? {
            Child::End(pos) => {
                self.stack.push(URL_SERVEUR_CAS);
                return Err(self.unexpected(pos, FIRST, format!("</{URL_SERVEUR_CAS}>")));
            }
            Child::Start(first) => first,
        };
        let urls = match first.known {
            Some(URL_RACINE) => CasUrls::Standard {
                root: self.url(&first, URL_RACINE)?,
            },
            Some(URL_AUTHENTIFICATION) => {
                let login = self.url(&first, URL_AUTHENTIFICATION)?;
                let validation = match self.next_child()? {
                    Child::Start(next) if next.known == Some(URL_VALIDATION) => {
                        self.url(&next, URL_VALIDATION)?
                    }
                    Child::Start(next) => {
                        return Err(self.unexpected(next.pos, "<UrlValidation>", next.shown()));
                    }
                    Child::End(pos) => {
                        self.stack.push(URL_SERVEUR_CAS);
                        return Err(self.unexpected(
                            pos,
                            "<UrlValidation>",
                            format!("</{URL_SERVEUR_CAS}>"),
                        ));
                    }
                };
                CasUrls::Custom { login, validation }
            }
            _ => return Err(self.unexpected(first.pos, FIRST, first.shown())),
        };
        self.expect_end()?;
        Ok(urls)
    }

    fn mode(&mut self, tag: &Tag<'a>) -> Result<FirstConnectionMode> {
        const MODES: &str =
            "<AvecIdentite>, <AvecIdentifiantPronote>, <DoubleAuthentification> ou <RefuserAcces>";
        self.enter(tag, MODE)?;
        let child = match self.next_child()? {
            Child::End(pos) => {
                self.stack.push(MODE);
                return Err(self.unexpected(pos, MODES, format!("</{MODE}>")));
            }
            Child::Start(child) => child,
        };
        let mode = match child.known {
            Some(AVEC_IDENTITE) => FirstConnectionMode::Identity(self.identity(&child)?),
            Some(AVEC_IDENTIFIANT_PRONOTE) => {
                self.enter(&child, AVEC_IDENTIFIANT_PRONOTE)?;
                let mut sequence =
                    Sequence::new(AVEC_IDENTIFIANT_PRONOTE, PRONOTE_IDENTIFIER_SLOTS);
                let attribute = match self.next_child()? {
                    Child::Start(next) => {
                        sequence
                            .accept(&next)
                            .map_err(|problem| self.refuse(&next, problem))?;
                        self.attribute(&next, ATTRIBUT_IDENTIFIANT, "attribute")?
                    }
                    Child::End(pos) => {
                        self.stack.push(AVEC_IDENTIFIANT_PRONOTE);
                        return Err(self.unexpected(
                            pos,
                            "<AttributIdentifiant>",
                            format!("</{AVEC_IDENTIFIANT_PRONOTE}>"),
                        ));
                    }
                };
                self.expect_end_or_duplicate(&mut sequence)?;
                FirstConnectionMode::PronoteIdentifier { attribute }
            }
            Some(DOUBLE_AUTHENTIFICATION) => {
                self.enter(&child, DOUBLE_AUTHENTIFICATION)?;
                self.expect_end()?;
                FirstConnectionMode::DoubleAuthentication
            }
            Some(REFUSER_ACCES) => {
                self.enter(&child, REFUSER_ACCES)?;
                self.expect_end()?;
                FirstConnectionMode::RefuseAccess
            }
            _ => return Err(self.unexpected(child.pos, MODES, child.shown())),
        };
        match self.next_child()? {
            Child::End(_) => Ok(mode),
            Child::Start(next) => {
                let problem = if matches!(
                    next.known,
                    Some(
                        AVEC_IDENTITE
                            | AVEC_IDENTIFIANT_PRONOTE
                            | DOUBLE_AUTHENTIFICATION
                            | REFUSER_ACCES
                    )
                ) {
                    Problem::Unexpected {
                        expected: format!("</{MODE}> (un seul mode)"),
                        found: next.shown(),
                    }
                } else {
                    Problem::Unexpected {
                        expected: format!("</{MODE}>"),
                        found: next.shown(),
                    }
                };
                Err(self.at(next.pos, problem))
            }
        }
    }

    /// The current element must end now; a repeated child is called so.
    fn expect_end_or_duplicate(&mut self, sequence: &mut Sequence) -> Result<()> {
        match self.next_child()? {
            Child::End(_) => Ok(()),
            Child::Start(next) => {
                let problem = sequence
                    .accept(&next)
                    .err()
                    .unwrap_or_else(|| Problem::Duplicate(next.shown()));
                Err(self.refuse(&next, problem))
            }
        }
    }

    fn identity(&mut self, tag: &Tag<'a>) -> Result<IdentityAttributes> {
        self.enter(tag, AVEC_IDENTITE)?;
        let mut sequence = Sequence::new(AVEC_IDENTITE, IDENTITY_SLOTS);
        let mut names: [Option<AttributeName>; 5] = Default::default();
        let mut profile_values = None;
        let end = loop {
            let child = match self.next_child()? {
                Child::End(pos) => break pos,
                Child::Start(child) => child,
            };
            let slot = sequence
                .accept(&child)
                .map_err(|problem| self.refuse(&child, problem))?;
            let (name, field) = match IDENTITY_SLOTS[slot].0 {
                VALEURS_PROFIL => {
                    profile_values = Some(self.profile_values(&child)?);
                    continue;
                }
                ATTRIBUT_NOM => (ATTRIBUT_NOM, "lastName"),
                ATTRIBUT_PRENOM => (ATTRIBUT_PRENOM, "firstName"),
                ATTRIBUT_DATE_NAISSANCE => (ATTRIBUT_DATE_NAISSANCE, "birthDate"),
                ATTRIBUT_CODE_POSTAL => (ATTRIBUT_CODE_POSTAL, "postalCode"),
                _ => (ATTRIBUT_PROFIL, "profile"),
            };
            let attribute = self.attribute(&child, name, field)?;
            if let Some(entry) = names.get_mut(slot) {
                *entry = Some(attribute);
            }
        };
        let [last_name, first_name, birth_date, postal_code, profile] = names;
        match (last_name, first_name, birth_date, profile, profile_values) {
            (
                Some(last_name),
                Some(first_name),
                Some(birth_date),
                Some(profile),
                Some(profile_values),
            ) => Ok(IdentityAttributes {
                last_name,
                first_name,
                birth_date,
                postal_code,
                profile,
                profile_values,
            }),
            _ => {
                self.stack.push(AVEC_IDENTITE);
                Err(self.at(end, sequence.missing()))
            }
        }
    }

    fn profile_values(&mut self, tag: &Tag<'a>) -> Result<ProfileValues> {
        self.enter(tag, VALEURS_PROFIL)?;
        let mut values = ProfileValues::default();
        let mut seen: Vec<Profile> = Vec::with_capacity(Profile::ALL.len());
        loop {
            let child = match self.next_child()? {
                Child::End(pos) => {
                    if seen.is_empty() {
                        self.stack.push(VALEURS_PROFIL);
                        return Err(self.unexpected(
                            pos,
                            "<Profil>",
                            format!("</{VALEURS_PROFIL}>"),
                        ));
                    }
                    return Ok(values);
                }
                Child::Start(child) => child,
            };
            if child.known != Some(PROFIL) {
                let expected = if seen.is_empty() {
                    "<Profil>".to_owned()
                } else {
                    format!("<Profil> ou </{VALEURS_PROFIL}>")
                };
                return Err(self.unexpected(child.pos, &expected, child.shown()));
            }
            self.enter_with_attributes(&child, PROFIL)?;
            let profile = self.profile_code(&child)?;
            if seen.contains(&profile) {
                return Err(self.at(
                    child.pos,
                    Problem::Invalid {
                        field: "profileValues",
                        message: format!(
                            "le profil « {} » est donné deux fois dans <ValeursProfil>",
                            profile.as_str()
                        ),
                    },
                ));
            }
            seen.push(profile);
            self.read_text()?;
            let list = ProfileValues::parse_list("profileValues", &self.text)
                .map_err(|e| self.stack_invalid(child.pos, PROFIL, e, profile))?;
            values.set(profile, list);
        }
    }

    fn stack_invalid(
        &self,
        pos: usize,
        element: &'static str,
        error: DomainError,
        profile: Profile,
    ) -> FeedError {
        self.at_element(
            pos,
            Some(element),
            Problem::Invalid {
                field: error.field(),
                message: format!("profil {} : {error}", profile.as_str()),
            },
        )
    }

    /// The `code` attribute of a `<Profil>`, the only one allowed.
    fn profile_code(&self, tag: &Tag<'a>) -> Result<Profile> {
        let mut code = None;
        for attribute in tag.start.attributes() {
            let attribute = attribute.map_err(|e| self.xml_error(&e.into()))?;
            if attribute.key.0 != "code" {
                return Err(self.at(tag.pos, Problem::UnknownAttribute(attribute.key.0.into())));
            }
            let value = attribute
                .normalized_value(XmlVersion::Implicit1_0)
                .map_err(|e| self.attribute_error(tag.pos, &e))?;
            code = Some(value.trim().to_owned());
        }
        let Some(code) = code else {
            return Err(self.at(tag.pos, Problem::MissingAttribute("code")));
        };
        Profile::ALL
            .into_iter()
            .find(|p| p.as_str() == code)
            .ok_or_else(|| {
                self.at(
                    tag.pos,
                    Problem::Invalid {
                        field: "profileValues",
                        message: format!(
                            "code de profil « {code} » inconnu : attendu ELEVE, PARENT, \
                             PROFESSEUR, PERSONNEL, INSPECTEUR ou MAITRE_DE_STAGE"
                        ),
                    },
                )
            })
    }
}

/// XML white space only (space, tab, line feed, carriage return).
fn is_blank(text: &str) -> bool {
    text.bytes()
        .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
}

/// A character XML 1.0 allows in a document.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// 1-based line and column (in characters) of byte offset `pos` in `src`.
fn line_column(src: &str, pos: usize) -> (usize, usize) {
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
fn french_xml_error(error: &XmlError) -> String {
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

// ----- writing -----

/// Writes `feed` in the canonical form: UTF-8, declaration, two-space
/// indentation, optional elements omitted when absent, clients and profiles
/// in [`Client::ALL`] and [`Profile::ALL`] order, only profiles with values.
/// Meant for feeds that pass [`ModelFeed::check`]; valid against the schema.
pub fn write(feed: &ModelFeed) -> String {
    let mut out = String::with_capacity(256 + feed.models.len() * 2048);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<{LISTE_MODELES} xmlns=\"{NAMESPACE}\" version=\"{VERSION}\">"
    );
    for model in &feed.models {
        out.push_str("  <ENT>\n");
        element(&mut out, 2, NOM, &model.name);
        element(&mut out, 2, LOCALISATION, &model.location);
        if let Some(description) = &model.description {
            element(&mut out, 2, DESCRIPTION, description);
        }
        if let Some(url) = &model.documentation_url {
            element(&mut out, 2, URL_DOCUMENTATION, url.as_str());
        }
        for (client, settings) in &model.clients {
            write_client(&mut out, client_element(*client), settings);
        }
        out.push_str("  </ENT>\n");
    }
    let _ = writeln!(out, "</{LISTE_MODELES}>");
    out
}

fn write_client(out: &mut String, name: &str, settings: &ClientSettings) {
    open(out, 2, name);
    if let CommonIdentifier::Attribute(attribute) = &settings.common_identifier {
        element(out, 3, ATTRIBUT_ID_CAS, attribute.as_str());
    }
    match &settings.cas_urls {
        None => {}
        Some(CasUrls::Standard { root }) => {
            open(out, 3, URL_SERVEUR_CAS);
            element(out, 4, URL_RACINE, root.as_str());
            close(out, 3, URL_SERVEUR_CAS);
        }
        Some(CasUrls::Custom { login, validation }) => {
            open(out, 3, URL_SERVEUR_CAS);
            element(out, 4, URL_AUTHENTIFICATION, login.as_str());
            element(out, 4, URL_VALIDATION, validation.as_str());
            close(out, 3, URL_SERVEUR_CAS);
        }
    }
    open(out, 3, MODE);
    match &settings.first_connection {
        FirstConnectionMode::Identity(attributes) => {
            open(out, 4, AVEC_IDENTITE);
            element(out, 5, ATTRIBUT_NOM, attributes.last_name.as_str());
            element(out, 5, ATTRIBUT_PRENOM, attributes.first_name.as_str());
            element(
                out,
                5,
                ATTRIBUT_DATE_NAISSANCE,
                attributes.birth_date.as_str(),
            );
            if let Some(postal_code) = &attributes.postal_code {
                element(out, 5, ATTRIBUT_CODE_POSTAL, postal_code.as_str());
            }
            element(out, 5, ATTRIBUT_PROFIL, attributes.profile.as_str());
            open(out, 5, VALEURS_PROFIL);
            for profile in Profile::ALL {
                let values = attributes.profile_values.get(profile);
                if values.is_empty() {
                    continue;
                }
                indent(out, 6);
                let _ = write!(out, "<{PROFIL} code=\"{}\">", profile.as_str());
                for (i, value) in values.iter().enumerate() {
                    if i > 0 {
                        out.push(';');
                    }
                    out.push_str(&escape(value.as_str()));
                }
                let _ = writeln!(out, "</{PROFIL}>");
            }
            close(out, 5, VALEURS_PROFIL);
            close(out, 4, AVEC_IDENTITE);
        }
        FirstConnectionMode::PronoteIdentifier { attribute } => {
            open(out, 4, AVEC_IDENTIFIANT_PRONOTE);
            element(out, 5, ATTRIBUT_IDENTIFIANT, attribute.as_str());
            close(out, 4, AVEC_IDENTIFIANT_PRONOTE);
        }
        FirstConnectionMode::DoubleAuthentication => {
            indent(out, 4);
            let _ = writeln!(out, "<{DOUBLE_AUTHENTIFICATION}/>");
        }
        FirstConnectionMode::RefuseAccess => {
            indent(out, 4);
            let _ = writeln!(out, "<{REFUSER_ACCES}/>");
        }
    }
    close(out, 3, MODE);
    close(out, 2, name);
}

fn indent(out: &mut String, level: usize) {
    for _ in 0..level {
        out.push_str("  ");
    }
}

fn open(out: &mut String, level: usize, name: &str) {
    indent(out, level);
    let _ = writeln!(out, "<{name}>");
}

fn close(out: &mut String, level: usize, name: &str) {
    indent(out, level);
    let _ = writeln!(out, "</{name}>");
}

fn element(out: &mut String, level: usize, name: &str, value: &str) {
    indent(out, level);
    let _ = writeln!(out, "<{name}>{}</{name}>", escape(value));
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = include_str!("../../../docs/formats/relais-models-1.example.xml");

    fn parse_str(xml: &str) -> Result<ModelFeed> {
        parse(xml.as_bytes(), &Limits::default())
    }

    fn refusal(xml: &str) -> FeedError {
        parse_str(xml).unwrap_err()
    }

    /// A one-model document whose `<ENT>` content is `ent`.
    fn feed_with(ent: &str) -> String {
        format!(
            "<ListeModeles xmlns=\"urn:relais:models:1\" version=\"relais-models/1\">\n\
             <ENT>\n{ent}\n</ENT>\n</ListeModeles>\n"
        )
    }

    const DOUBLE: &str = "<ModeIdentificationPremiereConnexion><DoubleAuthentification/>\
                          </ModeIdentificationPremiereConnexion>";

    #[test]
    fn the_documented_example_parses() {
        let feed = parse_str(EXAMPLE).unwrap();
        assert_eq!(feed.check(), Ok(()));
        assert_eq!(feed.models.len(), 2);
        let neto = &feed.models[0];
        assert_eq!(
            neto.name,
            "NetO'Centre (Région Centre : Mode avec alimentation)"
        );
        assert_eq!(neto.location, "Région Centre-Val de Loire");
        assert_eq!(
            neto.description.as_deref(),
            Some(
                "ENT des lycées et collèges de la région Centre-Val de Loire.\n\
                 Les comptes sont alimentés depuis l'annuaire académique."
            )
        );
        assert_eq!(
            neto.documentation_url.as_ref().map(WebUrl::as_str),
            Some("https://www.netocentre.fr/documentation/pronote")
        );
        let client = &neto.clients[&Client::PronoteClient];
        assert_eq!(client.common_identifier, CommonIdentifier::Subject);
        assert_eq!(
            client.cas_urls.as_ref().map(CasUrls::login_url).as_deref(),
            Some("https://ent.netocentre.fr/cas/login")
        );
        let FirstConnectionMode::Identity(identity) = &client.first_connection else {
            panic!("identity expected");
        };
        assert_eq!(identity.last_name.as_str(), "sn");
        assert_eq!(
            identity.postal_code.as_ref().map(AttributeName::as_str),
            Some("ENTPersonCodePostal")
        );
        assert_eq!(
            identity.profile_values.joined(Profile::Professeur),
            "National_3;ENS"
        );
        let FirstConnectionMode::Identity(identity) =
            &neto.clients[&Client::PronoteNet].first_connection
        else {
            panic!("identity expected");
        };
        assert_eq!(identity.postal_code, None);

        let oze = &feed.models[1];
        assert_eq!(oze.clients.len(), 1);
        let net = &oze.clients[&Client::PronoteNet];
        assert_eq!(
            net.common_identifier,
            CommonIdentifier::Attribute(AttributeName::parse("a", "idPronote").unwrap())
        );
        assert!(matches!(net.cas_urls, Some(CasUrls::Custom { .. })));
        assert_eq!(net.first_connection.code(), "PRONOTE_IDENTIFIER");
        // And it writes back to the same models.
        assert_eq!(parse_str(&write(&feed)).unwrap(), feed);
    }

    #[test]
    fn known_models_round_trip_and_match_the_schema() {
        let feed = ModelFeed {
            models: relais_domain::models::known_ent_models(),
        };
        let xml = write(&feed);
        assert!(
            xml.starts_with(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
                 <ListeModeles xmlns=\"urn:relais:models:1\" version=\"relais-models/1\">\n  <ENT>\n    \
                 <Nom>NetO&apos;Centre (Région Centre : Mode avec alimentation)</Nom>\n"
            ),
            "{}",
            &xml[..300]
        );
        assert_eq!(parse_str(&xml).unwrap(), feed);
        assert_eq!(write(&parse_str(&xml).unwrap()), xml);
        xmllint(&xml, true);
    }

    #[test]
    fn every_shape_and_mode_is_written_valid_against_the_schema() {
        let feed = parse_str(EXAMPLE).unwrap();
        let mut models = feed.models.clone();
        let mut other = feed.models[1].clone();
        other.name = "Mode <refus> & \"double\" d'accès".to_owned();
        other.description = Some("Ligne 1 <b>\n\tLigne 2 & ]]>".to_owned());
        let mut refuse = other.clients[&Client::PronoteNet].clone();
        refuse.first_connection = FirstConnectionMode::RefuseAccess;
        refuse.cas_urls = None;
        let mut double = refuse.clone();
        double.first_connection = FirstConnectionMode::DoubleAuthentication;
        other.clients.insert(Client::PronoteClient, refuse);
        other.clients.insert(Client::PronoteNet, double);
        models.push(other);
        let feed = ModelFeed { models };
        assert_eq!(feed.check(), Ok(()));
        let xml = write(&feed);
        assert!(
            xml.contains("<Nom>Mode &lt;refus&gt; &amp; &quot;double&quot; d&apos;accès</Nom>")
        );
        assert!(xml.contains("<RefuserAcces/>") && xml.contains("<DoubleAuthentification/>"));
        assert_eq!(parse_str(&xml).unwrap(), feed);
        xmllint(&xml, true);
        xmllint(EXAMPLE, true);
    }

    /// Validates `xml` with xmllint against the schema, expecting `valid`.
    /// Skipped, with a note, where xmllint is not installed (CI installs
    /// libxml2-utils).
    fn xmllint(xml: &str, valid: bool) {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let xsd = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../docs/formats/relais-models-1.xsd"
        );
        let path = std::env::temp_dir().join(format!(
            "relais-models-{}-{}.xml",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::write(&path, xml).unwrap();
        let output = std::process::Command::new("xmllint")
            .args(["--noout", "--nonet", "--schema", xsd])
            .arg(&path)
            .output();
        let _ = std::fs::remove_file(&path);
        match output {
            Err(_) => eprintln!(
                "NOTE: xmllint is not installed (apt-get install libxml2-utils): \
                 schema validation skipped"
            ),
            Ok(output) => assert_eq!(
                output.status.success(),
                valid,
                "xmllint: {}\n{xml}",
                String::from_utf8_lossy(&output.stderr)
            ),
        }
    }

    const NAMES: &str = "<Nom>N</Nom><Localisation>L</Localisation>";

    fn net(content: &str) -> String {
        feed_with(&format!("{NAMES}<PronoteNet>{content}</PronoteNet>"))
    }

    fn identity(values: &str) -> String {
        net(&format!(
            "<ModeIdentificationPremiereConnexion><AvecIdentite>\
             <AttributNom>sn</AttributNom><AttributPrenom>givenName</AttributPrenom>\
             <AttributDateNaissance>dateNaissance</AttributDateNaissance>\
             <AttributProfil>categories</AttributProfil>\
             <ValeursProfil>{values}</ValeursProfil>\
             </AvecIdentite></ModeIdentificationPremiereConnexion>"
        ))
    }

    fn problem(xml: &str) -> Problem {
        refusal(xml).problem().cloned().unwrap()
    }

    #[test]
    fn errors_say_where_and_what_was_expected() {
        let xml = net(&format!(
            "<Url_ServeurCAS>\n  <Url>https://a.fr</Url>\n</Url_ServeurCAS>{DOUBLE}"
        ));
        let err = refusal(&xml);
        assert_eq!(err.position(), Some((4, 3)));
        assert_eq!(
            err.to_string(),
            "ligne 4, colonne 3, élément <Url_ServeurCAS> : attendu <UrlRacine> ou \
             <UrlAuthentification>, trouvé <Url>"
        );
        let FeedError::At { element, path, .. } = &err else {
            panic!("placed error expected");
        };
        assert_eq!(element.as_deref(), Some("Url_ServeurCAS"));
        assert_eq!(path, "ListeModeles/ENT[1]/PronoteNet/Url_ServeurCAS");

        // Columns count characters, not bytes.
        let xml = "<ListeModeles xmlns=\"urn:relais:models:1\" version=\"relais-models/1\">\n\
                   <ENT>\n  <Nom>Écoles é</Nom> <Description>d</Description>\n</ENT>\n\
                   </ListeModeles>";
        let err = refusal(xml);
        assert_eq!(
            err.to_string(),
            "ligne 3, colonne 23, élément <ENT> : attendu <Localisation>, trouvé <Description>"
        );

        // The second model is named in the path.
        let model = format!("<ENT>{NAMES}<PronoteNet>{DOUBLE}</PronoteNet></ENT>");
        let xml = format!(
            "<ListeModeles xmlns=\"urn:relais:models:1\" version=\"relais-models/1\">\r\n\
             {model}\r\n<ENT><Nom>M</Nom><Localisation>L</Localisation>\r\n\
             <PronoteNet><AttributIDCas>id pronote</AttributIDCas>{DOUBLE}</PronoteNet></ENT>\r\n\
             </ListeModeles>"
        );
        let err = refusal(&xml);
        assert_eq!(err.position(), Some((4, 13)));
        let FeedError::At { path, problem, .. } = &err else {
            panic!("placed error expected");
        };
        assert_eq!(path, "ListeModeles/ENT[2]/PronoteNet/AttributIDCas");
        assert!(
            matches!(problem, Problem::Invalid { field: "commonIdentifier", message }
                if message.contains("n'est pas un nom d'attribut CAS valide")),
            "{problem:?}"
        );
    }

    #[test]
    fn structure_errors_are_refused() {
        let cases: Vec<(String, &str)> = vec![
            (
                feed_with("<Nom>N</Nom><Nom>M</Nom>"),
                "élément <ENT> : élément <Nom> en double",
            ),
            (
                net(&format!("{DOUBLE}{DOUBLE}")),
                "élément <PronoteNet> : élément <ModeIdentificationPremiereConnexion> en double",
            ),
            (
                feed_with(&format!(
                    "{NAMES}<PronoteNet>{DOUBLE}</PronoteNet><ClientPronote>{DOUBLE}</ClientPronote>"
                )),
                "élément <ENT> : attendu </ENT>, trouvé <ClientPronote>",
            ),
            (
                feed_with(NAMES),
                "élément <ENT> : attendu <ClientPronote> ou <PronoteNet>, trouvé </ENT>",
            ),
            (
                net(""),
                "élément <PronoteNet> : attendu <AttributIDCas>, <Url_ServeurCAS> ou \
                 <ModeIdentificationPremiereConnexion>, trouvé </PronoteNet>",
            ),
            (
                net("<ModeIdentificationPremiereConnexion><DoubleAuthentification/>\
                     <RefuserAcces/></ModeIdentificationPremiereConnexion>"),
                "attendu </ModeIdentificationPremiereConnexion> (un seul mode), trouvé <RefuserAcces>",
            ),
            (
                net("<ModeIdentificationPremiereConnexion><Sms/></ModeIdentificationPremiereConnexion>"),
                "attendu <AvecIdentite>, <AvecIdentifiantPronote>, <DoubleAuthentification> ou \
                 <RefuserAcces>, trouvé <Sms>",
            ),
            (
                net(&format!(
                    "<Url_ServeurCAS><UrlAuthentification>https://a.fr/login\
                     </UrlAuthentification></Url_ServeurCAS>{DOUBLE}"
                )),
                "élément <Url_ServeurCAS> : attendu <UrlValidation>, trouvé </Url_ServeurCAS>",
            ),
            (
                net(&format!(
                    "<Url_ServeurCAS><UrlRacine>https://a.fr</UrlRacine>\
                     <UrlValidation>https://a.fr/v</UrlValidation></Url_ServeurCAS>{DOUBLE}"
                )),
                "attendu </Url_ServeurCAS>, trouvé <UrlValidation>",
            ),
            (
                net("<ModeIdentificationPremiereConnexion><AvecIdentifiantPronote>\
                     </AvecIdentifiantPronote></ModeIdentificationPremiereConnexion>"),
                "attendu <AttributIdentifiant>, trouvé </AvecIdentifiantPronote>",
            ),
            (
                net("<ModeIdentificationPremiereConnexion><RefuserAcces><x/></RefuserAcces>\
                     </ModeIdentificationPremiereConnexion>"),
                "élément <RefuserAcces> : attendu </RefuserAcces>, trouvé <x>",
            ),
            (
                net("<ModeIdentificationPremiereConnexion><AvecIdentite><AttributNom>sn\
                     </AttributNom><AttributProfil>p</AttributProfil></AvecIdentite>\
                     </ModeIdentificationPremiereConnexion>"),
                "élément <AvecIdentite> : attendu <AttributPrenom>, trouvé <AttributProfil>",
            ),
            (identity(""), "attendu <Profil>, trouvé </ValeursProfil>"),
            (
                identity("<Profil code=\"ELEVE\">a</Profil><Eleve>b</Eleve>"),
                "attendu <Profil> ou </ValeursProfil>, trouvé <Eleve>",
            ),
            (
                feed_with("<Nom lang=\"fr\">N</Nom>"),
                "élément <Nom> : attribut « lang » inconnu",
            ),
            (
                feed_with(&format!("{NAMES} texte <PronoteNet>{DOUBLE}</PronoteNet>")),
                "élément <ENT> : attendu un élément ou </ENT>, trouvé le texte « texte »",
            ),
            (
                feed_with("<Nom>N<b>gras</b></Nom>"),
                "élément <Nom> : attendu du texte ou </Nom>, trouvé <b>",
            ),
            (
                feed_with("<r:Nom xmlns:r=\"urn:relais:models:1\">N</r:Nom>"),
                "attendu <Nom>, trouvé <r:Nom>",
            ),
            (
                "<Modeles/>".to_owned(),
                "ligne 1, colonne 1 : attendu <ListeModeles>, trouvé <Modeles>",
            ),
            (
                String::new(),
                "ligne 1, colonne 1 : attendu <ListeModeles>, trouvé la fin du flux",
            ),
            (
                "<ListeModeles xmlns=\"urn:relais:models:1\" version=\"relais-models/1\"/>"
                    .to_owned(),
                "ligne 1, colonne 70, élément <ListeModeles> : attendu <ENT>, trouvé </ListeModeles>",
            ),
            (
                "<ListeModeles xmlns=\"urn:relais:models:1\" version=\"relais-models/2\"/>"
                    .to_owned(),
                "version « relais-models/2 » non prise en charge : attendu version=\"relais-models/1\"",
            ),
            (
                "<ListeModeles xmlns=\"urn:relais:models:1\"/>".to_owned(),
                "attribut « version » obligatoire manquant",
            ),
            (
                "<ListeModeles version=\"relais-models/1\"/>".to_owned(),
                "attribut « xmlns » obligatoire manquant",
            ),
            (
                "<ListeModeles xmlns=\"urn:other\" version=\"relais-models/1\"/>".to_owned(),
                "espace de noms « urn:other » inattendu",
            ),
            (
                "<ListeModeles xmlns=\"urn:relais:models:1\" version=\"relais-models/1\" id=\"x\"/>"
                    .to_owned(),
                "attribut « id » inconnu",
            ),
            (
                format!("{}<x/>", net(DOUBLE)),
                "ligne 6, colonne 1 : attendu la fin du flux, trouvé <x>",
            ),
            (
                "<ListeModeles xmlns=\"urn:relais:models:1\" version=\"relais-models/1\"><ENT>\
                 </ListeModeles>"
                    .to_owned(),
                "ligne 1, colonne 74, élément <ENT> : XML mal formé : attendu </ENT>, trouvé \
                 </ListeModeles>",
            ),
            (
                "<ListeModeles xmlns=\"urn:relais:models:1\" version=\"relais-models/1\"><ENT>"
                    .to_owned(),
                "ligne 1, colonne 74, élément <ENT> : attendu </ENT>, trouvé la fin du flux",
            ),
            (
                "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><ListeModeles/>".to_owned(),
                "ligne 1, colonne 1 : XML mal formé : encodage « ISO-8859-1 » non pris en charge",
            ),
            (
                feed_with("<Nom>N & M</Nom>"),
                "élément <Nom> : XML mal formé : référence « & » non terminée par « ; »",
            ),
        ];
        for (xml, expected) in cases {
            let err = refusal(&xml);
            assert!(
                err.to_string().contains(expected),
                "{err}\nexpected: {expected}\n{xml}"
            );
            // The schema refuses them too (most rules are structural).
            if !expected.contains("mal formé") && !xml.is_empty() {
                xmllint(&xml, false);
            }
        }
    }

    #[test]
    fn values_go_through_the_domain_rules() {
        let cases: Vec<(String, &str, &str)> = vec![
            (
                net(&format!(
                    "<Url_ServeurCAS><UrlRacine>javascript:alert(1)</UrlRacine></Url_ServeurCAS>{DOUBLE}"
                )),
                "UrlRacine",
                "seules les adresses http:// et https:// sont acceptées",
            ),
            (
                net(&format!(
                    "<Url_ServeurCAS><UrlRacine>https://ent.fr/cas?x=1</UrlRacine></Url_ServeurCAS>{DOUBLE}"
                )),
                "UrlRacine",
                "ne doit pas contenir de paramètres",
            ),
            (
                net(
                    "<ModeIdentificationPremiereConnexion><AvecIdentifiantPronote>\
                     <AttributIdentifiant>id/pronote</AttributIdentifiant>\
                     </AvecIdentifiantPronote></ModeIdentificationPremiereConnexion>",
                ),
                "AttributIdentifiant",
                "n'est pas un nom d'attribut CAS valide",
            ),
            (
                identity("<Profil code=\"ELEVE\"> ; </Profil>"),
                "PronoteNet",
                "PRONOTE.net : Indiquez, pour au moins un profil, les valeurs de l'attribut \
                 « categories »",
            ),
            (
                identity(&format!(
                    "<Profil code=\"ELEVE\">{}</Profil>",
                    "x".repeat(65)
                )),
                "Profil",
                "profil ELEVE : La valeur",
            ),
            (
                identity("<Profil code=\"CPE\">b</Profil>"),
                "Profil",
                "code de profil « CPE » inconnu",
            ),
            (
                identity("<Profil code=\"ELEVE\">a</Profil><Profil code=\"ELEVE\">b</Profil>"),
                "Profil",
                "le profil « ELEVE » est donné deux fois",
            ),
            (
                identity("<Profil>a</Profil>"),
                "Profil",
                "attribut « code » obligatoire manquant",
            ),
            (
                feed_with(&format!(
                    "<Nom>{}</Nom><Localisation>L</Localisation><PronoteNet>{DOUBLE}</PronoteNet>",
                    "é".repeat(201)
                )),
                "Nom",
                "Le nom du modèle ne doit pas dépasser 200 caractères.",
            ),
            (
                feed_with(&format!(
                    "<Nom>N</Nom><Localisation> </Localisation><PronoteNet>{DOUBLE}</PronoteNet>"
                )),
                "Localisation",
                "La localisation du modèle est obligatoire.",
            ),
            (
                feed_with(&format!(
                    "{NAMES}<Description>{}</Description><PronoteNet>{DOUBLE}</PronoteNet>",
                    "d".repeat(2_001)
                )),
                "Description",
                "2 000 caractères",
            ),
            (
                feed_with(&format!(
                    "{NAMES}<UrlDocumentation>doc</UrlDocumentation><PronoteNet>{DOUBLE}</PronoteNet>"
                )),
                "UrlDocumentation",
                "n'est pas une adresse valide",
            ),
        ];
        for (xml, element, expected) in cases {
            let err = refusal(&xml);
            let FeedError::At {
                element: found,
                problem,
                ..
            } = &err
            else {
                panic!("placed error expected: {err}");
            };
            assert_eq!(found.as_deref(), Some(element), "{err}");
            assert!(
                matches!(
                    problem,
                    Problem::Invalid { .. } | Problem::MissingAttribute(_)
                ),
                "{err}"
            );
            assert!(err.to_string().contains(expected), "{err}\n{expected}");
        }
    }

    #[test]
    fn model_names_are_unique_case_ignored() {
        let model = |name: &str| {
            format!(
                "<ENT><Nom>{name}</Nom><Localisation>L</Localisation>\
                 <PronoteNet>{DOUBLE}</PronoteNet></ENT>\n"
            )
        };
        let xml = format!(
            "<ListeModeles xmlns=\"urn:relais:models:1\" version=\"relais-models/1\">\n{}{}{}\
             </ListeModeles>",
            model("ENT27"),
            model("Atrium"),
            model("  ent27 ")
        );
        let err = refusal(&xml);
        assert_eq!(err.position(), Some((4, 6)));
        assert!(
            err.to_string().ends_with(
                "élément <Nom> : le nom « ent27 » est déjà celui du modèle n° 1 : chaque modèle \
                 doit avoir un nom différent (majuscules et minuscules confondues)"
            ),
            "{err}"
        );
    }

    #[test]
    fn text_is_unescaped_trimmed_and_folded() {
        let xml = "\u{feff}<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!-- en-tête -->\n\
             <ListeModeles xmlns=\"urn:relais:models:1\" xmlns:xsi=\
             \"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"urn:relais:models:1 \
             relais-models-1.xsd\" version=\" relais-models/1 \">\n<ENT>\n\
             <Nom>\n  A &amp; B\n  &#233;&#xE9; &lt;<![CDATA[<x> & y]]>&gt; &apos;&quot;</Nom>\n\
             <Localisation><!-- c -->Région   Centre</Localisation>\n\
             <Description>\r\n  ligne 1\r\n\tligne 2  \n</Description>\n\
             <PronoteNet><?pi x?><Url_ServeurCAS><UrlRacine> HTTPS://ENT.Example.FR/cas/ \
             </UrlRacine></Url_ServeurCAS>\
             <ModeIdentificationPremiereConnexion><RefuserAcces></RefuserAcces>\
             </ModeIdentificationPremiereConnexion></PronoteNet>\n</ENT>\n</ListeModeles>\n\
             <!-- fin -->\n";
        let feed = parse_str(xml).unwrap();
        let model = &feed.models[0];
        assert_eq!(model.name, "A & B éé <<x> & y> '\"");
        assert_eq!(model.location, "Région Centre");
        assert_eq!(model.description.as_deref(), Some("ligne 1\n\tligne 2"));
        let net = &model.clients[&Client::PronoteNet];
        assert_eq!(
            net.cas_urls,
            Some(CasUrls::standard(
                WebUrl::parse("u", "https://ent.example.fr/cas").unwrap()
            ))
        );
        assert_eq!(net.first_connection, FirstConnectionMode::RefuseAccess);
        assert_eq!(feed.check(), Ok(()));
    }

    #[test]
    fn dtds_and_entities_are_refused_quickly() {
        // Billion laughs: refused at the DOCTYPE, before any expansion.
        let mut laughs =
            String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
        for i in 1..10 {
            let previous = if i == 1 {
                "lol".to_owned()
            } else {
                format!("lol{}", i - 1)
            };
            laughs.push_str(&format!(
                " <!ENTITY lol{i} \"{}\">\n",
                format!("&{previous};").repeat(10)
            ));
        }
        laughs.push_str(
            "]>\n<ListeModeles xmlns=\"urn:relais:models:1\" version=\"relais-models/1\">\
                         <ENT><Nom>&lol9;</Nom></ENT></ListeModeles>",
        );
        let started = std::time::Instant::now();
        let err = refusal(&laughs);
        assert!(started.elapsed() < std::time::Duration::from_millis(100));
        assert_eq!(err.problem(), Some(&Problem::DtdRefused));
        assert_eq!(err.position(), Some((2, 1)));
        assert_eq!(
            err.to_string(),
            "ligne 2, colonne 1 : les déclarations <!DOCTYPE> (DTD) sont refusées : le flux ne \
             doit déclarer ni DTD ni entité"
        );

        // External entities: refused at the DOCTYPE too.
        for doctype in [
            "<!DOCTYPE ListeModeles SYSTEM \"file:///etc/passwd\">",
            "<!DOCTYPE ListeModeles [<!ENTITY xxe SYSTEM \"http://169.254.169.254/\">]>",
            "<!DOCTYPE ListeModeles>",
            "<!DOCTYPE",
        ] {
            let xml = format!("{doctype}<ListeModeles>&xxe;</ListeModeles>");
            assert_eq!(problem(&xml), Problem::DtdRefused, "{doctype}");
        }
        // A DOCTYPE after the root's start is refused as well.
        let xml = net(DOUBLE).replace("<ENT>", "<!DOCTYPE x><ENT>");
        assert!(matches!(
            problem(&xml),
            Problem::DtdRefused | Problem::Malformed(_)
        ));

        // Without a DTD, only the predefined entities exist.
        let xml = feed_with("<Nom>&lol;</Nom>");
        assert_eq!(problem(&xml), Problem::Entity("lol".into()));
        let xml = feed_with("<Nom>&#0;</Nom>");
        assert!(matches!(problem(&xml), Problem::Malformed(m) if m.contains("&#0;")));
        let xml = feed_with("<Nom>&#x1;</Nom>");
        assert!(matches!(problem(&xml), Problem::Malformed(_)));
        let xml = identity("<Profil code=\"&xxe;\">a</Profil>");
        assert_eq!(problem(&xml), Problem::Entity("xxe".into()));
        let xml = "<ListeModeles xmlns=\"urn:relais:models:1\" version=\"&v;\"/>";
        assert_eq!(problem(xml), Problem::Entity("v".into()));
    }

    #[test]
    fn limits_are_enforced() {
        let xml = net(DOUBLE);
        assert!(parse_str(&xml).is_ok());

        let limits = Limits {
            max_bytes: xml.len() - 1,
            ..Limits::default()
        };
        let err = parse(xml.as_bytes(), &limits).unwrap_err();
        assert_eq!(
            err,
            FeedError::TooLarge {
                size: xml.len(),
                max: xml.len() - 1
            }
        );
        assert!(
            err.to_string()
                .starts_with("le flux dépasse la taille maximale")
        );
        assert_eq!(err.position(), None);

        // ListeModeles > ENT > PronoteNet > Mode > DoubleAuthentification.
        let limits = Limits {
            max_depth: 4,
            ..Limits::default()
        };
        let err = parse(xml.as_bytes(), &limits).unwrap_err();
        assert_eq!(err.problem(), Some(&Problem::TooDeep { max: 4 }));
        assert!(
            err.to_string()
                .contains("élément <ModeIdentificationPremiereConnexion> : plus de 4 niveaux"),
            "{err}"
        );
        let limits = Limits {
            max_depth: 5,
            ..Limits::default()
        };
        assert!(parse(xml.as_bytes(), &limits).is_ok());

        // 7 elements: ListeModeles, ENT, Nom, Localisation, PronoteNet, Mode, Double.
        let limits = Limits {
            max_elements: 6,
            ..Limits::default()
        };
        let err = parse(xml.as_bytes(), &limits).unwrap_err();
        assert_eq!(err.problem(), Some(&Problem::TooManyElements { max: 6 }));
        let limits = Limits {
            max_elements: 7,
            ..Limits::default()
        };
        assert!(parse(xml.as_bytes(), &limits).is_ok());

        let two = write(&parse_str(EXAMPLE).unwrap());
        let limits = Limits {
            max_models: 1,
            ..Limits::default()
        };
        let err = parse(two.as_bytes(), &limits).unwrap_err();
        assert_eq!(err.problem(), Some(&Problem::TooManyModels { max: 1 }));
        assert!(err.to_string().contains("plus de 1 modèles <ENT>"), "{err}");

        // Deep nesting of unknown elements stops at the first stranger.
        let deep = format!(
            "<ListeModeles xmlns=\"urn:relais:models:1\" version=\"relais-models/1\">{}",
            "<a>".repeat(100_000)
        );
        assert!(matches!(
            problem(&deep),
            Problem::Unexpected { found, .. } if found == "<a>"
        ));
        // Deep nesting in text elements hits the depth limit.
        let limits = Limits {
            max_depth: 16,
            ..Limits::default()
        };
        let deep = feed_with(&format!("<Nom>{}", "<Nom>".repeat(100)));
        assert!(matches!(
            parse(deep.as_bytes(), &limits).unwrap_err().problem(),
            Some(Problem::Unexpected { .. })
        ));
    }

    #[test]
    fn bytes_that_are_not_utf8_are_placed() {
        let mut bytes = net(DOUBLE).into_bytes();
        let at = bytes.windows(6).position(|w| w == b"<Nom>N").unwrap();
        bytes.insert(at + 6, 0xe9);
        let err = parse(&bytes, &Limits::default()).unwrap_err();
        assert_eq!(err.problem(), Some(&Problem::NotUtf8));
        assert_eq!(err.position(), Some((3, 7)));
        assert_eq!(
            err.to_string(),
            "ligne 3, colonne 7 : le flux n'est pas encodé en UTF-8"
        );
    }

    mod round_trip {
        use super::*;
        use proptest::prelude::*;
        use proptest::string::string_regex;

        fn regex(pattern: &str) -> impl Strategy<Value = String> + use<> {
            string_regex(pattern).unwrap()
        }

        fn label() -> impl Strategy<Value = String> {
            regex("[A-Za-z0-9éèàçÉÔœ&<>\"' :()\\-]{0,30}[A-Za-zé&<>\"']")
                .prop_map(|raw| EntModel::clean_label(&raw))
        }

        fn description() -> impl Strategy<Value = Option<String>> {
            prop::option::of(regex("[a-zéà&<>\"' \\n\\t\\]]{0,80}"))
                .prop_map(|raw| raw.and_then(|raw| EntModel::clean_description(&raw)))
        }

        fn url() -> impl Strategy<Value = WebUrl> {
            (
                prop::bool::ANY,
                regex("[a-z][a-z0-9\\-]{0,10}\\.(fr|com|education)"),
                regex("(/[a-zA-Z0-9_&'\\-]{1,8}){0,3}"),
            )
                .prop_filter_map("adresse valide", |(https, host, path)| {
                    let scheme = if https { "https" } else { "http" };
                    WebUrl::parse("url", &format!("{scheme}://{host}{path}")).ok()
                })
        }

        fn attribute() -> impl Strategy<Value = AttributeName> {
            regex("[A-Za-z][A-Za-z0-9_.:\\-]{0,20}")
                .prop_map(|raw| AttributeName::parse("attribute", &raw).unwrap())
        }

        fn values() -> impl Strategy<Value = Vec<String>> {
            prop::collection::vec(regex("[A-Za-z0-9_éà&<>' ]{0,12}"), 0..4)
                .prop_map(|raw| ProfileValues::parse_list("profileValues", &raw.join(";")).unwrap())
        }

        fn identity() -> impl Strategy<Value = IdentityAttributes> {
            (
                (attribute(), attribute(), attribute()),
                prop::option::of(attribute()),
                attribute(),
                prop::collection::vec(values(), 6),
                regex("National_[1-4]"),
            )
                .prop_map(
                    |((last_name, first_name, birth_date), postal_code, profile, lists, eleve)| {
                        let mut profile_values = ProfileValues::default();
                        for (profile, list) in Profile::ALL.into_iter().zip(lists) {
                            profile_values.set(profile, list);
                        }
                        if profile_values.is_empty() {
                            profile_values.set(Profile::Eleve, vec![eleve]);
                        }
                        IdentityAttributes {
                            last_name,
                            first_name,
                            birth_date,
                            postal_code,
                            profile,
                            profile_values,
                        }
                    },
                )
        }

        fn mode() -> impl Strategy<Value = FirstConnectionMode> {
            prop_oneof![
                identity().prop_map(FirstConnectionMode::Identity),
                attribute()
                    .prop_map(|attribute| FirstConnectionMode::PronoteIdentifier { attribute }),
                Just(FirstConnectionMode::DoubleAuthentication),
                Just(FirstConnectionMode::RefuseAccess),
            ]
        }

        fn cas_urls() -> impl Strategy<Value = Option<CasUrls>> {
            prop_oneof![
                Just(None),
                url().prop_map(|root| Some(CasUrls::Standard { root })),
                (url(), url())
                    .prop_map(|(login, validation)| Some(CasUrls::Custom { login, validation })),
            ]
        }

        fn settings() -> impl Strategy<Value = ClientSettings> {
            (prop::option::of(attribute()), cas_urls(), mode()).prop_map(
                |(identifier, cas_urls, first_connection)| ClientSettings {
                    common_identifier: identifier
                        .map_or(CommonIdentifier::Subject, CommonIdentifier::Attribute),
                    cas_urls,
                    first_connection,
                },
            )
        }

        fn model() -> impl Strategy<Value = EntModel> {
            (
                label(),
                label(),
                description(),
                prop::option::of(url()),
                0..3usize,
                settings(),
                settings(),
            )
                .prop_map(
                    |(name, location, description, documentation_url, which, a, b)| {
                        let clients = match which {
                            0 => BTreeMap::from([(Client::PronoteClient, a)]),
                            1 => BTreeMap::from([(Client::PronoteNet, a)]),
                            _ => BTreeMap::from([
                                (Client::PronoteClient, a),
                                (Client::PronoteNet, b),
                            ]),
                        };
                        EntModel {
                            name,
                            location,
                            description,
                            documentation_url,
                            clients,
                        }
                    },
                )
        }

        fn feed() -> impl Strategy<Value = ModelFeed> {
            prop::collection::vec(model(), 1..=5).prop_map(|mut models| {
                for (i, model) in models.iter_mut().enumerate() {
                    model.name = EntModel::clean_label(&format!("{} n°{i}", model.name));
                }
                ModelFeed { models }
            })
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(256))]

            #[test]
            fn parse_gives_back_what_write_wrote(feed in feed()) {
                prop_assert_eq!(feed.check(), Ok(()));
                let xml = write(&feed);
                let back = parse(xml.as_bytes(), &Limits::default());
                prop_assert_eq!(back.as_ref(), Ok(&feed), "{}", xml);
                prop_assert_eq!(write(&feed), xml);
            }
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(16))]

            #[test]
            fn what_write_writes_matches_the_schema(feed in feed()) {
                xmllint(&write(&feed), true);
            }
        }
    }
}
