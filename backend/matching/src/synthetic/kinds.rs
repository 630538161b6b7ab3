//! The kinds of noise and of hazard the generator produces, one bit each,
//! so that the bench can report the quality of the engine per kind
//! (issue 19). A record carries the kinds applied to it, and the kinds of
//! its person (twins, namesakes, one side only…).

/// One kind of noise or hazard.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// One typing slip in a name.
    Typo,
    /// `JEAN-MARIE` / `JEAN MARIE`.
    Separator,
    /// A character lost in transit (`M$rine`).
    Damaged,
    /// UTF-8 read as Windows-1252 (`HÃ©lÃ¨ne`).
    Mojibake,
    /// First and last names written in each other's field.
    Swapped,
    /// Day and month, or two digits of the year, swapped.
    TransposedDate,
    /// The person has two records on this side.
    Duplicate,
    /// Letters beyond French (`VŨ`, `ERTAŞ`, `ĐORĐEVIĆ`), written with
    /// their marks on one side and in ASCII (sometimes transliterated,
    /// `DJORDJEVIC`, `MUELLER`) on the other.
    ForeignLetters,
    /// Maiden name on one side, married name on the other, or the
    /// « épouse / née / ép. » forms.
    MarriedName,
    /// The birth date one day off (a time-zone shift of an export).
    DateOffByOneDay,
    /// The birth date one year off.
    DateOffByOneYear,
    /// A placeholder birth date (`1900-01-01`) instead of the real one.
    PlaceholderDate,
    /// A staff member filed PERSONNELS on one side, PROFESSEURS on the
    /// other.
    StaffCategory,
    /// A usual first name or initials on one side (`SEB` / `Sébastien`,
    /// `M.-Pierre` / `Marie-Pierre`).
    UsualFirstName,
    /// A particle written after the name (`SILVA (DA)` / `DA SILVA`).
    ParticleAfter,
    /// `ST` / `SAINT`, `STE` / `SAINTE`.
    Saint,
    /// Middle names on one side only.
    MiddleNames,
    /// A compound first name cut to its first part on one side.
    CompoundCut,
    /// Twins (same family, same birth date).
    Twin,
    /// A pupil of another family with the same names (and often the same
    /// birth date).
    Namesake,
    /// Spouses or co-parents whose first names look alike
    /// (`Michel` / `Michèle`).
    LookAlikeCoParent,
    /// Another person of the scope has the same clean identity (names, and
    /// the birth date of pupils).
    Homonym,
    /// The person is written on one side only (former pupils, guardians of
    /// past years): any automatic link of it is wrong.
    OneSided,
    /// A pupil's double last name written the other way round on one side
    /// (`MARTIN DUPONT` / `DUPONT MARTIN`).
    ReorderedLastName,
}

impl Kind {
    /// Every kind, in declaration order.
    pub const ALL: [Kind; 24] = [
        Kind::Typo,
        Kind::Separator,
        Kind::Damaged,
        Kind::Mojibake,
        Kind::Swapped,
        Kind::TransposedDate,
        Kind::Duplicate,
        Kind::ForeignLetters,
        Kind::MarriedName,
        Kind::DateOffByOneDay,
        Kind::DateOffByOneYear,
        Kind::PlaceholderDate,
        Kind::StaffCategory,
        Kind::UsualFirstName,
        Kind::ParticleAfter,
        Kind::Saint,
        Kind::MiddleNames,
        Kind::CompoundCut,
        Kind::Twin,
        Kind::Namesake,
        Kind::LookAlikeCoParent,
        Kind::Homonym,
        Kind::OneSided,
        Kind::ReorderedLastName,
    ];

    pub fn bit(self) -> u32 {
        1 << (self as u32)
    }

    /// A short name, as the bench prints it.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Typo => "typo",
            Kind::Separator => "separator",
            Kind::Damaged => "damaged",
            Kind::Mojibake => "mojibake",
            Kind::Swapped => "swapped",
            Kind::TransposedDate => "transposed_date",
            Kind::Duplicate => "duplicate",
            Kind::ForeignLetters => "foreign_letters",
            Kind::MarriedName => "married_name",
            Kind::DateOffByOneDay => "date_one_day",
            Kind::DateOffByOneYear => "date_one_year",
            Kind::PlaceholderDate => "placeholder_date",
            Kind::StaffCategory => "staff_category",
            Kind::UsualFirstName => "usual_first_name",
            Kind::ParticleAfter => "particle_after",
            Kind::Saint => "saint",
            Kind::MiddleNames => "middle_names",
            Kind::CompoundCut => "compound_cut",
            Kind::Twin => "twin",
            Kind::Namesake => "namesake",
            Kind::LookAlikeCoParent => "look_alike_coparent",
            Kind::Homonym => "homonym",
            Kind::OneSided => "one_sided",
            Kind::ReorderedLastName => "reordered_last_name",
        }
    }

    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// Whether a mask holds this kind.
    pub fn in_mask(self, mask: u32) -> bool {
        mask & self.bit() != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_have_distinct_bits_and_names() {
        let mut mask = 0;
        for k in Kind::ALL {
            assert_eq!(mask & k.bit(), 0);
            mask |= k.bit();
            assert_eq!(Kind::from_name(k.name()), Some(k));
        }
    }
}
