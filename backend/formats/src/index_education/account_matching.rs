//! File (A), ENT → PRONOTE: the account-matching file `PARTENAIRE_INDEX`
//! (RapprochementSSO v2.0, docs/domain.md §4), built from the ENT directory of one
//! establishment or of a cité scolaire.
//!
//! Schema: `docs/formats/index-education/RapprochementSSO.xsd` (Index-Education's).
//! [`AccountMatchingFile::write`] follows its sequence exactly; the output is
//! deterministic (populations sorted by ENT identifier). It is then sealed
//! with [`super::import_chiffre::seal_import_chiffre`].

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, SubsecRound, Utc};
use quick_xml::Writer;
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, Event};
use quick_xml::name::QName;
use relais_domain::Uai;
use relais_domain::directory::{Civility, EntAccount, EntProfile, Sex};
use thiserror::Error;

use super::xml::escape_attribute;

mod read;

/// The namespace of every element.
pub const NAMESPACE: &str = "http://www.index-education.com/rapprochementssoV2.0";

/// `ProtocoleDelegationAuthentification`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DelegationProtocol {
    Cas,
    Adfs,
}

impl DelegationProtocol {
    pub fn as_str(self) -> &'static str {
        match self {
            DelegationProtocol::Cas => "CAS",
            DelegationProtocol::Adfs => "ADFS",
        }
    }
}

/// An `Etablissement` of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchingEstablishment {
    pub ident: u32,
    pub uai: Uai,
    pub name: String,
    /// `CodePostal` (optional in the schema; Relais writes what it knows).
    pub postal_code: Option<String>,
    /// `Ville`.
    pub town: Option<String>,
}

/// An establishment a file covers, as the directory knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirectoryEstablishment {
    pub uai: Uai,
    pub name: String,
    pub postal_code: Option<String>,
    pub town: Option<String>,
}

/// A person of one of the four populations. Only the values the population
/// carries in the schema are written: `birth_date` for teachers and pupils,
/// `civility` for guardians, `sex` and `guardians` for pupils.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchingPerson {
    /// Unique among the persons of the file.
    pub ident: u32,
    /// `ID_Partenaire`: the ENT identifier.
    pub ent_id: String,
    pub last_name: String,
    pub first_name: String,
    pub birth_date: Option<NaiveDate>,
    /// Written as `CodePostal`.
    pub postal_code: Option<String>,
    pub civility: Option<Civility>,
    pub sex: Option<Sex>,
    /// The `Ident` of the pupil's guardians, ascending.
    pub guardians: Vec<u32>,
}

/// The content of a `PARTENAIRE_INDEX` file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountMatchingFile {
    /// `Partenaire`: the partner id given by Index-Education.
    pub partner_id: String,
    /// `Date`, to the second.
    pub date: DateTime<Utc>,
    pub protocol: Option<DelegationProtocol>,
    /// `Ident` 1..n.
    pub establishments: Vec<MatchingEstablishment>,
    /// `EtablissementsGeres`: the `Ident` of the establishments to set up.
    pub managed: Vec<u32>,
    /// `Personnels`: staff, inspectors and training supervisors.
    pub staff: Vec<MatchingPerson>,
    /// `Professeurs`.
    pub teachers: Vec<MatchingPerson>,
    /// `Responsables`.
    pub guardians: Vec<MatchingPerson>,
    /// `Eleves`.
    pub pupils: Vec<MatchingPerson>,
}

/// Why a file cannot be built or read. French: shown to the operator.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AccountMatchingError {
    #[error(
        "l'identifiant partenaire fourni par Index-Education n'est pas renseigné : \
         saisissez-le dans les paramètres d'échange"
    )]
    MissingPartnerId,
    #[error("aucun établissement : le fichier doit en concerner au moins un")]
    NoEstablishment,
    #[error("l'établissement {0} est indiqué deux fois")]
    DuplicateEstablishment(String),
    #[error(
        "le compte ENT « {0} » figure deux fois dans l'annuaire : corrigez l'annuaire avant \
         de générer le fichier"
    )]
    DuplicateAccount(String),
    #[error(
        "{count} élève(s) sans date de naissance (par exemple « {first} ») : PRONOTE l'exige \
         pour le rapprochement, complétez l'annuaire"
    )]
    PupilsWithoutBirthDate { count: usize, first: String },
    #[error("trop de comptes pour un seul fichier")]
    TooManyAccounts,
    #[error("fichier de rapprochement illisible : {0}")]
    Unreadable(String),
}

impl AccountMatchingError {
    /// A stable code for the API.
    pub fn code(&self) -> &'static str {
        match self {
            AccountMatchingError::MissingPartnerId => "MATCHING_NO_PARTNER_ID",
            AccountMatchingError::NoEstablishment => "MATCHING_NO_ESTABLISHMENT",
            AccountMatchingError::DuplicateEstablishment(_) => "MATCHING_DUPLICATE_ESTABLISHMENT",
            AccountMatchingError::DuplicateAccount(_) => "MATCHING_DUPLICATE_ACCOUNT",
            AccountMatchingError::PupilsWithoutBirthDate { .. } => "MATCHING_PUPIL_BIRTH_DATE",
            AccountMatchingError::TooManyAccounts => "MATCHING_TOO_MANY_ACCOUNTS",
            AccountMatchingError::Unreadable(_) => "MATCHING_UNREADABLE",
        }
    }
}

/// The four populations of the file, in the schema's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Population {
    Staff,
    Teachers,
    Guardians,
    Pupils,
}

impl Population {
    fn of(profile: EntProfile) -> Self {
        match profile {
            EntProfile::Personnel | EntProfile::Inspecteur | EntProfile::MaitreDeStage => {
                Population::Staff
            }
            EntProfile::Enseignant => Population::Teachers,
            EntProfile::Responsable => Population::Guardians,
            EntProfile::Eleve => Population::Pupils,
        }
    }

    /// (list element, person element).
    fn elements(self) -> (&'static str, &'static str) {
        match self {
            Population::Staff => ("Personnels", "Personnel"),
            Population::Teachers => ("Professeurs", "Professeur"),
            Population::Guardians => ("Responsables", "Responsable"),
            Population::Pupils => ("Eleves", "Eleve"),
        }
    }
}

/// `Ident` of each civility in the `Nomenclatures/Civilites` table.
fn civility_ident(civility: Civility) -> u32 {
    match civility {
        Civility::Monsieur => 1,
        Civility::Madame => 2,
    }
}

impl AccountMatchingFile {
    /// Builds the file of a group of establishments (one, or all those of a
    /// cité scolaire, docs/domain.md §4) from their directory accounts: every
    /// establishment is listed and managed; `accounts` are all written (the
    /// caller selects them), staff, inspectors and training supervisors as
    /// `Personnels`. A pupil's guardians are the guardians of the file whose
    /// `pupil_ids` name them.
    pub fn from_directory(
        partner_id: &str,
        date: DateTime<Utc>,
        establishments: &[DirectoryEstablishment],
        accounts: &[EntAccount],
    ) -> Result<Self, AccountMatchingError> {
        let partner_id = partner_id.trim();
        if partner_id.is_empty() {
            return Err(AccountMatchingError::MissingPartnerId);
        }
        if establishments.is_empty() {
            return Err(AccountMatchingError::NoEstablishment);
        }
        let mut seen_uais = HashSet::with_capacity(establishments.len());
        let mut matching_establishments = Vec::with_capacity(establishments.len());
        for (index, establishment) in establishments.iter().enumerate() {
            if !seen_uais.insert(&establishment.uai) {
                return Err(AccountMatchingError::DuplicateEstablishment(
                    establishment.uai.to_string(),
                ));
            }
            let given = |value: &Option<String>| {
                value
                    .as_deref()
                    .map(str::trim)
                    .filter(|v| !v.is_empty())
                    .map(str::to_owned)
            };
            matching_establishments.push(MatchingEstablishment {
                ident: ident(index)?,
                uai: establishment.uai.clone(),
                name: establishment.name.clone(),
                postal_code: given(&establishment.postal_code),
                town: given(&establishment.town),
            });
        }

        let mut sorted: Vec<&EntAccount> = accounts.iter().collect();
        sorted.sort_unstable_by(|a, b| {
            (Population::of(a.profile), a.ent_id.as_str())
                .cmp(&(Population::of(b.profile), b.ent_id.as_str()))
        });
        let mut seen_ids = HashSet::with_capacity(sorted.len());
        let mut without_birth_date = sorted
            .iter()
            .filter(|a| a.profile == EntProfile::Eleve && a.birth_date.is_none());
        if let Some(first) = without_birth_date.next() {
            return Err(AccountMatchingError::PupilsWithoutBirthDate {
                count: 1 + without_birth_date.count(),
                first: first.ent_id.clone(),
            });
        }
        for account in &sorted {
            if !seen_ids.insert(account.ent_id.as_str()) {
                return Err(AccountMatchingError::DuplicateAccount(
                    account.ent_id.clone(),
                ));
            }
        }

        // Guardians come before pupils: their idents are known when a
        // pupil is written.
        let mut guardians_of: HashMap<&str, Vec<u32>> = HashMap::new();
        let mut file = AccountMatchingFile {
            partner_id: partner_id.to_owned(),
            date: date.trunc_subsecs(0),
            protocol: Some(DelegationProtocol::Cas),
            managed: matching_establishments.iter().map(|e| e.ident).collect(),
            establishments: matching_establishments,
            staff: Vec::new(),
            teachers: Vec::new(),
            guardians: Vec::new(),
            pupils: Vec::new(),
        };
        for (index, account) in sorted.iter().enumerate() {
            let population = Population::of(account.profile);
            let person_ident = ident(index)?;
            let mut person = MatchingPerson {
                ident: person_ident,
                ent_id: account.ent_id.clone(),
                last_name: account.last_name.clone(),
                first_name: account.first_name.clone(),
                birth_date: None,
                postal_code: account.postal_code.clone(),
                civility: None,
                sex: None,
                guardians: Vec::new(),
            };
            match population {
                Population::Staff => file.staff.push(person),
                Population::Teachers => {
                    person.birth_date = account.birth_date;
                    file.teachers.push(person);
                }
                Population::Guardians => {
                    for pupil in &account.pupil_ids {
                        guardians_of
                            .entry(pupil.as_str())
                            .or_default()
                            .push(person_ident);
                    }
                    person.civility = account.civility;
                    file.guardians.push(person);
                }
                Population::Pupils => {
                    person.birth_date = account.birth_date;
                    person.sex = account.sex;
                    if let Some(guardians) = guardians_of.get(account.ent_id.as_str()) {
                        person.guardians.clone_from(guardians);
                        person.guardians.dedup();
                    }
                    file.pupils.push(person);
                }
            }
        }
        Ok(file)
    }

    fn population(&self, population: Population) -> &[MatchingPerson] {
        match population {
            Population::Staff => &self.staff,
            Population::Teachers => &self.teachers,
            Population::Guardians => &self.guardians,
            Population::Pupils => &self.pupils,
        }
    }

    /// The XML, UTF-8, in the schema's element order, indented.
    pub fn write(&self) -> Vec<u8> {
        let size = 512
            + 200 * (self.staff.len() + self.teachers.len())
            + 200 * (self.guardians.len() + self.pupils.len());
        let mut writer = Writer::new_with_indent(Vec::with_capacity(size), b' ', 2);
        // Writing into a Vec cannot fail.
        let _ = self.write_to(&mut writer);
        let mut out = writer.into_inner();
        out.push(b'\n');
        out
    }

    fn write_to(&self, w: &mut Writer<Vec<u8>>) -> std::io::Result<()> {
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        let mut root = BytesStart::new("PARTENAIRE_INDEX");
        root.push_attribute(raw("xmlns", NAMESPACE.into()));
        root.push_attribute(raw(
            "Date",
            self.date.format("%Y-%m-%dT%H:%M:%SZ").to_string().into(),
        ));
        root.push_attribute(raw("Partenaire", escape_attribute(&self.partner_id)));
        if let Some(protocol) = self.protocol {
            root.push_attribute(raw(
                "ProtocoleDelegationAuthentification",
                protocol.as_str().into(),
            ));
        }
        w.write_event(Event::Start(root))?;

        if self.guardians.iter().any(|g| g.civility.is_some()) {
            open(w, "Nomenclatures")?;
            open(w, "Civilites")?;
            for civility in Civility::ALL {
                let mut element = BytesStart::new("Civilite");
                element.push_attribute(raw("Ident", civility_ident(civility).to_string().into()));
                element.push_attribute(raw("Libelle", civility.label().into()));
                w.write_event(Event::Empty(element))?;
            }
            close(w, "Civilites")?;
            close(w, "Nomenclatures")?;
        }

        open(w, "Etablissements")?;
        for establishment in &self.establishments {
            let mut element = BytesStart::new("Etablissement");
            element.push_attribute(raw("Ident", establishment.ident.to_string().into()));
            element.push_attribute(raw("Numero", establishment.uai.as_str().into()));
            element.push_attribute(raw("Nom", escape_attribute(&establishment.name)));
            // The schema's order: Adresse1…4, CodePostal, Ville.
            if let Some(postal_code) = &establishment.postal_code {
                element.push_attribute(raw("CodePostal", escape_attribute(postal_code)));
            }
            if let Some(town) = &establishment.town {
                element.push_attribute(raw("Ville", escape_attribute(town)));
            }
            w.write_event(Event::Empty(element))?;
        }
        close(w, "Etablissements")?;
        open(w, "EtablissementsGeres")?;
        for ident in &self.managed {
            let mut element = BytesStart::new("Etablissement");
            element.push_attribute(raw("Ident", ident.to_string().into()));
            w.write_event(Event::Empty(element))?;
        }
        close(w, "EtablissementsGeres")?;

        for population in [
            Population::Staff,
            Population::Teachers,
            Population::Guardians,
            Population::Pupils,
        ] {
            let persons = self.population(population);
            if persons.is_empty() {
                continue;
            }
            let (list, name) = population.elements();
            open(w, list)?;
            for person in persons {
                write_person(w, population, name, person)?;
            }
            close(w, list)?;
        }
        close(w, "PARTENAIRE_INDEX")
    }
}

fn ident(index: usize) -> Result<u32, AccountMatchingError> {
    u32::try_from(index + 1).map_err(|_| AccountMatchingError::TooManyAccounts)
}

/// An attribute whose value is already escaped.
fn raw<'a>(key: &'a str, value: Cow<'a, str>) -> Attribute<'a> {
    Attribute {
        key: QName(key),
        value,
    }
}

fn open(w: &mut Writer<Vec<u8>>, name: &str) -> std::io::Result<()> {
    w.write_event(Event::Start(BytesStart::new(name)))
}

fn close(w: &mut Writer<Vec<u8>>, name: &str) -> std::io::Result<()> {
    w.write_event(Event::End(BytesEnd::new(name)))
}

fn write_person(
    w: &mut Writer<Vec<u8>>,
    population: Population,
    name: &str,
    person: &MatchingPerson,
) -> std::io::Result<()> {
    let mut element = BytesStart::new(name);
    element.push_attribute(raw("Ident", person.ident.to_string().into()));
    element.push_attribute(raw("Nom", escape_attribute(&person.last_name)));
    element.push_attribute(raw("Prenom", escape_attribute(&person.first_name)));
    if matches!(population, Population::Teachers | Population::Pupils)
        && let Some(date) = person.birth_date
    {
        element.push_attribute(raw(
            "DateNaissance",
            date.format("%Y-%m-%d").to_string().into(),
        ));
    }
    if population == Population::Pupils
        && let Some(sex) = person.sex
    {
        let value = match sex {
            Sex::Male => "Masculin",
            Sex::Female => "Feminin",
        };
        element.push_attribute(raw("Sexe", value.into()));
    }
    element.push_attribute(raw("ID_Partenaire", escape_attribute(&person.ent_id)));
    if let Some(code) = &person.postal_code {
        element.push_attribute(raw("CodePostal", escape_attribute(code)));
    }
    let civility = person
        .civility
        .filter(|_| population == Population::Guardians);
    let guardians: &[u32] = if population == Population::Pupils {
        &person.guardians
    } else {
        &[]
    };
    if civility.is_none() && guardians.is_empty() {
        return w.write_event(Event::Empty(element));
    }
    w.write_event(Event::Start(element))?;
    if let Some(civility) = civility {
        let mut child = BytesStart::new("Civilite");
        child.push_attribute(raw("Ident", civility_ident(civility).to_string().into()));
        w.write_event(Event::Empty(child))?;
    }
    for guardian in guardians {
        let mut child = BytesStart::new("Responsable");
        child.push_attribute(raw("Ident", guardian.to_string().into()));
        w.write_event(Event::Empty(child))?;
    }
    close(w, name)
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::index_education::import_chiffre::{
        ContainerHeader, open_import_chiffre, seal_import_chiffre,
    };
    use crate::index_education::{OsRng, test_keys, xmllint};

    const SCHEMA: &str = "index-education/RapprochementSSO.xsd";

    fn uai(raw: &str) -> Uai {
        Uai::parse("uai", raw).unwrap()
    }

    fn account(ent_id: &str, profile: EntProfile) -> EntAccount {
        EntAccount {
            ent_id: ent_id.to_owned(),
            last_name: format!("NOM-{ent_id}"),
            first_name: format!("Prénom {ent_id}"),
            birth_date: None,
            profile,
            uais: vec![],
            postal_code: None,
            sex: None,
            civility: None,
            pupil_ids: vec![],
        }
    }

    /// A cité scolaire: a collège and a lycée, every population, a guardian
    /// of two pupils, awkward characters.
    fn directory() -> (Vec<DirectoryEstablishment>, Vec<EntAccount>) {
        let establishments = vec![
            DirectoryEstablishment {
                uai: uai("0410017W"),
                name: "Lycée Augustin Thierry".to_owned(),
                postal_code: Some("41000".to_owned()),
                town: Some("Blois".to_owned()),
            },
            DirectoryEstablishment {
                uai: uai("0410018X"),
                name: "Collège \"Les Provinces\" & annexe".to_owned(),
                postal_code: None,
                town: None,
            },
        ];
        let mut pupil_b = account("e-b", EntProfile::Eleve);
        pupil_b.birth_date = NaiveDate::from_ymd_opt(2009, 12, 31);
        pupil_b.sex = Some(Sex::Female);
        pupil_b.last_name = "D'ARTAGNAN <Aramis>".to_owned();
        let mut pupil_a = account("e-a", EntProfile::Eleve);
        pupil_a.birth_date = NaiveDate::from_ymd_opt(2011, 1, 2);
        pupil_a.sex = Some(Sex::Male);
        pupil_a.postal_code = Some("41000".to_owned());
        let mut mother = account("r-1", EntProfile::Responsable);
        mother.civility = Some(Civility::Madame);
        mother.pupil_ids = vec!["e-a".into(), "e-b".into(), "absent".into()];
        let mut father = account("r-2", EntProfile::Responsable);
        father.pupil_ids = vec!["e-a".into()];
        let mut teacher = account("t-1", EntProfile::Enseignant);
        teacher.birth_date = NaiveDate::from_ymd_opt(1980, 5, 6);
        let accounts = vec![
            pupil_b,
            father,
            teacher,
            account("s-2", EntProfile::MaitreDeStage),
            pupil_a,
            mother,
            account("t-2", EntProfile::Enseignant),
            account("s-1", EntProfile::Personnel),
            account("s-3", EntProfile::Inspecteur),
        ];
        (establishments, accounts)
    }

    fn date() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 9, 1, 8, 30, 0).unwrap() + chrono::Duration::milliseconds(123)
    }

    #[test]
    fn builds_every_population_in_order_with_links() {
        let (establishments, accounts) = directory();
        let file =
            AccountMatchingFile::from_directory(" PART-42 ", date(), &establishments, &accounts)
                .unwrap();
        assert_eq!(file.partner_id, "PART-42");
        assert_eq!(
            file.date,
            Utc.with_ymd_and_hms(2026, 9, 1, 8, 30, 0).unwrap()
        );
        assert_eq!(file.managed, vec![1, 2]);
        let ids = |persons: &[MatchingPerson]| -> Vec<(u32, String)> {
            persons
                .iter()
                .map(|p| (p.ident, p.ent_id.clone()))
                .collect()
        };
        let pairs = |v: &[(u32, &str)]| -> Vec<(u32, String)> {
            v.iter().map(|(i, s)| (*i, (*s).to_owned())).collect()
        };
        assert_eq!(
            ids(&file.staff),
            pairs(&[(1, "s-1"), (2, "s-2"), (3, "s-3")])
        );
        assert_eq!(ids(&file.teachers), pairs(&[(4, "t-1"), (5, "t-2")]));
        assert_eq!(ids(&file.guardians), pairs(&[(6, "r-1"), (7, "r-2")]));
        assert_eq!(ids(&file.pupils), pairs(&[(8, "e-a"), (9, "e-b")]));
        assert_eq!(file.pupils[0].guardians, vec![6, 7]);
        assert_eq!(file.pupils[1].guardians, vec![6]);
        assert_eq!(file.guardians[0].civility, Some(Civility::Madame));
    }

    #[test]
    fn writes_a_valid_deterministic_file_that_reads_back() {
        let (establishments, mut accounts) = directory();
        let file =
            AccountMatchingFile::from_directory("PART-42", date(), &establishments, &accounts)
                .unwrap();
        let xml = file.write();
        let text = String::from_utf8(xml.clone()).unwrap();
        assert!(text.starts_with(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<PARTENAIRE_INDEX \
             xmlns=\"http://www.index-education.com/rapprochementssoV2.0\" \
             Date=\"2026-09-01T08:30:00Z\" Partenaire=\"PART-42\" \
             ProtocoleDelegationAuthentification=\"CAS\">\n  <Nomenclatures>"
        ));
        assert!(text.contains("Nom=\"Collège &quot;Les Provinces&quot; &amp; annexe\"/>"));
        // The establishment's postal code and town, where Relais knows them.
        assert!(text.contains(
            "<Etablissement Ident=\"1\" Numero=\"0410017W\" Nom=\"Lycée Augustin Thierry\" \
             CodePostal=\"41000\" Ville=\"Blois\"/>"
        ));
        assert!(text.contains(
            "<Eleve Ident=\"9\" Nom=\"D'ARTAGNAN &lt;Aramis&gt;\" Prenom=\"Prénom e-b\" \
             DateNaissance=\"2009-12-31\" Sexe=\"Feminin\" ID_Partenaire=\"e-b\">"
        ));
        assert!(text.contains("<Responsable Ident=\"6\" Nom=\"NOM-r-1\" Prenom=\"Prénom r-1\" ID_Partenaire=\"r-1\">\n      <Civilite Ident=\"2\"/>"));
        xmllint(&xml, SCHEMA, true);
        assert_eq!(AccountMatchingFile::parse(&xml).unwrap(), file);

        // The order of the directory does not change the bytes.
        accounts.reverse();
        let again =
            AccountMatchingFile::from_directory("PART-42", date(), &establishments, &accounts)
                .unwrap();
        assert_eq!(again.write(), xml);
    }

    #[test]
    fn the_smallest_file_is_valid_and_a_broken_one_is_not() {
        let establishments = vec![DirectoryEstablishment {
            uai: uai("0410017W"),
            name: "L".to_owned(),
            postal_code: None,
            town: None,
        }];
        let file = AccountMatchingFile::from_directory("P", date(), &establishments, &[]).unwrap();
        let xml = file.write();
        xmllint(&xml, SCHEMA, true);
        assert_eq!(AccountMatchingFile::parse(&xml).unwrap(), file);

        // The schema really is checked: a pupil without birth date, an
        // unknown sex, a misplaced element are refused by xmllint.
        let (establishments, accounts) = directory();
        let text = String::from_utf8(
            AccountMatchingFile::from_directory("P", date(), &establishments, &accounts)
                .unwrap()
                .write(),
        )
        .unwrap();
        for broken in [
            text.replace(" DateNaissance=\"2009-12-31\"", ""),
            text.replace("Sexe=\"Feminin\"", "Sexe=\"F\""),
            text.replace(
                "<EtablissementsGeres>",
                "<Personnels/><EtablissementsGeres>",
            ),
            text.replace("Ident=\"9\"", "Ident=\"-9\""),
        ] {
            assert_ne!(broken, text);
            xmllint(broken.as_bytes(), SCHEMA, false);
        }
    }

    #[test]
    fn refuses_what_pronote_could_not_import() {
        let (establishments, accounts) = directory();
        let build =
            |partner: &str, establishments: &[DirectoryEstablishment], accounts: &[EntAccount]| {
                AccountMatchingFile::from_directory(partner, date(), establishments, accounts)
                    .unwrap_err()
            };
        assert_eq!(
            build(" ", &establishments, &accounts),
            AccountMatchingError::MissingPartnerId
        );
        assert_eq!(
            build("P", &[], &accounts),
            AccountMatchingError::NoEstablishment
        );
        let twice = vec![establishments[0].clone(), establishments[0].clone()];
        assert_eq!(
            build("P", &twice, &accounts).code(),
            "MATCHING_DUPLICATE_ESTABLISHMENT"
        );
        let mut duplicated = accounts.clone();
        duplicated.push(accounts[0].clone());
        assert_eq!(
            build("P", &establishments, &duplicated),
            AccountMatchingError::DuplicateAccount("e-b".into())
        );
        let mut undated = accounts.clone();
        for account in &mut undated {
            account.birth_date = None;
        }
        let err = build("P", &establishments, &undated);
        assert_eq!(
            err,
            AccountMatchingError::PupilsWithoutBirthDate {
                count: 2,
                first: "e-a".into()
            }
        );
        assert!(
            err.to_string()
                .starts_with("2 élève(s) sans date de naissance")
        );
    }

    #[test]
    fn a_sealed_file_opens_with_index_educations_key_to_the_source_accounts() {
        let (establishments, accounts) = directory();
        let file =
            AccountMatchingFile::from_directory("PART-42", date(), &establishments, &accounts)
                .unwrap();
        let (private_key, public_key) = test_keys::index_education();
        let header = ContainerHeader {
            partner_name: "Relais".into(),
            description: "Rapprochement".into(),
            export_date: date(),
            uai: "0410017W".into(),
        };
        let sealed = seal_import_chiffre(&file.write(), public_key, &header, &mut OsRng).unwrap();
        let opened = open_import_chiffre(&sealed, private_key).unwrap();
        let read = AccountMatchingFile::parse(&opened).unwrap();
        let mut persons: Vec<&MatchingPerson> = read
            .staff
            .iter()
            .chain(&read.teachers)
            .chain(&read.guardians)
            .chain(&read.pupils)
            .collect();
        persons.sort_by(|a, b| a.ent_id.cmp(&b.ent_id));
        let mut source: Vec<&EntAccount> = accounts.iter().collect();
        source.sort_by(|a, b| a.ent_id.cmp(&b.ent_id));
        assert_eq!(persons.len(), source.len());
        for (person, account) in persons.iter().zip(source) {
            assert_eq!(person.ent_id, account.ent_id);
            assert_eq!(person.last_name, account.last_name);
            assert_eq!(person.first_name, account.first_name);
            assert_eq!(person.postal_code, account.postal_code);
            if matches!(account.profile, EntProfile::Eleve | EntProfile::Enseignant) {
                assert_eq!(person.birth_date, account.birth_date);
            }
        }
        let uais: Vec<&Uai> = read.establishments.iter().map(|e| &e.uai).collect();
        assert_eq!(uais, vec![&establishments[0].uai, &establishments[1].uai]);
        assert_eq!(read.establishments[0].postal_code.as_deref(), Some("41000"));
        assert_eq!(read.establishments[0].town.as_deref(), Some("Blois"));
        assert_eq!(read.establishments[1].postal_code, None);
    }
}
