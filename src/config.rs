//! Where credentials and the API base come from: the config file and the environment.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};

use crate::error::Error;
use crate::secret::Secret;

/// The largest config file read; a file with a hundred accounts is a few kilobytes.
const MAX_CONFIG: u64 = 1024 * 1024;

/// The keys a config file may have at the top, and in an account.
const TOP_KEYS: [&str; 3] = ["default_account", "api_base", "accounts"];
const ACCOUNT_KEYS: [&str; 6] = [
    "consumer_key",
    "consumer_secret",
    "access_token",
    "access_token_secret",
    "screen_name",
    "user_id",
];

/// The API base when neither `TWPROFILE_API_BASE` nor `api_base` says otherwise.
pub const DEFAULT_API_BASE: &str = "https://api.x.com";

const ENV_CREDENTIALS: [&str; 4] = [
    "TWPROFILE_CONSUMER_KEY",
    "TWPROFILE_CONSUMER_SECRET",
    "TWPROFILE_ACCESS_TOKEN",
    "TWPROFILE_ACCESS_TOKEN_SECRET",
];

const LOGIN_HINT: &str = "run `twprofile auth login`, or set TWPROFILE_CONSUMER_KEY, TWPROFILE_CONSUMER_SECRET, TWPROFILE_ACCESS_TOKEN and TWPROFILE_ACCESS_TOKEN_SECRET";

/// The `TWPROFILE_*` variables, read once so the rest of the code (and its tests) never touch
/// the process environment.
#[derive(Clone, Debug, Default)]
pub struct Environment {
    /// `TWPROFILE_CONFIG`, a path as the system gives it.
    pub config: Option<PathBuf>,
    /// `TWPROFILE_ACCOUNT`
    pub account: Option<String>,
    /// `TWPROFILE_API_BASE`
    pub api_base: Option<String>,
    /// The four credential variables, in [`ENV_CREDENTIALS`] order; set-but-empty is kept.
    pub credentials: [Option<Secret>; 4],
}

impl Environment {
    /// Reads the variables of this process. A value that is not UTF-8 is kept with U+FFFD in
    /// place of the bad bytes, so that it is refused by name rather than taken for unset.
    pub fn from_process() -> Self {
        let var = |name: &str| std::env::var_os(name).map(|v| v.to_string_lossy().into_owned());
        let non_empty = |name: &str| var(name).filter(|v| !v.is_empty());
        Environment {
            config: std::env::var_os("TWPROFILE_CONFIG")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from),
            account: non_empty("TWPROFILE_ACCOUNT"),
            api_base: non_empty("TWPROFILE_API_BASE"),
            credentials: ENV_CREDENTIALS.map(|name| var(name).map(Secret::new)),
        }
    }
}

/// The four OAuth 1.0a user-context credentials.
#[derive(Clone, Debug)]
pub struct Credentials {
    /// The app's API key.
    pub consumer_key: Secret,
    /// The app's API key secret.
    pub consumer_secret: Secret,
    /// The user's access token.
    pub access_token: Secret,
    /// The user's access token secret.
    pub access_token_secret: Secret,
}

/// Everything a command needs to reach the API as one user.
#[derive(Clone, Debug)]
pub struct Session {
    /// The account name, or `None` when the credentials came from the environment.
    pub account: Option<String>,
    /// The config file consulted (it may not exist when credentials came from the environment).
    pub config_path: PathBuf,
    /// Signing credentials.
    pub credentials: Credentials,
    /// Scheme, host, optional port and path prefix, without a trailing slash.
    pub api_base: String,
    /// Things the user should know that do not stop the command, for stderr.
    pub warnings: Vec<String>,
    /// The handle recorded with the account, if any: for summaries of answers that carry none.
    pub screen_name: Option<String>,
}

/// The config file as written on disk.
///
/// Every value is read through a type whose errors never quote it: a secret pasted in the wrong
/// place must not end up in an error message.
#[derive(Debug, Default, Deserialize)]
pub struct ConfigFile {
    /// Found while reading the file (loose permissions, unknown keys); not part of the TOML.
    #[serde(skip)]
    warnings: Vec<String>,
    #[serde(default, deserialize_with = "text")]
    default_account: Option<String>,
    #[serde(default, deserialize_with = "text")]
    api_base: Option<String>,
    #[serde(default, deserialize_with = "accounts")]
    accounts: BTreeMap<String, AccountEntry>,
    #[serde(flatten)]
    unknown: BTreeMap<String, IgnoredAny>,
}

impl ConfigFile {
    /// Account names, sorted.
    pub fn account_names(&self) -> Vec<&str> {
        self.accounts.keys().map(String::as_str).collect()
    }

    /// The account used when none is named: `default_account`, else the only one.
    pub fn default_account(&self) -> Option<&str> {
        match &self.default_account {
            Some(name) => Some(name),
            None if self.accounts.len() == 1 => self.accounts.keys().next().map(String::as_str),
            None => None,
        }
    }

    /// Whether an account of that name exists.
    pub fn has_account(&self, name: &str) -> bool {
        self.accounts.contains_key(name)
    }

    /// Warnings found while reading it, for stderr.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// The user an account was saved for, as recorded with it.
    pub fn identity(&self, name: &str) -> Identity {
        self.accounts
            .get(name)
            .map(|entry| Identity {
                screen_name: entry.screen_name.clone(),
                user_id: entry.user_id.clone(),
            })
            .unwrap_or_default()
    }
}

/// Which X user an account belongs to, as far as it is known.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Identity {
    /// The handle, without `@`.
    pub screen_name: Option<String>,
    /// The numeric user id, as a string.
    pub user_id: Option<String>,
}

impl Identity {
    /// Whether `other` may be another user than the one recorded here: a different id (or,
    /// without ids, a different handle), or no way to tell whose it is while this one is known.
    pub fn differs_from(&self, other: &Identity) -> bool {
        let known = |i: &Identity| i.user_id.is_some() || i.screen_name.is_some();
        if known(self) && !known(other) {
            return true;
        }
        match (&self.user_id, &other.user_id) {
            (Some(a), Some(b)) => a != b,
            _ => match (&self.screen_name, &other.screen_name) {
                (Some(a), Some(b)) => !a.eq_ignore_ascii_case(b),
                _ => false,
            },
        }
    }

    /// `@handle`, else `user 1234`, else `an unknown user`.
    pub fn describe(&self) -> String {
        match (&self.screen_name, &self.user_id) {
            (Some(handle), _) => format!("@{handle}"),
            (None, Some(id)) => format!("user {id}"),
            (None, None) => "an unknown user".to_owned(),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
struct AccountEntry {
    consumer_key: Option<Secret>,
    consumer_secret: Option<Secret>,
    access_token: Option<Secret>,
    access_token_secret: Option<Secret>,
    #[serde(default, deserialize_with = "text")]
    screen_name: Option<String>,
    #[serde(default, deserialize_with = "text")]
    user_id: Option<String>,
    #[serde(flatten)]
    unknown: BTreeMap<String, IgnoredAny>,
}

/// A string value, refused without being quoted when it is anything else.
fn text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    Secret::deserialize(deserializer).map(|value| Some(value.expose().to_owned()))
}

/// `[accounts.NAME]` tables; anything else is refused without being quoted.
fn accounts<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<BTreeMap<String, AccountEntry>, D::Error> {
    struct Tables;
    impl<'de> Visitor<'de> for Tables {
        type Value = BTreeMap<String, AccountEntry>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a table of accounts")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut accounts = BTreeMap::new();
            while let Some((name, Table(entry))) = map.next_entry::<String, Table>()? {
                accounts.insert(name, entry);
            }
            Ok(accounts)
        }
    }
    deserializer.deserialize_any(NoEcho(
        Tables,
        "`accounts` must be a table of [accounts.NAME] tables",
    ))
}

/// One `[accounts.NAME]` table.
struct Table(AccountEntry);

impl<'de> Deserialize<'de> for Table {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Entry;
        impl<'de> Visitor<'de> for Entry {
            type Value = Table;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an account table")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Table, A::Error> {
                AccountEntry::deserialize(de::value::MapAccessDeserializer::new(map)).map(Table)
            }
        }
        deserializer.deserialize_any(NoEcho(
            Entry,
            "each account must be a table: [accounts.NAME] with consumer_key = \"…\" and so on",
        ))
    }
}

/// A visitor that takes only tables, and says `refusal` (never the value) for anything else.
struct NoEcho<V>(V, &'static str);

impl<'de, V: Visitor<'de>> Visitor<'de> for NoEcho<V> {
    type Value = V::Value;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.expecting(f)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.0.visit_map(map)
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<V::Value, E> {
        Err(E::custom(self.1))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<V::Value, E> {
        Err(E::custom(self.1))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<V::Value, E> {
        Err(E::custom(self.1))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<V::Value, E> {
        Err(E::custom(self.1))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<V::Value, E> {
        Err(E::custom(self.1))
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, _: A) -> Result<V::Value, A::Error> {
        Err(de::Error::custom(self.1))
    }
}

/// A warning for each key the file has that nothing reads, with the closest known key.
fn unknown_key_warnings(file: &ConfigFile, shown: &str) -> Vec<String> {
    let warn = |key: &str, place: String, known: &[&str]| {
        let close = known
            .iter()
            .map(|k| (strsim::jaro_winkler(key, k), *k))
            .filter(|(score, _)| *score >= 0.8)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, k)| format!("; did you mean '{k}'?"))
            .unwrap_or_default();
        // A key that does not look like one may be a secret pasted in the wrong place.
        let looks_like_a_key = key.len() <= 32
            && key
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        let named = if looks_like_a_key {
            format!("'{key}'")
        } else {
            "(not shown: it may be a secret)".to_owned()
        };
        format!("unknown key {named} {place} in {shown} is ignored{close}")
    };
    let mut warnings: Vec<String> = file
        .unknown
        .keys()
        .map(|key| warn(key, "at the top level".to_owned(), &TOP_KEYS))
        .collect();
    for (name, entry) in &file.accounts {
        warnings.extend(
            entry
                .unknown
                .keys()
                .map(|key| warn(key, format!("in [accounts.{name}]"), &ACCOUNT_KEYS)),
        );
    }
    warnings
}

/// The config file path: `--config`, else `TWPROFILE_CONFIG`, else the platform config dir.
pub fn config_path(flag: Option<&Path>, env: &Environment) -> Result<PathBuf, Error> {
    if let Some(path) = flag {
        return Ok(path.to_owned());
    }
    if let Some(path) = &env.config {
        return Ok(path.clone());
    }
    directories::ProjectDirs::from("", "", "twprofile")
        .map(|dirs| dirs.config_dir().join("config.toml"))
        .ok_or_else(|| {
            Error::config("cannot find a home directory for the config file")
                .with_hint("pass --config PATH or set TWPROFILE_CONFIG")
        })
}

/// Reads and parses the config file; `Ok(None)` when there is none.
pub fn load(path: &Path) -> Result<Option<ConfigFile>, Error> {
    let Some(text) = read_text(path)? else {
        return Ok(None);
    };
    let mut file = parse_at(path, &text)?;
    file.warnings.extend(permission_warning(path));
    let shown = path.display().to_string();
    file.warnings.extend(unknown_key_warnings(&file, &shown));
    Ok(Some(file))
}

/// [`parse`], with the error naming the file.
fn parse_at(path: &Path, text: &str) -> Result<ConfigFile, Error> {
    parse(text).map_err(|(line, column, message)| {
        Error::config(format!(
            "malformed config file {} at line {line}, column {column}: {message}",
            path.display()
        ))
    })
}

/// The text of the config file, `None` when there is none. Anything but a regular file (a FIFO
/// that would block, a device, a directory) is refused before it is opened, and at most
/// [`MAX_CONFIG`] bytes are read.
fn read_text(path: &Path) -> Result<Option<String>, Error> {
    let shown = path.display();
    let cannot = |e: std::io::Error| {
        Error::config(format!(
            "cannot read config file {shown}: {}",
            crate::input::reason(&e)
        ))
    };
    match std::fs::metadata(path) {
        Ok(meta) => check_regular(path, &meta)?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(cannot(e)),
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        // Never block on open, should the path have become a FIFO since it was looked at.
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = match options.open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(cannot(e)),
    };
    check_regular(path, &file.metadata().map_err(cannot)?)?;
    let mut bytes = Vec::new();
    file.take(MAX_CONFIG + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > MAX_CONFIG {
        return Err(Error::config(format!(
            "config file {shown} is over {} MiB; it cannot be a twprofile config",
            MAX_CONFIG >> 20
        )));
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| Error::config(format!("config file {shown} is not valid UTF-8")))
}

fn check_regular(path: &Path, meta: &std::fs::Metadata) -> Result<(), Error> {
    if meta.is_file() {
        return Ok(());
    }
    let what = if meta.is_dir() {
        "a directory"
    } else {
        file_kind(meta)
    };
    Err(Error::config(format!(
        "config file {} is {what}, not a regular file",
        path.display()
    ))
    .with_hint("point --config or TWPROFILE_CONFIG at a regular file"))
}

#[cfg(unix)]
fn file_kind(meta: &std::fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let kind = meta.file_type();
    if kind.is_fifo() {
        "a FIFO"
    } else if kind.is_char_device() {
        "a character device"
    } else if kind.is_block_device() {
        "a block device"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "not a file"
    }
}

#[cfg(not(unix))]
fn file_kind(_: &std::fs::Metadata) -> &'static str {
    "not a file"
}

/// A warning when the file holding the secrets can be read by group or others.
#[cfg(unix)]
fn permission_warning(path: &Path) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path).ok()?.permissions().mode() & 0o777;
    (mode & 0o077 != 0).then(|| {
        format!(
            "config file {} is accessible to group or others (mode {mode:04o}); fix it with: chmod 600 {}",
            path.display(),
            shell_quote(&path.display().to_string())
        )
    })
}

#[cfg(not(unix))]
fn permission_warning(_: &Path) -> Option<String> {
    None
}

/// A path as a shell word: bare when it is plain, else single-quoted.
fn shell_quote(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/._-+,:@%=".contains(&b));
    if plain {
        text.to_owned()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

/// Reads the config file, which must exist: a missing one says how to create it.
pub fn load_required(path: &Path) -> Result<ConfigFile, Error> {
    load(path)?.ok_or_else(|| {
        let hint = match config_flag_for(path).as_str() {
            "" => LOGIN_HINT.to_owned(),
            flag => LOGIN_HINT.replace(
                "`twprofile auth login`",
                &format!("`twprofile auth login{flag}`"),
            ),
        };
        Error::config(format!("no config file at {}", path.display())).with_hint(hint)
    })
}

/// Parses config text; errors give line, column and the parser's message but never the text
/// itself, which may hold a secret.
pub fn parse(text: &str) -> Result<ConfigFile, (usize, usize, String)> {
    toml::from_str(text).map_err(|e| {
        let at = e.span().map_or(0, |span| span.start.min(text.len()));
        let before = &text[..crate::sanitize::floor_char_boundary(text, at)];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        let message = e.message().replace('\n', " ").trim().to_owned();
        (line, column, message)
    })
}

/// Picks the credentials and API base for this run.
pub fn resolve(
    config_flag: Option<&Path>,
    account_flag: Option<&str>,
    env: &Environment,
) -> Result<Session, Error> {
    let config_path = config_path(config_flag, env)?;
    let shown = config_path.display().to_string();

    if env.credentials[2].is_some() {
        // CI: the environment carries the credentials; the file, when present, may still set
        // api_base.
        let credentials = credentials_from_env(env)?;
        let file = load(&config_path)?.unwrap_or_default();
        let api_base = api_base(env, &file)?;
        let mut warnings = file.warnings;
        warnings.extend(plain_http_warning(&api_base));
        warnings.extend(account_flag.map(|name| {
            format!("--account {name} is ignored: TWPROFILE_ACCESS_TOKEN is set, so the credentials come from the environment")
        }));
        return Ok(Session {
            account: None,
            config_path,
            credentials,
            api_base,
            warnings,
            screen_name: None,
        });
    }

    let file = load_required(&config_path)?;
    let chosen = account_flag
        .map(|name| (name.to_owned(), "--account"))
        .or_else(|| env.account.clone().map(|name| (name, "TWPROFILE_ACCOUNT")))
        .or_else(|| {
            file.default_account
                .clone()
                .map(|name| (name, "default_account"))
        })
        .or_else(|| file.default_account().map(|name| (name.to_owned(), "")));
    let Some((name, source)) = chosen else {
        return Err(if file.accounts.is_empty() {
            Error::config(format!("no accounts in {shown}")).with_hint(LOGIN_HINT)
        } else {
            Error::config(format!(
                "{shown} has several accounts ({}) and no default_account",
                file.account_names().join(", ")
            ))
            .with_hint(
                "pass --account NAME, or pick a default with `twprofile accounts default NAME`",
            )
        });
    };
    let entry = file.accounts.get(&name).ok_or_else(|| {
        let error = unknown_account(&name, &config_path, &file);
        match source {
            "" => error,
            source => error.reword(|m| format!("{m}; the name came from {source}")),
        }
    })?;
    let key = |value: &Option<Secret>, key: &str| {
        let value = value.clone().filter(|v| !v.is_empty()).ok_or_else(|| {
            Error::config(format!("account '{name}' in {shown} has no {key}")).with_hint(format!(
                "run `twprofile auth login --account {}{}`",
                shell_quote(&name),
                config_flag_for(&config_path)
            ))
        })?;
        check_credential(&value, &format!("{key} of account '{name}' in {shown}"))?;
        Ok::<_, Error>(value)
    };
    let credentials = Credentials {
        consumer_key: key(&entry.consumer_key, "consumer_key")?,
        consumer_secret: key(&entry.consumer_secret, "consumer_secret")?,
        access_token: key(&entry.access_token, "access_token")?,
        access_token_secret: key(&entry.access_token_secret, "access_token_secret")?,
    };
    let api_base = api_base(env, &file)?;
    let screen_name = file.identity(&name).screen_name;
    let mut warnings = file.warnings;
    warnings.extend(plain_http_warning(&api_base));
    Ok(Session {
        account: Some(name),
        config_path,
        credentials,
        api_base,
        warnings,
        screen_name,
    })
}

/// The error for an account name the file does not have: it lists the ones it has.
pub fn unknown_account(name: &str, path: &Path, file: &ConfigFile) -> Error {
    let names = file.account_names();
    let known = if names.is_empty() {
        "it has none".to_owned()
    } else {
        format!("it has {}", names.join(", "))
    };
    // Close: one edit away (a swapped pair counts as one), or alike by Jaro-Winkler.
    let close = names
        .iter()
        .map(|known| {
            let score = if strsim::osa_distance(name, known) <= 1 {
                1.0
            } else {
                strsim::jaro_winkler(name, known)
            };
            (score, *known)
        })
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, known)| known);
    let error = Error::config(format!(
        "no account named '{name}' in {} ({known})",
        path.display()
    ));
    match close {
        Some(close) => error.with_hint(format!("did you mean '{close}'?")),
        None => error.with_hint(format!(
            "run `twprofile auth login --account {name}{}` to add it",
            config_flag_for(path)
        )),
    }
}

/// ` --config PATH` when `path` is not where the tool looks by default, so that a hint's
/// command acts on the same file.
fn config_flag_for(path: &Path) -> String {
    let default = directories::ProjectDirs::from("", "", "twprofile")
        .map(|dirs| dirs.config_dir().join("config.toml"));
    if default.as_deref() == Some(path) {
        String::new()
    } else {
        format!(" --config {}", shell_quote(&path.display().to_string()))
    }
}

fn credentials_from_env(env: &Environment) -> Result<Credentials, Error> {
    let missing: Vec<&str> = ENV_CREDENTIALS
        .iter()
        .zip(&env.credentials)
        .filter(|(_, value)| value.as_ref().is_none_or(Secret::is_empty))
        .map(|(name, _)| *name)
        .collect();
    if !missing.is_empty() {
        // The token itself may be the empty one: a CI secret that did not expand.
        let why = if missing.contains(&"TWPROFILE_ACCESS_TOKEN") {
            "TWPROFILE_ACCESS_TOKEN is set but empty (a CI secret that did not expand?)".to_owned()
        } else {
            "TWPROFILE_ACCESS_TOKEN is set, so credentials come from the environment".to_owned()
        };
        let others: Vec<&str> = missing
            .iter()
            .copied()
            .filter(|name| *name != "TWPROFILE_ACCESS_TOKEN")
            .collect();
        let message = match others.as_slice() {
            [] => why,
            [one] => format!("{why}, but {one} is unset or empty"),
            many => format!("{why}, but {} are unset or empty", many.join(", ")),
        };
        return Err(Error::config(message)
        .with_hint("set all four TWPROFILE_* credential variables, or unset TWPROFILE_ACCESS_TOKEN to use the config file"));
    }
    for (name, value) in ENV_CREDENTIALS.iter().zip(&env.credentials) {
        check_credential(value.as_ref().unwrap_or(&Secret::default()), name)?;
    }
    let [ck, cs, at, ats] = env.credentials.clone().map(Option::unwrap_or_default);
    Ok(Credentials {
        consumer_key: ck,
        consumer_secret: cs,
        access_token: at,
        access_token_secret: ats,
    })
}

/// Refuses a credential that cannot be what the developer portal showed: one with whitespace at
/// either end (a pasted newline is the usual one) or a control character. `what` names where it
/// came from; the value itself is never shown.
pub fn check_credential(value: &Secret, what: &str) -> Result<(), Error> {
    let text = value.expose();
    let problem = if text.trim() != text {
        "starts or ends with whitespace (often a newline kept when it was pasted)"
    } else if text.chars().any(char::is_control) {
        "contains a control character"
    } else if text.chars().any(crate::sanitize::is_invisible) {
        "contains an invisible character (a BOM or a zero-width space, say)"
    } else if text.contains('\u{FFFD}') {
        "is not valid UTF-8"
    } else {
        return Ok(());
    };
    Err(Error::config(format!("{what} {problem}"))
        .with_hint("set it again to exactly the value the developer portal shows"))
}

/// A warning for a plain `http://` base on another machine: the signed requests, the tokens and
/// the profile would cross the network in clear.
pub fn plain_http_warning(api_base: &str) -> Option<String> {
    let url = reqwest::Url::parse(api_base).ok()?;
    if url.scheme() != "http" || is_loopback(&url) {
        return None;
    }
    Some(format!(
        "API base {api_base} is plain http:// to another machine: requests, tokens and the profile cross the network unencrypted; use https://"
    ))
}

fn is_loopback(url: &reqwest::Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    match host.parse::<std::net::IpAddr>() {
        Ok(ip) => ip.is_loopback(),
        // `*.localhost` and `localhost.` may go to DNS; only the name the hosts file answers
        // counts.
        Err(_) => host.eq_ignore_ascii_case("localhost"),
    }
}

/// The API base: `TWPROFILE_API_BASE`, else `api_base` in the file, else the default.
pub fn api_base(env: &Environment, file: &ConfigFile) -> Result<String, Error> {
    let (raw, from) = match (&env.api_base, &file.api_base) {
        (Some(base), _) => (base.as_str(), "TWPROFILE_API_BASE"),
        (None, Some(base)) => (base.as_str(), "api_base in the config file"),
        (None, None) => (DEFAULT_API_BASE, "the default"),
    };
    let bad = || {
        // A malformed base may still hold a password: show it only when it cannot.
        let shown = if raw.contains('@') {
            String::new()
        } else {
            format!("'{raw}' ")
        };
        Error::config(format!(
            "API base {shown}({from}) is not an http:// or https:// URL"
        ))
    };
    let url = reqwest::Url::parse(raw).map_err(|_| bad())?;
    if !matches!(url.scheme(), "http" | "https")
        || url.host_str().is_none()
        || url.query().is_some()
        || url.fragment().is_some()
    {
        return Err(bad());
    }
    if !url.username().is_empty() || url.password().is_some() {
        // Said without the URL: the part that is wrong is a password.
        return Err(Error::config(format!(
            "API base ({from}) carries a user name or password; twprofile signs every request and sends no other credentials"
        ))
        .with_hint("remove the `user:password@` part"));
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

/// Adds or replaces account `name` in the config file at `path`, keeping every other account,
/// key and comment. The first account saved becomes `default_account`; when the file held one
/// account and no default, that account becomes the default so that adding a second one does not
/// change what a bare command acts as.
///
/// An account recorded for another user than `identity` is refused unless `force`: re-running a
/// login under the wrong name must not hand one user's account name to another.
pub fn save_account(
    path: &Path,
    name: &str,
    credentials: &Credentials,
    identity: &Identity,
    force: bool,
) -> Result<(), Error> {
    edit(path, |doc| {
        if let Some(table) = doc
            .get("accounts")
            .and_then(|a| a.get(name))
            .and_then(toml_edit::Item::as_table_like)
        {
            let recorded = Identity {
                screen_name: table
                    .get("screen_name")
                    .and_then(toml_edit::Item::as_str)
                    .map(str::to_owned),
                user_id: table
                    .get("user_id")
                    .and_then(toml_edit::Item::as_str)
                    .map(str::to_owned),
            };
            if !force && recorded.differs_from(identity) {
                return Err(Error::config(format!(
                    "account '{name}' in {} belongs to {}, but these tokens are {}'s",
                    path.display(),
                    recorded.describe(),
                    identity.describe()
                ))
                .with_hint(format!(
                    "save it under another name with --account, or pass --force to give '{name}' to {}",
                    identity.describe()
                )));
            }
        }
        let had_default = doc.get("default_account").is_some();
        let accounts = doc
            .entry("accounts")
            .or_insert_with(|| {
                let mut table = toml_edit::Table::new();
                table.set_implicit(true);
                toml_edit::Item::Table(table)
            })
            .as_table_mut()
            .ok_or_else(|| {
                Error::config(format!("`accounts` in {} is not a table", path.display()))
            })?;
        let existing: Vec<String> = accounts.iter().map(|(k, _)| k.to_owned()).collect();
        let mut entry = toml_edit::Table::new();
        entry["consumer_key"] = toml_edit::value(credentials.consumer_key.expose());
        entry["consumer_secret"] = toml_edit::value(credentials.consumer_secret.expose());
        entry["access_token"] = toml_edit::value(credentials.access_token.expose());
        entry["access_token_secret"] = toml_edit::value(credentials.access_token_secret.expose());
        if let Some(handle) = &identity.screen_name {
            entry["screen_name"] = toml_edit::value(handle.as_str());
        }
        if let Some(id) = &identity.user_id {
            entry["user_id"] = toml_edit::value(id.as_str());
        }
        match accounts
            .get_mut(name)
            .and_then(toml_edit::Item::as_table_mut)
        {
            // Replace the keys in place, so comments and any other keys in the table stay; a
            // recorded identity the new tokens do not confirm goes.
            Some(table) => {
                table.remove("screen_name");
                table.remove("user_id");
                for (key, value) in entry.iter() {
                    table[key] = value.clone();
                }
            }
            None => {
                accounts.insert(name, toml_edit::Item::Table(entry));
            }
        }
        if !had_default {
            let others: Vec<&String> = existing.iter().filter(|k| k.as_str() != name).collect();
            let default = match others.as_slice() {
                [] => Some(name.to_owned()),
                [only] => Some((*only).clone()),
                _ => None,
            };
            if let Some(default) = default {
                set_top_level(doc, "default_account", &default);
            }
        }
        Ok(())
    })
}

/// Refuses an account name that would be awkward to type or misleading to show: empty, or with
/// whitespace or control characters.
pub fn check_account_name(name: &str) -> Result<(), Error> {
    if name.is_empty() || name.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(Error::usage(format!(
            "'{name}' cannot name an account: use letters, digits, '-', '_' or '.'"
        )));
    }
    Ok(())
}

/// Removes account `name` from the config file, and `default_account` when it named it,
/// keeping everything else.
pub fn remove_account(path: &Path, name: &str) -> Result<(), Error> {
    edit(path, |doc| {
        let removed = doc
            .get_mut("accounts")
            .and_then(toml_edit::Item::as_table_like_mut)
            .and_then(|accounts| accounts.remove(name));
        if removed.is_none() {
            return Err(Error::config(format!(
                "no account named '{name}' in {}",
                path.display()
            )));
        }
        if doc.get("default_account").and_then(toml_edit::Item::as_str) == Some(name) {
            doc.remove("default_account");
        }
        Ok(())
    })
}

/// Renames account `old` to `new` in place (its comments and keys kept), and
/// `default_account` with it when it named `old`.
pub fn rename_account(path: &Path, old: &str, new: &str) -> Result<(), Error> {
    edit(path, |doc| {
        let shown = path.display();
        let accounts = doc
            .get_mut("accounts")
            .and_then(toml_edit::Item::as_table_mut)
            .ok_or_else(|| Error::config(format!("no account named '{old}' in {shown}")))?;
        if old == new {
            return Err(Error::usage(format!("'{old}' is already called '{new}'")));
        }
        if accounts.contains_key(new) {
            return Err(
                Error::config(format!("{shown} already has an account named '{new}'")).with_hint(
                    format!(
                        "pick another name, or remove that account first with `twprofile auth logout -a {}{}`",
                        shell_quote(new),
                        config_flag_for(path)
                    ),
                ),
            );
        }
        let Some(mut item) = accounts.remove(old) else {
            return Err(Error::config(format!(
                "no account named '{old}' in {shown}"
            )));
        };
        // Where the table stood in the file, so that it stays there under its new name.
        let position = item.as_table().and_then(toml_edit::Table::position);
        if let (Some(table), Some(position)) = (item.as_table_mut(), position) {
            table.set_position(Some(position));
        }
        accounts.insert(new, item);
        if doc.get("default_account").and_then(toml_edit::Item::as_str) == Some(old) {
            set_top_level(doc, "default_account", new);
        }
        Ok(())
    })
}

/// Sets `default_account` in the config file at `path`, keeping everything else.
pub fn set_default_account(path: &Path, name: &str) -> Result<(), Error> {
    edit(path, |doc| {
        // Checked again under the lock: a logout may have removed it since it was looked up.
        let exists = doc
            .get("accounts")
            .and_then(|a| a.get(name))
            .is_some_and(toml_edit::Item::is_table_like);
        if !exists {
            return Err(Error::config(format!(
                "no account named '{name}' in {}",
                path.display()
            )));
        }
        set_top_level(doc, "default_account", name);
        Ok(())
    })
}

/// Sets a top-level key so that it lands above the first table, where TOML needs it.
fn set_top_level(doc: &mut toml_edit::DocumentMut, key: &str, value: &str) {
    match doc.get_mut(key).and_then(toml_edit::Item::as_value_mut) {
        Some(existing) => {
            let decor = existing.decor().clone();
            *existing = toml_edit::Value::from(value);
            *existing.decor_mut() = decor;
        }
        None => {
            doc.insert(key, toml_edit::value(value));
        }
    }
}

/// Reads, changes and atomically rewrites the config file with mode 0600, creating it and its
/// directory when missing. A file that is a symlink is written through to its target.
fn edit(
    path: &Path,
    change: impl FnOnce(&mut toml_edit::DocumentMut) -> Result<(), Error>,
) -> Result<(), Error> {
    let shown = path.display();
    let (target, dir) = target_and_dir(path)?;
    // Held from the read to the rename, so that concurrent edits (several logins at once) each
    // see the one before and none is lost.
    let _lock = lock(&target, &dir)?;
    let text = read_text(&target)?.unwrap_or_default();
    // Check with the same parser that reads the file, for the same error messages.
    parse_at(path, &text)?;
    let mut doc: toml_edit::DocumentMut = text
        .parse()
        .map_err(|_| Error::config(format!("malformed config file {shown}")))?;
    change(&mut doc)?;

    let write = || -> std::io::Result<()> {
        use std::io::Write;
        // NamedTempFile is created with mode 0600 on Unix, in the same directory so the rename
        // is atomic.
        let mut temp = tempfile::NamedTempFile::new_in(&dir)?;
        temp.write_all(doc.to_string().as_bytes())?;
        temp.as_file().sync_all()?;
        temp.persist(&target).map_err(|e| e.error)?;
        Ok(())
    };
    write().map_err(|e| {
        Error::config(format!(
            "cannot write config file {shown}: {}",
            crate::input::reason(&e)
        ))
    })
}

/// Checks, before any request is made, that the config file can be written: it is a regular file
/// or absent, and its directory exists (or can be made) and takes new files. `auth login` calls
/// this first, so that a path it cannot write is found before the browser and the PIN.
pub fn check_writable(path: &Path) -> Result<(), Error> {
    let (target, dir) = target_and_dir(path)?;
    if let Ok(meta) = std::fs::metadata(&target) {
        check_regular(path, &meta)?;
    }
    tempfile::NamedTempFile::new_in(&dir)
        .map(drop)
        .map_err(|e| {
            Error::config(format!(
                "cannot write config file {}: {}",
                path.display(),
                crate::input::reason(&e)
            ))
        })
}

/// The file that is really written (a symlink's target) and its directory, made if missing.
fn target_and_dir(path: &Path) -> Result<(PathBuf, PathBuf), Error> {
    let target = link_target(path);
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_owned(),
        _ => PathBuf::from("."),
    };
    create_private_dir(&dir).map_err(|e| {
        Error::config(format!(
            "cannot create {}: {}",
            dir.display(),
            crate::input::reason(&e)
        ))
    })?;
    Ok((target, dir))
}

/// The file a path names: itself, or what its symlinks lead to, even when the last one points
/// at a file not made yet (so that the first write goes through the link, not over it).
fn link_target(path: &Path) -> PathBuf {
    if let Ok(real) = std::fs::canonicalize(path) {
        return real;
    }
    let mut current = path.to_owned();
    // As many hops as the kernel follows before it gives up on a loop.
    for _ in 0..40 {
        match std::fs::read_link(&current) {
            Ok(next) => {
                current = match current.parent() {
                    Some(dir) if next.is_relative() => dir.join(next),
                    _ => next,
                }
            }
            Err(_) => return current,
        }
    }
    path.to_owned()
}

/// An exclusive lock on `<file>.lock` beside the config file, released when dropped. The config
/// file itself cannot be locked: each edit replaces it with a new file.
fn lock(target: &Path, dir: &Path) -> Result<std::fs::File, Error> {
    let mut name = target.file_name().unwrap_or_default().to_owned();
    name.push(".lock");
    let path = dir.join(name);
    let mut options = std::fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600).custom_flags(libc::O_NONBLOCK);
    }
    let cannot = |e: std::io::Error| {
        Error::config(format!(
            "cannot lock {}: {}",
            path.display(),
            crate::input::reason(&e)
        ))
    };
    let file = options.open(&path).map_err(cannot)?;
    check_regular(&path, &file.metadata().map_err(cannot)?)?;
    file.lock().map_err(cannot)?;
    Ok(file)
}

fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn creds(suffix: &str) -> Credentials {
        Credentials {
            consumer_key: Secret::new(format!("ck-{suffix}")),
            consumer_secret: Secret::new(format!("cs-{suffix}")),
            access_token: Secret::new(format!("at-{suffix}")),
            access_token_secret: Secret::new(format!("ats-{suffix}")),
        }
    }

    #[test]
    fn saving_into_a_new_file_makes_the_default_and_a_private_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new/dir/config.toml");
        save_account(&path, "alice", &creds("a"), &Identity::default(), false).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("default_account = \"alice\""), "{text}");
        let session = resolve(Some(&path), None, &Environment::default()).unwrap();
        assert_eq!(session.credentials.access_token.expose(), "at-a");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
            let dir_mode = std::fs::metadata(path.parent().unwrap())
                .unwrap()
                .permissions()
                .mode()
                & 0o777;
            assert_eq!(dir_mode, 0o700);
        }
    }

    #[test]
    fn saving_keeps_comments_other_accounts_and_keys() {
        let dir = tempfile::tempdir().unwrap();
        let original = "# my twprofile config\napi_base = \"http://127.0.0.1:1\"  # the proxy\n\n[accounts.alice] # main\nconsumer_key = \"ck-a\"\nconsumer_secret = \"cs-a\"\naccess_token = \"at-a\"\naccess_token_secret = \"ats-a\"\nnote = \"kept\"\n";
        let path = write(&dir, original);
        save_account(&path, "bob", &creds("b"), &Identity::default(), false).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("# my twprofile config"), "{text}");
        assert!(text.contains("# the proxy"), "{text}");
        assert!(text.contains("[accounts.alice] # main"), "{text}");
        assert!(text.contains("note = \"kept\""), "{text}");
        assert!(text.contains("[accounts.bob]"), "{text}");
        // Alice was the implicit default; she stays the default.
        let session = resolve(Some(&path), None, &Environment::default()).unwrap();
        assert_eq!(session.account.as_deref(), Some("alice"));
        let bob = resolve(Some(&path), Some("bob"), &Environment::default()).unwrap();
        assert_eq!(bob.credentials.access_token.expose(), "at-b");
        // Logging alice in again replaces her keys and keeps her comment and extra key.
        save_account(&path, "alice", &creds("a2"), &Identity::default(), false).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.contains("[accounts.alice] # main") && text.contains("note = \"kept\""),
            "{text}"
        );
        let alice = resolve(Some(&path), Some("alice"), &Environment::default()).unwrap();
        assert_eq!(alice.credentials.access_token.expose(), "at-a2");
    }

    #[test]
    fn a_malformed_file_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(&dir, "[accounts.alice\n");
        let err = save_account(&path, "bob", &creds("b"), &Identity::default(), false).unwrap_err();
        assert!(err.to_string().contains("at line 1"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "[accounts.alice\n");
    }

    #[test]
    fn the_default_can_be_changed() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(&dir, &format!("default_account = \"alice\" # who\n{ALICE}"));
        save_account(&path, "bob", &creds("b"), &Identity::default(), false).unwrap();
        set_default_account(&path, "bob").unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with("default_account = \"bob\" # who"),
            "{text}"
        );
    }

    fn write(dir: &tempfile::TempDir, text: &str) -> PathBuf {
        let path = dir.path().join("config.toml");
        std::fs::write(&path, text).unwrap();
        path
    }

    const ALICE: &str = r#"
[accounts.alice]
consumer_key = "ck-a"
consumer_secret = "cs-a"
access_token = "at-a"
access_token_secret = "ats-a"
"#;

    #[test]
    fn the_only_account_is_used_without_a_default() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(&dir, ALICE);
        let session = resolve(Some(&path), None, &Environment::default()).unwrap();
        assert_eq!(session.account.as_deref(), Some("alice"));
        assert_eq!(session.credentials.access_token.expose(), "at-a");
        assert_eq!(session.api_base, "https://api.x.com");
    }

    #[test]
    fn malformed_toml_names_the_line_without_echoing_it() {
        let (line, column, message) =
            parse("default_account = \"a\"\n\n[accounts.a]\nconsumer_secret = \"s3cr3t\n")
                .err()
                .unwrap();
        assert_eq!(line, 4);
        assert!(column >= 1);
        assert!(!message.contains("s3cr3t"), "{message}");
    }

    #[test]
    fn several_accounts_need_a_choice() {
        let dir = tempfile::tempdir().unwrap();
        let text = format!("{ALICE}\n{}", ALICE.replace("alice", "bob"));
        let path = write(&dir, &text);
        let err = resolve(Some(&path), None, &Environment::default()).unwrap_err();
        assert!(err.to_string().contains("alice, bob"), "{err}");
        let env = Environment {
            account: Some("bob".into()),
            ..Environment::default()
        };
        let session = resolve(Some(&path), None, &env).unwrap();
        assert_eq!(session.account.as_deref(), Some("bob"));
        // The flag beats the variable.
        let session = resolve(Some(&path), Some("alice"), &env).unwrap();
        assert_eq!(session.account.as_deref(), Some("alice"));
    }

    proptest::proptest! {
        /// Any text parses or fails with a position inside it, never a panic.
        #[test]
        fn any_text_parses_or_reports_a_position(text in "(?s).{0,400}") {
            if let Err((line, column, _)) = parse(&text) {
                proptest::prop_assert!(line >= 1 && line <= text.lines().count().max(1) + 1);
                proptest::prop_assert!(column >= 1);
            }
        }

        /// TOML-shaped text with arbitrary values: same guarantee, closer to real mistakes.
        #[test]
        fn config_like_text_never_panics(
            key in "[a-z_]{1,20}",
            value in "[ -~]{0,40}",
            account in "[a-z]{1,8}",
        ) {
            let text = format!("default_account = \"{account}\"\n[accounts.{account}]\n{key} = {value}\n");
            let _ = parse(&text);
        }
    }

    #[test]
    fn paths_are_quoted_for_the_shell_only_when_needed() {
        assert_eq!(
            shell_quote("/home/a/.config/x.toml"),
            "/home/a/.config/x.toml"
        );
        assert_eq!(shell_quote("/tmp/my dir/it's"), "'/tmp/my dir/it'\\''s'");
    }

    #[cfg(unix)]
    #[test]
    fn loose_permissions_are_warned_about() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = write(&dir, ALICE);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        let session = resolve(Some(&path), None, &Environment::default()).unwrap();
        assert_eq!(session.warnings.len(), 1);
        assert!(
            session.warnings[0].contains("(mode 0640)"),
            "{:?}",
            session.warnings
        );
        assert!(session.warnings[0].contains("chmod 600"));
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        let session = resolve(Some(&path), None, &Environment::default()).unwrap();
        assert!(session.warnings.is_empty());
    }

    #[test]
    fn api_base_is_checked_and_trimmed() {
        let file = ConfigFile {
            api_base: Some("http://127.0.0.1:8080/".into()),
            ..ConfigFile::default()
        };
        assert_eq!(
            api_base(&Environment::default(), &file).unwrap(),
            "http://127.0.0.1:8080"
        );
        let env = Environment {
            api_base: Some("ftp://example.com".into()),
            ..Environment::default()
        };
        assert!(api_base(&env, &file).is_err());
    }

    #[test]
    fn environment_credentials_name_the_missing_variable() {
        let mut env = Environment::default();
        env.credentials[2] = Some(Secret::new("at"));
        env.credentials[0] = Some(Secret::new("ck"));
        env.credentials[1] = Some(Secret::new(""));
        let err = credentials_from_env(&env).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("TWPROFILE_CONSUMER_SECRET, TWPROFILE_ACCESS_TOKEN_SECRET"));
        assert!(!text.contains("TWPROFILE_CONSUMER_KEY,"), "{text}");
    }
}
