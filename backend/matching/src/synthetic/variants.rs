//! Names that real directories write in more than one way (issue 19): names
//! with letters beyond French and the ASCII spellings other software gives
//! them, names with particles, `Saint` names, look-alike first names of
//! twins and spouses, usual first names of staff.
//!
//! These spellings are written by hand from usage (a transliteration is not
//! always the letter without its mark: `Đ` is `DJ` in Serbian, `Ü` is `UE`
//! in German), independently of the engine's folding.

/// Surnames with letters beyond French, and the ASCII spelling seen on the
/// other side.
pub const FOREIGN_SURNAMES: &[(&str, &str)] = &[
    ("NGUYỄN", "NGUYEN"),
    ("VŨ", "VU"),
    ("TRẦN", "TRAN"),
    ("PHẠM", "PHAM"),
    ("LÊ", "LE"),
    ("ĐẶNG", "DANG"),
    ("HOÀNG", "HOANG"),
    ("ERTAŞ", "ERTAS"),
    ("ÖZTÜRK", "OZTURK"),
    ("ÇELİK", "CELIK"),
    ("ŞAHİN", "SAHIN"),
    ("YILDIRIM", "YILDIRIM"),
    ("AYDOĞAN", "AYDOGAN"),
    ("WÓJCIK", "WOJCIK"),
    ("ŁUKASIEWICZ", "LUKASIEWICZ"),
    ("ZIELIŃSKI", "ZIELINSKI"),
    ("KOWALCZYK", "KOWALCZYK"),
    ("DVOŘÁK", "DVORAK"),
    ("NOVÁKOVÁ", "NOVAKOVA"),
    ("ŠIMEK", "SIMEK"),
    ("JOVANOVIĆ", "JOVANOVIC"),
    ("ĐORĐEVIĆ", "DJORDJEVIC"),
    ("PETROVIĆ", "PETROVIC"),
    ("ȘTEFĂNESCU", "STEFANESCU"),
    ("BĂLAN", "BALAN"),
    ("GONÇALVES", "GONCALVES"),
    ("CONCEIÇÃO", "CONCEICAO"),
    ("MUÑOZ", "MUNOZ"),
    ("NÚÑEZ", "NUNEZ"),
    ("MÜLLER", "MUELLER"),
    ("SCHRÖDER", "SCHRODER"),
    ("SØRENSEN", "SORENSEN"),
    ("ÅBERG", "ABERG"),
    ("KRAWCZYŃSKA", "KRAWCZYNSKA"),
    ("BOUAZİZ", "BOUAZIZ"),
];

/// First names with letters beyond French, and their ASCII spelling.
pub const FOREIGN_FIRST_NAMES: &[(&str, &str)] = &[
    ("Đức", "Duc"),
    ("Thảo", "Thao"),
    ("Ngọc", "Ngoc"),
    ("Ayşe", "Ayse"),
    ("Çağla", "Cagla"),
    ("İbrahim", "Ibrahim"),
    ("Gökhan", "Gokhan"),
    ("Łukasz", "Lukasz"),
    ("Małgorzata", "Malgorzata"),
    ("João", "Joao"),
    ("Conceição", "Conceicao"),
    ("Jiří", "Jiri"),
    ("Miloš", "Milos"),
    ("Ştefan", "Stefan"),
    ("Søren", "Soren"),
    ("Jürgen", "Juergen"),
];

/// Surnames with a particle, as most software writes them.
pub const PARTICLE_SURNAMES: &[&str] = &[
    "DA SILVA",
    "DOS SANTOS",
    "DE OLIVEIRA",
    "DE SOUSA",
    "DA COSTA",
    "DE ALMEIDA",
    "DE LA FONTAINE",
    "DU PONT",
    "LE GALL",
    "DE BRUYNE",
    "VAN DAMME",
    "DI MARTINO",
    "DEL PIERO",
];

/// Surnames with `Saint` / `Sainte`.
pub const SAINT_SURNAMES: &[&str] = &[
    "SAINT-MARTIN",
    "SAINT-JEAN",
    "SAINTE-MARIE",
    "SAINT-ANDRÉ",
    "SAINTE-CROIX",
    "SAINT-CYR",
    "DE SAINT-PIERRE",
];

/// Twins' first names that look alike.
pub const LOOK_ALIKE_TWINS: &[(&str, &str)] = &[
    ("Lino", "Lina"),
    ("Léo", "Léa"),
    ("Louis", "Louise"),
    ("Théo", "Théa"),
    ("Nino", "Nina"),
    ("Maël", "Maëlle"),
    ("Axel", "Axelle"),
    ("Gabriel", "Gabrielle"),
    ("Raphaël", "Raphaëlle"),
    ("Élio", "Élia"),
    ("Léna", "Léa"),
    ("Lina", "Léna"),
    ("Tom", "Tim"),
    ("Mila", "Mia"),
    ("Noah", "Noa"),
    ("Enzo", "Enza"),
    ("Jules", "Julie"),
    ("Lucas", "Lucie"),
    ("Adrien", "Adrienne"),
    ("Mathis", "Mathias"),
];

/// The girls' names of [`LOOK_ALIKE_TWINS`].
pub const LOOK_ALIKE_TWINS_FEMALE: &[&str] = &[
    "Lina",
    "Léa",
    "Louise",
    "Théa",
    "Nina",
    "Maëlle",
    "Axelle",
    "Gabrielle",
    "Raphaëlle",
    "Élia",
    "Léna",
    "Mila",
    "Mia",
    "Noa",
    "Enza",
    "Julie",
    "Lucie",
    "Adrienne",
];

/// Spouses' first names that look alike (husband, wife).
pub const LOOK_ALIKE_COUPLES: &[(&str, &str)] = &[
    ("Michel", "Michèle"),
    ("Frédéric", "Frédérique"),
    ("Daniel", "Danielle"),
    ("Pascal", "Pascale"),
    ("Dominique", "Dominique"),
    ("Claude", "Claude"),
    ("Jean", "Jeanne"),
    ("Joël", "Joëlle"),
    ("Noël", "Noëlle"),
    ("Emmanuel", "Emmanuelle"),
    ("Laurent", "Laurence"),
    ("Gaël", "Gaëlle"),
    ("Camille", "Camille"),
];

/// First names of grand-parents (born around 1950), for the guardians who
/// are not legal representatives.
pub const OLDER_FEMALE: &[&str] = &[
    "Monique",
    "Jacqueline",
    "Christiane",
    "Josiane",
    "Colette",
    "Françoise",
    "Danielle",
    "Michèle",
    "Nicole",
    "Annie",
    "Chantal",
    "Martine",
    "Brigitte",
    "Évelyne",
    "Odile",
];
pub const OLDER_MALE: &[&str] = &[
    "Gérard",
    "Bernard",
    "Jean-Claude",
    "Michel",
    "Daniel",
    "Alain",
    "Jacques",
    "Roger",
    "René",
    "Guy",
    "André",
    "Claude",
    "Serge",
    "Yves",
    "Marcel",
];

/// Usual first names and initials of staff: the full first name, and what
/// one side writes instead.
pub const USUAL_FIRST_NAMES: &[(&str, &str)] = &[
    ("Sébastien", "Seb"),
    ("Alexandre", "Alex"),
    ("Alexandra", "Alex"),
    ("Christophe", "Chris"),
    ("Frédéric", "Fred"),
    ("Nicolas", "Nico"),
    ("Maxime", "Max"),
    ("Florence", "Flo"),
    ("Caroline", "Caro"),
    ("Stéphanie", "Steph"),
    ("Stéphane", "Steph"),
    ("Emmanuel", "Manu"),
    ("Catherine", "Cathy"),
    ("Dominique", "Dom"),
    ("Philippe", "Phil"),
    ("Valérie", "Val"),
    ("Isabelle", "Isa"),
    ("Béatrice", "Béa"),
    ("Benjamin", "Ben"),
    ("Véronique", "Véro"),
    ("Patricia", "Patty"),
    ("Marie-Pierre", "M.-Pierre"),
    ("Marie-Christine", "M.-Christine"),
    ("Marie-Claire", "M.Claire"),
    ("Anne-Sophie", "A.-Sophie"),
    ("Anne-Laure", "A-Laure"),
    ("Jean-Pierre", "J.-Pierre"),
    ("Jean-Pierre", "JP"),
    ("Jean-François", "J.-François"),
    ("Jean-Marc", "J.-Marc"),
    ("Marie-Hélène", "M.-Hélène"),
    ("Thierry", "T."),
    ("Laurent", "L."),
];

/// Middle names given after the first name on one side.
pub const MIDDLE_NAMES: &[&str] = &[
    "Marie",
    "Jean",
    "Pierre",
    "Louis",
    "Anne",
    "Joseph",
    "Paul",
    "Claire",
    "Rose",
    "Jacques",
    "Élise",
    "Michel",
    "Françoise",
    "André",
];

/// Compound first names of pupils, which one side may cut to their first
/// part.
pub const COMPOUND_FIRST_NAMES: &[&str] = &[
    "Marie-Lou",
    "Jean-Baptiste",
    "Louis-Marie",
    "Anne-Lise",
    "Marie-Ange",
    "Pierre-Louis",
    "Lou-Anne",
    "Marie-Jeanne",
    "Paul-Antoine",
    "Marie-Eve",
];

/// The written form of a name with its particle after it:
/// `DA SILVA` → `SILVA (DA)` (or without the brackets).
pub fn particle_after(name: &str, brackets: bool) -> Option<String> {
    let words: Vec<&str> = name.split(' ').collect();
    let split = words.iter().position(|w| {
        !matches!(
            *w,
            "DA" | "DOS" | "DE" | "LA" | "DU" | "LE" | "VAN" | "DI" | "DEL"
        )
    })?;
    if split == 0 {
        return None;
    }
    let (particles, rest) = words.split_at(split);
    Some(if brackets {
        format!("{} ({})", rest.join(" "), particles.join(" "))
    } else {
        format!("{} {}", rest.join(" "), particles.join(" "))
    })
}

/// `SAINT-MARTIN` → `ST-MARTIN`, `SAINTE-MARIE` → `STE MARIE`.
pub fn saint_abbreviated(name: &str, keep_hyphen: bool) -> Option<String> {
    if !name.contains("SAINT") {
        return None;
    }
    let short = name.replace("SAINTE", "STE").replace("SAINT", "ST");
    Some(if keep_hyphen {
        short
    } else {
        short.replace('-', " ")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn particles_and_saints_are_rewritten() {
        assert_eq!(
            particle_after("DA SILVA", true).as_deref(),
            Some("SILVA (DA)")
        );
        assert_eq!(
            particle_after("DE LA FONTAINE", false).as_deref(),
            Some("FONTAINE DE LA")
        );
        assert_eq!(particle_after("MARTIN", true), None);
        assert_eq!(
            saint_abbreviated("SAINTE-MARIE", false).as_deref(),
            Some("STE MARIE")
        );
        assert_eq!(
            saint_abbreviated("DE SAINT-PIERRE", true).as_deref(),
            Some("DE ST-PIERRE")
        );
    }
}
