//! `twprofile accounts [default NAME]`: the accounts in the config file.

use anyhow::Context;
use serde_json::json;

use crate::cli::{AccountsArgs, AccountsCommand, GlobalArgs};
use crate::config::{self, Environment};
use crate::error::Error;
use crate::output;

/// Lists the accounts, marking the default, or sets the default.
pub fn run(global: &GlobalArgs, args: &AccountsArgs, env: &Environment) -> anyhow::Result<()> {
    let path = config::config_path(global.config.as_deref(), env)?;
    let shown = path.display();
    let file = config::load(&path)?.ok_or_else(|| {
        Error::config(format!("no config file at {shown}")).with_hint(config::login_hint())
    })?;
    for warning in file.warnings() {
        eprintln!("warning: {warning}");
    }
    let names = file.account_names();

    if let Some(AccountsCommand::Default { name }) = &args.command {
        if !file.has_account(name) {
            return Err(Error::config(format!(
                "no account named '{name}' in {shown} (it has {})",
                if names.is_empty() {
                    "none".to_owned()
                } else {
                    names.join(", ")
                }
            ))
            .with_hint(format!(
                "run `twprofile auth login --account {name}` to add it"
            ))
            .into());
        }
        config::set_default_account(&path, name)?;
        if !global.quiet {
            eprintln!("default account is now '{name}' in {shown}");
        }
        return Ok(());
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
                format!("{mark} {name}\n")
            })
            .collect()
    };
    output::emit(&text).context("writing to stdout")?;
    Ok(())
}
