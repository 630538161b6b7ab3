//! Roles and what each may see (docs/domain.md §1: the actors).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::DomainError;

/// What a user is allowed to do. A user has exactly one role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Role {
    /// Hosts the service: every tenant. Belongs to no tenant.
    PlatformAdmin,
    /// A regional ENT operator's administrator: the whole tenant.
    OperatorAdmin,
    /// Helpdesk agent: reads the whole tenant, works tickets.
    Helpdesk,
    /// A school's administrator: only the establishments granted to them.
    SchoolAdmin,
}

impl Role {
    pub const ALL: [Role; 4] = [
        Role::PlatformAdmin,
        Role::OperatorAdmin,
        Role::Helpdesk,
        Role::SchoolAdmin,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::PlatformAdmin => "PLATFORM_ADMIN",
            Role::OperatorAdmin => "OPERATOR_ADMIN",
            Role::Helpdesk => "HELPDESK",
            Role::SchoolAdmin => "SCHOOL_ADMIN",
        }
    }

    /// Whether users of this role belong to a tenant.
    pub fn belongs_to_tenant(self) -> bool {
        self != Role::PlatformAdmin
    }

    /// Whether the role sees every object of its tenant (not only granted
    /// establishments).
    pub fn sees_whole_tenant(self) -> bool {
        matches!(
            self,
            Role::PlatformAdmin | Role::OperatorAdmin | Role::Helpdesk
        )
    }

    /// Whether the role administers its tenant (users, settings, audit log).
    pub fn administers_tenant(self) -> bool {
        matches!(self, Role::PlatformAdmin | Role::OperatorAdmin)
    }

    /// Whether a user of this role may create a user of role `other`.
    pub fn may_create(self, other: Role) -> bool {
        match self {
            Role::PlatformAdmin => true,
            Role::OperatorAdmin => other != Role::PlatformAdmin,
            Role::Helpdesk | Role::SchoolAdmin => false,
        }
    }

    /// The French label shown in the console.
    pub fn label(self) -> &'static str {
        match self {
            Role::PlatformAdmin => "Administrateur de la plateforme",
            Role::OperatorAdmin => "Administrateur de l'opérateur ENT",
            Role::Helpdesk => "Assistance",
            Role::SchoolAdmin => "Administrateur d'établissement",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = DomainError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                DomainError::validation(
                    "role",
                    "Rôle inconnu : choisissez PLATFORM_ADMIN, OPERATOR_ADMIN, HELPDESK ou SCHOOL_ADMIN.",
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_through_their_names() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>().unwrap(), role);
        }
        assert!("ADMIN".parse::<Role>().is_err());
    }

    #[test]
    fn an_operator_cannot_create_a_platform_admin() {
        assert!(!Role::OperatorAdmin.may_create(Role::PlatformAdmin));
        assert!(Role::OperatorAdmin.may_create(Role::SchoolAdmin));
        assert!(!Role::Helpdesk.may_create(Role::SchoolAdmin));
    }
}
