//! `twprofile auth status [--all]`: the account in use (or every account), checked with the API.

use serde_json::Value;

use super::{session, user_client, warn};
use crate::api::hint_for;
use crate::cli::StatusArgs;
use crate::config::{self, Environment};
use crate::error::{Error, Kind};
use crate::output::{self, StatusRow};
use crate::settings::Settings;
use crate::stderr;

/// Prints the account and config in use after checking them with `verify_credentials`, with the
/// token's access level; `--all` checks every account in the config file. A token that cannot
/// write fails the check (exit 4) after the status is printed.
pub async fn run(settings: &Settings, args: &StatusArgs, env: &Environment) -> anyhow::Result<()> {
    if args.all {
        return status_all(settings, env).await;
    }
    let session = session(settings, env)?;
    let client = user_client(&session, settings)?;
    let current = super::read_profile(&session, &client).await?;
    let level = current.access_level.as_deref();
    let status = output::Status {
        api_base: &session.api_base,
        account: session.account.as_deref(),
        config: &session.config_path,
        user: &current.user,
        access_level: level,
        sources: &session.sources,
        sources_line: session.describe_sources(),
    };
    settings
        .printer
        .show(|| status.json(), || status.summary())?;
    match write_refusal(level, session.account.is_none()) {
        Some(refusal) => Err(refusal.into()),
        None => Ok(()),
    }
}

/// `auth status --all`: one line per account; every account is checked, and the exit code is
/// the first failure's.
async fn status_all(settings: &Settings, env: &Environment) -> anyhow::Result<()> {
    let path = config::config_path(settings.config.as_deref(), env)?;
    let file = config::load_required(&path)?;
    warn(file.warnings());
    // Said once here: each account's session is resolved quietly below.
    if let Ok(base) = config::api_base(env, &file) {
        warn(
            &config::plain_http_warning(&base)
                .into_iter()
                .collect::<Vec<_>>(),
        );
    }
    let mut first_failure: Option<Kind> = None;
    let mut failed: Vec<&str> = Vec::new();
    let mut rows = Vec::new();
    for name in file.account_names() {
        // Each account as if named with -a, from the file alone: neither the environment's
        // credentials nor TWPROFILE_ACCOUNT has a say in which accounts the file has.
        let only_file = Environment {
            credentials: Default::default(),
            account: None,
            ..env.clone()
        };
        let checked = async {
            let session = config::resolve(Some(&path), Some(name), &only_file)?;
            let client = user_client(&session, settings)?;
            let current = super::read_profile(&session, &client).await?;
            match write_refusal(current.access_level.as_deref(), false) {
                Some(refusal) => Err(refusal.into()),
                None => anyhow::Ok(current),
            }
        }
        .await;
        match checked {
            Ok(current) => {
                let handle = current
                    .user
                    .get("screen_name")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned();
                rows.push(StatusRow::Ok {
                    account: name.to_owned(),
                    screen_name: handle,
                    access_level: current.access_level,
                });
            }
            Err(e) => {
                let (kind, hint) = crate::error::kind_and_hint(&e);
                let refused_by_api = e
                    .chain()
                    .find_map(|cause| cause.downcast_ref::<Error>())
                    .is_some_and(|typed| typed.http_status().is_some());
                let hint = match kind {
                    // The usual fix for credentials the API refused, for this account; a token
                    // that cannot write needs the app's permission changed first, as its own
                    // hint says.
                    Kind::Auth if refused_by_api => Some(format!(
                        "run `twprofile auth login --account {}{}` to renew its tokens",
                        config::shell_quote(name),
                        config::config_flag_for(&path)
                    )),
                    _ => hint.map(str::to_owned),
                };
                stderr::labelled("error", &format!("{name}: {e:#}"));
                if let Some(hint) = &hint {
                    stderr::labelled("hint", hint);
                }
                rows.push(StatusRow::Failed {
                    account: name.to_owned(),
                    exit_code: kind.code(),
                    error: format!("{e:#}"),
                    hint,
                });
                first_failure.get_or_insert(kind);
                failed.push(name);
            }
        }
    }
    settings.printer.show(
        || output::status_rows_json(&rows, file.default_account()),
        || output::status_rows(&rows, file.default_account()),
    )?;
    match first_failure {
        Some(kind) => Err(Error::new(
            kind,
            format!(
                "{} of {} accounts failed: {}",
                failed.len(),
                rows.len(),
                failed.join(", ")
            ),
        )
        .into()),
        None => Ok(()),
    }
}

/// The error for a token that cannot write the profile (an access level that is not
/// `read-write…`): updates would fail with API error 261, so the check fails too (exit 4), with
/// the hint a 261 answer gets.
fn write_refusal(level: Option<&str>, env_credentials: bool) -> Option<Error> {
    let level = level?;
    if level.starts_with("read-write") {
        return None;
    }
    let hint = hint_for(403, Some(261), "", env_credentials).unwrap_or_default();
    Some(
        Error::new(
            Kind::Auth,
            format!("the token's access level is '{level}': updates would fail with API error 261"),
        )
        .with_hint(hint),
    )
}
