use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    twprofile::hardening::apply();
    let cli = twprofile::cli::Cli::parse();
    match twprofile::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => twprofile::error::report(&err).exit_code(),
    }
}
