//! The values inside a model: a client's settings, URLs, CAS URLs, the
//! identification mode of the first connection, identity attributes and
//! profile values, each through the domain's parsers.

use quick_xml::XmlVersion;
use relais_domain::DomainError;
use relais_domain::delegation::{
    AttributeName, CasUrls, CommonIdentifier, FirstConnectionMode, IdentityAttributes, Profile,
    ProfileValues,
};
use relais_domain::models::ClientSettings;
use relais_domain::web_url::WebUrl;

use super::error::{FeedError, Problem, Result};
use super::names::*;
use super::reader::Parser;
use super::sequence::{
    CLIENT_SLOTS, Child, IDENTITY_SLOTS, PRONOTE_IDENTIFIER_SLOTS, Sequence, Tag,
};

impl<'a> Parser<'a, '_> {
    pub(super) fn client(&mut self, tag: &Tag<'a>, name: &'static str) -> Result<ClientSettings> {
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
            match slot {
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

    pub(super) fn attribute(
        &mut self,
        tag: &Tag<'a>,
        name: &'static str,
        field: &'static str,
    ) -> Result<AttributeName> {
        let text = self.text_of(tag, name)?;
        AttributeName::parse(field, text).map_err(|e| self.invalid(tag.pos, name, e))
    }

    pub(super) fn url(&mut self, tag: &Tag<'a>, name: &'static str) -> Result<WebUrl> {
        let text = self.text_of(tag, name)?;
        WebUrl::parse("casUrls", text).map_err(|e| self.invalid(tag.pos, name, e))
    }

    pub(super) fn cas_urls(&mut self, tag: &Tag<'a>) -> Result<CasUrls> {
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

    pub(super) fn mode(&mut self, tag: &Tag<'a>) -> Result<FirstConnectionMode> {
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
    pub(super) fn expect_end_or_duplicate(&mut self, sequence: &mut Sequence) -> Result<()> {
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

    pub(super) fn identity(&mut self, tag: &Tag<'a>) -> Result<IdentityAttributes> {
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
            // `names` in the order of IDENTITY_SLOTS.
            let (index, name, field) = match slot {
                VALEURS_PROFIL => {
                    profile_values = Some(self.profile_values(&child)?);
                    continue;
                }
                ATTRIBUT_NOM => (0, ATTRIBUT_NOM, "lastName"),
                ATTRIBUT_PRENOM => (1, ATTRIBUT_PRENOM, "firstName"),
                ATTRIBUT_DATE_NAISSANCE => (2, ATTRIBUT_DATE_NAISSANCE, "birthDate"),
                ATTRIBUT_CODE_POSTAL => (3, ATTRIBUT_CODE_POSTAL, "postalCode"),
                _ => (4, ATTRIBUT_PROFIL, "profile"),
            };
            let attribute = self.attribute(&child, name, field)?;
            if let Some(entry) = names.get_mut(index) {
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

    pub(super) fn profile_values(&mut self, tag: &Tag<'a>) -> Result<ProfileValues> {
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

    pub(super) fn stack_invalid(
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
    pub(super) fn profile_code(&self, tag: &Tag<'a>) -> Result<Profile> {
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
