//! The attack suite (issue 13): each attack is a test on both databases that
//! asserts how Relais answers and prints one line — what was sent, the
//! answer, the time and the memory growth — on standard error, past the
//! test harness's capture (`ATTACK …` lines in `make test`'s output).

mod locked_import;
mod probe;

mod accounts;
mod body_limits;
mod cost_floods;
mod document_guard;
mod input;
mod mail_relay;
mod production_profile;
mod ssrf;
mod time_limits;
mod uai_lookup;
mod write_contention;
