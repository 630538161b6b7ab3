//! Mutation roots, one file per domain object. Every mutation validates its
//! input before writing and writes an audit entry in the same transaction.

mod auth;
mod base;
mod cas_check;
mod cas_registry;
mod directory;
mod establishment;
mod exchange;
mod matching;
mod model;
mod model_bulk;
mod outbox;
mod tenant;
mod ticket;
mod user;

use async_graphql::MergedObject;

// Every mutation. Merged as a tree of two groups rather than one long
// list: the compiler computes the layout of the merged resolvers
// recursively, and a list this long overflows its default depth in release
// builds.
#[derive(MergedObject, Default)]
pub struct Mutation(AdministrationMutation, ExchangeMutations);

// Sessions, tenants, users, establishments, bases, models.
#[derive(MergedObject, Default)]
pub struct AdministrationMutation(
    auth::AuthMutation,
    tenant::TenantMutation,
    user::UserMutation,
    establishment::EstablishmentMutation,
    base::BaseMutation,
    model::ModelMutation,
    model_bulk::ModelBulkMutation,
);

// Directory, exchanged files, matching, tickets, CAS checks.
#[derive(MergedObject, Default)]
pub struct ExchangeMutations(
    directory::DirectoryMutation,
    exchange::ExchangeMutation,
    matching::MatchingMutation,
    ticket::TicketMutation,
    cas_check::CasCheckMutation,
    cas_registry::CasRegistryMutation,
    outbox::OutboxMutation,
);
