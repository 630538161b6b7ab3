//! Wire formats (establishment directory CSV, ENT accounts CSV, the models
//! feed XML, the Index-Education files and containers). No I/O: bytes in,
//! values out.

pub mod cas;
pub mod cas_registry;
mod csv_text;
pub mod ent_accounts_csv;
pub mod establishments_csv;
pub mod index_education;
pub mod models_feed;
pub mod pronote_identifiers_csv;
