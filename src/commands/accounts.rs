//! `twprofile accounts [default NAME]`: the accounts in the config file.

use anyhow::Context;
use serde_json::json;

use super::warn;
use crate::cli::{AccountsArgs, AccountsCommand, GlobalArgs};
use crate::config::{self, Environment};
use crate::output;

/// Lists the accounts, marking the default, or sets the default.
pub fn run(global: &GlobalArgs, args: &AccountsArgs, env: &Environment) -> anyhow::Result<()> {
    let path = config::config_path(global.config.as_deref(), env)?;
    let shown = path.display();
    let file = config::load_required(&path)?;
    warn(file.warnings());
    let names = file.account_names();

    if let Some(AccountsCommand::Default { name }) = &args.command {
        if !file.has_account(name) {
            return Err(config::unknown_account(name, &path, &file).into());
        }
        config::set_default_account(&path, name)?;
        if !global.quiet {
            crate::stderr::say(&format!("default account is now '{name}' in {shown}"));
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
                format!("{mark} {}\n", crate::sanitize::line(name))
            })
            .collect()
    };
    output::emit(&text).context("writing to stdout")?;
    Ok(())
}
