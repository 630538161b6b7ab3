//! Who is acting. Every scoped repository is built from a `Caller`.

use relais_domain::Role;
use uuid::Uuid;

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
