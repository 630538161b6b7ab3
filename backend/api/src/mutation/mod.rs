//! Mutation roots, one file per domain object. Every mutation validates its
//! input before writing and writes an audit entry in the same transaction.

mod auth;
mod base;
mod cas_check;
mod directory;
mod establishment;
mod exchange;
mod matching;
mod model;
mod tenant;
mod ticket;
mod user;

use async_graphql::MergedObject;

#[derive(MergedObject, Default)]
pub struct Mutation(
    auth::AuthMutation,
    tenant::TenantMutation,
    user::UserMutation,
    establishment::EstablishmentMutation,
    base::BaseMutation,
    model::ModelMutation,
    directory::DirectoryMutation,
    exchange::ExchangeMutation,
    matching::MatchingMutation,
    ticket::TicketMutation,
    cas_check::CasCheckMutation,
);
