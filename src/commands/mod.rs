//! One module per command, and what they share: the session, the client, reading the profile.

pub mod accounts;
pub mod auth;
pub mod images;
pub mod show;
pub mod status;
pub mod update;

use std::time::Duration;

use anyhow::Context;

use crate::api::{Client, Method, Options};
use crate::cli::GlobalArgs;
use crate::config::{self, Environment, Session};
use crate::error::Error;
use crate::output;
use crate::sign::Signer;

/// Options for the API client from the global flags.
pub fn client_options(global: &GlobalArgs) -> Options {
    Options {
        timeout: Duration::from_secs(global.timeout),
        retries: global.retries,
        max_wait: Duration::from_secs(global.max_wait),
        verbose: global.verbose,
    }
}

/// The credentials and API base for this run, with any warnings printed on stderr.
pub fn session(global: &GlobalArgs, env: &Environment) -> Result<Session, Error> {
    let session = config::resolve(global.config.as_deref(), global.account.as_deref(), env)?;
    warn(&session.warnings);
    if global.verbose {
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
pub fn user_client(session: &Session, global: &GlobalArgs) -> anyhow::Result<Client> {
    Client::new(
        &session.api_base,
        Signer::user(&session.credentials),
        client_options(global),
    )
}

/// A JSON body as received, on its own line.
pub fn raw_json(body: &[u8]) -> String {
    format!("{}\n", String::from_utf8_lossy(body).trim_end())
}

/// Prints a successful answer: nothing with `-q`, the body as received with `--json`, else the
/// summary (built only when it is shown).
pub fn print_answer(
    global: &GlobalArgs,
    body: &[u8],
    summary: impl FnOnce() -> String,
) -> anyhow::Result<()> {
    if global.quiet {
        return Ok(());
    }
    let text = if global.json {
        raw_json(body)
    } else {
        summary()
    };
    output::emit(&text).context("writing to stdout")?;
    Ok(())
}

/// `--dry-run`: prints the signed POST that would be sent, with `hidden` values shown by size.
pub fn print_dry_run(
    global: &GlobalArgs,
    client: &Client,
    endpoint: &str,
    params: &[(&str, String)],
    hidden: &[&str],
) -> anyhow::Result<()> {
    let prepared = client.prepare(Method::Post, endpoint, params);
    output::emit(&output::dry_run(&prepared, global.json, hidden)).context("writing to stdout")?;
    Ok(())
}
