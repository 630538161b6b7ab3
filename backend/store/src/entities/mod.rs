//! sea-orm entities: one file per table. Plain rows; rules live in the
//! repositories and in `relais-domain`.

pub mod account_link;
pub mod audit_event;
pub mod base_diagnostics;
pub mod base_member;
pub mod base_model;
pub mod cas_check;
pub mod cas_registry_entry;
pub mod cas_registry_tenant;
pub mod catalog_version;
pub mod ent_account;
pub mod ent_model;
pub mod establishment;
pub mod exchange_settings;
pub mod job_lease;
pub mod matching_run;
pub mod matching_step;
pub mod model_revision;
pub mod model_source;
pub mod model_test_account;
pub mod model_validation;
pub mod outbox_message;
pub mod password_reset;
pub mod pending_model_update;
pub mod pronote_base;
pub mod pronote_user;
pub mod refresh_token;
pub mod school_admin_grant;
pub mod stored_file;
pub mod tenant;
pub mod tenant_default_model;
pub mod tenant_key;
pub mod tenant_model_schema;
pub mod ticket;
pub mod ticket_event;
pub mod user;
