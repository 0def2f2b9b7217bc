//! `twprofile auth login`: the PIN flow, or the portal's tokens (`--with-token`).

use serde_json::Value;

use super::warn;
use crate::api::profile::read_profile;
use crate::api::{Client, oauth};
use crate::cli::LoginArgs;
use crate::config::keyring::Store;
use crate::config::{self, Credentials, Environment, Identity};
use crate::error::{Error, Kind};
use crate::output;
use crate::prompt;
use crate::sanitize;
use crate::secret::Secret;
use crate::settings::Settings;
use crate::sign::Signer;
use crate::stderr;

/// Adds an account, by the PIN (`oob`) flow or from the four values the developer portal
/// shows (`--with-token`); the file is written only at the end, under a lock.
pub async fn login(settings: &Settings, args: &LoginArgs, env: &Environment) -> anyhow::Result<()> {
    let path = config::config_path(settings.config.as_deref(), env)?;
    // Read the file and make sure it can be written first: a malformed or unwritable one stops
    // the flow before anything is sent, not after the browser and the PIN.
    let file = config::load(&path)?.unwrap_or_default();
    warn(file.warnings());
    let api_base = config::api_base(env, &file)?;
    if let Some(warning) = config::plain_http_warning(&api_base) {
        return Err(Error::config(format!("refusing to log in: {warning}"))
            .with_hint("the consumer secret and the new token secret would be readable on the way")
            .into());
    }
    config::check_writable(&path)?;
    if settings.verbose() {
        stderr::say(&format!(
            "* config file {}; API base {api_base}",
            path.display()
        ));
    }
    if let Some(name) = &settings.account {
        config::check_account_name(name)?;
    }
    let options = settings.client;
    env.credentials.check_files()?;
    let (credentials, identity) = if args.with_token {
        from_portal(args, env, &api_base, options).await?
    } else {
        pin_flow(args, env, &api_base, options).await?
    };

    // Server text names the account in the config file only when it is a plain handle; else
    // the numeric user id does, so that the tokens just issued are not thrown away.
    let name = match (&settings.account, &identity.screen_name, &identity.user_id) {
        (Some(name), _, _) => name.clone(),
        (None, Some(handle), _) => handle.clone(),
        (None, None, Some(id)) => id.clone(),
        (None, None, None) => {
            return Err(Error::new(
                Kind::Failure,
                "the API did not say which account this is in a form that can name it",
            )
            .with_hint("name it with `twprofile auth login --account NAME`")
            .into());
        }
    };
    let (warnings, store) = save(&path, &file, &name, &credentials, &identity, args)?;
    warn(&warnings);

    let kept = match store {
        Some(Store::Keyutils) => format!(
            "; its secrets are in {} (kept in memory: until reboot, or three days unused)",
            Store::Keyutils.describe()
        ),
        Some(store) => format!("; its secrets are in {}", store.describe()),
        None => String::new(),
    };
    settings.printer.note(&format!(
        "Logged in as {}; saved as account '{}' in {}{kept}",
        identity.describe(),
        sanitize::line(&name),
        path.display()
    ));
    settings
        .printer
        .json_only(|| output::saved_account_json(&name, &identity, &path))
}

/// Saves the account: in the config file, or with `--keyring` in the first credential store
/// that keeps what is written to it (the config file then records only which). When none does,
/// nothing is written anywhere (exit 3): never a quiet fall back to the file. An account whose
/// secrets were in a store stays in it unless `--no-keyring`; one whose secrets came from
/// commands is not turned into plain text without `--force`.
fn save(
    path: &std::path::Path,
    file: &config::ConfigFile,
    name: &str,
    credentials: &Credentials,
    identity: &Identity,
    args: &LoginArgs,
) -> Result<(Vec<String>, Option<Store>), Error> {
    let sticky = file.keyring_of(name).filter(|_| !args.no_keyring);
    if let Some(written) = file.keyring_name_of(name)
        && sticky.is_none()
        && !args.no_keyring
        && args.keyring.is_none()
    {
        return Err(Error::config(format!(
            "account '{name}' in {} has keyring = '{}', which is not a credential store; nothing was saved",
            path.display(),
            sanitize::line(written)
        ))
        .with_hint(format!(
            "log in with --keyring=STORE ({}) or --no-keyring to keep the secrets in the file",
            config::keyring::STORE_NAMES.join(", ")
        )));
    }
    let candidates: Vec<Store> = match (args.keyring.as_deref(), sticky) {
        (None, Some(store)) => vec![store],
        (None, None) => {
            let commands = file.commands_of(name);
            if !commands.is_empty() && !args.force {
                return Err(Error::config(format!(
                    "account '{name}' in {} gets secrets from commands ({}); this login would write them into the file in plain text instead; nothing was saved",
                    path.display(),
                    commands.join(", ")
                ))
                .with_hint(
                    "update the secrets where the commands read them; or pass --keyring to keep them in the OS credential store, or --force to write them into the file",
                ));
            }
            return config::save_account(path, name, credentials, identity, args.force, None)
                .map(|warnings| (warnings, None));
        }
        (Some("auto"), _) => Store::available().to_vec(),
        (Some(named), _) => {
            let store = Store::parse(named).ok_or_else(|| {
                Error::usage(format!("--keyring={named}: not a credential store"))
            })?;
            if !Store::available().contains(&store) {
                return Err(Error::usage(format!(
                    "--keyring={named}: {} is not available on this system",
                    store.describe()
                )));
            }
            vec![store]
        }
    };
    let mut failures = Vec::new();
    for store in candidates {
        match config::save_account(path, name, credentials, identity, args.force, Some(store)) {
            Ok(warnings) => return Ok((warnings, Some(store))),
            // The file or the account, not the store, refused: another store would not help.
            Err(error) if config::keyring::did_not_keep(store, &error) => failures.push(error),
            Err(error) => return Err(error),
        }
    }
    let elsewhere = "keep the secrets elsewhere: the config file (--no-keyring), a <key>_command, or TWPROFILE_*_FILE";
    Err(match failures.as_slice() {
        [] => {
            Error::config("this build has no credential store for this system; nothing was saved")
                .with_hint(elsewhere)
        }
        [only] => Error::config(format!("{only}; nothing was saved"))
            .with_hint(only.hint().unwrap_or(elsewhere)),
        several => {
            let reasons = several.iter().map(ToString::to_string).collect::<Vec<_>>();
            let hint = several.iter().find_map(Error::hint).unwrap_or(elsewhere);
            Error::config(format!(
                "no credential store kept the secrets: {}; nothing was saved",
                reasons.join("; ")
            ))
            .with_hint(hint)
        }
    })
}

/// The PIN flow: a request token, the user's authorization in a browser, the PIN, an access
/// token.
async fn pin_flow(
    args: &LoginArgs,
    env: &Environment,
    api_base: &str,
    options: crate::api::Options,
) -> Result<(Credentials, Identity), Error> {
    let consumer_key = consumer(
        &args.consumer_key,
        &env.credentials.consumer_key,
        ("--consumer-key", "TWPROFILE_CONSUMER_KEY"),
        "consumer key (API key)",
        false,
    )?;
    let consumer_secret = consumer_secret(args, env)?;
    let app = Signer::app(consumer_key.clone(), consumer_secret.clone()).with_callback("oob");
    let request = oauth::request_token(&client(api_base, app, options)?)
        .await
        .map_err(|e| {
            let refused = refused("getting a request token", e);
            let bad_app = refused.http_status() == Some(401) || refused.api_codes().contains(&32);
            if bad_app {
                // Only the app signs this request: its key and secret are what is wrong.
                refused.with_hint(
                    "check the consumer key and secret: the app's API key and API key secret in the developer portal (Keys and tokens)",
                )
            } else if refused.api_codes().contains(&415) {
                refused.with_hint(
                    "the PIN flow still needs a callback URL in the app's user authentication settings: any URL will do",
                )
            } else {
                refused
            }
        })?;

    stderr::say(&format!(
        "Open this address in a browser, authorize the app, then enter the PIN it shows:\n\n  {api_base}/oauth/authorize?oauth_token={}\n",
        form_urlencoded::byte_serialize(request.token.as_bytes()).collect::<String>()
    ));
    let pin = prompt::ask("PIN", false)?;
    if pin.is_empty() {
        return Err(Error::usage("no PIN given"));
    }

    let signer = Signer::app(consumer_key.clone(), consumer_secret.clone())
        .with_token(Secret::new(request.token), Secret::new(request.secret))
        .with_verifier(&pin);
    let access = oauth::access_token(&client(api_base, signer, options)?)
        .await
        .map_err(|e| {
            refused("exchanging the PIN for an access token", e).with_hint(
                "the PIN may be wrong or expired: run the same `twprofile auth login` again",
            )
        })?;
    let credentials = Credentials {
        consumer_key,
        consumer_secret,
        access_token: access.token,
        access_token_secret: access.secret,
    };
    let identity = Identity {
        screen_name: access.screen_name.filter(|h| is_handle(h)),
        user_id: access.user_id.filter(|id| is_user_id(id)),
    };
    Ok((credentials, identity))
}

/// `--with-token`: the four values from the developer portal, checked with
/// `verify_credentials` before anything is saved. Keys come from flags or the environment;
/// secrets from the environment or stdin, never echoed.
async fn from_portal(
    args: &LoginArgs,
    env: &Environment,
    api_base: &str,
    options: crate::api::Options,
) -> Result<(Credentials, Identity), Error> {
    let key = |flag: &Option<String>, variable: &Option<Secret>, names: (&str, &str)| {
        let (value, source) = match (flag, variable) {
            (Some(value), _) => (Secret::new(value.as_str()), names.0),
            (None, Some(value)) if !value.is_empty() => (value.clone(), names.1),
            _ => {
                return Err(Error::usage(format!(
                    "--with-token needs {} or {}",
                    names.0, names.1
                )));
            }
        };
        if value.is_empty() {
            return Err(Error::usage(format!("{source} is empty")));
        }
        config::check_credential(&value, source)?;
        Ok(value)
    };
    let consumer_key = key(
        &args.consumer_key,
        &env.credentials.consumer_key,
        ("--consumer-key", "TWPROFILE_CONSUMER_KEY"),
    )?;
    let access_token = key(
        &args.access_token,
        &env.credentials.access_token,
        ("--access-token", "TWPROFILE_ACCESS_TOKEN"),
    )?;
    let consumer_secret = consumer_secret(args, env)?;
    let access_token_secret = consumer(
        &None,
        &env.credentials.access_token_secret,
        ("", "TWPROFILE_ACCESS_TOKEN_SECRET"),
        "access token secret",
        true,
    )?;
    let credentials = Credentials {
        consumer_key,
        consumer_secret,
        access_token,
        access_token_secret,
    };
    let current = read_profile(&client(api_base, Signer::user(&credentials), options)?)
        .await
        .map_err(|e| {
            let refused = refused("checking the tokens", e);
            // A hint that names the cause (the access tier, the credits, the clock…) beats the
            // generic one, which is for credentials the API refused.
            let generic = refused.kind == Kind::Auth
                && (refused.api_codes().is_empty()
                    || refused.api_codes().iter().any(|c| matches!(c, 32 | 89 | 215)));
            if generic {
                refused.with_hint(
                    "check the four values against the app's Keys and tokens page in the developer portal",
                )
            } else {
                refused
            }
        })?;
    let text = |key: &str| {
        current
            .user
            .get(key)
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    let identity = Identity {
        screen_name: text("screen_name").filter(|h| is_handle(h)),
        user_id: text("id_str").filter(|id| is_user_id(id)),
    };
    Ok((credentials, identity))
}

fn client(api_base: &str, signer: Signer, options: crate::api::Options) -> Result<Client, Error> {
    // One login makes a request or two, minutes apart: no pool to share.
    Client::new(api_base, signer, options, &crate::api::Pool::default())
        .map_err(|e| Error::new(Kind::Failure, e.to_string()))
}

/// The consumer secret, as both ways of logging in take it.
fn consumer_secret(args: &LoginArgs, env: &Environment) -> Result<Secret, Error> {
    consumer(
        &args.consumer_secret,
        &env.credentials.consumer_secret,
        ("--consumer-secret", "TWPROFILE_CONSUMER_SECRET"),
        "consumer secret (API key secret)",
        true,
    )
}

/// A consumer credential from the flag, else the environment, else a prompt. A value typed at
/// the prompt is trimmed (a stray space is easy to type); one from a flag or a variable is taken
/// as it is, and refused, naming where it came from, when it cannot be a credential.
fn consumer(
    flag: &Option<String>,
    variable: &Option<Secret>,
    (flag_name, variable_name): (&str, &str),
    what: &str,
    secret: bool,
) -> Result<Secret, Error> {
    let (value, source) = match (flag, variable) {
        (Some(value), _) => (Secret::new(value.as_str()), flag_name.to_owned()),
        (None, Some(value)) if !value.is_empty() => (value.clone(), variable_name.to_owned()),
        _ => (
            Secret::new(prompt::ask(what, secret)?),
            format!("the {what}"),
        ),
    };
    if value.is_empty() {
        return Err(Error::usage(format!("no {what} given")));
    }
    config::check_credential(&value, &source)?;
    Ok(value)
}

/// Whether a screen name is a plain handle (letters, digits, underscores), fit to name an
/// account in the config file and to be shown as it is.
fn is_handle(name: &str) -> bool {
    (1..=50).contains(&name.len()) && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// Whether a user id is what X's are: digits.
fn is_user_id(id: &str) -> bool {
    (1..=32).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_digit())
}

/// Any refusal during login is a credentials problem (exit 4), in the server's words.
fn refused(step: &str, error: Error) -> Error {
    let kind = match error.kind {
        Kind::Refused => Kind::Auth,
        other => other,
    };
    error.reword(|m| format!("{step}: {m}")).with_kind(kind)
}
