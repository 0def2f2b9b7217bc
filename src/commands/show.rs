//! `twprofile show`: the profile as it stands.

use std::io::IsTerminal;

use anyhow::Context;

use super::{raw_json, session, user_client};
use crate::api::profile::read_profile;
use crate::cli::{GlobalArgs, ShowArgs};
use crate::config::Environment;
use crate::error::Error;
use crate::output;

/// Reads the profile and prints it as a summary, JSON, or the chosen fields.
pub async fn run(global: &GlobalArgs, args: &ShowArgs, env: &Environment) -> anyhow::Result<()> {
    let session = session(global, env)?;
    let client = user_client(&session, global)?;
    let current = read_profile(&client).await?;

    if let Some((key, close)) = output::unknown_fields(&current.user, &args.fields)
        .into_iter()
        .next()
    {
        let suggestion = match close.as_slice() {
            [] => String::new(),
            [one] => format!("; did you mean '{one}'?"),
            many => format!("; did you mean one of {}?", many.join(", ")),
        };
        return Err(
            Error::usage(format!("the profile has no field '{key}'{suggestion}"))
                .with_hint("`twprofile show --json` prints every field")
                .into(),
        );
    }
    if global.quiet {
        return Ok(());
    }
    let text = match (args.fields.is_empty(), global.json) {
        (true, true) => raw_json(&current.raw),
        (true, false) => output::profile_summary(&current.user),
        (false, true) => output::field_object(&current.user, &args.fields),
        (false, false) => {
            output::field_values(&current.user, &args.fields, std::io::stdout().is_terminal())
        }
    };
    output::emit(&text).context("writing to stdout")?;
    Ok(())
}
