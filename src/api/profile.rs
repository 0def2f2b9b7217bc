//! The profile endpoints: reading it (`verify_credentials`), changing its fields and picture
//! (answered with the user object), and setting or removing the banner (answered with little).

use serde_json::Value;

use super::{Client, Method, excerpt};
use crate::error::{Error, Kind};

/// The endpoint that returns the authenticated user.
pub const VERIFY_CREDENTIALS: &str = "/1.1/account/verify_credentials.json";
/// Name, website, location and bio.
pub const UPDATE_PROFILE: &str = "/1.1/account/update_profile.json";
/// The picture.
pub const UPDATE_PICTURE: &str = "/1.1/account/update_profile_image.json";
/// The banner, with its crop.
pub const UPDATE_BANNER: &str = "/1.1/account/update_profile_banner.json";
/// Removing the banner.
pub const REMOVE_BANNER: &str = "/1.1/account/remove_profile_banner.json";

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

/// Sends a change to `endpoint` ([`UPDATE_PROFILE`] or [`UPDATE_PICTURE`]) and reads the user
/// object the API answers with.
pub async fn change(
    client: &Client,
    endpoint: &str,
    params: &[(&str, String)],
) -> Result<Current, Error> {
    let reply = client.call(Method::Post, endpoint, params).await?;
    let user = parse_user(&reply.body, reply.status)?;
    Ok(Current {
        user,
        raw: reply.body,
        access_level: reply.access_level,
    })
}

/// Sets ([`UPDATE_BANNER`]) or removes ([`REMOVE_BANNER`]) the banner. The API answers 200, 201
/// or 202, often with an empty body: the body comes back as it is.
pub async fn banner(
    client: &Client,
    endpoint: &str,
    params: &[(&str, String)],
) -> Result<Vec<u8>, Error> {
    Ok(client.call(Method::Post, endpoint, params).await?.body)
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
                format!("a body that is not a JSON object: {}", excerpt(body))
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
