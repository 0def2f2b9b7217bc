//! `twprofile apply FILE...`: make the profile what each file says. One read, then only what
//! differs: one `update_profile` for the text, and an image only when the record of the last
//! upload says the profile no longer shows it.

use std::path::Path;

use anyhow::Context;

use serde_json::{Map, Value};

use super::{session_as, user_client};
use crate::api::profile::{self, REMOVE_BANNER, UPDATE_BANNER, UPDATE_PICTURE, UPDATE_PROFILE};
use crate::api::{Client, Method};
use crate::cli::ApplyArgs;
use crate::config::account::Wanted;
use crate::config::{Environment, Session};
use crate::error::{Error, Kind, Reported};
use crate::output;
use crate::plan::{self, BannerStep, Plan, crop_text, url};
use crate::profile_file::{self, BannerWant, Desired};
use crate::runner::{self, Turns};
use crate::settings::Settings;
use crate::state::{self, Upload};

/// Applies the files, up to `--jobs` at once, each reported in file order; a file that fails
/// is reported and the rest still run. The exit code is that of the first failing file.
pub async fn run(settings: &Settings, args: &ApplyArgs, env: &Environment) -> anyhow::Result<()> {
    if args.files.iter().filter(|f| f.as_os_str() == "-").count() > 1 {
        return Err(Error::usage("stdin (-) can be read only once; name it once").into());
    }
    let turns = Turns::default();
    let jobs = args
        .files
        .iter()
        .map(|path| reported(settings, args, env, path, &turns));
    let results = runner::in_order(usize::from(args.jobs), jobs)
        .await
        .context("writing to stdout")?;
    let mut first: Option<Kind> = None;
    let mut failed = 0;
    for result in results {
        if let Some(kind) = result? {
            first.get_or_insert(kind);
            failed += 1;
        }
    }
    let Some(kind) = first else {
        return Ok(());
    };
    // Each failed file said why on stderr; under --json the last line there is the run's own,
    // so that its exit_code is the process's whichever file failed last.
    if settings.printer.json() && failed > 1 {
        crate::stderr::json(&crate::error::object(
            kind,
            &format!(
                "{failed} of {} files failed; the exit code is the first's",
                args.files.len()
            ),
            None,
            None,
            &[],
        ));
    }
    Err(Reported(kind).into())
}

/// Applies one file and reports it: its error on stderr, its `--json` line on stdout. The kind
/// of its failure, if it failed; an error only when stdout cannot be written.
async fn reported(
    settings: &Settings,
    args: &ApplyArgs,
    env: &Environment,
    path: &Path,
    turns: &Turns,
) -> anyhow::Result<Option<Kind>> {
    let mut report = Map::new();
    let result = one(settings, args, env, path, turns, &mut report).await;
    // Success and change are separate: an in-sync file is a success that changed nothing,
    // a failure may come after some changes went through.
    report.insert("ok".into(), result.is_ok().into());
    let changed = matches!(report.get("done"), Some(Value::Array(done)) if !done.is_empty());
    report.insert("changed".into(), changed.into());
    let mut failed = None;
    if let Err(err) = &result {
        failed = Some(crate::error::report(err, settings.printer.json()));
        if let Value::Object(error) = crate::error::object_of(err) {
            report.extend(error);
        }
    }
    settings.printer.json_line(|| Value::Object(report))?;
    Ok(failed)
}

/// Applies one file, filling `report` (its `--json` line) as it goes.
async fn one(
    settings: &Settings,
    args: &ApplyArgs,
    env: &Environment,
    path: &Path,
    turns: &Turns,
    report: &mut Map<String, Value>,
) -> anyhow::Result<()> {
    let shown = if path.as_os_str() == "-" {
        crate::input::shown("-").to_owned()
    } else {
        path.display().to_string()
    };
    report.insert("file".into(), shown.clone().into());
    let written = profile_file::load(path, args.root.as_deref())?;
    // Past the file's own checks, an error names the file: with several, which one failed.
    let in_file = |err: anyhow::Error| {
        if err.to_string().starts_with(&format!("{shown}: ")) {
            err
        } else {
            err.context(shown.clone())
        }
    };
    let (account, pin) = (written.account.clone(), written.screen_name.clone());
    let wanted = Wanted {
        flag: None,
        file: account.as_deref().map(|name| (name, shown.as_str())),
        pin: pin.as_deref().map(|pin| (pin, shown.as_str())),
    };
    // A file without templates is read and checked whole before any request; one with
    // templates once the profile is read.
    let pending = if written.is_templated() {
        Pending::Templated(written)
    } else {
        Pending::Ready(written.resolve()?)
    };
    let session = session_as(settings, wanted, Some(&shown), env).map_err(|e| in_file(e.into()))?;
    report.insert("account".into(), session.account.clone().into());
    // The files of one account take turns, in file order; other accounts go on meanwhile.
    let _turn = turns
        .wait(&format!(
            "{} {}",
            session.api_base,
            session.credentials.access_token.expose()
        ))
        .await;
    let client = user_client(&session, settings)?;
    // Every credential the run can see is known now: a file that would publish one is refused.
    if let Pending::Ready(desired) = &pending {
        refuse_published(desired, &shown)?;
    }
    let result = apply_to(
        settings,
        args,
        env,
        &shown,
        (&session, &client),
        pending,
        report,
    )
    .await;
    result.map_err(in_file)
}

/// A profile file ready to plan with, or one whose templates wait for the profile.
enum Pending {
    Ready(Desired),
    Templated(profile_file::Written),
}

/// Refuses a file whose values hold any credential the run can see.
fn refuse_published(desired: &Desired, shown: &str) -> Result<(), Error> {
    super::refuse_credentials(
        desired
            .fields
            .iter()
            .map(|(field, value)| (format!("{shown}: {}", field.api_name()), value.as_str())),
    )
}

/// Renders a templated file against the profile just read, and checks what it renders as a
/// written value would be; `-v` says what each template used.
fn rendered(
    settings: &Settings,
    env: &Environment,
    shown: &str,
    mut written: profile_file::Written,
    user: &Value,
) -> Result<Desired, Error> {
    let used = written.render(user, env.now.as_deref())?;
    let desired = written.resolve()?;
    refuse_published(&desired, shown)?;
    if settings.verbose() {
        for (key, what) in used {
            let what = if what.is_empty() {
                "nothing from the profile, the clock or the environment".to_owned()
            } else {
                what.join("; ")
            };
            crate::stderr::say(&format!("* {shown}: {key} used {what}"));
        }
    }
    Ok(desired)
}

/// Reads the profile, plans, and sends what the plan needs, for one file.
async fn apply_to(
    settings: &Settings,
    args: &ApplyArgs,
    env: &Environment,
    shown: &str,
    (session, client): (&Session, &Client),
    pending: Pending,
    report: &mut Map<String, Value>,
) -> anyhow::Result<()> {
    // Checked against the account's recorded user and the file's pin before anything else.
    let current = super::read_profile(session, client).await?;
    let user = current.user;
    let mut desired = match pending {
        Pending::Ready(desired) => desired,
        Pending::Templated(written) => rendered(settings, env, shown, written, &user)?,
    };
    let desired = &mut desired;
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
    let plan = plan::plan(desired, &user, &recorded, args.force_images);
    desired.check_limits(&plan.update)?;
    report.extend(output::plan_json(shown, Some(&user), &plan.changes));
    settings.printer.human(|| {
        if args.markdown {
            output::plan_markdown(shown, &user, &plan.changes)
        } else {
            output::plan(shown, &user, &plan.changes)
        }
    })?;
    // --check, --plan and --dry-run change nothing, the record of uploads included.
    let writes = !args.check && !args.plan && !args.dry_run;
    let records = plan.image || plan.banner != BannerStep::Keep || !plan.adopt.is_empty();
    if writes
        && records
        && let Some(path) = &state_path
    {
        state::wait_for_lock(path)?;
    }
    if writes {
        for (kind, live) in &plan.adopt {
            let url = state::fingerprint(live);
            if let (Some(path), Some(key)) = (&state_path, &key) {
                let result = state::update(path, key, |s| {
                    let upload = if *kind == "image" {
                        &mut s.image
                    } else {
                        &mut s.banner
                    };
                    if let Some(upload) = upload {
                        upload.url = url.clone();
                    }
                });
                if let Err(err) = result {
                    crate::stderr::warn(&err.to_string());
                }
            }
        }
    }
    if plan.in_sync() || args.plan {
        return Ok(());
    }
    if args.check {
        let keys: Vec<&str> = plan.changes.iter().map(|c| c.key).collect();
        return Err(Error::new(
            Kind::Drift,
            format!(
                "the profile differs in {}; nothing was changed",
                keys.join(", ")
            ),
        )
        .with_hint(format!("`{}` applies it", again(settings, args, shown)))
        .into());
    }

    let mut requests = Requests::new(&plan, desired);
    let replaced = |key: &str| {
        plan.changes
            .iter()
            .find(|c| c.key == key)
            .map(|c| c.old.clone())
            .unwrap_or_default()
    };
    requests.replaced = [replaced("image"), replaced("banner")];
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
        return Ok(());
    }

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
    let mut done: Vec<&'static str> = Vec::new();
    let result = send(client, &requests, &record, &mut done).await;
    report.insert("done".into(), done.clone().into());
    if let Err(err) = result {
        if !done.is_empty() {
            crate::stderr::warn(&format!(
                "changed before the error: {}; apply the file again to finish",
                done.join(", ")
            ));
        }
        return Err(err.into());
    }
    let handle = user
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
    text_keys: Vec<&'static str>,
    /// The picture's and the banner's URLs before the upload.
    replaced: [String; 2],
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
            text_keys: plan
                .update
                .iter()
                .map(|(field, _)| field.api_name())
                .collect(),
            replaced: Default::default(),
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

/// Changes this user's records in the state file (a failure is a warning: the upload happened).
type Record<'a> = dyn Fn(&dyn Fn(&mut state::UserState)) + 'a;

/// Sends the writes, recording each upload as soon as the API has it, and noting each write in
/// `done`: the banner first, then the picture and the text, whose answers carry the user object
/// (and with it the banner's new URL). Only when no answer after a banner upload says where it
/// is, or a later write failed, is the profile read once more for it.
async fn send(
    client: &Client,
    requests: &Requests,
    record: &Record<'_>,
    done: &mut Vec<&'static str>,
) -> Result<(), Error> {
    // An answer that still shows the image replaced means the API is processing the upload:
    // recorded without a URL, the next run takes the URL the profile then shows as its.
    let seen = |url: String, replaced: &str| {
        if url == replaced {
            String::new()
        } else {
            state::fingerprint(&url)
        }
    };
    let banner_upload = |url: String| Upload {
        sha256: requests.banner_sha256.clone().unwrap_or_default(),
        crop: requests.banner_crop.clone(),
        url: seen(url, &requests.replaced[1]),
    };
    let mut banner_pending = false;
    if let Some((endpoint, params)) = &requests.banner {
        profile::banner(client, endpoint, params).await?;
        done.push("banner");
        if requests.banner_sha256.is_some() {
            banner_pending = true;
        } else {
            record(&|s| s.banner = None);
        }
    }
    let mut settle = |user: &Value| {
        let live = url(user, "profile_banner_url");
        if banner_pending && !live.is_empty() {
            let upload = banner_upload(live);
            record(&|s| s.banner = Some(upload.clone()));
            banner_pending = false;
        }
    };
    let mut result = Ok(());
    if let Some(params) = &requests.image {
        match profile::change(client, UPDATE_PICTURE, params).await {
            Ok(changed) => {
                done.push("image");
                let upload = Upload {
                    sha256: requests.image_sha256.clone().unwrap_or_default(),
                    crop: String::new(),
                    url: seen(
                        url(&changed.user, "profile_image_url_https"),
                        &requests.replaced[0],
                    ),
                };
                record(&|s| s.image = Some(upload.clone()));
                settle(&changed.user);
            }
            Err(err) => result = Err(err),
        }
    }
    if result.is_ok()
        && let Some(params) = &requests.text
    {
        match profile::change(client, UPDATE_PROFILE, params).await {
            Ok(changed) => {
                done.extend(requests.text_keys.iter().copied());
                settle(&changed.user);
            }
            Err(err) => result = Err(err),
        }
    }
    if banner_pending {
        // A failure here costs a banner upload next time, nothing more: the first error counts.
        match profile::read_profile(client).await {
            Ok(current) => {
                let upload = banner_upload(url(&current.user, "profile_banner_url"));
                record(&|s| s.banner = Some(upload.clone()));
            }
            Err(err) if result.is_ok() => result = Err(err),
            Err(_) => {}
        }
    }
    result
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

/// The command that applies `shown` as this run would have: with the same account, config file
/// and root, so that pasting it from a hint acts on the same profile.
fn again(settings: &Settings, args: &ApplyArgs, shown: &str) -> String {
    use crate::sanitize::shell_quote;
    let mut command = "twprofile".to_owned();
    if let Some(account) = &settings.account {
        command.push_str(&format!(" -a {}", shell_quote(account)));
    }
    if let Some(config) = &settings.config {
        command.push_str(&format!(
            " --config {}",
            shell_quote(&config.display().to_string())
        ));
    }
    command.push_str(&format!(" apply {}", shell_quote(shown)));
    if let Some(root) = &args.root {
        command.push_str(&format!(
            " --root {}",
            shell_quote(&root.display().to_string())
        ));
    }
    command
}
