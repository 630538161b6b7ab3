//! sea-orm entities: one file per table. Plain rows; rules live in the
//! repositories and in `relais-domain`.

pub mod audit_event;
pub mod base_member;
pub mod establishment;
pub mod pronote_base;
pub mod refresh_token;
pub mod school_admin_grant;
pub mod tenant;
pub mod user;
