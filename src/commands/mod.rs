//! One module per command, and what they share: the session, the client, reading the profile.

pub mod accounts;
pub mod auth;
pub mod images;
pub mod show;
pub mod update;

use std::time::Duration;

use anyhow::Context;
use serde_json::Value;

use crate::api::{self, Client, Method, Options};
use crate::cli::GlobalArgs;
use crate::config::{self, Environment, Session};
use crate::error::{Error, Kind};
use crate::output;
use crate::sign::Signer;

/// The endpoint that returns the authenticated user.
pub const VERIFY_CREDENTIALS: &str = "/1.1/account/verify_credentials.json";

/// Options for the API client from the global flags.
pub fn client_options(global: &GlobalArgs) -> Options {
    Options {
        timeout: Duration::from_secs(global.timeout),
        retries: global.retries,
        max_wait: Duration::from_secs(global.max_wait),
        verbose: global.verbose,
    }
}

/// The credentials and API base for this run, with any warnings printed on stderr.
pub fn session(global: &GlobalArgs, env: &Environment) -> Result<Session, Error> {
    let session = config::resolve(global.config.as_deref(), global.account.as_deref(), env)?;
    warn(&session.warnings);
    if global.verbose {
        let config = session.config_path.display();
        crate::stderr::say(&match &session.account {
            Some(name) => format!(
                "* account '{name}' from {config}; API base {}",
                session.api_base
            ),
            None => format!(
                "* credentials from the TWPROFILE_* variables; API base {}",
                session.api_base
            ),
        });
    }
    Ok(session)
}

/// Prints what the user should know but what does not stop the command, on stderr.
pub fn warn(warnings: &[String]) {
    for warning in warnings {
        crate::stderr::warn(warning);
    }
}

/// A client that acts as the session's user.
pub fn user_client(session: &Session, global: &GlobalArgs) -> anyhow::Result<Client> {
    Client::new(
        &session.api_base,
        Signer::user(&session.credentials),
        client_options(global),
    )
}

/// The profile as the API has it now: the parsed object and the body as received.
pub struct Current {
    /// The user object.
    pub user: Value,
    /// The body, for `--json`.
    pub raw: Vec<u8>,
    /// What the token may do, from `x-access-level`.
    pub access_level: Option<String>,
}

/// Reads the authenticated user's profile with a signed GET.
pub async fn read_profile(client: &Client) -> Result<Current, Error> {
    let params = [
        ("include_entities", "true".to_owned()),
        ("skip_status", "true".to_owned()),
    ];
    let reply = client
        .call(Method::Get, VERIFY_CREDENTIALS, &params)
        .await?;
    let user = parse_user(&reply.body, reply.status)
        .map_err(|e| e.with_hint("the API's answer was not a profile; check api_base"))?;
    Ok(Current {
        user,
        raw: reply.body,
        access_level: reply.access_level,
    })
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

/// A JSON body as received, on its own line.
pub fn raw_json(body: &[u8]) -> String {
    format!("{}\n", String::from_utf8_lossy(body).trim_end())
}

/// Prints a successful answer: nothing with `-q`, the body as received with `--json`, else the
/// summary (built only when it is shown).
pub fn print_answer(
    global: &GlobalArgs,
    body: &[u8],
    summary: impl FnOnce() -> String,
) -> anyhow::Result<()> {
    if global.quiet {
        return Ok(());
    }
    let text = if global.json {
        raw_json(body)
    } else {
        summary()
    };
    output::emit(&text).context("writing to stdout")?;
    Ok(())
}

/// `--dry-run`: prints the signed POST that would be sent, with `hidden` values shown by size.
pub fn print_dry_run(
    global: &GlobalArgs,
    client: &Client,
    endpoint: &str,
    params: &[(&str, String)],
    hidden: &[&str],
) -> anyhow::Result<()> {
    let prepared = client.prepare(Method::Post, endpoint, params);
    output::emit(&output::dry_run(&prepared, global.json, hidden)).context("writing to stdout")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::Field;
    use crate::output;

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
