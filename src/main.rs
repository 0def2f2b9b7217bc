use std::process::ExitCode;

fn main() -> ExitCode {
    twprofile::hardening::apply();
    twprofile::generation::complete_if_asked();
    let env = twprofile::config::Environment::from_process();
    let cli = twprofile::cli::parse(&env);
    let json = cli.global.json;
    match twprofile::run(cli, env) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => twprofile::error::report(&err, json).exit_code(),
    }
}
