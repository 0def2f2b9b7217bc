//! Where credentials and the API base come from: the config file and the environment.
//!
//! `file` reads and checks the config file, `env` the `TWPROFILE_*` variables, `base` the API
//! base; `resolve` here picks what a run uses; `edit` changes the file atomically under a lock.

pub mod account;
mod base;
mod command;
mod edit;
mod env;
mod file;
pub mod keyring;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};

use crate::error::Error;
pub use crate::sanitize::shell_quote;
pub use crate::secret::Credentials;
use crate::secret::Secret;
use account::{Owner, Source, Wanted};

pub use base::{DEFAULT_API_BASE, api_base, plain_http_warning};
pub use edit::{
    check_account_name, check_writable, remove_account, rename_account, save_account,
    set_default_account,
};
pub(crate) use edit::{lock, replace, replace_public, target_and_dir};
use env::credentials_from_env;
pub use env::{EnvCredentials, Environment, VARIABLES, check_credential};
pub use file::{ConfigFile, closest_key, load, load_required, parse};

const LOGIN_HINT: &str = "run `twprofile auth login`, or set TWPROFILE_CONSUMER_KEY, TWPROFILE_CONSUMER_SECRET, TWPROFILE_ACCESS_TOKEN and TWPROFILE_ACCESS_TOKEN_SECRET";

/// [`LOGIN_HINT`] for the config file at `path`: the login it suggests writes to that file.
fn login_hint(path: &Path) -> String {
    match config_flag_for(path).as_str() {
        "" => LOGIN_HINT.to_owned(),
        flag => LOGIN_HINT.replace(
            "`twprofile auth login`",
            &format!("`twprofile auth login{flag}`"),
        ),
    }
}

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
    /// Whom the profile must belong to (the account's recorded user, a profile file's pin):
    /// every read of the profile is checked against them.
    pub owners: Vec<Owner>,
    /// Whether the run must read the profile to confirm [`Session::owners`] before it writes:
    /// the environment's credentials name no account, so a name given beside them is checked.
    pub must_read: bool,
    /// Where each credential came from (`access_token` → `the config file`, `the command
    /// pass`, `TWPROFILE_ACCESS_TOKEN_FILE` …), never the value: for `auth status`.
    pub sources: Vec<(&'static str, String)>,
}

impl Session {
    /// [`Session::sources`] grouped: `the config file (consumer_key, consumer_secret); the
    /// command pass (access_token_secret)`.
    pub fn describe_sources(&self) -> String {
        let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
        for (key, source) in &self.sources {
            match groups.iter_mut().find(|(s, _)| s == source) {
                Some((_, keys)) => keys.push(key),
                None => groups.push((source, vec![key])),
            }
        }
        groups
            .iter()
            .map(|(source, keys)| format!("{source} ({})", keys.join(", ")))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

impl Session {
    /// Refuses (exit 3) a profile that belongs to someone the run was not meant to change.
    pub fn confirm(&self, user: &serde_json::Value) -> Result<(), Error> {
        account::confirm(&self.owners, user)
    }
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

/// Picks the credentials and API base for this run, with the account named by `-a` (if any).
pub fn resolve(
    config_flag: Option<&Path>,
    account_flag: Option<&str>,
    env: &Environment,
) -> Result<Session, Error> {
    let wanted = Wanted {
        flag: account_flag,
        ..Wanted::default()
    };
    resolve_as(config_flag, &wanted, env)
}

/// Picks the credentials and API base for what a run was asked to act as (see
/// [`account`] for the rules), refusing before any request what could change the wrong profile.
pub fn resolve_as(
    config_flag: Option<&Path>,
    wanted: &Wanted,
    env: &Environment,
) -> Result<Session, Error> {
    let config_path = config_path(config_flag, env)?;
    let shown = config_path.display().to_string();
    let named = account::named(wanted, env)?;
    let mut owners: Vec<Owner> = wanted
        .pin
        .map(|(pin, file)| Owner {
            identity: account::pin_identity(pin),
            why: format!("the screen_name pin of {file}"),
        })
        .into_iter()
        .collect();

    if env.credentials.token_given() {
        // CI: the environment carries the credentials; the file, when present, may still set
        // api_base. They name no account, so a name given beside them must be confirmed by
        // whom the API says they act as.
        let credentials = credentials_from_env(env)?;
        let sources = env::CREDENTIAL_VARIABLES
            .iter()
            .map(|(name, key)| (*key, env.credentials.source(name)))
            .collect();
        let file = load(&config_path)?.unwrap_or_default();
        let api_base = api_base(env, &file)?;
        let mut must_read = false;
        if let Some((name, source)) = &named {
            if let Some(owner) = recorded_owner(&file, name, &shown) {
                owners.push(owner);
            } else if owners.is_empty() {
                let hint = match wanted.file {
                    Some((_, profile)) => format!(
                        "add screen_name = \"HANDLE\" to {profile} to pin whose profile it is, or remove its account key"
                    ),
                    None => "leave the account out (the environment's credentials decide), or save it with `twprofile auth login --account NAME` so that its user is recorded".to_owned(),
                };
                return Err(Error::config(format!(
                    "{} names an account, but the credentials come from TWPROFILE_ACCESS_TOKEN and nothing records whose they should be ({shown} has no user for '{name}'); nothing was changed",
                    source.named(name)
                ))
                .with_hint(hint));
            }
            must_read = true;
        }
        account::confirm_token(&owners, credentials.access_token.expose())?;
        let mut warnings = file.warnings;
        warnings.extend(plain_http_warning(&api_base));
        return Ok(Session {
            account: None,
            config_path,
            credentials,
            api_base,
            warnings,
            screen_name: None,
            owners,
            must_read,
            sources,
        });
    }

    let file = load_required(&config_path)?;
    let (name, source) = match named {
        Some(named) => named,
        None => (
            default_of(&file, &config_path, &shown)?.to_owned(),
            Source::Default,
        ),
    };
    let entry = file.accounts.get(&name).ok_or_else(|| {
        unknown_account(&name, &config_path, &file)
            .reword(|m| format!("{m}; the name came from {}", source.named(&name)))
    })?;
    let sources = std::cell::RefCell::new(Vec::new());
    let key = |value: &Option<Secret>, command: &Option<Vec<String>>, key: &'static str| {
        if let Some(argv) = command {
            let program = argv.first().map_or("", String::as_str);
            sources.borrow_mut().push((
                key,
                format!("the command {}", crate::sanitize::line(program)),
            ));
            if value.is_some() {
                return Err(Error::config(format!(
                    "account '{name}' in {shown} sets both {key} and {key}_command; keep one"
                )));
            }
            let what = format!("{key}_command of account '{name}' in {shown}");
            let value = command::run(argv, &what)?;
            check_credential(&value, &format!("the output of {what}")).map_err(|e| {
                e.with_hint(
                    "make the command print only the value (one trailing newline is dropped)",
                )
            })?;
            return Ok(value);
        }
        sources
            .borrow_mut()
            .push((key, "the config file".to_owned()));
        let value = value.clone().filter(|v| !v.is_empty()).ok_or_else(|| {
            // A misspelled key is the likelier cause than a missing one.
            // Of the key or of its `_command`.
            let command_key = format!("{key}_command");
            let misspelled = entry.unknown.keys().find_map(|unknown| {
                closest_key(unknown, &file::ACCOUNT_KEYS)
                    .filter(|close| *close == key || *close == command_key)
                    .map(|close| (unknown, close))
            });
            let hint = match misspelled {
                Some((unknown, close)) => {
                    format!(
                        "[accounts.{name}] has {}: did you mean '{close}'?",
                        file::shown_key(unknown)
                    )
                }
                None => format!(
                    "run `twprofile auth login --account {}{}`",
                    shell_quote(&name),
                    config_flag_for(&config_path)
                ),
            };
            Error::config(format!("account '{name}' in {shown} has no {key}")).with_hint(hint)
        })?;
        check_credential(&value, &format!("{key} of account '{name}' in {shown}"))?;
        Ok::<_, Error>(value)
    };
    let credentials = match &entry.keyring {
        Some(store) => from_keyring(entry, store, &name, &config_path, &mut sources.borrow_mut())?,
        None => Credentials {
            consumer_key: key(
                &entry.consumer_key,
                &entry.consumer_key_command,
                "consumer_key",
            )?,
            consumer_secret: key(
                &entry.consumer_secret,
                &entry.consumer_secret_command,
                "consumer_secret",
            )?,
            access_token: key(
                &entry.access_token,
                &entry.access_token_command,
                "access_token",
            )?,
            access_token_secret: key(
                &entry.access_token_secret,
                &entry.access_token_secret_command,
                "access_token_secret",
            )?,
        },
    };
    let api_base = api_base(env, &file)?;
    let screen_name = file.identity(&name).screen_name;
    owners.extend(recorded_owner(&file, &name, &shown));
    // X's access tokens begin with their user's id: tokens saved under the wrong name are
    // refused here, before any request, at no cost. Where the token cannot show it (an account
    // recorded by handle alone, a token of another shape), a read before any write does.
    account::confirm_token(&owners, credentials.access_token.expose())?;
    let must_read =
        !owners.is_empty() && !account::token_proves(&owners, credentials.access_token.expose());
    let mut warnings = file.warnings;
    warnings.extend(plain_http_warning(&api_base));
    warnings.extend(env.credentials.ignored());
    Ok(Session {
        account: Some(name),
        config_path,
        credentials,
        api_base,
        warnings,
        screen_name,
        owners,
        must_read,
        sources: sources.into_inner(),
    })
}

/// An account's credentials from the credential store its `keyring` key names. Credentials
/// also written in the file, or as commands, are refused: which ones sign is never guessed.
fn from_keyring(
    entry: &file::AccountEntry,
    store: &str,
    name: &str,
    config: &Path,
    sources: &mut Vec<(&'static str, String)>,
) -> Result<Credentials, Error> {
    let shown = config.display();
    let Some(store) = keyring::Store::parse(store) else {
        return Err(Error::config(format!(
            "account '{name}' in {shown} has keyring = '{}', which is not a credential store",
            crate::sanitize::line(store)
        ))
        .with_hint(format!("use one of {}", keyring::STORE_NAMES.join(", "))));
    };
    if let Some(key) = entry.credentials_set().first() {
        return Err(Error::config(format!(
            "account '{name}' in {shown} keeps its secrets in {} but also sets {key}; keep one",
            store.describe()
        )));
    }
    let kept = entry.keyring_entry.as_deref().unwrap_or(name);
    if !keyring::valid_entry(kept) {
        return Err(Error::config(format!(
            "account '{name}' in {shown} has a keyring_entry that cannot name an entry (empty, over 256 bytes or with control characters)"
        )));
    }
    let credentials = keyring::load(store, kept, name, config)?;
    for (_, key) in env::CREDENTIAL_VARIABLES {
        sources.push((key, store.describe().to_owned()));
    }
    for (secret, key) in [
        (&credentials.consumer_key, "consumer_key"),
        (&credentials.consumer_secret, "consumer_secret"),
        (&credentials.access_token, "access_token"),
        (&credentials.access_token_secret, "access_token_secret"),
    ] {
        check_credential(
            secret,
            &format!("{key} of account '{name}' in {}", store.describe()),
        )?;
    }
    Ok(credentials)
}

/// The user account `name` was saved for, as an owner every read must show; `None` when the
/// config records nothing for it.
fn recorded_owner(file: &ConfigFile, name: &str, shown: &str) -> Option<Owner> {
    let identity = file.identity(name);
    (identity != Identity::default()).then(|| Owner {
        identity,
        why: format!("account '{name}' in {shown}"),
    })
}

/// The account a run that names none acts as: `default_account`, else the only one. A default
/// that was logged out or renamed is not replaced by guessing.
fn default_of<'a>(file: &'a ConfigFile, path: &Path, shown: &str) -> Result<&'a str, Error> {
    if let Some(name) = file.default_account() {
        return Ok(name);
    }
    let names = file.account_names().join(", ");
    let config = config_flag_for(path);
    Err(if file.accounts.is_empty() {
        Error::config(format!("no accounts in {shown}")).with_hint(login_hint(path))
    } else if file.default_unset() {
        Error::config(format!(
            "{shown} has no default account (the default was logged out or renamed) and this run names none; nothing was changed"
        ))
        .with_hint(format!(
            "name one with --account NAME, or pick a default with `twprofile{config} accounts default NAME` (one of {names})"
        ))
    } else {
        Error::config(format!(
            "{shown} has several accounts ({names}) and no default_account"
        ))
        .with_hint(format!(
            "pass --account NAME, or pick a default with `twprofile{config} accounts default NAME`"
        ))
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
            "run `twprofile auth login --account {}{}` to add it",
            shell_quote(name),
            config_flag_for(path)
        )),
    }
}

/// ` --config PATH` when `path` is not where the tool looks by default, so that a hint's
/// command acts on the same file.
pub fn config_flag_for(path: &Path) -> String {
    let default = directories::ProjectDirs::from("", "", "twprofile")
        .map(|dirs| dirs.config_dir().join("config.toml"));
    if default.as_deref() == Some(path) {
        String::new()
    } else {
        format!(" --config {}", shell_quote(&path.display().to_string()))
    }
}
