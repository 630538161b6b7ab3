//! An establishment as the store hands it out: every column read once into
//! the domain's types, here (see `base_record.rs` for the rule). A row that
//! does not read is a [`StoreError::Corrupt`] naming its column.

use chrono::{DateTime, Utc};
use relais_domain::{
    Academy, Commune, EstablishmentId, EstablishmentKind, EstablishmentName, EstablishmentStatus,
    PostalCode, TenantId, Uai,
};

use crate::entities::establishment;
use crate::establishments::EstablishmentFields;
use crate::{Result, StoreError};

const TABLE: &str = "establishments";

/// An establishment of a tenant (docs/domain.md §1), identified by its UAI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Establishment {
    pub id: EstablishmentId,
    pub tenant_id: TenantId,
    pub uai: Uai,
    /// The UAI's check letter is wrong, and an operator confirmed the code.
    pub uai_checksum_acknowledged: bool,
    pub fields: EstablishmentFields,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Establishment {
    pub fn is_closed(&self) -> bool {
        self.fields.status == EstablishmentStatus::Closed
    }

    /// « 0410017W — Lycée Augustin Thierry ».
    pub fn uai_and_name(&self) -> String {
        format!("{} — {}", self.uai, self.fields.name)
    }
}

impl TryFrom<establishment::Model> for Establishment {
    type Error = StoreError;

    fn try_from(row: establishment::Model) -> Result<Self> {
        let id = row.id;
        let corrupt =
            |column: &'static str, value: &str| StoreError::corrupt(TABLE, column, id, value);
        let fields = EstablishmentFields {
            name: EstablishmentName::parse("name", &row.name)
                .map_err(|_| corrupt("name", &row.name))?,
            kind: EstablishmentKind::parse("kind", &row.kind)
                .map_err(|_| corrupt("kind", &row.kind))?,
            commune: row
                .commune
                .as_deref()
                .map(|c| Commune::parse("commune", c).map_err(|_| corrupt("commune", c)))
                .transpose()?,
            postal_code: row
                .postal_code
                .as_deref()
                .map(|c| PostalCode::parse("postalCode", c).map_err(|_| corrupt("postal_code", c)))
                .transpose()?,
            academy: row
                .academy
                .as_deref()
                .map(|a| Academy::parse("academy", a).map_err(|_| corrupt("academy", a)))
                .transpose()?,
            status: EstablishmentStatus::parse("status", &row.status)
                .map_err(|_| corrupt("status", &row.status))?,
        };
        Ok(Self {
            id: EstablishmentId::from(id),
            tenant_id: TenantId::from(row.tenant_id),
            // Only the shape is read: a code confirmed with its official
            // check letter is stored as it is (docs/domain.md §1).
            uai: Uai::parse_acknowledging_checksum("uai", &row.uai)
                .map_err(|_| corrupt("uai", &row.uai))?,
            uai_checksum_acknowledged: row.uai_checksum_acknowledged,
            fields,
            created_at: row.created_at,
            updated_at: row.updated_at,
        })
    }
}

/// Reads rows into records; the first that does not read fails the lot.
pub(crate) fn establishments_of(rows: Vec<establishment::Model>) -> Result<Vec<Establishment>> {
    rows.into_iter().map(Establishment::try_from).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::corruption;
    use uuid::Uuid;

    fn row() -> establishment::Model {
        establishment::Model {
            id: Uuid::now_v7(),
            tenant_id: Uuid::now_v7(),
            uai: "0410017W".to_owned(),
            uai_checksum_acknowledged: false,
            name: "Lycée Augustin Thierry".to_owned(),
            name_search: "lycee augustin thierry".to_owned(),
            kind: EstablishmentKind::Lycee.as_str().to_owned(),
            commune: Some("Blois".to_owned()),
            postal_code: Some("41000".to_owned()),
            academy: Some("Orléans-Tours".to_owned()),
            status: EstablishmentStatus::Closed.as_str().to_owned(),
            created_at: Utc::now(),
            updated_at: Utc::now(),
        }
    }

    #[test]
    fn a_stored_establishment_reads_into_the_domain_types() {
        let stored = row();
        let read = Establishment::try_from(stored.clone()).unwrap();
        assert_eq!(read.id.uuid(), stored.id);
        assert_eq!(read.tenant_id.uuid(), stored.tenant_id);
        assert_eq!(read.uai.as_str(), "0410017W");
        assert_eq!(read.fields.kind, EstablishmentKind::Lycee);
        assert_eq!(
            read.fields.commune.as_ref().map(Commune::as_str),
            Some("Blois")
        );
        assert_eq!(
            read.fields.postal_code.as_ref().map(PostalCode::as_str),
            Some("41000")
        );
        assert!(read.is_closed());
        assert_eq!(read.uai_and_name(), "0410017W — Lycée Augustin Thierry");
    }

    /// A stored value replaced by one no version of Relais writes.
    type Spoil = fn(&mut establishment::Model);

    #[test]
    fn a_value_no_version_wrote_is_a_corruption_naming_its_column_never_a_default() {
        let cases: [(&str, Spoil); 5] = [
            ("kind", |r| r.kind = "UNIVERSITE".to_owned()),
            ("status", |r| r.status = "OUVERT".to_owned()),
            ("uai", |r| r.uai = "41-0017".to_owned()),
            ("name", |r| r.name = "  ".to_owned()),
            ("postal_code", |r| r.postal_code = Some("4100".to_owned())),
        ];
        for (column, spoil) in cases {
            let mut stored = row();
            spoil(&mut stored);
            let read = corruption(Establishment::try_from(stored.clone()));
            assert_eq!(
                (read.table, read.column, read.id),
                ("establishments", column, stored.id.to_string())
            );
        }
    }
}
