use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    match relais_server::cli::run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("relais : {err:#}");
            ExitCode::FAILURE
        }
    }
}
