//! Identifiers of the domain's records, one type each, so that a tenant's id
//! cannot be handed where a base's is expected. They wrap the UUIDs the
//! store keys its rows with; the conversion from a bare UUID happens where
//! one arrives (a GraphQL `ID` argument, a stored foreign key).

use std::fmt;

use uuid::Uuid;

macro_rules! record_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(Uuid);

        impl $name {
            /// The UUID the store keys the row with.
            pub fn uuid(self) -> Uuid {
                self.0
            }
        }

        impl From<Uuid> for $name {
            fn from(id: Uuid) -> Self {
                Self(id)
            }
        }

        impl From<$name> for Uuid {
            fn from(id: $name) -> Self {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

record_id!(
    /// A tenant: one regional ENT operator (docs/domain.md §1).
    TenantId
);
record_id!(
    /// A PRONOTE base (docs/domain.md §1).
    BaseId
);
record_id!(
    /// An establishment of a tenant (docs/domain.md §1).
    EstablishmentId
);
record_id!(
    /// A person who logs in to Relais (docs/domain.md §1).
    UserId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_prints_and_converts_back_to_its_uuid() {
        let uuid = Uuid::parse_str("0192b7a4-0000-7000-8000-000000000001").unwrap();
        let base = BaseId::from(uuid);
        assert_eq!(base.to_string(), uuid.to_string());
        assert_eq!(Uuid::from(base), uuid);
        assert_eq!(base.uuid(), uuid);
        assert_ne!(TenantId::from(Uuid::nil()).uuid(), base.uuid());
    }
}
