//! `twprofile accounts [default NAME | rename OLD NEW]` and `auth logout`: the accounts in the
//! config file.

use super::warn;
use crate::cli::{AccountsArgs, AccountsCommand};
use crate::config::account::Wanted;
use crate::config::{self, Environment};
use crate::error::Error;
use crate::output;
use crate::settings::Settings;

/// Lists the accounts, marking the default, or sets the default, or renames one.
pub fn run(settings: &Settings, args: &AccountsArgs, env: &Environment) -> anyhow::Result<()> {
    let path = config::config_path(settings.config.as_deref(), env)?;
    let shown = path.display();
    let file = config::load_required(&path)?;
    warn(file.warnings());
    let names = file.account_names();
    let printer = settings.printer;

    match &args.command {
        Some(AccountsCommand::Default { name: None }) => {
            let Some(default) = file.default_account() else {
                return Err(no_default(&file, &path).into());
            };
            return printer.show(
                || serde_json::json!({ "default": default }),
                || format!("{}\n", crate::sanitize::line(default)),
            );
        }
        Some(AccountsCommand::Default { name: Some(name) }) => {
            if !file.has_account(name) {
                return Err(config::unknown_account(name, &path, &file).into());
            }
            config::set_default_account(&path, name)?;
            printer.note(&format!("default account is now '{name}' in {shown}"));
            return print_after_change(settings, &path);
        }
        Some(AccountsCommand::Rename { old, new }) => {
            if !file.has_account(old) {
                return Err(config::unknown_account(old, &path, &file).into());
            }
            config::check_account_name(new)?;
            let (warnings, moved) = config::rename_account(&path, old, new)?;
            warn(&warnings);
            let moved = match file.keyring_of(old) {
                Some(store) if moved => {
                    format!("; its secrets in {} moved with it", store.describe())
                }
                Some(store) => format!(
                    "; its secrets stay in the same entry of {} (nothing shows it is this account's to move)",
                    store.describe()
                ),
                None => String::new(),
            };
            printer.note(&format!(
                "renamed account '{old}' to '{new}' in {shown}{moved}"
            ));
            if file.default_account() == Some(old.as_str()) {
                printer.note(&format!(
                    "note: '{old}' was the default account; there is none now, so runs that name no account stop until you pick one: `twprofile{} accounts default {}`",
                    config::config_flag_for(&path),
                    config::shell_quote(new)
                ));
            }
            return print_after_change(settings, &path);
        }
        None => {}
    }

    // Environment credentials win over every account here: say so, or a bot's author may
    // think an account is in use.
    if env.credentials.token_given() {
        crate::stderr::say(
            "note: TWPROFILE_ACCESS_TOKEN is set, so commands use the TWPROFILE_* credentials, not these accounts",
        );
    }
    if names.is_empty() {
        crate::stderr::say(&format!(
            "no accounts in {shown}; add one with `twprofile auth login{}` (or `auth login --with-token`)",
            config::config_flag_for(&path)
        ));
    }
    let default = file.default_account();
    printer.show(
        || output::accounts_json(default, &names),
        || output::accounts_list(default, &names),
    )
}

/// The error for a config file without a default account.
fn no_default(file: &config::ConfigFile, path: &std::path::Path) -> Error {
    let why = if file.default_unset() {
        " (the default was logged out or renamed)"
    } else {
        ""
    };
    Error::config(format!("{} has no default account{why}", path.display())).with_hint(
        match file.account_names().as_slice() {
            [] => format!(
                "add one with `twprofile auth login{}`",
                config::config_flag_for(path)
            ),
            names => format!(
                "pick one with `twprofile{} accounts default NAME` (one of {})",
                config::config_flag_for(path),
                names.join(", ")
            ),
        },
    )
}

/// With `--json`, the accounts as they are after a change; nothing otherwise.
fn print_after_change(settings: &Settings, path: &std::path::Path) -> anyhow::Result<()> {
    if !settings.printer.json() {
        return Ok(());
    }
    let file = config::load_required(path)?;
    settings
        .printer
        .json_only(|| output::accounts_json(file.default_account(), &file.account_names()))
}

/// `auth logout`: removes the account named by -a (or TWPROFILE_ACCOUNT), else the default.
pub fn logout(settings: &Settings, env: &Environment) -> anyhow::Result<()> {
    let path = config::config_path(settings.config.as_deref(), env)?;
    let file = config::load_required(&path)?;
    warn(file.warnings());
    let wanted = Wanted {
        flag: settings.account.as_deref(),
        ..Wanted::default()
    };
    let name = match config::account::named(&wanted, env)? {
        Some((name, _)) => name,
        None => file.default_account().map(str::to_owned).ok_or_else(|| {
            no_default(&file, &path).with_hint("name the one to remove with --account NAME")
        })?,
    };
    if !file.has_account(&name) {
        // Nothing to remove: logging in is not what this user wants.
        let err = config::unknown_account(&name, &path, &file);
        let err = match err.hint() {
            Some(hint) if hint.starts_with("did you mean") => err,
            _ => err.with_hint("`twprofile accounts` lists the accounts there are"),
        };
        return Err(err.into());
    }
    let (warnings, deleted) = config::remove_account(&path, &name)?;
    warn(&warnings);
    let deleted = match file.keyring_of(&name) {
        Some(store) if deleted => format!(" and its secrets from {}", store.describe()),
        _ => String::new(),
    };
    let printer = settings.printer;
    printer.note(&format!(
        "Removed account '{name}' from {}{deleted}; its tokens still work until you revoke the app's access in X's settings (Security and account access, Apps and sessions)",
        path.display()
    ));
    let left = config::load_required(&path)?;
    if left.default_account().is_none() && !left.account_names().is_empty() {
        printer.note(&format!(
            "note: no default account now, so runs that name no account stop; pick one with `twprofile{} accounts default NAME` (one of {})",
            config::config_flag_for(&path),
            left.account_names().join(", ")
        ));
    }
    printer.json_only(|| output::removed_account_json(&name, &path))
}
