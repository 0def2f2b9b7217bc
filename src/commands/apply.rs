//! `twprofile apply FILE...`: make the profile what each file says. One read, then only what
//! differs: one `update_profile` for the text, and an image only when the record of the last
//! upload says the profile no longer shows it.

use std::path::Path;

use serde_json::{Map, Value};

use super::{session_as, user_client};
use crate::api::profile::{self, REMOVE_BANNER, UPDATE_BANNER, UPDATE_PICTURE, UPDATE_PROFILE};
use crate::api::{Client, Method};
use crate::cli::ApplyArgs;
use crate::config::Environment;
use crate::error::{Error, Kind, Reported};
use crate::output;
use crate::plan::{self, BannerStep, Plan, crop_text, url};
use crate::profile_file::{self, BannerWant, Desired};
use crate::settings::Settings;
use crate::state::{self, Upload};

/// Applies each file in turn; a file that fails is reported and the rest still run. The exit
/// code is that of the first failure.
pub async fn run(settings: &Settings, args: &ApplyArgs, env: &Environment) -> anyhow::Result<()> {
    let mut first: Option<Kind> = None;
    for path in &args.files {
        let mut report = Map::new();
        let result = one(settings, args, env, path, &mut report).await;
        if let Err(err) = &result {
            let kind = crate::error::report(err, settings.printer.json());
            first.get_or_insert(kind);
            if let Value::Object(error) = error_object(err, kind) {
                report.extend(error);
            }
        }
        settings.printer.json_line(|| Value::Object(report))?;
    }
    match first {
        Some(kind) => Err(Reported(kind).into()),
        None => Ok(()),
    }
}

/// The `--json` error object's `error` member, for the file's line on stdout.
fn error_object(err: &anyhow::Error, kind: Kind) -> Value {
    let typed = err.chain().find_map(|cause| cause.downcast_ref::<Error>());
    let message = format!("{err:#}").replace(['\n', '\r'], " ");
    crate::error::object(
        kind,
        &message,
        crate::error::kind_and_hint(err).1,
        typed.and_then(Error::http_status),
        typed.map_or(&[][..], Error::api_codes),
    )
}

/// Applies one file, filling `report` (its `--json` line) as it goes.
async fn one(
    settings: &Settings,
    args: &ApplyArgs,
    env: &Environment,
    path: &Path,
    report: &mut Map<String, Value>,
) -> anyhow::Result<()> {
    let shown = path.display().to_string();
    report.insert("file".into(), shown.clone().into());
    let mut desired = profile_file::load(path)?;
    let account = desired.account.as_deref().or(settings.account.as_deref());
    let session = session_as(settings, account, env)?;
    report.insert("account".into(), session.account.clone().into());
    let client = user_client(&session, settings)?;

    let current = profile::read_profile(&client).await?;
    let user = current.user;
    let key = user_key(&user);
    let state_path = state::path(env);
    let recorded = match (&state_path, &key) {
        (Some(path), Some(key)) => {
            let (recorded, warning) = state::load(path, key);
            super::warn(&warning.into_iter().collect::<Vec<_>>());
            recorded
        }
        _ => state::UserState::default(),
    };
    let plan = plan::plan(&desired, &user, &recorded, args.force_images);
    report.extend(output::plan_json(&shown, Some(&user), &plan.changes));
    settings
        .printer
        .human(|| output::plan(&shown, &user, &plan.changes))?;
    if plan.in_sync() {
        return Ok(());
    }
    if args.check {
        let keys: Vec<&str> = plan.changes.iter().map(|c| c.key).collect();
        return Err(Error::new(
            Kind::Drift,
            format!(
                "{shown}: the profile differs in {}; nothing was changed",
                keys.join(", ")
            ),
        )
        .with_hint(format!("`twprofile apply {shown}` applies it"))
        .into());
    }

    let requests = Requests::new(&plan, &mut desired);
    if args.dry_run {
        let shown: Vec<Value> = requests
            .all()
            .map(|(endpoint, params, hidden)| {
                output::dry_run_json(&client.prepare(Method::Post, endpoint, params), hidden)
            })
            .collect();
        settings.printer.human(|| {
            requests
                .all()
                .map(|(endpoint, params, hidden)| {
                    let prepared = client.prepare(Method::Post, endpoint, params);
                    format!("\n{}", output::dry_run(&prepared, false, hidden))
                })
                .collect()
        })?;
        report.insert("requests".into(), shown.into());
        report.insert("applied".into(), false.into());
        return Ok(());
    }

    report.insert("applied".into(), false.into());
    let record = |change: &dyn Fn(&mut state::UserState)| match (&state_path, &key) {
        (Some(path), Some(key)) => {
            if let Err(err) = state::update(path, key, change) {
                crate::stderr::warn(&format!("{err}; it will be sent again next time"));
            }
        }
        (None, _) => crate::stderr::warn(
            "no state dir to record the upload in (set TWPROFILE_STATE); it will be sent again next time",
        ),
        (_, None) => crate::stderr::warn(
            "the profile has no id_str to record the upload under; it will be sent again next time",
        ),
    };
    let applied = apply(&client, &requests).await?;
    if let Some(url) = &applied.image_url {
        let upload = Upload {
            sha256: requests.image_sha256.clone().unwrap_or_default(),
            crop: String::new(),
            url: url.clone(),
        };
        record(&|s| s.image = Some(upload.clone()));
    }
    match plan.banner {
        BannerStep::Keep => {}
        BannerStep::Remove => record(&|s| s.banner = None),
        BannerStep::Upload => {
            let upload = Upload {
                sha256: requests.banner_sha256.clone().unwrap_or_default(),
                crop: requests.banner_crop.clone(),
                url: applied.banner_url.clone().unwrap_or_default(),
            };
            record(&|s| s.banner = Some(upload.clone()));
        }
    }
    report.insert("applied".into(), true.into());
    let handle = applied
        .user
        .as_ref()
        .unwrap_or(&user)
        .get("screen_name")
        .and_then(Value::as_str)
        .map(|s| format!(" to @{}", crate::sanitize::line(s)))
        .unwrap_or_default();
    let count = plan.changes.len();
    let plural = if count == 1 { "change" } else { "changes" };
    settings.printer.human(|| {
        use colored::Colorize;
        format!("{} {count} {plural}{handle}\n", "Applied".green().bold())
    })?;
    Ok(())
}

/// The writes a plan needs, built before any is sent.
struct Requests {
    banner: Option<(&'static str, Vec<(&'static str, String)>)>,
    image: Option<Vec<(&'static str, String)>>,
    text: Option<Vec<(&'static str, String)>>,
    image_sha256: Option<String>,
    banner_sha256: Option<String>,
    banner_crop: String,
}

impl Requests {
    /// Takes the images the plan sends out of `desired`, as base64.
    fn new(plan: &Plan, desired: &mut Desired) -> Self {
        let mut requests = Requests {
            banner: None,
            image: None,
            text: None,
            image_sha256: None,
            banner_sha256: None,
            banner_crop: String::new(),
        };
        match (plan.banner, desired.banner.take()) {
            (BannerStep::Remove, _) => requests.banner = Some((REMOVE_BANNER, Vec::new())),
            (BannerStep::Upload, Some(BannerWant::Set { file, crop })) => {
                requests.banner_sha256 = Some(file.sha256);
                requests.banner_crop = crop_text(&crop);
                let mut params = vec![("banner", file.image.into_base64())];
                for (key, value) in profile_file::CROP_KEYS.iter().zip(crop) {
                    if let Some(value) = value {
                        params.push((key, value.to_string()));
                    }
                }
                requests.banner = Some((UPDATE_BANNER, params));
            }
            _ => {}
        }
        if plan.image
            && let Some(file) = desired.image.take()
        {
            requests.image_sha256 = Some(file.sha256);
            requests.image = Some(vec![
                ("image", file.image.into_base64()),
                ("skip_status", "true".to_owned()),
            ]);
        }
        if !plan.update.is_empty() {
            let mut params: Vec<(&'static str, String)> = plan
                .update
                .iter()
                .map(|(field, value)| (field.api_name(), value.clone()))
                .collect();
            params.push(("skip_status", "true".to_owned()));
            requests.text = Some(params);
        }
        requests
    }

    /// Every write in the order it is sent, with the parameters a dry run hides.
    fn all(
        &self,
    ) -> impl Iterator<
        Item = (
            &'static str,
            &[(&'static str, String)],
            &'static [&'static str],
        ),
    > {
        let banner = self
            .banner
            .iter()
            .map(|(endpoint, params)| (*endpoint, params.as_slice(), &["banner"][..]));
        let image = self
            .image
            .iter()
            .map(|params| (UPDATE_PICTURE, params.as_slice(), &["image"][..]));
        let text = self
            .text
            .iter()
            .map(|params| (UPDATE_PROFILE, params.as_slice(), &[][..]));
        banner.chain(image).chain(text)
    }
}

/// What the writes left: the last user object answered, and the new image URLs.
struct Applied {
    user: Option<Value>,
    image_url: Option<String>,
    banner_url: Option<String>,
}

/// Sends the writes: the banner first, then the picture and the text, whose answers carry the
/// user object (and with it the banner's new URL). Only when no answer after a banner upload
/// says where it is, the profile is read once more.
async fn apply(client: &Client, requests: &Requests) -> Result<Applied, Error> {
    let mut applied = Applied {
        user: None,
        image_url: None,
        banner_url: None,
    };
    if let Some((endpoint, params)) = &requests.banner {
        profile::banner(client, endpoint, params).await?;
    }
    if let Some(params) = &requests.image {
        let changed = profile::change(client, UPDATE_PICTURE, params).await?;
        applied.image_url = Some(url(&changed.user, "profile_image_url_https"));
        applied.user = Some(changed.user);
    }
    if let Some(params) = &requests.text {
        applied.user = Some(profile::change(client, UPDATE_PROFILE, params).await?.user);
    }
    if requests.banner_sha256.is_some() {
        let reported = applied
            .user
            .as_ref()
            .map(|user| url(user, "profile_banner_url"))
            .filter(|url| !url.is_empty());
        applied.banner_url = match reported {
            Some(url) => Some(url),
            None => Some(url(
                &profile::read_profile(client).await?.user,
                "profile_banner_url",
            )),
        };
    }
    Ok(applied)
}

/// The key the state file keeps this user's records under: the numeric id.
fn user_key(user: &Value) -> Option<String> {
    match user.get("id_str") {
        Some(Value::String(id)) if !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) => {
            Some(id.clone())
        }
        _ => None,
    }
}
