//! twprofile: update an X (Twitter) profile from the command line with one OAuth 1.0a-signed
//! call to `account/update_profile`.

pub mod api;
pub mod cli;
pub mod commands;
pub mod config;
pub mod error;
pub mod fields;
pub mod image;
pub mod output;
pub mod prompt;
pub mod secret;
pub mod sign;
pub mod user;

use cli::{AuthCommand, Cli, Command};
use config::Environment;

/// Runs the parsed command line to completion.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    cli.global.color.apply();
    let env = Environment::from_process();
    let global = &cli.global;
    if let Some(Command::Accounts(args)) = &cli.command {
        // Local only: no runtime needed.
        return commands::accounts::run(global, args, &env);
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| anyhow::anyhow!("cannot start the async runtime: {e}"))?;
    runtime.block_on(async {
        match &cli.command {
            None => commands::update::run(global, &cli.update, &env).await,
            Some(Command::Show(args)) => commands::show::run(global, args, &env).await,
            Some(Command::Auth(AuthCommand::Login(args))) => {
                commands::auth::login(global, args, &env).await
            }
            Some(Command::Auth(AuthCommand::Status)) => commands::auth::status(global, &env).await,
            Some(Command::Image(args)) => commands::images::picture(global, args, &env).await,
            Some(Command::Banner(args)) => commands::images::banner(global, args, &env).await,
            Some(Command::Accounts(args)) => commands::accounts::run(global, args, &env),
        }
    })
}
