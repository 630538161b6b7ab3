//! Query roots, one file per domain object.

mod audit;
mod base;
mod dashboard;
mod establishment;
mod me;
mod model;
mod tenant;
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
    audit::AuditQuery,
);
