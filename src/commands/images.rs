//! `twprofile image FILE` and `twprofile banner FILE | --remove`.

use serde_json::Value;

use super::{confirmed_user, print_dry_run, session, user_client};
use crate::api::profile::{self, REMOVE_BANNER, UPDATE_BANNER, UPDATE_PICTURE};
use crate::cli::{BannerArgs, ImageArgs};
use crate::config::{Environment, Session};
use crate::image::{self, Target};
use crate::output::{self, Subject};
use crate::settings::Settings;

/// Sets the profile picture.
pub async fn picture(
    settings: &Settings,
    args: &ImageArgs,
    env: &Environment,
) -> anyhow::Result<()> {
    let image = image::load(&args.file, Target::Picture, None)?;
    let session = session(settings, env)?;
    let client = user_client(&session, settings)?;
    let described = image.describe();
    let mut params = vec![("image", image.into_base64())];
    if args.skip_status {
        params.push(("skip_status", "true".to_owned()));
    }
    if let Some(include) = args.include_entities {
        params.push(("include_entities", include.to_string()));
    }
    if args.dry_run {
        return print_dry_run(settings, &client, UPDATE_PICTURE, &params, &["image"]);
    }
    let confirmed = confirmed_user(&session, &client).await?;
    let changed = profile::change(&client, UPDATE_PICTURE, &params).await?;
    drop(params); // the base64 text, before the answer is rendered
    let user = changed.user;
    settings.printer.answer(&changed.raw, || {
        let url = user
            .get("profile_image_url_https")
            .and_then(Value::as_str)
            .map(full_size)
            .unwrap_or(described);
        let subject = subject(Some(&user), confirmed.as_ref(), &session);
        output::updated_for(Some(subject), &[("picture", url)])
    })
}

/// Whom a summary names: the handle in the answer, else in the read the run made anyway, else
/// the one recorded with the account. With the `TWPROFILE_*` credentials and none of those,
/// only another request would tell, which an upload does not need: the summary says where the
/// credentials came from instead.
fn subject<'a>(
    answer: Option<&'a Value>,
    confirmed: Option<&'a Value>,
    session: &'a Session,
) -> Subject<'a> {
    let handle = |user: Option<&'a Value>| user?.get("screen_name")?.as_str();
    let recorded = session.screen_name.as_deref();
    match (
        handle(answer).or(handle(confirmed)).or(recorded),
        &session.account,
    ) {
        (Some(handle), _) => Subject::Handle(handle),
        (None, Some(account)) => Subject::Account(account),
        (None, None) => Subject::Environment,
    }
}

/// The full-size picture for a profile image URL: the API reports the 48×48 `_normal` one.
pub fn full_size(url: &str) -> String {
    match url.rsplit_once("_normal") {
        Some((stem, extension)) if !extension.contains('/') => format!("{stem}{extension}"),
        _ => url.to_owned(),
    }
}

/// Sets the banner, with its optional crop, or removes it.
pub async fn banner(
    settings: &Settings,
    args: &BannerArgs,
    env: &Environment,
) -> anyhow::Result<()> {
    let image = match (&args.file, args.remove) {
        // A crop selects the part shown: its shape is the one that counts.
        (Some(file), false) => {
            let crop = args.width.zip(args.height);
            Some(image::load(file, Target::Banner, crop)?)
        }
        _ => None,
    };
    let session = session(settings, env)?;
    let client = user_client(&session, settings)?;
    let described = image.as_ref().map(image::Image::describe);
    let mut params: Vec<(&str, String)> = Vec::new();
    if let Some(image) = image {
        params.push(("banner", image.into_base64()));
        let geometry = [
            ("width", args.width),
            ("height", args.height),
            ("offset_left", args.offset_left),
            ("offset_top", args.offset_top),
        ];
        for (key, value) in geometry {
            if let Some(value) = value {
                params.push((key, value.to_string()));
            }
        }
    }
    let endpoint = if described.is_some() {
        UPDATE_BANNER
    } else {
        REMOVE_BANNER
    };
    if args.dry_run {
        return print_dry_run(settings, &client, endpoint, &params, &["banner"]);
    }
    let confirmed = confirmed_user(&session, &client).await?;
    // The API answers 200, 201 or 202, often with an empty body; errors (400, 422) come through
    // the client as usual.
    let body = profile::banner(&client, endpoint, &params).await?;
    // Under --json, the answer when it is a user object, and nothing when it is not.
    let (user, body): (Option<Value>, &[u8]) = match serde_json::from_slice::<Value>(&body) {
        Ok(user @ Value::Object(_)) => (Some(user), &body),
        _ => (None, b""),
    };
    settings.printer.answer(body, || {
        let what = match described {
            Some(shown) => {
                let crop: Vec<String> = [
                    ("width", args.width),
                    ("height", args.height),
                    ("left", args.offset_left),
                    ("top", args.offset_top),
                ]
                .into_iter()
                .filter_map(|(name, value)| value.map(|v| format!("{name} {v}")))
                .collect();
                match crop.as_slice() {
                    [] => shown,
                    crop => format!("{shown}, cropped to {}", crop.join(", ")),
                }
            }
            None => "removed".to_owned(),
        };
        let subject = subject(user.as_ref(), confirmed.as_ref(), &session);
        output::updated_for(Some(subject), &[("banner", what)])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_full_size_picture_drops_the_last_normal_before_the_extension() {
        assert_eq!(
            full_size("https://pbs.twimg.com/profile_images/1/a_normal.png"),
            "https://pbs.twimg.com/profile_images/1/a.png"
        );
        assert_eq!(full_size("https://x/a_normal"), "https://x/a");
        // A `_normal` in a directory name is not the size suffix.
        assert_eq!(
            full_size("https://x/a_normal/b.png"),
            "https://x/a_normal/b.png"
        );
        assert_eq!(full_size("https://x/b.png"), "https://x/b.png");
    }
}
