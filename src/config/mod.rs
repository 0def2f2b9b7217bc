//! Where credentials and the API base come from: the config file and the environment.
//!
//! `file` reads and checks the config file, `env` the `TWPROFILE_*` variables, `base` the API
//! base; `resolve` here picks what a run uses; `edit` changes the file atomically under a lock.

mod base;
mod edit;
mod env;
mod file;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};

use crate::error::Error;
pub use crate::secret::Credentials;
use crate::secret::Secret;

pub use base::{DEFAULT_API_BASE, api_base, plain_http_warning};
pub use edit::{
    check_account_name, check_writable, remove_account, rename_account, save_account,
    set_default_account,
};
pub(crate) use edit::{lock, replace, replace_with_mode, target_and_dir};
use env::credentials_from_env;
pub use env::{EnvCredentials, Environment, VARIABLES, check_credential};
pub use file::{ConfigFile, closest_key, load, load_required, parse};

const LOGIN_HINT: &str = "run `twprofile auth login`, or set TWPROFILE_CONSUMER_KEY, TWPROFILE_CONSUMER_SECRET, TWPROFILE_ACCESS_TOKEN and TWPROFILE_ACCESS_TOKEN_SECRET";

/// Everything a command needs to reach the API as one user.
#[derive(Clone, Debug)]
pub struct Session {
    /// The account name, or `None` when the credentials came from the environment.
    pub account: Option<String>,
    /// The config file consulted (it may not exist when credentials came from the environment).
    pub config_path: PathBuf,
    /// Signing credentials.
    pub credentials: Credentials,
    /// Scheme, host, optional port and path prefix, without a trailing slash.
    pub api_base: String,
    /// Things the user should know that do not stop the command, for stderr.
    pub warnings: Vec<String>,
    /// The handle recorded with the account, if any: for summaries of answers that carry none.
    pub screen_name: Option<String>,
}

/// Which X user an account belongs to, as far as it is known.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Identity {
    /// The handle, without `@`.
    pub screen_name: Option<String>,
    /// The numeric user id, as a string.
    pub user_id: Option<String>,
}

impl Identity {
    /// Whether `other` may be another user than the one recorded here: a different id (or,
    /// without ids, a different handle), or no way to tell whose it is while this one is known.
    pub fn differs_from(&self, other: &Identity) -> bool {
        let known = |i: &Identity| i.user_id.is_some() || i.screen_name.is_some();
        if known(self) && !known(other) {
            return true;
        }
        match (&self.user_id, &other.user_id) {
            (Some(a), Some(b)) => a != b,
            _ => match (&self.screen_name, &other.screen_name) {
                (Some(a), Some(b)) => !a.eq_ignore_ascii_case(b),
                _ => false,
            },
        }
    }

    /// `@handle`, else `user 1234`, else `an unknown user`.
    pub fn describe(&self) -> String {
        match (&self.screen_name, &self.user_id) {
            (Some(handle), _) => format!("@{handle}"),
            (None, Some(id)) => format!("user {id}"),
            (None, None) => "an unknown user".to_owned(),
        }
    }
}

/// The config file path: `--config`, else `TWPROFILE_CONFIG`, else the platform config dir.
pub fn config_path(flag: Option<&Path>, env: &Environment) -> Result<PathBuf, Error> {
    if let Some(path) = flag {
        return Ok(path.to_owned());
    }
    if let Some(path) = &env.config {
        return Ok(path.clone());
    }
    directories::ProjectDirs::from("", "", "twprofile")
        .map(|dirs| dirs.config_dir().join("config.toml"))
        .ok_or_else(|| {
            Error::config("cannot find a home directory for the config file")
                .with_hint("pass --config PATH or set TWPROFILE_CONFIG")
        })
}

/// A path as a shell word: bare when it is plain, else single-quoted.
fn shell_quote(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/._-+,:@%=".contains(&b));
    if plain {
        text.to_owned()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

/// Picks the credentials and API base for this run.
pub fn resolve(
    config_flag: Option<&Path>,
    account_flag: Option<&str>,
    env: &Environment,
) -> Result<Session, Error> {
    resolve_as(
        config_flag,
        account_flag.map(|name| (name, "--account")),
        env,
    )
}

/// [`resolve`] with the account named by `account`, `(name, where the name came from)`: a flag,
/// or a profile file's `account` key.
pub fn resolve_as(
    config_flag: Option<&Path>,
    account: Option<(&str, &str)>,
    env: &Environment,
) -> Result<Session, Error> {
    let config_path = config_path(config_flag, env)?;
    let shown = config_path.display().to_string();

    if env.credentials.access_token.is_some() {
        // CI: the environment carries the credentials; the file, when present, may still set
        // api_base.
        let credentials = credentials_from_env(env)?;
        let file = load(&config_path)?.unwrap_or_default();
        let api_base = api_base(env, &file)?;
        let mut warnings = file.warnings;
        warnings.extend(plain_http_warning(&api_base));
        warnings.extend(account.map(|(name, source)| {
            let named = match source {
                "--account" => format!("--account {name}"),
                source => format!("account '{name}' from {source}"),
            };
            format!("{named} is ignored: TWPROFILE_ACCESS_TOKEN is set, so the credentials come from the environment")
        }));
        return Ok(Session {
            account: None,
            config_path,
            credentials,
            api_base,
            warnings,
            screen_name: None,
        });
    }

    let file = load_required(&config_path)?;
    let chosen = account
        .map(|(name, source)| (name.to_owned(), source))
        .or_else(|| env.account.clone().map(|name| (name, "TWPROFILE_ACCOUNT")))
        .or_else(|| {
            file.default_account
                .clone()
                .map(|name| (name, "default_account"))
        })
        .or_else(|| file.default_account().map(|name| (name.to_owned(), "")));
    let Some((name, source)) = chosen else {
        return Err(if file.accounts.is_empty() {
            Error::config(format!("no accounts in {shown}")).with_hint(LOGIN_HINT)
        } else {
            Error::config(format!(
                "{shown} has several accounts ({}) and no default_account",
                file.account_names().join(", ")
            ))
            .with_hint(
                "pass --account NAME, or pick a default with `twprofile accounts default NAME`",
            )
        });
    };
    let entry = file.accounts.get(&name).ok_or_else(|| {
        let error = unknown_account(&name, &config_path, &file);
        match source {
            "" => error,
            source => error.reword(|m| format!("{m}; the name came from {source}")),
        }
    })?;
    let key = |value: &Option<Secret>, key: &str| {
        let value = value.clone().filter(|v| !v.is_empty()).ok_or_else(|| {
            Error::config(format!("account '{name}' in {shown} has no {key}")).with_hint(format!(
                "run `twprofile auth login --account {}{}`",
                shell_quote(&name),
                config_flag_for(&config_path)
            ))
        })?;
        check_credential(&value, &format!("{key} of account '{name}' in {shown}"))?;
        Ok::<_, Error>(value)
    };
    let credentials = Credentials {
        consumer_key: key(&entry.consumer_key, "consumer_key")?,
        consumer_secret: key(&entry.consumer_secret, "consumer_secret")?,
        access_token: key(&entry.access_token, "access_token")?,
        access_token_secret: key(&entry.access_token_secret, "access_token_secret")?,
    };
    let api_base = api_base(env, &file)?;
    let screen_name = file.identity(&name).screen_name;
    let mut warnings = file.warnings;
    warnings.extend(plain_http_warning(&api_base));
    Ok(Session {
        account: Some(name),
        config_path,
        credentials,
        api_base,
        warnings,
        screen_name,
    })
}

/// The error for an account name the file does not have: it lists the ones it has.
pub fn unknown_account(name: &str, path: &Path, file: &ConfigFile) -> Error {
    let names = file.account_names();
    let known = if names.is_empty() {
        "it has none".to_owned()
    } else {
        format!("it has {}", names.join(", "))
    };
    // Close: one edit away (a swapped pair counts as one), or alike by Jaro-Winkler.
    let close = names
        .iter()
        .map(|known| {
            let score = if strsim::osa_distance(name, known) <= 1 {
                1.0
            } else {
                strsim::jaro_winkler(name, known)
            };
            (score, *known)
        })
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, known)| known);
    let error = Error::config(format!(
        "no account named '{name}' in {} ({known})",
        path.display()
    ));
    match close {
        Some(close) => error.with_hint(format!("did you mean '{close}'?")),
        None => error.with_hint(format!(
            "run `twprofile auth login --account {name}{}` to add it",
            config_flag_for(path)
        )),
    }
}

/// ` --config PATH` when `path` is not where the tool looks by default, so that a hint's
/// command acts on the same file.
fn config_flag_for(path: &Path) -> String {
    let default = directories::ProjectDirs::from("", "", "twprofile")
        .map(|dirs| dirs.config_dir().join("config.toml"));
    if default.as_deref() == Some(path) {
        String::new()
    } else {
        format!(" --config {}", shell_quote(&path.display().to_string()))
    }
}
