//! sea-orm entities: one file per table. Plain rows; rules live in the
//! repositories and in `relais-domain`.

pub mod audit_event;
pub mod base_member;
pub mod base_model;
pub mod catalog_version;
pub mod ent_model;
pub mod establishment;
pub mod job_lease;
pub mod model_revision;
pub mod model_source;
pub mod pending_model_update;
pub mod pronote_base;
pub mod refresh_token;
pub mod school_admin_grant;
pub mod tenant;
pub mod user;
