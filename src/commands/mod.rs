//! One module per command, and what they share: the session, the client, reading the profile.

pub mod accounts;
pub mod apply;
pub mod auth;
pub mod export;
pub mod images;
pub mod show;
pub mod status;
pub mod update;

use crate::api::profile::Current;
use crate::api::{Client, Method};
use crate::config::account::Wanted;
use crate::config::{self, Environment, Session};
use crate::error::Error;
use crate::output;
use crate::settings::Settings;
use crate::sign::Signer;

/// The credentials and API base for this run, with any warnings printed on stderr.
pub fn session(settings: &Settings, env: &Environment) -> Result<Session, Error> {
    session_as(settings, Wanted::default(), None, env)
}

/// [`session`] for what a profile file asks for besides (its `account` and `screen_name`
/// pin); `-a` is taken from the settings. Under `-v`, the account line names `file`, so that
/// a log of stderr alone tells which file each block of lines is for.
pub fn session_as(
    settings: &Settings,
    wanted: Wanted,
    file: Option<&str>,
    env: &Environment,
) -> Result<Session, Error> {
    let wanted = Wanted {
        flag: settings.account.as_deref(),
        ..wanted
    };
    let session = config::resolve_as(settings.config.as_deref(), &wanted, env)?;
    warn(&session.warnings);
    if settings.verbose() {
        let config = session.config_path.display();
        let file = file.map(|shown| format!("{shown}: ")).unwrap_or_default();
        crate::stderr::say(&match &session.account {
            Some(name) => format!(
                "* {file}account '{name}' from {config}; API base {}",
                session.api_base
            ),
            None => format!(
                "* {file}credentials from the TWPROFILE_* variables; API base {}",
                session.api_base
            ),
        });
    }
    Ok(session)
}

/// Reads the profile (`verify_credentials`) and refuses it, before anything is changed, when it
/// is not the user the run was meant to act as.
pub async fn read_profile(session: &Session, client: &Client) -> Result<Current, Error> {
    let current = crate::api::profile::read_profile(client).await?;
    session.confirm(&current.user)?;
    Ok(current)
}

/// Before a write that reads nothing first: where the run must confirm whose profile it is
/// (the environment's credentials with an account named beside them), one read confirms it.
pub async fn confirm_owner(session: &Session, client: &Client) -> Result<(), Error> {
    confirmed_user(session, client).await.map(drop)
}

/// [`confirm_owner`], keeping the user that read returned (when there was one) for a summary
/// that would otherwise not know the handle.
pub async fn confirmed_user(
    session: &Session,
    client: &Client,
) -> Result<Option<serde_json::Value>, Error> {
    if !session.must_read {
        return Ok(None);
    }
    Ok(Some(read_profile(session, client).await?.user))
}

/// Refuses (exit 2) to publish a value that holds any credential the run can see, naming where
/// the value came from.
pub fn refuse_credentials<'a>(
    values: impl IntoIterator<Item = (String, &'a str)>,
) -> Result<(), Error> {
    for (source, value) in values {
        if crate::secret::hide_known(value) != value {
            return Err(Error::usage(format!(
                "{source} holds a credential; refusing to publish it"
            )));
        }
    }
    Ok(())
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
        &settings.pool,
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
