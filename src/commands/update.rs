//! The bare command: update the profile with `account/update_profile`.

use super::{confirm_owner, print_dry_run, read_profile, session, user_client};
use crate::api::profile;
use crate::cli::UpdateArgs;
use crate::config::Environment;
use crate::error::Error;
use crate::fields::{self, Field, ProfileUpdate};
use crate::output;
use crate::settings::Settings;
use crate::user::holds;

/// Validates the flags into an update, before anything else happens.
pub fn validate(args: &UpdateArgs) -> Result<ProfileUpdate, Error> {
    let mut given: Vec<(Field, String, &str)> = Vec::new();
    let flags = [
        (Field::Name, &args.name),
        (Field::Url, &args.url),
        (Field::Location, &args.location),
        (Field::Description, &args.description),
    ];
    for (field, value) in flags {
        if let Some(value) = value {
            given.push((field, value.clone(), field.flag()));
        }
    }
    if let Some(path) = &args.description_file {
        let text = fields::read_description(path)?;
        given.push((Field::Description, text, "--description-file"));
    }
    // Templates are checked now, rendered once the profile is read.
    if args.template {
        // Only the flags' own text: a bio file is data, as a profile file's description_file is.
        for (_, value, flag) in &given {
            if *flag != "--description-file" && crate::template::is_template(value) {
                crate::template::check(flag, value)?;
            }
        }
    }
    // With --if-changed, a value the profile already holds is never sent, so it is checked
    // against its limit only once the profile says whether it will be; a template's value is
    // known only then.
    let mut update = if args.template || (args.if_changed && !args.dry_run) {
        ProfileUpdate::given(given)?
    } else {
        ProfileUpdate::new(given)?
    };
    update.skip_status = args.skip_status;
    update.include_entities = args.include_entities;
    Ok(update)
}

/// Runs the update: validate, load credentials, sign, send (or show), render.
pub async fn run(settings: &Settings, args: &UpdateArgs, env: &Environment) -> anyhow::Result<()> {
    let mut update = validate(args)?;
    let session = session(settings, env)?;
    let client = user_client(&session, settings)?;
    // Every credential the run can see is known now: a value that would publish one is refused.
    super::refuse_credentials(
        update
            .fields()
            .map(|(field, value)| (field.flag().to_owned(), value)),
    )?;

    if args.template {
        return templated(settings, args, env, update, (&session, &client)).await;
    }
    if args.dry_run {
        if args.if_changed {
            crate::stderr::say(
                "note: --dry-run sends nothing, not even the read --if-changed needs; this is the full update",
            );
        }
        return print_dry_run(
            settings,
            &client,
            profile::UPDATE_PROFILE,
            &update.params(),
            &[],
        );
    }

    if args.if_changed {
        let current = read_profile(&session, &client).await?;
        update.retain(|field, value| !holds(&current.user, field, value));
        update.check_limits()?;
        if update.is_empty() {
            settings.printer.note("unchanged");
            // Under --json, the profile as it stands; a person has the note.
            return settings.printer.answer(&current.raw, String::new);
        }
    } else {
        confirm_owner(&session, &client).await?;
    }

    let changed = profile::change(&client, profile::UPDATE_PROFILE, &update.params()).await?;
    settings.printer.answer(&changed.raw, || {
        let sent: Vec<(Field, &str)> = update.fields().collect();
        output::update_summary(&changed.user, &sent)
    })
}

/// `--template`: one read, the flags rendered against it, and only what differs sent (or, with
/// `--dry-run`, shown).
async fn templated(
    settings: &Settings,
    args: &UpdateArgs,
    env: &Environment,
    update: ProfileUpdate,
    (session, client): (&crate::config::Session, &crate::api::Client),
) -> anyhow::Result<()> {
    let current = read_profile(session, client).await?;
    let reader = crate::profile_file::working_directory_reader()?;
    let now = crate::template::now(env.now.as_deref(), None)?;
    let renderer = crate::template::Renderer::new(&current.user, now, reader);
    let mut given: Vec<(Field, String, &str)> = Vec::new();
    for (field, value) in update.fields() {
        let flag = if field == Field::Description && args.description_file.is_some() {
            "--description-file"
        } else {
            field.flag()
        };
        let from_file = flag == "--description-file";
        let value = if !from_file && crate::template::is_template(value) {
            let (text, used) = renderer.render(field.api_name(), flag, value)?;
            crate::template::check_rendered(field, &text, flag)?;
            if settings.verbose() {
                let used = if used.is_empty() {
                    "nothing".to_owned()
                } else {
                    used.join("; ")
                };
                crate::stderr::say(&format!("* {flag} used {used}"));
            }
            text
        } else {
            value.to_owned()
        };
        given.push((field, value, flag));
    }
    let mut rendered = ProfileUpdate::given(given)?;
    rendered.skip_status = update.skip_status;
    rendered.include_entities = update.include_entities;
    super::refuse_credentials(
        rendered
            .fields()
            .map(|(field, value)| (field.flag().to_owned(), value)),
    )?;
    rendered.retain(|field, value| !holds(&current.user, field, value));
    rendered
        .check_limits()
        .map_err(|e| e.with_hint("`| fit` cuts a value to its field's limit at a word boundary"))?;
    if rendered.is_empty() {
        settings.printer.note("unchanged");
        return settings.printer.answer(&current.raw, String::new);
    }
    if args.dry_run {
        return print_dry_run(
            settings,
            client,
            profile::UPDATE_PROFILE,
            &rendered.params(),
            &[],
        );
    }
    let changed = profile::change(client, profile::UPDATE_PROFILE, &rendered.params()).await?;
    settings.printer.answer(&changed.raw, || {
        let sent: Vec<(Field, &str)> = rendered.fields().collect();
        output::update_summary(&changed.user, &sent)
    })
}
