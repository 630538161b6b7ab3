//! Wire formats (establishment directory CSV, the models feed XML, the
//! Index-Education containers). No I/O: bytes in, values out.

pub mod establishments_csv;
pub mod models_feed;
