//! Grand-parents against parents (issue 19, fourth pass): the ENT lists
//! grand-parents and PRONOTE other contacts, so a guardian on one side
//! and its candidate on the other may be two persons of one family whose
//! first names only tell them apart; two parents written swapped are no
//! maiden and married name.

use super::*;
use crate::similarity::one_vowel_apart;

impl Matcher<'_, '_> {
    /// Whether a guardian and its candidate sharing a pupil bear first
    /// names that may be two names: the ENT lists grand-parents and
    /// PRONOTE other contacts, so a grand-parent on one side and a parent
    /// on the other, each missing from the other side, are told apart by
    /// their first names only (issue 19, fourth pass). Two names one vowel
    /// apart (`one_vowel_apart`: `Christiane` / `Christine`, `Annie` /
    /// `Anne`) are two persons whatever the family lists; a random slip
    /// (`CHRSITINE`) or middle names (`Sylvie Françoise`) are not. One
    /// first name the first part of the other written as a compound name,
    /// with a hyphen (`Jean-Claude` / `Jean`), is a guess when each side
    /// lists that guardian alone, in a base whose pupils show no compound
    /// name cut (`cuts_compound_names`: where the exports cut them, a cut
    /// is the likelier reading). Never linked automatically; the same
    /// first name, a slip, middle names are linked as before.
    ///
    /// `first` is the first names' similarity (`guardian_names`): at 0.95
    /// or more they differ by damage or a transliteration only.
    pub(super) fn two_first_names(
        &self,
        fe: &Feat,
        fp: &Feat,
        first: f32,
        orders: [&[u64]; 2],
    ) -> bool {
        if first >= 0.95 {
            return false;
        }
        if one_vowel_apart(
            self.str(fe.first_key).as_bytes(),
            self.str(fp.first_key).as_bytes(),
        ) {
            return true;
        }
        self.first_part_of_compound(fe, fp)
            && self.alone(ENT, fe.global)
            && self.alone(PRONOTE, fp.global)
            && !self.cuts_compound_names(orders)
    }

    /// `base_cuts_compound_names`, worked out once per scope when first
    /// needed (rarely: a lone guardian's compound name cut).
    fn cuts_compound_names(&self, orders: [&[u64]; 2]) -> bool {
        if let Some(known) = self.cuts_compound_names.get() {
            return known;
        }
        let known = self.base_cuts_compound_names(orders);
        self.cuts_compound_names.set(Some(known));
        known
    }

    /// Whether a pupil linked in this scope (birth dates agreeing) has its
    /// hyphenated compound first name cut to its first part on one side:
    /// the base's exports cut compound names (a habit of a side's
    /// software, issue 19, item 8), so a guardian's cut name is read as
    /// such. Valid once the pupils are decided.
    fn base_cuts_compound_names(&self, orders: [&[u64]; 2]) -> bool {
        self.link_map.iter().any(|&(e, p)| {
            match (
                self.feat_of(ENT, e, orders),
                self.feat_of(PRONOTE, p, orders),
            ) {
                (Some(fe), Some(fp)) => {
                    fe.population == Population::Eleves
                        && fe.first_hash != fp.first_hash
                        && self.first_part_of_compound(fe, fp)
                }
                _ => false,
            }
        })
    }

    /// Whether one first name is the first word of the other, and the
    /// other is written as a compound name (the hyphen after its first
    /// word: `Jean-Claude`, not the middle names of `Jean Claude`).
    fn first_part_of_compound(&self, fe: &Feat, fp: &Feat) -> bool {
        let (a, b) = (self.str(fe.first), self.str(fp.first));
        let (short, long, long_raw) = if a.len() <= b.len() {
            (a, b, self.records[PRONOTE].get(fp.global as usize))
        } else {
            (b, a, self.records[ENT].get(fe.global as usize))
        };
        !short.is_empty()
            && long.starts_with(short)
            && long.as_bytes().get(short.len()) == Some(&b' ')
            && long_raw.is_some_and(|r| {
                r.first_name
                    .trim_start()
                    .chars()
                    .find(|c| !c.is_alphabetic())
                    == Some('-')
            })
    }

    /// Whether an ENT guardian's first-name field holds the last name of
    /// one of its pupils (the names swapped: the family's name, shared by
    /// both parents, is then no first name in common).
    pub(super) fn first_name_is_family_name(&self, fe: &Feat, orders: [&[u64]; 2]) -> bool {
        self.is_family_name(fe, fe.first_hash, orders)
    }

    /// Whether a name (`hash`, canonical) is the last name of one of the
    /// ENT guardian `fe`'s pupils.
    pub(super) fn is_family_name(&self, fe: &Feat, hash: u64, orders: [&[u64]; 2]) -> bool {
        self.records[ENT]
            .get(fe.global as usize)
            .is_some_and(|record| {
                record.related.iter().any(|&pupil| {
                    self.feat_of(ENT, pupil, orders).is_some_and(|f| {
                        f.population == Population::Eleves
                            && (f.last_hash == hash || f.alt_hash == hash)
                    })
                })
            })
    }
}
