//! The document: prolog, root and its attributes, epilog, and each
//! `<ENT>` model checked by the domain ([`EntModel::check`]) with its
//! errors placed.

use std::collections::{BTreeMap, HashMap};

use quick_xml::XmlVersion;
use quick_xml::errors::Error as XmlError;
use quick_xml::events::Event;
use relais_domain::models::{Client, EntModel, ModelFeed};
use relais_domain::web_url::WebUrl;

use super::error::{FeedError, Problem, Result, french_xml_error};
use super::names::*;
use super::reader::{Parser, is_blank};
use super::sequence::{Child, ENT_SLOTS, Sequence, Tag};
use super::{NAMESPACE, VERSION};

/// Where each part of the model being read starts, to place the errors of
/// [`EntModel::check`].
#[derive(Default)]
pub(super) struct ModelPositions {
    ent: usize,
    name: usize,
    location: usize,
    description: usize,
    documentation: usize,
    clients: [usize; 2],
}

impl<'a> Parser<'a, '_> {
    pub(super) fn document(mut self) -> Result<ModelFeed> {
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
    pub(super) fn prolog(&mut self) -> Result<Tag<'a>> {
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
    pub(super) fn root_attributes(&mut self, root: &Tag<'a>) -> Result<()> {
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

    pub(super) fn attribute_error(&self, pos: usize, error: &XmlError) -> FeedError {
        match error {
            XmlError::Escape(quick_xml::escape::EscapeError::UnrecognizedEntity(_, name)) => {
                self.at(pos, Problem::Entity(name.clone()))
            }
            other => self.at(pos, Problem::Malformed(french_xml_error(other))),
        }
    }

    /// After the root: only white space, comments and processing
    /// instructions.
    pub(super) fn epilog(&mut self) -> Result<()> {
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

    pub(super) fn ent(&mut self, tag: &Tag<'a>) -> Result<(EntModel, ModelPositions)> {
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
            match slot {
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
}
