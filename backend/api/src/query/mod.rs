//! Query roots, one file per domain object.

mod audit;
mod base;
pub(crate) mod cas_registry;
mod dashboard;
mod establishment;
mod exchange;
mod matching;
mod me;
mod model;
mod model_history;
mod model_updates;
pub(crate) mod outbox;
mod tenant;
mod ticket;
mod ticket_queue;
mod user;

use async_graphql::MergedObject;

// Every query, merged as a tree of groups (see `Mutation`).
#[derive(MergedObject, Default)]
pub struct Query(AdministrationQuery, OperationsQuery);

// The caller, tenants, users, establishments, bases, models, dashboard.
#[derive(MergedObject, Default)]
pub struct AdministrationQuery(
    me::MeQuery,
    tenant::TenantQuery,
    user::UserQuery,
    establishment::EstablishmentQuery,
    base::BaseQuery,
    dashboard::DashboardQuery,
    model::ModelQuery,
);

// Drift, exchanged files, matching, tickets, outbox, audit.
#[derive(MergedObject, Default)]
pub struct OperationsQuery(
    model::DriftQuery,
    model_history::ModelHistoryQuery,
    model_updates::ModelUpdatesQuery,
    exchange::ExchangeQuery,
    matching::MatchingQuery,
    ticket::TicketQuery,
    ticket_queue::TicketQueueQuery,
    outbox::OutboxQuery,
    audit::AuditQuery,
    cas_registry::CasRegistryQuery,
);
