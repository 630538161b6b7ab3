//! Who is acting. Every scoped repository is built from a `Caller`, and
//! the role rules the repositories apply are written here once
//! (`require_editor`, `require_tenant_administrator`): a repository or a
//! use case asks, it never compares roles itself.

use relais_domain::Role;
use uuid::Uuid;

use crate::{Result, StoreError};

/// The authenticated actor of a request, or the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    /// Empty when the command line acts (`relais admin …`).
    pub user_id: Option<Uuid>,
    pub email: Option<String>,
    pub role: Role,
    /// Empty only for platform administrators.
    pub tenant_id: Option<Uuid>,
}

impl Caller {
    /// The command line: acts as a platform administrator.
    pub fn command_line() -> Self {
        Self {
            user_id: None,
            email: None,
            role: Role::PlatformAdmin,
            tenant_id: None,
        }
    }

    /// Changes what it sees: everyone but the helpdesk, which only reads
    /// (issue 17). Which objects it sees is the repositories' filter.
    pub fn require_editor(&self) -> Result<()> {
        if self.role == Role::Helpdesk {
            Err(StoreError::Forbidden)
        } else {
            Ok(())
        }
    }

    /// Administers its tenant (or, for a platform administrator, every
    /// tenant): bases, establishments, models, bulk changes.
    pub fn require_tenant_administrator(&self) -> Result<()> {
        if self.role.administers_tenant() {
            Ok(())
        } else {
            Err(StoreError::Forbidden)
        }
    }

    /// `None` when the caller sees every tenant; otherwise the only tenant it
    /// sees. A non-platform caller without a tenant sees nothing.
    pub(crate) fn tenant_filter(&self) -> TenantFilter {
        match (self.role, self.tenant_id) {
            (Role::PlatformAdmin, _) => TenantFilter::All,
            (_, Some(id)) => TenantFilter::Only(id),
            (_, None) => TenantFilter::Nothing,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TenantFilter {
    All,
    Only(Uuid),
    Nothing,
}

impl TenantFilter {
    pub(crate) fn admits(self, tenant_id: Option<Uuid>) -> bool {
        match self {
            TenantFilter::All => true,
            TenantFilter::Only(id) => tenant_id == Some(id),
            TenantFilter::Nothing => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn as_role(role: Role) -> Caller {
        Caller {
            user_id: Some(Uuid::nil()),
            email: None,
            role,
            tenant_id: Some(Uuid::nil()),
        }
    }

    #[test]
    fn the_helpdesk_reads_and_only_administrators_administer() {
        let editors: Vec<Role> = [
            Role::PlatformAdmin,
            Role::OperatorAdmin,
            Role::Helpdesk,
            Role::SchoolAdmin,
        ]
        .into_iter()
        .filter(|role| as_role(*role).require_editor().is_ok())
        .collect();
        assert_eq!(
            editors,
            [Role::PlatformAdmin, Role::OperatorAdmin, Role::SchoolAdmin]
        );
        let administrators: Vec<Role> = [
            Role::PlatformAdmin,
            Role::OperatorAdmin,
            Role::Helpdesk,
            Role::SchoolAdmin,
        ]
        .into_iter()
        .filter(|role| as_role(*role).require_tenant_administrator().is_ok())
        .collect();
        assert_eq!(administrators, [Role::PlatformAdmin, Role::OperatorAdmin]);
    }
}
