//! A PRONOTE base as the store hands it out: every column read once into
//! the domain's types, here, so that no caller parses a stored string again.
//! A row that does not read is a [`StoreError::Corrupt`] naming the table,
//! the column and the row — never a default, never a user's validation
//! error.

use chrono::{DateTime, Utc};
use relais_domain::delegation::DelegationSettings;
use relais_domain::web_url::WebUrl;
use relais_domain::{
    BaseId, Hosting, PronoteVersion, Publication, SchoolYear, ServerAddress, TenantId, Uai,
};

use crate::bases::BaseFields;
use crate::entities::pronote_base;
use crate::{Result, StoreError};

const TABLE: &str = "pronote_bases";

/// A PRONOTE base (docs/domain.md §1): its own values, its publication and
/// its delegation settings (§2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Base {
    pub id: BaseId,
    pub tenant_id: TenantId,
    /// The UAI exports are keyed by: the main establishment's.
    pub group_uai: Uai,
    pub fields: BaseFields,
    pub publication: Publication,
    pub settings: DelegationSettings,
    /// Optimistic concurrency: bumped by every write.
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Base {
    /// Whether the ENT's users reach the base through the delegation now.
    pub fn is_published(&self) -> bool {
        self.publication == Publication::Published
    }
}

impl TryFrom<pronote_base::Model> for Base {
    type Error = StoreError;

    fn try_from(row: pronote_base::Model) -> Result<Self> {
        let id = row.id;
        let corrupt =
            |column: &'static str, value: &str| StoreError::corrupt(TABLE, column, id, value);
        let settings = serde_json::from_str(&row.settings)
            .map_err(|e| corrupt("settings", &format!("JSON illisible ({e})")))?;
        let fields = BaseFields {
            hosting: Hosting::parse("hosting", &row.hosting)
                .map_err(|_| corrupt("hosting", &row.hosting))?,
            pronote_version: row
                .pronote_version
                .map(|year| {
                    PronoteVersion::parse("pronoteVersion", year)
                        .map_err(|_| corrupt("pronote_version", &year.to_string()))
                })
                .transpose()?,
            school_year: SchoolYear::parse("schoolYear", &row.school_year)
                .map_err(|_| corrupt("school_year", &row.school_year))?,
            public_url: row
                .public_url
                .as_deref()
                .map(|url| WebUrl::parse("publicUrl", url).map_err(|_| corrupt("public_url", url)))
                .transpose()?,
            server_address: row
                .server_address
                .as_deref()
                .map(|address| {
                    ServerAddress::parse("serverAddress", address)
                        .map_err(|_| corrupt("server_address", address))
                })
                .transpose()?,
            ent_credentials_distributed: row.ent_credentials_distributed,
        };
        Ok(Self {
            id: BaseId::from(id),
            tenant_id: TenantId::from(row.tenant_id),
            // A code an operator confirmed with its official check letter
            // is stored as it is (docs/domain.md §1): only its shape is read.
            group_uai: Uai::parse_acknowledging_checksum("groupUai", &row.group_uai)
                .map_err(|_| corrupt("group_uai", &row.group_uai))?,
            publication: Publication::parse("publication", &row.publication)
                .map_err(|_| corrupt("publication", &row.publication))?,
            settings,
            fields,
            version: row.version,
            created_at: row.created_at,
            updated_at: row.updated_at,
        })
    }
}

/// Reads rows into records; the first that does not read fails the lot.
pub(crate) fn bases_of(rows: Vec<pronote_base::Model>) -> Result<Vec<Base>> {
    rows.into_iter().map(Base::try_from).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::corruption;
    use chrono::Utc;
    use uuid::Uuid;

    fn row() -> pronote_base::Model {
        pronote_base::Model {
            id: Uuid::now_v7(),
            tenant_id: Uuid::now_v7(),
            group_uai: "0410017W".to_owned(),
            hosting: Hosting::Hosted.as_str().to_owned(),
            pronote_version: Some(2026),
            school_year: "2026-2027".to_owned(),
            public_url: Some("https://0410017w.index-education.net/pronote".to_owned()),
            server_address: None,
            publication: Publication::Published.as_str().to_owned(),
            ent_credentials_distributed: true,
            settings: serde_json::to_string(&DelegationSettings::initial()).unwrap(),
            version: 3,
            created_at: Utc::now(),
            updated_at: Utc::now(),
        }
    }

    #[test]
    fn a_stored_base_reads_into_the_domain_types() {
        let stored = row();
        let base = Base::try_from(stored.clone()).unwrap();
        assert_eq!(base.id.uuid(), stored.id);
        assert_eq!(base.tenant_id.uuid(), stored.tenant_id);
        assert_eq!(base.group_uai.as_str(), "0410017W");
        assert_eq!(base.fields.hosting, Hosting::Hosted);
        assert_eq!(
            base.fields.pronote_version.map(PronoteVersion::year),
            Some(2026)
        );
        assert_eq!(base.fields.school_year.to_string(), "2026-2027");
        assert_eq!(
            base.fields.public_url.as_ref().map(WebUrl::as_str),
            stored.public_url.as_deref()
        );
        assert!(base.is_published());
        assert_eq!(base.settings, DelegationSettings::initial());
        assert_eq!(base.version, 3);
    }

    /// A stored value replaced by one no version of Relais writes.
    type Spoil = fn(&mut pronote_base::Model);

    #[test]
    fn a_value_no_version_wrote_is_a_corruption_naming_its_column_never_a_default() {
        let cases: [(&str, Spoil); 6] = [
            ("hosting", |r| r.hosting = "CHEZ_NOUS".to_owned()),
            ("publication", |r| r.publication = String::new()),
            ("school_year", |r| r.school_year = "2026".to_owned()),
            ("settings", |r| r.settings = "{\"casUrls\":".to_owned()),
            ("group_uai", |r| r.group_uai = "ABC".to_owned()),
            ("public_url", |r| r.public_url = Some("ftp://x".to_owned())),
        ];
        for (column, spoil) in cases {
            let mut stored = row();
            spoil(&mut stored);
            let read = corruption(Base::try_from(stored.clone()));
            assert_eq!(
                (read.table, read.column, read.id),
                ("pronote_bases", column, stored.id.to_string())
            );
        }
    }

    #[test]
    fn a_code_confirmed_with_its_official_letter_still_reads() {
        // 0410017W is right; 0410017A is a wrong check letter an operator
        // may have confirmed (docs/domain.md §1).
        let mut stored = row();
        stored.group_uai = "0410017A".to_owned();
        assert_eq!(
            Base::try_from(stored).unwrap().group_uai.as_str(),
            "0410017A"
        );
    }
}
