//! The account-matching engine (rapprochement, BRIEF §5): pure functions,
//! no I/O, deterministic. This first part normalises what the two sides
//! write differently; the exact pass, blocking and scoring come with issue 7.

pub mod normalise;
