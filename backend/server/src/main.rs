fn main() -> std::process::ExitCode {
    relais_server::cli::main()
}
