fn main() -> std::process::ExitCode {
    single_malloc_arena();
    relais_server::cli::main()
}

/// glibc gives threads that allocate concurrently arenas of their own (up
/// to eight per core) and keeps what is freed in them: after a CSV import
/// of 10,000 lines the server stayed 20 to 70 MB larger, for good (issue 20;
/// `scripts/bench-import-memory.sh`). With one arena the freed memory goes
/// back to the system. glibc reads `MALLOC_ARENA_MAX` only when the process
/// starts, so `relais` re-executes itself once with it set, unless the
/// environment already sets it (an operator's choice wins).
fn single_malloc_arena() {
    const VARIABLE: &str = "MALLOC_ARENA_MAX";
    if !cfg!(all(target_os = "linux", target_env = "gnu")) || std::env::var_os(VARIABLE).is_some() {
        return;
    }
    let Ok(program) = std::env::current_exe() else {
        return;
    };
    let mut args = std::env::args_os();
    let mut command = std::process::Command::new(program);
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        if let Some(arg0) = args.next() {
            command.arg0(arg0);
        }
        // Returns only when the program could not be executed again: then
        // Relais runs with glibc's defaults.
        let _ = command.args(args).env(VARIABLE, "1").exec();
    }
}
