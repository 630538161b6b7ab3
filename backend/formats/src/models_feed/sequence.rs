//! The children each element allows, in the schema's order, and which are
//! required: a [`Sequence`] accepts or refuses each child as it comes.

use quick_xml::events::BytesStart;

use super::error::Problem;
use super::names::*;

/// An element met where a child (or the end of the parent) was expected.
pub(super) struct Tag<'a> {
    /// The element's name if it is one of the schema's.
    pub(super) known: Option<&'static str>,
    pub(super) start: BytesStart<'a>,
    pub(super) empty: bool,
    /// Byte offset of its `<`.
    pub(super) pos: usize,
}

impl Tag<'_> {
    pub(super) fn shown(&self) -> String {
        format!("<{}>", self.start.name().0)
    }
}

/// What comes next inside the current element.
pub(super) enum Child<'a> {
    Start(Tag<'a>),
    /// The end of the current element, at this byte offset.
    End(usize),
}

/// The children allowed in an element, in order, and which are required.
pub(super) struct Sequence {
    parent: &'static str,
    slots: &'static [(&'static str, bool)],
    next: usize,
    seen: u32,
}

impl Sequence {
    pub(super) fn new(parent: &'static str, slots: &'static [(&'static str, bool)]) -> Self {
        Self {
            parent,
            slots,
            next: 0,
            seen: 0,
        }
    }

    /// What may come now: the optional slots up to the next required one,
    /// or the parent's end.
    pub(super) fn expected(&self) -> String {
        let mut names: Vec<String> = Vec::new();
        let mut required = false;
        for (name, mandatory) in self.slots.get(self.next..).unwrap_or_default() {
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

    /// Accepts `tag` as the next child (its slot's name), or says why not.
    pub(super) fn accept(&mut self, tag: &Tag<'_>) -> Result<&'static str, Problem> {
        let slot = tag.known.and_then(|name| {
            self.slots
                .iter()
                .position(|(n, _)| *n == name)
                .map(|index| (index, name))
        });
        match slot {
            Some((index, name))
                if index >= self.next
                    && !self
                        .slots
                        .get(self.next..index)
                        .unwrap_or_default()
                        .iter()
                        .any(|s| s.1) =>
            {
                self.next = index + 1;
                self.seen |= 1 << index;
                Ok(name)
            }
            Some((index, name)) if self.seen & (1 << index) != 0 => {
                Err(Problem::Duplicate(name.to_owned()))
            }
            _ => Err(Problem::Unexpected {
                expected: self.expected(),
                found: tag.shown(),
            }),
        }
    }

    /// Checks that no required child is missing at the parent's end.
    pub(super) fn finish(&self) -> Result<(), Problem> {
        if self
            .slots
            .get(self.next..)
            .unwrap_or_default()
            .iter()
            .any(|s| s.1)
        {
            return Err(self.missing());
        }
        Ok(())
    }

    /// What the parent's end lacks.
    pub(super) fn missing(&self) -> Problem {
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

pub(super) const ENT_SLOTS: &[(&str, bool)] = &[
    (NOM, true),
    (LOCALISATION, true),
    (DESCRIPTION, false),
    (URL_DOCUMENTATION, false),
    (CLIENT_PRONOTE, false),
    (PRONOTE_NET, false),
];
pub(super) const CLIENT_SLOTS: &[(&str, bool)] = &[
    (ATTRIBUT_ID_CAS, false),
    (URL_SERVEUR_CAS, false),
    (MODE, true),
];
pub(super) const IDENTITY_SLOTS: &[(&str, bool)] = &[
    (ATTRIBUT_NOM, true),
    (ATTRIBUT_PRENOM, true),
    (ATTRIBUT_DATE_NAISSANCE, true),
    (ATTRIBUT_CODE_POSTAL, false),
    (ATTRIBUT_PROFIL, true),
    (VALEURS_PROFIL, true),
];
pub(super) const PRONOTE_IDENTIFIER_SLOTS: &[(&str, bool)] = &[(ATTRIBUT_IDENTIFIANT, true)];
