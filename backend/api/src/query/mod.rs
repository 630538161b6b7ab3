//! Query roots, one file per domain object.

mod audit;
mod base;
mod dashboard;
mod establishment;
mod exchange;
mod matching;
mod me;
mod model;
mod outbox;
mod tenant;
mod ticket;
mod user;

use async_graphql::MergedObject;

#[derive(MergedObject, Default)]
pub struct Query(
    me::MeQuery,
    tenant::TenantQuery,
    user::UserQuery,
    establishment::EstablishmentQuery,
    base::BaseQuery,
    dashboard::DashboardQuery,
    model::ModelQuery,
    model::DriftQuery,
    exchange::ExchangeQuery,
    matching::MatchingQuery,
    ticket::TicketQuery,
    outbox::OutboxQuery,
    audit::AuditQuery,
);
