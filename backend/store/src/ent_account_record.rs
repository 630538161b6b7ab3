//! An ENT account of the directory as the store hands it out: its profile,
//! sex, civility and pupils read once, here, from what the import stored
//! (see `base_record.rs` for the rule).

use chrono::{DateTime, NaiveDate, Utc};
use relais_domain::directory::{Civility, EntProfile, Sex};
use relais_domain::{EstablishmentId, TenantId};
use uuid::Uuid;

use crate::entities::ent_account;
use crate::{Result, StoreError};

const TABLE: &str = "ent_accounts";

/// An ENT account as imported for one establishment (docs/domain.md §4,
/// file A): an account of several establishments has one in each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntAccount {
    pub id: Uuid,
    pub tenant_id: TenantId,
    pub establishment_id: EstablishmentId,
    /// The opaque ENT identifier (`ID_Partenaire` in file A).
    pub ent_id: String,
    pub last_name: String,
    pub first_name: String,
    pub birth_date: Option<NaiveDate>,
    pub profile: EntProfile,
    pub postal_code: Option<String>,
    pub sex: Option<Sex>,
    pub civility: Option<Civility>,
    /// For a guardian: the ENT identifiers of their pupils.
    pub pupil_ids: Vec<String>,
    pub updated_at: DateTime<Utc>,
}

/// The value of `all` whose stable name is `stored`.
fn named<T: Copy>(all: &[T], name: impl Fn(T) -> &'static str, stored: &str) -> Option<T> {
    all.iter().copied().find(|value| name(*value) == stored)
}

impl TryFrom<ent_account::Model> for EntAccount {
    type Error = StoreError;

    /// The import stores the stable names (`ELEVE`, `F`, `MME`): anything
    /// else is `Corrupt`, never a default nor a user's validation error.
    fn try_from(row: ent_account::Model) -> Result<Self> {
        let id = row.id;
        let corrupt =
            |column: &'static str, value: &str| StoreError::corrupt(TABLE, column, id, value);
        let profile = named(&EntProfile::ALL, EntProfile::as_str, &row.profile)
            .ok_or_else(|| corrupt("profile", &row.profile))?;
        let sex = row
            .sex
            .as_deref()
            .map(|stored| {
                named(&Sex::ALL, Sex::as_str, stored).ok_or_else(|| corrupt("sex", stored))
            })
            .transpose()?;
        let civility = row
            .civility
            .as_deref()
            .map(|stored| {
                named(&Civility::ALL, Civility::as_str, stored)
                    .ok_or_else(|| corrupt("civility", stored))
            })
            .transpose()?;
        // Written `|`-joined, and only when there is at least one.
        let pupil_ids = match row.pupil_ids.as_deref() {
            None => Vec::new(),
            Some(ids) if ids.split('|').any(str::is_empty) => {
                return Err(corrupt("pupil_ids", ids));
            }
            Some(ids) => ids.split('|').map(str::to_owned).collect(),
        };
        Ok(Self {
            id,
            tenant_id: TenantId::from(row.tenant_id),
            establishment_id: EstablishmentId::from(row.establishment_id),
            ent_id: row.ent_id,
            last_name: row.last_name,
            first_name: row.first_name,
            birth_date: row.birth_date,
            profile,
            postal_code: row.postal_code,
            sex,
            civility,
            pupil_ids,
            updated_at: row.updated_at,
        })
    }
}

/// Reads rows into records; the first that does not read fails the lot.
pub(crate) fn ent_accounts_of(rows: Vec<ent_account::Model>) -> Result<Vec<EntAccount>> {
    rows.into_iter().map(EntAccount::try_from).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::corruption;

    fn row() -> ent_account::Model {
        ent_account::Model {
            id: Uuid::now_v7(),
            tenant_id: Uuid::now_v7(),
            establishment_id: Uuid::now_v7(),
            ent_id: "P001".to_owned(),
            last_name: "MARTIN".to_owned(),
            first_name: "Claire".to_owned(),
            birth_date: None,
            profile: "RESPONSABLE".to_owned(),
            postal_code: Some("41000".to_owned()),
            sex: Some("F".to_owned()),
            civility: Some("MME".to_owned()),
            pupil_ids: Some("E001|E002".to_owned()),
            updated_at: Utc::now(),
        }
    }

    #[test]
    fn a_stored_guardian_reads_with_profile_civility_and_pupils() {
        let stored = row();
        let establishment = stored.establishment_id;
        let account = EntAccount::try_from(stored).unwrap();
        assert_eq!(account.profile, EntProfile::Responsable);
        assert_eq!(account.sex, Some(Sex::Female));
        assert_eq!(account.civility, Some(Civility::Madame));
        assert_eq!(account.pupil_ids, ["E001", "E002"]);
        assert_eq!(
            account.establishment_id,
            EstablishmentId::from(establishment)
        );
    }

    #[test]
    fn an_account_without_pupils_sex_or_civility_reads_with_none() {
        let mut stored = row();
        stored.profile = "MAITRE_DE_STAGE".to_owned();
        (stored.sex, stored.civility, stored.pupil_ids) = (None, None, None);
        let account = EntAccount::try_from(stored).unwrap();
        assert_eq!(account.profile, EntProfile::MaitreDeStage);
        assert_eq!((account.sex, account.civility), (None, None));
        assert!(account.pupil_ids.is_empty());
    }

    #[test]
    fn every_name_the_import_writes_reads_back() {
        for profile in EntProfile::ALL {
            let mut stored = row();
            stored.profile = profile.as_str().to_owned();
            assert_eq!(EntAccount::try_from(stored).unwrap().profile, profile);
        }
        for sex in Sex::ALL {
            let mut stored = row();
            stored.sex = Some(sex.as_str().to_owned());
            assert_eq!(EntAccount::try_from(stored).unwrap().sex, Some(sex));
        }
        for civility in Civility::ALL {
            let mut stored = row();
            stored.civility = Some(civility.as_str().to_owned());
            assert_eq!(
                EntAccount::try_from(stored).unwrap().civility,
                Some(civility)
            );
        }
    }

    #[test]
    fn a_value_no_version_wrote_is_corrupt_not_a_default() {
        type Spoil = fn(&mut ent_account::Model);
        let cases: [(Spoil, &str, &str); 6] = [
            (|r| r.profile = "DIRECTEUR".into(), "profile", "DIRECTEUR"),
            // A label the CSV reads, never what the import stores.
            (|r| r.profile = "Parent".into(), "profile", "Parent"),
            (|r| r.sex = Some("Masculin".into()), "sex", "Masculin"),
            (|r| r.civility = Some("M.".into()), "civility", "M."),
            (|r| r.pupil_ids = Some(String::new()), "pupil_ids", ""),
            (
                |r| r.pupil_ids = Some("E001||E002".into()),
                "pupil_ids",
                "E001||E002",
            ),
        ];
        for (spoil, column, value) in cases {
            let mut stored = row();
            spoil(&mut stored);
            let read = corruption(EntAccount::try_from(stored));
            assert_eq!(
                (read.table, read.column, read.value.as_str()),
                (TABLE, column, value)
            );
        }
    }
}
