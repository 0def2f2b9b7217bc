//! Reading the config file: only a regular file, at most 1 MiB, parsed with errors that give a
//! position and never a value, with warnings for loose permissions and unknown keys.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};

use super::{Identity, login_hint, shell_quote};
use crate::error::Error;
use crate::secret::Secret;
use crate::textfile;

/// The config file, for the reader: a file with a hundred accounts is a few kilobytes.
const CONFIG_FILE: textfile::Role = textfile::Role {
    name: "config file",
    hint: Some("point --config or TWPROFILE_CONFIG at a regular file"),
    max: 1024 * 1024,
    kind: crate::error::Kind::Config,
};

/// The keys a config file may have at the top, and in an account.
const TOP_KEYS: [&str; 3] = ["default_account", "api_base", "accounts"];

pub(super) const ACCOUNT_KEYS: [&str; 12] = [
    "consumer_key",
    "consumer_secret",
    "access_token",
    "access_token_secret",
    "screen_name",
    "user_id",
    "consumer_key_command",
    "consumer_secret_command",
    "access_token_command",
    "access_token_secret_command",
    "keyring",
    "keyring_entry",
];

/// The config file as written on disk.
///
/// Every value is read through a type whose errors never quote it: a secret pasted in the wrong
/// place must not end up in an error message.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct ConfigFile {
    /// Found while reading the file (loose permissions, unknown keys); not part of the TOML.
    #[serde(skip)]
    pub(super) warnings: Vec<String>,
    #[serde(default, deserialize_with = "text")]
    pub(super) default_account: Option<String>,
    #[serde(default, deserialize_with = "text")]
    pub(super) api_base: Option<String>,
    /// Shared, not copied, by each file `apply` resolves an account for (see [`load`]).
    #[serde(default, deserialize_with = "accounts")]
    pub(super) accounts: std::sync::Arc<BTreeMap<String, AccountEntry>>,
    #[serde(flatten)]
    pub(super) unknown: BTreeMap<String, IgnoredAny>,
}

impl ConfigFile {
    /// Account names, sorted.
    pub fn account_names(&self) -> Vec<&str> {
        self.accounts.keys().map(String::as_str).collect()
    }

    /// The account used when none is named: `default_account`, else the only one. An empty
    /// `default_account` (left by removing or renaming the default) is none, however many
    /// accounts remain: the default never moves by itself.
    pub fn default_account(&self) -> Option<&str> {
        match self.default_account.as_deref() {
            Some("") => None,
            Some(name) => Some(name),
            None if self.accounts.len() == 1 => self.accounts.keys().next().map(String::as_str),
            None => None,
        }
    }

    /// Whether the default was taken away on purpose (`default_account = ""`).
    pub fn default_unset(&self) -> bool {
        self.default_account.as_deref() == Some("")
    }

    /// Every credential of every account, so that none can be published or shown.
    fn remember_secrets(&self) {
        for entry in self.accounts.values() {
            for secret in [
                &entry.consumer_key,
                &entry.consumer_secret,
                &entry.access_token,
                &entry.access_token_secret,
            ]
            .into_iter()
            .flatten()
            {
                crate::secret::remember(secret.expose());
            }
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

    /// The credential store an account keeps its secrets in, if it names one this build knows.
    pub fn keyring_of(&self, name: &str) -> Option<super::keyring::Store> {
        self.keyring_name_of(name)
            .and_then(super::keyring::Store::parse)
    }

    /// The `keyring` an account's table names, as written (it may name no store).
    pub fn keyring_name_of(&self, name: &str) -> Option<&str> {
        self.accounts.get(name)?.keyring.as_deref()
    }

    /// The `<key>_command` keys account `name` sets.
    pub fn commands_of(&self, name: &str) -> Vec<&'static str> {
        self.accounts.get(name).map_or_else(Vec::new, |entry| {
            entry
                .credentials_set()
                .into_iter()
                .filter(|key| key.ends_with("_command"))
                .collect()
        })
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

#[derive(Clone, Debug, Default, Deserialize)]
pub(super) struct AccountEntry {
    pub(super) consumer_key: Option<Secret>,
    pub(super) consumer_secret: Option<Secret>,
    pub(super) access_token: Option<Secret>,
    pub(super) access_token_secret: Option<Secret>,
    /// `<key>_command`: the argv whose output is the credential (see `config::command`).
    #[serde(default, deserialize_with = "command")]
    pub(super) consumer_key_command: Option<Vec<String>>,
    #[serde(default, deserialize_with = "command")]
    pub(super) consumer_secret_command: Option<Vec<String>>,
    #[serde(default, deserialize_with = "command")]
    pub(super) access_token_command: Option<Vec<String>>,
    #[serde(default, deserialize_with = "command")]
    pub(super) access_token_secret_command: Option<Vec<String>>,
    /// The credential store holding the four credentials (see `config::keyring`).
    #[serde(default, deserialize_with = "text")]
    pub(super) keyring: Option<String>,
    /// The entry of that store (default: the account's name).
    #[serde(default, deserialize_with = "text")]
    pub(super) keyring_entry: Option<String>,
    #[serde(default, deserialize_with = "text")]
    pub(super) screen_name: Option<String>,
    #[serde(default, deserialize_with = "text")]
    pub(super) user_id: Option<String>,
    #[serde(flatten)]
    pub(super) unknown: BTreeMap<String, IgnoredAny>,
}

impl AccountEntry {
    /// The credential keys and `<key>_command`s the table sets, in that order.
    pub(super) fn credentials_set(&self) -> Vec<&'static str> {
        [
            ("consumer_key", self.consumer_key.is_some()),
            ("consumer_secret", self.consumer_secret.is_some()),
            ("access_token", self.access_token.is_some()),
            ("access_token_secret", self.access_token_secret.is_some()),
            ("consumer_key_command", self.consumer_key_command.is_some()),
            (
                "consumer_secret_command",
                self.consumer_secret_command.is_some(),
            ),
            ("access_token_command", self.access_token_command.is_some()),
            (
                "access_token_secret_command",
                self.access_token_secret_command.is_some(),
            ),
        ]
        .into_iter()
        .filter(|(_, set)| *set)
        .map(|(key, _)| key)
        .collect()
    }
}

/// A `<key>_command`: a list of strings, anything else refused without being quoted (a
/// secret pasted in its place must not reach an error message).
fn command<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Vec<String>>, D::Error> {
    const REFUSAL: &str = "a *_command is a list of strings, the program and its arguments: [\"pass\", \"show\", \"x/alice\"]";
    struct Argv;
    impl<'de> Visitor<'de> for Argv {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a list of strings")
        }
        fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<String>, A::Error> {
            let mut argv = Vec::new();
            while let Some(word) = seq.next_element::<Secret>()? {
                argv.push(word.expose().to_owned());
            }
            Ok(argv)
        }
        fn visit_str<E: de::Error>(self, _: &str) -> Result<Vec<String>, E> {
            Err(E::custom(REFUSAL))
        }
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Vec<String>, E> {
            Err(E::custom(REFUSAL))
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<Vec<String>, E> {
            Err(E::custom(REFUSAL))
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<Vec<String>, E> {
            Err(E::custom(REFUSAL))
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Vec<String>, E> {
            Err(E::custom(REFUSAL))
        }
        fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Vec<String>, A::Error> {
            Err(de::Error::custom(REFUSAL))
        }
    }
    deserializer.deserialize_any(Argv).map(Some)
}

/// A string value, refused without being quoted when it is anything else.
fn text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    Secret::deserialize(deserializer).map(|value| Some(value.expose().to_owned()))
}

/// `[accounts.NAME]` tables; anything else is refused without being quoted.
fn accounts<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<std::sync::Arc<BTreeMap<String, AccountEntry>>, D::Error> {
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
    deserializer
        .deserialize_any(NoEcho(
            Tables,
            "`accounts` must be a table of [accounts.NAME] tables",
        ))
        .map(std::sync::Arc::new)
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
        let close = closest_key(key, known)
            .map(|k| format!("; did you mean '{k}'?"))
            .unwrap_or_default();
        let named = shown_key(key);
        format!("unknown key {named} {place} in {shown} is ignored{close}")
    };
    let mut warnings: Vec<String> = file
        .unknown
        .keys()
        .map(|key| warn(key, "at the top level".to_owned(), &TOP_KEYS))
        .collect();
    for (name, entry) in file.accounts.iter() {
        warnings.extend(
            entry
                .unknown
                .keys()
                .map(|key| warn(key, format!("in [accounts.{name}]"), &ACCOUNT_KEYS)),
        );
    }
    warnings
}

/// An unknown key as a message may show it: quoted, or not at all when it does not look like a
/// key, since it may be a secret pasted in the wrong place.
pub(super) fn shown_key(key: &str) -> String {
    let looks_like_a_key = key.len() <= 32
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if looks_like_a_key {
        format!("'{key}'")
    } else {
        "(not shown: it may be a secret)".to_owned()
    }
}

/// The known key most like `key` (Jaro-Winkler 0.8 or more), for "did you mean" in the config
/// file and in profile files.
pub fn closest_key<'a>(key: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::jaro_winkler(key, k), *k))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

/// Reads and parses the config file; `Ok(None)` when there is none.
pub fn load(path: &Path) -> Result<Option<ConfigFile>, Error> {
    let Some(text) = read_text(path)? else {
        return Ok(None);
    };
    let mut parsed = PARSED.lock().unwrap_or_else(|e| e.into_inner());
    let (file, unknown) = match &*parsed {
        Some(last) if last.path == path && last.text == text => {
            (last.file.clone(), last.unknown.clone())
        }
        _ => {
            let file = parse_at(path, &text)?;
            file.remember_secrets();
            let unknown = unknown_key_warnings(&file, &path.display().to_string());
            *parsed = Some(Parsed {
                path: path.to_owned(),
                text,
                file: file.clone(),
                unknown: unknown.clone(),
            });
            (file, unknown)
        }
    };
    let mut file = file;
    file.warnings.extend(permission_warning(path));
    file.warnings.extend(unknown);
    Ok(Some(file))
}

/// The config text [`load`] parsed last, and what it made of it: `apply` resolves the account
/// of each file it is given, and a config of a thousand accounts is parsed (and its secrets
/// remembered) once, not once a file. The file is still opened and read, whole, each time.
static PARSED: std::sync::Mutex<Option<Parsed>> = std::sync::Mutex::new(None);

struct Parsed {
    path: std::path::PathBuf,
    text: String,
    file: ConfigFile,
    unknown: Vec<String>,
}

/// [`parse`], with the error naming the file.
pub(super) fn parse_at(path: &Path, text: &str) -> Result<ConfigFile, Error> {
    parse(text).map_err(|(line, column, message)| {
        Error::config(format!(
            "malformed config file {} at line {line}, column {column}: {message}",
            path.display()
        ))
    })
}

/// The text of the config file, `None` when there is none: see [`crate::textfile::read`].
pub(super) fn read_text(path: &Path) -> Result<Option<String>, Error> {
    textfile::read(path, &CONFIG_FILE)
}

pub(super) fn check_regular(path: &Path, meta: &std::fs::Metadata) -> Result<(), Error> {
    textfile::check_regular(path, meta, &CONFIG_FILE)
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

/// Reads the config file, which must exist: a missing one says how to create it.
pub fn load_required(path: &Path) -> Result<ConfigFile, Error> {
    load(path)?.ok_or_else(|| {
        Error::config(format!("no config file at {}", path.display())).with_hint(login_hint(path))
    })
}

/// Parses config text; errors give line, column and the parser's message but never the text
/// itself, which may hold a secret.
pub fn parse(text: &str) -> Result<ConfigFile, (usize, usize, String)> {
    toml::from_str(text).map_err(|e| {
        let (line, column) = textfile::position(text, e.span().map_or(0, |span| span.start));
        let message = e.message().replace('\n', " ").trim().to_owned();
        (line, column, message)
    })
}
