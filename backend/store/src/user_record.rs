//! A user as the store hands it out: its role and address read once into
//! the domain's types (see `base_record.rs` for the rule). A role no
//! version of Relais wrote is a corruption, never a default role.

use chrono::{DateTime, Utc};
use relais_domain::{Email, Role, TenantId, UserId};

use crate::entities::user;
use crate::{Result, StoreError};

const TABLE: &str = "users";

/// A person who logs in (docs/domain.md §1). `tenant_id` is empty only
/// for platform administrators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: UserId,
    pub tenant_id: Option<TenantId>,
    pub email: Email,
    pub display_name: String,
    pub role: Role,
    /// argon2id PHC string.
    pub password_hash: String,
    pub disabled: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub last_login_at: Option<DateTime<Utc>>,
    /// Bumped when the account is disabled or its password changes: access
    /// tokens of an older generation are refused (issue 13, item 10).
    pub session_generation: i64,
}

impl TryFrom<user::Model> for User {
    type Error = StoreError;

    fn try_from(row: user::Model) -> Result<Self> {
        let id = row.id;
        let corrupt =
            |column: &'static str, value: &str| StoreError::corrupt(TABLE, column, id, value);
        // Exactly the name Relais writes (`Role::as_str`).
        let role = Role::ALL
            .into_iter()
            .find(|role| role.as_str() == row.role)
            .ok_or_else(|| corrupt("role", &row.role))?;
        Ok(Self {
            id: UserId::from(id),
            tenant_id: row.tenant_id.map(TenantId::from),
            email: Email::parse("email", &row.email).map_err(|_| corrupt("email", &row.email))?,
            display_name: row.display_name,
            role,
            password_hash: row.password_hash,
            disabled: row.disabled,
            created_at: row.created_at,
            updated_at: row.updated_at,
            last_login_at: row.last_login_at,
            session_generation: row.session_generation,
        })
    }
}

/// Reads rows into records; the first that does not read fails the lot.
pub(crate) fn users_of(rows: Vec<user::Model>) -> Result<Vec<User>> {
    rows.into_iter().map(User::try_from).collect()
}

/// Reads a row that may be absent.
pub(crate) fn user_of(row: Option<user::Model>) -> Result<Option<User>> {
    row.map(User::try_from).transpose()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::corruption;
    use uuid::Uuid;

    fn row(role: &str) -> user::Model {
        user::Model {
            id: Uuid::now_v7(),
            tenant_id: Some(Uuid::now_v7()),
            email: "jeanne.dupont@college.test".to_owned(),
            display_name: "Jeanne Dupont".to_owned(),
            role: role.to_owned(),
            password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".to_owned(),
            disabled: false,
            created_at: Utc::now(),
            updated_at: Utc::now(),
            last_login_at: None,
            session_generation: 3,
        }
    }

    fn corrupt_column(row: user::Model) -> (&'static str, &'static str, String) {
        let read = corruption(User::try_from(row));
        (read.table, read.column, read.value)
    }

    #[test]
    fn a_stored_user_reads_with_its_role_and_tenant() {
        let stored = row("SCHOOL_ADMIN");
        let user = User::try_from(stored.clone()).unwrap();
        assert_eq!(user.id.uuid(), stored.id);
        assert_eq!(user.tenant_id.map(TenantId::uuid), stored.tenant_id);
        assert_eq!(user.role, Role::SchoolAdmin);
        assert_eq!(user.email.as_str(), "jeanne.dupont@college.test");
        assert_eq!(user.session_generation, 3);
        for role in Role::ALL {
            assert_eq!(User::try_from(row(role.as_str())).unwrap().role, role);
        }
    }

    #[test]
    fn a_role_no_version_wrote_is_a_corruption_not_a_default_role() {
        for spoiled in ["DIRECTEUR", "school_admin", " HELPDESK", ""] {
            assert_eq!(
                corrupt_column(row(spoiled)),
                (TABLE, "role", spoiled.to_owned()),
            );
        }
    }

    #[test]
    fn an_unreadable_address_is_a_corruption_naming_it() {
        let mut spoiled = row("HELPDESK");
        spoiled.email = "jeanne.dupont".to_owned();
        assert_eq!(
            corrupt_column(spoiled),
            (TABLE, "email", "jeanne.dupont".to_owned())
        );
    }
}
