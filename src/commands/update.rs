//! The bare command: update the profile with `account/update_profile`.

use std::time::Duration;

use anyhow::Context;
use serde_json::{Value, json};

use crate::api::{self, Client, Method, Options};
use crate::cli::{GlobalArgs, UpdateArgs};
use crate::config::{self, Environment};
use crate::error::{Error, Kind};
use crate::fields::{self, Field, ProfileUpdate};
use crate::output;
use crate::sign::mask_authorization;

const ENDPOINT: &str = "/1.1/account/update_profile.json";

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
    let mut update = ProfileUpdate::new(given)?;
    update.skip_status = args.skip_status;
    update.include_entities = args.include_entities;
    Ok(update)
}

/// Options for the API client from the global flags.
pub fn client_options(global: &GlobalArgs) -> Options {
    Options {
        timeout: Duration::from_secs(global.timeout),
        retries: global.retries,
        max_wait: Duration::from_secs(global.max_wait),
        verbose: global.verbose,
    }
}

/// Runs the update: validate, load credentials, sign, send (or show), render.
pub async fn run(global: &GlobalArgs, args: &UpdateArgs, env: &Environment) -> anyhow::Result<()> {
    let update = validate(args)?;
    let session = config::resolve(global.config.as_deref(), global.account.as_deref(), env)?;
    for warning in &session.warnings {
        eprintln!("warning: {warning}");
    }
    let client = Client::new(&session, client_options(global))?;
    let params = update.params();

    if args.dry_run {
        let prepared = client.prepare(Method::Post, ENDPOINT, &params);
        let authorization = mask_authorization(&prepared.authorization);
        let text = if global.json {
            let shown = json!({
                "method": "POST",
                "url": prepared.url,
                "headers": {
                    "Authorization": authorization,
                    "Content-Type": "application/x-www-form-urlencoded",
                },
                "body": prepared.body,
            });
            format!("{shown:#}\n")
        } else {
            format!(
                "POST {}\nAuthorization: {authorization}\nContent-Type: application/x-www-form-urlencoded\n\n{}\n",
                prepared.url, prepared.body
            )
        };
        output::emit(&text).context("writing to stdout")?;
        return Ok(());
    }

    let reply = client.call(Method::Post, ENDPOINT, &params).await?;
    let user = parse_user(&reply.body, reply.status)?;
    if global.quiet {
        return Ok(());
    }
    let text = if global.json {
        let raw = String::from_utf8_lossy(&reply.body);
        format!("{}\n", raw.trim_end())
    } else {
        let sent: Vec<(Field, &str)> = update.fields().collect();
        output::update_summary(&user, &sent)
    };
    output::emit(&text).context("writing to stdout")?;
    Ok(())
}

/// The user object of a successful answer; anything else is an error that says the request
/// went through.
pub fn parse_user(body: &[u8], status: u16) -> Result<Value, Error> {
    match serde_json::from_slice::<Value>(body) {
        Ok(user @ Value::Object(_)) => Ok(user),
        _ => {
            let what = if body.is_empty() {
                "an empty body".to_owned()
            } else {
                format!("a body that is not a JSON object: {}", api::excerpt(body))
            };
            Err(Error::new(
                Kind::Failure,
                format!("the API accepted the request (HTTP {status}) but answered with {what}"),
            )
            .with_hint("the profile was probably updated; check it on x.com"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Any bytes in a 200 answer give a user object or an error, never a panic; and any
        /// object renders a summary.
        #[test]
        fn any_success_body_is_handled(body in proptest::collection::vec(proptest::num::u8::ANY, 0..2048)) {
            if let Ok(user) = parse_user(&body, 200) {
                let _ = output::update_summary(&user, &[(Field::Description, "x")]);
            }
        }

        #[test]
        fn any_json_object_renders(json in "[{}\\[\\]\":,a-z0-9 ]{0,200}") {
            if let Ok(user) = parse_user(json.as_bytes(), 200) {
                let summary = output::update_summary(&user, &[(Field::Url, "u"), (Field::Name, "n")]);
                proptest::prop_assert!(summary.starts_with("Updated"));
            }
        }
    }

    #[test]
    fn users_with_odd_shapes_still_render() {
        let odd = [
            r#"{}"#,
            r#"{"screen_name": 5, "url": null, "entities": "nope"}"#,
            r#"{"screen_name": "bob", "description": "x https://t.co/a", "entities": {"description": {"urls": [{"url": 1}, {"url": "https://t.co/a"}, {"expanded_url": "e"}]}}}"#,
        ];
        for body in odd {
            let user = parse_user(body.as_bytes(), 200).unwrap();
            let summary = output::update_summary(&user, &[(Field::Description, "sent")]);
            assert!(summary.starts_with("Updated"), "{summary}");
        }
    }

    #[test]
    fn non_objects_are_errors_that_say_the_request_went_through() {
        for body in [&b""[..], b"[]", b"null", b"<html>", b"\xff"] {
            let err = parse_user(body, 200).unwrap_err();
            assert!(
                err.to_string().contains("accepted the request (HTTP 200)"),
                "{err}"
            );
        }
    }
}
