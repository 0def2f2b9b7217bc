//! twprofile: update an X (Twitter) profile from the command line with one OAuth 1.0a-signed
//! call to `account/update_profile`.

pub mod api;
pub mod cli;
pub mod color;
pub mod commands;
pub mod config;
pub mod error;
pub mod fields;
pub mod generation;
pub mod hardening;
pub mod image;
pub mod input;
pub mod output;
pub mod plan;
pub mod printer;
pub mod profile_file;
pub mod prompt;
pub mod request;
pub mod runner;
pub mod sanitize;
pub mod secret;
pub mod settings;
pub mod sign;
pub mod state;
pub mod stderr;
pub mod template;
pub mod textfile;
pub mod tls;
pub mod user;

use cli::{AuthCommand, Cli, Command};
use config::Environment;
use settings::Settings;

/// Runs the parsed command line to completion, with the environment read once at the start.
pub fn run(cli: Cli, env: Environment) -> anyhow::Result<()> {
    use std::io::IsTerminal;
    let colour = cli
        .global
        .color
        .decide(&env.color, std::io::stdout().is_terminal());
    colored::control::set_override(colour);
    let settings = &Settings::new(&cli.global);
    match &cli.command {
        None => block_on(commands::update::run(settings, &cli.update, &env)),
        Some(Command::Show(args)) => block_on(commands::show::run(settings, args, &env)),
        Some(Command::Apply(args)) => block_on(commands::apply::run(settings, args, &env)),
        Some(Command::Export(args)) => block_on(commands::export::run(settings, args, &env)),
        Some(Command::Auth(AuthCommand::Login(args))) => {
            block_on(commands::auth::login(settings, args, &env))
        }
        Some(Command::Auth(AuthCommand::Status(args))) => {
            block_on(commands::status::run(settings, args, &env))
        }
        Some(Command::Auth(AuthCommand::Logout)) => commands::accounts::logout(settings, &env),
        Some(Command::Image(args)) => block_on(commands::images::picture(settings, args, &env)),
        Some(Command::Banner(args)) => block_on(commands::images::banner(settings, args, &env)),
        Some(Command::Accounts(args)) => commands::accounts::run(settings, args, &env),
        Some(Command::Completions { shell }) => {
            settings.printer.bytes(&generation::completions(*shell))
        }
        Some(Command::Man) => settings.printer.bytes(&generation::man_page()?),
    }
}

/// Runs a network command on a single-threaded runtime: one request at a time needs no more.
fn block_on(command: impl Future<Output = anyhow::Result<()>>) -> anyhow::Result<()> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| anyhow::anyhow!("cannot start the async runtime: {e}"))?
        .block_on(command)
}
