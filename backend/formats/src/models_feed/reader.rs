//! The reader under the parser: quick-xml events with their offsets, the
//! text of an element (entities, character references, XML characters),
//! entering and leaving elements within the [`Limits`], and errors placed
//! at a line, a column and a path.

use std::fmt::Write as _;

use quick_xml::Reader;
use quick_xml::errors::{Error as XmlError, IllFormedError, SyntaxError};
use quick_xml::events::{BytesStart, Event};
use relais_domain::DomainError;

use super::Limits;
use super::error::{FeedError, Problem, Result, french_xml_error, line_column};
use super::names::*;
use super::sequence::{Child, Tag};

pub(super) struct Parser<'a, 'l> {
    pub(super) src: &'a str,
    pub(super) reader: Reader<&'a [u8]>,
    pub(super) limits: &'l Limits,
    /// The open elements, root first.
    pub(super) stack: Vec<&'static str>,
    pub(super) elements: usize,
    /// 1-based number of the `<ENT>` being read.
    pub(super) model_number: usize,
    /// The element just entered was `<X/>`: its end comes next.
    pub(super) pending_end: bool,
    /// Reused for the text of each element.
    pub(super) text: String,
}

impl<'a, 'l> Parser<'a, 'l> {
    pub(super) fn new(src: &'a str, limits: &'l Limits) -> Self {
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
    pub(super) fn at(&self, pos: usize, problem: Problem) -> FeedError {
        self.at_element(pos, self.stack.last().copied(), problem)
    }

    pub(super) fn at_element(
        &self,
        pos: usize,
        element: Option<&str>,
        problem: Problem,
    ) -> FeedError {
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
    pub(super) fn path(&self, element: Option<&str>) -> String {
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

    pub(super) fn xml_error(&self, error: &XmlError) -> FeedError {
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

    pub(super) fn invalid(
        &self,
        pos: usize,
        element: &'static str,
        error: DomainError,
    ) -> FeedError {
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

    pub(super) fn position(&self) -> usize {
        usize::try_from(self.reader.buffer_position()).unwrap_or(usize::MAX)
    }

    pub(super) fn read(&mut self) -> Result<(Event<'a>, usize)> {
        let pos = self.position();
        match self.reader.read_event() {
            Ok(event) => Ok((event, pos)),
            Err(error) => Err(self.xml_error(&error)),
        }
    }

    /// Counts an element met at `pos` against the limits.
    pub(super) fn tag(
        &mut self,
        start: BytesStart<'a>,
        empty: bool,
        pos: usize,
    ) -> Result<Tag<'a>> {
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
    pub(super) fn next_child(&mut self) -> Result<Child<'a>> {
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
    pub(super) fn text_here(&self, pos: usize, text: &str) -> FeedError {
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
    pub(super) fn resolve(&self, reference: &str, pos: usize) -> Result<char> {
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
    pub(super) fn enter(&mut self, tag: &Tag<'a>, name: &'static str) -> Result<()> {
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
    pub(super) fn enter_with_attributes(
        &mut self,
        tag: &Tag<'a>,
        name: &'static str,
    ) -> Result<()> {
        self.stack.push(name);
        self.pending_end = tag.empty;
        Ok(())
    }

    /// Reads the text of the element just entered, up to its end, into
    /// `self.text`; white space kept, line ends normalised.
    pub(super) fn read_text(&mut self) -> Result<()> {
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
    pub(super) fn text_of(&mut self, tag: &Tag<'a>, name: &'static str) -> Result<&str> {
        self.enter(tag, name)?;
        self.read_text()?;
        Ok(&self.text)
    }

    pub(super) fn unexpected(&self, pos: usize, expected: &str, found: String) -> FeedError {
        self.at(
            pos,
            Problem::Unexpected {
                expected: expected.to_owned(),
                found,
            },
        )
    }

    /// The current element must end now.
    pub(super) fn expect_end(&mut self) -> Result<()> {
        let parent = self.stack.last().copied().unwrap_or(LISTE_MODELES);
        match self.next_child()? {
            Child::End(_) => Ok(()),
            Child::Start(tag) => {
                Err(self.unexpected(tag.pos, &format!("</{parent}>"), tag.shown()))
            }
        }
    }

    /// A `Sequence` refusal, placed on the child refused.
    pub(super) fn refuse(&self, tag: &Tag<'a>, problem: Problem) -> FeedError {
        self.at(tag.pos, problem)
    }
}

/// XML white space only (space, tab, line feed, carriage return).
pub(super) fn is_blank(text: &str) -> bool {
    text.bytes()
        .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
}

/// A character XML 1.0 allows in a document.
pub(super) fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}
