use std::process::ExitCode;

fn main() -> ExitCode {
    twprofile::hardening::apply();
    let cli = twprofile::cli::parse();
    let json = cli.global.json;
    match twprofile::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => twprofile::error::report(&err, json).exit_code(),
    }
}
