//! `twprofile show`: the profile as it stands.

use std::io::IsTerminal;

use super::{session, user_client};
use crate::cli::ShowArgs;
use crate::config::Environment;
use crate::error::Error;
use crate::output;
use crate::settings::Settings;

/// Reads the profile and prints it as a summary, JSON, or the chosen fields.
pub async fn run(settings: &Settings, args: &ShowArgs, env: &Environment) -> anyhow::Result<()> {
    let session = session(settings, env)?;
    let client = user_client(&session, settings)?;
    let current = super::read_profile(&session, &client).await?;

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
    let printer = settings.printer;
    if args.fields.is_empty() {
        return printer.answer(&current.raw, || output::profile_summary(&current.user));
    }
    printer.show(
        || output::field_object(&current.user, &args.fields),
        || {
            let terminal = std::io::stdout().is_terminal();
            output::field_values(&current.user, &current.raw, &args.fields, terminal)
        },
    )
}
