//! `twprofile accounts [default NAME | rename OLD NEW]` and `auth logout`: the accounts in the
//! config file.

use anyhow::Context;
use serde_json::json;

use super::warn;
use crate::cli::{AccountsArgs, AccountsCommand, GlobalArgs};
use crate::config::{self, Environment};
use crate::error::Error;
use crate::output;
use crate::stderr;

/// Lists the accounts, marking the default, or sets the default.
pub fn run(global: &GlobalArgs, args: &AccountsArgs, env: &Environment) -> anyhow::Result<()> {
    let path = config::config_path(global.config.as_deref(), env)?;
    let shown = path.display();
    let file = config::load_required(&path)?;
    warn(file.warnings());
    let names = file.account_names();

    match &args.command {
        Some(AccountsCommand::Default { name }) => {
            if !file.has_account(name) {
                return Err(config::unknown_account(name, &path, &file).into());
            }
            config::set_default_account(&path, name)?;
            if !global.quiet {
                crate::stderr::say(&format!("default account is now '{name}' in {shown}"));
            }
            return print_after_change(global, &path);
        }
        Some(AccountsCommand::Rename { old, new }) => {
            if !file.has_account(old) {
                return Err(config::unknown_account(old, &path, &file).into());
            }
            config::check_account_name(new)?;
            config::rename_account(&path, old, new)?;
            if !global.quiet {
                crate::stderr::say(&format!("renamed account '{old}' to '{new}' in {shown}"));
            }
            return print_after_change(global, &path);
        }
        None => {}
    }

    // Environment credentials win over every account here: say so, or a bot's author may
    // think an account is in use.
    if env.credentials.access_token.is_some() {
        crate::stderr::say(
            "note: TWPROFILE_ACCESS_TOKEN is set, so commands use the TWPROFILE_* credentials, not these accounts",
        );
    }
    if names.is_empty() {
        crate::stderr::say(&format!(
            "no accounts in {shown}; add one with `twprofile auth login` (or `auth login --with-token`)"
        ));
    }
    if global.quiet {
        return Ok(());
    }
    let default = file.default_account();
    let text = if global.json {
        format!("{:#}\n", json!({"default": default, "accounts": names}))
    } else {
        names
            .iter()
            .map(|name| {
                let mark = if Some(*name) == default { "*" } else { " " };
                format!("{mark} {}\n", crate::sanitize::line(name))
            })
            .collect()
    };
    output::emit(&text).context("writing to stdout")?;
    Ok(())
}

/// With `--json`, the accounts as they are after a change; nothing otherwise.
fn print_after_change(global: &GlobalArgs, path: &std::path::Path) -> anyhow::Result<()> {
    if !global.json || global.quiet {
        return Ok(());
    }
    let file = config::load_required(path)?;
    let shown = json!({"default": file.default_account(), "accounts": file.account_names()});
    output::emit(&format!("{shown:#}\n")).context("writing to stdout")?;
    Ok(())
}

/// `auth logout`: removes the account named by -a (or TWPROFILE_ACCOUNT), else the default.
pub fn logout(global: &GlobalArgs, env: &Environment) -> anyhow::Result<()> {
    let path = config::config_path(global.config.as_deref(), env)?;
    let file = config::load_required(&path)?;
    warn(file.warnings());
    let name = global
        .account
        .clone()
        .or_else(|| env.account.clone())
        .or_else(|| file.default_account().map(str::to_owned))
        .ok_or_else(|| {
            Error::config(format!(
                "{} has several accounts ({}) and no default_account",
                path.display(),
                file.account_names().join(", ")
            ))
            .with_hint("name the one to remove with --account NAME")
        })?;
    if !file.has_account(&name) {
        return Err(config::unknown_account(&name, &path, &file).into());
    }
    config::remove_account(&path, &name)?;
    if !global.quiet {
        stderr::say(&format!(
            "Removed account '{name}' from {}; its tokens still work until you revoke the app's access in X's settings (Security and account access, Apps and sessions)",
            path.display()
        ));
        let left = config::load_required(&path)?;
        if left.default_account().is_none() && left.account_names().len() > 1 {
            stderr::say(&format!(
                "note: no default account now; pick one with `twprofile accounts default NAME` (one of {})",
                left.account_names().join(", ")
            ));
        }
        if global.json {
            let shown = json!({"removed": name, "config": path.display().to_string()});
            output::emit(&format!("{shown:#}\n")).context("writing to stdout")?;
        }
    }
    Ok(())
}
