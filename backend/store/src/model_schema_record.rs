//! A tenant's copy of Index-Education's schema of models as the store hands
//! it out (see `base_record.rs` for the rule).

use chrono::{DateTime, Utc};
use relais_domain::TenantId;
use uuid::Uuid;

use crate::StoreError;
use crate::entities::tenant_model_schema;

const TABLE: &str = "tenant_model_schemas";

/// Index-Education's `ModelesConfiguration_CAS.xsd` as an operator uploaded
/// it (issue 14): one per tenant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelSchema {
    pub tenant_id: TenantId,
    pub file_name: String,
    /// The XSD itself (not public: never shown).
    pub content: String,
    /// SHA-256 of `content`, hexadecimal.
    pub sha256: String,
    /// Empty when the command line uploaded it.
    pub uploaded_by: Option<Uuid>,
    pub uploaded_at: DateTime<Utc>,
}

impl TryFrom<tenant_model_schema::Model> for ModelSchema {
    type Error = StoreError;

    /// A digest that is not 64 lower-case hexadecimal digits (what the
    /// upload writes) is `Corrupt`: the console shows it for comparison.
    fn try_from(row: tenant_model_schema::Model) -> Result<Self, StoreError> {
        let is_digest = row.sha256.len() == 64
            && row
                .sha256
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        if !is_digest {
            return Err(StoreError::corrupt(
                TABLE,
                "sha256",
                row.tenant_id,
                &row.sha256,
            ));
        }
        Ok(Self {
            tenant_id: TenantId::from(row.tenant_id),
            file_name: row.file_name,
            content: row.content,
            sha256: row.sha256,
            uploaded_by: row.uploaded_by,
            uploaded_at: row.uploaded_at,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::corruption;

    fn row(sha256: &str) -> tenant_model_schema::Model {
        tenant_model_schema::Model {
            tenant_id: Uuid::now_v7(),
            file_name: "ModelesConfiguration_CAS.xsd".to_owned(),
            content: "<xs:schema/>".to_owned(),
            sha256: sha256.to_owned(),
            uploaded_by: None,
            uploaded_at: Utc::now(),
        }
    }

    #[test]
    fn a_stored_schema_reads_with_its_tenant() {
        let stored = row(&"0a".repeat(32));
        let tenant = stored.tenant_id;
        let schema = ModelSchema::try_from(stored).unwrap();
        assert_eq!(schema.tenant_id, TenantId::from(tenant));
        assert_eq!(schema.file_name, "ModelesConfiguration_CAS.xsd");
        assert_eq!(schema.sha256, "0a".repeat(32));
    }

    #[test]
    fn a_digest_the_upload_never_wrote_is_corrupt() {
        for digest in [
            String::new(),
            "0A".repeat(32),
            "0a".repeat(31),
            "zz".repeat(32),
        ] {
            let read = corruption(ModelSchema::try_from(row(&digest)));
            assert_eq!(
                (read.table, read.column, read.value),
                (TABLE, "sha256", digest)
            );
        }
    }
}
