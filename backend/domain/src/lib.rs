//! Pure types and rules of Relais: no I/O, no framework.
//!
//! Values are parsed once at the edge (`Email::parse`, `TenantSlug::parse`,
//! `Uai::parse`…) and trusted everywhere after that.

mod base;
mod error;
mod establishment;
mod identity;
mod ids;
mod role;
mod text;
mod uai;

pub mod cas_check;
pub mod delegation;
pub mod directory;
pub mod events;
pub mod export_scope;
pub mod formatting;
pub mod helpdesk;
pub mod model_apply;
pub mod models;
pub mod web_url;

pub use base::{Hosting, PronoteVersion, Publication, SchoolYear, ServerAddress};
pub use error::{DomainError, Result};
pub use establishment::{EstablishmentKind, EstablishmentStatus, PostalCode};
pub use identity::{Email, Password, TenantSlug};
pub use ids::{BaseId, EstablishmentId, TenantId, UserId};
pub use role::Role;
pub use text::{
    Academy, Commune, DisplayName, EstablishmentName, TenantName, control_character,
    describe_control, fold_for_search, refuse_control,
};
pub use uai::Uai;
