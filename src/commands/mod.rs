//! One module per command, and what they share: the session, the client, reading the profile.

pub mod accounts;
pub mod apply;
pub mod auth;
pub mod export;
pub mod images;
pub mod show;
pub mod status;
pub mod update;

use crate::api::{Client, Method};
use crate::config::{self, Environment, Session};
use crate::error::Error;
use crate::output;
use crate::settings::Settings;
use crate::sign::Signer;

/// The credentials and API base for this run, with any warnings printed on stderr.
pub fn session(settings: &Settings, env: &Environment) -> Result<Session, Error> {
    let account = settings.account.as_deref().map(|name| (name, "--account"));
    session_as(settings, account, env)
}

/// [`session`] for the account `account` names, `(name, where it came from)`, else the default.
pub fn session_as(
    settings: &Settings,
    account: Option<(&str, &str)>,
    env: &Environment,
) -> Result<Session, Error> {
    let session = config::resolve_as(settings.config.as_deref(), account, env)?;
    warn(&session.warnings);
    if settings.verbose() {
        let config = session.config_path.display();
        crate::stderr::say(&match &session.account {
            Some(name) => format!(
                "* account '{name}' from {config}; API base {}",
                session.api_base
            ),
            None => format!(
                "* credentials from the TWPROFILE_* variables; API base {}",
                session.api_base
            ),
        });
    }
    Ok(session)
}

/// Prints what the user should know but what does not stop the command, on stderr.
pub fn warn(warnings: &[String]) {
    for warning in warnings {
        crate::stderr::warn(warning);
    }
}

/// A client that acts as the session's user.
pub fn user_client(session: &Session, settings: &Settings) -> anyhow::Result<Client> {
    let client = Client::new(
        &session.api_base,
        Signer::user(&session.credentials),
        settings.client,
    )?;
    Ok(client.with_env_credentials(session.account.is_none()))
}

/// `--dry-run`: prints the signed POST that would be sent, with `hidden` values shown by size.
pub fn print_dry_run(
    settings: &Settings,
    client: &Client,
    endpoint: &str,
    params: &[(&str, String)],
    hidden: &[&str],
) -> anyhow::Result<()> {
    let prepared = client.prepare(Method::Post, endpoint, params);
    settings
        .printer
        .always(&output::dry_run(&prepared, settings.printer.json(), hidden))
}
