//! The `relais` program, built inside this package so that tests can start
//! it as a process (`CARGO_BIN_EXE_relais-test-server`): Cargo gives a
//! binary's path only to its own package's tests. Same code as
//! `backend/server/src/main.rs`.

fn main() -> std::process::ExitCode {
    relais_server::cli::main()
}
