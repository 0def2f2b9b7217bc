use std::process::ExitCode;

fn main() -> ExitCode {
    twprofile::hardening::apply();
    let cli = twprofile::cli::parse();
    match twprofile::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => twprofile::error::report(&err).exit_code(),
    }
}
