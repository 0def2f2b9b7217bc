//! twprofile: update an X (Twitter) profile from the command line with one OAuth 1.0a-signed
//! call to `account/update_profile`.

pub mod api;
pub mod cli;
pub mod commands;
pub mod config;
pub mod error;
pub mod fields;
pub mod output;
pub mod secret;
pub mod sign;

use cli::Cli;
use config::Environment;

/// Runs the parsed command line to completion on a single-threaded runtime.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    cli.global.color.apply();
    let env = Environment::from_process();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| anyhow::anyhow!("cannot start the async runtime: {e}"))?;
    runtime.block_on(commands::update::run(&cli.global, &cli.update, &env))
}
